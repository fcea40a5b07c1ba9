//! "Nothing happens by accident": a name typed onto an open card is a search, pasted text is text, and a
//! command letter pressed on its own still acts at once. The real desk on a real store, keys with times.

mod common;

use std::time::Duration;

use common::desk::{Desk, TYPING_GAP};
use crossterm::event::KeyCode;
use regulars::book::Profile;
use regulars::ui::keymap::{Mode, TYPING_WINDOW};

/// Everything the store holds about every customer, to compare before and after.
fn everything(desk: &mut Desk) -> Vec<Profile> {
    let ids = desk.app.book.search("", None);
    let mut all: Vec<Profile> = ids
        .into_iter()
        .map(|id| desk.app.book.profile(id).unwrap())
        .collect();
    all.sort_by_key(|p| p.customer.id);
    all
}

/// Back to an empty search, then Enter on the first customer: their card is open.
fn open_first_card(desk: &mut Desk) {
    desk.key(KeyCode::Esc).key(KeyCode::Esc).key(KeyCode::Esc);
    desk.key(KeyCode::Enter);
    assert_eq!(desk.app.state.mode(), Mode::Customer, "{}", desk.screen());
}

/// Common first names at the counter, Italian and English, with every command letter of a card among
/// their initials (v V n e, and the letters later features bind: u x p k r).
const NAMES: &[&str] = &[
    "vincenzo",
    "Vincenzo",
    "valentina",
    "Valeria",
    "vittoria",
    "Veronica",
    "nicola",
    "Nina",
    "nadia",
    "Noemi",
    "elena",
    "Elisa",
    "emma",
    "Enrico",
    "edoardo",
    "Emily",
    "Ugo",
    "umberto",
    "Xavier",
    "ximena",
    "paolo",
    "Pietro",
    "patrizia",
    "Peter",
    "kevin",
    "Karen",
    "Katia",
    "roberto",
    "Rosa",
    "riccardo",
    "Ruth",
    "marco",
    "Giulia",
    "francesca",
    "Alessandro",
    "sofia",
    "Luca",
    "chiara",
    "matteo",
    "Anna",
    "giuseppe",
    "Laura",
    "Tommaso",
    "sara",
    "Davide",
    "James",
    "oliver",
    "Charlotte",
    "william",
    "Harry",
    "Lorenzo",
    "Beatrice",
    "simone",
    "Irene",
];

#[test]
fn names_typed_onto_an_open_card_never_write() {
    let mut desk = Desk::new(120, 80, 24);
    let before = everything(&mut desk);
    for name in NAMES {
        open_first_card(&mut desk);
        desk.typed_at(name, TYPING_GAP).pause();
        assert_eq!(
            desk.app.state.query(),
            *name,
            "typing {name} on a card: {}",
            desk.screen()
        );
        assert_eq!(desk.app.state.mode(), Mode::Search, "{name}");
        desk.key(KeyCode::Enter);
        // Enter opened that name's customer, or the form to add them: nothing was written either way.
        assert!(
            matches!(desk.app.state.mode(), Mode::Customer | Mode::Form),
            "{name}"
        );
        if let Some(form) = &desk.app.state.form {
            // Offered capitalised when typed in lowercase.
            assert_eq!(form.value(0).to_lowercase(), name.to_lowercase(), "{name}");
        }
    }
    assert_eq!(everything(&mut desk), before, "the store changed");
}

#[test]
fn a_slow_typist_still_types_a_name_within_the_window() {
    // A name typed at 300 ms a letter (slow, hunting for keys) is still a search.
    let gap = TYPING_WINDOW - Duration::from_millis(50);
    let mut desk = Desk::new(60, 80, 24);
    let before = everything(&mut desk);
    for name in ["vera", "nino", "elio"] {
        open_first_card(&mut desk);
        desk.typed_at(name, gap).pause();
        assert_eq!(desk.app.state.query(), name);
    }
    assert_eq!(everything(&mut desk), before);
}

