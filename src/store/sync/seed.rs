//! The walk that makes a store one that syncs: every record it already holds goes into the outbox (from
//! then on, each write puts its own record there). It goes a step at a time, from where the last step
//! stopped, so the desk can take it between two keys and a crash loses only the step it cut short.

use super::{
    CLASS_CUSTOMER, CLASS_EVENT, SYNC_SEED_AT_KEY, SYNC_SEEDED_KEY, SYNC_TILL_KEY, encode_clocks,
    outbox_key, outbox_value,
};
use crate::domain::{Customer, FieldClocks, Stamp};
use crate::store::shapes::Record;
use crate::store::{Store, StoreError, id_from};
use crate::text;

/// How many records a step of the walk takes when nobody waits on it (`regulars sync`).
const SEED_STEP: usize = 10_000;

impl Store {
    /// Makes the store one that syncs, if it is not yet: it gets its sync id, and every record it holds
    /// goes into the outbox (from then on, every write puts its record there itself). Idempotent, and
    /// whole after a crash at any point: the walk goes on where it had got to until it has finished once.
    /// Returns the id. (The desk walks a step at a time between keys: [`Store::seed_step`].)
    pub fn start_syncing(&self) -> Result<u128, StoreError> {
        let till = self.sync_id()?;
        while !self.seed_step(SEED_STEP)? {}
        Ok(till)
    }

    /// This till's sync id, made now (durably) if the store had none: from then on, every write puts its
    /// record in the outbox.
    pub fn sync_id(&self) -> Result<u128, StoreError> {
        if let Some(till) = self.sync_till()? {
            return Ok(till);
        }
        let till = fastrand::u128(1..);
        self.meta
            .insert(SYNC_TILL_KEY, &till.to_be_bytes())
            .map_err(|e| self.err(e))?;
        self.sync()?;
        Ok(till)
    }

    /// One step of the walk that puts every record held here in the outbox (for a store that has a sync
    /// id): up to `most` records, from where the last step stopped (kept in `meta`, so a crash loses only
    /// the step it cut short, done again). True once the walk has finished, now or before. Records written
    /// meanwhile put themselves in the outbox; the walk passing them again changes nothing.
    pub fn seed_step(&self, most: usize) -> Result<bool, StoreError> {
        if self
            .meta
            .contains_key(SYNC_SEEDED_KEY)
            .map_err(|e| self.err(e))?
        {
            return Ok(true);
        }
        // The trees walked, in order: customers (who go before their records), then each kind of event.
        let trees: Vec<&sled::Tree> = std::iter::once(&self.customers)
            .chain(self.event_trees().map(|(_, tree)| tree))
            .collect();
        let (mut phase, mut after) =
            match self.meta.get(SYNC_SEED_AT_KEY).map_err(|e| self.err(e))? {
                Some(at) if !at.is_empty() => (usize::from(at[0]), Some(at[1..].to_vec())),
                _ => (0, None),
            };
        let mut nonce = fastrand::u64(..);
        let mut outbox = sled::Batch::default();
        let mut clocks = sled::Batch::default();
        let mut done = 0;
        while let Some(tree) = trees.get(phase) {
            let items = match &after {
                Some(key) => tree.range::<&[u8], _>((
                    std::ops::Bound::Excluded(key.as_slice()),
                    std::ops::Bound::Unbounded,
                )),
                None => tree.iter(),
            };
            for item in items {
                if done >= most {
                    // Where to go on from, written after what this step did.
                    let mut at = vec![u8::try_from(phase).unwrap_or(u8::MAX)];
                    at.extend_from_slice(after.as_deref().unwrap_or_default());
                    self.apply_seed(outbox, clocks)?;
                    self.meta
                        .insert(SYNC_SEED_AT_KEY, at)
                        .map_err(|e| self.err(e))?;
                    return Ok(false);
                }
                let (key, value) = item.map_err(|e| self.err(e))?;
                if phase == 0 {
                    if let Some(id) = id_from(&key) {
                        self.seed_customer(&key, &value, &mut clocks)?;
                        nonce += 1;
                        outbox.insert(
                            &outbox_key(CLASS_CUSTOMER, id, None)[..],
                            &outbox_value(0, nonce)[..],
                        );
                    }
                } else if let (Some(customer), Some(event)) =
                    (id_from(&key), key.get(16..).and_then(id_from))
                {
                    nonce += 1;
                    let kind = u8::try_from(phase - 1).unwrap_or(u8::MAX);
                    outbox.insert(
                        &outbox_key(CLASS_EVENT, customer, Some(event))[..],
                        &outbox_value(kind, nonce)[..],
                    );
                }
                after = Some(key.to_vec());
                done += 1;
            }
            phase += 1;
            after = None;
        }
        self.apply_seed(outbox, clocks)?;
        let mut batch = sled::Batch::default();
        batch.insert(SYNC_SEEDED_KEY, &[1]);
        batch.remove(SYNC_SEED_AT_KEY);
        self.meta.apply_batch(batch).map_err(|e| self.err(e))?;
        self.sync()?;
        Ok(true)
    }

    /// A customer met by the walk: the stamps of their fields, unless they have some (an edit made since
    /// the store began to sync wrote them), are those of their last change.
    fn seed_customer(
        &self,
        key: &[u8],
        value: &[u8],
        clocks: &mut sled::Batch,
    ) -> Result<(), StoreError> {
        if self.clocks.contains_key(key).map_err(|e| self.err(e))? {
            return Ok(());
        }
        let c = Customer::from_bytes(value).map_err(|e| self.damaged(text::RECORD_CUSTOMER, e))?;
        let fields = FieldClocks::all(Stamp::of_time(c.updated_at));
        let bytes = encode_clocks(&fields).map_err(|e| self.damaged(text::RECORD_CUSTOMER, e))?;
        clocks.insert(key, bytes);
        Ok(())
    }

    fn apply_seed(&self, outbox: sled::Batch, clocks: sled::Batch) -> Result<(), StoreError> {
        self.outbox.apply_batch(outbox).map_err(|e| self.err(e))?;
        self.clocks.apply_batch(clocks).map_err(|e| self.err(e))
    }
}
