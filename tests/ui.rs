//! The desk as a person uses it: real keys into the real `App`, the real widgets drawn on ratatui's
//! `TestBackend`, on a real store in a temp dir.

mod common;

use common::desk::Desk;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::style::Color;
use regulars::book::Book;
use regulars::domain::{CustomerDraft, CustomerText};
use regulars::text::{Lang, in_language};
use regulars::ui::state::Action;
use regulars::ui::theme::Theme;

#[test]
fn an_empty_store_invites_the_first_customer() {
    let mut desk = Desk::new(0, 80, 24);
    let screen = desk.screen();
    assert!(screen.contains("No customers yet"), "{screen}");
    insta::assert_snapshot!("empty_80x24", screen);
}

#[test]
fn the_main_screen_at_both_sizes() {
    let mut desk = Desk::new(120, 80, 24);
    insta::assert_snapshot!("main_80x24", desk.screen());
    let mut desk = Desk::new(120, 120, 40);
    insta::assert_snapshot!("main_120x40", desk.screen());
}

#[test]
fn the_list_narrows_on_every_keystroke_and_widens_on_backspace() {
    let mut desk = Desk::new(300, 80, 24);
    let mut counts = vec![desk.app.state.results.len()];
    for c in "mar".chars() {
        desk.typed(&c.to_string());
        counts.push(desk.app.state.results.len());
    }
    assert!(counts.windows(2).all(|w| w[1] < w[0]), "{counts:?}");
    assert_eq!(counts[0], 300);
    insta::assert_snapshot!("filtered_mar_80x24", desk.screen());
    // Every result really matches what was typed.
    for id in &desk.app.state.results {
        let entry = desk.app.book.entry(*id).unwrap();
        let folded = regulars::search::fold_words(&format!(
            "{} {}",
            entry.name,
            entry.nickname.unwrap_or("")
        ));
        assert!(folded.iter().any(|w| w.contains("mar")), "{}", entry.name);
    }
    desk.key(KeyCode::Backspace);
    assert!(desk.app.state.results.len() > counts[3]);
    assert_eq!(desk.app.state.query(), "ma");
}

#[test]
fn arrows_and_pages_move_the_selection_within_the_list() {
    let mut desk = Desk::new(100, 80, 24);
    let page = regulars::ui::view::list_rows(24);
    desk.key(KeyCode::Down).key(KeyCode::Down);
    assert_eq!(desk.app.state.selected, 2);
    desk.key(KeyCode::Up);
    assert_eq!(desk.app.state.selected, 1);
    desk.key(KeyCode::PageDown);
    assert_eq!(desk.app.state.selected, 1 + page);
    desk.key(KeyCode::End);
    assert_eq!(desk.app.state.selected, 99);
    desk.key(KeyCode::Down);
    assert_eq!(desk.app.state.selected, 99);
    desk.key(KeyCode::PageUp)
        .key(KeyCode::Home)
        .key(KeyCode::Up);
    assert_eq!(desk.app.state.selected, 0);
    // The detail pane follows the selection.
    desk.key(KeyCode::Down);
    let selected = desk.app.state.selected_id();
    assert_eq!(
        desk.app.state.profile.as_ref().map(|p| p.customer.id),
        selected
    );
    // The selected row is on screen even on the last page.
    desk.key(KeyCode::End);
    let name = desk.selected_name();
    let shown: String = name.chars().take(12).collect();
    assert!(desk.screen().contains(&shown), "{shown}");
}

