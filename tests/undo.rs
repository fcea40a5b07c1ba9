//! Undo, void and the timeline on the real desk: Ctrl-Z (or `u` on a card) takes back the last write of
//! this desk after saying what, Tab reaches the timeline, Enter reads an entry whole, `x` voids it, and a
//! second visit within two hours asks first. Real keys, the real store in a temp dir.

mod common;

use chrono::Duration;
use common::desk::Desk;
use crossterm::event::{KeyCode, KeyModifiers};
use regulars::book::Book;
use regulars::clock::Clock;
use regulars::domain::{Id, NoteKind};
use regulars::store::Store;
use regulars::ui::keymap::Mode;
use regulars::ui::theme::Theme;

/// A desk on a store with Teresa Amato (no visit yet) and Bruno Neri, Teresa's card open.
fn teresa() -> (Desk, Id) {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(&dir.path().join("store"), Some("Giulia".into())).unwrap();
    let id = common::add_customer(&mut book, "Teresa Amato", "");
    common::add_customer(&mut book, "Bruno Neri", "");
    let mut desk = Desk::with_book(book, dir, 80, 24, Theme { color: false });
    desk.typed("teresa").key(KeyCode::Enter);
    assert_eq!(desk.app.state.mode(), Mode::Customer);
    (desk, id)
}

fn visits(desk: &mut Desk, id: Id) -> usize {
    desk.app.book.profile(id).unwrap().visit_count
}

#[test]
fn ctrl_z_says_what_it_undoes_and_voids_the_visit() {
    let (mut desk, id) = teresa();
    desk.key(KeyCode::Char('v'));
    assert_eq!(visits(&mut desk, id), 1);
    desk.ctrl('z');
    let screen = desk.screen();
    assert!(
        screen.contains("Undo the visit logged for Teresa Amato at 10:00?"),
        "{screen}"
    );
    // No: nothing changes.
    desk.key(KeyCode::Char('n'));
    assert_eq!(visits(&mut desk, id), 1);
    desk.ctrl('z').key(KeyCode::Char('y'));
    assert_eq!(visits(&mut desk, id), 0);
    assert!(desk.status().contains("Undone"), "{}", desk.status());
    let profile = desk.app.book.profile(id).unwrap();
    assert_eq!(profile.voided().len(), 1);
    assert_eq!(profile.voids()[0].0.staff.as_deref(), Some("Giulia"));
    // The card and the list say so too.
    assert_eq!(desk.app.state.profile.as_ref().unwrap().visit_count, 0);
    assert_eq!(desk.app.book.entry(id).unwrap().visits, 0);
    // Only the last write: a second Ctrl-Z has nothing to undo.
    desk.ctrl('z');
    assert!(desk.app.state.question.is_none());
    assert!(
        desk.status()
            .contains("Nothing more to undo: only the last save can be undone"),
        "{}",
        desk.status()
    );
}

#[test]
fn u_on_a_card_undoes_a_note_and_undo_keeps_to_ten_minutes() {
    let (mut desk, id) = teresa();
    desk.key(KeyCode::Char('n')).typed("Wants the blue scarf");
    desk.key(KeyCode::Enter);
    assert_eq!(desk.app.book.profile(id).unwrap().notes().count(), 1);
    desk.key(KeyCode::Char('u'));
    assert!(
        desk.screen()
            .contains("Undo the note added for Teresa Amato")
    );
    desk.key(KeyCode::Char('y'));
    assert!(desk.app.book.profile(id).unwrap().notes().next().is_none());
    assert!(!desk.screen().contains("Wants the blue scarf"));

    // Eleven minutes after a write, it is no longer this desk's to undo.
    desk.key(KeyCode::Char('n')).typed("Size 42");
    desk.key(KeyCode::Enter);
    desk.app.state.clock = Clock::Fixed(common::now() + Duration::minutes(11));
    desk.ctrl('z');
    assert!(desk.app.state.question.is_none());
    assert!(desk.status().contains("Nothing to undo"));
    assert_eq!(desk.app.book.profile(id).unwrap().notes().count(), 1);
}

#[test]
fn undoing_an_edit_brings_the_fields_back() {
    let (mut desk, id) = teresa();
    let before = desk.app.book.profile(id).unwrap().customer;
    desk.key(KeyCode::Char('e')).typed("lena");
    desk.key(KeyCode::Tab).typed("Tere");
    desk.key(KeyCode::Enter);
    let edited = desk.app.book.profile(id).unwrap().customer;
    assert_eq!(edited.name, "Teresa Amatolena");
    assert_eq!(edited.nickname.as_deref(), Some("Tere"));
    desk.ctrl('z');
    assert!(
        desk.screen()
            .contains("Undo the changes to Teresa Amatolena")
    );
    desk.key(KeyCode::Char('y'));
    let after = desk.app.book.profile(id).unwrap().customer;
    assert_eq!(
        (after.name.as_str(), after.nickname),
        ("Teresa Amato", None)
    );
    assert_eq!(after.phones, before.phones);
    assert_eq!(after.created_at, before.created_at);
    assert!(after.updated_at >= edited.updated_at);
    // The search follows.
    desk.key(KeyCode::Esc).typed("amatolena");
    assert!(desk.app.state.results.is_empty());
}

