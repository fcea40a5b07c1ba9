//! The real binary, killed with SIGKILL at varied moments while it writes visits, notes, new customers and
//! edits: after every kill the store opens, every acknowledged write is there, and the whole store passes
//! its invariant check. CI runs 50 cycles; `CRASH_CYCLES=1000 cargo test --test crash` runs the long one
//! (`CRASH_SEED` picks another sequence of kill moments).

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use chrono::DateTime;
use regulars::book::Book;
use regulars::domain::{Customer, CustomerDraft, CustomerText, Id};
use regulars::store::Store;

#[derive(Debug)]
enum Ack {
    Visit(Id),
    Note(Id),
    Customer(Id),
    Edit(u64),
}

fn parse(line: &str) -> Ack {
    let (kind, value) = line
        .trim()
        .split_once(' ')
        .expect("an acknowledgement line");
    match kind {
        "visit" => Ack::Visit(value.parse().unwrap()),
        "note" => Ack::Note(value.parse().unwrap()),
        "customer" => Ack::Customer(value.parse().unwrap()),
        "edit" => Ack::Edit(value.parse().unwrap()),
        other => panic!("unknown acknowledgement {other}"),
    }
}

/// Starts a writer, reads `acks` acknowledgements, kills it with SIGKILL at once (it is then in the middle
/// of a later write), and returns everything it acknowledged: the writer runs ahead of the reader, so the
/// complete lines it printed before it died are read too (a line cut by the kill was not acknowledged).
fn kill_after(path: &Path, customer: Id, acks: usize) -> Vec<Ack> {
    let mut child = common::bin()
        .arg("--db")
        .arg(path)
        .args(["crash-writer", &customer.to_string()])
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
    let (mut visits, mut notes, mut customers) = (HashSet::new(), HashSet::new(), Vec::new());
    // Dora's name: the last acknowledged edit, or the one being written when the writer was killed.
    let mut name = "Durable Dora".to_string();
    for cycle in 0..cycles {
        let acks = kill_after(&path, dora, rng.usize(1..40));
        let mut last_edit = None;
        for ack in acks {
            match ack {
                Ack::Visit(id) => {
                    visits.insert(id);
                }
                Ack::Note(id) => {
                    notes.insert(id);
                }
                Ack::Customer(id) => customers.push(id),
                Ack::Edit(n) => last_edit = Some(n),
            }
        }
        let next_edit = last_edit.map_or(3, |n| n + 4);
        if let Some(n) = last_edit {
            name = format!("Edited {n}");
        }

        let store = Store::open(&path)
            .unwrap_or_else(|e| panic!("cycle {cycle}: the store does not open: {e}"));
        let problems = store.check().unwrap();
        assert!(problems.is_empty(), "cycle {cycle}: {problems:#?}");
        let stored_visits: HashSet<Id> = store
            .visits_for(dora)
            .unwrap()
            .iter()
            .map(|v| v.id)
            .collect();
        let stored_notes: HashSet<Id> = store
            .notes_for(dora)
            .unwrap()
            .iter()
            .map(|n| n.id)
            .collect();
        assert!(
            visits.is_subset(&stored_visits),
            "cycle {cycle}: acknowledged visits lost"
        );
        assert!(
            notes.is_subset(&stored_notes),
            "cycle {cycle}: acknowledged notes lost"
        );
        for id in &customers {
            assert!(
                store.customer(*id).unwrap().is_some(),
                "cycle {cycle}: customer {id} lost"
            );
        }
        let now_named = store.customer(dora).unwrap().unwrap().name;
        assert!(
            now_named == name || now_named == format!("Edited {next_edit}"),
            "cycle {cycle}: Dora is named {now_named:?}, acknowledged {name:?}"
        );
        name = now_named;
        drop(store);

        // The search index (saved file plus journal) agrees with the store after every kill.
        let book = Book::open(&path, None).unwrap();
        for id in &customers {
            assert!(
                book.entry(*id).is_some(),
                "cycle {cycle}: customer {id} missing from the index"
            );
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
    for acks in [3, 9, 14] {
        // `find` left the index marked current: the writer must void that before it writes anything.
        assert!(path.join("index-current").exists());
        customers.extend(
            kill_after(&path, dora, acks)
                .into_iter()
                .filter_map(|ack| match ack {
                    Ack::Customer(id) => Some(id),
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