#[test]
fn enter_opens_the_greeting_card_and_v_logs_a_visit_that_survives_a_restart() {
    let mut desk = Desk::new(120, 80, 24);
    desk.typed("nic");
    let name = desk.selected_name();
    let id = desk.app.state.selected_id().unwrap();
    let before = desk.app.book.entry(id).unwrap().visits;
    desk.key(KeyCode::Enter);
    let card = desk.screen();
    assert!(card.contains("Customer since"), "{card}");
    insta::assert_snapshot!("greeting_card_80x24", card);

    desk.key(KeyCode::Char('v'));
    let screen = desk.screen();
    assert!(
        screen.contains(&format!("Visit logged for {name}.")),
        "{screen}"
    );
    assert_eq!(desk.app.book.entry(id).unwrap().visits, before + 1);
    assert!(screen.contains("Last visit: today"), "{screen}");
    insta::assert_snapshot!("visit_logged_80x24", screen);

    // Esc goes back to an empty search, ready for the next customer.
    desk.key(KeyCode::Esc);
    assert_eq!(desk.app.state.query(), "");
    assert_eq!(desk.app.state.results.len(), 120);

    // Reopen the store: the visit is there.
    let Desk { app, _dir: dir, .. } = std::mem::replace(&mut desk, Desk::new(0, 10, 10));
    drop(app);
    let mut book = Book::open(&dir.path().join("store"), None).unwrap();
    let profile = book.profile(id).unwrap();
    assert_eq!(profile.visits().count(), before as usize + 1);
    assert_eq!(
        profile.visits().last().unwrap().staff.as_deref(),
        Some("Giulia")
    );
}

#[test]
fn the_visit_form_records_amount_and_what_and_refuses_a_bad_amount() {
    let mut desk = Desk::new(30, 80, 24);
    desk.key(KeyCode::Enter).typed("V");
    desk.typed("12,5x").key(KeyCode::Enter);
    let screen = desk.screen();
    assert!(screen.contains("is not an amount"), "{screen}");
    assert!(desk.app.state.form.is_some());
    desk.key(KeyCode::Backspace)
        .key(KeyCode::Tab)
        .typed("cappuccino")
        .key(KeyCode::Enter);
    assert!(desk.app.state.form.is_none());
    let profile = desk.app.state.profile.clone().unwrap();
    let visit = profile.last_visit().unwrap();
    assert_eq!(visit.amount_cents, Some(1250));
    assert_eq!(visit.what.as_deref(), Some("cappuccino"));
    assert!(desk.screen().contains("€12.50  cappuccino"));
}

#[test]
fn a_note_form_shows_its_error_by_the_field_then_saves_a_pinned_praise() {
    let mut desk = Desk::new(30, 80, 24);
    desk.key(KeyCode::Enter).key(KeyCode::Char('n'));
    desk.key(KeyCode::Enter);
    let screen = desk.screen();
    assert!(screen.contains("The note is empty."), "{screen}");
    insta::assert_snapshot!("note_form_error_80x24", screen);

    desk.typed("Loved the new blend");
    desk.mods(KeyCode::Enter, KeyModifiers::ALT)
        .typed("and the cups");
    desk.key(KeyCode::Tab)
        .key(KeyCode::Right)
        .key(KeyCode::Tab)
        .key(KeyCode::Char(' '));
    desk.key(KeyCode::Enter);
    assert!(desk.app.state.form.is_none());
    let note = desk
        .app
        .state
        .profile
        .as_ref()
        .unwrap()
        .notes()
        .last()
        .unwrap()
        .clone();
    assert_eq!(note.text, "Loved the new blend\nand the cups");
    assert_eq!(note.kind, regulars::domain::NoteKind::Praise);
    assert!(note.pinned);
    let screen = desk.screen();
    assert!(
        screen.contains("Pinned: Loved the new blend / and the cups"),
        "{screen}"
    );
    assert!(screen.contains("Note added for"), "{screen}");
}

