//! Every sentence the user reads, in English and Italian.
//!
//! The words live in the Fluent catalogs under `assets/i18n/` ([`catalog`]); this module is the typed door
//! to them, so screens, status messages, form errors and command-line errors never hold a sentence of their
//! own. Dates and amounts are written here too, in the language's form.

use std::fmt;

use chrono::NaiveDate;

use crate::domain::{MoneyStyle, NoteKind, RelativeDay, Tenure, format_cents};

mod agenda;
pub mod catalog;
mod command_line;
mod data;
mod import;
mod loyalty;
mod sync;

pub use agenda::*;
use catalog::tr;
pub use catalog::{Lang, Msg, in_language, language, set_language};
pub use command_line::*;
pub use data::*;
pub use import::*;
pub use loyalty::*;
pub use sync::*;

/// Why something typed was refused. Shown next to the field in a form, or as the error on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    NameRequired,
    TooLong(usize),
    BadPhone(String),
    BadEmail(String),
    BadBirthday(String),
    /// A birthday whose year puts it after today ("turns 0").
    BirthdayInFuture(String),
    BadDate(String),
    /// Written as a date (`31/02`), but no such day exists.
    NoSuchDate(String),
    SinceInFuture(String),
    /// Not a date "customer since" reads (a year, a month of a year, a day).
    BadSince(String),
    BadAmount(String),
    /// Three digits after the only separator (`12.345`): cents or thousands? `thousands` is the same
    /// number written unmistakably as thousands (`12.345,00`).
    AmbiguousAmount {
        typed: String,
        thousands: String,
    },
    NoteRequired,
    /// The confirmation of a forget does not hold the customer's name.
    ForgetNameMismatch,
    PromiseRequired,
    /// A complaint written as the answer to a complaint.
    ComplaintAnswers,
    /// A due date before today.
    DueInPast(String),
    /// Consent ticked for a channel the customer has nothing to be reached on (text messages or calls
    /// without a phone, email without an address).
    ConsentWithoutContact(crate::domain::Channel),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sentence = match self {
            InputError::NameRequired => tr!("error-name-required"),
            InputError::TooLong(max) => tr!("error-too-long", "max" => *max),
            InputError::BadPhone(p) => tr!("error-bad-phone", "text" => p.as_str()),
            InputError::BadEmail(e) => tr!("error-bad-email", "text" => e.as_str()),
            InputError::BadBirthday(b) => tr!("error-bad-birthday", "text" => b.as_str()),
            InputError::BirthdayInFuture(b) => {
                tr!("error-birthday-in-future", "text" => b.as_str())
            }
            InputError::BadDate(d) => tr!("error-bad-date", "text" => d.as_str()),
            InputError::NoSuchDate(d) => tr!("error-no-such-date", "text" => d.as_str()),
            InputError::DueInPast(d) => tr!("error-due-in-past", "text" => d.as_str()),
            InputError::PromiseRequired => tr!("error-promise-required"),
            InputError::ComplaintAnswers => tr!("error-complaint-answers"),
            InputError::SinceInFuture(d) => tr!("error-since-in-future", "text" => d.as_str()),
            InputError::BadSince(d) => tr!("error-bad-since", "text" => d.as_str()),
            InputError::BadAmount(a) => tr!("error-bad-amount", "text" => a.as_str()),
            InputError::AmbiguousAmount {
                typed,
                thousands: t,
            } => {
                tr!("error-ambiguous-amount", "text" => typed.as_str(), "thousands" => t.as_str())
            }
            InputError::NoteRequired => tr!("error-note-required"),
            InputError::ForgetNameMismatch => tr!("error-forget-name"),
            InputError::ConsentWithoutContact(channel) => {
                tr!("error-consent-without-contact", "channel" => channel.word())
            }
        };
        f.write_str(&sentence)
    }
}

impl std::error::Error for InputError {}

// ---- dates and amounts, in the language's form ----

/// A full date: `2026-12-25` in English, `25/12/2026` in Italian.
pub fn date(day: NaiveDate) -> String {
    day.format(match language() {
        Lang::En => "%Y-%m-%d",
        Lang::It => "%d/%m/%Y",
    })
    .to_string()
}

