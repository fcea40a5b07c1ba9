//! The mark that calls the saved search index current: `find` and the desk's first frame answer from that
//! index without opening the store, so the mark must exist only while the index matches the records.

mod common;

use std::fs::File;
use std::path::{Path, PathBuf};

use regulars::book::Book;
use regulars::domain::Id;
use regulars::store::{StoreError, StoreLock};
use regulars::ui::theme::Theme;

const MARK: &str = "index-current";
const INDEX_FILE: &str = "search-index";

fn add(book: &mut Book, name: &str) -> Id {
    common::add_customer(book, name, "")
}

/// A new store holding `name`, closed cleanly (so its index is marked current): the folder, the store's
/// path and the customer's id.
fn closed_store_with(name: &str) -> (tempfile::TempDir, PathBuf, Id) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let mut book = Book::open(&path, None).unwrap();
    let id = add(&mut book, name);
    book.close();
    (dir, path, id)
}

fn names(book: &Book, query: &str) -> Vec<String> {
    book.search(query, None)
        .into_iter()
        .map(|id| book.entry(id).unwrap().name.to_string())
        .collect()
}

/// Holds sled's own lock on the store's data file, as an open store would: anything that opens sled
/// fails while this lives, and anything that does not, works.
fn hold_sleds_lock(path: &Path) -> File {
    let file = File::options()
        .read(true)
        .write(true)
        .open(path.join("db"))
        .unwrap();
    file.try_lock().unwrap();
    file
}

