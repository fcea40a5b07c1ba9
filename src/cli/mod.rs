//! The command line: `regulars` alone opens the desk; subcommands serve scripts, imports and tests.
//! Output goes to stdout; an error is one sentence on stderr and a non-zero exit.

use std::io::{IsTerminal, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Parser, Subcommand};

use crate::book::timeline::{open_complaint_line, open_promise_line};
use crate::book::{Book, Profile};
use crate::clock::Clock;
use crate::config::{Config, ConfigError};
use crate::domain::{
    CustomerDraft, CustomerText, Id, NoteDraft, NoteKind, Outcome, PromiseDraft, VisitDraft,
    check_answer, relative_day,
};
use crate::search::SearchIndex;
use crate::text::Lang;
use crate::{demo, safe, signals, text, ui};

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
mod today;
use json::{CustomerJson, ShowJson};

#[derive(Parser, Debug)]
// Every about and help text is in the catalog (`cli-…` in assets/i18n), put in by `help::command`.
#[command(name = "regulars", version)]
pub struct Cli {
    #[arg(
        long,
        global = true,
        env = "REGULARS_DB",
        value_name = "PATH",
        value_hint = clap::ValueHint::DirPath
    )]
    pub db: Option<PathBuf>,

    #[arg(long, global = true, value_name = "NAME")]
    pub staff: Option<String>,

    #[arg(long, global = true, value_name = "en|it", value_parser = help::parse_lang)]
    pub lang: Option<Lang>,

    #[arg(long, conflicts_with = "db")]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Add(AddArgs),
    Find {
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    Visit {
        id: String,
        #[arg(long)]
        amount: Option<String>,
        #[arg(long)]
        what: Option<String>,
    },
    Note {
        id: String,
        text: String,
        #[arg(long, default_value = "note")]
        kind: String,
        #[arg(long)]
        pin: bool,
        #[arg(long, value_name = "ID")]
        answers: Option<String>,
    },
    Void {
        id: String,
    },
    Today {
        #[arg(long)]
        json: bool,
    },
    Lapsed {
        #[arg(long)]
        json: bool,
    },
    Pulse {
        #[arg(long)]
        json: bool,
    },
    Redeem {
        id: String,
    },
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    Completions {
        #[arg(value_name = "SHELL")]
        shell: String,
    },
    Man,
    Promise {
        id: String,
        text: String,
        #[arg(long, value_name = "WHEN")]
        due: String,
    },
    Kept {
        id: String,
    },
    Cancel {
        id: String,
    },
    Forget {
        id: String,
        #[arg(long)]
        yes: bool,
    },
    Consent {
        id: String,
        channel: String,
        #[arg(value_name = "yes|no")]
        answer: String,
        #[arg(long, value_name = "TEXT")]
        source: Option<String>,
        // `--date -3d` (three days ago) is a value, not an option.
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        date: Option<String>,
    },
    Export {
        #[arg(long, value_name = "ID", conflicts_with = "consented")]
        person: Option<String>,
        #[arg(long, value_name = "CHANNEL")]
        consented: Option<String>,
        #[arg(long, requires = "consented")]
        lapsed: bool,
        #[arg(long, value_name = "FORMAT", conflicts_with = "consented")]
        format: Option<String>,
        #[arg(short = 'o', long = "output", value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        output: Option<PathBuf>,
    },
    Import {
        #[arg(value_hint = clap::ValueHint::AnyPath)]
        file: PathBuf,
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        #[arg(long)]
        dry_run: bool,
        #[arg(
            long,
            value_name = "CHOICE",
            default_value = "skip",
            hide_default_value = true
        )]
        on_duplicate: String,
    },
    Backup {
        #[arg(value_hint = clap::ValueHint::FilePath)]
        file: PathBuf,
        #[arg(long)]
        verify: bool,
    },
    Restore {
        #[arg(value_hint = clap::ValueHint::FilePath)]
        file: PathBuf,
        #[arg(long)]
        force: bool,
    },
    Demo {
        #[arg(long, default_value_t = 200)]
        customers: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    // Logs visits in a loop, printing each id once it is durable (used by the crash tests; only in a
    // build with the `test-hooks` feature, which `cargo test` turns on and a release build never has).
    #[cfg(feature = "test-hooks")]
    #[command(hide = true)]
    CrashWriter {
        id: String,
        /// The first write's number: a test gives each run its own, so no two writes look alike.
        #[arg(long, default_value_t = 0)]
        from: u64,
    },
}

