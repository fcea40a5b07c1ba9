//! The timeline: visits and notes, newest first. Only what fits is laid out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::detail::note_style;
use super::state::State;
use crate::book::TimelineItem;
use crate::{safe, text};

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let theme = state.theme;
    let block = theme.pane(text::NOTES_TITLE, theme.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(profile) = &state.profile else {
        return;
    };
    let rows = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::with_capacity(rows);
    for item in profile.timeline() {
        if lines.len() >= rows {
            break;
        }
        match item {
            TimelineItem::Visit(v) => {
                let mut spans = vec![
                    Span::styled(format!("{} ", stamp(state, v.at)), theme.dim()),
                    Span::styled(text::TIMELINE_VISIT, theme.ok()),
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
                lines.push(Line::from(spans));
            }
            TimelineItem::Note(n) => {
                let mut kind = text::note_kind(n.kind).to_string();
                if n.pinned {
                    kind.push('*');
                }
                let text_lines = safe::lines(&n.text);
                let mut first = true;
                for l in text_lines {
                    if lines.len() >= rows {
                        break;
                    }
                    if first {
                        lines.push(Line::from(vec![
                            Span::styled(format!("{} ", stamp(state, n.at)), theme.dim()),
                            Span::styled(kind.clone(), note_style(theme, n.kind)),
                            Span::raw(format!("  {l}")),
                        ]));
                        first = false;
                    } else {
                        lines.push(Line::from(format!("{:15}{l}", "")));
                    }
                }
            }
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

/// When something happened, in local time and the language's form.
fn stamp(state: &State, at: chrono::DateTime<chrono::Utc>) -> String {
    state.clock.local_stamp(at)
}
