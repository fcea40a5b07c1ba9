//! The desk's state and its one `update` function: (state, action) → next state and maybe an effect.
//! Effects (store writes, loads, searches) are run by the loop in `mod.rs`; their results come back as
//! actions, so this file has no I/O and every transition is testable.

use crossterm::event::{KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::form::{Form, FormKind};
use super::keymap::{Command, Mode};
use super::theme::Theme;
use super::view::list_rows;
use crate::book::Profile;
use crate::clock::Clock;
use crate::domain::{CustomerDraft, Id, InputLimits, NoteKind, parse_amount};
use crate::text::{self, InputError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Search,
    Customer,
}

/// A yes/no question on top of everything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    DiscardForm,
    Quit,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub enum Action {
    Command(Command),
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
    },
    SaveFailed(String),
}

#[derive(Debug, PartialEq)]
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
    },
    AddNote {
        customer: Id,
        kind: NoteKind,
        text: String,
        pinned: bool,
    },
    AddCustomer(CustomerDraft),
    UpdateCustomer(Id, CustomerDraft),
}

pub struct State {
    pub search: TextArea<'static>,
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
    pub question: Option<Question>,
    /// The selected customer, loaded in full.
    pub profile: Option<Profile>,
    pub status: Option<Status>,
    pub size: (u16, u16),
    pub quit: bool,
    /// After a save, select this customer when the results come back.
    pending_select: Option<(Id, bool)>,
    pub clock: Clock,
    pub theme: Theme,
    pub currency: String,
}

pub fn search_box() -> TextArea<'static> {
    let mut area = TextArea::default();
    area.set_placeholder_text(text::SEARCH_PLACEHOLDER);
    area
}

impl State {
    pub fn new(clock: Clock, theme: Theme, currency: String) -> State {
        State {
            search: search_box(),
            results: Vec::new(),
            matched: 0,
            selected: 0,
            total: 0,
            focus: Focus::Search,
            form: None,
            help: None,
            question: None,
            profile: None,
            status: None,
            size: (80, 24),
            quit: false,
            pending_select: None,
            clock,
            theme,
            currency,
        }
    }

    pub fn query(&self) -> String {
        self.search.lines().join(" ")
    }

    pub fn mode(&self) -> Mode {
        if self.question.is_some() {
            Mode::Confirm
        } else if self.help.is_some() {
            Mode::Help
        } else if self.form.is_some() {
            Mode::Form
        } else if self.focus == Focus::Customer {
            Mode::Customer
        } else {
            Mode::Search
        }
    }

