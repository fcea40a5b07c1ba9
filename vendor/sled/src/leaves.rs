//! Walking a whole tree a leaf at a time (regulars' change; see `vendor/README.md`).
//!
//! `Tree::iter` clones the leaf it is in, then finds each next key by a binary search in it, pinning an
//! epoch and taking the concurrency lock for every key. A walk of every record (an export, a backup, the
//! copy a forget makes) pays that per record. [`Leaves`] reads each leaf once, under one pin, copying out
//! its keys (whole, the node's prefix put back) and its values (reference-counted, or a few bytes inline),
//! and hands them out one by one. Like `Iter`, it sees each leaf as it is when it reaches it, not the
//! whole tree at one moment.
//!
//! It goes from a leaf to the next by the leaf's `next` link (as a split or a merge leaves it), up to 32
//! leaves under one pin, and descends the tree only to start each such run. A leaf that is not in sled's
//! cache is read from the log and not put there (`PageCache::peek`): a walk looks at each leaf once, and
//! caching them made the memory of a whole store's nodes, faulted in and freed again at close.

use super::*;

/// Every key and value of a tree, in key order, read a leaf at a time: see [`Tree::leaves`].
pub struct Leaves {
    tree: Tree,
    /// Where the next leaf starts (its `lo`, the last one's `hi`); `None` once the last leaf is read.
    next: Option<IVec>,
    /// The rest of the leaf read last.
    read: std::vec::IntoIter<(IVec, IVec)>,
}

impl Tree {
    /// Every key and value of this tree, in key order, as `iter()` gives them, but read a leaf at a time.
    pub fn leaves(&self) -> Leaves {
        Leaves {
            tree: self.clone(),
            next: Some(IVec::from(prefix::empty())),
            read: Vec::new().into_iter(),
        }
    }
}

/// How many leaves one read takes by their `next` links under one pin before the walk descends the tree
/// again (letting go of the epoch, so memory freed meanwhile can be taken back).
const CHAIN: usize = 32;

impl Leaves {
    /// Reads the leaf holding `from` (its keys from `from` on: a leaf met after a merge may hold keys
    /// before it, handed out already), then the leaves after it by their `next` links, up to [`CHAIN`].
    ///
    /// A leaf reached by a link is taken only if it starts where the leaf before ends and is not being
    /// merged; otherwise the next read descends the tree from there. Under the one pin, a page a leaf
    /// pointed to cannot be freed and handed to another node (sled frees page ids only once every pin
    /// older than the free has gone). Leaves not in the cache are read without being put there
    /// (`PageCache::peek`): a walk looks at each once.
    fn read_leaves(&mut self, from: IVec) -> Result<()> {
        let guard = pin();
        let _cc = concurrency_control::read();
        let view = self.tree.view_for_key(&from, &guard)?;
        let leaf = view.data.leaf_ref().ok_or_else(|| {
            Error::ReportableBug("a walk reached an index node".into())
        })?;
        let mut read = Vec::with_capacity(leaf.keys.len() * CHAIN);
        take(&mut read, &view, &from);
        let mut hi = view.hi.clone();
        let mut next = view.next;
        for _ in 1..CHAIN {
            let pid = match next {
                Some(pid) if !hi.is_empty() => pid.get(),
                _ => break,
            };
            let peeked = match self.tree.context.pagecache.peek(pid, &guard)? {
                Some(peeked) => peeked,
                None => break,
            };
            if peeked.merging
                || peeked.merging_child.is_some()
                || peeked.lo != hi
                || peeked.data.leaf_ref().is_none()
            {
                break;
            }
            hi = peeked.hi.clone();
            next = peeked.next;
            take(&mut read, &peeked, &peeked.lo);
        }
        self.next = if hi.is_empty() { None } else { Some(hi) };
        self.read = read.into_iter();
        Ok(())
    }
}

/// The records of `leaf` from `from` on, their keys whole (the node's prefix put back), their values shared.
fn take(read: &mut Vec<(IVec, IVec)>, leaf: &Node, from: &[u8]) {
    if let Some(records) = leaf.data.leaf_ref() {
        let prefix = &leaf.lo[..leaf.prefix_len as usize];
        for (suffix, value) in records.keys.iter().zip(&records.values) {
            let key = prefix::decode(prefix, suffix);
            if &*key >= from {
                read.push((key, value.clone()));
            }
        }
    }
}

impl Iterator for Leaves {
    type Item = Result<(IVec, IVec)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.read.next() {
                return Some(Ok(item));
            }
            let from = self.next.take()?;
            if let Err(e) = self.read_leaves(from) {
                return Some(Err(e));
            }
        }
    }
}
