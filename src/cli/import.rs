//! `regulars import FILE [--format csv|vcf|abook|json] [--dry-run] [--on-duplicate skip|merge|error]`:
//! customers from a spreadsheet's CSV, vCards (a file or a folder), abook's file or the desk's own JSON;
//! every row checked before anything is written; with any mistake, every mistake is reported (line or
//! customer, column, reason) and nothing is written.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use anyhow::{Result, bail};

use super::progress::Progress;
use crate::book::Book;
use crate::clock::Clock;
use crate::domain::{Customer, Event};
use crate::import::{self, OnDuplicate};
use crate::{safe, text};

/// The formats `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Csv,
    Vcf,
    Json,
    Abook,
}

fn format_of(word: Option<&str>, file: &Path) -> Result<Format> {
    let word = match word {
        Some(w) => w.to_lowercase(),
        // A folder of `.vcf` files, as khard and vdirsyncer keep them.
        None if file.is_dir() => "vcf".into(),
        None => {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if name == "addressbook" {
                return Ok(Format::Abook);
            }
            let ext = file
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            match ext.as_str() {
                "vcf" | "vcard" => "vcf".into(),
                "json" => "json".into(),
                "csv" => "csv".into(),
                // No name that says: what the file starts with.
                _ => return Ok(sniff(file)),
            }
        }
    };
    Ok(match word.as_str() {
        "csv" => Format::Csv,
        "vcf" | "vcard" => Format::Vcf,
        "json" => Format::Json,
        "abook" => Format::Abook,
        other => bail!(text::import_unknown_format(other)),
    })
}

/// The format a file's first bytes show: a vCard's `BEGIN:VCARD`, the desk's JSON `{`, abook's heading
/// or `[format]` section; anything else (or a file that cannot be read, which the reading then reports)
/// is taken for CSV.
fn sniff(file: &Path) -> Format {
    use std::io::Read;
    let mut head = Vec::with_capacity(512);
    if let Ok(f) = std::fs::File::open(file) {
        let _ = f.take(512).read_to_end(&mut head);
    }
    let text = String::from_utf8_lossy(&head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let starts = |word: &str| {
        text.get(..word.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(word))
    };
    if starts("BEGIN:VCARD") {
        Format::Vcf
    } else if starts("{") {
        Format::Json
    } else if starts("# abook addressbook file") || starts("[format]") {
        Format::Abook
    } else {
        Format::Csv
    }
}

fn on_duplicate(word: &str) -> Result<OnDuplicate> {
    Ok(match word.to_lowercase().as_str() {
        "skip" => OnDuplicate::Skip,
        "merge" => OnDuplicate::Merge,
        "error" => OnDuplicate::Error,
        other => bail!(text::import_bad_on_duplicate(other)),
    })
}

type Read = (Vec<import::Row>, Vec<String>);

/// A file read whole, or the one problem that stops it (a sentence of its own).
fn whole(read: Result<Read, import::Problem>) -> Result<Read> {
    read.map_err(|problem| anyhow::anyhow!(problem.reason))
}

/// Every `.vcf` file of a folder (a vdir), in name order, each row naming its file.
fn vdir(folder: &Path) -> Result<Read> {
    let shown = folder.display().to_string();
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| anyhow::anyhow!(text::cannot_read(&shown, &e)))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("vcf")))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!(text::vdir_empty(&shown));
    }
    let (mut rows, mut unused) = (Vec::new(), Vec::new());
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path)
            .map_err(|e| anyhow::anyhow!(text::cannot_read(&path.display().to_string(), &e)))?;
        let (more, not_read) = import::vcard::read(&bytes).map_err(|mut problem| {
            problem.file = Some(name.clone());
            anyhow::anyhow!(problem.to_string())
        })?;
        rows.extend(more.into_iter().map(|mut row| {
            row.file = Some(name.clone());
            row
        }));
        for n in not_read {
            if !unused.contains(&n) {
                unused.push(n);
            }
        }
    }
    Ok((rows, unused))
}

