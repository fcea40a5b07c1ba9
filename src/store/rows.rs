//! Records gathered to be written into one tree: one insert at a time when nothing needs them to appear
//! together ([`Rows::write_to`]), or as a sled batch inside a transaction ([`Rows::batch`]).
//!
//! sled applies a batch under one epoch held open for the whole batch, so the old copy of every node it
//! touches (sled copies a leaf for each insert) piles up until the batch ends: a load of 800,000 records
//! took 12–13 s and 1.2 GB in batches of 5,000, and 8 s and 110 MB inserted one by one (a test of sled
//! alone on this machine).

use sled::IVec;

/// Keys and values for one tree, in the order they were put (a key put twice keeps its last value).
#[derive(Default)]
pub(super) struct Rows(Vec<(IVec, IVec)>);

impl Rows {
    pub(super) fn insert(&mut self, key: impl Into<IVec>, value: impl Into<IVec>) {
        self.0.push((key.into(), value.into()));
    }

    /// Writes every row into `tree`, one insert at a time: each is atomic on its own, the rows together
    /// are not (for a store being filled, which a crash leaves to be undone or redone).
    pub(super) fn write_to(self, tree: &sled::Tree) -> sled::Result<()> {
        for (key, value) in self.0 {
            tree.insert(key, value)?;
        }
        Ok(())
    }

    /// The rows as one sled batch, for a transaction that writes them together with others.
    pub(super) fn batch(&self) -> sled::Batch {
        let mut batch = sled::Batch::default();
        for (key, value) in &self.0 {
            batch.insert(key.clone(), value.clone());
        }
        batch
    }
}
