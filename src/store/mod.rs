//! The store: one typed API over sled. The only module that names sled.
//!
//! Trees:
//! - `meta`: the schema version (`schema_version` → u32 big-endian).
//! - `customers`: customer id → customer.
//! - one tree per kind of event (`visits`, `notes`, `voids`: see `shapes::EVENTS`), each customer id ++
//!   event id → event. Event ids are ULIDs made from the event's time, so a customer's events come out of a
//!   prefix scan in time order. A void names the event it takes back; nothing is ever overwritten or
//!   deleted. The generic code in `events.rs` serves every kind.
//! - `owners`: event id → customer id, for events written one at a time: finds an event by its id alone
//!   (`regulars void ID`); events loaded in bulk are found by a walk over the event keys instead.
//!
//! Every write that the caller reports to a person goes through [`Store::sync`]: sled's `flush()` hands the
//! data to the kernel with `sync_file_range`, which does not reach the disk's platter or flash cache (sled
//! issues 1452 and 1351), so the data file is also `fdatasync`ed, and so are new blob files, which sled writes
//! without any sync at all.

pub mod backup;
mod check;
mod codec;
mod error;
mod events;
mod everyone;
mod forget;
mod journal;
mod load;
mod lock;
mod records;
mod rewrite;
mod rows;
mod shapes;
mod sync;
mod voids;

use std::fs::{self, File};
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub use crate::domain::VisitStats;
pub use codec::{CodecError, FORMAT_VERSION};
pub use error::StoreError;
use error::{io_error, is_lock_error};
use events::event_key;
pub use everyone::{Batch, Everyone, Stored};
pub use journal::IndexState;
pub use lock::StoreLock;
use shapes::Record;
pub use sync::{CustomerCopy, Incoming, Mark, Standing, SyncPlace, SyncRecord, TakenIn, Waiting};

use crate::domain::{Customer, Id};
use crate::text::{self, Msg};

/// The schema this binary writes. A new store is created at this version; older ones are migrated up.
pub const SCHEMA_VERSION: u32 = 6;

/// One step of the migration ladder: brings a store from version `from` to `from + 1`. Steps are idempotent
/// (a crash half-way through simply runs the step again on the next start).
struct Migration {
    from: u32,
    run: fn(&Store) -> Result<(), StoreError>,
}

/// The ladder. Each new format adds a step here.
const MIGRATIONS: &[Migration] = &[
    // 1 → 2: the `stats` tree caches each customer's visit count and last visit.
    Migration {
        from: 1,
        run: Store::rebuild_stats,
    },
    // 2 → 3: voids (their own tree), and the `owners` tree that finds an event's customer by its id
    // (new trees, empty in an older store: nothing to move; a binary of schema 2 must not open a store
    // that may hold voids it would not see).
    Migration {
        from: 2,
        run: |_| Ok(()),
    },
    // 3 → 4: promises and their ends (new trees, empty in an older store; a binary of schema 3 must not
    // open a store whose promises it would not see, back up or forget), and the figures gain what the
    // agenda needs (the oldest open complaint, the first open promise): recomputed from the events.
    Migration {
        from: 3,
        run: Store::rebuild_stats,
    },
    // 4 → 5: redemptions (a new tree, empty in an older store), and the figures gain what the loyalty
    // rules need (amounts spent, stamps used, the latest visiting days, visits per month): recomputed.
    Migration {
        from: 4,
        run: Store::rebuild_stats,
    },
    // 5 → 6: what sync keeps (the outbox, the customers' field clocks: new trees, empty in an older
    // store; a binary of schema 5 must not write to a store that syncs, or its writes would never be
    // pushed).
    Migration {
        from: 5,
        run: |_| Ok(()),
    },
];

const SCHEMA_KEY: &[u8] = b"schema_version";
const STORE_ID_KEY: &[u8] = b"store_id";
const EPOCH_KEY: &[u8] = b"index_epoch";
const PRUNED_KEY: &[u8] = b"index_pruned";
/// Present while an empty store is being filled by an import in steps ([`Store::load_into_empty`]): a
/// store opened with it there was empty before, and is made empty again.
const FILLING_KEY: &[u8] = b"filling_empty";