/// Every mistake on stderr, a line each; then the one sentence of the failure (`how` was asked of
/// duplicates).
fn refuse(problems: &[import::Problem], how: OnDuplicate) -> Result<()> {
    let mut err = std::io::stderr().lock();
    for problem in problems {
        writeln!(err, "{}", safe::line(&problem.to_string()))?;
    }
    // A row is a line of a file: a folder of vCards has a line 1 in each.
    let rows: std::collections::BTreeSet<(Option<&str>, u64)> = problems
        .iter()
        .map(|p| (p.file.as_deref(), p.line))
        .collect();
    // Someone already there, refused as asked, is no mistake of the file.
    let duplicates = problems.iter().all(|p| p.duplicate);
    match (problems.iter().all(|p| p.by_customer), duplicates) {
        // Only a customer under another id refuses a merge of the desk's JSON.
        (true, true) if how == OnDuplicate::Merge => {
            bail!(text::import_refused_merge_other_ids(rows.len()))
        }
        (true, true) => bail!(text::import_refused_duplicate_customers(rows.len())),
        (true, false) => bail!(text::import_refused_customers(rows.len())),
        (false, true) => bail!(text::import_refused_duplicates(rows.len())),
        (false, false) => bail!(text::import_refused(rows.len())),
    }
}

/// The desk's own JSON: customers and every record about them, with their ids. A customer already in
/// the store (by id) is skipped, refused, or (merge) given the records of theirs the store lacks. One the
/// store has under another id (the same phone, email, or name and birthday) is skipped, or refused: a
/// merge joins records of one id only.
fn import_dump(
    out: &mut impl Write,
    book: &mut Book,
    bytes: &[u8],
    how: OnDuplicate,
    today: chrono::NaiveDate,
    dry_run: bool,
) -> Result<()> {
    let in_store = |id| book.entry(id).is_some();
    let (customers, events) = match import::dump::read(bytes, today, &in_store) {
        Ok(read) => read,
        // Not the desk's JSON at all: one sentence.
        Err(problems) if problems.iter().all(|p| !p.by_customer) => {
            let reason = problems
                .first()
                .map(|p| p.reason.clone())
                .unwrap_or_default();
            bail!(reason);
        }
        Err(problems) => return refuse(&problems, how),
    };
    let mut problems = Vec::new();
    let mut notices = Vec::new();
    let (mut added, mut merged, mut skipped) = (0, 0, 0);
    let mut writing = Vec::new();
    let mut kept: std::collections::HashSet<crate::domain::Id> = std::collections::HashSet::new();
    let mut known: std::collections::HashSet<crate::domain::Id> = std::collections::HashSet::new();
    let mut merging = Vec::new();
    let stored = book.customers()?;
    let stored = import::Stored::new(&stored);
    for (n, customer) in customers.into_iter().enumerate() {
        // Said of the customer by their place in the file.
        let of_this = |reason: String| import::Problem::customer(n as u64 + 1, reason);
        if book.entry(customer.id).is_none() {
            // Someone the store has under another id (brought in from a spreadsheet, say): the same
            // person by phone, email or name and birthday is not added twice.
            if let Some(other) = stored.which(&customer) {
                match how {
                    OnDuplicate::Skip => {
                        skipped += 1;
                        notices.push(of_this(text::import_skipped_customer(&other.name)));
                    }
                    OnDuplicate::Error | OnDuplicate::Merge => {
                        let said = text::import_same_under_another_id(
                            &other.name,
                            how == OnDuplicate::Merge,
                        );
                        problems.push(of_this(said).of_a_duplicate());
                    }
                }
                continue;
            }
            added += 1;
            kept.insert(customer.id);
            writing.push(customer);
            continue;
        }
        match how {
            OnDuplicate::Skip => {
                skipped += 1;
                notices.push(of_this(text::import_skipped_customer(&customer.name)));
            }
            OnDuplicate::Error => {
                problems
                    .push(of_this(text::import_same_as_customer(&customer.name)).of_a_duplicate());
            }
            OnDuplicate::Merge => {
                known.extend(book.events_of(customer.id)?.iter().map(Event::id));
                kept.insert(customer.id);
                merging.push((n, customer));
            }
        }
    }
    if !problems.is_empty() {
        return refuse(&problems, how);
    }
    let events: Vec<Event> = events
        .into_iter()
        .filter(|e| kept.contains(&e.customer()) && !known.contains(&e.id()))
        .collect();
    // A customer merged gets the records of theirs the store lacks; with none, nothing was merged.
    let bringing: std::collections::HashSet<crate::domain::Id> =
        events.iter().map(Event::customer).collect();
    for (n, customer) in merging {
        let into = text::import_into_customer(&customer.name);
        let notice = if bringing.contains(&customer.id) {
            merged += 1;
            text::import_merged(&into, "")
        } else {
            skipped += 1;
            text::import_nothing_new_customer(&into)
        };
        notices.push(import::Problem::customer(n as u64 + 1, notice));
    }
    notices.sort_by_key(|notice| notice.line);
    if dry_run {
        writeln!(out, "{}", text::import_dry_run(added, merged, skipped))?;
        return say_notices(out, &notices, usize::MAX);
    }
    write(book, &writing, &events)?;
    writeln!(
        out,
        "{}",
        text::import_done(added, merged, skipped, &book.path().display().to_string())
    )?;
    say_notices(out, &notices, NOTICES_SHOWN)
}

