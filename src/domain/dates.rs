use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::text::InputError;

/// Weekday names in English and Italian (accents folded: `lunedì` is typed `lunedi` too).
const WEEKDAYS: [(&str, &str, Weekday); 7] = [
    ("monday", "lunedi", Weekday::Mon),
    ("tuesday", "martedi", Weekday::Tue),
    ("wednesday", "mercoledi", Weekday::Wed),
    ("thursday", "giovedi", Weekday::Thu),
    ("friday", "venerdi", Weekday::Fri),
    ("saturday", "sabato", Weekday::Sat),
    ("sunday", "domenica", Weekday::Sun),
];

/// Parses a date typed naturally, relative to `today`, in English or Italian, whatever the desk's language:
/// `today`/`oggi`, `yesterday`/`ieri`, `tomorrow`/`domani`, `dopodomani`, a weekday (`monday`, `lunedì`:
/// the next one after today), `+3d`/`+3g`, `-2w`/`-2s`, `+1m`, `+1y`/`+1a`, `25/12` (this year),
/// `25/12/2026`, `2026-12-25`, a bare year `2006` (1 January, for "customer since") and a month of a year,
/// `03/2006` or `2006-03` (its first day, as spreadsheets write "customer since").
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, InputError> {
    let text = deunicode::deunicode(&input.trim().to_lowercase());
    let bad = || InputError::BadDate(input.trim().to_string());
    let days = |n: u64| today.checked_add_days(Days::new(n)).ok_or_else(bad);
    match text.as_str() {
        "" => return Err(bad()),
        "today" | "oggi" => return Ok(today),
        "yesterday" | "ieri" => return today.checked_sub_days(Days::new(1)).ok_or_else(bad),
        "tomorrow" | "domani" => return days(1),
        "dopodomani" => return days(2),
        _ => {}
    }
    if let Some(&(_, _, weekday)) = WEEKDAYS
        .iter()
        .find(|(en, it, _)| text == *en || text == *it)
    {
        let ahead =
            (weekday.num_days_from_monday() + 7 - today.weekday().num_days_from_monday()) % 7;
        return days(if ahead == 0 { 7 } else { ahead.into() });
    }
    if let Some(rest) = text.strip_prefix(['+', '-']) {
        let forward = text.starts_with('+');
        let unit = rest.chars().last().ok_or_else(bad)?;
        let n: u32 = rest[..rest.len() - unit.len_utf8()]
            .parse()
            .map_err(|_| bad())?;
        let shifted = match (unit, forward) {
            // days (giorni), weeks (settimane), months (mesi), years (anni)
            ('d' | 'g', true) => today.checked_add_days(Days::new(n.into())),
            ('d' | 'g', false) => today.checked_sub_days(Days::new(n.into())),
            ('w' | 's', true) => today.checked_add_days(Days::new(u64::from(n) * 7)),
            ('w' | 's', false) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
            ('m', true) => today.checked_add_months(Months::new(n)),
            ('m', false) => today.checked_sub_months(Months::new(n)),
            ('y' | 'a', true) => today.checked_add_months(Months::new(n.saturating_mul(12))),
            ('y' | 'a', false) => today.checked_sub_months(Months::new(n.saturating_mul(12))),
            _ => None,
        };
        return shifted.ok_or_else(bad);
    }
    if text.len() == 4
        && let Ok(year) = text.parse::<i32>()
    {
        return NaiveDate::from_ymd_opt(year, 1, 1)
            .filter(|_| (1900..=2200).contains(&year))
            .ok_or_else(bad);
    }
    let num = |s: &str| match s.parse::<u32>() {
        Ok(n) if s.len() <= 4 => Ok(n),
        _ => Err(bad()),
    };
    // Written as a date, but naming no real day (`31/02`): a sentence of its own.
    let day_of = |year: u32, month: u32, day: u32| {
        i32::try_from(year)
            .ok()
            .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
            .ok_or_else(|| InputError::NoSuchDate(input.trim().to_string()))
    };
    let iso: Vec<&str> = text.split('-').collect();
    match iso.as_slice() {
        [y, m, d] if y.len() == 4 => return day_of(num(y)?, num(m)?, num(d)?),
        [y, m] if y.len() == 4 && !m.is_empty() => return day_of(num(y)?, num(m)?, 1),
        _ => {}
    }
    let parts: Vec<&str> = text.split(['/', '.']).collect();
    match parts.as_slice() {
        [m, y] if y.len() == 4 => day_of(num(y)?, num(m)?, 1),
        [d, m] => day_of(today.year().unsigned_abs(), num(m)?, num(d)?),
        [d, m, y] => {
            let mut year = num(y)?;
            if y.len() == 2 {
                year += 2000;
            }
            day_of(year, num(m)?, num(d)?)
        }
        _ => Err(bad()),
    }
}

/// How long ago a day was, in the words a person uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelativeDay {
    Today,
    Yesterday,
    DaysAgo(u32),
    WeeksAgo(u32),
    MonthsAgo(u32),
    YearsAgo(u32),
    /// A day after today (a clock set wrong, or a backdated import).
    Future,
}

pub fn relative_day(day: NaiveDate, today: NaiveDate) -> RelativeDay {
    let days = (today - day).num_days();
    match days {
        i64::MIN..=-1 => RelativeDay::Future,
        0 => RelativeDay::Today,
        1 => RelativeDay::Yesterday,
        2..=13 => RelativeDay::DaysAgo(days as u32),
        14..=59 => RelativeDay::WeeksAgo((days / 7) as u32),
        _ => {
            let months = months_between(day, today);
            if months < 24 {
                RelativeDay::MonthsAgo(months.max(2))
            } else {
                RelativeDay::YearsAgo(months / 12)
            }
        }
    }
}

