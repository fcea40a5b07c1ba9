//! The bottom lines: the last status message (on up to four rows when it does not fit on one), and the
//! keys that work right now (from the keymap).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::keymap::{self, Command};
use super::state::State;
use crate::{safe, text};

/// The most lines a status message takes: a longer one is cut at a word, with `…`.
const STATUS_LINES: usize = 4;

/// The status message as the lines it takes on a screen `width` columns wide: none, one, or (a sentence
/// too long for one line, such as where the backups that still hold a forgotten customer are) up to
/// [`STATUS_LINES`] or `most` rows, so what it says is read whole rather than cut at the edge (one while
/// help is open).
pub fn status_lines(state: &State, width: u16, most: usize) -> Vec<String> {
    let Some(status) = &state.status else {
        return Vec::new();
    };
    let said = safe::line(&status.text);
    let room = usize::from(width.saturating_sub(1));
    if super::view::columns(&said) <= room {
        return vec![said];
    }
    // Help takes the screen above the usual two rows, which stay as they are under it.
    let most = if state.help.is_some() {
        1
    } else {
        most.clamp(1, STATUS_LINES)
    };
    let mut lines = super::view::wrap(&said, room);
    if lines.len() > most {
        let rest = lines.split_off(most - 1).join(" ");
        lines.push(fit_words(&rest, room));
    }
    lines
}

/// How many rows the bottom of the screen takes with the status as `status` (its lines): the status (at
/// least one row, kept even when empty) and the keys.
pub fn height(status: &[String]) -> u16 {
    u16::try_from(status.len().max(1) + 1).unwrap_or(2)
}

/// Cuts `text` to `width` columns at a word boundary, with `…` when something was left out: a long
/// sentence (Italian words are longer) never stops in the middle of a word, unless its first word alone
/// (a folder's path) is wider than the room, which is then cut where the room ends.
pub fn fit_words(text: &str, width: usize) -> String {
    use super::view::columns;
    if columns(text) <= width {
        return text.to_string();
    }
    let mut fitted = String::new();
    for word in text.split(' ') {
        let needed = columns(&fitted) + usize::from(!fitted.is_empty()) + columns(word);
        if needed + 1 > width {
            break;
        }
        if !fitted.is_empty() {
            fitted.push(' ');
        }
        fitted.push_str(word);
    }
    if fitted.is_empty() {
        for c in text.chars() {
            if columns(&fitted) + columns(c.encode_utf8(&mut [0; 4])) + 1 > width {
                break;
            }
            fitted.push(c);
        }
    }
    fitted.push('…');
    fitted
}

/// How much an entry of the bar is needed when the bar is short of room.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    /// Always shown (help, the way back), so every key is still one keystroke away.
    Always,
    /// Shown as room allows, in keymap order.
    Usual,
    /// The first to go: what the arrows do, which a person at the counter knows without being told.
    Spare,
}

/// Which of the bar's entries (`(need, width)`, in keymap order) fit in `width` columns: those always
/// shown, then the usual ones in order as room allows, then the spare ones.
fn fitting(entries: &[(Need, usize)], width: usize) -> Vec<bool> {
    let mut shown = vec![false; entries.len()];
    let mut used = 0;
    for need in [Need::Always, Need::Usual, Need::Spare] {
        for (i, &(n, len)) in entries.iter().enumerate() {
            if n == need && (need == Need::Always || used + len <= width) {
                shown[i] = true;
                used += len;
            }
        }
    }
    shown
}

