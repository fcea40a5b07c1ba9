//! The desk's state and its one `update` function: (state, action) → next state and maybe an effect.
//! Effects (store writes, loads, searches) are run by the loop in `mod.rs`; their results come back as
//! actions, so this file has no I/O and every transition is testable. What keys do is in `state/keys.rs`;
//! the actions and effects themselves are in `state/messages.rs`.

mod keys;
mod messages;
mod question;
mod save;
pub mod today;

pub use keys::selected_is_open_promise;
pub use messages::{Action, Effect};
pub use today::{TodayRow, TodayView};

use std::time::Instant;

use ratatui_textarea::TextArea;

use keys::{command_update, key_update};
pub use question::{EntryView, Question, UNDO_WINDOW, Undo, UndoStep, VISIT_AGAIN};

use super::form::Form;
use super::keymap::{Command, Mode};
use super::text_box::{clean_paste, search_box};
use super::theme::Theme;
use super::view::list_rows;
use crate::book::Profile;
use crate::clock::Clock;

use crate::domain::{Attempt, Id};
use crate::text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Search,
    Customer,
    /// The customer's timeline: entries are selected, read whole and voided.
    Timeline,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// A tentative command: the letter that asked for it, when, and the write it asks for (held until it
/// settles).
#[derive(Debug)]
pub struct Pending {
    pub typed: char,
    pub at: Instant,
    effect: Option<Effect>,
    status_before: Option<Status>,
    /// The answer to a question, not given until the typing window has passed.
    answer: Option<Command>,
}

pub struct State {
    /// The privacy screen is up: nothing personal is drawn, and the next key only takes it away.
    pub hidden: bool,
    /// The shop's name, for the privacy screen.
    pub shop: String,
    /// The store is thrown away when the desk closes (`--demo`): nothing typed comes back.
    pub throwaway: bool,
    /// The shop's loyalty rules (stamps, tiers, rhythm), for the card, the list and `r`.
    pub loyalty: crate::domain::Loyalty,
    pub search: TextArea<'static>,
    /// A command letter pressed on a customer, not settled yet (see [`Action::Tentative`]).
    pub pending: Option<Pending>,
    /// The matches of the search, best first: the first screens of them when there are many (see
    /// `matched`); the rest are fetched when the selection gets near the end.
    pub results: Vec<Id>,
    /// How many customers match in all.
    pub matched: usize,
    pub selected: usize,
    /// Customers in the book.
    pub total: usize,
    pub focus: Focus,
    pub form: Option<Form>,
    /// Help is open, listing the keys of this mode.
    pub help: Option<Mode>,
    /// How far the help is scrolled down, in rows.
    pub help_scroll: u16,
    pub question: Option<Question>,
    /// The timeline entry selected when the timeline has the focus (0 is the newest).
    pub timeline_selected: usize,
    /// A timeline entry shown whole.
    pub entry: Option<EntryView>,
    /// The Today view, when it is open.
    pub today: Option<TodayView>,
    /// The shop's pulse, when it is open,
    pub pulse: Option<crate::search::Pulse>,
    /// and whether it was opened from Today (closing it goes back there).
    pub pulse_from_today: bool,
    /// How many things on today's agenda are for today (the key bar says "3 due"), and which day that was
    /// counted for.
    pub due_today: usize,
    pub due_day: Option<chrono::NaiveDate>,
    /// The last write of this desk, to undo.
    pub last_write: Option<Undo>,
    /// The last write was just undone: a second Ctrl-Z has nothing more to take back.
    undone: bool,
    /// The last one-key write (`v`, `r`) with its customer and attempt, until something else happens:
    /// the same key again on the same customer, soon after it failed, tries that same write again.
    pub quick_tried: Option<(Command, Id, Attempt)>,
    /// The customer Ctrl-N last showed because they already have the name typed.
    duplicate_shown: Option<Id>,
    /// The selected customer, loaded in full.
    pub profile: Option<Profile>,
    pub status: Option<Status>,
    /// What the status line says that goes at the next key (what was just done on a card left with Esc,
    /// a paste refused): gone then, unless something else has been said since.
    fading: Option<Status>,
    /// Where the desk stands with the sync hub, when it syncs (the search line says it).
    pub sync: Option<SyncShown>,
    pub size: (u16, u16),
    pub quit: bool,
    /// After a save, select this customer when the results come back.
    pending_select: Option<(Id, bool)>,
    pub clock: Clock,
    pub theme: Theme,
    pub currency: String,
}

