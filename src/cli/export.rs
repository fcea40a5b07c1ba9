//! `regulars export --format csv [-o FILE]`: every customer as a spreadsheet row, under the headers
//! `regulars import` reads, so an export imports again.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};

use crate::book::Book;
use crate::{files, text};

/// The columns, as `import` reads them back.
pub(super) const HEADERS: [&str; 9] = [
    "name",
    "nickname",
    "phone",
    "email",
    "birthday",
    "customer since",
    "likes",
    "tags",
    "notes",
];

/// A text cell a spreadsheet would otherwise run as a formula (`=`, `+`, `-`, `@` first) is written with
/// a `'` before it (`import` takes it off again).
pub(super) fn cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// `export --format json`: the whole store as the desk's own JSON (every customer with every record
/// about them, as stored), which `import` reads back into the same records.
pub(super) fn export_json(
    out: &mut impl Write,
    book: &mut Book,
    output: Option<PathBuf>,
) -> Result<()> {
    use crate::import::dump::{CustomerDump, Dump, FORMAT, VERSION};
    let mut customers = Vec::new();
    for customer in book.customers()? {
        let events = book.events_of(customer.id)?;
        customers.push(CustomerDump::new(&customer, events));
    }
    let dump = Dump {
        format: FORMAT.to_string(),
        version: VERSION,
        customers,
    };
    deliver(out, output, json_bytes(&dump)?)
}

/// A value as pretty JSON ending in a line break, as the command line writes it.
pub(super) fn json_bytes(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// What an export made: to `output`, written whole or not at all (temp file, fsync, rename), or to
/// `out` when no file is given.
pub(super) fn deliver(out: &mut impl Write, output: Option<PathBuf>, bytes: Vec<u8>) -> Result<()> {
    match output {
        Some(file) => files::write_private(&file, &bytes, true)
            .with_context(|| text::cannot_write(&file.display().to_string()))?,
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

/// Every customer, a row each, in the order of their rows' text (so two exports of the same customers
/// are the same file, whatever their ids). UTF-8 with a byte-order mark, which spreadsheets need to read
/// accents right; dates as `2015-03-01` (a birthday without a year `--05-12`), which no locale misreads.
pub(super) fn export_csv(
    out: &mut impl Write,
    book: &mut Book,
    output: Option<PathBuf>,
) -> Result<()> {
    let mut rows: Vec<[String; 9]> = Vec::new();
    for customer in book.customers()? {
        let profile = book.profile(customer.id)?;
        let t = customer.to_text();
        let notes: Vec<&str> = profile.notes().map(|n| n.text.as_str()).collect();
        rows.push(
            [
                t.name,
                t.nickname,
                t.phones,
                t.email,
                customer
                    .birthday
                    .map(crate::domain::Birthday::to_iso)
                    .unwrap_or_default(),
                customer.since.format("%Y-%m-%d").to_string(),
                t.preferences,
                t.tags,
                notes.join("\n\n"),
            ]
            .map(|v| cell(&v)),
        );
    }
    rows.sort();
    let mut csv = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    csv.write_record(HEADERS)?;
    for row in &rows {
        csv.write_record(row)?;
    }
    let bytes = csv.into_inner().map_err(|e| anyhow!(e.to_string()))?;
    deliver(out, output, bytes)
}
