use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

/// A globally unique, time-ordered identifier (a ULID).
///
/// Ids are never per-store counters, so the records of two counters can be merged later. The id of an event
/// (visit, note) carries the event's own time, so sorting by id sorts by time.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Id(u128);

impl Id {
    /// A new id for something happening at `at`; the random part makes it unique.
    pub fn at(at: DateTime<Utc>) -> Id {
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        let random: u128 = fastrand::u128(..) & ((1u128 << 80) - 1);
        Id(Ulid::from_parts(ms, random).0)
    }

    /// A new id from a seeded generator, for reproducible demo data.
    pub fn at_seeded(at: DateTime<Utc>, rng: &mut fastrand::Rng) -> Id {
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        Id(Ulid::from_parts(ms, rng.u128(..) & ((1u128 << 80) - 1)).0)
    }

    /// The 16 big-endian bytes used as (part of) a store key, so keys sort like ids.
    pub fn to_bytes(self) -> [u8; 16] {
        self.0.to_be_bytes()
    }

    pub fn from_bytes(bytes: [u8; 16]) -> Id {
        Id(u128::from_be_bytes(bytes))
    }

    /// The time the id was made for.
    pub fn time(self) -> DateTime<Utc> {
        let ms = Ulid(self.0).timestamp_ms();
        DateTime::from_timestamp_millis(i64::try_from(ms).unwrap_or(0)).unwrap_or_default()
    }
}

/// A write as it is first tried: the id its record will have and its time, fixed then and kept with the
/// form (and its draft) until the write is known to be on disk. Trying the same write again after a
/// failure, or after a power cut that came between saving and the draft's removal, writes the same
/// record again, never a second one: a disk can fail *after* the store took a write in, and the desk
/// then cannot know whether it is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub id: Id,
    pub at: DateTime<Utc>,
}

impl Attempt {
    /// A write tried for the first time at `at`.
    pub fn new(at: DateTime<Utc>) -> Attempt {
        Attempt { id: Id::at(at), at }
    }

    /// The id of the `n`-th further record this write makes (the consent asked in a customer form, each
    /// a millisecond after the last), the same at every try; distinct from the attempt's own id.
    pub fn further(self, n: u32) -> (Id, DateTime<Utc>) {
        let at = self.at + chrono::Duration::milliseconds(i64::from(n));
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        let random = Ulid(self.id.0).random() ^ (u128::from(n) + 1);
        (Id(Ulid::from_parts(ms, random).0), at)
    }
}

/// A write tried once, with nothing to retry: a new id.
impl From<DateTime<Utc>> for Attempt {
    fn from(at: DateTime<Utc>) -> Attempt {
        Attempt::new(at)
    }
}

impl Id {
    /// The id's text (26 characters of Crockford base32), encoded into `buf`: what `Display` writes,
    /// without a `String` for each id.
    pub fn encode(self, buf: &mut [u8; ulid::ULID_LEN]) -> &str {
        Ulid(self.0).array_to_str(buf)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Encoded into a buffer here and written as it is (as `Ulid`'s Display does, by a second `write!`).
        let mut text = [0u8; ulid::ULID_LEN];
        f.write_str(self.encode(&mut text))
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", Ulid(self.0))
    }
}

/// An id typed by a person: 26 characters of Crockford base32, any case.
impl FromStr for Id {
    type Err = ulid::DecodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ulid::from_string(s.trim()).map(|u| Id(u.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn an_attempts_further_ids_are_the_same_at_every_try_and_distinct() {
        let at = Utc.with_ymd_and_hms(2024, 6, 1, 9, 0, 0).unwrap();
        let attempt = Attempt::new(at);
        // Made again from the same id and time (as a draft brings a try back): the same further ids.
        let again = Attempt {
            id: attempt.id.to_string().parse().unwrap(),
            at,
        };
        assert_eq!(attempt.further(3), again.further(3));
        let ids: std::collections::BTreeSet<Id> = (0..4)
            .map(|n| attempt.further(n).0)
            .chain([attempt.id])
            .collect();
        assert_eq!(ids.len(), 5, "{ids:?}");
        assert_eq!(attempt.further(2).1, at + chrono::Duration::milliseconds(2));
        assert_eq!(attempt.further(2).0.time(), attempt.further(2).1);
        assert_ne!(Attempt::new(at).further(0), attempt.further(0));
    }

    #[test]
    fn ids_sort_by_their_time_and_round_trip_through_text_and_bytes() {
        let early = Id::at(Utc.with_ymd_and_hms(2020, 1, 1, 9, 0, 0).unwrap());
        let late = Id::at(Utc.with_ymd_and_hms(2024, 6, 1, 9, 0, 0).unwrap());
        assert!(early < late);
        assert!(early.to_bytes() < late.to_bytes());
        assert_eq!(
            early.time(),
            Utc.with_ymd_and_hms(2020, 1, 1, 9, 0, 0).unwrap()
        );
        let text = late.to_string();
        assert_eq!(text.len(), 26);
        assert_eq!(text, Ulid(late.0).to_string(), "ulid's own text");
        assert_eq!(text.to_lowercase().parse::<Id>().unwrap(), late);
        assert_eq!(Id::from_bytes(late.to_bytes()), late);
        assert!("not-an-id".parse::<Id>().is_err());
    }
}
