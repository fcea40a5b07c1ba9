//! The customer book: the store and the search index kept in step. Every write goes to the store (durably)
//! first and then to the index, so the index never shows something that is not saved.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::domain::{Customer, CustomerDraft, Id, Note, NoteKind, Visit};
use crate::search::snapshot::Header;
use crate::search::{Entry, SearchIndex};
use crate::store::{Store, StoreError};
use crate::text;

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
}

pub struct Book {
    store: Store,
    index: SearchIndex,
    staff: Option<String>,
    /// Journal entries written or replayed since the index was last saved.
    unsaved: u64,
    /// The last journal entry the in-memory index includes.
    seq: u64,
}

/// The saved search index, inside the store directory (see `search::snapshot`).
const INDEX_FILE: &str = "search-index";

/// Every open replays the journal written since the index was saved, so a command saves the index once
/// that journal would cost more to replay than the save (about one change per thousand customers, at
/// least 50); the desk saves on close.
fn save_after(customers: usize) -> u64 {
    (customers as u64 / 1000).max(50)
}

impl Book {
    /// Opens the store and its search index: the saved index plus the changes journaled since, or, when
    /// there is no usable saved index, one built from the store (and saved for next time).
    pub fn open(path: &Path, staff: Option<String>) -> Result<Book, StoreError> {
        // A saved index means the store was used before: it cannot be empty and new.
        let used_before = path.join(INDEX_FILE).exists();
        let store = if used_before {
            Store::open_existing(path)?
        } else {
            Store::open(path)?
        };
        let state = store.index_state()?;
        let damaged = |detail: &str| StoreError::Damaged {
            path: path.to_path_buf(),
            detail: detail.to_string(),
        };
        if used_before && state.store_id_was_missing {
            return Err(damaged(&text::DAMAGE_IDENTITY_LOST.text()));
        }
        let saved = std::fs::read(path.join(INDEX_FILE))
            .ok()
            .and_then(|bytes| SearchIndex::from_snapshot(&bytes));
        // sled treats a damaged log tail like a write cut short by a crash and quietly drops it. Nothing is
        // ever deleted from a store, so every customer the saved index knows must still be there: look at
        // the newest ones and a spread of the others.
        if let Some((header, index)) = &saved
            && header.store_id == state.store_id
        {
            for id in index.probe_ids(16) {
                if store.customer(id)?.is_none() {
                    return Err(damaged(&text::DAMAGE_CUSTOMERS_MISSING.text()));
                }
            }
        }
        let usable = match saved {
            Some((header, index))
                if header.store_id == state.store_id
                    && header.epoch == state.epoch
                    && (header.seq == state.pruned
                        || (header.seq > state.pruned && store.journal_has(header.seq)?)) =>
            {
                Some((header.seq, index))
            }
            _ => None,
        };
        let rebuilt = usable.is_none();
        let (covered, index) = match usable {
            Some(found) => found,
            None => {
                tracing::info!("building the search index from the store");
                (state.pruned, Self::build_index(&store)?)
            }
        };
        let mut book = Book {
            store,
            index,
            staff,
            unsaved: 0,
            seq: covered,
        };
        book.catch_up()?;
        if rebuilt || book.unsaved >= save_after(book.len()) {
            book.save_index();
        }
        Ok(book)
    }

    /// Applies the journal entries the index does not hold yet.
    fn catch_up(&mut self) -> Result<(), StoreError> {
        let (changed, last) = self.store.journal_after(self.seq)?;
        for id in &changed {
            if let Some(customer) = self.store.customer(*id)? {
                self.index.upsert(&customer);
                let stats = self.store.stats_for(*id)?;
                self.index.set_visits(*id, stats.count, stats.last);
            }
        }
        self.unsaved += changed.len() as u64;
        self.seq = last;
        Ok(())
    }

    fn build_index(store: &Store) -> Result<SearchIndex, StoreError> {
        let stats = store.visit_stats()?;
        let mut index = SearchIndex::new();
        for customer in store.customers() {
            let customer = customer?;
            let s = stats.get(&customer.id).copied().unwrap_or_default();
            index.add_unordered(&customer, s.count, s.last);
        }
        index.finish_build();
        Ok(index)
    }

    /// Rebuilds the search index from the store (after a bulk load) and saves it.
    pub fn reindex(&mut self) -> Result<(), StoreError> {
        self.index = Self::build_index(&self.store)?;
        self.seq = self.store.index_state()?.pruned;
        self.catch_up()?;
        self.save_index();
        Ok(())
    }

    /// Saves the search index if anything changed since it was last saved (the desk does this on close).
    pub fn save_index_if_changed(&mut self) {
        if self.unsaved > 0 {
            self.save_index();
        }
    }

    /// Saves the search index next to the store and prunes the journal it now includes. The index is a
    /// cache: if this fails the journal still holds the changes, so the failure is only logged.
    pub fn save_index(&mut self) {
        if let Err(e) = self.try_save_index() {
            tracing::warn!(error = %e, "the search index could not be saved");
        }
    }

    fn try_save_index(&mut self) -> Result<(), Box<dyn std::error::Error>> {
        let state = self.store.index_state()?;
        // Anything written since the last catch-up is in memory already; include it in the header.
        let (_, last) = self.store.journal_after(self.seq)?;
        let header = Header {
            store_id: state.store_id,
            epoch: state.epoch,
            seq: last,
        };
        let bytes = self.index.to_snapshot(header);
        crate::files::write_private(&self.store.path().join(INDEX_FILE), &bytes, true)?;
        self.store.prune_journal(last)?;
        self.seq = last;
        self.unsaved = 0;
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

    /// The first `limit` customers matching `query`, best first, and how many match in all.
    pub fn search_counted(&self, query: &str, limit: Option<usize>) -> (Vec<Id>, usize) {
        self.index.search_counted(query, limit)
    }

    pub fn entry(&self, id: Id) -> Option<Entry<'_>> {
        self.index.get(id)
    }

    pub fn profile(&self, id: Id) -> Result<Profile, StoreError> {
        let customer = self.store.customer(id)?.ok_or(StoreError::NoCustomer(id))?;
        let visits = self.store.visits_for(id)?;
        Ok(Profile {
            customer,
            visit_count: visits.len(),
            visits,
            notes: self.store.notes_for(id)?,
        })
    }

    /// What the desk shows of a customer: the profile with only their latest visits (a café regular of
    /// ten years has thousands), the count from the cached figures.
    pub fn card(&self, id: Id) -> Result<Profile, StoreError> {
        const RECENT_VISITS: usize = 100;
        let customer = self.store.customer(id)?.ok_or(StoreError::NoCustomer(id))?;
        Ok(Profile {
            customer,
            visits: self.store.recent_visits(id, RECENT_VISITS)?,
            visit_count: self.store.stats_for(id)?.count as usize,
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
        self.unsaved += 1;
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
        self.store.log_visit(&visit)?;
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

impl Drop for Book {
    /// A command that made many changes leaves the index saved for the next one.
    fn drop(&mut self) {
        if self.unsaved >= save_after(self.len()) {
            self.save_index();
        }
    }
}