#[test]
fn a_command_letter_on_its_own_acts_at_once_and_its_write_follows_the_window() {
    let mut desk = Desk::new(40, 80, 24);
    open_first_card(&mut desk);
    let id = desk.app.state.selected_id().unwrap();
    let visits = desk.app.book.profile(id).unwrap().visit_count;

    // `n` opens the note form on the very key press, before any time passes.
    let at = desk.now;
    desk.typed_at("n", Duration::ZERO);
    assert_eq!(desk.app.state.mode(), Mode::Form);
    desk.key(KeyCode::Esc);
    assert_eq!(desk.app.state.mode(), Mode::Customer);

    // `v` says at once that the visit is being logged; the store has it once the window has passed.
    desk.typed_at("v", Duration::ZERO);
    assert!(
        desk.app
            .state
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("Logging a visit"),
        "{}",
        desk.screen()
    );
    assert_eq!(desk.app.book.profile(id).unwrap().visit_count, visits);
    assert_eq!(desk.app.deadline(), Some(desk.now + TYPING_WINDOW));
    desk.app.tick(desk.now + TYPING_WINDOW);
    assert_eq!(desk.app.book.profile(id).unwrap().visit_count, visits + 1);
    assert!(
        desk.app
            .state
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("Visit logged"),
        "{}",
        desk.screen()
    );
    assert!(desk.now > at);
    // A form opened next starts with a clean status line: the visit's word belonged to before.
    desk.typed_at("n", TYPING_WINDOW);
    assert_eq!(desk.app.state.mode(), Mode::Form);
    let status = desk.app.state.status.clone();
    assert_eq!(status, None, "{}", desk.screen());
}

#[test]
fn a_key_that_is_not_a_letter_settles_the_command_first() {
    let mut desk = Desk::new(40, 80, 24);
    open_first_card(&mut desk);
    let id = desk.app.state.selected_id().unwrap();
    let visits = desk.app.book.profile(id).unwrap().visit_count;
    // `v` then Esc at once: the visit stands, then Esc goes back to the search, and the status line
    // still says the visit was logged (for whom) until the next key.
    desk.typed_at("v", Duration::from_millis(50));
    desk.key(KeyCode::Esc);
    assert_eq!(desk.app.book.profile(id).unwrap().visit_count, visits + 1);
    assert_eq!(desk.app.state.mode(), Mode::Search);
    let name = desk.app.book.profile(id).unwrap().customer.name;
    let said = desk.app.state.status.as_ref().map(|s| s.text.clone());
    assert!(
        said.as_ref()
            .is_some_and(|s| s.contains("Visit logged") && s.contains(&name)),
        "{said:?}"
    );
    desk.ctrl('n');
    assert_eq!(desk.app.state.status, None);
    desk.key(KeyCode::Esc);
    assert_eq!(desk.app.state.mode(), Mode::Search);
    // `v`, then a letter after the window: the visit stands and the letter starts a search (on another
    // customer: a second visit within two hours would ask first).
    desk.key(KeyCode::Down).key(KeyCode::Enter);
    let other = desk.app.state.selected_id().unwrap();
    assert_ne!(other, id);
    let other_visits = desk.app.book.profile(other).unwrap().visit_count;
    desk.typed_at("v", TYPING_WINDOW + Duration::from_millis(1));
    desk.typed_at("m", TYPING_GAP).pause();
    assert_eq!(
        desk.app.book.profile(other).unwrap().visit_count,
        other_visits + 1
    );
    assert_eq!(desk.app.state.query(), "m");
}

#[test]
fn the_edit_form_opened_by_a_name_closes_without_touching_the_customer() {
    let mut desk = Desk::new(40, 80, 24);
    open_first_card(&mut desk);
    let id = desk.app.state.selected_id().unwrap();
    let customer = desk.app.book.profile(id).unwrap().customer;
    desk.typed_at("elena", TYPING_GAP).pause();
    assert!(desk.app.state.form.is_none());
    desk.key(KeyCode::Enter);
    if desk.app.state.form.is_some() {
        desk.key(KeyCode::Enter);
    }
    assert_eq!(desk.app.book.profile(id).unwrap().customer, customer);
}

