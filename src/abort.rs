//! Crash points for the tests: places where a crash is most likely to leave something half done (inside
//! opening, a migration, saving the search index, closing, an import between its steps, a forget between
//! its fresh store and the swap and between the swap's renames). In a build with
//! the `test-hooks` feature, `REGULARS_ABORT_AT=<point>` kills the process there with SIGKILL, as a crash
//! would; `tests/abort_points.rs` then checks what the next open finds. In any other build a point is
//! nothing at all (the release binary holds none of their names).

/// Dies here, by SIGKILL, when the tests asked for `name`.
#[inline(always)]
pub fn point(name: &'static str) {
    #[cfg(feature = "test-hooks")]
    if std::env::var("REGULARS_ABORT_AT").is_ok_and(|at| at == name) {
        // SAFETY: kill(2) on this process' own pid; it does not return.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGKILL);
        }
    }
    #[cfg(not(feature = "test-hooks"))]
    let _ = name;
}
