//! Two tills, one hub: each test has stores of its own and a database of its own on the PostgreSQL server
//! that `scripts/with-postgres` starts (CI runs the tests through it; without it, these tests say they are
//! skipped, except in CI, where they fail). The tills are the real binary; edits, which the command line
//! does not make, are made through the library on the same stores.

mod common;

use std::path::Path;
use std::process::Output;

use chrono::Duration;
use common::hub::{TestHub, desk_syncing, hub, ok, sync_with, until, until_shown};
use common::{run, stderr};
use regulars::book::Book;
use regulars::domain::{CustomerDraft, Id};
use regulars::store::Standing;
use regulars::sync::Pull;

/// One round of `regulars sync` on `store` against `hub`.
fn sync(store: &Path, hub: &TestHub) -> Output {
    sync_with(store, &hub.url, &[])
}

/// Runs the binary on `store` and hands back what it printed, which must be a success.
fn cli(store: &Path, args: &[&str]) -> String {
    ok(run(store, args)).trim().to_string()
}

/// The store's whole JSON export: every customer with every record, ids and times as stored.
fn export(store: &Path) -> String {
    cli(store, &["export", "--format", "json"])
}

fn show(store: &Path, id: &str) -> serde_json::Value {
    serde_json::from_str(&cli(store, &["show", id, "--json"])).unwrap()
}

fn count(show: &serde_json::Value, what: &str) -> usize {
    show[what].as_array().map_or(0, Vec::len)
}

/// Edits customer `id` in `store` at `minutes` from now (the binary's records are made on the system
/// clock): `change` says how.
fn edit(store: &Path, id: &str, minutes: i64, change: impl FnOnce(&mut CustomerDraft)) {
    let id: Id = id.parse().unwrap();
    let mut book = Book::open(store, Some("Luca".into())).unwrap();
    let customer = book.customer(id).unwrap();
    let at = chrono::Utc::now() + Duration::minutes(minutes);
    let today = at.with_timezone(&chrono::Local).date_naive();
    let mut draft = CustomerDraft::from_text(&customer.to_text(), today).unwrap();
    draft.referred_by = customer.referred_by;
    change(&mut draft);
    book.update_customer(id, draft, at, today).unwrap();
    book.close();
}

#[test]
fn two_tills_converge_after_visits_notes_promises_and_edits_on_both() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(
        &a,
        &["add", "--name", "Anna Ferri", "--phone", "333 1234567"],
    );
    cli(
        &a,
        &["visit", &anna, "--amount", "4.50", "--what", "cappuccino"],
    );
    cli(&a, &["note", &anna, "oat milk, never sugar", "--pin"]);
    let promise = cli(
        &a,
        &[
            "promise",
            &anna,
            "call when size 38 arrives",
            "--due",
            "+3d",
        ],
    );
    let sent = ok(sync(&a, &hub));
    assert!(sent.contains("4 records sent, 0 received"), "{sent}");
    let got = ok(sync(&b, &hub));
    assert!(got.contains("0 records sent, 4 received"), "{got}");
    assert_eq!(export(&a), export(&b));

    // Both tills write while apart: visits, notes, a new customer, an edit of each, the promise kept.
    cli(&b, &["visit", &anna]);
    cli(
        &b,
        &[
            "note",
            &anna,
            "the cappuccino was cold",
            "--kind",
            "complaint",
        ],
    );
    let bruno = cli(
        &b,
        &["add", "--name", "Bruno Bellini", "--referred-by", &anna],
    );
    cli(&b, &["visit", &bruno, "--amount", "12"]);
    edit(&b, &anna, 20, |d| {
        d.preferences = "oat milk, extra hot".into()
    });
    cli(&a, &["visit", &anna, "--amount", "2.20"]);
    cli(&a, &["kept", &promise]);
    edit(&a, &anna, 10, |d| d.phones = vec!["333 7654321".into()]);

    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    ok(sync(&a, &hub));
    let (one, two) = (export(&a), export(&b));
    assert_eq!(one, two, "the tills hold the same records");
    let card = show(&a, &anna);
    assert_eq!(count(&card, "visits"), 3);
    assert_eq!(count(&card, "notes"), 2);
    assert_eq!(card["phones"][0], "333 7654321");
    assert_eq!(card["preferences"], "oat milk, extra hot");
    assert!(card["promises"][0]["kept"].is_string(), "{card}");
    assert_eq!(show(&a, &bruno)["referred_by"], anna.as_str());
    // Each event once on the hub, however many rounds carried it: A's first three, B's visit, complaint
    // and Bruno's visit, A's visit and the promise kept.
    let events: i64 = hub
        .client()
        .query_one(
            "SELECT count(*) FROM regulars_changes WHERE kind <> 'customer'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(events, 3 + 3 + 2);
}

#[test]
fn the_same_customer_edited_at_both_tills_keeps_each_fields_latest_change() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(
        &a,
        &["add", "--name", "Anna Ferri", "--phone", "333 111 1111"],
    );
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    // A changes the phone at +10 and the nickname at +30; B changes the phone earlier (+5), the
    // nickname in between (+20) and the likes (+40). Each field keeps its latest change.
    edit(&a, &anna, 10, |d| d.phones = vec!["333 222 2222".into()]);
    edit(&a, &anna, 30, |d| d.nickname = Some("Annina".into()));
    edit(&b, &anna, 5, |d| d.phones = vec!["333 333 3333".into()]);
    edit(&b, &anna, 20, |d| d.nickname = Some("Nina".into()));
    edit(&b, &anna, 40, |d| d.preferences = "green tea".into());
    // B syncs first this time: the order of the rounds decides nothing.
    ok(sync(&b, &hub));
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    for store in [&a, &b] {
        let card = show(store, &anna);
        assert_eq!(card["phones"][0], "333 222 2222", "{card}");
        assert_eq!(card["nickname"], "Annina", "{card}");
        assert_eq!(card["preferences"], "green tea", "{card}");
    }
    assert_eq!(export(&a), export(&b));
}

#[test]
fn a_round_killed_after_the_hub_took_its_push_sends_nothing_twice() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    cli(&a, &["visit", &anna]);
    cli(&a, &["note", &anna, "likes jazz"]);
    let killed = sync_with(&a, &hub.url, &[("REGULARS_ABORT_AT", "sync-pushed")]);
    assert!(!killed.status.success());
    assert_eq!(hub.rows(), 3, "the hub committed the push");
    let status = cli(&a, &["sync", "--status"]);
    assert!(status.contains("Waiting to be sent: 3"), "{status}");
    // The next round sends them again; the hub keeps one of each.
    let again = ok(sync(&a, &hub));
    assert!(again.contains("3 records sent"), "{again}");
    assert!(
        again.contains("3 of them were already on the hub."),
        "{again}"
    );
    assert_eq!(hub.rows(), 3);
    ok(sync(&b, &hub));
    let card = show(&b, &anna);
    assert_eq!((count(&card, "visits"), count(&card, "notes")), (1, 1));
    let status = cli(&a, &["sync", "--status"]);
    assert!(status.contains("Waiting to be sent: 0"), "{status}");
}

