//! Many records at once: a bulk load (the demo's, a pull's) and an import (into an empty store in steps of
//! bounded memory, undone whole if interrupted, or in one transaction beside what is there), with the
//! customers' figures kept in step. One record at a time is `events.rs`.

use std::collections::HashMap;

use super::events::event_key;
use super::records::encode_stats;
use super::rows::Rows;
use super::shapes::{EVENTS, EventShape, Record};
use super::{Store, StoreError};
use crate::domain::{Customer, Event, Id, VisitStats, voided_events, voids_in};
use crate::text;

impl Store {
    /// A bulk load of records pulled from the sync hub: nothing of it goes into the outbox.
    pub(super) fn bulk_load_pulled(&self) -> BulkLoad<'_> {
        BulkLoad {
            store: self,
            customers: Rows::default(),
            events: EVENTS.iter().map(|_| Rows::default()).collect(),
            theirs: HashMap::new(),
            sync: None,
            journal: Some(Rows::default()),
        }
    }

    /// Starts a bulk load of records (demo data, imports): see [`BulkLoad`].
    pub fn bulk_load(&self) -> Result<BulkLoad<'_>, StoreError> {
        Ok(BulkLoad {
            store: self,
            customers: Rows::default(),
            events: EVENTS.iter().map(|_| Rows::default()).collect(),
            theirs: HashMap::new(),
            sync: self.bulk_outbox()?,
            journal: None,
        })
    }

    /// How many customers an import into an empty store writes at a time.
    pub const IMPORT_STEP: usize = 2_000;

    /// Writes an import: into a store with no record at all, in steps of bounded memory
    /// ([`Store::load_into_empty`], undone whole if interrupted); else in one transaction beside what is
    /// there ([`Store::load_whole`]). Durable when it returns.
    pub fn load_import(
        &self,
        customers: &[Customer],
        events: &[Event],
        progress: &mut dyn FnMut(usize),
    ) -> Result<HashMap<Id, VisitStats>, StoreError> {
        let mut trees: Vec<&sled::Tree> = vec![&self.customers, &self.stats];
        trees.extend(self.events.iter());
        if trees.iter().all(|t| t.is_empty()) {
            self.load_into_empty(customers, events, progress)
        } else {
            let written = self.load_whole(customers, events)?;
            progress(customers.len());
            Ok(written)
        }
    }

    /// Fills an empty store with customers and their events in steps of bounded size (a big import: one
    /// transaction would hold it all in memory), all or nothing all the same: a durable mark says the store
    /// is being filled from empty, and a store opened with the mark still there is emptied again
    /// ([`Store::undo_interrupted_fill`]). Made durable before it returns; returns the figures written.
    fn load_into_empty(
        &self,
        customers: &[Customer],
        events: &[Event],
        progress: &mut dyn FnMut(usize),
    ) -> Result<HashMap<Id, VisitStats>, StoreError> {
        self.meta
            .insert(super::FILLING_KEY, &[1])
            .map_err(|e| self.err(e))?;
        self.sync()?;
        match self.fill_in_steps(customers, events, progress) {
            Ok(written) => {
                self.meta
                    .remove(super::FILLING_KEY)
                    .map_err(|e| self.err(e))?;
                self.sync()?;
                Ok(written)
            }
            Err(e) => {
                // A write that failed (a full disk): the store goes back to empty at once, as the next
                // open would make it (which it still does if this fails too).
                let _ = self.undo_interrupted_fill();
                Err(e)
            }
        }
    }

    /// The steps of [`Store::load_into_empty`], made durable; `progress` is told how many customers are
    /// written after each.
    fn fill_in_steps(
        &self,
        customers: &[Customer],
        events: &[Event],
        progress: &mut dyn FnMut(usize),
    ) -> Result<HashMap<Id, VisitStats>, StoreError> {
        let mut theirs: HashMap<Id, Vec<&Event>> = HashMap::new();
        for e in events {
            theirs.entry(e.customer()).or_default().push(e);
        }
        let mut written = HashMap::new();
        let mut done = 0;
        for step in customers.chunks(Self::IMPORT_STEP) {
            let mut load = self.bulk_load()?;
            for c in step {
                load.customer(c)?;
                for e in theirs.remove(&c.id).unwrap_or_default() {
                    load.add(e)?;
                }
            }
            written.extend(load.finish()?);
            done += step.len();
            progress(done);
            crate::abort::point("import-step");
        }
        // Events of customers not in the load: none in an empty store, but never dropped unseen.
        if !theirs.is_empty() {
            let mut load = self.bulk_load()?;
            for e in theirs.into_values().flatten() {
                load.add(e)?;
            }
            written.extend(load.finish()?);
        }
        self.sync()?;
        Ok(written)
    }

    /// Empties a store an interrupted [`Store::load_into_empty`] left part-filled (it was empty before),
    /// and makes that durable; a store without the mark is left alone.
    pub(super) fn undo_interrupted_fill(&self) -> Result<(), StoreError> {
        if !self
            .meta
            .contains_key(super::FILLING_KEY)
            .map_err(|e| self.err(e))?
        {
            return Ok(());
        }
        tracing::warn!("an import into an empty store was interrupted: the store is emptied again");
        // The outbox and the clocks of a store that syncs can only hold the fill's own (it was empty).
        let mut trees: Vec<&sled::Tree> = vec![
            &self.customers,
            &self.stats,
            &self.owners,
            &self.journal,
            &self.outbox,
            &self.clocks,
        ];
        trees.extend(self.events.iter());
        for tree in trees {
            tree.clear().map_err(|e| self.err(e))?;
        }
        self.bump_epoch()?;
        self.sync()?;
        self.meta
            .remove(super::FILLING_KEY)
            .map_err(|e| self.err(e))?;
        self.sync()
    }

    /// Loads customers and their events in one transaction (see [`BulkLoad::finish_whole`]), made durable
    /// before it returns; returns the figures written.
    pub fn load_whole(
        &self,
        customers: &[Customer],
        events: &[Event],
    ) -> Result<HashMap<Id, VisitStats>, StoreError> {
        let written = self.bulk_load_of(customers, events)?.finish_whole()?;
        self.sync()?;
        Ok(written)
    }

    /// Loads customers, visits and notes at once (see [`BulkLoad`]); returns the figures written.
    pub fn load_batch(
        &self,
        customers: &[Customer],
        events: &[Event],
    ) -> Result<HashMap<Id, VisitStats>, StoreError> {
        self.bulk_load_of(customers, events)?.finish()
    }

    /// A bulk load holding `customers` and `events`, to be finished.
    fn bulk_load_of(
        &self,
        customers: &[Customer],
        events: &[Event],
    ) -> Result<BulkLoad<'_>, StoreError> {
        let mut load = self.bulk_load()?;
        for c in customers {
            load.customer(c)?;
        }
        for e in events {
            load.add(e)?;
        }
        Ok(load)
    }
}

