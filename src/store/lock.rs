//! The store's own lock, and the mark that says its saved search index is current.
//!
//! sled locks its data file while a handle is open, but a reader that answers from the saved search index
//! alone (`regulars find`, the desk's first frame) never opens sled. So the store has a lock file of its own:
//! whoever opens sled holds it exclusively from before the open until after the close; a reader that only
//! needs the index holds it shared. Readers therefore never overlap a writer.
//!
//! The mark (`index-current`) holds the header of the saved index and exists only while that index matches
//! the records exactly. Whoever takes the lock to open sled removes it first, durably, before anything can
//! be written; a clean close writes it again after saving the index. A desk or command that crashes leaves
//! no mark, so the next reader falls back to opening sled and replaying the journal.
//!
//! The mark also records how sled's files looked when sled had finished with them (inode, length, change
//! and modification times). If anything touched them since (damage, a copy, a program that does not know
//! about the mark), the mark no longer matches and the reader takes the ordinary way, which opens sled and
//! says what is wrong.

use std::fs::{self, File, TryLockError};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::error::io_error;
use super::{BLOB_DIR, DATA_FILE, LOCK_WAIT, StoreError, tighten};

const LOCK_FILE: &str = "lock";
const MARK_FILE: &str = "index-current";

/// A held lock on a store folder; released when dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub struct StoreLock {
    /// Holds the lock while it is open.
    _file: File,
    dir: PathBuf,
}

impl StoreLock {
    /// The lock for opening sled: creates the store folder (0700) if needed, waits briefly for a store
    /// closed a moment ago, and reports a store in use by someone else as [`StoreError::Locked`].
    pub fn exclusive(dir: &Path) -> Result<StoreLock, StoreError> {
        super::rewrite::recover_before_lock(dir)?;
        let lock = Self::exclusive_here(dir)?;
        super::rewrite::recover_after_lock(dir)?;
        Ok(lock)
    }

    /// [`StoreLock::exclusive`] without finishing an interrupted rewrite (for the fresh store of one).
    pub(super) fn exclusive_here(dir: &Path) -> Result<StoreLock, StoreError> {
        let io_err = |source: io::Error| io_error(dir, source);
        crate::files::create_dirs_durably(dir, 0o700).map_err(io_err)?;
        tighten(dir, 0o700).map_err(io_err)?;
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(dir.join(LOCK_FILE))
            .map_err(io_err)?;
        if !lock_briefly(|| file.try_lock()).map_err(io_err)? {
            return Err(StoreError::Locked {
                path: dir.to_path_buf(),
            });
        }
        Ok(StoreLock {
            _file: file,
            dir: dir.to_path_buf(),
        })
    }

