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
        Tone::Reward => theme.ok(),
        Tone::Consent => theme.dim(),
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

    let loyalty = &state.loyalty;
    let rank = loyalty.tier(c.since, profile.figures.count, today);
    let mut lines = Vec::new();
    let mut greet = vec![Span::styled(safe::line(card.greet_as), theme.greeting())];
    if c.nickname.is_some() {
        greet.push(Span::styled(
            format!("  {}", safe::line(card.name)),
            theme.dim(),
        ));
    }
    // Their tier beside their name: the first thing to know after how to greet them.
    greet.push(Span::raw("  "));
    greet.push(Span::styled(
        safe::line(&text::tier_line(loyalty, rank)),
        theme.highlight(),
    ));
    lines.push(Line::from(greet));
    lines.push(Line::from(text::since_line(card.since, card.tenure)));
    lines.push(Line::from(text::last_visit_line(
        card.last_visit,
        card.visit_count,
    )));
    // A regular away for longer than their own rhythm is a reason to act (reach out), so it stays with the
    // last visit, above everything the card may have to leave out on a short screen.
    let rhythm = profile.figures.recent.rhythm();
    if let Some(lapse) =
        rhythm.and_then(|days| loyalty.lapse(profile.figures.count, last_day, Some(days), today))
    {
        lines.push(Line::styled(
            text::lapsed_line(lapse.days_since),
            theme.highlight(),
        ));
    }
    let stamps = loyalty.stamp_card(&profile.figures);
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
    // A reward ready is a line of its own, to be read whole while serving.
    if stamps.ready > 0 {
        let reward = safe::line(&text::reward_words(&loyalty.reward));
        lines.push(Line::styled(
            text::reward_ready(stamps.ready, &reward),
            theme.highlight(),
        ));
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
    if let Some(referrer) = &profile.referrer {
        contact.push(text::referred_by(&safe::line(referrer)));
    }
    if profile.brought > 0 {
        contact.push(text::brought(profile.brought));
    }
    // Whom the shop may reach out to, and how: only by a channel they agreed to.
    contact.push(
        text::consent_words(profile.figures.consent)
            .unwrap_or_else(|| text::NO_CONSENT_SHORT.to_string()),
    );
    let contact =
        (!contact.is_empty()).then(|| Line::styled(safe::line(&contact.join(" · ")), theme.dim()));
    // Open complaints, then open promises: one line each (cut with "…"; the history reads them whole),
    // as many as the pane has room for under what is above them and above the contact line. The rest are
    // counted, so nothing leaves the card without a word. The loyalty details come between them and the
    // contact line, as many as there is room for.
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let height = usize::from(area.height.saturating_sub(2));
    let rows = |line: &Line| line.width().max(1).div_ceil(width);
    let used: usize = lines.iter().chain(&contact).map(rows).sum();
    let mut items: Vec<(String, ratatui::style::Style)> = profile
        .open_complaints()
        .into_iter()
        .map(|complaint| {
            let day = state.clock.local_date(complaint.at);
            (
                open_complaint_line(complaint, day, today),
                theme.complaint(),
            )
        })
        .collect();
    items.extend(profile.open_promises().iter().map(|promise| {
        let (overdue, line) = open_promise_line(promise, today);
        (
            line,
            if overdue {
                theme.error()
            } else {
                theme.highlight()
            },
        )
    }));
    let room = height.saturating_sub(used);
    let shown = if items.len() <= room {
        items.len()
    } else {
        room.saturating_sub(1)
    };
    // A line saying "… and 1 more" takes the row that one would: show it instead.
    let shown = if items.len() - shown == 1 {
        items.len()
    } else {
        shown
    };
    for (line, style) in items.iter().take(shown) {
        lines.push(super::view::fit_line(
            Line::styled(line.clone(), *style),
            width,
        ));
    }
    if shown < items.len() {
        lines.push(Line::styled(
            text::more_on_card(items.len() - shown),
            theme.highlight(),
        ));
    }
    let mut details = vec![Line::raw(text::stamps_line(stamps))];
    // Their rhythm, and beside it their visits per month over the last year (drawn after the text).
    let months = profile.figures.months.up_to(today);
    let mut sparkline_row = None;
    if rhythm.is_some() || months.iter().any(|&n| n > 0) {
        let line = match rhythm {
            Some(days) => Line::raw(text::rhythm_line(days)),
            None => Line::styled(text::MONTHS_LABEL.to_string(), theme.dim()),
        };
        sparkline_row = Some((details.len(), line.width()));
        details.push(line);
    }
    if let Some(what) = profile.usual() {
        details.push(Line::from(vec![
            Span::styled(format!("{} ", text::USUAL), theme.bold()),
            Span::raw(safe::line(what)),
        ]));
    }
    let mut room = height.saturating_sub(lines.iter().chain(&contact).map(rows).sum());
    let first_detail = lines.len();
    for line in details {
        if rows(&line) > room {
            break;
        }
        room -= rows(&line);
        lines.push(line);
    }
    let sparkline_row = sparkline_row
        .map(|(row, width)| (first_detail + row, width))
        .filter(|(row, _)| *row < lines.len());
    lines.extend(contact);
    let sparkline_at = sparkline_row.map(|(row, text_width)| {
        let above: usize = lines[..row].iter().map(rows).sum();
        (above, text_width)
    });
    let inner = block.inner(area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
    if let Some((row, text_width)) = sparkline_at {
        let x = if text_width == 0 { 0 } else { text_width + 2 };
        let bars = months.len() as u16;
        if row < usize::from(inner.height) && x + usize::from(bars) <= usize::from(inner.width) {
            let at = Rect {
                x: inner.x + x as u16,
                y: inner.y + row as u16,
                width: bars,
                height: 1,
            };
            // A month with a visit always shows a bar, however busy the busiest month was.
            let most = months.iter().copied().max().unwrap_or(0);
            let least_bar = u64::from(most).div_ceil(8).max(1);
            let data: Vec<u64> = months
                .iter()
                .map(|&n| match n {
                    0 => 0,
                    n => u64::from(n).max(least_bar),
                })
                .collect();
            frame.render_widget(
                ratatui::widgets::Sparkline::default()
                    .data(&data)
                    // A month with no visit is a dot: the twelve months read as twelve.
                    .bar_set(ratatui::symbols::bar::Set {
                        empty: "·",
                        ..ratatui::symbols::bar::NINE_LEVELS
                    })
                    .style(theme.ok()),
                at,
            );
        }
    }
}
