//! The typed record API of the store: customers, visits and notes, and the visit figures derived from
//! them, each write in one sled transaction with its index journal entry and durable when it returns.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::shapes::{Event, Record};
use super::{Store, StoreError, codec, id_from, journal_key};
use crate::domain::{Customer, EventKind, Id, Note, Visit};
use crate::text;

/// Derived figures for one customer, computed from the visit events. Cached in the `stats` tree, updated in
/// the same transaction as each visit, and always rebuildable from the visits ([`Store::rebuild_stats`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VisitStats {
    pub count: u32,
    pub last: Option<DateTime<Utc>>,
}

/// How [`VisitStats`] are stored: milliseconds rather than chrono's text form.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct StatsRecord {
    count: u32,
    last_ms: Option<i64>,
}

impl VisitStats {
    pub(super) fn record(self) -> StatsRecord {
        StatsRecord {
            count: self.count,
            last_ms: self.last.map(|t| t.timestamp_millis()),
        }
    }

    pub(super) fn from_record(r: StatsRecord) -> VisitStats {
        VisitStats {
            count: r.count,
            last: r.last_ms.and_then(DateTime::from_timestamp_millis),
        }
    }

    /// Counts one more visit at `at`.
    pub fn add(&mut self, at: DateTime<Utc>) {
        self.count += 1;
        self.last = self.last.max(Some(at));
    }
}

pub(super) fn event_key(customer: Id, event: Id) -> [u8; 32] {
    let mut key = [0u8; 32];
    key[..16].copy_from_slice(&customer.to_bytes());
    key[16..].copy_from_slice(&event.to_bytes());
    key
}

impl Store {
    // ---- customers ----

    pub fn customer(&self, id: Id) -> Result<Option<Customer>, StoreError> {
        let raw = self.customers.get(id.to_bytes()).map_err(|e| self.err(e))?;
        raw.map(|v| Customer::from_bytes(&v).map_err(|e| self.damaged(text::RECORD_CUSTOMER, e)))
            .transpose()
    }

    /// Counts customers by walking the tree (sled keeps no count): for tests and checks, not hot paths.
    pub fn customer_count(&self) -> usize {
        self.customers.len()
    }

    /// The visit figures of one customer.
    pub fn stats_for(&self, id: Id) -> Result<VisitStats, StoreError> {
        match self.stats.get(id.to_bytes()).map_err(|e| self.err(e))? {
            Some(raw) => codec::decode::<StatsRecord>(&raw)
                .map(VisitStats::from_record)
                .map_err(|e| self.damaged(text::RECORD_FIGURES, e)),
            None => Ok(VisitStats::default()),
        }
    }