/// sled's lock, data file and blob directory inside the store directory.
const DATA_FILE: &str = "db";
/// sled's settings file, written once when the store is made.
const CONF_FILE: &str = "conf";
const BLOB_DIR: &str = "blobs";

pub struct Store {
    path: PathBuf,
    db: sled::Db,
    meta: sled::Tree,
    customers: sled::Tree,
    /// One tree per kind of event, in the order of [`shapes::EVENTS`].
    events: Vec<sled::Tree>,
    owners: sled::Tree,
    stats: sled::Tree,
    /// Sequence number → id of a customer whose indexed fields or visit figures changed; lets a saved
    /// search index catch up with the store. Pruned when the index is saved.
    journal: sled::Tree,
    /// What this till wrote that the sync hub has not taken yet, and the customers' field clocks
    /// (`sync.rs`).
    outbox: sled::Tree,
    clocks: sled::Tree,
    /// Customer id ++ event id → the name of the till that wrote the event, as the hub knows it.
    tills: sled::Tree,
    /// A digest of each customer forgotten here or at another till, never their id (`sync/forgotten.rs`).
    forgotten: sled::Tree,
    /// sled's data file, kept open to fdatasync it after each flush.
    data_file: File,
    /// Blob files already synced, by name, so each is synced once.
    synced_blobs: Mutex<std::collections::HashSet<std::ffi::OsString>>,
    /// How many of the next writes are to fail before they change anything (tests only).
    #[cfg(feature = "test-hooks")]
    failing: std::sync::atomic::AtomicU32,
    #[cfg(feature = "test-hooks")]
    failing_syncs: std::sync::atomic::AtomicU32,
    /// The store's own lock, held from before sled opens until after it is torn down (declared last, so
    /// dropped last).
    lock: StoreLock,
}

/// How long opening waits for a store that was closed a moment ago.
const LOCK_WAIT: Duration = Duration::from_millis(500);

/// Decodes `bytes` as every kind of stored record; for the fuzz targets in `fuzz/` (none may panic).
#[doc(hidden)]
pub fn decode_any(bytes: &[u8]) {
    let _ = Customer::from_bytes(bytes);
    for kind in shapes::EVENTS {
        let _ = (kind.decode)(bytes);
    }
    let _ = records::decode_stats(bytes);
}

