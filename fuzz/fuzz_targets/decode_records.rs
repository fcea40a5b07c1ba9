//! Stored records from arbitrary bytes: every decoder refuses or decodes, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    regulars::store::decode_any(data);
});
