//! The command line in the user's language: clap builds the command from `Cli`'s derive, then every
//! about, argument help and heading is replaced from the catalog (`cli-…` entries), and clap's own
//! `--help`/`--version` flags are replaced by ones whose help is in the catalog too.
//!
//! The usage lines are clap's own, with the one word clap writes itself (`[OPTIONS]`) from the catalog
//! too (`localize_usage`). What else clap writes stays in English: `[default: …]` (hidden: the catalog's
//! sentences say the defaults) and the detail of a usage error (which `usage_error` wraps in a sentence of
//! the user's language).

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use crate::config::Config;
use crate::text::{self, Lang, catalog};

/// The catalog id of a command's about: `cli-about` for regulars itself, `cli-find` for `find`.
fn about_id(path: &[&str]) -> String {
    match path {
        [] => "cli-about".to_string(),
        _ => format!("cli-{}", path.join("-")),
    }
}

/// The catalog id of an argument's help: `cli-arg-db` for the global ones, `cli-find-limit` for `find`.
fn arg_id(path: &[&str], arg: &str) -> String {
    match path {
        [] => format!("cli-arg-{arg}"),
        _ => format!("cli-{}-{arg}", path.join("-")),
    }
}

pub(super) fn words(id: &str) -> String {
    catalog::format(id, None).into_owned()
}

/// Every catalog id the command line uses (for the test that finds unused and missing entries).
pub fn catalog_ids() -> Vec<String> {
    let mut ids: Vec<String> = [
        "cli-long-about",
        "cli-usage",
        "cli-options",
        "cli-arguments",
        "cli-commands",
        "cli-command-name",
        "cli-options-name",
        "cli-flag-help",
        "cli-flag-version",
    ]
    .map(String::from)
    .to_vec();
    collect_ids(&Cli::command(), &mut Vec::new(), &mut ids);
    ids
}

/// The catalog id of the placeholder an argument's value is shown as (`<PATH>`, `<PERCORSO>`):
/// `cli-value-path`, from the name the derive gives it. `None` for flags.
fn value_id(arg: &Arg) -> Option<String> {
    if !arg.get_action().takes_values() {
        return None;
    }
    let name = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map_or_else(|| arg.get_id().to_string(), |n| n.to_string());
    let key: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Some(format!("cli-value-{key}"))
}

fn collect_ids(cmd: &Command, path: &mut Vec<String>, ids: &mut Vec<String>) {
    let parts: Vec<&str> = path.iter().map(String::as_str).collect();
    ids.push(about_id(&parts));
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        ids.push(arg_id(&parts, arg.get_id().as_str()));
        ids.extend(value_id(arg));
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        path.push(sub.get_name().to_string());
        collect_ids(sub, path, ids);
        path.pop();
    }
}

/// The whole command line, its help in the current language.
pub fn command() -> Command {
    let cmd = localize(Cli::command(), &mut Vec::new())
        .long_about(words("cli-long-about"))
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(words("cli-flag-version"))
                .help_heading(words("cli-options"))
                .display_order(HELP_ORDER - 1),
        );
    let mut cmd = cmd;
    // Built once here (global options propagated, each subcommand named `regulars visit`), so that each
    // usage line is the one clap would write; parsing does not build it again.
    cmd.build();
    localize_usage(&mut cmd, &format!("[{}]", words("cli-options-name")));
    cmd
}

/// Every usage line of the built command tree, as clap renders it, with clap's `[OPTIONS]` in the user's
/// language. The placeholders of values and of the subcommand (`<ID>`, `[COMANDO]`) are already the
/// catalog's; `[OPTIONS]` is the one word clap writes itself.
fn localize_usage(cmd: &mut Command, options: &str) {
    // `render_usage` starts with clap's own title ("Usage: "); the help template writes the catalog's.
    // The styles (bold command name) are kept as escapes, which clap strips when colour is off.
    let rendered = cmd.render_usage().ansi().to_string();
    let usage = rendered
        .split_once(' ')
        .map_or(rendered.as_str(), |(_, usage)| usage)
        .replace("[OPTIONS]", options);
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        localize_usage(sub, options);
    }
}

/// The commands as `regulars --help` lists them: a customer and what happens at the counter first, then
/// the shop's views, data in and out, and the machinery.
const COMMANDS: &[&str] = &[
    "add",
    "find",
    "show",
    "visit",
    "note",
    "promise",
    "kept",
    "cancel",
    "redeem",
    "consent",
    "void",
    "today",
    "lapsed",
    "pulse",
    "import",
    "export",
    "backup",
    "restore",
    "forget",
    "sync",
    "demo",
    "config",
    "completions",
    "man",
];

/// Where the options of every command, and then `-h`, come in a command's help.
const GLOBAL_ORDER: usize = 500;
const HELP_ORDER: usize = 1000;

