//! Today's agenda: what the counter should know of each customer today. A pure rule over the compact facts
//! the search index keeps per customer (no record is decoded): the first open promise's due date, the
//! birthday, the day they became a customer and the oldest open complaint.

use chrono::{Datelike, NaiveDate};

use super::Birthday;

/// How far ahead the agenda looks: promises due and birthdays in the next seven days.
pub const AHEAD_DAYS: u32 = 7;

/// What the index knows of one customer, for the agenda.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AgendaFacts {
    /// The due date of their first open promise.
    pub first_due: Option<NaiveDate>,
    pub birthday: Option<Birthday>,
    pub since: Option<NaiveDate>,
    /// The local day their oldest open complaint was made.
    pub complaint: Option<NaiveDate>,
}

/// One line of the agenda.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgendaItem {
    /// Their first open promise is overdue (due before today) or due today or in the next seven days.
    Promise { due: NaiveDate, overdue: bool },
    /// A birthday today or in the next seven days (29 February kept on 28 February in other years).
    Birthday {
        in_days: u32,
        date: NaiveDate,
        turning: Option<u32>,
    },
    /// Today they have been customers for a whole number of years (29 February on 28 February in other
    /// years).
    Anniversary { years: u32 },
    /// A complaint waiting for an answer since that day.
    Complaint { since: NaiveDate },
    /// A regular past their own rhythm: lapsed (see [`super::Loyalty::lapse`]).
    Lapsed { days_since: u32, rhythm: u32 },
    /// Someone they referred came for the first time on `first`, within the last week: thank them. The
    /// one they referred is in slot `referred` of the search index.
    Thank { referred: u32, first: NaiveDate },
}

impl AgendaItem {
    /// How far past their rhythm a lapsed regular is ([`super::lateness`]); 0 for any other line.
    pub fn lateness(&self) -> f64 {
        match *self {
            AgendaItem::Lapsed { days_since, rhythm } => super::lateness(days_since, rhythm),
            _ => 0.0,
        }
    }

    /// Whether it is for `today`: an overdue promise or one due today, a birthday today, an anniversary.
    pub fn is_today(&self, today: NaiveDate) -> bool {
        match *self {
            AgendaItem::Promise { due, overdue } => overdue || due == today,
            AgendaItem::Birthday { in_days, .. } => in_days == 0,
            AgendaItem::Anniversary { .. } => true,
            AgendaItem::Complaint { .. } | AgendaItem::Lapsed { .. } | AgendaItem::Thank { .. } => {
                false
            }
        }
    }
}

/// What the agenda says of one customer on `today`, in the order of its sections (promises, birthdays,
/// anniversaries, complaints).
pub fn agenda_items(facts: &AgendaFacts, today: NaiveDate) -> Vec<AgendaItem> {
    let mut items = Vec::new();
    AgendaDay::new(today).items(
        facts.first_due,
        facts
            .birthday
            .map(|b| (month_day(b.month.into(), b.day.into()), b.year)),
        facts
            .since
            .map(|d| (month_day(d.month(), d.day()), d.year())),
        facts.complaint,
        &mut items,
    );
    items
}

/// A day of the year as `month * 100 + day` (1231 at most).
pub fn month_day(month: u32, day: u32) -> u32 {
    month * 100 + day
}

/// The agenda's rule for one day, worked out once: which days of the year a birthday is this week's (and
/// when), which an anniversary is today's. Then each customer costs a few table reads, so the agenda of a
/// million customers is made within a frame.
pub struct AgendaDay {
    today: NaiveDate,
    /// By `month * 100 + day`: the day this week a birthday on it falls, and in how many days.
    birthdays: Vec<Option<(NaiveDate, u32)>>,
    /// By `month * 100 + day`: an anniversary on it is today.
    anniversaries: Vec<bool>,
}

impl AgendaDay {
    pub fn new(today: NaiveDate) -> AgendaDay {
        let mut birthdays = vec![None; 1232];
        for n in 0..=AHEAD_DAYS {
            let Some(day) = today.checked_add_days(chrono::Days::new(n.into())) else {
                continue;
            };
            birthdays[month_day(day.month(), day.day()) as usize] = Some((day, n));
            // 29 February is kept on 28 February in other years.
            if day.month() == 2 && day.day() == 28 && day.with_day(29).is_none() {
                birthdays[229] = Some((day, n));
            }
        }
        let mut anniversaries = vec![false; 1232];
        anniversaries[month_day(today.month(), today.day()) as usize] = true;
        if today.month() == 2 && today.day() == 28 && today.with_day(29).is_none() {
            anniversaries[229] = true;
        }
        AgendaDay {
            today,
            birthdays,
            anniversaries,
        }
    }

