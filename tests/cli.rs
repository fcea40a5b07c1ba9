//! The real binary: exit codes, one-sentence errors on stderr, ids on stdout, the `--json` shapes.

mod common;

use common::{run, stderr, stdout};
use serde_json::Value;

fn add(store: &std::path::Path, args: &[&str]) -> String {
    let mut all = vec!["add"];
    all.extend_from_slice(args);
    let out = run(store, &all);
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout(&out);
    assert_eq!(id.lines().count(), 1, "add prints the id alone: {id:?}");
    id.trim().to_string()
}

/// A failed command: non-zero exit, nothing on stdout, one sentence on stderr containing `needle`.
fn fails_with(store: &std::path::Path, args: &[&str], needle: &str) {
    let out = run(store, args);
    let err = stderr(&out);
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(out.stdout.is_empty(), "{args:?} printed {:?}", stdout(&out));
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.contains(needle), "{args:?}: {err}");
}

#[test]
fn add_find_visit_note_show_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let id = add(
        &store,
        &[
            "--name",
            "Nicolò D'Angelo",
            "--nickname",
            "Nico",
            "--phone",
            "+39 333 123 4567",
            "--birthday",
            "07/07/1977",
            "--since",
            "2006",
            "--tag",
            "vip",
            "--tag",
            "caffè",
            "--likes",
            "Ristretto",
        ],
    );
    let other = add(&store, &["--name", "Angela Bianchi", "--referred-by", &id]);

    for query in [
        "nicolo",
        "dangelo",
        "NICO",
        "333 123",
        "0039 3331234567",
        "+39 333",
    ] {
        let out = run(&store, &["find", query]);
        assert!(out.status.success());
        let first = stdout(&out).lines().next().unwrap_or_default().to_string();
        assert!(first.starts_with(&id), "{query}: {first}");
    }
    // Several words narrow the search.
    let out = run(&store, &["find", "angel", "bian"]);
    assert_eq!(stdout(&out).lines().count(), 1);
    assert!(stdout(&out).starts_with(&other));

    let visit = run(
        &store,
        &["visit", &id, "--amount", "3,50", "--what", "cappuccino"],
    );
    assert!(visit.status.success(), "{}", stderr(&visit));
    let visit_id = stdout(&visit).trim().to_string();
    let note = run(
        &store,
        &[
            "--staff", "Giulia", "note", &id, "Loved it", "--kind", "praise", "--pin",
        ],
    );
    assert!(note.status.success(), "{}", stderr(&note));
    let note_id = stdout(&note).trim().to_string();

    let out = run(&store, &["show", &id, "--json"]);
    assert!(out.status.success());
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["id"], id);
    assert_eq!(json["name"], "Nicolò D'Angelo");
    assert_eq!(json["nickname"], "Nico");
    assert_eq!(json["birthday"], "1977-07-07");
    assert_eq!(json["since"], "2006-01-01");
    assert_eq!(json["tags"], serde_json::json!(["vip", "caffè"]));
    assert_eq!(json["visit_count"], 1);
    assert_eq!(json["visits"][0]["id"], visit_id);
    assert_eq!(json["visits"][0]["amount_cents"], 350);
    assert_eq!(json["visits"][0]["what"], "cappuccino");
    let at = json["visits"][0]["at"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(at).is_ok_and(|t| t.offset().local_minus_utc() == 0),
        "{at}"
    );
    assert!(at.ends_with('Z'), "{at}");
    assert_eq!(json["notes"][0]["id"], note_id);
    assert_eq!(json["notes"][0]["kind"], "praise");
    assert_eq!(json["notes"][0]["pinned"], true);
    assert_eq!(json["notes"][0]["staff"], "Giulia");

    let referred: Value =
        serde_json::from_str(&stdout(&run(&store, &["show", &other, "--json"]))).unwrap();
    assert_eq!(referred["referred_by"], id);

    let text = stdout(&run(&store, &["show", &id]));
    assert!(
        text.contains("Nicolò D'Angelo") && text.contains("€3.50") && text.contains("Loved it"),
        "{text}"
    );
}

/// `show` reads as the card does: likes on several lines joined by " / ", and a customer with nothing
/// recorded says so under the timeline's heading.
#[test]
fn show_joins_lines_as_the_card_and_says_when_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let mut book = regulars::book::Book::open(&store, None).unwrap();
    let id = common::add_customer_typed(
        &mut book,
        &regulars::domain::CustomerText {
            name: "Irene Sala".into(),
            preferences: "espresso\noat milk".into(),
            ..Default::default()
        },
    );
    book.close();
    let shown = stdout(&run(&store, &["show", &id.to_string()]));
    assert!(shown.contains("Likes: espresso / oat milk\n"), "{shown}");
    assert!(shown.contains("\nTier: new\n"), "{shown}");
    assert!(
        shown.ends_with("Timeline:\nNothing written yet.\n"),
        "{shown}"
    );
}