/// A day as short as it can be read without doubt beside `reference`: without the year when it is the
/// same year (`Dec 25`, `25/12`), whole otherwise (`2027-12-01`, `01/12/2027`).
pub fn day_near(day: NaiveDate, reference: NaiveDate) -> String {
    use chrono::Datelike;
    if day.year() == reference.year() {
        day_month(day)
    } else {
        date(day)
    }
}

/// A day of the year without the year (birthdays): `Dec 25` in English, `25/12` in Italian.
pub fn day_month(day: NaiveDate) -> String {
    day.format(match language() {
        Lang::En => "%b %-d",
        Lang::It => "%d/%m",
    })
    .to_string()
}

/// The chrono format of a date with the time of day, for timelines.
pub fn stamp_format() -> &'static str {
    match language() {
        Lang::En => "%Y-%m-%d %H:%M",
        Lang::It => "%d/%m/%Y %H:%M",
    }
}

/// An amount in integer cents: `€12.50` in English, `€ 12,50` in Italian.
pub fn amount(cents: i64, symbol: &str) -> String {
    let style = match language() {
        Lang::En => MoneyStyle::ENGLISH,
        Lang::It => MoneyStyle::ITALIAN,
    };
    format_cents(cents, symbol, style)
}

/// A whole number grouped by thousands the way of `lang`: `5,000,000` in English, `5.000.000` in Italian.
/// The catalog writes every whole number of its messages this way.
pub(crate) fn whole_number_in(n: i64, lang: Lang) -> String {
    let style = match lang {
        Lang::En => MoneyStyle::ENGLISH,
        Lang::It => MoneyStyle::ITALIAN,
    };
    let written = format_cents(n.clamp(i64::MIN / 100, i64::MAX / 100) * 100, "", style);
    // Without the decimal separator and the two zeros after it.
    written[..written.len() - 3].to_string()
}

// ---- the main screen ----

pub const APP_TITLE: &str = "regulars";
/// Shown while a detail is being read (a symbol, the same in every language).
pub const LOADING: &str = "…";
pub const SEARCH_TITLE: Msg = Msg("search-title");
pub const SEARCH_PLACEHOLDER: Msg = Msg("search-placeholder");
pub const LIST_TITLE: Msg = Msg("list-title");
pub const DETAIL_TITLE: Msg = Msg("detail-title");
pub const NOTES_TITLE: Msg = Msg("notes-title");
pub const NO_CUSTOMERS_YET: Msg = Msg("no-customers-yet");
pub const NO_SELECTION: Msg = Msg("no-selection");
pub const NOTHING_YET: Msg = Msg("nothing-yet");

pub fn no_match(query: &str) -> String {
    tr!("no-match", "query" => query)
}

/// A paste a form field did not take: it would have made `would_be` characters, over `max`.
pub fn paste_too_long(would_be: usize, max: usize) -> String {
    tr!("paste-too-long", "chars" => would_be, "max" => max)
}

pub fn list_count(shown: usize, total: usize) -> String {
    if shown == total {
        tr!("list-count-all", "total" => total)
    } else {
        tr!("list-count-some", "shown" => shown, "total" => total)
    }
}

pub fn greet(name: &str) -> String {
    tr!("greet", "name" => name)
}

pub fn since_line(since: NaiveDate, tenure: Tenure) -> String {
    tr!("since-line", "since" => date(since), "tenure" => tenure_words(tenure))
}

pub fn tenure_words(t: Tenure) -> String {
    // Months count while they matter: "1 year, 4 months", but "16 years".
    match (t.years, t.months) {
        (0, 0) if t.days == 0 => tr!("tenure-new-today"),
        (0, 0) => tr!("tenure-days", "n" => t.days),
        (0, m) => tr!("tenure-months", "n" => m),
        (1, m) if m > 0 => tr!("tenure-year-and-months", "months" => m),
        (y, _) => tr!("tenure-years", "n" => y),
    }
}

pub fn relative(day: RelativeDay) -> String {
    match day {
        RelativeDay::Today => tr!("day-today"),
        RelativeDay::Yesterday => tr!("day-yesterday"),
        RelativeDay::DaysAgo(n) => tr!("days-ago", "n" => n),
        RelativeDay::WeeksAgo(n) => tr!("weeks-ago", "n" => n),
        RelativeDay::MonthsAgo(n) => tr!("months-ago", "n" => n),
        RelativeDay::YearsAgo(n) => tr!("years-ago", "n" => n),
        RelativeDay::Future => tr!("day-future"),
    }
}