    /// Whether a birthday or a customer-since day on these days of the year (`month * 100 + day`, 0 for
    /// none) could be on today's agenda.
    pub fn is_dated(&self, birthday: u32, since: u32) -> bool {
        self.birthdays
            .get(birthday as usize)
            .is_some_and(Option::is_some)
            || self
                .anniversaries
                .get(since as usize)
                .copied()
                .unwrap_or(false)
    }

    /// Whether a promise due on `due` is on the agenda: overdue, or due today or in the next seven days
    /// (the same week as the birthdays').
    pub fn is_due(&self, due: NaiveDate) -> bool {
        (due - self.today).num_days() <= i64::from(AHEAD_DAYS)
    }

    /// Appends what the agenda says of one customer: their first open promise's due date, birthday (day
    /// of the year and year), customer-since (day of the year and year) and oldest open complaint's day.
    pub fn items(
        &self,
        first_due: Option<NaiveDate>,
        birthday: Option<(u32, Option<i32>)>,
        since: Option<(u32, i32)>,
        complaint: Option<NaiveDate>,
        out: &mut Vec<AgendaItem>,
    ) {
        if let Some(due) = first_due
            && self.is_due(due)
        {
            out.push(AgendaItem::Promise {
                due,
                overdue: due < self.today,
            });
        }
        if let Some((md, year)) = birthday
            && let Some(&Some((date, in_days))) = self.birthdays.get(md as usize)
        {
            out.push(AgendaItem::Birthday {
                in_days,
                date,
                turning: year.and_then(|y| u32::try_from(date.year() - y).ok()),
            });
        }
        if let Some((md, year)) = since
            && self
                .anniversaries
                .get(md as usize)
                .copied()
                .unwrap_or(false)
            && let Ok(years) = u32::try_from(self.today.year() - year)
            && years > 0
        {
            out.push(AgendaItem::Anniversary { years });
        }
        if let Some(since) = complaint {
            out.push(AgendaItem::Complaint { since });
        }
    }
}

/// How many whole years a customer since `since` has been one today, when today is the day (at least one
/// year; 29 February on 28 February in other years).
pub fn anniversary(since: NaiveDate, today: NaiveDate) -> Option<u32> {
    let years = u32::try_from(today.year() - since.year()).ok()?;
    if years == 0 {
        return None;
    }
    let this_year = NaiveDate::from_ymd_opt(today.year(), since.month(), since.day())
        .or_else(|| NaiveDate::from_ymd_opt(today.year(), since.month(), 28))?;
    (this_year == today).then_some(years)
}

