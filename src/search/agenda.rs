//! The agenda's columns of the index (first open promise's due date, oldest open complaint, birthday,
//! customer-since day) and today's agenda read from them alone.

use chrono::{DateTime, Utc};

use super::{NEVER, NO_DAY, SearchIndex};
use crate::domain::{AgendaDay, AgendaItem, Id};

pub(super) fn day_number(day: chrono::NaiveDate) -> i32 {
    use chrono::Datelike;
    day.num_days_from_ce()
}

pub(super) fn day_of(number: i32) -> Option<chrono::NaiveDate> {
    (number != NO_DAY)
        .then(|| chrono::NaiveDate::from_num_days_from_ce_opt(number))
        .flatten()
}

/// A day as `year * 10000 + month * 100 + day`: its month and day are the code modulo 10,000.
pub(super) fn date_code(day: chrono::NaiveDate) -> u32 {
    use chrono::Datelike;
    u32::try_from(day.year()).unwrap_or(0) * 10_000 + day.month() * 100 + day.day()
}

/// The day a [`date_code`] stands for.
pub(super) fn date_of_code(code: u32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(
        i32::try_from(code / 10_000).ok()?,
        code / 100 % 100,
        code % 100,
    )
}

pub(super) fn birthday_code(b: Option<crate::domain::Birthday>) -> u32 {
    b.map_or(0, |b| {
        let year = b.year.and_then(|y| u32::try_from(y).ok()).unwrap_or(0);
        year * 10_000 + u32::from(b.month) * 100 + u32::from(b.day)
    })
}

/// A customer's rhythm as the index keeps it: days, 0 for none (a rhythm longer than the column holds is
/// no rhythm to lapse from).
pub(super) fn rhythm_code(figures: &crate::domain::VisitStats) -> u16 {
    figures
        .recent
        .rhythm()
        .and_then(|r| u16::try_from(r).ok())
        .unwrap_or(0)
}

/// The days away after which a regular of each rhythm is lapsed, worked out once per rhythm for a scan
/// of a million customers (most share a few dozen rhythms).
#[derive(Default)]
pub(super) struct LapsedAfter(Vec<u32>);

impl LapsedAfter {
    pub(super) fn of(&mut self, loyalty: &crate::domain::Loyalty, rhythm: u16) -> u32 {
        let at = usize::from(rhythm);
        if self.0.len() <= at {
            self.0.resize(at + 1, u32::MAX);
        }
        if self.0[at] == u32::MAX {
            self.0[at] = loyalty.lapsed_after(u32::from(rhythm));
        }
        self.0[at]
    }
}

impl SearchIndex {
    /// Appends the derived agenda columns of slot `slot` (whose others are in place).
    pub(crate) fn push_derived(&mut self, slot: usize) {
        self.days
            .push(u64::from(self.birthday[slot]) << 32 | u64::from(self.since[slot]));
        self.pending
            .push(self.due[slot] != NO_DAY || self.complaint[slot] != NEVER);
    }

    /// Today's agenda from the index alone (no record is decoded): each thing on it with its customer's
    /// slot ([`SearchIndex::id_at`]; a customer's things in the order of the agenda's sections), in slot
    /// order. Slots hold until the index changes. `local_day` turns a time into the shop's day.
    pub fn agenda(
        &self,
        today: chrono::NaiveDate,
        local_day: impl Fn(DateTime<Utc>) -> chrono::NaiveDate,
    ) -> Vec<(u32, AgendaItem)> {
        let day = AgendaDay::new(today);
        let mut out = Vec::new();
        let mut items = Vec::with_capacity(4);
        // Slot by slot (five bytes read for most customers); the caller sorts what it shows.
        for (slot, &days) in self.days.iter().enumerate() {
            let (birthday, since) = ((days >> 32) as u32, days as u32);
            let dated = day.is_dated(birthday % 10_000, since % 10_000);
            let pending = self.pending[slot];
            if !(dated || pending) || !self.alive[slot] {
                continue;
            }
            // Read only when there is something to read: each is a miss in a column of a million.
            let (due, complaint) = if pending {
                (day_of(self.due[slot]), self.complaint[slot])
            } else {
                (None, NEVER)
            };
            // An open promise due later than this week, and no complaint: nothing for today.
            if !dated && complaint == NEVER && !due.is_some_and(|d| day.is_due(d)) {
                continue;
            }
            items.clear();
            day.items(
                due,
                (birthday != 0).then(|| {
                    let year = i32::try_from(birthday / 10_000).ok().filter(|&y| y != 0);
                    (birthday % 10_000, year)
                }),
                Some((since % 10_000, i32::try_from(since / 10_000).unwrap_or(0))),
                (complaint != NEVER)
                    .then(|| DateTime::from_timestamp_millis(complaint))
                    .flatten()
                    .map(&local_day),
                &mut items,
            );
            // The slot, not the id: an id read for each of tens of thousands of lines is a cache miss each;
            // the view reads the ids of the lines it shows.
            out.extend(items.iter().map(|&item| (slot as u32, item)));
        }
        out.extend(self.thanks(today));
        out
    }

