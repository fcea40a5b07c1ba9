//! The stored shapes of records, per kind and version, apart from the domain's types.
//!
//! The domain changes with the product; what is on disk must keep reading for years. So every kind of
//! record the store keeps has its own shape for each version ever written (`CustomerV1`, …), converted to
//! and from the domain type, and the version byte of the codec's envelope says which shape a value has.
//! Writing always uses the newest shape; reading takes any version ever written and converts it into
//! today's domain type; a version this binary does not know is refused, never guessed.
//!
//! To change what a customer holds: add `CustomerV2` with the new layout, write it in `to_bytes`, read
//! both 1 and 2 in `from_bytes` (version 1 filled in with defaults), and never change `CustomerV1` again.
//! Version 1 of every shape is byte for byte the layout the store has written since its first format.
//!
//! Never `#[serde(flatten)]`, `skip`, `tag` or `untagged` here: the codec's encoder silently loses data with them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::codec::{self, CodecError};
use crate::domain::{Birthday, Customer, EventKind, Id, Note, NoteKind, Visit, Void};
use crate::text::{self, Msg};

/// A kind of record as the store keeps it: today's shape written, every version ever written read.
pub(super) trait Record: Sized {
    fn to_bytes(&self) -> Result<Vec<u8>, CodecError>;
    fn from_bytes(bytes: &[u8]) -> Result<Self, CodecError>;
}

/// A kind of event: something that happened to a customer, never changed afterwards, kept in a tree of
/// its own under the key customer id ++ event id (a ULID, so a customer's events scan in time order). The
/// store's generic event code (scan by customer, write with the customer checked and the `owners` entry,
/// find by id, forget, check, copy) serves every kind listed in [`super::EVENTS`].
pub(super) trait Event: Record {
    /// The tree that holds this kind.
    const TREE: &'static str;
    /// What a damage sentence calls a record of this kind.
    const WHAT: Msg;
    const KIND: EventKind;
    /// The store's tree of this kind (named [`Event::TREE`]).
    fn tree(store: &super::Store) -> &sled::Tree;
    fn id(&self) -> Id;
    fn customer(&self) -> Id;
}

impl Event for Visit {
    const TREE: &'static str = "visits";
    fn tree(store: &super::Store) -> &sled::Tree {
        &store.visits
    }
    const WHAT: Msg = text::RECORD_VISIT;
    const KIND: EventKind = EventKind::Visit;
    fn id(&self) -> Id {
        self.id
    }
    fn customer(&self) -> Id {
        self.customer
    }
}

impl Event for Note {
    const TREE: &'static str = "notes";
    fn tree(store: &super::Store) -> &sled::Tree {
        &store.notes
    }
    const WHAT: Msg = text::RECORD_NOTE;
    const KIND: EventKind = EventKind::Note;
    fn id(&self) -> Id {
        self.id
    }
    fn customer(&self) -> Id {
        self.customer
    }
}

impl Event for Void {
    const TREE: &'static str = "voids";
    fn tree(store: &super::Store) -> &sled::Tree {
        &store.voids
    }
    const WHAT: Msg = text::RECORD_VOID;
    const KIND: EventKind = EventKind::Void;
    fn id(&self) -> Id {
        self.id
    }
    fn customer(&self) -> Id {
        self.customer
    }
}

#[derive(Serialize, Deserialize)]
struct BirthdayV1 {
    day: u8,
    month: u8,
    year: Option<i32>,
}

#[derive(Serialize, Deserialize)]
struct CustomerV1 {
    id: Id,
    name: String,
    nickname: Option<String>,
    phones: Vec<String>,
    email: Option<String>,
    birthday: Option<BirthdayV1>,
    since: NaiveDate,
    tags: Vec<String>,
    preferences: String,
    referred_by: Option<Id>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    updated_by: Option<String>,
}

impl Record for Customer {
    fn to_bytes(&self) -> Result<Vec<u8>, CodecError> {
        let c = self.clone();
        codec::encode_version(
            1,
            &CustomerV1 {
                id: c.id,
                name: c.name,
                nickname: c.nickname,
                phones: c.phones,
                email: c.email,
                birthday: c.birthday.map(|b| BirthdayV1 {
                    day: b.day,
                    month: b.month,
                    year: b.year,
                }),
                since: c.since,
                tags: c.tags,
                preferences: c.preferences,
                referred_by: c.referred_by,
                created_at: c.created_at,
                updated_at: c.updated_at,
                updated_by: c.updated_by,
            },
        )
    }

