//! The shop's pulse, read from the index's columns in one pass: customers by tier, new and returning
//! visits per month over the last year, and where the regulars stand against their own rhythm.

use chrono::{DateTime, NaiveDate, Utc};

use super::agenda::{LapsedAfter, date_code, date_of_code, day_number};
use super::{NEVER, NO_DAY, SearchIndex};
use crate::domain::{Loyalty, month_number};

/// The visits of one month: by customers who came for the first time, and by those who came back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MonthPulse {
    /// The month, as `year * 12 + month - 1` ([`crate::domain::month_number`]).
    pub month: i32,
    /// First visits made that month by new customers: those who became customers within
    /// [`NEW_WITHIN_DAYS`] of it (a regular of years brought in by an import is not new at their first
    /// visit logged here).
    pub new: u32,
    /// Every other visit that month.
    pub returning: u32,
}

impl MonthPulse {
    /// The month's first day.
    pub fn first_day(&self) -> Option<NaiveDate> {
        let month = u32::try_from(self.month.rem_euclid(12)).ok()? + 1;
        NaiveDate::from_ymd_opt(self.month.div_euclid(12), month, 1)
    }
}

/// Where the regulars stand (those with the lapsed rule's minimum visits and a rhythm).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RegularsPulse {
    /// Back within their usual interval: their last visit is at most their rhythm's days ago,
    pub within: u32,
    /// past it, but not yet lapsed,
    pub due: u32,
    /// and lapsed (the rule of `regulars lapsed`).
    pub lapsed: u32,
}

/// The shop's pulse on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pulse {
    pub today: NaiveDate,
    pub customers: u32,
    /// How many customers are on each tier, in the ladder's order.
    pub tiers: Vec<u32>,
    /// The twelve months up to today's, oldest first (a visit's month is its UTC day's, as in the figures).
    pub months: [MonthPulse; 12],
    pub regulars: RegularsPulse,
}

const DAY_MS: i64 = 86_400_000;
/// How long before a first visit someone may have become a customer and still come as a new one.
pub const NEW_WITHIN_DAYS: i32 = 31;
/// Day 0 of the Unix clock, as a number of days since 1 January of year 1.
const UNIX_DAY: i64 = 719_163;

/// What one pass over a range of slots counts; two halves of the index are counted side by side and
/// added up.
#[derive(Clone, Debug, Default)]
struct Tally {
    customers: u32,
    tiers: Vec<u32>,
    visits: [u64; 12],
    new: [u32; 12],
    regulars: RegularsPulse,
}

impl Tally {
    fn add(mut self, other: Tally) -> Tally {
        self.customers += other.customers;
        for (a, b) in self.tiers.iter_mut().zip(other.tiers) {
            *a += b;
        }
        for (a, b) in self.visits.iter_mut().zip(other.visits) {
            *a += b;
        }
        for (a, b) in self.new.iter_mut().zip(other.new) {
            *a += b;
        }
        self.regulars.within += other.regulars.within;
        self.regulars.due += other.regulars.due;
        self.regulars.lapsed += other.regulars.lapsed;
        self
    }
}

/// What the pass needs to know of the day and the rules, worked out once.
struct Rules<'a, F> {
    today_n: i64,
    first_month: i32,
    /// Each month's first day as a day number, and the day after the last month: a first visit's month
    /// is found among thirteen numbers, not by turning each into a date.
    bounds: [i32; 13],
    /// Per tier, the latest customer-since code and the visits that earn it.
    reach: Vec<(u32, u32)>,
    min_visits: u32,
    loyalty: &'a Loyalty,
    local_day: F,
}

impl SearchIndex {
    /// The shop's pulse on `today` under `loyalty`'s tiers and lapsed rule, from the index alone.
    /// `local_day` turns a time into the shop's day; it is asked only about the few last visits whose
    /// UTC day leaves a regular's standing in doubt.
    pub fn pulse(
        &self,
        today: NaiveDate,
        loyalty: &Loyalty,
        local_day: impl Fn(DateTime<Utc>) -> NaiveDate + Sync,
    ) -> Pulse {
        // Two halves side by side on a big index (a million customers: 28 ms on one core).
        self.pulse_in_halves(today, loyalty, local_day, self.ids.len() >= 100_000)
    }

