//! Backups: the whole store as one file a shopkeeper can put on a USB stick, and the store brought back from
//! one.
//!
//! A backup holds every record as it is stored (tree, key, value), not sled's own files, so it does not
//! depend on sled's on-disk format and restores into a fresh store. Its layout:
//!
//! ```text
//! "REGULARS-BACKUP\n"         16 bytes, so `head -c 16` tells what the file is
//! format          u8          this module's layout (1)
//! schema          u32 BE      the store's schema version; an older one is migrated after restoring
//! records         repeated:   1, tree name (u8 length + bytes), key (u32 BE length + bytes), value (u32 + bytes)
//! end             0, then the number of records (u64 BE)
//! checksum        u32 BE      CRC-32 of every byte before it
//! ```
//!
//! It is written to a temporary file beside the target, fsynced, renamed over it and the folder fsynced, so
//! a backup file is whole or not there. Restoring checks the checksum over the whole file before anything is
//! written, then builds a fresh store from it and swaps it in ([`super::rewrite`]).

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::rewrite::{self, copied};
use super::{SCHEMA_VERSION, Store, StoreError, StoreLock};
use crate::text;

const MAGIC: &[u8; 16] = b"REGULARS-BACKUP\n";
/// The layout this module writes and reads.
pub const BACKUP_FORMAT: u8 = 1;
/// No stored key or value is larger (the codec's own limit is 4 MiB); a length claiming more is damage.
const MAX_FIELD: u32 = 8 * 1024 * 1024;

/// What a backup holds, as its checks found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackupSummary {
    pub schema: u32,
    pub customers: u64,
    pub records: u64,
}

/// Writes bytes and keeps the running checksum.
struct Summing<W> {
    inner: W,
    crc: crc32fast::Hasher,
}

impl<W: Write> Summing<W> {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.crc.update(bytes);
        self.inner.write_all(bytes)
    }
}

/// Reads bytes and keeps the running checksum.
struct Checking<R> {
    inner: R,
    crc: crc32fast::Hasher,
}

impl<R: Read> Checking<R> {
    fn take(&mut self, buf: &mut [u8]) -> io::Result<()> {
        self.inner.read_exact(buf)?;
        self.crc.update(buf);
        Ok(())
    }

    fn u8(&mut self) -> io::Result<u8> {
        let mut b = [0u8; 1];
        self.take(&mut b)?;
        Ok(b[0])
    }

    fn u32(&mut self) -> io::Result<u32> {
        let mut b = [0u8; 4];
        self.take(&mut b)?;
        Ok(u32::from_be_bytes(b))
    }

    fn bytes(&mut self, len: u32) -> io::Result<Vec<u8>> {
        let mut v = vec![0u8; len as usize];
        self.take(&mut v)?;
        Ok(v)
    }
}

/// A backup file that could not be read or written: a sentence about the file, not the store.
fn backup_io(file: &Path, source: io::Error) -> StoreError {
    StoreError::BackupIo {
        path: file.to_path_buf(),
        source,
    }
}

fn bad(file: &Path, detail: impl Into<String>) -> StoreError {
    StoreError::BadBackup {
        path: file.to_path_buf(),
        detail: detail.into(),
    }
}

