//! Promises: "I'll call you when size 42 arrives". A promise is made with a due date and ends kept or
//! cancelled. Both are events (nothing is changed in place): the promise, and later the end that names it.
//! A void takes either back (an undone promise, an undone "kept"), like any other event.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::events::event_record;
use super::{Event, EventKind, Id, InputLimits, parse_date};
use crate::text::InputError;

/// A promise made to a customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Promise {
    pub id: Id,
    pub customer: Id,
    /// When it was made.
    pub at: DateTime<Utc>,
    /// The day it is due (the shop's local day).
    pub due: NaiveDate,
    pub text: String,
    pub staff: Option<String>,
}

event_record!(Promise, EventKind::Promise);

/// How a promise ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Kept,
    Cancelled,
}

impl Outcome {
    /// The stable word used in JSON.
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Kept => "kept",
            Outcome::Cancelled => "cancelled",
        }
    }
}

/// The end of a promise: kept or cancelled, when and by whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PromiseEnd {
    pub id: Id,
    pub customer: Id,
    /// The promise it ends.
    pub promise: Id,
    pub outcome: Outcome,
    pub at: DateTime<Utc>,
    pub staff: Option<String>,
}

event_record!(PromiseEnd, EventKind::PromiseEnd);

/// Where a promise stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing<'a> {
    Open,
    /// Kept or cancelled, by this end.
    Ended(&'a PromiseEnd),
}

/// A promise and where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PromiseState<'a> {
    pub promise: &'a Promise,
    pub standing: Standing<'a>,
}

impl PromiseState<'_> {
    pub fn is_open(&self) -> bool {
        self.standing == Standing::Open
    }

    /// Open and due before `today` (a promise due today is not overdue yet).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.promise.due < today
    }
}

/// Every promise among `events` that no void in `voided` takes back, with where it stands (its first end
/// that is not taken back), oldest first.
pub fn promise_states<'a>(events: &'a [Event], voided: &HashSet<Id>) -> Vec<PromiseState<'a>> {
    let standing = |e: &&Event| !voided.contains(&e.id());
    let ends: Vec<&PromiseEnd> = events
        .iter()
        .filter(standing)
        .filter_map(|e| match e {
            Event::PromiseEnd(end) => Some(end),
            _ => None,
        })
        .collect();
    events
        .iter()
        .filter(standing)
        .filter_map(|e| match e {
            Event::Promise(p) => Some(p),
            _ => None,
        })
        .map(|promise| PromiseState {
            promise,
            standing: ends
                .iter()
                .filter(|end| end.promise == promise.id)
                .min_by_key(|end| end.id)
                .map_or(Standing::Open, |end| Standing::Ended(end)),
        })
        .collect()
}

/// The open promises among `states` in the order the card lists them: by due date (so the overdue come
/// first), then by when they were made.
pub fn open_by_due<'a>(states: &[PromiseState<'a>]) -> Vec<PromiseState<'a>> {
    let mut open: Vec<PromiseState<'a>> = states.iter().copied().filter(|s| s.is_open()).collect();
    open.sort_by_key(|s| (s.promise.due, s.promise.id));
    open
}

/// Which field of a promise an input error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromiseField {
    Text,
    Due,
}

/// A promise as typed, checked: the desk's promise form and `regulars promise` both go through
/// [`PromiseDraft::new`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PromiseDraft {
    pub text: String,
    pub due: NaiveDate,
}

impl PromiseDraft {
    /// The text must say something and fit in a field; the due date is read by [`parse_due`].
    pub fn new(
        text: &str,
        due: &str,
        today: NaiveDate,
    ) -> Result<PromiseDraft, (PromiseField, InputError)> {
        let text = text.trim();
        if text.is_empty() {
            return Err((PromiseField::Text, InputError::PromiseRequired));
        }
        if text.chars().count() > InputLimits::FIELD_CHARS {
            return Err((
                PromiseField::Text,
                InputError::TooLong(InputLimits::FIELD_CHARS),
            ));
        }
        let due = parse_due(due, today).map_err(|e| (PromiseField::Due, e))?;
        Ok(PromiseDraft {
            text: text.to_string(),
            due,
        })
    }
}

