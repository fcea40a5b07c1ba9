//! What the store keeps so that tills can share their records (the sync in `src/sync/` does the talking):
//!
//! - `outbox`: what this till wrote that the hub has not yet taken. A record's entry is written in the same
//!   transaction as the record, so nothing written can be left out of the next push, whatever crashes. The
//!   key names the record (class ++ customer id ++ event id), so writing a customer five times between two
//!   pushes leaves one entry, and a customer's entry sorts before every event's: a customer is always
//!   pushed before (or with) their events. The value is the kind of event and a number made at each write:
//!   an entry is taken out after a push only if it was not written again meanwhile.
//! - `clocks`: customer id → the stamp of each field's last change ([`FieldClocks`]), for the per-field
//!   merge of copies from other tills.
//! - `tills`: customer id ++ event id → the name of the till that wrote the event, as the hub has it
//!   (noted when the event is pulled, this till's own included: `pull.rs`).
//! - in `meta`: this till's sync id (there once the store syncs: from then on every write goes to the
//!   outbox), whether everything written before then has been put in the outbox, the hub's sequence number
//!   pulled up to, the hybrid logical clock, and when the hub was last reached.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sled::transaction::{
    ConflictableTransactionError, TransactionalTree, UnabortableTransactionError,
};

mod forgotten;
mod pull;

pub use pull::{Incoming, TakenIn};

use super::events::{Write, event_key};
use super::shapes::{EVENTS, Record};
use super::{Store, StoreError, codec, id_from};
use crate::domain::{Customer, Event, FIELDS, FieldClocks, Hlc, Id, Stamp};
use crate::text;

/// This till's sync id (16 bytes): there once the store syncs.
pub(super) const SYNC_TILL_KEY: &[u8] = b"sync_till";
/// There once every record written before the store started syncing is in the outbox.
const SYNC_SEEDED_KEY: &[u8] = b"sync_seeded";
/// While that walk is under way: the tree it has got to (its place in the walk) and the last key done.
const SYNC_SEED_AT_KEY: &[u8] = b"sync_seed_at";
/// The hub's sequence number of the last change pulled (i64 big-endian).
const SYNC_CURSOR_KEY: &[u8] = b"sync_cursor";
/// The hybrid logical clock's last reading (u64 big-endian).
const HLC_KEY: &[u8] = b"sync_hlc";
/// When the hub was last reached (milliseconds, i64 big-endian).
const CONTACT_KEY: &[u8] = b"sync_contact";
/// The row the cursor stands on, as the hub holds it ([`Mark`]).
const SYNC_MARK_KEY: &[u8] = b"sync_mark";
/// The last row this till's pushes added, until the cursor passes it ([`Standing::pushed`]).
const SYNC_PUSHED_KEY: &[u8] = b"sync_pushed";

/// The class byte that starts an outbox key.
const CLASS_CUSTOMER: u8 = 0;
const CLASS_EVENT: u8 = 1;

/// The customers forgotten here whose forget the hub has not taken yet, one id a line, in the store's
/// folder. Not in sled: sled keeps old values in its files until it rewrites them, and a forgotten
/// customer's id must leave every file once the hub has it. Written (durably) into the fresh store a
/// forget makes, and removed once pushed.
pub(super) const FORGET_PENDING: &str = "forget-pending";

/// How many outbox entries the walk that starts syncing writes at a time.
const SEED_STEP: usize = 10_000;

/// Where this till stands with the hub.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncPlace {
    /// This till's sync id; `None` until the store first syncs.
    pub till: Option<u128>,
    /// The hub's sequence number pulled up to.
    pub cursor: i64,
    /// Records written here that the hub has not yet taken (those in the outbox: see `walked`).
    pub waiting: usize,
    /// Whether every record held here before the store began to sync (or started over with a hub that
    /// went back) is in the outbox; until then, everything held here waits, whatever `waiting` says.
    pub walked: bool,
    pub last_contact: Option<DateTime<Utc>>,
}

