//! English and Italian: the two catalogs hold the same messages with the same arguments, every entry is
//! used, the desk draws whole words in both languages at 80×24, and the command line speaks the language
//! it is asked for (`--lang`, then the config, then the locale, then English).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::desk::Desk;
use crossterm::event::{KeyCode, KeyModifiers};
use fluent_syntax::ast;
use regulars::text::{self, Lang, in_language};
use regulars::ui::keymap::{self, Mode};

/// Message id → the variables it uses, for one catalog.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(lang.catalog_source())
        .unwrap_or_else(|(_, errors)| panic!("{lang}.ftl does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                let value = m
                    .value
                    .unwrap_or_else(|| panic!("{lang}: {} has no text", m.id.name));
                pattern_vars(&value, &mut vars);
                assert!(
                    out.insert(m.id.name.to_string(), vars).is_none(),
                    "{lang}: {} is defined twice",
                    m.id.name
                );
            }
            ast::Entry::Junk { content } => panic!("{lang}.ftl has junk: {content}"),
            _ => {}
        }
    }
    out
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for variant in variants {
                pattern_vars(&variant.value, vars);
            }
        }
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn both_catalogs_hold_the_same_messages_with_the_same_arguments() {
    let en = messages(Lang::En);
    let it = messages(Lang::It);
    let only_en: Vec<_> = en.keys().filter(|k| !it.contains_key(*k)).collect();
    let only_it: Vec<_> = it.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "missing in it.ftl: {only_en:?}");
    assert!(only_it.is_empty(), "missing in en.ftl: {only_it:?}");
    for (id, vars) in &en {
        assert_eq!(vars, &it[id], "{id} uses different arguments in en and it");
    }
    assert!(en.len() > 150, "the catalogs hold every sentence");
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