#[test]
fn a_round_killed_between_taking_records_and_its_cursor_takes_each_once() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    cli(&a, &["visit", &anna, "--amount", "3"]);
    cli(&a, &["visit", &anna, "--amount", "4"]);
    ok(sync(&a, &hub));
    let killed = sync_with(&b, &hub.url, &[("REGULARS_ABORT_AT", "sync-pull-taken")]);
    assert!(!killed.status.success());
    let status = cli(&b, &["sync", "--status"]);
    assert!(status.contains("up to change 0"), "{status}");
    let again = ok(sync(&b, &hub));
    assert!(
        again.contains("0 received"),
        "the records were in already: {again}"
    );
    let card = show(&b, &anna);
    assert_eq!(count(&card, "visits"), 2);
    assert_eq!(card["visit_count"], 2, "{card}");
    assert_eq!(export(&a), export(&b));
}

/// A desk whose hub takes connections and never answers gives up on its sync thread after 20 seconds
/// of its time, and tries again later: while that thread still waits on the hub, no other is started,
/// so connections do not pile up at a hung hub (one a minute, before).
#[test]
fn a_desk_whose_hub_never_answers_keeps_one_connection_waiting() {
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    silent.set_nonblocking(true).unwrap();
    let port = silent.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    cli(&a, &["add", "--name", "Anna Ferri"]);
    let mut desk = desk_syncing(&a, &format!("postgresql://regulars@127.0.0.1:{port}/shop"));
    // Until the hub answers, or is given up on, the search line says the desk is connecting.
    desk.app.tick(desk.now);
    let screen = desk.screen();
    assert!(screen.contains("connecting… · 1 customer"), "{screen}");
    let mut held = Vec::new();
    // Ten minutes of the desk's time, a second a tick: each job given up on after 20 s, tried again
    // after a wait that grows to a minute.
    for _ in 0..600 {
        desk.now += std::time::Duration::from_secs(1);
        let now = desk.now;
        desk.app.tick(now);
        while let Ok((stream, _)) = silent.accept() {
            held.push(stream);
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let screen = desk.screen();
    assert!(
        screen.contains("offline since 10:00 — 1 waiting"),
        "{screen}"
    );
    assert_eq!(
        held.len(),
        1,
        "connections made to a hub that never answers"
    );
    // The hub drops that connection: the thread given up on ends, and the desk tries again on a new one.
    held.clear();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while held.is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "no new connection after the stuck one ended"
        );
        desk.now += std::time::Duration::from_secs(1);
        let now = desk.now;
        desk.app.tick(now);
        while let Ok((stream, _)) = silent.accept() {
            held.push(stream);
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// The hub reached and turned away for a reason that waiting will not change (a wrong password, none
/// given, a database that does not exist): a refusal that names the reason, at the command line and on
/// the desk's status line, not "cannot be reached" as if the network were down.
#[test]
fn a_wrong_password_or_a_missing_database_is_a_refusal_that_says_why() {
    let Some(hub) = hub() else { return };
    hub.client()
        .batch_execute(
            "DO $$ BEGIN CREATE ROLE regulars_pw LOGIN SUPERUSER PASSWORD 'right-one'; \
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    cli(&a, &["add", "--name", "Anna Ferri"]);
    let as_pw = hub.url_as("regulars_pw", "127.0.0.1", "");
    let err = stderr(&sync_with(&a, &as_pw, &[("PGPASSWORD", "wrong-one")]));
    assert!(
        err.contains("refused the sync: password authentication failed for user \"regulars_pw\""),
        "{err}"
    );
    let err = stderr(&sync_with(
        &a,
        &as_pw,
        &[("PGPASSWORD", ""), ("PGPASSFILE", "/nonexistent")],
    ));
    assert!(
        err.contains("refused the sync: it asks for a password and none was given"),
        "{err}"
    );
    let missing = format!("{}_missing", hub.url);
    let err = stderr(&sync_with(&a, &missing, &[]));
    assert!(err.contains("refused the sync: database"), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    ok(sync_with(&a, &as_pw, &[("PGPASSWORD", "right-one")]));
    // The desk says it on its status line, once.
    let url = format!(
        "postgresql://regulars_pw:wrong-one@{}",
        as_pw.split_once('@').unwrap().1
    );
    let mut desk = desk_syncing(&a, &url);
    let screen = until_shown(&mut desk, "password authentication failed");
    assert!(screen.contains("offline since 10:00"), "{screen}");
}

/// A hub that takes the connection and never answers (its server stopped with SIGSTOP, a machine hung):
/// `regulars sync` gives up after its limit with a sentence, rather than hold the store (and keep the
/// desk from opening) until the hub answers again. No server needed: a socket that listens and says
/// nothing is such a hub.
#[test]
fn a_hub_that_never_answers_ends_the_round_with_a_sentence_and_frees_the_store() {
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    cli(&a, &["add", "--name", "Anna Ferri"]);
    let mut child = common::bin()
        .arg("--db")
        .arg(&a)
        .arg("sync")
        .env(
            "REGULARS_SYNC_URL",
            format!("postgresql://regulars@127.0.0.1:{port}/shop"),
        )
        .env("REGULARS_SYNC_ANSWER_SECS", "2")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("`regulars sync` still waits on a hub that never answers");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("cannot be reached (no answer in 2 seconds)"),
        "{err}"
    );
    // The store is free again, and what waited still waits.
    let status = cli(&a, &["sync", "--status"]);
    assert!(
        status.contains("Last contact with the hub: never"),
        "{status}"
    );
    drop(silent);
}

/// Two pushes racing: a push waits while another till's push holds the table, so rows are numbered in
/// the order they are committed, and a till pulling meanwhile can never take a later number and skip an
/// earlier one that commits after it.
#[test]
fn a_push_waits_for_one_in_progress_so_numbers_follow_commits() {
    let Some(hub) = hub() else { return };
    // The table made, by a till's first connection.
    regulars::sync::Hub::connect(&hub.url, "first").unwrap();
    // Another till's push, in progress: a row in (its number taken), not committed. (A plain insert: the
    // lock a push takes must make even that wait.)
    let mut other = hub.client();
    let mut in_progress = other.transaction().unwrap();
    in_progress
        .batch_execute(
            "INSERT INTO regulars_changes (id, kind, customer, till, origin, body) \
             VALUES ('slow', 'note', 'c1', 'other', 'o1', '{}')",
        )
        .unwrap();
    let mut till = regulars::sync::Hub::connect(&hub.url, "racing").unwrap();
    let push = std::thread::spawn(move || {
        let row = regulars::sync::wire::Row {
            id: "quick".into(),
            kind: "note",
            customer: "c2".into(),
            body: "{}".into(),
            till: None,
        };
        till.push(&[row], "racing", "o2", &Standing::default())
            .map(|_| till)
    });
    // The racing push waits on the table (a condition, not a guess of time).
    let mut watcher = hub.client();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let waiting: i64 = watcher
            .query_one(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE application_name = 'regulars racing' AND wait_event_type = 'Lock'",
                &[],
            )
            .unwrap()
            .get(0);
        if waiting == 1 {
            break;
        }
        assert!(
            !push.is_finished(),
            "the push went in past a push in progress"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "the push never waited"
        );
        std::thread::yield_now();
    }
    // Meanwhile a till pulling sees nothing yet: no number is visible before an earlier one.
    let mut puller = regulars::sync::Hub::connect(&hub.url, "puller").unwrap();
    let Pull::Rows(rows) = puller.pull(&Standing::default(), 10).unwrap() else {
        panic!("no mark, no going back")
    };
    assert!(rows.is_empty());
    in_progress.commit().unwrap();
    let mut till = push.join().unwrap().unwrap();
    let Pull::Rows(rows) = till.pull(&Standing::default(), 10).unwrap() else {
        panic!("no mark, no going back")
    };
    let order: Vec<&str> = rows.iter().map(|r| r.customer.as_str()).collect();
    assert_eq!(
        order,
        ["c1", "c2"],
        "numbered in the order of their commits"
    );
}

/// A connection the server ends in the middle of a push (an administrator's shutdown or restart,
/// `pg_terminate_backend`) is the hub out of reach for a while, to be tried again quietly, not a refusal
/// to show the shopkeeper: the server answers the push with an error of its own (57P01), which must not
/// be read as the hub refusing what was sent.
#[test]
fn a_push_the_server_ends_counts_as_the_hub_out_of_reach() {
    let Some(hub) = hub() else { return };
    let mut till = regulars::sync::Hub::connect(&hub.url, "ended").unwrap();
    // The push waits on the table, which another session holds, until its connection is ended.
    let mut holder = hub.client();
    let mut held = holder.transaction().unwrap();
    held.batch_execute("LOCK TABLE regulars_changes IN ACCESS EXCLUSIVE MODE")
        .unwrap();
    let push = std::thread::spawn(move || till.push(&[], "ended", "00", &Standing::default()));
    let mut watcher = hub.client();
    let waiting = "SELECT pid FROM pg_stat_activity \
                   WHERE application_name = 'regulars ended' AND wait_event_type = 'Lock'";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let pid: i32 = loop {
        if let Some(row) = watcher.query_opt(waiting, &[]).unwrap() {
            break row.get(0);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the push never waited"
        );
        std::thread::yield_now();
    };
    let ended: bool = watcher
        .query_one("SELECT pg_terminate_backend($1)", &[&pid])
        .unwrap()
        .get(0);
    assert!(ended);
    let err = push.join().unwrap().unwrap_err();
    assert!(
        matches!(err, regulars::sync::SyncError::Unreachable { .. }),
        "{err:?}"
    );
    held.rollback().unwrap();
}

#[test]
fn a_hub_out_of_reach_keeps_everything_waiting_until_it_is_back() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    cli(&a, &["visit", &anna]);
    // Port 1 on loopback: nothing listens there.
    let away = sync_with(&a, "postgresql://regulars@127.0.0.1:1/shop", &[]);
    assert!(!away.status.success());
    let said = stderr(&away);
    assert!(
        said.contains("The sync hub at regulars@127.0.0.1:1/shop cannot be reached")
            && said.contains("Everything stays saved here"),
        "{said}"
    );
    assert_eq!(said.trim().lines().count(), 1, "{said}");
    cli(&a, &["visit", &anna]);
    let back = ok(sync(&a, &hub));
    assert!(back.contains("3 records sent"), "{back}");
}

#[test]
fn a_hub_whose_schema_is_newer_than_the_desk_is_refused_and_left_alone() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    ok(sync(&a, &hub));
    hub.client()
        .batch_execute("INSERT INTO regulars_schema (version) VALUES (99)")
        .unwrap();
    cli(&a, &["visit", &anna]);
    let refused = sync(&a, &hub);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("has schema version 99, newer than this desk knows (2)"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(hub.rows(), 1, "nothing was pushed to it");
}

#[test]
fn sync_without_a_hub_says_how_to_set_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&dir.path().join("a"), &["sync"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("No sync hub is set") && stderr(&out).contains("REGULARS_SYNC_URL"),
        "{}",
        stderr(&out)
    );
    let status = cli(&dir.path().join("a"), &["sync", "--status"]);
    assert!(
        status.contains(
            "This till has not synced yet: everything it holds is sent at its first round."
        ),
        "{status}"
    );
}

#[test]
fn sync_on_a_store_open_in_a_desk_says_the_desk_syncs_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    cli(&a, &["add", "--name", "Anna Ferri"]);
    let open = Book::open(&a, None).unwrap();
    for args in [&["sync"][..], &["sync", "--status"][..]] {
        let out = common::bin()
            .arg("--db")
            .arg(&a)
            .args(args)
            .env(
                "REGULARS_SYNC_URL",
                "postgresql://regulars@127.0.0.1:9/shop",
            )
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = stderr(&out);
        assert!(
            err.contains("an open desk syncs with the hub by itself"),
            "{err}"
        );
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    open.close();
}

/// A hub nobody answers at (a port of this machine with nothing behind it) is said in the user's language,
/// not in the system's English.
#[test]
fn a_hub_nobody_answers_at_is_said_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    cli(&a, &["add", "--name", "Anna Ferri"]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgresql://regulars@127.0.0.1:{port}/shop");
    for (lang, said) in [
        ("en", "cannot be reached (nothing answers on that port"),
        (
            "it",
            "non è raggiungibile (nessuno risponde su quella porta",
        ),
    ] {
        let out = sync_with(
            &a,
            &url,
            &[("LANG", if lang == "it" { "it_IT.UTF-8" } else { "C" })],
        );
        assert!(!out.status.success());
        let err = stderr(&out);
        assert!(err.contains(said), "{err}");
        assert!(!err.contains("os error"), "{err}");
    }
    // A name the network does not know (`.invalid` is never given to anyone): said, in either language.
    let url = "postgresql://regulars@nowhere.invalid/shop";
    for (lang, said) in [
        (
            "C",
            "cannot be reached (the network knows no computer called nowhere.invalid: is the name \
             right, and is this till online?)",
        ),
        (
            "it_IT.UTF-8",
            "non è raggiungibile (la rete non conosce nessun computer di nome nowhere.invalid",
        ),
    ] {
        let out = sync_with(&a, url, &[("LANG", lang)]);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert!(err.contains(said), "{err}");
        assert!(!err.contains("lookup"), "{err}");
    }
}

#[test]
fn the_settings_show_the_hub_without_its_password() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("regulars/config.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        "[sync]\nurl = \"postgresql://cassa:Segreto42@192.168.1.10/negozio\"\ntill = \"cassa 1\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = common::bin()
        .env("XDG_CONFIG_HOME", home.path())
        .args(["config", "show"])
        .output()
        .unwrap();
    let shown = ok(out);
    assert!(!shown.contains("Segreto42"), "{shown}");
    assert!(
        shown.contains("postgresql://cassa:********@192.168.1.10/negozio"),
        "{shown}"
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a file holding a password is made private");
    let status = common::bin()
        .env("XDG_CONFIG_HOME", home.path())
        .arg("--db")
        .arg(home.path().join("store"))
        .args(["sync", "--status"])
        .output()
        .unwrap();
    let status = ok(status);
    assert!(
        status.contains("Hub: cassa@192.168.1.10:5432/negozio") && !status.contains("Segreto42"),
        "{status}"
    );
    assert!(status.contains("This till: cassa 1\n"), "{status}");
    // REGULARS_SYNC_URL stands over the file: `config show` shows it, says so, and hides its password.
    let out = common::bin()
        .env("XDG_CONFIG_HOME", home.path())
        .env(
            "REGULARS_SYNC_URL",
            "postgresql://cassa:Altro99@10.0.0.5/catena",
        )
        .args(["config", "show"])
        .output()
        .unwrap();
    let shown = ok(out);
    assert!(
        shown.contains("url = \"postgresql://cassa:********@10.0.0.5/catena\""),
        "{shown}"
    );
    assert!(shown.contains("is REGULARS_SYNC_URL"), "{shown}");
    assert!(!shown.contains("Altro99"), "{shown}");
}

/// Each record names the till that wrote it (`[sync] till`), at every till once the hub has it: in `show`,
/// its JSON and the export of one person, and in the entry shown whole at the desk.
#[test]
fn each_record_names_the_till_that_wrote_it_at_every_till() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let home = |name: &str| {
        let home = dir.path().join(format!("home-{name}"));
        std::fs::create_dir_all(home.join("regulars")).unwrap();
        std::fs::write(
            home.join("regulars/config.toml"),
            format!("[sync]\nurl = \"{}\"\ntill = \"cassa {name}\"\n", hub.url),
        )
        .unwrap();
        home
    };
    let (home_a, home_b) = (home("A"), home("B"));
    let at = |store: &Path, home: &Path, args: &[&str]| {
        let out = common::bin()
            .arg("--db")
            .arg(store)
            .env("XDG_CONFIG_HOME", home)
            .env_remove("REGULARS_SYNC_URL")
            .args(args)
            .output()
            .unwrap();
        ok(out).trim().to_string()
    };
    let anna = at(&a, &home_a, &["add", "--name", "Anna Ferri"]);
    at(&a, &home_a, &["visit", &anna, "--what", "cappuccino"]);
    at(&a, &home_a, &["sync"]);
    at(&b, &home_b, &["sync"]);
    at(&b, &home_b, &["note", &anna, "oat milk"]);
    at(&b, &home_b, &["sync"]);
    at(&a, &home_a, &["sync"]);
    for (store, home) in [(&a, &home_a), (&b, &home_b)] {
        let shown = at(store, home, &["show", &anna]);
        let line = |what: &str| {
            shown
                .lines()
                .find(|l| l.contains(what))
                .unwrap_or_else(|| panic!("{shown}"))
                .to_string()
        };
        assert!(line("cappuccino").ends_with("(Till: cassa A)"), "{shown}");
        assert!(line("oat milk").ends_with("(Till: cassa B)"), "{shown}");
        // And `show --json`, and the export of everything held about her, give each record's till.
        for args in [
            vec!["show", anna.as_str(), "--json"],
            vec!["export", "--person", anna.as_str()],
        ] {
            let json: serde_json::Value = serde_json::from_str(&at(store, home, &args)).unwrap();
            let card = json.get("customer").unwrap_or(&json);
            assert_eq!(card["visits"][0]["till"], "cassa A", "{json}");
            assert_eq!(card["notes"][0]["till"], "cassa B", "{json}");
        }
    }
    // A record the hub has not taken yet has no till in the JSON.
    at(&a, &home_a, &["visit", &anna, "--what", "cornetto"]);
    let json: serde_json::Value =
        serde_json::from_str(&at(&a, &home_a, &["show", &anna, "--json"])).unwrap();
    let visits = json["visits"].as_array().unwrap();
    let cornetto = visits.iter().find(|v| v["what"] == "cornetto").unwrap();
    assert!(cornetto.get("till").is_none(), "{json}");
    // At the desk, the visit shown whole.
    let mut desk = common::desk::Desk::on_store(&b);
    desk.typed("anna")
        .key(crossterm::event::KeyCode::Enter)
        .key(crossterm::event::KeyCode::Tab);
    // The visit is the older entry: the second.
    desk.key(crossterm::event::KeyCode::Down)
        .key(crossterm::event::KeyCode::Enter);
    let screen = desk.screen();
    assert!(screen.contains("What: cappuccino"), "{screen}");
    assert!(screen.contains("Till: cassa A"), "{screen}");
}

/// A customer forgotten at another till is forgotten at the desk without taking away what the cashier is
/// doing: the search typed stays, and a form open for someone else stays open with its text.
#[test]
fn a_forget_from_another_till_leaves_the_search_and_the_form_in_hand() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let zeno = cli(&a, &["add", "--name", "Zeno Nuovo"]);
    cli(&a, &["add", "--name", "Zelda Rossi"]);
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    let mut desk = desk_syncing(&b, &hub.url);
    until_shown(&mut desk, "synced");
    desk.typed("zelda").key(crossterm::event::KeyCode::Enter);
    desk.key(crossterm::event::KeyCode::Char('n'))
        .typed("half a note");
    cli(&a, &["forget", &zeno, "--yes"]);
    ok(sync(&a, &hub));
    let screen = until_shown(&mut desk, "Zeno Nuovo is forgotten");
    assert!(screen.contains("Note for Zelda Rossi"), "{screen}");
    assert!(screen.contains("half a note"), "{screen}");
    assert!(screen.contains("│zelda"), "{screen}");
    let id: Id = zeno.parse().unwrap();
    assert!(desk.app.book.customer(id).is_err());
}