#[test]
fn find_prints_nothing_on_no_match_and_json_arrays() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let out = run(&store, &["find", "nobody"]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let out = run(&store, &["find", "nobody", "--json"]);
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&out)).unwrap(),
        serde_json::json!([])
    );

    let demo = run(&store, &["demo", "--customers", "40", "--seed", "3"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    let out = run(&store, &["find", "a", "--json", "--limit", "5"]);
    let list: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(list.len(), 5);
    for c in &list {
        assert!(
            c["id"].as_str().is_some_and(|s| s.len() == 26) && c["name"].is_string(),
            "{c}"
        );
    }
}

#[test]
fn bad_input_gets_one_sentence_and_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let id = add(&store, &["--name", "Ada"]);
    let unknown = "01JD4Q8W6ZK3V9YB7M2N5P1RXC";
    fails_with(&store, &["add", "--name", "  "], "A name is needed");
    fails_with(
        &store,
        &["add", "--name", "Bo", "--birthday", "31/02"],
        "\"31/02\" does not exist in the calendar",
    );
    fails_with(
        &store,
        &["add", "--name", "Bo", "--birthday", "32 of March"],
        "not a birthday",
    );
    fails_with(
        &store,
        &["add", "--name", "Bo", "--email", "nope"],
        "not an email",
    );
    fails_with(
        &store,
        &["add", "--name", "Bo", "--referred-by", unknown],
        unknown,
    );
    fails_with(&store, &["visit", "not-an-id"], "is not an id");
    fails_with(&store, &["visit", unknown], "no customer with id");
    fails_with(
        &store,
        &["visit", &id, "--amount", "12.5.0"],
        "not an amount",
    );
    fails_with(
        &store,
        &["note", &id, "x", "--kind", "grumble"],
        "not a note kind",
    );
    fails_with(&store, &["note", &id, "   "], "The note is empty");
    fails_with(&store, &["show", unknown], "no customer with id");
    fails_with(&store, &["demo"], "already has 1 customer;");
    let out = common::bin()
        .args(["--demo", "find", "ada"])
        .output()
        .unwrap();
    assert!(!out.status.success() && out.stdout.is_empty());
    assert!(
        stderr(&out).contains("--demo opens the desk"),
        "{}",
        stderr(&out)
    );
    // Nothing half-written: Ada still has no visits and there is no second customer.
    let json: Value =
        serde_json::from_str(&stdout(&run(&store, &["show", &id, "--json"]))).unwrap();
    assert_eq!(json["visits"], serde_json::json!([]));
    assert_eq!(stdout(&run(&store, &["find", "bo"])), "");
}

