//! Opening and closing a book: the store with its lock, the saved search index checked against it, and the
//! mark that lets the next reader skip the store (see `store::StoreLock`).

use std::path::Path;

use super::Book;
use super::index::{INDEX_FILE, save_after};
use crate::search::SearchIndex;
use crate::search::snapshot::Header;
use crate::store::{IndexState, Store, StoreError, StoreLock};
use crate::text;

/// The store behind a book: open, still opening behind the desk's first frame, or gone.
pub(super) enum Slot {
    /// Boxed: a store is a few hundred bytes of tree handles, the other states a few words.
    Open(Box<Store>),
    /// Opening on another thread; the index was loaded from the saved file that `Header` describes.
    Opening(std::thread::JoinHandle<Result<Store, StoreError>>, Header),
    /// Opening failed (the sentence says why), or the book was closed.
    Gone(String),
}

fn read_saved(path: &Path) -> Option<(Header, SearchIndex)> {
    let bytes = crate::files::map(&path.join(INDEX_FILE)).ok()?;
    SearchIndex::from_snapshot(&bytes)
}

/// The saved index, if the store's mark says it matches the records exactly (see `store::StoreLock`).
fn read_current(lock: &StoreLock) -> Option<(Header, SearchIndex)> {
    let mark = lock.mark()?;
    let (header, index) = read_saved(lock.dir())?;
    (header.to_bytes() == mark).then_some((header, index))
}

/// The saved index was made from this store, since its last write that bypassed the journal.
fn same_store_state(header: &Header, state: &IndexState) -> bool {
    header.store_id == state.store_id && header.epoch == state.epoch
}

impl Book {
    /// Opens the store and its search index: the saved index plus the changes journaled since, or, when
    /// there is no usable saved index, one built from the store (and saved for next time).
    pub fn open(path: &Path, staff: Option<String>) -> Result<Book, StoreError> {
        Self::open_locked(StoreLock::exclusive(path)?, staff)
    }

    fn open_locked(lock: StoreLock, staff: Option<String>) -> Result<Book, StoreError> {
        let path = lock.dir().to_path_buf();
        let path = path.as_path();
        // A saved index means the store was used before: it cannot be empty and new.
        let used_before = path.join(INDEX_FILE).exists();
        // The saved index is read on another thread while sled opens the store: at 100k customers each
        // takes tens of milliseconds, and neither needs the other. (Reading it cannot panic on any bytes,
        // but if it did, the index would be rebuilt from the store, as for no saved index at all.)
        let (store, saved) = std::thread::scope(|scope| {
            let saved = scope.spawn(|| read_saved(path));
            let store = Store::open_locked(lock, used_before);
            (store, saved.join().unwrap_or(None))
        });
        Self::adopt(store?, saved, staff)
    }

    /// Opens the book for the desk. When the saved index is current, the book is ready to search at once
    /// and the store opens on another thread behind the first frame; the first thing that needs the store
    /// waits for it ([`Book::check_open`] reports how it went). Otherwise this is [`Book::open`].
    pub fn open_for_desk(path: &Path, staff: Option<String>) -> Result<Book, StoreError> {
        let lock = StoreLock::exclusive(path)?;
        let Some((header, index)) = read_current(&lock) else {
            return Self::open_locked(lock, staff);
        };
        let opening = std::thread::Builder::new()
            .name("store-open".into())
            .spawn(move || {
                #[cfg(feature = "test-hooks")]
                gate::wait();
                Store::open_locked(lock, true)
            })
            .map_err(|e| StoreError::Io {
                path: path.to_path_buf(),
                source: e,
            })?;
        Ok(Book {
            path: path.to_path_buf(),
            slot: Slot::Opening(opening, header),
            index,
            staff,
            unsaved: 0,
            seq: header.seq,
            saved: Some(header),
            caught_up_late: false,
            rebuild_after_load: false,
        })
    }

    /// Opens the store a forget of `gone` has just rewritten, with `index`, the index of the store before
    /// it (caught up), which is brought in line and saved: `gone` taken out, and the customers in
    /// `changed` read again.
    fn open_without(
        path: &Path,
        staff: Option<String>,
        mut index: SearchIndex,
        gone: crate::domain::Id,
        changed: &[crate::domain::Id],
    ) -> Result<Book, StoreError> {
        let store = Store::open_locked(StoreLock::exclusive(path)?, false)?;
        index.remove(gone);
        for &id in changed {
            match store.customer(id)? {
                Some(customer) => {
                    index.upsert(&customer);
                    index.set_figures(id, &store.stats_for(id)?);
                }
                None => index.remove(id),
            }
        }
        let seq = store.index_state()?.pruned;
        let mut book = Book {
            path: path.to_path_buf(),
            slot: Slot::Open(Box::new(store)),
            index,
            staff,
            unsaved: 0,
            seq,
            saved: None,
            caught_up_late: false,
            rebuild_after_load: false,
        };
        book.catch_up()?;
        book.save_index();
        Ok(book)
    }

