//! The store on a real temp dir: what is written comes back after reopening, the schema version guards
//! the format, a second user gets a sentence, and nothing acknowledged is lost to SIGKILL.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use regulars::book::Book;
use regulars::domain::{Customer, CustomerDraft, CustomerText, Id, Note, NoteKind, Visit};
use regulars::store::{SCHEMA_VERSION, Store, StoreError};

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000 + seconds, 0).unwrap()
}

fn customer(name: &str) -> Customer {
    let text = CustomerText {
        name: name.into(),
        phones: "+39 333 123 4567".into(),
        ..Default::default()
    };
    let today = at(0).date_naive();
    Customer::new(
        CustomerDraft::from_text(&text, today).unwrap(),
        at(0),
        today,
        Some("Anna"),
    )
}

fn visit(customer: Id, seconds: i64) -> Visit {
    Visit {
        id: Id::at(at(seconds)),
        customer,
        at: at(seconds),
        amount_cents: Some(350),
        what: Some("cappuccino".into()),
        staff: None,
    }
}

#[test]
fn everything_written_comes_back_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let marcella = customer("Marcella Rossi");
    let visits = [
        visit(marcella.id, 200),
        visit(marcella.id, 100),
        visit(marcella.id, 300),
    ];
    let note = Note {
        id: Id::at(at(150)),
        customer: marcella.id,
        at: at(150),
        kind: NoteKind::Complaint,
        text: "Cold cornetto\nsecond line".into(),
        staff: Some("Anna".into()),
        pinned: true,
        answers: None,
    };
    {
        let store = Store::open(&path).unwrap();
        store.put_customer(&marcella).unwrap();
        for v in &visits {
            store.log_visit(v).unwrap();
        }
        store.add_note(&note).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.customer(marcella.id).unwrap(), Some(marcella.clone()));
    assert_eq!(store.customer_count(), 1);
    // Visits come back in time order whatever the order they were written in.
    let back = store.visits_for(marcella.id).unwrap();
    let times: Vec<_> = back.iter().map(|v| v.at).collect();
    assert_eq!(times, vec![at(100), at(200), at(300)]);
    assert_eq!(store.notes_for(marcella.id).unwrap(), vec![note]);
    let stats = store.visit_stats().unwrap();
    assert_eq!(stats[&marcella.id].count, 3);
    assert_eq!(stats[&marcella.id].last, Some(at(300)));
    assert_eq!(store.schema_version().unwrap(), Some(SCHEMA_VERSION));
}

#[test]
fn events_for_an_unknown_customer_are_refused_and_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    let stranger = Id::at(at(0));
    let err = store.log_visit(&visit(stranger, 10)).unwrap_err();
    assert!(matches!(err, StoreError::NoCustomer(id) if id == stranger));
    assert!(err.to_string().contains(&stranger.to_string()));
    assert!(store.visits_for(stranger).unwrap().is_empty());
    assert!(store.visit_stats().unwrap().is_empty());
}

#[test]
fn a_store_from_a_newer_regulars_is_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    drop(Store::open(&path).unwrap());
    {
        let db = common::raw_sled(&path);
        db.open_tree("meta")
            .unwrap()
            .insert("schema_version", &(SCHEMA_VERSION + 1).to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let err = Store::open(&path)
        .err()
        .expect("a newer store must be refused");
    assert!(matches!(err, StoreError::TooNew { found, .. } if found == SCHEMA_VERSION + 1));
    let sentence = err.to_string();
    assert!(
        sentence.contains(&path.display().to_string()) && sentence.contains("newer"),
        "{sentence}"
    );
    // The command line says the same, on stderr, with a non-zero exit.
    let out = common::run(&path, &["find", "x"]);
    assert!(!out.status.success());
    assert!(
        common::stderr(&out).contains("newer regulars"),
        "{}",
        common::stderr(&out)
    );
}

#[test]
fn records_without_a_schema_version_are_reported_as_damage() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let db = common::raw_sled(&path);
        db.open_tree("customers")
            .unwrap()
            .insert([1u8; 16], &[1u8, 2, 3][..])
            .unwrap();
        db.flush().unwrap();
    }
    let err = Store::open(&path).err().expect("must be refused");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    assert!(err.to_string().contains("restore it from a backup"));
}

#[test]
fn an_unreadable_record_is_a_sentence_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let c = customer("Ada");
    {
        let store = Store::open(&path).unwrap();
        store.put_customer(&c).unwrap();
    }
    {
        let db = common::raw_sled(&path);
        db.open_tree("customers")
            .unwrap()
            .insert(c.id.to_bytes(), &[9u8, 9, 9][..])
            .unwrap();
        db.flush().unwrap();
    }
    let err = Book::open(&path, None)
        .err()
        .expect("damage must be reported");
    assert!(
        err.to_string().contains("damaged") && err.to_string().contains("format 9"),
        "{err}"
    );
}

