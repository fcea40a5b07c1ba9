//! The search index's side of the store: which store this is, and the journal of customers changed since
//! the index was last saved (written in the same transactions as the records, in `mod.rs`).

use super::{EPOCH_KEY, PRUNED_KEY, STORE_ID_KEY, Store, StoreError, id_from};
use crate::domain::Id;
use crate::text;

/// What a saved search index must match to be trusted (see `search::snapshot`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexState {
    /// Random, made when the store is first opened; never changes.
    pub store_id: u128,
    /// The id had to be made just now: a new store, or one that lost its `meta` records.
    pub store_id_was_missing: bool,
    pub epoch: u64,
    /// Journal entries up to this one have been pruned.
    pub pruned: u64,
}

impl Store {
    /// A value of `N` bytes in `meta`; one of another length is damage.
    fn meta_bytes<const N: usize>(&self, key: &[u8]) -> Result<Option<[u8; N]>, StoreError> {
        let raw = self.meta.get(key).map_err(|e| self.err(e))?;
        raw.map(|v| {
            <[u8; N]>::try_from(v.as_ref()).map_err(|_| StoreError::Damaged {
                path: self.path.clone(),
                detail: text::damage_meta_unreadable(&String::from_utf8_lossy(key)),
            })
        })
        .transpose()
    }

    pub(super) fn meta_u64(&self, key: &[u8]) -> Result<Option<u64>, StoreError> {
        Ok(self.meta_bytes(key)?.map(u64::from_be_bytes))
    }

    pub(super) fn meta_u128(&self, key: &[u8]) -> Result<Option<u128>, StoreError> {
        Ok(self.meta_bytes(key)?.map(u128::from_be_bytes))
    }

    /// Which store this is and how far its saved search index may lean on the journal.
    pub fn index_state(&self) -> Result<IndexState, StoreError> {
        let mut store_id_was_missing = false;
        let store_id = match self.meta.get(STORE_ID_KEY).map_err(|e| self.err(e))? {
            Some(raw) => <[u8; 16]>::try_from(raw.as_ref())
                .map(u128::from_be_bytes)
                .map_err(|_| StoreError::Damaged {
                    path: self.path.clone(),
                    detail: text::DAMAGE_STORE_ID.to_string(),
                })?,
            None => {
                store_id_was_missing = true;
                let id = fastrand::u128(..);
                self.meta
                    .insert(STORE_ID_KEY, &id.to_be_bytes())
                    .map_err(|e| self.err(e))?;
                self.sync()?;
                id
            }
        };
        Ok(IndexState {
            store_id,
            store_id_was_missing,
            epoch: self.meta_u64(EPOCH_KEY)?.unwrap_or(0),
            pruned: self.meta_u64(PRUNED_KEY)?.unwrap_or(0),
        })
    }

    /// Marks every saved search index stale (after writes that bypass the journal).
    pub(super) fn bump_epoch(&self) -> Result<(), StoreError> {
        let next = self.meta_u64(EPOCH_KEY)?.unwrap_or(0) + 1;
        self.meta
            .insert(EPOCH_KEY, &next.to_be_bytes())
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Customers changed after journal entry `seq`, and the last entry's number (`seq` if none).
    pub fn journal_after(&self, seq: u64) -> Result<(Vec<Id>, u64), StoreError> {
        let mut ids = Vec::new();
        let mut last = seq;
        for item in self.journal.range((seq.saturating_add(1)).to_be_bytes()..) {
            let (key, value) = item.map_err(|e| self.err(e))?;
            let (Some(n), Some(id)) = (
                <[u8; 8]>::try_from(key.as_ref())
                    .ok()
                    .map(u64::from_be_bytes),
                id_from(&value),
            ) else {
                return Err(StoreError::Damaged {
                    path: self.path.clone(),
                    detail: text::DAMAGE_JOURNAL.to_string(),
                });
            };
            last = last.max(n);
            ids.push(id);
        }
        Ok((ids, last))
    }

    /// True when journal entry `seq` is still there (not yet pruned).
    pub fn journal_has(&self, seq: u64) -> Result<bool, StoreError> {
        self.journal
            .contains_key(seq.to_be_bytes())
            .map_err(|e| self.err(e))
    }

    /// Drops journal entries up to `seq` (a saved index now holds them) and records that; durable.
    pub fn prune_journal(&self, seq: u64) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        for key in self.journal.range(..=seq.to_be_bytes()).keys() {
            batch.remove(key.map_err(|e| self.err(e))?);
        }
        self.journal.apply_batch(batch).map_err(|e| self.err(e))?;
        self.meta
            .insert(PRUNED_KEY, &seq.to_be_bytes())
            .map_err(|e| self.err(e))?;
        self.sync()
    }
}
