//! Every sentence the user reads, in one place (English today; Italian becomes a second table).
//!
//! Screens, status messages, form errors and command-line errors take their words from here and nowhere
//! else, so a translation is a table and not a hunt through the code.

use std::fmt;

use crate::domain::{NoteKind, RelativeDay, Tenure};

/// Why something typed was refused. Shown next to the field in a form, or as the error on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    NameRequired,
    TooLong(usize),
    BadPhone(String),
    BadEmail(String),
    BadBirthday(String),
    BadDate(String),
    SinceInFuture,
    BadAmount(String),
    NoteRequired,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::NameRequired => write!(f, "A name is needed."),
            InputError::TooLong(max) => write!(f, "Too long: at most {max} characters."),
            InputError::BadPhone(p) => write!(
                f,
                "\"{p}\" is not a phone number: use digits, spaces and + (at least 3 digits)."
            ),
            InputError::BadEmail(e) => write!(f, "\"{e}\" is not an email address."),
            InputError::BadBirthday(b) => {
                write!(f, "\"{b}\" is not a birthday: write DD/MM or DD/MM/YYYY.")
            }
            InputError::BadDate(d) => write!(
                f,
                "\"{d}\" is not a date: write today, yesterday, +3d, 25/12, 25/12/2026 or 2026-12-25."
            ),
            InputError::SinceInFuture => write!(f, "\"Customer since\" cannot be in the future."),
            InputError::BadAmount(a) => {
                write!(f, "\"{a}\" is not an amount: write 12.50 or 12,50.")
            }
            InputError::NoteRequired => write!(f, "The note is empty."),
        }
    }
}

impl std::error::Error for InputError {}

// ---- the main screen ----

pub const APP_TITLE: &str = "regulars";
pub const SEARCH_TITLE: &str = "Search";
pub const SEARCH_PLACEHOLDER: &str = "type a name, nickname or phone…";
pub const LIST_TITLE: &str = "Customers";
pub const DETAIL_TITLE: &str = "Greeting card";
pub const NOTES_TITLE: &str = "Timeline";
pub const NO_CUSTOMERS_YET: &str =
    "No customers yet. Type a name and press Enter to add the first.";
pub const NO_SELECTION: &str = "Nobody selected.";
pub const NOTHING_YET: &str = "Nothing written yet.";
pub const NEVER_VISITED: &str = "no visits yet";
pub const LOADING: &str = "…";

pub fn no_match(query: &str) -> String {
    format!("Nobody matches \"{query}\". Press Enter to add them as a new customer.")
}

pub fn list_count(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} customers")
    } else {
        format!("{shown} of {total}")
    }
}

pub fn greet(name: &str) -> String {
    format!("Greet as: {name}")
}

pub fn since_line(since: &str, tenure: Tenure) -> String {
    format!("Customer since {since} ({})", tenure_words(tenure))
}

pub fn tenure_words(t: Tenure) -> String {
    let plural = |n: u32, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    // Months count while they matter: "1 year, 4 months", but "16 years".
    match (t.years, t.months) {
        (0, 0) if t.days == 0 => "new today".to_string(),
        (0, 0) => plural(t.days, "day", "days"),
        (0, m) => plural(m, "month", "months"),
        (1, m) if m > 0 => format!("1 year, {}", plural(m, "month", "months")),
        (y, _) => plural(y, "year", "years"),
    }
}

pub fn relative(day: RelativeDay) -> String {
    match day {
        RelativeDay::Today => "today".into(),
        RelativeDay::Yesterday => "yesterday".into(),
        RelativeDay::DaysAgo(n) => format!("{n} days ago"),
        RelativeDay::WeeksAgo(n) => format!("{n} weeks ago"),
        RelativeDay::MonthsAgo(n) => format!("{n} months ago"),
        RelativeDay::YearsAgo(1) => "a year ago".into(),
        RelativeDay::YearsAgo(n) => format!("{n} years ago"),
        RelativeDay::Future => "in the future".into(),
    }
}

pub fn last_visit_line(relative_day: Option<RelativeDay>, count: usize) -> String {
    match relative_day {
        None => format!("Last visit: {NEVER_VISITED}"),
        Some(day) => format!("Last visit: {} · {}", relative(day), visits(count)),
    }
}

pub fn visits(count: usize) -> String {
    if count == 1 {
        "1 visit".to_string()
    } else {
        format!("{count} visits")
    }
}

pub fn birthday_line(in_days: u32, date: &str, turning: Option<u32>) -> String {
    let turning = turning.map(|t| format!(", turns {t}")).unwrap_or_default();
    match in_days {
        0 => format!("Birthday today!{turning}"),
        1 => format!("Birthday tomorrow ({date}{turning})"),
        n => format!("Birthday in {n} days ({date}{turning})"),
    }
}

pub const PREFERENCES: &str = "Likes";
pub const PINNED: &str = "Pinned";
pub const PHONES: &str = "Phone";
pub const EMAIL: &str = "Email";
pub const TAGS: &str = "Tags";
pub const ID: &str = "id";