    /// The saved index alone, without opening the store, when the store's mark says it is current: what
    /// `regulars find` answers from. `None` means: open the book the ordinary way.
    pub fn saved_index(path: &Path) -> Option<SearchIndex> {
        let lock = StoreLock::shared(path)?;
        read_current(&lock).map(|(_, index)| index)
    }

    /// Checks the saved index against the store it was loaded for, then catches it up with the journal, or
    /// rebuilds it when it does not belong to this state of the store.
    fn adopt(
        store: Store,
        saved: Option<(Header, SearchIndex)>,
        staff: Option<String>,
    ) -> Result<Book, StoreError> {
        let path = store.path().to_path_buf();
        let state = store.index_state()?;
        let damaged = |detail: &str| StoreError::Damaged {
            path: path.clone(),
            detail: detail.to_string(),
        };
        if saved.is_some() && state.store_id_was_missing {
            return Err(damaged(&text::DAMAGE_IDENTITY_LOST.text()));
        }
        // sled treats a damaged log tail like a write cut short by a crash and quietly drops it. Nothing is
        // ever deleted from a store, so every customer the saved index knows must still be there: look at
        // the newest ones and a spread of the others.
        if let Some((header, index)) = &saved
            && header.store_id == state.store_id
        {
            for id in index.probe_ids(16) {
                if store.customer(id)?.is_none() {
                    return Err(damaged(&text::DAMAGE_CUSTOMERS_MISSING.text()));
                }
            }
        }
        let usable = match saved {
            Some((header, index))
                if same_store_state(&header, &state)
                    && (header.seq == state.pruned
                        || (header.seq > state.pruned && store.journal_has(header.seq)?)) =>
            {
                Some((header, index))
            }
            _ => None,
        };
        let rebuilt = usable.is_none();
        let (covered, saved, index) = match usable {
            Some((header, index)) => (header.seq, Some(header), index),
            None => {
                tracing::info!("building the search index from the store");
                (state.pruned, None, Self::build_index(&store)?)
            }
        };
        let mut book = Book {
            path,
            slot: Slot::Open(Box::new(store)),
            index,
            staff,
            unsaved: 0,
            seq: covered,
            saved,
            caught_up_late: false,
            rebuild_after_load: false,
        };
        book.catch_up()?;
        if rebuilt || book.unsaved >= save_after(book.len()) {
            book.save_index();
        }
        Ok(book)
    }

    /// The store, once it is open. A store still opening behind the desk's first frame is waited for, and
    /// the index loaded meanwhile is checked against it (and caught up or rebuilt if it must be).
    pub fn store(&mut self) -> Result<&Store, StoreError> {
        if let Slot::Opening(..) = self.slot {
            self.finish_opening()?;
        }
        match &self.slot {
            Slot::Open(store) => Ok(store),
            Slot::Gone(reason) => Err(StoreError::Unavailable {
                path: self.path.clone(),
                reason: reason.clone(),
            }),
            Slot::Opening(..) => unreachable!("finished above"),
        }
    }

    /// Waits for the store opening on another thread and adopts the index loaded meanwhile.
    fn finish_opening(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let gone = Slot::Gone(String::new());
        let Slot::Opening(opening, header) = std::mem::replace(&mut self.slot, gone) else {
            return Ok(());
        };
        let opened = opening.join().unwrap_or_else(|_| {
            Err(StoreError::Damaged {
                path: path.clone(),
                detail: text::DAMAGE_UNREADABLE.to_string(),
            })
        });
        let adopted = opened.and_then(|store| {
            let index = std::mem::take(&mut self.index);
            Self::adopt(store, Some((header, index)), self.staff.take())
        });
        match adopted {
            Ok(book) => {
                *self = book;
                self.caught_up_late = self.unsaved > 0 || self.saved != Some(header);
                Ok(())
            }
            Err(e) => {
                self.slot = Slot::Gone(e.to_string());
                Err(e)
            }
        }
    }

    /// For the desk's loop: `Ok(true)` once a store that was opening behind the first frame has opened
    /// and the index had to be caught up with it (searches should run again), `Ok(false)` otherwise, and
    /// the error when opening failed.
    pub fn check_open(&mut self) -> Result<bool, StoreError> {
        match &self.slot {
            Slot::Opening(opening, _) if !opening.is_finished() => return Ok(false),
            _ => self.store()?,
        };
        Ok(std::mem::take(&mut self.caught_up_late))
    }

    /// Whether the store is still opening behind the first frame.
    pub fn is_opening(&self) -> bool {
        matches!(self.slot, Slot::Opening(..))
    }

