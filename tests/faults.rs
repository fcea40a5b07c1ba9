//! Writes that fail: the store of a test-hooks build refuses its next writes on request
//! (`Store::fail_next_writes`), before they change anything, as a disk refusing them would. The desk says
//! "not saved" (or "not done"), keeps what was typed, nothing of the write is in the store after reopening,
//! and saving the kept form again writes it once.
//!
//! A disk can also fail *after* the store took a write in: its fsync reports an error
//! (`Store::fail_sync_after`). The desk cannot know whether the write will reach the disk, and says "not
//! saved"; saving the kept form again writes the same record (the form keeps its first try's id), so it is
//! there once, never twice, and its figures count it once.

mod common;

use std::path::Path;

use common::desk::Desk;
use crossterm::event::KeyCode;
use regulars::book::Book;
use regulars::domain::{Event, Id};
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

/// A new customer's form with Bruno Bellini's name and phone typed, its focus on the consent boxes.
fn bruno_at_the_consent_boxes(desk: &mut Desk) {
    desk.ctrl('n').typed("Bruno Bellini");
    desk.key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .typed("+39 333 111 2222");
    // From the phones to the consent boxes.
    for _ in 2..8 {
        desk.key(KeyCode::Tab);
    }
}

/// Ada's records of the kind `pick` keeps, in the store at `path` opened afresh (which checks clean).
fn reopened<T>(path: &Path, who: Id, pick: impl Fn(Event) -> Option<T>) -> Vec<T> {
    let store = Store::open(path).unwrap();
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    store
        .events_for(who)
        .unwrap()
        .into_iter()
        .filter_map(pick)
        .collect()
}

#[test]
fn a_note_whose_fsync_fails_after_the_store_took_it_in_is_one_note_once_saved_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let ada = store_with_ada(&path);
    let mut desk = Desk::on_store(&path);
    desk.key(KeyCode::Enter).key(KeyCode::Char('n'));
    desk.typed("Allergic to nuts");
    desk.app.book.store().unwrap().fail_sync_after(0);
    desk.key(KeyCode::Enter);
    let (said, error) = status(&desk);
    assert!(error && said.contains("Not saved"), "{said}");
    assert_eq!(
        desk.app.book.store().unwrap().notes_for(ada).unwrap().len(),
        1,
        "the store took the note in before its fsync failed"
    );
    // The staff fix a word and save again.
    desk.key(KeyCode::Backspace).typed("s, all of them");
    desk.key(KeyCode::Enter);
    let (said, error) = status(&desk);
    assert!(!error, "{said}");
    assert!(desk.app.state.form.is_none());
    close(desk);
    let notes = reopened(&path, ada, |e| match e {
        Event::Note(n) => Some(n.text),
        _ => None,
    });
    assert_eq!(notes, ["Allergic to nuts, all of them"]);
}

#[test]
fn a_visit_whose_fsync_fails_late_is_counted_once_when_its_form_or_v_is_tried_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let ada = store_with_ada(&path);
    let mut desk = Desk::on_store(&path);
    desk.key(KeyCode::Enter).key(KeyCode::Char('V'));
    desk.typed("12.50");
    desk.app.book.store().unwrap().fail_sync_after(0);
    desk.key(KeyCode::Enter);
    assert!(status(&desk).1, "{:?}", status(&desk));
    let in_store = |desk: &mut Desk| {
        desk.app
            .book
            .store()
            .unwrap()
            .visits_for(ada)
            .unwrap()
            .len()
    };
    assert_eq!(in_store(&mut desk), 1, "the first try got into the store");
    desk.key(KeyCode::Enter);
    assert!(!status(&desk).1, "{:?}", status(&desk));
    assert_eq!(desk.app.book.entry(ada).unwrap().visits, 1);
    // A quick `v` whose fsync fails, pressed again: the same visit.
    desk.app.book.store().unwrap().fail_sync_after(0);
    desk.key(KeyCode::Char('v')).pause();
    desk.key(KeyCode::Char('y')).pause();
    let (said, error) = status(&desk);
    assert!(error && said.contains("Not done"), "{said}");
    assert_eq!(in_store(&mut desk), 2, "the first `v` got into the store");
    desk.key(KeyCode::Char('v')).pause();
    desk.key(KeyCode::Char('y')).pause();
    assert!(!status(&desk).1, "{:?}", status(&desk));
    assert_eq!(desk.app.book.entry(ada).unwrap().visits, 2);
    // Once saved, the next `v` is a visit of its own.
    desk.key(KeyCode::Char('v')).pause();
    desk.key(KeyCode::Char('y')).pause();
    assert!(!status(&desk).1, "{:?}", status(&desk));
    assert_eq!(desk.app.book.entry(ada).unwrap().visits, 3);
    close(desk);
    // The check compares the cached figures with the visits: a visit counted twice fails it.
    let mut amounts = reopened(&path, ada, |e| match e {
        Event::Visit(v) => Some(v.amount_cents),
        _ => None,
    });
    // (The desk's clock stands still in the tests: the three share a millisecond.)
    amounts.sort();
    assert_eq!(amounts, [None, None, Some(1250)]);
}

