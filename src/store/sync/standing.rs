//! Where a till stands on the hub, and how it tells that the hub has gone back (restored from an earlier
//! copy, or replaced): the number of the last row it took, with that row and the last row its pushes
//! added, each known by the moment the hub took it.

use super::{SYNC_CURSOR_KEY, SYNC_MARK_KEY, SYNC_PUSHED_KEY, SYNC_SEED_AT_KEY, SYNC_SEEDED_KEY};
use crate::store::{Store, StoreError};

/// A row of the hub, known by its number and the moment the hub took it. A hub that still holds that very
/// row at that number holds every row numbered up to it that it ever held (rows are numbered in commit
/// order, and a forget empties rows where they stand rather than deleting them). One that holds nothing
/// there, or a row taken at another time (the same record pushed again counts as another), has gone back:
/// restored from a copy made earlier, or replaced by a new database. The till then starts over with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub seq: i64,
    /// When the hub took the row, in microseconds since 1970, as the hub says.
    pub pushed_us: i64,
}

impl Mark {
    fn to_bytes(self) -> [u8; 16] {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.seq.to_be_bytes());
        bytes[8..].copy_from_slice(&self.pushed_us.to_be_bytes());
        bytes
    }

    fn from_bytes(bytes: &[u8]) -> Option<Mark> {
        let bytes = <[u8; 16]>::try_from(bytes).ok()?;
        let (seq, us) = bytes.split_at(8);
        Some(Mark {
            seq: i64::from_be_bytes(seq.try_into().ok()?),
            pushed_us: i64::from_be_bytes(us.try_into().ok()?),
        })
    }
}

/// Where a till stands on the hub: the number of the last row it took, and the rows that tell whether the
/// hub has gone back since.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    pub cursor: i64,
    /// The row at the cursor; `None` until a pull has taken a row.
    pub mark: Option<Mark>,
    /// The last row this till's pushes added, while the cursor has not passed it: a hub gone back to
    /// before it has lost what this till took out of its outbox.
    pub pushed: Option<Mark>,
}

impl Store {
    /// Where this till stands on the hub: its cursor, the row there if a pull has set it, and the last
    /// row its pushes added if the cursor has not passed it.
    pub fn standing(&self) -> Result<Standing, StoreError> {
        let mark = |key: &[u8]| -> Result<Option<Mark>, StoreError> {
            let raw = self.meta.get(key).map_err(|e| self.err(e))?;
            Ok(raw.and_then(|r| Mark::from_bytes(&r)))
        };
        let cursor = i64::try_from(self.meta_u64(SYNC_CURSOR_KEY)?.unwrap_or(0)).unwrap_or(0);
        Ok(Standing {
            cursor,
            mark: mark(SYNC_MARK_KEY)?,
            pushed: mark(SYNC_PUSHED_KEY)?.filter(|m| m.seq > cursor),
        })
    }

    /// Moves the cursor to `mark`, the row taken last, in one batch (not yet durable: the caller syncs).
    /// The last row pushed goes once the cursor has passed it.
    pub(super) fn move_cursor(&self, mark: Mark) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        batch.insert(
            SYNC_CURSOR_KEY,
            &u64::try_from(mark.seq).unwrap_or(0).to_be_bytes(),
        );
        batch.insert(SYNC_MARK_KEY, &mark.to_bytes());
        if self
            .standing()?
            .pushed
            .is_some_and(|pushed| pushed.seq <= mark.seq)
        {
            batch.remove(SYNC_PUSHED_KEY);
        }
        self.meta.apply_batch(batch).map_err(|e| self.err(e))
    }

    /// The hub has gone back (see [`Mark`]): this till starts over with it, durably. Its cursor goes back
    /// to the start, so everything the hub holds is taken again (what is here already changes nothing),
    /// and every record held here is put in the outbox again by the next [`Store::start_syncing`], so the
    /// hub gets back whatever it lost (what it kept is not taken twice).
    pub fn start_over(&self) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        batch.insert(SYNC_CURSOR_KEY, &0u64.to_be_bytes());
        batch.remove(SYNC_MARK_KEY);
        batch.remove(SYNC_PUSHED_KEY);
        batch.remove(SYNC_SEEDED_KEY);
        batch.remove(SYNC_SEED_AT_KEY);
        self.meta.apply_batch(batch).map_err(|e| self.err(e))?;
        self.sync()
    }

    /// Keeps `last`, the last row a push added, until the cursor passes it (not yet durable: the caller
    /// syncs).
    pub(super) fn note_pushed(&self, last: Mark) -> Result<(), StoreError> {
        self.meta
            .insert(SYNC_PUSHED_KEY, &last.to_bytes())
            .map(drop)
            .map_err(|e| self.err(e))
    }
}
