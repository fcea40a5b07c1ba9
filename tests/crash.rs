//! The real binary, killed with SIGKILL at varied moments while it writes visits, notes, new customers and
//! edits: after every kill the store opens, every acknowledged write is there, and the whole store passes
//! its invariant check; every acknowledged record is compared field by field (each write's contents follow
//! from its number, and numbers never repeat across runs). CI runs 50 cycles; `CRASH_CYCLES=1000 cargo
//! test --test crash` runs the long one. `CRASH_SEED` picks another sequence of acknowledgement counts at
//! which the writer is killed; where in the next write the kill lands depends on the machine's timing, so
//! a seed does not replay a run exactly.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use chrono::DateTime;
use regulars::book::Book;
use regulars::domain::{Customer, CustomerDraft, CustomerText, Id};
use regulars::store::Store;

/// What the writer acknowledged, with the number of the write (its contents follow from it).
#[derive(Debug)]
enum Ack {
    Visit(Id, u64),
    Note(Id, u64),
    Customer(Id, u64),
    Edit(u64),
}

impl Ack {
    fn number(&self) -> u64 {
        match self {
            Ack::Visit(_, n) | Ack::Note(_, n) | Ack::Customer(_, n) | Ack::Edit(n) => *n,
        }
    }
}

fn parse(line: &str) -> Ack {
    let words: Vec<&str> = line.split_whitespace().collect();
    let id = || words[1].parse::<Id>().unwrap();
    let n = |at: usize| words[at].parse::<u64>().unwrap();
    match words[0] {
        "visit" => Ack::Visit(id(), n(2)),
        "note" => Ack::Note(id(), n(2)),
        "customer" => Ack::Customer(id(), n(2)),
        "edit" => Ack::Edit(n(1)),
        other => panic!("unknown acknowledgement {other}"),
    }
}

/// Starts a writer whose writes are numbered from `from`, reads `acks` acknowledgements, kills it with
/// SIGKILL at once (it is then in the middle of a later write), and returns everything it acknowledged:
/// the writer runs ahead of the reader, so the complete lines it printed before it died are read too (a
/// line cut by the kill was not acknowledged).
fn kill_after(path: &Path, customer: Id, acks: usize, from: u64) -> Vec<Ack> {
    let mut child = common::bin()
        .arg("--db")
        .arg(path)
        .args(["crash-writer", &customer.to_string(), "--from"])
        .arg(from.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut acked = Vec::with_capacity(acks);
    let mut line = String::new();
    while acked.len() < acks {
        line.clear();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "the writer stopped early"
        );
        acked.push(parse(&line));
    }
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
    child.wait().unwrap();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 || !line.ends_with('\n') {
            break;
        }
        acked.push(parse(&line));
    }
    acked
}

#[test]
fn every_acknowledged_write_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let dora = {
        let store = Store::open(&path).unwrap();
        let at = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let text = CustomerText {
            name: "Durable Dora".into(),
            ..Default::default()
        };
        let c = Customer::new(
            CustomerDraft::from_text(&text, at.date_naive()).unwrap(),
            at,
            at.date_naive(),
            None,
        );
        store.put_customer(&c).unwrap();
        c.id
    };
    let cycles: usize = std::env::var("CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut rng = fastrand::Rng::with_seed(seed);
    // Every acknowledged record with the number of its write.
    let (mut visits, mut notes, mut customers) = (HashMap::new(), HashMap::new(), HashMap::new());
    // Dora's name: the last acknowledged edit, or the one being written when the writer was killed.
    let mut name = "Durable Dora".to_string();
    for cycle in 0..cycles {
        // Each run's writes are numbered apart from every other run's, so no lost edit hides behind an
        // older one of the same name.
        let from = cycle as u64 * 1_000_000;
        let acks = kill_after(&path, dora, rng.usize(1..40), from);
        let in_flight = acks.last().map_or(from, |a| a.number() + 1);
        for ack in acks {
            match ack {
                Ack::Visit(id, n) => {
                    visits.insert(id, n);
                }
                Ack::Note(id, n) => {
                    notes.insert(id, n);
                }
                Ack::Customer(id, n) => {
                    customers.insert(id, n);
                }
                Ack::Edit(n) => name = format!("Edited {n}"),
            }
        }

        let store = Store::open(&path)
            .unwrap_or_else(|e| panic!("cycle {cycle}: the store does not open: {e}"));
        let problems = store.check().unwrap();
        assert!(problems.is_empty(), "cycle {cycle}: {problems:#?}");
        // Every acknowledged record, field by field.
        let stored_visits: HashMap<Id, _> = store
            .visits_for(dora)
            .unwrap()
            .into_iter()
            .map(|v| (v.id, v))
            .collect();
        for (id, n) in &visits {
            let v = stored_visits
                .get(id)
                .unwrap_or_else(|| panic!("cycle {cycle}: acknowledged visit {n} lost"));
            assert_eq!(v.customer, dora);
            assert_eq!(v.amount_cents, Some(100 + (n % 10_000) as i64), "visit {n}");
            assert_eq!(v.what.as_deref(), Some(format!("crash {n}").as_str()));
        }
        let stored_notes: HashMap<Id, _> = store
            .notes_for(dora)
            .unwrap()
            .into_iter()
            .map(|note| (note.id, note))
            .collect();
        for (id, n) in &notes {
            let note = stored_notes
                .get(id)
                .unwrap_or_else(|| panic!("cycle {cycle}: acknowledged note {n} lost"));
            assert_eq!(note.text, format!("crash {n}"));
            assert_eq!(note.pinned, n % 3 == 0, "note {n}");
        }
        for (id, n) in &customers {
            let c = store
                .customer(*id)
                .unwrap()
                .unwrap_or_else(|| panic!("cycle {cycle}: customer {n} lost"));
            assert_eq!(c.name, format!("Crash Customer {n}"));
        }
        // Dora carries the last acknowledged edit, or the one in flight when the kill came.
        let now_named = store.customer(dora).unwrap().unwrap().name;
        let in_flight_edit = (in_flight % 4 == 3).then(|| format!("Edited {in_flight}"));
        assert!(
            now_named == name || Some(&now_named) == in_flight_edit.as_ref(),
            "cycle {cycle}: Dora is named {now_named:?}, acknowledged {name:?}"
        );
        name = now_named;
        drop(store);

        // The search index (saved file plus journal) agrees with the store after every kill.
        let book = Book::open(&path, None).unwrap();
        for (id, n) in &customers {
            let entry = book
                .entry(*id)
                .unwrap_or_else(|| panic!("cycle {cycle}: customer {n} missing from the index"));
            assert_eq!(entry.name, format!("Crash Customer {n}"));
        }
        assert_eq!(book.entry(dora).unwrap().name, name);
        assert_eq!(
            book.entry(dora).unwrap().visits as usize,
            stored_visits.len()
        );
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
                .filter_map(|ack| match ack {
                    Ack::Customer(id, _) => Some(id),
                    _ => None,
                }),
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
