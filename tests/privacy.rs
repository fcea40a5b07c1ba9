//! The privacy screen: F12 or Ctrl-L hides everything personal at once, wherever the desk is; the next
//! key only brings the desk back (it never acts); the desk hides itself after a set time with no key.
//! Real keys into the real desk, drawn on `TestBackend`.

mod common;

use std::time::Duration;

use common::desk::Desk;
use crossterm::event::{KeyCode, KeyModifiers};
use regulars::text::{Lang, in_language};
use regulars::ui::keymap::Mode;

/// The words left on the screen: with the privacy screen up, only the shop's name, the time and the line
/// that says how to go back.
fn words(screen: &str) -> Vec<String> {
    screen
        .split_whitespace()
        .map(str::to_string)
        .collect::<Vec<_>>()
}

fn hidden_screen_words(shop: &str) -> Vec<String> {
    words(&format!(
        "{shop} 10:00 {}",
        regulars::text::PRIVACY_BACK.text()
    ))
}

#[test]
fn f12_hides_a_card_at_once_and_the_next_key_only_brings_it_back() {
    let mut desk = Desk::desk_demo();
    desk.typed("turi").key(KeyCode::Enter);
    assert_eq!(desk.app.state.mode(), Mode::Customer);
    let id = desk.app.state.selected_id().unwrap();
    let before = desk.app.book.profile(id).unwrap();
    let card = desk.screen();
    assert!(card.contains(&before.customer.name), "{card}");

    desk.key(KeyCode::F(12));
    let screen = desk.screen();
    assert_eq!(words(&screen), hidden_screen_words("regulars"), "{screen}");

    // `v` would log a visit on the card: here it only brings the card back.
    desk.key(KeyCode::Char('v'));
    assert_eq!(desk.screen(), card);
    assert_eq!(desk.app.book.profile(id).unwrap(), before);
    // And the desk works again as before.
    desk.key(KeyCode::Char('v'));
    assert_eq!(
        desk.app.book.profile(id).unwrap().visit_count,
        before.visit_count + 1
    );
}

#[test]
fn ctrl_l_hides_a_form_and_the_key_that_brings_it_back_is_not_typed_into_it() {
    let mut desk = Desk::desk_demo();
    desk.typed("turi").key(KeyCode::Enter);
    desk.key(KeyCode::Char('n')).typed("Wants the blue scarf");
    desk.ctrl('l');
    let screen = desk.screen();
    assert!(!screen.contains("blue scarf"), "{screen}");
    assert_eq!(words(&screen), hidden_screen_words("regulars"), "{screen}");
    // Esc would cancel the form, Enter would save it: neither does, and text pasted meanwhile is dropped.
    desk.paste("secret");
    desk.key(KeyCode::Esc);
    let form = desk
        .app
        .state
        .form
        .as_ref()
        .expect("the form is still there");
    assert_eq!(form.value(0), "Wants the blue scarf");
    assert!(desk.app.state.question.is_none());
    desk.ctrl('l').key(KeyCode::Enter);
    assert!(desk.app.state.form.is_some());
}

#[test]
fn f12_works_everywhere_the_desk_can_be() {
    let mut desk = Desk::desk_demo();
    // The search (with what was typed), help, a question.
    desk.typed("turi");
    desk.key(KeyCode::F(12));
    assert!(desk.app.state.hidden);
    desk.key(KeyCode::Char('x'));
    assert_eq!(desk.app.state.query(), "turi", "the key was not typed");
    desk.key(KeyCode::F(1)).key(KeyCode::F(12));
    assert!(desk.app.state.hidden);
    desk.key(KeyCode::Esc).key(KeyCode::Esc);
    desk.ctrl('n').typed("Zaira").ctrl('q');
    assert!(desk.app.state.question.is_some());
    desk.key(KeyCode::F(12));
    assert!(desk.app.state.hidden);
    // `y` would answer the quit question: it only brings the desk back.
    desk.key(KeyCode::Char('y'));
    assert!(!desk.app.state.quit && !desk.app.state.hidden);
    assert!(desk.app.state.question.is_some());
}

#[test]
fn the_desk_hides_itself_after_the_set_time_with_no_key() {
    let mut desk = Desk::desk_demo();
    desk.app.hide_after = Some(Duration::from_secs(5 * 60));
    desk.typed("turi").key(KeyCode::Enter);
    // The last key came one pause ago; a key at four minutes puts the moment off.
    let last = desk.now - common::desk::PAUSE;
    assert_eq!(
        desk.app.wake_at(desk.now),
        Some(last + Duration::from_secs(5 * 60))
    );
    let later = last + Duration::from_secs(4 * 60);
    desk.app.press_at(
        crossterm::event::KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
        later,
    );
    desk.app.tick(last + Duration::from_secs(5 * 60));
    assert!(!desk.app.state.hidden, "a key was pressed a minute ago");
    assert_eq!(
        desk.app.wake_at(later),
        Some(later + Duration::from_secs(5 * 60))
    );
    desk.app.tick(later + Duration::from_secs(5 * 60));
    assert!(desk.app.state.hidden);
    // Off by default: the settings' default, wired as the terminal does it.
    let defaults = regulars::config::Config::defaults();
    assert_eq!(defaults.counter.hide_after_minutes, 0);
    let mut other = Desk::desk_demo();
    other.app.tick(other.now + Duration::from_secs(24 * 3600));
    assert!(!other.app.state.hidden);
}

#[test]
fn the_privacy_screen_at_80x24() {
    for lang in Lang::ALL {
        in_language(lang, || {
            let mut desk = Desk::desk_demo();
            desk.app.state.shop = "Bottega Rossi".into();
            desk.typed("ma").key(KeyCode::Enter);
            desk.mods(KeyCode::Char('l'), KeyModifiers::CONTROL);
            let screen = desk.screen();
            assert_eq!(words(&screen), hidden_screen_words("Bottega Rossi"));
            insta::assert_snapshot!(format!("privacy_{lang}_80x24"), screen);
        });
    }
}