#[test]
fn undoing_a_customer_added_by_mistake_removes_them_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let book = Book::open(&store, None).unwrap();
    let mut desk = Desk::with_book(book, dir, 80, 24, Theme { color: false });
    desk.typed("Mraco Rossi")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    assert_eq!(desk.app.book.len(), 1);
    desk.ctrl('z');
    assert!(desk.screen().contains("Undo adding Mraco Rossi"));
    desk.key(KeyCode::Char('y'));
    assert_eq!(desk.app.book.len(), 0);
    assert!(desk.status().contains("removed"), "{}", desk.status());
    assert_eq!(desk.app.state.mode(), Mode::Search);
    desk.key(KeyCode::Esc).typed("mraco");
    assert!(desk.app.state.results.is_empty());
    // Closed and opened again: the saved index and the store agree that nobody is there.
    let Desk { app, _dir, .. } = desk;
    app.into_book().close();
    let book = Book::open(&store, None).unwrap();
    assert_eq!(book.len(), 0);
    assert!(book.search("mraco", None).is_empty());
    book.close();
    assert_eq!(
        Store::open(&store).unwrap().check().unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn a_customer_with_a_visit_is_not_removed_by_undoing_their_add() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(&dir.path().join("store"), None).unwrap();
    let id = common::add_customer(&mut book, "Ada Neri", "");
    book.log_visit(id, common::now().to_utc(), None, None)
        .unwrap();
    assert!(book.remove_new_customer(id).is_err());
    assert_eq!(book.len(), 1);
}

#[test]
fn a_second_visit_within_two_hours_asks_first() {
    let (mut desk, id) = teresa();
    desk.key(KeyCode::Char('v'));
    desk.key(KeyCode::Char('v'));
    let screen = desk.screen();
    assert!(
        screen.contains("A visit for Teresa Amato was already logged at 10:00"),
        "{screen}"
    );
    desk.key(KeyCode::Char('n'));
    assert_eq!(visits(&mut desk, id), 1);
    // The visit form asks the same.
    desk.key(KeyCode::Char('V')).typed("4,50");
    desk.key(KeyCode::Enter);
    assert!(desk.screen().contains("already logged"));
    desk.key(KeyCode::Char('y'));
    assert_eq!(visits(&mut desk, id), 2);
    // Three hours later, no question.
    desk.app.state.clock = Clock::Fixed(common::now() + Duration::hours(3));
    desk.key(KeyCode::Char('v'));
    assert!(desk.app.state.question.is_none());
    assert_eq!(visits(&mut desk, id), 3);
}

#[test]
fn the_timeline_reads_an_entry_whole_and_voids_it_after_asking() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(&dir.path().join("store"), Some("Giulia".into())).unwrap();
    let id = common::add_customer(&mut book, "Teresa Amato", "");
    let now = common::now().to_utc();
    book.log_visit(
        id,
        now - Duration::days(3),
        Some(1250),
        Some("a scarf".into()),
    )
    .unwrap();
    let long: String = (1..=60)
        .map(|n| format!("line{n} of a long story about scarves."))
        .collect::<Vec<_>>()
        .join(" ");
    book.add_note(id, now - Duration::days(1), NoteKind::Praise, long, false)
        .unwrap();
    let mut desk = Desk::with_book(book, dir, 80, 24, Theme { color: false });
    desk.typed("teresa").key(KeyCode::Enter);

    desk.key(KeyCode::Tab);
    assert_eq!(desk.app.state.mode(), Mode::Timeline);
    assert!(desk.screen().lines().last().unwrap().contains("x void"));
    // The newest entry (the note) is selected: Enter shows it whole, who wrote it and when.
    desk.key(KeyCode::Enter);
    assert_eq!(desk.app.state.mode(), Mode::Entry);
    let first = desk.screen();
    assert!(first.contains("2026-11-22 10:00"), "{first}");
    assert!(
        first.contains("by Giulia") && first.contains("Praise"),
        "{first}"
    );
    assert!(first.contains("line1 of a long story"), "{first}");
    assert!(!first.contains("line60 of"), "{first}");
    desk.key(KeyCode::End);
    let last = desk.screen();
    assert!(last.contains("line60 of a long story"), "{last}");
    desk.key(KeyCode::Esc);
    assert_eq!(desk.app.state.mode(), Mode::Timeline);

    // Down to the visit, `x`: it asks, then voids it; the count follows and the timeline stays.
    desk.key(KeyCode::Down).key(KeyCode::Char('x'));
    let asked = desk.screen();
    assert!(asked.contains("Void the visit of"), "{asked}");
    desk.key(KeyCode::Char('y'));
    assert_eq!(desk.app.book.profile(id).unwrap().visit_count, 0);
    assert_eq!(desk.app.book.profile(id).unwrap().notes().count(), 1);
    assert!(desk.status().contains("Visit voided"), "{}", desk.status());
    // It leaves the timeline (the store keeps it, marked voided), and the timeline keeps the focus.
    assert!(!desk.screen().contains("a scarf"));
    assert_eq!(desk.app.state.mode(), Mode::Timeline);
    assert_eq!(desk.app.book.profile(id).unwrap().voided().len(), 1);
    // `u` in the timeline undoes the void: the visit counts again.
    desk.key(KeyCode::Char('u'));
    assert!(
        desk.screen()
            .contains("Undo the void made for Teresa Amato"),
        "{}",
        desk.screen()
    );
    desk.key(KeyCode::Char('y'));
    let profile = desk.app.book.profile(id).unwrap();
    assert_eq!(profile.visit_count, 1);
    assert!(profile.voided().is_empty());
    assert_eq!(desk.app.book.entry(id).unwrap().visits, 1);
    assert!(desk.screen().contains("a scarf"));
    assert_eq!(desk.app.state.mode(), Mode::Customer);
    desk.key(KeyCode::Esc);
    assert_eq!(desk.app.state.mode(), Mode::Search);
}