#[test]
fn pasted_text_is_text_in_a_form_the_search_and_on_a_card() {
    let mut desk = Desk::new(40, 80, 24);
    let before = everything(&mut desk);
    // In the search: the text is the query, its line break a space.
    desk.paste("mar\nco");
    assert_eq!(desk.app.state.query(), "mar co");
    // A line copied with its end, and a break sent as CR CR (a terminal's CR for each of CR LF), add
    // one space between words and none at the end.
    desk.key(KeyCode::Esc);
    desk.paste("mar\r\rco\r\n");
    assert_eq!(desk.app.state.query(), "mar co");
    // Ctrl-U clears the search line, as in a shell.
    desk.ctrl('u');
    assert_eq!(desk.app.state.query(), "");
    // On a card: it is the next search, even when it starts with a command letter.
    open_first_card(&mut desk);
    desk.paste("vera\u{1b}[2J");
    assert_eq!(desk.app.state.query(), "vera[2J");
    assert_eq!(everything(&mut desk), before);
    // In a note: the line break stays, and nothing is saved or run by it.
    open_first_card(&mut desk);
    let id = desk.app.state.selected_id().unwrap();
    desk.key(KeyCode::Char('n'));
    desk.paste("Wants the blue scarf\nvery kind lady\nve");
    assert_eq!(desk.app.state.mode(), Mode::Form);
    let form = desk.app.state.form.as_ref().unwrap();
    assert_eq!(form.value(0), "Wants the blue scarf\nvery kind lady\nve");
    assert_eq!(everything(&mut desk), before);
    desk.key(KeyCode::Enter);
    let notes: Vec<_> = desk
        .app
        .book
        .profile(id)
        .unwrap()
        .notes()
        .cloned()
        .collect();
    assert_eq!(
        notes.last().unwrap().text,
        "Wants the blue scarf\nvery kind lady\nve"
    );
    // A one-line field takes the break as a space.
    desk.key(KeyCode::Char('V')).key(KeyCode::Tab);
    desk.paste("espresso\r\nand cornetto");
    assert_eq!(
        desk.app.state.form.as_ref().unwrap().value(1),
        "espresso and cornetto"
    );
    // A paste that would make the field longer than a field may be is not taken, and the field says so
    // at once; what was typed stays, and a paste that fits (to the last character) goes in.
    desk.key(KeyCode::Esc).key(KeyCode::Char('y'));
    assert_eq!(desk.app.state.mode(), Mode::Customer);
    let saved = everything(&mut desk);
    desk.key(KeyCode::Char('n'));
    desk.paste("Long letter: ");
    let long = "x".repeat(10_000);
    desk.paste(&long);
    let form = desk.app.state.form.as_ref().unwrap();
    assert_eq!(form.value(0), "Long letter: ");
    let screen = desk.screen();
    assert!(screen.contains("Not pasted"), "{screen}");
    desk.paste(&long[..10_000 - "Long letter: ".len()]);
    let form = desk.app.state.form.as_ref().unwrap();
    assert_eq!(form.value(0).chars().count(), 10_000);
    assert!(!desk.screen().contains("Not pasted"));
    assert_eq!(everything(&mut desk), saved);
}

/// The search takes no paste longer than a name may be (Enter on no match would make it one, refused
/// only at save), on the search line or on a card; and a search that matches nobody echoes what was
/// typed on one line at most.
#[test]
fn a_paste_too_long_for_a_name_is_not_searched_and_no_match_echoes_one_line() {
    let mut desk = Desk::new(10, 80, 24);
    desk.typed("zz");
    desk.paste(&"z".repeat(10_000));
    assert_eq!(desk.app.state.query(), "zz");
    let said = desk.app.state.status.clone().unwrap();
    assert!(said.error && said.text.contains("Not pasted"), "{said:?}");
    // It concerns that paste alone: the next key puts it away.
    desk.key(KeyCode::Down);
    assert!(!desk.status().contains("Not pasted"), "{}", desk.status());
    open_first_card(&mut desk);
    desk.paste(&"q".repeat(10_001));
    assert_eq!(desk.app.state.mode(), Mode::Customer);
    assert!(desk.status().contains("Not pasted"), "{}", desk.status());
    desk.key(KeyCode::Esc);
    desk.paste(&"q".repeat(300));
    assert_eq!(desk.app.state.query().len(), 300);
    let screen = desk.screen();
    let echoed: Vec<&str> = screen.lines().filter(|l| l.contains("qqqq")).collect();
    // The search line, and one line of the list.
    assert_eq!(echoed.len(), 2, "{screen}");
    assert!(echoed[1].contains("q…\""), "{screen}");
}

