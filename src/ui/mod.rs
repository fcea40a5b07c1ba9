//! The desk: a full-screen terminal UI in the Elm style. `state.rs` holds the state and `update`;
//! `keymap.rs` maps keys to commands; one file per pane or popup draws it; this file runs effects against
//! the book and drives the terminal.

mod detail;
pub mod draft;
mod entry;
pub mod form;
mod form_view;
mod help;
mod keybar;
pub mod keymap;
mod list;
mod search_line;
pub mod state;
pub mod theme;
mod timeline;
pub mod view;

use anyhow::Result;
use std::io::Write;
use std::time::Instant;

use crossterm::event::{self, Event, KeyEvent, KeyEventKind};
use ratatui::Frame;

use crate::book::Book;
use crate::clock::Clock;
use crate::config::Config;
use crate::safe;
use crate::text;
use form::{Form, FormKind};
use state::{Action, Effect, State, Undo, UndoStep, update};
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
    /// For the crash tests only (`REGULARS_TEST_PANIC_KEY=F5`): this key panics, to prove the terminal is
    /// restored and the draft kept.
    panic_key: Option<crossterm::event::KeyCode>,
    /// The backups the desk keeps by itself (none for a throwaway demo store, or when turned off).
    pub backups: Option<crate::backups::AutoBackups>,
    /// When the next daily backup is due while the desk stays open.
    pub next_backup: Option<Instant>,
    /// The desk's log file, cleared of a forgotten customer's id.
    pub log: Option<std::path::PathBuf>,
}