/// The short form of a relative day for narrow columns.
pub fn relative_short(day: RelativeDay) -> String {
    match day {
        RelativeDay::Today => tr!("short-today"),
        RelativeDay::Yesterday => tr!("short-days", "n" => 1),
        RelativeDay::DaysAgo(n) => tr!("short-days", "n" => n),
        RelativeDay::WeeksAgo(n) => tr!("short-weeks", "n" => n),
        RelativeDay::MonthsAgo(n) => tr!("short-months", "n" => n),
        RelativeDay::YearsAgo(n) => tr!("short-years", "n" => n),
        RelativeDay::Future => tr!("short-future"),
    }
}

pub fn last_visit_line(relative_day: Option<RelativeDay>, count: usize) -> String {
    match relative_day {
        None => tr!("last-visit-never"),
        Some(day) => tr!("last-visit", "when" => relative(day), "visits" => visits(count)),
    }
}

pub fn visits(count: usize) -> String {
    tr!("visits", "count" => count)
}

pub fn birthday_line(in_days: u32, day: NaiveDate, turning: Option<u32>) -> String {
    let date = day_month(day);
    match (in_days, turning) {
        (0, None) => tr!("birthday-today"),
        (0, Some(age)) => tr!("birthday-today-turning", "age" => age),
        (1, None) => tr!("birthday-tomorrow", "date" => date),
        (1, Some(age)) => tr!("birthday-tomorrow-turning", "date" => date, "age" => age),
        (days, None) => tr!("birthday-in-days", "days" => days, "date" => date),
        (days, Some(age)) => {
            tr!("birthday-in-days-turning", "days" => days, "date" => date, "age" => age)
        }
    }
}

pub const PREFERENCES: Msg = Msg("label-likes");
pub const PINNED: Msg = Msg("label-pinned");
pub const PHONES: Msg = Msg("label-phone");
pub const EMAIL: Msg = Msg("label-email");
pub const TAGS: Msg = Msg("label-tags");
pub const ID: Msg = Msg("label-id");
pub const TIER: Msg = Msg("label-tier");

pub fn note_kind(kind: NoteKind) -> Msg {
    match kind {
        NoteKind::Note => Msg("note-kind-note"),
        NoteKind::Praise => Msg("note-kind-praise"),
        NoteKind::Complaint => Msg("note-kind-complaint"),
        NoteKind::Apology => Msg("note-kind-apology"),
    }
}

pub const TIMELINE_VISIT: Msg = Msg("timeline-visit");
pub const TIMELINE_VOID: Msg = Msg("timeline-void");
pub const TIMELINE_PROMISE: Msg = Msg("timeline-promise");
pub const TIMELINE_PROMISE_KEPT: Msg = Msg("timeline-promise-kept");
pub const TIMELINE_PROMISE_CANCELLED: Msg = Msg("timeline-promise-cancelled");
pub const TIMELINE_REWARD: Msg = Msg("timeline-reward");
pub fn stamps_used(count: u32) -> String {
    tr!("stamps-used", "count" => count)
}

// ---- status messages ----

pub fn visit_pending(name: &str) -> String {
    tr!("visit-pending", "name" => name)
}
pub fn write_pending(name: &str) -> String {
    tr!("write-pending", "name" => name)
}
pub fn visit_logged(name: &str) -> String {
    tr!("visit-logged", "name" => name)
}
pub fn note_added(name: &str) -> String {
    tr!("note-added", "name" => name)
}
pub fn customer_added(name: &str) -> String {
    tr!("customer-added", "name" => name)
}
pub fn customer_saved(name: &str) -> String {
    tr!("customer-saved", "name" => name)
}
pub fn not_saved(reason: &str) -> String {
    tr!("not-saved", "reason" => reason)
}
pub fn failed(reason: &str) -> String {
    tr!("failed", "reason" => reason)
}
pub const DRAFT_RESTORED: Msg = Msg("draft-restored");
pub const NOTHING_TO_UNDO: Msg = Msg("nothing-to-undo");
pub const NOTHING_MORE_TO_UNDO: Msg = Msg("nothing-more-to-undo");
pub const DRAFT_RESTORED_GONE: Msg = Msg("draft-restored-gone");
pub const DRAFT_SAVED_ALREADY: Msg = Msg("draft-saved-already");

