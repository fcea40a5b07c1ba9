//! The real binary on a real pseudo-terminal (no TTY needed from the test runner): `demo`'s progress line
//! shows on a terminal and not on a pipe, and `regulars --demo` removes its throwaway store when it is
//! ended by SIGTERM, SIGHUP, SIGINT or its terminal window closing.

mod common;

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// Reads what is on the terminal's master side for up to `wait`; nothing when the other side is gone.
fn read_some(master: &OwnedFd, wait: Duration) -> Vec<u8> {
    let mut pollfd = libc::pollfd {
        fd: master.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let ready = unsafe { libc::poll(&mut pollfd, 1, wait.as_millis() as i32) };
    if ready <= 0 || pollfd.revents & libc::POLLIN == 0 {
        return Vec::new();
    }
    let mut buf = [0u8; 4096];
    let n = unsafe { libc::read(master.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
    if n <= 0 {
        return Vec::new();
    }
    buf[..n as usize].to_vec()
}

/// Reads the terminal until `needle` shows.
fn wait_for(master: &OwnedFd, needle: &str, screen: &mut Vec<u8>) {
    let started = Instant::now();
    while !String::from_utf8_lossy(screen).contains(needle) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "never saw {needle:?} in {}",
            String::from_utf8_lossy(screen)
        );
        screen.extend(read_some(master, Duration::from_millis(100)));
    }
}

/// Waits for the process to end, keeping its terminal (if still open) drained into `screen` so it never
/// blocks on writing.
fn wait_for_exit(
    child: &mut Child,
    master: Option<&OwnedFd>,
    screen: &mut Vec<u8>,
) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            if let Some(master) = master {
                loop {
                    let chunk = read_some(master, Duration::from_millis(100));
                    if chunk.is_empty() {
                        break;
                    }
                    screen.extend(chunk);
                }
            }
            return status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the process did not end");
        }
        match master {
            Some(master) => screen.extend(read_some(master, Duration::from_millis(50))),
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// The throwaway stores of `regulars --demo` in `tmp`.
fn demo_stores(tmp: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("regulars-demo-"))
        })
        .collect()
}

/// `regulars --demo` on a new pseudo-terminal that is its controlling terminal (as in a terminal window),
/// its temporary files in `tmp`, its log under `home`; returns once the desk is drawn.
fn start_demo_desk(tmp: &Path, home: &Path) -> (Child, OwnedFd) {
    let (child, master, _) = start_desk(tmp, home, &["--demo"]);
    assert_eq!(demo_stores(tmp).len(), 1, "the demo store is in TMPDIR");
    (child, master)
}

/// The real desk with `args` on a terminal of its own, once it has drawn its first frame (returned).
fn start_desk(tmp: &Path, home: &Path, args: &[&str]) -> (Child, OwnedFd, Vec<u8>) {
    start_desk_with(tmp, home, args, &[])
}

/// [`start_desk`] with the variables `env` set besides.
fn start_desk_with(
    tmp: &Path,
    home: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (Child, OwnedFd, Vec<u8>) {
    let (master, slave) = common::pty::openpty();
    let mut command = common::bin();
    command.envs(env.iter().copied());
    command
        .env("TMPDIR", tmp)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TERM", "xterm-256color")
        .args(args)
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave.try_clone().unwrap()));
    // A session of its own with the terminal as its controlling one, so closing the terminal hangs it up.
    unsafe {
        command.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = command.spawn().unwrap();
    drop(slave);
    let mut screen = Vec::new();
    wait_for(&master, "Search", &mut screen);
    (child, master, screen)
}

#[test]
fn the_desk_keeps_a_backup_when_it_closes_and_says_when_the_last_is_old() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let store = tmp.path().join("shop").join("store");
    assert!(
        common::run(&store, &["add", "--name", "Ada Neri"])
            .status
            .success()
    );
    let folder = tmp.path().join("shop").join("backups");
    let db = store.to_str().unwrap();
    // Ctrl-Q: the desk closes, and keeps a backup beside the store.
    for _ in 0..2 {
        let (mut child, master, _) = start_desk(tmp.path(), home.path(), &["--db", db]);
        std::fs::File::from(master.try_clone().unwrap())
            .write_all(b"\x11")
            .unwrap();
        let status = wait_for_exit(&mut child, Some(&master), &mut Vec::new());
        assert!(status.success(), "{status:?}");
    }
    let mut made: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    made.sort();
    assert!(!made.is_empty() && made.len() <= 2, "{made:?}");
    let verified = common::run(&store, &["backup", "--verify", made[0].to_str().unwrap()]);
    assert!(verified.status.success(), "{}", common::stderr(&verified));
    assert!(common::stdout(&verified).contains("1 customer"));
    // The newest made three days ago: the next start says so on the status line.
    let three_days = std::time::SystemTime::now() - Duration::from_secs(3 * 24 * 3600);
    for file in &made {
        std::fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(three_days)
            .unwrap();
    }
    let (mut child, master, mut screen) = start_desk(tmp.path(), home.path(), &["--db", db]);
    wait_for(&master, "3 days old", &mut screen);
    std::fs::File::from(master.try_clone().unwrap())
        .write_all(b"\x11")
        .unwrap();
    assert!(wait_for_exit(&mut child, Some(&master), &mut Vec::new()).success());
}

/// The desk ended by itself (its loop saw the signal and closed the store), not by the signal thread's
/// last resort.
fn assert_closed_by_the_desk(home: &Path) {
    let log = std::fs::read_to_string(home.join("data/regulars/regulars.log")).unwrap();
    assert!(log.contains("desk closed"), "{log}");
    assert!(!log.contains("did not end on the signal"), "{log}");
}