pub fn note_kind(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Note => "Note",
        NoteKind::Praise => "Praise",
        NoteKind::Complaint => "Complaint",
        NoteKind::Apology => "Apology",
    }
}

pub const TIMELINE_VISIT: &str = "Visit";

// ---- status messages ----

pub fn visit_logged(name: &str) -> String {
    format!("Visit logged for {name}.")
}
pub fn note_added(name: &str) -> String {
    format!("Note added for {name}.")
}
pub fn customer_added(name: &str) -> String {
    format!("{name} added as a new customer.")
}
pub fn customer_saved(name: &str) -> String {
    format!("Changes to {name} saved.")
}
pub fn not_saved(reason: &str) -> String {
    format!("Not saved: {reason} Your text is still in the form.")
}
pub fn failed(reason: &str) -> String {
    format!("Not done: {reason}")
}
pub const DRAFT_RESTORED: &str =
    "A form left unsaved last time is back: Enter saves it, Esc discards it.";
pub const FORM_CANCELLED: &str = "Form closed; nothing was saved.";
pub const FIX_FIELD: &str = "Please correct the highlighted field.";

// ---- forms ----

pub const FORM_NEW_CUSTOMER: &str = "New customer";
pub const FORM_EDIT_CUSTOMER: &str = "Edit customer";
pub const FORM_NOTE: &str = "Note";
pub const FORM_VISIT: &str = "Visit";
pub const FIELD_NAME: &str = "Name";
pub const FIELD_NICKNAME: &str = "Greet as";
pub const FIELD_PHONES: &str = "Phones";
pub const FIELD_EMAIL: &str = "Email";
pub const FIELD_BIRTHDAY: &str = "Birthday";
pub const FIELD_SINCE: &str = "Customer since";
pub const FIELD_TAGS: &str = "Tags";
pub const FIELD_PREFERENCES: &str = "Likes";
pub const FIELD_NOTE_TEXT: &str = "Text";
pub const FIELD_NOTE_KIND: &str = "Kind";
pub const FIELD_PINNED: &str = "Pinned";
pub const FIELD_AMOUNT: &str = "Amount";
pub const FIELD_WHAT: &str = "What";
pub const HINT_PHONES: &str = "separate several with commas";
pub const HINT_BIRTHDAY: &str = "DD/MM or DD/MM/YYYY";
pub const HINT_SINCE: &str = "empty = today; 2006, 01/03/2010…";
pub const HINT_TAGS: &str = "separate with commas";
pub const HINT_CHOICE: &str = "← → to change";
pub const HINT_TOGGLE: &str = "Space to change";
pub const HINT_AMOUNT: &str = "optional, e.g. 12.50";
pub const YES: &str = "yes";
pub const NO: &str = "no";
pub const DISCARD_QUESTION: &str = "Discard what you typed? y = discard, n = keep editing";
pub const QUIT_QUESTION: &str =
    "Quit with a form open? What you typed comes back next time. y = quit, n = keep editing";

/// Printed after the terminal is restored when the desk stops on a bug.
pub fn crashed(log: Option<&str>) -> String {
    let log = log
        .map(|l| format!(" Details are in {l}."))
        .unwrap_or_default();
    format!(
        "regulars stopped on an unexpected error; nothing saved is lost, and a form you were typing comes back when you start it again.{log}"
    )
}

// ---- help and key bar ----

pub const HELP_TITLE: &str = "Help — keys";
pub const HELP_FOOTER: &str = "Esc closes this help.";
pub const MODE_SEARCH: &str = "Searching";
pub const MODE_CUSTOMER: &str = "On a customer";
pub const MODE_FORM: &str = "In a form";
pub const MODE_ANYWHERE: &str = "Anywhere";

// ---- command line ----