/// Records pulled while a customer is highlighted or open, and while an entry of their timeline is
/// selected, move neither: the next key (a note, a void) lands on whom and what the screen showed, even
/// when the list searched again puts others first.
#[test]
fn records_pulled_move_neither_the_open_card_nor_the_entry_selected() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let lorenzos: Vec<String> = ["Lorenzo Romano", "Lorenzo Ricci", "Lorenzo Bianchi"]
        .into_iter()
        .map(|name| cli(&a, &["add", "--name", name]))
        .collect();
    let nicolo = cli(&a, &["add", "--name", "Nicolò Santoro"]);
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    let mut desk = desk_syncing(&a, &hub.url);
    until_shown(&mut desk, "synced");
    // The third Lorenzo, opened, with two visits logged at the desk; the second entry selected.
    desk.typed("lorenzo")
        .key(crossterm::event::KeyCode::Down)
        .key(crossterm::event::KeyCode::Down)
        .key(crossterm::event::KeyCode::Enter);
    let open = desk.app.state.profile.as_ref().unwrap().customer.clone();
    for what in ["espresso", "cornetto"] {
        desk.key(crossterm::event::KeyCode::Char('V'))
            .key(crossterm::event::KeyCode::Tab)
            .typed(what)
            .key(crossterm::event::KeyCode::Enter);
    }
    // "A visit was already logged at 10:00: another one?"
    desk.key(crossterm::event::KeyCode::Char('y'));
    until_shown(&mut desk, "synced ·");
    desk.key(crossterm::event::KeyCode::Tab)
        .key(crossterm::event::KeyCode::Down)
        .key(crossterm::event::KeyCode::Enter);
    let screen = desk.screen();
    // The second entry down (the two visits share their minute: which is first is the desk's order).
    let selected = ["What: espresso", "What: cornetto"]
        .into_iter()
        .find(|what| screen.contains(what))
        .unwrap_or_else(|| panic!("{screen}"));
    desk.key(crossterm::event::KeyCode::Esc);
    // At till B: a visit for the one open here (a newer entry, above the selected one), then one for
    // another Lorenzo, who comes first in the list from then on, and a note for someone not in it.
    ok(sync(&b, &hub));
    let id = open.id.to_string();
    cli(&b, &["visit", &id, "--what", "spremuta"]);
    let other = lorenzos.iter().find(|l| **l != id).unwrap();
    cli(&b, &["visit", other]);
    cli(&b, &["note", &nicolo, "asked about gift cards"]);
    ok(sync(&b, &hub));
    until_shown(&mut desk, "spremuta");
    let nicolo_id: Id = nicolo.parse().unwrap();
    until(&mut desk, "the note for Nicolò", |desk| {
        desk.app.book.card(nicolo_id).unwrap().notes().count() == 1
    });
    let shown = desk.app.state.profile.as_ref().unwrap().customer.id;
    assert_eq!(shown, open.id, "{}", desk.screen());
    // The entry selected is still the same visit, one further down now: Enter shows it whole.
    desk.key(crossterm::event::KeyCode::Enter);
    let screen = desk.screen();
    assert!(screen.contains(selected), "{screen}");
    // And a note written now is theirs.
    desk.key(crossterm::event::KeyCode::Esc)
        .key(crossterm::event::KeyCode::Esc)
        .key(crossterm::event::KeyCode::Char('n'));
    let screen = desk.screen();
    assert!(
        screen.contains(&format!("Note for {}", open.name)),
        "{screen}"
    );
}

