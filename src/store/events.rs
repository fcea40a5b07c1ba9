//! The one generic event tree, instantiated per kind ([`EventShape`]): the key layout (customer id ++ event
//! id), a write in one transaction with the customer's figures, the index journal and the inverse entry
//! that finds an event by its id, the scans by customer, the lookup by id, and the bulk load. A new kind of
//! event gets all of it by being listed in [`super::shapes::EVENTS`].

use std::collections::{HashMap, HashSet};

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::records::{decode_stats, encode_stats};
use super::rows::Rows;
use super::shapes::{EVENTS, EventShape, KindSpec, Record};
use super::{Store, StoreError, codec, id_from, journal_key};
use crate::domain::{Customer, Event, EventKind, Id, VisitStats, Void, voided_events, voids_in};
use crate::text;

pub(super) fn event_key(customer: Id, event: Id) -> [u8; 32] {
    let mut key = [0u8; 32];
    key[..16].copy_from_slice(&customer.to_bytes());
    key[16..].copy_from_slice(&event.to_bytes());
    key
}

/// How an event is written.
#[derive(Clone, Copy, Debug)]
pub(super) struct Write {
    /// Into the outbox, when the store syncs: written here, the hub must have it.
    pub enqueue: bool,
    /// Made durable before the write returns (a pull syncs once after its whole batch instead).
    pub durable: bool,
}

impl Write {
    /// Written at this till.
    pub const HERE: Write = Write {
        enqueue: true,
        durable: true,
    };
    /// Pulled from the hub.
    pub const PULLED: Write = Write {
        enqueue: false,
        durable: false,
    };
}

/// Why an event write was refused inside its transaction.
enum Refused {
    NoCustomer,
    Figures(codec::CodecError),
}

impl Store {
    /// Every kind of event with its tree.
    pub(super) fn event_trees(&self) -> impl Iterator<Item = (&'static KindSpec, &sled::Tree)> {
        EVENTS.iter().zip(&self.events)
    }

    /// The tree of events of kind `E`.
    pub(super) fn event_tree<E: EventShape>(&self) -> &sled::Tree {
        let at = EVENTS.iter().position(|k| k.tree == E::TREE);
        // Every kind with an `EventShape` is listed in `EVENTS` (a test in `shapes` holds it to that).
        &self.events[at.unwrap_or_else(|| unreachable!("{} is not in EVENTS", E::TREE))]
    }

    /// Writes an event of a customer that must exist, with its inverse entry; when the event changes the
    /// customer's figures (see [`EventShape::ADDS_TO_FIGURES`]), the figures and an index journal entry go
    /// in the same transaction. Durable when it returns; returns the customer's figures now.
    ///
    /// An event whose id is there already is a second try of a write whose first try failed only after
    /// the store had taken it in (its fsync): it takes the first one's place, and the figures are counted
    /// again from the customer's events, so nothing counts twice.
    pub(super) fn put_event<E: EventShape + Clone>(
        &self,
        event: &E,
    ) -> Result<VisitStats, StoreError> {
        self.put_event_as(event, Write::HERE)
    }

    /// [`Store::put_event`], written as `how` says.
    pub(super) fn put_event_as<E: EventShape + Clone>(
        &self,
        event: &E,
        how: Write,
    ) -> Result<VisitStats, StoreError> {
        let again = self
            .event_tree::<E>()
            .contains_key(event_key(event.customer(), event.id()))
            .map_err(|e| self.err(e))?;
        if E::ADDS_TO_FIGURES && !again {
            return self.put_event_with(event, how, |figures| event.add_to(figures));
        }
        let mut events = self.events_for(event.customer())?;
        events.retain(|e| e.id() != event.id());
        events.push(event.clone().into_event());
        events.sort_by_key(Event::id);
        let now = VisitStats::of(&events, &voided_events(&voids_in(&events)));
        self.put_event_with(event, how, |figures| {
            let changed = *figures != now;
            *figures = now;
            changed
        })
    }

