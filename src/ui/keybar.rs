//! The bottom two lines: the last status message, and the keys that work right now (from the keymap).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::keymap;
use super::state::State;
use crate::safe;

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
                format!(" {}", safe::line(&status.text)),
                style,
            )),
            status_area,
        );
    }
    let mut spans = vec![Span::raw(" ")];
    for binding in keymap::bar(state.mode()) {
        spans.push(Span::styled(binding.label, theme.key()));
        spans.push(Span::raw(format!(" {}  ", binding.bar.unwrap_or(""))));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), keys_area);
}
