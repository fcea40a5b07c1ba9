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
use crate::domain::AgendaItem;
use crate::{safe, text};

/// One line of the view: a section's heading (with how many lines it has), a blank line between
/// sections, or row `i` of the view.
enum Shown {
    Heading(usize, usize),
    Blank,
    Row(usize),
}

/// Where the view's lines are, without laying out all of them: the rows are sorted by section, so each
/// section is a run of rows with its heading before it (and a blank line before every heading but the
/// first).
struct Layout {
    /// Per section with rows: (section, first row, rows, first line).
    runs: Vec<(usize, usize, usize, usize)>,
    lines: usize,
}

impl Layout {
    fn new(today: &TodayView) -> Layout {
        let mut runs = Vec::new();
        let (mut row, mut line) = (0, 0);
        for section in 0..super::state::today::SECTIONS {
            let count = today.rows[row..].partition_point(|r| r.section == section);
            if count == 0 {
                continue;
            }
            if !runs.is_empty() {
                line += 1;
            }
            runs.push((section, row, count, line));
            line += 1 + count;
            row += count;
        }
        Layout { runs, lines: line }
    }

    /// The line row `i` is on.
    fn line_of(&self, i: usize) -> usize {
        self.runs
            .iter()
            .find(|&&(_, first, count, _)| i >= first && i < first + count)
            .map_or(0, |&(_, first, _, line)| line + 1 + (i - first))
    }

    fn at(&self, line: usize) -> Shown {
        for &(section, first, count, start) in &self.runs {
            if line + 1 == start {
                return Shown::Blank;
            }
            if line == start {
                return Shown::Heading(section, count);
            }
            if line > start && line <= start + count {
                return Shown::Row(first + line - start - 1);
            }
        }
        Shown::Blank
    }
}

pub fn draw(frame: &mut Frame, area: Rect, today: &TodayView, state: &State, book: &Book) {
    let theme = state.theme;
    frame.render_widget(Clear, area);
    let block = theme.pane(text::agenda_title(today.day), theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let layout = Layout::new(today);
    if layout.lines == 0 {
        let lines: Vec<Line> = super::view::wrap(&text::AGENDA_EMPTY.to_string(), width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim()))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    // The name of the customer in a slot of the index, read for the lines on screen only.
    let name_at = |slot: u32| {
        book.index()
            .id_at(slot)
            .and_then(|id| book.entry(id))
            .map(|e| safe::line(e.name))
            .unwrap_or_default()
    };
    // Scrolled so the selected line is in sight; only the lines on screen are laid out.
    let height = usize::from(inner.height).max(1);
    let first = layout.line_of(today.selected).saturating_sub(height - 1);
    let lines: Vec<Line> = (first..layout.lines.min(first + height))
        .map(|n| match layout.at(n) {
            Shown::Heading(section, count) => {
                Line::styled(text::agenda_section(section, count), theme.bold())
            }
            Shown::Blank => Line::raw(""),
            Shown::Row(i) => {
                let row = &today.rows[i];
                let name = name_at(row.slot);
                let what = match row.item {
                    // Who came for the first time, by name.
                    AgendaItem::Thank { referred, first } => {
                        text::agenda_thank(&name_at(referred), first, today.day)
                    }
                    _ => text::agenda_item(&row.item, today.day),
                };
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