pub(super) struct ImportArgs<'a> {
    pub file: &'a Path,
    pub format: Option<&'a str>,
    pub dry_run: bool,
    pub on_duplicate: &'a str,
}

pub(super) fn import(
    out: &mut impl Write,
    book: &mut Book,
    clock: &Clock,
    args: ImportArgs<'_>,
) -> Result<()> {
    let how = on_duplicate(args.on_duplicate)?;
    let format = format_of(args.format, args.file)?;
    let read = |path: &Path| {
        std::fs::read(path)
            .map_err(|e| anyhow::anyhow!(text::cannot_read(&path.display().to_string(), &e)))
    };
    let (rows, unused) = match format {
        Format::Vcf if args.file.is_dir() => vdir(args.file)?,
        Format::Csv => whole(import::table::read(&read(args.file)?))?,
        Format::Vcf => whole(import::vcard::read(&read(args.file)?))?,
        Format::Abook => whole(import::abook::read(&read(args.file)?))?,
        Format::Json => {
            let bytes = read(args.file)?;
            return import_dump(out, book, &bytes, how, clock.today(), args.dry_run);
        }
    };
    let stored = book.customers()?;
    // A merge into a customer already there adds no note they already have (the same file twice). The
    // desk's CSV export puts all of a customer's notes in one cell, a blank line between them: such a
    // note adds nothing when each of its paragraphs is a note they have.
    let staff = book.staff().map(str::to_string);
    let mut had: std::collections::HashMap<crate::domain::Id, Vec<String>> =
        std::collections::HashMap::new();
    let mut unread = None;
    let mut has_note = |customer: crate::domain::Id, text: &str| {
        let texts = had
            .entry(customer)
            .or_insert_with(|| match book.events_of(customer) {
                Ok(events) => events
                    .into_iter()
                    .filter_map(|ev| match ev {
                        Event::Note(n) => Some(n.text),
                        _ => None,
                    })
                    .collect(),
                Err(e) => {
                    unread = Some(e);
                    Vec::new()
                }
            });
        let known = |text: &str| texts.iter().any(|t| t.trim() == text.trim());
        known(text) || text.split("\n\n").all(known)
    };
    let plan = import::plan(
        rows,
        stored,
        how,
        clock.now(),
        clock.today(),
        staff.as_deref(),
        &mut has_note,
    );
    if let Some(e) = unread {
        return Err(e.into());
    }
    if !plan.problems.is_empty() {
        return refuse(&plan.problems, how);
    }
    if !unused.is_empty() {
        writeln!(
            out,
            "{}",
            text::import_unused(&safe::line(&unused.join(", ")))
        )?;
    }
    if args.dry_run {
        writeln!(
            out,
            "{}",
            text::import_dry_run(plan.added, plan.merged, plan.skipped)
        )?;
        return say_notices(out, &plan.notices, usize::MAX);
    }
    let events: Vec<Event> = plan.notes.into_iter().map(Event::Note).collect();
    write(book, &plan.customers, &events)?;
    writeln!(
        out,
        "{}",
        text::import_done(
            plan.added,
            plan.merged,
            plan.skipped,
            &book.path().display().to_string()
        )
    )?;
    say_notices(out, &plan.notices, NOTICES_SHOWN)
}

/// How many rows skipped or merged an import names after its summary (a dry run names them all).
const NOTICES_SHOWN: usize = 20;

/// The rows that were not new and what became of them, `most` of them at most, one a line.
fn say_notices(out: &mut impl Write, notices: &[import::Problem], most: usize) -> Result<()> {
    for notice in notices.iter().take(most) {
        writeln!(out, "  {}", safe::line(&notice.to_string()))?;
    }
    if notices.len() > most {
        writeln!(out, "  {}", text::import_notices_more(notices.len() - most))?;
    }
    Ok(())
}

/// Writes what an import brings, with its progress on a terminal.
fn write(book: &mut Book, customers: &[Customer], events: &[Event]) -> Result<()> {
    let total = customers.len();
    // Written in steps into an empty store: a bar from the start when there is more than one step.
    let quiet_for = if total > crate::store::Store::IMPORT_STEP {
        Duration::ZERO
    } else {
        Duration::from_secs(1)
    };
    let mut progress = Progress::on_stderr(Some(total as u64), quiet_for);
    book.import(customers, events, &mut |done| {
        progress.show(done as u64, || text::import_progress(done, total));
    })?;
    progress.finish();
    Ok(())
}
