//! The desk: a full-screen terminal UI in the Elm style. `state.rs` holds the state and `update`;
//! `keymap.rs` maps keys to commands; one file per pane or popup draws it. This file is the `App`: the
//! state with the book, keys and time fed to it; `effects.rs` runs its effects against the book, and
//! `terminal.rs` drives the real terminal.

mod detail;
pub mod draft;
mod effects;
mod entry;
pub mod form;
mod form_view;
mod help;
mod keybar;
pub mod keymap;
mod list;
mod privacy;
mod pulse;
mod search_line;
pub mod state;
mod sync;
mod terminal;
mod text_box;
pub mod theme;
mod timeline;
mod today;
pub mod view;

pub use terminal::run;

use anyhow::Result;
use std::time::Instant;

use crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::Frame;

use crate::book::Book;
use crate::clock::Clock;
use crate::domain::Attempt;
use crate::safe;
use crate::text;
use form::{Form, FormKind};
use state::{Action, Effect, State, update};
use theme::Theme;

/// The state together with the book its effects run against. Tests drive it with keys and draw it on a
/// `TestBackend`; the terminal loop does the same with real keys.
/// The first screens of a search: a query matching most of a million customers hands the list this many
/// (the count is exact), so the list follows the fingers; scrolling near the end fetches the rest.
pub const RESULT_PAGE: usize = 1_000;

/// How often the loop looks whether a store opening behind the first frame is ready.
const OPENING_POLL: std::time::Duration = std::time::Duration::from_millis(5);

pub struct App {
    pub state: State,
    pub book: Book,
    /// When set, a search asked for by typing waits in `pending_search` until [`App::flush_search`]:
    /// keys typed faster than a search on a big store are all applied first, and only the latest query
    /// is searched (the terminal loop does this; tests search at once).
    pub defer_searches: bool,
    pending_search: Option<String>,
    /// A card asked for while the store was still opening behind the first frame (see
    /// [`App::check_store`]): the card pane says it is loading until then.
    pending_load: bool,
    /// How many matches a search hands the list at first ([`RESULT_PAGE`]); the rest come when the
    /// selection nears the end. Tests make it small.
    pub result_page: usize,
    /// What the draft file holds, if there is one: a key that changes nothing (Tab, an arrow) writes nothing.
    draft_written: Option<draft::Draft>,
    /// Writes the draft file from a thread of its own.
    drafts: draft::Keeper,
    /// For the crash tests only (`REGULARS_TEST_PANIC_KEY=F5`, read only in a `test-hooks` build): this
    /// key panics, to prove the terminal is restored and the draft kept.
    panic_key: Option<crossterm::event::KeyCode>,
    /// The backups the desk keeps by itself (none for a throwaway demo store, or when turned off).
    pub backups: Option<crate::backups::AutoBackups>,
    /// When the next daily backup is due while the desk stays open.
    pub next_backup: Option<Instant>,
    /// The desk's log file, cleared of a forgotten customer's id.
    pub log: Option<std::path::PathBuf>,
    /// The privacy screen comes up by itself after this long with no key (`[counter] hide_after_minutes`;
    /// none: never).
    pub hide_after: Option<std::time::Duration>,
    /// When the last key or paste came.
    last_input: Option<Instant>,
    /// Syncing with the hub in the background, when one is set (`ui::sync`).
    sync: Option<sync::DeskSync>,
}

impl App {
    pub fn new(book: Book, clock: Clock, theme: Theme, currency: String) -> App {
        let drafts = draft::Keeper::new(book.path());
        let mut app = App {
            state: State::new(clock, theme, currency),
            book,
            defer_searches: false,
            pending_search: None,
            pending_load: false,
            result_page: RESULT_PAGE,
            draft_written: None,
            drafts,
            panic_key: None,
            backups: None,
            next_backup: None,
            log: None,
            hide_after: None,
            last_input: Some(Instant::now()),
            sync: None,
        };
        app.dispatch_effect(Effect::Search(String::new()));
        app.refresh_due();
        app.restore_draft();
        app
    }

