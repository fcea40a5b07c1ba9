//! Hostile text in every free-text field: escape sequences, control characters, bidi overrides, joiners,
//! combining marks, emoji and very long lines are stored and given back intact (`show --json`), and drawn
//! and printed harmlessly: no control character reaches the terminal, and the layout holds.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use regulars::book::Book;
use regulars::domain::{CustomerDraft, CustomerText, NoteKind};
use regulars::ui::App;
use regulars::ui::state::Action;
use regulars::ui::theme::Theme;

fn hostile() -> Vec<String> {
    vec![
        "\u{1b}]0;owned title\u{7}".into(),
        "clear \u{1b}[2J\u{1b}[H screen".into(),
        "clip \u{1b}]52;c;ZWNobyBwd25lZA==\u{7}board".into(),
        "bell \u{7}\u{7} nul \u{0} back\u{8}\u{8}space".into(),
        "C1 \u{9b}31m csi and \u{90}dcs\u{9c}".into(),
        "bidi \u{202e}gnp.exe\u{202c} \u{2066}isolate\u{2069}".into(),
        "family 👨\u{200d}👩\u{200d}👧 and e\u{301}\u{301}\u{301} marks".into(),
        "emoji ☕🥐🇮🇹 café".into(),
        "tab\there and\r carriage".into(),
        format!("long {}", "ab".repeat(2_500)),
    ]
}

/// A store with one customer per hostile string, that string in every free-text field.
fn hostile_store(dir: &std::path::Path) -> Vec<regulars::domain::Id> {
    let mut book = Book::open(&dir.join("store"), Some("Eve\u{1b}[31m".into())).unwrap();
    let now = common::now().to_utc();
    let today = common::now().date_naive();
    let mut ids = Vec::new();
    for h in hostile() {
        let text = CustomerText {
            name: "H".into(),
            email: String::new(),
            preferences: h.clone(),
            ..Default::default()
        };
        let mut draft = CustomerDraft::from_text(&text, today).unwrap();
        // Names, commas in tags and phones are checked when typed (a name holds 200 characters), but a
        // store can hold anything (an import from an older desk, a merge): the name and nickname carry the
        // hostile string whole, the whole string is one tag, and one phone is the hostile string too.
        draft.name = format!("H {h}");
        draft.nickname = Some(h.clone());
        draft.tags = vec![h.clone()];
        draft.phones = vec!["+39 333 123 4567".into(), h.clone()];
        let customer = book.add_customer(draft, now, today).unwrap();
        book.log_visit(customer.id, now, Some(100), Some(h.clone()))
            .unwrap();
        book.add_note(
            customer.id,
            now,
            NoteKind::Complaint,
            format!("{h}\nline two {h}"),
            true,
        )
        .unwrap();
        ids.push(customer.id);
    }
    ids
}

fn no_control(text: &str) -> bool {
    !text.chars().any(|c| c.is_control() && c != '\n')
}

#[test]
fn stored_intact_and_given_back_intact_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let ids = hostile_store(dir.path());
    for (id, h) in ids.iter().zip(hostile()) {
        let out = common::run(
            &dir.path().join("store"),
            &["show", &id.to_string(), "--json"],
        );
        assert!(out.status.success(), "{}", common::stderr(&out));
        let json: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
        assert_eq!(json["name"], format!("H {h}").trim());
        assert_eq!(json["nickname"], h.trim());
        assert_eq!(json["tags"][0], h);
        assert_eq!(json["phones"][1], h);
        assert_eq!(json["preferences"], h.trim());
        assert_eq!(json["visits"][0]["what"], h);
        assert_eq!(json["notes"][0]["text"], format!("{h}\nline two {h}"));
        assert_eq!(json["notes"][0]["staff"], "Eve\u{1b}[31m");
    }
}

