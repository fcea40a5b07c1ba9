//! `regulars today [--json]`: the agenda, as the desk's Today view has it. The index says who is on it
//! (no record decoded); only the customers with a promise due or a complaint waiting are read, for the
//! text of each.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::book::Book;
use crate::book::timeline::{open_complaint_line, open_promise_line};
use crate::clock::Clock;
use crate::domain::{AgendaItem, Id, Loyalty, due_this_week};
use crate::{safe, text};

#[derive(Serialize)]
struct PromiseLine {
    customer_id: String,
    name: String,
    promise_id: String,
    text: String,
    /// `YYYY-MM-DD`.
    due: String,
    overdue: bool,
}

#[derive(Serialize)]
struct BirthdayLine {
    customer_id: String,
    name: String,
    /// This year's day, `YYYY-MM-DD`.
    date: String,
    in_days: u32,
    turning: Option<u32>,
}

#[derive(Serialize)]
struct AnniversaryLine {
    customer_id: String,
    name: String,
    years: u32,
}

#[derive(Serialize)]
struct ComplaintLine {
    customer_id: String,
    name: String,
    complaint_id: String,
    text: String,
    made: DateTime<Utc>,
}

#[derive(Serialize)]
struct TodayJson {
    date: String,
    promises: Vec<PromiseLine>,
    birthdays: Vec<BirthdayLine>,
    anniversaries: Vec<AnniversaryLine>,
    complaints: Vec<ComplaintLine>,
    lapsed: Vec<LapsedLine>,
    thanks: Vec<ThankLine>,
}

/// A customer to thank: someone they referred came for the first time this week.
#[derive(Serialize)]
struct ThankLine {
    customer_id: String,
    name: String,
    referred_id: String,
    referred_name: String,
    /// The day of the referred customer's first visit, `YYYY-MM-DD`.
    first_visit: String,
}

/// A regular past their own rhythm, as `lapsed --json` and `today --json` list them.
#[derive(Serialize)]
pub(super) struct LapsedLine {
    pub id: String,
    pub name: String,
    pub days_since_last: u32,
    pub rhythm_days: u32,
    /// The channel to reach them by: the first of sms, email, phone and post they agreed to (none: do
    /// not contact them).
    pub channel: Option<String>,
}

impl LapsedLine {
    /// The line of customer `id`, away `days_since` days with a rhythm of `rhythm`, from the index.
    fn of(book: &Book, id: Id, days_since: u32, rhythm: u32) -> Option<LapsedLine> {
        let entry = book.entry(id)?;
        Some(LapsedLine {
            id: id.to_string(),
            name: entry.name.to_string(),
            days_since_last: days_since,
            rhythm_days: rhythm,
            channel: entry.consent.preferred().map(|c| c.word().to_string()),
        })
    }

    fn lateness(&self) -> f64 {
        crate::domain::lateness(self.days_since_last, self.rhythm_days)
    }
}

