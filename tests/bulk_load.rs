//! sled's bulk loader (`vendor/sled/src/bulk.rs`, regulars' own change to sled): a tree filled bottom-up from
//! sorted keys must be the same tree, to every reader and writer, as one filled by inserts, and stay so
//! after inserts and removals (which split and merge the loaded nodes) and after the store is reopened
//! (sled recovering it from its log). And the walk a leaf at a time (`vendor/sled/src/leaves.rs`) gives
//! what `iter()` gives, on those trees and on trees made by inserts and removals.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Bound;

use proptest::prelude::*;

mod common;

type Model = BTreeMap<Vec<u8>, Vec<u8>>;

fn load(tree: &sled::Tree, model: &Model) {
    let mut loader = tree.bulk_loader().unwrap();
    for (k, v) in model {
        loader.push(k, v.as_slice()).unwrap();
    }
    loader.finish().unwrap();
}

/// Bytes in hex, a run of one byte written once with its length (`[09×300]`), so that what a failed case
/// prints (keys of 300 bytes, values of 70 KB, a model of 2,500 records) stays readable in a CI log.
fn hex(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut rest = bytes;
    while let Some(&b) = rest.first() {
        let run = rest.iter().take_while(|&&c| c == b).count();
        if run >= 4 {
            out.push_str(&format!("[{b:02x}×{run}]"));
        } else {
            for _ in 0..run {
                out.push_str(&format!("{b:02x}"));
            }
        }
        rest = &rest[run..];
    }
    if out.is_empty() {
        out.push_str("\"\"");
    }
    out
}

fn hex_opt(bytes: Option<Vec<u8>>) -> Option<String> {
    bytes.map(|b| hex(&b))
}

/// Two sequences that should be equal; when not, where they part (not both whole, which for a model of
/// 2,500 records would bury the reason).
fn same_sequence<T: PartialEq>(what: &str, got: &[T], want: &[T], show: impl Fn(&T) -> String) {
    if got == want {
        return;
    }
    let at = got.iter().zip(want).take_while(|(g, w)| g == w).count();
    let shown = |items: &[T]| {
        items
            .get(at.saturating_sub(1)..(at + 2).min(items.len()))
            .unwrap_or_default()
            .iter()
            .map(&show)
            .collect::<Vec<_>>()
            .join(", ")
    };
    panic!(
        "{what}: {} items where the model has {}; they part at item {at}: got [{}], the model has [{}]",
        got.len(),
        want.len(),
        shown(got),
        shown(want),
    );
}

fn show_record((k, v): &(Vec<u8>, Vec<u8>)) -> String {
    format!("{}={}", hex(k), hex(v))
}

#[allow(clippy::ptr_arg)] // shows the items of a `Vec<Vec<u8>>` for `same_sequence`
fn show_key(k: &Vec<u8>) -> String {
    hex(k)
}

/// A walk's records as plain bytes.
fn owned(
    walk: impl Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>,
) -> Vec<(Vec<u8>, Vec<u8>)> {
    walk.map(|kv| {
        let (k, v) = kv.unwrap();
        (k.to_vec(), v.to_vec())
    })
    .collect()
}