    /// The header to mark current on close: the saved index's, if it still matches the store exactly
    /// (same store and epoch, nothing journaled after it).
    fn current_header(&mut self) -> Result<Option<Header>, StoreError> {
        let Some(header) = self.saved else {
            return Ok(None);
        };
        let store = self.store()?;
        let state = store.index_state()?;
        let (changed, _) = store.journal_after(header.seq)?;
        Ok((same_store_state(&header, &state) && changed.is_empty()).then_some(header))
    }

    /// Forgets customer `id` for good (see `store::forget`): the store is rewritten without them and
    /// opened again. The search index goes on without them (the old saved index goes with the old store,
    /// and a new one is saved): the index of now, caught up, with their entry taken out and the entries of
    /// the customers they referred read again from the fresh store (their link to them is gone). Built
    /// anew from the fresh store instead, it took a fifth of a forget at 100,000 customers. Returns the
    /// record that was forgotten.
    pub fn forget(
        &mut self,
        id: crate::domain::Id,
        now: chrono::DateTime<chrono::Utc>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<crate::domain::Customer, StoreError> {
        self.store()?;
        self.catch_up()?;
        let referred = self.index.referred_by(id);
        let index = std::mem::take(&mut self.index);
        let Slot::Open(store) = std::mem::replace(&mut self.slot, Slot::Gone(String::new())) else {
            return Err(StoreError::NoCustomer(id));
        };
        let forgotten = store.forget(id, now, self.staff.as_deref(), progress);
        // The old store after a failure, the fresh one after success: either way the book goes on.
        let reopened = match &forgotten {
            Ok(_) => Book::open_without(&self.path, self.staff.clone(), index, id, &referred),
            Err(_) => Book::open(&self.path, self.staff.clone()),
        };
        match reopened {
            Ok(book) => *self = book,
            Err(e) => {
                self.slot = Slot::Gone(e.to_string());
                return Err(e);
            }
        }
        forgotten
    }

    /// Closes the book: saves the index if it changed, closes the store, and marks the saved index current
    /// so that the next `find` or desk can start from it without waiting for the store.
    /// One round of sync with `hub` (see [`crate::sync::round`]), then the search index brought up to
    /// date with what it pulled. A customer forgotten at another till is forgotten here too (the store is
    /// rewritten without them) and the round goes on; their ids are handed back (the caller clears them
    /// from the log).
    pub fn sync_with(
        &mut self,
        hub: &mut crate::sync::Hub,
        till: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(crate::sync::Round, Vec<crate::domain::Id>), crate::sync::SyncError> {
        let mut done = crate::sync::Round::default();
        let mut forgotten = Vec::new();
        loop {
            let round = crate::sync::round(self.store()?, hub, till, now)?;
            done.pushed += round.pushed;
            done.taken.changed += round.taken.changed;
            done.taken.known += round.taken.known;
            done.taken.left_out += round.taken.left_out;
            done.went_back |= round.went_back;
            done.already_there += round.already_there;
            self.catch_up()?;
            let Some(id) = round.taken.forget else {
                return Ok((done, forgotten));
            };
            self.forget(id, now, &mut |_| {})?;
            self.store()?.forget_came_from_hub(id)?;
            forgotten.push(id);
        }
    }

    pub fn close(mut self) {
        self.save_index_if_changed();
        let header = match self.current_header() {
            Ok(header) => header,
            Err(e) => {
                tracing::warn!(error = %e, "the store could not be closed cleanly");
                None
            }
        };
        let Slot::Open(store) = std::mem::replace(&mut self.slot, Slot::Gone(String::new())) else {
            return;
        };
        store.close(header.map(|h| h.to_bytes()).as_deref());
    }
}

/// For the tests only (the `test-hooks` feature): holds back every store that opens behind the desk's
/// first frame until the holder lets go, so a test sees the first frame before the store without racing
/// a clock.
#[cfg(feature = "test-hooks")]
pub mod gate {
    use std::sync::{Condvar, Mutex};

    static HELD: Mutex<u32> = Mutex::new(0);
    static LET_GO: Condvar = Condvar::new();

    /// Stores opening behind a first frame wait while this lives.
    pub struct Held(());

    pub fn hold() -> Held {
        *HELD.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        Held(())
    }

    impl Drop for Held {
        fn drop(&mut self) {
            *HELD.lock().unwrap_or_else(|p| p.into_inner()) -= 1;
            LET_GO.notify_all();
        }
    }

    pub(super) fn wait() {
        let mut held = HELD.lock().unwrap_or_else(|p| p.into_inner());
        while *held > 0 {
            held = LET_GO.wait(held).unwrap_or_else(|p| p.into_inner());
        }
    }
}
