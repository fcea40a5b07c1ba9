use chrono::{DateTime, NaiveDate, Utc};

use super::{Attempt, Id, parse_date};
use crate::text::InputError;

/// Longest text accepted in any one field. Generous (a long note is fine) but bounded, so one record can
/// never grow without limit.
pub const MAX_FIELD_CHARS: usize = InputLimits::FIELD_CHARS;

/// Limits on what one record may hold.
pub struct InputLimits;

impl InputLimits {
    /// Longest text of any one field or note, in characters.
    pub const FIELD_CHARS: usize = 10_000;
    /// Longest name or nickname, in characters: a name is shown whole on the card, the list and in
    /// questions, where a page of text in its place would push out everything else.
    pub const NAME_CHARS: usize = 200;
}

/// A birthday; the year is optional because many people only tell the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Birthday {
    pub day: u8,
    pub month: u8,
    pub year: Option<i32>,
}

impl Birthday {
    /// `DD/MM`, `DD/MM/YYYY`, `YYYY-MM-DD` or vCard's `--MM-DD`. Text in none of these forms is not a
    /// birthday; one of them naming no real day (`31/02`, `29/02/1981`) does not exist; a year putting
    /// the day after `today` ("turns 0") is in the future.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Birthday, InputError> {
        let text = input.trim();
        let bad = || InputError::BadBirthday(text.to_string());
        let num = |s: &str| {
            let s = s.trim();
            match s.parse::<u32>() {
                Ok(n) if !s.is_empty() && s.len() <= 4 => Ok(n),
                _ => Err(bad()),
            }
        };
        let (day, month, year) = if let Some(md) = text.strip_prefix("--") {
            let (m, d) = md.split_once('-').ok_or_else(bad)?;
            (num(d)?, num(m)?, None)
        } else if text.len() == 10 && text.as_bytes()[4] == b'-' {
            match text.split('-').collect::<Vec<_>>().as_slice() {
                [y, m, d] => (num(d)?, num(m)?, Some(num(y)? as i32)),
                _ => return Err(bad()),
            }
        } else {
            let parts: Vec<&str> = text.split(['/', '.']).collect();
            match parts.as_slice() {
                [d, m] => (num(d)?, num(m)?, None),
                [d, m, y] if y.trim().len() == 4 => (num(d)?, num(m)?, Some(num(y)? as i32)),
                _ => return Err(bad()),
            }
        };
        if year.is_some_and(|y| y < 1900) {
            return Err(bad());
        }
        // Without a year, check the day against a leap year so 29/02 is allowed.
        let date = NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)
            .ok_or_else(|| InputError::NoSuchDate(text.to_string()))?;
        if year.is_some() && date > today {
            return Err(InputError::BirthdayInFuture(text.to_string()));
        }
        Ok(Birthday {
            day: day as u8,
            month: month as u8,
            year,
        })
    }

    /// `1970-05-12`, or vCard's `--05-12` without a year: the form of the desk's files and JSON (which
    /// `parse` reads back).
    pub fn to_iso(self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }

    /// `DD/MM` or `DD/MM/YYYY`, the form the desk accepts back.
    pub fn to_text(self) -> String {
        match self.year {
            Some(y) => format!("{:02}/{:02}/{y}", self.day, self.month),
            None => format!("{:02}/{:02}", self.day, self.month),
        }
    }
}

/// A customer as stored. Visits, notes and what derives from them live in their own records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Customer {
    pub id: Id,
    pub name: String,
    /// How to greet them ("Marci", "Dottore"): shown first on the greeting card.
    pub nickname: Option<String>,
    pub phones: Vec<String>,
    pub email: Option<String>,
    pub birthday: Option<Birthday>,
    /// Customer since: may be long before the desk was installed.
    pub since: NaiveDate,
    pub tags: Vec<String>,
    /// Free text: what they like, sizes, allergies, how they take their coffee.
    pub preferences: String,
    pub referred_by: Option<Id>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Who made the last change, so two copies can be reconciled later.
    pub updated_by: Option<String>,
}

impl Customer {
    /// A new customer from `draft`, made `now` (a time, or an [`Attempt`] whose id they get).
    pub fn new(
        draft: CustomerDraft,
        now: impl Into<Attempt>,
        today: NaiveDate,
        staff: Option<&str>,
    ) -> Self {
        let Attempt { id, at: now } = now.into();
        Customer {
            id,
            since: draft.since.unwrap_or(today),
            name: draft.name,
            nickname: draft.nickname,
            phones: draft.phones,
            email: draft.email,
            birthday: draft.birthday,
            tags: draft.tags,
            preferences: draft.preferences,
            referred_by: draft.referred_by,
            created_at: now,
            updated_at: now,
            updated_by: staff.map(str::to_string),
        }
    }

