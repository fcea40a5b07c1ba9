//! Times as text, the way chrono's serde writes and reads them (`2024-12-17T09:57:31Z`, with 3, 6 or 9
//! digits of fraction when there is one), only quicker: for `#[serde(with = "crate::iso")]` on the stored
//! records' times and the desk's JSON. Every stored time is this text inside its record, so reading 1.2
//! million records spent a tenth of its time in chrono's general parser, and writing them as much in
//! `fmt`. The common shape is done by hand here; anything else (a year before 0 or after 9999, an offset
//! other than `Z`, a leap second, a mistake) goes to chrono, so what reads and what is refused, and the
//! words of the refusal, are chrono's own. [`date`] does the same for days (`2024-12-17`).

use chrono::{DateTime, FixedOffset, Timelike, Utc};
use serde::{Deserializer, Serializer, de};

pub mod date;

/// Writes `at` as chrono's serde would.
pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    match write(at) {
        Some(text) => s.serialize_str(text.as_str()),
        None => serde::Serialize::serialize(at, s),
    }
}

/// `at` as a JSON string onto `out`, the same bytes as serde_json writes for [`serialize`].
pub fn push_json(at: &DateTime<Utc>, out: &mut Vec<u8>) {
    match write(at) {
        Some(text) => text.push_quoted(out),
        // chrono's text has no character JSON escapes: a writer into memory does not fail.
        None => serde_json::to_writer(out, at).unwrap_or_default(),
    }
}

/// Reads a time as chrono's serde would.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    d.deserialize_str(Visitor)
}

/// Fixed-width numbers and separators, written by hand into a small buffer: only ASCII.
struct Text {
    buf: [u8; 32],
    len: usize,
}

impl Text {
    fn new() -> Text {
        Text {
            buf: [0; 32],
            len: 0,
        }
    }

    /// `value` in `digits` decimal digits (the leading ones zeros), then `after` if given.
    fn put(&mut self, value: u32, digits: u32, after: Option<u8>) {
        for d in (0..digits).rev() {
            self.buf[self.len] = b'0' + (value / 10u32.pow(d) % 10) as u8;
            self.len += 1;
        }
        if let Some(c) = after {
            self.push(c);
        }
    }

    fn push(&mut self, c: u8) {
        self.buf[self.len] = c;
        self.len += 1;
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits and separators are ever put.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }

    /// The text between double quotes onto `out`: a JSON string (none of its characters is escaped).
    fn push_quoted(&self, out: &mut Vec<u8>) {
        out.push(b'"');
        out.extend_from_slice(&self.buf[..self.len]);
        out.push(b'"');
    }
}

/// `at`'s text, or `None` for a time whose text chrono writes in another shape.
fn write(at: &DateTime<Utc>) -> Option<Text> {
    // The fields of the UTC time itself: `DateTime`'s own accessors add the (zero) offset for each one.
    let at = at.naive_utc();
    let nanos = at.nanosecond();
    if nanos >= 1_000_000_000 {
        return None; // a leap second
    }
    let mut text = date::write(at.date())?;
    text.push(b'T');
    text.put(at.hour(), 2, Some(b':'));
    text.put(at.minute(), 2, Some(b':'));
    let fraction = if nanos == 0 {
        None
    } else if nanos.is_multiple_of(1_000_000) {
        Some((nanos / 1_000_000, 3))
    } else if nanos.is_multiple_of(1_000) {
        Some((nanos / 1_000, 6))
    } else {
        Some((nanos, 9))
    };
    match fraction {
        None => text.put(at.second(), 2, Some(b'Z')),
        Some((value, digits)) => {
            text.put(at.second(), 2, Some(b'.'));
            text.put(value, digits, Some(b'Z'));
        }
    }
    Some(text)
}

