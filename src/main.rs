use std::process::ExitCode;

use clap::FromArgMatches;

/// sled allocates on every write; glibc's malloc made its threads wait on each other (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The tests' limit on every run of the binary (`REGULARS_TEST_DEADLINE`, in seconds; only in a build with
/// the `test-hooks` feature): a child that hangs ends with a sentence and exit 124, so the test waiting on
/// it fails at once instead of holding the whole run.
#[cfg(feature = "test-hooks")]
fn watchdog() {
    let Some(seconds) = std::env::var("REGULARS_TEST_DEADLINE")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    else {
        return;
    };
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(seconds));
        eprintln!("regulars: still running after the test deadline of {seconds} s: ended");
        std::process::exit(124);
    });
}

fn main() -> ExitCode {
    #[cfg(feature = "test-hooks")]
    watchdog();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let config =
        regulars::config::Config::load(regulars::config::Config::default_path().as_deref());
    // The language is known before the command line is read, so its --help and errors are in it too.
    regulars::text::set_language(regulars::cli::help::language(&args, config.as_ref().ok()));
    // A file with mistakes was read before the language was known: read it again, so each mistake is
    // told in the language of this run (`--lang`, or the locale).
    let config = config.or_else(|_| {
        regulars::config::Config::load(regulars::config::Config::default_path().as_deref())
    });
    let named = regulars::cli::help::command_named(&args);
    let parsed = regulars::cli::help::command()
        .try_get_matches_from(args)
        .and_then(|matches| regulars::cli::Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        // --help and --version are not errors: clap prints them in full.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // Anything else is one sentence, like every other error.
        Err(e) => {
            eprintln!(
                "regulars: {}",
                regulars::cli::help::usage_error(&e, named.as_deref())
            );
            return ExitCode::from(2);
        }
    };
    let result = regulars::cli::run(cli, config);
    // A desk ended by a signal has closed its store and removed what it must by now: end as the signal asks.
    regulars::signals::end_if_received();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`regulars show ID | head`) is not an error worth a sentence.
        // (JSON is written through serde_json, which wraps the pipe's error in its own.)
        Err(error)
            if error
                .downcast_ref::<std::io::Error>()
                .map(std::io::Error::kind)
                .or_else(|| {
                    error
                        .downcast_ref::<serde_json::Error>()
                        .and_then(serde_json::Error::io_error_kind)
                })
                == Some(std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            // One clear sentence: the outermost message is written for the person reading it.
            eprintln!("regulars: {error}");
            ExitCode::FAILURE
        }
    }
}
