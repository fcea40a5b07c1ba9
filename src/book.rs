//! The customer book: the store and the search index kept in step. Every write goes to the store (durably)
//! first and then to the index, so the index never shows something that is not saved.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::domain::{Customer, CustomerDraft, Id, Note, NoteKind, Visit};
use crate::search::snapshot::Header;
use crate::search::{Entry, SearchIndex};
use crate::store::{Store, StoreError, StoreLock, VisitStats};
use crate::text;

/// Everything about one customer, for the detail and timeline panes and `show`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub customer: Customer,
    /// Oldest first: all of them, or the latest ones for the desk ([`Book::card`]).
    pub visits: Vec<Visit>,
    /// All their visits, however many `visits` holds.
    pub visit_count: usize,
    /// Oldest first.
    pub notes: Vec<Note>,
}

pub struct Book {
    path: PathBuf,
    slot: Slot,
    index: SearchIndex,
    staff: Option<String>,
    /// Journal entries written or replayed since the index was last saved.
    unsaved: u64,
    /// The last journal entry the in-memory index includes.
    seq: u64,
    /// The header of the index file as this process last read or wrote it.
    saved: Option<Header>,
    /// The index changed when the store opened behind the desk's first frame; the desk's loop searches
    /// again ([`Book::check_open`]).
    caught_up_late: bool,
    /// A bulk load ([`Book::load_new`]) brought something the index cannot simply add (a customer it
    /// already had, visits of someone outside the batch): [`Book::finish_load`] rebuilds it instead.
    rebuild_after_load: bool,
}

/// The store behind a book: open, still opening behind the desk's first frame, or gone.
enum Slot {
    Open(Store),
    /// Opening on another thread; the index was loaded from the saved file that `Header` describes.
    Opening(std::thread::JoinHandle<Result<Store, StoreError>>, Header),
    /// Opening failed (the sentence says why), or the book was closed.
    Gone(String),
}

/// The saved search index, inside the store directory (see `search::snapshot`).
const INDEX_FILE: &str = "search-index";