#[test]
fn the_store_is_private_to_its_owner() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/store");
    let store = Store::open(&path).unwrap();
    store.put_customer(&customer("Ada")).unwrap();
    common::assert_private(&path);
}

#[test]
fn a_second_user_of_the_store_gets_a_sentence_naming_it_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let _desk = Store::open(&path).unwrap();
    let started = Instant::now();
    let mut child = common::bin()
        .arg("--db")
        .arg(&path)
        .args(["find", "anyone"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A hang would be the bug: wait a generous while, then fail instead of blocking the suite.
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("the second process hung on the lock");
        }
        std::thread::park_timeout(Duration::from_millis(20));
    };
    let out = child.wait_with_output().unwrap();
    let stderr = common::stderr(&out);
    assert!(!status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&path.display().to_string()) && stderr.contains("in use"),
        "{stderr}"
    );
    // In-process, the same sentence.
    let err = Store::open(&path).err().expect("locked");
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
}

#[test]
fn a_version_1_store_climbs_the_ladder_and_gets_its_visit_figures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let c = customer("Old Olga");
    {
        let store = Store::open(&path).unwrap();
        store.put_customer(&c).unwrap();
        for s in [100, 300, 200] {
            store.log_visit(&visit(c.id, s)).unwrap();
        }
    }
    // Make it look like a version 1 store: no `stats` tree, schema version 1.
    {
        let db = common::raw_sled(&path);
        db.drop_tree("stats").unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert("schema_version", &1u32.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), Some(SCHEMA_VERSION));
    let stats = store.stats_for(c.id).unwrap();
    assert_eq!((stats.count, stats.last), (3, Some(at(300))));
    // The step is idempotent: running it again changes nothing.
    store.rebuild_stats().unwrap();
    assert_eq!(store.stats_for(c.id).unwrap(), stats);
}

#[test]
fn a_schema_4_store_gets_the_loyalty_figures_recomputed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let c = customer("Loyal Lia");
    {
        let store = Store::open(&path).unwrap();
        store.put_customer(&c).unwrap();
        for (i, s) in [100_000, 700_000, 1_300_000].into_iter().enumerate() {
            let mut v = visit(c.id, s);
            v.amount_cents = Some(250 * (i as i64 + 1));
            store.log_visit(&v).unwrap();
        }
    }
    // As a schema 4 binary left it: figures of the shape before the loyalty ones (here: none at all).
    {
        let db = common::raw_sled(&path);
        db.drop_tree("stats").unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert("schema_version", &4u32.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), Some(SCHEMA_VERSION));
    let stats = store.stats_for(c.id).unwrap();
    assert_eq!(stats.count, 3);
    assert_eq!(stats.spent_cents, 250 + 500 + 750);
    assert_eq!(stats.recent.numbers().len(), 3);
    assert!(stats.recent.rhythm().is_some());
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn the_invariant_check_finds_orphans_wrong_figures_and_bad_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let c = customer("Checked Chiara");
    {
        let store = Store::open(&path).unwrap();
        store.put_customer(&c).unwrap();
        store.log_visit(&visit(c.id, 100)).unwrap();
        assert_eq!(store.check().unwrap(), Vec::<String>::new());
    }
    let stranger = Id::at(at(5));
    {
        let db = common::raw_sled(&path);
        // An orphan visit, copied from a real one under a stranger's key prefix.
        let visits = db.open_tree("visits").unwrap();
        let (_, value) = visits.iter().next().unwrap().unwrap();
        let mut key = stranger.to_bytes().to_vec();
        key.extend_from_slice(&Id::at(at(6)).to_bytes());
        visits.insert(key, value).unwrap();
        // Figures that disagree with the visits, a journal entry for nobody, an unreadable note.
        db.open_tree("stats")
            .unwrap()
            .insert(c.id.to_bytes(), &[1u8, 9, 0][..])
            .unwrap();
        db.open_tree("index_journal")
            .unwrap()
            .insert(99u64.to_be_bytes(), &stranger.to_bytes()[..])
            .unwrap();
        let mut note_key = c.id.to_bytes().to_vec();
        note_key.extend_from_slice(&Id::at(at(7)).to_bytes());
        db.open_tree("notes")
            .unwrap()
            .insert(note_key, &[1u8, 255][..])
            .unwrap();
        db.flush().unwrap();
    }
    let problems = Store::open(&path).unwrap().check().unwrap();
    let all = problems.join("\n");
    assert!(
        all.contains("does not exist") && all.contains(&stranger.to_string()),
        "{all}"
    );
    assert!(all.contains("cached figures"), "{all}");
    assert!(all.contains("the index journal names customer"), "{all}");
    assert!(all.contains("notes: a record cannot be read"), "{all}");
    assert!(problems.len() >= 4, "{all}");
}

