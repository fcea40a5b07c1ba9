//! `regulars backup` and `regulars restore`: a backup of a store with every kind of record restores to the
//! same records (a property over random stores); a damaged, cut or foreign file is refused with a sentence
//! before anything is written; a store that holds records is replaced only with `--force`, after a backup
//! of it is saved beside it. Also `export --person`. The real binary and the real store.

mod common;

use std::path::Path;

use chrono::Duration;
use proptest::prelude::*;
use regulars::book::{Book, Profile};
use regulars::domain::{CustomerDraft, CustomerText, Id, NoteKind, Outcome, PromiseDraft};
use regulars::store::Store;
use serde_json::Value;

/// Every customer's whole profile, in id order.
fn everything(store: &Path) -> Vec<Profile> {
    let mut book = Book::open(store, None).unwrap();
    let mut ids = book.search("", None);
    ids.sort();
    let all = ids.iter().map(|&id| book.profile(id).unwrap()).collect();
    book.close();
    all
}

/// A store with what `plan` asks for: per customer, a name, how many visits (some with amounts), notes
/// (and as many promises, some kept, some cancelled),
/// how many of their visits and notes to void, and whether the previous customer referred them.
fn build(store: &Path, plan: &[(String, u8, u8, u8, bool)]) {
    let mut book = Book::open(store, Some("Giulia".into())).unwrap();
    let today = common::now().date_naive();
    let mut at = common::now().to_utc() - Duration::days(400);
    let mut previous: Option<Id> = None;
    for (name, visits, notes, voids, referred) in plan {
        let mut draft = CustomerDraft::from_text(
            &CustomerText {
                name: name.clone(),
                phones: "+39 333 000 1111".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap();
        draft.referred_by = previous.filter(|_| *referred);
        let id = book.add_customer(draft, at, today).unwrap().id;
        let mut events = Vec::new();
        for v in 0..*visits {
            at += Duration::hours(7);
            let amount = (v % 2 == 0).then_some(i64::from(v) * 150 + 99);
            events.push(
                book.log_visit(id, at, amount, Some(format!("what {v}")))
                    .unwrap()
                    .id,
            );
        }
        for n in 0..*notes {
            at += Duration::hours(5);
            let kind = NoteKind::ALL[usize::from(n) % 4];
            events.push(
                book.add_note(id, at, kind, format!("{name} note {n}"), n % 3 == 0)
                    .unwrap()
                    .id,
            );
        }
        // As many promises as notes: every second one kept, every third cancelled.
        for n in 0..*notes {
            at += Duration::hours(2);
            let due = today + Duration::days(i64::from(n));
            let promise = book
                .make_promise(
                    id,
                    at,
                    PromiseDraft {
                        text: format!("{name} promise {n}"),
                        due,
                    },
                )
                .unwrap();
            events.push(promise.id);
            let outcome = match n % 3 {
                1 => Some(Outcome::Kept),
                2 => Some(Outcome::Cancelled),
                _ => None,
            };
            if let Some(outcome) = outcome {
                at += Duration::minutes(1);
                events.push(book.end_promise(promise.id, at, outcome).unwrap().0.id);
            }
        }
        for event in events.iter().take(usize::from(*voids)) {
            at += Duration::minutes(3);
            book.void(*event, at).unwrap();
        }
        previous = Some(id);
    }
    book.close();
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(6),
        .. ProptestConfig::default()
    })]

    #[test]
    fn a_backup_restores_to_the_same_records(
        plan in prop::collection::vec(
            ("[A-Z][a-zà-ü]{1,8} [A-Z][a-z']{1,10}", 0u8..6, 0u8..4, 0u8..3, any::<bool>()),
            0..12,
        )
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        build(&store, &plan);
        {
            // The one-pass walk the exports use gives each customer what a scan of their own gives.
            let opened = Store::open(&store).unwrap();
            let mut walked = 0;
            for stored in opened.everyone() {
                let (customer, events) = stored.unwrap().decode(&opened).unwrap();
                prop_assert_eq!(events, opened.events_for(customer.id).unwrap());
                walked += 1;
            }
            prop_assert_eq!(walked, plan.len());
        }
        let file = dir.path().join("shop.regulars-backup");
        let out = common::run(&store, &["backup", file.to_str().unwrap()]);
        prop_assert!(out.status.success(), "{}", common::stderr(&out));
        let restored = dir.path().join("restored");
        let out = common::run(&restored, &["restore", file.to_str().unwrap()]);
        prop_assert!(out.status.success(), "{}", common::stderr(&out));
        prop_assert_eq!(everything(&restored), everything(&store));
        prop_assert_eq!(Store::open(&restored).unwrap().check().unwrap(), Vec::<String>::new());

        // The desk's JSON of the same store imports into a new one with the same records, ids and all,
        // and the same figures; and exports again to the same bytes.
        let json = dir.path().join("shop.json");
        let out = common::run(&store, &["export", "--format", "json", "-o", json.to_str().unwrap()]);
        prop_assert!(out.status.success(), "{}", common::stderr(&out));
        let imported = dir.path().join("imported");
        let out = common::run(&imported, &["import", json.to_str().unwrap()]);
        prop_assert!(out.status.success(), "{}", common::stderr(&out));
        prop_assert_eq!(everything(&imported), everything(&store));
        prop_assert_eq!(Store::open(&imported).unwrap().check().unwrap(), Vec::<String>::new());
        let again = common::run(&imported, &["export", "--format", "json"]);
        prop_assert_eq!(
            String::from_utf8(again.stdout).unwrap(),
            std::fs::read_to_string(&json).unwrap()
        );
    }
}

