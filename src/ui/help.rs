//! The help screen, generated from the keymap, and the yes/no question box.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::keymap::{self, Mode};
use super::state::Question;
use super::theme::Theme;
use super::view::centered;
use crate::text;

fn mode_title(mode: Mode) -> &'static str {
    match mode {
        Mode::Search => text::MODE_SEARCH,
        Mode::Customer => text::MODE_CUSTOMER,
        Mode::Form | Mode::Confirm => text::MODE_FORM,
        Mode::Help => text::HELP_TITLE,
    }
}

/// The lines of the help screen for keys of `mode`.
pub fn lines(mode: Mode, theme: Theme) -> Vec<Line<'static>> {
    let (local, global) = keymap::help(mode);
    let mut lines = Vec::new();
    for (title, bindings) in [(mode_title(mode), local), (text::MODE_ANYWHERE, global)] {
        if bindings.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(title, theme.bold()));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<16}", b.label), theme.key()),
                Span::raw(b.help),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(text::HELP_FOOTER, theme.dim()));
    lines
}

pub fn draw(frame: &mut Frame, area: Rect, mode: Mode, theme: Theme) {
    let lines = lines(mode, theme);
    let popup = centered(area, 78, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Line::styled(
            format!(" {} ", text::HELP_TITLE),
            theme.bold(),
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        popup,
    );
}

pub fn draw_question(frame: &mut Frame, area: Rect, question: Question, theme: Theme) {
    let message = match question {
        Question::DiscardForm => text::DISCARD_QUESTION,
        Question::Quit => text::QUIT_QUESTION,
    };
    let width = (message.chars().count() as u16 + 4).min(60);
    let rows = (message.chars().count() as u16).div_ceil(width.saturating_sub(2).max(1)) + 2;
    let popup = centered(area, width, rows);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.error());
    frame.render_widget(
        Paragraph::new(message)
            .style(theme.bold())
            .wrap(Wrap { trim: true })
            .block(block),
        popup,
    );
}
