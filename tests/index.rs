//! The saved search index: a cache of the store that must never show anything but the store's truth —
//! caught up from the journal, rebuilt when damaged, foreign or stale.

mod common;

use std::path::Path;

use chrono::Duration;
use regulars::book::Book;
use regulars::domain::{CustomerDraft, CustomerText, Id};

const INDEX_FILE: &str = "search-index";

use common::add_customer as add;

/// Everything a search shows, for comparing two books.
fn view(book: &Book, query: &str) -> Vec<(String, u32)> {
    book.search(query, None)
        .into_iter()
        .map(|id| {
            let e = book.entry(id).unwrap();
            (e.name.to_string(), e.visits)
        })
        .collect()
}

/// Closes `book` and checks that a book rebuilt from the store alone shows exactly the same.
fn same_as_a_fresh_build(book: Book, path: &Path) {
    let queries = ["", "a", "ross", "333", "zz"];
    let seen: Vec<_> = queries.iter().map(|q| view(&book, q)).collect();
    drop(book);
    std::fs::remove_file(path.join(INDEX_FILE)).unwrap();
    let fresh = Book::open(path, None).unwrap();
    let rebuilt: Vec<_> = queries.iter().map(|q| view(&fresh, q)).collect();
    assert_eq!(seen, rebuilt);
}

#[test]
fn changes_after_the_saved_index_are_caught_up_from_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let (anna, luca) = {
        let mut book = Book::open(&path, None).unwrap();
        let anna = add(&mut book, "Anna Rossi", "333 111 2222");
        let luca = add(&mut book, "Luca Bianchi", "");
        book.log_visit(anna, common::now().to_utc(), None, None)
            .unwrap();
        (anna, luca)
    };
    // Few changes: the saved index is older than the store, and the journal holds the rest.
    assert!(
        !regulars::store::Store::open(&path)
            .unwrap()
            .journal_after(0)
            .unwrap()
            .0
            .is_empty()
    );
    let mut book = Book::open(&path, None).unwrap();
    assert_eq!(view(&book, "ross"), vec![("Anna Rossi".to_string(), 1)]);
    assert_eq!(book.search("333 111", None), vec![anna]);
    // An edit and a visit after reopening, then an explicit save: the journal is pruned.
    let today = common::now().date_naive();
    let draft = CustomerDraft::from_text(
        &CustomerText {
            name: "Luca Verdi".into(),
            ..Default::default()
        },
        today,
    )
    .unwrap();
    book.update_customer(
        luca,
        draft,
        common::now().to_utc(),
        common::now().date_naive(),
    )
    .unwrap();
    book.log_visit(
        luca,
        common::now().to_utc() + Duration::minutes(5),
        None,
        None,
    )
    .unwrap();
    book.save_index();
    drop(book);
    let store = regulars::store::Store::open(&path).unwrap();
    assert_eq!(store.journal_after(0).unwrap().0, Vec::<Id>::new());
    drop(store);
    let book = Book::open(&path, None).unwrap();
    assert_eq!(
        view(&book, ""),
        vec![("Luca Verdi".to_string(), 1), ("Anna Rossi".to_string(), 1)]
    );
    assert!(book.search("bianchi", None).is_empty());
    same_as_a_fresh_build(book, &path);
}