fn small_store(dir: &Path) -> std::path::PathBuf {
    let store = dir.join("store");
    build(
        &store,
        &[
            ("Teresa Amato".into(), 3, 2, 1, false),
            ("Bruno Neri".into(), 1, 1, 0, true),
        ],
    );
    store
}

#[test]
fn a_damaged_cut_or_foreign_file_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = small_store(dir.path());
    let file = dir.path().join("b.regulars-backup");
    let out = common::run(&store, &["backup", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        common::stdout(&out).contains("2 customers"),
        "{}",
        common::stdout(&out)
    );
    let good = std::fs::read(&file).unwrap();
    let verified = common::run(&store, &["backup", "--verify", file.to_str().unwrap()]);
    assert!(verified.status.success());
    assert!(common::stdout(&verified).contains("is a sound backup"));

    // One letter of a name changed inside a record: only the checksum can tell.
    let mut flipped = good.clone();
    let at = good.windows(12).position(|w| w == b"Teresa Amato").unwrap();
    flipped[at] = b'M';
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("flipped", flipped, "checksum does not match"),
        ("cut", good[..good.len() * 2 / 3].to_vec(), "cut short"),
        (
            "foreign",
            b"name,phone\nAda,123\n".to_vec(),
            "is not a backup",
        ),
        ("empty", Vec::new(), "is not a backup"),
    ];
    for (what, bytes, says) in cases {
        let bad = dir.path().join(format!("{what}.regulars-backup"));
        std::fs::write(&bad, bytes).unwrap();
        for args in [
            vec!["backup", "--verify", bad.to_str().unwrap()],
            vec!["restore", bad.to_str().unwrap()],
        ] {
            let target = dir.path().join(format!("target-{what}"));
            let out = common::run(&target, &args);
            assert_eq!(out.status.code(), Some(1), "{what} {args:?}");
            let err = common::stderr(&out);
            assert!(err.contains(says), "{what}: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
            // Restoring says nothing was restored; checking restores nothing either way, so it does not.
            assert_eq!(
                err.contains("Nothing was restored"),
                args[0] == "restore" && says != "is not a backup",
                "{what} {args:?}: {err}"
            );
            // Nothing was written: not even the store's folder came to be.
            assert!(!target.exists(), "{what}");
        }
    }
}

