//! Walking a whole tree a leaf at a time (regulars' change; see `vendor/README.md`).
//!
//! `Tree::iter` clones the leaf it is in, then finds each next key by a binary search in it, pinning an
//! epoch and taking the concurrency lock for every key. A walk of every record (an export, a backup, the
//! copy a forget makes) pays that per record. [`Leaves`] reads each leaf once, under one pin, copying out
//! its keys (whole, the node's prefix put back) and its values (reference-counted, or a few bytes inline),
//! and hands them out one by one. Like `Iter`, it sees each leaf as it is when it reaches it, not the
//! whole tree at one moment.

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

impl Leaves {
    /// Reads the leaf holding `from`: its keys from `from` on (a leaf met after a merge may hold keys
    /// before it, handed out already).
    fn read_leaf(&mut self, from: IVec) -> Result<()> {
        let guard = pin();
        let _cc = concurrency_control::read();
        let view = self.tree.view_for_key(&from, &guard)?;
        let leaf = view.data.leaf_ref().ok_or_else(|| {
            Error::ReportableBug("a walk reached an index node".into())
        })?;
        let prefix = &view.lo[..view.prefix_len as usize];
        let mut read = Vec::with_capacity(leaf.keys.len());
        for (suffix, value) in leaf.keys.iter().zip(&leaf.values) {
            let key = prefix::decode(prefix, suffix);
            if key >= from {
                read.push((key, value.clone()));
            }
        }
        self.next = if view.hi.is_empty() { None } else { Some(view.hi.clone()) };
        self.read = read.into_iter();
        Ok(())
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
            if let Err(e) = self.read_leaf(from) {
                return Some(Err(e));
            }
        }
    }
}
