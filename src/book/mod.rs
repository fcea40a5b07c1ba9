//! The customer book: the store and the search index kept in step. Every write goes to the store (durably)
//! first and then to the index, so the index never shows something that is not saved.
//!
//! `open.rs` opens and closes it (the store may open behind the desk's first frame), `index.rs` keeps the
//! search index in step with the store and saves it.

mod index;
mod open;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::domain::{
    Customer, CustomerDraft, EventKind, Id, Note, NoteKind, Visit, Void, standing_voids,
    voided_events,
};
use crate::search::snapshot::Header;
use crate::search::{Entry, SearchIndex};
use crate::store::StoreError;
use open::Slot;

/// Everything about one customer, for the detail and timeline panes and `show`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub customer: Customer,
    /// Oldest first: all of them, or the latest ones for the desk ([`Book::card`]).
    pub visits: Vec<Visit>,
    /// All their visits, however many `visits` holds.
    pub visit_count: usize,
    /// Oldest first.
    pub notes: Vec<Note>,
    /// The voids of their visits and notes, oldest first; `visits` and `notes` leave the voided out.
    pub voids: Vec<Void>,
    /// The visits and notes taken back by `voids` ([`Book::profile`] only; the desk's card leaves them
    /// empty), oldest first.
    pub voided_visits: Vec<Visit>,
    pub voided_notes: Vec<Note>,
}

pub struct Book {
    path: PathBuf,
    slot: Slot,
    index: SearchIndex,
    staff: Option<String>,
    /// Journal entries written or replayed since the index was last saved.
    unsaved: u64,
    /// The last journal entry the in-memory index includes.
    seq: u64,
    /// The header of the index file as this process last read or wrote it.
    saved: Option<Header>,
    /// The index changed when the store opened behind the desk's first frame; the desk's loop searches
    /// again ([`Book::check_open`]).
    caught_up_late: bool,
    /// A bulk load ([`Book::load_new`]) brought something the index cannot simply add (a customer it
    /// already had, visits of someone outside the batch): [`Book::finish_load`] rebuilds it instead.
    rebuild_after_load: bool,
}

impl Book {
    /// The search index (for answers that need nothing else, such as `find`).
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn staff(&self) -> Option<&str> {
        self.staff.as_deref()
    }

    pub fn search(&self, query: &str, limit: Option<usize>) -> Vec<Id> {
        self.index.search(query, limit)
    }

    /// The first `limit` customers matching `query`, best first, and how many match in all.
    pub fn search_counted(&self, query: &str, limit: Option<usize>) -> (Vec<Id>, usize) {
        self.index.search_counted(query, limit)
    }