#[test]
fn enter_on_no_match_creates_the_customer_from_the_query() {
    let mut desk = Desk::new(30, 80, 24);
    desk.typed("Zoë Quintavalle");
    assert!(desk.app.state.results.is_empty());
    assert!(desk.screen().contains("Nobody matches"));
    desk.key(KeyCode::Enter);
    assert!(desk.app.state.form.is_some());
    // A field error keeps everything typed.
    desk.key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .typed("12")
        .key(KeyCode::Enter);
    let screen = desk.screen();
    assert!(screen.contains("is not a phone number"), "{screen}");
    assert!(screen.contains("Zoë Quintavalle"), "{screen}");
    desk.typed("3 4567").key(KeyCode::Enter);
    assert!(desk.app.state.form.is_none());
    assert_eq!(desk.selected_name(), "Zoë Quintavalle");
    assert!(
        desk.screen()
            .contains("Zoë Quintavalle added as a new customer.")
    );
    // Found again by accents-free letters and by phone.
    desk.key(KeyCode::Esc).typed("zoe quint");
    assert_eq!(desk.app.state.results.len(), 1);
    desk.key(KeyCode::Esc).typed("1234567");
    assert_eq!(desk.selected_name(), "Zoë Quintavalle");
}

#[test]
fn editing_a_customer_changes_the_card_and_the_search() {
    let mut desk = Desk::new(30, 80, 24);
    desk.key(KeyCode::Enter).key(KeyCode::Char('e'));
    // Replace the greet-as name.
    desk.key(KeyCode::Tab);
    for _ in 0..30 {
        desk.key(KeyCode::Backspace);
    }
    desk.typed("Dottoressa").key(KeyCode::Enter);
    assert!(desk.app.state.form.is_none());
    assert!(desk.screen().contains("Dottoressa"));
    desk.key(KeyCode::Esc).typed("dottoressa");
    assert_eq!(desk.app.state.results.len(), 1);
}

#[test]
fn esc_and_quit_ask_before_losing_typed_text() {
    let mut desk = Desk::new(10, 80, 24);
    desk.ctrl('n').typed("Half typed");
    desk.key(KeyCode::Esc);
    assert!(desk.screen().contains("Discard what you typed?"));
    desk.key(KeyCode::Char('n'));
    assert_eq!(desk.app.state.form.as_ref().unwrap().value(0), "Half typed");
    desk.ctrl('q');
    assert!(!desk.app.state.quit);
    assert!(desk.screen().contains("Quit with a form open?"));
    desk.key(KeyCode::Esc);
    assert!(desk.app.state.form.is_some() && !desk.app.state.quit);
    desk.key(KeyCode::Esc).key(KeyCode::Char('y'));
    assert!(desk.app.state.form.is_none());
    // An untouched form closes at once; Ctrl-C quits from anywhere.
    desk.ctrl('n').key(KeyCode::Esc);
    assert!(desk.app.state.form.is_none() && desk.app.state.question.is_none());
    desk.ctrl('c');
    assert!(desk.app.state.quit);
}

/// On the demo's throwaway store, the quit question does not promise that the text comes back.
#[test]
fn quitting_the_demo_with_a_form_open_says_the_text_goes_with_it() {
    let mut desk = Desk::new(10, 80, 24);
    desk.ctrl('n').typed("Half typed").ctrl('q');
    assert!(
        desk.question().contains("comes back next time"),
        "{}",
        desk.question()
    );
    desk.key(KeyCode::Char('n'));
    desk.app.state.throwaway = true;
    desk.ctrl('q');
    assert!(
        desk.question().contains("This is the demo") && !desk.question().contains("comes back"),
        "{}",
        desk.question()
    );
    // The answers are never split across two lines of the box.
    let screen = desk.screen().replace('\u{a0}', " ");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("y = quit, n = keep editing")),
        "{screen}"
    );
    assert!(screen.contains("This is the demo"), "{screen}");
    desk.key(KeyCode::Char('y')).pause();
    assert!(desk.app.state.quit);
}