/// A form's title naming its customer: `which` is `note`, `visit` or `edit`.
pub fn form_title(which: &str, name: &str) -> String {
    match which {
        "forget" => tr!("form-forget-for", "name" => name),
        "note" => tr!("form-note-for", "name" => name),
        "visit" => tr!("form-visit-for", "name" => name),
        "promise" => tr!("form-promise-for", "name" => name),
        _ => tr!("form-edit-for", "name" => name),
    }
}

/// The title of a form brought back about a customer who is gone.
pub fn form_title_gone(which: &str) -> String {
    match which {
        "forget" => tr!("form-edit-gone"),
        "note" => tr!("form-note-gone"),
        "visit" => tr!("form-visit-gone"),
        "promise" => tr!("form-promise-gone"),
        _ => tr!("form-edit-gone"),
    }
}
pub const NOTHING_IN_HISTORY: Msg = Msg("nothing-in-history");
pub const QUESTION_NOT_ANSWERED: Msg = Msg("question-not-answered");
pub const BY_NOBODY: Msg = Msg("by-nobody");

pub fn by(name: &str) -> String {
    tr!("by-staff", "name" => name)
}

pub fn already_a_customer(name: &str) -> String {
    tr!("already-a-customer", "name" => name)
}

pub fn forgotten_here(name: &str) -> String {
    tr!("forgotten-here", "name" => name)
}
pub const FIELD_FORGET_NAME: Msg = Msg("field-forget-name");
pub const HINT_FORGET_NAME: Msg = Msg("hint-forget-name");
pub const FORGET_EXPLAINED: Msg = Msg("forget-explained");
pub const HELP_FORGET: Msg = Msg("help-forget");

pub fn entry_title(name: &str) -> String {
    tr!("entry-title", "name" => name)
}

/// The undo question: which kind of write (`visit`, `note`, `edit`, `added`…), for whom, at what time;
/// about a promise or its end, `what` the promise said.
pub fn undo_question(kind: &str, name: &str, time: &str, what: &str) -> String {
    match kind {
        "visit" => tr!("undo-question-visit", "name" => name, "time" => time),
        "note" => tr!("undo-question-note", "name" => name, "time" => time),
        "edit" => tr!("undo-question-edit", "name" => name, "time" => time),
        "void" => tr!("undo-question-void", "name" => name, "time" => time),
        "promise" => tr!("undo-question-promise", "name" => name, "time" => time, "what" => what),
        "kept" => tr!("undo-question-kept", "name" => name, "time" => time, "what" => what),
        "cancelled" => {
            tr!("undo-question-cancelled", "name" => name, "time" => time, "what" => what)
        }
        "redeemed" => tr!("undo-question-redeemed", "name" => name, "time" => time),
        _ => tr!("undo-question-added", "name" => name, "time" => time),
    }
}

/// What an undo did (`visit`, `note`, `edit`, `added`).
pub fn undone(kind: &str, name: &str) -> String {
    match kind {
        "visit" => tr!("undone-visit", "name" => name),
        "note" => tr!("undone-note", "name" => name),
        "edit" => tr!("undone-edit", "name" => name),
        "void" => tr!("undone-void", "name" => name),
        "promise" => tr!("undone-promise", "name" => name),
        "kept" | "cancelled" => tr!("undone-promise-end", "name" => name),
        "redeemed" => tr!("undone-redeemed", "name" => name),
        _ => tr!("undone-added", "name" => name),
    }
}

pub fn void_question(kind: crate::domain::EventKind, when: &str, name: &str) -> String {
    use crate::domain::EventKind;
    match kind {
        EventKind::Visit => tr!("void-question-visit", "when" => when, "name" => name),
        EventKind::Promise => tr!("void-question-promise", "when" => when, "name" => name),
        EventKind::PromiseEnd => tr!("void-question-promise-end", "when" => when, "name" => name),
        EventKind::Redemption => tr!("void-question-redemption", "when" => when, "name" => name),
        EventKind::Consent => tr!("void-question-consent", "when" => when, "name" => name),
        EventKind::Note | EventKind::Void => {
            tr!("void-question-note", "when" => when, "name" => name)
        }
    }
}

