//! Consent on the command line: `regulars consent ID CHANNEL yes|no` records a change, and
//! `regulars export --consented CHANNEL [--lapsed]` writes the CSV a mailer or an SMS service takes: only
//! those who agreed to that channel.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, anyhow};

use super::export::cell;
use super::parse_id;
use crate::book::Book;
use crate::clock::Clock;
use crate::domain::{Channel, Loyalty, parse_date};
use crate::text;

/// The channel named on the command line, or one sentence naming the four.
pub(super) fn channel(word: &str) -> Result<Channel> {
    Channel::from_word(word).ok_or_else(|| anyhow!(text::bad_channel(word)))
}

/// `yes`/`no` (and `given`/`withdrawn`, `sì`/`no`) as given or withdrawn.
fn given(word: &str) -> Result<bool> {
    match deunicode::deunicode(&word.trim().to_lowercase()).as_str() {
        "yes" | "y" | "given" | "si" | "s" | "dato" => Ok(true),
        "no" | "n" | "withdrawn" | "revocato" => Ok(false),
        _ => Err(anyhow!(text::bad_consent_answer(word))),
    }
}

/// `regulars consent ID CHANNEL yes|no [--source TEXT] [--date WHEN]`: prints the change's id.
pub(super) fn consent(
    out: &mut impl Write,
    book: &mut Book,
    clock: &Clock,
    args: (&str, &str, &str, Option<&str>, Option<&str>),
) -> Result<()> {
    let (id, channel_word, answer, source, date) = args;
    let id = parse_id(id)?;
    let channel = channel(channel_word)?;
    let given = given(answer)?;
    let today = clock.today();
    let on = match date {
        Some(date) => parse_date(date, today)?,
        None => today,
    };
    if on > today {
        anyhow::bail!(text::consent_in_the_future(&text::date(on)));
    }
    let source = source.map_or_else(|| text::CONSENT_SOURCE_DEFAULT.to_string(), str::to_string);
    let change = book.change_consent(id, clock.now(), channel, given, on, source)?;
    writeln!(out, "{}", change.id)?;
    Ok(())
}

/// `regulars export --consented CHANNEL [--lapsed] [-o FILE]`: one row per customer who agreed to
/// `channel` (and, with `lapsed`, is past their own rhythm), in name order.
pub(super) fn export_consented(
    out: &mut impl Write,
    book: &mut Book,
    clock: &Clock,
    loyalty: &Loyalty,
    channel: Channel,
    lapsed: bool,
    output: Option<PathBuf>,
) -> Result<()> {
    let index = book.index();
    let mut ids: Vec<crate::domain::Id> = if lapsed {
        book.lapsed_slots(clock, loyalty)
            .into_iter()
            .filter(|&(slot, _)| index.consent_at(slot).contains(channel))
            .filter_map(|(slot, _)| index.id_at(slot))
            .collect()
    } else {
        index.consented(channel)
    };
    ids.sort_by_cached_key(|&id| {
        book.entry(id)
            .map(|e| crate::search::fold_words(e.name).join(" "))
    });
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record([
        "id", "name", "greet_as", "phone", "email", "channel", "given_on", "source",
    ])?;
    for id in ids {
        let profile = book.profile(id)?;
        let Some(change) = profile
            .consent()
            .into_iter()
            .find(|c| c.channel == channel && c.given)
        else {
            continue;
        };
        let c = &profile.customer;
        // Only those the channel can reach: an SMS or a call needs a phone, an email an address.
        let reachable = match channel {
            Channel::Sms | Channel::Phone => !c.phones.is_empty(),
            Channel::Email => c.email.is_some(),
            Channel::Post => true,
        };
        if !reachable {
            continue;
        }
        csv.write_record([
            c.id.to_string(),
            cell(&c.name),
            cell(c.greet_as()),
            c.phones.first().cloned().unwrap_or_default(),
            c.email.clone().unwrap_or_default(),
            channel.word().to_string(),
            change.on.format("%Y-%m-%d").to_string(),
            cell(&change.source),
        ])?;
    }
    let bytes = csv.into_inner().map_err(|e| anyhow!(e.to_string()))?;
    super::export::deliver(out, output, bytes)
}
