//! The Today view: what is due, by section (promises overdue and due this week, birthdays this week,
//! anniversaries today, complaints waiting for an answer), one line per customer and thing; Enter opens the
//! customer. It takes the panes' place, as an entry shown whole does. Only the lines on screen are laid
//! out (a store of a million customers has tens of thousands of birthdays in a week).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::state::{State, TodayView};
use super::view::fit_line;
use crate::book::Book;
use crate::{safe, text};

/// One line of the view: a section's heading (with how many lines it has), a blank line between
/// sections, or row `i` of the view.
enum Shown {
    Heading(usize, usize),
    Blank,
    Row(usize),
}

/// The view's lines in order.
fn layout(today: &TodayView) -> Vec<Shown> {
    let mut shown = Vec::with_capacity(today.rows.len() + 8);
    let mut at = 0;
    for section in 0..4 {
        let count = today.rows[at..]
            .iter()
            .take_while(|r| r.section == section)
            .count();
        if count == 0 {
            continue;
        }
        if !shown.is_empty() {
            shown.push(Shown::Blank);
        }
        shown.push(Shown::Heading(section, count));
        shown.extend((at..at + count).map(Shown::Row));
        at += count;
    }
    shown
}

pub fn draw(frame: &mut Frame, area: Rect, today: &TodayView, state: &State, book: &Book) {
    let theme = state.theme;
    frame.render_widget(Clear, area);
    let block = theme.pane(text::agenda_title(today.day), theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let shown = layout(today);
    if shown.is_empty() {
        let lines: Vec<Line> = super::view::wrap(&text::AGENDA_EMPTY.to_string(), width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim()))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    // Scrolled so the selected line is in sight.
    let height = usize::from(inner.height).max(1);
    let selected_line = shown
        .iter()
        .position(|s| matches!(s, Shown::Row(i) if *i == today.selected))
        .unwrap_or(0);
    let first = selected_line.saturating_sub(height - 1);
    let lines: Vec<Line> = shown[first..]
        .iter()
        .take(height)
        .map(|s| match *s {
            Shown::Heading(section, count) => {
                Line::styled(text::agenda_section(section, count), theme.bold())
            }
            Shown::Blank => Line::raw(""),
            Shown::Row(i) => {
                let row = &today.rows[i];
                let name = book
                    .entry(row.customer)
                    .map(|e| safe::line(e.name))
                    .unwrap_or_default();
                let what = text::agenda_item(&row.item);
                let urgent = what.starts_with('!');
                let line = Line::from(vec![
                    Span::raw(format!("  {name}  ")),
                    Span::styled(
                        what,
                        if urgent {
                            theme.error()
                        } else {
                            theme.highlight()
                        },
                    ),
                ]);
                let line = if i == today.selected {
                    line.style(theme.cursor())
                } else {
                    line
                };
                fit_line(line, width)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
