//! The crash tests' writer (the hidden `crash-writer` command of a test-hooks build), killed at varied
//! moments, and the ledger of what it acknowledged, checked field by field against the store afterwards.
//! Used by the SIGKILL test (`tests/crash.rs`) and the power-cut test (`tests/power_cut.rs`).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use chrono::DateTime;
use regulars::book::Book;
use regulars::domain::{Customer, CustomerDraft, CustomerText, Id};
use regulars::store::Store;

/// What the writer acknowledged, with the number of the write (its contents follow from it).
#[derive(Debug)]
pub enum Ack {
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

    pub fn customer(&self) -> Option<Id> {
        match self {
            Ack::Customer(id, _) => Some(*id),
            _ => None,
        }
    }
}

/// One line the writer printed.
pub fn parse(line: &str) -> Ack {
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
pub fn kill_after(path: &Path, customer: Id, acks: usize, from: u64) -> Vec<Ack> {
    let mut child = writer(path, customer, from)
        .stdout(Stdio::piped())
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
    kill(&mut child);
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 || !line.ends_with('\n') {
            break;
        }
        acked.push(parse(&line));
    }
    acked
}

/// The writer on the store at `path`, writing about `customer`, its writes numbered from `from`.
pub fn writer(path: &Path, customer: Id, from: u64) -> Command {
    let mut cmd = super::bin();
    cmd.arg("--db")
        .arg(path)
        .args(["crash-writer", &customer.to_string(), "--from"])
        .arg(from.to_string())
        .stderr(Stdio::null());
    cmd
}

/// Kills `child` with SIGKILL and waits for it.
pub fn kill(child: &mut Child) {
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
    child.wait().unwrap();
}

/// A store at `path` with one customer, Durable Dora, whom the writer visits and edits; her id.
pub fn store_with_dora(path: &Path) -> Id {
    let store = Store::open(path).unwrap();
    let c = dora();
    store.put_customer(&c).unwrap();
    c.id
}

/// Durable Dora, a new customer.
pub fn dora() -> Customer {
    let at = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
    let text = CustomerText {
        name: "Durable Dora".into(),
        ..Default::default()
    };
    Customer::new(
        CustomerDraft::from_text(&text, at.date_naive()).unwrap(),
        at,
        at.date_naive(),
        None,
    )
}

/// Every record the writers acknowledged, with the number of its write.
pub struct Ledger {
    dora: Id,
    visits: HashMap<Id, u64>,
    notes: HashMap<Id, u64>,
    customers: HashMap<Id, u64>,
    /// Dora's name: the last acknowledged edit, or the one being written when the writer was killed.
    name: String,
    /// The number of the write in flight when the last writer was killed.
    in_flight: u64,
}

impl Ledger {
    pub fn new(dora: Id) -> Ledger {
        Ledger {
            dora,
            visits: HashMap::new(),
            notes: HashMap::new(),
            customers: HashMap::new(),
            name: "Durable Dora".to_string(),
            in_flight: 0,
        }
    }

    /// Enters what one writer, numbered from `from`, acknowledged before it was killed.
    pub fn record(&mut self, acks: Vec<Ack>, from: u64) {
        self.in_flight = acks.last().map_or(from, |a| a.number() + 1);
        for ack in acks {
            match ack {
                Ack::Visit(id, n) => {
                    self.visits.insert(id, n);
                }
                Ack::Note(id, n) => {
                    self.notes.insert(id, n);
                }
                Ack::Customer(id, n) => {
                    self.customers.insert(id, n);
                }
                Ack::Edit(n) => self.name = format!("Edited {n}"),
            }
        }
    }

    /// The store at `path` opens, passes its invariant check, and holds every acknowledged record field by
    /// field; the search index (saved file plus journal) agrees with it.
    pub fn check(&mut self, path: &Path, cycle: usize) {
        let dora = self.dora;
        let store = Store::open(path)
            .unwrap_or_else(|e| panic!("cycle {cycle}: the store does not open: {e}"));
        let problems = store.check().unwrap();
        assert!(problems.is_empty(), "cycle {cycle}: {problems:#?}");
        let stored_visits: HashMap<Id, _> = store
            .visits_for(dora)
            .unwrap()
            .into_iter()
            .map(|v| (v.id, v))
            .collect();
        for (id, n) in &self.visits {
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
        for (id, n) in &self.notes {
            let note = stored_notes
                .get(id)
                .unwrap_or_else(|| panic!("cycle {cycle}: acknowledged note {n} lost"));
            assert_eq!(note.text, format!("crash {n}"));
            assert_eq!(note.pinned, n % 3 == 0, "note {n}");
        }
        for (id, n) in &self.customers {
            let c = store
                .customer(*id)
                .unwrap()
                .unwrap_or_else(|| panic!("cycle {cycle}: customer {n} lost"));
            assert_eq!(c.name, format!("Crash Customer {n}"));
        }
        // Dora carries the last acknowledged edit, or the one in flight when the kill came.
        let now_named = store.customer(dora).unwrap().unwrap().name;
        let in_flight_edit =
            (self.in_flight % 4 == 3).then(|| format!("Edited {}", self.in_flight));
        assert!(
            now_named == self.name || Some(&now_named) == in_flight_edit.as_ref(),
            "cycle {cycle}: Dora is named {now_named:?}, acknowledged {:?}",
            self.name
        );
        self.name = now_named;
        drop(store);

        // The search index (saved file plus journal) agrees with the store.
        let book = Book::open(path, None).unwrap();
        for (id, n) in &self.customers {
            let entry = book
                .entry(*id)
                .unwrap_or_else(|| panic!("cycle {cycle}: customer {n} missing from the index"));
            assert_eq!(entry.name, format!("Crash Customer {n}"));
        }
        assert_eq!(book.entry(dora).unwrap().name, self.name);
        assert_eq!(
            book.entry(dora).unwrap().visits as usize,
            stored_visits.len()
        );
    }

    /// How many records were acknowledged in all.
    pub fn acknowledged(&self) -> usize {
        self.visits.len() + self.notes.len() + self.customers.len()
    }
}
