//! Filling an empty tree from sorted keys (regulars' change; see `vendor/README.md`).
//!
//! Inserting keys in order one at a time makes sled split the last leaf every eight inserts and write its
//! parent index node (up to 256 children) whole each time: a fresh store of 800,000 records took seconds.
//! A [`BulkLoader`] builds the tree bottom-up instead: leaves of [`LEAF_FILL`] entries are written once
//! each, chained by their `next` pointers, then the index nodes above them, and finally a new root is
//! swapped in for the empty tree's. The nodes are ordinary sled nodes (the same `lo`/`hi` bounds, prefix
//! encoding and `next` links a split makes), so the tree is read, written, split, merged and recovered
//! by the unchanged code afterwards, and the on-disk format is unchanged.
//!
//! Until [`BulkLoader::finish`] swaps the root in, the tree is still the empty one: the nodes written so
//! far are unreachable, and a crash (or a load given up) leaks them as pages nothing points at, which sled
//! never collects (regulars builds such a store in a side folder and throws it away). Nothing else may use
//! the tree while it is loaded, and subscribers (`watch_prefix`) hear nothing of a load.

use std::num::NonZeroU64;

use super::*;
use crate::node::{Index, Leaf};

/// Entries per leaf: a split happens above 16, so a leaf has room for a few more inserts.
const LEAF_FILL: usize = 12;
/// Children per index node: a split happens above 256 and a merge below 64.
const INDEX_FILL: usize = 128;

/// Fills an empty [`Tree`] from keys given in strictly increasing order.
pub struct BulkLoader {
    tree: Tree,
    old_root: PageId,
    old_leaf: PageId,
    /// Entries of the leaf being filled (one more than a leaf holds, to know the next leaf's `lo`).
    keys: Vec<IVec>,
    values: Vec<IVec>,
    /// The page reserved for the leaf being filled.
    reserved: Option<PageId>,
    /// The leaves written so far, by their `lo` key.
    leaves: Vec<(IVec, PageId)>,
    /// The last key given, to refuse one out of order.
    last: Option<IVec>,
    /// A write failed part-way: entries may be missing, so the load can only be given up.
    failed: bool,
}

impl Tree {
    /// A loader that fills this tree, which must be empty and never written to (as `open_tree` made
    /// it), from keys in strictly increasing order. Nothing else may use the tree until
    /// [`BulkLoader::finish`] returns.
    pub fn bulk_loader(&self) -> Result<BulkLoader> {
        if self.tree_id == DEFAULT_TREE_ID {
            // `Db` and `open_tree` of the default tree hold a root each: a swap would leave one stale.
            return Err(Error::Unsupported(
                "a bulk load needs a tree of its own, not the default one"
                    .into(),
            ));
        }
        let guard = pin();
        let old_root = self.root.load(SeqCst);
        let root = self.context.pagecache.get(old_root, &guard)?.ok_or_else(
            || Error::ReportableBug("a tree's root page is missing".into()),
        )?;
        let not_new = || {
            Err(Error::Unsupported(
                "a bulk load needs a tree that has never been written to"
                    .into(),
            ))
        };
        let old_leaf = match root.data.index_ref() {
            Some(index)
                if index.pointers.len() == 1 && root.next.is_none() =>
            {
                index.pointers[0]
            }
            _ => return not_new(),
        };
        let leaf = self.context.pagecache.get(old_leaf, &guard)?.ok_or_else(
            || Error::ReportableBug("a tree's first leaf is missing".into()),
        )?;
        if leaf.data.len() != 0 || leaf.next.is_some() {
            return not_new();
        }
        Ok(BulkLoader {
            tree: self.clone(),
            old_root,
            old_leaf,
            keys: Vec::with_capacity(LEAF_FILL + 1),
            values: Vec::with_capacity(LEAF_FILL + 1),
            reserved: None,
            leaves: Vec::new(),
            last: None,
            failed: false,
        })
    }
}

/// How many leading bytes keys between `lo` and `hi` share, as a node stores it (none for an open end).
fn prefix_len(lo: &[u8], hi: &[u8]) -> usize {
    if lo.is_empty() || hi.is_empty() {
        return 0;
    }
    lo.iter()
        .zip(hi.iter())
        .take_while(|(a, b)| a == b)
        .take(u8::max_value() as usize)
        .count()
}

fn encoded(keys: &[IVec], prefix: usize) -> Vec<IVec> {
    keys.iter().map(|k| IVec::from(&k[prefix..])).collect()
}

impl BulkLoader {
    /// Adds the next entry; its key must be greater than every key added before.
    pub fn push<K: AsRef<[u8]>, V: Into<IVec>>(
        &mut self,
        key: K,
        value: V,
    ) -> Result<()> {
        let key = key.as_ref();
        if self.failed {
            return Err(Error::Unsupported(
                "a bulk load whose write failed cannot go on".into(),
            ));
        }
        if let Some(last) = &self.last {
            if key <= last.as_ref() {
                return Err(Error::Unsupported(
                    "a bulk load's keys must be in increasing order".into(),
                ));
            }
        }
        let key = IVec::from(key);
        self.last = Some(key.clone());
        self.keys.push(key);
        self.values.push(value.into());
        if self.keys.len() > LEAF_FILL {
            let written = self.write_leaf(false);
            self.failed = written.is_err();
            written?;
        }
        Ok(())
    }

