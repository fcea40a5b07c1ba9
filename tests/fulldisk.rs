//! A full disk: the write that does not fit is reported as not saved (one sentence, the form keeps its text),
//! and everything acknowledged before it is still there once space is freed.
//!
//! It needs a small filesystem of its own, so it mounts a tmpfs, which needs root: `cargo test` skips it,
//! and `.ci/run` runs it where a tmpfs can be mounted (`cargo test --test fulldisk -- --ignored`).

mod common;

use std::path::Path;
use std::process::Command;

use chrono::Duration;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use regulars::book::Book;
use regulars::domain::{CustomerDraft, CustomerText};
use regulars::store::{Store, StoreError};
use regulars::ui::App;
use regulars::ui::theme::Theme;

/// A tmpfs mounted for the test, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Tmpfs {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .expect("run mount");
        assert!(status.success(), "mounting a tmpfs needs root");
        Tmpfs { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn grow(&self, size: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(self.dir.path())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// A key pressed on its own, then a second's pause (a command letter on a card then settles).
fn press(app: &mut App, code: KeyCode) {
    let at = std::time::Instant::now();
    app.press_at(KeyEvent::new(code, KeyModifiers::NONE), at);
    app.tick(at + std::time::Duration::from_secs(1));
}

#[test]
#[ignore = "needs root to mount a small tmpfs; .ci/run runs it as root"]
fn a_full_disk_is_a_sentence_loses_nothing_acknowledged_and_keeps_the_form() {
    let disk = Tmpfs::mount("2M");
    let path = disk.path().join("store");
    let mut book = Book::open(&path, None).unwrap();
    let today = common::now().date_naive();
    let text = CustomerText {
        name: "Filling Fiona".into(),
        ..Default::default()
    };
    let fiona = book
        .add_customer(
            CustomerDraft::from_text(&text, today).unwrap(),
            common::now().to_utc(),
            today,
        )
        .unwrap()
        .id;
    // Her card is open at the desk (opened while there is room: once a write has failed, sled's reads
    // of a node it could not split fail too, with the same sentence).
    book.log_visit(fiona, common::now().to_utc(), None, None)
        .unwrap();
    let mut app = App::new(book, common::clock(), Theme { color: true }, "€".into());
    press(&mut app, KeyCode::Enter);
    assert!(app.state.profile.is_some());
    // Visits until the disk is full.
    let mut acked = Vec::new();
    let error = loop {
        let at = common::now().to_utc() + Duration::seconds(acked.len() as i64 + 1);
        match app
            .book
            .log_visit(fiona, at, Some(100), Some("x".repeat(300)))
        {
            Ok(visit) => acked.push(visit.id),
            Err(e) => break e,
        }
        assert!(acked.len() < 200_000, "the disk never filled up");
    };
    assert!(matches!(error, StoreError::DiskFull { .. }), "{error}");
    assert!(
        error.to_string().contains("is full")
            && error.to_string().contains(&path.display().to_string())
    );
    assert!(!acked.is_empty());

    // At the desk: a quick visit says it was not done; a typed note stays in its form.
    press(&mut app, KeyCode::Char('v'));
    // She had visits a moment ago: the desk asks first.
    assert!(app.state.question.is_some());
    press(&mut app, KeyCode::Char('y'));
    let status = app.state.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("Not done") && status.text.contains("is full"),
        "{status:?}"
    );
    press(&mut app, KeyCode::Char('n'));
    for c in "Call her when the boots arrive".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    let status = app.state.status.clone().unwrap();
    assert!(
        status.text.contains("Not saved") && status.text.contains("still in the form"),
        "{status:?}"
    );
    assert_eq!(
        app.state.form.as_ref().unwrap().value(0),
        "Call her when the boots arrive"
    );
    drop(app);

    // Space is freed: everything acknowledged is there, and the store is whole.
    disk.grow("64M");
    let store = Store::open(&path).unwrap();
    let stored: std::collections::HashSet<_> = store
        .visits_for(fiona)
        .unwrap()
        .into_iter()
        .map(|v| v.id)
        .collect();
    assert!(
        acked.iter().all(|id| stored.contains(id)),
        "an acknowledged visit was lost"
    );
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}
