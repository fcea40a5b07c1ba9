//! Consent changes as the store keeps them: their shapes, per version.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::codec::{self, CodecError};
use super::{EventShape, Record};
use crate::domain::{Channel, ConsentChange, Event, EventKind, Id};
use crate::text::{self, Msg};

impl EventShape for ConsentChange {
    const TREE: &'static str = "consents";
    const KIND: EventKind = EventKind::Consent;
    const WHAT: Msg = text::RECORD_CONSENT;
    /// Written one at a time, a change is the latest of its channel: it sets the channel in the figures.
    const ADDS_TO_FIGURES: bool = true;
    fn into_event(self) -> Event {
        Event::Consent(self)
    }
}

/// The channels in the order version 1 numbers them (the encoder writes the position).
#[derive(Clone, Copy, Serialize, Deserialize)]
enum ChannelV1 {
    Sms,
    Email,
    Phone,
    Post,
}

#[derive(Serialize, Deserialize)]
struct ConsentV1 {
    id: Id,
    customer: Id,
    #[serde(with = "crate::iso")]
    at: DateTime<Utc>,
    channel: ChannelV1,
    given: bool,
    #[serde(with = "crate::iso::date")]
    on: NaiveDate,
    source: String,
    staff: Option<String>,
}

impl Record for ConsentChange {
    fn to_bytes(&self) -> Result<Vec<u8>, CodecError> {
        let c = self.clone();
        codec::encode_version(
            1,
            &ConsentV1 {
                id: c.id,
                customer: c.customer,
                at: c.at,
                channel: match c.channel {
                    Channel::Sms => ChannelV1::Sms,
                    Channel::Email => ChannelV1::Email,
                    Channel::Phone => ChannelV1::Phone,
                    Channel::Post => ChannelV1::Post,
                },
                given: c.given,
                on: c.on,
                source: c.source,
                staff: c.staff,
            },
        )
    }

    fn from_bytes(bytes: &[u8]) -> Result<ConsentChange, CodecError> {
        match codec::version(bytes)? {
            (1, payload) => {
                let c: ConsentV1 = codec::decode_payload(payload)?;
                Ok(ConsentChange {
                    id: c.id,
                    customer: c.customer,
                    at: c.at,
                    channel: match c.channel {
                        ChannelV1::Sms => Channel::Sms,
                        ChannelV1::Email => Channel::Email,
                        ChannelV1::Phone => Channel::Phone,
                        ChannelV1::Post => Channel::Post,
                    },
                    given: c.given,
                    on: c.on,
                    source: c.source,
                    staff: c.staff,
                })
            }
            (other, _) => Err(CodecError::UnknownVersion(other)),
        }
    }
}