fn localize(cmd: Command, path: &mut Vec<String>) -> Command {
    let parts: Vec<&str> = path.iter().map(String::as_str).collect();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        words("cli-usage")
    );
    let ids: Vec<(String, bool, Option<String>)> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set())
        .map(|a| (a.get_id().to_string(), a.is_positional(), value_id(a)))
        .collect();
    let mut cmd = cmd
        .about(words(&about_id(&parts)))
        .help_template(template)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(words("cli-flag-help"))
                .help_heading(words("cli-options"))
                .display_order(HELP_ORDER),
        );
    for (order, (id, positional, value)) in ids.into_iter().enumerate() {
        let help = words(&arg_id(&parts, &id));
        let heading = words(if positional {
            "cli-arguments"
        } else {
            "cli-options"
        });
        // Defaults and the environment variable are in the catalog's sentence, in the user's language.
        cmd = cmd.mut_arg(id, |a| {
            // In the order they are defined (the usage line's), whatever the heading does to it; the
            // options every command takes (--db, --staff, --lang) after a command's own, -V and -h last.
            let order = if a.is_global_set() {
                GLOBAL_ORDER + order
            } else {
                order
            };
            let a = a.help(help).help_heading(heading).display_order(order);
            match value {
                Some(value) => a
                    .value_name(words(&value))
                    .hide_default_value(true)
                    .hide_env(true),
                None => a,
            }
        });
    }
    // Moved after the arguments (clap puts an argument it changes last): clap lists its headings in the
    // order their first argument comes, and the arguments (`<ID>`) come before the options.
    cmd = cmd.mut_arg("help", |a| a);
    let names: Vec<String> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        path.push(name.clone());
        // In the order a shop uses them (COMMANDS); any other after them.
        let order = COMMANDS
            .iter()
            .position(|c| *c == name)
            .unwrap_or(COMMANDS.len());
        cmd = cmd.mut_subcommand(name, |sub| localize(sub, path).display_order(order));
        path.pop();
    }
    if cmd.has_subcommands() {
        cmd = cmd
            .subcommand_help_heading(words("cli-commands"))
            .subcommand_value_name(words("cli-command-name"));
    }
    cmd
}

/// The language for this run, known before the command line is parsed (its help is in that language):
/// `--lang`, else the config file, else the locale.
pub fn language(args: &[OsString], config: Option<&Config>) -> Lang {
    let flag = flag_value(args).and_then(|v| Lang::from_code(&v));
    let config = config.and_then(Config::language);
    let env = Lang::from_env(|name| std::env::var(name).ok());
    Lang::choose(flag, config, env)
}

/// The value of `--lang X` or `--lang=X`, wherever it is (it is global), before a `--`.
fn flag_value(args: &[OsString]) -> Option<String> {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            return None;
        }
        if arg == "--lang" {
            return args.next().map(|v| v.into_owned());
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Some(value.to_string());
        }
    }
    None
}

/// A command line clap refused, as one sentence in the user's language (clap's own English words for
/// the rarer mistakes).
/// The command a command line names (`find` in `regulars --db shop find`), if any: a usage mistake then
/// points to that command's own help.
pub fn command_named(args: &[std::ffi::OsString]) -> Option<String> {
    let cli = command();
    let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
    // The options before a command that take a value (`--db PATH`): their value is no command.
    let valued: Vec<String> = cli
        .get_arguments()
        .filter(|a| a.get_action().takes_values())
        .filter_map(|a| a.get_long().map(|long| format!("--{long}")))
        .collect();
    let mut args = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(arg) = args.next() {
        if valued.iter().any(|v| v == arg) {
            args.next();
        } else if names.contains(&arg) {
            return Some(arg.to_string());
        }
    }
    None
}

/// One sentence for a command line clap could not read, pointing to the help of the command it names
/// (`command`), or to the general help.
pub fn usage_error(error: &clap::Error, command: Option<&str>) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => Some(list.join(", ")),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg);
    let detail = match error.kind() {
        ErrorKind::MissingRequiredArgument => arg.map(|a| text::usage_missing(&a)),
        ErrorKind::UnknownArgument => arg.map(|a| text::usage_unknown_argument(&a)),
        ErrorKind::InvalidSubcommand => {
            get(ContextKind::InvalidSubcommand).map(|c| text::usage_unknown_command(&c))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => arg
            .zip(get(ContextKind::InvalidValue))
            .map(|(a, v)| text::usage_invalid_value(&a, &v)),
        ErrorKind::ArgumentConflict => arg
            .zip(get(ContextKind::PriorArg))
            .map(|(a, other)| text::usage_conflict(&a, &other)),
        _ => None,
    };
    let detail = detail.unwrap_or_else(|| {
        // clap's message is its first paragraph ("error: …" plus any indented details).
        let rendered = error.render().to_string();
        let paragraph: Vec<&str> = rendered
            .lines()
            .take_while(|l| !l.trim().is_empty())
            .map(str::trim)
            .collect();
        let joined = paragraph.join(" ");
        joined
            .strip_prefix("error: ")
            .unwrap_or(&joined)
            .to_string()
    });
    match command {
        Some(command) => text::usage_error_in(&detail, command),
        None => text::usage_error(&detail),
    }
}