/// The ids a source names literally: `Msg("…")`, `tr!("…"` and `words("…")`.
fn named_ids(source: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for opener in ["Msg(\"", "tr!(\"", "words(\""] {
        for (at, _) in source.match_indices(opener) {
            // `include_str!("` is not `tr!("`.
            if source[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &source[at + opener.len()..];
            if let Some(end) = rest.find('"') {
                ids.push(rest[..end].to_string());
            }
        }
    }
    ids
}

#[test]
fn every_catalog_entry_is_used_and_every_entry_used_exists() {
    let catalog = messages(Lang::En);
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut used: BTreeSet<String> = regulars::cli::help::catalog_ids().into_iter().collect();
    for (path, source) in &files {
        for id in named_ids(source) {
            assert!(
                catalog.contains_key(&id),
                "{path} names {id}, which no catalog has"
            );
            used.insert(id);
        }
    }
    for id in regulars::cli::help::catalog_ids() {
        assert!(
            catalog.contains_key(&id),
            "the command line needs {id}, which no catalog has"
        );
    }
    let unused: Vec<_> = catalog.keys().filter(|id| !used.contains(*id)).collect();
    assert!(
        unused.is_empty(),
        "catalog entries nothing uses: {unused:?}"
    );
}

/// The four screens of the issue, drawn in `lang` at 80×24 on demo data in that language.
fn screens(lang: Lang) -> Vec<(&'static str, String)> {
    in_language(lang, || {
        let mut shots = Vec::new();
        let mut desk = Desk::new(120, 80, 24);
        desk.typed("ma").key(KeyCode::Down);
        shots.push(("main", desk.screen()));
        desk.key(KeyCode::Enter);
        shots.push(("card", desk.screen()));
        desk.key(KeyCode::F(1));
        shots.push(("help", desk.screen()));
        desk.key(KeyCode::Esc)
            .mods(KeyCode::Char('V'), KeyModifiers::SHIFT)
            .typed("dodici")
            .key(KeyCode::Enter);
        shots.push(("error", desk.screen()));
        desk.key(KeyCode::Esc)
            .key(KeyCode::Char('y'))
            .key(KeyCode::Esc);
        desk.ctrl('n').typed("Zaira");
        shots.push(("form", desk.screen()));
        desk.ctrl('q');
        shots.push(("question", desk.screen()));
        shots
    })
}

#[test]
fn the_desk_in_english_and_italian_at_80x24() {
    for lang in Lang::ALL {
        for (name, screen) in screens(lang) {
            insta::assert_snapshot!(format!("{name}_{lang}_80x24"), screen);
        }
    }
    let italian: String = screens(Lang::It).into_iter().map(|(_, s)| s).collect();
    for word in [
        "Cerca",
        "Clienti",
        "Scheda cliente",
        "Storico",
        "Importo",
        "Nuovo cliente",
    ] {
        assert!(italian.contains(word), "{word} missing:\n{italian}");
    }
    for english in [
        "Search",
        "Customers",
        "Greeting card",
        "Timeline",
        "Amount",
        " visits",
    ] {
        assert!(
            !italian.contains(english),
            "{english} left in Italian:\n{italian}"
        );
    }
    // The words a native speaker stumbled on: a calque for the card, "history" as a story.
    for calque in ["Scheda di benvenuto", "Storia"] {
        assert!(!italian.contains(calque), "{calque} in Italian:\n{italian}");
    }
}

/// The Italian help speaks to the person at the counter in one voice: the imperative of "tu", as the
/// rest of the desk does ("scrivi GG/MM", "premi Invio"). Verbs in -are read the same in the third
/// person ("Registra"), so the list of openings is checked, and the third-person forms that differ.
const IMPERATIVES: &[&str] = &[
    "Scrivi",
    "Elenca",
    "Gestisci",
    "Controlla",
    "Importa",
    "Scegli",
    "Stampa",
    "Consegna",
    "Apri",
    "Sposta",
    "Sali",
    "Scendi",
    "Vai",
    "Svuota",
    "Registra",
    "Aggiungi",
    "Modifica",
    "Torna",
    "Salva",
    "Chiudi",
    "Annulla",
    "Mostra",
    "Leggi",
    "Inizia",
    "Esci",
    "Scorri",
    "Cerca",
    "Riempi",
    "Dimentica",
    "Esporta",
    "Ripristina",
    "Segna",
    "Nascondi",
    "Ritira",
    "Fai",
    "Invia",
    "Cancella",
    "Cambia",
];
const THIRD_PERSON: &[&str] = &[
    "Apre", "Aggiunge", "Chiude", "Esce", "Scrive", "Scorre", "Va", "Sale", "Scende", "Legge",
    "Sceglie", "Riempie", "Mette", "Toglie", "Permette",
];

fn first_word(sentence: &str) -> &str {
    sentence.split_whitespace().next().unwrap_or_default()
}

#[test]
fn the_italian_help_and_command_line_speak_in_one_voice() {
    in_language(Lang::It, || {
        // Every key's help sentence (`help-…`, but the title, footer and scroll marks).
        let mut sentences: Vec<(String, String)> = messages(Lang::It)
            .into_keys()
            .filter(|id| id.starts_with("help-"))
            .filter(|id| !["help-title", "help-footer"].contains(&id.as_str()))
            .filter(|id| !id.starts_with("help-more-"))
            .map(|id| {
                let words = text::catalog::format(&id, None).into_owned();
                (id, words)
            })
            .collect();
        assert!(sentences.len() > 25, "{sentences:?}");
        // And what each command does, in `regulars --help`.
        let command = regulars::cli::help::command();
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
            sentences.push((format!("cli-{}", sub.get_name()), about));
        }
        for (id, sentence) in &sentences {
            let first = first_word(sentence);
            assert!(
                IMPERATIVES.contains(&first),
                "{id} does not start with an imperative: {sentence:?}"
            );
        }
        // No option's help slips into the third person either ("Apre la postazione…").
        for (id, _) in messages(Lang::It)
            .into_iter()
            .filter(|(id, _)| id.starts_with("cli-") || id.starts_with("help-"))
        {
            let words = text::catalog::format(&id, None).into_owned();
            assert!(
                !THIRD_PERSON.contains(&first_word(&words)),
                "{id} speaks in the third person: {words:?}"
            );
        }
    });
}

#[test]
fn the_list_ages_fit_their_column_in_one_short_form() {
    use chrono::{Days, NaiveDate};
    use regulars::domain::{RelativeDay, relative_day};
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    for lang in Lang::ALL {
        in_language(lang, || {
            for back in 0..=365 * 60 {
                let day = relative_day(today.checked_sub_days(Days::new(back)).unwrap(), today);
                let short = text::relative_short(day);
                // src/ui/list.rs gives the age five columns.
                assert!(short.chars().count() <= 5, "{lang}: {short:?} for {day:?}");
            }
        });
    }
    in_language(Lang::It, || {
        let short = |day| text::relative_short(day);
        assert_eq!(short(RelativeDay::Yesterday), "ieri");
        assert_eq!(
            [
                short(RelativeDay::DaysAgo(3)),
                short(RelativeDay::WeeksAgo(2)),
                short(RelativeDay::MonthsAgo(4)),
                short(RelativeDay::YearsAgo(12)),
            ],
            ["3g", "2s", "4m", "12a"],
            "the letters of a due date typed as +3g, +2s, +1m, +1a"
        );
    });
}