/// Every way of reading the tree gives what the model holds.
fn same(tree: &sled::Tree, model: &Model, probes: &[Vec<u8>]) {
    let expected: Vec<(Vec<u8>, Vec<u8>)> =
        model.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    // The walk a leaf at a time goes first: after a reopen it reads leaves that are not in sled's cache
    // (and does not put them there), which any other read here would bring in before it.
    same_sequence(
        "a walk a leaf at a time",
        &owned(tree.leaves()),
        &expected,
        show_record,
    );
    same_sequence(
        "a walk forward",
        &owned(tree.iter()),
        &expected,
        show_record,
    );
    let backward: Vec<Vec<u8>> = tree
        .iter()
        .keys()
        .rev()
        .map(|k| k.unwrap().to_vec())
        .collect();
    let expected_backward: Vec<Vec<u8>> = model.keys().rev().cloned().collect();
    same_sequence("a walk backward", &backward, &expected_backward, show_key);
    assert_eq!(tree.len(), model.len(), "len");
    for k in model.keys().chain(probes) {
        assert_eq!(
            hex_opt(tree.get(k).unwrap().map(|v| v.to_vec())),
            hex_opt(model.get(k).cloned()),
            "get {}",
            hex(k)
        );
    }
    for pair in probes.windows(2) {
        let (lo, hi) = if pair[0] <= pair[1] {
            (&pair[0], &pair[1])
        } else {
            (&pair[1], &pair[0])
        };
        let got: Vec<Vec<u8>> = tree
            .range(lo.clone()..hi.clone())
            .keys()
            .map(|k| k.unwrap().to_vec())
            .collect();
        let want: Vec<Vec<u8>> = model
            .range::<Vec<u8>, _>((Bound::Included(lo), Bound::Excluded(hi)))
            .map(|(k, _)| k.clone())
            .collect();
        same_sequence(
            &format!("range {}..{}", hex(lo), hex(hi)),
            &got,
            &want,
            show_key,
        );
        let prefix = &lo[..lo.len().min(2)];
        let got: Vec<Vec<u8>> = tree
            .scan_prefix(prefix)
            .keys()
            .map(|k| k.unwrap().to_vec())
            .collect();
        let want: Vec<Vec<u8>> = model
            .keys()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect();
        same_sequence(&format!("prefix {}", hex(prefix)), &got, &want, show_key);
        assert_eq!(
            hex_opt(tree.get_gt(lo).unwrap().map(|(k, _)| k.to_vec())),
            hex_opt(
                model
                    .range::<Vec<u8>, _>((Bound::Excluded(lo), Bound::Unbounded))
                    .next()
                    .map(|(k, _)| k.clone())
            ),
            "get_gt {}",
            hex(lo)
        );
        assert_eq!(
            hex_opt(tree.get_lt(lo).unwrap().map(|(k, _)| k.to_vec())),
            hex_opt(
                model
                    .range::<Vec<u8>, _>(..lo.clone())
                    .next_back()
                    .map(|(k, _)| k.clone())
            ),
            "get_lt {}",
            hex(lo)
        );
    }
}

/// Keys that share long prefixes (a customer id ahead of an event id, and past the 255 bytes a node's
/// prefix can hold) as well as short and empty ones.
fn key() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(0u8..4, 0..6),
        (0u8..3, proptest::collection::vec(any::<u8>(), 0..20)).prop_map(|(head, tail)| {
            let mut k = vec![7u8; 16];
            k[15] = head;
            k.extend(tail);
            k
        }),
        (proptest::collection::vec(any::<u8>(), 0..4)).prop_map(|tail| {
            let mut k = vec![9u8; 300];
            k.extend(tail);
            k
        }),
    ]
}

fn value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        40 => proptest::collection::vec(any::<u8>(), 0..40),
        // Now and then one large enough for sled to keep its node apart, in a blob file.
        1 => Just(vec![5u8; 70_000]),
    ]
}

/// The generated records, shown compactly when a case fails (`proptest` prints a failing input whole).
#[derive(Clone)]
struct Entries(Model);

impl fmt::Debug for Entries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} records: ", self.0.len())?;
        for (k, v) in &self.0 {
            write!(f, "{}={} ", hex(k), hex(v))?;
        }
        Ok(())
    }
}

#[derive(Clone)]
struct Keys(Vec<Vec<u8>>);

impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<String> = self.0.iter().map(|k| hex(k)).collect();
        write!(f, "{}", keys.join(" "))
    }
}

#[derive(Clone)]
struct Ops(Vec<Op>);

impl fmt::Debug for Ops {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for op in &self.0 {
            write!(f, "{op:?}; ")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Insert(k, v) => write!(f, "insert {}={}", hex(k), hex(v)),
            Op::Remove(k) => write!(f, "remove {}", hex(k)),
            Op::RemoveTail(at) => write!(f, "remove the tail from {at}"),
        }
    }
}

