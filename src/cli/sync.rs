//! `regulars sync` (one round with the hub, for scripts and cron) and `regulars sync --status` (where this
//! till stands, without reaching the hub).

use std::io::Write;

use anyhow::Result;

use crate::book::Book;
use crate::clock::Clock;
use crate::config::Config;
use crate::sync::{self, Hub, SyncError, Target};
use crate::text;

/// The hub and this till's name, from the settings and `REGULARS_SYNC_URL`.
pub(super) fn target(config: &Config) -> Option<Target> {
    Target::of(&config.sync, std::env::var(sync::URL_VAR).ok())
}

/// One round: everything written here goes to the hub, everything new there comes here.
pub(super) fn round(
    out: &mut impl Write,
    book: &mut Book,
    config: &Config,
    clock: &Clock,
) -> Result<()> {
    let target = target(config).ok_or(SyncError::NoHub)?;
    // A hub that stops answering ends the round with a sentence rather than hold the store (and keep the
    // desk from opening) until it answers again. Only a call to the hub is ever cut short so.
    let place = target.place()?;
    let watchdog = sync::watchdog::Watchdog::start(sync::answer_within(), move |most| {
        let error = SyncError::Unreachable {
            place,
            reason: text::sync_no_answer(most.as_secs()),
        };
        eprintln!("regulars: {error}");
        std::process::exit(1);
    })?;
    let mut hub = Hub::connect_watched(&target, Some(watchdog))?;
    let (done, forgotten) = book.sync_with(&mut hub, &target.till, clock.now())?;
    // The log names ids, never people; an id forgotten at another till leaves it too.
    if let Some(log) = super::log_path() {
        for id in &forgotten {
            if let Err(e) = crate::files::drop_lines_in_logs(&log, &id.to_string()) {
                tracing::warn!(error = %e, "the log could not be cleared of an id");
            }
        }
    }
    writeln!(
        out,
        "{}",
        text::sync_done(hub.place(), done.pushed, done.taken.changed)
    )?;
    if done.already_there > 0 {
        writeln!(out, "{}", text::sync_already_there(done.already_there))?;
    }
    if done.went_back {
        writeln!(out, "{}", text::SYNC_WENT_BACK)?;
    }
    if done.taken.left_out > 0 {
        writeln!(out, "{}", text::sync_left_out(done.taken.left_out))?;
    }
    if !forgotten.is_empty() {
        writeln!(out, "{}", text::sync_forgotten(forgotten.len()))?;
    }
    Ok(())
}

/// Where this till stands: its name and id, the hub, how far it has pulled, what waits to be sent, and
/// when the hub was last reached. Read from the store alone.
pub(super) fn status(
    out: &mut impl Write,
    book: &mut Book,
    config: &Config,
    clock: &Clock,
) -> Result<()> {
    let place = book.store()?.sync_place()?;
    let target = target(config);
    match (place.till, &target) {
        (Some(id), Some(target)) => writeln!(
            out,
            "{}",
            text::sync_status_till(&target.till, &sync::wire::till_hex(id))
        )?,
        (Some(id), None) => writeln!(
            out,
            "{}",
            text::sync_status_till("", &sync::wire::till_hex(id))
        )?,
        (None, Some(target)) => {
            writeln!(out, "{}", text::sync_status_till_new(&target.till))?;
            writeln!(out, "{}", text::SYNC_STATUS_NOT_YET)?;
        }
        (None, None) => writeln!(out, "{}", text::SYNC_STATUS_NOT_YET)?,
    }
    match &target {
        Some(target) => {
            let hub = target.place()?;
            writeln!(out, "{}", text::sync_status_hub(&hub))?;
        }
        None => writeln!(out, "{}", text::SYNC_NO_HUB)?,
    }
    // Before the first round nothing is counted yet: everything goes then.
    if place.till.is_some() {
        writeln!(out, "{}", text::sync_status_cursor(place.cursor))?;
        if place.walked {
            writeln!(out, "{}", text::sync_status_waiting(place.waiting))?;
        } else {
            writeln!(out, "{}", text::SYNC_UNSENT_ALL)?;
        }
    }
    match place.last_contact {
        Some(at) => writeln!(out, "{}", text::sync_status_contact(&clock.local_stamp(at)))?,
        None => writeln!(out, "{}", text::SYNC_STATUS_NEVER)?,
    }
    Ok(())
}