/// Where the desk stands with the sync hub.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncShown {
    /// The desk has not heard from the hub yet (it is connecting, or the hub is slow to answer).
    Connecting,
    /// Everything written here is on the hub, and everything on the hub is here (as of the last look).
    Synced,
    /// A write of this desk is on its way to the hub.
    Sending,
    /// The hub has been out of reach since `since`; `waiting` records wait to be sent.
    Offline {
        since: chrono::DateTime<chrono::Utc>,
        waiting: usize,
    },
}

impl State {
    pub fn new(clock: Clock, theme: Theme, currency: String) -> State {
        State {
            search: search_box(),
            pending: None,
            results: Vec::new(),
            matched: 0,
            selected: 0,
            total: 0,
            focus: Focus::Search,
            form: None,
            help: None,
            help_scroll: 0,
            question: None,
            timeline_selected: 0,
            entry: None,
            today: None,
            pulse: None,
            pulse_from_today: false,
            due_today: 0,
            due_day: None,
            last_write: None,
            undone: false,
            quick_tried: None,
            duplicate_shown: None,
            profile: None,
            status: None,
            fading: None,
            throwaway: false,
            sync: None,
            size: (80, 24),
            quit: false,
            hidden: false,
            shop: String::new(),
            loyalty: crate::config::Config::defaults().loyalty(),
            pending_select: None,
            clock,
            theme,
            currency,
        }
    }

    pub fn query(&self) -> String {
        self.search.lines().join(" ")
    }

    /// Whether Enter in the search adds a new customer (the letters typed match nobody) rather than
    /// opening the one chosen.
    pub fn enter_adds_customer(&self) -> bool {
        self.results.is_empty() && !self.query().trim().is_empty()
    }

    pub fn mode(&self) -> Mode {
        if self.question.is_some() {
            Mode::Confirm
        } else if self.help.is_some() {
            Mode::Help
        } else if self.form.is_some() {
            Mode::Form
        } else if self.today.is_some() {
            Mode::Today
        } else if self.pulse.is_some() {
            Mode::Pulse
        } else if self.entry.is_some() {
            Mode::Entry
        } else {
            match self.focus {
                Focus::Customer => Mode::Customer,
                Focus::Timeline => Mode::Timeline,
                Focus::Search => Mode::Search,
            }
        }
    }

    pub fn selected_id(&self) -> Option<Id> {
        self.results.get(self.selected).copied()
    }

    /// A key or a paste came: a status kept over Esc from a card ([`State::fade_status`]) has been read.
    pub fn input_came(&mut self) {
        if let Some(fading) = self.fading.take()
            && self.status.as_ref() == Some(&fading)
        {
            self.status = None;
        }
    }

    /// Keeps what the status line says of what was just done until the next key (an error goes now).
    fn fade_status(&mut self) {
        if self.status.as_ref().is_some_and(|s| s.error) {
            self.status = None;
        }
        self.fading = self.status.clone();
    }

    /// An error that concerns only the key that caused it (a paste refused): said until the next key.
    fn error_until_next_key(&mut self, text: String) {
        self.error(text);
        self.fading = self.status.clone();
    }

    /// Whether the status line says `message`.
    fn status_says(&self, message: crate::text::Msg) -> bool {
        self.status
            .as_ref()
            .is_some_and(|s| s.text == message.to_string())
    }