#[test]
fn help_lists_the_keys_of_where_you_are_and_closes_with_esc() {
    let mut desk = Desk::new(10, 80, 24);
    desk.key(KeyCode::F(1));
    let screen = desk.screen();
    assert!(
        screen.contains("Searching") && screen.contains("Ctrl-N"),
        "{screen}"
    );
    insta::assert_snapshot!("help_search_80x24", screen);
    desk.key(KeyCode::Esc);
    assert!(desk.app.state.help.is_none());
    desk.key(KeyCode::Enter).typed("?");
    let screen = desk.screen();
    for line in [
        "Log a visit now",
        "Add a note",
        "Edit the customer",
        "Give the reward",
    ] {
        assert!(screen.contains(line), "{line}\n{screen}");
    }
    // What does not fit at 80x24 is a scroll away.
    desk.key(KeyCode::PageDown);
    let screen = desk.screen();
    assert!(screen.contains("Back to an empty search"), "{screen}");
    let mut big = Desk::new(10, 120, 40);
    big.key(KeyCode::Enter).typed("?");
    insta::assert_snapshot!("help_customer_120x40", big.screen());
}

#[test]
fn the_key_bar_follows_the_focus() {
    let mut desk = Desk::new(10, 80, 24);
    let bar = |desk: &mut Desk| desk.screen().lines().last().unwrap().to_string();
    assert!(bar(&mut desk).contains("Enter open"));
    desk.key(KeyCode::Enter);
    assert!(bar(&mut desk).contains("v visit"));
    desk.key(KeyCode::Char('n'));
    assert!(bar(&mut desk).contains("Enter save"));
}

#[test]
fn typing_on_a_customer_starts_the_next_search() {
    let mut desk = Desk::new(50, 80, 24);
    desk.key(KeyCode::Enter).typed("m");
    assert_eq!(desk.app.state.query(), "m");
    assert_eq!(desk.app.state.mode(), regulars::ui::keymap::Mode::Search);
}

#[test]
fn key_releases_and_repeats_are_ignored() {
    let mut desk = Desk::new(10, 80, 24);
    let mut release = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    desk.app.press(release);
    assert_eq!(desk.app.state.query(), "");
}

fn hostile_book(dir: &tempfile::TempDir) -> Book {
    let mut book = Book::open(&dir.path().join("store"), None).unwrap();
    let text = CustomerText {
        name: "Evil \u{1b}]0;owned\u{7}\u{1b}[2J Name".into(),
        nickname: "\u{202e}kcin\u{0}".into(),
        preferences: "likes \u{1b}]52;c;aGk=\u{7} clipboard\u{8}\u{8}".into(),
        ..Default::default()
    };
    let draft = CustomerDraft::from_text(&text, common::now().date_naive()).unwrap();
    let customer = book
        .add_customer(draft, common::now().to_utc(), common::now().date_naive())
        .unwrap();
    book.add_note(
        customer.id,
        common::now().to_utc(),
        Default::default(),
        "\u{1b}[31mred\u{9b}1m".into(),
        true,
    )
    .unwrap();
    book
}

#[test]
fn text_from_the_store_never_reaches_the_terminal_as_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let book = hostile_book(&dir);
    let mut desk = Desk::with_book(
        book,
        tempfile::tempdir().unwrap(),
        80,
        24,
        Theme { color: true },
    );
    desk.key(KeyCode::Enter);
    let screen = desk.screen();
    assert!(screen.contains("Evil ␛]0;owned␇␛[2J Name"), "{screen}");
    desk.key(KeyCode::Char('e'));
    let buffer_text = desk.screen();
    for text in [screen, buffer_text] {
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{text:?}"
        );
    }
}

#[test]
fn no_color_draws_without_colours() {
    let dir = tempfile::tempdir().unwrap();
    let book = common::demo_book(dir.path(), 20);
    let mut desk = Desk::with_book(book, dir, 80, 24, Theme { color: false });
    desk.key(KeyCode::Enter).key(KeyCode::Char('v'));
    desk.screen();
    let buffer = desk.terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let dir = tempfile::tempdir().unwrap();
    let book = common::demo_book(dir.path(), 20);
    let mut coloured = Desk::with_book(book, dir, 80, 24, Theme { color: true });
    coloured.screen();
    let buffer = coloured.terminal.backend().buffer();
    assert!(buffer.content().iter().any(|c| c.fg != Color::Reset));
}