/// A row of the hub, known by its number and the moment the hub took it. A hub that still holds that very
/// row at that number holds every row numbered up to it that it ever held (rows are numbered in commit
/// order, and a forget empties rows where they stand rather than deleting them). One that holds nothing
/// there, or a row taken at another time (the same record pushed again counts as another), has gone back:
/// restored from a copy made earlier, or replaced by a new database. The till then starts over with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub seq: i64,
    /// When the hub took the row, in microseconds since 1970, as the hub says.
    pub pushed_us: i64,
}

impl Mark {
    fn to_bytes(self) -> [u8; 16] {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.seq.to_be_bytes());
        bytes[8..].copy_from_slice(&self.pushed_us.to_be_bytes());
        bytes
    }

    fn from_bytes(bytes: &[u8]) -> Option<Mark> {
        let bytes = <[u8; 16]>::try_from(bytes).ok()?;
        let (seq, us) = bytes.split_at(8);
        Some(Mark {
            seq: i64::from_be_bytes(seq.try_into().ok()?),
            pushed_us: i64::from_be_bytes(us.try_into().ok()?),
        })
    }
}

/// Where a till stands on the hub: the number of the last row it took, and the rows that tell whether the
/// hub has gone back since.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    pub cursor: i64,
    /// The row at the cursor; `None` until a pull has taken a row.
    pub mark: Option<Mark>,
    /// The last row this till's pushes added, while the cursor has not passed it: a hub gone back to
    /// before it has lost what this till took out of its outbox.
    pub pushed: Option<Mark>,
}

/// A record as tills share it: pushed as it is now, or pulled from the hub.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncRecord {
    Customer(Box<CustomerCopy>),
    Event(Event),
    /// A customer forgotten at a till: the id alone.
    Forget(Id),
}

impl SyncRecord {
    /// The customer the record is about.
    pub fn customer(&self) -> Id {
        match self {
            SyncRecord::Customer(copy) => copy.customer.id,
            SyncRecord::Event(event) => event.customer(),
            SyncRecord::Forget(id) => *id,
        }
    }
}

/// A copy of a customer: their fields, and the stamp of each field's last change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerCopy {
    pub customer: Customer,
    pub clocks: FieldClocks,
}

/// A record waiting to be pushed, and where it waits.
pub struct Waiting {
    entry: Entry,
    pub record: SyncRecord,
}

enum Entry {
    Outbox {
        key: sled::IVec,
        value: sled::IVec,
    },
    /// A line of [`FORGET_PENDING`].
    Forget,
}