    /// Writes the leaf being filled: its first `LEAF_FILL` entries, or all of them for the last leaf.
    fn write_leaf(&mut self, last: bool) -> Result<()> {
        let guard = pin();
        let _cc = concurrency_control::read();
        let pagecache = &self.tree.context.pagecache;
        let pid = match self.reserved.take() {
            Some(pid) => pid,
            None => pagecache.allocate(Node::default(), &guard)?.0,
        };
        let take = if last { self.keys.len() } else { LEAF_FILL };
        let keys: Vec<IVec> = self.keys.drain(..take).collect();
        let values: Vec<IVec> = self.values.drain(..take).collect();
        let lo: IVec = if self.leaves.is_empty() {
            IVec::from(prefix::empty())
        } else {
            keys[0].clone()
        };
        let (hi, next) = if last {
            (IVec::from(prefix::empty()), None)
        } else {
            // The next leaf's page is reserved now, so this one can point at it.
            let next = pagecache.allocate(Node::default(), &guard)?.0;
            self.reserved = Some(next);
            (self.keys[0].clone(), NonZeroU64::new(next))
        };
        let prefix = prefix_len(&lo, &hi);
        let node = Node {
            prefix_len: u8::try_from(prefix).unwrap(),
            next,
            merging_child: None,
            merging: false,
            data: Data::Leaf(Leaf { keys: encoded(&keys, prefix), values }),
            lo: lo.clone(),
            hi,
        };
        self.install(pid, node, &guard)?;
        self.leaves.push((lo, pid));
        Ok(())
    }

    /// Puts `node` in the place of the page `pid` reserved for it. The page is the loader's alone, so a
    /// replace that did not take (sled moving the page meanwhile, or its failure injection in tests) is
    /// simply tried again on the page as it is now.
    fn install(&self, pid: PageId, mut node: Node, guard: &Guard) -> Result<()> {
        let pagecache = &self.tree.context.pagecache;
        let missing = || {
            Error::ReportableBug("a page reserved for a bulk load is gone".into())
        };
        let mut view = pagecache.get(pid, guard)?.ok_or_else(missing)?;
        loop {
            match pagecache.replace(pid, view.0, node, guard)? {
                Ok(_) => return Ok(()),
                Err(Some((_, returned))) => {
                    node = returned;
                    view = pagecache.get(pid, guard)?.ok_or_else(missing)?;
                }
                Err(None) => return Err(missing()),
            }
        }
    }

    /// Writes the last leaf and the index nodes above the leaves, and swaps the new root in. A load of
    /// no entry leaves the tree as it was.
    pub fn finish(mut self) -> Result<()> {
        if self.failed {
            return Err(Error::Unsupported(
                "a bulk load whose write failed cannot be finished".into(),
            ));
        }
        if self.keys.is_empty() && self.leaves.is_empty() {
            return Ok(());
        }
        if !self.keys.is_empty() || self.reserved.is_some() {
            self.write_leaf(true)?;
        }
        let guard = pin();
        let _cc = concurrency_control::read();
        let pagecache = &self.tree.context.pagecache;
        let mut children = std::mem::take(&mut self.leaves);
        while children.len() > INDEX_FILL {
            // Nodes of even size (the first `extra` one child larger), so none is small enough to be
            // merged: above INDEX_FILL children there are at least two, of at least INDEX_FILL / 2 each.
            let nodes = (children.len() + INDEX_FILL - 1) / INDEX_FILL;
            let (base, extra) = (children.len() / nodes, children.len() % nodes);
            let mut groups: Vec<&[(IVec, PageId)]> = Vec::with_capacity(nodes);
            let mut rest = &children[..];
            for n in 0..nodes {
                let (group, after) = rest.split_at(base + usize::from(n < extra));
                groups.push(group);
                rest = after;
            }
            let mut parents = Vec::with_capacity(groups.len());
            // Written from the right, so each node knows the page of the one after it.
            let mut after: Option<(IVec, PageId)> = None;
            for group in groups.iter().rev() {
                let lo = group[0].0.clone();
                let hi = after
                    .as_ref()
                    .map_or_else(|| IVec::from(prefix::empty()), |a| a.0.clone());
                let prefix = prefix_len(&lo, &hi);
                let keys: Vec<IVec> = group.iter().map(|c| c.0.clone()).collect();
                let node = Node {
                    prefix_len: u8::try_from(prefix).unwrap(),
                    next: after.as_ref().and_then(|a| NonZeroU64::new(a.1)),
                    merging_child: None,
                    merging: false,
                    data: Data::Index(Index {
                        keys: encoded(&keys, prefix),
                        pointers: group.iter().map(|c| c.1).collect(),
                    }),
                    lo: lo.clone(),
                    hi,
                };
                let pid = pagecache.allocate(node, &guard)?.0;
                parents.push((lo.clone(), pid));
                after = Some((lo, pid));
            }
            parents.reverse();
            children = parents;
        }
        let root = Node {
            data: Data::Index(Index {
                keys: children.iter().map(|c| c.0.clone()).collect(),
                pointers: children.iter().map(|c| c.1).collect(),
            }),
            ..Node::default()
        };
        let (root_pid, _) = pagecache.allocate(root, &guard)?;
        let swapped = pagecache.cas_root_in_meta(
            &self.tree.tree_id,
            Some(self.old_root),
            Some(root_pid),
            &guard,
        )?;
        if swapped.is_err() {
            return Err(Error::ReportableBug(
                "a tree's root changed during its bulk load".into(),
            ));
        }
        self.tree.root.store(root_pid, SeqCst);
        // The empty tree's two pages are no longer reachable.
        for pid in [self.old_leaf, self.old_root] {
            if let Some(view) = pagecache.get(pid, &guard)? {
                let _ = pagecache.free(pid, view.0, &guard)?;
            }
        }
        Ok(())
    }
}