#[test]
fn a_damaged_or_foreign_index_file_is_rebuilt_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let other = dir.path().join("other");
    {
        let mut book = Book::open(&path, None).unwrap();
        add(&mut book, "Anna Rossi", "");
        book.save_index();
        let mut elsewhere = Book::open(&other, None).unwrap();
        add(&mut elsewhere, "Stranger Danger", "");
        elsewhere.save_index();
    }
    // Another store's index file copied over this one's: refused, rebuilt.
    std::fs::copy(other.join(INDEX_FILE), path.join(INDEX_FILE)).unwrap();
    let book = Book::open(&path, None).unwrap();
    assert_eq!(view(&book, ""), vec![("Anna Rossi".to_string(), 0)]);
    drop(book);
    // A flipped byte: refused, rebuilt.
    let mut bytes = std::fs::read(path.join(INDEX_FILE)).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(path.join(INDEX_FILE), bytes).unwrap();
    let book = Book::open(&path, None).unwrap();
    assert_eq!(view(&book, "anna"), vec![("Anna Rossi".to_string(), 0)]);
    drop(book);
    // A truncated file, and no file at all.
    std::fs::write(path.join(INDEX_FILE), b"RGLRSIDX").unwrap();
    assert_eq!(view(&Book::open(&path, None).unwrap(), "anna").len(), 1);
    std::fs::remove_file(path.join(INDEX_FILE)).unwrap();
    assert_eq!(view(&Book::open(&path, None).unwrap(), "anna").len(), 1);
}

#[test]
fn a_bulk_load_makes_an_older_saved_index_stale() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let mut book = Book::open(&path, None).unwrap();
        add(&mut book, "Anna Rossi", "");
        book.save_index();
    }
    let saved = std::fs::read(path.join(INDEX_FILE)).unwrap();
    {
        let mut book = Book::open(&path, None).unwrap();
        let data =
            regulars::demo::generate(30, 1, common::now().to_utc(), regulars::text::Lang::En);
        book.store()
            .unwrap()
            .load_batch(&data.customers, &data.events())
            .unwrap();
        book.store().unwrap().sync().unwrap();
    }
    // The old file (from before the bulk load) is put back: its epoch is old, so it is not trusted.
    std::fs::write(path.join(INDEX_FILE), saved).unwrap();
    let book = Book::open(&path, None).unwrap();
    assert_eq!(book.len(), 31);
    same_as_a_fresh_build(book, &path);
}

#[test]
fn a_closed_book_leaves_the_index_saved_and_the_journal_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let mut book = Book::open(&path, None).unwrap();
    let id = add(&mut book, "Busy Bea", "");
    for n in 0..60 {
        book.log_visit(
            id,
            common::now().to_utc() + Duration::seconds(n),
            None,
            None,
        )
        .unwrap();
    }
    book.close();
    let store = regulars::store::Store::open(&path).unwrap();
    assert!(
        store.journal_after(0).unwrap().0.is_empty(),
        "the journal was pruned on the way out"
    );
    drop(store);
    let book = Book::open(&path, None).unwrap();
    assert_eq!(view(&book, "bea"), vec![("Busy Bea".to_string(), 60)]);
}

#[test]
fn the_desk_card_holds_the_latest_visits_and_the_full_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(&dir.path().join("store"), None).unwrap();
    let id = add(&mut book, "Daily Dario", "");
    let start = common::now().to_utc() - Duration::days(200);
    for n in 0..150 {
        book.log_visit(
            id,
            start + Duration::days(n),
            None,
            Some(format!("visit {n}")),
        )
        .unwrap();
    }
    let card = book.card(id).unwrap();
    assert_eq!(card.visit_count, 150);
    assert_eq!(card.visits().count(), 100);
    assert_eq!(
        card.visits().next().unwrap().what.as_deref(),
        Some("visit 50")
    );
    assert_eq!(
        card.last_visit().unwrap().what.as_deref(),
        Some("visit 149")
    );
    let full = book.profile(id).unwrap();
    assert_eq!((full.visit_count, full.visits().count()), (150, 150));
}

#[test]
fn a_bulk_load_indexes_what_it_writes_as_a_rebuild_from_the_store_would() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let mut book = Book::open(&path, None).unwrap();
    add(&mut book, "Anna Rossi", "333 111 2222");
    let mut generator =
        regulars::demo::Generator::new(300, 5, common::now().to_utc(), regulars::text::Lang::It);
    for _ in 0..3 {
        let chunk = generator.take(100);
        assert!(!chunk.visits.is_empty());
        book.load_new(&chunk.customers, &chunk.events()).unwrap();
    }
    book.finish_load().unwrap();
    assert_eq!(book.len(), 301);
    same_as_a_fresh_build(book, &path);
}

