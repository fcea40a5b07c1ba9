//! The privacy screen: the shop's name and the time, and nothing about anyone. It takes the whole frame,
//! so no name, phone, note or amount is drawn while it is up.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::state::State;
use crate::{safe, text};

pub fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let theme = state.theme;
    let shop = match state.shop.trim() {
        "" => "regulars".to_string(),
        name => safe::line(name),
    };
    let lines = vec![
        Line::styled(shop, theme.greeting()).centered(),
        Line::raw("").centered(),
        Line::styled(
            state.clock.local_format(state.clock.now(), "%H:%M"),
            theme.bold(),
        )
        .centered(),
        Line::raw(""),
        Line::styled(text::PRIVACY_BACK.to_string(), theme.dim()).centered(),
    ];
    let [middle] = Layout::vertical([Constraint::Length(lines.len() as u16)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(Paragraph::new(lines), middle);
}