    pub fn entry(&self, id: Id) -> Option<Entry<'_>> {
        self.index.get(id)
    }

    pub fn profile(&mut self, id: Id) -> Result<Profile, StoreError> {
        let store = self.store()?;
        let customer = store.customer(id)?.ok_or(StoreError::NoCustomer(id))?;
        let all_voids = store.voids_for(id)?;
        let voided = voided_events(&all_voids);
        let voids: Vec<Void> = standing_voids(&all_voids).into_iter().cloned().collect();
        let (voided_visits, visits): (Vec<Visit>, Vec<Visit>) = store
            .visits_for(id)?
            .into_iter()
            .partition(|v| voided.contains(&v.id));
        let (voided_notes, notes): (Vec<Note>, Vec<Note>) = store
            .notes_for(id)?
            .into_iter()
            .partition(|n| voided.contains(&n.id));
        Ok(Profile {
            customer,
            visit_count: visits.len(),
            visits,
            notes,
            voids,
            voided_visits,
            voided_notes,
        })
    }

    /// What the desk shows of a customer: the profile with only their latest visits (a café regular of
    /// ten years has thousands), the count from the cached figures.
    pub fn card(&mut self, id: Id) -> Result<Profile, StoreError> {
        const RECENT_VISITS: usize = 100;
        let store = self.store()?;
        let customer = store.customer(id)?.ok_or(StoreError::NoCustomer(id))?;
        let all_voids = store.voids_for(id)?;
        let voided = voided_events(&all_voids);
        let voids: Vec<Void> = standing_voids(&all_voids).into_iter().cloned().collect();
        let mut notes = store.notes_for(id)?;
        notes.retain(|n| !voided.contains(&n.id));
        Ok(Profile {
            customer,
            visits: store.recent_visits(id, RECENT_VISITS, &voided)?,
            visit_count: store.stats_for(id)?.count as usize,
            notes,
            voids,
            voided_visits: Vec::new(),
            voided_notes: Vec::new(),
        })
    }

    /// Takes back visit or note `event` (found by its id alone) with a void event at `at`; durable when it
    /// returns. The visit figures and the search index follow.
    pub fn void(&mut self, event: Id, at: DateTime<Utc>) -> Result<Voided, StoreError> {
        let staff = self.staff.clone();
        let store = self.store()?;
        let customer = store.owner_of(event)?.ok_or(StoreError::NoEvent(event))?;
        let void = Void {
            id: Id::at(at),
            customer,
            target: event,
            at,
            staff,
        };
        let (kind, figures) = store.void(&void)?;
        if kind != EventKind::Note {
            self.index.set_visits(customer, figures.count, figures.last);
            self.unsaved += 1;
        }
        Ok(Voided { void, kind })
    }

    pub fn add_customer(
        &mut self,
        draft: CustomerDraft,
        now: DateTime<Utc>,
        today: chrono::NaiveDate,
    ) -> Result<Customer, StoreError> {
        if let Some(referrer) = draft.referred_by
            && self.index.get(referrer).is_none()
        {
            return Err(StoreError::NoCustomer(referrer));
        }
        let customer = Customer::new(draft, now, today, self.staff());
        self.store()?.put_customer(&customer)?;
        self.index.upsert(&customer);
        self.unsaved += 1;
        Ok(customer)
    }

    /// The customers `id` referred (their id and name), in id order.
    pub fn referred_by(&mut self, id: Id) -> Result<Vec<(Id, String)>, StoreError> {
        let mut out = Vec::new();
        for customer in self.store()?.customers() {
            let customer = customer?;
            if customer.referred_by == Some(id) {
                out.push((customer.id, customer.name));
            }
        }
        Ok(out)
    }

    /// A customer as stored.
    pub fn customer(&mut self, id: Id) -> Result<Customer, StoreError> {
        self.store()?
            .customer(id)?
            .ok_or(StoreError::NoCustomer(id))
    }

    /// Writes back a customer's fields as they were in `before` (an undone edit): a new change, made now
    /// by whoever is at the counter, so two stores can still be reconciled field by field.
    pub fn revert_customer(
        &mut self,
        before: &Customer,
        now: DateTime<Utc>,
    ) -> Result<Customer, StoreError> {
        let current = self.customer(before.id)?;
        let customer = Customer {
            created_at: current.created_at,
            updated_at: now,
            updated_by: self.staff.clone(),
            ..before.clone()
        };
        self.store()?.put_customer(&customer)?;
        self.index.upsert(&customer);
        self.unsaved += 1;
        Ok(customer)
    }

    /// Removes a customer added by mistake (an undone add), only while nothing at all is recorded for
    /// them: a customer with a visit, a note or a void is refused. The index forgets them at once.
    pub fn remove_new_customer(&mut self, id: Id) -> Result<(), StoreError> {
        self.store()?.remove_unused_customer(id)?;
        self.index.remove(id);
        self.unsaved += 1;
        Ok(())
    }

    pub fn update_customer(
        &mut self,
        id: Id,
        draft: CustomerDraft,
        now: DateTime<Utc>,
    ) -> Result<Customer, StoreError> {
        let mut customer = self
            .store()?
            .customer(id)?
            .ok_or(StoreError::NoCustomer(id))?;
        customer.apply(draft, now, self.staff.as_deref());
        self.store()?.put_customer(&customer)?;
        self.index.upsert(&customer);
        self.unsaved += 1;
        Ok(customer)
    }

    pub fn log_visit(
        &mut self,
        customer: Id,
        at: DateTime<Utc>,
        amount_cents: Option<i64>,
        what: Option<String>,
    ) -> Result<Visit, StoreError> {
        let visit = Visit {
            id: Id::at(at),
            customer,
            at,
            amount_cents,
            what: what.filter(|w| !w.trim().is_empty()),
            staff: self.staff.clone(),
        };
        self.store()?.log_visit(&visit)?;
        self.index.record_visit(customer, at);
        self.unsaved += 1;
        Ok(visit)
    }

    pub fn add_note(
        &mut self,
        customer: Id,
        at: DateTime<Utc>,
        kind: NoteKind,
        text: String,
        pinned: bool,
    ) -> Result<Note, StoreError> {
        let note = Note {
            id: Id::at(at),
            customer,
            at,
            kind,
            text,
            staff: self.staff.clone(),
            pinned,
        };
        self.store()?.add_note(&note)?;
        Ok(note)
    }
}

/// A void made: the event it names and what kind that was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Voided {
    pub void: Void,
    pub kind: EventKind,
}

/// One line of the timeline: a visit or a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimelineItem<'a> {
    Visit(&'a Visit),
    Note(&'a Note),
}

impl TimelineItem<'_> {
    pub fn id(&self) -> Id {
        match self {
            TimelineItem::Visit(v) => v.id,
            TimelineItem::Note(n) => n.id,
        }
    }

    pub fn kind(&self) -> EventKind {
        match self {
            TimelineItem::Visit(_) => EventKind::Visit,
            TimelineItem::Note(_) => EventKind::Note,
        }
    }

    pub fn at(&self) -> DateTime<Utc> {
        match self {
            TimelineItem::Visit(v) => v.at,
            TimelineItem::Note(n) => n.at,
        }
    }
}

impl Profile {
    /// Visits and notes together, newest first.
    pub fn timeline(&self) -> Vec<TimelineItem<'_>> {
        let mut items: Vec<TimelineItem<'_>> = self
            .visits
            .iter()
            .map(TimelineItem::Visit)
            .chain(self.notes.iter().map(TimelineItem::Note))
            .collect();
        items.sort_by_key(|item| std::cmp::Reverse(item.id()));
        items
    }

    /// The latest visit, if any.
    pub fn last_visit(&self) -> Option<&Visit> {
        self.visits.iter().max_by_key(|v| v.id)
    }
}