#[test]
fn a_store_with_records_is_replaced_only_with_force_after_saving_it_beside() {
    let dir = tempfile::tempdir().unwrap();
    let store = small_store(dir.path());
    let file = dir.path().join("b.regulars-backup");
    assert!(
        common::run(&store, &["backup", file.to_str().unwrap()])
            .status
            .success()
    );
    // Something new after the backup.
    let added = common::run(&store, &["add", "--name", "After Backup"]);
    assert!(added.status.success());
    let before = everything(&store);
    let out = common::run(&store, &["restore", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out).contains("already holds 3 customers"),
        "{}",
        common::stderr(&out)
    );
    assert_eq!(everything(&store), before);

    let out = common::run(&store, &["restore", file.to_str().unwrap(), "--force"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(everything(&store).len(), 2);
    // The replaced store was saved first, beside it, and restores to what it was.
    let saved: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".before-restore-"))
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(common::stdout(&out).contains(&saved[0].display().to_string()));
    let back = dir.path().join("back");
    assert!(
        common::run(&back, &["restore", saved[0].to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(everything(&back), before);
}

#[test]
fn a_backup_of_a_store_in_use_is_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let store = small_store(dir.path());
    let book = Book::open(&store, None).unwrap();
    let file = dir.path().join("b.regulars-backup");
    let out = common::run(&store, &["backup", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(err.contains(&store.display().to_string()), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert!(!file.exists());
    drop(book);
}

/// A backup into a folder that is not there, or from a file that is not there, says which in one sentence
/// (not the system's "No such file or directory"); a backup over a file of the same name says it replaced it.
#[test]
fn missing_folders_and_files_are_named_and_a_replaced_backup_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let store = small_store(dir.path());
    let nowhere = dir.path().join("usb").join("regulars.backup");
    let out = common::run(&store, &["backup", nowhere.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert_eq!(
        err.trim(),
        format!(
            "regulars: There is no folder {}: check the path (is the USB stick plugged in?).",
            dir.path().join("usb").display()
        )
    );
    let missing = dir.path().join("old.backup");
    for args in [
        &["restore", missing.to_str().unwrap()][..],
        &["backup", "--verify", missing.to_str().unwrap()],
    ] {
        let out = common::run(&dir.path().join("new-store"), args);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            common::stderr(&out).trim(),
            format!("regulars: There is no file {}.", missing.display()),
            "{args:?}"
        );
    }
    assert!(!dir.path().join("new-store").exists());
    // Twice to the same file: the second says the first is gone.
    let file = dir.path().join("b.regulars-backup");
    let first = common::run(&store, &["backup", file.to_str().unwrap()]);
    assert!(!common::stdout(&first).contains("replaces"));
    let second = common::run(&store, &["backup", file.to_str().unwrap()]);
    assert!(second.status.success());
    assert!(
        common::stdout(&second).contains("It replaced the file of that name"),
        "{}",
        common::stdout(&second)
    );
}

#[test]
fn export_person_holds_everything_about_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = small_store(dir.path());
    let book = Book::open(&store, None).unwrap();
    let teresa = book.search("teresa", None)[0];
    let bruno = book.search("bruno", None)[0];
    book.close();
    let file = dir.path().join("teresa.json");
    let out = common::run(
        &store,
        &[
            "export",
            "--person",
            &teresa.to_string(),
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let customer = &json["customer"];
    assert_eq!(customer["id"], teresa.to_string());
    assert_eq!(customer["name"], "Teresa Amato");
    assert_eq!(customer["phones"][0], "+39 333 000 1111");
    // 3 visits and 2 notes, one of the visits voided.
    assert_eq!(customer["visits"].as_array().unwrap().len(), 2);
    assert_eq!(customer["notes"].as_array().unwrap().len(), 2);
    assert_eq!(customer["voided"].as_array().unwrap().len(), 1);
    // And 2 promises, the second kept.
    let promises = customer["promises"].as_array().unwrap();
    assert_eq!(promises.len(), 2);
    assert_eq!(promises[0]["text"], "Teresa Amato promise 0");
    assert!(promises[0]["kept"].is_null());
    assert!(promises[1]["kept"].as_str().unwrap().ends_with('Z'));
    assert!(customer["visits"][0]["at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(json["referred"][0]["id"], bruno.to_string());
    // A bare file name (the README's example) is written in the current folder, and nothing else is.
    let here = dir.path().join("here");
    std::fs::create_dir(&here).unwrap();
    std::fs::write(here.join("person.tmp"), "mine").unwrap();
    let out = common::bin()
        .current_dir(&here)
        .arg("--db")
        .arg(&store)
        .args([
            "export",
            "--person",
            &teresa.to_string(),
            "-o",
            "person.json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let again: Value =
        serde_json::from_str(&std::fs::read_to_string(here.join("person.json")).unwrap()).unwrap();
    assert_eq!(again["customer"]["id"], teresa.to_string());
    assert_eq!(
        std::fs::read_to_string(here.join("person.tmp")).unwrap(),
        "mine"
    );
    // Without --person: one sentence.
    let out = common::run(&store, &["export"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).contains("--person"));
}

#[test]
fn the_desks_own_backups_keep_the_newest_and_come_once_a_day() {
    use regulars::backups::AutoBackups;
    use regulars::config::BackupSettings;
    let dir = tempfile::tempdir().unwrap();
    let store = small_store(dir.path());
    let settings = BackupSettings {
        folder: String::new(),
        keep: 3,
    };
    let backups = AutoBackups::new(&store, &settings);
    assert_eq!(backups.folder, dir.path().join("backups"));
    let mut book = Book::open(&store, None).unwrap();
    let start = common::now().to_utc();
    for day in 0..5 {
        backups
            .make(&mut book, start + Duration::days(day))
            .unwrap();
    }
    let kept = backups.list();
    assert_eq!(kept.len(), 3, "{kept:?}");
    // The newest three, each a sound backup of the store.
    assert!(kept[0].to_string_lossy().contains("20261125"), "{kept:?}");
    for file in &kept {
        assert_eq!(regulars::store::backup::verify(file).unwrap().customers, 2);
    }
    // The desk makes the daily one when its time comes, and says so.
    let mut desk = common::desk::Desk::plain(book);
    desk.app.backups = Some(AutoBackups::new(
        &store,
        &BackupSettings {
            folder: dir.path().join("elsewhere").display().to_string(),
            keep: 7,
        },
    ));
    desk.app.next_backup = Some(desk.now + std::time::Duration::from_secs(3600));
    desk.pause();
    assert!(!dir.path().join("elsewhere").exists());
    desk.app
        .tick(desk.now + std::time::Duration::from_secs(3601));
    assert_eq!(
        std::fs::read_dir(dir.path().join("elsewhere"))
            .unwrap()
            .count(),
        1
    );
    assert!(desk.screen().contains("Backup made"), "{}", desk.screen());
}

#[test]
fn a_backup_inside_the_store_is_refused_and_two_in_a_second_keep_apart() {
    let dir = tempfile::tempdir().unwrap();
    let store = small_store(dir.path());
    let inside = store.join("mine.regulars-backup");
    let out = common::run(&store, &["backup", inside.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out).contains("inside the store"),
        "{}",
        common::stderr(&out)
    );
    assert!(!inside.exists());
    // Two restores with --force in the same second: each replaced store is saved, neither over the other.
    let file = dir.path().join("b.regulars-backup");
    assert!(
        common::run(&store, &["backup", file.to_str().unwrap()])
            .status
            .success()
    );
    for _ in 0..2 {
        let out = common::run(&store, &["restore", file.to_str().unwrap(), "--force"]);
        assert!(out.status.success(), "{}", common::stderr(&out));
    }
    let saved = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".before-restore-")
        })
        .count();
    assert_eq!(saved, 2);
    // A backup file that cannot be read is a sentence about where it was looked for.
    let out = common::run(&store, &["restore", "/nonexistent/x.regulars-backup"]);
    assert!(
        common::stderr(&out).contains("There is no folder /nonexistent"),
        "{}",
        common::stderr(&out)
    );
}