impl App {
    pub fn new(book: Book, clock: Clock, theme: Theme, currency: String) -> App {
        let mut app = App {
            state: State::new(clock, theme, currency),
            book,
            defer_searches: false,
            pending_search: None,
            pending_load: false,
            result_page: RESULT_PAGE,
            draft_written: None,
            panic_key: None,
            backups: None,
            next_backup: None,
            log: None,
        };
        app.dispatch_effect(Effect::Search(String::new()));
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
            draft::clear(self.book.path());
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
            | FormKind::Forget(id) => Some(id),
        };
        let mut form = match kind {
            FormKind::NewCustomer => Form::new_customer(""),
            FormKind::EditCustomer(id) => match self.book.customer(id) {
                Ok(customer) => Form::edit_customer(&customer),
                Err(_) => Form::edit_missing(id),
            },
            FormKind::Note(id) => Form::note(id, about(&self.book, id)),
            FormKind::Visit(id) => Form::visit(id, about(&self.book, id)),
            // Never saved as a draft; an old file claiming one offers nothing.
            FormKind::Forget(_) => return,
        };
        saved.fill(&mut form);
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
            } else {
                text::DRAFT_RESTORED.to_string()
            },
            error: gone,
        });
    }

    /// Keeps the draft file in step with the open form.
    fn keep_draft(&mut self) {
        match &self.state.form {
            Some(form) if form.is_dirty() && !matches!(form.kind, FormKind::Forget(_)) => {
                let Some(now) = draft::Draft::of(form) else {
                    return;
                };
                if self.draft_written.as_ref() != Some(&now) {
                    if let Err(e) = draft::save(self.book.path(), &now) {
                        tracing::warn!(error = %e, "the draft could not be kept");
                    }
                    self.draft_written = Some(now);
                }
            }
            _ if self.draft_written.is_some() => {
                draft::clear(self.book.path());
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
        if let Some(c) = keymap::typed_char(key)
            && self.within_typing_window(at)
        {
            self.dispatch(Action::Burst(c.to_string()));
            self.keep_draft();
            return;
        }
        self.settle();
        let mode = self.state.mode();
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
        self.keep_draft();
    }

    /// Text pasted at `at` (bracketed paste): text for the search or the form, never keys. Right after a
    /// tentative command letter it goes on with it, as typing would.
    pub fn paste_at(&mut self, text: &str, at: Instant) {
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

    /// Time has passed: a tentative command whose window is over stands, and its write is made; a daily
    /// backup that is due is made.
    pub fn tick(&mut self, now: Instant) {
        if self.deadline().is_some_and(|d| now >= d) {
            self.settle();
            self.keep_draft();
        }
        if self.next_backup.is_some_and(|due| now >= due) {
            self.next_backup = Some(now + crate::backups::EVERY);
            self.backup_now();
        }
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

    /// Gives the book back (the fuzz targets reuse one store across many desks).
    pub fn into_book(self) -> Book {
        self.book
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
            let action = self.perform(effect);
            Self::log(&action);
            next = update(&mut self.state, action);
        }
    }

    /// A customer whose name is `name` once both are folded (case, accents, apostrophes): their id and
    /// their name as written.
    fn customer_named(&self, name: &str) -> Option<(crate::domain::Id, String)> {
        self.book
            .search(name, Some(50))
            .into_iter()
            .filter_map(|id| self.book.entry(id).map(|e| (id, e.name)))
            .find(|(_, found)| same_name(found, name))
            .map(|(id, found)| (id, safe::line(found)))
    }

    fn name_of(&self, id: crate::domain::Id) -> String {
        self.book
            .entry(id)
            .map(|e| safe::line(e.name))
            .unwrap_or_default()
    }

    /// Runs one effect against the book; a write is durable before its "saved" action comes back.
    fn perform(&mut self, effect: Effect) -> Action {
        let clock = self.state.clock;
        let now = clock.now();
        let failed = |e: crate::store::StoreError| Action::SaveFailed(e.to_string());
        let undo = |step, customer, name: &str| {
            Some(Undo {
                step,
                customer,
                name: name.to_string(),
                at: now,
            })
        };
        match effect {
            Effect::Search(query) => {
                let (ids, matched) = self.book.search_counted(&query, Some(self.result_page));
                Action::Results {
                    ids,
                    matched,
                    total: self.book.len(),
                }
            }
            Effect::MoreResults { query, select } => Action::MoreResults {
                ids: self.book.search(&query, None),
                select,
            },
            Effect::Load(id) => {
                Action::Loaded(self.book.card(id).map(Box::new).map_err(|e| e.to_string()))
            }
            Effect::LogVisit {
                customer,
                amount_cents,
                what,
            } => match self.book.log_visit(customer, now, amount_cents, what) {
                Ok(visit) => {
                    let name = self.name_of(customer);
                    Action::Saved {
                        message: text::visit_logged(&name),
                        customer,
                        open: true,
                        undo: undo(UndoStep::Visit(visit.id), customer, &name),
                    }
                }
                Err(e) => failed(e),
            },
            Effect::AddNote {
                customer,
                kind,
                text: note,
                pinned,
            } => match self.book.add_note(customer, now, kind, note, pinned) {
                Ok(note) => {
                    let name = self.name_of(customer);
                    Action::Saved {
                        message: text::note_added(&name),
                        customer,
                        open: true,
                        undo: undo(UndoStep::Note(note.id), customer, &name),
                    }
                }
                Err(e) => failed(e),
            },
            Effect::AddCustomer {
                draft,
                same_name_ok,
            } if !same_name_ok
                .as_deref()
                .is_some_and(|ok| same_name(ok, &draft.name)) =>
            {
                match self.customer_named(&draft.name) {
                    Some((_, name)) => Action::SameName { draft, name },
                    None => self.perform(Effect::AddCustomer {
                        same_name_ok: Some(draft.name.clone()),
                        draft,
                    }),
                }
            }
            Effect::AddCustomer { draft, .. } => {
                match self.book.add_customer(draft, now, clock.today()) {
                    Ok(c) => {
                        let name = safe::line(&c.name);
                        Action::Saved {
                            message: text::customer_added(&name),
                            customer: c.id,
                            open: true,
                            undo: undo(UndoStep::Added, c.id, &name),
                        }
                    }
                    Err(e) => failed(e),
                }
            }
            Effect::UpdateCustomer(id, draft) => {
                let before = self.book.customer(id);
                match before.and_then(|before| {
                    self.book
                        .update_customer(id, draft, now)
                        .map(|after| (before, after))
                }) {
                    Ok((before, c)) => {
                        let name = safe::line(&c.name);
                        Action::Saved {
                            message: text::customer_saved(&name),
                            customer: c.id,
                            open: true,
                            undo: undo(UndoStep::Edit(Box::new(before)), c.id, &name),
                        }
                    }
                    Err(e) => failed(e),
                }
            }
            Effect::CheckNewName(query) => Action::NewNameChecked {
                existing: self.customer_named(&query),
                query,
            },
            Effect::Undo(Undo {
                step,
                customer,
                name,
                ..
            }) => {
                let done = match &step {
                    UndoStep::Visit(event) | UndoStep::Note(event) | UndoStep::Void(event) => {
                        self.book.void(*event, now).map(|_| ())
                    }
                    UndoStep::Edit(before) => self.book.revert_customer(before, now).map(|_| ()),
                    UndoStep::Added => self.book.remove_new_customer(customer),
                };
                let message = text::undone(step.word(), &safe::line(&name));
                match done {
                    Ok(()) if matches!(step, UndoStep::Added) => Action::Removed(message),
                    Ok(()) => Action::Saved {
                        message,
                        customer,
                        open: true,
                        undo: None,
                    },
                    Err(e) => failed(e),
                }
            }
            Effect::Forget(customer) => {
                let name = self.name_of(customer);
                match self.book.forget(customer, now, &mut |_| {}) {
                    Ok(_) => {
                        // The log names ids, never people; the forgotten one's id leaves it too.
                        if let Some(log) = &self.log
                            && let Err(e) =
                                crate::files::drop_lines_containing(log, &customer.to_string())
                        {
                            tracing::warn!(error = %e, "the log could not be cleared of an id");
                        }
                        Action::Removed(text::forgotten_here(&name))
                    }
                    Err(e) => failed(e),
                }
            }
            Effect::Void { event, customer } => match self.book.void(event, now) {
                Ok(voided) => {
                    let name = self.name_of(customer);
                    Action::Saved {
                        message: text::voided(
                            voided.kind == crate::domain::EventKind::Visit,
                            &name,
                        ),
                        customer,
                        open: false,
                        undo: undo(UndoStep::Void(voided.void.id), customer, &name),
                    }
                }
                Err(e) => failed(e),
            },
        }
    }

    fn log(action: &Action) {
        match action {
            Action::Saved { customer, .. } => tracing::info!(customer = %customer, "saved"),
            Action::SaveFailed(reason) => tracing::warn!(%reason, "not saved"),
            Action::Loaded(Err(reason)) => tracing::warn!(%reason, "could not load a customer"),
            _ => {}
        }
    }

    pub fn draw(&self, frame: &mut Frame) {
        view::draw(frame, &self.state, &self.book);
    }
}

/// Whether two names are the same once folded (case, accents, apostrophes: `teresa damato` is
/// `Teresa D'Amato`).
fn same_name(a: &str, b: &str) -> bool {
    crate::search::fold_words(a) == crate::search::fold_words(b)
}

/// Turns the terminal's bracketed paste on or off (off again on every way out, a panic included).
fn paste_mode(on: bool) {
    use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
    let mut out = std::io::stdout();
    let done = if on {
        crossterm::execute!(out, EnableBracketedPaste)
    } else {
        crossterm::execute!(out, DisableBracketedPaste)
    };
    if let Err(e) = done {
        tracing::warn!(error = %e, on, "bracketed paste could not be switched");
    }
}

/// Runs the desk in the terminal until the user quits. The terminal is restored on every way out,
/// including a panic (ratatui's `init` installs a hook that restores it first).
pub fn run(
    book: Book,
    config: Config,
    clock: Clock,
    log: Option<std::path::PathBuf>,
) -> Result<()> {
    let mut app = App::new(
        book,
        clock,
        Theme::from_env(),
        config.counter.currency.clone(),
    );
    app.defer_searches = true;
    app.panic_key = std::env::var("REGULARS_TEST_PANIC_KEY")
        .ok()
        .and_then(|k| k.strip_prefix('F')?.parse().ok())
        .map(crossterm::event::KeyCode::F);
    tracing::info!(store = %app.book.path().display(), customers = app.book.len(), "desk opened");
    let backups = crate::backups::AutoBackups::new(app.book.path(), &config.backup);
    if backups.enabled() {
        app.backups = Some(backups);
        app.next_backup = Some(Instant::now() + crate::backups::EVERY);
        app.say_when_backups_are_stale(std::time::SystemTime::now());
    }
    // A terminal that went away before the desk could take it (its window closed at once) is a sentence,
    // not a panic.
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => {
            let _ = ratatui::try_restore();
            tracing::warn!(error = %e, "the terminal could not be set up");
            app.into_book().close();
            anyhow::bail!(text::NO_TERMINAL);
        }
    };
    // Pasted text arrives as one event, never as keys (so a line break in it cannot save a form).
    paste_mode(true);
    // ratatui's hook restores the terminal and prints the panic; then say what it means for the shop.
    let restore = std::panic::take_hook();
    let log_text = log.as_ref().map(|l| l.display().to_string());
    app.log = log;
    std::panic::set_hook(Box::new(move |info| {
        if crate::store::panicking_quietly() {
            // A damaged store opening behind the first frame: caught, and said in a sentence.
            return;
        }
        tracing::error!(location = ?info.location(), "the desk stopped on a panic");
        paste_mode(false);
        restore(info);
        // The terminal may be gone (its window closed): a failed write must not panic again here.
        let _ = writeln!(std::io::stderr(), "{}", text::crashed(log_text.as_deref()));
    }));
    let result = (|| -> Result<()> {
        let size = terminal.size()?;
        app.dispatch(Action::Resize {
            width: size.width,
            height: size.height,
        });
        loop {
            terminal.draw(|frame| app.draw(frame))?;
            if app.state.quit {
                return Ok(());
            }
            // The store may still be opening behind the first frame: keys are taken meanwhile (searching
            // needs only the index), and a store that failed to open ends the desk with its sentence.
            if app.book.is_opening() {
                while app.book.is_opening() && !event::poll(OPENING_POLL)? {
                    app.check_store()?;
                }
                app.check_store()?;
                if !event::poll(std::time::Duration::ZERO)? {
                    // The store opened with no key waiting: draw what it brought (the card).
                    continue;
                }
            }
            // A tentative command letter settles when its typing window passes with no key after it; a
            // signal (SIGTERM, the window closed) ends the desk as Ctrl-Q does.
            let until = match (app.deadline(), app.next_backup) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            match crate::signals::wait_for_event(until)? {
                crate::signals::Wait::Signal => return Ok(()),
                crate::signals::Wait::Deadline => {
                    app.tick(Instant::now());
                    continue;
                }
                crate::signals::Wait::Event => {}
            }
            // Everything already typed is applied before the next search and frame.
            let mut event = event::read()?;
            loop {
                match event {
                    Event::Key(key) => app.press(key),
                    Event::Paste(text) => app.paste_at(&text, Instant::now()),
                    Event::Resize(width, height) => app.dispatch(Action::Resize { width, height }),
                    _ => {}
                }
                if !event::poll(std::time::Duration::ZERO)? {
                    break;
                }
                event = event::read()?;
            }
            app.flush_search();
            app.check_store()?;
        }
    })();
    paste_mode(false);
    // Not `ratatui::restore()`, which prints its error with eprintln and so panics on a terminal that
    // went away (its window closed).
    if let Err(e) = ratatui::try_restore() {
        tracing::warn!(error = %e, "the terminal could not be restored");
    }
    // The closing backup (when the desk ends cleanly; a store that failed is not copied).
    if result.is_ok()
        && let Some(backups) = app.backups.take()
        && let Err(e) = backups.make(&mut app.book, clock.now())
    {
        tracing::warn!(error = %e, "the closing backup failed");
        let _ = writeln!(std::io::stderr(), "{}", text::backup_failed(&e.to_string()));
    }
    app.into_book().close();
    tracing::info!(ok = result.is_ok(), "desk closed");
    result
}
