//! The one place that names bincode.
//!
//! Every stored value is an envelope: one format-version byte, then the bincode payload. A reader matches on
//! the byte, so an old version can be decoded into today's types, and an unknown (newer) one is refused
//! instead of being guessed at.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::text;

/// The format of values written today.
pub const FORMAT_VERSION: u8 = 1;

/// No stored value is larger than this; a length field claiming more is damage, not a reason to allocate.
const MAX_VALUE_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CodecError {
    #[error("{}", text::CODEC_EMPTY)]
    Empty,
    #[error("{}", text::codec_unknown_version(*.0))]
    UnknownVersion(u8),
    #[error("{}", text::codec_malformed(.0))]
    Malformed(String),
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<MAX_VALUE_BYTES>()
}

/// `value` encoded behind the version byte `version` (a record's stored shape says which).
pub fn encode_version<T: Serialize>(version: u8, value: &T) -> Result<Vec<u8>, CodecError> {
    let mut out = vec![version];
    bincode::serde::encode_into_std_write(value, &mut out, config())
        .map_err(|e| CodecError::Malformed(e.to_string()))?;
    Ok(out)
}

/// The version byte of a stored value, and its payload.
pub fn version(bytes: &[u8]) -> Result<(u8, &[u8]), CodecError> {
    let (&version, payload) = bytes.split_first().ok_or(CodecError::Empty)?;
    Ok((version, payload))
}

/// A payload (after its version byte) decoded whole: bytes left over are damage.
pub fn decode_payload<T: DeserializeOwned>(payload: &[u8]) -> Result<T, CodecError> {
    let (value, used) = bincode::serde::decode_from_slice(payload, config())
        .map_err(|e| CodecError::Malformed(e.to_string()))?;
    if used != payload.len() {
        return Err(CodecError::Malformed(format!(
            "{} bytes left over",
            payload.len() - used
        )));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, Note, NoteKind};
    use crate::store::shapes::Record;
    use chrono::DateTime;

    fn note() -> Note {
        let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        Note {
            id: Id::at(at),
            customer: Id::at(at),
            at,
            kind: NoteKind::Praise,
            text: "Loved the new espresso blend \u{1b}[2J ☕".into(),
            staff: Some("Anna".into()),
            pinned: true,
            answers: None,
        }
    }

    #[test]
    fn records_round_trip_behind_a_version_byte() {
        let note = note();
        let bytes = note.to_bytes().unwrap();
        // Notes are written in their second shape (a note may answer a complaint).
        assert_eq!(bytes[0], 2);
        assert_eq!(Note::from_bytes(&bytes).unwrap(), note);
    }

    use crate::domain::{Birthday, Customer, Visit};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic_the_decoders(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = Customer::from_bytes(&bytes);
            let _ = Visit::from_bytes(&bytes);
            let _ = Note::from_bytes(&bytes);
            // The same bytes behind today's version byte: bincode's own reading, bounded by the limit.
            let mut versioned = vec![FORMAT_VERSION];
            versioned.extend_from_slice(&bytes);
            let _ = Customer::from_bytes(&versioned);
            let _ = Visit::from_bytes(&versioned);
        }

        #[test]
        fn any_customer_round_trips(
            name in "\\PC{1,60}",
            nickname in proptest::option::of("\\PC{0,20}"),
            phones in proptest::collection::vec("[0-9 +]{3,16}", 0..3),
            tags in proptest::collection::vec("\\PC{0,12}", 0..4),
            preferences in "(\\PC|\\p{Cc})*",
            birthday in proptest::option::of((1u8..=28, 1u8..=12, proptest::option::of(1900i32..2100))),
            seconds in 0i64..4_000_000_000,
        ) {
            let at = DateTime::from_timestamp(seconds, 0).unwrap();
            let customer = Customer {
                id: Id::at(at),
                name,
                nickname,
                phones,
                email: None,
                birthday: birthday.map(|(day, month, year)| Birthday { day, month, year }),
                since: at.date_naive(),
                tags,
                preferences,
                referred_by: Some(Id::at(at)),
                created_at: at,
                updated_at: at,
                updated_by: Some("Anna".into()),
            };
            let bytes = customer.to_bytes().unwrap();
            prop_assert_eq!(Customer::from_bytes(&bytes).unwrap(), customer);
        }
    }

    /// Fixed records, the same every time: what `tests/fixtures/records-format1/*.bin` hold.
    fn fixture_records() -> (Customer, Visit, Note) {
        let at = DateTime::from_timestamp(1_790_000_000, 123_000_000).unwrap();
        let customer = Customer {
            id: Id::from_bytes([1; 16]),
            name: "Nicolò D'Angelo \u{1b}[2J".into(),
            nickname: Some("Nico".into()),
            phones: vec!["+39 333 123 4567".into()],
            email: Some("nico@example.it".into()),
            birthday: Some(Birthday {
                day: 29,
                month: 2,
                year: None,
            }),
            since: at.date_naive() - chrono::Days::new(7300),
            tags: vec!["vip".into(), "caffè".into()],
            preferences: "Ristretto\nno sugar".into(),
            referred_by: Some(Id::from_bytes([2; 16])),
            created_at: at,
            updated_at: at,
            updated_by: Some("Anna".into()),
        };
        let visit = Visit {
            id: Id::from_bytes([3; 16]),
            customer: customer.id,
            at,
            amount_cents: Some(1250),
            what: Some("cappuccino e cornetto".into()),
            staff: None,
        };
        let note = Note {
            id: Id::from_bytes([4; 16]),
            customer: customer.id,
            at,
            kind: NoteKind::Apology,
            text: "Late order; next coffee on us ☕".into(),
            staff: Some("Marco".into()),
            pinned: true,
            answers: None,
        };
        (customer, visit, note)
    }

    /// Records written in format 1 must decode the same in every later version. The files are written
    /// once (`WRITE_RECORD_FIXTURES=1`) and committed; a missing file fails the test.
    #[test]
    fn format_1_records_from_the_fixtures_read_back_the_same() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/records-format1");
        let (customer, visit, note) = fixture_records();
        let files = [
            ("customer.bin", customer.to_bytes().unwrap()),
            ("visit.bin", visit.to_bytes().unwrap()),
            ("note.bin", note.to_bytes().unwrap()),
        ];
        if std::env::var_os("WRITE_RECORD_FIXTURES").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            for (name, bytes) in &files {
                if !dir.join(name).exists() {
                    std::fs::write(dir.join(name), bytes).unwrap();
                }
            }
        }
        let read =
            |name: &str| std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(read("customer.bin")[0], 1, "format 1");
        assert_eq!(
            Customer::from_bytes(&read("customer.bin")).unwrap(),
            customer
        );
        assert_eq!(Visit::from_bytes(&read("visit.bin")).unwrap(), visit);
        assert_eq!(Note::from_bytes(&read("note.bin")).unwrap(), note);
    }

    #[test]
    fn unknown_versions_and_damage_are_refused_not_guessed() {
        let mut bytes = note().to_bytes().unwrap();
        assert_eq!(Note::from_bytes(&[]), Err(CodecError::Empty));
        let mut newer = bytes.clone();
        newer[0] = bytes[0] + 1;
        assert_eq!(
            Note::from_bytes(&newer),
            Err(CodecError::UnknownVersion(bytes[0] + 1))
        );
        let truncated = &bytes[..bytes.len() / 2];
        assert!(matches!(
            Note::from_bytes(truncated),
            Err(CodecError::Malformed(_))
        ));
        bytes.push(0);
        assert!(matches!(
            Note::from_bytes(&bytes),
            Err(CodecError::Malformed(_))
        ));
    }
}
