//! The backups the desk keeps by itself: one at every clean close and one a day while it stays open, in a
//! folder beside the store (or where the settings say), each checked after it is written, the oldest
//! removed beyond the number to keep. `regulars restore FILE` brings one back.

use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};

use crate::book::Book;
use crate::config::BackupSettings;
use crate::store::StoreError;
use crate::store::backup;

/// How often the desk makes one while it stays open.
pub const EVERY: Duration = Duration::from_secs(24 * 60 * 60);
/// A last backup older than this is worth a word on the status line.
pub const STALE: Duration = Duration::from_secs(2 * 24 * 60 * 60);

const PREFIX: &str = "regulars-";
const SUFFIX: &str = ".regulars-backup";

/// Where and how many, for the store at `store`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutoBackups {
    pub folder: PathBuf,
    pub keep: usize,
    /// The files' names start with this: `regulars-STORE-` (two stores sharing a folder keep apart).
    prefix: String,
}

impl AutoBackups {
    pub fn new(store: &Path, settings: &BackupSettings) -> AutoBackups {
        let folder = match settings.folder.trim() {
            "" => store
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .join("backups"),
            // `~/…` as a shell would read it.
            folder => match (folder.strip_prefix("~/"), std::env::var_os("HOME")) {
                (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
                _ => PathBuf::from(folder),
            },
        };
        let name = store
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        AutoBackups {
            folder,
            keep: settings.keep,
            prefix: format!("{PREFIX}{name}-"),
        }
    }

    pub fn enabled(&self) -> bool {
        self.keep > 0
    }

    /// The desk's backups in the folder, oldest first (their names carry the time).
    pub fn list(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&self.prefix) && n.ends_with(SUFFIX))
            })
            .collect();
        found.sort();
        found
    }

    /// When the newest backup was written, if there is one.
    pub fn last(&self) -> Option<SystemTime> {
        let newest = self.list().pop()?;
        std::fs::metadata(newest).and_then(|m| m.modified()).ok()
    }

    /// Writes a backup of the book's store now, checks it, and removes the oldest beyond `keep`.
    pub fn make(&self, book: &mut Book, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
        let io_err = |e| StoreError::Io {
            path: self.folder.clone(),
            source: e,
        };
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.folder)
            .map_err(io_err)?;
        let stem = self
            .folder
            .join(format!("{}{}", self.prefix, now.format("%Y%m%d-%H%M%S")));
        let file = backup::unused_name(&stem, SUFFIX);
        book.store()?.backup_to(&file)?;
        backup::verify(&file)?;
        let all = self.list();
        for old in all.iter().take(all.len().saturating_sub(self.keep)) {
            if let Err(e) = std::fs::remove_file(old) {
                tracing::warn!(error = %e, "an old backup could not be removed");
            }
        }
        tracing::info!(file = %file.display(), "backup made");
        Ok(file)
    }
}
