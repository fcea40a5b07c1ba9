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
//! - `forgotten`: a digest of each customer forgotten here, never their id (`forgotten.rs`).
//! - in `meta`: this till's sync id (there once the store syncs: from then on every write goes to the
//!   outbox), whether everything written before then has been put in the outbox and where that walk has
//!   got to (`seed.rs`), the hub's sequence number pulled up to with the rows that tell a hub gone back
//!   (`standing.rs`), the hybrid logical clock, and when the hub was last reached.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sled::transaction::{
    ConflictableTransactionError, TransactionalTree, UnabortableTransactionError,
};

mod forgotten;
mod pull;
mod seed;
mod standing;

pub use pull::{Incoming, TakenIn};
pub use standing::{Mark, Standing};

use super::events::{Write, event_key};
use super::shapes::EVENTS;
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
    /// The name of the till that wrote it, where the hub has told this till (an event pulled, or pushed
    /// and pulled back, then put in the outbox again by a start over): it keeps that name on the hub.
    pub till: Option<String>,
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
    pub outbox: super::rows::Rows,
    pub clocks: super::rows::Rows,
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
            outbox: super::rows::Rows::default(),
            clocks: super::rows::Rows::default(),
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
                till: None,
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
                    till: self.till_of(&record)?,
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
            self.note_pushed(last)?;
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