/// The checks of a note, a visit and a customer are the domain's, the same as the desk's forms.
#[test]
fn the_command_line_keeps_the_desks_rules() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let id = add(&store, &["--name", "Ada"]);
    let too_long = "x".repeat(regulars::domain::MAX_FIELD_CHARS + 1);
    let longest = "è".repeat(regulars::domain::MAX_FIELD_CHARS);
    fails_with(
        &store,
        &["note", &id, &too_long],
        "Too long: at most 10,000",
    );
    fails_with(&store, &["note", &id, "\n \t\n"], "The note is empty");
    fails_with(
        &store,
        &["add", "--name", &"x".repeat(201)],
        "Too long: at most 200 characters.",
    );
    fails_with(
        &store,
        &["visit", &id, "--what", &too_long],
        "Too long: at most 10,000",
    );
    fails_with(
        &store,
        &["visit", &id, "--amount", "12.345"],
        "\"12.345\": cents or thousands? Write 12.35 or 12,35 for cents, 12.345,00 for thousands.",
    );
    fails_with(
        &store,
        &["visit", &id, "--amount", "1,234"],
        "1,234.00 for thousands",
    );
    fails_with(
        &store,
        &["add", "--name", "Bo", "--birthday", "24/12/2199"],
        "\"24/12/2199\" is after today: a birthday cannot be in the future",
    );
    fails_with(
        &store,
        &["add", "--name", "Bo", "--birthday", "2001-02-29"],
        "\"2001-02-29\" does not exist in the calendar",
    );
    fails_with(
        &store,
        &["add", "--name", "Bo", "--since", "31/04/2010"],
        "\"31/04/2010\" does not exist in the calendar",
    );
    fails_with(
        &store,
        &["add", "--name", "Bo", "--since", "marzo 2015"],
        "\"marzo 2015\" is not a date: write a year (2015), a month (03/2015)",
    );
    fails_with(
        &store,
        &["add", "--name", "Bo", "--since", "2199"],
        "\"2199\" is in the future, and \"customer since\" cannot be.",
    );
    // In Italian too.
    let out = common::bin()
        .args(["--lang", "it", "--db"])
        .arg(&store)
        .args(["visit", &id, "--amount", "12.345"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("\"12.345\": centesimi o migliaia?"),
        "{}",
        stderr(&out)
    );
    // Nothing of the above was written.
    let json: Value =
        serde_json::from_str(&stdout(&run(&store, &["show", &id, "--json"]))).unwrap();
    assert_eq!(json["visits"], serde_json::json!([]));
    assert_eq!(json["notes"], serde_json::json!([]));
    assert_eq!(stdout(&run(&store, &["find", "bo"])), "");

    // What is within the rules is kept as the desk keeps it: amounts in either style, the longest note,
    // what they took trimmed.
    for (amount, cents) in [("1.234,50", 123_450), ("1,234.50", 123_450), ("12,5", 1250)] {
        let out = run(
            &store,
            &["visit", &id, "--amount", amount, "--what", " caffè "],
        );
        assert!(out.status.success(), "{amount}: {}", stderr(&out));
        let json: Value =
            serde_json::from_str(&stdout(&run(&store, &["show", &id, "--json"]))).unwrap();
        let visit = json["visits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"].as_str() == Some(stdout(&out).trim()))
            .unwrap()
            .clone();
        assert_eq!(visit["amount_cents"], cents, "{amount}");
        assert_eq!(visit["what"], "caffè");
    }
    let out = run(&store, &["note", &id, &longest]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn demo_refuses_more_than_five_million_customers_before_writing_anything() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    fails_with(
        &store,
        &["demo", "--customers", "999999999"],
        "demo makes at most 5,000,000 customers; 999,999,999 is too many.",
    );
    fails_with(
        &store,
        &["demo", "--customers", "5000001", "--lang", "it"],
        "demo crea al massimo 5.000.000 clienti; 5.000.001 sono troppi.",
    );
    assert!(!store.exists(), "no store was made");
}