pub fn voided(kind: crate::domain::EventKind, name: &str) -> String {
    use crate::domain::EventKind;
    match kind {
        EventKind::Visit => tr!("voided-visit", "name" => name),
        EventKind::Promise => tr!("voided-promise", "name" => name),
        EventKind::PromiseEnd => tr!("voided-promise-end", "name" => name),
        EventKind::Redemption => tr!("voided-redemption", "name" => name),
        EventKind::Consent => tr!("voided-consent", "name" => name),
        EventKind::Note | EventKind::Void => tr!("voided-note", "name" => name),
    }
}

pub fn same_name_question(name: &str) -> String {
    tr!("same-name-question", "name" => name)
}

pub fn visit_again_question(name: &str, time: &str) -> String {
    tr!("visit-again-question", "name" => name, "time" => time)
}
pub const FORM_CANCELLED: Msg = Msg("form-cancelled");
pub const FIX_FIELD: Msg = Msg("fix-field");

// ---- forms ----

pub const FORM_NEW_CUSTOMER: Msg = Msg("form-new-customer");
pub const FORM_EDIT_CUSTOMER: Msg = Msg("form-edit-customer");
pub const FORM_NOTE: Msg = Msg("form-note");
pub const FORM_VISIT: Msg = Msg("form-visit");
pub const FORM_PROMISE: Msg = Msg("form-promise");
pub const FIELD_NAME: Msg = Msg("field-name");
pub const FIELD_NICKNAME: Msg = Msg("field-nickname");
pub const FIELD_PHONES: Msg = Msg("field-phones");
pub const FIELD_EMAIL: Msg = Msg("field-email");
pub const FIELD_BIRTHDAY: Msg = Msg("field-birthday");
pub const FIELD_SINCE: Msg = Msg("field-since");
pub const FIELD_TAGS: Msg = Msg("field-tags");
pub const FIELD_PREFERENCES: Msg = Msg("field-likes");
pub const FIELD_NOTE_TEXT: Msg = Msg("field-note-text");
pub const FIELD_PROMISE_TEXT: Msg = Msg("field-promise-text");
pub const FIELD_DUE: Msg = Msg("field-due");
pub const FIELD_ANSWERS: Msg = Msg("field-answers");
pub const ANSWERS_COMPLAINT: Msg = Msg("answers-complaint");
pub const FIELD_NOTE_KIND: Msg = Msg("field-note-kind");
pub const FIELD_PINNED: Msg = Msg("field-pinned");
pub const FIELD_AMOUNT: Msg = Msg("field-amount");
pub const FIELD_WHAT: Msg = Msg("field-what");
pub const FIELD_TILL: Msg = Msg("field-till");
pub const HINT_PHONES: Msg = Msg("hint-phones");
pub const HINT_BIRTHDAY: Msg = Msg("hint-birthday");
pub const HINT_SINCE: Msg = Msg("hint-since");
pub const HINT_TAGS: Msg = Msg("hint-tags");
pub const HINT_CHOICE: Msg = Msg("hint-choice");
pub const HINT_TOGGLE: Msg = Msg("hint-toggle");
pub const HINT_AMOUNT: Msg = Msg("hint-amount");
pub const HINT_DUE: Msg = Msg("hint-due");
pub const HINT_ANSWERS: Msg = Msg("hint-answers");
pub const YES: Msg = Msg("yes");
pub const NO: Msg = Msg("no");
pub const DISCARD_QUESTION: Msg = Msg("discard-question");
pub const QUIT_QUESTION: Msg = Msg("quit-question");
pub const QUIT_QUESTION_THROWAWAY: Msg = Msg("quit-question-throwaway");

/// Printed after the terminal is restored when the desk stops on a bug.
pub fn crashed(log: Option<&str>) -> String {
    match log {
        None => tr!("crashed"),
        Some(log) => tr!("crashed-log", "log" => log),
    }
}

// ---- help and key bar ----

pub const HELP_TITLE: Msg = Msg("help-title");
pub const HELP_FOOTER: Msg = Msg("help-footer");
pub const MODE_SEARCH: Msg = Msg("mode-search");
pub const MODE_CUSTOMER: Msg = Msg("mode-customer");
pub const MODE_FORM: Msg = Msg("mode-form");
pub const MODE_ANYWHERE: Msg = Msg("mode-anywhere");

