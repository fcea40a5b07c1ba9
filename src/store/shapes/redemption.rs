//! Redemptions (rewards taken) as the store keeps them: their shapes, per version.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::codec::{self, CodecError};
use super::{EventShape, Record};
use crate::domain::{Event, EventKind, Id, Redemption};
use crate::text::{self, Msg};

impl EventShape for Redemption {
    const TREE: &'static str = "redemptions";
    const KIND: EventKind = EventKind::Redemption;
    const WHAT: Msg = text::RECORD_REDEMPTION;
    /// A redemption only adds the stamps it used to the figures.
    const ADDS_TO_FIGURES: bool = true;
    fn into_event(self) -> Event {
        Event::Redemption(self)
    }
}

#[derive(Serialize, Deserialize)]
struct RedemptionV1 {
    id: Id,
    customer: Id,
    #[serde(with = "crate::iso")]
    at: DateTime<Utc>,
    stamps: u32,
    reward: String,
    staff: Option<String>,
}

impl Record for Redemption {
    fn to_bytes(&self) -> Result<Vec<u8>, CodecError> {
        let r = self.clone();
        codec::encode_version(
            1,
            &RedemptionV1 {
                id: r.id,
                customer: r.customer,
                at: r.at,
                stamps: r.stamps,
                reward: r.reward,
                staff: r.staff,
            },
        )
    }

    fn from_bytes(bytes: &[u8]) -> Result<Redemption, CodecError> {
        match codec::version(bytes)? {
            (1, payload) => {
                let r: RedemptionV1 = codec::decode_payload(payload)?;
                Ok(Redemption {
                    id: r.id,
                    customer: r.customer,
                    at: r.at,
                    stamps: r.stamps,
                    reward: r.reward,
                    staff: r.staff,
                })
            }
            (other, _) => Err(CodecError::UnknownVersion(other)),
        }
    }
}
