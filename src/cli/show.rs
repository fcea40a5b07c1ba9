//! How `find` and `show` print for a person (their `--json` is in `json.rs`).

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;

use crate::book::Profile;
use crate::book::timeline::{open_complaint_line, open_promise_line};
use crate::clock::Clock;
use crate::domain::relative_day;
use crate::search::SearchIndex;
use crate::{safe, text};

/// `find`'s lines: id, name, nickname, last visit and visit count, tab-separated.
pub(super) fn found(
    out: &mut impl Write,
    index: &SearchIndex,
    query: &str,
    limit: usize,
    clock: &Clock,
) -> Result<()> {
    for id in index.search(query, Some(limit)) {
        let Some(entry) = index.get(id) else {
            continue;
        };
        let last = entry
            .last_visit
            .map(|at| text::date(clock.local_date(at)))
            .unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "{id}\t{}\t{}\t{last}\t{}",
            safe::line(entry.name),
            safe::line(entry.nickname.unwrap_or("-")),
            text::visits(entry.visits as usize)
        )?;
    }
    Ok(())
}

pub(super) fn profile(
    out: &mut impl Write,
    p: &Profile,
    clock: &Clock,
    currency: &str,
    loyalty: &crate::domain::Loyalty,
) -> Result<()> {
    let c = &p.customer;
    let today = clock.today();
    writeln!(out, "{}", safe::line(&c.name))?;
    writeln!(out, "{}: {}", text::ID, c.id)?;
    if let Some(nick) = &c.nickname {
        writeln!(out, "{}", text::greet(&safe::line(nick)))?;
    }
    let tenure = crate::domain::tenure(c.since, today);
    writeln!(out, "{}", text::since_line(c.since, tenure))?;
    let last = p
        .last_visit()
        .map(|v| relative_day(clock.local_date(v.at), today));
    writeln!(out, "{}", text::last_visit_line(last, p.visit_count))?;
    let rank = loyalty.tier(c.since, p.figures.count, today);
    // Named, as the card need not (it sits beside the name there): "new" alone says nothing.
    writeln!(
        out,
        "{}: {}",
        text::TIER,
        safe::line(&text::tier_line(loyalty, rank))
    )?;
    let card = loyalty.stamp_card(&p.figures);
    writeln!(out, "{}", text::stamps_line(card))?;
    if card.ready > 0 {
        let reward = text::reward_words(&loyalty.reward);
        let id = c.id.to_string();
        let line = text::reward_ready_cli(card.ready, &reward, &id);
        writeln!(out, "{}", safe::line(&line))?;
    }
    if let Some(what) = p.usual() {
        writeln!(out, "{} {}", text::USUAL, safe::line(what))?;
    }
    if let Some(referrer) = &p.referrer {
        writeln!(out, "{}", text::referred_by(&safe::line(referrer)))?;
    }
    if p.brought > 0 {
        writeln!(out, "{}", text::brought(p.brought))?;
    }
    let consent = text::consent_words(p.figures.consent);
    writeln!(
        out,
        "{}",
        consent.unwrap_or_else(|| text::NO_CONSENT.to_string())
    )?;
    if let Some(rhythm) = p.figures.recent.rhythm() {
        let last_day = p.figures.last.map(|t| clock.local_date(t));
        let lapse = loyalty.lapse(p.figures.count, last_day, Some(rhythm), today);
        writeln!(out, "{}", text::rhythm_line(rhythm))?;
        if let Some(lapse) = lapse {
            writeln!(out, "{}", text::lapsed_line(lapse.days_since))?;
        }
    }
    if let Some(b) = c.birthday {
        // As the run's language writes dates (`1990-12-05`, `Dec 5`; `05/12/1990`, `05/12`), like the
        // other dates beside it; a 29 February without a year is read in a leap year.
        let day = |year| NaiveDate::from_ymd_opt(year, u32::from(b.month), u32::from(b.day));
        let shown = match b.year {
            Some(year) => day(year).map(text::date),
            None => day(2000).map(text::day_month),
        };
        writeln!(
            out,
            "{}: {}",
            text::FIELD_BIRTHDAY,
            shown.unwrap_or_else(|| b.to_text())
        )?;
    }
    for (label, value) in [
        (text::PHONES, c.phones.join(", ")),
        (text::EMAIL, c.email.clone().unwrap_or_default()),
        (text::TAGS, c.tags.join(", ")),
        (text::PREFERENCES, c.preferences.clone()),
    ] {
        if !value.is_empty() {
            // Lines as the card joins them.
            writeln!(out, "{label}: {}", safe::lines(&value).join(" / "))?;
        }
    }
    // Pinned notes, as the greeting card has them (newest first).
    let mut pinned: Vec<_> = p.notes().filter(|n| n.pinned).collect();
    pinned.reverse();
    for note in pinned {
        writeln!(
            out,
            "{}: {}",
            text::PINNED,
            safe::lines(&note.text).join(" / ")
        )?;
    }
    for complaint in p.open_complaints() {
        let day = clock.local_date(complaint.at);
        writeln!(out, "{}", open_complaint_line(complaint, day, today))?;
    }
    for state in p.open_promises() {
        writeln!(out, "{}", open_promise_line(&state, today).1)?;
    }
    writeln!(out)?;
    writeln!(out, "{}:", text::NOTES_TITLE)?;
    let timeline = p.timeline();
    if timeline.is_empty() {
        writeln!(out, "{}", text::NOTHING_YET)?;
    }
    for event in timeline {
        let d = p.describe(event, currency);
        let mut line = format!("{}  {}", clock.local_stamp(event.at()), d.label);
        if d.pinned {
            line.push_str(" *");
        }
        for (_, value) in &d.facts {
            line.push_str(&format!("  {}", safe::line(value)));
        }
        if let Some(text) = d.text {
            line.push_str(&format!("  {}", safe::lines(text).join(" / ")));
        }
        if let Some(till) = d.till {
            line.push_str(&format!("  ({}: {})", text::FIELD_TILL, safe::line(till)));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}