#[test]
fn the_desk_shows_the_other_tills_visit_by_itself_and_sends_its_own_note() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    let mut desk = desk_syncing(&a, &hub.url);
    desk.typed("anna").key(crossterm::event::KeyCode::Enter);
    until_shown(&mut desk, "synced");
    // Till B logs a visit and syncs: the desk shows it on the open card, with no key pressed, woken by
    // the hub's announcement well before its own look every 30 seconds of its time.
    cli(
        &b,
        &["visit", &anna, "--amount", "1.10", "--what", "spremuta"],
    );
    ok(sync(&b, &hub));
    let before = desk.now;
    let screen = until_shown(&mut desk, "spremuta");
    assert!(
        desk.now - before < std::time::Duration::from_secs(20),
        "shown only after {:?} of the desk's time",
        desk.now - before
    );
    assert!(screen.contains("1 visit"), "{screen}");
    // The list, read from the search index, counts it too.
    let row = screen
        .lines()
        .find(|l| l.contains("▸ Anna Ferri"))
        .unwrap_or_default();
    assert!(row.contains(" 1 "), "{screen}");
    // A note written at the desk goes to the hub by itself, and B takes it.
    desk.key(crossterm::event::KeyCode::Char('n'))
        .typed("asked for the blue scarf")
        .key(crossterm::event::KeyCode::Enter);
    // Until the hub has it, the search line says it is on its way (the desk's state moves only when
    // it is ticked, and the tick that sent it cannot have heard back yet).
    let screen = desk.screen();
    assert!(screen.contains("sending… ·"), "{screen}");
    let notes = || -> i64 {
        hub.client()
            .query_one(
                "SELECT count(*) FROM regulars_changes WHERE kind = 'note'",
                &[],
            )
            .unwrap()
            .get(0)
    };
    until(&mut desk, "the note on the hub", |_| notes() > 0);
    let got = ok(sync(&b, &hub));
    assert!(got.contains("1 received"), "{got}");
    let card = show(&b, &anna);
    assert_eq!(card["notes"][0]["text"], "asked for the blue scarf");
    until_shown(&mut desk, "synced");
}