    /// Every customer, in id order.
    pub fn customers(&self) -> impl Iterator<Item = Result<Customer, StoreError>> + '_ {
        self.customers.iter().map(|item| {
            let (_, v) = item.map_err(|e| self.err(e))?;
            Customer::from_bytes(&v).map_err(|e| self.damaged(text::RECORD_CUSTOMER, e))
        })
    }

    /// Adds or replaces a customer, noting the change in the index journal in the same transaction;
    /// durable when it returns.
    pub fn put_customer(&self, customer: &Customer) -> Result<(), StoreError> {
        let bytes = customer
            .to_bytes()
            .map_err(|e| self.damaged(text::RECORD_CUSTOMER, e))?;
        let id = customer.id.to_bytes();
        let result = (&self.customers, &self.journal).transaction(|(customers, journal)| {
            customers.insert(&id[..], bytes.as_slice())?;
            journal.insert(&journal_key(journal.generate_id()?), &id[..])?;
            Ok::<(), ConflictableTransactionError<std::convert::Infallible>>(())
        });
        match result {
            Ok(()) => self.sync(),
            Err(TransactionError::Abort(never)) => match never {},
            Err(TransactionError::Storage(e)) => Err(self.err(e)),
        }
    }

    /// Removes a customer for whom nothing is recorded (no visit, note or void), with an index journal
    /// entry so a saved search index forgets them too; durable when it returns. Refused with
    /// [`StoreError::CustomerInUse`] otherwise. (sled keeps the old bytes in its log until they are
    /// rewritten: this is for a customer added by mistake a moment ago, not for forgetting someone.)
    pub fn remove_unused_customer(&self, id: Id) -> Result<(), StoreError> {
        let prefix = id.to_bytes();
        for (tree, _) in self.event_trees() {
            if tree
                .scan_prefix(prefix)
                .next()
                .transpose()
                .map_err(|e| self.err(e))?
                .is_some()
            {
                return Err(StoreError::CustomerInUse(id));
            }
        }
        let result = (&self.customers, &self.journal).transaction(|(customers, journal)| {
            if customers.remove(&prefix[..])?.is_none() {
                return Err(ConflictableTransactionError::Abort(()));
            }
            journal.insert(&journal_key(journal.generate_id()?), &prefix[..])?;
            Ok(())
        });
        match result {
            Ok(()) => self.sync(),
            Err(TransactionError::Abort(())) => Err(StoreError::NoCustomer(id)),
            Err(TransactionError::Storage(e)) => Err(self.err(e)),
        }
    }

    // ---- events ----

    /// Writes an event for a customer that must exist, with its `owners` entry, in one transaction; durable
    /// when it returns. (A visit also changes the customer's figures: [`Store::log_visit`].)
    pub(super) fn put_event<E: Event>(&self, event: &E) -> Result<(), StoreError> {
        let bytes = event.to_bytes().map_err(|e| self.damaged(E::WHAT, e))?;
        let (customer, id) = (event.customer(), event.id());
        let key = event_key(customer, id);
        let tree = self.event_tree::<E>();
        let result =
            (&self.customers, tree, &self.owners).transaction(|(customers, events, owners)| {
                if customers.get(customer.to_bytes())?.is_none() {
                    return Err(ConflictableTransactionError::Abort(()));
                }
                events.insert(&key[..], bytes.as_slice())?;
                owners.insert(&id.to_bytes()[..], &customer.to_bytes()[..])?;
                Ok(())
            });
        match result {
            Ok(()) => self.sync(),
            Err(TransactionError::Abort(())) => Err(StoreError::NoCustomer(customer)),
            Err(TransactionError::Storage(e)) => Err(self.err(e)),
        }
    }

    /// The tree of events of kind `E`.
    fn event_tree<E: Event>(&self) -> &sled::Tree {
        E::tree(self)
    }

    /// A customer's events of kind `E`, oldest first.
    pub(super) fn events_of<E: Event>(&self, customer: Id) -> Result<Vec<E>, StoreError> {
        self.event_tree::<E>()
            .scan_prefix(customer.to_bytes())
            .map(|item| {
                let (_, v) = item.map_err(|e| self.err(e))?;
                E::from_bytes(&v).map_err(|e| self.damaged(E::WHAT, e))
            })
            .collect()
    }

    /// Logs a visit and updates the customer's cached figures in one transaction; durable when it returns.
    pub fn log_visit(&self, visit: &Visit) -> Result<(), StoreError> {
        let bytes = visit
            .to_bytes()
            .map_err(|e| self.damaged(text::RECORD_VISIT, e))?;
        let key = event_key(visit.customer, visit.id);
        let customer = visit.customer.to_bytes();
        let result = (
            &self.customers,
            &self.visits,
            &self.owners,
            &self.stats,
            &self.journal,
        )
            .transaction(|(customers, visits, owners, stats, journal)| {
                if customers.get(customer)?.is_none() {
                    return Err(ConflictableTransactionError::Abort(None));
                }
                let mut figures = match stats.get(customer)? {
                    Some(raw) => codec::decode::<StatsRecord>(&raw)
                        .map(VisitStats::from_record)
                        .map_err(|e| ConflictableTransactionError::Abort(Some(e)))?,
                    None => VisitStats::default(),
                };
                figures.add(visit.at);
                let encoded = codec::encode(&figures.record())
                    .map_err(|e| ConflictableTransactionError::Abort(Some(e)))?;
                visits.insert(&key[..], bytes.as_slice())?;
                owners.insert(&visit.id.to_bytes()[..], &customer[..])?;
                stats.insert(&customer[..], encoded)?;
                journal.insert(&journal_key(journal.generate_id()?), &customer[..])?;
                Ok(())
            });
        match result {
            Ok(()) => self.sync(),
            Err(TransactionError::Abort(None)) => Err(StoreError::NoCustomer(visit.customer)),
            Err(TransactionError::Abort(Some(e))) => Err(self.damaged(text::RECORD_FIGURES, e)),
            Err(TransactionError::Storage(e)) => Err(self.err(e)),
        }
    }

    pub fn add_note(&self, note: &Note) -> Result<(), StoreError> {
        self.put_event(note)
    }

    /// A customer's visits, oldest first.
    pub fn visits_for(&self, customer: Id) -> Result<Vec<Visit>, StoreError> {
        self.events_of(customer)
    }

    /// A customer's latest `limit` visits that are not among `voided`, oldest first.
    pub fn recent_visits(
        &self,
        customer: Id,
        limit: usize,
        voided: &HashSet<Id>,
    ) -> Result<Vec<Visit>, StoreError> {
        let mut visits = self
            .visits
            .scan_prefix(customer.to_bytes())
            .rev()
            .map(|item| {
                let (_, v) = item.map_err(|e| self.err(e))?;
                Visit::from_bytes(&v).map_err(|e| self.damaged(text::RECORD_VISIT, e))
            })
            .filter(|v| v.as_ref().map_or(true, |v| !voided.contains(&v.id)))
            .take(limit)
            .collect::<Result<Vec<Visit>, _>>()?;
        visits.reverse();
        Ok(visits)
    }

    /// A customer's notes, oldest first.
    pub fn notes_for(&self, customer: Id) -> Result<Vec<Note>, StoreError> {
        self.events_of(customer)
    }

    /// The customer an event (a visit, a note or a void) belongs to, found by the event's id alone: in the
    /// `owners` tree for events written one at a time, else by a walk over the event keys (bulk loads,
    /// such as the demo's, and stores from before the tree leave it out: writing a million random keys
    /// into it would double the time of a big load, for a lookup only `regulars void ID` needs).
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
        for (tree, _) in self.event_trees() {
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
        for (tree, kind) in self.event_trees() {
            if tree.contains_key(key).map_err(|e| self.err(e))? {
                return Ok(Some(kind));
            }
        }
        Ok(None)
    }

    /// Every event tree with its kind (see [`super::EVENTS`]).
    pub(super) fn event_trees(&self) -> impl Iterator<Item = (&sled::Tree, EventKind)> {
        super::EVENTS
            .iter()
            .filter_map(|(name, kind)| self.tree_named(name).map(|t| (t, *kind)))
    }

    /// Visit count and last visit of every customer who has visits, from the `stats` tree.
    pub fn visit_stats(&self) -> Result<HashMap<Id, VisitStats>, StoreError> {
        self.stats
            .iter()
            .map(|item| {
                let (key, value) = item.map_err(|e| self.err(e))?;
                let id = id_from(&key).ok_or_else(|| StoreError::Damaged {
                    path: self.path.clone(),
                    detail: "a visit figure's key is malformed".into(),
                })?;
                let record = codec::decode::<StatsRecord>(&value)
                    .map_err(|e| self.damaged(text::RECORD_FIGURES, e))?;
                Ok((id, VisitStats::from_record(record)))
            })
            .collect()
    }

    /// Recomputes every customer's visit figures from the visits themselves, reading keys only (an event
    /// id carries its time). Idempotent: running it twice gives the same tree.
    pub fn rebuild_stats(&self) -> Result<(), StoreError> {
        let voided = self.all_voided()?;
        let mut figures: HashMap<Id, VisitStats> = HashMap::new();
        for key in self.visits.iter().keys() {
            let key = key.map_err(|e| self.err(e))?;
            let (Some(customer), Some(event)) = (id_from(&key), key.get(16..).and_then(id_from))
            else {
                return Err(StoreError::Damaged {
                    path: self.path.clone(),
                    detail: "a visit key is malformed".into(),
                });
            };
            if !voided.contains(&event) {
                figures.entry(customer).or_default().add(event.time());
            }
        }
        self.stats.clear().map_err(|e| self.err(e))?;
        let mut batch = sled::Batch::default();
        for (id, f) in figures {
            let bytes =
                codec::encode(&f.record()).map_err(|e| self.damaged(text::RECORD_FIGURES, e))?;
            batch.insert(&id.to_bytes(), bytes);
        }
        self.stats.apply_batch(batch).map_err(|e| self.err(e))?;
        self.bump_epoch()?;
        self.sync()
    }

    /// Loads many records at once (demo data, imports), keeping the visit figures in step (the events get
    /// no `owners` entries: see [`Store::owner_of`]). Not durable until [`Store::sync`]: call it once after
    /// the last batch.
    pub fn load_batch(
        &self,
        customers: &[Customer],
        visits: &[Visit],
        notes: &[Note],
    ) -> Result<(), StoreError> {
        self.bump_epoch()?;
        let mut batch = sled::Batch::default();
        for c in customers {
            let bytes = c
                .to_bytes()
                .map_err(|e| self.damaged(text::RECORD_CUSTOMER, e))?;
            batch.insert(&c.id.to_bytes(), bytes);
        }
        self.customers.apply_batch(batch).map_err(|e| self.err(e))?;
        let mut batch = sled::Batch::default();
        let mut figures: HashMap<Id, VisitStats> = HashMap::new();
        for v in visits {
            let bytes = v
                .to_bytes()
                .map_err(|e| self.damaged(text::RECORD_VISIT, e))?;
            batch.insert(&event_key(v.customer, v.id)[..], bytes);
            figures.entry(v.customer).or_default().add(v.at);
        }
        self.visits.apply_batch(batch).map_err(|e| self.err(e))?;
        let mut batch = sled::Batch::default();
        for (id, mut f) in figures {
            if let Some(raw) = self.stats.get(id.to_bytes()).map_err(|e| self.err(e))? {
                let old = codec::decode::<StatsRecord>(&raw)
                    .map_err(|e| self.damaged(text::RECORD_FIGURES, e))?;
                let old = VisitStats::from_record(old);
                f.count += old.count;
                f.last = f.last.max(old.last);
            }
            let bytes =
                codec::encode(&f.record()).map_err(|e| self.damaged(text::RECORD_FIGURES, e))?;
            batch.insert(&id.to_bytes(), bytes);
        }
        self.stats.apply_batch(batch).map_err(|e| self.err(e))?;
        let mut batch = sled::Batch::default();
        for n in notes {
            let bytes = n
                .to_bytes()
                .map_err(|e| self.damaged(text::RECORD_NOTE, e))?;
            batch.insert(&event_key(n.customer, n.id)[..], bytes);
        }
        self.notes.apply_batch(batch).map_err(|e| self.err(e))
    }
}
