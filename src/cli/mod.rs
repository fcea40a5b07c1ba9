//! The command line: `regulars` alone opens the desk; subcommands serve scripts, imports and tests.
//! Output goes to stdout; an error is one sentence on stderr and a non-zero exit.

use std::io::{IsTerminal, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};

use crate::book::Book;
use crate::clock::Clock;
use crate::config::{Config, ConfigError};
use crate::domain::{
    CustomerDraft, CustomerText, Id, NoteDraft, NoteKind, Outcome, PromiseDraft, VisitDraft,
    check_answer,
};
use crate::{demo, signals, text, ui};

mod args;
mod consent;
#[cfg(feature = "test-hooks")]
mod crash_writer;
mod data;
mod export;
pub mod help;
mod import;
mod json;
mod man;
mod progress;
mod pulse;
mod show;
mod sync;
mod today;
use json::{CustomerJson, ShowJson};

pub use args::{AddArgs, Cli, Command, ConfigAction};

/// `regulars config path|show|check`.
fn config_command(action: &ConfigAction, config: Result<Config, ConfigError>) -> Result<()> {
    let path = Config::default_path().context(text::no_data_dir())?;
    let shown = path.display().to_string();
    let mut out = std::io::stdout().lock();
    match action {
        ConfigAction::Path => writeln!(out, "{shown}")?,
        ConfigAction::Show => {
            let mut config = config?;
            // The hub in use: REGULARS_SYNC_URL over the file's, as sync reads it.
            if let Ok(url) = std::env::var(crate::sync::URL_VAR)
                && !url.trim().is_empty()
            {
                writeln!(out, "# {}", text::config_url_from_env(crate::sync::URL_VAR))?;
                config.sync.url = url;
            }
            write!(out, "{}", config.to_toml())?;
        }
        ConfigAction::Check => {
            config?;
            if path.exists() {
                writeln!(out, "{}", text::config_file_fine(&shown))?;
            } else {
                writeln!(out, "{}", text::config_no_file(&shown))?;
            }
        }
    }
    Ok(out.flush()?)
}

/// Where the store lives unless `--db` or `REGULARS_DB` says otherwise.
pub fn default_store() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "regulars")
        .map(|d| d.data_dir().join("store"))
        .context(text::no_data_dir())
}

fn parse_id(id: &str) -> Result<Id> {
    id.parse().map_err(|_| anyhow::anyhow!(text::bad_id(id)))
}