/// Whether every word of `sentence` is on `screen` whole, in order (reading row by row, so a sentence
/// wrapped inside a box still counts, and a word cut at a border does not).
fn whole_words_in_order(screen: &str, sentence: &str) -> bool {
    let mut tokens = screen
        .split(|c: char| c.is_whitespace() || "│┌┐└┘─".contains(c))
        .filter(|t| !t.is_empty());
    sentence
        .split_whitespace()
        .all(|word| tokens.any(|t| t == word))
}

#[test]
fn no_word_of_the_key_bar_help_or_questions_is_cut_in_either_language() {
    for lang in Lang::ALL {
        in_language(lang, || {
            for (mode, open) in [
                (Mode::Search, vec![]),
                (Mode::Customer, vec![KeyCode::Enter]),
                (Mode::Form, vec![KeyCode::Enter, KeyCode::Char('n')]),
            ] {
                let mut desk = Desk::new(50, 80, 24);
                for key in &open {
                    desk.key(*key);
                }
                let bar = desk.screen().lines().last().unwrap_or_default().to_string();
                // Ctrl-T's words say how many things are due today, when some are.
                let due = desk.app.state.due_today;
                let shown: Vec<_> = keymap::bar(mode)
                    .map(|b| {
                        let words = match b.command {
                            Some(keymap::Command::Today) if due > 0 => text::due_count(due),
                            _ => b.bar.unwrap().text().to_string(),
                        };
                        format!("{} {words}", b.label.text())
                    })
                    .filter(|entry| bar.contains(entry.as_str()))
                    .collect();
                assert!(
                    shown.len() >= 4 && bar.contains(&text::BAR_HELP.text().to_string()),
                    "{lang} {mode:?}: the bar lost its entries or help: {bar}"
                );
                // Whatever is in the bar is whole entries: nothing else is left over.
                let mut rest = bar.clone();
                for entry in &shown {
                    rest = rest.replacen(entry.as_str(), "", 1);
                }
                assert!(
                    rest.trim().is_empty(),
                    "{lang} {mode:?}: cut entry in {bar:?}"
                );
                // Help scrolls when it is taller than the screen: read it page by page.
                desk.key(KeyCode::F(1));
                let mut help = desk.screen();
                for _ in 0..4 {
                    desk.key(KeyCode::PageDown);
                    help.push_str(&desk.screen());
                }
                let (local, global) = keymap::help(mode, desk.app.state.form.as_ref());
                for binding in local.into_iter().chain(global) {
                    let sentence = binding.help.unwrap().text();
                    assert!(
                        whole_words_in_order(&help, &sentence),
                        "{lang} {mode:?}: help lost \"{sentence}\":\n{help}"
                    );
                }
            }
            let mut desk = Desk::new(10, 80, 24);
            desk.ctrl('n').typed("x").ctrl('q');
            let screen = desk.screen();
            let question = text::QUIT_QUESTION.text();
            assert!(whole_words_in_order(&screen, &question), "{lang}: {screen}");
            assert!(!whole_words_in_order(&screen, &format!("{question} ZZZ")));
        });
    }
}