fn ymd(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

pub(super) fn today(
    out: &mut impl Write,
    book: &mut Book,
    clock: &Clock,
    loyalty: &Loyalty,
    json: bool,
) -> Result<()> {
    let day = clock.today();
    let agenda = book.agenda(clock, loyalty);
    let name_of = |book: &Book, id: Id| {
        book.entry(id)
            .map(|e| e.name.to_string())
            .unwrap_or_default()
    };
    let mut all = TodayJson {
        date: ymd(day),
        promises: Vec::new(),
        birthdays: Vec::new(),
        anniversaries: Vec::new(),
        complaints: Vec::new(),
        lapsed: Vec::new(),
        thanks: Vec::new(),
    };
    // The lines as text, by section, each with the day that orders it.
    let mut lines: [Vec<(NaiveDate, String)>; 6] = Default::default();
    // The lapsed, furthest past their rhythm first: (lateness, line).
    let mut lapsed_lines: Vec<(f64, String)> = Vec::new();
    for (id, item) in &agenda {
        let name = name_of(book, *id);
        {
            match *item {
                AgendaItem::Promise { .. } => {
                    let profile = book.card(*id)?;
                    for state in profile.open_promises() {
                        let p = state.promise;
                        if !due_this_week(p.due, day) {
                            continue;
                        }
                        let (overdue, line) = open_promise_line(&state, day);
                        lines[0].push((p.due, format!("  {}  {line}", safe::line(&name))));
                        all.promises.push(PromiseLine {
                            customer_id: id.to_string(),
                            name: name.clone(),
                            promise_id: p.id.to_string(),
                            text: p.text.clone(),
                            due: ymd(p.due),
                            overdue,
                        });
                    }
                }
                AgendaItem::Birthday {
                    in_days,
                    date,
                    turning,
                } => {
                    lines[1].push((
                        date,
                        format!("  {}  {}", safe::line(&name), text::agenda_item(item, day)),
                    ));
                    all.birthdays.push(BirthdayLine {
                        customer_id: id.to_string(),
                        name: name.clone(),
                        date: ymd(date),
                        in_days,
                        turning,
                    });
                }
                AgendaItem::Anniversary { years } => {
                    lines[2].push((
                        day,
                        format!("  {}  {}", safe::line(&name), text::agenda_item(item, day)),
                    ));
                    all.anniversaries.push(AnniversaryLine {
                        customer_id: id.to_string(),
                        name: name.clone(),
                        years,
                    });
                }
                AgendaItem::Lapsed { days_since, rhythm } => {
                    lapsed_lines.push((
                        item.lateness(),
                        format!("  {}  {}", safe::line(&name), text::agenda_item(item, day)),
                    ));
                    all.lapsed
                        .extend(LapsedLine::of(book, *id, days_since, rhythm));
                }
                AgendaItem::Thank { referred, first } => {
                    let Some(referred_id) = book.index().id_at(referred) else {
                        continue;
                    };
                    let referred_name = name_of(book, referred_id);
                    let line = text::agenda_thank(&safe::line(&referred_name), first, day);
                    // The latest first visits first.
                    lines[5].push((
                        day + (day - first),
                        format!("  {}  {line}", safe::line(&name)),
                    ));
                    all.thanks.push(ThankLine {
                        customer_id: id.to_string(),
                        name: name.clone(),
                        referred_id: referred_id.to_string(),
                        referred_name,
                        first_visit: ymd(first),
                    });
                }
                AgendaItem::Complaint { .. } => {
                    let profile = book.card(*id)?;
                    for complaint in profile.open_complaints() {
                        let since = clock.local_date(complaint.at);
                        let line = open_complaint_line(complaint, since, day);
                        lines[3].push((since, format!("  {}  {line}", safe::line(&name))));
                        all.complaints.push(ComplaintLine {
                            customer_id: id.to_string(),
                            name: name.clone(),
                            complaint_id: complaint.id.to_string(),
                            text: complaint.text.clone(),
                            made: complaint.at,
                        });
                    }
                }
            }
        }
    }
    if json {
        all.promises.sort_by(|a, b| a.due.cmp(&b.due));
        all.birthdays.sort_by_key(|b| b.in_days);
        all.complaints.sort_by_key(|c| c.made);
        all.thanks.sort_by(|a, b| b.first_visit.cmp(&a.first_visit));
        all.lapsed
            .sort_by(|a, b| b.lateness().total_cmp(&a.lateness()));
        serde_json::to_writer_pretty(&mut *out, &all)?;
        writeln!(out)?;
        return Ok(());
    }
    lapsed_lines.sort_by(|a, b| b.0.total_cmp(&a.0));
    lines[4] = lapsed_lines.into_iter().map(|(_, l)| (day, l)).collect();
    writeln!(out, "{}", text::agenda_title(day))?;
    if lines.iter().all(Vec::is_empty) {
        writeln!(out, "{}", text::AGENDA_EMPTY)?;
    }
    for (section, section_lines) in lines.iter_mut().enumerate() {
        if section_lines.is_empty() {
            continue;
        }
        section_lines.sort_by_key(|(day, _)| *day);
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            text::agenda_section(section, section_lines.len())
        )?;
        for (_, line) in section_lines.iter() {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// `regulars lapsed [--json]`: the regulars past their own rhythm, the furthest past it first.
pub(super) fn lapsed(
    out: &mut impl Write,
    book: &mut Book,
    clock: &Clock,
    loyalty: &Loyalty,
    json: bool,
) -> Result<()> {
    let mut rows: Vec<LapsedLine> = book
        .lapsed_slots(clock, loyalty)
        .into_iter()
        .filter_map(|(slot, item)| {
            let AgendaItem::Lapsed { days_since, rhythm } = item else {
                return None;
            };
            LapsedLine::of(book, book.index().id_at(slot)?, days_since, rhythm)
        })
        .collect();
    rows.sort_by(|a, b| b.lateness().total_cmp(&a.lateness()));
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    if rows.is_empty() {
        writeln!(out, "{}", text::NO_ONE_LAPSED)?;
        return Ok(());
    }
    writeln!(out, "{}", text::agenda_section(4, rows.len()))?;
    for row in &rows {
        let item = AgendaItem::Lapsed {
            days_since: row.days_since_last,
            rhythm: row.rhythm_days,
        };
        let channel = row
            .channel
            .as_deref()
            .and_then(crate::domain::Channel::from_word)
            .map_or_else(|| text::NO_CONSENT.to_string(), text::channel_name);
        writeln!(
            out,
            "  {}  {}  {} · {channel}",
            row.id,
            safe::line(&row.name),
            text::agenda_item(&item, clock.today())
        )?;
    }
    Ok(())
}