    /// Whom to thank: each customer whose referral came for the first time in the last week, in the
    /// referrer's slot, naming the one they referred (read from the few who have a referrer, not the
    /// whole index).
    fn thanks(&self, today: chrono::NaiveDate) -> Vec<(u32, AgendaItem)> {
        let today_n = day_number(today);
        let mut out: Vec<(u32, AgendaItem)> = self
            .referrer
            .iter()
            .filter(|&(&slot, _)| self.alive[slot as usize])
            .filter_map(|(&slot, &referrer)| {
                let first = self.first_day[slot as usize];
                if first == NO_DAY || first > today_n || today_n - first > 6 {
                    return None;
                }
                let referrer_slot = self.slot_of(referrer)? as u32;
                Some((
                    referrer_slot,
                    AgendaItem::Thank {
                        referred: slot,
                        first: day_of(first)?,
                    },
                ))
            })
            .collect();
        // The map has no order of its own: in slot order, as the rest of the agenda.
        out.sort_unstable_by_key(|&(slot, item)| match item {
            AgendaItem::Thank { referred, .. } => (slot, referred),
            _ => (slot, 0),
        });
        out
    }

    /// The regulars past their own rhythm on `today` under `loyalty`'s rule, each with their slot, in slot
    /// order, from the index alone: the visit count, last visit and rhythm columns.
    /// ([`SearchIndex::consent_at`] gives the channels each agreed to.)
    pub fn lapsed(
        &self,
        today: chrono::NaiveDate,
        loyalty: &crate::domain::Loyalty,
        local_day: impl Fn(DateTime<Utc>) -> chrono::NaiveDate,
    ) -> Vec<(u32, AgendaItem)> {
        let min_visits = loyalty.lapsed.min_visits.max(2);
        // No one whose last visit is within the floor's days (and one more, for the time zone) is lapsed:
        // most customers are passed over on one comparison.
        let floor = i64::from(loyalty.lapsed.floor_days) - 1;
        let cutoff = today.and_hms_opt(0, 0, 0).map_or(i64::MAX, |t| {
            t.and_utc().timestamp_millis() - floor * 86_400_000
        });
        let midnight = cutoff.saturating_add(floor * 86_400_000);
        // Most regulars are well inside their rhythm: told apart on milliseconds, with a day's margin for
        // the time zone, before any time is turned into a local day.
        let mut after_of = LapsedAfter::default();
        let mut out = Vec::new();
        for slot in 0..self.ids.len() {
            let (visits, rhythm, last) = (self.visits[slot], self.rhythm[slot], self.last[slot]);
            if visits < min_visits || rhythm == 0 || last == NEVER || last > cutoff {
                continue;
            }
            let after = i64::from(after_of.of(loyalty, rhythm));
            if last >= midnight.saturating_sub((after - 1).saturating_mul(86_400_000)) {
                continue;
            }
            if !self.alive[slot] {
                continue;
            }
            let last_day = DateTime::from_timestamp_millis(last).map(&local_day);
            if let Some(lapse) = loyalty.lapse(visits, last_day, Some(u32::from(rhythm)), today) {
                out.push((
                    slot as u32,
                    AgendaItem::Lapsed {
                        days_since: lapse.days_since,
                        rhythm: lapse.rhythm,
                    },
                ));
            }
        }
        out
    }

    /// Every customer who agreed to be reached on `channel`, in slot order.
    pub fn consented(&self, channel: crate::domain::Channel) -> Vec<Id> {
        (0..self.ids.len())
            .filter(|&slot| self.alive[slot])
            .filter(|&slot| crate::domain::ConsentSet(self.consent[slot]).contains(channel))
            .map(|slot| self.ids[slot])
            .collect()
    }

    /// The channels the customer in slot `slot` agreed to be reached on.
    pub fn consent_at(&self, slot: u32) -> crate::domain::ConsentSet {
        crate::domain::ConsentSet(self.consent.get(slot as usize).copied().unwrap_or(0))
    }

    /// The customer in slot `slot` (from [`SearchIndex::agenda`]), if it is a live one.
    pub fn id_at(&self, slot: u32) -> Option<Id> {
        let slot = slot as usize;
        self.alive
            .get(slot)
            .copied()
            .unwrap_or(false)
            .then(|| self.ids[slot])
    }
}
