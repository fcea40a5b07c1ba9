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
use crate::domain::{
    Birthday, ConsentChange, Customer, Event, EventKind, EventRecord, Id, Note, Promise,
    PromiseEnd, Redemption, Visit, Void,
};
use crate::text::Msg;

mod consent;
mod note;
mod promise;
mod redemption;
mod visit;
mod void;

/// A kind of record as the store keeps it: today's shape written, every version ever written read.
pub(super) trait Record: Sized {
    fn to_bytes(&self) -> Result<Vec<u8>, CodecError>;
    fn from_bytes(bytes: &[u8]) -> Result<Self, CodecError>;
}

/// A kind of event as the store keeps it: in a tree of its own under the key customer id ++ event id (a
/// ULID, so a customer's events scan in time order). The store's generic event code (`events.rs`: write
/// with the customer's figures and the index journal in one transaction, scan by customer, find by id;
/// `load.rs`: bulk load; forget, check, copy) serves every kind listed in [`EVENTS`].
///
/// A new kind is: its domain type with its [`EventRecord`] impl and a variant of [`Event`]; a file here
/// with its stored shape, its [`Record`] and `EventShape` impls; a line in [`EVENTS`]; and its screen.
pub(super) trait EventShape: Record + EventRecord {
    /// The tree that holds this kind.
    const TREE: &'static str;
    const KIND: EventKind;
    /// What a damage sentence calls a record of this kind.
    const WHAT: Msg;
    /// How many of a customer's latest events of this kind the desk's card reads (`None`: all of them).
    const ON_CARD: Option<usize> = None;
    /// True when writing one only adds to the customer's figures ([`EventRecord::add_to`]: a visit, the
    /// hot path of a café); otherwise the figures are recomputed from all their events with it (what may
    /// open or close a promise or a complaint).
    const ADDS_TO_FIGURES: bool = false;
    fn into_event(self) -> Event;
}

/// One kind of event, for the code that walks every kind.
pub(super) struct KindSpec {
    pub tree: &'static str,
    pub kind: EventKind,
    pub what: Msg,
    pub on_card: Option<usize>,
    pub decode: fn(&[u8]) -> Result<Event, CodecError>,
}

const fn spec<E: EventShape>() -> KindSpec {
    KindSpec {
        tree: E::TREE,
        kind: E::KIND,
        what: E::WHAT,
        on_card: E::ON_CARD,
        decode: decode_as::<E>,
    }
}

fn decode_as<E: EventShape>(bytes: &[u8]) -> Result<Event, CodecError> {
    E::from_bytes(bytes).map(E::into_event)
}

/// Every kind of event. The store opens one tree per entry, in this order.
pub(super) const EVENTS: &[KindSpec] = &[
    spec::<Visit>(),
    spec::<Note>(),
    spec::<Void>(),
    spec::<Promise>(),
    spec::<PromiseEnd>(),
    spec::<Redemption>(),
    spec::<ConsentChange>(),
];

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
    #[serde(with = "crate::iso::date")]
    since: NaiveDate,
    tags: Vec<String>,
    preferences: String,
    referred_by: Option<Id>,
    #[serde(with = "crate::iso")]
    created_at: DateTime<Utc>,
    #[serde(with = "crate::iso")]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NoteKind;

    /// `value` is written in shape `version`, reads back the same, and a shape after it is refused.
    fn round_trip_and_refuse_newer<T: Record + PartialEq + std::fmt::Debug>(value: T, version: u8) {
        let bytes = value.to_bytes().unwrap();
        assert_eq!(bytes[0], version);
        assert_eq!(T::from_bytes(&bytes).unwrap(), value);
        let mut newer = bytes.clone();
        newer[0] = version + 1;
        assert_eq!(
            T::from_bytes(&newer),
            Err(CodecError::UnknownVersion(version + 1))
        );
    }

    #[test]
    fn every_kind_of_event_has_one_tree_of_its_own() {
        use std::collections::HashSet;
        let trees: HashSet<&str> = EVENTS.iter().map(|k| k.tree).collect();
        let kinds: HashSet<EventKind> = EVENTS.iter().map(|k| k.kind).collect();
        assert_eq!(trees.len(), EVENTS.len(), "two kinds share a tree");
        assert_eq!(kinds.len(), EVENTS.len(), "a kind is listed twice");
        for kind in EventKind::ALL {
            assert!(kinds.contains(&kind), "{kind:?} is not in EVENTS");
        }
        for name in ["meta", "customers", "owners", "stats", "index_journal"] {
            assert!(
                !trees.contains(name),
                "a kind of event took the tree {name}"
            );
        }
    }

    #[test]
    fn every_kind_round_trips_and_refuses_a_version_it_does_not_know() {
        let at = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let id = |n: u8| Id::from_bytes([n; 16]);
        round_trip_and_refuse_newer(
            Customer {
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
            },
            1,
        );
        round_trip_and_refuse_newer(
            Visit {
                id: id(3),
                customer: id(1),
                at,
                amount_cents: Some(150),
                what: None,
                staff: Some("Giulia".into()),
            },
            1,
        );
        for kind in NoteKind::ALL {
            round_trip_and_refuse_newer(
                Note {
                    id: id(4),
                    customer: id(1),
                    at,
                    kind,
                    text: "x".into(),
                    staff: None,
                    pinned: kind == NoteKind::Praise,
                    answers: (kind == NoteKind::Apology).then(|| id(9)),
                },
                2,
            );
        }
        round_trip_and_refuse_newer(
            Promise {
                id: id(6),
                customer: id(1),
                at,
                due: at.date_naive() + chrono::Days::new(3),
                text: "Call when size 42 arrives".into(),
                staff: Some("Giulia".into()),
            },
            1,
        );
        for outcome in [
            crate::domain::Outcome::Kept,
            crate::domain::Outcome::Cancelled,
        ] {
            round_trip_and_refuse_newer(
                PromiseEnd {
                    id: id(7),
                    customer: id(1),
                    promise: id(6),
                    outcome,
                    at,
                    staff: None,
                },
                1,
            );
        }
        round_trip_and_refuse_newer(
            Redemption {
                id: id(8),
                customer: id(1),
                at,
                stamps: 10,
                reward: "a free coffee".into(),
                staff: Some("Giulia".into()),
            },
            1,
        );
        for channel in crate::domain::Channel::ALL {
            round_trip_and_refuse_newer(
                ConsentChange {
                    id: id(9),
                    customer: id(1),
                    at,
                    channel,
                    given: channel != crate::domain::Channel::Post,
                    on: at.date_naive(),
                    source: "asked at the counter".into(),
                    staff: None,
                },
                1,
            );
        }
        round_trip_and_refuse_newer(
            Void {
                id: id(5),
                customer: id(1),
                target: id(3),
                at,
                staff: None,
            },
            1,
        );
    }
}