/// The number written in ASCII digits at `from..to` of `b`, or `None` if any is not a digit.
fn number(b: &[u8], from: usize, to: usize) -> Option<u32> {
    b.get(from..to)?.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` read by hand, or `None` for anything else.
fn read(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let mut nanos = 0;
    let end = match b.get(19) {
        Some(b'Z') => 19,
        Some(b'.') => {
            let digits = b[20..].iter().take_while(|c| c.is_ascii_digit()).count();
            if !(1..=9).contains(&digits) {
                return None;
            }
            nanos = number(b, 20, 20 + digits)? * 10u32.pow(9 - digits as u32);
            20 + digits
        }
        _ => return None,
    };
    if b.len() != end + 1 || b[end] != b'Z' {
        return None;
    }
    let day = date::read(text.get(..10)?)?;
    let (hour, minute, second) = (number(b, 11, 13)?, number(b, 14, 16)?, number(b, 17, 19)?);
    if second > 59 {
        return None; // a leap second: chrono's to read
    }
    Some(day.and_hms_nano_opt(hour, minute, second, nanos)?.and_utc())
}

struct Visitor;

impl de::Visitor<'_> for Visitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
        match read(text) {
            Some(at) => Ok(at),
            None => text
                .parse::<DateTime<FixedOffset>>()
                .map(|at| at.with_timezone(&Utc))
                .map_err(E::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};
    use proptest::prelude::*;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Ours(#[serde(with = "super")] DateTime<Utc>);

    /// `at` as written here, and as chrono writes it.
    fn both(at: DateTime<Utc>) -> (String, String) {
        (
            serde_json::to_string(&Ours(at)).unwrap(),
            serde_json::to_string(&at).unwrap(),
        )
    }

    /// `text` as read here, and as chrono reads it (either may be an error, with its words).
    fn read_both(text: &str) -> (Result<DateTime<Utc>, String>, Result<DateTime<Utc>, String>) {
        let json = serde_json::to_string(text).unwrap();
        (
            serde_json::from_str::<Ours>(&json)
                .map(|o| o.0)
                .map_err(|e| e.to_string()),
            serde_json::from_str::<DateTime<Utc>>(&json).map_err(|e| e.to_string()),
        )
    }

    #[test]
    fn times_are_written_and_read_as_chrono_does_at_every_precision() {
        let second = Utc.with_ymd_and_hms(2024, 12, 17, 9, 57, 31).unwrap();
        for nanos in [
            0,
            1,
            1_000,
            1_000_000,
            123_000_000,
            123_456_000,
            123_456_789,
            999_999_999,
        ] {
            let at = second + chrono::Duration::nanoseconds(nanos);
            let (ours, chrono) = both(at);
            assert_eq!(ours, chrono);
            assert_eq!(serde_json::from_str::<Ours>(&ours).unwrap().0, at);
        }
        assert_eq!(both(second).0, "\"2024-12-17T09:57:31Z\"");
    }

    #[test]
    fn other_shapes_and_mistakes_read_as_chrono_reads_them() {
        for text in [
            "2024-12-17T09:57:31+01:00",
            "2024-12-17t09:57:31z",
            "2024-12-17 09:57:31Z",
            "2016-12-31T23:59:60Z",
            "2024-02-30T09:57:31Z",
            "2024-12-17T24:00:00Z",
            "2024-12-17T09:57:31.Z",
            "2024-12-17T09:57:31.1234567891Z",
            "2024-12-17T09:57:31",
            "2024-12-17T09:57:31ZZ",
            "+12024-12-17T09:57:31Z",
            "２０２４-12-17T09:57:31Z",
            "",
        ] {
            let (ours, chrono) = read_both(text);
            assert_eq!(ours, chrono, "{text}");
        }
    }

    proptest! {
        #[test]
        fn any_time_is_written_and_read_back_as_chrono_does(
            secs in -70_000_000_000i64..300_000_000_000,
            nanos in prop_oneof![
                Just(0u32),
                (0..1_000u32).prop_map(|milli| milli * 1_000_000),
                (0..1_000_000u32).prop_map(|micro| micro * 1_000),
                0..1_000_000_000u32,
            ],
        ) {
            let at = DateTime::from_timestamp(secs, nanos).unwrap();
            let (ours, chrono) = both(at);
            prop_assert_eq!(&ours, &chrono);
            let mut pushed = Vec::new();
            super::push_json(&at, &mut pushed);
            prop_assert_eq!(ours.as_bytes(), &pushed[..]);
            prop_assert_eq!(serde_json::from_str::<Ours>(&ours).unwrap().0, at);
        }

        #[test]
        fn text_near_the_shape_reads_as_chrono_reads_it(
            text in "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,10})?(Z|\\+01:00|)",
        ) {
            let (ours, chrono) = read_both(&text);
            prop_assert_eq!(ours, chrono, "{}", text);
        }
    }
}