#[test]
fn help_scrolls_at_60x20_and_every_sentence_can_be_read() {
    let mut desk = Desk::new(30, 60, 20);
    open_first_card(&mut desk);
    desk.key(KeyCode::F(1));
    let first = desk.screen();
    assert!(first.contains("↓ more below"), "{first}");
    assert!(!first.contains("Esc closes this help."), "{first}");
    // The key bar stays in sight under the help and says how to scroll it.
    assert!(first.lines().last().unwrap().contains("scroll"), "{first}");
    // Down a row at a time until it moves no more.
    let mut read = first.clone();
    let mut last_seen = first.clone();
    for _ in 0..60 {
        desk.key(KeyCode::Down);
        let now = desk.screen();
        if now == last_seen {
            break;
        }
        read.push_str(&now);
        last_seen = now;
    }
    desk.key(KeyCode::End);
    let last = desk.screen();
    assert!(last.contains("Esc closes this help."), "{last}");
    assert!(last.contains("↑ more above"), "{last}");
    read.push_str(&last);
    let (local, global) = regulars::ui::keymap::help(Mode::Customer, None);
    for binding in local.into_iter().chain(global) {
        let label = binding.label.text();
        assert!(
            read.contains(label.as_ref()),
            "{label} never shown:\n{read}"
        );
    }
    desk.key(KeyCode::Home);
    assert_eq!(desk.screen(), first);
    desk.key(KeyCode::Esc);
    assert_eq!(desk.app.state.mode(), Mode::Customer);
}

#[test]
fn a_draft_comes_back_on_its_own_customer_and_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let book = common::demo_book(dir.path(), 40);
    let mut desk = Desk::plain(book);
    // Not the first customer of the list: the one a restart would show otherwise.
    desk.key(KeyCode::Down)
        .key(KeyCode::Down)
        .key(KeyCode::Down)
        .key(KeyCode::Enter);
    let giuseppe = desk.app.state.selected_id().unwrap();
    let name = desk.app.book.entry(giuseppe).unwrap().name.to_string();
    desk.key(KeyCode::Char('n'));
    assert!(desk.screen().contains(&format!("Note for {name}")));
    desk.typed("Wants the blue scarf");
    let Desk { app, .. } = desk;
    app.into_book().close();

    let mut desk = Desk::on_store(&path);
    let screen = desk.screen();
    assert!(screen.contains(&format!("Note for {name}")), "{screen}");
    assert_eq!(desk.app.state.selected_id(), Some(giuseppe));
    assert_eq!(
        desk.app.state.profile.as_ref().map(|p| p.customer.id),
        Some(giuseppe),
        "the card beneath is theirs"
    );
    desk.key(KeyCode::Enter);
    let notes: Vec<_> = desk
        .app
        .book
        .profile(giuseppe)
        .unwrap()
        .notes()
        .cloned()
        .collect();
    assert_eq!(notes.last().unwrap().text, "Wants the blue scarf");
    // The desk stays on their card.
    assert_eq!(desk.app.state.mode(), Mode::Customer);
    assert_eq!(desk.app.state.selected_id(), Some(giuseppe));
}

#[test]
fn a_draft_about_someone_who_is_gone_says_so_and_keeps_its_text_until_esc() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let mut book = regulars::book::Book::open(&path, None).unwrap();
    let ada = common::add_customer(&mut book, "Ada Neri", "");
    let mut desk = Desk::plain(book);
    desk.key(KeyCode::Enter).key(KeyCode::Char('n'));
    desk.typed("Asked about gift cards");
    let Desk { app, .. } = desk;
    let mut book = app.into_book();
    // She was removed meanwhile (nothing was recorded for her yet).
    book.remove_new_customer(ada).unwrap();
    book.close();

    let mut desk = Desk::on_store(&path);
    let screen = desk.screen();
    assert!(
        screen.contains("Note for a customer who is no longer here"),
        "{screen}"
    );
    assert!(screen.contains("its customer is gone"), "{screen}");
    assert_eq!(
        desk.app.state.form.as_ref().unwrap().value(0),
        "Asked about gift cards"
    );
    // Enter cannot save it, and keeps the text.
    desk.key(KeyCode::Enter);
    assert!(desk.app.state.form.is_some());
    assert!(desk.app.state.status.as_ref().unwrap().error);
    // Esc asks, then discards; the draft file is gone.
    desk.key(KeyCode::Esc).key(KeyCode::Char('y'));
    assert!(desk.app.state.form.is_none());
    desk.app.settle_drafts();
    assert!(!path.join(regulars::ui::draft::FILE).exists());
}

