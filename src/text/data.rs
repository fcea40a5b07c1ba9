//! The sentences of backups, restores, forgetting and exporting.

use super::catalog::{Msg, tr};

pub fn backup_written(path: &str, customers: u64, records: u64) -> String {
    tr!("backup-written", "path" => path, "customers" => customers, "records" => records)
}
pub const BACKUP_REPLACED: Msg = Msg("backup-replaced");
pub fn export_written(path: &str) -> String {
    tr!("export-written", "path" => path)
}
pub fn backup_verified(path: &str, customers: u64, records: u64) -> String {
    tr!("backup-verified", "path" => path, "customers" => customers, "records" => records)
}
pub fn restored(customers: u64, file: &str, store: &str) -> String {
    tr!("restored", "customers" => customers, "file" => file, "store" => store)
}
pub fn restore_saved_first(path: &str) -> String {
    tr!("restore-saved-first", "path" => path)
}
pub fn forget_progress(records: u64) -> String {
    tr!("forget-progress", "records" => records)
}
pub fn forget_question(name: &str) -> String {
    tr!("forget-question", "name" => name)
}
pub fn forgotten(name: &str, id: &str, visits: usize, notes: usize, promises: usize) -> String {
    tr!("forgotten", "name" => name, "id" => id, "visits" => visits, "notes" => notes, "promises" => promises)
}
pub fn own_backups_in(folder: &str) -> String {
    tr!("own-backups-in", "folder" => folder)
}
pub fn cannot_write(path: &str, e: &std::io::Error) -> String {
    tr!("cannot-write", "path" => path, "why" => io_reason(e))
}

/// Why a file could not be read or written, in a few words of the run's language (the system's own words
/// for anything less common).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let msg = match e.kind() {
        K::NotFound => Msg("io-not-found"),
        K::PermissionDenied => Msg("io-permission-denied"),
        K::IsADirectory => Msg("io-is-a-folder"),
        K::StorageFull => Msg("io-disk-full"),
        K::ReadOnlyFilesystem => Msg("io-read-only"),
        _ => return e.to_string(),
    };
    msg.to_string()
}
pub const FORGET_NOT_DONE: Msg = Msg("forget-not-done");
pub const EXPORT_NEEDS_FORMAT: Msg = Msg("export-needs-format");
pub const EXPORT_PERSON_IS_JSON: Msg = Msg("export-person-is-json");

/// A typed answer that means yes, in either language (`y`, `yes`, `s`, `sì`, `si`).
pub fn is_yes(answer: &str) -> bool {
    matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "s" | "si" | "sì"
    )
}

pub fn backup_io(path: &str, reason: &str) -> String {
    tr!("backup-io", "path" => path, "reason" => reason)
}
pub fn backup_no_folder(folder: &str) -> String {
    tr!("backup-no-folder", "folder" => folder)
}
pub fn backup_missing(path: &str) -> String {
    tr!("backup-missing", "path" => path)
}
pub fn backup_not_allowed(path: &str) -> String {
    tr!("backup-not-allowed", "path" => path)
}
pub fn backup_inside_store(path: &str, store: &str) -> String {
    tr!("backup-inside-store", "path" => path, "store" => store)
}
pub fn backup_made(path: &str) -> String {
    tr!("backup-made", "path" => path)
}
pub fn backup_failed(reason: &str) -> String {
    tr!("backup-failed", "reason" => reason)
}
pub fn backup_stale(days: u64, folder: &str) -> String {
    tr!("backup-stale", "days" => days, "folder" => folder)
}
pub const NO_BACKUP_YET: Msg = Msg("no-backup-yet");

pub fn bad_backup(path: &str, detail: &str) -> String {
    tr!("bad-backup", "path" => path, "detail" => detail)
}
/// [`bad_backup`] for `backup --verify`, which restores nothing either way.
pub fn bad_backup_checked(path: &str, detail: &str) -> String {
    tr!("bad-backup-checked", "path" => path, "detail" => detail)
}
pub fn not_a_backup(path: &str) -> String {
    tr!("not-a-backup", "path" => path)
}
pub fn store_not_empty(path: &str, customers: usize) -> String {
    tr!("store-not-empty", "path" => path, "customers" => customers)
}
pub fn backup_unknown_format(format: u8) -> String {
    tr!("backup-unknown-format", "format" => format)
}
pub const BACKUP_CUT_SHORT: Msg = Msg("backup-cut-short");
pub const BACKUP_MALFORMED: Msg = Msg("backup-malformed");
pub const BACKUP_CHECKSUM: Msg = Msg("backup-checksum");