/// Parses `--lang` for clap: `en` or `it`, else one sentence.
pub fn parse_lang(value: &str) -> Result<Lang, String> {
    Lang::from_code(value).ok_or_else(|| text::bad_language(value))
}

/// The words a shell offers at a Tab for values that the commands check themselves (so that a mistake in
/// one gets the command's own sentence, in the user's language, rather than clap's): command (`""` for
/// every command: a global option), argument, words. Each word is one the command accepts
/// (`tests/cli.rs` runs them).
pub const OFFERED: &[(&str, &str, &[&str])] = &[
    ("", "lang", &["en", "it"]),
    ("note", "kind", &["note", "praise", "complaint", "apology"]),
    ("consent", "channel", &["sms", "email", "phone", "post"]),
    ("consent", "answer", &["yes", "no"]),
    ("export", "consented", &["sms", "email", "phone", "post"]),
    ("export", "format", &["csv", "vcf", "json"]),
    ("import", "format", &["csv", "vcf", "json", "abook"]),
    ("import", "on_duplicate", &["skip", "merge", "error"]),
    ("completions", "shell", &["bash", "zsh", "fish"]),
];

/// `cmd` where a value that is not a path (an id, a name, a text) offers no file names at a Tab.
fn no_file_names(cmd: Command) -> Command {
    use clap::ValueHint;
    let plain: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.get_num_args().is_some_and(|n| n.takes_values()))
        .filter(|a| a.get_value_hint() == ValueHint::Unknown)
        .map(|a| a.get_id().to_string())
        .collect();
    let mut cmd = cmd;
    for id in plain {
        cmd = cmd.mut_arg(id, |a| a.value_hint(ValueHint::Other));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, no_file_names);
    }
    cmd
}

/// `cmd` with `words` offered for `arg` of `command` (of every command when `command` is empty).
fn offer(cmd: Command, command: &str, arg: &str, words: &'static [&'static str]) -> Command {
    let with_words = |a: Arg| a.value_parser(clap::builder::PossibleValuesParser::new(words));
    if command.is_empty() {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        let mut cmd = cmd.mut_arg(arg, with_words);
        for name in names {
            cmd = cmd.mut_subcommand(name, |sub| offer(sub, "", arg, words));
        }
        cmd
    } else {
        cmd.mut_subcommand(command, |sub| sub.mut_arg(arg, with_words))
    }
}

/// `regulars completions bash|zsh|fish`: the shell's completion script, on stdout.
pub fn completions(shell: &str) -> anyhow::Result<()> {
    use clap_complete::Shell;
    let shell = match shell.to_lowercase().as_str() {
        "bash" => Shell::Bash,
        "zsh" => Shell::Zsh,
        "fish" => Shell::Fish,
        other => anyhow::bail!(text::completions_bad_shell(other)),
    };
    // Only what `--help` shows: a hidden command (a test's helper) is never offered at a Tab.
    let full = command();
    // (Its own help and version flags are among the arguments copied.)
    let mut cmd = Command::new("regulars")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .version(full.get_version().map(str::to_string).unwrap_or_default())
        .about(full.get_about().cloned().unwrap_or_default())
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    for (command, arg, words) in OFFERED {
        cmd = offer(cmd, command, arg, words);
    }
    let mut cmd = no_file_names(cmd);
    // Made whole first: a pipe closed early (`| head`) is then an error of ours to end quietly on, not a
    // panic inside the generator.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "regulars", &mut script);
    let mut out = std::io::stdout().lock();
    std::io::Write::write_all(&mut out, &script)?;
    std::io::Write::flush(&mut out)?;
    Ok(())
}

/// `regulars man`: the manual page (roff), its text from the same catalog as `--help`, on stdout.
pub fn man() -> anyhow::Result<()> {
    let page = super::man::page();
    let mut out = std::io::stdout().lock();
    std::io::Write::write_all(&mut out, page.as_bytes())?;
    std::io::Write::flush(&mut out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_lang_flag_is_found_anywhere_before_a_double_dash() {
        assert_eq!(
            flag_value(&os(&["regulars", "--lang", "it"])),
            Some("it".into())
        );
        assert_eq!(
            flag_value(&os(&["regulars", "find", "x", "--lang=en"])),
            Some("en".into())
        );
        assert_eq!(
            flag_value(&os(&["regulars", "note", "ID", "--", "--lang"])),
            None
        );
        assert_eq!(flag_value(&os(&["regulars"])), None);
    }

    #[test]
    fn every_visible_command_and_argument_has_words_in_both_languages() {
        for lang in Lang::ALL {
            text::in_language(lang, || {
                command().debug_assert();
                for id in catalog_ids() {
                    let words = words(&id);
                    assert_ne!(words, id, "{lang}: no catalog entry {id}");
                }
            });
        }
    }
}
