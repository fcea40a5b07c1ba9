//! `regulars man`: one manual page for the whole command line, every command with its own options in it,
//! all of it in the run's language (the section names too). It is written here from the same command
//! definitions as `--help` (`help::command`), with roff from `clap_mangen`'s own writer: clap_mangen's page
//! would name a page of its own for each command (`regulars-add(1)`), which nothing installs, and keep its
//! section names in English.

use clap::{Arg, Command};
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

use super::help::{command, words};

/// The page, as roff.
pub fn page() -> String {
    let cmd = command();
    let mut roff = Roff::new();
    let version = cmd.get_version().unwrap_or_default();
    // The page's date: the day it is made (it is made from the program it describes).
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    roff.control(
        "TH",
        [
            "REGULARS",
            "1",
            &today,
            &format!("regulars {version}"),
            &words("man-manual"),
        ],
    );
    roff.control("SH", [words("man-name").as_str()]);
    roff.text([roman(format!("regulars - {}", plain(cmd.get_about())))]);
    roff.control("SH", [words("man-synopsis").as_str()]);
    roff.text(usage(&cmd));
    roff.control("SH", [words("man-description").as_str()]);
    for paragraph in plain(cmd.get_long_about().or(cmd.get_about())).split("\n\n") {
        roff.control("PP", []);
        roff.text([roman(paragraph)]);
    }
    roff.control("SH", [words("cli-options").to_uppercase().as_str()]);
    arguments(&mut roff, &cmd);
    roff.control("SH", [words("cli-commands").to_uppercase().as_str()]);
    for sub in visible(&cmd) {
        command_section(&mut roff, sub);
    }
    roff.render()
}

/// A command's part of the page: its usage, what it does and its own arguments; then its own commands.
fn command_section(roff: &mut Roff, cmd: &Command) {
    roff.control("SS", [cmd.get_bin_name().unwrap_or(cmd.get_name())]);
    roff.text(usage(cmd));
    roff.control("PP", []);
    roff.text([roman(plain(cmd.get_long_about().or(cmd.get_about())))]);
    // The global options are said once, at the top; each command lists only its own.
    let own = own_arguments(cmd);
    if !own.is_empty() {
        roff.control("RS", []);
        for arg in own {
            argument(roff, arg);
        }
        roff.control("RE", []);
    }
    for sub in visible(cmd) {
        command_section(roff, sub);
    }
}

fn visible(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

/// The usage line clap writes for `--help` (already in the run's language), in bold.
fn usage(cmd: &Command) -> Vec<Inline> {
    // `render_usage` starts with clap's own title ("Usage: "), which the page does not want.
    let rendered = strip_escapes(&cmd.clone().render_usage().to_string());
    let usage = rendered
        .split_once(' ')
        .map_or(rendered.as_str(), |(_, usage)| usage);
    vec![bold(usage)]
}

/// Every argument of the top command (the global options among them).
fn arguments(roff: &mut Roff, cmd: &Command) {
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        argument(roff, arg);
    }
}

/// A command's arguments without the global ones, which every command inherits.
fn own_arguments(cmd: &Command) -> Vec<&Arg> {
    cmd.get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_global_set())
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
        .collect()
}

/// One argument: `-l, --limit <N>` or `<ID>`, then its help.
fn argument(roff: &mut Roff, arg: &Arg) {
    let mut head = Vec::new();
    if arg.is_positional() {
        let name = arg
            .get_value_names()
            .and_then(|names| names.first().map(|n| n.to_string()))
            .unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
        head.push(italic(format!("<{name}>")));
    } else {
        if let Some(short) = arg.get_short() {
            head.push(bold(format!("-{short}")));
            if arg.get_long().is_some() {
                head.push(roman(", "));
            }
        }
        if let Some(long) = arg.get_long() {
            head.push(bold(format!("--{long}")));
        }
        let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
        if takes_value {
            for name in arg.get_value_names().unwrap_or_default() {
                head.push(roman(" "));
                head.push(italic(format!("<{name}>")));
            }
        }
    }
    roff.control("TP", []);
    roff.text(head);
    roff.text([roman(plain(arg.get_help()))]);
}

fn plain(text: Option<&clap::builder::StyledStr>) -> String {
    text.map(|t| strip_escapes(&t.to_string()))
        .unwrap_or_default()
}

/// Text without the terminal's style escapes that clap keeps in a rendered usage line.
fn strip_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // ESC [ … final byte
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