impl Store {
    /// Writes every record of the store to `file` as a backup, whole or not at all, durable when it
    /// returns. The store's lock is held by whoever opened it, so nothing changes meanwhile.
    pub fn backup_to(&self, file: &Path) -> Result<BackupSummary, StoreError> {
        let io_err = |e| backup_io(file, e);
        let tmp = file.with_extension("regulars-tmp");
        let out = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)
            .map_err(io_err)?;
        let mut w = Summing {
            inner: BufWriter::new(crate::files::WriteBehind::new(out)),
            crc: crc32fast::Hasher::new(),
        };
        let mut summary = BackupSummary {
            schema: self.schema_version()?.unwrap_or(SCHEMA_VERSION),
            customers: 0,
            records: 0,
        };
        let written = (|| -> Result<(), StoreError> {
            w.put(MAGIC).map_err(io_err)?;
            w.put(&[BACKUP_FORMAT]).map_err(io_err)?;
            w.put(&summary.schema.to_be_bytes()).map_err(io_err)?;
            for name in copied() {
                let Some(tree) = self.tree_named(name) else {
                    continue;
                };
                for item in tree.leaves() {
                    let (key, value) = item.map_err(|e| self.err(e))?;
                    w.put(&[1, name.len() as u8]).map_err(io_err)?;
                    w.put(name.as_bytes()).map_err(io_err)?;
                    for part in [key.as_ref(), value.as_ref()] {
                        let len = u32::try_from(part.len())
                            .map_err(|_| io_err(io::Error::other("record too large")))?;
                        w.put(&len.to_be_bytes()).map_err(io_err)?;
                        w.put(part).map_err(io_err)?;
                    }
                    summary.records += 1;
                    if name == "customers" {
                        summary.customers += 1;
                    }
                }
            }
            w.put(&[0]).map_err(io_err)?;
            w.put(&summary.records.to_be_bytes()).map_err(io_err)?;
            let crc = w.crc.clone().finalize();
            w.inner.write_all(&crc.to_be_bytes()).map_err(io_err)?;
            let file = w.inner.into_inner().map_err(|e| io_err(e.into_error()))?;
            file.into_file().sync_all().map_err(io_err)
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        fs::rename(&tmp, file).map_err(io_err)?;
        crate::files::sync_dir(crate::files::folder_of(file)).map_err(io_err)?;
        Ok(summary)
    }
}

/// Reads a backup through, handing each record to `record` (tree, key, value); checks the layout, the
/// tree names, the count and the checksum. `record` is called before the checksum is known: verify first
/// ([`verify`]) when records are to be kept.
fn read(
    file: &Path,
    record: &mut impl FnMut(&str, Vec<u8>, Vec<u8>) -> Result<(), StoreError>,
) -> Result<BackupSummary, StoreError> {
    let opened = File::open(file).map_err(|e| backup_io(file, e))?;
    let mut r = Checking {
        inner: BufReader::new(opened),
        crc: crc32fast::Hasher::new(),
    };
    let short = |_: io::Error| bad(file, text::BACKUP_CUT_SHORT.to_string());
    let mut magic = [0u8; 16];
    if r.take(&mut magic).is_err() || &magic != MAGIC {
        return Err(StoreError::NotABackup {
            path: file.to_path_buf(),
        });
    }
    let format = r.u8().map_err(short)?;
    if format != BACKUP_FORMAT {
        return Err(bad(file, text::backup_unknown_format(format)));
    }
    let schema = r.u32().map_err(short)?;
    if schema > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: file.to_path_buf(),
            found: schema,
            supported: SCHEMA_VERSION,
        });
    }
    let mut summary = BackupSummary {
        schema,
        customers: 0,
        records: 0,
    };
    loop {
        match r.u8().map_err(short)? {
            0 => break,
            1 => {}
            _ => return Err(bad(file, text::BACKUP_MALFORMED.to_string())),
        }
        let name_len = r.u8().map_err(short)?;
        let name = r.bytes(u32::from(name_len)).map_err(short)?;
        let Some(name) = copied().find(|n| n.as_bytes() == name.as_slice()) else {
            return Err(bad(file, text::BACKUP_MALFORMED.to_string()));
        };
        let mut parts = Vec::with_capacity(2);
        for _ in 0..2 {
            let len = r.u32().map_err(short)?;
            if len > MAX_FIELD {
                return Err(bad(file, text::BACKUP_MALFORMED.to_string()));
            }
            parts.push(r.bytes(len).map_err(short)?);
        }
        let value = parts.pop().unwrap_or_default();
        let key = parts.pop().unwrap_or_default();
        summary.records += 1;
        if name == "customers" {
            summary.customers += 1;
        }
        record(name, key, value)?;
    }
    let mut count = [0u8; 8];
    r.take(&mut count).map_err(short)?;
    let expected = r.crc.clone().finalize();
    let mut crc = [0u8; 4];
    r.inner.read_exact(&mut crc).map_err(short)?;
    let mut rest = [0u8; 1];
    let trailing = r.inner.read(&mut rest).map_err(short)?;
    if u64::from_be_bytes(count) != summary.records
        || u32::from_be_bytes(crc) != expected
        || trailing != 0
    {
        return Err(bad(file, text::BACKUP_CHECKSUM.to_string()));
    }
    Ok(summary)
}