    /// [`Store::put_event`] with the figures changed by `update` (true: they changed) rather than by the
    /// event's own rule: a void takes back what another event added.
    pub(super) fn put_event_with<E: EventShape + Clone>(
        &self,
        event: &E,
        how: Write,
        update: impl Fn(&mut VisitStats) -> bool,
    ) -> Result<VisitStats, StoreError> {
        self.injected_failure()?;
        let bytes = event.to_bytes().map_err(|e| self.damaged(E::WHAT, e))?;
        let (customer, id) = (event.customer().to_bytes(), event.id().to_bytes());
        let key = event_key(event.customer(), event.id());
        let whole = how.enqueue.then(|| event.clone().into_event());
        let result = (
            &self.customers,
            self.event_tree::<E>(),
            &self.owners,
            &self.stats,
            &self.journal,
            &self.meta,
            &self.outbox,
        )
            .transaction(
                |(customers, events, owners, stats, journal, meta, outbox)| {
                    if customers.get(customer)?.is_none() {
                        return Err(ConflictableTransactionError::Abort(Refused::NoCustomer));
                    }
                    let mut figures = match stats.get(customer)? {
                        Some(raw) => decode_stats(&raw).map_err(|e| {
                            ConflictableTransactionError::Abort(Refused::Figures(e))
                        })?,
                        None => VisitStats::default(),
                    };
                    events.insert(&key[..], bytes.as_slice())?;
                    owners.insert(&id[..], &customer[..])?;
                    if let Some(whole) = &whole {
                        super::sync::enqueue_event(meta, outbox, whole)?;
                    }
                    if update(&mut figures) {
                        if figures == VisitStats::default() {
                            stats.remove(&customer[..])?;
                        } else {
                            let encoded = encode_stats(&figures).map_err(|e| {
                                ConflictableTransactionError::Abort(Refused::Figures(e))
                            })?;
                            stats.insert(&customer[..], encoded)?;
                        }
                        journal.insert(&journal_key(journal.generate_id()?), &customer[..])?;
                    }
                    Ok(figures)
                },
            );
        match result {
            Ok(figures) if how.durable => self.sync().map(|()| figures),
            Ok(figures) => Ok(figures),
            Err(TransactionError::Abort(Refused::NoCustomer)) => {
                Err(StoreError::NoCustomer(event.customer()))
            }
            Err(TransactionError::Abort(Refused::Figures(e))) => {
                Err(self.damaged(text::RECORD_FIGURES, e))
            }
            Err(TransactionError::Storage(e)) => Err(self.err(e)),
        }
    }

