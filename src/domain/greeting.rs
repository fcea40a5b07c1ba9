use chrono::{Datelike, NaiveDate};

use super::{Birthday, Customer, Note, RelativeDay, Tenure, relative_day, tenure};

/// A birthday coming up (or today).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BirthdaySoon {
    /// 0 means today.
    pub in_days: u32,
    pub date: NaiveDate,
    /// The age they turn, when the year is known.
    pub turning: Option<u32>,
}

/// The next birthday within `within_days` of `today` (29 February is kept on 28 February in other years).
pub fn birthday_soon(
    birthday: Birthday,
    today: NaiveDate,
    within_days: u32,
) -> Option<BirthdaySoon> {
    let in_year = |year: i32| {
        NaiveDate::from_ymd_opt(year, birthday.month.into(), birthday.day.into())
            .or_else(|| NaiveDate::from_ymd_opt(year, birthday.month.into(), 28))
    };
    let this_year = in_year(today.year())?;
    let next = if this_year >= today {
        this_year
    } else {
        in_year(today.year() + 1)?
    };
    let in_days = (next - today).num_days();
    if in_days > i64::from(within_days) {
        return None;
    }
    let turning = birthday
        .year
        .and_then(|y| u32::try_from(next.year() - y).ok());
    Some(BirthdaySoon {
        in_days: in_days as u32,
        date: next,
        turning,
    })
}

/// What the person at the counter needs in the first seconds: how to greet them and what to remember.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GreetingCard<'a> {
    pub greet_as: &'a str,
    pub name: &'a str,
    pub since: NaiveDate,
    pub tenure: Tenure,
    pub last_visit: Option<RelativeDay>,
    pub visit_count: usize,
    pub birthday: Option<BirthdaySoon>,
    pub pinned: Vec<&'a Note>,
    pub preferences: &'a str,
}

impl<'a> GreetingCard<'a> {
    /// `last_visit_day` is the local date of the latest visit; `notes` may be in any order.
    pub fn new(
        customer: &'a Customer,
        visit_count: usize,
        last_visit_day: Option<NaiveDate>,
        notes: impl IntoIterator<Item = &'a Note>,
        today: NaiveDate,
    ) -> Self {
        let mut pinned: Vec<&Note> = notes.into_iter().filter(|n| n.pinned).collect();
        pinned.sort_by_key(|n| std::cmp::Reverse(n.id));
        GreetingCard {
            greet_as: customer.greet_as(),
            name: &customer.name,
            since: customer.since,
            tenure: tenure(customer.since, today),
            last_visit: last_visit_day.map(|d| relative_day(d, today)),
            visit_count,
            birthday: customer.birthday.and_then(|b| birthday_soon(b, today, 7)),
            pinned,
            preferences: &customer.preferences,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn birthdays_within_a_week_are_noticed_across_the_new_year() {
        let b = |day, month, year| Birthday { day, month, year };
        let cases = [
            (b(23, 11, None), d(2026, 11, 23), Some((0, None))),
            (b(30, 11, Some(1980)), d(2026, 11, 23), Some((7, Some(46)))),
            (b(1, 12, None), d(2026, 11, 23), None),
            (b(22, 11, None), d(2026, 11, 23), None),
            (b(2, 1, Some(2000)), d(2026, 12, 28), Some((5, Some(27)))),
            (b(29, 2, None), d(2027, 2, 25), Some((3, None))),
            (b(29, 2, None), d(2028, 2, 25), Some((4, None))),
        ];
        for (birthday, today, expected) in cases {
            let got = birthday_soon(birthday, today, 7).map(|s| (s.in_days, s.turning));
            assert_eq!(got, expected, "{birthday:?} on {today}");
        }
    }
}
