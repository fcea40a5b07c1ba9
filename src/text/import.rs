//! The sentences of `regulars import`.

use super::catalog::{Msg, tr};

pub const IMPORT_EMPTY: Msg = Msg("import-empty");
pub const IMPORT_NO_NAME_COLUMN: Msg = Msg("import-no-name-column");
pub const ABOOK_EMPTY: Msg = Msg("abook-empty");
pub const DUMP_REFERRER_SELF: Msg = Msg("dump-referrer-self");
pub const VCARD_EMPTY: Msg = Msg("vcard-empty");
pub const VCARD_NO_END: Msg = Msg("vcard-no-end");
pub fn vdir_empty(path: &str) -> String {
    tr!("vdir-empty", "path" => path)
}
pub fn vcard_not_a_property(line: &str) -> String {
    tr!("vcard-not-a-property", "line" => line.to_string())
}
pub fn abook_not_a_field(line: &str) -> String {
    tr!("abook-not-a-field", "line" => line.to_string())
}

/// "line 14, Telefono: …" (or "line 14: …" for the whole row).
pub fn import_problem(line: u64, column: Option<&str>, reason: &str) -> String {
    match column {
        Some(column) => {
            tr!("import-problem-in", "line" => line.to_string(), "column" => column, "reason" => reason)
        }
        None => tr!("import-problem", "line" => line.to_string(), "reason" => reason),
    }
}
pub fn import_not_utf8(line: usize) -> String {
    tr!("import-not-utf8", "line" => line.to_string())
}
/// "customer 3: …" (the desk's JSON counts customers).
pub fn import_problem_customer(n: u64, column: Option<&str>, reason: &str) -> String {
    match column {
        Some(column) => {
            tr!("import-problem-customer-in", "n" => n, "column" => column, "reason" => reason)
        }
        None => tr!("import-problem-customer", "n" => n, "reason" => reason),
    }
}
pub fn dump_no_such_customer(id: &str) -> String {
    tr!("dump-no-such-customer", "id" => id)
}
pub fn dump_bad_value(line: usize, column: usize, detail: &str) -> String {
    tr!("dump-bad-value", "line" => line.to_string(), "column" => column.to_string(), "detail" => detail)
}
pub fn dump_not_kept(value: &str) -> String {
    tr!("dump-not-kept", "value" => value)
}
pub fn dump_bad_cents(cents: i64) -> String {
    tr!("dump-bad-cents", "cents" => cents.to_string(), "max" => crate::domain::MAX_CENTS.to_string())
}
pub fn dump_unreadable(detail: &str) -> String {
    tr!("dump-unreadable", "detail" => detail)
}
pub fn dump_other_shape(format: &str, version: u32) -> String {
    tr!("dump-other-shape", "format" => format, "version" => version)
}
pub fn dump_no_such_record(id: &str) -> String {
    tr!("dump-no-such-record", "id" => id)
}
pub fn dump_bad_id(text: &str) -> String {
    tr!("dump-bad-id", "text" => text)
}
pub fn dump_twice(id: &str) -> String {
    tr!("dump-twice", "id" => id)
}
pub fn dump_bad_word(word: &str) -> String {
    tr!("dump-bad-word", "word" => word)
}
/// A quote that opens a cell on line `line` and is never closed.
pub fn import_unclosed_quote(line: u64) -> String {
    tr!("import-unclosed-quote", "line" => line.to_string())
}
pub fn import_too_many_cells(cells: usize, headers: usize) -> String {
    tr!("import-too-many-cells", "cells" => cells, "headers" => headers)
}
/// A customer of the desk's JSON that the store has under another id.
/// Someone the store has under another id; `merging`: as a merge refuses them, else as
/// `--on-duplicate error` does.
pub fn import_same_under_another_id(name: &str, merging: bool) -> String {
    if merging {
        tr!("import-same-under-another-id", "name" => name)
    } else {
        tr!("import-same-under-another-id-refused", "name" => name)
    }
}
pub fn import_same_as_customer(name: &str) -> String {
    tr!("import-same-as-customer", "name" => name)
}
pub fn import_phone_scientific(cell: &str) -> String {
    tr!("import-phone-scientific", "cell" => cell)
}
/// "already a customer as Anna Ferri: skipped".
pub fn import_skipped_customer(name: &str) -> String {
    tr!("import-skipped-customer", "name" => name)
}
pub fn import_skipped_line(line: u64) -> String {
    tr!("import-skipped-line", "line" => line.to_string())
}
/// Whom a row was merged into: a customer already there, or a row earlier in the file.
pub fn import_into_customer(name: &str) -> String {
    tr!("import-into-customer", "name" => name)
}
pub fn import_into_line(line: u64) -> String {
    tr!("import-into-line", "line" => line.to_string())
}
/// "merged into Anna Ferri", and the columns whose values were not taken (empty: none).
pub fn import_merged(into: &str, kept: &str) -> String {
    if kept.is_empty() {
        tr!("import-merged", "into" => into)
    } else {
        tr!("import-merged-kept", "into" => into, "columns" => kept)
    }
}
/// "nothing new for Anna Ferri: skipped", and the columns whose values differ (empty: none).
/// The same, of a customer of the desk's JSON (not a row of a table).
pub fn import_nothing_new_customer(into: &str) -> String {
    tr!("import-nothing-new-customer", "into" => into)
}
pub fn import_nothing_new(into: &str, kept: &str) -> String {
    if kept.is_empty() {
        tr!("import-nothing-new", "into" => into)
    } else {
        tr!("import-nothing-new-kept", "into" => into, "columns" => kept)
    }
}
/// "… and 1,234 more (--dry-run lists them all)".
pub fn import_notices_more(count: usize) -> String {
    tr!("import-notices-more", "count" => count)
}
pub fn import_same_as_line(line: u64) -> String {
    tr!("import-same-as-line", "line" => line.to_string())
}
/// "3 rows have mistakes: nothing was imported."
pub fn import_refused(rows: usize) -> String {
    tr!("import-refused", "rows" => rows)
}
/// The same, of the desk's JSON, whose mistakes are named by customer.
pub fn import_refused_duplicates(rows: usize) -> String {
    tr!("import-refused-duplicates", "rows" => rows)
}
pub fn import_refused_duplicate_customers(customers: usize) -> String {
    tr!("import-refused-duplicate-customers", "customers" => customers)
}
pub fn import_refused_merge_other_ids(customers: usize) -> String {
    tr!("import-refused-merge-other-ids", "customers" => customers)
}
pub fn import_refused_customers(customers: usize) -> String {
    tr!("import-refused-customers", "customers" => customers)
}
/// "Imported 812 customers into …; 3 already there were skipped, 2 merged."
pub fn import_done(added: usize, merged: usize, skipped: usize, store: &str) -> String {
    tr!("import-done", "added" => added, "merged" => merged, "skipped" => skipped, "store" => store)
}
/// "import: 45,000 of 100,000 customers written…" (a terminal's progress line).
pub fn import_progress(done: usize, total: usize) -> String {
    tr!("import-progress", "done" => done, "total" => total)
}
pub fn import_dry_run(added: usize, merged: usize, skipped: usize) -> String {
    tr!("import-dry-run", "added" => added, "merged" => merged, "skipped" => skipped)
}
/// "Columns not read: Città, Fax".
pub fn import_unused(columns: &str) -> String {
    tr!("import-unused", "columns" => columns)
}
pub fn export_unknown_format(word: &str) -> String {
    tr!("export-unknown-format", "word" => word)
}
pub fn import_unknown_format(word: &str) -> String {
    tr!("import-unknown-format", "word" => word)
}
pub fn import_bad_on_duplicate(word: &str) -> String {
    tr!("import-bad-on-duplicate", "word" => word)
}
pub fn cannot_read(path: &str, e: &std::io::Error) -> String {
    tr!("cannot-read", "path" => path, "why" => super::io_reason(e))
}

/// A customer field as the customer form names it.
pub fn customer_field_name(field: crate::domain::CustomerField) -> String {
    use crate::domain::CustomerField as F;
    match field {
        F::Name => super::FIELD_NAME,
        F::Nickname => super::FIELD_NICKNAME,
        F::Phones => super::FIELD_PHONES,
        F::Email => super::FIELD_EMAIL,
        F::Birthday => super::FIELD_BIRTHDAY,
        F::Since => super::FIELD_SINCE,
        F::Tags => super::FIELD_TAGS,
        F::Preferences => super::FIELD_PREFERENCES,
    }
    .to_string()
}

pub fn completions_bad_shell(word: &str) -> String {
    tr!("completions-bad-shell", "word" => word)
}
