//! `regulars forget`: a customer and everything about them leave the store, and no byte of them is left in
//! any file of its folder, checked as a reviewer would: by reading the raw files. Also under kill -9 at any
//! moment of the forget: the person is either still there whole or gone without a trace.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use regulars::book::Book;
use regulars::domain::{CustomerDraft, CustomerText, Id, NoteKind, Outcome, PromiseDraft};
use regulars::store::Store;
use serde_json::Value;

/// What would give the person away, as text and as their id's raw bytes.
struct Person {
    id: Id,
    strings: Vec<&'static str>,
}

const NAME: &str = "Zebulon Quixotico";
const NICK: &str = "Zebbo-Quix";
const PHONE: &str = "+39 321 987 6543";
const EMAIL: &str = "zq.unique@mailbox.example";
const NOTE: &str = "Allergic to marzipan-XYZZY";
const WHAT: &str = "limited-edition-PLUGH";
const PROMISED: &str = "Hold the XYZZY-umbrella";
const KEPT: &str = "Engrave the FROTZ-ring";

/// A demo store with the person in it, and writes around them: other customers' visits and notes before
/// and after, one customer they referred, a voided visit of theirs, an open and a kept promise, and the
/// desk's draft of a note about them.
fn store_with_person(dir: &Path, demo: usize) -> (Person, Id) {
    let path = dir.join("store");
    let mut book = common::demo_book(dir, demo);
    let now = common::now().to_utc();
    let others = book.search("", Some(5));
    for (n, other) in others.iter().enumerate() {
        book.log_visit(
            *other,
            now - chrono::Duration::hours(n as i64),
            Some(250),
            None,
        )
        .unwrap();
    }
    let today = common::now().date_naive();
    let text = CustomerText {
        name: NAME.into(),
        nickname: NICK.into(),
        phones: PHONE.into(),
        email: EMAIL.into(),
        preferences: "Likes zabaione-FROBOZZ".into(),
        ..Default::default()
    };
    let id = book
        .add_customer(CustomerDraft::from_text(&text, today).unwrap(), now, today)
        .unwrap()
        .id;
    book.log_visit(id, now, Some(4200), Some(WHAT.into()))
        .unwrap();
    let mistake = book.log_visit(id, now, None, None).unwrap();
    book.void(mistake.id, now).unwrap();
    book.add_note(id, now, NoteKind::Complaint, NOTE.into(), true)
        .unwrap();
    // An open promise, and one kept.
    let due = today + chrono::Duration::days(3);
    book.make_promise(
        id,
        now,
        PromiseDraft {
            text: PROMISED.into(),
            due,
        },
    )
    .unwrap();
    let kept = book
        .make_promise(
            id,
            now,
            PromiseDraft {
                text: KEPT.into(),
                due,
            },
        )
        .unwrap();
    book.end_promise(kept.id, now, Outcome::Kept).unwrap();
    let mut referred = CustomerDraft::from_text(
        &CustomerText {
            name: "Brought By Zeb".into(),
            ..Default::default()
        },
        today,
    )
    .unwrap();
    referred.referred_by = Some(id);
    let friend = book.add_customer(referred, now, today).unwrap().id;
    for other in &others {
        book.add_note(*other, now, NoteKind::Note, "after".into(), false)
            .unwrap();
    }
    book.close();
    // A form left open about them (the desk keeps it as a draft).
    std::fs::write(
        path.join("draft.json"),
        format!(
            r#"{{"kind":{{"note":{{"customer":"{id}"}}}},"values":["{NAME} asked"],"choices":[0],"toggles":[false]}}"#
        ),
    )
    .unwrap();
    (
        Person {
            id,
            strings: vec![
                NAME,
                "Zebulon",
                "Quixotico",
                NICK,
                PHONE,
                "321 987 6543",
                "3219876543",
                EMAIL,
                NOTE,
                PROMISED,
                KEPT,
                WHAT,
                "zabaione-FROBOZZ",
            ],
        },
        friend,
    )
}

/// Every file under `dir` (the store folder and what sits beside it), as (path, bytes).
fn files(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walk(dir) {
        out.push((entry.clone(), std::fs::read(&entry).unwrap()));
    }
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

/// The places in the raw files where a trace of the person is found.
fn traces(dir: &Path, person: &Person) -> Vec<String> {
    let mut needles: Vec<(String, Vec<u8>)> = person
        .strings
        .iter()
        .map(|s| (s.to_string(), s.as_bytes().to_vec()))
        .collect();
    needles.push((
        format!("id {}", person.id),
        person.id.to_string().into_bytes(),
    ));
    needles.push((
        format!("id bytes {}", person.id),
        person.id.to_bytes().to_vec(),
    ));
    let mut found = Vec::new();
    for (file, bytes) in files(dir) {
        for (what, needle) in &needles {
            if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
                found.push(format!("{what} in {}", file.display()));
            }
        }
    }
    found
}