    /// [`SearchIndex::pulse`], counted in one pass or in two halves side by side.
    pub(crate) fn pulse_in_halves(
        &self,
        today: NaiveDate,
        loyalty: &Loyalty,
        local_day: impl Fn(DateTime<Utc>) -> NaiveDate + Sync,
        halves: bool,
    ) -> Pulse {
        let now_month = month_number(today);
        let first_month = now_month - 11;
        let mut months = [MonthPulse::default(); 12];
        for (i, m) in months.iter_mut().enumerate() {
            m.month = first_month + i as i32;
        }
        let mut bounds = [i32::MAX; 13];
        for (i, b) in bounds.iter_mut().enumerate() {
            let month = MonthPulse {
                month: first_month + i as i32,
                ..MonthPulse::default()
            };
            *b = month.first_day().map_or(i32::MAX, day_number);
        }
        let reach = loyalty
            .tier_reach(today)
            .into_iter()
            .map(|(since, visits)| {
                let since = match since {
                    Some(d) if d == NaiveDate::MAX => u32::MAX,
                    Some(d) => date_code(d),
                    None => 0,
                };
                (since, visits.unwrap_or(u32::MAX))
            })
            .collect();
        let rules = Rules {
            today_n: i64::from(day_number(today)),
            first_month,
            bounds,
            reach,
            min_visits: loyalty.lapsed.min_visits.max(2),
            loyalty,
            local_day,
        };
        let n = self.ids.len();
        let tally = if halves {
            std::thread::scope(|s| {
                let rules = &rules;
                let second = s.spawn(move || self.tally(n / 2..n, rules));
                let first = self.tally(0..n / 2, rules);
                // A thread that could not finish: its half counted here instead.
                first.add(
                    second
                        .join()
                        .unwrap_or_else(|_| self.tally(n / 2..n, rules)),
                )
            })
        } else {
            self.tally(0..n, &rules)
        };
        for (i, m) in months.iter_mut().enumerate() {
            let total = u32::try_from(tally.visits[i]).unwrap_or(u32::MAX);
            m.new = tally.new[i];
            // Every first visit counted is a visit of its month in the figures; saturate all the same.
            m.returning = total.saturating_sub(m.new);
        }
        Pulse {
            today,
            customers: tally.customers,
            tiers: if tally.tiers.is_empty() {
                vec![0]
            } else {
                tally.tiers
            },
            months,
            regulars: tally.regulars,
        }
    }

    /// Counts the live customers in `slots`.
    fn tally<F: Fn(DateTime<Utc>) -> NaiveDate>(
        &self,
        slots: std::ops::Range<usize>,
        rules: &Rules<'_, F>,
    ) -> Tally {
        let mut t = Tally {
            tiers: vec![0; rules.reach.len()],
            ..Tally::default()
        };
        let mut after_of = LapsedAfter::default();
        for slot in slots {
            if !self.alive[slot] {
                continue;
            }
            t.customers += 1;
            let count = self.visits[slot];
            let since = self.since[slot];
            if let Some(tier) = rules
                .reach
                .iter()
                .rposition(|&(latest, v)| since <= latest || count >= v)
            {
                t.tiers[tier] += 1;
            } else if let Some(first) = t.tiers.first_mut() {
                *first += 1;
            }

            let m = &self.months[slot];
            if m.last_month >= rules.first_month {
                for (k, &c) in m.counts.iter().enumerate() {
                    let at = m.last_month - 11 + k as i32 - rules.first_month;
                    if let Ok(at) = usize::try_from(at)
                        && at < 12
                    {
                        t.visits[at] += u64::from(c);
                    }
                }
            }
            let first = self.first_day[slot];
            let bounds = &rules.bounds;
            if first != NO_DAY && first >= bounds[0] && first < bounds[12] {
                let since_day = date_of_code(since).map_or(i32::MIN, day_number);
                if since_day >= first - NEW_WITHIN_DAYS {
                    let at = bounds.partition_point(|&b| b <= first) - 1;
                    t.new[at] += 1;
                }
            }

            let (rhythm, last) = (self.rhythm[slot], self.last[slot]);
            if count < rules.min_visits || rhythm == 0 || last == NEVER {
                continue;
            }
            let after = i64::from(after_of.of(rules.loyalty, rhythm));
            let rhythm = i64::from(rhythm);
            // The shop's day of the last visit is its UTC day or one either side: decided on the UTC day
            // unless that one day could change the answer.
            let utc_since = rules.today_n - (last.div_euclid(DAY_MS) + UNIX_DAY);
            let standing = |days: i64| {
                if days <= rhythm {
                    0
                } else if days > after {
                    2
                } else {
                    1
                }
            };
            let standing = if standing(utc_since - 1) == standing(utc_since + 1) {
                standing(utc_since)
            } else {
                match DateTime::from_timestamp_millis(last).map(&rules.local_day) {
                    Some(day) => standing(rules.today_n - i64::from(day_number(day))),
                    None => standing(utc_since),
                }
            };
            match standing {
                0 => t.regulars.within += 1,
                1 => t.regulars.due += 1,
                _ => t.regulars.lapsed += 1,
            }
        }
        t
    }
}
