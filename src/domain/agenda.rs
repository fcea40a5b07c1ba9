//! Today's agenda: what the counter should know of each customer today. A pure rule over the compact facts
//! the search index keeps per customer (no record is decoded): the first open promise's due date, the
//! birthday, the day they became a customer and the oldest open complaint.

use chrono::{Datelike, NaiveDate};

use super::{Birthday, birthday_soon};

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
    /// Their first open promise is overdue (due before today) or due within the week.
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
}

impl AgendaItem {
    /// Whether it is for `today`: an overdue promise or one due today, a birthday today, an anniversary.
    pub fn is_today(&self, today: NaiveDate) -> bool {
        match *self {
            AgendaItem::Promise { due, overdue } => overdue || due == today,
            AgendaItem::Birthday { in_days, .. } => in_days == 0,
            AgendaItem::Anniversary { .. } => true,
            AgendaItem::Complaint { .. } => false,
        }
    }
}

/// What the agenda says of one customer on `today`, in the order of its sections (promises, birthdays,
/// anniversaries, complaints).
pub fn agenda_items(facts: &AgendaFacts, today: NaiveDate) -> Vec<AgendaItem> {
    let mut items = Vec::new();
    if let Some(due) = facts.first_due
        && (due - today).num_days() < i64::from(AHEAD_DAYS)
    {
        items.push(AgendaItem::Promise {
            due,
            overdue: due < today,
        });
    }
    if let Some(soon) = facts
        .birthday
        .and_then(|b| birthday_soon(b, today, AHEAD_DAYS))
    {
        items.push(AgendaItem::Birthday {
            in_days: soon.in_days,
            date: soon.date,
            turning: soon.turning,
        });
    }
    if let Some(since) = facts.since
        && let Some(years) = anniversary(since, today)
    {
        items.push(AgendaItem::Anniversary { years });
    }
    if let Some(since) = facts.complaint {
        items.push(AgendaItem::Complaint { since });
    }
    items
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

/// Whether a promise due on `due` falls in the agenda of `today` (overdue or due within the week).
pub fn due_this_week(due: NaiveDate, today: NaiveDate) -> bool {
    (due - today).num_days() < i64::from(AHEAD_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_agenda_of_one_customer_on_a_given_day() {
        let today = d(2026, 12, 2);
        let none = AgendaFacts::default();
        assert!(agenda_items(&none, today).is_empty());
        // Promises: overdue, due today (not overdue), on the seventh day ahead (out), on the sixth (in).
        for (due, expected) in [
            (d(2026, 11, 30), Some(true)),
            (today, Some(false)),
            (d(2026, 12, 8), Some(false)),
            (d(2026, 12, 9), None),
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
