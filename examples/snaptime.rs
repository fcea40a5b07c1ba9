use std::time::Instant;
fn main() {
    for p in std::env::args().skip(1) {
        let path = format!("{p}/search-index");
        let t = Instant::now();
        let bytes = std::fs::read(&path).unwrap();
        let r = t.elapsed();
        let _ = regulars::search::SearchIndex::from_snapshot(&bytes).unwrap();
        let parsed = t.elapsed();
        drop(bytes);
        let t = Instant::now();
        let f = std::fs::File::open(&path).unwrap();
        let len = f.metadata().unwrap().len() as usize;
        let m = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                libc::MAP_PRIVATE | libc::MAP_POPULATE,
                std::os::fd::AsRawFd::as_raw_fd(&f),
                0,
            )
        };
        let s = unsafe { std::slice::from_raw_parts(m as *const u8, len) };
        let r2 = t.elapsed();
        let _ = regulars::search::SearchIndex::from_snapshot(s).unwrap();
        println!(
            "{p}: read {:?} parse {:?} | mmap {:?} parse {:?}",
            r,
            parsed - r,
            r2,
            t.elapsed() - r2
        );
    }
}
