//! Notes as the store keeps them: their shapes, per version.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::codec::{self, CodecError};
use super::{EventShape, Record};
use crate::domain::{Event, EventKind, Id, Note, NoteKind};
use crate::text::{self, Msg};

impl EventShape for Note {
    const TREE: &'static str = "notes";
    const KIND: EventKind = EventKind::Note;
    const WHAT: Msg = text::RECORD_NOTE;
    fn into_event(self) -> Event {
        Event::Note(self)
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