#[test]
fn help_and_forms_leave_no_pieces_of_the_panes_and_hints_line_up_with_values() {
    let mut desk = Desk::new(30, 120, 40);
    open_first_card(&mut desk);
    let name = desk.selected_name();
    assert!(desk.screen().contains(&name));
    desk.key(KeyCode::F(1));
    let help = desk.screen();
    assert!(!help.contains(&name), "{help}");
    desk.key(KeyCode::Esc);
    // A form: the value of the first field and the hints of empty fields start in the same column.
    desk.key(KeyCode::Esc).typed("Zaira").key(KeyCode::Enter);
    let form = desk.screen();
    assert!(!form.contains(&name), "{form}");
    let column = |needle: &str| {
        // Below the search line, which shows the name too.
        form.lines()
            .skip(3)
            .find_map(|l| l.find(needle).map(|b| l[..b].chars().count()))
            .unwrap_or_else(|| panic!("{needle} not on screen:\n{form}"))
    };
    assert_eq!(column("Zaira"), column("separate several with commas"));
    assert_eq!(column("Zaira"), column("DD/MM or DD/MM/YYYY"));
}

#[test]
fn esc_closes_at_once_when_only_a_choice_changed() {
    let mut desk = Desk::new(10, 80, 24);
    open_first_card(&mut desk);
    desk.key(KeyCode::Char('n'))
        .key(KeyCode::Tab)
        .key(KeyCode::Right);
    desk.key(KeyCode::Esc);
    assert!(desk.app.state.question.is_none());
    assert_eq!(desk.app.state.mode(), Mode::Customer);
    // With text typed, it asks; "y" closes it, and the status line's word of that goes at the next key.
    desk.key(KeyCode::Char('n')).typed("hi");
    desk.key(KeyCode::Esc);
    assert!(desk.app.state.question.is_some());
    desk.key(KeyCode::Char('y')).pause();
    assert_eq!(desk.app.state.mode(), Mode::Customer);
    assert!(desk.screen().contains("Form closed"));
    desk.key(KeyCode::Tab);
    assert!(!desk.screen().contains("Form closed"));
    desk.key(KeyCode::Esc);
    // A form refused for a field: the refusal goes once the field is changed (nothing is highlighted
    // any more), and does not outlive the form either.
    desk.key(KeyCode::Char('V'))
        .typed("dodici")
        .key(KeyCode::Enter);
    assert!(desk.screen().contains("correct the highlighted field"));
    desk.key(KeyCode::Backspace);
    assert!(!desk.screen().contains("correct the highlighted field"));
    desk.key(KeyCode::Enter);
    assert!(desk.screen().contains("correct the highlighted field"));
    for _ in 0.."dodic".len() {
        desk.key(KeyCode::Backspace);
    }
    desk.key(KeyCode::Esc);
    assert_eq!(desk.app.state.mode(), Mode::Customer);
    assert!(!desk.screen().contains("correct the highlighted field"));
}

#[test]
fn a_new_customer_from_the_search_is_offered_capitalised_or_by_phone() {
    let dir = tempfile::tempdir().unwrap();
    let book = regulars::book::Book::open(&dir.path().join("store"), None).unwrap();
    let mut desk = Desk::with_book(
        book,
        dir,
        80,
        24,
        regulars::ui::theme::Theme { color: false },
    );
    desk.typed("mario bianchini").key(KeyCode::Enter);
    let form = desk.app.state.form.as_ref().unwrap();
    assert_eq!(form.value(0), "Mario Bianchini");
    desk.key(KeyCode::Esc);
    desk.key(KeyCode::Esc)
        .typed("333 123 4567")
        .key(KeyCode::Enter);
    let form = desk.app.state.form.as_ref().unwrap();
    assert_eq!(
        (form.value(0), form.value(2)),
        ("".into(), "333 123 4567".into())
    );
    // Saved as the fields hold them.
    desk.typed("Lina Neri").key(KeyCode::Enter);
    let id = desk.app.state.selected_id().unwrap();
    let customer = desk.app.book.profile(id).unwrap().customer;
    assert_eq!(customer.name, "Lina Neri");
    assert_eq!(customer.phones, vec!["333 123 4567".to_string()]);
}