// ---- keys: how they are written, short words for the bar, sentences for help ----

pub const KEY_TYPING: Msg = Msg("key-typing");
pub const KEY_A_NAME: Msg = Msg("key-a-name");
pub const KEY_ENTER: Msg = Msg("key-enter");
pub const KEY_UP: Msg = Msg("key-up");
pub const KEY_DOWN: Msg = Msg("key-down");
pub const KEY_UP_DOWN: Msg = Msg("key-up-down");
pub const KEY_PAGE_UP: Msg = Msg("key-page-up");
pub const KEY_PAGE_DOWN: Msg = Msg("key-page-down");
pub const KEY_HOME: Msg = Msg("key-home");
pub const KEY_END: Msg = Msg("key-end");
pub const KEY_ESC: Msg = Msg("key-esc");
pub const KEY_TAB: Msg = Msg("key-tab");
pub const KEY_SHIFT_TAB: Msg = Msg("key-shift-tab");
pub const KEY_ALT_ENTER: Msg = Msg("key-alt-enter");
pub const KEY_YES: Msg = Msg("key-yes");
pub const KEY_NO: Msg = Msg("key-no");
pub const BAR_OPEN: Msg = Msg("bar-open");
pub const BAR_MOVE: Msg = Msg("bar-move");
pub const BAR_VISIT: Msg = Msg("bar-visit");
pub const BAR_NOTE: Msg = Msg("bar-note");
pub const BAR_TODAY: Msg = Msg("bar-today");
pub const BAR_PROMISE: Msg = Msg("bar-promise");
pub const BAR_KEPT: Msg = Msg("bar-kept");
pub const BAR_EDIT: Msg = Msg("bar-edit");
pub const BAR_BACK: Msg = Msg("bar-back");
pub const BAR_NEXT_FIELD: Msg = Msg("bar-next-field");
pub const BAR_SAVE: Msg = Msg("bar-save");
pub const BAR_FORGET: Msg = Msg("bar-forget");
pub const BAR_CANCEL: Msg = Msg("bar-cancel");
pub const BAR_CLOSE: Msg = Msg("bar-close");
pub const BAR_NEW: Msg = Msg("bar-new");
pub const BAR_HELP: Msg = Msg("bar-help");
pub const BAR_QUIT: Msg = Msg("bar-quit");
pub const HELP_TYPE: Msg = Msg("help-type");
pub const HELP_TYPE_ON_CARD: Msg = Msg("help-type-on-card");
pub const HELP_CLEAR_TEXT: Msg = Msg("help-clear-text");
pub const BAR_HISTORY: Msg = Msg("bar-history");
pub const BAR_READ: Msg = Msg("bar-read");
pub const BAR_VOID: Msg = Msg("bar-void");
pub const BAR_CANCEL_PROMISE: Msg = Msg("bar-cancel-promise");
pub const HELP_HISTORY: Msg = Msg("help-history");
pub const HELP_UNDO: Msg = Msg("help-undo");
pub const HELP_READ: Msg = Msg("help-read");
pub const HELP_VOID: Msg = Msg("help-void");
pub const HELP_FOCUS_CARD: Msg = Msg("help-focus-card");
pub const HELP_CLOSE_ENTRY: Msg = Msg("help-close-entry");
pub const HELP_SLASH: Msg = Msg("help-slash");
pub const KEY_ESC_TAB: Msg = Msg("key-esc-tab");
pub const MODE_TIMELINE: Msg = Msg("mode-timeline");
pub const MODE_ENTRY: Msg = Msg("mode-entry");
pub const MODE_TODAY: Msg = Msg("mode-today");
pub const HELP_MORE_BELOW: Msg = Msg("help-more-below");
pub const HELP_MORE_ABOVE: Msg = Msg("help-more-above");
pub const HELP_MORE_BOTH: Msg = Msg("help-more-both");
pub const HELP_SCROLL: Msg = Msg("help-scroll");
pub const BAR_SCROLL: Msg = Msg("bar-scroll");
pub const HELP_OPEN: Msg = Msg("help-open");
pub const HELP_MOVE: Msg = Msg("help-move");
pub const HELP_PAGE_UP: Msg = Msg("help-page-up");
pub const HELP_PAGE_DOWN: Msg = Msg("help-page-down");
pub const HELP_HOME: Msg = Msg("help-home");
pub const HELP_END: Msg = Msg("help-end");
pub const HELP_CLEAR: Msg = Msg("help-clear");
pub const HELP_VISIT: Msg = Msg("help-visit");
pub const HELP_VISIT_FORM: Msg = Msg("help-visit-form");
pub const HELP_NOTE: Msg = Msg("help-note");
pub const HELP_TODAY: Msg = Msg("help-today");
pub const HELP_TODAY_OPEN: Msg = Msg("help-today-open");
pub const HELP_TODAY_CLOSE: Msg = Msg("help-today-close");
pub const HELP_HIDE: Msg = Msg("help-hide");
pub const PRIVACY_BACK: Msg = Msg("privacy-back");
pub const HELP_PROMISE: Msg = Msg("help-promise");
pub const HELP_KEPT: Msg = Msg("help-kept");
pub const HELP_EDIT: Msg = Msg("help-edit");
pub const HELP_BACK: Msg = Msg("help-back");
pub const HELP_NEXT_FIELD: Msg = Msg("help-next-field");
pub const HELP_PREV_FIELD: Msg = Msg("help-prev-field");
pub const HELP_SAVE: Msg = Msg("help-save");
pub const HELP_NEW_LINE: Msg = Msg("help-new-line");
pub const HELP_CANCEL: Msg = Msg("help-cancel");
pub const HELP_CLOSE: Msg = Msg("help-close");
pub const HELP_NEW: Msg = Msg("help-new");
pub const HELP_HELP: Msg = Msg("help-help");
pub const HELP_QUIT: Msg = Msg("help-quit");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenure_reads_naturally_in_both_languages() {
        let t = |years, months, days| {
            tenure_words(Tenure {
                years,
                months,
                days,
            })
        };
        in_language(Lang::En, || {
            assert_eq!(t(0, 0, 0), "new today");
            assert_eq!(t(0, 0, 1), "1 day");
            assert_eq!(t(0, 0, 12), "12 days");
            assert_eq!(t(0, 5, 3), "5 months");
            assert_eq!(t(1, 0, 9), "1 year");
            assert_eq!(t(1, 4, 0), "1 year, 4 months");
            assert_eq!(t(20, 8, 22), "20 years");
        });
        in_language(Lang::It, || {
            assert_eq!(t(0, 0, 1), "da 1 giorno");
            assert_eq!(t(0, 1, 0), "da 1 mese");
            assert_eq!(t(1, 1, 0), "da 1 anno e 1 mese");
            assert_eq!(t(12, 3, 0), "da 12 anni");
        });
    }

    #[test]
    fn dates_amounts_and_days_in_the_language_form() {
        let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
        let since = NaiveDate::from_ymd_opt(2014, 3, 1).unwrap();
        let twelve_years = Tenure {
            years: 12,
            months: 8,
            days: 22,
        };
        in_language(Lang::En, || {
            assert_eq!(date(christmas), "2026-12-25");
            assert_eq!(day_month(christmas), "Dec 25");
            assert_eq!(amount(1250, "€"), "€12.50");
            assert_eq!(relative(RelativeDay::DaysAgo(3)), "3 days ago");
            assert_eq!(
                since_line(since, twelve_years),
                "Customer since 2014-03-01 (12 years)"
            );
        });
        in_language(Lang::It, || {
            assert_eq!(date(christmas), "25/12/2026");
            assert_eq!(day_month(christmas), "25/12");
            assert_eq!(amount(1250, "€"), "€ 12,50");
            assert_eq!(relative(RelativeDay::DaysAgo(3)), "3 giorni fa");
            assert_eq!(relative(RelativeDay::WeeksAgo(1)), "1 settimana fa");
            assert_eq!(
                since_line(since, twelve_years),
                "Cliente da 12 anni (dal 01/03/2014)"
            );
            assert_eq!(
                birthday_line(3, christmas, Some(40)),
                "Compleanno tra 3 giorni (25/12, compie 40 anni)"
            );
            assert_eq!(
                InputError::BadAmount("x".into()).to_string(),
                "\"x\" non è un importo: scrivi 12,50 o 12.50."
            );
        });
    }
}
