//! A store rewritten whole into a fresh one, and the fresh one swapped in its place: what `forget` (a store
//! without the person) and `restore` (a store from a backup) are made of.
//!
//! sled keeps old values in its log segments until it rewrites them, so deleting a record leaves its bytes
//! in the files. A store written afresh from the records that remain holds no byte of what was left out;
//! once it has taken the old one's place and the old folder is removed, no file of the store has them.
//!
//! The swap survives a crash at any point. The fresh store is built in a sibling folder (`NAME.regulars-new`)
//! and marked complete (durably) only once everything in it is durable. Then the old folder is renamed to
//! `NAME.regulars-old`, the new one to `NAME`, and the old one is removed. Whoever opens the store next
//! finishes what a crash interrupted ([`recover`]): a complete new store with no store beside it takes its
//! place; an incomplete one, or an old one left behind, is removed. So a store is either as it was before or
//! as it is after, never both and never neither.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::error::io_error;
use super::{PRUNED_KEY, Store, StoreError, StoreLock};
use crate::files::sync_dir;

/// Inside a fresh store: present once all of it is durable.
const COMPLETE: &str = "complete";

/// The sibling folder a fresh store is built in.
pub fn new_dir(path: &Path) -> PathBuf {
    sibling(path, "regulars-new")
}

/// The sibling folder the old store is moved to while the fresh one takes its place.
fn old_dir(path: &Path) -> PathBuf {
    sibling(path, "regulars-old")
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// Finishes a swap that a crash interrupted, before the store at `path` is locked: a complete fresh store
/// with nothing at `path` takes its place. Returns `Locked` while a swap is under way in another process
/// (the folder is briefly missing between two renames).
pub(super) fn recover_before_lock(path: &Path) -> Result<(), StoreError> {
    let new = new_dir(path);
    if path.exists() || !new.exists() {
        return Ok(());
    }
    if !new.join(COMPLETE).exists() {
        // Built by someone still at it, or left half-built by a crash with the old store already moved:
        // the old store is the one to bring back.
        let old = old_dir(path);
        if old.exists() {
            fs::rename(&old, path).map_err(|e| io_error(path, e))?;
            sync_dir(crate::files::folder_of(path)).map_err(|e| io_error(path, e))?;
        }
        return Ok(());
    }
    fs::rename(&new, path).map_err(|e| io_error(path, e))?;
    sync_dir(crate::files::folder_of(path)).map_err(|e| io_error(path, e))
}

/// With the store at `path` locked: removes what a finished or abandoned swap left beside it.
pub(super) fn recover_after_lock(path: &Path) -> Result<(), StoreError> {
    let _ = fs::remove_file(path.join(COMPLETE));
    for leftover in [old_dir(path), new_dir(path)] {
        if leftover.exists() {
            tracing::info!(folder = %leftover.display(), "removing what an interrupted rewrite left");
            fs::remove_dir_all(&leftover).map_err(|e| io_error(path, e))?;
            sync_dir(crate::files::folder_of(path)).map_err(|e| io_error(path, e))?;
        }
    }
    Ok(())
}

/// What to do with one record while a store is copied: keep it as it is, keep it changed, or leave it out.
pub enum Keep {
    Same,
    Changed(Vec<u8>),
    Out,
}

/// The trees copied into a fresh store, in order. The index journal is not: the fresh store's search index
/// is built anew from the records.
pub(super) fn copied() -> impl Iterator<Item = &'static str> + Clone {
    ["meta", "customers"]
        .into_iter()
        .chain(super::shapes::EVENTS.iter().map(|k| k.tree))
        .chain(["owners", "stats", "outbox", "clocks", "tills", "forgotten"])
}

impl Store {
    /// A fresh, empty store at `dir` (which must not exist), to be filled and swapped in.
    pub(super) fn fresh(dir: &Path) -> Result<Store, StoreError> {
        if dir.exists() {
            fs::remove_dir_all(dir).map_err(|e| io_error(dir, e))?;
        }
        Store::open_locked(StoreLock::exclusive_here(dir)?, false)
    }

    /// The tree called `name` (one of [`copied`]).
    pub(super) fn tree_named(&self, name: &str) -> Option<&sled::Tree> {
        Some(match name {
            "meta" => &self.meta,
            "customers" => &self.customers,
            "owners" => &self.owners,
            "stats" => &self.stats,
            "outbox" => &self.outbox,
            "clocks" => &self.clocks,
            "tills" => &self.tills,
            "forgotten" => &self.forgotten,
            name => {
                let at = super::shapes::EVENTS.iter().position(|k| k.tree == name)?;
                &self.events[at]
            }
        })
    }

