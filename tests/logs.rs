//! The log: private to its owner, and never a name, a phone number or a note in it.

mod common;

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::sync::{Arc, Mutex};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use regulars::ui::App;
use regulars::ui::state::Action;
use regulars::ui::theme::Theme;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_log_names_events_and_ids_never_people() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        let dir = tempfile::tempdir().unwrap();
        let book =
            regulars::book::Book::open(&dir.path().join("store"), Some("Giulia".into())).unwrap();
        let mut app = App::new(book, common::clock(), Theme { color: false }, "€".into());
        // Each key on its own, a second apart (a command letter then settles, as when a person waits).
        let mut now = std::time::Instant::now();
        let mut press = |app: &mut App, code| {
            app.press_at(KeyEvent::new(code, KeyModifiers::NONE), now);
            now += std::time::Duration::from_secs(1);
            app.tick(now);
        };
        for c in "Zebedeo Segretissimo".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Tab);
        for c in "333 999 8877".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('v'));
        press(&mut app, KeyCode::Char('n'));
        for c in "allergic to walnuts".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        press(&mut app, KeyCode::Enter);
        // A failure is logged too, with its reason.
        app.dispatch(Action::SaveFailed("the disk is full".into()));
    });
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("saved") && log.lines().count() >= 3, "{log}");
    for secret in [
        "Zebedeo",
        "Segretissimo",
        // The phone as typed and as digits: long enough never to turn up by chance in a timestamp or an id.
        "333 999 8877",
        "3339998877",
        "999 8877",
        "walnuts",
        "Giulia",
    ] {
        assert!(!log.contains(secret), "the log shows {secret:?}:\n{log}");
    }
}

#[test]
fn the_store_and_the_log_file_are_private_whatever_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("data");
    // A careless umask, and a log file someone left world-readable.
    let old = unsafe { libc::umask(0) };
    std::fs::create_dir_all(&logs).unwrap();
    std::fs::set_permissions(&logs, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(logs.join("regulars.log"), b"old line\n").unwrap();
    std::fs::set_permissions(
        logs.join("regulars.log"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let opened = regulars::cli::open_log(&logs);
    // A store made under the same umask, and written to.
    let store_path = dir.path().join("store");
    let store = regulars::book::Book::open(&store_path, None).map(|mut book| {
        let id = common::add_customer(&mut book, "Ada", "");
        // A long note: sled keeps values this large in files of their own (blobs).
        book.add_note(
            id,
            common::now().to_utc(),
            regulars::domain::NoteKind::Note,
            "x".repeat(200_000),
            false,
        )
        .unwrap();
        book.save_index();
    });
    unsafe { libc::umask(old) };
    store.unwrap();
    common::assert_private(&store_path);
    let blobs: Vec<_> = std::fs::read_dir(store_path.join("blobs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!blobs.is_empty(), "the long note went to a blob file");
    let mode_of = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    for blob in &blobs {
        assert_eq!(mode_of(blob), 0o600, "{}", blob.display());
    }
    let mut file = opened.unwrap();
    writeln!(file, "new line").unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&logs), 0o700);
    assert_eq!(mode(&logs.join("regulars.log")), 0o600);
    assert_eq!(
        std::fs::read_to_string(logs.join("regulars.log")).unwrap(),
        "old line\nnew line\n"
    );
}