/// The sample screens in the README are the real ones: regenerate them with `UPDATE_README=1 cargo test`.
#[test]
fn the_readme_shows_the_screens_the_desk_draws() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let mut readme = std::fs::read_to_string(&path).unwrap();
    for (lang, marker, query, greeting) in [
        (Lang::En, "screen", "turi", "Turi"),
        (Lang::It, "screen-it", "enzo", "Enzo"),
    ] {
        let screen = in_language(lang, || {
            // The data of `regulars --demo` (same size and seed), so what the README shows can be typed.
            let mut desk = Desk::desk_demo();
            desk.typed(query)
                .key(KeyCode::Enter)
                .key(KeyCode::Char('v'));
            desk.screen()
        });
        assert!(screen.contains(greeting), "{screen}");
        // The caption under the English screen says what was typed to draw it.
        if lang == Lang::En {
            assert!(
                readme.contains(&format!("`{query}` typed")),
                "the README's caption"
            );
        }
        let (start, end) = (
            format!("<!-- {marker}:start -->\n```text\n"),
            format!("```\n<!-- {marker}:end -->"),
        );
        let from = readme.find(&start).expect("README has the screen markers") + start.len();
        let to = readme.find(&end).expect("README has the end marker");
        if std::env::var_os("UPDATE_README").is_some() {
            readme = format!("{}{screen}{}", &readme[..from], &readme[to..]);
        } else {
            assert_eq!(
                &readme[from..to],
                screen,
                "README's {lang} screen is stale: run UPDATE_README=1 cargo test"
            );
        }
    }
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(&path, readme).unwrap();
    }
}

#[test]
fn the_card_shows_a_birthday_within_a_week_and_the_tenure() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(&dir.path().join("store"), None).unwrap();
    let today = common::now().date_naive();
    for (name, birthday) in [("Soon Sara", "26/11/1980"), ("Later Luca", "05/12")] {
        let text = CustomerText {
            name: name.into(),
            nickname: "Dottoressa".into(),
            birthday: birthday.into(),
            since: "01/03/2006".into(),
            ..Default::default()
        };
        let draft = CustomerDraft::from_text(&text, today).unwrap();
        book.add_customer(draft, common::now().to_utc(), today)
            .unwrap();
    }
    let mut desk = Desk::with_book(book, dir, 80, 24, Theme { color: true });
    desk.typed("soon").key(KeyCode::Enter);
    let screen = desk.screen();
    assert!(screen.contains("Dottoressa  Soon Sara"), "{screen}");
    assert!(
        screen.contains("Birthday in 3 days (Nov 26, turns 46)"),
        "{screen}"
    );
    assert!(
        screen.contains("Customer since 2006-03-01 (20 years)"),
        "{screen}"
    );
    assert!(screen.contains("Last visit: no visits yet"), "{screen}");
    desk.key(KeyCode::Esc).typed("later").key(KeyCode::Enter);
    assert!(!desk.screen().contains("Birthday"));
}

#[test]
fn a_save_that_fails_keeps_the_form_and_says_it_was_not_saved() {
    let mut desk = Desk::new(10, 80, 24);
    desk.key(KeyCode::Enter)
        .key(KeyCode::Char('n'))
        .typed("Promised a call");
    desk.app
        .dispatch(Action::SaveFailed("the disk is full".into()));
    let screen = desk.screen();
    assert!(screen.contains("Not saved: the disk is full"), "{screen}");
    assert_eq!(
        desk.app.state.form.as_ref().unwrap().value(0),
        "Promised a call"
    );
    // Without a form (a quick `v`), the same failure is a plain status.
    desk.key(KeyCode::Esc).key(KeyCode::Char('y'));
    desk.app
        .dispatch(Action::SaveFailed("the disk is full".into()));
    assert!(desk.screen().contains("Not done: the disk is full"));
}

