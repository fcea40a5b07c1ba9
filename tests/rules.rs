//! One place for each rule: the desk's forms refuse what the domain refuses, with the domain's sentence by
//! the field, and write nothing (the command line's side is in `cli.rs`).

mod common;

use common::desk::Desk;
use crossterm::event::KeyCode;

fn visits_and_notes(desk: &mut Desk) -> (usize, usize) {
    let id = desk.app.state.selected_id().expect("a customer is open");
    let profile = desk.app.book.profile(id).unwrap();
    (profile.visits().count(), profile.notes().count())
}

#[test]
fn the_visit_form_refuses_an_amount_that_could_be_cents_or_thousands() {
    let mut desk = Desk::new(30, 100, 30);
    desk.key(KeyCode::Enter).typed("V");
    let before = visits_and_notes(&mut desk);
    desk.typed("12.345").key(KeyCode::Enter);
    let screen = desk.screen();
    assert!(desk.app.state.form.is_some(), "the form stays open");
    assert!(
        screen.contains("\"12.345\": cents or thousands?"),
        "{screen}"
    );
    assert_eq!(visits_and_notes(&mut desk), before, "nothing was written");
    // Written as thousands, it is twelve thousand.
    desk.typed(",00").key(KeyCode::Enter);
    assert!(desk.app.state.form.is_none(), "{}", desk.screen());
    let profile = desk.app.state.profile.clone().unwrap();
    assert_eq!(profile.last_visit().unwrap().amount_cents, Some(1_234_500));
}

#[test]
fn the_note_form_refuses_a_note_longer_than_a_field() {
    let mut desk = Desk::new(30, 100, 30);
    desk.key(KeyCode::Enter).key(KeyCode::Char('n'));
    let before = visits_and_notes(&mut desk);
    let longest = regulars::domain::MAX_FIELD_CHARS;
    desk.typed(&"a".repeat(longest + 1)).key(KeyCode::Enter);
    assert!(desk.app.state.form.is_some());
    assert!(
        desk.screen()
            .contains("Too long: at most 10,000 characters.")
    );
    assert_eq!(visits_and_notes(&mut desk), before);
    desk.key(KeyCode::Backspace).key(KeyCode::Enter);
    assert!(desk.app.state.form.is_none(), "{}", desk.screen());
    assert_eq!(visits_and_notes(&mut desk), (before.0, before.1 + 1));
}

#[test]
fn a_birthday_that_does_not_exist_or_is_in_the_future_says_so_by_its_field() {
    let mut desk = Desk::new(0, 100, 30);
    desk.ctrl('n').typed("Bo Ek");
    for _ in 0..4 {
        desk.key(KeyCode::Tab);
    }
    desk.typed("31/02").key(KeyCode::Enter);
    let screen = desk.screen();
    assert!(
        screen.contains("\"31/02\" does not exist in the calendar"),
        "{screen}"
    );
    assert!(!screen.contains("write DD/MM"), "{screen}");
    for _ in 0.."31/02".len() {
        desk.key(KeyCode::Backspace);
    }
    // The desk's clock says 23 November 2026.
    desk.typed("24/11/2026").key(KeyCode::Enter);
    let screen = desk.screen();
    assert!(screen.contains("\"24/11/2026\" is after today"), "{screen}");
    assert!(desk.app.book.is_empty());
    for _ in 0.."2026".len() {
        desk.key(KeyCode::Backspace);
    }
    desk.typed("1986").key(KeyCode::Enter);
    assert!(desk.app.state.form.is_none(), "{}", desk.screen());
    assert_eq!(desk.app.book.len(), 1);
}
