//! Helpers shared by the integration tests: temp stores, a fixed clock, the real binary.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, FixedOffset};
use regulars::book::Book;
use regulars::clock::Clock;
use regulars::demo;

pub mod desk;
pub mod hub;
pub mod pty;
pub mod writer;

/// 23 November 2026, 10:00 in Rome (UTC+1).
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T10:00:00+01:00").unwrap()
}

pub fn clock() -> Clock {
    Clock::Fixed(now())
}

/// A store in `dir` filled with `n` demo customers (seed 7) as of [`now`], in this thread's language.
pub fn demo_book(dir: &Path, n: usize) -> Book {
    let mut book = Book::open(&dir.join("store"), Some("Giulia".into())).unwrap();
    let data = demo::generate(n, 7, now().to_utc(), regulars::text::language());
    book.load_new(&data.customers, &data.events()).unwrap();
    book.finish_load().unwrap();
    book
}

/// Adds a customer named `name` with `phone` (may be empty) as of [`now`], and returns their id.
pub fn add_customer(book: &mut Book, name: &str, phone: &str) -> regulars::domain::Id {
    add_customer_typed(
        book,
        &regulars::domain::CustomerText {
            name: name.into(),
            phones: phone.into(),
            ..Default::default()
        },
    )
}

/// Adds a customer with the fields as typed, now; their id.
pub fn add_customer_typed(
    book: &mut Book,
    text: &regulars::domain::CustomerText,
) -> regulars::domain::Id {
    let today = now().date_naive();
    let draft = regulars::domain::CustomerDraft::from_text(text, today).unwrap();
    book.add_customer(draft, now().to_utc(), today).unwrap().id
}

/// Opens the store with sled itself (to look at it, or tamper with it). A handle closed a moment ago can
/// still hold sled's lock: sled finishes its last writes on its own threads after the handle is dropped, and
/// a child that another test is spawning holds a copy of every open descriptor between fork and exec.
/// Only that error (the lock held by someone else) is waited out, for at most ten seconds; any other
/// is the test's failure. It sleeps between tries, leaving the cores to the threads it waits for.
pub fn raw_sled(path: &Path) -> sled::Db {
    raw_sled_with(sled::Config::new().path(path))
}

/// [`raw_sled`] with sled's settings chosen by the test (a small cache, say).
pub fn raw_sled_with(config: sled::Config) -> sled::Db {
    let started = std::time::Instant::now();
    loop {
        match config.open() {
            Ok(db) => return db,
            Err(e) if started.elapsed() < std::time::Duration::from_secs(10) => {
                let said = e.to_string();
                assert!(
                    said.contains("could not acquire lock") && said.contains("WouldBlock"),
                    "{e}"
                );
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) => panic!("{e}"),
        }
    }
}

pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_regulars"));
    // Never read the tester's own config or store.
    // English unless a test asks otherwise, whatever the tester's locale.
    cmd.env_remove("REGULARS_DB")
        .env_remove("REGULARS_SYNC_URL")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("XDG_CONFIG_HOME", "/nonexistent-regulars-test")
        .env("HOME", "/nonexistent-regulars-test")
        // A watchdog on every run: a hung child ends (exit 124) instead of holding the test run.
        .env("REGULARS_TEST_DEADLINE", DEADLINE_SECONDS.to_string());
    cmd
}

/// How long any run of the binary in the tests may take.
pub const DEADLINE_SECONDS: u64 = 600;

/// Runs the binary on `store` with `args`.
pub fn run(store: &Path, args: &[&str]) -> Output {
    bin().arg("--db").arg(store).args(args).output().unwrap()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Copies a store directory (fixtures and damage tests work on copies).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// The store folder is 0700 and everything in it 0700 (folders) or 0600 (files).
pub fn assert_private(store: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(store), 0o700);
    for entry in std::fs::read_dir(store).unwrap() {
        let entry = entry.unwrap();
        let expected = if entry.file_type().unwrap().is_dir() {
            0o700
        } else {
            0o600
        };
        assert_eq!(mode(&entry.path()), expected, "{}", entry.path().display());
    }
}

/// The files under `dir` that hold any of `needles`, with the needle found.
pub fn files_holding(dir: &Path, needles: &[Vec<u8>]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            for needle in needles {
                if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
                    found.push(format!(
                        "{} holds {:?}",
                        path.display(),
                        String::from_utf8_lossy(needle)
                    ));
                }
            }
        }
    }
    found
}
