//! The files `regulars import` reads (CSV, vCard, abook, the desk's JSON) from arbitrary bytes: each reader gives rows or
//! a problem, and the rows are planned, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use regulars::import::{self, OnDuplicate};

fuzz_target!(|data: &[u8]| {
    let _ = import::dump::read(data, chrono::NaiveDate::MAX, &|_| false);
    let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default();
    for read in [import::table::read, import::vcard::read, import::abook::read] {
        if let Ok((rows, _)) = read(data) {
            let _ = import::plan(
                rows,
                Vec::new(),
                OnDuplicate::Merge,
                now,
                now.date_naive(),
                None,
                &mut |_, _| false,
            );
        }
    }
});
