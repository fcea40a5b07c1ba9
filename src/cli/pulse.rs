//! `regulars pulse [--json]`: the shop's pulse as the desk's Ctrl-P draws it, read from the index alone.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::book::Book;
use crate::clock::Clock;
use crate::domain::Loyalty;
use crate::search::Pulse;
use crate::text;

#[derive(Serialize)]
struct TierJson {
    rank: usize,
    name: String,
    customers: u32,
}

#[derive(Serialize)]
struct MonthJson {
    /// `2026-11`.
    month: String,
    new: u32,
    returning: u32,
}

#[derive(Serialize)]
struct RegularsJson {
    within: u32,
    due: u32,
    lapsed: u32,
}

#[derive(Serialize)]
struct PulseJson {
    date: chrono::NaiveDate,
    customers: u32,
    tiers: Vec<TierJson>,
    months: Vec<MonthJson>,
    regulars: RegularsJson,
}

impl PulseJson {
    fn new(pulse: &Pulse, loyalty: &Loyalty) -> PulseJson {
        PulseJson {
            date: pulse.today,
            customers: pulse.customers,
            tiers: pulse
                .tiers
                .iter()
                .enumerate()
                .map(|(rank, &customers)| TierJson {
                    rank,
                    name: text::tier_name(loyalty, rank),
                    customers,
                })
                .collect(),
            months: pulse
                .months
                .iter()
                .map(|m| MonthJson {
                    month: format!(
                        "{:04}-{:02}",
                        m.month.div_euclid(12),
                        m.month.rem_euclid(12) + 1
                    ),
                    new: m.new,
                    returning: m.returning,
                })
                .collect(),
            regulars: RegularsJson {
                within: pulse.regulars.within,
                due: pulse.regulars.due,
                lapsed: pulse.regulars.lapsed,
            },
        }
    }
}

/// How wide the command line draws its bars' rows.
const WIDTH: usize = 60;

pub(super) fn pulse(
    out: &mut impl Write,
    book: &Book,
    clock: &Clock,
    loyalty: &Loyalty,
    json: bool,
) -> Result<()> {
    let pulse = book.pulse(clock, loyalty);
    if json {
        serde_json::to_writer_pretty(&mut *out, &PulseJson::new(&pulse, loyalty))?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{}", text::pulse_title(pulse.today))?;
    let write_rows =
        |out: &mut dyn Write, heading: String, rows: Vec<(String, u64)>| -> Result<()> {
            writeln!(out)?;
            writeln!(out, "{heading}")?;
            for [name, bar, count] in text::bar_rows(&rows, WIDTH) {
                let gap = if bar.is_empty() { "" } else { " " };
                writeln!(out, "{name}{bar}{gap}{count}")?;
            }
            Ok(())
        };
    let tiers = (0..pulse.tiers.len())
        .map(|rank| (text::tier_line(loyalty, rank), u64::from(pulse.tiers[rank])))
        .collect();
    write_rows(out, text::pulse_tiers(pulse.customers), tiers)?;
    let r = pulse.regulars;
    let regulars = vec![
        (text::PULSE_WITHIN.to_string(), u64::from(r.within)),
        (text::PULSE_DUE.to_string(), u64::from(r.due)),
        (text::PULSE_LAPSED.to_string(), u64::from(r.lapsed)),
    ];
    write_rows(
        out,
        text::pulse_regulars(r.within + r.due + r.lapsed),
        regulars,
    )?;
    writeln!(out)?;
    writeln!(out, "{}", text::PULSE_MONTHS)?;
    for m in &pulse.months {
        writeln!(
            out,
            "  {}",
            text::pulse_month_line(m.month, m.returning, m.new)
        )?;
    }
    Ok(())
}