thread_local! {
    /// Set while this thread runs sled code whose panics are caught and turned into a sentence.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True while this thread is inside [`quietly`]: a panic hook says nothing of a panic that will be caught
/// and reported as a sentence (the desk's hook asks too, so the terminal is not torn down for it).
pub fn panicking_quietly() -> bool {
    QUIET.with(|q| q.get())
}

/// Runs `f`, catching a panic (sled panics on some kinds of damage instead of returning an error). The
/// process's panic hook is wrapped once so that such a panic is logged, not printed over the screen.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static WRAP: std::sync::Once = std::sync::Once::new();
    WRAP.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if panicking_quietly() {
                tracing::error!(location = ?info.location(), "sled panicked on a damaged store");
            } else {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result
}

/// Takes away every permission bit outside `most`, and adds none: a store the owner made read-only (a
/// backup kept safe) stays read-only.
fn tighten(path: &Path, most: u32) -> io::Result<()> {
    let mode = fs::metadata(path)?.permissions().mode() & 0o7777;
    if mode & !most != 0 {
        fs::set_permissions(path, fs::Permissions::from_mode(mode & most))?;
    }
    Ok(())
}

/// The key of a journal entry: sled's monotonic id plus one, so that 0 can mean "before every entry".
fn journal_key(generated: u64) -> [u8; 8] {
    generated.saturating_add(1).to_be_bytes()
}

fn id_from(bytes: &[u8]) -> Option<Id> {
    bytes.get(..16)?.try_into().ok().map(Id::from_bytes)
}

impl Store {
    /// Opens the store at `path`, creating it (mode 0700) if needed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_locked(StoreLock::exclusive(path)?, false)
    }

    /// Opens the store whose lock is held. `used_before` says the store is known to have been used (its
    /// saved search index is there): an empty store without a schema version is then damage, not a new
    /// store, and nothing is written to it.
    pub fn open_locked(lock: StoreLock, used_before: bool) -> Result<Store, StoreError> {
        let path = lock.dir().to_path_buf();
        let path = path.as_path();
        let io_err = |source: io::Error| io_error(path, source);
        // Nothing may be written while the mark still calls the saved index current.
        lock.clear_mark()?;
        crate::abort::point("open");
        let config = sled::Config::new()
            .path(path)
            // The working set of a shop fits easily; sled's default would let the cache grow to 1 GiB.
            .cache_capacity(64 * 1024 * 1024);
        // sled panics on some kinds of damage instead of returning an error: turn that into a sentence too.
        let opened = quietly(|| Self::open_waiting_briefly(&config)).map_err(|panic| {
            let detail = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| text::DAMAGE_UNREADABLE.to_string());
            StoreError::Damaged {
                path: path.to_path_buf(),
                detail,
            }
        })?;
        let db = opened.map_err(|e| Self::error_at(path, e))?;
        let tree = |name: &str| db.open_tree(name).map_err(|e| Self::error_at(path, e));
        let store = Store {
            meta: tree("meta")?,
            customers: tree("customers")?,
            events: shapes::EVENTS
                .iter()
                .map(|kind| tree(kind.tree))
                .collect::<Result<_, _>>()?,
            owners: tree("owners")?,
            stats: tree("stats")?,
            journal: tree("index_journal")?,
            outbox: tree("outbox")?,
            clocks: tree("clocks")?,
            tills: tree("tills")?,
            forgotten: tree("forgotten")?,
            data_file: File::open(path.join(DATA_FILE)).map_err(io_err)?,
            synced_blobs: Mutex::default(),
            #[cfg(feature = "test-hooks")]
            failing: std::sync::atomic::AtomicU32::new(0),
            #[cfg(feature = "test-hooks")]
            failing_syncs: std::sync::atomic::AtomicU32::new(0),
            path: path.to_path_buf(),
            db,
            lock,
        };
        store.restrict_permissions().map_err(io_err)?;
        store.check_schema(used_before)?;
        store.undo_interrupted_fill()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes the store: sled is torn down, then, with the lock still held, `mark` (the header of a saved
    /// search index that matches the records exactly) is written so that readers may answer from that
    /// index alone. Every write is already durable; a mark that cannot be written is only logged.
    pub fn close(self, mark: Option<&[u8]>) {
        let lock = self.close_keeping_lock();
        if let Some(mark) = mark
            && let Err(e) = lock.set_mark(mark)
        {
            tracing::warn!(error = %e, "the search index could not be marked current");
        }
    }

    /// Closes sled (waiting until it has let go of its files) and hands back the store's lock, still held.
    pub(super) fn close_keeping_lock(self) -> StoreLock {
        let (lock, let_go) = self.tear_down();
        if let Err(e) = let_go {
            tracing::warn!(error = %e, "sled was slow to let go of its files");
        }
        lock
    }

    /// Drops every handle on sled, then waits for sled to let go of its files: the lock, and whether sled
    /// let go in time. The pattern names every field, so a tree added to the store cannot be left open
    /// here (sled's flusher would then keep its files until the wait ran out, half a second at each close).
    fn tear_down(self) -> (StoreLock, io::Result<()>) {
        let Store {
            path: _,
            db,
            meta,
            customers,
            events,
            owners,
            stats,
            journal,
            outbox,
            clocks,
            tills,
            forgotten,
            data_file,
            synced_blobs: _,
            #[cfg(feature = "test-hooks")]
                failing: _,
            #[cfg(feature = "test-hooks")]
                failing_syncs: _,
            lock,
        } = self;
        drop((
            meta, customers, events, owners, stats, journal, outbox, clocks, tills, forgotten,
        ));
        drop(db);
        drop(data_file);
        crate::abort::point("close");
        let let_go = lock.wait_for_sled();
        (lock, let_go)
    }

    /// sled finishes its last writes on background threads after a handle is dropped, so a store closed a
    /// moment ago (by this process or a command that just ended) can still be locked for a few
    /// milliseconds. Wait a little for that; a store really in use is reported well within a second.
    fn open_waiting_briefly(config: &sled::Config) -> sled::Result<sled::Db> {
        let deadline = Instant::now() + LOCK_WAIT;
        loop {
            match config.open() {
                Err(sled::Error::Io(e)) if is_lock_error(&e) && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => return other,
            }
        }
    }

    fn error_at(path: &Path, error: sled::Error) -> StoreError {
        let path = path.to_path_buf();
        match error {
            sled::Error::Io(e) if is_lock_error(&e) => StoreError::Locked { path },
            sled::Error::Io(source) => io_error(&path, source),
            sled::Error::Corruption { .. } => StoreError::Damaged {
                path,
                detail: error.to_string(),
            },
            other => StoreError::Damaged {
                path,
                detail: other.to_string(),
            },
        }
    }

    fn err(&self, error: sled::Error) -> StoreError {
        Self::error_at(&self.path, error)
    }

    fn damaged(&self, what: Msg, error: CodecError) -> StoreError {
        StoreError::Damaged {
            path: self.path.clone(),
            detail: format!("{what}: {error}"),
        }
    }

    /// Only the owner may read the store: the directory is 0700 and every file in it 0600.
    fn restrict_permissions(&self) -> io::Result<()> {
        fn walk(dir: &Path) -> io::Result<()> {
            for entry in fs::read_dir(dir)? {
                let entry = entry?;
                let kind = entry.file_type()?;
                if kind.is_dir() {
                    tighten(&entry.path(), 0o700)?;
                    walk(&entry.path())?;
                } else if kind.is_file() {
                    tighten(&entry.path(), 0o600)?;
                }
            }
            Ok(())
        }
        walk(&self.path)
    }

    /// The schema version recorded in the store.
    pub fn schema_version(&self) -> Result<Option<u32>, StoreError> {
        let raw = self.meta.get(SCHEMA_KEY).map_err(|e| self.err(e))?;
        raw.map(|v| {
            <[u8; 4]>::try_from(v.as_ref())
                .map(u32::from_be_bytes)
                .map_err(|_| StoreError::Damaged {
                    path: self.path.clone(),
                    detail: text::DAMAGE_SCHEMA_UNREADABLE.to_string(),
                })
        })
        .transpose()
    }

    fn set_schema_version(&self, version: u32) -> Result<(), StoreError> {
        self.meta
            .insert(SCHEMA_KEY, &version.to_be_bytes())
            .map_err(|e| self.err(e))?;
        self.sync()
    }

    /// A store just made: sled writes its `conf` file and its folder's entries without fsync, so a power
    /// cut could leave a folder without them after the first write was acknowledged. Its files, the
    /// folder, and the folder's entry in its parent are fsynced.
    fn make_new_store_durable(&self) -> Result<(), StoreError> {
        let io_err = |source| io_error(&self.path, source);
        File::open(self.path.join(CONF_FILE))
            .and_then(|f| f.sync_all())
            .map_err(io_err)?;
        crate::files::sync_dir(&self.path).map_err(io_err)?;
        crate::files::sync_dir(crate::files::folder_of(&self.path)).map_err(io_err)
    }

    /// A new store is stamped with today's version; an older one climbs the ladder; a newer one is refused.
    fn check_schema(&self, used_before: bool) -> Result<(), StoreError> {
        match self.schema_version()? {
            None => {
                let empty =
                    self.customers.is_empty() && self.events.iter().all(sled::Tree::is_empty);
                if used_before {
                    return Err(StoreError::Damaged {
                        path: self.path.clone(),
                        detail: text::DAMAGE_SCHEMA_LOST.to_string(),
                    });
                }
                if !empty {
                    return Err(StoreError::Damaged {
                        path: self.path.clone(),
                        detail: text::DAMAGE_NO_SCHEMA.to_string(),
                    });
                }
                self.set_schema_version(SCHEMA_VERSION)?;
                self.make_new_store_durable()
            }
            Some(found) if found > SCHEMA_VERSION => Err(StoreError::TooNew {
                path: self.path.clone(),
                found,
                supported: SCHEMA_VERSION,
            }),
            Some(mut version) => {
                while version < SCHEMA_VERSION {
                    let step = MIGRATIONS
                        .iter()
                        .find(|m| m.from == version)
                        .ok_or_else(|| StoreError::Damaged {
                            path: self.path.clone(),
                            detail: text::damage_no_migration(version),
                        })?;
                    (step.run)(self)?;
                    // Killed here, the step runs again on the next open: every step must bear that.
                    crate::abort::point("migration");
                    version += 1;
                    self.set_schema_version(version)?;
                }
                Ok(())
            }
        }
    }

    /// Tests only: the next `writes` writes of a record (a customer, an event) fail before they change
    /// anything, as a disk that refuses them would.
    #[cfg(feature = "test-hooks")]
    pub fn fail_next_writes(&self, writes: u32) {
        self.failing
            .store(writes, std::sync::atomic::Ordering::SeqCst);
    }

    /// Tests only: the sync after the next `after` ones fails *after* the store took its write in, as an
    /// `fsync` that reports a disk error does: the write is in sled, and a later sync may still carry it
    /// to disk.
    #[cfg(feature = "test-hooks")]
    pub fn fail_sync_after(&self, after: u32) {
        self.failing_syncs
            .store(after + 1, std::sync::atomic::Ordering::SeqCst);
    }

    /// The failure [`Store::fail_next_writes`] asked for, if one is due; nothing in a build without test
    /// hooks.
    fn injected_failure(&self) -> Result<(), StoreError> {
        #[cfg(feature = "test-hooks")]
        if take_one(&self.failing) {
            return Err(io_error(
                &self.path,
                io::Error::other("a write failure injected by the test"),
            ));
        }
        Ok(())
    }

    /// The failure [`Store::fail_sync_after`] asked for, if this sync is the one.
    fn injected_sync_failure(&self) -> Result<(), StoreError> {
        #[cfg(feature = "test-hooks")]
        if self
            .failing_syncs
            .fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1))
            == Ok(1)
        {
            return Err(io_error(
                &self.path,
                io::Error::other("an fsync failure injected by the test"),
            ));
        }
        Ok(())
    }

    /// Makes every write so far durable: sled flush, then fdatasync of the data file and of new blob files.
    pub fn sync(&self) -> Result<(), StoreError> {
        self.injected_sync_failure()?;
        let io_err = |source| io_error(&self.path, source);
        self.db.flush().map_err(|e| self.err(e))?;
        self.data_file.sync_data().map_err(io_err)?;
        let blob_dir = self.path.join(BLOB_DIR);
        let mut synced = self
            .synced_blobs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut new_blob = false;
        for entry in fs::read_dir(&blob_dir).map_err(io_err)? {
            let entry = entry.map_err(io_err)?;
            if !synced.contains(&entry.file_name()) {
                // sled makes blob files with the default mode; the store's files are the owner's only.
                tighten(&entry.path(), 0o600).map_err(io_err)?;
                File::open(entry.path())
                    .and_then(|f| f.sync_data())
                    .map_err(io_err)?;
                synced.insert(entry.file_name());
                new_blob = true;
            }
        }
        if new_blob {
            crate::files::sync_dir(&blob_dir).map_err(io_err)?;
        }
        Ok(())
    }
}

/// Takes one from a count of failures still to inject: whether one was due.
#[cfg(feature = "test-hooks")]
fn take_one(left: &std::sync::atomic::AtomicU32) -> bool {
    left.fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

#[cfg(feature = "test-hooks")]
use std::sync::atomic::Ordering::SeqCst;
