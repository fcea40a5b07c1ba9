//! What can go wrong with a store, each as one sentence for the person at the counter.

use std::io;
use std::path::{Path, PathBuf};

use crate::domain::Id;
use crate::text;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", text::store_locked(&.path.display().to_string()))]
    Locked { path: PathBuf },
    #[error("{}", text::store_too_new(&.path.display().to_string(), *.found, *.supported))]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}", text::store_damaged(&.path.display().to_string(), .detail))]
    Damaged { path: PathBuf, detail: String },
    #[error("{}", text::disk_full(&.path.display().to_string()))]
    DiskFull { path: PathBuf },
    #[error("{}", text::store_not_writable(&.path.display().to_string()))]
    NotWritable { path: PathBuf },
    #[error("{}", text::store_io(&.path.display().to_string(), &.source.to_string()))]
    Io { path: PathBuf, source: io::Error },
    #[error("{}", text::no_customer(&.0.to_string()))]
    NoCustomer(Id),
    /// No event has this id.
    #[error("{}", text::no_event(&.0.to_string()))]
    NoEvent(Id),
    #[error("{}", text::already_voided(&.0.to_string()))]
    AlreadyVoided(Id),
    /// No open complaint of that customer has this id.
    #[error("{}", text::no_complaint(&.0.to_string()))]
    NoComplaint(Id),
    /// No promise that stands has this id.
    #[error("{}", text::no_promise(&.0.to_string()))]
    NoPromise(Id),
    /// The customer has no reward ready: the stamps they have so far, and how many a reward needs.
    #[error("{}", text::no_reward_ready(*.0, *.1))]
    NoRewardReady(u32, u32),
    /// The promise was kept or cancelled already.
    #[error("{}", text::promise_already_ended(&.0.to_string(), *.1))]
    PromiseEnded(Id, crate::domain::Outcome),
    /// A backup file that is damaged or of a layout this binary does not read.
    #[error("{}", text::bad_backup(&.path.display().to_string(), .detail))]
    BadBackup { path: PathBuf, detail: String },
    /// A backup file that could not be read or written.
    #[error("{}", backup_io_sentence(.path, .source))]
    BackupIo { path: PathBuf, source: io::Error },
    /// A backup asked for inside the store's own folder.
    #[error("{}", text::backup_inside_store(&.path.display().to_string(), &.store.display().to_string()))]
    BackupInsideStore { path: PathBuf, store: PathBuf },
    /// A file that is no backup of this desk.
    #[error("{}", text::not_a_backup(&.path.display().to_string()))]
    NotABackup { path: PathBuf },
    /// A restore into a store that holds records, without `--force`.
    #[error("{}", text::store_not_empty(&.path.display().to_string(), *.customers))]
    NotEmpty { path: PathBuf, customers: usize },
    /// Something is recorded for this customer: they cannot simply be removed.
    #[error("{}", text::customer_in_use(&.0.to_string()))]
    CustomerInUse(Id),
    /// The store could not be opened behind the desk's first frame, or was closed; `reason` is the
    /// sentence that said why.
    #[error("{reason}")]
    Unavailable { path: PathBuf, reason: String },
}

/// An I/O error at the store, as the person at the counter should read it.
pub(super) fn io_error(path: &Path, source: io::Error) -> StoreError {
    // sled sometimes wraps the system's error in one of its own, keeping only the text.
    let full = source.kind() == io::ErrorKind::StorageFull
        || source.raw_os_error() == Some(libc::ENOSPC)
        || source.to_string().contains("No space left on device");
    if full {
        StoreError::DiskFull {
            path: path.to_path_buf(),
        }
    } else if source.kind() == io::ErrorKind::PermissionDenied {
        StoreError::NotWritable {
            path: path.to_path_buf(),
        }
    } else {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// sled reports a held lock as an `Other` I/O error whose message says so.
pub(super) fn is_lock_error(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Other && e.to_string().contains("could not acquire lock")
}

/// What went wrong with a backup file, said plainly where it can be: a folder that is not there, a file
/// that is not there, no permission; otherwise the system's own words.
fn backup_io_sentence(path: &std::path::Path, source: &io::Error) -> String {
    let shown = path.display().to_string();
    let folder = path
        .parent()
        .filter(|f| !f.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    match source.kind() {
        io::ErrorKind::NotFound if !folder.is_dir() => {
            text::backup_no_folder(&folder.display().to_string())
        }
        io::ErrorKind::NotFound => text::backup_missing(&shown),
        io::ErrorKind::PermissionDenied => text::backup_not_allowed(&shown),
        _ => text::backup_io(&shown, &source.to_string()),
    }
}