#[test]
fn forget_leaves_no_byte_of_the_person_in_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let (person, friend) = store_with_person(dir.path(), 200);
    let store = dir.path().join("store");
    // Before: they are all over the files (this is what makes the check below mean something).
    let before = traces(dir.path(), &person);
    assert!(before.len() >= 5, "{before:?}");
    for text in [PROMISED, KEPT, NOTE, NAME] {
        assert!(
            before.iter().any(|t| t.starts_with(&format!("{text} in"))),
            "{text} was never on disk: {before:?}"
        );
    }
    assert!(
        before.iter().any(|t| t.contains("draft.json")),
        "{before:?}"
    );

    let out = common::run(&store, &["forget", &person.id.to_string(), "--yes"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let said = common::stdout(&out);
    assert!(said.contains(&format!("Forgot {NAME}")), "{said}");
    assert!(said.contains("2 visits, 1 note and 2 promises"), "{said}");
    // The desk has made no backup of this store: no folder is named.
    assert!(!said.contains("The desk's own backups"), "{said}");

    assert_eq!(traces(dir.path(), &person), Vec::<String>::new());
    // Nothing else was lost: the other customers, their visits and notes, the friend (without the link).
    let mut book = Book::open(&store, None).unwrap();
    assert_eq!(book.len(), 201);
    assert!(book.search("zebulon", None).is_empty());
    let friend = book.profile(friend).unwrap();
    assert_eq!(friend.customer.referred_by, None);
    assert_eq!(friend.customer.name, "Brought By Zeb");
    book.close();
    assert_eq!(
        Store::open(&store).unwrap().check().unwrap(),
        Vec::<String>::new()
    );
    // And the person's id is no customer any more.
    let out = common::run(&store, &["show", &person.id.to_string()]);
    assert_eq!(out.status.code(), Some(1));
    // Again after the store was opened and closed by others: still nothing.
    common::run(&store, &["find", "a"]);
    assert_eq!(traces(dir.path(), &person), Vec::<String>::new());
}

/// With backups the desk made, `forget` says where they are: they still hold the person.
#[test]
fn forget_names_the_folder_of_the_desks_own_backups() {
    let dir = tempfile::tempdir().unwrap();
    let (person, _) = store_with_person(dir.path(), 5);
    let store = dir.path().join("store");
    let backups = regulars::backups::AutoBackups::new(
        &store,
        &regulars::config::BackupSettings {
            folder: String::new(),
            keep: 7,
        },
    );
    let mut book = Book::open(&store, None).unwrap();
    backups.make(&mut book, common::now().to_utc()).unwrap();
    book.close();
    let out = common::run(&store, &["forget", &person.id.to_string(), "--yes"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let said = common::stdout(&out);
    assert!(
        said.contains(&format!(
            "The desk's own backups are in {}.",
            dir.path().join("backups").display()
        )),
        "{said}"
    );
}

#[test]
fn a_draft_about_someone_else_survives_a_forget() {
    let dir = tempfile::tempdir().unwrap();
    let (person, _) = store_with_person(dir.path(), 20);
    let store = dir.path().join("store");
    let other = r#"{"kind":"new_customer","values":["Ada Lovelace"],"choices":[],"toggles":[]}"#;
    std::fs::write(store.join("draft.json"), other).unwrap();
    let out = common::run(&store, &["forget", &person.id.to_string(), "--yes"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(
        std::fs::read_to_string(store.join("draft.json")).unwrap(),
        other
    );
    // A draft that names them in other letters or digits (a new customer typed in lowercase, their
    // phone without its prefix, their email in capitals) does not survive.
    let (person, _) = store_with_person(dir.path().join("again").as_path(), 5);
    let store = dir.path().join("again").join("store");
    let theirs = r#"{"kind":"new_customer","values":["zebulon quixotico","","321 9876543","ZQ.UNIQUE@MAILBOX.EXAMPLE"],"choices":[],"toggles":[]}"#;
    std::fs::write(store.join("draft.json"), theirs).unwrap();
    assert!(
        common::run(&store, &["forget", &person.id.to_string(), "--yes"])
            .status
            .success()
    );
    assert!(!store.join("draft.json").exists());
}

#[test]
fn forget_refuses_an_unknown_id_and_a_store_in_use_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let (person, _) = store_with_person(dir.path(), 10);
    let store = dir.path().join("store");
    let out = common::run(&store, &["forget", "01JZZZZZZZZZZZZZZZZZZZZZZZ", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(common::stderr(&out).lines().count(), 1);
    assert!(
        common::stderr(&out).contains("no customer with id"),
        "{}",
        common::stderr(&out)
    );
    let book = Book::open(&store, None).unwrap();
    let out = common::run(&store, &["forget", &person.id.to_string(), "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out).contains(&store.display().to_string()),
        "{}",
        common::stderr(&out)
    );
    drop(book);
}

/// The person's whole profile as `show --json` prints it, or `None` when they are gone.
/// The person as `show --json` has them, or none when `show` says there is no such customer (any other
/// failure is a failure of the test: a store left unreadable is no "forgotten").
fn shown(store: &Path, id: Id) -> Option<Value> {
    let out = common::run(store, &["show", &id.to_string(), "--json"]);
    if out.status.success() {
        return Some(serde_json::from_str(&common::stdout(&out)).unwrap());
    }
    let err = common::stderr(&out);
    assert!(
        err.contains(&format!("no customer with id {id}")),
        "show failed otherwise: {err}"
    );
    None
}

#[test]
fn a_forget_killed_at_any_moment_leaves_the_person_whole_or_without_a_trace() {
    let cycles: u32 = std::env::var("FORGET_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let template = tempfile::tempdir().unwrap();
    let (person, _) = store_with_person(template.path(), 300);
    let original = template.path().join("store");
    let whole = shown(&original, person.id).expect("the person is there");
    // How long a forget takes here, to spread the kills over it.
    let timing = tempfile::tempdir().unwrap();
    common::copy_dir(&original, &timing.path().join("store"));
    let started = Instant::now();
    let out = common::run(
        &timing.path().join("store"),
        &["forget", &person.id.to_string(), "--yes"],
    );
    assert!(out.status.success());
    let takes = started.elapsed();
    let (mut kept, mut gone) = (0, 0);
    for n in 0..cycles {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        common::copy_dir(&original, &store);
        let mut child = common::bin()
            .arg("--db")
            .arg(&store)
            .args(["forget", &person.id.to_string(), "--yes"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // From right at the start to a little after the typical end.
        let delay = takes.mul_f64(f64::from(n) * 1.2 / f64::from(cycles.max(1)));
        std::thread::sleep(delay.min(Duration::from_secs(20)));
        unsafe {
            libc::kill(child.id() as i32, libc::SIGKILL);
        }
        let _ = child.wait();
        // Whoever opens the store next finishes or undoes what the kill interrupted.
        match shown(&store, person.id) {
            Some(now) => {
                assert_eq!(now, whole, "cycle {n}: the person came back changed");
                kept += 1;
            }
            None => {
                assert_eq!(
                    traces(dir.path(), &person),
                    Vec::<String>::new(),
                    "cycle {n}"
                );
                gone += 1;
            }
        }
        let check = Store::open(&store).unwrap().check().unwrap();
        assert_eq!(check, Vec::<String>::new(), "cycle {n}");
        // The search index agrees: 300 demo customers and the friend, and the person if kept.
        let expected = 301 + usize::from(shown(&store, person.id).is_some());
        let book = Book::open(&store, None).unwrap();
        assert_eq!(book.len(), expected, "cycle {n}");
        book.close();
    }
    eprintln!("forget killed {cycles} times: the person kept {kept} times, gone {gone} times");
}

/// The desk on a store with the person (no draft of theirs waiting), their card open.
fn desk_on_the_card(dir: &Path) -> (Person, common::desk::Desk) {
    let (person, _) = store_with_person(dir, 30);
    let store = dir.join("store");
    std::fs::remove_file(store.join("draft.json")).unwrap();
    let book = Book::open(&store, Some("Giulia".into())).unwrap();
    let mut desk = common::desk::Desk::plain(book);
    desk.typed("zebulon").key(crossterm::event::KeyCode::Enter);
    (person, desk)
}

#[test]
fn the_desk_forgets_from_the_card_once_the_name_is_typed() {
    use crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let (person, mut desk) = desk_on_the_card(dir.path());
    desk.ctrl('d');
    let screen = desk.screen();
    assert!(screen.contains(&format!("Forget {NAME} for good")));
    // One field, and Enter forgets: the key bar says so.
    let keys = screen.lines().last().unwrap();
    assert!(keys.contains("Enter forget"), "{keys}");
    assert!(!keys.contains("next field"), "{keys}");
    // Under the field, what it erases and that it cannot be taken back.
    let words: String = screen
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words.contains("visits, notes, promises and referral links are erased")
            && words.contains("This cannot be undone. Backups made before still hold them."),
        "{screen}"
    );
    // Not the name: refused, nothing forgotten.
    desk.typed("Zebulon").key(KeyCode::Enter);
    assert!(
        desk.screen()
            .contains("Type their name as the card shows it"),
        "{}",
        desk.screen()
    );
    assert!(desk.app.book.entry(person.id).is_some());
    // The name, in lowercase and without the accents it does not have anyway: forgotten.
    desk.key(KeyCode::Backspace);
    for _ in 0.."Zebulo".len() {
        desk.key(KeyCode::Backspace);
    }
    desk.typed("zebulon quixotico").key(KeyCode::Enter);
    assert!(desk.app.state.form.is_none());
    assert!(desk.screen().contains("is forgotten"), "{}", desk.screen());
    assert!(desk.app.book.entry(person.id).is_none());
    // The search is empty again: Enter on their name still typed would add them back.
    assert_eq!(desk.app.state.query(), "");
    desk.key(KeyCode::Esc).typed("zebulon");
    assert!(desk.app.state.results.is_empty());
    let common::desk::Desk { app, .. } = desk;
    app.into_book().close();
    assert_eq!(traces(dir.path(), &person), Vec::<String>::new());
}

/// Esc on the forget form closes it at once, the name half typed or not (no "discard what you typed?"),
/// and says that nobody was forgotten.
#[test]
fn esc_on_the_forget_form_forgets_nobody_and_says_so() {
    use crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let (person, mut desk) = desk_on_the_card(dir.path());
    for typed in ["Zebu", ""] {
        desk.ctrl('d').typed(typed).key(KeyCode::Esc);
        assert!(desk.app.state.form.is_none(), "{typed:?}");
        assert!(desk.app.state.question.is_none(), "{typed:?}");
        let screen = desk.screen();
        assert!(
            screen.contains("Nothing was forgotten."),
            "{typed:?}: {screen}"
        );
        assert!(!screen.contains("Discard"), "{typed:?}: {screen}");
        assert!(desk.app.book.entry(person.id).is_some());
    }
}

/// After a forget at the desk, the status says in full where the desk's own backups (which still hold the
/// person) are, even at 80 columns: the sentence takes a row or more instead of losing the folder at the
/// edge (a folder's path too long for a row goes on the next), and the keys stay on the bottom row.
#[test]
fn the_desk_says_in_full_where_its_backups_are_after_a_forget_at_80_columns() {
    use common::desk::Desk;
    use crossterm::event::KeyCode;
    let long =
        "the-backups-of-the-shop-kept-here/on-the-counter-machine/of-bottega-rossi/every-day";
    for folder in ["", long] {
        let dir = tempfile::tempdir().unwrap();
        let (person, _) = store_with_person(dir.path(), 5);
        let store = dir.path().join("store");
        std::fs::remove_file(store.join("draft.json")).unwrap();
        let folder = if folder.is_empty() {
            String::new()
        } else {
            dir.path().join(folder).display().to_string()
        };
        let backups = regulars::backups::AutoBackups::new(
            &store,
            &regulars::config::BackupSettings {
                folder: folder.clone(),
                keep: 7,
            },
        );
        let mut book = Book::open(&store, Some("Giulia".into())).unwrap();
        backups.make(&mut book, common::now().to_utc()).unwrap();
        let mut desk = Desk::plain(book);
        desk.app.backups = Some(backups);
        desk.typed("zebulon").key(KeyCode::Enter);
        desk.ctrl('d');
        desk.typed("zebulon quixotico").key(KeyCode::Enter);
        assert!(desk.app.book.entry(person.id).is_none());
        let screen = desk.screen();
        let shown = if folder.is_empty() {
            dir.path().join("backups").display().to_string()
        } else {
            folder
        };
        let said = format!("The desk's own backups are in {shown}.");
        assert!(
            said.len() + format!("{NAME} is forgotten; ").len() > 80,
            "the sentence must be too long for one row to test anything"
        );
        // The rows the status takes, read as one sentence (a path cut between rows read whole).
        let rows: Vec<&str> = screen.lines().collect();
        let status_rows: String = rows
            .iter()
            .skip_while(|row| !row.contains("is forgotten"))
            .take_while(|row| !row.contains("F1"))
            .flat_map(|row| row.split_whitespace())
            .collect();
        let whole = |text: &str| text.split_whitespace().collect::<String>();
        assert!(
            status_rows.starts_with(&whole(&format!("{NAME} is forgotten;")))
                && status_rows.ends_with(&whole(&said)),
            "{screen}"
        );
        assert!(rows.last().unwrap().contains("F1"), "{screen}");
        // The panes gave up rows for it: their bottom border is right above the status.
        let first_status = rows
            .iter()
            .position(|r| r.contains("is forgotten"))
            .unwrap();
        assert!(
            first_status < 22 && rows[first_status - 1].starts_with('└'),
            "{screen}"
        );
        // Esc clears it: the bottom is its usual two rows again and the panes take the room back.
        desk.key(KeyCode::Esc);
        let screen = desk.screen();
        let rows: Vec<&str> = screen.lines().collect();
        assert!(!screen.contains("is forgotten"), "{screen}");
        assert!(
            rows[21].starts_with('└') && rows[22].trim().is_empty(),
            "{screen}"
        );
        assert!(rows[23].contains("F1"), "{screen}");
    }
}

#[test]
fn forget_clears_the_persons_id_from_the_desks_log() {
    let dir = tempfile::tempdir().unwrap();
    let (person, _) = store_with_person(dir.path(), 10);
    let store = dir.path().join("store");
    let data = dir.path().join("data");
    let log = data.join("regulars").join("regulars.log");
    std::fs::create_dir_all(log.parent().unwrap()).unwrap();
    let other =
        "2026-11-23T09:00:00Z INFO regulars::ui: saved customer=01JD4Q8W6ZK3V9YB7M2N5P1RXC\n";
    std::fs::write(
        &log,
        format!(
            "{other}2026-11-23T09:01:00Z INFO regulars::ui: saved customer={}\n{other}",
            person.id
        ),
    )
    .unwrap();
    // An older log moved aside when it grew past its limit, naming them too.
    let rotated = data.join("regulars").join("regulars.log.1");
    std::fs::write(
        &rotated,
        format!(
            "2026-10-01T09:01:00Z INFO regulars::ui: saved customer={}\n{other}",
            person.id
        ),
    )
    .unwrap();
    let out = common::bin()
        .env("XDG_DATA_HOME", &data)
        .arg("--db")
        .arg(&store)
        .args(["forget", &person.id.to_string(), "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        format!("{other}{other}")
    );
    assert_eq!(std::fs::read_to_string(&rotated).unwrap(), other);
}

/// The states a swap can be left in by a crash, built on disk directly, and what the next open makes of
/// each: never two stores, never none, never the old one's bytes left behind.
#[test]
fn every_state_an_interrupted_swap_can_leave_is_finished_or_undone_on_the_next_open() {
    let template = tempfile::tempdir().unwrap();
    let (person, _) = store_with_person(template.path(), 10);
    let with_person = template.path().join("store");
    // The same store after a forget: what a complete fresh store holds.
    let after = tempfile::tempdir().unwrap();
    common::copy_dir(&with_person, &after.path().join("store"));
    let out = common::run(
        &after.path().join("store"),
        &["forget", &person.id.to_string(), "--yes"],
    );
    assert!(out.status.success());
    let fresh = after.path().join("store");
    let has_person = |store: &Path| shown(store, person.id).is_some();

    // Killed between the two renames: no store, the old one moved aside, the fresh one complete.
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    common::copy_dir(&with_person, &dir.path().join("store.regulars-old"));
    common::copy_dir(&fresh, &dir.path().join("store.regulars-new"));
    std::fs::write(dir.path().join("store.regulars-new").join("complete"), b"").unwrap();
    assert!(!has_person(&store), "the fresh store takes its place");
    assert_eq!(Book::open(&store, None).unwrap().len(), 11);
    assert!(!dir.path().join("store.regulars-old").exists());
    assert!(!dir.path().join("store.regulars-new").exists());
    assert_eq!(traces(dir.path(), &person), Vec::<String>::new());

    // Killed while the fresh store was being written: it is not complete, the old store stays.
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    common::copy_dir(&with_person, &store);
    common::copy_dir(&fresh, &dir.path().join("store.regulars-new"));
    assert!(has_person(&store));
    assert!(!dir.path().join("store.regulars-new").exists());

    // Killed after the swap, before the old folder was removed: it goes on the next open.
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    common::copy_dir(&fresh, &store);
    common::copy_dir(&with_person, &dir.path().join("store.regulars-old"));
    assert!(!has_person(&store));
    assert_eq!(traces(dir.path(), &person), Vec::<String>::new());

    // The old store moved aside but the fresh one never finished (no mark): the old one comes back.
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    common::copy_dir(&with_person, &dir.path().join("store.regulars-old"));
    common::copy_dir(&fresh, &dir.path().join("store.regulars-new"));
    assert!(has_person(&store));
    assert_eq!(Book::open(&store, None).unwrap().len(), 12);
}