/// Whether a promise due on `due` falls in the agenda of `today` (see [`AgendaDay::is_due`]).
pub fn due_this_week(due: NaiveDate, today: NaiveDate) -> bool {
    (due - today).num_days() <= i64::from(AHEAD_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::birthday_soon;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_agenda_of_one_customer_on_a_given_day() {
        let today = d(2026, 12, 2);
        let none = AgendaFacts::default();
        assert!(agenda_items(&none, today).is_empty());
        // Promises: overdue, due today (not overdue), on the seventh day ahead (in, as a birthday that
        // day is), on the eighth (out).
        for (due, expected) in [
            (d(2026, 11, 30), Some(true)),
            (today, Some(false)),
            (d(2026, 12, 9), Some(false)),
            (d(2026, 12, 10), None),
        ] {
            let facts = AgendaFacts {
                first_due: Some(due),
                ..none
            };
            let got = agenda_items(&facts, today).first().map(|i| match i {
                AgendaItem::Promise { overdue, .. } => *overdue,
                other => panic!("{other:?}"),
            });
            assert_eq!(got, expected, "due {due}");
        }
        // All four at once, in the order of the sections.
        let facts = AgendaFacts {
            first_due: Some(today),
            birthday: Some(Birthday {
                day: 5,
                month: 12,
                year: Some(1980),
            }),
            since: Some(d(2016, 12, 2)),
            complaint: Some(d(2026, 11, 3)),
        };
        assert_eq!(
            agenda_items(&facts, today),
            vec![
                AgendaItem::Promise {
                    due: today,
                    overdue: false
                },
                AgendaItem::Birthday {
                    in_days: 3,
                    date: d(2026, 12, 5),
                    turning: Some(46)
                },
                AgendaItem::Anniversary { years: 10 },
                AgendaItem::Complaint {
                    since: d(2026, 11, 3)
                },
            ]
        );
    }

    #[test]
    fn anniversaries_fall_on_the_day_with_29_february_on_the_28th() {
        for (since, today, expected) in [
            (d(2016, 12, 2), d(2026, 12, 2), Some(10)),
            (d(2026, 12, 2), d(2026, 12, 2), None), // new today: not an anniversary
            (d(2016, 12, 3), d(2026, 12, 2), None),
            (d(2020, 2, 29), d(2027, 2, 28), Some(7)),
            (d(2020, 2, 29), d(2028, 2, 29), Some(8)),
            (d(2020, 2, 29), d(2028, 2, 28), None),
            (d(2025, 12, 31), d(2026, 12, 31), Some(1)),
            (d(2025, 1, 1), d(2026, 1, 1), Some(1)),
        ] {
            assert_eq!(anniversary(since, today), expected, "{since} on {today}");
        }
    }

    /// The day's tables agree with the plain rules (`birthday_soon`, `anniversary`) for every birthday and
    /// customer-since day of the year, on every day of a leap year and of the year after.
    #[test]
    fn the_days_tables_agree_with_the_plain_rules() {
        let mut today = d(2027, 12, 25);
        while today < d(2029, 1, 5) {
            let day = AgendaDay::new(today);
            for (month, last) in [(1, 31), (2, 29), (3, 31), (6, 30), (12, 31)] {
                for dom in 1..=last {
                    let b = Birthday {
                        day: dom as u8,
                        month: month as u8,
                        year: Some(1980),
                    };
                    let mut items = Vec::new();
                    day.items(
                        None,
                        Some((month_day(month, dom), Some(1980))),
                        None,
                        None,
                        &mut items,
                    );
                    let expected =
                        birthday_soon(b, today, AHEAD_DAYS).map(|s| AgendaItem::Birthday {
                            in_days: s.in_days,
                            date: s.date,
                            turning: s.turning,
                        });
                    assert_eq!(items.first().copied(), expected, "{b:?} on {today}");
                    if let Some(since) = NaiveDate::from_ymd_opt(2020, month, dom) {
                        let mut items = Vec::new();
                        day.items(
                            None,
                            None,
                            Some((month_day(month, dom), 2020)),
                            None,
                            &mut items,
                        );
                        let expected = anniversary(since, today)
                            .map(|years| AgendaItem::Anniversary { years });
                        assert_eq!(items.first().copied(), expected, "since {since} on {today}");
                    }
                }
            }
            today = today.succ_opt().unwrap();
        }
    }

    #[test]
    fn birthdays_across_the_year_end_and_29_february() {
        let at = |day, month, today| {
            agenda_items(
                &AgendaFacts {
                    birthday: Some(Birthday {
                        day,
                        month,
                        year: None,
                    }),
                    ..AgendaFacts::default()
                },
                today,
            )
        };
        assert!(matches!(
            at(2, 1, d(2026, 12, 28)).as_slice(),
            [AgendaItem::Birthday { in_days: 5, .. }]
        ));
        assert!(matches!(
            at(29, 2, d(2027, 2, 28)).as_slice(),
            [AgendaItem::Birthday { in_days: 0, .. }]
        ));
        assert!(at(29, 2, d(2027, 2, 20)).is_empty());
        assert!(at(1, 12, d(2026, 12, 2)).is_empty(), "yesterday's is gone");
        let today = d(2026, 12, 2);
        assert!(at(2, 12, today)[0].is_today(today));
        assert!(!at(3, 12, today)[0].is_today(today));
        let promise = |due, overdue| AgendaItem::Promise { due, overdue };
        assert!(promise(d(2026, 12, 1), true).is_today(today));
        assert!(promise(today, false).is_today(today));
        assert!(!promise(d(2026, 12, 3), false).is_today(today));
        assert!(AgendaItem::Anniversary { years: 3 }.is_today(today));
        assert!(!AgendaItem::Complaint { since: today }.is_today(today));
    }
}