#[test]
fn a_closed_book_marks_its_index_and_find_answers_without_opening_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let mut book = Book::open(&path, None).unwrap();
    let anna = add(&mut book, "Anna Rossi");
    add(&mut book, "Luca Bianchi");
    assert!(!path.join(MARK).exists(), "no mark while the book is open");
    book.close();
    assert!(path.join(MARK).exists(), "a clean close marks the index");

    let _sled = hold_sleds_lock(&path);
    let out = common::run(&path, &["find", "ross"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let found = common::stdout(&out);
    assert!(
        found.starts_with(&format!("{anna}\tAnna Rossi\t")),
        "{found}"
    );
    assert_eq!(found.lines().count(), 1, "{found}");
    // What needs the records still opens the store, and so finds it in use.
    let out = common::run(&path, &["find", "ross", "--json"]);
    assert!(!out.status.success());
    assert!(
        common::stderr(&out).contains("in use"),
        "{}",
        common::stderr(&out)
    );
}

#[test]
fn a_book_that_ends_without_closing_leaves_no_mark_and_find_sees_its_writes() {
    let (_dir, path, _) = closed_store_with("Anna Rossi");
    let mut book = Book::open(&path, None).unwrap();
    assert!(!path.join(MARK).exists(), "opening removes the mark first");
    add(&mut book, "Bruno Rossi");
    drop(book);
    assert!(!path.join(MARK).exists());

    let out = common::run(&path, &["find", "ross"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let found = common::stdout(&out);
    assert!(
        found.contains("Bruno Rossi") && found.contains("Anna Rossi"),
        "{found}"
    );
    // `find` took the ordinary way, caught the index up, and closed cleanly: the next one may skip it.
    assert!(path.join(MARK).exists());
}

#[test]
fn no_reader_overlaps_a_writer() {
    let (_dir, path, _) = closed_store_with("Anna Rossi");
    assert!(Book::saved_index(&path).is_some());
    // A reader in the middle of reading the saved index (it holds the shared lock): a writer opening
    // the store waits, then says the store is in use, and writes nothing (the mark is still there).
    let reading = StoreLock::shared(&path).expect("a reader takes the shared lock");
    match Book::open(&path, None) {
        Err(StoreError::Locked { path: locked }) => assert_eq!(locked, path),
        Err(other) => panic!("the writer got {other}"),
        Ok(_) => panic!("a writer opened the store under a reader"),
    }
    assert!(
        path.join(MARK).exists(),
        "the writer cleared the mark under a reader"
    );
    drop(reading);
    // A writer with the store open: a reader gets no lock, so no index to answer from.
    let book = Book::open(&path, None).unwrap();
    assert!(
        StoreLock::shared(&path).is_none(),
        "a reader under a writer"
    );
    assert!(Book::saved_index(&path).is_none(), "a book is open");
    book.close();
    let index = Book::saved_index(&path).unwrap();
    assert_eq!(index.len(), 1);
    // A reader holds the lock only while it reads the files: a writer opens right after.
    Book::open(&path, None).unwrap().close();
}

#[test]
fn the_desk_searches_at_once_and_adopts_the_store_when_it_opens() {
    let (_dir, path, anna) = closed_store_with("Anna Rossi");

    let mut desk = Book::open_for_desk(&path, None).unwrap();
    assert_eq!(names(&desk, "anna"), ["Anna Rossi"]);
    // The first thing that needs the store waits for it.
    assert_eq!(desk.card(anna).unwrap().customer.name, "Anna Rossi");
    assert!(!desk.is_opening());
    assert!(!desk.check_open().unwrap(), "the marked index was current");
    assert!(!path.join(MARK).exists(), "no mark while the desk is open");
    add(&mut desk, "Bruno Rossi");
    desk.close();
    let index = Book::saved_index(&path).unwrap();
    assert_eq!(index.search("bruno", None).len(), 1);
}

#[test]
fn a_mark_that_lies_is_caught_when_the_store_opens() {
    let (_dir, path, _) = closed_store_with("Anna Rossi");
    let (old_index, old_mark) = (
        std::fs::read(path.join(INDEX_FILE)).unwrap(),
        std::fs::read(path.join(MARK)).unwrap(),
    );
    let mut book = Book::open(&path, None).unwrap();
    add(&mut book, "Carla Verdi");
    book.close();
    // The older index and a forged mark: the older header with today's file fingerprint (it follows the
    // header's length, stored in the first four bytes). Index and mark agree; the records do not.
    let header_end = 4 + u32::from_le_bytes(old_mark[..4].try_into().unwrap()) as usize;
    let mut forged = old_mark[..header_end].to_vec();
    forged.extend_from_slice(&std::fs::read(path.join(MARK)).unwrap()[header_end..]);
    std::fs::write(path.join(INDEX_FILE), old_index).unwrap();
    std::fs::write(path.join(MARK), forged).unwrap();

    let mut desk = Book::open_for_desk(&path, None).unwrap();
    assert!(
        names(&desk, "carla").is_empty(),
        "the first frame shows the old index"
    );
    desk.store().unwrap();
    assert!(
        desk.check_open().unwrap(),
        "the desk is told to search again"
    );
    assert_eq!(names(&desk, "carla"), ["Carla Verdi"]);
    desk.close();
}

#[test]
fn a_store_that_fails_to_open_behind_the_first_frame_ends_the_desk_with_its_sentence() {
    let (_dir, path, anna) = closed_store_with("Anna Rossi");

    let sled = hold_sleds_lock(&path);
    let mut desk = Book::open_for_desk(&path, None).unwrap();
    assert_eq!(names(&desk, "anna"), ["Anna Rossi"]);
    let error = desk.card(anna).unwrap_err().to_string();
    assert!(error.contains("in use"), "{error}");
    let again = desk.check_open().unwrap_err().to_string();
    assert_eq!(again, error, "the same sentence each time");
    drop(desk);
    drop(sled);
    // Nothing was written and the mark is gone; the store opens normally afterwards.
    assert!(!path.join(MARK).exists());
    let mut book = Book::open(&path, None).unwrap();
    assert_eq!(book.card(anna).unwrap().customer.name, "Anna Rossi");
}

#[test]
fn anything_done_to_sleds_files_after_the_close_voids_the_mark() {
    let (dir, path, _) = closed_store_with("Anna Rossi");
    assert!(Book::saved_index(&path).is_some());
    // A byte more in sled's data file (a same-length change is seen by its times).
    let mut db = std::fs::read(path.join("db")).unwrap();
    db.push(0);
    std::fs::write(path.join("db"), db).unwrap();
    assert!(Book::saved_index(&path).is_none());
    // A copy of the store is not the store the mark describes either.
    Book::open(&path, None).unwrap().close();
    assert!(Book::saved_index(&path).is_some());
    let copy = dir.path().join("copy");
    common::copy_dir(&path, &copy);
    assert!(Book::saved_index(&copy).is_none());
}

#[test]
fn the_first_frame_comes_before_the_store_and_the_card_follows_it() {
    let (dir, path, _) = closed_store_with("Anna Rossi");

    // Every store opening behind a first frame held back until the test lets go (a test hook): the
    // first frame is drawn from the saved index alone, whatever the machine's speed.
    let held = regulars::book::gate::hold();
    let book = Book::open_for_desk(&path, None).unwrap();
    let mut desk = common::desk::Desk::with_book(book, dir, 80, 24, Theme { color: false });
    let first = desk.screen();
    assert!(first.contains("Anna Rossi"), "{first}");
    assert!(!first.contains("Customer since"), "the card waits: {first}");
    assert!(desk.app.book.is_opening());
    drop(held);
    desk.app.book.store().unwrap();
    desk.app.check_store().unwrap();
    let then = desk.screen();
    assert!(then.contains("Customer since"), "{then}");
}
