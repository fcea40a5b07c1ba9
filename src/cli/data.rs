//! The commands that take a store's data in and out whole: `backup`, `restore`, `forget` and
//! `export --person`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{json, log_path, parse_id};
use crate::book::Book;
use crate::clock::Clock;
use crate::domain::EventKind;
use crate::store::{StoreError, backup};
use crate::{files, safe, text};

/// `backup --verify FILE`: checks the file whole, restores nothing.
pub(super) fn verify(out: &mut impl Write, file: &Path) -> Result<()> {
    let summary = backup::verify(file).map_err(|e| match e {
        // Said without "nothing was restored": nothing was being restored.
        StoreError::BadBackup { path, detail } => {
            anyhow::anyhow!(text::bad_backup_checked(
                &path.display().to_string(),
                &detail
            ))
        }
        other => other.into(),
    })?;
    writeln!(
        out,
        "{}",
        text::backup_verified(
            &file.display().to_string(),
            summary.customers,
            summary.records
        )
    )?;
    Ok(out.flush()?)
}

/// `backup FILE`: the whole store, from the book that holds its lock.
pub(super) fn backup(
    out: &mut impl Write,
    book: &mut Book,
    file: &Path,
    store: &Path,
) -> Result<()> {
    backup::check_outside(file, store)?;
    let replaces = file.exists();
    let summary = book.store()?.backup_to(file)?;
    writeln!(
        out,
        "{}",
        text::backup_written(
            &file.display().to_string(),
            summary.customers,
            summary.records
        )
    )?;
    if replaces {
        // Said, so that nobody believes the older backup is still there beside it.
        writeln!(out, "{}", text::BACKUP_REPLACED)?;
    }
    Ok(())
}

/// `restore FILE [--force]`, then the search index built from the restored store and saved.
pub(super) fn restore(
    out: &mut impl Write,
    file: &Path,
    store: &Path,
    force: bool,
    staff: Option<String>,
    clock: &Clock,
) -> Result<()> {
    let stamp = clock.now().format("%Y%m%d-%H%M%S").to_string();
    let restored = backup::restore(file, store, force, &stamp)?;
    Book::open(store, staff)?.close();
    if let Some(saved) = &restored.saved_first {
        writeln!(
            out,
            "{}",
            text::restore_saved_first(&saved.display().to_string())
        )?;
    }
    writeln!(
        out,
        "{}",
        text::restored(
            restored.summary.customers,
            &file.display().to_string(),
            &store.display().to_string()
        )
    )?;
    Ok(out.flush()?)
}

/// `forget ID [--yes]`. On a terminal it asks first (a script is taken at its word).
pub(super) fn forget(
    out: &mut impl Write,
    book: &mut Book,
    id: &str,
    yes: bool,
    clock: &Clock,
    backups: &crate::backups::AutoBackups,
    hub_set: bool,
) -> Result<()> {
    let id = parse_id(id)?;
    let profile = book.profile(id)?;
    let name = safe::line(&profile.customer.name);
    if !yes && std::io::stdin().is_terminal() {
        eprint!("{} ", text::forget_question(&name));
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !text::is_yes(&answer) {
            writeln!(out, "{}", text::FORGET_NOT_DONE)?;
            return Ok(());
        }
    }
    // Its progress on a terminal once it takes more than a second (a big store is rewritten).
    let mut progress =
        super::progress::Progress::on_stderr(None, std::time::Duration::from_secs(1));
    let forgotten = book.forget(id, clock.now(), &mut |records| {
        progress.show(records, || text::forget_progress(records));
    });
    progress.finish();
    forgotten?;
    // The log names ids, never people; the forgotten one's id leaves it too.
    if let Some(log) = log_path()
        && let Err(e) = files::drop_lines_in_logs(&log, &id.to_string())
    {
        tracing::warn!(error = %e, "the log could not be cleared of a forgotten id");
    }
    writeln!(
        out,
        "{}",
        text::forgotten(
            &name,
            &id.to_string(),
            profile.recorded(EventKind::Visit),
            profile.recorded(EventKind::Note),
            profile.recorded(EventKind::Promise)
        )
    )?;
    // A till that syncs with a hub: the others forget them once this one has sent the forget. (With no
    // hub set any more, the forget waits here until one is.)
    if hub_set && book.store()?.sync_till()?.is_some() {
        writeln!(out, "{}", text::FORGET_TRAVELS)?;
    }
    // Where the backups that still hold them are, when the desk has made some.
    if !backups.list().is_empty() {
        writeln!(
            out,
            "{}",
            text::own_backups_in(&backups.folder.display().to_string())
        )?;
    }
    Ok(())
}

/// `export --person ID [-o FILE]`: everything about one person, as JSON.
pub(super) fn export(
    out: &mut impl Write,
    book: &mut Book,
    person: &str,
    output: Option<PathBuf>,
    clock: &Clock,
    loyalty: &crate::domain::Loyalty,
) -> Result<()> {
    let id = parse_id(person)?;
    let profile = book.profile(id)?;
    let referred = book.referred_by(id)?;
    let figures = json::LoyaltyJson::new(&profile, loyalty, clock);
    let json = json::PersonJson::new(&profile, figures, &referred, clock.now());
    super::export::deliver(out, output, super::export::json_bytes(&json)?)
}
