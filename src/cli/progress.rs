//! The progress of a long command (`import`, `demo`, `forget`) on one line of stderr, redrawn in place:
//! a bar and the count when the total is known, the count alone when it is not. Only on a terminal (a
//! pipe or a log never gets it), and only after a quiet time the caller chooses: none for work known to
//! be large, a second for work that may be quick. The line is wiped at the end, so what the command then
//! prints stands alone. Callers report at their own steps (2,000 customers, 50,000 records), so the line
//! is redrawn a few times a second at most.
//!
//! Drawn here rather than with indicatif: one line is all three commands need, and it keeps their
//! sentences in the desk's catalog.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// The bar's width, in cells.
const BAR: usize = 24;

pub struct Progress<W: Write> {
    /// `None`: not a terminal, nothing is drawn.
    out: Option<W>,
    total: Option<u64>,
    started: Instant,
    quiet_for: Duration,
    drawn: bool,
    /// The terminal's width: a longer line would wrap, and the wipe clears only its last row.
    width: Option<usize>,
}

impl Progress<std::io::Stderr> {
    /// Progress on stderr, when it is a terminal, out of `total` when it is known, shown once the work
    /// has run for `quiet_for`.
    pub fn on_stderr(total: Option<u64>, quiet_for: Duration) -> Self {
        let stderr = std::io::stderr();
        let on = stderr.is_terminal();
        let mut progress = Progress::to(on.then_some(stderr), total, quiet_for);
        progress.width = crossterm::terminal::size()
            .ok()
            .map(|(columns, _)| usize::from(columns));
        progress
    }
}

impl<W: Write> Progress<W> {
    /// Progress drawn to `out` (none: nowhere) once `quiet_for` has passed.
    pub fn to(out: Option<W>, total: Option<u64>, quiet_for: Duration) -> Self {
        Progress {
            out,
            total,
            started: Instant::now(),
            quiet_for,
            drawn: false,
            width: None,
        }
    }

    /// `done` so far, said by `says` (called only when the line is drawn).
    pub fn show(&mut self, done: u64, says: impl FnOnce() -> String) {
        let Some(out) = &mut self.out else { return };
        if self.started.elapsed() < self.quiet_for {
            return;
        }
        let mut line = line(done, self.total, &says());
        // One cell short of the width, so the cursor never wraps either.
        if let Some(width) = self.width
            && let Some((cut, _)) = line.char_indices().nth(width.saturating_sub(1))
        {
            line.truncate(cut);
        }
        // A progress line that cannot be drawn is not worth stopping the work for.
        let _ = write!(out, "\r\x1b[2K{line}").and_then(|()| out.flush());
        self.drawn = true;
    }

    /// Wipes the line, if one was drawn.
    pub fn finish(mut self) {
        if let (Some(out), true) = (&mut self.out, self.drawn) {
            let _ = write!(out, "\r\x1b[2K").and_then(|()| out.flush());
        }
    }
}

/// `[██████░░░░░░…]  25%  what it says`, or what it says alone without a total.
fn line(done: u64, total: Option<u64>, says: &str) -> String {
    let Some(total) = total.filter(|&t| t > 0) else {
        return says.to_string();
    };
    let share = done.min(total) as f64 / total as f64;
    let full = (share * BAR as f64).floor() as usize;
    format!(
        "[{}{}] {:>3}%  {says}",
        "█".repeat(full),
        "░".repeat(BAR - full),
        (share * 100.0).floor() as u64
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_the_share_done() {
        assert_eq!(
            line(0, Some(200), "0 of 200"),
            format!("[{}]   0%  0 of 200", "░".repeat(24))
        );
        assert_eq!(
            line(50, Some(200), "50 of 200"),
            format!("[{}{}]  25%  50 of 200", "█".repeat(6), "░".repeat(18))
        );
        assert_eq!(
            line(250, Some(200), "done"),
            format!("[{}] 100%  done", "█".repeat(24))
        );
        assert_eq!(line(7, None, "7 records"), "7 records");
        assert_eq!(line(7, Some(0), "7 records"), "7 records");
    }

    #[test]
    fn nothing_is_drawn_off_a_terminal_or_before_the_quiet_second() {
        let mut nowhere: Progress<Vec<u8>> = Progress::to(None, Some(10), Duration::ZERO);
        nowhere.show(5, || panic!("not asked what it says off a terminal"));
        let mut early = Progress::to(Some(Vec::new()), Some(10), Duration::from_secs(3600));
        early.show(5, || panic!("not asked what it says before its time"));
        assert_eq!(early.out.as_deref(), Some(&b""[..]));
    }

    #[test]
    fn on_a_terminal_the_line_is_drawn_in_place_and_wiped_at_the_end() {
        let mut shown = Progress::to(Some(Vec::new()), Some(4), Duration::ZERO);
        shown.show(1, || "1 of 4".into());
        shown.show(2, || "2 of 4".into());
        let drawn = String::from_utf8(shown.out.clone().unwrap()).unwrap();
        assert_eq!(
            drawn,
            format!(
                "\r\x1b[2K[{}{}]  25%  1 of 4\r\x1b[2K[{}{}]  50%  2 of 4",
                "█".repeat(6),
                "░".repeat(18),
                "█".repeat(12),
                "░".repeat(12)
            )
        );
        // On a narrow terminal the line is cut one cell short of its width, never wrapped.
        let mut narrow = Progress::to(Some(Vec::new()), Some(4), Duration::ZERO);
        narrow.width = Some(40);
        narrow.show(2, || "import: 2 of 4 customers written…".into());
        let drawn = String::from_utf8(narrow.out.clone().unwrap()).unwrap();
        let drawn = drawn.strip_prefix("\r\x1b[2K").unwrap();
        assert_eq!(drawn.chars().count(), 39);
        assert!(drawn.starts_with("[████████████░░░░░░░░░░░░]  50%  impo"));
        let mut out = Vec::new();
        let mut wiped = Progress::to(Some(&mut out), Some(4), Duration::ZERO);
        wiped.show(4, || "4 of 4".into());
        wiped.finish();
        assert!(String::from_utf8(out).unwrap().ends_with("\r\x1b[2K"));
    }
}