#[test]
fn the_text_outputs_print_it_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let ids = hostile_store(dir.path());
    let store = dir.path().join("store");
    let find = common::stdout(&common::run(&store, &["find", "h", "--limit", "50"]));
    assert_eq!(find.lines().count(), ids.len());
    assert!(no_control(&find.replace('\t', " ")), "{find:?}");
    for id in &ids {
        let show = common::stdout(&common::run(&store, &["show", &id.to_string()]));
        assert!(no_control(&show), "{show:?}");
        assert!(show.contains("H "), "{show}");
    }
}

#[test]
fn the_desk_draws_it_harmlessly_and_keeps_its_layout() {
    let dir = tempfile::tempdir().unwrap();
    let ids = hostile_store(dir.path());
    let book = Book::open(&dir.path().join("store"), None).unwrap();
    let mut app = App::new(book, common::clock(), Theme { color: true }, "€".into());
    for (width, height) in [(80u16, 24u16), (120, 40)] {
        app.dispatch(Action::Resize { width, height });
        app.press(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        for step in 0..ids.len() {
            if step > 0 {
                app.press(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
            }
            for open in [false, true] {
                if open {
                    // The edit form shows the stored text too, and saving it unchanged shows the error
                    // about the stored phone, which quotes it (or, first, about a name longer than a
                    // name may be).
                    app.press(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
                    app.press(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE));
                    app.press(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
                    let long_name = format!("H {}", hostile()[step]).chars().count()
                        > regulars::domain::InputLimits::NAME_CHARS;
                    let (field, says) = if long_name {
                        (0, "Too long: at most 200 characters")
                    } else {
                        (2, "is not a phone number")
                    };
                    let error = app
                        .state
                        .form
                        .as_ref()
                        .and_then(|f| f.fields[field].error.clone());
                    assert!(error.is_some_and(|e| e.contains(says)), "step {step}");
                }
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                terminal.draw(|f| app.draw(f)).unwrap();
                let buffer = terminal.backend().buffer();
                let rows: Vec<String> = (0..height)
                    .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
                    .collect();
                for row in &rows {
                    assert!(no_control(row), "step {step}: {row:?}");
                }
                // The frame holds: the search box and the panes keep their borders on both edges.
                assert!(
                    rows[0].starts_with('┌') && rows[0].ends_with('┐'),
                    "{}",
                    rows[0]
                );
                assert!(
                    rows[2].starts_with('└') && rows[2].ends_with('┘'),
                    "{}",
                    rows[2]
                );
                let body_bottom = usize::from(height) - 3;
                for row in &rows[3..=body_bottom] {
                    let first = row.chars().next().unwrap();
                    let last = row.chars().last().unwrap();
                    assert!(
                        "┌│└".contains(first) && "┐│┘".contains(last),
                        "step {step}: {row}"
                    );
                }
                if open {
                    app.press(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
                    app.press(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
                    app.press(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
                    for _ in 0..step {
                        app.press(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
                    }
                }
            }
        }
    }
}

#[test]
fn editing_one_field_leaves_the_others_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(&dir.path().join("store"), None).unwrap();
    let today = common::now().date_naive();
    let h = &hostile()[1];
    let text = CustomerText {
        name: format!("H {h}"),
        phones: "333 123 4567".into(),
        ..Default::default()
    };
    let mut draft = CustomerDraft::from_text(&text, today).unwrap();
    draft.preferences = h.clone();
    draft.tags = vec![h.clone()];
    let id = book
        .add_customer(draft, common::now().to_utc(), today)
        .unwrap()
        .id;
    let before = book.profile(id).unwrap().customer;
    let mut app = App::new(book, common::clock(), Theme { color: true }, "€".into());
    // Open the edit form and replace only the greet-as name.
    app.press(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.press(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE));
    app.press(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    for c in "Plain".chars() {
        app.press(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.press(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(app.state.form.is_none(), "saved");
    let after = app.book.profile(id).unwrap().customer;
    assert_eq!(after.nickname.as_deref(), Some("Plain"));
    assert_eq!(
        after.name, before.name,
        "the name keeps its escape sequence"
    );
    assert_eq!(after.preferences, before.preferences);
    assert_eq!(after.tags, before.tags);
    assert!(after.name.contains('\u{1b}'));
}
