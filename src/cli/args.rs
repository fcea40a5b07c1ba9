//! What the command line is: the commands and their arguments, as clap reads them. Their help, in the
//! user's language, is put in by `help::command`; what each command does is in `cli::run`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use super::help;
use crate::text::Lang;

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
    Sync {
        #[arg(long)]
        status: bool,
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