pub fn store_locked(path: &str) -> String {
    format!(
        "The store at {path} is in use by another regulars desk or command; close it and try again."
    )
}
pub fn store_too_new(path: &str, found: u32, supported: u32) -> String {
    format!(
        "The store at {path} was written by a newer regulars (format {found}, this one reads up to {supported}); update regulars to open it."
    )
}
pub fn store_damaged(path: &str, detail: &str) -> String {
    format!(
        "The store at {path} is damaged ({detail}); restore it from a backup (see the README, \"Backup\")."
    )
}
pub fn disk_full(path: &str) -> String {
    format!(
        "The disk holding the store at {path} is full: nothing more can be saved until some space is freed."
    )
}
pub fn store_not_writable(path: &str) -> String {
    format!(
        "The store at {path} cannot be written by this user (permission denied); the desk needs to write even to read it: check the folder's owner and permissions, or use a copy."
    )
}
pub fn store_io(path: &str, detail: &str) -> String {
    format!("The store at {path} could not be used: {detail}.")
}
pub fn no_customer(id: &str) -> String {
    format!("There is no customer with id {id}.")
}
pub fn bad_id(id: &str) -> String {
    format!("\"{id}\" is not a customer id (ids look like 01JD4Q8W6ZK3V9YB7M2N5P1RXC).")
}
pub fn bad_note_kind(kind: &str) -> String {
    format!("\"{kind}\" is not a note kind: use note, praise, complaint or apology.")
}
pub fn demo_store_not_empty(path: &str, count: usize) -> String {
    format!(
        "The store at {path} already has {count} customers; demo fills only an empty store (choose another with --db)."
    )
}
pub fn demo_progress(done: usize, total: usize) -> String {
    format!("demo: {done} of {total} customers written…")
}
pub fn demo_done(count: usize, path: &str) -> String {
    format!("Added {count} demo customers to {path}.")
}
pub fn no_data_dir() -> String {
    "No home directory was found for the store; choose one with --db PATH or REGULARS_DB.".into()
}
pub fn config_error(path: &str, detail: &str) -> String {
    format!("The config file {path} could not be read: {detail}.")
}
pub const DEMO_IS_FOR_THE_DESK: &str = "--demo opens the desk on a throwaway store; to fill a store for commands, use `regulars --db PATH demo`.";
/// A command line that clap could not read, as one sentence.
pub fn usage_error(detail: &str) -> String {
    format!("{detail} (see regulars --help).")
}
pub const NO_TERMINAL: &str =
    "The desk needs a terminal; for scripts use the subcommands (regulars --help).";

// ---- keys: short words for the bar, sentences for help ----

pub const KEY_TYPING: &str = "letters, digits";
pub const BAR_OPEN: &str = "open";
pub const BAR_MOVE: &str = "move";
pub const BAR_VISIT: &str = "visit";
pub const BAR_NOTE: &str = "note";
pub const BAR_EDIT: &str = "edit";
pub const BAR_BACK: &str = "back";
pub const BAR_NEXT_FIELD: &str = "next field";
pub const BAR_SAVE: &str = "save";
pub const BAR_CANCEL: &str = "cancel";
pub const BAR_CLOSE: &str = "close";
pub const BAR_NEW: &str = "new";
pub const BAR_HELP: &str = "help";
pub const BAR_QUIT: &str = "quit";
pub const HELP_TYPE: &str = "Type a name, nickname or phone digits: the list narrows as you type";
pub const HELP_OPEN: &str =
    "Open the selected customer; with no match, add the typed name as a new customer";
pub const HELP_MOVE: &str = "Move the selection";
pub const HELP_PAGE_UP: &str = "One page up";
pub const HELP_PAGE_DOWN: &str = "One page down";
pub const HELP_HOME: &str = "First customer";
pub const HELP_END: &str = "Last customer";
pub const HELP_CLEAR: &str = "Clear the search";
pub const HELP_VISIT: &str = "Log a visit now";
pub const HELP_VISIT_FORM: &str = "Log a visit with amount and what they took";
pub const HELP_NOTE: &str = "Add a note (praise, complaint, apology…)";
pub const HELP_EDIT: &str = "Edit the customer";
pub const HELP_BACK: &str = "Back to an empty search, ready for the next customer";
pub const HELP_NEXT_FIELD: &str = "Next field";
pub const HELP_PREV_FIELD: &str = "Previous field";
pub const HELP_SAVE: &str = "Save";
pub const HELP_NEW_LINE: &str = "New line in a long text";
pub const HELP_CANCEL: &str = "Close the form (asks first if you typed something)";
pub const HELP_CLOSE: &str = "Close help";
pub const HELP_NEW: &str = "New customer (the name starts from the search)";
pub const HELP_HELP: &str = "This help";
pub const HELP_QUIT: &str = "Quit (Ctrl-C works too; asks first if a form has text)";

/// The short form of a relative day for narrow columns.
pub fn relative_short(day: RelativeDay) -> String {
    match day {
        RelativeDay::Today => "today".into(),
        RelativeDay::Yesterday => "1d".into(),
        RelativeDay::DaysAgo(n) => format!("{n}d"),
        RelativeDay::WeeksAgo(n) => format!("{n}w"),
        RelativeDay::MonthsAgo(n) => format!("{n}mo"),
        RelativeDay::YearsAgo(n) => format!("{n}y"),
        RelativeDay::Future => "future".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenure_reads_naturally() {
        let t = |years, months, days| {
            tenure_words(Tenure {
                years,
                months,
                days,
            })
        };
        assert_eq!(t(0, 0, 0), "new today");
        assert_eq!(t(0, 0, 1), "1 day");
        assert_eq!(t(0, 0, 12), "12 days");
        assert_eq!(t(0, 5, 3), "5 months");
        assert_eq!(t(1, 0, 9), "1 year");
        assert_eq!(t(1, 4, 0), "1 year, 4 months");
        assert_eq!(t(20, 8, 22), "20 years");
    }
}
