//! A panic in the desk, on a real pseudo-terminal: the terminal is restored (out of raw mode, off the
//! alternate screen), the person reads what happened and where the log is, and the form being typed is
//! kept for the next start.

mod common;

use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd};
use std::process::Stdio;

fn termios(fd: &OwnedFd) -> libc::termios {
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::tcgetattr(fd.as_raw_fd(), &mut t) }, 0);
    t
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let home = dir.path().join("home");
    assert!(
        common::run(&store, &["add", "--name", "Ada Lovelace"])
            .status
            .success()
    );
    let (master, slave) = common::pty::openpty();
    let before = termios(&slave);
    let mut child = common::bin()
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TERM", "xterm-256color")
        .env("REGULARS_TEST_PANIC_KEY", "F5")
        .env("RUST_BACKTRACE", "0")
        .arg("--db")
        .arg(&store)
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave.try_clone().unwrap()))
        .spawn()
        .unwrap();
    // Everything the desk writes to the terminal, read on the side.
    let mut screen = common::pty::Screen::watch(&master);
    screen.wait_for("Search");
    let during = termios(&slave);
    assert_eq!(
        during.c_lflag & libc::ICANON,
        0,
        "the desk runs the terminal in raw mode"
    );
    // A new customer's form, a name typed into it, then the panic.
    let mut writer = std::fs::File::from(master);
    writer.write_all(b"\x0e").unwrap(); // Ctrl-N
    screen.wait_for("New customer");
    writer.write_all(b"Grace Hopper").unwrap();
    screen.wait_for("Hopper");
    // Pasted text (the terminal wraps it in bracketed-paste marks): its line break is no Enter, so
    // nothing is saved and the form stays open with the text.
    writer.write_all(b"\x1b[200~ Jr\nv\x1b[201~").unwrap();
    screen.wait_for("Jr");
    writer.write_all(b"\x1b[15~").unwrap(); // F5
    screen.wait_for("stopped on an unexpected error");
    let status = child.wait().unwrap();
    assert!(!status.success());
    let output = screen.text();
    // Back from the alternate screen, out of raw mode, told what happened and where the log is.
    let left_alternate = output
        .rfind("\u{1b}[?1049l")
        .expect("the alternate screen was left");
    let message = output.rfind("stopped on an unexpected error").unwrap();
    assert!(
        left_alternate < message,
        "the message comes after the terminal is restored"
    );
    assert!(output.contains("regulars.log"), "{output}");
    // Bracketed paste was turned on, and off again before the message.
    let paste_on = output.find("\u{1b}[?2004h").expect("bracketed paste on");
    let paste_off = output.rfind("\u{1b}[?2004l").expect("bracketed paste off");
    assert!(paste_on < paste_off && paste_off < message);
    let after = termios(&slave);
    assert_eq!(
        after.c_lflag & (libc::ICANON | libc::ECHO),
        before.c_lflag & (libc::ICANON | libc::ECHO)
    );
    // The draft is kept for the next start.
    let draft = std::fs::read_to_string(store.join("draft.json")).expect("the draft is kept");
    assert!(draft.contains("Grace Hopper Jr v"), "{draft}");
}