#[test]
fn keys_typed_in_a_burst_search_once_and_enter_sees_the_latest_query() {
    let mut desk = Desk::new(60, 80, 24);
    desk.app.defer_searches = true;
    let everyone = desk.app.state.results.len();
    // Someone down the list, by their surname.
    let target = desk.app.state.results[everyone / 2];
    let surname = desk
        .app
        .book
        .entry(target)
        .unwrap()
        .name
        .rsplit(' ')
        .next()
        .unwrap()
        .to_string();
    let query: String = regulars::search::fold_words(&surname).concat();
    desk.typed(&query);
    // Typed, not yet searched: the line shows the text, the list is still the old one.
    assert_eq!(desk.app.state.query(), query);
    assert_eq!(desk.app.state.results.len(), everyone);
    // Enter first runs the search for what was typed, then opens a customer who matches it.
    desk.key(KeyCode::Enter);
    assert!(desk.app.state.results.len() < everyone);
    assert!(desk.app.state.results.contains(&target));
    let name = desk.selected_name();
    assert!(
        regulars::search::fold_words(&name)
            .iter()
            .any(|w| w.contains(&query)),
        "{name} / {query}"
    );
    assert_eq!(desk.app.state.mode(), regulars::ui::keymap::Mode::Customer);
    // The loop's flush runs a pending search too.
    desk.key(KeyCode::Esc).typed("zzzz");
    desk.app.flush_search();
    assert!(desk.app.state.results.is_empty());
}

#[test]
fn a_form_left_by_a_crash_comes_back_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let book = common::demo_book(dir.path(), 10);
    let mut desk = Desk::with_book(
        book,
        tempfile::tempdir().unwrap(),
        80,
        24,
        Theme { color: true },
    );
    desk.key(KeyCode::Enter)
        .key(KeyCode::Char('n'))
        .typed("Promised to call when the boots arrive");
    desk.key(KeyCode::Tab).key(KeyCode::Right);
    let customer = desk.app.state.selected_id().unwrap();
    let draft = path.join(regulars::ui::draft::FILE);
    // The draft is written by a thread of its own, so a keystroke never waits for the disk.
    desk.app.settle_drafts();
    assert!(draft.exists(), "typing keeps a draft");
    // The desk goes away with the form open (nothing closes the form when a process dies): the draft stays.
    drop(desk);
    assert!(draft.exists());
    let book = Book::open(&path, None).unwrap();
    let mut desk = Desk::with_book(
        book,
        tempfile::tempdir().unwrap(),
        80,
        24,
        Theme { color: true },
    );
    let form = desk
        .app
        .state
        .form
        .as_ref()
        .expect("the draft comes back as the form");
    assert_eq!(form.kind, regulars::ui::form::FormKind::Note(customer));
    assert_eq!(form.value(0), "Promised to call when the boots arrive");
    assert_eq!(form.choice(1), 1);
    assert!(
        desk.screen()
            .contains("A form left unsaved last time is back")
    );
    // Saving it removes the draft.
    desk.key(KeyCode::Enter);
    assert!(desk.app.state.form.is_none());
    desk.app.settle_drafts();
    assert!(!draft.exists());
    let note = desk
        .app
        .book
        .profile(customer)
        .unwrap()
        .notes()
        .last()
        .unwrap()
        .clone();
    assert_eq!(note.text, "Promised to call when the boots arrive");
    // Discarding on purpose removes it too.
    desk.ctrl('n').typed("Half a name");
    desk.app.settle_drafts();
    assert!(draft.exists());
    desk.key(KeyCode::Esc).key(KeyCode::Char('y'));
    desk.app.settle_drafts();
    assert!(!draft.exists());
}

