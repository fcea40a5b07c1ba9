use chrono::{Datelike, Days, Months, NaiveDate};

use crate::text::InputError;

/// Parses a date typed naturally, relative to `today`:
/// `today`, `yesterday`, `tomorrow`, `+3d`, `-2w`, `+1m`, `25/12` (this year), `25/12/2026`, `2026-12-25`,
/// and a bare year `2006` (1 January, for "customer since").
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, InputError> {
    let text = input.trim().to_lowercase();
    let bad = || InputError::BadDate(input.trim().to_string());
    match text.as_str() {
        "" => return Err(bad()),
        "today" => return Ok(today),
        "yesterday" => return Ok(today - Days::new(1)),
        "tomorrow" => return Ok(today + Days::new(1)),
        _ => {}
    }
    if let Some(rest) = text.strip_prefix(['+', '-']) {
        let forward = text.starts_with('+');
        let unit = rest.chars().last().ok_or_else(bad)?;
        let n: u32 = rest[..rest.len() - unit.len_utf8()]
            .parse()
            .map_err(|_| bad())?;
        let shifted = match (unit, forward) {
            ('d', true) => today.checked_add_days(Days::new(n.into())),
            ('d', false) => today.checked_sub_days(Days::new(n.into())),
            ('w', true) => today.checked_add_days(Days::new(u64::from(n) * 7)),
            ('w', false) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
            ('m', true) => today.checked_add_months(Months::new(n)),
            ('m', false) => today.checked_sub_months(Months::new(n)),
            ('y', true) => today.checked_add_months(Months::new(n.saturating_mul(12))),
            ('y', false) => today.checked_sub_months(Months::new(n.saturating_mul(12))),
            _ => None,
        };
        return shifted.ok_or_else(bad);
    }
    if let Ok(date) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        return Ok(date);
    }
    if text.len() == 4
        && let Ok(year) = text.parse::<i32>()
    {
        return NaiveDate::from_ymd_opt(year, 1, 1)
            .filter(|_| (1900..=2200).contains(&year))
            .ok_or_else(bad);
    }
    let parts: Vec<&str> = text.split(['/', '.']).collect();
    let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [d, m] => NaiveDate::from_ymd_opt(today.year(), num(m)?, num(d)?).ok_or_else(bad),
        [d, m, y] => {
            let mut year = i32::try_from(num(y)?).map_err(|_| bad())?;
            if y.len() == 2 {
                year += 2000;
            }
            NaiveDate::from_ymd_opt(year, num(m)?, num(d)?).ok_or_else(bad)
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
            ("31/02", None),
            ("+3x", None),
            ("+d", None),
            ("soon", None),
            ("", None),
            ("1/2/3/4", None),
            ("0999", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input, today).ok(), *expected, "input {input:?}");
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