#[test]
fn a_store_that_lost_records_or_its_meta_is_refused_not_reborn() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let ids = {
        let mut book = Book::open(&path, None).unwrap();
        let today = at(0).date_naive();
        let mut ids = Vec::new();
        for n in 0..40 {
            let text = CustomerText {
                name: format!("Kept {n}"),
                ..Default::default()
            };
            let draft = CustomerDraft::from_text(&text, today).unwrap();
            ids.push(book.add_customer(draft, at(n), today).unwrap().id);
        }
        book.save_index();
        ids
    };
    // The newest customer's record vanishes (what sled does with a damaged log tail).
    {
        let db = common::raw_sled(&path);
        db.open_tree("customers")
            .unwrap()
            .remove(ids[39].to_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let err = Book::open(&path, None)
        .err()
        .expect("a store missing customers must be refused");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    assert!(
        err.to_string().contains("restore it from a backup"),
        "{err}"
    );
    // Its meta wiped: the store is not treated as new (nothing is written to it either).
    {
        let db = common::raw_sled(&path);
        db.drop_tree("meta").unwrap();
        db.flush().unwrap();
    }
    let err = Book::open(&path, None)
        .err()
        .expect("a store without its meta must be refused");
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(
        common::raw_sled(&path).open_tree("meta").unwrap().len(),
        0,
        "nothing was written"
    );
}

/// Damages a copy of a real store in several ways: the binary either refuses with the damage sentence or
/// answers, and then every customer it lists can be shown. Never a panic, never a hang.
#[test]
fn damaged_files_give_a_sentence_or_a_consistent_store_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original");
    let out = common::run(&original, &["demo", "--customers", "60", "--seed", "9"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let damages: Vec<(&str, Damage)> = vec![
        (
            "truncated to 20 KB",
            Box::new(|p| truncate(&p.join("db"), 20_000)),
        ),
        (
            "truncated to a third",
            Box::new(|p| {
                let len = std::fs::metadata(p.join("db")).unwrap().len();
                truncate(&p.join("db"), len / 3)
            }),
        ),
        (
            "bytes flipped all over",
            Box::new(|p| flip(&p.join("db"), 1000, 4099)),
        ),
        (
            "bytes flipped sparsely",
            Box::new(|p| flip(&p.join("db"), 70_000, 65_537)),
        ),
        (
            "head zeroed",
            Box::new(|p| {
                let mut b = std::fs::read(p.join("db")).unwrap();
                let n = b.len().min(200_000);
                b[..n].fill(0);
                std::fs::write(p.join("db"), b).unwrap();
            }),
        ),
        (
            "snapshot replaced",
            Box::new(|p| {
                for e in std::fs::read_dir(p).unwrap() {
                    let e = e.unwrap();
                    if e.file_name().to_string_lossy().starts_with("snap.") {
                        std::fs::write(e.path(), b"junk").unwrap();
                    }
                }
            }),
        ),
        (
            "db file missing",
            Box::new(|p| std::fs::remove_file(p.join("db")).unwrap()),
        ),
        (
            "index file damaged",
            Box::new(|p| flip(&p.join("search-index"), 100, 997)),
        ),
    ];
    for (what, damage) in damages {
        let copy = dir.path().join(what.replace(' ', "-"));
        common::copy_dir(&original, &copy);
        damage(&copy);
        let out = common::run(&copy, &["find", "a", "--limit", "100"]);
        let err = common::stderr(&out);
        assert!(
            !err.contains("panicked") && out.status.code().is_some(),
            "{what}: {err}"
        );
        if out.status.success() {
            for line in common::stdout(&out).lines().take(10) {
                let id = line.split('\t').next().unwrap();
                let show = common::run(&copy, &["show", id]);
                assert!(
                    show.status.success(),
                    "{what}: listed {id} but cannot show it: {}",
                    common::stderr(&show)
                );
            }
        } else {
            assert_eq!(err.lines().count(), 1, "{what}: {err}");
            assert!(err.contains(&copy.display().to_string()), "{what}: {err}");
        }
    }
}

/// Something done to a copy of a store's directory.
type Damage = Box<dyn Fn(&std::path::Path)>;

fn truncate(path: &std::path::Path, len: u64) {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .unwrap()
        .set_len(len)
        .unwrap();
}

fn flip(path: &std::path::Path, from: usize, every: usize) {
    let mut b = std::fs::read(path).unwrap();
    for i in (from..b.len()).step_by(every) {
        b[i] ^= 0x5a;
    }
    std::fs::write(path, b).unwrap();
}

#[test]
fn a_store_this_user_cannot_write_is_a_sentence_and_stays_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("store");
    let added = common::run(&path, &["add", "--name", "Ada"]);
    assert!(added.status.success());
    let id = common::stdout(&added).trim().to_string();
    let root = unsafe { libc::geteuid() } == 0;
    let mut command = if root {
        // Root ignores permission bits: give the store to `nobody` and run as them.
        let status = std::process::Command::new("chown")
            .args(["-R", "nobody"])
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_regulars"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_regulars"))
    };
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o500)).unwrap();
    let out = command
        .env("HOME", dir.path())
        .env(
            "REGULARS_TEST_DEADLINE",
            common::DEADLINE_SECONDS.to_string(),
        )
        .env_remove("REGULARS_DB")
        .arg("--db")
        .arg(&path)
        .args(["show", &id])
        .output()
        .unwrap();
    let err = common::stderr(&out);
    assert!(!out.status.success());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("cannot be written") && err.contains(&path.display().to_string()),
        "{err}"
    );
    // Opening did not make it writable behind the owner's back.
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o500);
    // Writable again, so the temp folder can be removed.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).unwrap();
}