#[test]
fn a_new_customer_whose_consent_fails_late_is_added_once_without_asking_about_their_own_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    store_with_ada(&path);
    let mut desk = Desk::on_store(&path);
    bruno_at_the_consent_boxes(&mut desk);
    // Consent to text messages, ticked: the customer is written, then the consent, whose fsync fails.
    desk.key(KeyCode::Char(' '));
    desk.app.book.store().unwrap().fail_sync_after(1);
    desk.key(KeyCode::Enter);
    let (said, error) = status(&desk);
    assert!(error && said.contains("Not saved"), "{said}");
    let bruno = desk.app.book.search("bruno", None);
    assert_eq!(bruno.len(), 1, "the first try added Bruno");
    let consent_in_store = |desk: &mut Desk| {
        let events = desk.app.book.store().unwrap().events_for(bruno[0]).unwrap();
        events
            .iter()
            .filter(|e| matches!(e, Event::Consent(_)))
            .count()
    };
    assert_eq!(consent_in_store(&mut desk), 1, "and his consent");
    desk.key(KeyCode::Enter);
    let (said, error) = status(&desk);
    assert!(!error, "{said}");
    assert!(
        desk.app.state.question.is_none(),
        "asked about Bruno's own name"
    );
    assert!(desk.app.state.form.is_none());
    close(desk);
    let book = Book::open(&path, None).unwrap();
    let bruno = book.search("bruno", None);
    assert_eq!(bruno.len(), 1);
    drop(book);
    let consent = reopened(&path, bruno[0], |e| match e {
        Event::Consent(c) => Some((c.channel, c.given)),
        _ => None,
    });
    assert_eq!(consent, [(regulars::domain::Channel::Sms, true)]);
}

/// Consent ticked at a first try that failed late, then unticked before saving again: the first try's
/// consent is taken back, and nobody is left consenting to what they did not agree to.
#[test]
fn consent_unticked_between_two_tries_is_not_left_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    store_with_ada(&path);
    let mut desk = Desk::on_store(&path);
    bruno_at_the_consent_boxes(&mut desk);
    // Text messages (the first box) and calls (the third), ticked: his phone reaches both.
    desk.key(KeyCode::Char(' '))
        .key(KeyCode::Right)
        .key(KeyCode::Right)
        .key(KeyCode::Char(' '));
    // The customer, then the two consent changes: the last one's fsync fails.
    desk.app.book.store().unwrap().fail_sync_after(2);
    desk.key(KeyCode::Enter);
    let (said, error) = status(&desk);
    assert!(error && said.contains("Not saved"), "{said}");
    let bruno = desk.app.book.search("bruno", None)[0];
    let events = desk.app.book.store().unwrap().events_for(bruno).unwrap();
    let consent_in = events
        .iter()
        .filter(|e| matches!(e, Event::Consent(_)))
        .count();
    assert_eq!(consent_in, 2, "the first try got both into the store");
    // Calls unticked, saved again.
    desk.key(KeyCode::Char(' '));
    desk.key(KeyCode::Enter);
    let (said, error) = status(&desk);
    assert!(!error, "{said}");
    let consent = desk.app.book.entry(bruno).unwrap().consent;
    close(desk);
    assert!(
        consent.contains(regulars::domain::Channel::Sms),
        "{consent:?}"
    );
    assert!(
        !consent.contains(regulars::domain::Channel::Phone),
        "{consent:?}"
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

/// A quick `v` is tried again as the same visit only right after it failed, on the same card: once the
/// card is opened again, or minutes have passed, `v` is a visit of its own.
#[test]
fn a_quick_visit_is_the_same_only_when_tried_again_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let ada = store_with_ada(&path);
    let visits = |desk: &mut Desk| {
        desk.app
            .book
            .store()
            .unwrap()
            .visits_for(ada)
            .unwrap()
            .len()
    };
    let mut desk = Desk::on_store(&path);
    desk.key(KeyCode::Enter);
    desk.app.book.store().unwrap().fail_sync_after(0);
    desk.key(KeyCode::Char('v')).pause();
    assert!(status(&desk).1, "{:?}", status(&desk));
    assert_eq!(visits(&mut desk), 1);
    // Her card opened again shows the visit: `v` there (and yes to "another?") is a second one.
    desk.key(KeyCode::Esc).typed("ada").key(KeyCode::Enter);
    desk.key(KeyCode::Char('v')).pause();
    desk.key(KeyCode::Char('y')).pause();
    assert!(!status(&desk).1, "{:?}", status(&desk));
    assert_eq!(visits(&mut desk), 2);
    // A `v` that failed, and another eleven minutes later: two visits.
    desk.app.book.store().unwrap().fail_sync_after(0);
    desk.key(KeyCode::Char('v')).pause();
    desk.key(KeyCode::Char('y')).pause();
    assert!(status(&desk).1, "{:?}", status(&desk));
    assert_eq!(visits(&mut desk), 3);
    let later = desk.app.state.clock.now() + chrono::Duration::minutes(11);
    desk.app.state.clock = regulars::clock::Clock::Fixed(later.fixed_offset());
    desk.key(KeyCode::Char('v')).pause();
    desk.key(KeyCode::Char('y')).pause();
    assert!(!status(&desk).1, "{:?}", status(&desk));
    assert_eq!(visits(&mut desk), 4);
    close(desk);
}