#[test]
fn the_demo_desk_removes_its_store_on_sigterm_sighup_and_sigint() {
    for signal in [libc::SIGTERM, libc::SIGHUP, libc::SIGINT] {
        let tmp = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        let (mut child, master) = start_demo_desk(tmp.path(), home.path());
        // Something typed, as at the counter.
        std::fs::File::from(master.try_clone().unwrap())
            .write_all(b"ros")
            .unwrap();
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
        let mut screen = Vec::new();
        let status = wait_for_exit(&mut child, Some(&master), &mut screen);
        assert_eq!(status.signal(), Some(signal), "{status:?}");
        assert_eq!(demo_stores(tmp.path()), Vec::<PathBuf>::new(), "{signal}");
        assert_closed_by_the_desk(home.path());
        // The terminal is still there (even on SIGHUP sent by hand): it is given back, off the alternate
        // screen.
        let screen = String::from_utf8_lossy(&screen);
        assert!(
            screen.contains("\u{1b}[?1049l"),
            "{signal}: the alternate screen was left"
        );
        // Bracketed paste is turned off again on the way out.
        assert!(
            screen.contains("\u{1b}[?2004l"),
            "{signal}: bracketed paste was left on"
        );
    }
}

#[test]
fn the_demo_desk_removes_its_store_when_its_terminal_window_closes() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let (mut child, master) = start_demo_desk(tmp.path(), home.path());
    // The window closes: the last descriptor of the terminal's master side goes, the terminal hangs up.
    drop(master);
    let status = wait_for_exit(&mut child, None, &mut Vec::new());
    assert_eq!(status.signal(), Some(libc::SIGHUP), "{status:?}");
    assert_eq!(demo_stores(tmp.path()), Vec::<PathBuf>::new());
    assert_closed_by_the_desk(home.path());
}

/// Runs the binary on a fresh store with `args`, its stderr on a terminal and its stdout on a pipe, until
/// stderr has shown `last`: what the terminal showed, and what stdout got.
fn with_stderr_on_a_terminal(store: &Path, args: &[&str], last: &str) -> (String, String) {
    let (master, slave) = common::pty::openpty();
    let mut child = common::bin()
        .arg("--db")
        .arg(store)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::from(slave.try_clone().unwrap()))
        .spawn()
        .unwrap();
    drop(slave);
    let mut screen = Vec::new();
    wait_for(&master, last, &mut screen);
    let status = wait_for_exit(&mut child, Some(&master), &mut screen);
    assert!(status.success());
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    (String::from_utf8_lossy(&screen).into_owned(), out)
}

#[test]
fn demo_shows_its_progress_on_a_terminal_and_nothing_on_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    // On a terminal (stderr), while the ids and the last line go to stdout as usual.
    let (shown, out) = with_stderr_on_a_terminal(
        &dir.path().join("one"),
        &["demo", "--customers", "2500"],
        "demo: 2,500 of 2,500 customers written",
    );
    assert!(shown.contains("demo: 1,000 of 2,500"), "{shown}");
    assert!(out.starts_with("Added 2,500 demo customers"), "{out}");

    // On a pipe: no progress at all.
    let out = common::run(&dir.path().join("two"), &["demo", "--customers", "2500"]);
    assert!(out.status.success());
    assert_eq!(common::stderr(&out), "");
}

#[test]
fn an_import_shows_a_bar_on_a_terminal_wiped_at_the_end_and_nothing_on_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clienti.csv");
    let mut csv = String::from("name,phone\n");
    for i in 0..2_500 {
        csv.push_str(&format!("Cliente {i},333 {i:07}\n"));
    }
    std::fs::write(&file, csv).unwrap();
    let (shown, out) = with_stderr_on_a_terminal(
        &dir.path().join("one"),
        &["import", file.to_str().unwrap()],
        "import: 2,500 of 2,500 customers written",
    );
    assert!(
        shown.contains("[███████████████████░░░░░]  80%  import: 2,000 of 2,500"),
        "{shown}"
    );
    assert!(shown.ends_with("\r\x1b[2K"), "the line is wiped: {shown:?}");
    assert!(out.starts_with("Imported 2,500 customers"), "{out}");

    // On a pipe: no progress at all.
    let out = common::run(&dir.path().join("two"), &["import", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(common::stderr(&out), "");
}

#[test]
fn a_desk_closed_with_records_the_hub_has_not_taken_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    assert!(
        common::run(&store, &["add", "--name", "Ada Neri"])
            .status
            .success()
    );
    // A hub nobody answers at: a port of this machine with nothing behind it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgresql://regulars@127.0.0.1:{port}/shop");
    let db = store.to_str().unwrap();
    let (mut child, master, mut screen) = start_desk_with(
        tmp.path(),
        home.path(),
        &["--db", db],
        &[("REGULARS_SYNC_URL", &url)],
    );
    wait_for(&master, "offline since", &mut screen);
    // A visit for Ada, then Ctrl-Q.
    std::fs::File::from(master.try_clone().unwrap())
        .write_all(b"ada\r")
        .unwrap();
    wait_for(&master, "Greeting card", &mut screen);
    std::fs::File::from(master.try_clone().unwrap())
        .write_all(b"v")
        .unwrap();
    wait_for(&master, "Visit logged", &mut screen);
    std::fs::File::from(master.try_clone().unwrap())
        .write_all(b"\x11")
        .unwrap();
    let mut after = Vec::new();
    assert!(wait_for_exit(&mut child, Some(&master), &mut after).success());
    let said = String::from_utf8_lossy(&after);
    assert!(
        said.contains("2 records written here have not reached the sync hub yet"),
        "{said}"
    );
}
