//! `regulars import FILE [--format csv] [--dry-run] [--on-duplicate skip|merge|error]`: customers from a
//! file, every row checked before anything is written; with any mistake, every mistake is reported (line,
//! column, reason) and nothing is written.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::book::Book;
use crate::clock::Clock;
use crate::domain::Event;
use crate::import::{self, OnDuplicate};
use crate::{safe, text};

/// The formats `import` knows of, and which it reads today.
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
                _ => "csv".into(),
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

fn on_duplicate(word: &str) -> Result<OnDuplicate> {
    Ok(match word.to_lowercase().as_str() {
        "skip" => OnDuplicate::Skip,
        "merge" => OnDuplicate::Merge,
        "error" => OnDuplicate::Error,
        other => bail!(text::import_bad_on_duplicate(other)),
    })
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
    let shown = args.file.display().to_string();
    let bytes = std::fs::read(args.file).with_context(|| text::cannot_read(&shown))?;
    let rows = match format {
        Format::Csv => import::table::read(&bytes),
        Format::Vcf => bail!(text::import_format_not_built("vCard")),
        Format::Json => bail!(text::import_format_not_built("JSON")),
        Format::Abook => import::abook::read(&bytes),
    };
    let (rows, unused) = rows.map_err(|problem| anyhow::anyhow!(problem.to_string()))?;
    let stored = book.customers()?;
    let plan = import::plan(rows, stored, how, clock.now(), clock.today(), book.staff());
    if !unused.is_empty() {
        writeln!(
            out,
            "{}",
            text::import_unused(&safe::line(&unused.join(", ")))
        )?;
    }
    if !plan.problems.is_empty() {
        // Every mistake on stderr, a line each; then the one sentence of the failure.
        let mut err = std::io::stderr().lock();
        for problem in &plan.problems {
            writeln!(err, "{}", safe::line(&problem.to_string()))?;
        }
        let rows: std::collections::BTreeSet<u64> = plan.problems.iter().map(|p| p.line).collect();
        bail!(text::import_refused(rows.len()));
    }
    if args.dry_run {
        writeln!(
            out,
            "{}",
            text::import_dry_run(plan.added, plan.merged, plan.skipped)
        )?;
        return Ok(());
    }
    let events: Vec<Event> = plan.notes.into_iter().map(Event::Note).collect();
    book.import(&plan.customers, &events)?;
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
    Ok(())
}
