//! What the figures keep of when a customer comes: their latest visiting days (whose gaps are their
//! rhythm) and their visits per month over the last year (the card's sparkline). Both are kept current on
//! every write and recomputable from the visits; the loyalty rules (`loyalty.rs`) read them.

use chrono::{Datelike, NaiveDate};

/// How many of a customer's latest visiting days the figures keep to find their rhythm: enough for a
/// median, few enough that a habit that changed shows within weeks.
pub const RECENT_DAYS: usize = 16;

/// The latest distinct days a customer came (at most [`RECENT_DAYS`]), oldest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecentDays {
    days: [i32; RECENT_DAYS],
    len: u8,
}

impl Default for RecentDays {
    fn default() -> Self {
        RecentDays {
            days: [0; RECENT_DAYS],
            len: 0,
        }
    }
}

impl RecentDays {
    /// The days, oldest first.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.numbers()
            .iter()
            .filter_map(|&n| NaiveDate::from_num_days_from_ce_opt(n))
    }

    /// The days as numbers (days since 1 January of year 1), oldest first.
    pub fn numbers(&self) -> &[i32] {
        &self.days[..usize::from(self.len)]
    }

    /// Remembers a visit on `day`: a day already there, or older than all of a full set, changes nothing.
    pub fn add(&mut self, day: NaiveDate) {
        self.add_number(day.num_days_from_ce());
    }

    /// [`RecentDays::add`] for a day given as its number.
    pub fn add_number(&mut self, n: i32) {
        let len = usize::from(self.len);
        let pos = match self.days[..len].binary_search(&n) {
            Ok(_) => return,
            Err(pos) => pos,
        };
        if len < RECENT_DAYS {
            self.days.copy_within(pos..len, pos + 1);
            self.days[pos] = n;
            self.len += 1;
        } else if pos > 0 {
            // Full: the oldest goes, the new day takes its place in order.
            self.days.copy_within(1..pos, 0);
            self.days[pos - 1] = n;
        }
    }

    /// Their usual interval between visits, in days: the median of the gaps between these days (the
    /// lower of the two middle ones); `None` with fewer than two days.
    pub fn rhythm(&self) -> Option<u32> {
        let days = self.numbers();
        let mut gaps: Vec<u32> = days.windows(2).map(|w| w[1].abs_diff(w[0])).collect();
        if gaps.is_empty() {
            return None;
        }
        gaps.sort_unstable();
        Some(gaps[(gaps.len() - 1) / 2])
    }
}

/// Visits per month for the twelve months up to the latest counted (for the card's sparkline).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MonthlyVisits {
    /// The latest month counted, as `year * 12 + month - 1`; 0 when nothing is.
    pub last_month: i32,
    /// `counts[11]` is `last_month`, `counts[0]` eleven months before.
    pub counts: [u16; 12],
}

/// A month as one number (`year * 12 + month - 1`), so months subtract.
pub fn month_number(day: NaiveDate) -> i32 {
    day.year() * 12 + day.month0() as i32
}

impl MonthlyVisits {
    /// Counts a visit on `day`; one older than the twelve months kept changes nothing.
    pub fn add(&mut self, day: NaiveDate) {
        let month = month_number(day);
        if self.last_month == 0 || month > self.last_month {
            self.shift_to(month);
        }
        let back = self.last_month - month;
        if (0..12).contains(&back) {
            let slot = &mut self.counts[11 - back as usize];
            *slot = slot.saturating_add(1);
        }
    }

    fn shift_to(&mut self, month: i32) {
        let by = if self.last_month == 0 {
            12
        } else {
            (month - self.last_month).clamp(0, 12) as usize
        };
        self.counts.rotate_left(by);
        for c in &mut self.counts[12 - by..] {
            *c = 0;
        }
        self.last_month = month;
    }

