//! The plan of an import: each row checked by the customer form's rules (every field of it), recognised
//! as a customer already there or earlier in the file, and made into what would be written.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::{OnDuplicate, Plan, Problem, Row};
use crate::domain::{Customer, CustomerDraft, CustomerField, Id, Note, NoteDraft, NoteKind};
use crate::search::{fold_words, phone_digits};
use crate::text;

/// How a customer is recognised: the same phone digits, the same email, or the same name and birthday
/// when their phones and emails do not tell them apart ([`contradict`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Phone(String),
    Email(String),
    /// The year only when it is known: two people of one name born on one day of different years are
    /// two people.
    NameBirthday(String, u8, u8, Option<i32>),
    /// A name with nothing else to tell its bearer apart (no phone, email or birthday): a row like that
    /// is the customer of that name already in the store (the desk's own export of a customer added by
    /// name alone imports again as them). Two such rows in one file are two people: the file says so.
    NameOnly(String),
}

/// A phone is told apart by six digits at least (shorter ones are extensions and shop codes).
const PHONE_DIGITS: usize = 6;

fn keys(c: &Customer) -> Vec<Key> {
    let mut keys: Vec<Key> = c
        .phones
        .iter()
        .map(|p| phone_digits(p))
        .filter(|d| d.len() >= PHONE_DIGITS)
        .map(Key::Phone)
        .collect();
    if let Some(email) = &c.email {
        keys.push(Key::Email(email.trim().to_lowercase()));
    }
    if let Some(b) = c.birthday {
        keys.push(Key::NameBirthday(
            fold_words(&c.name).join(" "),
            b.day,
            b.month,
            b.year,
        ));
    }
    if keys.is_empty() {
        keys.push(Key::NameOnly(fold_words(&c.name).join(" ")));
    }
    keys
}

/// Two customers of one name and birthday whose phones or emails say they are two people: both have
/// phones and share none, or both have an email and not the same one.
fn contradict(a: &Customer, b: &Customer) -> bool {
    let digits = |c: &Customer| -> Vec<String> {
        c.phones
            .iter()
            .map(|p| phone_digits(p))
            .filter(|d| d.len() >= PHONE_DIGITS)
            .collect()
    };
    let (pa, pb) = (digits(a), digits(b));
    let phones_differ = !pa.is_empty() && !pb.is_empty() && !pa.iter().any(|p| pb.contains(p));
    let emails_differ = match (&a.email, &b.email) {
        (Some(x), Some(y)) => !x.trim().eq_ignore_ascii_case(y.trim()),
        _ => false,
    };
    phones_differ || emails_differ
}

/// Whether `customer` is `other`, found under `key` (one of theirs): a phone or an email says so; a name
/// and birthday unless phones or emails say two people; a name alone only for someone in the store.
fn recognised(key: &Key, customer: &Customer, other: &Customer, in_store: bool) -> bool {
    match key {
        Key::Phone(_) | Key::Email(_) => true,
        Key::NameBirthday(..) => !contradict(customer, other),
        Key::NameOnly(_) => in_store,
    }
}

/// The customers in the store, to recognise someone among them by the import's rules.
pub struct Stored<'a> {
    customers: &'a [Customer],
    keys: HashMap<Key, usize>,
}

impl<'a> Stored<'a> {
    pub fn new(customers: &'a [Customer]) -> Stored<'a> {
        let mut keys = HashMap::new();
        for (i, c) in customers.iter().enumerate() {
            for key in self::keys(c) {
                keys.entry(key).or_insert(i);
            }
        }
        Stored { customers, keys }
    }

    /// The stored customer `customer` is, if any.
    pub fn which(&self, customer: &Customer) -> Option<&'a Customer> {
        keys(customer).iter().find_map(|k| {
            let other = &self.customers[*self.keys.get(k)?];
            recognised(k, customer, other, true).then_some(other)
        })
    }
}

/// Where a recognised customer is: in the store already, or earlier in this file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Known {
    Stored(usize),
    New(usize),
}