/// Checks a backup whole (layout, checksum) without restoring it.
pub fn verify(file: &Path) -> Result<BackupSummary, StoreError> {
    read(file, &mut |_, _, _| Ok(()))
}

/// Where `restore --force` keeps the store it replaces: a backup beside the store, named by the time.
pub fn replaced_backup_path(store: &Path, stamp: &str) -> PathBuf {
    let mut name = store.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".before-restore-{stamp}"));
    unused_name(&store.with_file_name(name), ".regulars-backup")
}

/// `stem` + `suffix`, or with `-2`, `-3`… before the suffix when that file is there already (two backups
/// in the same second must not replace one another).
pub fn unused_name(stem: &Path, suffix: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let mut name = stem.as_os_str().to_os_string();
        if n > 1 {
            name.push(format!("-{n}"));
        }
        name.push(suffix);
        let path = PathBuf::from(name);
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}

/// Refuses a backup file inside the store's folder (or the folders a rewrite uses beside it): the next
/// forget or restore replaces that folder whole, and the backup would go with it.
pub fn check_outside(file: &Path, store: &Path) -> Result<(), StoreError> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let file = absolute(file);
    let store = absolute(store);
    let inside = [
        store.clone(),
        rewrite::new_dir(&store),
        store.with_file_name({
            let mut n = store.file_name().unwrap_or_default().to_os_string();
            n.push(".regulars-old");
            n
        }),
    ]
    .iter()
    .any(|folder| file.starts_with(folder));
    if inside {
        return Err(StoreError::BackupInsideStore { path: file, store });
    }
    Ok(())
}

/// What a restore did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    pub summary: BackupSummary,
    /// The backup of the store that was replaced (`--force` on a store that held something).
    pub saved_first: Option<PathBuf>,
}

/// Restores the backup `file` into the store at `path`: only into an empty or new store, or, with
/// `force`, after saving a backup of the current one beside it (named with `stamp`). The file is checked
/// whole before anything is written; the store is rebuilt fresh and swapped in, so a crash leaves the old
/// store or the restored one.
pub fn restore(file: &Path, path: &Path, force: bool, stamp: &str) -> Result<Restored, StoreError> {
    let summary = verify(file)?;
    let lock = StoreLock::exclusive(path)?;
    let current = Store::open_locked(lock, false)?;
    let held = current.customer_count();
    let mut saved_first = None;
    if held > 0 || !current.events.iter().all(sled::Tree::is_empty) {
        if !force {
            return Err(StoreError::NotEmpty {
                path: path.to_path_buf(),
                customers: held,
            });
        }
        let beside = replaced_backup_path(path, stamp);
        current.backup_to(&beside)?;
        saved_first = Some(beside);
    }
    let fresh = Store::fresh(&rewrite::new_dir(path))?;
    let mut fill = fresh.filler();
    read(file, &mut |tree, key, value| fill.put(tree, &key, value))?;
    fill.finish()?;
    // The restored store's index is built anew: its journal bookkeeping starts over.
    fresh
        .meta
        .remove(super::PRUNED_KEY)
        .map_err(|e| fresh.err(e))?;
    fresh.bump_epoch()?;
    let new = fresh.seal()?;
    let held_lock = current.close_keeping_lock();
    rewrite::swap_in(path, &new, held_lock)?;
    Ok(Restored {
        summary,
        saved_first,
    })
}
