//! Crashes where a crash is most likely to leave something half done: the real binary killed by SIGKILL
//! at a named point (`REGULARS_ABORT_AT`, a test hook: see `src/abort.rs`) inside opening the store, a
//! migration, saving the search index, closing, and an import between its steps. After each, the next
//! open finds a store that checks clean, with everything acknowledged before the kill, a search index that
//! agrees with it, and an import either whole or not there at all.

mod common;

use std::os::unix::process::ExitStatusExt;
use std::path::Path;

use regulars::book::Book;
use regulars::store::{SCHEMA_VERSION, Store};
use serde_json::Value;

/// Runs the binary on `store` with `args`, killed at `point`: it must die there, by SIGKILL.
fn killed_at(point: &str, store: &Path, args: &[&str]) -> String {
    let out = common::bin()
        .env("REGULARS_ABORT_AT", point)
        .arg("--db")
        .arg(store)
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.signal(),
        Some(libc::SIGKILL),
        "{point}: {:?} {}",
        out.status,
        common::stderr(&out)
    );
    common::stdout(&out)
}

fn json(store: &Path, args: &[&str]) -> Value {
    let out = common::run(store, args);
    assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    serde_json::from_str(&common::stdout(&out)).unwrap()
}

fn checks_clean(store: &Path) {
    let opened = Store::open(store).unwrap();
    assert_eq!(opened.check().unwrap(), Vec::<String>::new());
}

/// A store with Anna, closed cleanly (so its saved index is marked current).
fn shop() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let mut book = Book::open(&store, None).unwrap();
    let anna = common::add_customer(&mut book, "Anna Ferri", "333 111 2222");
    book.close();
    (dir, store, anna.to_string())
}

#[test]
fn a_crash_while_opening_leaves_the_store_as_it_was() {
    let (_dir, store, anna) = shop();
    let before = json(&store, &["show", &anna, "--json"]);
    killed_at("open", &store, &["show", &anna]);
    checks_clean(&store);
    assert_eq!(json(&store, &["show", &anna, "--json"]), before);
    assert_eq!(json(&store, &["find", "anna", "--json"])[0]["id"], anna);
}

#[test]
fn a_crash_while_saving_the_index_or_closing_keeps_the_acknowledged_visit_and_an_index_that_agrees()
{
    for point in ["index-save", "close"] {
        let (_dir, store, anna) = shop();
        // The visit is acknowledged (its id printed) before the close that saves the index.
        let visit = killed_at(point, &store, &["visit", &anna, "--amount", "4.50"]);
        let visit = visit.trim();
        assert_eq!(visit.len(), 26, "{point}: acknowledged {visit:?}");
        checks_clean(&store);
        let shown = json(&store, &["show", &anna, "--json"]);
        let visits = shown["visits"].as_array().unwrap();
        assert_eq!(visits.len(), 1, "{point}");
        assert_eq!(visits[0]["id"], visit);
        assert_eq!(visits[0]["amount_cents"], 450);
        // The index counts it: caught up from the journal by the first command that opens the store,
        // and then from the saved index alone (the plain `find`, answering from the mark that left).
        let found = json(&store, &["find", "anna", "--json"]);
        assert_eq!(found[0]["visit_count"], 1, "{point}: {found}");
        for _ in 0..2 {
            let out = common::run(&store, &["find", "anna"]);
            let line = common::stdout(&out);
            assert_eq!(
                line.trim_end().rsplit('\t').next(),
                Some("1 visit"),
                "{point}: {line:?}"
            );
        }
    }
}

#[test]
fn an_import_killed_between_its_steps_leaves_the_new_store_empty() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clienti.csv");
    let mut csv = String::from("name,phone\n");
    for i in 0..5_000 {
        csv.push_str(&format!("Cliente {i},333 {i:07}\n"));
    }
    std::fs::write(&file, csv).unwrap();
    let store = dir.path().join("store");
    killed_at("import-step", &store, &["import", file.to_str().unwrap()]);
    // The first 2,000 were written when the kill came: the next open takes them out again.
    checks_clean(&store);
    assert_eq!(json(&store, &["find", "", "--json"]), Value::Array(vec![]));
    // And the import, run again, comes in whole.
    let out = common::run(&store, &["import", file.to_str().unwrap()]);
    assert!(common::stdout(&out).contains("Imported 5,000 customers"));
}

#[test]
fn a_migration_killed_after_a_step_runs_it_again_and_ends_as_one_not_killed() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let (killed, clean) = (dir.path().join("killed"), dir.path().join("clean"));
    common::copy_dir(&fixtures.join("store-schema2"), &killed);
    common::copy_dir(&fixtures.join("store-schema2"), &clean);
    killed_at("migration", &killed, &["find", "", "--json"]);
    {
        let store = Store::open(&killed).unwrap();
        assert_eq!(store.schema_version().unwrap(), Some(SCHEMA_VERSION));
        assert_eq!(store.check().unwrap(), Vec::<String>::new());
    }
    let everyone = json(&clean, &["find", "", "--json", "--limit", "100"]);
    let everyone = everyone.as_array().unwrap();
    assert_eq!(everyone.len(), 13);
    for customer in everyone {
        let id = customer["id"].as_str().unwrap();
        assert_eq!(
            json(&killed, &["show", id, "--json"]),
            json(&clean, &["show", id, "--json"]),
            "{id}"
        );
    }
}

#[test]
fn a_forget_killed_before_or_inside_its_swap_ends_whole_or_without_a_trace() {
    // Killed once the fresh store is sealed, the swap not begun: the person is still there, whole. Killed
    // between the swap's renames, or after the fresh store is in place: the next open finishes the swap,
    // and no file holds a byte of them.
    for (point, forgotten) in [
        ("forget-sealed", false),
        ("swap-old-moved", true),
        ("swap-new-in", true),
    ] {
        let (dir, store, anna) = shop();
        let out = common::run(&store, &["add", "--name", "Zebulon Quixotico"]);
        let zeb = common::stdout(&out).trim().to_string();
        let out = common::run(&store, &["note", &zeb, "zabaione-FROBOZZ"]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        let before = json(&store, &["show", &zeb, "--json"]);
        let anna_before = json(&store, &["show", &anna, "--json"]);
        killed_at(point, &store, &["forget", &zeb, "--yes"]);

        checks_clean(&store);
        assert_eq!(
            json(&store, &["show", &anna, "--json"]),
            anna_before,
            "{point}"
        );
        let shown = common::run(&store, &["show", &zeb, "--json"]);
        if forgotten {
            assert!(!shown.status.success(), "{point}: still there");
            assert_eq!(
                common::files_holding(dir.path(), &[b"FROBOZZ".to_vec()]),
                Vec::<String>::new(),
                "{point}"
            );
        } else {
            assert!(
                shown.status.success(),
                "{point}: {}",
                common::stderr(&shown)
            );
            let after: Value = serde_json::from_str(&common::stdout(&shown)).unwrap();
            assert_eq!(after, before, "{point}");
        }
        // Nothing is left beside the store.
        let beside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(beside, ["store"], "{point}");
    }
}