/// A due date typed as the desk reads dates ([`parse_date`]: `today`, `domani`, `+3d`, `friday`, `25/12`,
/// `2026-12-25`), never in the past: a day and month alone that have passed this year mean next year
/// (`10/01` typed in December), and any other past day is refused. Empty means today.
pub fn parse_due(input: &str, today: NaiveDate) -> Result<NaiveDate, InputError> {
    if input.trim().is_empty() {
        return Ok(today);
    }
    let day = parse_date(input, today)?;
    if day >= today {
        return Ok(day);
    }
    let day_and_month = input.trim().split(['/', '.']).count() == 2;
    if day_and_month {
        // 29/02 typed after this year's: next year has none.
        return day
            .with_year(day.year() + 1)
            .ok_or_else(|| InputError::NoSuchDate(input.trim().to_string()));
    }
    Err(InputError::DueInPast(input.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn due_dates_are_read_as_the_desk_reads_dates_and_never_in_the_past() {
        let today = d(2026, 12, 2); // a Wednesday
        for (typed, due) in [
            ("", today),
            ("today", today),
            ("oggi", today),
            ("tomorrow", d(2026, 12, 3)),
            ("domani", d(2026, 12, 3)),
            ("+3d", d(2026, 12, 5)),
            ("+3g", d(2026, 12, 5)),
            ("+2w", d(2026, 12, 16)),
            ("friday", d(2026, 12, 4)),
            ("venerdì", d(2026, 12, 4)),
            ("wednesday", d(2026, 12, 9)),
            ("25/12", d(2026, 12, 25)),
            ("2/12", today),
            // A day and month gone by this year: next year's.
            ("10/01", d(2027, 1, 10)),
            ("1.12", d(2027, 12, 1)),
            ("2026-12-25", d(2026, 12, 25)),
            ("31/12/2027", d(2027, 12, 31)),
        ] {
            assert_eq!(parse_due(typed, today), Ok(due), "{typed:?}");
        }
        for past in [
            "yesterday",
            "ieri",
            "-1d",
            "2026-12-01",
            "1/12/2026",
            "2025",
        ] {
            assert_eq!(
                parse_due(past, today),
                Err(InputError::DueInPast(past.into())),
                "{past:?}"
            );
        }
        assert_eq!(
            parse_due("soon", today),
            Err(InputError::BadDate("soon".into()))
        );
        // 29 February typed in a year without one is no day at all; typed after this year's, next
        // year has none either.
        assert_eq!(
            parse_due("29/02/2027", today),
            Err(InputError::NoSuchDate("29/02/2027".into()))
        );
        assert_eq!(
            parse_due("29/02", d(2028, 3, 1)),
            Err(InputError::NoSuchDate("29/02".into()))
        );
        assert_eq!(parse_due("29/02", d(2028, 2, 1)), Ok(d(2028, 2, 29)));
    }

    #[test]
    fn a_promise_must_say_something_and_name_a_day_to_come() {
        let today = d(2026, 12, 2);
        assert_eq!(
            PromiseDraft::new("  Call when size 42 arrives ", "+3d", today),
            Ok(PromiseDraft {
                text: "Call when size 42 arrives".into(),
                due: d(2026, 12, 5),
            })
        );
        assert_eq!(
            PromiseDraft::new(" ", "+3d", today),
            Err((PromiseField::Text, InputError::PromiseRequired))
        );
        assert_eq!(
            PromiseDraft::new("x", "ieri", today),
            Err((PromiseField::Due, InputError::DueInPast("ieri".into())))
        );
        let max = InputLimits::FIELD_CHARS;
        assert_eq!(
            PromiseDraft::new(&"x".repeat(max + 1), "", today),
            Err((PromiseField::Text, InputError::TooLong(max)))
        );
    }

    fn at(day: u32) -> DateTime<Utc> {
        d(2026, 11, day).and_hms_opt(10, 0, 0).unwrap().and_utc()
    }

    fn promise(n: u8, due: NaiveDate, made: u32) -> Event {
        Event::Promise(Promise {
            id: Id::from_bytes([n; 16]),
            customer: Id::from_bytes([0; 16]),
            at: at(made),
            due,
            text: format!("promise {n}"),
            staff: None,
        })
    }

    fn end(n: u8, promise: u8, outcome: Outcome) -> Event {
        Event::PromiseEnd(PromiseEnd {
            id: Id::from_bytes([n; 16]),
            customer: Id::from_bytes([0; 16]),
            promise: Id::from_bytes([promise; 16]),
            outcome,
            at: at(20),
            staff: Some("Giulia".into()),
        })
    }

    #[test]
    fn a_promise_is_open_until_an_end_that_stands_and_overdue_only_after_its_day() {
        let today = d(2026, 12, 2);
        let events = vec![
            promise(1, d(2026, 12, 1), 1), // overdue
            promise(2, today, 2),          // due today: not overdue
            promise(3, d(2026, 12, 9), 3),
            promise(4, d(2026, 11, 20), 4), // kept, then the "kept" voided: open, overdue
            promise(5, d(2026, 11, 25), 5), // cancelled
            promise(6, d(2026, 11, 26), 6), // voided itself: nowhere
            end(40, 4, Outcome::Kept),
            end(50, 5, Outcome::Cancelled),
        ];
        let voided = HashSet::from([Id::from_bytes([40; 16]), Id::from_bytes([6; 16])]);
        let states = promise_states(&events, &voided);
        let ids = |s: &[PromiseState]| -> Vec<u8> {
            s.iter().map(|s| s.promise.id.to_bytes()[0]).collect()
        };
        assert_eq!(ids(&states), vec![1, 2, 3, 4, 5]);
        let open = open_by_due(&states);
        assert_eq!(ids(&open), vec![4, 1, 2, 3], "by due date, overdue first");
        let overdue: Vec<bool> = open.iter().map(|s| s.is_overdue(today)).collect();
        assert_eq!(overdue, vec![true, true, false, false]);
        let cancelled = states
            .iter()
            .find(|s| s.promise.id.to_bytes()[0] == 5)
            .unwrap();
        assert!(matches!(
            cancelled.standing,
            Standing::Ended(PromiseEnd {
                outcome: Outcome::Cancelled,
                ..
            })
        ));
        assert!(
            !cancelled.is_overdue(today),
            "a cancelled promise is never overdue"
        );
    }
}