#[test]
fn a_desk_that_cannot_reach_the_hub_says_since_when_and_counts_what_waits() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    cli(&a, &["add", "--name", "Anna Ferri"]);
    let mut desk = desk_syncing(&a, "postgresql://regulars@127.0.0.1:1/shop");
    desk.typed("anna").key(crossterm::event::KeyCode::Enter);
    // The desk's clock is the tests' 10:00 in Rome.
    let screen = until_shown(&mut desk, "offline since 10:00");
    // Before this desk's first round, the customer added by the command line waits too.
    assert!(screen.contains("— 1 waiting"), "{screen}");
    desk.key(crossterm::event::KeyCode::Char('n'))
        .typed("likes jazz")
        .key(crossterm::event::KeyCode::Enter);
    let screen = desk.screen();
    assert!(
        screen.contains("offline since 10:00 — 2 waiting"),
        "{screen}"
    );
    assert!(
        screen.contains("likes jazz"),
        "the note is saved here: {screen}"
    );
}

#[test]
fn an_edit_saved_at_the_desk_keeps_what_the_other_till_changed_while_its_form_was_open() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(
        &a,
        &["add", "--name", "Anna Ferri", "--phone", "333 111 1111"],
    );
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    let mut desk = desk_syncing(&a, &hub.url);
    // Today, as the command line that added her (the form refuses "customer since" after today).
    desk.app.state.clock = regulars::clock::Clock::System;
    desk.typed("anna").key(crossterm::event::KeyCode::Enter);
    until_shown(&mut desk, "synced");
    // The edit form opens; meanwhile till B changes the phone, and the desk takes that in.
    desk.key(crossterm::event::KeyCode::Char('e'));
    edit(&b, &anna, 1, |d| d.phones = vec!["333 222 2222".into()]);
    ok(sync(&b, &hub));
    let id: Id = anna.parse().unwrap();
    until(&mut desk, "the phone from till B", |desk| {
        desk.app.book.customer(id).unwrap().phones == ["333 222 2222"]
    });
    // The form still shows the old phone; it is saved with a nickname added.
    desk.key(crossterm::event::KeyCode::Tab)
        .typed("Annina")
        .key(crossterm::event::KeyCode::Enter);
    let card = show_while_open(&mut desk, &anna);
    assert_eq!(
        card.nickname.as_deref(),
        Some("Annina"),
        "{}",
        desk.screen()
    );
    assert_eq!(card.phones, vec!["333 222 2222".to_string()]);
}

