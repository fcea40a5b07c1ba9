//! The help screen, generated from the keymap, and the yes/no question box.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::form::Form;
use super::keymap::{self, Mode};
use super::state::{Question, State};
use super::theme::Theme;
use super::view::{centered, wrap};
use crate::text::{self, Msg};

fn mode_title(mode: Mode) -> Msg {
    match mode {
        Mode::Search => text::MODE_SEARCH,
        Mode::Customer => text::MODE_CUSTOMER,
        Mode::Timeline => text::MODE_TIMELINE,
        Mode::Entry => text::MODE_ENTRY,
        Mode::Form | Mode::Confirm => text::MODE_FORM,
        Mode::Help => text::HELP_TITLE,
        Mode::Today => text::MODE_TODAY,
        Mode::Pulse => text::MODE_PULSE,
    }
}

const KEY_WIDTH: usize = 18;

/// The lines of the help screen for keys of `mode` (a form's: those of the open `form`), for a box
/// `width` columns wide inside.
pub fn lines(mode: Mode, form: Option<&Form>, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let (local, global) = keymap::help(mode, form);
    let mut lines = Vec::new();
    for (title, bindings) in [(mode_title(mode), local), (text::MODE_ANYWHERE, global)] {
        if bindings.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(title.text(), theme.bold()));
        for b in bindings {
            let help = b.help.map(|h| h.text()).unwrap_or_default();
            let described = wrap(&help, width.saturating_sub(KEY_WIDTH));
            for (n, part) in described.into_iter().enumerate() {
                let key = if n == 0 { b.label.text() } else { "".into() };
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("  {key:<width$}", width = KEY_WIDTH - 2),
                        theme.key(),
                    ),
                    Span::raw(part),
                ]));
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(text::HELP_FOOTER.text(), theme.dim()));
    lines
}

/// The help box on a screen of `area`: its lines, and how far they can scroll (0 when they all fit).
fn layout(
    area: Rect,
    mode: Mode,
    form: Option<&Form>,
    theme: Theme,
) -> (Rect, Vec<Line<'static>>, u16) {
    // Help takes the screen above the key bar whole: no pieces of the panes beside it.
    let lines = lines(mode, form, theme, usize::from(area.width.saturating_sub(2)));
    let popup = area;
    let rows = popup.height.saturating_sub(2);
    let overflow = (lines.len() as u16).saturating_sub(rows);
    (popup, lines, overflow)
}

/// How many rows the help of `mode` can scroll on a screen of `width` × `height`.
pub fn max_scroll(
    mode: Mode,
    form: Option<&Form>,
    theme: Theme,
    (width, height): (u16, u16),
) -> u16 {
    layout(
        super::view::above_bar(Rect::new(0, 0, width, height)),
        mode,
        form,
        theme,
    )
    .2
}

/// Draws the help of `mode` scrolled down by `scroll` rows; when it does not all fit, the border says
/// where it goes on and which keys scroll it.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    mode: Mode,
    form: Option<&Form>,
    scroll: u16,
    theme: Theme,
) {
    let (popup, lines, overflow) = layout(area, mode, form, theme);
    let scroll = scroll.min(overflow);
    frame.render_widget(ratatui::widgets::Clear, area);
    let block = super::view::scrolling_pane(text::HELP_TITLE, theme, scroll, overflow);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).block(block),
        popup,
    );
}

pub fn draw_question(frame: &mut Frame, area: Rect, question: &Question, state: &State) {
    let theme = state.theme;
    let message = question.text(&state.clock);
    let width = (super::view::columns(&message) as u16 + 4)
        .min(60)
        .min(area.width);
    // Wrapped as the help lines are (the answers, joined by no-break spaces, stay on one line), and the
    // box as tall as those lines.
    let lines: Vec<Line> = wrap(&message, usize::from(width.saturating_sub(2)))
        .into_iter()
        .map(Line::raw)
        .collect();
    let rows = lines.len() as u16 + 2;
    let popup = centered(area, width, rows);
    super::view::clear_around(frame, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.error());
    frame.render_widget(
        Paragraph::new(lines).style(theme.bold()).block(block),
        popup,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Lang, in_language};

    /// Every key's label on the help screen, in both languages, leaves two spaces before its sentence
    /// ("letters, digits" touched "Type a name…").
    #[test]
    fn every_key_label_leaves_room_before_its_sentence() {
        for lang in Lang::ALL {
            in_language(lang, || {
                for binding in keymap::BINDINGS.iter().filter(|b| b.help.is_some()) {
                    let label = binding.label.text();
                    assert!(
                        super::super::view::columns(&label) + 2 + 2 <= KEY_WIDTH,
                        "{lang:?}: {label:?} leaves no room before its sentence"
                    );
                }
            });
        }
    }
}
