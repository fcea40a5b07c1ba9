//! Draws a form as a box over the main screen: one row per field (more for long texts), the error of a
//! field right under it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::form::{Form, Input, REFERRER_FIELD};
use super::state::State;
use crate::text;

const LABEL_WIDTH: u16 = 18;

fn field_height(input: &Input) -> u16 {
    match input {
        Input::Text {
            multiline: true, ..
        } => 4,
        _ => 1,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, form: &Form, state: &State) {
    let theme = state.theme;
    // The form takes the panes' place whole: nothing of them shows beside it, and its title says whom it
    // is about.
    let width = area.width;
    let input_width = width.saturating_sub(LABEL_WIDTH + 2).max(1);
    let error_rows = |e: &Option<String>| -> u16 {
        e.as_ref().map_or(0, |e| {
            (super::view::columns(e) as u16)
                .div_ceil(input_width)
                .max(1)
        })
    };
    let popup = area;
    frame.render_widget(ratatui::widgets::Clear, area);
    let block = theme.pane(form.title(), theme.border(true));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    for (i, field) in form.fields.iter().enumerate() {
        // The referrer field has a row under it for whom its letters name.
        // (A mistake in the field says it there instead.)
        let pick = (i == REFERRER_FIELD && field.error.is_none())
            .then_some(form.referrer.as_ref())
            .flatten();
        let h = field_height(&field.input) + u16::from(pick.is_some());
        if y + h > bottom {
            break;
        }
        let focused = i == form.focus;
        let label_style = if field.error.is_some() {
            theme.error()
        } else if focused {
            theme.key()
        } else {
            theme.bold()
        };
        let marker = if focused { "▸ " } else { "  " };
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!("{marker}{}", field.label),
                label_style,
            )),
            Rect {
                x: inner.x,
                y,
                width: LABEL_WIDTH.min(inner.width),
                height: 1,
            },
        );
        let input_area = Rect {
            x: inner.x + LABEL_WIDTH.min(inner.width),
            y,
            width: inner.width.saturating_sub(LABEL_WIDTH),
            height: h,
        };
        match &field.input {
            Input::Text {
                area: text_area,
                multiline,
                ..
            } => {
                let mut shown = (**text_area).clone();
                // A long text wraps at words (a word wider than the box at letters), rather than
                // scrolling sideways out of sight.
                if *multiline {
                    shown.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
                }
                shown.set_cursor_line_style(theme.plain());
                shown.set_cursor_style(if focused {
                    theme.cursor()
                } else {
                    theme.plain()
                });
                match field.hint {
                    // An empty field shows its hint where the value goes, lined up with the values
                    // of the other fields; the cursor sits on its first letter.
                    Some(hint) if text_area.is_empty() => {
                        let hint = hint.text();
                        let mut chars = hint.chars();
                        let first = chars.next().map(String::from).unwrap_or_default();
                        let first_style = if focused { theme.cursor() } else { theme.dim() };
                        let line = Line::from(vec![
                            Span::styled(first, first_style),
                            Span::styled(chars.as_str().to_string(), theme.dim()),
                        ]);
                        frame.render_widget(Paragraph::new(line), input_area);
                    }
                    _ => frame.render_widget(&shown, input_area),
                }
            }
            Input::Choice { options, selected } => {
                let mut spans = vec![Span::styled("◂ ", theme.dim())];
                for (n, option) in options.iter().enumerate() {
                    let style = if n == *selected {
                        if focused {
                            theme.cursor()
                        } else {
                            theme.bold()
                        }
                    } else {
                        theme.dim()
                    };
                    // The chosen one in brackets too: it reads without colour (NO_COLOR).
                    if n == *selected {
                        spans.push(Span::styled(format!("[{option}]"), style));
                    } else {
                        spans.push(Span::styled(option.to_string(), style));
                    }
                    spans.push(Span::raw(" "));
                }
                spans.push(Span::styled("▸", theme.dim()));
                frame.render_widget(Paragraph::new(Line::from(spans)), input_area);
            }
            Input::Channels { on, cursor, .. } => {
                let mut spans = Vec::new();
                for (n, channel) in crate::domain::Channel::ALL.iter().enumerate() {
                    let mark = if on[n] { "[x]" } else { "[ ]" };
                    let style = if focused && n == *cursor {
                        theme.cursor()
                    } else {
                        theme.plain()
                    };
                    spans.push(Span::styled(
                        format!("{mark} {}", text::channel_name(*channel)),
                        style,
                    ));
                    spans.push(Span::raw("  "));
                }
                if focused && let Some(hint) = field.hint {
                    spans.push(Span::styled(hint.to_string(), theme.dim()));
                }
                frame.render_widget(
                    Paragraph::new(Line::from(spans)).wrap(Wrap { trim: true }),
                    input_area,
                );
            }
            Input::Toggle(on) => {
                let (mark, word) = if *on {
                    ("[x] ", text::YES)
                } else {
                    ("[ ] ", text::NO)
                };
                let style = if focused {
                    theme.cursor()
                } else {
                    theme.plain()
                };
                let mut spans = vec![Span::styled(format!("{mark}{word}"), style)];
                if let Some(hint) = field.hint {
                    spans.push(Span::styled(format!("  {hint}"), theme.dim()));
                }
                frame.render_widget(Paragraph::new(Line::from(spans)), input_area);
            }
        }
        if let Some(referrer) = pick {
            let value = form.value(i);
            let value = value.trim();
            let line = if referrer.query == value && !value.is_empty() {
                match referrer.matches.get(referrer.selected) {
                    Some((_, name)) => Line::styled(
                        text::referrer_pick(
                            &crate::safe::line(name),
                            referrer.selected + 1,
                            referrer.total,
                            referrer.matches.len(),
                        ),
                        theme.highlight(),
                    ),
                    None => Line::styled(text::REFERRER_NONE.to_string(), theme.dim()),
                }
            } else {
                Line::raw("")
            };
            frame.render_widget(
                Paragraph::new(super::view::fit_line(line, usize::from(input_area.width))),
                Rect {
                    y: y + 1,
                    height: 1,
                    ..input_area
                },
            );
        }
        y += h;
        if let Some(error) = &field.error {
            let rows = error_rows(&field.error).min(bottom.saturating_sub(y));
            frame.render_widget(
                Paragraph::new(crate::safe::line(error))
                    .style(theme.error())
                    .wrap(Wrap { trim: true }),
                Rect {
                    x: input_area.x,
                    y,
                    width: input_area.width,
                    height: rows,
                },
            );
            y += rows;
        }
    }
    if let Some(explanation) = form.explanation() {
        // A row left empty, then the words, wrapped, in what room is left.
        let y = y + 1;
        if y < bottom {
            frame.render_widget(
                Paragraph::new(explanation)
                    .style(theme.bold())
                    .wrap(Wrap { trim: true }),
                Rect {
                    x: inner.x + 2.min(inner.width),
                    y,
                    width: inner.width.saturating_sub(4),
                    height: bottom - y,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Id;
    use crate::text::{Lang, in_language};
    use crate::ui::form::About;

    /// Every label of every form, in both languages, leaves two spaces between itself (after the
    /// focus marker) and the value or hint beside it: "Su consiglio di" ran into its hint, "chi?", and
    /// read as one sentence.
    #[test]
    fn every_label_leaves_room_before_its_value() {
        let someone = Id::from_bytes([7; 16]);
        let about = || About::Named("Anna".into());
        for lang in Lang::ALL {
            in_language(lang, || {
                let forms = [
                    Form::new_customer("Anna"),
                    Form::note(someone, about(), Some(someone)),
                    Form::visit(someone, about()),
                    Form::promise(someone, about()),
                    Form::forget(someone, "Anna"),
                ];
                for field in forms.iter().flat_map(|f| &f.fields) {
                    let label = field.label.text();
                    assert!(
                        label.chars().count() + 2 + 2 <= usize::from(LABEL_WIDTH),
                        "{lang:?}: {label:?} leaves no room before its value"
                    );
                }
            });
        }
    }
}