/// Checks every row and works out what importing them would write, against the customers stored now.
/// `has_note` says whether a stored customer has a note of that text already: a merge does not add it
/// again, and a row that a merge finds nothing new in counts as skipped, not merged.
pub fn plan(
    rows: Vec<Row>,
    stored: Vec<Customer>,
    how: OnDuplicate,
    now: DateTime<Utc>,
    today: NaiveDate,
    staff: Option<&str>,
    has_note: &mut dyn FnMut(Id, &str) -> bool,
) -> Plan {
    let mut plan = Plan::default();
    let mut known: HashMap<Key, Known> = HashMap::new();
    for (i, c) in stored.iter().enumerate() {
        for key in keys(c) {
            known.entry(key).or_insert(Known::Stored(i));
        }
    }
    let stored_ids: Vec<Id> = stored.iter().map(|c| c.id).collect();
    let mut stored = stored;
    let mut changed = vec![false; stored.len()];
    let mut lines_of_new: Vec<u64> = Vec::new();
    let mut pending_notes: Vec<(Known, String)> = Vec::new();
    for row in rows {
        if let Some(why) = &row.broken {
            plan.problems.push(Problem::of(&row, None, why.clone()));
            continue;
        }
        let mut fields = row.fields();
        // A phone a spreadsheet turned into a number is its own mistake; the row's other fields are
        // checked all the same.
        let lost_digits = scientific(&fields.phones).map(|cell| {
            plan.problems.push(Problem::of(
                &row,
                Some(row.header_of(CustomerField::Phones)),
                text::import_phone_scientific(cell),
            ));
        });
        if lost_digits.is_some() {
            fields.phones.clear();
        }
        let draft = match CustomerDraft::from_text(&fields, today) {
            Ok(_) if lost_digits.is_some() => continue,
            Ok(draft) => draft,
            Err(_) => {
                for (field, e) in CustomerDraft::every_mistake(&fields, today) {
                    plan.problems.push(Problem::of(
                        &row,
                        Some(row.header_of(field)),
                        e.to_string(),
                    ));
                }
                continue;
            }
        };
        let mut note = if row.notes.trim().is_empty() {
            None
        } else {
            match NoteDraft::new(&row.notes, NoteKind::Note, false) {
                Ok(note) => Some(note.text),
                Err(e) => {
                    plan.problems
                        .push(Problem::of(&row, Some(row.notes_header()), e.to_string()));
                    continue;
                }
            }
        };
        let customer = Customer::new(draft, now, today, staff);
        let row_keys = keys(&customer);
        let same = row_keys.iter().find_map(|k| {
            let at = known.get(k).copied()?;
            let other = match at {
                Known::Stored(i) => &stored[i],
                Known::New(i) => &plan.customers[i],
            };
            recognised(k, &customer, other, matches!(at, Known::Stored(_))).then_some(at)
        });
        let target = match (same, how) {
            (None, _) => {
                plan.customers.push(customer);
                lines_of_new.push(row.line);
                let at = Known::New(plan.customers.len() - 1);
                for key in row_keys {
                    known.entry(key).or_insert(at);
                }
                plan.added += 1;
                at
            }
            (Some(at), OnDuplicate::Skip) => {
                plan.skipped += 1;
                let whom = match at {
                    Known::Stored(i) => text::import_skipped_customer(&stored[i].name),
                    Known::New(i) => text::import_skipped_line(lines_of_new[i]),
                };
                plan.notices.push(Problem::of(&row, None, whom));
                continue;
            }
            (Some(at), OnDuplicate::Error) => {
                let whom = match at {
                    Known::Stored(i) => text::import_same_as_customer(&stored[i].name),
                    Known::New(i) => text::import_same_as_line(lines_of_new[i]),
                };
                plan.problems
                    .push(Problem::of(&row, None, whom).of_a_duplicate());
                continue;
            }
            (Some(at), OnDuplicate::Merge) => {
                let (row_changed, kept) = match at {
                    Known::Stored(i) => {
                        let merged = merge(&mut stored[i], &customer, now, staff);
                        changed[i] |= merged.0;
                        if note.as_deref().is_some_and(|t| has_note(stored_ids[i], t)) {
                            note = None;
                        }
                        merged
                    }
                    Known::New(i) => merge(&mut plan.customers[i], &customer, now, staff),
                };
                for key in row_keys {
                    known.entry(key).or_insert(at);
                }
                let into = match at {
                    Known::Stored(i) => text::import_into_customer(&stored[i].name),
                    Known::New(i) => text::import_into_line(lines_of_new[i]),
                };
                let typed = row.fields();
                let columns: Vec<String> = kept
                    .iter()
                    .map(|f| {
                        let value = match f {
                            CustomerField::Name => &typed.name,
                            CustomerField::Nickname => &typed.nickname,
                            CustomerField::Email => &typed.email,
                            CustomerField::Birthday => &typed.birthday,
                            _ => &typed.preferences,
                        };
                        format!("{} \"{}\"", row.header_of(*f), value.trim())
                    })
                    .collect();
                let said = if row_changed || note.is_some() {
                    plan.merged += 1;
                    text::import_merged(&into, &columns.join(", "))
                } else {
                    plan.skipped += 1; // nothing the customer did not have
                    text::import_nothing_new(&into, &columns.join(", "))
                };
                plan.notices.push(Problem::of(&row, None, said));
                at
            }
        };
        if let Some(text) = note {
            pending_notes.push((target, text));
        }
    }
    // Customers already there that a merge changed are written again; their notes go to them either way.
    for (i, c) in stored.into_iter().enumerate() {
        if changed[i] {
            plan.customers.push(c);
        }
    }
    for (target, text) in pending_notes {
        let customer = match target {
            Known::New(i) => plan.customers[i].id,
            Known::Stored(i) => stored_ids[i],
        };
        plan.notes.push(Note {
            id: Id::at(now),
            customer,
            at: now,
            kind: NoteKind::Note,
            text,
            staff: staff.map(str::to_string),
            pinned: false,
            answers: None,
        });
    }
    plan
}