#[derive(Subcommand, Debug)]
pub enum ConfigAction {
    Path,
    Show,
    Check,
}

#[derive(Args, Debug)]
pub struct AddArgs {
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub nickname: Option<String>,
    #[arg(long)]
    pub phone: Vec<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub birthday: Option<String>,
    #[arg(long)]
    pub since: Option<String>,
    #[arg(long)]
    pub tag: Vec<String>,
    #[arg(long)]
    pub likes: Option<String>,
    #[arg(long)]
    pub referred_by: Option<String>,
    #[arg(long, value_name = "CHANNEL")]
    pub consent: Vec<String>,
}

/// `regulars config path|show|check`.
fn config_command(action: &ConfigAction, config: Result<Config, ConfigError>) -> Result<()> {
    let path = Config::default_path().context(text::no_data_dir())?;
    let shown = path.display().to_string();
    let mut out = std::io::stdout().lock();
    match action {
        ConfigAction::Path => writeln!(out, "{shown}")?,
        ConfigAction::Show => write!(out, "{}", config?.to_toml())?,
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
            return ui::run(book, config, clock, log);
        }
        signals::install(None)?;
        let book = Book::open_for_desk(&store_path(cli.db)?, staff)?;
        return ui::run(book, config, clock, log);
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
        print_found(&mut out, &index, &query.join(" "), *limit, &clock)?;
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
    let mut book = Book::open(&path, staff)?;
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
                print_found(&mut out, book.index(), &query.join(" "), limit, &clock)?;
            }
        }
        Command::Show { id, json } => {
            let profile = book.profile(parse_id(&id)?)?;
            if json {
                let loyalty = json::LoyaltyJson::new(&profile, &config.loyalty(), &clock);
                serde_json::to_writer_pretty(&mut out, &ShowJson::new(&profile, loyalty))?;
                writeln!(out)?;
            } else {
                print_profile(
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
        Command::Forget { id, yes } => data::forget(&mut out, &mut book, &id, yes, &clock)?,
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

/// `find`'s lines: id, name, nickname, last visit and visit count, tab-separated.
fn print_found(
    out: &mut impl Write,
    index: &SearchIndex,
    query: &str,
    limit: usize,
    clock: &Clock,
) -> Result<()> {
    for id in index.search(query, Some(limit)) {
        let Some(entry) = index.get(id) else {
            continue;
        };
        let last = entry
            .last_visit
            .map(|at| text::date(clock.local_date(at)))
            .unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "{id}\t{}\t{}\t{last}\t{}",
            safe::line(entry.name),
            safe::line(entry.nickname.unwrap_or("-")),
            text::visits(entry.visits as usize)
        )?;
    }
    Ok(())
}

/// Sends the desk's log to `regulars.log` in the platform data directory (0600), never to the terminal
/// while the desk is drawn. The log names ids and events, never names, phones or notes.
/// The desk's log file, where it is (or would be).
pub fn log_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "regulars").map(|d| d.data_dir().join("regulars.log"))
}

fn init_log() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "regulars")?;
    // Without a log file the desk still works; there is just no log.
    let file = open_log(dirs.data_dir()).ok()?;
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .try_init();
    Some(dirs.data_dir().join("regulars.log"))
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