    /// Whether customer `customer` has an event `id`, of any kind: one exact key a tree.
    pub fn has_event(&self, customer: Id, id: Id) -> Result<bool, StoreError> {
        let key = event_key(customer, id);
        for (_, tree) in self.event_trees() {
            if tree.contains_key(key).map_err(|e| self.err(e))? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Writes one event of any kind (see [`Store::put_event`]); durable when it returns.
    pub fn add_event(&self, event: &Event) -> Result<VisitStats, StoreError> {
        self.add_event_as(event, Write::HERE)
    }

    /// [`Store::add_event`], written as `how` says.
    pub(super) fn add_event_as(&self, event: &Event, how: Write) -> Result<VisitStats, StoreError> {
        match event {
            Event::Visit(e) => self.put_event_as(e, how),
            Event::Note(e) => self.put_event_as(e, how),
            Event::Promise(e) => self.put_event_as(e, how),
            Event::PromiseEnd(e) => self.put_event_as(e, how),
            Event::Redemption(e) => self.put_event_as(e, how),
            Event::Consent(e) => self.put_event_as(e, how),
            // A void is checked against what it takes back first.
            Event::Void(e) => self.void_as(e, how).map(|(_, figures)| figures),
        }
    }

    /// A customer's events of kind `E`, oldest first.
    pub(super) fn events_of<E: EventShape>(&self, customer: Id) -> Result<Vec<E>, StoreError> {
        self.event_tree::<E>()
            .scan_prefix(customer.to_bytes())
            .map(|item| {
                let (_, v) = item.map_err(|e| self.err(e))?;
                E::from_bytes(&v).map_err(|e| self.damaged(E::WHAT, e))
            })
            .collect()
    }

    pub(super) fn decode(&self, kind: &KindSpec, bytes: &[u8]) -> Result<Event, StoreError> {
        (kind.decode)(bytes).map_err(|e| self.damaged(kind.what, e))
    }

    /// Every event of a customer, of every kind, oldest first.
    pub fn events_for(&self, customer: Id) -> Result<Vec<Event>, StoreError> {
        let mut all = Vec::new();
        for (kind, tree) in self.event_trees() {
            for item in tree.scan_prefix(customer.to_bytes()) {
                let (_, v) = item.map_err(|e| self.err(e))?;
                all.push(self.decode(kind, &v)?);
            }
        }
        all.sort_by_key(Event::id);
        Ok(all)
    }

    /// What the desk's card needs of a customer's events, oldest first: every void, and of each other kind
    /// the latest ones that no void takes back (all of them, or as many as the kind's `ON_CARD` says).
    pub fn card_events(&self, customer: Id) -> Result<Vec<Event>, StoreError> {
        let voids: Vec<Void> = self.events_of(customer)?;
        let voided = voided_events(&voids);
        let mut all: Vec<Event> = voids.into_iter().map(Event::Void).collect();
        for (kind, tree) in self
            .event_trees()
            .filter(|(k, _)| k.kind != EventKind::Void)
        {
            let mut taken = 0;
            for item in tree.scan_prefix(customer.to_bytes()).rev() {
                if kind.on_card.is_some_and(|most| taken >= most) {
                    break;
                }
                let (key, v) = item.map_err(|e| self.err(e))?;
                if key
                    .get(16..)
                    .and_then(id_from)
                    .is_some_and(|id| voided.contains(&id))
                {
                    continue;
                }
                all.push(self.decode(kind, &v)?);
                taken += 1;
            }
        }
        all.sort_by_key(Event::id);
        Ok(all)
    }

    /// A customer's figures recomputed from their events, leaving out `left_out`.
    pub(super) fn figures_without(
        &self,
        customer: Id,
        left_out: &HashSet<Id>,
    ) -> Result<VisitStats, StoreError> {
        Ok(VisitStats::of(&self.events_for(customer)?, left_out))
    }

    /// The customer an event (of any kind) belongs to, found by the event's id alone: in the `owners` tree
    /// for events written one at a time, else by a walk over the event keys (bulk loads, such as the
    /// demo's, and stores from before the tree leave it out: writing a million random keys into it would
    /// double the time of a big load, for a lookup only `regulars void ID` needs).
    pub fn owner_of(&self, event: Id) -> Result<Option<Id>, StoreError> {
        let raw = self.owners.get(event.to_bytes()).map_err(|e| self.err(e))?;
        if let Some(raw) = raw {
            return id_from(&raw)
                .ok_or_else(|| StoreError::Damaged {
                    path: self.path.clone(),
                    detail: "an event's owner is malformed".into(),
                })
                .map(Some);
        }
        let wanted = event.to_bytes();
        for (_, tree) in self.event_trees() {
            for key in tree.iter().keys() {
                let key = key.map_err(|e| self.err(e))?;
                if key.get(16..) == Some(&wanted[..]) {
                    return Ok(id_from(&key));
                }
            }
        }
        Ok(None)
    }

    /// What kind of event `event` of `customer` is, if there is one.
    pub fn event_kind(&self, customer: Id, event: Id) -> Result<Option<EventKind>, StoreError> {
        let key = event_key(customer, event);
        for (kind, tree) in self.event_trees() {
            if tree.contains_key(key).map_err(|e| self.err(e))? {
                return Ok(Some(kind.kind));
            }
        }
        Ok(None)
    }

    /// Recomputes every customer's figures from the events themselves, one customer at a time (memory
    /// stays flat at any size). Idempotent: running it twice gives the same tree.
    pub fn rebuild_stats(&self) -> Result<(), StoreError> {
        self.stats.clear().map_err(|e| self.err(e))?;
        for key in self.customers.iter().keys() {
            let key = key.map_err(|e| self.err(e))?;
            let Some(id) = id_from(&key) else {
                continue;
            };
            let events = self.events_for(id)?;
            let figures = VisitStats::of(&events, &voided_events(&voids_in(&events)));
            if figures != VisitStats::default() {
                let bytes =
                    encode_stats(&figures).map_err(|e| self.damaged(text::RECORD_FIGURES, e))?;
                // One insert at a time: see `rows.rs` for why not in batches.
                self.stats
                    .insert(id.to_bytes(), bytes)
                    .map_err(|e| self.err(e))?;
            }
        }
        self.bump_epoch()?;
        self.sync()
    }

    /// Starts a bulk load of records (demo data, imports): see [`BulkLoad`].
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
