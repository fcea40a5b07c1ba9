use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = regulars::cli::Cli::parse();
    match regulars::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`regulars show ID | head`) is not an error worth a sentence.
        Err(error)
            if error
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
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
