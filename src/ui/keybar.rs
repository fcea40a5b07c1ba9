//! The bottom two lines: the last status message, and the keys that work right now (from the keymap).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::keymap::{self, Command};
use super::state::State;
use crate::{safe, text};

/// Cuts `text` to `width` columns at a word boundary, with `…` when something was left out: a long
/// sentence (Italian words are longer) never stops in the middle of a word.
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
    fitted.push('…');
    fitted
}

/// Which of the bar's entries (`(must stay, width)`, in keymap order) fit in `width` columns: when some
/// must go, the ones that must stay (help) are kept, so every key is still one keystroke away.
fn fitting(entries: &[(bool, usize)], width: usize) -> Vec<bool> {
    let mut used: usize = entries.iter().filter(|(keep, _)| *keep).map(|e| e.1).sum();
    entries
        .iter()
        .map(|&(keep, len)| {
            let fits = keep || used + len <= width;
            if fits && !keep {
                used += len;
            }
            fits
        })
        .collect()
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let theme = state.theme;
    let [status_area, keys_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    if let Some(status) = &state.status {
        let style = if status.error {
            theme.error()
        } else {
            theme.ok()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    " {}",
                    fit_words(
                        &safe::line(&status.text),
                        usize::from(area.width.saturating_sub(1))
                    )
                ),
                style,
            )),
            status_area,
        );
    }
    // `r` is offered only while the card has a reward ready, `k` while it has a promise open.
    let shown_now = |b: &&keymap::Binding| match b.command {
        Some(Command::Redeem) => state
            .profile
            .as_ref()
            .is_some_and(|p| state.loyalty.stamp_card(&p.figures).ready > 0),
        Some(Command::KeepPromise) => state
            .profile
            .as_ref()
            .is_some_and(|p| !p.open_promises().is_empty()),
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
            let keep = matches!(b.command, Some(Command::Help | Command::Back));
            (
                keep,
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
        assert_eq!(fit_words("precipitevolissimevolmente", 8), "…");
    }

    #[test]
    fn entries_that_do_not_fit_go_but_help_stays() {
        assert_eq!(fitting(&[(false, 5), (false, 5)], 10), vec![true, true]);
        assert_eq!(
            fitting(&[(false, 5), (false, 5), (true, 4), (false, 2)], 11),
            vec![true, false, true, true]
        );
    }
}