/// `r` whose fsync fails late, pressed again: one reward taken, its stamps used once.
#[test]
fn a_reward_tried_again_after_a_late_failure_is_taken_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let ada = {
        let mut book = Book::open(&path, None).unwrap();
        let ada = common::add_customer(&mut book, "Ada Neri", "");
        for day in 1..=10 {
            let at = common::now().to_utc() - chrono::Duration::days(day);
            book.log_visit(ada, at, None, None).unwrap();
        }
        book.close();
        ada
    };
    let rewards = |desk: &mut Desk| {
        let events = desk.app.book.store().unwrap().events_for(ada).unwrap();
        events
            .iter()
            .filter(|e| matches!(e, Event::Redemption(_)))
            .count()
    };
    let mut desk = Desk::on_store(&path);
    desk.key(KeyCode::Enter);
    desk.app.book.store().unwrap().fail_sync_after(0);
    desk.key(KeyCode::Char('r')).pause();
    assert!(status(&desk).1, "{:?}", status(&desk));
    assert_eq!(rewards(&mut desk), 1, "the first try got into the store");
    desk.key(KeyCode::Char('r')).pause();
    let (said, error) = status(&desk);
    assert!(!error, "{said}");
    assert_eq!(rewards(&mut desk), 1);
    close(desk);
    assert_eq!(
        Store::open(&path).unwrap().check().unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn a_draft_whose_save_got_in_comes_back_saying_so_and_saves_the_same_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let ada = store_with_ada(&path);
    let mut desk = Desk::on_store(&path);
    desk.key(KeyCode::Enter).key(KeyCode::Char('n'));
    desk.typed("Size 42 in blue");
    desk.app.book.store().unwrap().fail_sync_after(0);
    desk.key(KeyCode::Enter);
    assert!(status(&desk).1, "{:?}", status(&desk));
    desk.app.settle_drafts();
    let note = desk.app.book.store().unwrap().notes_for(ada).unwrap()[0].id;
    let draft = std::fs::read_to_string(path.join("draft.json")).unwrap();
    assert!(draft.contains(&note.to_string()), "{draft}");
    // The desk goes (the store does reach the disk as it closes), its draft left behind.
    close(desk);
    // It comes back, saying it was saved once (it may have been changed since, or saved in part), and
    // Enter saves that same note again.
    let mut desk = Desk::on_store(&path);
    assert_eq!(
        desk.app.state.form.as_ref().unwrap().attempt.map(|a| a.id),
        Some(note)
    );
    let (said, error) = status(&desk);
    assert!(!error && said.contains("Saved once before"), "{said}");
    desk.key(KeyCode::Enter);
    assert!(!status(&desk).1, "{:?}", status(&desk));
    desk.app.settle_drafts();
    assert!(!path.join("draft.json").exists());
    close(desk);
    let notes = reopened(&path, ada, |e| match e {
        Event::Note(n) => Some(n.id),
        _ => None,
    });
    assert_eq!(notes, [note]);
}

#[test]
fn an_edit_whose_fsync_failed_late_saved_again_is_undone_back_to_what_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let ada = store_with_ada(&path);
    let mut desk = Desk::on_store(&path);
    desk.key(KeyCode::Enter).key(KeyCode::Char('e'));
    // The nickname field: "Adina".
    desk.key(KeyCode::Tab).typed("Adina");
    desk.app.book.store().unwrap().fail_sync_after(0);
    desk.key(KeyCode::Enter);
    assert!(status(&desk).1, "{:?}", status(&desk));
    desk.key(KeyCode::Enter);
    assert!(!status(&desk).1, "{:?}", status(&desk));
    assert_eq!(
        desk.app.book.customer(ada).unwrap().nickname.as_deref(),
        Some("Adina")
    );
    // Ctrl-Z gives back the customer as she was before the edit, not as its first try left her.
    desk.ctrl('z').key(KeyCode::Char('y'));
    let (said, error) = status(&desk);
    assert!(!error, "{said}");
    assert_eq!(desk.app.book.customer(ada).unwrap().nickname, None);
    close(desk);
}
