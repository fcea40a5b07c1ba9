//! Bringing in the customers a shop already has: a file read into rows of customer fields (`table` for
//! CSV), every row checked by the same rules as the desk's customer form, duplicates found against the
//! store and within the file, and a plan of what to write — made whole before anything is written, so a
//! file with any mistake writes nothing (`Book::import` writes a plan in one transaction).

pub mod abook;
pub mod dump;
mod plan;
pub mod table;
pub mod vcard;

pub use plan::{Stored, plan};

use crate::domain::{Customer, CustomerField, CustomerText, Note};
use crate::text;

/// The customer field a column of the file fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    FirstName,
    LastName,
    Nickname,
    Phone,
    Email,
    Birthday,
    Since,
    Likes,
    Notes,
    Tags,
}

/// One row of the file as customer fields, before they are checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// Where it starts in the file (1 is the header).
    pub line: u64,
    pub text: CustomerText,
    first_name: String,
    last_name: String,
    /// Its notes column: a note on the customer once imported.
    pub notes: String,
    /// The header each field came from, for the sentence of a mistake in it.
    headers: Vec<(Column, String)>,
    /// Why the row could not be read at all (a broken quote, too many cells).
    pub broken: Option<String>,
    /// The file it is in, when one import reads several (a folder of vCards).
    pub file: Option<String>,
}

impl Row {
    pub(crate) fn broken(line: u64, why: String) -> Row {
        Row {
            line,
            broken: Some(why),
            ..Row::default()
        }
    }

    /// Puts a cell's `value` into the field `column` names (`header` is the column's own name).
    pub fn put(&mut self, column: Column, value: &str, header: &str) {
        if !self.headers.iter().any(|(c, _)| *c == column) {
            self.headers.push((column, header.to_string()));
        }
        if value.is_empty() {
            return;
        }
        // Google Contacts writes several values of one column in one cell, ` ::: ` between them.
        if value.contains(" ::: ") {
            for one in value.split(" ::: ") {
                self.put(column, one.trim(), header);
            }
            return;
        }
        let append = |field: &mut String, sep: &str| {
            if !field.is_empty() {
                field.push_str(sep);
            }
            field.push_str(value);
        };
        match column {
            Column::Name => append(&mut self.text.name, " "),
            Column::FirstName => append(&mut self.first_name, " "),
            Column::LastName => append(&mut self.last_name, " "),
            Column::Nickname => append(&mut self.text.nickname, " "),
            Column::Phone => append(&mut self.text.phones, ", "),
            // A customer has one address; a second one is kept in their note, not lost.
            Column::Email if !self.text.email.is_empty() => {
                append(&mut self.notes, "\n");
            }
            Column::Email => self.text.email = value.to_string(),
            Column::Birthday => self.text.birthday = value.to_string(),
            Column::Since => self.text.since = value.to_string(),
            Column::Likes => append(&mut self.text.preferences, "\n"),
            Column::Notes => append(&mut self.notes, "\n"),
            Column::Tags => append(&mut self.text.tags, ", "),
        }
    }

    /// The customer fields, the name put together from first and last name when there is no full one.
    fn fields(&self) -> CustomerText {
        let mut text = self.text.clone();
        if text.name.trim().is_empty() {
            text.name = format!("{} {}", self.first_name.trim(), self.last_name.trim())
                .trim()
                .to_string();
        }
        text
    }

    /// The file's own name for the column of `field` (for a mistake's sentence).
    pub(crate) fn header_of(&self, field: CustomerField) -> String {
        let wanted: &[Column] = match field {
            CustomerField::Name => &[Column::Name, Column::FirstName, Column::LastName],
            CustomerField::Nickname => &[Column::Nickname],
            CustomerField::Phones => &[Column::Phone],
            CustomerField::Email => &[Column::Email],
            CustomerField::Birthday => &[Column::Birthday],
            CustomerField::Since => &[Column::Since],
            CustomerField::Tags => &[Column::Tags],
            CustomerField::Preferences => &[Column::Likes],
        };
        wanted
            .iter()
            .find_map(|w| self.headers.iter().find(|(c, _)| c == w))
            .map_or_else(|| text::customer_field_name(field), |(_, h)| h.clone())
    }

    fn notes_header(&self) -> String {
        self.headers
            .iter()
            .find(|(c, _)| *c == Column::Notes)
            .map_or_else(|| "notes".to_string(), |(_, h)| h.clone())
    }
}

/// A mistake in the file: where, in which column, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    /// The column, as the file's header names it; `None` for the whole row or file.
    pub column: Option<String>,
    pub reason: String,
    /// The file, when one import reads several.
    pub file: Option<String>,
    /// `line` counts customers, not lines (the desk's JSON).
    pub by_customer: bool,
    /// Not a mistake: someone already there, refused as `--on-duplicate error` asks.
    pub duplicate: bool,
}

impl Problem {
    pub(crate) fn whole(line: u64, reason: String) -> Problem {
        Problem {
            line,
            column: None,
            reason,
            file: None,
            by_customer: false,
            duplicate: false,
        }
    }

    /// A problem of the `n`th customer of a file of whole customers.
    pub(crate) fn customer(n: u64, reason: String) -> Problem {
        Problem {
            by_customer: true,
            ..Problem::whole(n, reason)
        }
    }

    /// A problem in the field `column` of the `n`th customer of a file of whole customers.
    pub(crate) fn customer_in(n: u64, column: String, reason: String) -> Problem {
        Problem {
            column: Some(column),
            ..Problem::customer(n, reason)
        }
    }

    /// A problem of `row`.
    fn of(row: &Row, column: Option<String>, reason: String) -> Problem {
        Problem {
            line: row.line,
            column,
            reason,
            file: row.file.clone(),
            by_customer: false,
            duplicate: false,
        }
    }

    /// The same problem, said of someone already there rather than of a mistake.
    pub(crate) fn of_a_duplicate(self) -> Problem {
        Problem {
            duplicate: true,
            ..self
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let problem = if self.by_customer {
            text::import_problem_customer(self.line, self.column.as_deref(), &self.reason)
        } else {
            text::import_problem(self.line, self.column.as_deref(), &self.reason)
        };
        match &self.file {
            Some(file) => write!(f, "{file}, {problem}"),
            None => f.write_str(&problem),
        }
    }
}

/// A file's text: UTF-8, with or without a byte-order mark; else a problem naming the line where the
/// other encoding shows.
fn utf8(bytes: &[u8]) -> Result<&str, Problem> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Problem::whole(line as u64, text::import_not_utf8(line))
    })
}

/// What to do with a row that is a customer already (the same phone, email, or name and birthday).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnDuplicate {
    /// Leave the customer as they are, and count the row.
    #[default]
    Skip,
    /// Add what the row knows and the customer does not (phones, tags, empty fields, its note).
    Merge,
    /// Report the row as a mistake.
    Error,
}

/// What an import would do: customers to write (new ones, and those a merge changed), their notes, and
/// the mistakes found (with any, nothing is written).
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub customers: Vec<Customer>,
    pub notes: Vec<Note>,
    pub added: usize,
    pub merged: usize,
    pub skipped: usize,
    pub problems: Vec<Problem>,
    /// What became of each row that was not new: skipped as someone already there, or merged into them
    /// (and which of its values a merge did not take). Said after the summary; not mistakes.
    pub notices: Vec<Problem>,
}