fn print_profile(
    out: &mut impl Write,
    p: &Profile,
    clock: &Clock,
    currency: &str,
    loyalty: &crate::domain::Loyalty,
) -> Result<()> {
    let c = &p.customer;
    let today = clock.today();
    writeln!(out, "{}", safe::line(&c.name))?;
    writeln!(out, "{}: {}", text::ID, c.id)?;
    if let Some(nick) = &c.nickname {
        writeln!(out, "{}", text::greet(&safe::line(nick)))?;
    }
    let tenure = crate::domain::tenure(c.since, today);
    writeln!(out, "{}", text::since_line(c.since, tenure))?;
    let last = p
        .last_visit()
        .map(|v| relative_day(clock.local_date(v.at), today));
    writeln!(out, "{}", text::last_visit_line(last, p.visit_count))?;
    let rank = loyalty.tier(c.since, p.figures.count, today);
    writeln!(out, "{}", safe::line(&text::tier_line(loyalty, rank)))?;
    let card = loyalty.stamp_card(&p.figures);
    writeln!(out, "{}", text::stamps_line(card))?;
    if card.ready > 0 {
        let reward = text::reward_words(&loyalty.reward);
        let id = c.id.to_string();
        let line = text::reward_ready_cli(card.ready, &reward, &id);
        writeln!(out, "{}", safe::line(&line))?;
    }
    if let Some(what) = p.usual() {
        writeln!(out, "{} {}", text::USUAL, safe::line(what))?;
    }
    if let Some(referrer) = &p.referrer {
        writeln!(out, "{}", text::referred_by(&safe::line(referrer)))?;
    }
    if p.brought > 0 {
        writeln!(out, "{}", text::brought(p.brought))?;
    }
    let consent = text::consent_words(p.figures.consent);
    writeln!(
        out,
        "{}",
        consent.unwrap_or_else(|| text::NO_CONSENT.to_string())
    )?;
    if let Some(rhythm) = p.figures.recent.rhythm() {
        let last_day = p.figures.last.map(|t| clock.local_date(t));
        let lapse = loyalty.lapse(p.figures.count, last_day, Some(rhythm), today);
        writeln!(out, "{}", text::rhythm_line(rhythm))?;
        if let Some(lapse) = lapse {
            writeln!(out, "{}", text::lapsed_line(lapse.days_since))?;
        }
    }
    if let Some(b) = c.birthday {
        // As the run's language writes dates (`1990-12-05`, `Dec 5`; `05/12/1990`, `05/12`), like the
        // other dates beside it; a 29 February without a year is read in a leap year.
        let day = |year| NaiveDate::from_ymd_opt(year, u32::from(b.month), u32::from(b.day));
        let shown = match b.year {
            Some(year) => day(year).map(text::date),
            None => day(2000).map(text::day_month),
        };
        writeln!(
            out,
            "{}: {}",
            text::FIELD_BIRTHDAY,
            shown.unwrap_or_else(|| b.to_text())
        )?;
    }
    for (label, value) in [
        (text::PHONES, c.phones.join(", ")),
        (text::EMAIL, c.email.clone().unwrap_or_default()),
        (text::TAGS, c.tags.join(", ")),
        (text::PREFERENCES, c.preferences.clone()),
    ] {
        if !value.is_empty() {
            writeln!(out, "{label}: {}", safe::line(&value))?;
        }
    }
    // Pinned notes, as the greeting card has them (newest first).
    let mut pinned: Vec<_> = p.notes().filter(|n| n.pinned).collect();
    pinned.reverse();
    for note in pinned {
        writeln!(
            out,
            "{}: {}",
            text::PINNED,
            safe::lines(&note.text).join(" / ")
        )?;
    }
    for complaint in p.open_complaints() {
        let day = clock.local_date(complaint.at);
        writeln!(out, "{}", open_complaint_line(complaint, day, today))?;
    }
    for state in p.open_promises() {
        writeln!(out, "{}", open_promise_line(&state, today).1)?;
    }
    writeln!(out)?;
    writeln!(out, "{}:", text::NOTES_TITLE)?;
    for event in p.timeline() {
        let d = p.describe(event, currency);
        let mut line = format!("{}  {}", clock.local_stamp(event.at()), d.label);
        if d.pinned {
            line.push_str(" *");
        }
        for (_, value) in &d.facts {
            line.push_str(&format!("  {}", safe::line(value)));
        }
        if let Some(text) = d.text {
            line.push_str(&format!("  {}", safe::lines(text).join(" / ")));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}
