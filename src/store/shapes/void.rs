//! Voids as the store keeps them: their shapes, per version.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::codec::{self, CodecError};
use super::{EventShape, Record};
use crate::domain::{Event, EventKind, Id, Void};
use crate::text::{self, Msg};

impl EventShape for Void {
    const TREE: &'static str = "voids";
    const KIND: EventKind = EventKind::Void;
    const WHAT: Msg = text::RECORD_VOID;
    fn into_event(self) -> Event {
        Event::Void(self)
    }
}

#[derive(Serialize, Deserialize)]
struct VoidV1 {
    id: Id,
    customer: Id,
    target: Id,
    #[serde(with = "crate::iso")]
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
