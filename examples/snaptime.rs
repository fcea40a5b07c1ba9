use std::time::Instant;
fn main() {
    for p in std::env::args().skip(1) {
        let t = Instant::now();
        let bytes = std::fs::read(format!("{p}/search-index")).unwrap();
        let r = t.elapsed();
        let (_, idx) = regulars::search::SearchIndex::from_snapshot(&bytes).unwrap();
        let parsed = t.elapsed();
        let ids = idx.search("mar", Some(20));
        let s = t.elapsed();
        println!(
            "{p}: read {:?} parse {:?} search {:?} n={}",
            r,
            parsed,
            s,
            ids.len()
        );
    }
}
