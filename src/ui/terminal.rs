//! The desk in the real terminal: raw mode and the alternate screen, bracketed paste, the loop that feeds
//! keys, pastes, time and signals to the `App`, and the terminal given back on every way out.

use std::io::Write;
use std::time::Instant;

use anyhow::Result;
use crossterm::event::{self, Event};

use super::state::Action;
use super::theme::Theme;
use super::{App, OPENING_POLL};
use crate::book::Book;
use crate::clock::Clock;
use crate::config::Config;
use crate::text;

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
/// The desk on `book` until it is closed; a `throwaway` store (`--demo`) is removed afterwards, so the
/// desk says nothing comes back from it.
pub fn run(
    book: Book,
    config: Config,
    clock: Clock,
    log: Option<std::path::PathBuf>,
    throwaway: bool,
) -> Result<()> {
    let mut app = App::new(
        book,
        clock,
        Theme::from_env(),
        config.counter.currency.clone(),
    );
    app.defer_searches = true;
    app.state.shop = config.shop.name.clone();
    app.state.throwaway = throwaway;
    app.state.loyalty = config.loyalty();
    app.hide_after = (config.counter.hide_after_minutes > 0)
        .then(|| std::time::Duration::from_secs(config.counter.hide_after_minutes * 60));
    #[cfg(feature = "test-hooks")]
    {
        app.panic_key = std::env::var("REGULARS_TEST_PANIC_KEY")
            .ok()
            .and_then(|k| k.strip_prefix('F')?.parse().ok())
            .map(crossterm::event::KeyCode::F);
    }
    tracing::info!(store = %app.book.path().display(), customers = app.book.len(), "desk opened");
    if let Some(target) =
        crate::sync::Target::of(&config.sync, std::env::var(crate::sync::URL_VAR).ok())
    {
        app.start_sync(target);
    }
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
            let until = app.wake_at(Instant::now());
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
    // What the hub has not taken yet is safe here, and goes at the next round: said, so that nobody
    // switches this till off for the night believing the other till has it.
    let unsent = app.unsent_at_close();
    app.into_book().close();
    tracing::info!(ok = result.is_ok(), "desk closed");
    if let Some(unsent) = unsent {
        let _ = writeln!(std::io::stdout(), "{unsent}");
    }
    result
}
