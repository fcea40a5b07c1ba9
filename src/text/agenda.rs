//! The sentences of promises, complaints answered and the Today agenda.

use chrono::NaiveDate;

use super::catalog::{Msg, tr};
use super::{date, day_near};

/// An open promise on the card: "◆ due Dec 25: call when size 42 arrives", or when overdue
/// "! OVERDUE, was due Nov 30: …".
pub fn open_promise(overdue: bool, due: NaiveDate, what: &str, today: NaiveDate) -> String {
    if overdue {
        tr!("promise-overdue-line", "date" => day_near(due, today), "text" => what)
    } else if due == today {
        tr!("promise-today-line", "text" => what)
    } else {
        tr!("promise-open-line", "date" => day_near(due, today), "text" => what)
    }
}

/// An open complaint on the card: "! Open complaint since Nov 3: cold coffee".
pub fn open_complaint(since: NaiveDate, what: &str, today: NaiveDate) -> String {
    tr!("open-complaint-line", "date" => day_near(since, today), "text" => what)
}

/// One line of the agenda about a customer: what is due.
pub fn agenda_item(item: &crate::domain::AgendaItem, today: NaiveDate) -> String {
    use crate::domain::AgendaItem;
    let near = |day| day_near(day, today);
    match *item {
        AgendaItem::Promise { due, overdue: true } => {
            tr!("agenda-promise-overdue", "date" => near(due))
        }
        AgendaItem::Promise { due, .. } if due == today => tr!("agenda-promise-today"),
        AgendaItem::Promise { due, .. } => tr!("agenda-promise-due", "date" => near(due)),
        AgendaItem::Birthday {
            in_days: 0,
            turning,
            ..
        } => match turning {
            Some(age) => tr!("agenda-birthday-today-turns", "age" => age),
            None => tr!("agenda-birthday-today"),
        },
        AgendaItem::Birthday { date, turning, .. } => match turning {
            Some(age) => tr!("agenda-birthday-turns", "date" => near(date), "age" => age),
            None => tr!("agenda-birthday", "date" => near(date)),
        },
        AgendaItem::Anniversary { years } => tr!("agenda-anniversary", "years" => years),
        AgendaItem::Complaint { since } => tr!("agenda-complaint", "date" => near(since)),
        // The screens name the one referred ([`agenda_thank`]); this is the line without them.
        AgendaItem::Thank { first, .. } => agenda_thank("…", first, today),
        AgendaItem::Lapsed { days_since, rhythm } => {
            tr!("agenda-lapsed", "days" => days_since, "rhythm" => rhythm)
        }
    }
}

/// The heading of one section of the agenda, with how many lines it has.
pub fn agenda_section(section: usize, count: usize) -> String {
    match section {
        0 => tr!("agenda-section-promises", "count" => count),
        1 => tr!("agenda-section-birthdays", "count" => count),
        2 => tr!("agenda-section-anniversaries", "count" => count),
        3 => tr!("agenda-section-complaints", "count" => count),
        4 => tr!("agenda-section-lapsed", "count" => count),
        _ => tr!("agenda-section-thanks", "count" => count),
    }
}

/// "thank them: Luca Esposito came for the first time yesterday".
pub fn agenda_thank(name: &str, first: NaiveDate, today: NaiveDate) -> String {
    let when = super::relative(crate::domain::relative_day(first, today));
    tr!("agenda-thank", "name" => name, "date" => when)
}

/// The Today view's title: "Today, Wednesday 2 December".
pub fn agenda_title(today: NaiveDate) -> String {
    tr!("agenda-title", "date" => date(today))
}

/// The key bar's count of what is on today's agenda for today: "3 today".
pub fn due_count(n: usize) -> String {
    tr!("bar-due", "count" => n)
}

pub const AGENDA_EMPTY: Msg = Msg("agenda-empty");

/// More open promises (or complaints) than the card lists: "… and 2 more (Tab: history)".
pub fn more_on_card(n: usize) -> String {
    tr!("more-on-card", "count" => n)
}

/// When a promise is due: "due Dec 25" (with the year when it is not that of `reference`).
pub fn due_on(day: NaiveDate, reference: NaiveDate) -> String {
    tr!("promise-due", "date" => day_near(day, reference))
}

/// How a promise ended, in a word.
pub fn outcome(outcome: crate::domain::Outcome) -> String {
    match outcome {
        crate::domain::Outcome::Kept => tr!("promise-state-kept"),
        crate::domain::Outcome::Cancelled => tr!("promise-state-cancelled"),
    }
}

pub fn promise_made(name: &str, due: NaiveDate, today: NaiveDate) -> String {
    tr!("promise-made", "name" => name, "due" => due_on(due, today))
}

pub fn promise_ended(outcome: crate::domain::Outcome, what: &str, name: &str) -> String {
    match outcome {
        crate::domain::Outcome::Kept => tr!("promise-kept-status", "text" => what, "name" => name),
        crate::domain::Outcome::Cancelled => {
            tr!("promise-cancelled-status", "text" => what, "name" => name)
        }
    }
}

pub fn cancel_promise_question(what: &str, name: &str) -> String {
    tr!("cancel-promise-question", "text" => what, "name" => name)
}

pub const NO_OPEN_PROMISE: Msg = Msg("no-open-promise");

pub fn no_complaint(id: &str) -> String {
    tr!("no-complaint", "id" => id)
}

pub fn no_promise(id: &str) -> String {
    tr!("no-promise", "id" => id)
}

pub fn promise_already_ended(id: &str, outcome: crate::domain::Outcome) -> String {
    tr!("promise-already-ended", "id" => id, "outcome" => outcome.word())
}