    /// Reopens the form left unsaved by the last desk (a crash, a closed window), with what was typed, on
    /// the customer it is about: their card is opened beneath it and its title names them. A draft about
    /// a customer who is gone says so and keeps its text until Esc.
    fn restore_draft(&mut self) {
        let Some(saved) = draft::load(self.book.path()) else {
            return;
        };
        let Some(kind) = saved.form_kind() else {
            // Unreadable: nothing to offer.
            self.drafts.clear();
            return;
        };
        let about = |book: &Book, id| match book.entry(id) {
            Some(entry) => form::About::Named(safe::line(entry.name)),
            None => form::About::Gone,
        };
        let customer = match kind {
            FormKind::NewCustomer => None,
            FormKind::EditCustomer(id)
            | FormKind::Note(id)
            | FormKind::Visit(id)
            | FormKind::Promise(id)
            | FormKind::Forget(id) => Some(id),
        };
        let mut form = match kind {
            FormKind::NewCustomer => Form::new_customer(""),
            FormKind::EditCustomer(id) => match self.book.customer(id) {
                Ok(customer) => {
                    let consent = self.book.entry(id).map(|e| e.consent).unwrap_or_default();
                    let referrer = customer
                        .referred_by
                        .and_then(|r| self.book.entry(r).map(|e| (r, e.name.to_string())));
                    Form::edit_customer(&customer, consent, referrer)
                }
                Err(_) => Form::edit_missing(id),
            },
            FormKind::Note(id) => {
                let complaint = self
                    .book
                    .card(id)
                    .ok()
                    .and_then(|p| p.open_complaints().first().map(|c| c.id));
                Form::note(id, about(&self.book, id), complaint)
            }
            FormKind::Visit(id) => Form::visit(id, about(&self.book, id)),
            FormKind::Promise(id) => Form::promise(id, about(&self.book, id)),
            // Never saved as a draft; an old file claiming one offers nothing.
            FormKind::Forget(_) => return,
        };
        saved.fill(&mut form);
        // The power may have gone between the form's save and its draft's removal, or the disk failed
        // after the store took the save in: what it saves is in the store already. It is offered all the
        // same (it may have been changed since, or saved only in part, as a customer without the
        // consent ticked), with its first try's id, so Enter saves that same record again, once.
        let saved_before = form
            .attempt
            .is_some_and(|attempt| self.saved_already(kind, attempt));
        let gone = form.about == form::About::Gone;
        self.draft_written = draft::Draft::of(&form);
        self.state.form = Some(form);
        if let Some(id) = customer.filter(|_| !gone) {
            let effect = self.state.open_customer(id);
            self.dispatch_effect(effect);
        }
        self.state.status = Some(state::Status {
            text: if gone {
                text::DRAFT_RESTORED_GONE.to_string()
            } else if saved_before {
                text::DRAFT_SAVED_ALREADY.to_string()
            } else {
                text::DRAFT_RESTORED.to_string()
            },
            error: gone,
        });
    }

    /// Whether a try of the form of kind `kind` whose first try at saving was `attempt` is in the store.
    fn saved_already(&mut self, kind: FormKind, attempt: Attempt) -> bool {
        match kind {
            FormKind::NewCustomer => self.book.entry(attempt.id).is_some(),
            // An edit saved by that try carries its very time.
            FormKind::EditCustomer(id) => self
                .book
                .customer(id)
                .is_ok_and(|c| c.updated_at == attempt.at),
            FormKind::Note(customer) | FormKind::Visit(customer) | FormKind::Promise(customer) => {
                self.book
                    .store()
                    .and_then(|store| store.has_event(customer, attempt.id))
                    .unwrap_or(false)
            }
            FormKind::Forget(_) => false,
        }
    }

    /// Keeps the draft file in step with the open form.
    fn keep_draft(&mut self) {
        match &self.state.form {
            Some(form) if form.worth_keeping() && !matches!(form.kind, FormKind::Forget(_)) => {
                let Some(now) = draft::Draft::of(form) else {
                    return;
                };
                if self.draft_written.as_ref() != Some(&now) {
                    self.drafts.save(&now);
                    self.draft_written = Some(now);
                }
            }
            _ if self.draft_written.is_some() => {
                self.drafts.clear();
                self.draft_written = None;
            }
            _ => {}
        }
    }

    /// A key press from the keyboard now (repeats and releases are ignored).
    pub fn press(&mut self, key: KeyEvent) {
        self.press_at(key, Instant::now());
    }

