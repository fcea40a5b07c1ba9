//! Whom this till has forgotten, without keeping who they were: a digest of each forgotten customer's id
//! (SHA-256 of a fixed prefix and the id's 16 bytes), in the `forgotten` tree. From a digest nobody can
//! get the id back, so no file holds a byte of the person; given an id, the till can tell that it forgot
//! them.
//!
//! It is what keeps a forgotten customer forgotten when the hub goes back: a hub restored from a copy made
//! before the forget holds their records again, and its forget row is gone. A till that pulls those
//! records leaves them out and sends the forget again, which takes them out of the hub once more.

use std::collections::BTreeSet;

use super::{pending_forgets, write_pending_forgets};
use crate::domain::Id;
use crate::store::{Store, StoreError, error::io_error};

/// What is digested before the id: the digests of this desk are its own.
const PREFIX: &[u8] = b"regulars: a customer forgotten\0";

/// The key of customer `id` in the `forgotten` tree.
pub(in crate::store) fn forgotten_key(id: Id) -> [u8; 32] {
    let mut input = Vec::with_capacity(PREFIX.len() + 16);
    input.extend_from_slice(PREFIX);
    input.extend_from_slice(&id.to_bytes());
    let digest = ring::digest::digest(&ring::digest::SHA256, &input);
    let mut key = [0u8; 32];
    key.copy_from_slice(digest.as_ref());
    key
}

impl Store {
    /// Whether customer `id` was forgotten here (or at another till, and the forget pulled here).
    pub fn was_forgotten(&self, id: Id) -> Result<bool, StoreError> {
        self.forgotten
            .contains_key(forgotten_key(id))
            .map_err(|e| self.err(e))
    }

    /// Notes that customer `id` is forgotten (not yet durable: the caller syncs).
    pub(in crate::store) fn remember_forgotten(&self, id: Id) -> Result<(), StoreError> {
        self.forgotten
            .insert(forgotten_key(id), &[][..])
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// The hub holds records of customers forgotten here: their forget waits to be sent again, durably.
    pub(super) fn forget_again(&self, ids: &BTreeSet<Id>) -> Result<(), StoreError> {
        let io_err = |e| io_error(&self.path, e);
        let mut pending = pending_forgets(&self.path).map_err(io_err)?;
        let new: Vec<Id> = ids
            .iter()
            .filter(|id| !pending.contains(id))
            .copied()
            .collect();
        if !new.is_empty() {
            tracing::info!(
                customers = new.len(),
                "the hub held records of customers forgotten here: their forget is sent again"
            );
            pending.extend(new);
            write_pending_forgets(&self.path, &pending).map_err(io_err)?;
        }
        Ok(())
    }
}