/// Every open replays the journal written since the index was saved, so a command saves the index once
/// that journal would cost more to replay than the save (about one change per thousand customers, at
/// least 50); the desk saves on close.
fn save_after(customers: usize) -> u64 {
    (customers as u64 / 1000).max(50)
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

impl Book {
    /// Opens the store and its search index: the saved index plus the changes journaled since, or, when
    /// there is no usable saved index, one built from the store (and saved for next time).
    pub fn open(path: &Path, staff: Option<String>) -> Result<Book, StoreError> {
        let lock = StoreLock::exclusive(path)?;
        // A saved index means the store was used before: it cannot be empty and new.
        let used_before = path.join(INDEX_FILE).exists();
        let store = Store::open_locked(lock, used_before)?;
        let saved = read_saved(path);
        Self::adopt(store, saved, staff)
    }

    /// Opens the book for the desk. When the saved index is current, the book is ready to search at once
    /// and the store opens on another thread behind the first frame; the first thing that needs the store
    /// waits for it ([`Book::check_open`] reports how it went). Otherwise this is [`Book::open`].
    pub fn open_for_desk(path: &Path, staff: Option<String>) -> Result<Book, StoreError> {
        let lock = StoreLock::exclusive(path)?;
        let Some((header, index)) = read_current(&lock) else {
            drop(lock);
            return Self::open(path, staff);
        };
        let opening = std::thread::Builder::new()
            .name("store-open".into())
            .spawn(move || Store::open_locked(lock, true))
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
                if header.store_id == state.store_id
                    && header.epoch == state.epoch
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
            slot: Slot::Open(store),
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

    /// Applies the journal entries the index does not hold yet.
    fn catch_up(&mut self) -> Result<(), StoreError> {
        let seq = self.seq;
        let store = self.store()?;
        let (changed, last) = store.journal_after(seq)?;
        let mut updates = Vec::with_capacity(changed.len());
        for id in &changed {
            if let Some(customer) = store.customer(*id)? {
                updates.push((customer, store.stats_for(*id)?));
            }
        }
        for (customer, stats) in updates {
            self.index.upsert(&customer);
            self.index.set_visits(customer.id, stats.count, stats.last);
        }
        self.unsaved += changed.len() as u64;
        self.seq = last;
        Ok(())
    }

    fn build_index(store: &Store) -> Result<SearchIndex, StoreError> {
        let stats = store.visit_stats()?;
        let mut index = SearchIndex::new();
        for customer in store.customers() {
            let customer = customer?;
            let s = stats.get(&customer.id).copied().unwrap_or_default();
            index.add_unordered(&customer, s.count, s.last);
        }
        index.finish_build();
        Ok(index)
    }

    /// Rebuilds the search index from the store (after a bulk load) and saves it.
    pub fn reindex(&mut self) -> Result<(), StoreError> {
        let store = self.store()?;
        let index = Self::build_index(store)?;
        let pruned = store.index_state()?.pruned;
        self.index = index;
        self.seq = pruned;
        self.catch_up()?;
        self.save_index();
        Ok(())
    }

    /// Loads customers new to the book, with their visits and notes (demo data), into the store and the
    /// index together, without reading them back; call [`Book::finish_load`] after the last batch, which
    /// makes it durable and searchable. The figures of a customer come from the visits in their batch.
    pub fn load_new(
        &mut self,
        customers: &[Customer],
        visits: &[Visit],
        notes: &[Note],
    ) -> Result<(), StoreError> {
        self.store()?.load_batch(customers, visits, notes)?;
        let mut figures: std::collections::HashMap<Id, VisitStats> = Default::default();
        for v in visits {
            figures.entry(v.customer).or_default().add(v.at);
        }
        for c in customers {
            self.rebuild_after_load |= self.index.get(c.id).is_some();
            let f = figures.remove(&c.id).unwrap_or_default();
            self.index.add_unordered(c, f.count, f.last);
        }
        self.rebuild_after_load |= !figures.is_empty();
        Ok(())
    }

    /// Ends a bulk load: the store is synced, the index put in order (or rebuilt from the store if the
    /// load brought something it could not add) and saved.
    pub fn finish_load(&mut self) -> Result<(), StoreError> {
        self.store()?.sync()?;
        if std::mem::take(&mut self.rebuild_after_load) {
            return self.reindex();
        }
        let pruned = self.store()?.index_state()?.pruned;
        self.index.finish_build();
        self.seq = pruned;
        self.catch_up()?;
        self.save_index();
        Ok(())
    }

    /// Saves the search index if anything changed since it was last saved (the desk does this on close).
    pub fn save_index_if_changed(&mut self) {
        if self.unsaved > 0 {
            self.save_index();
        }
    }

    /// Saves the search index next to the store and prunes the journal it now includes. The index is a
    /// cache: if this fails the journal still holds the changes, so the failure is only logged.
    pub fn save_index(&mut self) {
        if let Err(e) = self.try_save_index() {
            tracing::warn!(error = %e, "the search index could not be saved");
        }
    }

    fn try_save_index(&mut self) -> Result<(), Box<dyn std::error::Error>> {
        let seq = self.seq;
        let store = self.store()?;
        let state = store.index_state()?;
        // Anything written since the last catch-up is in memory already; include it in the header.
        let (_, last) = store.journal_after(seq)?;
        let header = Header {
            store_id: state.store_id,
            epoch: state.epoch,
            seq: last,
        };
        let path = store.path().join(INDEX_FILE);
        self.saved = None;
        let bytes = self.index.to_snapshot(header);
        crate::files::write_private(&path, &bytes, true)?;
        self.saved = Some(header);
        self.store()?.prune_journal(last)?;
        self.seq = last;
        self.unsaved = 0;
        Ok(())
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
        let current =
            header.store_id == state.store_id && header.epoch == state.epoch && changed.is_empty();
        Ok(current.then_some(header))
    }

    /// Closes the book: saves the index if it changed, closes the store, and marks the saved index current
    /// so that the next `find` or desk can start from it without waiting for the store.
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

    /// The search index (for answers that need nothing else, such as `find`).
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn staff(&self) -> Option<&str> {
        self.staff.as_deref()
    }

    pub fn search(&self, query: &str, limit: Option<usize>) -> Vec<Id> {
        self.index.search(query, limit)
    }

    /// The first `limit` customers matching `query`, best first, and how many match in all.
    pub fn search_counted(&self, query: &str, limit: Option<usize>) -> (Vec<Id>, usize) {
        self.index.search_counted(query, limit)
    }

    pub fn entry(&self, id: Id) -> Option<Entry<'_>> {
        self.index.get(id)
    }

    pub fn profile(&mut self, id: Id) -> Result<Profile, StoreError> {
        let store = self.store()?;
        let customer = store.customer(id)?.ok_or(StoreError::NoCustomer(id))?;
        let visits = store.visits_for(id)?;
        Ok(Profile {
            customer,
            visit_count: visits.len(),
            visits,
            notes: store.notes_for(id)?,
        })
    }

    /// What the desk shows of a customer: the profile with only their latest visits (a café regular of
    /// ten years has thousands), the count from the cached figures.
    pub fn card(&mut self, id: Id) -> Result<Profile, StoreError> {
        const RECENT_VISITS: usize = 100;
        let store = self.store()?;
        let customer = store.customer(id)?.ok_or(StoreError::NoCustomer(id))?;
        Ok(Profile {
            customer,
            visits: store.recent_visits(id, RECENT_VISITS)?,
            visit_count: store.stats_for(id)?.count as usize,
            notes: store.notes_for(id)?,
        })
    }

    pub fn add_customer(
        &mut self,
        draft: CustomerDraft,
        now: DateTime<Utc>,
        today: chrono::NaiveDate,
    ) -> Result<Customer, StoreError> {
        if let Some(referrer) = draft.referred_by
            && self.index.get(referrer).is_none()
        {
            return Err(StoreError::NoCustomer(referrer));
        }
        let customer = Customer::new(draft, now, today, self.staff());
        self.store()?.put_customer(&customer)?;
        self.index.upsert(&customer);
        self.unsaved += 1;
        Ok(customer)
    }

    pub fn update_customer(
        &mut self,
        id: Id,
        draft: CustomerDraft,
        now: DateTime<Utc>,
    ) -> Result<Customer, StoreError> {
        let mut customer = self
            .store()?
            .customer(id)?
            .ok_or(StoreError::NoCustomer(id))?;
        customer.apply(draft, now, self.staff.as_deref());
        self.store()?.put_customer(&customer)?;
        self.index.upsert(&customer);
        self.unsaved += 1;
        Ok(customer)
    }

    pub fn log_visit(
        &mut self,
        customer: Id,
        at: DateTime<Utc>,
        amount_cents: Option<i64>,
        what: Option<String>,
    ) -> Result<Visit, StoreError> {
        let visit = Visit {
            id: Id::at(at),
            customer,
            at,
            amount_cents,
            what: what.filter(|w| !w.trim().is_empty()),
            staff: self.staff.clone(),
        };
        self.store()?.log_visit(&visit)?;
        self.index.record_visit(customer, at);
        self.unsaved += 1;
        Ok(visit)
    }

    pub fn add_note(
        &mut self,
        customer: Id,
        at: DateTime<Utc>,
        kind: NoteKind,
        text: String,
        pinned: bool,
    ) -> Result<Note, StoreError> {
        let note = Note {
            id: Id::at(at),
            customer,
            at,
            kind,
            text,
            staff: self.staff.clone(),
            pinned,
        };
        self.store()?.add_note(&note)?;
        Ok(note)
    }
}

/// One line of the timeline: a visit or a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimelineItem<'a> {
    Visit(&'a Visit),
    Note(&'a Note),
}

impl TimelineItem<'_> {
    pub fn id(&self) -> Id {
        match self {
            TimelineItem::Visit(v) => v.id,
            TimelineItem::Note(n) => n.id,
        }
    }
}

impl Profile {
    /// Visits and notes together, newest first.
    pub fn timeline(&self) -> Vec<TimelineItem<'_>> {
        let mut items: Vec<TimelineItem<'_>> = self
            .visits
            .iter()
            .map(TimelineItem::Visit)
            .chain(self.notes.iter().map(TimelineItem::Note))
            .collect();
        items.sort_by_key(|item| std::cmp::Reverse(item.id()));
        items
    }

    /// The latest visit, if any.
    pub fn last_visit(&self) -> Option<&Visit> {
        self.visits.iter().max_by_key(|v| v.id)
    }
}
