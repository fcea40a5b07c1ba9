//! The customer list: name, nickname, tier, last visit and visit count. Only the visible rows are drawn, so a
//! large book costs no more per frame than a small one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::keymap::Mode;
use super::state::State;
use crate::book::Book;
use crate::domain::relative_day;
use crate::{safe, text};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, book: &Book) {
    let theme = state.theme;
    let focused = matches!(state.mode(), Mode::Search | Mode::Customer);
    let block = theme.pane(text::LIST_TITLE, theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    if state.results.is_empty() {
        let query = state.query();
        let message = if query.trim().is_empty() {
            text::NO_CUSTOMERS_YET.to_string()
        } else {
            // What was typed, up to a line of the pane: a long paste is not echoed whole.
            let line = Line::raw(safe::line(query.trim()));
            let room = usize::from(inner.width).saturating_sub(2).min(60); // the quotes
            let shown = super::view::fit_line(line, room);
            text::no_match(&shown.to_string())
        };
        frame.render_widget(
            Paragraph::new(message)
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }

    let rows = usize::from(inner.height);
    if rows == 0 {
        return;
    }
    // Page by page: the selection is always visible and PgDn shows exactly the next page.
    let offset = (state.selected / rows) * rows;
    let today = state.clock.today();
    for (row, (index, id)) in state
        .results
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .enumerate()
    {
        let Some(entry) = book.entry(*id) else {
            continue;
        };
        let line_area = Rect {
            y: inner.y + row as u16,
            height: 1,
            ..inner
        };
        let selected = index == state.selected;
        let style = if selected {
            theme.selected()
        } else {
            theme.plain()
        };
        let last = entry
            .last_visit
            .map(|at| text::relative_short(relative_day(state.clock.local_date(at), today)))
            .unwrap_or_else(|| "—".to_string());
        // Their tier as stars (one per step above the first), in a column as wide as the ladder's top.
        let stars = entry
            .since
            .map(|since| state.loyalty.tier(since, entry.visits, today))
            .unwrap_or(0);
        let top = state.loyalty.tiers.len().saturating_sub(1);
        let stars = format!("{:>top$}", text::tier_stars(stars));
        let right = format!(" {stars} {last:>5} {:>4} ", entry.visits);
        let [name_area, right_area] = Layout::horizontal([
            Constraint::Min(1),
            Constraint::Length(super::view::columns(&right) as u16),
        ])
        .areas(line_area);
        // An overdue promise is marked beside the name, with a character (it reads without colour).
        let overdue = entry.first_due.is_some_and(|due| due < today);
        let mut spans = vec![
            Span::raw(if selected { "▸" } else { " " }),
            if overdue {
                Span::styled("!", theme.error())
            } else {
                Span::raw(" ")
            },
            Span::styled(
                safe::line(entry.name),
                if selected { style } else { theme.bold() },
            ),
        ];
        if let Some(nick) = &entry.nickname {
            spans.push(Span::styled(
                format!(" · {}", safe::line(nick)),
                if selected { style } else { theme.dim() },
            ));
        }
        let line = super::view::fit_line(Line::from(spans), usize::from(name_area.width));
        frame.render_widget(Paragraph::new(line).style(style), name_area);
        frame.render_widget(
            Paragraph::new(right).style(if selected { style } else { theme.dim() }),
            right_area,
        );
    }
}
