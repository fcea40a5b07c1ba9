//! What every kind of event has in common, and the one type that carries any of them.
//!
//! An event is something that happened to a customer and is never changed afterwards: a visit, a note, a
//! void. Each kind is its own type (`records.rs`, with its [`EventRecord`] impl beside it); [`Event`] carries any of
//! them, so the store hands back one list per customer and the card, the timeline and `regulars show` walk
//! that one list. A new kind is a new type, its `EventRecord` impl and one variant here: the compiler
//! then points at every place that must say how to show it.

use chrono::{DateTime, Utc};

use super::visiting::{MonthlyVisits, RecentDays};
use super::{ConsentChange, ConsentSet, Id, Note, Promise, PromiseEnd, Redemption, Visit, Void};

/// What each kind of event says about itself.
pub trait EventRecord {
    fn id(&self) -> Id;
    /// The customer it happened to.
    fn customer(&self) -> Id;
    fn at(&self) -> DateTime<Utc>;
    /// Who was at the counter.
    fn staff(&self) -> Option<&str>;
    fn kind(&self) -> EventKind;
    /// How the event changes its customer's figures (visit count, last visit), which the store caches
    /// beside the events and the search index shows; true when it changes them. Most kinds change nothing.
    fn add_to(&self, figures: &mut VisitStats) -> bool {
        let _ = figures;
        false
    }
}

/// Implements [`EventRecord`] for an event type whose fields are named `id`, `customer`, `at` and `staff`,
/// as every kind's are: `kind` names it, and an optional `add_to` gives its rule for the figures.
macro_rules! event_record {
    ($type:ty, $kind:expr $(, $add_to:item)?) => {
        impl $crate::domain::EventRecord for $type {
            fn id(&self) -> $crate::domain::Id {
                self.id
            }
            fn customer(&self) -> $crate::domain::Id {
                self.customer
            }
            fn at(&self) -> chrono::DateTime<chrono::Utc> {
                self.at
            }
            fn staff(&self) -> Option<&str> {
                self.staff.as_deref()
            }
            fn kind(&self) -> $crate::domain::EventKind {
                $kind
            }
            $($add_to)?
        }
    };
}
pub(super) use event_record;

/// The kinds of event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventKind {
    Visit,
    Note,
    /// A void: takes back another event (or, taken back itself, an undone void).
    Void,
    Promise,
    /// A promise kept or cancelled.
    PromiseEnd,
    /// A reward taken.
    Redemption,
    /// Consent to be contacted on a channel, given or withdrawn.
    Consent,
}

impl EventKind {
    /// The stable word used in JSON.
    pub fn word(self) -> &'static str {
        match self {
            EventKind::Visit => "visit",
            EventKind::Note => "note",
            EventKind::Void => "void",
            EventKind::Promise => "promise",
            EventKind::PromiseEnd => "promise_end",
            EventKind::Redemption => "redemption",
            EventKind::Consent => "consent",
        }
    }

    pub const ALL: [EventKind; 7] = [
        EventKind::Visit,
        EventKind::Note,
        EventKind::Void,
        EventKind::Promise,
        EventKind::PromiseEnd,
        EventKind::Redemption,
        EventKind::Consent,
    ];
}

/// Any event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Visit(Visit),
    Note(Note),
    Void(Void),
    Promise(Promise),
    PromiseEnd(PromiseEnd),
    Redemption(Redemption),
    Consent(ConsentChange),
}

impl Event {
    /// The event as what every kind has in common.
    pub fn record(&self) -> &dyn EventRecord {
        match self {
            Event::Visit(v) => v,
            Event::Note(n) => n,
            Event::Void(v) => v,
            Event::Promise(p) => p,
            Event::PromiseEnd(e) => e,
            Event::Redemption(r) => r,
            Event::Consent(c) => c,
        }
    }

    pub fn id(&self) -> Id {
        self.record().id()
    }

    pub fn customer(&self) -> Id {
        self.record().customer()
    }

    pub fn at(&self) -> DateTime<Utc> {
        self.record().at()
    }

    pub fn staff(&self) -> Option<&str> {
        self.record().staff()
    }

    pub fn kind(&self) -> EventKind {
        self.record().kind()
    }

    pub fn add_to(&self, figures: &mut VisitStats) -> bool {
        self.record().add_to(figures)
    }
}

/// The voids among `events`, in their order.
pub fn voids_in<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<Void> {
    events
        .into_iter()
        .filter_map(|e| match e {
            Event::Void(v) => Some(v.clone()),
            _ => None,
        })
        .collect()
}

/// A customer's figures derived from their events: how many visits and the last; the due date of their
/// first open promise and when their oldest open complaint was made (for the agenda). Cached by the store in
/// the same transaction as each event that changes them, and always recomputable from the events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VisitStats {
    pub count: u32,
    pub last: Option<DateTime<Utc>>,
    /// Their first visit (Today thanks whoever referred them after it).
    pub first: Option<DateTime<Utc>>,
    pub first_due: Option<chrono::NaiveDate>,
    pub complaint: Option<DateTime<Utc>>,
    /// For the loyalty rules: the amounts of their visits added up (integer cents),
    pub spent_cents: i64,
    /// the stamps their rewards used,
    pub stamps_used: u32,
    /// the latest days they came (their rhythm),
    pub recent: RecentDays,
    /// their visits per month over the last year (the card's sparkline; days are UTC days),
    pub months: MonthlyVisits,
    /// and the channels they agreed to be contacted on.
    pub consent: ConsentSet,
}

impl VisitStats {
    /// Counts one more visit at `at`, of `amount_cents` if one was given.
    pub fn add(&mut self, at: DateTime<Utc>, amount_cents: Option<i64>) {
        self.count += 1;
        self.last = self.last.max(Some(at));
        self.first = Some(self.first.map_or(at, |first| first.min(at)));
        self.spent_cents = self.spent_cents.saturating_add(amount_cents.unwrap_or(0));
        self.recent.add(at.date_naive());
        self.months.add(at.date_naive());
    }

    /// The figures of `events` (all of one customer's, in any order), leaving out those whose ids
    /// `left_out` holds (the voided).
    pub fn of(events: &[Event], left_out: &std::collections::HashSet<Id>) -> VisitStats {
        let mut figures = VisitStats::default();
        for event in events {
            if !left_out.contains(&event.id()) {
                event.add_to(&mut figures);
            }
        }
        figures.first_due = super::open_by_due(&super::promise_states(events, left_out))
            .first()
            .map(|p| p.promise.due);
        figures.complaint = super::open_complaints(events, left_out)
            .iter()
            .map(|c| c.at)
            .min();
        // The latest change of each channel, whatever order the events came in.
        figures.consent = super::consent_set(&super::consent_now(events, left_out));
        figures
    }
}