/// Runs the command line with the settings read at start (an unreadable config file is this run's error).
pub fn run(cli: Cli, config: Result<Config, ConfigError>) -> Result<()> {
    // `config` reads the settings file itself: a bad one is what it is there to report.
    if let Some(Command::Config { action }) = &cli.command {
        return config_command(action, config);
    }
    // What the shell and `man` read: made from the command's own definitions, in the run's language.
    match &cli.command {
        Some(Command::Completions { shell }) => return help::completions(shell),
        Some(Command::Man) => return help::man(),
        _ => {}
    }
    let config = config?;
    let staff = cli.staff.clone().or_else(|| config.staff());
    let clock = Clock::System;
    if cli.demo && cli.command.is_some() {
        bail!(text::DEMO_IS_FOR_THE_DESK);
    }
    let Some(command) = cli.command else {
        if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
            bail!(text::NO_TERMINAL);
        }
        let log = init_log();
        if cli.demo {
            let dir = tempfile::Builder::new()
                .prefix("regulars-demo-")
                .tempdir()?;
            // Ended by a signal, the desk returns and `dir` goes with it: no store left behind in /tmp.
            signals::install(Some(dir.path().to_path_buf()))?;
            let mut book = Book::open(&dir.path().join("store"), staff)?;
            fill_demo(
                &mut book,
                demo::DESK_DEMO_CUSTOMERS,
                demo::DESK_DEMO_SEED,
                clock.now(),
            )?;
            // A throwaway store needs no backups.
            let mut config = config;
            config.backup.keep = 0;
            if signals::received().is_some() {
                return Ok(());
            }
            return ui::run(book, config, clock, log, true);
        }
        signals::install(None)?;
        let book = Book::open_for_desk(&store_path(cli.db)?, staff)?;
        return ui::run(book, config, clock, log, false);
    };
    let path = store_path(cli.db)?;
    // Before the store is opened (and created): nothing is written.
    if let Command::Demo { customers, .. } = &command
        && *customers > demo::MAX_CUSTOMERS
    {
        bail!(text::demo_too_many(*customers, demo::MAX_CUSTOMERS));
    }
    let mut out = std::io::stdout().lock();
    // A plain `find` answers from the saved search index alone when it is current: no store to open.
    if let Command::Find {
        query,
        limit,
        json: false,
    } = &command
        && let Some(index) = Book::saved_index(&path)
    {
        show::found(&mut out, &index, &query.join(" "), *limit, &clock)?;
        return Ok(out.flush()?);
    }
    // These two work on files and open the store themselves (or not at all).
    match &command {
        Command::Backup { file, verify: true } => return data::verify(&mut out, file),
        Command::Restore { file, force } => {
            return data::restore(&mut out, file, &path, *force, staff, &clock);
        }
        _ => {}
    }
    // A dry run of an import into a store not made yet is checked against an empty store of its own,
    // so that it leaves nothing behind.
    let scratch = match &command {
        Command::Import { dry_run: true, .. } if !path.exists() => Some(tempfile::tempdir()?),
        _ => None,
    };
    let path = scratch
        .as_ref()
        .map_or(path, |dir| dir.path().join("store"));
    // An import that makes the store: if it takes nothing in, the store goes again (a refused file
    // leaves no trace, not even an empty store).
    let importing_into_new = matches!(&command, Command::Import { .. }) && !path.exists();
    let mut book = match Book::open(&path, staff) {
        // No hub set: say how to set one, whether or not a desk has the store open.
        Err(crate::store::StoreError::Locked { .. })
            if matches!(command, Command::Sync { .. }) && sync::target(&config).is_none() =>
        {
            return Err(crate::sync::SyncError::NoHub.into());
        }
        // A desk open on the store syncs by itself: say so, rather than ask to close it.
        Err(crate::store::StoreError::Locked { path })
            if matches!(command, Command::Sync { .. }) =>
        {
            anyhow::bail!(text::sync_store_in_use(&path.display().to_string()))
        }
        other => other?,
    };
    match command {
        Command::Add(args) => {
            let fields = CustomerText {
                name: args.name,
                nickname: args.nickname.unwrap_or_default(),
                phones: args.phone.join(", "),
                email: args.email.unwrap_or_default(),
                birthday: args.birthday.unwrap_or_default(),
                since: args.since.unwrap_or_default(),
                tags: args.tag.join(", "),
                preferences: args.likes.unwrap_or_default(),
            };
            let mut draft = CustomerDraft::from_text(&fields, clock.today()).map_err(|(_, e)| e)?;
            draft.referred_by = args.referred_by.as_deref().map(parse_id).transpose()?;
            draft.consent = args
                .consent
                .iter()
                .map(|word| consent::channel(word).map(|c| (c, true)))
                .collect::<Result<_>>()?;
            if let Some(channel) = draft.unreachable_consent() {
                bail!(text::add_consent_without_contact(channel.word()));
            }
            let customer = book.add_customer(draft, clock.now(), clock.today())?;
            writeln!(out, "{}", customer.id)?;
        }
        Command::Find { query, limit, json } => {
            if json {
                let ids = book.search(&query.join(" "), Some(limit));
                let list = ids
                    .iter()
                    .map(|&id| book.profile(id).map(|p| CustomerJson::from(&p)))
                    .collect::<Result<Vec<_>, _>>()?;
                serde_json::to_writer_pretty(&mut out, &list)?;
                writeln!(out)?;
            } else {
                show::found(&mut out, book.index(), &query.join(" "), limit, &clock)?;
            }
        }
        Command::Show { id, json } => {
            let profile = book.profile(parse_id(&id)?)?;
            if json {
                let loyalty = json::LoyaltyJson::new(&profile, &config.loyalty(), &clock);
                serde_json::to_writer_pretty(&mut out, &ShowJson::new(&profile, loyalty))?;
                writeln!(out)?;
            } else {
                show::profile(
                    &mut out,
                    &profile,
                    &clock,
                    &config.counter.currency,
                    &config.loyalty(),
                )?;
            }
        }
        Command::Visit { id, amount, what } => {
            let id = parse_id(&id)?;
            let draft = VisitDraft::new(
                amount.as_deref().unwrap_or_default(),
                what.as_deref().unwrap_or_default(),
            )
            .map_err(|(_, e)| e)?;
            let visit = book.log_visit(id, clock.now(), draft.amount_cents, draft.what)?;
            writeln!(out, "{}", visit.id)?;
        }
        Command::Note {
            id,
            text: note,
            kind,
            pin,
            answers,
        } => {
            let id = parse_id(&id)?;
            let kind = NoteKind::from_word(&kind)
                .ok_or_else(|| anyhow::anyhow!(text::bad_note_kind(&kind)))?;
            let draft = NoteDraft::new(&note, kind, pin)?;
            let answers = answers.as_deref().map(parse_id).transpose()?;
            check_answer(draft.kind, answers)?;
            let note = book.add_note_answering(
                id,
                clock.now(),
                draft.kind,
                draft.text,
                draft.pinned,
                answers,
            )?;
            writeln!(out, "{}", note.id)?;
        }
        Command::Void { id } => {
            book.void(parse_id(&id)?, clock.now())?;
        }
        Command::Promise { id, text, due } => {
            let id = parse_id(&id)?;
            let draft = PromiseDraft::new(&text, &due, clock.today()).map_err(|(_, e)| e)?;
            let promise = book.make_promise(id, clock.now(), draft)?;
            writeln!(out, "{}", promise.id)?;
        }
        Command::Today { json } => {
            today::today(&mut out, &mut book, &clock, &config.loyalty(), json)?;
        }
        Command::Lapsed { json } => {
            today::lapsed(&mut out, &mut book, &clock, &config.loyalty(), json)?;
        }
        Command::Pulse { json } => {
            pulse::pulse(&mut out, &book, &clock, &config.loyalty(), json)?;
        }
        Command::Redeem { id } => {
            let loyalty = config.loyalty();
            let reward = text::reward_words(&loyalty.reward);
            let (redemption, _) = book.redeem(parse_id(&id)?, clock.now(), &loyalty, reward)?;
            writeln!(out, "{}", redemption.id)?;
        }
        Command::Config { .. } | Command::Completions { .. } | Command::Man => {}
        Command::Kept { id } => {
            book.end_promise(parse_id(&id)?, clock.now(), Outcome::Kept)?;
        }
        Command::Cancel { id } => {
            book.end_promise(parse_id(&id)?, clock.now(), Outcome::Cancelled)?;
        }
        Command::Forget { id, yes } => {
            let backups = crate::backups::AutoBackups::new(&path, &config.backup);
            let hub_set = sync::target(&config).is_some();
            data::forget(&mut out, &mut book, &id, yes, &clock, &backups, hub_set)?
        }
        Command::Consent {
            id,
            channel,
            answer,
            source,
            date,
        } => consent::consent(
            &mut out,
            &mut book,
            &clock,
            (&id, &channel, &answer, source.as_deref(), date.as_deref()),
        )?,
        Command::Export {
            consented: Some(channel),
            lapsed,
            output,
            ..
        } => {
            let channel = consent::channel(&channel)?;
            consent::export_consented(
                &mut out,
                &mut book,
                &clock,
                &config.loyalty(),
                channel,
                lapsed,
                output,
            )?;
        }
        Command::Export {
            person: Some(person),
            format,
            output,
            ..
        } => {
            // One person's data is JSON.
            if format
                .as_deref()
                .is_some_and(|f| !f.eq_ignore_ascii_case("json"))
            {
                bail!(text::EXPORT_PERSON_IS_JSON);
            }
            data::export(
                &mut out,
                &mut book,
                &person,
                output,
                &clock,
                &config.loyalty(),
            )?;
        }
        Command::Export { format, output, .. } => {
            match format.as_deref().map(str::to_lowercase).as_deref() {
                Some("csv") => export::export_csv(&mut out, &mut book, output)?,
                Some("vcf" | "vcard") => export::export_vcards(&mut out, &mut book, output)?,
                Some("json") => export::export_json(&mut out, &mut book, output)?,
                Some(other) => bail!(text::export_unknown_format(other)),
                None => bail!(text::EXPORT_NEEDS_FORMAT),
            }
        }
        Command::Import {
            file,
            format,
            dry_run,
            on_duplicate,
        } => {
            let imported = import::import(
                &mut out,
                &mut book,
                &clock,
                import::ImportArgs {
                    file: &file,
                    format: format.as_deref(),
                    dry_run,
                    on_duplicate: &on_duplicate,
                },
            );
            if let Err(e) = imported {
                if importing_into_new && book.is_empty() {
                    book.close();
                    if let Err(gone) = std::fs::remove_dir_all(&path) {
                        tracing::warn!(error = %gone, "an empty store made by a refused import stayed");
                    }
                }
                return Err(e);
            }
        }
        Command::Backup { file, .. } => data::backup(&mut out, &mut book, &file, &path)?,
        Command::Sync { status: false } => sync::round(&mut out, &mut book, &config, &clock)?,
        Command::Sync { status: true } => sync::status(&mut out, &mut book, &config, &clock)?,
        Command::Restore { .. } => {}
        Command::Demo { customers, seed } => {
            if !book.is_empty() {
                bail!(text::demo_store_not_empty(
                    &book.path().display().to_string(),
                    book.len()
                ));
            }
            fill_demo(&mut book, customers, seed, clock.now())?;
            writeln!(
                out,
                "{}",
                text::demo_done(customers, &book.path().display().to_string())
            )?;
        }
        #[cfg(feature = "test-hooks")]
        Command::CrashWriter { id, from } => {
            crash_writer::run(&mut out, &mut book, &clock, &id, from)?;
        }
    }
    out.flush()?;
    book.close();
    Ok(())
}