    /// Applies an edit; the id and creation time stay. The referrer is the draft's: the desk's form
    /// shows who it is and gives them back unless they were changed or cleared.
    pub fn apply(&mut self, draft: CustomerDraft, now: DateTime<Utc>, staff: Option<&str>) {
        self.name = draft.name;
        self.nickname = draft.nickname;
        self.phones = draft.phones;
        self.email = draft.email;
        self.birthday = draft.birthday;
        if let Some(since) = draft.since {
            self.since = since;
        }
        self.tags = draft.tags;
        self.preferences = draft.preferences;
        self.referred_by = draft.referred_by;
        self.touched(now, staff);
    }

    /// Records a change made at `now` by `staff`. A copy taken in from another till may already say it
    /// was changed later (that till's clock ahead of this one's): then the later stays, as the merge of
    /// copies keeps it, so that every till shows the same last change.
    pub fn touched(&mut self, now: DateTime<Utc>, staff: Option<&str>) {
        let mine = (now, staff.map(str::to_string));
        if mine > (self.updated_at, self.updated_by.clone()) {
            (self.updated_at, self.updated_by) = mine;
        }
    }

    /// The name to greet them by.
    pub fn greet_as(&self) -> &str {
        self.nickname.as_deref().unwrap_or(&self.name)
    }

    /// The fields as text, the way the form shows them and `CustomerDraft::from_text` reads them back.
    pub fn to_text(&self) -> CustomerText {
        CustomerText {
            name: self.name.clone(),
            nickname: self.nickname.clone().unwrap_or_default(),
            phones: self.phones.join(", "),
            email: self.email.clone().unwrap_or_default(),
            birthday: self.birthday.map(Birthday::to_text).unwrap_or_default(),
            since: self.since.format("%d/%m/%Y").to_string(),
            tags: self.tags.join(", "),
            preferences: self.preferences.clone(),
        }
    }
}

/// Which customer field an input error belongs to, so it can be shown next to that field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomerField {
    Name,
    Nickname,
    Phones,
    Email,
    Birthday,
    Since,
    Tags,
    Preferences,
}

/// A customer's fields as typed (in a form or on the command line), before validation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerText {
    pub name: String,
    pub nickname: String,
    /// Several phones separated by commas or semicolons.
    pub phones: String,
    pub email: String,
    pub birthday: String,
    /// Empty means today for a new customer and "unchanged" for an edit.
    pub since: String,
    /// Several tags separated by commas.
    pub tags: String,
    pub preferences: String,
}

/// Validated customer fields, ready to become a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerDraft {
    pub name: String,
    pub nickname: Option<String>,
    pub phones: Vec<String>,
    pub email: Option<String>,
    pub birthday: Option<Birthday>,
    pub since: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub preferences: String,
    pub referred_by: Option<Id>,
    /// Consent asked while the customer was added or edited: each channel with whether it was given or
    /// withdrawn (recorded as consent changes beside the customer, never as a field of theirs).
    pub consent: Vec<(super::Channel, bool)>,
}