#[test]
fn the_desk_without_a_terminal_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::bin()
        .arg("--db")
        .arg(dir.path().join("store"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("needs a terminal"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn global_options_work_before_or_after_the_subcommand_and_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let out = common::bin()
        .args(["add", "--name", "Ada", "--db"])
        .arg(&store)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = common::bin()
        .env("REGULARS_DB", &store)
        .args(["find", "ada"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("Ada"), "{}", stderr(&out));
}

#[test]
fn a_command_line_clap_cannot_read_is_one_sentence_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    for args in [
        vec!["visit"],
        vec!["find"],
        vec!["add"],
        vec!["frobnicate"],
        vec!["find", "x", "--limit", "many"],
    ] {
        let out = run(&store, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        // A mistake in one command points to that command's help; an unknown command to the general one.
        let help = match args[0] {
            "frobnicate" => "(see regulars --help).".to_string(),
            command => format!("(see regulars {command} --help)."),
        };
        assert!(
            err.starts_with("regulars: ") && err.trim_end().ends_with(&help),
            "{err}"
        );
    }
    // The store's option and its value before the command do not hide it.
    let out = common::bin()
        .args(["--db", "find", "--lang", "en", "visit"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).ends_with("(see regulars visit --help).\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["add", "find", "show", "visit", "note", "demo"] {
        let out = common::bin().args([sub, "--help"]).output().unwrap();
        assert!(out.status.success(), "{sub}");
        assert!(stdout(&out).contains("Usage: regulars"), "{sub}");
    }
    let out = common::bin().arg("--help").output().unwrap();
    let help = stdout(&out);
    assert!(
        help.contains("--demo") && help.contains("REGULARS_DB") && !help.contains("crash-writer")
    );
}

/// In every command's help, its own options come first, then the ones every command takes, and `-h`
/// last (as a reader of any other tool's help expects); the commands come in the order a shop uses them.
#[test]
fn help_lists_a_commands_own_options_then_the_common_ones_then_h_last() {
    let options = |args: &[&str]| -> Vec<String> {
        let out = common::bin().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        stdout(&out)
            .lines()
            .filter_map(|l| l.trim_start().split_once("--"))
            .filter(|(short, _)| short.is_empty() || short.ends_with(", "))
            .map(|(_, long)| long.split([' ', '=']).next().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(
        options(&["sync", "--help"]),
        ["status", "db", "staff", "lang", "help"]
    );
    // A command's arguments (`<ID> <TEXT>`) come before its options, as in the usage line, in both
    // languages.
    for (lang, arguments, options) in [
        ("en", "Arguments:", "Options:"),
        ("it", "Argomenti:", "Opzioni:"),
    ] {
        let out = common::bin()
            .args(["--lang", lang, "note", "--help"])
            .output()
            .unwrap();
        let help = stdout(&out);
        let at = |heading: &str| {
            help.lines()
                .position(|l| l == heading)
                .unwrap_or_else(|| panic!("{heading} missing:\n{help}"))
        };
        assert!(at(arguments) < at(options), "{help}");
    }
    // The commands, a customer and the counter first, the machinery last.
    let out = common::bin().arg("--help").output().unwrap();
    let help = stdout(&out);
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        commands,
        [
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
            "man"
        ]
    );
    let root = options(&["--help"]);
    assert_eq!(root.last().map(String::as_str), Some("help"), "{root:?}");
    assert_eq!(root[root.len() - 2], "version", "{root:?}");
    assert_eq!(root[0], "demo", "{root:?}");
}

#[test]
fn text_outputs_print_stored_escapes_harmlessly_and_json_keeps_them_intact() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let hostile = "Eve \u{1b}]0;pwned\u{7}\u{1b}[2J";
    let id = add(&store, &["--name", hostile, "--likes", "tea\u{1b}[31m"]);
    for args in [vec!["find", "eve"], vec!["show", id.as_str()]] {
        let text = stdout(&run(&store, &args));
        assert!(text.contains("Eve ␛]0;pwned␇␛[2J"), "{text}");
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{args:?}: {text:?}"
        );
    }
    let json: Value =
        serde_json::from_str(&stdout(&run(&store, &["show", &id, "--json"]))).unwrap();
    assert_eq!(json["name"], hostile);
}

/// A reader that stops early (`regulars find a --json | head`) is no error: JSON goes through serde_json,
/// which wraps the closed pipe's error in its own, and that too ends quietly with success.
#[test]
fn json_into_a_pipe_closed_early_ends_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert!(
        common::run(&store, &["demo", "--customers", "400"])
            .status
            .success()
    );
    let mut child = common::bin()
        .arg("--db")
        .arg(&store)
        .args(["find", "a", "--limit", "1000", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // More than a pipe holds (64 KiB): the writer is still writing when the reader goes.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completions_and_the_man_page_come_from_the_commands_own_definitions() {
    let run = |args: &[&str]| common::bin().args(args).output().unwrap();
    for (shell, mark) in [
        ("bash", "_regulars()"),
        ("zsh", "#compdef regulars"),
        ("fish", "complete -c regulars"),
    ] {
        let out = run(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", common::stderr(&out));
        let script = common::stdout(&out);
        assert!(script.contains(mark), "{shell}: {script}");
        for sub in ["import", "export", "pulse", "lapsed"] {
            assert!(script.contains(sub), "{shell} completes {sub}");
        }
        assert!(
            !script.contains("crash-writer"),
            "{shell}: a hidden command is never offered"
        );
    }
    // The man page: one page with every command and its own options in it (no page of its own named for
    // a command, which nothing would install), in the run's language, section names too.
    let man = common::stdout(&run(&["man"]));
    assert!(man.contains(".TH REGULARS 1"), "{man}");
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS"] {
        assert!(
            man.contains(&format!(".SH {section}\n")),
            "{section}: {man}"
        );
    }
    // Every command a person can run has its section; the hidden test helper has none.
    let commands = regulars::cli::help::command();
    for sub in commands.get_subcommands().filter(|s| !s.is_hide_set()) {
        let section = format!(".SS \"regulars {}\"", sub.get_name());
        assert_eq!(man.matches(&section).count(), 1, "{section}: {man}");
    }
    assert!(man.contains(".SS \"regulars config check\""), "{man}");
    assert!(!man.contains("crash"), "{man}");
    // A command's own options in its own section; the global ones once, at the top.
    let import = &man[man.find(".SS \"regulars import\"").unwrap()..];
    let import = &import[..import[4..].find(".SS").map_or(import.len(), |end| end + 4)];
    assert!(import.contains("\\fB\\-\\-on\\-duplicate\\fR"), "{import}");
    assert_eq!(man.matches("\\fB\\-\\-staff\\fR").count(), 1, "{man}");
    assert!(!man.contains("(1)"), "{man}");
    let man = common::stdout(&run(&["--lang", "it", "man"]));
    for section in ["NOME", "SINTASSI", "DESCRIZIONE", "OPZIONI", "COMANDI"] {
        assert!(
            man.contains(&format!(".SH {section}\n")),
            "{section}: {man}"
        );
    }
    assert!(
        !man.contains("SYNOPSIS") && !man.contains("[OPTIONS]"),
        "{man}"
    );
    assert!(man.contains("postazione fedeltà"), "{man}");
    // A shell it does not know: one sentence.
    let out = run(&["completions", "tcsh"]);
    assert!(!out.status.success());
    assert_eq!(
        common::stderr(&out).trim(),
        "regulars: \"tcsh\" is not a shell the completions are made for: use bash, zsh or fish."
    );
}

/// `show` writes a birthday as it writes its other dates, in the run's language.
#[test]
fn show_writes_birthdays_as_the_language_writes_dates() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let with_year = add(&store, &["--name", "Anna", "--birthday", "1990-12-05"]);
    let without = add(&store, &["--name", "Luca", "--birthday", "29/02"]);
    for (id, lang, line) in [
        (&with_year, "en", "Birthday: 1990-12-05"),
        (&with_year, "it", "Compleanno: 05/12/1990"),
        (&without, "en", "Birthday: Feb 29"),
        (&without, "it", "Compleanno: 29/02"),
    ] {
        let shown = stdout(&run(&store, &["--lang", lang, "show", id]));
        assert!(shown.lines().any(|l| l == line), "{lang}: {shown}");
    }
}

/// Every word the completion scripts offer for a value the commands check themselves is one the command
/// takes: each is run for real (and a word not offered is refused, so the check means something).
#[test]
fn every_word_the_shells_offer_is_taken_by_its_command() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let ok = |args: &[&str]| {
        let out = common::run(&store, args);
        assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    };
    let id = common::stdout(&common::run(&store, &["add", "--name", "Ada Neri"]))
        .trim()
        .to_string();
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let csv = file("new.csv", "name\nBruno Bellini\n");
    let vcf = file(
        "new.vcf",
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Carla Conti\r\nEND:VCARD\r\n",
    );
    let abook = file(
        "addressbook",
        "# abook addressbook file\n\n[format]\nprogram=abook\nversion=0.6.1\n\n[0]\nname=Dario Dini\n",
    );
    let json = dir.path().join("desk.json");
    ok(&["export", "--format", "json", "-o", json.to_str().unwrap()]);
    let json = json.to_str().unwrap().to_string();
    for (command, arg, words) in regulars::cli::help::OFFERED {
        for &word in *words {
            let args: Vec<&str> = match (*command, *arg) {
                ("", "lang") => vec!["--lang", word, "find", "ada"],
                ("note", "kind") => vec!["note", &id, "text", "--kind", word],
                ("consent", "channel") => vec!["consent", &id, word, "yes"],
                ("consent", "answer") => vec!["consent", &id, "sms", word],
                ("export", "consented") => vec!["export", "--consented", word],
                ("export", "format") => vec!["export", "--format", word],
                ("import", "format") => {
                    let file = match word {
                        "csv" => &csv,
                        "vcf" => &vcf,
                        "json" => &json,
                        _ => &abook,
                    };
                    vec!["import", file, "--format", word, "--dry-run"]
                }
                ("import", "on_duplicate") => {
                    vec!["import", &csv, "--on-duplicate", word, "--dry-run"]
                }
                ("completions", "shell") => vec!["completions", word],
                other => panic!("no run for the words offered for {other:?}"),
            };
            ok(&args);
            // The same with a word not offered in the word's place: refused, naming it.
            let at = args.iter().rposition(|a| *a == word).unwrap();
            let mut args = args.clone();
            args[at] = "zzzz";
            let out = common::run(&store, &args);
            assert!(!out.status.success(), "{args:?} was taken");
            assert!(
                common::stderr(&out).contains("zzzz"),
                "{args:?}: {}",
                common::stderr(&out)
            );
        }
    }
    // And the bash script offers them.
    let bash = common::stdout(&common::run(&store, &["completions", "bash"]));
    assert!(
        bash.contains(r#"compgen -W "csv vcf json abook""#),
        "{bash}"
    );
    assert!(bash.contains(r#"compgen -W "en it""#));
}
