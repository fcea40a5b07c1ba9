//! The customer book: the store and the search index kept in step. Every write goes to the store (durably)
//! first and then to the index, so the index never shows something that is not saved.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::domain::{Customer, CustomerDraft, Id, Note, NoteKind, Visit};
use crate::search::{Entry, SearchIndex};
use crate::store::{Store, StoreError};

/// Everything about one customer, for the detail and timeline panes and `show`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub customer: Customer,
    /// Oldest first.
    pub visits: Vec<Visit>,
    /// Oldest first.
    pub notes: Vec<Note>,
}

pub struct Book {
    store: Store,
    index: SearchIndex,
    staff: Option<String>,
}

impl Book {
    /// Opens the store and builds the search index from it.
    pub fn open(path: &Path, staff: Option<String>) -> Result<Book, StoreError> {
        let store = Store::open(path)?;
        let index = Self::build_index(&store)?;
        Ok(Book {
            store,
            index,
            staff,
        })
    }

    fn build_index(store: &Store) -> Result<SearchIndex, StoreError> {
        let stats = store.visit_stats()?;
        let customers = store.customers().collect::<Result<Vec<_>, _>>()?;
        Ok(SearchIndex::build(&customers, |id| {
            stats
                .get(&id)
                .map(|s| (s.count, s.last))
                .unwrap_or_default()
        }))
    }

    /// Rebuilds the search index from the store (after a bulk load).
    pub fn reindex(&mut self) -> Result<(), StoreError> {
        self.index = Self::build_index(&self.store)?;
        Ok(())
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn path(&self) -> &Path {
        self.store.path()
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

    pub fn entry(&self, id: Id) -> Option<&Entry> {
        self.index.get(id)
    }

    pub fn profile(&self, id: Id) -> Result<Profile, StoreError> {
        let customer = self.store.customer(id)?.ok_or(StoreError::NoCustomer(id))?;
        Ok(Profile {
            customer,
            visits: self.store.visits_for(id)?,
            notes: self.store.notes_for(id)?,
        })
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
        self.store.put_customer(&customer)?;
        self.index.upsert(&customer);
        Ok(customer)
    }

    pub fn update_customer(
        &mut self,
        id: Id,
        draft: CustomerDraft,
        now: DateTime<Utc>,
    ) -> Result<Customer, StoreError> {
        let mut customer = self.store.customer(id)?.ok_or(StoreError::NoCustomer(id))?;
        customer.apply(draft, now, self.staff.as_deref());
        self.store.put_customer(&customer)?;
        self.index.upsert(&customer);
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
        self.store.log_visit(&visit)?;
        self.index.record_visit(customer, at);
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
        self.store.add_note(&note)?;
        Ok(note)
    }
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
