//! The timeline: visits and notes, newest first. Only what fits is laid out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::detail::tone_style;
use super::state::{Focus, State};
use crate::book::Profile;
use crate::domain::Event;
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
        .map(|event| item_lines(state, profile, event, rows))
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

/// The lines of one timeline entry (at most `rows`): its time, what it is, its facts and the first line of
/// its text on one line, then one line per further line of text.
fn item_lines(state: &State, profile: &Profile, event: &Event, rows: usize) -> Vec<Line<'static>> {
    let theme = state.theme;
    let d = profile.describe(event, &state.currency);
    let mut label = d.label;
    if d.pinned {
        label.push('*');
    }
    let mut first = vec![
        Span::styled(format!("{} ", stamp(state, event.at())), theme.dim()),
        Span::styled(label, tone_style(theme, d.tone)),
    ];
    for (_, value) in &d.facts {
        first.push(Span::raw(format!("  {}", safe::line(value))));
    }
    let mut text = d.text.map(safe::lines).unwrap_or_default().into_iter();
    if let Some(line) = text.next() {
        first.push(Span::raw(format!("  {line}")));
    }
    let indent = " ".repeat(15);
    std::iter::once(Line::from(first))
        .chain(text.map(|l| Line::from(format!("{indent}{l}"))))
        .take(rows.max(1))
        .collect()
}

/// When something happened, in local time and the language's form.
fn stamp(state: &State, at: chrono::DateTime<chrono::Utc>) -> String {
    state.clock.local_stamp(at)
}