#[derive(Clone)]
enum Op {
    Insert(Vec<u8>, Vec<u8>),
    Remove(Vec<u8>),
    /// Removes every key from the one at this position on: leaves become small enough to be merged.
    RemoveTail(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (key(), proptest::collection::vec(any::<u8>(), 0..30)).prop_map(|(k, v)| Op::Insert(k, v)),
        2 => key().prop_map(Op::Remove),
        1 => any::<usize>().prop_map(Op::RemoveTail),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn a_loaded_tree_reads_writes_and_reopens_like_an_inserted_one(
        entries in proptest::collection::btree_map(key(), value(), 0..2_500).prop_map(Entries),
        ops in proptest::collection::vec(op(), 0..300).prop_map(Ops),
        probes in proptest::collection::vec(key(), 2..30).prop_map(Keys),
    ) {
        let (ops, probes) = (ops.0, probes.0);
        let dir = tempfile::tempdir().unwrap();
        let mut model = entries.0;
        {
            let db = common::raw_sled(dir.path());
            let tree = db.open_tree("t").unwrap();
            load(&tree, &model);
            same(&tree, &model, &probes);
            for op in &ops {
                match op {
                    Op::Insert(k, v) => {
                        tree.insert(k, v.as_slice()).unwrap();
                        model.insert(k.clone(), v.clone());
                    }
                    Op::Remove(k) => {
                        tree.remove(k).unwrap();
                        model.remove(k);
                    }
                    Op::RemoveTail(at) => {
                        let from = model.keys().nth(at % model.len().max(1)).cloned();
                        for k in from.map(|f| model.split_off(&f)).unwrap_or_default().keys() {
                            tree.remove(k).unwrap();
                        }
                    }
                }
            }
            same(&tree, &model, &probes);
            db.flush().unwrap();
        }
        let db = common::raw_sled(dir.path());
        same(&db.open_tree("t").unwrap(), &model, &probes);
    }
}

/// Enough keys for two levels of index nodes above the leaves (more than 128 × 128 leaves would make a
/// third: the same loop once more), then writes all over them.
#[test]
fn a_large_load_has_every_key_and_takes_writes_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let key = |i: u32| {
        let mut k = (i / 16).to_be_bytes().to_vec();
        k.extend([0u8; 12]);
        k.extend(i.to_be_bytes());
        k
    };
    let model: Model = (0..40_000u32)
        .map(|i| (key(i * 2), i.to_le_bytes().to_vec()))
        .collect();
    let probes: Vec<Vec<u8>> = (0..12u32).map(|i| key(i * 3_331 + 1)).collect();
    let mut model = model;
    {
        let db = common::raw_sled(dir.path());
        let tree = db.open_tree("t").unwrap();
        load(&tree, &model);
        same(&tree, &model, &probes);
        for i in (0..40_000u32).step_by(97) {
            tree.insert(key(i * 2 + 1), &b"new"[..]).unwrap();
            model.insert(key(i * 2 + 1), b"new".to_vec());
            tree.remove(key(i * 2)).unwrap();
            model.remove(&key(i * 2));
        }
        same(&tree, &model, &probes);
    }
    let db = common::raw_sled(dir.path());
    same(&db.open_tree("t").unwrap(), &model, &probes);
}

#[test]
fn only_a_tree_never_written_to_is_loaded_and_keys_must_increase() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::raw_sled(dir.path());
    let used = db.open_tree("used").unwrap();
    used.insert(b"a", &b"1"[..]).unwrap();
    assert!(matches!(
        used.bulk_loader(),
        Err(sled::Error::Unsupported(_))
    ));
    // sled's default tree, whose root `Db` and `open_tree` each keep: refused.
    assert!(matches!(db.bulk_loader(), Err(sled::Error::Unsupported(_))));

    let fresh = db.open_tree("fresh").unwrap();
    let mut loader = fresh.bulk_loader().unwrap();
    loader.push(b"b", &b"1"[..]).unwrap();
    assert!(matches!(
        loader.push(b"b", &b"2"[..]),
        Err(sled::Error::Unsupported(_))
    ));
    assert!(matches!(
        loader.push(b"a", &b"2"[..]),
        Err(sled::Error::Unsupported(_))
    ));
    loader.push(b"c", &b"3"[..]).unwrap();
    // Nothing shows before the load is finished.
    assert!(fresh.is_empty());
    loader.finish().unwrap();
    let keys: Vec<Vec<u8>> = fresh.iter().keys().map(|k| k.unwrap().to_vec()).collect();
    assert_eq!(keys, vec![b"b".to_vec(), b"c".to_vec()]);
    assert_eq!(fresh.get(b"b").unwrap().unwrap().as_ref(), b"1");
}

/// The walk a leaf at a time on a tree made by inserts alone (sled's own splits, leaves emptied by
/// removals), while the tree is written between two of its steps.
#[test]
fn a_walk_by_leaves_gives_what_iter_gives() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::raw_sled(dir.path());
    let tree = db.open_tree("t").unwrap();
    let mut model = Model::new();
    for i in (0..5_000u32).rev() {
        let k = (i * 7 % 5_003).to_be_bytes().to_vec();
        tree.insert(&k, &i.to_le_bytes()[..]).unwrap();
        model.insert(k, i.to_le_bytes().to_vec());
    }
    for i in (0..5_003u32).filter(|i| i % 3 != 0 || (1_000..2_000).contains(i)) {
        tree.remove(i.to_be_bytes()).unwrap();
        model.remove(i.to_be_bytes().as_slice());
    }
    same(&tree, &model, &[vec![0, 0, 4], vec![0, 0, 9, 9]]);
    // Keys added behind the walk are not seen, keys ahead of it are: as with `iter()`.
    let mut walk = tree.leaves();
    let first = walk.next().unwrap().unwrap().0.to_vec();
    assert_eq!(Some(&first), model.keys().next());
    tree.insert([0u8], &b"behind"[..]).unwrap();
    tree.insert([255u8; 4], &b"ahead"[..]).unwrap();
    let rest: Vec<Vec<u8>> = walk.map(|kv| kv.unwrap().0.to_vec()).collect();
    assert!(!rest.contains(&vec![0u8]));
    assert_eq!(rest.last(), Some(&vec![255u8; 4]));
    // Every key of the model after the first, and the one added ahead.
    assert_eq!(rest.len(), model.len());
}

