//! What flows through the desk's `update`: the actions that come in (keys, commands, the answers of the
//! store and the sync thread) and the effects that go out to be run by the loop in `ui/mod.rs`.

use std::time::Instant;

use crossterm::event::KeyEvent;

use super::{TodayView, Undo};
use crate::book::Profile;
use crate::domain::{Attempt, CustomerDraft, Id, NoteKind, Outcome, PromiseDraft};
use crate::ui::keymap::Command;

pub enum Action {
    Command(Command),
    /// A letter on a customer that is also a command (`v`, `n`, `e`…): it acts on the screen at once,
    /// and a write it asks for waits until [`Action::Settle`]; a letter right after it makes both a search.
    Tentative {
        command: Command,
        typed: char,
        at: Instant,
    },
    /// More letters right after a tentative command (a name being typed), or text pasted on a customer:
    /// what the command did on the screen is taken back and the letters become the next search.
    Burst(String),
    /// The typing window of a tentative command has passed (or a key that is not a letter came): it
    /// stands, and the write it asked for is made.
    Settle,
    /// Text pasted from the clipboard (bracketed paste): always text, never keys.
    Paste(String),
    /// A key with no command: it goes to the focused text.
    Key(KeyEvent),
    Resize {
        width: u16,
        height: u16,
    },
    /// The first screens of a search (`ids`), how many customers match in all, and how many there are.
    Results {
        ids: Vec<Id>,
        matched: usize,
        total: usize,
    },
    /// Every match of the same search, fetched when the selection nears the end of the first screens;
    /// then `select` is selected.
    MoreResults {
        ids: Vec<Id>,
        select: usize,
    },
    Loaded(Result<Box<Profile>, String>),
    Saved {
        message: String,
        customer: Id,
        open: bool,
        /// How to take this write back with Ctrl-Z (none for an undo or a void).
        undo: Option<Undo>,
    },
    SaveFailed(String),
    /// The Today view, made.
    TodayReady(Box<TodayView>),
    /// The shop's pulse, read.
    PulseReady(Box<crate::search::Pulse>),
    /// The customers whose names match `query`, typed in a customer form's referrer field.
    ReferrerMatches {
        query: String,
        matches: Vec<(Id, String)>,
        /// How many it matches in all (more than `matches` may hold).
        total: usize,
    },
    /// Open this customer's card (from a line of Today).
    OpenCustomer(Id),
    /// A customer added by mistake was removed again (an undo): this says so.
    Removed(String),
    /// A customer forgotten at another till is forgotten here too: their card and form close if open,
    /// and whatever else the cashier was doing stays.
    ForgottenElsewhere {
        customer: Id,
        message: String,
    },
    /// A new customer's name is a customer's already: ask before adding another.
    SameName {
        draft: CustomerDraft,
        name: String,
        attempt: Attempt,
    },
    /// The answer to [`Effect::CheckNewName`]: the customer who already has that name, if any.
    NewNameChecked {
        query: String,
        existing: Option<(Id, String)>,
    },
}

impl Effect {
    /// A write made with an [`Attempt`], the same record at every try.
    pub fn tries_a_save(&self) -> bool {
        matches!(
            self,
            Effect::LogVisit { .. }
                | Effect::AddNote { .. }
                | Effect::AddCustomer { .. }
                | Effect::UpdateCustomer { .. }
                | Effect::MakePromise { .. }
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Search(String),
    /// Every match of `query` (the list had only its first screens), then select `select`.
    MoreResults {
        query: String,
        select: usize,
    },
    Load(Id),
    LogVisit {
        customer: Id,
        amount_cents: Option<i64>,
        what: Option<String>,
        attempt: Attempt,
    },
    AddNote {
        customer: Id,
        kind: NoteKind,
        text: String,
        pinned: bool,
        /// The complaint it answers.
        answers: Option<Id>,
        attempt: Attempt,
    },
    /// A new customer; unless their name folds to `same_name_ok`, someone of that very name already
    /// there is asked about first.
    AddCustomer {
        draft: CustomerDraft,
        same_name_ok: Option<String>,
        attempt: Attempt,
    },
    /// An edit of customer `id`; `before` is the customer as the card showed them when the form opened
    /// (what Ctrl-Z gives back, even when an earlier try of this very edit got into the store).
    UpdateCustomer {
        id: Id,
        draft: CustomerDraft,
        attempt: Attempt,
        before: Option<Box<crate::domain::Customer>>,
    },
    /// Ctrl-N with a name typed: is someone of that very name a customer already?
    CheckNewName(String),
    /// Take back a write of this desk.
    Undo(Undo),
    /// Forget a customer for good (confirmed by typing their name).
    Forget(Id),
    /// Forget a customer forgotten at another till (the hub said so).
    ForgetFromHub(Id),
    /// Void a visit or note of `customer`.
    Void {
        event: Id,
        customer: Id,
    },
    MakePromise {
        customer: Id,
        draft: PromiseDraft,
        attempt: Attempt,
    },
    /// Open the Today view.
    Today,
    /// Open the shop's pulse.
    Pulse,
    /// Look up the customers whose names match `query` for a customer form's referrer field (never
    /// `myself`, the customer being edited).
    FindReferrer {
        query: String,
        myself: Option<Id>,
    },
    /// Open the customer in this slot of the search index (a line of Today).
    OpenSlot(u32),
    /// Give `customer` the reward their card has ready.
    Redeem {
        customer: Id,
        attempt: Attempt,
    },
    /// Keep or cancel promise `promise` of `customer`.
    EndPromise {
        customer: Id,
        promise: Id,
        outcome: Outcome,
    },
}
