//! `regulars export --format csv [-o FILE]`: every customer as a spreadsheet row, under the headers
//! `regulars import` reads, so an export imports again.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, anyhow};

use crate::book::{Book, Profile};
use crate::domain::Customer;
use crate::{files, text};

/// The columns, as `import` reads them back, in English and in Italian.
const HEADERS: [&str; 9] = [
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
const HEADERS_IT: [&str; 9] = [
    "nome",
    "soprannome",
    "telefono",
    "email",
    "compleanno",
    "cliente dal",
    "preferenze",
    "etichette",
    "note",
];

/// The headers in the run's language, and the separator a spreadsheet in that language opens without
/// asking: Excel in Italian (as in most of Europe, where `,` is the decimal comma) splits on `;`.
fn csv_layout() -> ([&'static str; 9], u8) {
    match text::language() {
        text::Lang::It => (HEADERS_IT, b';'),
        text::Lang::En => (HEADERS, b','),
    }
}

/// A text cell a spreadsheet would otherwise run as a formula (`=`, `+`, `-`, `@` first) is written with
/// a `'` before it, and so is one that starts with a `'` of its own (`'Nduja`), so that `import`, which
/// takes one `'` off either, gives back the text as it was.
pub(super) fn cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\'']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// `export --format json`: the whole store as the desk's own JSON (every customer with every record
/// about them, as stored), which `import` reads back into the same records. A second thread walks the
/// store and copies each batch of customers' stored records out of sled; this one decodes each batch,
/// turns it into JSON and writes it, while the walk goes on. The two take about the same time. (The walk
/// reads sled's pages without keeping them in sled's cache, so no page made by that thread is left to
/// be freed by this one.)
pub(super) fn export_json(
    out: &mut impl Write,
    book: &mut Book,
    output: Option<PathBuf>,
) -> Result<()> {
    use crate::import::dump::DumpWriter;
    use crate::store::Batch;
    const BATCH: usize = 512;
    let store = book.store()?;
    deliver_with(out, output, |w| {
        std::thread::scope(|scope| {
            let (batches, to_write) = std::sync::mpsc::sync_channel::<Result<Batch>>(4);
            // Batches done with come back to be filled again, their memory already there.
            let (done_with, spare) = std::sync::mpsc::channel::<Batch>();
            scope.spawn(move || {
                let mut batch = Batch::default();
                for stored in store.everyone() {
                    match stored {
                        Ok(stored) => batch.push(stored),
                        Err(e) => {
                            let _ = batches.send(Err(e.into()));
                            return;
                        }
                    }
                    if batch.len() == BATCH {
                        let next = spare.try_recv().unwrap_or_default();
                        if batches
                            .send(Ok(std::mem::replace(&mut batch, next)))
                            .is_err()
                        {
                            return; // the writing stopped, with its own error
                        }
                    }
                }
                if !batch.is_empty() {
                    let _ = batches.send(Ok(batch));
                }
            });
            let mut dump = DumpWriter::new(w)?;
            for batch in to_write {
                let mut batch = batch?;
                for read in batch.decode(store) {
                    let (customer, mut events) = read?;
                    dump.customer(&customer, &mut events)?;
                }
                batch.clear();
                let _ = done_with.send(batch);
            }
            dump.finish()?;
            Ok(())
        })
    })
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
    deliver_with(out, output, |w| Ok(w.write_all(&bytes)?))
}

/// [`deliver`] of what `fill` writes, as it writes it.
fn deliver_with(
    out: &mut impl Write,
    output: Option<PathBuf>,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match output {
        Some(file) => {
            files::write_private_with(&file, true, |w| {
                fill(w).map_err(|e| match e.downcast::<std::io::Error>() {
                    Ok(io) => WriteError::Io(io),
                    Err(other) => WriteError::Other(other),
                })
            })
            .map_err(|e| match e {
                WriteError::Io(io) => {
                    let said = text::cannot_write(&file.display().to_string(), &io);
                    anyhow::Error::new(io).context(said)
                }
                WriteError::Other(other) => other,
            })?;
            // Said once the file is whole and durable, as a backup is.
            writeln!(out, "{}", text::export_written(&file.display().to_string()))?;
            Ok(())
        }
        None => {
            let mut buffered = std::io::BufWriter::new(out);
            fill(&mut buffered)?;
            buffered.flush()?;
            Ok(())
        }
    }
}

/// Why an export to a file failed: writing it (which names the file), or what was being written.
enum WriteError {
    Io(std::io::Error),
    Other(anyhow::Error),
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> WriteError {
        WriteError::Io(e)
    }
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
    with_notes(book, |customer, notes| {
        let t = customer.to_text();
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
                notes.to_string(),
            ]
            .map(|v| cell(&v)),
        );
    })?;
    rows.sort();
    let (headers, separator) = csv_layout();
    let mut csv = csv::WriterBuilder::new()
        .delimiter(separator)
        .from_writer(b"\xef\xbb\xbf".to_vec());
    csv.write_record(headers)?;
    for row in &rows {
        csv.write_record(row)?;
    }
    let bytes = csv.into_inner().map_err(|e| anyhow!(e.to_string()))?;
    deliver(out, output, bytes)
}

/// `export --format vcf`: every customer as a vCard 4.0, in one file (as phones and address books take
/// them), in the order of their cards' text. `import` reads them back into the same fields.
pub(super) fn export_vcards(
    out: &mut impl Write,
    book: &mut Book,
    output: Option<PathBuf>,
) -> Result<()> {
    let mut cards = Vec::new();
    with_notes(book, |customer, notes| {
        cards.push(crate::import::vcard::card(customer, notes));
    })?;
    cards.sort();
    deliver_with(out, output, |w| {
        for card in &cards {
            w.write_all(card.as_bytes())?;
        }
        Ok(())
    })
}

/// `each` of every customer with their notes that stand (not taken back), oldest first with a blank line
/// between two: the one cell or `NOTE` that `import` makes one note of again.
fn with_notes(book: &mut Book, mut each: impl FnMut(&Customer, &str)) -> Result<()> {
    let store = book.store()?;
    for stored in store.everyone() {
        let (customer, events) = stored?.decode(store)?;
        let profile = Profile::whole(customer, events);
        let notes: Vec<&str> = profile.notes().map(|n| n.text.as_str()).collect();
        each(&profile.customer, &notes.join("\n\n"));
    }
    Ok(())
}
