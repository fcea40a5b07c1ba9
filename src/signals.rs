//! The desk ends on a signal as it does on Ctrl-Q: SIGTERM (`kill`), SIGHUP (the terminal window closed,
//! `tmux kill-server`) and SIGINT (`kill -INT`; in the desk Ctrl-C is a key). The store is closed,
//! `regulars --demo` removes its throwaway store, and then the process ends as the signal asked, so the
//! shell or service manager that sent it sees it ([`end_if_received`]).
//!
//! signal-hook (already in the tree through crossterm) catches the signals on a thread of its own; the
//! desk's loop waits for keys in short slices ([`wait_for_event`]) and looks at what was caught between
//! them. Two things could keep the desk from ever looking, and both are handled here:
//! - a terminal that hung up reads as "nothing, at once" for ever, and crossterm's reader spins on it
//!   without returning: on SIGHUP from a terminal that hung up, the standard streams leave it (input becomes a pipe with
//!   nothing to read, output goes to /dev/null), which lets the reader return and makes the last writes
//!   (restoring the terminal, an error sentence) harmless;
//! - anything else that stalls: if the desk has not seen the signal after [`GRACE`], this thread removes
//!   the throwaway store itself and ends the process (a kill, which the store survives by design).

use std::io;
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// The signal caught, or 0.
static RECEIVED: AtomicI32 = AtomicI32::new(0);
/// Set once the desk has seen the signal and is closing by itself.
static SEEN: AtomicBool = AtomicBool::new(false);

/// How long the desk waits for a key before looking for a signal again.
const TICK: Duration = Duration::from_millis(100);
/// How long the desk has to notice a signal before this module ends the process itself.
const GRACE: Duration = Duration::from_secs(3);

/// Catches SIGTERM, SIGHUP and SIGINT for the desk from now on. `throwaway` is a folder to remove if the
/// desk cannot end by itself (the store of `regulars --demo`).
pub fn install(throwaway: Option<PathBuf>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            let Some(signal) = signals.forever().next() else {
                return;
            };
            if signal == SIGHUP && terminal_hung_up() {
                // Nothing can be shown any more: better nowhere than a failed write.
                let _ = leave_terminal();
            }
            RECEIVED.store(signal, Ordering::SeqCst);
            std::thread::sleep(GRACE);
            if !SEEN.load(Ordering::SeqCst) {
                tracing::warn!(signal, "the desk did not end on the signal in time");
                if let Some(dir) = &throwaway {
                    let _ = std::fs::remove_dir_all(dir);
                }
                end_as(signal);
            }
        })?;
    Ok(())
}

/// The signal caught since [`install`], if any.
pub fn received() -> Option<i32> {
    match RECEIVED.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
    }
}

/// Waits until a terminal event is ready to be read, a signal asks the desk to end, or `until` passes.
pub fn wait_for_event(until: Option<Instant>) -> io::Result<Wait> {
    loop {
        if received().is_some() {
            SEEN.store(true, Ordering::SeqCst);
            return Ok(Wait::Signal);
        }
        let slice = until.map_or(TICK, |d| {
            d.saturating_duration_since(Instant::now()).min(TICK)
        });
        if crossterm::event::poll(slice)? {
            return Ok(Wait::Event);
        }
        if until.is_some_and(|d| Instant::now() >= d) {
            return Ok(Wait::Deadline);
        }
    }
}

/// What ended a wait for the next event.
#[derive(Debug, PartialEq, Eq)]
pub enum Wait {
    /// An event (a key, a paste, a resize) is ready to read.
    Event,
    /// A signal came: the desk ends as Ctrl-Q ends it.
    Signal,
    /// The deadline passed with no event.
    Deadline,
}

/// Once everything is closed and cleaned up: if a signal ended the desk, the process ends by it.
pub fn end_if_received() {
    if let Some(signal) = received() {
        end_as(signal);
    }
}

fn end_as(signal: i32) {
    // The default action of these three is to end the process; if that failed, end it anyway.
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    std::process::exit(128 + signal);
}

/// Whether the terminal on standard input hung up (its window closed), rather than someone sending
/// SIGHUP to a desk whose terminal is still there (then it is restored as on any way out).
fn terminal_hung_up() -> bool {
    let mut stdin = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no waiting.
    let ready = unsafe { libc::poll(&mut stdin, 1, 0) };
    ready > 0 && stdin.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Points standard input at an empty pipe that is never closed (reading it "would block", never "ends"),
/// and standard output and error at /dev/null.
fn leave_terminal() -> io::Result<()> {
    let (reader, writer) = io::pipe()?;
    // The writing end stays open for the life of the process, so the pipe never reaches its end.
    std::mem::forget(writer);
    let null = std::fs::OpenOptions::new().write(true).open("/dev/null")?;
    // SAFETY: plain system calls on descriptors this function owns (`reader`, `null`) and on the three
    // standard ones, which stay open (dup2 replaces them atomically).
    let failed = unsafe {
        libc::fcntl(reader.as_raw_fd(), libc::F_SETFL, libc::O_NONBLOCK) < 0
            || libc::dup2(reader.as_raw_fd(), libc::STDIN_FILENO) < 0
            || libc::dup2(null.as_raw_fd(), libc::STDOUT_FILENO) < 0
            || libc::dup2(null.as_raw_fd(), libc::STDERR_FILENO) < 0
    };
    if failed {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}
