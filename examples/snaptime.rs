use std::time::Instant;
fn main() {
    for p in std::env::args().skip(1) {
        let t = Instant::now();
        let mut b = regulars::book::Book::open_for_desk(std::path::Path::new(&p), None).unwrap();
        let a = t.elapsed();
        let opening = b.is_opening();
        b.store().unwrap();
        println!(
            "{p}: open_for_desk {:?} opening={opening} store {:?}",
            a,
            t.elapsed()
        );
        let t = Instant::now();
        b.close();
        println!("close {:?}", t.elapsed());
    }
}
