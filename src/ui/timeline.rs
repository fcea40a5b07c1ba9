//! The timeline: visits and notes, newest first. Only what fits is laid out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::detail::note_style;
use super::state::{Focus, State};
use crate::book::TimelineItem;
use crate::{safe, text};

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let theme = state.theme;
    let focused = state.focus == Focus::Timeline;
    let block = theme.pane(
        text::NOTES_TITLE,
        if focused {
            theme.border(true)
        } else {
            theme.dim()
        },
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(profile) = &state.profile else {
        return;
    };
    let rows = usize::from(inner.height);
    // Each entry's lines, so the selected one can be kept in sight and marked.
    let entries: Vec<Vec<Line>> = profile
        .timeline()
        .into_iter()
        .map(|item| item_lines(state, item, rows))
        .collect();
    let selected = focused.then_some(state.timeline_selected);
    // Skip whole entries from the top until the selected one fits.
    let mut first = 0;
    if let Some(sel) = selected {
        while first < sel
            && entries[first..=sel.min(entries.len().saturating_sub(1))]
                .iter()
                .map(Vec::len)
                .sum::<usize>()
                > rows
        {
            first += 1;
        }
    }
    let mut lines: Vec<Line> = Vec::with_capacity(rows);
    for (i, entry) in entries.into_iter().enumerate().skip(first) {
        for line in entry {
            if lines.len() >= rows {
                break;
            }
            lines.push(if Some(i) == selected {
                line.style(theme.cursor())
            } else {
                line
            });
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(text::NOTHING_YET, theme.dim()));
    }
    let width = usize::from(inner.width);
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| super::view::fit_line(l, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The lines of one timeline entry (at most `rows`): a visit is one line, a note one per line of text.
fn item_lines(state: &State, item: TimelineItem<'_>, rows: usize) -> Vec<Line<'static>> {
    let theme = state.theme;
    match item {
        TimelineItem::Visit(v) => {
            let mut spans = vec![
                Span::styled(format!("{} ", stamp(state, v.at)), theme.dim()),
                Span::styled(text::TIMELINE_VISIT.to_string(), theme.ok()),
            ];
            if let Some(cents) = v.amount_cents {
                spans.push(Span::raw(format!(
                    "  {}",
                    text::amount(cents, &state.currency)
                )));
            }
            if let Some(what) = &v.what {
                spans.push(Span::raw(format!("  {}", safe::line(what))));
            }
            vec![Line::from(spans)]
        }
        TimelineItem::Note(n) => {
            let mut kind = text::note_kind(n.kind).to_string();
            if n.pinned {
                kind.push('*');
            }
            let indent = " ".repeat(15);
            safe::lines(&n.text)
                .into_iter()
                .take(rows.max(1))
                .enumerate()
                .map(|(i, l)| {
                    if i == 0 {
                        Line::from(vec![
                            Span::styled(format!("{} ", stamp(state, n.at)), theme.dim()),
                            Span::styled(kind.clone(), note_style(theme, n.kind)),
                            Span::raw(format!("  {l}")),
                        ])
                    } else {
                        Line::from(format!("{indent}{l}"))
                    }
                })
                .collect()
        }
    }
}

/// When something happened, in local time and the language's form.
fn stamp(state: &State, at: chrono::DateTime<chrono::Utc>) -> String {
    state.clock.local_stamp(at)
}
