//! A pseudo-terminal of the tests' own, so the real desk can run without the runner having a terminal.

use std::os::fd::{FromRawFd, OwnedFd};

/// A terminal of 80×24: (master, slave). Neither side is inherited by processes that other tests start
/// meanwhile, so the terminal closes when the test closes it.
pub fn openpty() -> (OwnedFd, OwnedFd) {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty");
    // Not inherited by the processes other tests start meanwhile: the terminal must close when this test
    // closes it.
    for fd in [master, slave] {
        assert_eq!(
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) },
            0
        );
    }
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

/// Everything a program writes to the terminal, read on a thread of its own, to wait for what it shows.
pub struct Screen {
    chunks: std::sync::mpsc::Receiver<Vec<u8>>,
    /// All it has written so far.
    pub seen: Vec<u8>,
}

impl Screen {
    /// Starts reading what is written to the terminal whose master side is `master`.
    pub fn watch(master: &OwnedFd) -> Screen {
        use std::io::Read;
        let mut reader = std::fs::File::from(master.try_clone().unwrap());
        let (tx, chunks) = std::sync::mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Screen {
            chunks,
            seen: Vec::new(),
        }
    }

    /// Waits until `needle` has been written (20 seconds at most, then the test fails).
    pub fn wait_for(&mut self, needle: &str) {
        let started = std::time::Instant::now();
        while !String::from_utf8_lossy(&self.seen).contains(needle) {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(20),
                "never saw {needle:?}"
            );
            if let Ok(chunk) = self
                .chunks
                .recv_timeout(std::time::Duration::from_millis(100))
            {
                self.seen.extend(chunk);
            }
        }
    }

    /// All it has written so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen).to_string()
    }
}