    /// A key press that came at `at`. A letter that is a command on a customer is tentative: a letter
    /// within [`keymap::TYPING_WINDOW`] after it makes them both the next search (a name being typed), and
    /// the write it asks for is made only once the window has passed ([`App::tick`]) or another kind of
    /// key comes.
    pub fn press_at(&mut self, key: KeyEvent, at: Instant) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        if self.panic_key == Some(key.code) {
            panic!("the test panic key was pressed");
        }
        self.last_input = Some(at);
        if self.state.hidden {
            // The privacy screen: the key only brings the desk back, whatever it is.
            self.state.hidden = false;
            return;
        }
        self.state.input_came();
        if let Some(c) = keymap::typed_char(key)
            && self.within_typing_window(at)
        {
            self.dispatch(Action::Burst(c.to_string()));
            self.keep_draft();
            return;
        }
        self.settle();
        let mode = self.state.mode();
        let form_before = self.state.form.is_some();
        let status_before = self.state.status.clone();
        let action = match (keymap::resolve(mode, key), keymap::typed_char(key)) {
            (Some(command), Some(typed)) if keymap::is_tentative(mode, key) => {
                self.flush_search();
                Action::Tentative { command, typed, at }
            }
            (Some(command), _) => {
                // A command acts on the results: they must be those of what was typed.
                self.flush_search();
                Action::Command(command)
            }
            (None, _) => Action::Key(key),
        };
        self.dispatch(action);
        // A form this key opened starts with a clean status line: what it said belonged to what came
        // before ("Visit logged for …"). An error stays, and so does what the key itself said.
        if !form_before
            && self.state.form.is_some()
            && self.state.status == status_before
            && status_before.is_some_and(|s| !s.error)
        {
            self.state.status = None;
        }
        self.keep_draft();
    }

    /// Text pasted at `at` (bracketed paste): text for the search or the form, never keys. Right after a
    /// tentative command letter it goes on with it, as typing would.
    pub fn paste_at(&mut self, text: &str, at: Instant) {
        self.last_input = Some(at);
        if self.state.hidden {
            // Nothing reaches a hidden desk: not even text.
            return;
        }
        self.state.input_came();
        if self.within_typing_window(at) {
            self.dispatch(Action::Burst(text.to_string()));
        } else {
            self.settle();
            self.dispatch(Action::Paste(text.to_string()));
        }
        self.keep_draft();
    }

    fn within_typing_window(&self, at: Instant) -> bool {
        self.state
            .pending
            .as_ref()
            .is_some_and(|p| at.saturating_duration_since(p.at) < keymap::TYPING_WINDOW)
    }

    /// When a tentative command settles if no letter comes first.
    pub fn deadline(&self) -> Option<Instant> {
        self.state
            .pending
            .as_ref()
            .map(|p| p.at + keymap::TYPING_WINDOW)
    }

    /// When the privacy screen comes up by itself, if it is set to and not up already.
    fn hide_at(&self) -> Option<Instant> {
        match (self.hide_after, self.last_input) {
            (Some(after), Some(last)) if !self.state.hidden => Some(last + after),
            _ => None,
        }
    }

    /// When the loop must call [`App::tick`] even with no key: a tentative command settling, a daily
    /// backup, the privacy screen coming up by itself, the privacy screen's clock moving on, a look at
    /// what the sync thread answered, or (every ten minutes) a look at whether the day changed.
    pub fn wake_at(&self, now: Instant) -> Option<Instant> {
        let clock = self
            .state
            .hidden
            .then(|| now + std::time::Duration::from_secs(20));
        let day = Some(now + std::time::Duration::from_secs(600));
        [
            self.deadline(),
            self.next_backup,
            self.hide_at(),
            clock,
            day,
            self.sync.as_ref().map(|s| s.wake_at(now)),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Time has passed: a tentative command whose window is over stands, and its write is made; a daily
    /// backup that is due is made; after long enough with no key, the privacy screen comes up.
    pub fn tick(&mut self, now: Instant) {
        if self.deadline().is_some_and(|d| now >= d) {
            self.settle();
            self.keep_draft();
        }
        if self.next_backup.is_some_and(|due| now >= due) {
            self.next_backup = Some(now + crate::backups::EVERY);
            self.backup_now();
        }
        // A desk left open overnight counts the new day's agenda.
        if self.state.due_day != Some(self.state.clock.today()) {
            self.refresh_due();
        }
        if self.hide_at().is_some_and(|at| now >= at) {
            self.settle();
            self.keep_draft();
            self.state.hidden = true;
        }
        self.sync_step(now);
    }

    /// Makes a backup now (the daily one) and says how it went on the status line.
    pub fn backup_now(&mut self) {
        let Some(backups) = &self.backups else {
            return;
        };
        let made = backups.make(&mut self.book, self.state.clock.now());
        self.state.status = Some(match made {
            Ok(file) => state::Status {
                // The file's name alone: the whole path would not fit the status line.
                text: text::backup_made(
                    &file
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default(),
                ),
                error: false,
            },
            Err(e) => {
                tracing::warn!(error = %e, "the daily backup failed");
                state::Status {
                    text: text::backup_failed(&e.to_string()),
                    error: true,
                }
            }
        });
    }

    /// At the start: when the last backup is more than two days old (or there is none of a store that
    /// holds customers), the status line says so.
    pub fn say_when_backups_are_stale(&mut self, now: std::time::SystemTime) {
        let Some(backups) = &self.backups else {
            return;
        };
        let text = match backups.last() {
            Some(last) => {
                let age = now.duration_since(last).unwrap_or_default();
                if age <= crate::backups::STALE {
                    return;
                }
                text::backup_stale(
                    age.as_secs() / 86_400,
                    &backups.folder.display().to_string(),
                )
            }
            None if !self.book.is_empty() => text::NO_BACKUP_YET.to_string(),
            None => return,
        };
        if self.state.status.is_none() {
            self.state.status = Some(state::Status { text, error: true });
        }
    }

    fn settle(&mut self) {
        if self.state.pending.is_some() {
            self.flush_search();
            self.dispatch(Action::Settle);
        }
    }

    /// Counts what is due today for the key bar ("3 due"): from the search index alone.
    pub fn refresh_due(&mut self) {
        let clock = self.state.clock;
        self.state.due_day = Some(clock.today());
        self.state.due_today = self
            .book
            .agenda_slots(&clock)
            .iter()
            .filter(|(_, item)| item.is_today(clock.today()))
            .count();
    }

    /// Gives the book back (the fuzz targets reuse one store across many desks), once the draft file is
    /// as the desk left it.
    pub fn into_book(self) -> Book {
        let App { book, drafts, .. } = self;
        drop(drafts);
        book
    }

    /// Waits until the draft file is as the desk last asked (the tests look at it).
    pub fn settle_drafts(&mut self) {
        self.drafts.settle();
    }

    /// For the loop, while the store may still be opening behind the first frame: once it is open, the
    /// list is searched again if the index had to catch up with it, and a card asked for meanwhile is
    /// loaded. A store that failed to open is this error (the desk ends with its sentence).
    pub fn check_store(&mut self) -> Result<(), crate::store::StoreError> {
        if self.book.check_open()? {
            self.pending_load = false;
            self.run_effects(Effect::Search(self.state.query()));
        }
        if self.pending_load && !self.book.is_opening() {
            self.pending_load = false;
            if let Some(id) = self.state.selected_id()
                && self.state.profile.as_ref().map(|p| p.customer.id) != Some(id)
            {
                self.run_effects(Effect::Load(id));
            }
        }
        Ok(())
    }

    /// Runs the search that typing deferred, if any.
    pub fn flush_search(&mut self) {
        if let Some(query) = self.pending_search.take() {
            self.run_effects(Effect::Search(query));
        }
    }

    pub fn dispatch(&mut self, action: Action) {
        if let Some(effect) = update(&mut self.state, action) {
            self.dispatch_effect(effect);
        }
    }

    fn dispatch_effect(&mut self, first: Effect) {
        match first {
            Effect::Search(query) if self.defer_searches => self.pending_search = Some(query),
            effect => self.run_effects(effect),
        }
    }

    fn run_effects(&mut self, first: Effect) {
        let mut next = Some(first);
        while let Some(effect) = next {
            if let Effect::Load(_) = effect
                && self.book.is_opening()
            {
                self.pending_load = true;
                return;
            }
            // A form's draft holds its first try at saving (the record's id) on disk before that try
            // is written: a power cut between the save and the draft's removal then brings the form
            // back with that id, and saving it again writes the same record.
            // (When the disk refuses the draft, the save goes ahead all the same: it is the write that
            // matters; the draft is tried again at the next change.)
            if effect.tries_a_save() && self.state.form.is_some() {
                self.keep_draft();
                if !self.drafts.settle() {
                    self.draft_written = None;
                }
            }
            // A visit changes nothing on the agenda; any other write may (the count reads the whole index).
            let visit = matches!(effect, Effect::LogVisit { .. });
            let action = self.perform(effect);
            Self::log(&action);
            let wrote = matches!(action, Action::Saved { .. } | Action::Removed(_));
            next = update(&mut self.state, action);
            if wrote && !visit {
                self.refresh_due();
            }
            if wrote {
                self.sync_wrote();
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame) {
        view::draw(frame, &self.state, &self.book);
    }
}
