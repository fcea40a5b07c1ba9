//! Promises and their ends as the store keeps them: their shapes, per version.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::codec::{self, CodecError};
use super::{EventShape, Record};
use crate::domain::{Event, EventKind, Id, Outcome, Promise, PromiseEnd};
use crate::text::{self, Msg};

impl EventShape for Promise {
    const TREE: &'static str = "promises";
    const KIND: EventKind = EventKind::Promise;
    const WHAT: Msg = text::RECORD_PROMISE;
    fn into_event(self) -> Event {
        Event::Promise(self)
    }
}

impl EventShape for PromiseEnd {
    const TREE: &'static str = "promise_ends";
    const KIND: EventKind = EventKind::PromiseEnd;
    const WHAT: Msg = text::RECORD_PROMISE;
    fn into_event(self) -> Event {
        Event::PromiseEnd(self)
    }
}

#[derive(Serialize, Deserialize)]
struct PromiseV1 {
    id: Id,
    customer: Id,
    #[serde(with = "crate::iso")]
    at: DateTime<Utc>,
    #[serde(with = "crate::iso::date")]
    due: NaiveDate,
    text: String,
    staff: Option<String>,
}

impl Record for Promise {
    fn to_bytes(&self) -> Result<Vec<u8>, CodecError> {
        let p = self.clone();
        codec::encode_version(
            1,
            &PromiseV1 {
                id: p.id,
                customer: p.customer,
                at: p.at,
                due: p.due,
                text: p.text,
                staff: p.staff,
            },
        )
    }

    fn from_bytes(bytes: &[u8]) -> Result<Promise, CodecError> {
        match codec::version(bytes)? {
            (1, payload) => {
                let p: PromiseV1 = codec::decode_payload(payload)?;
                Ok(Promise {
                    id: p.id,
                    customer: p.customer,
                    at: p.at,
                    due: p.due,
                    text: p.text,
                    staff: p.staff,
                })
            }
            (other, _) => Err(CodecError::UnknownVersion(other)),
        }
    }
}

/// The outcomes in the order version 1 numbers them (the encoder writes the position).
#[derive(Clone, Copy, Serialize, Deserialize)]
enum OutcomeV1 {
    Kept,
    Cancelled,
}

#[derive(Serialize, Deserialize)]
struct PromiseEndV1 {
    id: Id,
    customer: Id,
    promise: Id,
    outcome: OutcomeV1,
    #[serde(with = "crate::iso")]
    at: DateTime<Utc>,
    staff: Option<String>,
}

impl Record for PromiseEnd {
    fn to_bytes(&self) -> Result<Vec<u8>, CodecError> {
        let e = self.clone();
        codec::encode_version(
            1,
            &PromiseEndV1 {
                id: e.id,
                customer: e.customer,
                promise: e.promise,
                outcome: match e.outcome {
                    Outcome::Kept => OutcomeV1::Kept,
                    Outcome::Cancelled => OutcomeV1::Cancelled,
                },
                at: e.at,
                staff: e.staff,
            },
        )
    }

    fn from_bytes(bytes: &[u8]) -> Result<PromiseEnd, CodecError> {
        match codec::version(bytes)? {
            (1, payload) => {
                let e: PromiseEndV1 = codec::decode_payload(payload)?;
                Ok(PromiseEnd {
                    id: e.id,
                    customer: e.customer,
                    promise: e.promise,
                    outcome: match e.outcome {
                        OutcomeV1::Kept => Outcome::Kept,
                        OutcomeV1::Cancelled => Outcome::Cancelled,
                    },
                    at: e.at,
                    staff: e.staff,
                })
            }
            (other, _) => Err(CodecError::UnknownVersion(other)),
        }
    }
}