    pub fn selected_id(&self) -> Option<Id> {
        self.results.get(self.selected).copied()
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

    fn clear_search(&mut self) -> Option<Effect> {
        self.search = search_box();
        self.focus = Focus::Search;
        Some(Effect::Search(String::new()))
    }
}

/// Feeds a key to a one-line text box: line breaks are refused.
pub fn single_line_input(area: &mut TextArea<'static>, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let breaks = matches!(key.code, crossterm::event::KeyCode::Enter)
        || (ctrl && matches!(key.code, crossterm::event::KeyCode::Char('m' | 'j')));
    if !breaks {
        area.input(key);
    }
}

pub fn update(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::Command(command) => command_update(state, command),
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
            if Some(profile.customer.id) == state.selected_id() {
                state.profile = Some(*profile);
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
        } => {
            state.form = None;
            state.info(message);
            state.pending_select = Some((customer, open));
            Some(Effect::Search(state.query()))
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

fn key_update(state: &mut State, key: KeyEvent) -> Option<Effect> {
    match state.mode() {
        Mode::Search => {
            let before = state.query();
            single_line_input(&mut state.search, key);
            let query = state.query();
            (query != before).then_some(Effect::Search(query))
        }
        Mode::Customer => {
            // Typing a name while on a customer starts the next search.
            let plain = !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match key.code {
                crossterm::event::KeyCode::Char(c) if plain && !c.is_control() => {
                    state.search = search_box();
                    state.search.insert_char(c);
                    state.focus = Focus::Search;
                    Some(Effect::Search(state.query()))
                }
                _ => None,
            }
        }
        Mode::Form => {
            if let Some(form) = &mut state.form {
                form.input(key);
            }
            None
        }
        Mode::Help | Mode::Confirm => None,
    }
}

fn command_update(state: &mut State, command: Command) -> Option<Effect> {
    let page = list_rows(state.size.1).max(1);
    match command {
        Command::Quit => {
            if state.form.as_ref().is_some_and(Form::is_dirty) {
                state.question = Some(Question::Quit);
            } else {
                state.quit = true;
            }
            None
        }
        Command::Help => {
            state.help = Some(state.mode());
            None
        }
        Command::CloseHelp => {
            state.help = None;
            None
        }
        Command::NewCustomer => {
            state.form = Some(Form::new_customer(state.query().trim()));
            None
        }
        Command::Up => state.select(state.selected.saturating_sub(1)),
        Command::Down => state.select(state.selected.saturating_add(1)),
        Command::PageUp => state.select(state.selected.saturating_sub(page)),
        Command::PageDown => state.select(state.selected.saturating_add(page)),
        Command::Home => state.select(0),
        Command::End => state.select(usize::MAX),
        Command::Open => {
            if state.results.is_empty() {
                let query = state.query();
                if !query.trim().is_empty() {
                    state.form = Some(Form::new_customer(query.trim()));
                }
            } else {
                state.focus = Focus::Customer;
            }
            None
        }
        Command::ClearSearch | Command::Back => {
            state.status = None;
            state.clear_search()
        }
        Command::LogVisit => state.selected_id().map(|customer| Effect::LogVisit {
            customer,
            amount_cents: None,
            what: None,
        }),
        Command::VisitForm => {
            state.form = state.selected_id().map(Form::visit);
            None
        }
        Command::AddNote => {
            state.form = state.selected_id().map(Form::note);
            None
        }
        Command::Edit => {
            if let Some(profile) = &state.profile {
                state.form = Some(Form::edit_customer(&profile.customer));
            }
            None
        }
        Command::NextField => {
            if let Some(form) = &mut state.form {
                form.next_field();
            }
            None
        }
        Command::PrevField => {
            if let Some(form) = &mut state.form {
                form.prev_field();
            }
            None
        }
        Command::NewLine => {
            if let Some(form) = &mut state.form {
                form.new_line();
            }
            None
        }
        Command::Save => save(state),
        Command::Cancel => {
            match &state.form {
                Some(form) if form.is_dirty() => state.question = Some(Question::DiscardForm),
                _ => state.form = None,
            }
            None
        }
        Command::Yes => {
            match state.question.take() {
                Some(Question::DiscardForm) => {
                    state.form = None;
                    state.info(text::FORM_CANCELLED.to_string());
                }
                Some(Question::Quit) => state.quit = true,
                None => {}
            }
            None
        }
        Command::No => {
            state.question = None;
            None
        }
    }
}

/// Validates the open form; a bad field is marked and keeps everything typed.
fn save(state: &mut State) -> Option<Effect> {
    let today = state.clock.today();
    let form = state.form.as_mut()?;
    let result: Result<Effect, (usize, InputError)> = match form.kind {
        FormKind::NewCustomer | FormKind::EditCustomer(_) => {
            let original = match form.kind {
                FormKind::EditCustomer(id) => state
                    .profile
                    .as_ref()
                    .filter(|p| p.customer.id == id)
                    .map(|p| p.customer.to_text()),
                _ => None,
            };
            let typed = match &original {
                Some(original) => form.customer_text_over(original),
                None => form.customer_text(),
            };
            CustomerDraft::from_text(&typed, today)
                .map(|draft| match form.kind {
                    FormKind::EditCustomer(id) => Effect::UpdateCustomer(id, draft),
                    _ => Effect::AddCustomer(draft),
                })
                .map_err(|(field, e)| (Form::customer_field_index(field), e))
        }
        FormKind::Note(customer) => {
            let note = form.value(0);
            if note.trim().is_empty() {
                Err((0, InputError::NoteRequired))
            } else if note.chars().count() > InputLimits::FIELD_CHARS {
                Err((0, InputError::TooLong(InputLimits::FIELD_CHARS)))
            } else {
                Ok(Effect::AddNote {
                    customer,
                    kind: NoteKind::ALL
                        .get(form.choice(1))
                        .copied()
                        .unwrap_or_default(),
                    text: note.trim_end().to_string(),
                    pinned: form.toggle(2),
                })
            }
        }
        FormKind::Visit(customer) => {
            let amount = form.value(0);
            let what = form.value(1);
            let amount_cents = if amount.trim().is_empty() {
                Ok(None)
            } else {
                parse_amount(&amount).map(Some).map_err(|e| (0, e))
            };
            amount_cents.and_then(|amount_cents| {
                if what.chars().count() > InputLimits::FIELD_CHARS {
                    return Err((1, InputError::TooLong(InputLimits::FIELD_CHARS)));
                }
                Ok(Effect::LogVisit {
                    customer,
                    amount_cents,
                    what: Some(what.trim().to_string()).filter(|w| !w.is_empty()),
                })
            })
        }
    };
    match result {
        Ok(effect) => {
            form.clear_errors();
            Some(effect)
        }
        Err((field, error)) => {
            form.set_error(field, error.to_string());
            state.error(text::FIX_FIELD.to_string());
            None
        }
    }
}