/// The desk's log file, where it is (or would be).
pub fn log_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "regulars").map(|d| d.data_dir().join("regulars.log"))
}

/// Sends the desk's log to `regulars.log` in the platform data directory (0600), never to the terminal
/// while the desk is drawn. The log names ids and events, never names, phones or notes.
fn init_log() -> Option<PathBuf> {
    let path = log_path()?;
    // Without a log file the desk still works; there is just no log.
    let file = open_log(crate::files::folder_of(&path)).ok()?;
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .try_init();
    Some(path)
}

/// Opens (appending) `regulars.log` in `dir`: the folder 0700 and the file 0600 whatever the umask, and
/// whatever they were before.
pub fn open_log(dir: &std::path::Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    let path = dir.join("regulars.log");
    crate::files::rotate_if_large(&path)?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(&path)?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

fn store_path(db: Option<PathBuf>) -> Result<PathBuf> {
    match db {
        Some(path) => Ok(path),
        None => default_store(),
    }
}

/// Writes demo customers in chunks (memory stays flat at any size), with their progress on a terminal,
/// and one sync at the end.
fn fill_demo(book: &mut Book, customers: usize, seed: u64, now: DateTime<Utc>) -> Result<()> {
    const CHUNK: usize = 1_000;
    let quiet_for = if customers > CHUNK {
        std::time::Duration::ZERO
    } else {
        std::time::Duration::from_secs(1)
    };
    let mut progress = progress::Progress::on_stderr(Some(customers as u64), quiet_for);
    let mut generator = demo::Generator::new(customers, seed, now, text::language());
    let mut done = 0;
    while done < customers {
        let n = CHUNK.min(customers - done);
        let chunk = generator.take(n);
        book.load_new(&chunk.customers, &chunk.events())?;
        done += n;
        progress.show(done as u64, || text::demo_progress(done, customers));
    }
    book.finish_load()?;
    progress.finish();
    Ok(())
}
