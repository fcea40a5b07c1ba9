//! The order of the system calls behind an acknowledgement, read from `strace`: a brand-new store's
//! folder, and the folder's entry in its parent, are fsynced before `add` prints the new customer's id
//! (sled makes the folder's files without fsyncing the folder, so a power cut right after could leave a
//! folder that never had them). Needs strace: `.ci/run` installs it when missing and runs this with
//! `--ignored`.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// What the trace shows: for each path, the line of its first fsync (or fdatasync), and the line where the
/// id was written to stdout. strace runs with `-y`, so each descriptor comes with its path
/// (`fsync(5</tmp/x/store>)`), also on a call another thread interrupted (`fsync(5</tmp/x/db> <unfinished
/// ...>`): no bookkeeping of opens and closes that such a line would break.
struct Trace {
    synced: HashMap<String, usize>,
    acknowledged: Option<usize>,
}

fn read_trace(trace: &str, id: &str) -> Trace {
    let mut synced = HashMap::new();
    let mut acknowledged = None;
    for (n, line) in trace.lines().enumerate() {
        // `1234  fsync(5</tmp/x/store>) = 0`, with -f a pid first.
        let call = line.split_once(' ').map_or(line, |(_, rest)| rest).trim();
        if let Some(args) = call
            .strip_prefix("fsync(")
            .or_else(|| call.strip_prefix("fdatasync("))
        {
            let path = args
                .split_once('<')
                .and_then(|(_, rest)| rest.split_once('>'))
                .map(|(path, _)| path);
            if let Some(path) = path {
                synced.entry(path.to_string()).or_insert(n);
            }
        } else if call.starts_with("write(1<") && call.contains(id) {
            acknowledged.get_or_insert(n);
        }
    }
    Trace {
        synced,
        acknowledged,
    }
}

#[test]
#[ignore = "needs strace: .ci/run installs it and runs this test"]
fn a_new_stores_folder_and_its_entry_are_fsynced_before_its_first_write_is_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    // A canonical path, as strace shows it.
    let parent = dir.path().canonicalize().unwrap().join("shop");
    std::fs::create_dir(&parent).unwrap();
    let store = parent.join("store");
    let trace_file = dir.path().join("trace");
    let out = Command::new("strace")
        .args(["-f", "-qq", "-y", "-e", "trace=fsync,fdatasync,write", "-o"])
        .arg(&trace_file)
        .arg(env!("CARGO_BIN_EXE_regulars"))
        .arg("--db")
        .arg(&store)
        .args(["add", "--name", "Anna Ferri"])
        .env("LANG", "C")
        .env(
            "REGULARS_TEST_DEADLINE",
            common::DEADLINE_SECONDS.to_string(),
        )
        .output()
        .expect("strace runs");
    assert!(out.status.success(), "{}", common::stderr(&out));
    let id = common::stdout(&out).trim().to_string();
    assert_eq!(id.len(), 26, "{id}");
    let trace = read_trace(&std::fs::read_to_string(&trace_file).unwrap(), &id);
    let acknowledged = trace.acknowledged.expect("the id is written to stdout");
    let synced = |path: &Path| trace.synced.get(path.to_str().unwrap()).copied();
    for folder in [&store, &parent] {
        let at = synced(folder).unwrap_or_else(|| panic!("{} is never fsynced", folder.display()));
        assert!(
            at < acknowledged,
            "{} is fsynced after the id is printed",
            folder.display()
        );
    }
    // The data file too, of course.
    let data = synced(&store.join("db")).expect("the data file is fsynced");
    assert!(data < acknowledged);
}