    /// The twelve months ending with `today`'s, oldest first.
    pub fn up_to(&self, today: NaiveDate) -> [u16; 12] {
        let mut moved = *self;
        let month = month_number(today);
        if moved.last_month == 0 {
            return [0; 12];
        }
        if month > moved.last_month {
            moved.shift_to(month);
        } else if month < moved.last_month {
            // A clock set back: show what there is, up to the latest month counted.
            return moved.counts;
        }
        moved.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Days from `start`, every `every` days, `n` of them.
    fn every(start: NaiveDate, every: u64, n: u64) -> RecentDays {
        let mut recent = RecentDays::default();
        for i in 0..n {
            recent.add(start + chrono::Days::new(i * every));
        }
        recent
    }

    #[test]
    fn a_rhythm_is_the_median_gap_of_the_latest_days() {
        assert_eq!(RecentDays::default().rhythm(), None);
        assert_eq!(every(d(2026, 1, 1), 7, 1).rhythm(), None);
        assert_eq!(every(d(2026, 1, 1), 7, 2).rhythm(), Some(7));
        assert_eq!(every(d(2026, 1, 1), 30, 40).rhythm(), Some(30));
        // One long holiday does not change a weekly regular's rhythm.
        let mut recent = every(d(2026, 1, 1), 7, 6);
        recent.add(d(2026, 5, 1));
        assert_eq!(recent.rhythm(), Some(7));
        // Two visits the same day are one day.
        let mut twice = every(d(2026, 1, 1), 3, 3);
        twice.add(d(2026, 1, 4));
        assert_eq!(twice.numbers().len(), 3);
        // Only the latest days count: a habit that changed shows.
        let mut changed = every(d(2020, 1, 1), 30, 10);
        for i in 0..RECENT_DAYS as u64 {
            changed.add(d(2021, 1, 1) + chrono::Days::new(i * 2));
        }
        assert_eq!(changed.numbers().len(), RECENT_DAYS);
        assert_eq!(changed.rhythm(), Some(2));
        // A full set: a day older than all of them changes nothing, one in between takes its place.
        let mut full = every(d(2026, 1, 1), 2, RECENT_DAYS as u64);
        let before = full;
        full.add(d(2025, 12, 1));
        assert_eq!(full, before);
        full.add(d(2026, 1, 4));
        assert_eq!(full.numbers().len(), RECENT_DAYS);
        assert!(full.numbers().windows(2).all(|w| w[0] < w[1]));
        assert_eq!(full.days().next(), Some(d(2026, 1, 3)), "the oldest went");
        assert!(full.days().any(|day| day == d(2026, 1, 4)));
        // Days may come out of order (a bulk load): kept sorted, the oldest dropped.
        let mut shuffled = RecentDays::default();
        for i in [5u64, 1, 9, 3, 7] {
            shuffled.add(d(2026, 1, 1) + chrono::Days::new(i));
        }
        assert_eq!(shuffled.rhythm(), Some(2));
        assert!(shuffled.numbers().windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn months_roll_over_the_year() {
        let mut months = MonthlyVisits::default();
        assert_eq!(months.up_to(d(2026, 12, 2)), [0; 12]);
        months.add(d(2025, 11, 30)); // more than twelve months before December 2026's window
        months.add(d(2026, 1, 5));
        months.add(d(2026, 1, 6));
        months.add(d(2026, 11, 2));
        let shown = months.up_to(d(2026, 12, 2));
        assert_eq!(shown[0], 2, "January 2026");
        assert_eq!(
            shown.iter().sum::<u16>(),
            3,
            "November 2025 is out of the window"
        );
        assert_eq!(shown[10], 1, "November 2026");
        assert_eq!(shown[11], 0, "December 2026");
        // Older than the window once it moved on: not counted, nothing panics.
        months.add(d(2020, 1, 1));
        assert_eq!(months.up_to(d(2026, 12, 2)), shown);
        // A year with no visit since: all gone.
        assert_eq!(months.up_to(d(2028, 1, 1)), [0; 12]);
    }
}