    /// Copies every record of this store into the fresh store `into`, as `keep` says for each (tree name,
    /// key, value). The journal's bookkeeping is not carried over, and the index epoch moves on, so the
    /// search index is built anew.
    pub(super) fn copy_into(
        &self,
        into: &Store,
        keep: &mut impl FnMut(&str, &[u8], &[u8]) -> Result<Keep, StoreError>,
    ) -> Result<(), StoreError> {
        let mut fill = into.filler();
        for name in copied() {
            let Some(tree) = self.tree_named(name) else {
                continue;
            };
            for item in tree.leaves() {
                let (key, value) = item.map_err(|e| self.err(e))?;
                if name == "meta" && key.as_ref() == PRUNED_KEY {
                    continue;
                }
                match keep(name, &key, &value)? {
                    Keep::Same => fill.put(name, &key, value)?,
                    Keep::Changed(changed) => fill.put(name, &key, changed)?,
                    Keep::Out => {}
                }
            }
        }
        fill.finish()?;
        into.bump_epoch()?;
        into.sync()
    }

    /// Fills this fresh store: see [`Filler`].
    pub(super) fn filler(&self) -> Filler<'_> {
        Filler {
            store: self,
            loading: None,
            started: HashSet::new(),
        }
    }

    /// Closes a fresh store whose records are all written, makes its folder durable and marks it complete.
    pub(super) fn seal(self) -> Result<PathBuf, StoreError> {
        let dir = self.path.clone();
        self.sync()?;
        self.close(None);
        let io_err = |e| io_error(&dir, e);
        sync_dir(&dir).map_err(io_err)?;
        crate::files::write_private(&dir.join(COMPLETE), b"", true).map_err(io_err)?;
        Ok(dir)
    }
}

/// Puts the sealed fresh store `new` in the place of the store at `path`, whose lock `held` is (the old
/// store itself already closed), and removes the old one. Durable at every step (see the module's text).
pub(super) fn swap_in(path: &Path, new: &Path, held: StoreLock) -> Result<(), StoreError> {
    let io_err = |e| io_error(path, e);
    let old = old_dir(path);
    let up = crate::files::folder_of(path);
    if path.exists() {
        fs::rename(path, &old).map_err(io_err)?;
        sync_dir(up).map_err(io_err)?;
        crate::abort::point("swap-old-moved");
    }
    fs::rename(new, path).map_err(io_err)?;
    sync_dir(up).map_err(io_err)?;
    crate::abort::point("swap-new-in");
    let _ = fs::remove_file(path.join(COMPLETE));
    // The old lock goes with the old folder.
    drop(held);
    if old.exists() {
        fs::remove_dir_all(&old).map_err(io_err)?;
        sync_dir(up).map_err(io_err)?;
    }
    Ok(())
}

/// Writes the records of a fresh store (one of [`copied`]'s trees each): nothing reads the store until it
/// is sealed and swapped in, so the records need not appear together, and sealing makes them durable.
///
/// A tree whose records come in key order (as a copy of a store and a backup give them) is built from
/// the leaves up by sled's bulk loader (`vendor/README.md`), which writes each node once: inserting them
/// one at a time splits the last leaf every eight records and writes its parent whole each time, and
/// took most of a restore's time. A record out of order, or one for a tree that already has records (the
/// fresh store's own `meta`), is inserted the usual way; the tree's loaded part is swapped in first.
pub(super) struct Filler<'a> {
    store: &'a Store,
    /// The tree being loaded, its loader and the last key given to it.
    loading: Option<(&'a str, sled::BulkLoader, Vec<u8>)>,
    /// The trees a load was started for: any later record of theirs is inserted.
    started: HashSet<&'a str>,
}

impl<'a> Filler<'a> {
    /// Writes one record into tree `name`; another name than [`copied`]'s is damage.
    pub(super) fn put(
        &mut self,
        name: &str,
        key: &[u8],
        value: impl Into<sled::IVec>,
    ) -> Result<(), StoreError> {
        let store = self.store;
        if let Some((tree, loader, last)) = &mut self.loading
            && *tree == name
            && key > last.as_slice()
        {
            loader.push(key, value).map_err(|e| store.err(e))?;
            last.clear();
            last.extend_from_slice(key);
            return Ok(());
        }
        self.finish()?;
        let Some((name, tree)) = copied()
            .find(|n| *n == name)
            .and_then(|n| Some((n, store.tree_named(n)?)))
        else {
            return Err(StoreError::Damaged {
                path: store.path.clone(),
                detail: format!("there is no tree called {name}"),
            });
        };
        if self.started.insert(name) {
            match tree.bulk_loader() {
                Ok(mut loader) => {
                    loader.push(key, value).map_err(|e| store.err(e))?;
                    self.loading = Some((name, loader, key.to_vec()));
                    return Ok(());
                }
                // A tree with records already.
                Err(sled::Error::Unsupported(_)) => {}
                Err(e) => return Err(store.err(e)),
            }
        }
        tree.insert(key, value).map_err(|e| store.err(e))?;
        Ok(())
    }