#[test]
fn a_bulk_load_with_visits_of_someone_outside_it_rebuilds_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let mut book = Book::open(&path, None).unwrap();
    let anna = add(&mut book, "Anna Rossi", "");
    let mut chunk =
        regulars::demo::generate(20, 5, common::now().to_utc(), regulars::text::Lang::En);
    let mut visit = chunk.visits[0].clone();
    visit.customer = anna;
    chunk.visits.push(visit);
    book.load_new(&chunk.customers, &chunk.events()).unwrap();
    book.finish_load().unwrap();
    assert_eq!(
        view(&book, "anna rossi"),
        vec![("Anna Rossi".to_string(), 1)]
    );
    same_as_a_fresh_build(book, &path);
}

/// A forget carries the index over without the person rather than building it anew: it must show what an
/// index built from the fresh store shows, for the customer who referred them (one fewer brought) and
/// those they referred (their link gone) too; and it is saved, so the next open needs no build.
#[test]
fn after_a_forget_the_index_is_what_a_fresh_build_would_be() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let mut book = Book::open(&path, None).unwrap();
    let today = common::now().date_naive();
    let add_referred = |book: &mut Book, name: &str, by: Option<Id>| {
        let text = CustomerText {
            name: name.into(),
            ..Default::default()
        };
        let mut draft = CustomerDraft::from_text(&text, today).unwrap();
        draft.referred_by = by;
        book.add_customer(draft, common::now().to_utc(), today)
            .unwrap()
            .id
    };
    let marco = add_referred(&mut book, "Marco Neri", None);
    let anna = add_referred(&mut book, "Anna Rossi", Some(marco));
    let bruno = add_referred(&mut book, "Bruno Esposito", Some(anna));
    let carla = add_referred(&mut book, "Carla Esposito", Some(anna));
    let luca = add(&mut book, "Luca Bianchi", "333 111 2222");
    book.log_visit(luca, common::now().to_utc(), None, None)
        .unwrap();
    book.save_index();
    // Written after the last save: the forget must catch up with the journal before it carries the index.
    let dario = add_referred(&mut book, "Dario Rossi", Some(anna));
    let brought = |book: &Book, id: Id| book.entry(id).unwrap().brought;
    assert_eq!((brought(&book, marco), brought(&book, anna)), (1, 3));

    book.forget(anna, common::now().to_utc(), &mut |_| {})
        .unwrap();
    assert!(book.entry(anna).is_none());
    assert_eq!(brought(&book, marco), 0);
    assert_eq!(view(&book, "rossi"), vec![("Dario Rossi".to_string(), 0)]);
    for id in [bruno, carla, dario] {
        assert_eq!(brought(&book, id), 0);
        assert!(book.entry(id).is_some());
    }
    assert!(path.join(INDEX_FILE).exists(), "the carried index is saved");
    // Sorted: customers who never came tie in the list's order, which a build and a change settle apart.
    let full = |book: &Book| -> Vec<(String, u32, u32)> {
        let mut all: Vec<_> = book
            .search("", None)
            .into_iter()
            .map(|id| {
                let e = book.entry(id).unwrap();
                (e.name.to_string(), e.visits, e.brought)
            })
            .collect();
        all.sort();
        all
    };
    let carried = full(&book);
    assert_eq!(carried.len(), 5);
    drop(book);
    // Opened from the saved file,
    assert_eq!(full(&Book::open(&path, None).unwrap()), carried);
    // and built from the store alone: the same.
    std::fs::remove_file(path.join(INDEX_FILE)).unwrap();
    assert_eq!(full(&Book::open(&path, None).unwrap()), carried);
}
