//! The greeting card: how to greet them, customer since, last visit, birthday, what they like, pinned notes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::keymap::Mode;
use super::state::State;
use super::theme::Theme;
use crate::book::timeline::{Tone, open_complaint_line, open_promise_line};
use crate::domain::{GreetingCard, NoteKind};
use crate::{safe, text};

/// The style of an event's label.
pub fn tone_style(theme: Theme, tone: Tone) -> ratatui::style::Style {
    match tone {
        Tone::Visit => theme.ok(),
        Tone::Note(kind) => note_style(theme, kind),
        Tone::Void => theme.dim(),
        Tone::Promise => theme.highlight(),
    }
}

pub fn note_style(theme: Theme, kind: NoteKind) -> ratatui::style::Style {
    match kind {
        NoteKind::Note => theme.bold(),
        NoteKind::Praise => theme.praise(),
        NoteKind::Complaint => theme.complaint(),
        NoteKind::Apology => theme.apology(),
    }
}

/// How many open promises (and open complaints) the card lists before it counts the rest.
const ON_CARD: usize = 3;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let theme = state.theme;
    let block = theme.pane(
        text::DETAIL_TITLE,
        theme.border(state.mode() == Mode::Customer),
    );
    let Some(profile) = &state.profile else {
        let message = if state.results.is_empty() {
            text::NO_SELECTION.text()
        } else {
            text::LOADING.into()
        };
        frame.render_widget(
            Paragraph::new(message).style(theme.dim()).block(block),
            area,
        );
        return;
    };
    let today = state.clock.today();
    let c = &profile.customer;
    let last_day = profile.last_visit().map(|v| state.clock.local_date(v.at));
    let card = GreetingCard::new(c, profile.visit_count, last_day, profile.notes(), today);

    let mut lines = Vec::new();
    let mut greet = vec![Span::styled(safe::line(card.greet_as), theme.greeting())];
    if c.nickname.is_some() {
        greet.push(Span::styled(
            format!("  {}", safe::line(card.name)),
            theme.dim(),
        ));
    }
    lines.push(Line::from(greet));
    lines.push(Line::from(text::since_line(card.since, card.tenure)));
    lines.push(Line::from(text::last_visit_line(
        card.last_visit,
        card.visit_count,
    )));
    if let Some(b) = card.birthday {
        lines.push(Line::styled(
            text::birthday_line(b.in_days, b.date, b.turning),
            theme.highlight(),
        ));
    }
    // What to remember comes before what was promised: an allergy must never be pushed off the card.
    if !card.preferences.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", text::PREFERENCES), theme.bold()),
            Span::raw(safe::lines(card.preferences).join(" / ")),
        ]));
    }
    for note in &card.pinned {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", text::PINNED), note_style(theme, note.kind)),
            Span::raw(safe::lines(&note.text).join(" / ")),
        ]));
    }
    // Wrapped here, at spaces, rather than by the paragraph: ratatui's wrapping can push a flag emoji
    // (two code points, two columns) into the pane's border. At most a few of each; the rest are counted
    // (the history lists them all).
    let inner = usize::from(area.width.saturating_sub(2));
    let mut wrapped = |text: String, style| {
        for part in super::view::wrap(&text, inner) {
            lines.push(Line::styled(part, style));
        }
    };
    let complaints = profile.open_complaints();
    for complaint in complaints.iter().take(ON_CARD) {
        let day = state.clock.local_date(complaint.at);
        wrapped(
            open_complaint_line(complaint, day, today),
            theme.complaint(),
        );
    }
    if complaints.len() > ON_CARD {
        wrapped(
            text::more_on_card(complaints.len() - ON_CARD),
            theme.complaint(),
        );
    }
    let promises = profile.open_promises();
    for promise in promises.iter().take(ON_CARD) {
        let (overdue, line) = open_promise_line(promise, today);
        wrapped(
            line,
            if overdue {
                theme.error()
            } else {
                theme.highlight()
            },
        );
    }
    if promises.len() > ON_CARD {
        wrapped(
            text::more_on_card(promises.len() - ON_CARD),
            theme.highlight(),
        );
    }
    let mut contact = Vec::new();
    if !c.phones.is_empty() {
        contact.push(format!("{}: {}", text::PHONES, c.phones.join(", ")));
    }
    if let Some(email) = &c.email {
        contact.push(format!("{}: {email}", text::EMAIL));
    }
    if !c.tags.is_empty() {
        contact.push(format!("{}: {}", text::TAGS, c.tags.join(", ")));
    }
    if !contact.is_empty() {
        lines.push(Line::styled(safe::line(&contact.join(" · ")), theme.dim()));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
