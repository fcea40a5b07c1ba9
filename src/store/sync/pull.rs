//! Taking in what was pulled from the hub: events new here written with their figures, customers merged
//! field by field, the till that wrote each event noted, and the cursor made durable after all of it.

use std::collections::HashMap;

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::{HLC_KEY, Mark, SyncRecord, Write, decode_clocks, encode_clocks, u64_of};
use crate::domain::{Customer, Event, FieldClocks, Hlc, Id, Stamp, merge_customer};
use crate::store::shapes::Record;
use crate::store::{Store, StoreError, id_from, journal_key};
use crate::text;

/// A record pulled from the hub: its number there, and the name of the till that wrote it.
#[derive(Clone, Debug)]
pub struct Incoming {
    pub seq: i64,
    pub record: SyncRecord,
    pub till: String,
    /// The row as the hub knows it: kept with the cursor when it is the last one taken.
    pub mark: Mark,
}

/// The key of an event's entry in the `tills` tree: its customer, then the event.
pub(super) fn till_key(customer: Id, event: Id) -> [u8; 32] {
    let mut key = [0u8; 32];
    key[..16].copy_from_slice(&customer.to_bytes());
    key[16..].copy_from_slice(&event.to_bytes());
    key
}

/// What a pull did with its records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TakenIn {
    /// Records new here, or customers changed by the merge.
    pub changed: usize,
    /// Records already here (this till's own, or pulled before).
    pub known: usize,
    /// Events of a customer this store does not have (forgotten here): left out.
    pub left_out: usize,
    /// A customer forgotten at another till, whom this store still holds: the pull stopped before the
    /// forget (its cursor is just before it), which the caller carries out (a forget rewrites the store)
    /// before it pulls again.
    pub forget: Option<Id>,
}

impl Store {
    /// Takes in records pulled from the hub, each with its sequence number there: events new here are
    /// written (with the figures they change, as if logged here, but not put in the outbox: the hub has
    /// them), customers are merged field by field. The records and the cursor (the last number taken)
    /// are durable when it returns; taken in twice, they change nothing the second time. A forget of a
    /// customer this store holds stops it there (see [`TakenIn::forget`]).
    pub fn take_in(&self, records: &[Incoming]) -> Result<TakenIn, StoreError> {
        let mut taken = TakenIn::default();
        // The last record taken: the cursor moves to its number, and its row is the mark.
        let mut last: Option<&Incoming> = None;
        // Customers forgotten here whose records the hub holds again (a hub restored from a copy made
        // before their forget): their records are left out, and their forget is sent again.
        let mut again = std::collections::BTreeSet::new();
        let forgot_any = !self.forgotten.is_empty();
        // New events of customers this store holds are written together, in one transaction with
        // their customers' figures (written one at a time, a catch-up of 100k events took a minute):
        // gathered here, and written before anything that must see them (a void, a customer's copy, a
        // forget).
        let mut gathered: Vec<&Event> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for incoming in records {
            let record = &incoming.record;
            if forgot_any && self.was_forgotten(record.customer())? {
                last = Some(incoming);
                if !matches!(record, SyncRecord::Forget(_)) {
                    again.insert(record.customer());
                    taken.left_out += 1;
                } else {
                    taken.known += 1;
                }
                continue;
            }
            let gatherable = match record {
                SyncRecord::Event(event) if event.kind() != crate::domain::EventKind::Void => {
                    Some(event)
                }
                _ => None,
            };
            if gatherable.is_none() && !gathered.is_empty() {
                taken.changed += self.load_pulled(&std::mem::take(&mut gathered))?;
            }
            if let Some(event) = gatherable {
                last = Some(incoming);
                if !seen.insert(event.id()) || self.has_event(event.customer(), event.id())? {
                    taken.known += 1;
                } else if !self
                    .customers
                    .contains_key(event.customer().to_bytes())
                    .map_err(|e| self.err(e))?
                {
                    taken.left_out += 1;
                } else {
                    gathered.push(event);
                }
                continue;
            }
            match record {
                SyncRecord::Forget(id) => {
                    if self.customer(*id)?.is_some() {
                        // The cursor stays on the record before it (a row the hub holds: the mark).
                        taken.forget = Some(*id);
                        break;
                    }
                    // Never here, or forgotten here before the digests were kept: remembered now.
                    self.remember_forgotten(*id)?;
                    last = Some(incoming);
                    taken.known += 1;
                }
                SyncRecord::Customer(copy) => {
                    last = Some(incoming);
                    if self.merge_in(&copy.customer, &copy.clocks)? {
                        taken.changed += 1;
                    } else {
                        taken.known += 1;
                    }
                }
                SyncRecord::Event(event) => {
                    last = Some(incoming);
                    if self.has_event(event.customer(), event.id())? {
                        taken.known += 1;
                        continue;
                    }
                    // Only voids come here (the other kinds are gathered above). A pulled void is a
                    // fact, kept whatever it takes back: two tills that voided one visit each hold
                    // both voids, so that taking either back later reads the same everywhere. The
                    // customer's figures are counted again from all their events with it.
                    let written = match event {
                        crate::domain::Event::Void(void) => self.put_event_as(void, Write::PULLED),
                        other => self.add_event_as(other, Write::PULLED),
                    };
                    match written {
                        Ok(_) => taken.changed += 1,
                        Err(StoreError::NoCustomer(_)) => taken.left_out += 1,
                        Err(other) => return Err(other),
                    }
                }
            }
        }
        if !gathered.is_empty() {
            taken.changed += self.load_pulled(&gathered)?;
        }
        let Some(last) = last else {
            return Ok(taken);
        };
        self.note_tills(records, last.seq)?;
        if !again.is_empty() {
            self.forget_again(&again)?;
        }
        // The records are durable before the cursor that says they were taken. Killed here, the records
        // are in and the cursor is not: the next pull takes them again, and finds them known.
        self.sync()?;
        crate::abort::point("sync-pull-taken");
        self.move_cursor(last.mark)?;
        self.sync()?;
        Ok(taken)
    }

