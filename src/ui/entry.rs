//! One timeline entry shown whole: all of a note's text (scrolling when it is long), who wrote it and when;
//! for a visit, the amount and what they took.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::detail::tone_style;
use super::state::{EntryView, State};
use super::view::wrap;
use crate::book::Profile;
use crate::domain::Event;
use crate::{safe, text};

/// The entry's lines for a box `width` columns wide inside: when and by whom, what it is, then each fact
/// with its name and the whole text.
fn lines(profile: &Profile, event: &Event, state: &State, width: usize) -> Vec<Line<'static>> {
    let theme = state.theme;
    let d = profile.describe(event, &state.currency);
    let mut out = vec![Line::from(vec![
        Span::styled(state.clock.local_stamp(event.at()), theme.bold()),
        Span::styled(
            format!(
                " · {}",
                event
                    .staff()
                    .map_or_else(|| text::BY_NOBODY.to_string(), |s| text::by(&safe::line(s)))
            ),
            theme.dim(),
        ),
    ])];
    let mut label = d.label;
    if d.pinned {
        label.push_str(&format!(" · {}", text::PINNED));
    }
    out.push(Line::styled(label, tone_style(theme, d.tone)));
    let mut body: Vec<String> = d
        .facts
        .iter()
        .map(|(field, value)| match field {
            Some(field) => format!("{field}: {}", safe::line(value)),
            None => safe::line(value),
        })
        .collect();
    body.extend(d.text.map(|t| safe::lines(t).join("\n")));
    if let Some(till) = d.till {
        body.push(format!("{}: {}", text::FIELD_TILL, safe::line(till)));
    }
    out.push(Line::raw(""));
    for part in body {
        out.extend(wrap(&part, width).into_iter().map(Line::raw));
    }
    out
}

pub fn draw(frame: &mut Frame, area: Rect, view: EntryView, state: &State) {
    let Some(profile) = &state.profile else {
        return;
    };
    let timeline = profile.timeline();
    let Some(item) = timeline.iter().find(|i| i.id() == view.id) else {
        return;
    };
    // The entry takes the panes' place whole, as a form does.
    let lines = lines(
        profile,
        item,
        state,
        usize::from(area.width.saturating_sub(2)),
    );
    let popup = area;
    let rows = popup.height.saturating_sub(2);
    let overflow = (lines.len() as u16).saturating_sub(rows);
    let scroll = view.scroll.min(overflow);
    frame.render_widget(ratatui::widgets::Clear, area);
    let theme = state.theme;
    let title = text::entry_title(&safe::line(&profile.customer.name));
    let block = super::view::scrolling_pane(title, theme, scroll, overflow);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).block(block),
        popup,
    );
}
