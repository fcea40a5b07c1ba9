//! The real binary, killed with SIGKILL at varied moments while it writes visits, notes, new customers and
//! edits: after every kill the store opens, every acknowledged write is there, and the whole store passes
//! its invariant check; every acknowledged record is compared field by field (each write's contents follow
//! from its number, and numbers never repeat across runs). CI runs 50 cycles; `CRASH_CYCLES=1000 cargo
//! test --test crash` runs the long one. `CRASH_SEED` picks another sequence of acknowledgement counts at
//! which the writer is killed; where in the next write the kill lands depends on the machine's timing, so
//! a seed does not replay a run exactly.

mod common;

use std::process::Stdio;

use common::writer::{Ledger, kill_after, store_with_dora};
use regulars::book::Book;

#[test]
fn every_acknowledged_write_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let dora = store_with_dora(&path);
    let cycles: usize = std::env::var("CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut ledger = Ledger::new(dora);
    for cycle in 0..cycles {
        // Each run's writes are numbered apart from every other run's, so no lost edit hides behind an
        // older one of the same name.
        let from = cycle as u64 * 1_000_000;
        ledger.record(kill_after(&path, dora, rng.usize(1..40), from), from);
        ledger.check(&path, cycle);
    }
}

#[test]
fn a_killed_writer_leaves_no_mark_and_find_sees_every_acknowledged_customer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let mut book = Book::open(&path, None).unwrap();
    let dora = common::add_customer(&mut book, "Durable Dora", "");
    book.close();
    let mut customers = Vec::new();
    for (run, acks) in [3, 9, 14].into_iter().enumerate() {
        // `find` left the index marked current: the writer must void that before it writes anything.
        assert!(path.join("index-current").exists());
        customers.extend(
            kill_after(&path, dora, acks, run as u64 * 1_000_000)
                .into_iter()
                .filter_map(|ack| ack.customer()),
        );
        assert!(!path.join("index-current").exists());
        assert!(!customers.is_empty());
        let mut answers = Vec::new();
        // The first `find` opens the store; the second answers from the index that one marked current.
        for _ in 0..2 {
            let out = common::run(&path, &["find", "crash customer", "--limit", "1000"]);
            assert!(out.status.success(), "{}", common::stderr(&out));
            let listed = common::stdout(&out);
            for id in &customers {
                assert!(listed.contains(&id.to_string()), "{id} missing:\n{listed}");
            }
            answers.push(listed);
        }
        assert_eq!(answers[0], answers[1]);
    }
}

/// The watchdog every test run of the binary carries: a child still running past its deadline (here a
/// writer that never stops, given one second) ends by itself with a sentence, so a hung child fails its
/// test instead of holding the whole run.
#[test]
fn a_child_past_the_tests_deadline_ends_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let mut book = Book::open(&path, None).unwrap();
    let dora = common::add_customer(&mut book, "Durable Dora", "");
    book.close();
    let out = common::bin()
        .env("REGULARS_TEST_DEADLINE", "1")
        .arg("--db")
        .arg(&path)
        .args(["crash-writer", &dora.to_string()])
        .stdout(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(124), "{}", common::stderr(&out));
    assert!(
        common::stderr(&out).contains("still running after the test deadline of 1 s"),
        "{}",
        common::stderr(&out)
    );
}
