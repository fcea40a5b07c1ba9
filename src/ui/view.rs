//! The whole screen, drawn from the state alone (no side effects): search line on top, customer list on
//! the left, greeting card above the timeline on the right, key bar and status at the bottom; forms, help
//! and questions on top.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::state::State;
use super::{detail, entry, form_view, help, keybar, list, search_line, timeline};
use crate::book::Book;

const SEARCH_HEIGHT: u16 = 3;
/// The bottom rows as they usually are: the status and the keys (a long status takes a row or two more
/// while it shows: [`keybar::status_lines`]).
const BAR_HEIGHT: u16 = 2;
/// The rows the panes keep while a long status takes rows from them.
const KEEP_BODY: u16 = 10;

/// How many customers the list shows on a screen `height` rows tall (PgUp/PgDn move by this much).
pub fn list_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(SEARCH_HEIGHT + BAR_HEIGHT + 2))
}

/// The screen above the key bar, where help goes: the bar stays in sight and says how to scroll and close.
pub fn above_bar(area: Rect) -> Rect {
    Rect {
        height: area.height.saturating_sub(BAR_HEIGHT),
        ..area
    }
}

/// A centred box of at most `width` × `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Clears the box a popup will take and a one-column margin left and right of it, so no letter of the
/// pane underneath shows beside its border.
pub fn clear_around(frame: &mut Frame, popup: Rect) {
    let area = frame.area();
    let x = popup.x.saturating_sub(1).max(area.x);
    let right = (popup.x + popup.width + 1).min(area.x + area.width);
    let margin = Rect {
        x,
        width: right - x,
        ..popup
    };
    frame.render_widget(ratatui::widgets::Clear, margin);
}

pub fn draw(frame: &mut Frame, state: &State, book: &Book) {
    if state.hidden {
        // Nothing personal is even laid out underneath.
        super::privacy::draw(frame, state);
        return;
    }
    // The status, laid out once a frame: a long one takes rows from the panes only while they keep
    // `KEEP_BODY` rows (the card its borders and a few lines).
    let area = frame.area();
    let room = area.height.saturating_sub(SEARCH_HEIGHT + KEEP_BODY + 1);
    let status = keybar::status_lines(state, area.width, usize::from(room));
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(SEARCH_HEIGHT),
        Constraint::Min(3),
        Constraint::Length(keybar::height(&status)),
    ])
    .areas(frame.area());
    let list_width = (body.width * 9 / 20).max(30).min(body.width);
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(0)]).areas(body);
    let [card, notes] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(right);

    search_line::draw(frame, top, state);
    list::draw(frame, left, state, book);
    detail::draw(frame, card, state);
    timeline::draw(frame, notes, state);
    keybar::draw(frame, bottom, state, &status);
    if let Some(form) = &state.form {
        form_view::draw(frame, body, form, state);
    }
    if let Some(view) = state.entry {
        entry::draw(frame, body, view, state);
    }
    if let Some(today) = &state.today {
        super::today::draw(frame, body, today, state, book);
    }
    if let Some(pulse) = &state.pulse {
        super::pulse::draw(frame, body, pulse, state);
    }
    // Help over whatever it explains (an entry, Today, the pulse).
    if let Some(mode) = state.help {
        help::draw(
            frame,
            above_bar(frame.area()),
            mode,
            state.form.as_ref(),
            state.help_scroll,
            state.theme,
        );
    }
    if let Some(question) = &state.question {
        help::draw_question(frame, frame.area(), question, state);
    }
}

/// A pane for text that scrolls (help, an entry): when it does not all fit (`overflow` rows more than
/// it shows), its bottom border says where it goes on.
pub fn scrolling_pane(
    title: impl std::fmt::Display,
    theme: super::theme::Theme,
    scroll: u16,
    overflow: u16,
) -> ratatui::widgets::Block<'static> {
    let block = theme.pane(title, theme.border(true));
    if overflow == 0 {
        return block;
    }
    let more = match (scroll > 0, scroll < overflow) {
        (true, true) => crate::text::HELP_MORE_BOTH,
        (false, _) => crate::text::HELP_MORE_BELOW,
        (true, false) => crate::text::HELP_MORE_ABOVE,
    };
    block.title_bottom(Line::styled(format!(" {} ", more.text()), theme.key()).right_aligned())
}

