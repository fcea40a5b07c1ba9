//! Stores written by earlier versions keep opening. `tests/fixtures/store-schema2/` was written by the
//! binary of schema 2 (format 1 records); `store-schema2.json` is what `show --json` printed for each of its
//! customers then. Every later binary must open a copy of it (migrating if its schema is newer) and give the
//! same answers: the fields listed there must be equal (new fields may be added).

mod common;

use std::path::Path;

use regulars::store::{SCHEMA_VERSION, Store};
use serde_json::Value;

/// Every field of `expected` is in `actual` with the same value (objects compared field by field).
fn contains(actual: &Value, expected: &Value, at: &str) {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (key, value) in e {
                let found = a.get(key).unwrap_or_else(|| panic!("{at}.{key} is gone"));
                contains(found, value, &format!("{at}.{key}"));
            }
        }
        (Value::Array(a), Value::Array(e)) => {
            assert_eq!(a.len(), e.len(), "{at}: length");
            for (i, (x, y)) in a.iter().zip(e).enumerate() {
                contains(x, y, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(actual, expected, "{at}"),
    }
}

#[test]
fn a_schema_2_store_opens_and_reads_back_the_same() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let store_path = dir.path().join("store");
    common::copy_dir(&fixtures.join("store-schema2"), &store_path);
    {
        let store = Store::open(&store_path).unwrap();
        assert_eq!(store.schema_version().unwrap(), Some(SCHEMA_VERSION));
        assert_eq!(store.check().unwrap(), Vec::<String>::new());
    }
    let expected: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(fixtures.join("store-schema2.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(expected.len(), 13);
    for customer in &expected {
        let id = customer["id"].as_str().unwrap();
        let out = common::run(&store_path, &["show", id, "--json"]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        let actual: Value = serde_json::from_str(&common::stdout(&out)).unwrap();
        contains(&actual, customer, id);
    }
    // The migration found every old event's customer: a visit and a note of the fixture can be voided
    // by their ids alone, and the store stays whole.
    let with_events = expected
        .iter()
        .find(|c| {
            !c["visits"].as_array().unwrap().is_empty()
                && !c["notes"].as_array().unwrap().is_empty()
        })
        .unwrap();
    for event in [
        &with_events["visits"][0]["id"],
        &with_events["notes"][0]["id"],
    ] {
        let out = common::run(&store_path, &["void", event.as_str().unwrap()]);
        assert!(out.status.success(), "{}", common::stderr(&out));
    }
    {
        let store = Store::open(&store_path).unwrap();
        assert_eq!(store.check().unwrap(), Vec::<String>::new());
    }
    // The desk's search finds them the same way.
    let out = common::run(&store_path, &["find", "zoe dangelo"]);
    assert!(
        common::stdout(&out).contains("Zoë D'Angelo"),
        "{}",
        common::stdout(&out)
    );
}