/// The ids in a [`FORGET_PENDING`] file (none when there is no file).
pub(super) fn pending_forgets(dir: &std::path::Path) -> std::io::Result<Vec<Id>> {
    match std::fs::read_to_string(dir.join(FORGET_PENDING)) {
        Ok(text) => Ok(text.lines().filter_map(|l| l.trim().parse().ok()).collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// Writes `ids` as the [`FORGET_PENDING`] file of `dir`, durably; no ids, no file.
pub(super) fn write_pending_forgets(dir: &std::path::Path, ids: &[Id]) -> std::io::Result<()> {
    let path = dir.join(FORGET_PENDING);
    if ids.is_empty() {
        return crate::files::remove_durably(&path);
    }
    let text: String = ids.iter().map(|id| format!("{id}\n")).collect();
    crate::files::write_private(&path, text.as_bytes(), true)
}

/// The stored shape of a customer's field clocks: one (clock, till) pair per field, in `Field::ALL` order.
#[derive(Serialize, Deserialize)]
struct ClocksV1 {
    stamps: Vec<(u64, u128)>,
}

fn encode_clocks(clocks: &FieldClocks) -> Result<Vec<u8>, codec::CodecError> {
    codec::encode_version(
        1,
        &ClocksV1 {
            stamps: clocks.0.iter().map(|s| (s.clock, s.till)).collect(),
        },
    )
}

fn decode_clocks(bytes: &[u8]) -> Result<FieldClocks, codec::CodecError> {
    match codec::version(bytes)? {
        (1, payload) => {
            let shape: ClocksV1 = codec::decode_payload(payload)?;
            let stamps: [(u64, u128); FIELDS] = shape.stamps.try_into().map_err(|_| {
                codec::CodecError::Malformed("a customer's field clocks are miscounted".into())
            })?;
            Ok(FieldClocks(
                stamps.map(|(clock, till)| Stamp { clock, till }),
            ))
        }
        (other, _) => Err(codec::CodecError::UnknownVersion(other)),
    }
}

fn outbox_key(class: u8, customer: Id, event: Option<Id>) -> [u8; 33] {
    let mut key = [0u8; 33];
    key[0] = class;
    key[1..17].copy_from_slice(&customer.to_bytes());
    if let Some(event) = event {
        key[17..].copy_from_slice(&event.to_bytes());
    }
    key
}

/// An outbox entry's value: the kind of event (its place in `EVENTS`; 0 for a customer) and a number
/// unique to this write.
fn outbox_value(kind: u8, nonce: u64) -> [u8; 9] {
    let mut value = [0u8; 9];
    value[0] = kind;
    value[1..].copy_from_slice(&nonce.to_be_bytes());
    value
}

fn kind_index(event: &Event) -> u8 {
    let kind = event.kind();
    EVENTS
        .iter()
        .position(|k| k.kind == kind)
        .and_then(|at| u8::try_from(at).ok())
        .unwrap_or_else(|| unreachable!("{kind:?} is not in EVENTS"))
}

fn u64_of(raw: Option<sled::IVec>) -> u64 {
    raw.and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
        .map(u64::from_be_bytes)
        .unwrap_or(0)
}

type TxResult<T, E> = Result<T, ConflictableTransactionError<E>>;

/// Inside a write's transaction: puts an event in the outbox when the store syncs.
pub(super) fn enqueue_event(
    meta: &TransactionalTree,
    outbox: &TransactionalTree,
    event: &Event,
) -> Result<(), UnabortableTransactionError> {
    if meta.get(SYNC_TILL_KEY)?.is_some() {
        let key = outbox_key(CLASS_EVENT, event.customer(), Some(event.id()));
        outbox.insert(
            &key[..],
            &outbox_value(kind_index(event), outbox.generate_id()?)[..],
        )?;
    }
    Ok(())
}

/// Inside a customer's write: when the store syncs, stamps the fields the write changes (against `before`,
/// the customer as stored, if they were) with the next clock reading, and puts the customer in the outbox.
pub(super) fn enqueue_customer(
    meta: &TransactionalTree,
    outbox: &TransactionalTree,
    clocks: &TransactionalTree,
    before: Option<&Customer>,
    after: &Customer,
) -> TxResult<(), codec::CodecError> {
    let Some(till) = meta.get(SYNC_TILL_KEY)? else {
        return Ok(());
    };
    let till = <[u8; 16]>::try_from(till.as_ref())
        .map(u128::from_be_bytes)
        .unwrap_or(0);
    let id = after.id.to_bytes();
    let mut hlc = Hlc {
        last: u64_of(meta.get(HLC_KEY)?),
    };
    let stamp = Stamp {
        clock: hlc.tick(after.updated_at),
        till,
    };
    let fields = match (before, clocks.get(id)?) {
        (Some(before), Some(raw)) => {
            let mut fields = decode_clocks(&raw).map_err(ConflictableTransactionError::Abort)?;
            fields.touch(before, after, stamp);
            fields
        }
        (Some(before), None) => {
            let mut fields = FieldClocks::all(Stamp::of_time(before.updated_at));
            fields.touch(before, after, stamp);
            fields
        }
        (None, _) => FieldClocks::all(stamp),
    };
    let encoded = encode_clocks(&fields).map_err(ConflictableTransactionError::Abort)?;
    clocks.insert(&id[..], encoded)?;
    meta.insert(HLC_KEY, &hlc.last.to_be_bytes())?;
    let key = outbox_key(CLASS_CUSTOMER, after.id, None);
    outbox.insert(&key[..], &outbox_value(0, outbox.generate_id()?)[..])?;
    Ok(())
}

/// The outbox entries and field clocks of records loaded in bulk into a store that syncs, written with
/// the load (see `BulkLoad`).
pub(super) struct BulkOutbox {
    till: u128,
    pub outbox: sled::Batch,
    pub clocks: sled::Batch,
    nonce: u64,
}

impl BulkOutbox {
    pub(super) fn customer(&mut self, c: &Customer) -> Result<(), codec::CodecError> {
        let stamp = Stamp {
            till: self.till,
            ..Stamp::of_time(c.updated_at)
        };
        self.clocks
            .insert(&c.id.to_bytes(), encode_clocks(&FieldClocks::all(stamp))?);
        self.nonce += 1;
        self.outbox.insert(
            &outbox_key(CLASS_CUSTOMER, c.id, None)[..],
            &outbox_value(0, self.nonce)[..],
        );
        Ok(())
    }

    pub(super) fn event(&mut self, e: &Event) {
        self.nonce += 1;
        self.outbox.insert(
            &outbox_key(CLASS_EVENT, e.customer(), Some(e.id()))[..],
            &outbox_value(kind_index(e), self.nonce)[..],
        );
    }
}

impl Store {
    /// This till's sync id, if the store syncs.
    pub fn sync_till(&self) -> Result<Option<u128>, StoreError> {
        self.meta_u128(SYNC_TILL_KEY)
    }

    /// The outbox entries and clocks for a bulk load, when the store syncs.
    pub(super) fn bulk_outbox(&self) -> Result<Option<BulkOutbox>, StoreError> {
        Ok(self.sync_till()?.map(|till| BulkOutbox {
            till,
            outbox: sled::Batch::default(),
            clocks: sled::Batch::default(),
            nonce: u64_of(self.meta.get(HLC_KEY).ok().flatten()) ^ fastrand::u64(..),
        }))
    }

    /// Where this till stands with the hub.
    pub fn sync_place(&self) -> Result<SyncPlace, StoreError> {
        let contact = self.meta_u64(CONTACT_KEY)?.unwrap_or(0);
        Ok(SyncPlace {
            till: self.sync_till()?,
            cursor: self.standing()?.cursor,
            walked: self
                .meta
                .contains_key(SYNC_SEEDED_KEY)
                .map_err(|e| self.err(e))?,
            waiting: self.outbox.len()
                + pending_forgets(&self.path)
                    .map_err(|e| super::error::io_error(&self.path, e))?
                    .len(),
            last_contact: (contact > 0)
                .then(|| DateTime::from_timestamp_millis(i64::try_from(contact).unwrap_or(0)))
                .flatten(),
        })
    }

    /// A forget that came from the hub need not go back to it: its id leaves `forget-pending`.
    pub fn forget_came_from_hub(&self, id: Id) -> Result<(), StoreError> {
        let io_err = |e| super::error::io_error(&self.path, e);
        let mut pending = pending_forgets(&self.path).map_err(io_err)?;
        if pending.contains(&id) {
            pending.retain(|p| *p != id);
            write_pending_forgets(&self.path, &pending).map_err(io_err)?;
        }
        Ok(())
    }

    /// Whether anything waits to be pushed (one look, where counting walks the whole outbox).
    pub fn has_waiting(&self) -> Result<bool, StoreError> {
        Ok(self.outbox.first().map_err(|e| self.err(e))?.is_some()
            || self.path.join(FORGET_PENDING).exists())
    }

    /// Makes the store one that syncs, if it is not yet: it gets its sync id, and every record it holds
    /// goes into the outbox (from then on, every write puts its record there itself). Idempotent, and
    /// whole after a crash at any point: the walk goes on where it had got to until it has finished once.
    /// Returns the id. (The desk walks a step at a time between keys: [`Store::seed_step`].)
    pub fn start_syncing(&self) -> Result<u128, StoreError> {
        let till = self.sync_id()?;
        while !self.seed_step(SEED_STEP)? {}
        Ok(till)
    }

    /// This till's sync id, made now (durably) if the store had none: from then on, every write puts its
    /// record in the outbox.
    pub fn sync_id(&self) -> Result<u128, StoreError> {
        if let Some(till) = self.sync_till()? {
            return Ok(till);
        }
        let till = fastrand::u128(1..);
        self.meta
            .insert(SYNC_TILL_KEY, &till.to_be_bytes())
            .map_err(|e| self.err(e))?;
        self.sync()?;
        Ok(till)
    }

    /// One step of the walk that puts every record held here in the outbox (for a store that has a sync
    /// id): up to `most` records, from where the last step stopped (kept in `meta`, so a crash loses only
    /// the step it cut short, done again). True once the walk has finished, now or before. Records written
    /// meanwhile put themselves in the outbox; the walk passing them again changes nothing.
    pub fn seed_step(&self, most: usize) -> Result<bool, StoreError> {
        if self
            .meta
            .contains_key(SYNC_SEEDED_KEY)
            .map_err(|e| self.err(e))?
        {
            return Ok(true);
        }
        // The trees walked, in order: customers (who go before their records), then each kind of event.
        let trees: Vec<&sled::Tree> = std::iter::once(&self.customers)
            .chain(self.event_trees().map(|(_, tree)| tree))
            .collect();
        let (mut phase, mut after) =
            match self.meta.get(SYNC_SEED_AT_KEY).map_err(|e| self.err(e))? {
                Some(at) if !at.is_empty() => (usize::from(at[0]), Some(at[1..].to_vec())),
                _ => (0, None),
            };
        let mut nonce = fastrand::u64(..);
        let mut outbox = sled::Batch::default();
        let mut clocks = sled::Batch::default();
        let mut done = 0;
        while let Some(tree) = trees.get(phase) {
            let items = match &after {
                Some(key) => tree.range::<&[u8], _>((
                    std::ops::Bound::Excluded(key.as_slice()),
                    std::ops::Bound::Unbounded,
                )),
                None => tree.iter(),
            };
            for item in items {
                if done >= most {
                    // Where to go on from, written after what this step did.
                    let mut at = vec![u8::try_from(phase).unwrap_or(u8::MAX)];
                    at.extend_from_slice(after.as_deref().unwrap_or_default());
                    self.apply_seed(outbox, clocks)?;
                    self.meta
                        .insert(SYNC_SEED_AT_KEY, at)
                        .map_err(|e| self.err(e))?;
                    return Ok(false);
                }
                let (key, value) = item.map_err(|e| self.err(e))?;
                if phase == 0 {
                    if let Some(id) = id_from(&key) {
                        self.seed_customer(&key, &value, &mut clocks)?;
                        nonce += 1;
                        outbox.insert(
                            &outbox_key(CLASS_CUSTOMER, id, None)[..],
                            &outbox_value(0, nonce)[..],
                        );
                    }
                } else if let (Some(customer), Some(event)) =
                    (id_from(&key), key.get(16..).and_then(id_from))
                {
                    nonce += 1;
                    let kind = u8::try_from(phase - 1).unwrap_or(u8::MAX);
                    outbox.insert(
                        &outbox_key(CLASS_EVENT, customer, Some(event))[..],
                        &outbox_value(kind, nonce)[..],
                    );
                }
                after = Some(key.to_vec());
                done += 1;
            }
            phase += 1;
            after = None;
        }
        self.apply_seed(outbox, clocks)?;
        let mut batch = sled::Batch::default();
        batch.insert(SYNC_SEEDED_KEY, &[1]);
        batch.remove(SYNC_SEED_AT_KEY);
        self.meta.apply_batch(batch).map_err(|e| self.err(e))?;
        self.sync()?;
        Ok(true)
    }

    /// A customer met by the walk: the stamps of their fields, unless they have some (an edit made since
    /// the store began to sync wrote them), are those of their last change.
    fn seed_customer(
        &self,
        key: &[u8],
        value: &[u8],
        clocks: &mut sled::Batch,
    ) -> Result<(), StoreError> {
        if self.clocks.contains_key(key).map_err(|e| self.err(e))? {
            return Ok(());
        }
        let c = Customer::from_bytes(value).map_err(|e| self.damaged(text::RECORD_CUSTOMER, e))?;
        let fields = FieldClocks::all(Stamp::of_time(c.updated_at));
        let bytes = encode_clocks(&fields).map_err(|e| self.damaged(text::RECORD_CUSTOMER, e))?;
        clocks.insert(key, bytes);
        Ok(())
    }

    fn apply_seed(&self, outbox: sled::Batch, clocks: sled::Batch) -> Result<(), StoreError> {
        self.outbox.apply_batch(outbox).map_err(|e| self.err(e))?;
        self.clocks.apply_batch(clocks).map_err(|e| self.err(e))
    }

    /// Up to `most` of the records waiting to be pushed, customers before events, as they are now. An
    /// entry whose record is no longer here (a customer added by mistake and taken back) is dropped.
    pub fn waiting(&self, most: usize) -> Result<Vec<Waiting>, StoreError> {
        let mut found: Vec<Waiting> = pending_forgets(&self.path)
            .map_err(|e| super::error::io_error(&self.path, e))?
            .into_iter()
            .take(most)
            .map(|id| Waiting {
                entry: Entry::Forget,
                record: SyncRecord::Forget(id),
            })
            .collect();
        let mut gone = Vec::new();
        for item in self.outbox.iter() {
            if found.len() >= most {
                break;
            }
            let (key, value) = item.map_err(|e| self.err(e))?;
            match self.outgoing(&key, &value)? {
                Some(record) => found.push(Waiting {
                    entry: Entry::Outbox { key, value },
                    record,
                }),
                None => gone.push((key, value)),
            }
        }
        for (key, value) in gone {
            self.take_out(&key, &value)?;
        }
        Ok(found)
    }

    /// The record an outbox entry stands for, if it is still here.
    fn outgoing(&self, key: &[u8], value: &[u8]) -> Result<Option<SyncRecord>, StoreError> {
        let malformed = || StoreError::Damaged {
            path: self.path.clone(),
            detail: text::damage_meta_unreadable("outbox"),
        };
        let customer = key.get(1..17).and_then(id_from).ok_or_else(malformed)?;
        match key.first() {
            Some(&CLASS_CUSTOMER) => {
                let Some(c) = self.customer(customer)? else {
                    return Ok(None);
                };
                let clocks = match self
                    .clocks
                    .get(customer.to_bytes())
                    .map_err(|e| self.err(e))?
                {
                    Some(raw) => {
                        decode_clocks(&raw).map_err(|e| self.damaged(text::RECORD_CUSTOMER, e))?
                    }
                    None => FieldClocks::all(Stamp::of_time(c.updated_at)),
                };
                Ok(Some(SyncRecord::Customer(Box::new(CustomerCopy {
                    customer: c,
                    clocks,
                }))))
            }
            Some(&CLASS_EVENT) => {
                let event = key.get(17..33).and_then(id_from).ok_or_else(malformed)?;
                let at = value
                    .first()
                    .map(|k| usize::from(*k))
                    .filter(|at| *at < EVENTS.len())
                    .ok_or_else(malformed)?;
                let raw = self.events[at]
                    .get(event_key(customer, event))
                    .map_err(|e| self.err(e))?;
                raw.map(|raw| self.decode(&EVENTS[at], &raw).map(SyncRecord::Event))
                    .transpose()
            }
            _ => Err(malformed()),
        }
    }

    /// Takes an outbox entry out, unless it was written again since it was read.
    fn take_out(&self, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        let swapped = self
            .outbox
            .compare_and_swap(key, Some(value), None as Option<&[u8]>)
            .map_err(|e| self.err(e))?;
        // A failed swap is a record written again meanwhile: its entry stays, for the next push.
        drop(swapped);
        Ok(())
    }

    /// The hub has taken these records: their entries go, made durable. (Which till wrote them is noted
    /// when they come back in the pull that follows, as the hub holds it.)
    /// `last` is the last row the push added (none if the hub had every one already): kept, before the
    /// entries go, until a pull passes it.
    pub fn pushed(&self, done: &[Waiting], last: Option<Mark>) -> Result<(), StoreError> {
        if let Some(last) = last {
            self.meta
                .insert(SYNC_PUSHED_KEY, &last.to_bytes())
                .map_err(|e| self.err(e))?;
        }
        let mut forgets = Vec::new();
        for w in done {
            match (&w.entry, &w.record) {
                (Entry::Outbox { key, value }, _) => self.take_out(key, value)?,
                (Entry::Forget, SyncRecord::Forget(id)) => forgets.push(*id),
                (Entry::Forget, _) => {}
            }
        }
        if !forgets.is_empty() {
            let io_err = |e| super::error::io_error(&self.path, e);
            let mut pending = pending_forgets(&self.path).map_err(io_err)?;
            pending.retain(|id| !forgets.contains(id));
            write_pending_forgets(&self.path, &pending).map_err(io_err)?;
        }
        self.sync()
    }

    /// Where this till stands on the hub: its cursor, the row there if a pull has set it, and the last
    /// row its pushes added if the cursor has not passed it.
    pub fn standing(&self) -> Result<Standing, StoreError> {
        let mark = |key: &[u8]| -> Result<Option<Mark>, StoreError> {
            let raw = self.meta.get(key).map_err(|e| self.err(e))?;
            Ok(raw.and_then(|r| Mark::from_bytes(&r)))
        };
        let cursor = i64::try_from(self.meta_u64(SYNC_CURSOR_KEY)?.unwrap_or(0)).unwrap_or(0);
        Ok(Standing {
            cursor,
            mark: mark(SYNC_MARK_KEY)?,
            pushed: mark(SYNC_PUSHED_KEY)?.filter(|m| m.seq > cursor),
        })
    }

    /// Moves the cursor to `mark`, the row taken last, in one batch (not yet durable: the caller syncs).
    /// The last row pushed goes once the cursor has passed it.
    fn move_cursor(&self, mark: Mark) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        batch.insert(
            SYNC_CURSOR_KEY,
            &u64::try_from(mark.seq).unwrap_or(0).to_be_bytes(),
        );
        batch.insert(SYNC_MARK_KEY, &mark.to_bytes());
        if self
            .standing()?
            .pushed
            .is_some_and(|pushed| pushed.seq <= mark.seq)
        {
            batch.remove(SYNC_PUSHED_KEY);
        }
        self.meta.apply_batch(batch).map_err(|e| self.err(e))
    }

    /// The hub has gone back (see [`Mark`]): this till starts over with it, durably. Its cursor goes back
    /// to the start, so everything the hub holds is taken again (what is here already changes nothing),
    /// and every record held here is put in the outbox again by the next [`Store::start_syncing`], so the
    /// hub gets back whatever it lost (what it kept is not taken twice).
    pub fn start_over(&self) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        batch.insert(SYNC_CURSOR_KEY, &0u64.to_be_bytes());
        batch.remove(SYNC_MARK_KEY);
        batch.remove(SYNC_PUSHED_KEY);
        batch.remove(SYNC_SEEDED_KEY);
        batch.remove(SYNC_SEED_AT_KEY);
        self.meta.apply_batch(batch).map_err(|e| self.err(e))?;
        self.sync()
    }

    /// Notes that the hub was reached at `at`.
    pub fn sync_contact(&self, at: DateTime<Utc>) -> Result<(), StoreError> {
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        self.meta
            .insert(CONTACT_KEY, &ms.to_be_bytes())
            .map_err(|e| self.err(e))?;
        self.sync()
    }

    /// A customer's field clocks as stored (for tests and checks).
    pub fn field_clocks(&self, id: Id) -> Result<Option<FieldClocks>, StoreError> {
        let raw = self.clocks.get(id.to_bytes()).map_err(|e| self.err(e))?;
        raw.map(|v| decode_clocks(&v).map_err(|e| self.damaged(text::RECORD_CUSTOMER, e)))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_clocks_round_trip_and_a_wrong_count_or_version_is_refused() {
        let mut clocks = FieldClocks::all(Stamp { clock: 7, till: 9 });
        clocks.0[3] = Stamp {
            clock: u64::MAX,
            till: u128::MAX,
        };
        let bytes = encode_clocks(&clocks).unwrap();
        assert_eq!(decode_clocks(&bytes).unwrap(), clocks);
        let short = codec::encode_version(
            1,
            &ClocksV1 {
                stamps: vec![(1, 1); FIELDS - 1],
            },
        )
        .unwrap();
        assert!(decode_clocks(&short).is_err());
        let mut newer = bytes.clone();
        newer[0] = 2;
        assert!(decode_clocks(&newer).is_err());
    }
}