/// Ctrl-Z of an edit gives back what that edit changed, and nothing else: a field another till changed
/// after it stays, at this till and, once synced, at the other.
#[test]
fn an_edit_taken_back_at_the_desk_keeps_what_the_other_till_changed_since() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(
        &a,
        &["add", "--name", "Anna Ferri", "--phone", "333 111 1111"],
    );
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    let mut desk = desk_syncing(&a, &hub.url);
    desk.app.state.clock = regulars::clock::Clock::System;
    desk.typed("anna").key(crossterm::event::KeyCode::Enter);
    until_shown(&mut desk, "synced");
    // At the desk: the nickname. Then at till B: the likes, synced.
    desk.key(crossterm::event::KeyCode::Char('e'))
        .key(crossterm::event::KeyCode::Tab)
        .typed("Annina")
        .key(crossterm::event::KeyCode::Enter);
    assert_eq!(
        show_while_open(&mut desk, &anna).nickname.as_deref(),
        Some("Annina")
    );
    edit(&b, &anna, 1, |d| d.preferences = "oat milk".into());
    ok(sync(&b, &hub));
    let id: Id = anna.parse().unwrap();
    until(&mut desk, "the likes from till B", |desk| {
        desk.app.book.customer(id).unwrap().preferences == "oat milk"
    });
    // The desk's edit taken back: the nickname goes, the likes from B stay.
    desk.mods(
        crossterm::event::KeyCode::Char('z'),
        crossterm::event::KeyModifiers::CONTROL,
    )
    .key(crossterm::event::KeyCode::Char('y'));
    let card = show_while_open(&mut desk, &anna);
    assert_eq!(card.nickname, None, "{}", desk.screen());
    assert_eq!(card.preferences, "oat milk", "{}", desk.screen());
    assert_eq!(card.phones, vec!["333 111 1111".to_string()]);
    until(&mut desk, "the undo sent", |desk| {
        desk.screen().contains("synced ·")
    });
    drop(desk);
    ok(sync(&b, &hub));
    let at_b = show(&b, &anna);
    assert!(at_b["nickname"].is_null(), "{at_b}");
    assert_eq!(at_b["preferences"], "oat milk", "{at_b}");
    assert_eq!(export(&a), export(&b));
}

/// Ctrl-Z of a customer just added, once the hub has them: they are taken back at every till (a forget,
/// which travels), not at this one alone, where another till's next edit would have brought them back.
#[test]
fn a_customer_added_and_taken_back_at_the_desk_goes_from_every_till() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    cli(&a, &["add", "--name", "Anna Ferri"]);
    let mut desk = desk_syncing(&a, &hub.url);
    desk.app.state.clock = regulars::clock::Clock::System;
    until_shown(&mut desk, "synced");
    desk.typed("Zeno Nuovo").mods(
        crossterm::event::KeyCode::Char('n'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    desk.key(crossterm::event::KeyCode::Enter);
    until(&mut desk, "Zeno on the hub", |desk| {
        desk.screen().contains("synced ·") && desk.screen().contains("Zeno Nuovo")
    });
    let got = ok(sync(&b, &hub));
    assert!(got.contains("2 received"), "{got}");
    assert_eq!(cli(&b, &["find", "zeno"]).lines().count(), 1);
    desk.mods(
        crossterm::event::KeyCode::Char('z'),
        crossterm::event::KeyModifiers::CONTROL,
    )
    .key(crossterm::event::KeyCode::Char('y'));
    until(&mut desk, "the forget sent", |desk| {
        desk.screen().contains("synced · 1 customer")
    });
    drop(desk);
    assert_eq!(cli(&a, &["find", "zeno"]), "");
    let got = ok(sync(&b, &hub));
    assert!(got.contains("forgotten"), "{got}");
    assert_eq!(cli(&b, &["find", "zeno"]), "");
    assert_eq!(export(&a), export(&b));
}

/// Ctrl-Z of something another till has changed since says so, by name: an edit whose field another
/// till changed again gives nothing back ("Nothing to undo…"), and a customer added here who has a visit
/// from another till is not removed ("… already has visits or notes").
#[test]
fn an_undo_overtaken_by_another_till_says_so_by_name() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    let mut desk = desk_syncing(&a, &hub.url);
    desk.app.state.clock = regulars::clock::Clock::System;
    desk.typed("anna").key(crossterm::event::KeyCode::Enter);
    until_shown(&mut desk, "synced");
    desk.key(crossterm::event::KeyCode::Char('e'))
        .key(crossterm::event::KeyCode::Tab)
        .typed("Annina")
        .key(crossterm::event::KeyCode::Enter);
    until_shown(&mut desk, "synced ·");
    ok(sync(&b, &hub));
    edit(&b, &anna, 1, |d| d.nickname = Some("Nina".into()));
    ok(sync(&b, &hub));
    let id: Id = anna.parse().unwrap();
    until(&mut desk, "the nickname from till B", |desk| {
        desk.app.book.customer(id).unwrap().nickname.as_deref() == Some("Nina")
    });
    desk.mods(
        crossterm::event::KeyCode::Char('z'),
        crossterm::event::KeyModifiers::CONTROL,
    )
    .key(crossterm::event::KeyCode::Char('y'));
    let screen = desk.screen();
    assert!(
        screen.contains("Nothing to undo: what that edit changed"),
        "{screen}"
    );
    assert_eq!(
        show_while_open(&mut desk, &anna).nickname.as_deref(),
        Some("Nina")
    );
    // A customer added here, then visited at till B: the undo names them and removes nobody.
    desk.key(crossterm::event::KeyCode::Esc)
        .typed("Ugo Racecase")
        .mods(
            crossterm::event::KeyCode::Char('n'),
            crossterm::event::KeyModifiers::CONTROL,
        );
    desk.key(crossterm::event::KeyCode::Enter);
    until_shown(&mut desk, "synced ·");
    ok(sync(&b, &hub));
    let ugo = cli(&b, &["find", "ugo"]);
    let ugo = ugo.split('\t').next().unwrap().to_string();
    cli(&b, &["visit", &ugo]);
    ok(sync(&b, &hub));
    until_shown(&mut desk, "1 visit");
    desk.mods(
        crossterm::event::KeyCode::Char('z'),
        crossterm::event::KeyModifiers::CONTROL,
    )
    .key(crossterm::event::KeyCode::Char('y'));
    let screen = desk.screen();
    assert!(
        screen.contains("Not done: Ugo Racecase already has visits or notes"),
        "{screen}"
    );
}

/// The customer as the desk's own store holds them now.
fn show_while_open(desk: &mut common::desk::Desk, id: &str) -> regulars::domain::Customer {
    desk.app.book.customer(id.parse().unwrap()).unwrap()
}

