//! Days as text (`2024-12-17`), the way chrono's serde writes and reads a `NaiveDate`, only quicker: for
//! `#[serde(with = "crate::iso::date")]` on the stored records' days (a customer's "since", a promise's
//! due day) and the desk's JSON. chrono reads each through its general parser. The common shape, a year
//! of four digits, is done by hand; anything else goes to chrono, as in [`super`].

use chrono::{Datelike, NaiveDate};
use serde::{Deserializer, Serializer, de};

use super::{Text, number};

/// Writes `day` as chrono's serde would.
pub fn serialize<S: Serializer>(day: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    match write(*day) {
        Some(text) => s.serialize_str(text.as_str()),
        None => serde::Serialize::serialize(day, s),
    }
}

/// Reads a day as chrono's serde would.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(Visitor)
}

/// `day` as a JSON string onto `out`, the same bytes as serde_json writes for [`serialize`].
pub fn push_json(day: NaiveDate, out: &mut Vec<u8>) {
    match write(day) {
        Some(text) => text.push_quoted(out),
        // chrono's text has no character JSON escapes: a writer into memory does not fail.
        None => serde_json::to_writer(out, &day).unwrap_or_default(),
    }
}

/// `YYYY-MM-DD`, or `None` for a year chrono writes with a sign and more digits.
pub(super) fn write(day: NaiveDate) -> Option<Text> {
    let year = u32::try_from(day.year()).ok().filter(|y| *y <= 9999)?;
    let mut text = Text::new();
    text.put(year, 4, Some(b'-'));
    text.put(day.month(), 2, Some(b'-'));
    text.put(day.day(), 2, None);
    Some(text)
}

/// `YYYY-MM-DD` read by hand, or `None` for anything else (a day that does not exist included).
pub(super) fn read(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(number(b, 0, 4)?).ok()?,
        number(b, 5, 7)?,
        number(b, 8, 10)?,
    )
}

struct Visitor;

impl de::Visitor<'_> for Visitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a formatted date string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        match read(text) {
            Some(day) => Ok(day),
            None => text.parse::<NaiveDate>().map_err(E::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Days, NaiveDate};
    use proptest::prelude::*;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Ours(#[serde(with = "super")] NaiveDate);

    /// `text` as read here, and as chrono reads it (either may be an error, with its words).
    fn read_both(text: &str) -> (Result<NaiveDate, String>, Result<NaiveDate, String>) {
        let json = serde_json::to_string(text).unwrap();
        (
            serde_json::from_str::<Ours>(&json)
                .map(|o| o.0)
                .map_err(|e| e.to_string()),
            serde_json::from_str::<NaiveDate>(&json).map_err(|e| e.to_string()),
        )
    }

    #[test]
    fn other_shapes_and_mistakes_read_as_chrono_reads_them() {
        for text in [
            "2024-02-30",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-12-00",
            "2024-1-17",
            "2024-12-17 ",
            " 2024-12-17",
            "2024/12/17",
            "+12024-12-17",
            "-0001-12-17",
            "２０２４-12-17",
            "2024-12-1７",
            "",
        ] {
            let (ours, chrono) = read_both(text);
            assert_eq!(ours, chrono, "{text}");
        }
        assert_eq!(
            read_both("2024-02-29").0,
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
    }

    proptest! {
        #[test]
        fn any_day_is_written_and_read_back_as_chrono_does(days in 0u64..7_300_000) {
            // From 10,000 years before the common era to 10,000 after it: both shapes of year.
            let day = NaiveDate::from_ymd_opt(-9999, 1, 1).unwrap() + Days::new(days);
            let ours = serde_json::to_string(&Ours(day)).unwrap();
            prop_assert_eq!(&ours, &serde_json::to_string(&day).unwrap());
            let mut pushed = Vec::new();
            super::push_json(day, &mut pushed);
            prop_assert_eq!(ours.as_bytes(), &pushed[..]);
            prop_assert_eq!(serde_json::from_str::<Ours>(&ours).unwrap().0, day);
        }

        #[test]
        fn text_near_the_shape_reads_as_chrono_reads_it(text in "[0-9]{4}-[0-9]{1,2}-[0-9]{1,3}") {
            let (ours, chrono) = read_both(&text);
            prop_assert_eq!(ours, chrono, "{}", text);
        }
    }
}
