use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match regulars::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version are not errors: clap prints them in full.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // Anything else is one sentence, like every other error.
        Err(e) => {
            // clap's message is its first paragraph ("error: …" plus any indented details).
            let rendered = e.render().to_string();
            let paragraph: Vec<&str> = rendered
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(str::trim)
                .collect();
            let joined = paragraph.join(" ");
            let detail = joined
                .strip_prefix("error: ")
                .unwrap_or(&joined)
                .trim_end_matches('.');
            eprintln!("regulars: {}", regulars::text::usage_error(detail));
            return ExitCode::from(2);
        }
    };
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