#[test]
fn the_command_line_speaks_the_language_it_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    let out = common::run(
        Path::new(store),
        &["--lang", "it", "demo", "--customers", "30"],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(common::stdout(&out).starts_with("Aggiunti 30 clienti di prova"));
    let found = common::run(Path::new(store), &["find", "a", "--limit", "1"]);
    let id = common::stdout(&found)
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    let visit = common::run(Path::new(store), &["visit", &id, "--amount", "1234,5"]);
    assert!(visit.status.success());

    let show = |envs: &[(&str, &str)], args: &[&str]| {
        let mut cmd = common::bin();
        cmd.arg("--db").arg(store).args(args).args(["show", &id]);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        common::stdout(&cmd.output().unwrap())
    };
    let italian = show(&[], &["--lang", "it"]);
    assert!(
        italian.contains("Cliente da ") && italian.contains("Visita  € 1.234,50"),
        "{italian}"
    );
    assert!(italian.contains("Ultima visita: oggi"), "{italian}");
    assert_eq!(show(&[("LANG", "it_IT.UTF-8")], &[]), italian);
    assert_eq!(
        show(&[("LC_ALL", "it_IT.UTF-8"), ("LANG", "en_GB.UTF-8")], &[]),
        italian
    );
    let english = show(&[("LANG", "de_DE.UTF-8")], &[]);
    assert!(
        english.contains("Customer since ") && english.contains("Visit  €1,234.50"),
        "{english}"
    );
    assert_eq!(show(&[], &[]), english);
    assert_eq!(show(&[("LANG", "it_IT.UTF-8")], &["--lang", "en"]), english);

    // The config's language wins over the locale, and --lang over the config.
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("regulars")).unwrap();
    std::fs::write(
        config.join("regulars/config.toml"),
        "[counter]\nlanguage = \"it\"\n",
    )
    .unwrap();
    let xdg = ("XDG_CONFIG_HOME", config.to_str().unwrap());
    assert_eq!(show(&[xdg, ("LANG", "en_US.UTF-8")], &[]), italian);
    assert_eq!(show(&[xdg], &["--lang", "en"]), english);

    // Errors and --help too.
    let err = common::run(Path::new(store), &["--lang", "it", "show", "nope"]);
    assert_eq!(out_code(&err), 1);
    assert_eq!(
        common::stderr(&err).trim(),
        "regulars: \"nope\" non è un id (gli id sono come 01JD4Q8W6ZK3V9YB7M2N5P1RXC)."
    );
    let usage = common::bin()
        .args(["--lang", "it", "find"])
        .output()
        .unwrap();
    assert_eq!(out_code(&usage), 2);
    assert_eq!(
        common::stderr(&usage).trim(),
        "regulars: Manca <RICERCA> (vedi regulars find --help)."
    );
    // The usage lines too: clap's own `[OPTIONS]` is in the catalog, English stays as clap writes it.
    let usage_line = |args: &[&str]| {
        let out = common::bin().args(args).output().unwrap();
        assert!(out.status.success(), "{}", common::stderr(&out));
        let help = common::stdout(&out);
        help.lines()
            .find(|l| l.starts_with("Uso: ") || l.starts_with("Usage: "))
            .unwrap_or_else(|| panic!("no usage line:\n{help}"))
            .to_string()
    };
    assert_eq!(
        usage_line(&["--help", "--lang", "it"]),
        "Uso: regulars [OPZIONI] [COMANDO]"
    );
    assert_eq!(
        usage_line(&["note", "--help", "--lang", "it"]),
        "Uso: regulars note [OPZIONI] <ID> <TESTO>"
    );
    for command in ["add", "find", "show", "visit", "note", "void", "demo"] {
        let line = usage_line(&[command, "--help", "--lang", "it"]);
        for english in ["OPTIONS", "COMMAND", "Usage"] {
            assert!(!line.contains(english), "{line}");
        }
        assert!(
            line.starts_with(&format!("Uso: regulars {command} [OPZIONI]")),
            "{line}"
        );
    }
    assert_eq!(
        usage_line(&["--help", "--lang", "en"]),
        "Usage: regulars [OPTIONS] [COMMAND]"
    );
    assert_eq!(
        usage_line(&["note", "--help", "--lang", "en"]),
        "Usage: regulars note [OPTIONS] <ID> <TEXT>"
    );
    let help = common::bin()
        .args(["visit", "--help"])
        .env("LANG", "it_IT.UTF-8")
        .output()
        .unwrap();
    let help = common::stdout(&help);
    assert!(
        help.contains("Registra una visita adesso") && help.contains("Opzioni:"),
        "{help}"
    );
    assert!(
        help.contains("Quanto ha speso") && !help.contains("Print help"),
        "{help}"
    );
    let bad = common::bin()
        .args(["--lang", "fr", "find", "x"])
        .output()
        .unwrap();
    assert_eq!(out_code(&bad), 2);
    assert!(
        common::stderr(&bad).contains("\"fr\""),
        "{}",
        common::stderr(&bad)
    );
}

fn out_code(out: &std::process::Output) -> i32 {
    out.status.code().unwrap_or(-1)
}
