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
    #[serde(with = "crate::iso")]
    at: DateTime<Utc>,
    kind: NoteKindV1,
    text: String,
    staff: Option<String>,
    pinned: bool,
}

/// Version 2: a note may answer a complaint (`answers`, the complaint's id).
#[derive(Serialize, Deserialize)]
struct NoteV2 {
    id: Id,
    customer: Id,
    #[serde(with = "crate::iso")]
    at: DateTime<Utc>,
    kind: NoteKindV1,
    text: String,
    staff: Option<String>,
    pinned: bool,
    answers: Option<Id>,
}

fn kind_v1(kind: NoteKind) -> NoteKindV1 {
    match kind {
        NoteKind::Note => NoteKindV1::Note,
        NoteKind::Praise => NoteKindV1::Praise,
        NoteKind::Complaint => NoteKindV1::Complaint,
        NoteKind::Apology => NoteKindV1::Apology,
    }
}

fn kind_of(kind: NoteKindV1) -> NoteKind {
    match kind {
        NoteKindV1::Note => NoteKind::Note,
        NoteKindV1::Praise => NoteKind::Praise,
        NoteKindV1::Complaint => NoteKind::Complaint,
        NoteKindV1::Apology => NoteKind::Apology,
    }
}

impl Record for Note {
    fn to_bytes(&self) -> Result<Vec<u8>, CodecError> {
        let n = self.clone();
        codec::encode_version(
            2,
            &NoteV2 {
                id: n.id,
                customer: n.customer,
                at: n.at,
                kind: kind_v1(n.kind),
                text: n.text,
                staff: n.staff,
                pinned: n.pinned,
                answers: n.answers,
            },
        )
    }

    fn from_bytes(bytes: &[u8]) -> Result<Note, CodecError> {
        // Version 1 is version 2 with no answer.
        let n: NoteV2 = match codec::version(bytes)? {
            (1, payload) => {
                let n: NoteV1 = codec::decode_payload(payload)?;
                NoteV2 {
                    id: n.id,
                    customer: n.customer,
                    at: n.at,
                    kind: n.kind,
                    text: n.text,
                    staff: n.staff,
                    pinned: n.pinned,
                    answers: None,
                }
            }
            (2, payload) => codec::decode_payload(payload)?,
            (other, _) => return Err(CodecError::UnknownVersion(other)),
        };
        Ok(Note {
            id: n.id,
            customer: n.customer,
            at: n.at,
            kind: kind_of(n.kind),
            text: n.text,
            staff: n.staff,
            pinned: n.pinned,
            answers: n.answers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_written_as_version_1_still_reads_with_no_answer() {
        let at = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let id = |n: u8| Id::from_bytes([n; 16]);
        let old = codec::encode_version(
            1,
            &NoteV1 {
                id: id(4),
                customer: id(1),
                at,
                kind: NoteKindV1::Complaint,
                text: "cold coffee".into(),
                staff: Some("Giulia".into()),
                pinned: true,
            },
        )
        .unwrap();
        assert_eq!(
            Note::from_bytes(&old),
            Ok(Note {
                id: id(4),
                customer: id(1),
                at,
                kind: NoteKind::Complaint,
                text: "cold coffee".into(),
                staff: Some("Giulia".into()),
                pinned: true,
                answers: None,
            })
        );
    }
}