#[test]
fn a_customer_forgotten_at_one_till_is_forgotten_at_the_other_and_on_the_hub() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let zenobia = cli(
        &a,
        &[
            "add",
            "--name",
            "Zenobia Quartararo",
            "--phone",
            "333 987 6543",
            "--email",
            "zenobia.q@example.com",
        ],
    );
    cli(&a, &["note", &zenobia, "allergic to hazelnuts"]);
    let bruno = cli(
        &a,
        &["add", "--name", "Bruno Bellini", "--referred-by", &zenobia],
    );
    cli(&a, &["visit", &bruno]);
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    assert_eq!(show(&b, &zenobia)["name"], "Zenobia Quartararo");
    // B, not knowing yet, logs a visit for her; A forgets her.
    cli(&b, &["visit", &zenobia, "--what", "hazelnut cake"]);
    let forgot = run(&a, &["forget", &zenobia, "--yes"]);
    assert!(forgot.status.success(), "{}", stderr(&forgot));
    let status = cli(&a, &["sync", "--status"]);
    assert!(status.contains("Waiting to be sent: 1"), "{status}");
    ok(sync(&a, &hub));
    // B's visit, sent before B has heard of the forget, is not taken by the hub (B is stopped right
    // after its push, so that only the hub's refusal can keep it out).
    let stopped = sync_with(&b, &hub.url, &[("REGULARS_ABORT_AT", "sync-pushed")]);
    assert!(!stopped.status.success());
    let kinds: Vec<String> = hub
        .client()
        .query(
            "SELECT kind FROM regulars_changes WHERE customer = $1 ORDER BY seq",
            &[&zenobia],
        )
        .unwrap()
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(kinds, ["erased", "erased", "forget"]);
    let got = ok(sync(&b, &hub));
    assert!(
        got.contains("1 customer forgotten at another till was forgotten here too."),
        "{got}"
    );
    // Gone at B, with the link from Bruno; Bruno and his visit stay.
    assert!(!run(&b, &["show", &zenobia]).status.success());
    let card = show(&b, &bruno);
    assert!(card["referred_by"].is_null(), "{card}");
    assert_eq!(count(&card, "visits"), 1);
    // The hub holds her id alone: her rows emptied where they stand, and the forget; B's visit sent
    // after the forget was not taken.
    let mut client = hub.client();
    let rows: Vec<(String, String)> = client
        .query(
            "SELECT kind, body::text FROM regulars_changes WHERE customer = $1 ORDER BY seq",
            &[&zenobia],
        )
        .unwrap()
        .into_iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let emptied = |kind: &str| (kind.to_string(), "{}".to_string());
    assert_eq!(
        rows,
        vec![emptied("erased"), emptied("erased"), emptied("forget")]
    );
    let mentions: i64 = client
        .query_one(
            "SELECT count(*) FROM regulars_changes WHERE body::text ~* '(quartararo|hazelnut|zenobia|987 6543)'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(mentions, 0);
    // And no file of either till holds a byte of her, her id included.
    let id: Id = zenobia.parse().unwrap();
    let needles: Vec<Vec<u8>> = [
        "Quartararo",
        "hazelnuts",
        "zenobia.q@example.com",
        "987 6543",
        zenobia.as_str(),
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .chain([id.to_bytes().to_vec()])
    .collect();
    for store in [&a, &b] {
        assert_eq!(common::files_holding(store, &needles), Vec::<String>::new());
    }
    // Another round changes nothing.
    let again = ok(sync(&b, &hub));
    assert!(again.contains("0 received"), "{again}");
}

/// Starts `regulars sync` on `store` and kills it (SIGKILL) after `after`; true if it had ended by itself.
fn sync_killed_after(store: &Path, url: &str, after: std::time::Duration) -> bool {
    let mut child = common::bin()
        .arg("--db")
        .arg(store)
        .arg("sync")
        .env("REGULARS_SYNC_URL", url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The wait picks the moment of the kill; nothing below depends on where it lands.
    std::thread::sleep(after);
    let ended = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    child.wait().unwrap();
    ended
}

/// A till killed at random moments of its pushes, and another at random moments of its pulls, of some
/// ten thousand records (each round many transactions of the hub and of the store): once each has
/// finished a round, nothing is lost and nothing is there twice. `SYNC_KILL_SEED` replays the same kill
/// times (where they land depends on the machine), `SYNC_KILL_CYCLES` (6) sets how many.
#[test]
fn tills_killed_at_random_moments_of_a_push_and_a_pull_lose_and_repeat_nothing() {
    let Some(hub) = hub() else { return };
    let seed: u64 = std::env::var("SYNC_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    let cycles: usize = std::env::var("SYNC_KILL_CYCLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(6);
    eprintln!("SYNC_KILL_SEED={seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    cli(&a, &["demo", "--customers", "300"]);
    let mut finished = 0;
    for _ in 0..cycles {
        let after = std::time::Duration::from_millis(rng.u64(20..1_500));
        finished += usize::from(sync_killed_after(&a, &hub.url, after));
    }
    ok(sync(&a, &hub));
    let status = cli(&a, &["sync", "--status"]);
    assert!(status.contains("Waiting to be sent: 0"), "{status}");
    for _ in 0..cycles {
        let after = std::time::Duration::from_millis(rng.u64(20..1_000));
        finished += usize::from(sync_killed_after(&b, &hub.url, after));
    }
    ok(sync(&b, &hub));
    assert!(
        finished < 2 * cycles,
        "every round ended before its kill: the test killed nothing"
    );
    // Every record is at B as at A, once: the exports are identical, the hub holds a row per record, and
    // B's cached figures are those of its events.
    let (at_a, at_b) = (export(&a), export(&b));
    if let Some((x, y)) = at_a.lines().zip(at_b.lines()).find(|(x, y)| x != y) {
        panic!("the first customer that differs:\nA: {x}\nB: {y}");
    }
    assert_eq!(at_a.len(), at_b.len());
    let (rows, ids): (i64, i64) = {
        let row = hub
            .client()
            .query_one(
                "SELECT count(*), count(DISTINCT id) FROM regulars_changes",
                &[],
            )
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!(rows, ids);
    let again = ok(sync(&b, &hub));
    assert!(again.contains("0 records sent, 0 received"), "{again}");
    let mut book = Book::open(&b, None).unwrap();
    let problems = book.store().unwrap().check().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    book.close();
}

/// One thing a till does in the property test below.
#[derive(Clone, Debug)]
enum Op {
    /// Till `till` adds a customer.
    Add {
        till: usize,
        name: usize,
    },
    /// Till `till` logs a visit, writes a note or edits the likes of its `pick`th customer.
    Visit {
        till: usize,
        pick: usize,
    },
    Note {
        till: usize,
        pick: usize,
    },
    Likes {
        till: usize,
        pick: usize,
        likes: usize,
    },
    /// Till `till` syncs.
    Sync {
        till: usize,
    },
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    prop_oneof![
        (0..3usize, 0..50usize).prop_map(|(till, name)| Op::Add { till, name }),
        (0..3usize, 0..5usize).prop_map(|(till, pick)| Op::Visit { till, pick }),
        (0..3usize, 0..5usize).prop_map(|(till, pick)| Op::Note { till, pick }),
        (0..3usize, 0..5usize, 0..4usize).prop_map(|(till, pick, likes)| Op::Likes {
            till,
            pick,
            likes
        }),
        (0..3usize).prop_map(|till| Op::Sync { till }),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(16),
        .. proptest::prelude::ProptestConfig::default()
    })]

    /// Three tills doing random things in a random order, syncing now and then: once each has synced
    /// twice at the end, the three stores' JSON exports are identical, and each customer's likes are
    /// those of their latest edit, whichever till made it and whenever it was sent.
    #[test]
    fn three_tills_in_any_order_end_identical(ops in proptest::collection::vec(op(), 1..40)) {
        let Some(hub) = hub() else { return Ok(()) };
        let dir = tempfile::tempdir().unwrap();
        let stores: Vec<_> = (0..3).map(|i| dir.path().join(format!("till{i}"))).collect();
        let mut books: Vec<Book> = stores
            .iter()
            .map(|s| Book::open(s, Some(format!("staff {}", s.display()))).unwrap())
            .collect();
        let mut hubs: Vec<regulars::sync::Hub> = (0..3)
            .map(|i| regulars::sync::Hub::connect(&hub.url, &format!("till {i}")).unwrap())
            .collect();
        let mut minute = 0i64;
        let mut at = || {
            minute += 1;
            chrono::Utc::now() + Duration::minutes(minute)
        };
        let today = chrono::Local::now().date_naive();
        let mut latest_likes = std::collections::HashMap::new();
        // Three regulars every till knows from the start, so that the tills often write about the same
        // people while apart.
        for (i, name) in ["Anna Ferri", "Bruno Bellini", "Carla Conti"].into_iter().enumerate() {
            let draft = CustomerDraft::from_text(
                &regulars::domain::CustomerText {
                    name: name.into(),
                    ..Default::default()
                },
                today,
            )
            .unwrap();
            books[i].add_customer(draft, at(), today).unwrap();
        }
        for _ in 0..2 {
            for till in 0..3 {
                books[till].sync_with(&mut hubs[till], "t", chrono::Utc::now()).unwrap();
            }
        }
        for op in ops {
            let customers = |book: &Book| book.search("", None);
            match op {
                Op::Add { till, name } => {
                    let draft = CustomerDraft::from_text(
                        &regulars::domain::CustomerText {
                            name: format!("Cliente {name}"),
                            ..Default::default()
                        },
                        today,
                    )
                    .unwrap();
                    books[till].add_customer(draft, at(), today).unwrap();
                }
                Op::Visit { till, pick } => {
                    if let Some(&id) = customers(&books[till]).get(pick) {
                        books[till].log_visit(id, at(), Some(150), None).unwrap();
                    }
                }
                Op::Note { till, pick } => {
                    if let Some(&id) = customers(&books[till]).get(pick) {
                        let text = format!("note from till {till}");
                        books[till]
                            .add_note(id, at(), regulars::domain::NoteKind::Note, text, false)
                            .unwrap();
                    }
                }
                Op::Likes { till, pick, likes } => {
                    if let Some(&id) = customers(&books[till]).get(pick) {
                        let customer = books[till].customer(id).unwrap();
                        let mut draft =
                            CustomerDraft::from_text(&customer.to_text(), today).unwrap();
                        draft.referred_by = customer.referred_by;
                        draft.preferences = ["espresso", "tea", "oat milk", "decaf"][likes].into();
                        if draft.preferences != customer.preferences {
                            latest_likes.insert(id, draft.preferences.clone());
                        }
                        books[till].update_customer(id, draft, at(), today).unwrap();
                    }
                }
                Op::Sync { till } => {
                    books[till].sync_with(&mut hubs[till], "t", chrono::Utc::now()).unwrap();
                }
            }
        }
        for _ in 0..2 {
            for till in 0..3 {
                books[till].sync_with(&mut hubs[till], "t", chrono::Utc::now()).unwrap();
            }
        }
        for (id, likes) in &latest_likes {
            for book in &mut books {
                proptest::prop_assert_eq!(&book.customer(*id).unwrap().preferences, likes);
            }
        }
        // Each store checks clean: every customer's cached figures are those of their events.
        for book in &mut books {
            let problems = book.store().unwrap().check().unwrap();
            proptest::prop_assert!(problems.is_empty(), "{:?}", problems);
        }
        for book in books {
            book.close();
        }
        let exports: Vec<String> = stores.iter().map(|s| export(s)).collect();
        proptest::prop_assert_eq!(&exports[0], &exports[1]);
        proptest::prop_assert_eq!(&exports[1], &exports[2]);
    }
}

#[test]
fn an_edit_made_after_seeing_anothers_wins_even_when_its_tills_clock_is_behind() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    // Till A's clock runs an hour ahead; B sees A's edit, then changes the likes again on its own
    // (right) clock: B's change came after, and stands at both tills.
    edit(&a, &anna, 60, |d| d.preferences = "espresso".into());
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    edit(&b, &anna, 0, |d| d.preferences = "tea".into());
    ok(sync(&b, &hub));
    ok(sync(&a, &hub));
    for store in [&a, &b] {
        assert_eq!(show(store, &anna)["preferences"], "tea");
    }
}

#[test]
fn text_holding_a_nul_character_travels_like_any_other() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    let id: Id = anna.parse().unwrap();
    {
        let mut book = Book::open(&a, None).unwrap();
        book.add_note(
            id,
            chrono::Utc::now(),
            regulars::domain::NoteKind::Note,
            "pasted from a till\u{0}receipt".into(),
            false,
        )
        .unwrap();
        book.close();
    }
    let sent = ok(sync(&a, &hub));
    assert!(sent.contains("2 records sent"), "{sent}");
    ok(sync(&b, &hub));
    assert_eq!(
        show(&b, &anna)["notes"][0]["text"],
        "pasted from a till\u{0}receipt"
    );
}

#[test]
fn one_visit_voided_at_both_tills_and_one_void_taken_back_reads_the_same_everywhere() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    let visit = cli(&a, &["visit", &anna, "--amount", "5"]);
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    // Both tills take the same visit back while apart.
    cli(&a, &["void", &visit]);
    cli(&b, &["void", &visit]);
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    ok(sync(&a, &hub));
    assert_eq!(export(&a), export(&b));
    // Till B takes one of the two voids back: the other still stands, at both tills.
    let voids: Vec<String> =
        serde_json::from_str::<serde_json::Value>(&export(&b)).unwrap()["customers"][0]["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "void" && e["target"] == visit.as_str())
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect();
    assert_eq!(voids.len(), 2, "both voids are held at B");
    cli(&b, &["void", &voids[1]]);
    ok(sync(&b, &hub));
    ok(sync(&a, &hub));
    ok(sync(&b, &hub));
    assert_eq!(export(&a), export(&b));
    for store in [&a, &b] {
        assert_eq!(show(store, &anna)["visit_count"], 0);
    }
}
