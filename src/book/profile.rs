//! A customer with their events, as the desk's card and timeline, `regulars show` and `export --person`
//! read them: what stands (voids taken into account), their promises, notes, visits and consent.

use std::collections::{HashMap, HashSet};

use crate::domain::{
    ConsentChange, Customer, Event, EventKind, Id, Note, PromiseState, Redemption, Visit,
    VisitStats, Void, open_by_due, open_complaints, promise_states, standing_voids, voided_events,
    voids_in,
};

/// One customer with their events: the one model behind the desk's card and timeline, `regulars show` and
/// `export --person`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub customer: Customer,
    /// Their events of every kind, oldest first: all of them ([`Book::profile`](super::Book::profile)), or what the card needs
    /// ([`Book::card`](super::Book::card): the latest visits, and none of the events voids take back).
    pub(super) events: Vec<Event>,
    /// The events that standing voids take back.
    pub(super) voided: HashSet<Id>,
    /// All their visits, however many `events` holds.
    pub visit_count: usize,
    /// Their figures (counts, stamps used, rhythm, visits per month), as the store keeps them.
    pub figures: VisitStats,
    /// The name of the customer who referred them, if that customer is still in the book.
    pub referrer: Option<String>,
    /// How many customers they referred.
    pub brought: u32,
    /// The till each event was written at, as the sync hub knows it (none on a store that never synced).
    pub tills: HashMap<Id, String>,
}

/// A void made: the event it names and what kind that was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Voided {
    pub void: Void,
    pub kind: EventKind,
}

impl Profile {
    /// `latest_only`: `events` holds only the latest visits (the count comes from the figures).
    pub(super) fn new(
        customer: Customer,
        events: Vec<Event>,
        figures: VisitStats,
        latest_only: bool,
    ) -> Profile {
        let voids: Vec<Void> = voids_in(&events);
        let mut profile = Profile {
            customer,
            events,
            voided: voided_events(&voids),
            visit_count: figures.count as usize,
            figures,
            referrer: None,
            brought: 0,
            tills: HashMap::new(),
        };
        if !latest_only {
            profile.visit_count = profile.visits().count();
        }
        profile
    }

    /// A customer with every event about them (as [`Store::everyone`](crate::store::Store::everyone) reads them), figures counted from
    /// the events themselves.
    pub fn whole(customer: Customer, events: Vec<Event>) -> Profile {
        let figures = VisitStats::of(&events, &voided_events(&voids_in(&events)));
        Profile::new(customer, events, figures, false)
    }

    /// The events that stand: neither voids nor taken back by one, oldest first.
    fn standing(&self) -> impl Iterator<Item = &Event> {
        self.events
            .iter()
            .filter(|e| e.kind() != EventKind::Void && !self.voided.contains(&e.id()))
    }

    /// The timeline: the events that stand, newest first.
    pub fn timeline(&self) -> Vec<&Event> {
        let mut items: Vec<&Event> = self.standing().collect();
        items.reverse();
        items
    }

    /// The visits that stand, oldest first.
    pub fn visits(&self) -> impl Iterator<Item = &Visit> {
        self.standing().filter_map(|e| match e {
            Event::Visit(v) => Some(v),
            _ => None,
        })
    }

    /// The notes that stand, oldest first.
    pub fn notes(&self) -> impl Iterator<Item = &Note> {
        self.standing().filter_map(|e| match e {
            Event::Note(n) => Some(n),
            _ => None,
        })
    }

    /// What they usually take, from the "what" of their latest visits, when there is a clear favourite.
    pub fn usual(&self) -> Option<&str> {
        let whats: Vec<&str> = self.visits().filter_map(|v| v.what.as_deref()).collect();
        crate::domain::usual(whats.into_iter().rev())
    }

    /// The consent that holds for each channel with a change on record.
    pub fn consent(&self) -> Vec<&ConsentChange> {
        crate::domain::consent_now(&self.events, &self.voided)
    }

    /// The rewards taken that stand, oldest first.
    pub fn redemptions(&self) -> impl Iterator<Item = &Redemption> {
        self.standing().filter_map(|e| match e {
            Event::Redemption(r) => Some(r),
            _ => None,
        })
    }

    /// The voids that stand, oldest first, each with the event it takes back (when this profile holds it).
    pub fn voids(&self) -> Vec<(&Void, Option<&Event>)> {
        let voids = voids_in(&self.events);
        let standing: HashSet<Id> = standing_voids(&voids).iter().map(|v| v.id).collect();
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Void(v) if standing.contains(&v.id) => Some(v),
                _ => None,
            })
            .map(|v| (v, self.events.iter().find(|e| e.id() == v.target)))
            .collect()
    }

    /// The events standing voids take back, oldest first ([`Book::profile`](super::Book::profile) only: the card leaves them out).
    pub fn voided(&self) -> Vec<&Event> {
        self.events
            .iter()
            .filter(|e| self.voided.contains(&e.id()))
            .collect()
    }

    /// The complaints still waiting for an answer, oldest first.
    pub fn open_complaints(&self) -> Vec<&Note> {
        open_complaints(&self.events, &self.voided)
    }

    /// Every promise that stands (not voided), with where it stands, oldest first.
    pub fn promises(&self) -> Vec<PromiseState<'_>> {
        promise_states(&self.events, &self.voided)
    }

    /// The open promises, as the card lists them: by due date, the overdue first.
    pub fn open_promises(&self) -> Vec<PromiseState<'_>> {
        open_by_due(&self.promises())
    }

    /// How many events of `kind` this profile holds, voided or not.
    pub fn recorded(&self, kind: EventKind) -> usize {
        self.events.iter().filter(|e| e.kind() == kind).count()
    }

    /// The latest visit, if any.
    pub fn last_visit(&self) -> Option<&Visit> {
        self.visits().max_by_key(|v| v.id)
    }
}