    fn info(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    fn error(&mut self, text: String) {
        self.status = Some(Status { text, error: true });
    }

    fn select(&mut self, index: usize) -> Option<Effect> {
        let page = list_rows(self.size.1).max(1);
        if self.results.len() < self.matched && index.saturating_add(page) >= self.results.len() {
            return Some(Effect::MoreResults {
                query: self.query(),
                select: index,
            });
        }
        if self.results.is_empty() {
            self.selected = 0;
            self.profile = None;
            return None;
        }
        let index = index.min(self.results.len() - 1);
        let changed = index != self.selected
            || self.profile.as_ref().map(|p| p.customer.id) != self.selected_id();
        self.selected = index;
        if changed {
            self.selected_id().map(Effect::Load)
        } else {
            None
        }
    }

    /// The same query searched again (records came in from another till): the customer highlighted, or
    /// open, stays highlighted, and open, when the results come, wherever they now sit in the list.
    pub fn search_again(&mut self) -> Effect {
        if let Some(id) = self.selected_id() {
            self.pending_select = Some((id, false));
        }
        Effect::Search(self.query())
    }

    /// Opens `id`'s card from an empty search (a draft brought back about them): the search that this
    /// returns selects them when its results come.
    pub fn open_customer(&mut self, id: Id) -> Effect {
        self.quick_tried = None;
        self.search = search_box();
        self.pending_select = Some((id, true));
        Effect::Search(String::new())
    }

    /// Starts the next search with `text` (typed or pasted on a customer, or over a question). What the
    /// status line said was about the customer before ("Visit logged…"), and would read as said of what
    /// comes next: it goes, unless it is an error.
    fn search_for(&mut self, text: &str) -> Option<Effect> {
        if self.status.as_ref().is_some_and(|s| !s.error) {
            self.status = None;
        }
        self.quick_tried = None;
        self.search = search_box();
        self.search.insert_str(text);
        self.focus = Focus::Search;
        Some(Effect::Search(self.query()))
    }

    fn clear_search(&mut self) -> Option<Effect> {
        self.quick_tried = None;
        self.search = search_box();
        self.focus = Focus::Search;
        Some(Effect::Search(String::new()))
    }
}

pub fn update(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::Command(command) => command_update(state, command),
        Action::Tentative { command, typed, at } if state.question.is_some() => {
            // `y`, `s` or `n` on a question may be the first letter of a name typed without looking:
            // the answer waits for the typing window.
            state.pending = Some(Pending {
                typed,
                at,
                effect: None,
                status_before: state.status.clone(),
                answer: Some(command),
            });
            None
        }
        Action::Tentative { command, typed, at } => {
            let status_before = state.status.clone();
            let effect = command_update(state, command);
            if let Some(effect) = &effect {
                let name = state
                    .profile
                    .as_ref()
                    .map(|p| crate::safe::line(&p.customer.name))
                    .unwrap_or_default();
                state.info(match effect {
                    Effect::LogVisit { .. } => text::visit_pending(&name),
                    _ => text::write_pending(&name),
                });
            }
            state.pending = Some(Pending {
                typed,
                at,
                effect,
                status_before,
                answer: None,
            });
            None
        }
        Action::Burst(more) => {
            let mut typed = String::new();
            if let Some(pending) = state.pending.take_if(|p| p.answer.is_some()) {
                // Letters typed onto a question: nothing is answered. Without a form the question
                // goes (as a "no") and the letters are the next search; over a form, the question stays
                // and the letters are dropped (they were not meant for it, nor for the form).
                if state.form.is_some() {
                    state.info(text::QUESTION_NOT_ANSWERED.to_string());
                    return None;
                }
                state.question = None;
                state.status = pending.status_before;
                typed.push(pending.typed);
                typed.push_str(&clean_paste(&more, false));
                return state.search_for(&typed);
            }
            if let Some(pending) = state.pending.take() {
                // Whatever the letter opened on the screen goes away: it was the start of a name.
                state.form = None;
                state.help = None;
                state.question = None;
                state.status = pending.status_before;
                typed.push(pending.typed);
            }
            typed.push_str(&clean_paste(&more, false));
            state.search_for(&typed)
        }
        Action::Settle => match state.pending.take() {
            Some(Pending {
                answer: Some(answer),
                ..
            }) => command_update(state, answer),
            Some(pending) => pending.effect,
            None => None,
        },
        Action::Paste(pasted) => keys::paste_update(state, &pasted),
        Action::Key(key) => key_update(state, key),
        Action::Resize { width, height } => {
            state.size = (width, height);
            None
        }
        Action::Results {
            ids,
            matched,
            total,
        } => {
            state.results = ids;
            state.matched = matched;
            state.total = total;
            match state.pending_select.take() {
                Some((id, open)) => {
                    let index = match state.results.iter().position(|&r| r == id) {
                        Some(i) => i,
                        None => {
                            // Counted only when the list is whole: otherwise it may be among the rest.
                            if state.results.len() == state.matched {
                                state.matched += 1;
                            }
                            state.results.insert(0, id);
                            0
                        }
                    };
                    if open {
                        state.focus = Focus::Customer;
                    }
                    state.selected = index;
                    Some(Effect::Load(id))
                }
                None => {
                    state.selected = usize::MAX;
                    state.select(0)
                }
            }
        }
        Action::MoreResults { ids, select } => {
            state.results = ids;
            state.matched = state.results.len();
            state.selected = usize::MAX;
            state.select(select)
        }
        Action::Loaded(Ok(profile)) => {
            // The card as it is now: a write it shows is not tried again by the next key.
            state.quick_tried = None;
            if Some(profile.customer.id) == state.selected_id() {
                let entries = profile.timeline().len();
                let same =
                    state.profile.as_ref().map(|p| p.customer.id) == Some(profile.customer.id);
                // The entry selected stays selected when the card is read again with entries added
                // above it (a record pulled from another till): the next `x` must not void another.
                let was = state.profile.as_ref().and_then(|p| {
                    p.timeline()
                        .get(state.timeline_selected)
                        .map(|event| event.id())
                });
                let now_at =
                    was.and_then(|id| profile.timeline().iter().position(|event| event.id() == id));
                state.profile = Some(*profile);
                if !same || entries == 0 {
                    state.timeline_selected = 0;
                    state.entry = None;
                    if state.focus == Focus::Timeline && entries == 0 {
                        state.focus = Focus::Customer;
                    }
                } else {
                    state.timeline_selected =
                        now_at.unwrap_or_else(|| state.timeline_selected.min(entries - 1));
                }
            }
            None
        }
        Action::Loaded(Err(reason)) => {
            state.profile = None;
            state.error(text::failed(&reason));
            None
        }
        Action::Saved {
            message,
            customer,
            open,
            undo,
        } => {
            state.form = None;
            state.quick_tried = None;
            state.undone = state.undone && undo.is_none();
            state.last_write = undo;
            state.info(message);
            state.pending_select = Some((customer, open));
            Some(Effect::Search(state.query()))
        }
        Action::NewNameChecked { query, existing } => match existing {
            // Shown once: Ctrl-N again on the same name adds another customer of that name.
            Some((id, name)) if state.duplicate_shown != Some(id) => {
                state.duplicate_shown = Some(id);
                state.info(text::already_a_customer(&name));
                match state.results.iter().position(|&r| r == id) {
                    Some(index) => {
                        state.focus = Focus::Customer;
                        state.selected = usize::MAX;
                        state.select(index)
                    }
                    None => Some(state.open_customer(id)),
                }
            }
            other => {
                state.duplicate_shown = None;
                let mut form = Form::new_customer_from_query(&query);
                // Ctrl-N again after being shown who has the name: another of that name, on purpose.
                form.same_name_ok = other.map(|(_, name)| name);
                state.form = Some(form);
                None
            }
        },
        Action::SameName {
            draft,
            name,
            attempt,
        } => {
            let effect = Effect::AddCustomer {
                same_name_ok: Some(draft.name.clone()),
                draft,
                attempt,
            };
            state.question = Some(Question::SameName { effect, name });
            None
        }
        Action::Removed(message) => {
            state.form = None;
            state.last_write = None;
            state.profile = None;
            state.info(message);
            // An empty search: Enter on the name still typed would add the person back.
            state.clear_search()
        }
        Action::ForgottenElsewhere { customer, message } => {
            if state
                .profile
                .as_ref()
                .is_some_and(|p| p.customer.id == customer)
            {
                state.form = None;
                state.entry = None;
                state.profile = None;
                state.focus = Focus::Search;
            }
            if state
                .last_write
                .as_ref()
                .is_some_and(|u| u.customer == customer)
            {
                state.last_write = None;
            }
            state.info(message);
            // The list without them; what was typed stays, and so does whom it highlights, unless that
            // was them.
            if state.selected_id() == Some(customer) {
                Some(Effect::Search(state.query()))
            } else {
                Some(state.search_again())
            }
        }
        Action::OpenCustomer(id) => Some(state.open_customer(id)),
        Action::TodayReady(view) => {
            state.due_today = view.due_today();
            state.today = Some(*view);
            state.pulse = None;
            None
        }
        Action::ReferrerMatches {
            query,
            matches,
            total,
        } => {
            if let Some(form) = &mut state.form {
                form.set_referrer_matches(&query, matches, total);
            }
            None
        }
        Action::PulseReady(pulse) => {
            state.pulse = Some(*pulse);
            state.today = None;
            None
        }
        Action::SaveFailed(reason) => {
            if state.form.is_some() {
                state.error(text::not_saved(&reason));
            } else {
                state.error(text::failed(&reason));
            }
            None
        }
    }
}