/// Draws the status, laid out as `status` (from [`status_lines`]), and the keys that work now.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, status: &[String]) {
    let theme = state.theme;
    let [status_area, keys_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    if let Some(said) = &state.status {
        let style = if said.error {
            theme.error()
        } else {
            theme.ok()
        };
        let lines: Vec<Line> = status
            .iter()
            .map(|line| Line::styled(format!(" {line}"), style))
            .collect();
        frame.render_widget(Paragraph::new(lines), status_area);
    }
    // The form that forgets someone has one field, and Enter forgets rather than saves.
    let forgetting = state
        .form
        .as_ref()
        .is_some_and(|f| matches!(f.kind, super::form::FormKind::Forget(_)));
    // `r` is offered only while the card has a reward ready, `k` while it has a promise open.
    let shown_now = |b: &&keymap::Binding| match b.command {
        Some(Command::NextField | Command::PrevField) => !forgetting,
        Some(Command::Redeem) => state
            .profile
            .as_ref()
            .is_some_and(|p| state.loyalty.stamp_card(&p.figures).ready > 0),
        Some(Command::KeepPromise) => state
            .profile
            .as_ref()
            .is_some_and(|p| !p.open_promises().is_empty()),
        // When Enter adds the customer typed, Ctrl-N would say "new" a second time.
        Some(Command::NewCustomer) => !state.enter_adds_customer(),
        // Nothing in the list: nothing to move to.
        None if b.bar == Some(text::BAR_MOVE) => {
            !(state.mode() == keymap::Mode::Search && state.results.is_empty())
        }
        // Help that fits on the screen has nothing to scroll.
        None if b.bar == Some(text::BAR_SCROLL) => match state.help {
            Some(mode) => {
                super::help::max_scroll(mode, state.form.as_ref(), state.theme, state.size) > 0
            }
            None => true,
        },
        _ => true,
    };
    let entries: Vec<_> = keymap::bar(state.mode())
        .filter(shown_now)
        .map(|b| {
            // Ctrl-T says how many things are due today, when there are.
            let words = match b.command {
                Some(Command::Today) if state.due_today > 0 => text::due_count(state.due_today),
                // A search that matches nobody: Enter adds them as a new customer.
                Some(Command::Open) if state.enter_adds_customer() => {
                    text::BAR_NEW.text().into_owned()
                }
                // On an open promise, `x` cancels it.
                Some(Command::VoidEntry) if super::state::selected_is_open_promise(state) => {
                    text::BAR_CANCEL_PROMISE.to_string()
                }
                Some(Command::Save) if forgetting => text::BAR_FORGET.text().into_owned(),
                _ => b.bar.map(|m| m.text()).unwrap_or_default().into_owned(),
            };
            (b.label.text(), format!(" {words}  "))
        })
        .collect();
    let widths: Vec<_> = keymap::bar(state.mode())
        .filter(shown_now)
        .zip(&entries)
        .map(|(b, (label, words))| {
            // Help, and the way back from a card, are always shown; the rest as room allows.
            let need = match b.command {
                Some(Command::Help | Command::Back) => Need::Always,
                None if b.bar == Some(text::BAR_MOVE) => Need::Spare,
                _ => Need::Usual,
            };
            (
                need,
                super::view::columns(label) + super::view::columns(words),
            )
        })
        .collect();
    let shown = fitting(&widths, usize::from(area.width.saturating_sub(1)));
    let mut spans = vec![Span::raw(" ")];
    for ((label, words), show) in entries.into_iter().zip(shown) {
        if show {
            spans.push(Span::styled(label, theme.key()));
            spans.push(Span::raw(words));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), keys_area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_stop_between_words() {
        assert_eq!(fit_words("short", 10), "short");
        // Wide characters count as the two columns they take.
        assert_eq!(fit_words("caffè ☕☕☕☕ subito", 12), "caffè…");
        assert_eq!(fit_words("una frase troppo lunga", 12), "una frase…");
        // A first word wider than the room (a folder's path) is cut where the room ends, not lost whole.
        assert_eq!(fit_words("precipitevolissimevolmente", 8), "precipi…");
        assert_eq!(fit_words("/srv/backups/of/the/shop more", 10), "/srv/back…");
        assert_eq!(fit_words("☕☕☕☕☕", 6), "☕☕…");
    }

    #[test]
    fn entries_that_do_not_fit_go_but_help_stays_and_the_arrows_go_first() {
        use Need::{Always, Spare, Usual};
        assert_eq!(fitting(&[(Usual, 5), (Usual, 5)], 10), vec![true, true]);
        assert_eq!(
            fitting(&[(Usual, 5), (Usual, 5), (Always, 4), (Usual, 2)], 11),
            vec![true, false, true, true]
        );
        // The arrows are shown when there is room, and are the first to go when there is not.
        assert_eq!(
            fitting(&[(Spare, 4), (Usual, 5), (Always, 4)], 13),
            vec![true, true, true]
        );
        assert_eq!(
            fitting(&[(Spare, 4), (Usual, 5), (Always, 4), (Usual, 3)], 13),
            vec![false, true, true, true]
        );
    }
}
