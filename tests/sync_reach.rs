//! Reaching the hub: a hub out of reach, one that never answers, one that turns the till away (a wrong
//! password, a database that is not there, a schema newer than the desk), the sentences that say so in the
//! user's language, and settings that never show the password. Each test has stores and a database of its
//! own on the PostgreSQL server that `scripts/with-postgres` starts.

mod common;

use common::hub::{cli, desk_syncing, hub, ok, sync, sync_with, until_shown};
use common::{run, stderr};
use regulars::book::Book;
use regulars::store::Standing;

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
    let back = ok(sync(&a, &hub.url));
    assert!(back.contains("3 records sent"), "{back}");
}

#[test]
fn a_hub_whose_schema_is_newer_than_the_desk_is_refused_and_left_alone() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    ok(sync(&a, &hub.url));
    hub.client()
        .batch_execute("INSERT INTO regulars_schema (version) VALUES (99)")
        .unwrap();
    cli(&a, &["visit", &anna]);
    let refused = sync(&a, &hub.url);
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
    // With no hub set, what is missing is the hub, not a closed desk.
    for args in [&["sync"][..], &["sync", "--status"][..]] {
        let out = common::bin()
            .arg("--db")
            .arg(&a)
            .args(args)
            .env_remove("REGULARS_SYNC_URL")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert!(err.contains("No sync hub is set"), "{err}");
        assert!(!err.contains("open desk"), "{err}");
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
    // The name service is asked to give up after a second, should the machine's be slow to answer.
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
        let out = sync_with(
            &a,
            url,
            &[("LANG", lang), ("RES_OPTIONS", "timeout:1 attempts:1")],
        );
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

/// A connection string that cannot be read is said in the user's language, with what to write instead:
/// another scheme pasted in (an http:// address), no host, a host name alone, a port PostgreSQL cannot
/// read, a key without a value.
#[test]
fn a_connection_string_that_cannot_be_read_says_what_to_write_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    cli(&a, &["add", "--name", "Anna Ferri"]);
    for (url, en, it) in [
        (
            "http://nowhere.invalid/shop",
            "it starts with http://, and a PostgreSQL connection string starts with postgresql://, as postgresql://user@host:port/database",
            "comincia con http://, e una stringa di connessione PostgreSQL comincia con postgresql://, come postgresql://utente@host:porta/database",
        ),
        (
            // No host: the string lacks it, the hub is not out of reach.
            "postgresql:///shop",
            "it names no host: write it as postgresql://user@host:port/database",
            "non dice l'host: scrivila come postgresql://utente@host:porta/database",
        ),
        (
            // A host name alone, no form at all: how to write either, not "has no value".
            "nowhere.invalid",
            "write it as postgresql://user@host:port/database, or as host=… dbname=…",
            "scrivila come postgresql://utente@host:porta/database, oppure come host=… dbname=…",
        ),
        (
            "postgresql://x@nowhere.invalid:99999/shop",
            "the port \"99999\" is not a number from 1 to 65535",
            "la porta \"99999\" non è un numero da 1 a 65535",
        ),
        (
            "host=nowhere.invalid dbname",
            "\"dbname\" has no value: write dbname=…",
            "\"dbname\" non ha un valore: scrivi dbname=…",
        ),
        (
            "postgresql://x@nowhere.invalid/shop?sslmode=sometimes",
            "sslmode \"sometimes\" is none of",
            "sslmode \"sometimes\" non è nessuno tra",
        ),
    ] {
        for (lang, said) in [("C", en), ("it_IT.UTF-8", it)] {
            let out = sync_with(&a, url, &[("LANG", lang)]);
            assert!(!out.status.success());
            let err = stderr(&out);
            assert!(err.contains(said), "{url} in {lang}: {err}");
            // It came from the environment: the sentence names that, not the settings file.
            assert!(err.contains("in REGULARS_SYNC_URL"), "{err}");
            assert!(!err.contains("[sync]"), "{err}");
            assert!(!err.contains("invalid connection string"), "{err}");
            assert_eq!(err.trim().lines().count(), 1, "{err}");
        }
    }
}