#[test]
fn ctrl_n_on_a_name_that_exists_shows_that_customer_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = regulars::book::Book::open(&dir.path().join("store"), None).unwrap();
    let teresa = common::add_customer(&mut book, "Teresa D'Amato", "");
    common::add_customer(&mut book, "Teresa Neri", "");
    let mut desk = Desk::with_book(
        book,
        dir,
        80,
        24,
        regulars::ui::theme::Theme { color: false },
    );
    // Typed without the apostrophe and in lowercase: the same name all the same.
    desk.typed("teresa damato").ctrl('n');
    assert!(desk.app.state.form.is_none());
    assert_eq!(desk.app.state.mode(), Mode::Customer);
    assert_eq!(desk.app.state.selected_id(), Some(teresa));
    assert!(
        desk.screen().contains("already a customer"),
        "{}",
        desk.screen()
    );
    // Ctrl-N again: a second customer of that name, on purpose.
    desk.ctrl('n');
    assert!(desk.app.state.form.is_some());
    desk.key(KeyCode::Enter);
    assert_eq!(desk.app.book.len(), 3);
    // A name nobody has opens the form at once.
    desk.key(KeyCode::Esc).typed("Ugo Foscolo").ctrl('n');
    assert!(desk.app.state.form.is_some());
    // On a card opened from a search, the search's letters found that customer: the new one's name
    // starts empty (it used to start with them: `mar` + "Giulia Neri" gave "MarGiulia Neri").
    desk.key(KeyCode::Esc).key(KeyCode::Esc).typed("teresa n");
    desk.key(KeyCode::Enter);
    assert_eq!(desk.app.state.mode(), Mode::Customer);
    desk.ctrl('n');
    assert_eq!(desk.app.state.form.as_ref().unwrap().value(0), "");
    // So on the card Ctrl-N once showed for her name, when it is opened by hand later.
    desk.key(KeyCode::Esc)
        .key(KeyCode::Esc)
        .typed("teresa damato");
    desk.ctrl('n');
    assert_eq!(desk.app.state.selected_id(), Some(teresa));
    desk.key(KeyCode::Esc).typed("teresa d").key(KeyCode::Enter);
    assert_eq!(desk.app.state.selected_id(), Some(teresa));
    desk.ctrl('n');
    assert_eq!(desk.app.state.form.as_ref().unwrap().value(0), "");
}

#[test]
fn the_edit_form_shows_customer_since_as_the_card_does() {
    let mut desk = Desk::new(10, 80, 24);
    open_first_card(&mut desk);
    let since = desk.app.state.profile.as_ref().unwrap().customer.since;
    let shown = since.format("%Y-%m-%d").to_string();
    assert!(desk.screen().contains(&shown));
    desk.key(KeyCode::Char('e'));
    assert_eq!(desk.app.state.form.as_ref().unwrap().value(5), shown);
    // Saved untouched, it stays the same day.
    desk.key(KeyCode::Enter);
    let id = desk.app.state.selected_id().unwrap();
    assert_eq!(desk.app.book.profile(id).unwrap().customer.since, since);
}

#[test]
fn a_name_a_customer_already_has_asks_before_the_form_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = regulars::book::Book::open(&dir.path().join("store"), None).unwrap();
    common::add_customer(&mut book, "Elena Marini", "");
    let mut desk = Desk::with_book(
        book,
        dir,
        80,
        24,
        regulars::ui::theme::Theme { color: false },
    );
    // Ctrl-N from an empty search, the name typed in the form.
    desk.ctrl('n').typed("elena marini").key(KeyCode::Enter);
    assert!(
        desk.screen().contains("Elena Marini is already a customer"),
        "{}",
        desk.screen()
    );
    desk.key(KeyCode::Char('n'));
    assert_eq!(desk.app.book.len(), 1);
    assert_eq!(desk.app.state.mode(), Mode::Form);
    desk.key(KeyCode::Enter).key(KeyCode::Char('y'));
    assert_eq!(desk.app.book.len(), 2);
    // Another name: no question.
    desk.ctrl('n').typed("Elena Marino").key(KeyCode::Enter);
    assert_eq!(desk.app.book.len(), 3);
}