/// Many records written at once, in one batch per tree, keeping the customers' figures in step. The
/// events get no inverse entries (see [`Store::owner_of`]) and nothing goes to the index journal: the
/// caller brings the search index up to date itself. Not durable until [`Store::sync`]: call it once after
/// the last load.
pub struct BulkLoad<'a> {
    store: &'a Store,
    customers: Rows,
    events: Vec<Rows>,
    /// The events of the load, by customer, for their figures.
    theirs: HashMap<Id, Vec<Event>>,
    /// The load's outbox entries and field clocks, when the store syncs.
    sync: Option<super::sync::BulkOutbox>,
    /// Index journal entries written with the load (a pull's, one for each customer it concerns): a
    /// saved search index then stays usable. Without them every saved index is marked stale.
    pub(super) journal: Option<Rows>,
}

impl BulkLoad<'_> {
    pub fn customer(&mut self, c: &Customer) -> Result<(), StoreError> {
        let bytes = c
            .to_bytes()
            .map_err(|e| self.store.damaged(text::RECORD_CUSTOMER, e))?;
        self.customers.insert(&c.id.to_bytes(), bytes);
        if let Some(sync) = &mut self.sync {
            sync.customer(c)
                .map_err(|e| self.store.damaged(text::RECORD_CUSTOMER, e))?;
        }
        Ok(())
    }

    /// Adds an event of any kind.
    pub fn add(&mut self, event: &Event) -> Result<(), StoreError> {
        match event {
            Event::Visit(e) => self.event(e),
            Event::Note(e) => self.event(e),
            Event::Void(e) => self.event(e),
            Event::Promise(e) => self.event(e),
            Event::PromiseEnd(e) => self.event(e),
            Event::Redemption(e) => self.event(e),
            Event::Consent(e) => self.event(e),
        }
    }

    pub(super) fn event<E: EventShape + Clone>(&mut self, event: &E) -> Result<(), StoreError> {
        let bytes = event
            .to_bytes()
            .map_err(|e| self.store.damaged(E::WHAT, e))?;
        let at = EVENTS
            .iter()
            .position(|k| k.tree == E::TREE)
            .unwrap_or_else(|| unreachable!("{} is not in EVENTS", E::TREE));
        self.events[at].insert(&event_key(event.customer(), event.id())[..], bytes);
        let whole = event.clone().into_event();
        if let Some(sync) = &mut self.sync {
            sync.event(&whole);
        }
        self.theirs.entry(event.customer()).or_default().push(whole);
        Ok(())
    }

    /// The figures of the customers the load concerns: from the load's events alone for a customer who
    /// had none stored, else from everything stored and the load's; as a batch, and by customer.
    fn figures(&mut self) -> Result<(Rows, HashMap<Id, VisitStats>), StoreError> {
        let store = self.store;
        let mut batch = Rows::default();
        let mut written = HashMap::new();
        for (id, mut events) in std::mem::take(&mut self.theirs) {
            let stored = store.events_for(id)?;
            if !stored.is_empty() {
                events.extend(stored);
            }
            let figures = VisitStats::of(&events, &voided_events(&voids_in(&events)));
            if figures != VisitStats::default() {
                let bytes =
                    encode_stats(&figures).map_err(|e| store.damaged(text::RECORD_FIGURES, e))?;
                batch.insert(&id.to_bytes(), bytes);
            }
            written.insert(id, figures);
        }
        Ok((batch, written))
    }

    /// Writes the batches and the figures of the customers they concern, a tree at a time: the fast way
    /// to fill a new store (the demo's), which a crash leaves part-filled.
    pub fn finish(mut self) -> Result<HashMap<Id, VisitStats>, StoreError> {
        let (figures, written) = self.figures()?;
        let store = self.store;
        store.bump_epoch()?;
        let err = |e| store.err(e);
        self.customers.write_to(&store.customers).map_err(err)?;
        for (tree, rows) in store.events.iter().zip(self.events) {
            rows.write_to(tree).map_err(err)?;
        }
        figures.write_to(&store.stats).map_err(err)?;
        if let Some(sync) = self.sync {
            sync.clocks.write_to(&store.clocks).map_err(err)?;
            sync.outbox.write_to(&store.outbox).map_err(err)?;
        }
        Ok(written)
    }

    /// Writes the batches and the figures in one transaction over the customers, every event tree and
    /// the figures (an import): sled recovers it whole or not at all, so a crash leaves the store as it
    /// was or with the whole load. About a quarter slower than [`BulkLoad::finish`].
    pub fn finish_whole(mut self) -> Result<HashMap<Id, VisitStats>, StoreError> {
        use sled::Transactional;
        use sled::transaction::{ConflictableTransactionError, TransactionError};
        let (figures, written) = self.figures()?;
        let store = self.store;
        if self.journal.is_none() {
            store.bump_epoch()?;
        }
        let mut trees: Vec<&sled::Tree> = vec![&store.customers, &store.stats];
        trees.extend(store.events.iter());
        let mut batches = vec![self.customers.batch(), figures.batch()];
        batches.extend(self.events.iter().map(Rows::batch));
        if let Some(journal) = self.journal {
            trees.push(&store.journal);
            batches.push(journal.batch());
        }
        if let Some(sync) = self.sync {
            trees.extend([&store.clocks, &store.outbox]);
            batches.extend([sync.clocks.batch(), sync.outbox.batch()]);
        }
        trees
            .as_slice()
            .transaction(|views| {
                for (view, batch) in views.iter().zip(&batches) {
                    view.apply_batch(batch)?;
                }
                Ok::<(), ConflictableTransactionError<()>>(())
            })
            .map_err(|e| match e {
                TransactionError::Storage(e) => store.err(e),
                TransactionError::Abort(()) => {
                    store.err(sled::Error::Unsupported("a bulk load was aborted".into()))
                }
            })?;
        Ok(written)
    }
}
