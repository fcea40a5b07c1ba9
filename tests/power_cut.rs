//! Power cuts, simulated: the store lives on a filesystem of the test's own (`power_cut/cutfs.rs`, mounted
//! through FUSE) that throws away, at the cut, every byte and every folder entry not yet fsynced, as a
//! disk losing power may. The real binary writes and acknowledges, is killed, the power is cut, and the
//! store, opened again, must hold everything that was acknowledged.
//!
//! A SIGKILL alone (tests/crash.rs) cannot show this: the kernel keeps what a killed process wrote. These
//! tests fail when the store's `fdatasync` or a folder's fsync is taken out (TESTING.md says which).
//!
//! They need `/dev/fuse` and the right to mount (root), so they are ignored by a plain `cargo test`;
//! `.ci/run` runs them where FUSE can be mounted: `cargo test --test power_cut -- --ignored`.

mod common;
#[path = "power_cut/cutfs.rs"]
mod cutfs;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use std::time::{Duration, Instant};

use common::writer::{Ack, Ledger, dora, kill, parse, store_with_dora, writer};
use cutfs::{Disk, Mounted};
use regulars::book::Book;
use regulars::domain::Id;
use regulars::store::Store;

/// A machine with one disk, mounted at a temporary folder; it can lose power.
struct Machine {
    disk: Arc<Mutex<Disk>>,
    at: tempfile::TempDir,
    mounted: Option<Mounted>,
}

impl Machine {
    fn boot() -> Machine {
        let disk = Disk::new();
        let at = tempfile::tempdir().unwrap();
        let mounted = cutfs::mount(&disk, at.path()).unwrap_or_else(|e| {
            panic!("cannot mount the power-cut filesystem (needs /dev/fuse and root): {e}")
        });
        Machine {
            disk,
            at,
            mounted: Some(mounted),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.at.path().join(name)
    }

    /// The power goes and comes back: unmounted (nothing runs on it any more), everything not durable
    /// thrown away, mounted again.
    fn power_cut(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            mounted.unmount();
        }
        self.disk.lock().unwrap().cut();
        self.mounted = Some(cutfs::mount(&self.disk, self.at.path()).unwrap());
    }

    /// Runs the binary on `store` with `args`, its output going to a file on this disk; the power goes at
    /// the moment it prints its first line (its acknowledgement): whatever it does after that never
    /// becomes durable. Returns what it printed, once it has ended and the power has come back.
    fn run_and_cut(&mut self, store: &Path, args: &[&str]) -> String {
        let (printed, ino) = self.output_file("printed");
        let stopped = self.disk.lock().unwrap().stop_at_write(ino, 1);
        let out = common::bin()
            .arg("--db")
            .arg(store)
            .args(args)
            .stdout(printed)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
        assert!(stopped.try_recv().is_ok(), "{args:?} printed nothing");
        let said = std::fs::read_to_string(self.path("printed")).unwrap();
        self.power_cut();
        said
    }

    /// The crash writer on `store`, the power going as it prints its `acks`-th acknowledgement: what it
    /// acknowledged until then, once it has been killed and the power has come back.
    fn writer_and_cut(&mut self, store: &Path, dora: Id, acks: usize, from: u64) -> Vec<Ack> {
        let (printed, ino) = self.output_file("acknowledged");
        let stopped = self.disk.lock().unwrap().stop_at_write(ino, acks);
        let mut child = writer(store, dora, from).stdout(printed).spawn().unwrap();
        // Until the power goes, or the writer ends without it (then at once, not at the deadline).
        let started = Instant::now();
        let heard = loop {
            match stopped.recv_timeout(Duration::from_millis(100)) {
                Ok(()) => break true,
                Err(_) if child.try_wait().unwrap().is_some() => break false,
                Err(_) if started.elapsed().as_secs() > common::DEADLINE_SECONDS => break false,
                Err(_) => {}
            }
        };
        kill(&mut child);
        assert!(heard, "the writer did not acknowledge {acks} writes");
        let said = std::fs::read_to_string(self.path("acknowledged")).unwrap();
        self.power_cut();
        said.lines().take(acks).map(parse).collect()
    }

    /// A new empty file on this disk for a command's output, with its inode number.
    fn output_file(&self, name: &str) -> (std::fs::File, u64) {
        use std::os::unix::fs::MetadataExt;
        let file = std::fs::File::create(self.path(name)).unwrap();
        let ino = file.metadata().unwrap().ino();
        (file, ino)
    }