#[test]
fn a_big_result_list_comes_a_screenful_at_a_time_and_scrolls_to_its_true_end() {
    let mut desk = Desk::new(300, 80, 24);
    desk.app.result_page = 40;
    desk.typed("a");
    let everyone = desk.app.book.search("a", None);
    assert!(everyone.len() > 100, "the demo has many a's");
    // The list holds the first screens, the count is exact.
    assert_eq!(desk.app.state.results.len(), 40);
    assert_eq!(desk.app.state.matched, everyone.len());
    let screen = desk.screen();
    assert!(
        screen.contains(&format!("{} of 300", everyone.len())),
        "{screen}"
    );
    assert_eq!(desk.app.state.results[..], everyone[..40]);
    // Paging towards the end of what is held fetches the rest, keeping the place.
    desk.key(KeyCode::PageDown).key(KeyCode::PageDown);
    assert_eq!(desk.app.state.results, everyone);
    let page = regulars::ui::view::list_rows(24);
    assert_eq!(desk.app.state.selected, 2 * page);
    assert_eq!(
        desk.selected_name(),
        desk.app.book.entry(everyone[2 * page]).unwrap().name
    );
    // End goes to the true last match, not the last one first held.
    desk.key(KeyCode::Esc).typed("e").key(KeyCode::End);
    let e = desk.app.book.search("e", None);
    assert!(e.len() > 40, "more than the first screens match e");
    assert_eq!(desk.app.state.selected_id(), e.last().copied());
    assert_eq!(desk.app.state.results, e);
}

/// The key bar says what Enter does: open the customer chosen, or, when the search matches nobody, add
/// them as a new customer (once: Ctrl-N is not offered beside it, nor arrows with nothing to move to).
#[test]
fn the_key_bar_says_enter_adds_someone_when_nobody_matches() {
    let mut desk = Desk::new(10, 80, 24);
    let bar = |desk: &mut Desk| desk.screen().lines().last().unwrap_or_default().to_string();
    let shown = bar(&mut desk);
    assert!(shown.contains("Enter open"), "{shown}");
    assert!(
        shown.contains("↑ ↓ move") && shown.contains("Ctrl-N new"),
        "{shown}"
    );
    desk.typed("zzqxj");
    assert!(desk.app.state.results.is_empty());
    let shown = bar(&mut desk);
    assert!(shown.contains("Enter new"), "{shown}");
    assert!(!shown.contains("Enter open"), "{shown}");
    assert_eq!(shown.matches("new").count(), 1, "{shown}");
    assert!(!shown.contains("move"), "{shown}");
}

/// A new customer's form started from letters typed in the search holds what was typed there: the draft
/// keeps it through a crash; closing the form takes the draft away.
#[test]
fn a_new_customer_started_from_the_search_is_kept_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let book = Book::open(&path, None).unwrap();
    let mut desk = Desk::plain(book);
    desk.typed("Mario Rossi").key(KeyCode::Enter);
    assert_eq!(
        desk.app.state.form.as_ref().unwrap().value(0),
        "Mario Rossi"
    );
    desk.app.settle_drafts();
    let draft = path.join(regulars::ui::draft::FILE);
    assert!(draft.exists(), "the name typed in the search is kept");
    // The desk goes away with the form open: the next one brings it back with the name.
    drop(desk);
    let mut desk = Desk::on_store(&path);
    assert_eq!(
        desk.app.state.form.as_ref().map(|f| f.value(0)),
        Some("Mario Rossi".to_string())
    );
    // Closed on purpose: no draft comes back.
    desk.key(KeyCode::Esc);
    if desk.app.state.question.is_some() {
        desk.key(KeyCode::Char('y'));
    }
    assert!(desk.app.state.form.is_none());
    desk.app.settle_drafts();
    assert!(!draft.exists());
}

