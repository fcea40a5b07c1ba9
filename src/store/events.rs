//! The one generic event tree, instantiated per kind ([`EventShape`]): the key layout (customer id ++ event
//! id), a write in one transaction with the customer's figures, the index journal and the inverse entry
//! that finds an event by its id, the scans by customer and the lookup by id (many at once: `load.rs`). A new kind of
//! event gets all of it by being listed in [`super::shapes::EVENTS`].

use std::collections::HashSet;

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::records::{decode_stats, encode_stats};
use super::shapes::{EVENTS, EventShape, KindSpec};
use super::{Store, StoreError, codec, id_from, journal_key};
use crate::domain::{Event, EventKind, Id, VisitStats, Void, voided_events, voids_in};
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
}