#[test]
fn letters_typed_onto_a_question_answer_nothing() {
    // The visit-again question, then a name typed without looking (`s` is yes in Italian): no visit, and
    // the letters are the next search.
    let (mut desk, id) = teresa();
    desk.key(KeyCode::Char('v')).key(KeyCode::Char('v'));
    assert_eq!(desk.app.state.mode(), Mode::Confirm);
    desk.typed("sara");
    assert_eq!(visits(&mut desk, id), 1);
    assert!(desk.app.state.question.is_none());
    assert_eq!(desk.app.state.query(), "sara");
    // "Visit logged for Teresa…" is not left on the screen: under the next search it would read as if
    // the letters had logged a second visit.
    assert!(!desk.status().contains("Visit logged"), "{}", desk.status());
    // A name that starts with no answer's letter goes the same way (it used to be dropped, the question
    // left up).
    desk.key(KeyCode::Esc).typed("teresa").key(KeyCode::Enter);
    desk.key(KeyCode::Char('v'));
    assert_eq!(desk.app.state.mode(), Mode::Confirm);
    desk.typed("giulia");
    assert_eq!(visits(&mut desk, id), 1);
    assert!(desk.app.state.question.is_none());
    assert_eq!(desk.app.state.query(), "giulia");
    // The undo question, then `yuri`: nothing undone.
    desk.key(KeyCode::Esc).typed("teresa").key(KeyCode::Enter);
    desk.ctrl('z').typed("yuri");
    assert_eq!(visits(&mut desk, id), 1);
    assert_eq!(desk.app.state.query(), "yuri");
    // The discard question over a typed note, then `sofia`: the note stays, the question too.
    desk.key(KeyCode::Esc).typed("teresa").key(KeyCode::Enter);
    desk.key(KeyCode::Char('n')).typed("Size 42");
    desk.key(KeyCode::Esc);
    desk.typed("sofia");
    assert_eq!(desk.app.state.mode(), Mode::Confirm);
    assert_eq!(desk.app.state.form.as_ref().unwrap().value(0), "Size 42");
    assert!(
        desk.status().contains("nothing was answered"),
        "{}",
        desk.status()
    );
    // An `n` on its own still answers.
    desk.key(KeyCode::Char('n'));
    assert_eq!(desk.app.state.mode(), Mode::Form);
}

#[test]
fn a_name_typed_in_the_timeline_is_the_next_search() {
    let (mut desk, id) = teresa();
    desk.key(KeyCode::Char('v'));
    desk.key(KeyCode::Tab);
    assert_eq!(desk.app.state.mode(), Mode::Timeline);
    // `x` is void there, `u` undo: names starting with them are searches all the same.
    for name in ["xenia", "ugo"] {
        desk.typed(name);
        assert_eq!(desk.app.state.query(), name);
        assert!(desk.app.state.question.is_none());
        desk.key(KeyCode::Esc)
            .typed("teresa")
            .key(KeyCode::Enter)
            .key(KeyCode::Tab);
    }
    assert_eq!(visits(&mut desk, id), 1);
}

#[test]
fn a_question_answers_ctrl_q_and_ctrl_c() {
    // On the undo question, Ctrl-Q quits (nothing typed is lost: no form is open).
    let (mut desk, _) = teresa();
    desk.key(KeyCode::Char('v')).ctrl('z');
    assert_eq!(desk.app.state.mode(), Mode::Confirm);
    desk.ctrl('q');
    assert!(desk.app.state.quit);
    // On the "discard?" question of a form with text, Ctrl-C asks to quit; asked again, it quits.
    let (mut desk, _) = teresa();
    desk.key(KeyCode::Char('n')).typed("half a note");
    desk.key(KeyCode::Esc);
    assert!(desk.screen().contains("Discard what you typed?"));
    desk.mods(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(!desk.app.state.quit);
    assert!(desk.screen().contains("Quit"), "{}", desk.screen());
    desk.mods(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(desk.app.state.quit);
}