/// Splits a comma- or semicolon-separated list, trimming and dropping empty items.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl CustomerDraft {
    /// A channel consent is given for with nothing to reach the customer on: text messages or calls
    /// without a phone, email without an address (post needs an address the desk does not keep: it is
    /// not checked).
    pub fn unreachable_consent(&self) -> Option<super::Channel> {
        use super::Channel;
        self.consent
            .iter()
            .filter(|&&(_, given)| given)
            .map(|&(channel, _)| channel)
            .find(|channel| match channel {
                Channel::Sms | Channel::Phone => self.phones.is_empty(),
                Channel::Email => self.email.is_none(),
                Channel::Post => false,
            })
    }

    /// Validates typed fields; the first error names its field.
    pub fn from_text(
        text: &CustomerText,
        today: NaiveDate,
    ) -> Result<CustomerDraft, (CustomerField, InputError)> {
        use CustomerField as F;
        let (name_max, max) = (InputLimits::NAME_CHARS, MAX_FIELD_CHARS);
        let too_long = [
            (F::Name, &text.name, name_max),
            (F::Nickname, &text.nickname, name_max),
            (F::Phones, &text.phones, max),
            (F::Email, &text.email, max),
            (F::Tags, &text.tags, max),
            (F::Preferences, &text.preferences, max),
        ]
        .into_iter()
        .find(|(_, value, max)| value.chars().count() > *max);
        if let Some((field, _, max)) = too_long {
            return Err((field, InputError::TooLong(max)));
        }
        let name = text.name.trim();
        if name.is_empty() {
            return Err((F::Name, InputError::NameRequired));
        }
        let phones = split_list(&text.phones);
        for phone in &phones {
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            let allowed = phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
            if digits < 3 || !allowed {
                return Err((F::Phones, InputError::BadPhone(phone.clone())));
            }
        }
        let email = optional(&text.email);
        if let Some(email) = &email {
            let valid = email.split('@').count() == 2
                && !email.starts_with('@')
                && !email.ends_with('@')
                && !email.chars().any(char::is_whitespace);
            if !valid {
                return Err((F::Email, InputError::BadEmail(email.clone())));
            }
        }
        let birthday = match optional(&text.birthday) {
            Some(b) => Some(Birthday::parse(&b, today).map_err(|e| (F::Birthday, e))?),
            None => None,
        };
        let since = match optional(&text.since) {
            Some(s) => {
                // Its own hint: "tomorrow" or "+3d" can never be right here.
                let date = parse_date(&s, today).map_err(|e| match e {
                    InputError::BadDate(text) => (F::Since, InputError::BadSince(text)),
                    other => (F::Since, other),
                })?;
                if date > today {
                    return Err((F::Since, InputError::SinceInFuture(s.trim().to_string())));
                }
                Some(date)
            }
            None => None,
        };
        Ok(CustomerDraft {
            name: name.to_string(),
            nickname: optional(&text.nickname),
            phones,
            email,
            birthday,
            since,
            tags: split_list(&text.tags),
            preferences: text.preferences.trim().to_string(),
            referred_by: None,
            consent: Vec::new(),
        })
    }

    /// Every mistake in `text`, not only the first [`CustomerDraft::from_text`] stops at (empty when
    /// there is none): each field found wrong is set aside (emptied, or a name put in its place) and the
    /// rest checked again. An import names them all at once.
    pub fn every_mistake(
        text: &CustomerText,
        today: NaiveDate,
    ) -> Vec<(CustomerField, InputError)> {
        let Err(first) = CustomerDraft::from_text(text, today) else {
            return Vec::new();
        };
        let mut fields = text.clone();
        let mut found = vec![first];
        // One pass per field at most.
        for _ in 0..8 {
            let Some((field, _)) = found.last() else {
                break;
            };
            let set_aside = match field {
                CustomerField::Name => &mut fields.name,
                CustomerField::Nickname => &mut fields.nickname,
                CustomerField::Phones => &mut fields.phones,
                CustomerField::Email => &mut fields.email,
                CustomerField::Birthday => &mut fields.birthday,
                CustomerField::Since => &mut fields.since,
                CustomerField::Tags => &mut fields.tags,
                CustomerField::Preferences => &mut fields.preferences,
            };
            *set_aside = if *field == CustomerField::Name {
                "x".into()
            } else {
                String::new()
            };
            match CustomerDraft::from_text(&fields, today) {
                Ok(_) => break,
                Err(next) if found.iter().any(|(f, _)| *f == next.0) => break,
                Err(next) => found.push(next),
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn birthdays_parse_with_or_without_year() {
        let b = |d, m, y| Birthday {
            day: d,
            month: m,
            year: y,
        };
        let cases: &[(&str, Option<Birthday>)] = &[
            ("25/12", Some(b(25, 12, None))),
            ("29/02", Some(b(29, 2, None))),
            ("01/03/1980", Some(b(1, 3, Some(1980)))),
            ("1980-03-01", Some(b(1, 3, Some(1980)))),
            ("--03-01", Some(b(1, 3, None))),
            ("29/02/1981", None),
            ("32/01", None),
            ("12/13", None),
            ("01/03/80", None),
            ("yesterday", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                Birthday::parse(input, today()).ok(),
                *expected,
                "input {input:?}"
            );
        }
        assert_eq!(b(1, 3, None).to_text(), "01/03");
        assert_eq!(b(1, 3, Some(1980)).to_text(), "01/03/1980");
    }

    #[test]
    fn a_birthday_that_cannot_be_says_why() {
        let error = |input: &str| Birthday::parse(input, today()).err();
        // Written right, but no such day: the form is not the problem.
        for input in [
            "31/02",
            "29/02/1981",
            "31/04/1990",
            "1981-02-29",
            "--02-30",
            "12/13",
        ] {
            assert_eq!(
                error(input),
                Some(InputError::NoSuchDate(input.into())),
                "{input}"
            );
        }
        // After today ("turns 0"); today itself is a birthday (a newborn), a day without a year never
        // is in the future.
        for input in ["24/11/2026", "01/01/2027", "2030-05-01"] {
            assert_eq!(
                error(input),
                Some(InputError::BirthdayInFuture(input.into())),
                "{input}"
            );
        }
        assert!(Birthday::parse("23/11/2026", today()).is_ok());
        assert!(Birthday::parse("24/11", today()).is_ok());
        // Not written as a birthday at all.
        for input in ["yesterday", "01/03/80", "1/2/3/4", "01/03/1850", "", "+3d"] {
            assert_eq!(
                error(input),
                Some(InputError::BadBirthday(input.into())),
                "{input}"
            );
        }
    }

    #[test]
    fn drafts_validate_each_field_and_name_it() {
        let ok = CustomerText {
            name: "  Marcella Rossi ".into(),
            nickname: "Marci".into(),
            phones: "+39 333 123 4567; 02 555 0101".into(),
            email: "marcella@example.it".into(),
            birthday: "14/02".into(),
            since: "2006".into(),
            tags: "vip, caffè ,".into(),
            preferences: "Macchiato, no sugar".into(),
        };
        let draft = CustomerDraft::from_text(&ok, today()).unwrap();
        assert_eq!(draft.name, "Marcella Rossi");
        assert_eq!(draft.phones, vec!["+39 333 123 4567", "02 555 0101"]);
        assert_eq!(draft.tags, vec!["vip", "caffè"]);
        assert_eq!(draft.since, NaiveDate::from_ymd_opt(2006, 1, 1));

        let field_of = |edit: fn(&mut CustomerText)| {
            let mut t = ok.clone();
            edit(&mut t);
            CustomerDraft::from_text(&t, today()).err().map(|(f, _)| f)
        };
        assert_eq!(
            field_of(|t| t.name = "   ".into()),
            Some(CustomerField::Name)
        );
        assert_eq!(
            field_of(|t| t.phones = "12".into()),
            Some(CustomerField::Phones)
        );
        assert_eq!(
            field_of(|t| t.phones = "333 abc 1234".into()),
            Some(CustomerField::Phones)
        );
        assert_eq!(
            field_of(|t| t.email = "marcella".into()),
            Some(CustomerField::Email)
        );
        assert_eq!(
            field_of(|t| t.birthday = "31/04".into()),
            Some(CustomerField::Birthday)
        );
        assert_eq!(
            field_of(|t| t.since = "+3d".into()),
            Some(CustomerField::Since)
        );
        assert_eq!(
            field_of(|t| t.preferences = "x".repeat(MAX_FIELD_CHARS + 1)),
            Some(CustomerField::Preferences)
        );
        assert_eq!(field_of(|t| t.email = String::new()), None);
        // A name is shorter than a field: a pasted page is not a name.
        assert_eq!(
            field_of(|t| t.name = "è".repeat(InputLimits::NAME_CHARS + 1)),
            Some(CustomerField::Name)
        );
        assert_eq!(
            field_of(|t| t.nickname = "x".repeat(InputLimits::NAME_CHARS + 1)),
            Some(CustomerField::Nickname)
        );
        assert_eq!(
            field_of(|t| t.name = "è".repeat(InputLimits::NAME_CHARS)),
            None
        );
    }

    #[test]
    fn text_round_trips_through_a_draft() {
        let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let draft = CustomerDraft::from_text(
            &CustomerText {
                name: "Nicolò D'Angelo".into(),
                phones: "333 1".into(),
                birthday: "07/07/1977".into(),
                since: "01/03/2010".into(),
                ..Default::default()
            },
            today(),
        )
        .unwrap();
        let customer = Customer::new(draft.clone(), now, today(), Some("Anna"));
        let again = CustomerDraft::from_text(&customer.to_text(), today()).unwrap();
        assert_eq!(again, draft);
        assert_eq!(customer.greet_as(), "Nicolò D'Angelo");
    }
}
