//! The hub going away while the tills write: the test server itself is stopped, as an administrator
//! stops it (its connections ended), and started again (`REGULARS_TEST_PG_CTL`, from
//! `scripts/with-postgres`). This file is alone in its test binary because it stops the server that
//! every sync test uses: cargo runs the test binaries one after another.

mod common;

use std::path::Path;

use common::hub::{cli, desk_syncing, hub, sync, until_all, until_shown};
use common::stderr;
use crossterm::event::KeyCode;

/// Stops or starts the test server.
fn server(what: &str) {
    let script = std::env::var_os("REGULARS_TEST_PG_CTL")
        .expect("scripts/with-postgres sets REGULARS_TEST_PG_CTL with REGULARS_TEST_PG");
    let out = std::process::Command::new(script)
        .arg(what)
        .output()
        .unwrap();
    assert!(out.status.success(), "{what}: {}", stderr(&out));
}

/// Writes a note on the card open at `desk`.
fn note(desk: &mut common::desk::Desk, text: &str) {
    desk.key(KeyCode::Char('n')).typed(text).key(KeyCode::Enter);
}

#[test]
fn tills_writing_while_the_hub_is_stopped_and_started_again_lose_and_repeat_nothing() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    assert!(sync(&a, &hub.url).status.success());
    assert!(sync(&b, &hub.url).status.success());
    let mut desk_a = desk_syncing(&a, &hub.url);
    let mut desk_b = desk_syncing(&b, &hub.url);
    for desk in [&mut desk_a, &mut desk_b] {
        desk.typed("anna").key(KeyCode::Enter);
        until_shown(desk, "synced");
    }
    // Linked: a note at A shows at B by itself.
    note(&mut desk_a, "before the stop");
    until_all(&mut [&mut desk_a, &mut desk_b], "the note at B", |d| {
        d[1].screen().contains("before the stop")
    });

    // Both idle: nothing on its way, each waiting for the hub's next announcement.
    until_all(&mut [&mut desk_a, &mut desk_b], "both synced", |d| {
        d.iter_mut().all(|d| d.screen().contains("synced ·"))
    });
    let before = desk_a.now;
    server("stop");
    // Each desk says at once that the hub is gone (its listening connection was ended), before it has
    // anything to send and well before its own look every 30 seconds of its time.
    until_all(
        &mut [&mut desk_a, &mut desk_b],
        "both offline at once",
        |d| {
            d.iter_mut()
                .all(|d| d.screen().contains("offline since 10:00 · "))
        },
    );
    assert!(
        desk_a.now - before < std::time::Duration::from_secs(10),
        "offline shown only after {:?} of the desk's time",
        desk_a.now - before
    );
    // Both tills go on writing; each says the hub is out of reach and what waits, and keeps it.
    note(&mut desk_a, "written at A while the hub was down");
    note(&mut desk_b, "written at B while the hub was down");
    note(&mut desk_b, "a second one at B");
    until_all(&mut [&mut desk_a, &mut desk_b], "both offline", |d| {
        d[0].screen().contains("offline since 10:00 — 1 waiting")
            && d[1].screen().contains("offline since 10:00 — 2 waiting")
    });
    let screen = desk_a.screen();
    assert!(screen.contains("Note added"), "{screen}");
    // A round from the command line meanwhile: one sentence, exit 1, nothing lost.
    cli(&c, &["add", "--name", "Carla Conti"]);
    let out = sync(&c, &hub.url);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("cannot be reached"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    server("start");
    // Each desk, trying again on its own, sends what waited and shows what the other wrote meanwhile.
    until_all(
        &mut [&mut desk_a, &mut desk_b],
        "each desk synced, nothing waiting, with the other's notes",
        |desks| {
            let (a, b) = (desks[0].screen(), desks[1].screen());
            a.contains("synced ·")
                && b.contains("synced ·")
                && a.contains("a second one at B")
                && b.contains("written at A while")
        },
    );
    assert!(sync(&c, &hub.url).status.success());
    drop(desk_a);
    drop(desk_b);

    // Nothing lost, nothing twice: each note once at each till and on the hub; the three tills agree.
    assert!(sync(&a, &hub.url).status.success());
    assert!(sync(&b, &hub.url).status.success());
    let export = |store: &Path| cli(store, &["export", "--format", "json"]);
    assert_eq!(export(&a), export(&b));
    assert_eq!(export(&a), export(&c));
    let card: serde_json::Value =
        serde_json::from_str(&cli(&a, &["show", &anna, "--json"])).unwrap();
    let mut notes: Vec<&str> = card["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    notes.sort_unstable();
    assert_eq!(
        notes,
        [
            "a second one at B",
            "before the stop",
            "written at A while the hub was down",
            "written at B while the hub was down",
        ]
    );
    let on_hub: i64 = hub
        .client()
        .query_one(
            "SELECT count(*) FROM regulars_changes WHERE kind = 'note'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(on_hub, 4);
}
