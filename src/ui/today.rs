//! The Today view: what is due, by section (promises overdue and due this week, birthdays this week,
//! anniversaries today, complaints waiting for an answer), one line per customer and thing; Enter opens the
//! customer. It takes the panes' place, as an entry shown whole does.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::state::{State, TodayView};
use super::view::fit_line;
use crate::text;

pub fn draw(frame: &mut Frame, area: Rect, today: &TodayView, state: &State) {
    let theme = state.theme;
    frame.render_widget(Clear, area);
    let block = theme.pane(text::agenda_title(today.day), theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    for section in 0..4 {
        let count = today.rows.iter().filter(|r| r.section == section).count();
        if count == 0 {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            text::agenda_section(section, count),
            theme.bold(),
        ));
        for (i, row) in today
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.section == section)
        {
            let what = text::agenda_item(&row.item);
            let urgent = what.starts_with('!');
            let mut line = Line::from(vec![
                Span::raw(format!("  {}  ", row.name)),
                Span::styled(
                    what,
                    if urgent {
                        theme.error()
                    } else {
                        theme.highlight()
                    },
                ),
            ]);
            if i == today.selected {
                selected_line = lines.len();
                line = line.style(theme.cursor());
            }
            lines.push(fit_line(line, width));
        }
    }
    if lines.is_empty() {
        for part in super::view::wrap(&text::AGENDA_EMPTY.to_string(), width) {
            lines.push(Line::styled(part, theme.dim()));
        }
    }
    // Scrolled so the selected line is in sight.
    let rows = usize::from(inner.height).max(1);
    let scroll = selected_line.saturating_sub(rows - 1);
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}