    /// The lock for a reader that does not open sled, or `None` when that reader should take the ordinary
    /// way instead: no store there yet, or someone is using it (the ordinary way waits and explains).
    pub fn shared(dir: &Path) -> Option<StoreLock> {
        let file = File::open(dir.join(LOCK_FILE)).ok()?;
        file.try_lock_shared().ok()?;
        Some(StoreLock {
            _file: file,
            dir: dir.to_path_buf(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What the mark says (the header of the saved index), if sled's files are exactly as they were when
    /// it was written.
    pub fn mark(&self) -> Option<Vec<u8>> {
        let bytes = fs::read(self.dir.join(MARK_FILE)).ok()?;
        let (len, rest) = bytes.split_first_chunk::<4>()?;
        let (said, files) = rest.split_at_checked(u32::from_le_bytes(*len) as usize)?;
        (fingerprint(&self.dir).ok()? == files).then(|| said.to_vec())
    }

    /// Removes the mark before anything is written, and makes the removal durable: a crash after a write
    /// must never bring back a mark that calls the old index current.
    pub fn clear_mark(&self) -> Result<(), StoreError> {
        crate::files::remove_durably(&self.dir.join(MARK_FILE)).map_err(|e| io_error(&self.dir, e))
    }

    /// Writes the mark (whole or not at all) once sled has let go of its files. It need not survive a
    /// power cut: a lost mark only means the next reader takes the ordinary way.
    pub(super) fn set_mark(&self, says: &[u8]) -> io::Result<()> {
        self.wait_for_sled()?;
        let len = u32::try_from(says.len()).map_err(io::Error::other)?;
        let mut contents = len.to_le_bytes().to_vec();
        contents.extend_from_slice(says);
        contents.extend(fingerprint(&self.dir)?);
        crate::files::write_private(&self.dir.join(MARK_FILE), &contents, false)
    }

    /// sled finishes its last writes on background threads after its handles are dropped, holding its own
    /// lock on the data file until then.
    pub(super) fn wait_for_sled(&self) -> io::Result<()> {
        let data = File::open(self.dir.join(DATA_FILE))?;
        if lock_briefly(|| data.try_lock_shared())? {
            Ok(())
        } else {
            Err(io::Error::other("sled kept its lock"))
        }
    }
}

/// Tries `lock` until it holds, or until [`LOCK_WAIT`] has passed (`Ok(false)`: someone still holds it).
fn lock_briefly(lock: impl Fn() -> Result<(), TryLockError>) -> io::Result<bool> {
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match lock() {
            Ok(()) => return Ok(true),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(TryLockError::WouldBlock) => return Ok(false),
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// sled's files as they are now: for each (data file, config, snapshots, blob folder), its name, inode,
/// length, and change and modification times.
fn fingerprint(dir: &Path) -> io::Result<Vec<u8>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == DATA_FILE || name == BLOB_DIR || name == "conf" || name.starts_with("snap.") {
            let meta = entry.metadata()?;
            let mut line = name.as_bytes().to_vec();
            line.push(0);
            for n in [meta.ino(), meta.len()] {
                line.extend_from_slice(&n.to_le_bytes());
            }
            for n in [
                meta.ctime(),
                meta.ctime_nsec(),
                meta.mtime(),
                meta.mtime_nsec(),
            ] {
                line.extend_from_slice(&n.to_le_bytes());
            }
            entries.push(line);
        }
    }
    entries.sort();
    Ok(entries.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_dir() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        (tmp, dir)
    }

    #[test]
    fn the_exclusive_lock_makes_a_private_folder_and_keeps_out_everyone_else() {
        use std::os::unix::fs::PermissionsExt;
        let (_tmp, dir) = store_dir();
        // No store yet: a reader is sent the ordinary way (which makes it).
        assert!(StoreLock::shared(&dir).is_none());
        let held = StoreLock::exclusive(&dir).unwrap();
        let mode = fs::metadata(&dir).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        // Another writer gets a sentence naming the store; a reader gets nothing to read by.
        match StoreLock::exclusive(&dir) {
            Err(StoreError::Locked { path }) => assert_eq!(path, dir),
            other => panic!("a second writer got {other:?}"),
        }
        assert!(StoreLock::shared(&dir).is_none());
        drop(held);
        // Let go, it is free for either.
        let reader = StoreLock::shared(&dir).unwrap();
        assert!(StoreLock::shared(&dir).is_some(), "readers share");
        assert!(
            matches!(StoreLock::exclusive(&dir), Err(StoreError::Locked { .. })),
            "a writer waits for the readers"
        );
        drop(reader);
        StoreLock::exclusive(&dir).unwrap();
    }

    #[test]
    fn closing_a_store_lets_go_of_sleds_files_without_waiting_out_the_clock() {
        let (_tmp, dir) = store_dir();
        let store = super::super::Store::open(&dir).unwrap();
        store.sync().unwrap();
        let (lock, let_go) = store.tear_down();
        // Every handle on sled is dropped before the wait, so sled lets go at once rather than when its
        // flusher next wakes (which the wait would not see before giving up).
        assert!(let_go.is_ok(), "sled kept its files: {let_go:?}");
        lock.set_mark(b"index header").unwrap();
        assert_eq!(lock.mark().as_deref(), Some(&b"index header"[..]));
    }

    #[test]
    fn the_mark_holds_only_while_sleds_files_are_as_they_were() {
        let (_tmp, dir) = store_dir();
        let lock = StoreLock::exclusive(&dir).unwrap();
        fs::write(dir.join(DATA_FILE), b"sled's data").unwrap();
        fs::write(dir.join("conf"), b"segment_size: 524288").unwrap();
        assert_eq!(lock.mark(), None, "no mark written yet");
        lock.set_mark(b"index header").unwrap();
        assert_eq!(lock.mark().as_deref(), Some(&b"index header"[..]));
        // The data file touched by anyone: the mark no longer speaks for it.
        fs::write(dir.join(DATA_FILE), b"sled's data, changed").unwrap();
        assert_eq!(lock.mark(), None);
        lock.set_mark(b"index header 2").unwrap();
        assert_eq!(lock.mark().as_deref(), Some(&b"index header 2"[..]));
        // A file of sled's that was not there before (a snapshot) also voids it.
        fs::write(dir.join("snap.0000000000000001"), b"snapshot").unwrap();
        assert_eq!(lock.mark(), None);
        lock.set_mark(b"index header 3").unwrap();
        lock.clear_mark().unwrap();
        assert!(!dir.join(MARK_FILE).exists());
        assert_eq!(lock.mark(), None);
        // Clearing a mark that is not there is fine.
        lock.clear_mark().unwrap();
    }
}