/// The walk a leaf at a time while another thread splits and merges the leaves it walks: every key that
/// stays in the tree is handed out once, in order, with its value, whether the walk reached a leaf through
/// the tree, by the link from the leaf before, from sled's cache or from the log. The cache is kept small,
/// so leaves are paged out between two reads of them.
#[test]
fn a_walk_by_leaves_keeps_its_keys_while_leaves_split_and_merge_beside_it() {
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    const STEP: u32 = 20;
    const KEYS: u32 = 40_000;
    const STRETCH: u32 = 400;
    let dir = tempfile::tempdir().unwrap();
    let key = |i: u32| i.to_be_bytes();
    {
        let db = common::raw_sled(dir.path());
        let tree = db.open_tree("t").unwrap();
        for i in (0..KEYS).step_by(STEP as usize) {
            tree.insert(key(i), &i.to_le_bytes()[..]).unwrap();
        }
        db.flush().unwrap();
    }
    // Reopened, the leaves are on disk only until something reads them.
    let db = common::raw_sled_with(
        sled::Config::new()
            .path(dir.path())
            .cache_capacity(64 * 1024),
    );
    let tree = db.open_tree("t").unwrap();
    let stable: Vec<u32> = (0..KEYS).step_by(STEP as usize).collect();
    let done = AtomicBool::new(false);
    // The writer's round, doubled, plus one while it is removing what it added.
    let phase = AtomicU32::new(0);
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let mut round = 0u32;
            while !done.load(Ordering::Relaxed) {
                // Fill a stretch between the stable keys (its leaves split), then empty it again (they
                // are left with one key each, and merge). Never the first leaf, which sled does not merge.
                let from = STRETCH + (round * 7_919) % (KEYS - 2 * STRETCH);
                let filler = (from..from + STRETCH).filter(|i| i % STEP != 0);
                for i in filler.clone() {
                    tree.insert(key(i), &b"filler"[..]).unwrap();
                }
                phase.store(round * 2 + 1, Ordering::SeqCst);
                for i in filler {
                    tree.remove(key(i)).unwrap();
                }
                round += 1;
                phase.store(round * 2, Ordering::SeqCst);
            }
        });
        // The writer stops when the walks end, however they end (an assertion failing among them too).
        struct Stop<'a>(&'a AtomicBool);
        impl Drop for Stop<'_> {
            fn drop(&mut self) {
                self.0.store(true, Ordering::Relaxed);
            }
        }
        let stop = Stop(&done);
        let (mut walks, mut beside_removals) = (0, 0);
        while walks < 12 || beside_removals < 3 {
            assert!(walks < 100_000, "no walk overlapped the writer's removals");
            let before = phase.load(Ordering::SeqCst);
            let mut last: Option<Vec<u8>> = None;
            let mut kept = Vec::new();
            for item in tree.leaves() {
                let (k, v) = item.unwrap();
                if let Some(last) = &last {
                    assert!(k.as_ref() > last.as_slice(), "a key out of order or twice");
                }
                last = Some(k.to_vec());
                let i = u32::from_be_bytes(k.as_ref().try_into().unwrap());
                if i % STEP == 0 {
                    assert_eq!(v.as_ref(), &i.to_le_bytes()[..], "the value of key {i}");
                    kept.push(i);
                } else {
                    assert_eq!(v.as_ref(), b"filler");
                }
            }
            assert_eq!(kept, stable, "every key that stayed, once");
            walks += 1;
            // Removals were going on during this walk: it began in them, or they began before it ended.
            let after = phase.load(Ordering::SeqCst);
            if before % 2 == 1 || after > before + 1 || (after == before + 1 && after % 2 == 1) {
                beside_removals += 1;
            }
        }
        drop(stop);
        writer.join().unwrap();
    });
}