    /// Every durable file that holds `needle`, by its path on the disk.
    fn durable_files_holding(&self, needle: &[u8]) -> Vec<String> {
        self.disk
            .lock()
            .unwrap()
            .durable_files()
            .into_iter()
            .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle))
            .map(|(path, _)| path)
            .collect()
    }
}

impl Drop for Machine {
    fn drop(&mut self) {
        // Unmounted before the folder it is mounted on is removed; a failing test (its assertion is the
        // message to keep) does not wait for it.
        if let Some(mounted) = self.mounted.take() {
            if std::thread::panicking() {
                mounted.detach();
            } else {
                mounted.unmount();
            }
        }
    }
}

fn run(store: &Path, args: &[&str]) -> String {
    let out = common::run(store, args);
    assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    common::stdout(&out)
}

/// Visits, notes, new customers and edits, each printed by the writer once it is durable: with the power
/// gone at the moment of an acknowledgement (a number of them chosen by a fixed seed), every write
/// acknowledged is there, field by field, and the store checks clean. 12 cuts; `POWER_CUT_CYCLES=N` for more.
#[test]
#[ignore = "needs FUSE and root: .ci/run runs it"]
fn acknowledged_writes_survive_a_power_cut() {
    let mut machine = Machine::boot();
    let path = machine.path("store");
    let dora = store_with_dora(&path);
    machine.power_cut();
    let mut ledger = Ledger::new(dora);
    ledger.check(&path, 0);
    let cycles: usize = std::env::var("POWER_CUT_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let mut rng = fastrand::Rng::with_seed(7);
    for cycle in 1..=cycles {
        let from = cycle as u64 * 1_000_000;
        let acks = machine.writer_and_cut(&path, dora, rng.usize(1..25), from);
        ledger.record(acks, from);
        ledger.check(&path, cycle);
    }
    assert!(ledger.acknowledged() >= 12);
    assert!(machine.disk.lock().unwrap().syncs > 0);
}

/// A store made by its first write, in folders that did not exist: the customer it acknowledged is there
/// after the cut (sled writes its folder's entries without any fsync).
#[test]
#[ignore = "needs FUSE and root: .ci/run runs it"]
fn a_new_stores_first_write_survives_a_power_cut() {
    let mut machine = Machine::boot();
    let path = machine.path("shop").join("till").join("store");
    let id = machine.run_and_cut(&path, &["add", "--name", "Prima Fiorella"]);
    let store = Store::open(&path).expect("the new store opens after the cut");
    let id = id.trim().parse().unwrap();
    assert_eq!(
        store.customer(id).unwrap().map(|c| c.name).as_deref(),
        Some("Prima Fiorella")
    );
}

/// The store alone, as the library opens it (no search index, no journal, whose own folder fsyncs would
/// cover for a missing one): once its first write has returned, it is there after a cut.
#[test]
#[ignore = "needs FUSE and root: .ci/run runs it"]
fn a_new_store_keeps_its_first_write_through_a_power_cut() {
    let mut machine = Machine::boot();
    let path = machine.path("store");
    let store = Store::open(&path).unwrap();
    let dora = dora();
    store.put_customer(&dora).unwrap();
    machine.disk.lock().unwrap().stop();
    drop(store);
    machine.power_cut();
    let store = Store::open(&path).expect("the store opens after the cut");
    assert_eq!(store.customer(dora.id).unwrap(), Some(dora));
}

/// A forget, once it says whom it erased, holds after a power cut: no durable file has a byte of them,
/// and everyone else is still there.
#[test]
#[ignore = "needs FUSE and root: .ci/run runs it"]
fn a_forget_survives_a_power_cut() {
    let mut machine = Machine::boot();
    let path = machine.path("store");
    let person = run(
        &path,
        &[
            "add",
            "--name",
            "Zebulon Quixotico",
            "--phone",
            "+39 321 987 6543",
        ],
    );
    let person = person.trim();
    run(&path, &["note", person, "zabaione-FROBOZZ every Sunday"]);
    let mut others = Vec::new();
    for name in ["Ada Lovelace", "Bruno Bellini", "Carla Conti"] {
        others.push(run(&path, &["add", "--name", name]).trim().to_string());
        run(
            &path,
            &["visit", others.last().unwrap(), "--amount", "12.50"],
        );
    }
    machine.power_cut();
    // The person as the files hold them: their name, note and phone as typed, their id's raw bytes (the
    // keys of sled's trees), all on the disk now, or the check below would prove nothing.
    let id: Id = person.parse().unwrap();
    let needles: Vec<(&str, Vec<u8>)> = vec![
        ("name", b"Quixotico".to_vec()),
        ("note", b"FROBOZZ".to_vec()),
        ("phone", b"321 987 6543".to_vec()),
        ("id", id.to_bytes().to_vec()),
    ];
    for (what, needle) in &needles {
        assert!(
            !machine.durable_files_holding(needle).is_empty(),
            "their {what} was never on the disk"
        );
    }

    let said = machine.run_and_cut(&path, &["forget", person, "--yes"]);
    assert!(said.contains("Zebulon Quixotico"), "{said}");
    for (what, needle) in &needles {
        assert_eq!(
            machine.durable_files_holding(needle),
            Vec::<String>::new(),
            "their {what} is still on the disk after the cut"
        );
    }
    let store = Store::open(&path).expect("the store opens after the cut");
    assert!(store.customer(person.parse().unwrap()).unwrap().is_none());
    for id in &others {
        let id = id.parse().unwrap();
        assert!(store.customer(id).unwrap().is_some());
        assert_eq!(store.visits_for(id).unwrap().len(), 1);
    }
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

/// An import that said how many it brought in holds them all after a power cut.
#[test]
#[ignore = "needs FUSE and root: .ci/run runs it"]
fn an_import_survives_a_power_cut() {
    let mut machine = Machine::boot();
    let path = machine.path("store");
    let csv = machine.path("regulars.csv");
    let mut rows = String::from("name,phone,likes\n");
    for i in 0..300 {
        rows.push_str(&format!("Imported {i},+39 333 {i:07},espresso {i}\n"));
    }
    std::fs::write(&csv, rows).unwrap();
    let said = machine.run_and_cut(&path, &["import", csv.to_str().unwrap()]);
    assert!(said.contains("300"), "{said}");
    let mut book = Book::open(&path, None).expect("the store opens after the cut");
    assert_eq!(book.len(), 300);
    let found = book.search("imported 299", None);
    let first = found.first().expect("the last row is found");
    let customer = book.profile(*first).unwrap().customer;
    assert_eq!(customer.name, "Imported 299");
    assert_eq!(customer.preferences, "espresso 299");
    book.close();
    assert_eq!(
        Store::open(&path).unwrap().check().unwrap(),
        Vec::<String>::new()
    );
}

/// A backup file, once `backup` has said it is written, is whole after a power cut and restores.
#[test]
#[ignore = "needs FUSE and root: .ci/run runs it"]
fn a_backup_survives_a_power_cut() {
    let mut machine = Machine::boot();
    let path = machine.path("store");
    let id = run(&path, &["add", "--name", "Backed Up Bianca"]);
    // A USB stick's folder, there (durably) before the backup.
    std::fs::create_dir(machine.path("usb")).unwrap();
    std::fs::File::open(machine.path(""))
        .and_then(|root| root.sync_all())
        .unwrap();
    let file = machine.path("usb").join("regulars.backup");
    machine.run_and_cut(&path, &["backup", file.to_str().unwrap()]);
    run(&path, &["backup", "--verify", file.to_str().unwrap()]);
    let restored = machine.path("restored");
    run(&restored, &["restore", file.to_str().unwrap()]);
    let shown = run(&restored, &["show", id.trim()]);
    assert!(shown.contains("Backed Up Bianca"), "{shown}");
}

/// The real desk on a pseudo-terminal, on the store at `path`, its first screen up: the process, its
/// screen, its keyboard and its home folder.
fn desk_on_pty(
    path: &Path,
) -> (
    std::process::Child,
    common::pty::Screen,
    std::fs::File,
    tempfile::TempDir,
) {
    use std::process::Stdio;

    let home = tempfile::tempdir().unwrap();
    let (master, slave) = common::pty::openpty();
    let desk = common::bin()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("TERM", "xterm-256color")
        .arg("--db")
        .arg(path)
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .spawn()
        .unwrap();
    let mut screen = common::pty::Screen::watch(&master);
    screen.wait_for("Search");
    (desk, screen, std::fs::File::from(master), home)
}

/// Waits until a file the disk holds durably contains `needle`.
fn until_durable(machine: &Machine, needle: &[u8]) {
    let started = Instant::now();
    while machine.durable_files_holding(needle).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{} never became durable",
            String::from_utf8_lossy(needle)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A form's draft holds the id of the record it saves, on the disk, before that record is written: with
/// the power gone at the store's first write of a note, the next desk brings the note's form back knowing
/// that id, so saving it writes that very note, once (had the note reached the disk, the next desk would
/// say it was saved already: tests/faults.rs).
#[test]
#[ignore = "needs FUSE and root: .ci/run runs it"]
fn a_form_saved_as_the_power_goes_comes_back_knowing_its_record() {
    use std::io::Write;

    let mut machine = Machine::boot();
    let path = machine.path("store");
    let ada: Id = run(&path, &["add", "--name", "Ada Lovelace"])
        .trim()
        .parse()
        .unwrap();
    machine.power_cut();
    let (mut desk, mut screen, mut keys, _home) = desk_on_pty(&path);
    keys.write_all(b"\r").unwrap();
    // (Words one at a time: the terminal is sent only the cells that change.)
    screen.wait_for("written"); // "Nothing written yet": her card is open
    keys.write_all(b"n").unwrap();
    screen.wait_for("save"); // the form's key bar
    // A person's pause after `n`: letters typed at once after it would be a name being searched for.
    std::thread::sleep(regulars::ui::keymap::TYPING_WINDOW * 2);
    keys.write_all(b"Allergic to nuts").unwrap();
    until_durable(&machine, b"Allergic to nuts");
    let stopped = machine.disk.lock().unwrap().stop_at_write_to("db");
    keys.write_all(b"\r").unwrap();
    assert!(
        stopped.recv_timeout(Duration::from_secs(20)).is_ok(),
        "the desk never wrote the note to the store"
    );
    kill(&mut desk);
    drop(keys);
    machine.power_cut();

    let mut desk = common::desk::Desk::on_store(&path);
    let form = desk
        .app
        .state
        .form
        .as_ref()
        .expect("the note's form is back");
    assert_eq!(form.value(0), "Allergic to nuts");
    let attempt = form.attempt.expect("the draft knew the note's id");
    desk.key(crossterm::event::KeyCode::Enter);
    let status = desk.app.state.status.clone().unwrap();
    assert!(!status.error, "{}", status.text);
    let common::desk::Desk { app, .. } = desk;
    app.into_book().close();
    let notes = Store::open(&path).unwrap().notes_for(ada).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].id, attempt.id);
}

/// The draft of a form, on the real desk (on a pseudo-terminal): it becomes durable as it is typed, without
/// the desk closing, and after a power cut in the middle of more typing (and a desk killed by it) the next
/// desk brings back a whole draft, with what had been typed before at least.
#[test]
#[ignore = "needs FUSE and root: .ci/run runs it"]
fn a_draft_survives_a_power_cut() {
    use std::io::Write;

    let mut machine = Machine::boot();
    let path = machine.path("store");
    run(&path, &["add", "--name", "Ada Lovelace"]);
    machine.power_cut();
    let (mut desk, mut screen, mut keys, _home) = desk_on_pty(&path);
    keys.write_all(b"\x0e").unwrap(); // Ctrl-N
    screen.wait_for("New customer");
    keys.write_all(b"Grace Hopper").unwrap();
    screen.wait_for("Hopper");
    // The desk keeps typing and the draft file durable by itself: the disk holds it with the desk open.
    until_durable(&machine, b"Grace Hopper");
    // More typing, and the power goes in the middle of keeping it: at the first write of the draft's
    // next temporary file, before that file is fsynced and renamed over the draft.
    let stopped = machine
        .disk
        .lock()
        .unwrap()
        .stop_at_write_to("draft.json.regulars-tmp");
    keys.write_all(b" Jr the third").unwrap();
    assert!(
        stopped.recv_timeout(Duration::from_secs(20)).is_ok(),
        "the desk never wrote its next draft to a temporary file"
    );
    kill(&mut desk);
    drop(keys);
    machine.power_cut();

    let desk = common::desk::Desk::on_store(&path);
    let form = desk
        .app
        .state
        .form
        .as_ref()
        .expect("the draft comes back as the form");
    // The draft the cut found whole on the disk: the one written before it, not a piece of the next.
    assert_eq!(form.value(0), "Grace Hopper");
}