/// A store beginning to sync puts every record it holds in its outbox a step at a time (the desk takes a
/// step between two keys), from where the last step stopped even after the store is closed and opened
/// again, and ends with the outbox a walk at once gives.
#[test]
fn a_store_beginning_to_sync_fills_its_outbox_a_step_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    common::demo_book(dir.path(), 30).close();
    let path = dir.path().join("store");
    let at_once = dir.path().join("at-once");
    common::copy_dir(&path, &at_once);
    let ids = |store: &Store| -> Vec<String> {
        let mut ids: Vec<String> = store
            .waiting(usize::MAX)
            .unwrap()
            .iter()
            .map(|w| regulars::sync::wire::row_of(&w.record).unwrap().id)
            .collect();
        ids.sort();
        ids
    };
    let whole = {
        let store = Store::open(&at_once).unwrap();
        store.start_syncing().unwrap();
        ids(&store)
    };
    assert!(whole.len() > 1_000, "{} records", whole.len());
    const STEP: usize = 500;
    let mut steps = 0;
    let store = Store::open(&path).unwrap();
    store.sync_id().unwrap();
    for _ in 0..2 {
        assert!(!store.seed_step(STEP).unwrap());
        steps += 1;
    }
    assert_eq!(store.sync_place().unwrap().waiting, 2 * STEP);
    drop(store);
    let store = Store::open(&path).unwrap();
    for _ in 0..whole.len() {
        steps += 1;
        if store.seed_step(STEP).unwrap() {
            break;
        }
    }
    assert_eq!(steps, whole.len().div_ceil(STEP), "no record walked twice");
    assert_eq!(ids(&store), whole);
    // Once walked, a step does nothing.
    assert!(store.seed_step(STEP).unwrap());
    assert_eq!(ids(&store), whole);
}

/// A customer edited while the walk has not reached them keeps the stamps of that edit: the walk gives the
/// stamps of their last change only to customers who have none.
#[test]
fn the_walk_keeps_the_stamps_of_an_edit_made_ahead_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = common::demo_book(dir.path(), 30);
    let last = {
        let store = book.store().unwrap();
        store.sync_id().unwrap();
        assert!(!store.seed_step(5).unwrap());
        // The customer the walk reaches last (customers are walked in id order).
        store.customers().map(|c| c.unwrap().id).max().unwrap()
    };
    let customer = book.customer(last).unwrap();
    let today = common::now().date_naive();
    let mut draft = CustomerDraft::from_text(&customer.to_text(), today).unwrap();
    draft.referred_by = customer.referred_by;
    draft.nickname = Some("Edited ahead".into());
    book.update_customer(last, draft, common::now().to_utc(), today)
        .unwrap();
    let store = book.store().unwrap();
    let stamped = store.field_clocks(last).unwrap().unwrap();
    while !store.seed_step(500).unwrap() {}
    assert_eq!(store.field_clocks(last).unwrap().unwrap(), stamped);
}