    /// Swaps in the tree being loaded, if any: call it once after the last record.
    pub(super) fn finish(&mut self) -> Result<(), StoreError> {
        if let Some((_, loader, _)) = self.loading.take() {
            loader.finish().map_err(|e| self.store.err(e))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Contents = Vec<(&'static str, Vec<(sled::IVec, sled::IVec)>)>;

    /// Every record of every tree a rewrite carries, but the bookkeeping a rewrite renews (`meta`).
    fn contents(store: &Store) -> Contents {
        copied()
            .filter(|name| *name != "meta")
            .map(|name| {
                let tree = store.tree_named(name).unwrap();
                (name, tree.iter().collect::<Result<Vec<_>, _>>().unwrap())
            })
            .collect()
    }

    /// Records in key order are loaded, records out of order, records of a tree met again after another
    /// and records of a tree that had some already are inserted: all of them land, none twice, and the
    /// store reads the same after it is closed and opened again.
    #[test]
    fn a_fresh_store_takes_records_in_any_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fresh");
        let fresh = Store::fresh(&path).unwrap();
        let meta_before = fresh.meta.len();
        let mut fill = fresh.filler();
        let key = |i: u32| i.to_be_bytes();
        for i in 0..500 {
            fill.put("customers", &key(i), key(i).to_vec()).unwrap();
        }
        // Out of order: the load so far is swapped in, and the rest inserted.
        for i in (500..600).rev() {
            fill.put("customers", &key(i), key(i).to_vec()).unwrap();
        }
        fill.put("stats", &key(1), b"one".to_vec()).unwrap();
        // A tree met again after another one.
        fill.put("customers", &key(1_000), key(1_000).to_vec())
            .unwrap();
        fill.put("meta", b"a key of our own", b"1".to_vec())
            .unwrap();
        assert!(matches!(
            fill.put("no such tree", b"k", b"v".to_vec()),
            Err(StoreError::Damaged { .. })
        ));
        fill.finish().unwrap();
        drop(fill);
        let check = |store: &Store| {
            let keys: Vec<u32> = store
                .customers
                .iter()
                .keys()
                .map(|k| u32::from_be_bytes(k.unwrap().as_ref().try_into().unwrap()))
                .collect();
            assert_eq!(keys, (0..600).chain([1_000]).collect::<Vec<_>>());
            assert_eq!(store.stats.get(key(1)).unwrap().unwrap().as_ref(), b"one");
            assert_eq!(store.meta.len(), meta_before + 1);
        };
        check(&fresh);
        fresh.sync().unwrap();
        fresh.close(None);
        check(&Store::open(&path).unwrap());
    }

    /// A record in every tree (sync's included), carried whole by a backup and its restore, and by the
    /// copy a forget makes: no tree is left behind by either.
    #[test]
    fn a_restore_and_a_rewrite_carry_every_tree_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("store")).unwrap();
        for name in copied() {
            let tree = store.tree_named(name).unwrap();
            tree.insert(format!("{name} key"), format!("{name} value").as_bytes())
                .unwrap();
        }
        store.sync().unwrap();
        let before = contents(&store);
        assert!(before.iter().all(|(_, records)| !records.is_empty()));

        let copy = Store::fresh(&dir.path().join("copy")).unwrap();
        store
            .copy_into(&copy, &mut |_, _, _| Ok(Keep::Same))
            .unwrap();
        assert_eq!(contents(&copy), before);
        drop(copy);

        let file = dir.path().join("shop.backup");
        store.backup_to(&file).unwrap();
        store.close(None);
        let restored = dir.path().join("restored");
        super::super::backup::restore(&file, &restored, false, "now").unwrap();
        let restored = Store::open(&restored).unwrap();
        assert_eq!(contents(&restored), before);
        assert!(restored.meta.contains_key("meta key").unwrap());
    }
}