    /// Writes pulled events (new here, of customers here, none a void) in one transaction with their
    /// customers' figures, with an index journal entry for each of those customers (not into the outbox:
    /// the hub has them). Returns how many.
    fn load_pulled(&self, events: &[&Event]) -> Result<usize, StoreError> {
        let mut load = self.bulk_load_pulled();
        let mut theirs = std::collections::BTreeSet::new();
        for event in events {
            load.add(event)?;
            theirs.insert(event.customer());
        }
        let mut journal = crate::store::rows::Rows::default();
        for customer in theirs {
            let key = journal_key(self.db.generate_id().map_err(|e| self.err(e))?);
            journal.insert(&key, &customer.to_bytes());
        }
        load.journal = Some(journal);
        load.finish_whole()?;
        Ok(events.len())
    }

    /// Merges another till's copy of a customer into this store's (or takes it whole if this store has
    /// none), in one transaction with the clocks and an index journal entry. True when anything changed.
    fn merge_in(&self, theirs: &Customer, their_clocks: &FieldClocks) -> Result<bool, StoreError> {
        let id = theirs.id.to_bytes();
        let result = (&self.customers, &self.clocks, &self.journal, &self.meta).transaction(
            |(customers, clocks, journal, meta)| {
                let abort = ConflictableTransactionError::Abort;
                let mut hlc = Hlc {
                    last: u64_of(meta.get(HLC_KEY)?),
                };
                hlc.witness(their_clocks.latest().clock);
                meta.insert(HLC_KEY, &hlc.last.to_be_bytes())?;
                let (customer, fields, changed) = match customers.get(id)? {
                    None => (theirs.clone(), *their_clocks, true),
                    Some(raw) => {
                        let mut ours = Customer::from_bytes(&raw).map_err(abort)?;
                        let mut fields = match clocks.get(id)? {
                            Some(raw) => decode_clocks(&raw).map_err(abort)?,
                            None => FieldClocks::all(Stamp::of_time(ours.updated_at)),
                        };
                        let before = fields;
                        let changed = merge_customer(&mut ours, &mut fields, theirs, their_clocks);
                        (ours, fields, changed || fields != before)
                    }
                };
                if changed {
                    customers.insert(&id[..], customer.to_bytes().map_err(abort)?)?;
                    clocks.insert(&id[..], encode_clocks(&fields).map_err(abort)?)?;
                    journal.insert(&journal_key(journal.generate_id()?), &id[..])?;
                }
                Ok(changed)
            },
        );
        match result {
            Ok(changed) => Ok(changed),
            Err(TransactionError::Abort(e)) => Err(self.damaged(text::RECORD_CUSTOMER, e)),
            Err(TransactionError::Storage(e)) => Err(self.err(e)),
        }
    }

    /// Where each pulled event up to `cursor` was written (the till the hub names), for the events of
    /// customers this store holds.
    fn note_tills(&self, records: &[Incoming], cursor: i64) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        for incoming in records.iter().take_while(|r| r.seq <= cursor) {
            if let SyncRecord::Event(event) = &incoming.record
                && !incoming.till.is_empty()
                && self
                    .customers
                    .contains_key(event.customer().to_bytes())
                    .map_err(|e| self.err(e))?
            {
                batch.insert(
                    till_key(event.customer(), event.id()).as_slice(),
                    incoming.till.as_bytes(),
                );
            }
        }
        self.tills.apply_batch(batch).map_err(|e| self.err(e))
    }

    /// The till an event was written at, as the hub told this till (none for a customer's copy or a
    /// forget, or an event the hub has not taken yet).
    pub(super) fn till_of(&self, record: &SyncRecord) -> Result<Option<String>, StoreError> {
        let SyncRecord::Event(event) = record else {
            return Ok(None);
        };
        let name = self
            .tills
            .get(till_key(event.customer(), event.id()))
            .map_err(|e| self.err(e))?;
        Ok(name.map(|n| String::from_utf8_lossy(&n).into_owned()))
    }

    /// The till each event of `customer` was written at, by event, for those the hub has taken.
    pub fn tills_of(&self, customer: Id) -> Result<HashMap<Id, String>, StoreError> {
        let mut found = HashMap::new();
        for item in self.tills.scan_prefix(customer.to_bytes()) {
            let (key, value) = item.map_err(|e| self.err(e))?;
            if let Some(event) = key.get(16..).and_then(id_from) {
                found.insert(event, String::from_utf8_lossy(&value).into_owned());
            }
        }
        Ok(found)
    }
}