/// A phone cell that a spreadsheet turned into a number in scientific notation (`3.33111E+09`,
/// `3,33111E+09` where the comma is the decimal mark): its last digits are gone, so it is named as such
/// rather than read as phones split at its comma.
fn scientific(cell: &str) -> Option<&str> {
    let cell = cell.trim();
    let (mantissa, exponent) = cell.split_once(['e', 'E'])?;
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (!whole.is_empty()
        && !exponent.is_empty()
        && digits(whole)
        && digits(fraction)
        && digits(exponent))
    .then_some(cell)
}

/// Adds to `into` what `from` knows and it does not: phones and tags it lacks, fields it left empty, and
/// the earlier of the two "customer since" days. Nothing it holds is overwritten. Returns whether it
/// changed, and the fields where `from` says something else that was not taken.
fn merge(
    into: &mut Customer,
    from: &Customer,
    now: DateTime<Utc>,
    staff: Option<&str>,
) -> (bool, Vec<CustomerField>) {
    let before = into.clone();
    let mut kept = Vec::new();
    if fold_words(&from.name) != fold_words(&into.name) {
        kept.push(CustomerField::Name);
    }
    let differs = |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(a), Some(b)) if !a.trim().eq_ignore_ascii_case(b.trim()));
    if differs(&into.nickname, &from.nickname) {
        kept.push(CustomerField::Nickname);
    }
    if differs(&into.email, &from.email) {
        kept.push(CustomerField::Email);
    }
    if into.birthday.is_some() && from.birthday.is_some() && into.birthday != from.birthday {
        kept.push(CustomerField::Birthday);
    }
    if !into.preferences.trim().is_empty()
        && !from.preferences.trim().is_empty()
        && into.preferences.trim() != from.preferences.trim()
    {
        kept.push(CustomerField::Preferences);
    }
    for phone in &from.phones {
        let digits = phone_digits(phone);
        if !into.phones.iter().any(|p| phone_digits(p) == digits) {
            into.phones.push(phone.clone());
        }
    }
    for tag in &from.tags {
        if !into.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            into.tags.push(tag.clone());
        }
    }
    if into.nickname.is_none() {
        into.nickname.clone_from(&from.nickname);
    }
    if into.email.is_none() {
        into.email.clone_from(&from.email);
    }
    if into.birthday.is_none() {
        into.birthday = from.birthday;
    }
    if into.preferences.trim().is_empty() {
        into.preferences.clone_from(&from.preferences);
    }
    into.since = into.since.min(from.since);
    let changed = *into != before;
    if changed {
        into.updated_at = now;
        into.updated_by = staff.map(str::to_string);
    }
    (changed, kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Column;

    #[test]
    fn a_phone_in_scientific_notation_is_told_apart() {
        for cell in [
            "3.33111E+09",
            "3,33111E+09",
            " 3,3E+11 ",
            "39333E9",
            "3.1e+10",
        ] {
            assert_eq!(scientific(cell), Some(cell.trim()), "{cell}");
        }
        for cell in [
            "333 1112222",
            "+39 333 111",
            "E+09",
            "3.3E",
            "3.3E+9a",
            "3a.3E+9",
            "Elena",
        ] {
            assert_eq!(scientific(cell), None, "{cell}");
        }
    }

    /// [`super::plan`] against a store whose customers have no notes.
    fn plan(
        rows: Vec<Row>,
        stored: Vec<Customer>,
        how: OnDuplicate,
        now: DateTime<Utc>,
        today: NaiveDate,
        staff: Option<&str>,
    ) -> Plan {
        super::plan(rows, stored, how, now, today, staff, &mut |_, _| false)
    }

    fn row(line: u64, name: &str, birthday: &str) -> Row {
        let mut row = Row {
            line,
            ..Row::default()
        };
        row.put(Column::Name, name, "name");
        row.put(Column::Birthday, birthday, "birthday");
        row
    }

    /// A name alone is one person with the same name alone, not with someone of that name who has more.
    #[test]
    fn a_name_alone_is_the_same_name_alone() {
        let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let today = now.date_naive();
        let stored = plan(
            vec![row(2, "Paolo Verdi", "")],
            Vec::new(),
            OnDuplicate::Skip,
            now,
            today,
            None,
        )
        .customers;
        let mut with_phone = row(3, "Paolo Verdi", "");
        with_phone.put(Column::Phone, "333 111 2222", "phone");
        let p = plan(
            vec![row(2, "PAOLO verdi", ""), with_phone],
            stored,
            OnDuplicate::Error,
            now,
            today,
            None,
        );
        let lines: Vec<u64> = p.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2], "{:?}", p.problems);
        assert_eq!(p.added, 1);
    }

    /// A row with three bad fields names all three, in the order of the form's fields.
    #[test]
    fn every_mistake_of_a_row_is_named() {
        let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let mut bad = Row {
            line: 7,
            ..Row::default()
        };
        bad.put(Column::Name, "", "Nome");
        bad.put(Column::Phone, "abc", "Cellulare");
        bad.put(Column::Email, "x@", "Email");
        bad.put(Column::Birthday, "31/02/1990", "Compleanno");
        let p = plan(
            vec![bad],
            Vec::new(),
            OnDuplicate::Skip,
            now,
            now.date_naive(),
            None,
        );
        let columns: Vec<&str> = p
            .problems
            .iter()
            .filter_map(|p| p.column.as_deref())
            .collect();
        assert_eq!(columns, ["Nome", "Cellulare", "Email", "Compleanno"]);
        assert!(p.problems.iter().all(|p| p.line == 7));
    }

    /// The same person by name and birthday: case and accents aside, and a year only when both know it.
    #[test]
    fn a_name_and_birthday_are_one_person_unless_their_years_differ() {
        let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let today = now.date_naive();
        let stored = plan(
            vec![
                row(2, "Maria Rossi", "12/05/1970"),
                row(3, "Luca Neri", "24/12"),
            ],
            Vec::new(),
            OnDuplicate::Skip,
            now,
            today,
            None,
        )
        .customers;
        let rows = vec![
            row(2, "MARIA ROSSI", "12/05/1970"),
            row(3, "Maria Rossi", "12/05/1980"),
            row(4, "Luca Neri", "24/12"),
            row(5, "Luca Neri", "25/12"),
        ];
        let p = plan(rows, stored, OnDuplicate::Error, now, today, None);
        let lines: Vec<u64> = p.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 4], "{:?}", p.problems);
        assert_eq!(p.added, 2);
    }

    /// One name and birthday, but phones or emails that say two people: two customers, in the file or
    /// against the store; a phone or an email they share, or one of them lacking it, says one.
    #[test]
    fn a_name_and_birthday_with_other_phones_or_emails_are_two_people() {
        let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let today = now.date_naive();
        let with = |line, phone: &str, email: &str| {
            let mut r = row(line, "Vincenzo Silvestri", "17/09");
            r.put(Column::Phone, phone, "phone");
            r.put(Column::Email, email, "email");
            r
        };
        let rows = vec![
            with(2, "333 111 2222", "vince@example.it"),
            with(3, "347 999 8888", "enzo@example.it"),
            with(4, "", "other@example.it"),
            with(5, "02 555 0101", ""),
            with(6, "", ""),
        ];
        let p = plan(rows, Vec::new(), OnDuplicate::Error, now, today, None);
        let lines: Vec<u64> = p.problems.iter().map(|p| p.line).collect();
        // Line 4 has another email than line 2 and no phone; line 5 another phone and no email; line 6
        // nothing to tell it from line 2.
        assert_eq!(lines, [6], "{:?}", p.problems);
        assert_eq!(p.added, 4);
        // Against the store, the same.
        let stored = p.customers;
        let again = plan(
            vec![
                with(2, "347 999 8888", ""),
                with(3, "351 000 1111", "new@example.it"),
            ],
            stored,
            OnDuplicate::Error,
            now,
            today,
            None,
        );
        let lines: Vec<u64> = again.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2], "{:?}", again.problems);
        assert_eq!(again.added, 1);
    }

    /// Two rows of one name and nothing else are two people of the file; either is the one of that name
    /// alone already in the store.
    #[test]
    fn two_names_alone_in_one_file_are_two_people() {
        let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let today = now.date_naive();
        let p = plan(
            vec![
                row(2, "François O'Brien", ""),
                row(3, "Francois O'Brien", ""),
            ],
            Vec::new(),
            OnDuplicate::Error,
            now,
            today,
            None,
        );
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.added, 2);
        let again = plan(
            vec![row(2, "François O'Brien", "")],
            p.customers,
            OnDuplicate::Skip,
            now,
            today,
            None,
        );
        assert_eq!((again.added, again.skipped), (0, 1));
    }
}