/// Whole months from `from` to `to` (0 when `to` is earlier).
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        months -= 1;
    }
    months.max(0) as u32
}

/// How long someone has been a customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tenure {
    pub years: u32,
    pub months: u32,
    pub days: u32,
}

pub fn tenure(since: NaiveDate, today: NaiveDate) -> Tenure {
    let months = months_between(since, today);
    let anniversary = since
        .checked_add_months(Months::new(months))
        .unwrap_or(today);
    let days = (today - anniversary).num_days().max(0) as u32;
    Tenure {
        years: months / 12,
        months: months % 12,
        days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_parse_as_typed() {
        let today = d(2026, 11, 23);
        let cases: &[(&str, Option<NaiveDate>)] = &[
            ("today", Some(today)),
            ("Tomorrow", Some(d(2026, 11, 24))),
            ("yesterday", Some(d(2026, 11, 22))),
            ("+3d", Some(d(2026, 11, 26))),
            ("-2w", Some(d(2026, 11, 9))),
            ("+1m", Some(d(2026, 12, 23))),
            ("-20y", Some(d(2006, 11, 23))),
            ("25/12", Some(d(2026, 12, 25))),
            ("25/12/2027", Some(d(2027, 12, 25))),
            ("25.12.27", Some(d(2027, 12, 25))),
            ("2026-12-25", Some(d(2026, 12, 25))),
            ("2006", Some(d(2006, 1, 1))),
            // A month of a year, as spreadsheets write "customer since": its first day.
            ("03/2015", Some(d(2015, 3, 1))),
            ("3.2015", Some(d(2015, 3, 1))),
            ("2015-03", Some(d(2015, 3, 1))),
            ("13/2015", None),
            ("2015-", None),
            ("31/02", None),
            ("2026-02-31", None),
            ("+3x", None),
            ("+d", None),
            ("soon", None),
            ("", None),
            ("1/2/3/4", None),
            ("0999", None),
            // Italian, and weekdays (today, 2026-11-23, is a Monday: "monday" is the next one).
            ("oggi", Some(today)),
            ("Domani", Some(d(2026, 11, 24))),
            ("ieri", Some(d(2026, 11, 22))),
            ("dopodomani", Some(d(2026, 11, 25))),
            ("+3g", Some(d(2026, 11, 26))),
            ("+2s", Some(d(2026, 12, 7))),
            ("-1a", Some(d(2025, 11, 23))),
            ("lunedì", Some(d(2026, 11, 30))),
            ("LUNEDI", Some(d(2026, 11, 30))),
            ("monday", Some(d(2026, 11, 30))),
            ("tuesday", Some(d(2026, 11, 24))),
            ("venerdì", Some(d(2026, 11, 27))),
            ("domenica", Some(d(2026, 11, 29))),
            ("lunedìx", None),
            ("+3q", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input, today).ok(), *expected, "input {input:?}");
        }
    }

    #[test]
    fn a_date_written_right_that_does_not_exist_says_so() {
        let today = d(2026, 11, 23);
        for input in [
            "31/02",
            "31/04/2027",
            "29.02.27",
            "2026-02-31",
            "2026-13-01",
            "00/05",
        ] {
            assert_eq!(
                parse_date(input, today),
                Err(InputError::NoSuchDate(input.into())),
                "{input}"
            );
        }
        for input in ["soon", "1/2/3/4", "0999", "31/02/x", "2026-x", "12345/1"] {
            assert_eq!(
                parse_date(input, today),
                Err(InputError::BadDate(input.into())),
                "{input}"
            );
        }
    }

    #[test]
    fn relative_days_read_like_speech() {
        let today = d(2026, 11, 23);
        let cases = [
            (d(2026, 11, 23), RelativeDay::Today),
            (d(2026, 11, 22), RelativeDay::Yesterday),
            (d(2026, 11, 11), RelativeDay::DaysAgo(12)),
            (d(2026, 11, 9), RelativeDay::WeeksAgo(2)),
            (d(2026, 9, 26), RelativeDay::WeeksAgo(8)),
            (d(2026, 9, 20), RelativeDay::MonthsAgo(2)),
            (d(2025, 12, 1), RelativeDay::MonthsAgo(11)),
            (d(2024, 11, 24), RelativeDay::MonthsAgo(23)),
            (d(2024, 11, 23), RelativeDay::YearsAgo(2)),
            (d(2006, 3, 1), RelativeDay::YearsAgo(20)),
            (d(2026, 11, 24), RelativeDay::Future),
        ];
        for (day, expected) in cases {
            assert_eq!(relative_day(day, today), expected, "day {day}");
        }
    }

    #[test]
    fn tenure_counts_whole_years_and_months() {
        let today = d(2026, 11, 23);
        let t = |since| {
            let t = tenure(since, today);
            (t.years, t.months, t.days)
        };
        assert_eq!(t(d(2006, 3, 1)), (20, 8, 22));
        assert_eq!(t(d(2025, 11, 23)), (1, 0, 0));
        assert_eq!(t(d(2025, 11, 24)), (0, 11, 30));
        assert_eq!(t(d(2026, 11, 23)), (0, 0, 0));
        assert_eq!(t(d(2026, 11, 20)), (0, 0, 3));
        assert_eq!(t(d(2027, 1, 1)), (0, 0, 0));
    }
}
