//! Writes that fail: the store of a test-hooks build refuses its next writes on request
//! (`Store::fail_next_writes`), before they change anything, as a disk refusing them would. The desk says
//! "not saved" (or "not done"), keeps what was typed, nothing of the write is in the store after reopening,
//! and saving the kept form again writes it once.

mod common;

use std::path::Path;

use common::desk::Desk;
use crossterm::event::KeyCode;
use regulars::book::Book;
use regulars::domain::Id;
use regulars::store::Store;

/// A store with Ada Neri alone, and her id.
fn store_with_ada(path: &Path) -> Id {
    let mut book = Book::open(path, None).unwrap();
    let ada = common::add_customer(&mut book, "Ada Neri", "");
    book.close();
    ada
}

fn close(desk: Desk) {
    let Desk { app, .. } = desk;
    app.into_book().close();
}

fn status(desk: &Desk) -> (String, bool) {
    let status = desk.app.state.status.clone().expect("a status message");
    (status.text, status.error)
}

#[test]
fn a_note_that_fails_is_not_saved_stays_in_its_form_and_is_absent_until_saved_again_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let ada = store_with_ada(&path);
    let mut desk = Desk::on_store(&path);
    desk.key(KeyCode::Enter).key(KeyCode::Char('n'));
    desk.typed("Wants the blue scarf");
    desk.app.book.store().unwrap().fail_next_writes(1);
    desk.key(KeyCode::Enter);
    let (said, error) = status(&desk);
    assert!(
        error && said.contains("Not saved") && said.contains("still in the form"),
        "{said}"
    );
    assert_eq!(
        desk.app.state.form.as_ref().unwrap().value(0),
        "Wants the blue scarf"
    );
    close(desk);

    // Reopened: the note is not there, and the store is whole.
    {
        let store = Store::open(&path).unwrap();
        assert!(store.notes_for(ada).unwrap().is_empty());
        assert_eq!(store.check().unwrap(), Vec::<String>::new());
    }
    // The next desk brings the form back; saving it writes the note once.
    let mut desk = Desk::on_store(&path);
    assert_eq!(
        desk.app.state.form.as_ref().unwrap().value(0),
        "Wants the blue scarf"
    );
    desk.key(KeyCode::Enter);
    let (said, error) = status(&desk);
    assert!(!error, "{said}");
    close(desk);
    let store = Store::open(&path).unwrap();
    let notes = store.notes_for(ada).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Wants the blue scarf");
}

#[test]
fn a_visit_that_fails_is_saved_once_when_its_form_is_saved_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let ada = store_with_ada(&path);
    let mut desk = Desk::on_store(&path);
    desk.key(KeyCode::Enter).key(KeyCode::Char('V'));
    desk.typed("12.50");
    desk.app.book.store().unwrap().fail_next_writes(1);
    desk.key(KeyCode::Enter);
    let (said, error) = status(&desk);
    assert!(error && said.contains("Not saved"), "{said}");
    assert_eq!(desk.app.state.form.as_ref().unwrap().value(0), "12.50");
    assert_eq!(desk.app.book.store().unwrap().visits_for(ada).unwrap(), []);
    // The same form, saved again at once.
    desk.key(KeyCode::Enter);
    let (said, error) = status(&desk);
    assert!(!error, "{said}");
    assert!(desk.app.state.form.is_none());
    assert_eq!(desk.app.book.entry(ada).unwrap().visits, 1);
    close(desk);
    let store = Store::open(&path).unwrap();
    let visits = store.visits_for(ada).unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0].amount_cents, Some(1250));
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn a_quick_visit_and_a_new_customer_that_fail_leave_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let ada = store_with_ada(&path);
    let mut desk = Desk::on_store(&path);
    desk.key(KeyCode::Enter);
    desk.app.book.store().unwrap().fail_next_writes(1);
    desk.key(KeyCode::Char('v')).pause();
    let (said, error) = status(&desk);
    assert!(error && said.contains("Not done"), "{said}");
    assert_eq!(
        desk.app.book.entry(ada).unwrap().visits,
        0,
        "the index counts no visit"
    );
    // A new customer: the form stays with the name.
    desk.key(KeyCode::Esc).ctrl('n').typed("Bruno Bellini");
    desk.app.book.store().unwrap().fail_next_writes(1);
    desk.key(KeyCode::Enter);
    let (said, error) = status(&desk);
    assert!(error && said.contains("Not saved"), "{said}");
    assert_eq!(
        desk.app.state.form.as_ref().unwrap().value(0),
        "Bruno Bellini"
    );
    assert!(desk.app.book.search("bruno", None).is_empty());
    close(desk);
    let mut book = Book::open(&path, None).unwrap();
    assert_eq!(book.len(), 1);
    assert_eq!(book.entry(ada).unwrap().visits, 0);
    assert!(book.search("bruno", None).is_empty());
    assert_eq!(book.store().unwrap().visits_for(ada).unwrap(), []);
    assert_eq!(book.store().unwrap().check().unwrap(), Vec::<String>::new());
    book.close();
    // Saved again from the form the next desk brings back: once.
    let mut desk = Desk::on_store(&path);
    desk.key(KeyCode::Enter);
    assert!(!status(&desk).1, "{:?}", status(&desk));
    close(desk);
    let book = Book::open(&path, None).unwrap();
    assert_eq!(book.len(), 2);
    assert_eq!(book.search("bruno", None).len(), 1);
}