    fn from_bytes(bytes: &[u8]) -> Result<Customer, CodecError> {
        match codec::version(bytes)? {
            (1, payload) => {
                let c: CustomerV1 = codec::decode_payload(payload)?;
                Ok(Customer {
                    id: c.id,
                    name: c.name,
                    nickname: c.nickname,
                    phones: c.phones,
                    email: c.email,
                    birthday: c.birthday.map(|b| Birthday {
                        day: b.day,
                        month: b.month,
                        year: b.year,
                    }),
                    since: c.since,
                    tags: c.tags,
                    preferences: c.preferences,
                    referred_by: c.referred_by,
                    created_at: c.created_at,
                    updated_at: c.updated_at,
                    updated_by: c.updated_by,
                })
            }
            (other, _) => Err(CodecError::UnknownVersion(other)),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct VisitV1 {
    id: Id,
    customer: Id,
    at: DateTime<Utc>,
    amount_cents: Option<i64>,
    what: Option<String>,
    staff: Option<String>,
}

impl Record for Visit {
    fn to_bytes(&self) -> Result<Vec<u8>, CodecError> {
        let v = self.clone();
        codec::encode_version(
            1,
            &VisitV1 {
                id: v.id,
                customer: v.customer,
                at: v.at,
                amount_cents: v.amount_cents,
                what: v.what,
                staff: v.staff,
            },
        )
    }

    fn from_bytes(bytes: &[u8]) -> Result<Visit, CodecError> {
        match codec::version(bytes)? {
            (1, payload) => {
                let v: VisitV1 = codec::decode_payload(payload)?;
                Ok(Visit {
                    id: v.id,
                    customer: v.customer,
                    at: v.at,
                    amount_cents: v.amount_cents,
                    what: v.what,
                    staff: v.staff,
                })
            }
            (other, _) => Err(CodecError::UnknownVersion(other)),
        }
    }
}

/// The note kinds in the order version 1 numbers them (the encoder writes the position).
#[derive(Clone, Copy, Serialize, Deserialize)]
enum NoteKindV1 {
    Note,
    Praise,
    Complaint,
    Apology,
}

#[derive(Serialize, Deserialize)]
struct NoteV1 {
    id: Id,
    customer: Id,
    at: DateTime<Utc>,
    kind: NoteKindV1,
    text: String,
    staff: Option<String>,
    pinned: bool,
}

impl Record for Note {
    fn to_bytes(&self) -> Result<Vec<u8>, CodecError> {
        let n = self.clone();
        codec::encode_version(
            1,
            &NoteV1 {
                id: n.id,
                customer: n.customer,
                at: n.at,
                kind: match n.kind {
                    NoteKind::Note => NoteKindV1::Note,
                    NoteKind::Praise => NoteKindV1::Praise,
                    NoteKind::Complaint => NoteKindV1::Complaint,
                    NoteKind::Apology => NoteKindV1::Apology,
                },
                text: n.text,
                staff: n.staff,
                pinned: n.pinned,
            },
        )
    }

    fn from_bytes(bytes: &[u8]) -> Result<Note, CodecError> {
        match codec::version(bytes)? {
            (1, payload) => {
                let n: NoteV1 = codec::decode_payload(payload)?;
                Ok(Note {
                    id: n.id,
                    customer: n.customer,
                    at: n.at,
                    kind: match n.kind {
                        NoteKindV1::Note => NoteKind::Note,
                        NoteKindV1::Praise => NoteKind::Praise,
                        NoteKindV1::Complaint => NoteKind::Complaint,
                        NoteKindV1::Apology => NoteKind::Apology,
                    },
                    text: n.text,
                    staff: n.staff,
                    pinned: n.pinned,
                })
            }
            (other, _) => Err(CodecError::UnknownVersion(other)),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct VoidV1 {
    id: Id,
    customer: Id,
    target: Id,
    at: DateTime<Utc>,
    staff: Option<String>,
}

impl Record for Void {
    fn to_bytes(&self) -> Result<Vec<u8>, CodecError> {
        let v = self.clone();
        codec::encode_version(
            1,
            &VoidV1 {
                id: v.id,
                customer: v.customer,
                target: v.target,
                at: v.at,
                staff: v.staff,
            },
        )
    }

    fn from_bytes(bytes: &[u8]) -> Result<Void, CodecError> {
        match codec::version(bytes)? {
            (1, payload) => {
                let v: VoidV1 = codec::decode_payload(payload)?;
                Ok(Void {
                    id: v.id,
                    customer: v.customer,
                    target: v.target,
                    at: v.at,
                    staff: v.staff,
                })
            }
            (other, _) => Err(CodecError::UnknownVersion(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip_and_refuse_newer<T: Record + PartialEq + std::fmt::Debug>(value: T) {
        let bytes = value.to_bytes().unwrap();
        assert_eq!(bytes[0], 1, "today's shapes are version 1");
        assert_eq!(T::from_bytes(&bytes).unwrap(), value);
        let mut newer = bytes.clone();
        newer[0] = 2;
        assert_eq!(T::from_bytes(&newer), Err(CodecError::UnknownVersion(2)));
    }

    #[test]
    fn every_kind_round_trips_and_refuses_a_version_it_does_not_know() {
        let at = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let id = |n: u8| Id::from_bytes([n; 16]);
        round_trip_and_refuse_newer(Customer {
            id: id(1),
            name: "Ada".into(),
            nickname: None,
            phones: vec!["333".into()],
            email: Some("a@b.it".into()),
            birthday: Some(Birthday {
                day: 29,
                month: 2,
                year: None,
            }),
            since: at.date_naive(),
            tags: vec![],
            preferences: String::new(),
            referred_by: Some(id(2)),
            created_at: at,
            updated_at: at,
            updated_by: None,
        });
        round_trip_and_refuse_newer(Visit {
            id: id(3),
            customer: id(1),
            at,
            amount_cents: Some(150),
            what: None,
            staff: Some("Giulia".into()),
        });
        for kind in NoteKind::ALL {
            round_trip_and_refuse_newer(Note {
                id: id(4),
                customer: id(1),
                at,
                kind,
                text: "x".into(),
                staff: None,
                pinned: kind == NoteKind::Praise,
            });
        }
        round_trip_and_refuse_newer(Void {
            id: id(5),
            customer: id(1),
            target: id(3),
            at,
            staff: None,
        });
    }
}
