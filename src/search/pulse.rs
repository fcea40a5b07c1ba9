//! The shop's pulse, read from the index's columns in one pass: customers by tier, new and returning
//! visits per month over the last year, and where the regulars stand against their own rhythm.

use chrono::{DateTime, NaiveDate, Utc};

use super::agenda::{date_code, day_number};
use super::{NEVER, NO_DAY, SearchIndex};
use crate::domain::{Loyalty, month_number};

/// The visits of one month: by customers who came for the first time, and by those who came back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MonthPulse {
    /// The month, as `year * 12 + month - 1` ([`crate::domain::month_number`]).
    pub month: i32,
    /// First visits ever made that month.
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
/// Day 0 of the Unix clock, as a number of days since 1 January of year 1.
const UNIX_DAY: i64 = 719_163;

impl SearchIndex {
    /// The shop's pulse on `today` under `loyalty`'s tiers and lapsed rule, from the index alone.
    /// `local_day` turns a time into the shop's day; it is asked only about the few last visits whose
    /// UTC day leaves a regular's standing in doubt.
    pub fn pulse(
        &self,
        today: NaiveDate,
        loyalty: &Loyalty,
        local_day: impl Fn(DateTime<Utc>) -> NaiveDate,
    ) -> Pulse {
        let now_month = month_number(today);
        let first_month = now_month - 11;
        let mut months = [MonthPulse::default(); 12];
        for (i, m) in months.iter_mut().enumerate() {
            m.month = first_month + i as i32;
        }
        // Each month's first day as a day number, and the day after the last month: a first visit's month
        // is found among thirteen numbers, not by turning each into a date.
        let bounds: Vec<i32> = months
            .iter()
            .map(|m| m.first_day().map_or(i32::MAX, day_number))
            .chain(std::iter::once(
                MonthPulse {
                    month: now_month + 1,
                    ..MonthPulse::default()
                }
                .first_day()
                .map_or(i32::MAX, day_number),
            ))
            .collect();
        let mut visits = [0u64; 12];
        let reach: Vec<(u32, u32)> = loyalty
            .tier_reach(today)
            .into_iter()
            .map(|(since, visits)| {
                (
                    since.map_or(0, |d| {
                        if d == NaiveDate::MAX {
                            u32::MAX
                        } else {
                            date_code(d)
                        }
                    }),
                    visits.unwrap_or(u32::MAX),
                )
            })
            .collect();
        let mut tiers = vec![0u32; reach.len().max(1)];
        let min_visits = loyalty.lapsed.min_visits.max(2);
        let today_n = i64::from(day_number(today));
        let mut after_of: Vec<u32> = Vec::new();
        let mut regulars = RegularsPulse::default();
        let mut customers = 0u32;
        for slot in 0..self.ids.len() {
            if !self.alive[slot] {
                continue;
            }
            customers += 1;
            let count = self.visits[slot];
            let since = self.since[slot];
            let tier = reach
                .iter()
                .rposition(|&(latest, v)| since <= latest || count >= v)
                .unwrap_or(0);
            tiers[tier] += 1;

            let m = &self.months[slot];
            if m.last_month >= first_month {
                for (k, &c) in m.counts.iter().enumerate() {
                    let at = m.last_month - 11 + k as i32 - first_month;
                    if let Ok(at) = usize::try_from(at)
                        && at < 12
                    {
                        visits[at] += u64::from(c);
                    }
                }
            }
            let first = self.first_day[slot];
            if first != NO_DAY && first >= bounds[0] && first < bounds[12] {
                let at = bounds.partition_point(|&b| b <= first) - 1;
                months[at].new += 1;
            }

            let (rhythm, last) = (self.rhythm[slot], self.last[slot]);
            if count < min_visits || rhythm == 0 || last == NEVER {
                continue;
            }
            let rhythm_days = usize::from(rhythm);
            if after_of.len() <= rhythm_days {
                after_of.resize(rhythm_days + 1, u32::MAX);
            }
            if after_of[rhythm_days] == u32::MAX {
                after_of[rhythm_days] = loyalty.lapsed_after(u32::from(rhythm));
            }
            let (rhythm, after) = (i64::from(rhythm), i64::from(after_of[rhythm_days]));
            // The shop's day of the last visit is its UTC day or one either side: decided on the UTC day
            // unless that one day could change the answer.
            let utc_since = today_n - (last.div_euclid(DAY_MS) + UNIX_DAY);
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
                match DateTime::from_timestamp_millis(last).map(&local_day) {
                    Some(day) => standing(today_n - i64::from(day_number(day))),
                    None => standing(utc_since),
                }
            };
            match standing {
                0 => regulars.within += 1,
                1 => regulars.due += 1,
                _ => regulars.lapsed += 1,
            }
        }
        for (m, &total) in months.iter_mut().zip(&visits) {
            let total = u32::try_from(total).unwrap_or(u32::MAX);
            // A first visit counted in a month the customer's figures no longer hold cannot happen (the
            // figures keep the twelve months up to the last visit); saturate all the same.
            m.returning = total.saturating_sub(m.new);
        }
        Pulse {
            today,
            customers,
            tiers,
            months,
            regulars,
        }
    }
}
