//! Visits as the store keeps them: their shapes, per version.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::codec::{self, CodecError};
use super::{EventShape, Record};
use crate::domain::{Event, EventKind, Id, Visit};
use crate::text::{self, Msg};

impl EventShape for Visit {
    const TREE: &'static str = "visits";
    const KIND: EventKind = EventKind::Visit;
    const WHAT: Msg = text::RECORD_VISIT;
    /// A café regular of ten years has thousands of visits: the card reads the latest hundred.
    const ON_CARD: Option<usize> = Some(100);
    const ADDS_TO_FIGURES: bool = true;
    fn into_event(self) -> Event {
        Event::Visit(self)
    }
}

#[derive(Serialize, Deserialize)]
struct VisitV1 {
    id: Id,
    customer: Id,
    #[serde(with = "crate::iso")]
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
