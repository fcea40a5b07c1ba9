//! The search index kept in step with the store: caught up from the journal, rebuilt, filled by a bulk
//! load, and saved next to the store.

use super::Book;
use crate::domain::{Customer, Event};
use crate::search::SearchIndex;
use crate::search::snapshot::Header;
use crate::store::{Store, StoreError};

/// The saved search index, inside the store directory (see `search::snapshot`).
pub(super) const INDEX_FILE: &str = "search-index";

/// Every open replays the journal written since the index was saved; an open that replays more than this
/// (about one change per thousand customers, at least 50) saves the index at once. A clean close saves it
/// whenever it changed.
pub(super) fn save_after(customers: usize) -> u64 {
    (customers as u64 / 1000).max(50)
}

impl Book {
    /// Applies the journal entries the index does not hold yet.
    pub fn catch_up(&mut self) -> Result<(), StoreError> {
        let seq = self.seq;
        let store = self.store()?;
        let (changed, last) = store.journal_after(seq)?;
        let mut updates = Vec::with_capacity(changed.len());
        let mut removed = Vec::new();
        for id in &changed {
            match store.customer(*id)? {
                Some(customer) => updates.push((customer, store.stats_for(*id)?)),
                None => removed.push(*id),
            }
        }
        for (customer, stats) in updates {
            self.index.upsert(&customer);
            self.index.set_figures(customer.id, &stats);
        }
        for id in removed {
            self.index.remove(id);
        }
        self.unsaved += changed.len() as u64;
        self.seq = last;
        Ok(())
    }

    pub(super) fn build_index(store: &Store) -> Result<SearchIndex, StoreError> {
        let stats = store.visit_stats()?;
        let mut index = SearchIndex::new();
        for customer in store.customers() {
            let customer = customer?;
            let s = stats.get(&customer.id).copied().unwrap_or_default();
            index.add_unordered(&customer, &s);
        }
        index.finish_build();
        Ok(index)
    }

    /// Rebuilds the search index from the store (after a bulk load) and saves it.
    pub fn reindex(&mut self) -> Result<(), StoreError> {
        let index = Self::build_index(self.store()?)?;
        self.take_up(index)
    }

    /// Makes `index`, built from every record (and no journal entry), the book's: caught up with the journal
    /// written since, and saved.
    fn take_up(&mut self, index: SearchIndex) -> Result<(), StoreError> {
        self.index = index;
        self.seq = self.store()?.index_state()?.pruned;
        self.catch_up()?;
        self.save_index();
        Ok(())
    }

    /// Loads customers new to the book, with their visits and notes (demo data), into the store and the
    /// index together, without reading them back; call [`Book::finish_load`] after the last batch, which
    /// makes it durable and searchable. The figures of a customer come from the visits in their batch.
    pub fn load_new(&mut self, customers: &[Customer], events: &[Event]) -> Result<(), StoreError> {
        let figures = self.store()?.load_batch(customers, events)?;
        self.index_loaded(customers, figures);
        Ok(())
    }

    /// Imports customers (new ones, and ones a merge changed) with their events: written in one
    /// transaction and made durable, then searchable (the index is filled from the batch, or rebuilt from
    /// the store when the batch changed customers it held).
    pub fn import(
        &mut self,
        customers: &[Customer],
        events: &[Event],
        progress: &mut dyn FnMut(usize),
    ) -> Result<(), StoreError> {
        let figures = self.store()?.load_import(customers, events, progress)?;
        self.index_loaded(customers, figures);
        self.finish_load()
    }

    /// Puts a loaded batch into the index, from its own figures.
    fn index_loaded(
        &mut self,
        customers: &[Customer],
        mut figures: std::collections::HashMap<crate::domain::Id, crate::domain::VisitStats>,
    ) {
        for c in customers {
            self.rebuild_after_load |= self.index.get(c.id).is_some();
            let f = figures.remove(&c.id).unwrap_or_default();
            self.index.add_unordered(c, &f);
        }
        self.rebuild_after_load |= !figures.is_empty();
    }

    /// Ends a bulk load: the store is synced, the index put in order (or rebuilt from the store if the
    /// load brought something it could not add) and saved.
    pub fn finish_load(&mut self) -> Result<(), StoreError> {
        self.store()?.sync()?;
        if std::mem::take(&mut self.rebuild_after_load) {
            return self.reindex();
        }
        let mut index = std::mem::take(&mut self.index);
        index.finish_build();
        self.take_up(index)
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
        let seq = self.seq;
        let store = self.store()?;
        let state = store.index_state()?;
        // Anything written since the last catch-up is in memory already; include it in the header.
        let (_, last) = store.journal_after(seq)?;
        let header = Header {
            store_id: state.store_id,
            epoch: state.epoch,
            seq: last,
        };
        let path = store.path().join(INDEX_FILE);
        self.saved = None;
        let bytes = self.index.to_snapshot(header);
        crate::files::write_private(&path, &bytes, true)?;
        crate::abort::point("index-save");
        self.saved = Some(header);
        self.store()?.prune_journal(last)?;
        self.seq = last;
        self.unsaved = 0;
        Ok(())
    }
}
