//! The saved search index from arbitrary bytes. The checksum is recomputed so the fuzzer reaches the
//! parser itself; whatever parses must then search without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use regulars::search::SearchIndex;

fuzz_target!(|data: &[u8]| {
    let mut bytes = data.to_vec();
    bytes.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
    if let Some((_, index)) = SearchIndex::from_snapshot(&bytes) {
        for query in ["", "a", "ma", "mar ro", "333"] {
            for id in index.search(query, Some(20)) {
                let _ = index.get(id);
            }
        }
    }
});
