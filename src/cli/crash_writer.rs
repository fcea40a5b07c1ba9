//! The hidden `crash-writer` command (only in a build with the `test-hooks` feature): logs writes in a loop,
//! printing each once it is durable, for the crash tests (`tests/crash.rs`) to kill at any moment.

use std::io::Write;

use anyhow::Result;

use super::parse_id;
use crate::book::Book;
use crate::clock::Clock;
use crate::domain::{CustomerDraft, CustomerText, NoteKind};

pub(super) fn run(
    out: &mut impl Write,
    book: &mut Book,
    clock: &Clock,
    id: &str,
    from: u64,
) -> Result<()> {
    // Each line is printed only once its write is durable: the crash tests kill this process at
    // any moment and then look for every line's write in the store. Write `n` is a visit, a note,
    // a new customer or an edit by `n % 4`, and its contents follow from `n`; its line names the
    // record and `n`.
    let id = parse_id(id)?;
    for n in from.. {
        match n % 4 {
            0 => {
                let amount = 100 + (n % 10_000) as i64;
                let what = Some(format!("crash {n}"));
                let visit = book.log_visit(id, clock.now(), Some(amount), what)?;
                writeln!(out, "visit {} {n}", visit.id)?;
            }
            1 => {
                let note = book.add_note(
                    id,
                    clock.now(),
                    NoteKind::Note,
                    format!("crash {n}"),
                    n % 3 == 0,
                )?;
                writeln!(out, "note {} {n}", note.id)?;
            }
            2 => {
                let text = CustomerText {
                    name: format!("Crash Customer {n}"),
                    ..Default::default()
                };
                let draft = CustomerDraft::from_text(&text, clock.today()).map_err(|(_, e)| e)?;
                let customer = book.add_customer(draft, clock.now(), clock.today())?;
                writeln!(out, "customer {} {n}", customer.id)?;
            }
            _ => {
                let text = CustomerText {
                    name: format!("Edited {n}"),
                    ..Default::default()
                };
                let draft = CustomerDraft::from_text(&text, clock.today()).map_err(|(_, e)| e)?;
                book.update_customer(id, draft, clock.now(), clock.today())?;
                writeln!(out, "edit {n}")?;
            }
        }
        out.flush()?;
    }
    Ok(())
}
