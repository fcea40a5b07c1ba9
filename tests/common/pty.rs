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