/// A status too long for one row takes up to four rows from the panes, and on a short screen only as
/// many as leave the panes ten rows: the search line stays on top and the keys at the bottom, and what
/// does not fit ends in "…".
#[test]
fn a_long_status_takes_rows_from_the_panes_but_never_all_of_them() {
    // Numbered words: which part of the sentence a row shows can be told.
    let long: String = (1..=120).map(|n| format!("w{n} ")).collect();
    for (height, rows) in [(24u16, 4usize), (16, 2)] {
        let mut desk = Desk::new(20, 80, height);
        desk.app.state.status = Some(regulars::ui::state::Status {
            text: long.trim().to_string(),
            error: false,
        });
        let screen = desk.screen();
        let lines: Vec<&str> = screen.lines().collect();
        assert_eq!(lines.len(), usize::from(height));
        assert!(lines[0].starts_with('┌'), "{screen}");
        assert!(lines.last().unwrap().contains("F1"), "{screen}");
        let status: Vec<&&str> = lines.iter().filter(|l| l.starts_with(" w")).collect();
        assert_eq!(status.len(), rows, "{screen}");
        assert!(status[0].starts_with(" w1 w2 "), "{screen}");
        assert!(status.last().unwrap().trim_end().ends_with('…'), "{screen}");
        // Above the status, the panes keep their bottom border.
        let above = lines[usize::from(height) - rows - 2];
        assert!(above.starts_with('└'), "{screen}");
        // Under help, which takes the screen above the usual two rows, the status keeps one row.
        desk.key(KeyCode::F(1));
        let screen = desk.screen();
        let lines: Vec<&str> = screen.lines().collect();
        let status: Vec<&&str> = lines.iter().filter(|l| l.starts_with(" w")).collect();
        assert_eq!(status.len(), 1, "{screen}");
        assert!(
            status[0].starts_with(" w1 w2 "),
            "the start of it: {screen}"
        );
        assert_eq!(*status[0], lines[usize::from(height) - 2], "{screen}");
        assert!(status[0].trim_end().ends_with('…'), "{screen}");
    }
}

/// Typing a new search clears what the status line said about what came before (a forget's long word
/// among them, which takes rows from the panes); an error stays until it is dealt with.
#[test]
fn typing_a_new_search_clears_the_status_but_not_an_error() {
    for (error, stays) in [(false, false), (true, true)] {
        let mut desk = Desk::new(20, 80, 24);
        desk.app.state.status = Some(regulars::ui::state::Status {
            text: "Anna Rossi is forgotten.".into(),
            error,
        });
        assert!(desk.screen().contains("Anna Rossi is forgotten."));
        desk.typed("ma");
        assert_eq!(desk.screen().contains("Anna Rossi is forgotten."), stays);
    }
}

/// A long note wraps inside its box, at words, so what was typed first stays in sight beside what is
/// being typed (it used to scroll sideways, its beginning out of sight); Alt-Enter lines stay lines.
#[test]
fn a_long_note_wraps_in_its_box() {
    let mut desk = Desk::new(10, 80, 24);
    desk.key(KeyCode::Enter);
    desk.key(KeyCode::Char('n'));
    let note = "Wants the blue wool scarf from the window when it comes back in her size, \
                and asked us to call her before Christmas";
    desk.typed(note);
    desk.mods(KeyCode::Enter, KeyModifiers::ALT)
        .typed("Prefers mornings");
    let screen = desk.screen();
    for words in [
        "Wants the blue wool scarf",
        "before Christmas",
        "Prefers mornings",
    ] {
        assert!(screen.contains(words), "{words:?}:\n{screen}");
    }
    assert_eq!(
        desk.app.state.form.as_ref().unwrap().value(0),
        format!("{note}\nPrefers mornings")
    );
    // Longer than its four rows: the box follows the cursor, the last words in sight.
    desk.mods(KeyCode::Enter, KeyModifiers::ALT)
        .typed(
            "Her daughter Giulia comes on Saturdays and likes the same colours, dark blue and grey",
        )
        .mods(KeyCode::Enter, KeyModifiers::ALT)
        .typed("Pays by card");
    let screen = desk.screen();
    assert!(screen.contains("Pays by card"), "{screen}");
}
