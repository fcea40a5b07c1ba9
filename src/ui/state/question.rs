//! What the desk asks before it acts (the yes/no questions), and what it remembers to undo.

use chrono::{DateTime, Utc};

use super::Effect;
use crate::clock::Clock;
use crate::domain::{Customer, EventKind, Id, Outcome};
use crate::text;

/// A yes/no question on top of everything else.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    DiscardForm,
    /// Quit with a form typed into: its text comes back next time, unless the store is thrown away at
    /// the end (the demo).
    Quit {
        throwaway: bool,
    },
    /// Take back the last write of this desk.
    Undo(Undo),
    /// Void a visit or note chosen in the timeline.
    Void {
        event: Id,
        kind: EventKind,
        at: DateTime<Utc>,
        name: String,
    },
    /// Cancel an open promise chosen in the timeline.
    CancelPromise {
        promise: Id,
        /// What was promised, as shown.
        what: String,
        name: String,
    },
    /// A customer of that very name is there already: add another? (the write waits for the answer).
    SameName {
        effect: Effect,
        name: String,
    },
    /// A visit was logged for this customer less than [`VISIT_AGAIN`] ago: log another? (the write
    /// waits for the answer).
    VisitAgain {
        effect: Effect,
        last: DateTime<Utc>,
        name: String,
    },
}

impl UndoStep {
    /// The word the catalog's undo messages are chosen by.
    pub fn word(&self) -> &'static str {
        match self {
            UndoStep::Visit(_) => "visit",
            UndoStep::Note(_) => "note",
            UndoStep::Edit(..) => "edit",
            UndoStep::Added => "added",
            UndoStep::Void(_) => "void",
            UndoStep::Promise(_) => "promise",
            UndoStep::Redeemed(_) => "redeemed",
            UndoStep::PromiseEnd(_, outcome) => outcome.word(),
        }
    }
}

impl Question {
    /// The question as the person reads it.
    pub fn text(&self, clock: &Clock) -> String {
        let time = |at| clock.local_format(at, "%H:%M");
        match self {
            Question::DiscardForm => text::DISCARD_QUESTION.to_string(),
            Question::Quit { throwaway: false } => text::QUIT_QUESTION.to_string(),
            Question::Quit { throwaway: true } => text::QUIT_QUESTION_THROWAWAY.to_string(),
            Question::Undo(undo) => text::undo_question(
                undo.step.word(),
                &undo.name,
                &time(undo.at),
                undo.what.as_deref().unwrap_or_default(),
            ),
            Question::Void { kind, at, name, .. } => {
                text::void_question(*kind, &clock.local_stamp(*at), name)
            }
            Question::CancelPromise { what, name, .. } => text::cancel_promise_question(what, name),
            Question::SameName { name, .. } => text::same_name_question(name),
            Question::VisitAgain { last, name, .. } => {
                text::visit_again_question(name, &time(*last))
            }
        }
    }
}

/// How long after a visit a second one for the same customer asks first.
pub const VISIT_AGAIN: chrono::TimeDelta = chrono::TimeDelta::hours(2);

/// How long a write of this desk can be undone with Ctrl-Z.
pub const UNDO_WINDOW: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// A write this desk made, and how to take it back.
#[derive(Clone, Debug, PartialEq)]
pub struct Undo {
    pub step: UndoStep,
    pub customer: Id,
    /// The customer's name as written, for the question.
    pub name: String,
    /// What a promise said (one line, safe to show), for the question about the promise or its end.
    pub what: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum UndoStep {
    /// A visit logged: voided.
    Visit(Id),
    /// A note added: voided.
    Note(Id),
    /// A customer edited (as they were before it, and as it left them): the fields it changed written
    /// back, and the consent changes it recorded, voided.
    Edit(Box<(Customer, Customer)>, Vec<Id>),
    /// A customer added: removed again, if nothing was logged for them since.
    Added,
    /// A promise made: voided.
    Promise(Id),
    /// A promise kept or cancelled (the end's id): the end is voided, and the promise is open again.
    PromiseEnd(Id, Outcome),
    /// A visit or note voided (its id is the void's): the void is taken back, and what it named counts
    /// again.
    Void(Id),
    /// A reward given: voided, its stamps back on the card.
    Redeemed(Id),
}

/// A timeline entry shown whole, scrolled down by `scroll` rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntryView {
    pub id: Id,
    pub scroll: u16,
}