/// How many columns `text` takes on a terminal (a wide character takes two).
pub fn columns(text: &str) -> usize {
    Span::raw(text).width()
}

/// Splits `text` into lines of at most `width` columns, at spaces where possible (never at a no-break
/// space); a word wider than a line is cut. Line breaks in `text` are kept. Columns are counted as the
/// terminal shows them.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let mut word = word;
            let mut wide = columns(word);
            let gap = usize::from(used > 0);
            if used > 0 && used + gap + wide > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            // A word wider than a whole line goes on in pieces.
            while wide > width {
                let mut cut = 0;
                let mut taken = 0;
                for (i, c) in word.char_indices() {
                    let w = columns(&c.to_string());
                    if taken + w > width.saturating_sub(used) {
                        break;
                    }
                    taken += w;
                    cut = i + c.len_utf8();
                }
                if cut == 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                    continue;
                }
                line.push_str(&word[..cut]);
                lines.push(std::mem::take(&mut line));
                used = 0;
                word = &word[cut..];
                wide = columns(word);
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            line.push_str(word);
            used += wide;
        }
        lines.push(line);
    }
    lines
}

/// `line` cut to `width` columns, ending in `…` when something was left out, so a name or a note too long
/// for its pane visibly goes on instead of stopping mid-word as if it were whole.
pub fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width || width == 0 {
        return line;
    }
    let mut room = width - 1; // for the `…`
    let mut spans = Vec::new();
    for span in line.spans {
        let span_width = span.width();
        if span_width <= room {
            room -= span_width;
            spans.push(span);
            continue;
        }
        let mut cut = String::new();
        for c in span.content.chars() {
            let w = Span::raw(c.to_string()).width();
            if w > room {
                break;
            }
            room -= w;
            cut.push(c);
        }
        cut.push('…');
        spans.push(Span::styled(cut, span.style));
        break;
    }
    Line {
        spans,
        style: line.style,
        alignment: line.alignment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_spaces_within_the_width_in_columns() {
        assert_eq!(
            wrap("one two three four", 9),
            vec!["one two", "three", "four"]
        );
        assert_eq!(wrap("", 9), vec![""]);
        assert_eq!(
            wrap("unbreakablewordhere x", 8),
            vec!["unbreaka", "blewordh", "ere x"]
        );
        assert_eq!(wrap("first\nsecond line", 20), vec!["first", "second line"]);
        // Wide characters take two columns each: four of them fill eight.
        let wide = wrap("☕☕☕☕☕ tè", 8);
        assert_eq!(wide, vec!["☕☕☕☕", "☕ tè"]);
        assert!(wide.iter().all(|l| columns(l) <= 8));
    }

    #[test]
    fn a_line_too_long_for_its_pane_ends_in_an_ellipsis() {
        let line = |parts: &[&str]| {
            Line::from(
                parts
                    .iter()
                    .map(|p| Span::raw(p.to_string()))
                    .collect::<Vec<_>>(),
            )
        };
        let text = |l: Line| {
            l.spans
                .iter()
                .map(|s| s.content.to_string())
                .collect::<String>()
        };
        assert_eq!(
            text(fit_line(line(&["Marcella", " · Marci"]), 20)),
            "Marcella · Marci"
        );
        assert_eq!(
            text(fit_line(line(&["Marcella", " · Marci"]), 12)),
            "Marcella · …"
        );
        assert_eq!(text(fit_line(line(&["Marcella Rossi"]), 6)), "Marce…");
        // Wide characters count as two columns.
        let cut = fit_line(line(&["☕☕☕☕"]), 5);
        assert_eq!(text(cut.clone()), "☕☕…");
        assert!(cut.width() <= 5);
    }
}
