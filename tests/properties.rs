//! Property tests: whatever comes in — typed, imported or read back — nothing panics and the rules hold.
//! (The record decoders are tested the same way inside the crate, in `store::codec`.)

mod common;

use chrono::{Datelike, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use regulars::domain::{
    Birthday, MoneyStyle, PromiseDraft, PromiseField, format_cents, parse_amount, parse_date,
    parse_due,
};
use regulars::search::{fold_words, phone_digits};
use regulars::text::InputError;
use regulars::ui::App;
use regulars::ui::keymap::Mode;
use regulars::ui::state::{Action, Question};
use regulars::ui::theme::Theme;

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2200, 1u32..=366).prop_map(|(y, d)| {
        NaiveDate::from_yo_opt(y, d).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 1).unwrap())
    })
}

/// Text shaped like the files `import` reads: their markers, separators and escapes, among any characters.
fn file_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("BEGIN:VCARD\n".to_string()),
            Just("END:VCARD\n".to_string()),
            Just("FN:".to_string()),
            Just("TEL;TYPE=cell:".to_string()),
            Just("NOTE;ENCODING=QUOTED-PRINTABLE:=C3=".to_string()),
            Just("BDAY:--".to_string()),
            Just("[0]\nname=".to_string()),
            Just("name;telefono;\"".to_string()),
            Just("\n ".to_string()),
            Just("=\r\n".to_string()),
            Just("\\".to_string()),
            "\\PC{0,8}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    /// Every reader of `import` takes any text: rows, or a problem to report; never a panic. And what
    /// it reads is planned without one (the fuzz targets in fuzz/ do the same on raw bytes).
    #[test]
    fn the_import_readers_never_panic(text in file_like()) {
        use regulars::import::{self, OnDuplicate};
        let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        // The desk's JSON: its records, or the problems found; never a panic.
        let _ = import::dump::read(text.as_bytes(), now.date_naive(), &|_| false);
        for read in [import::table::read, import::vcard::read, import::abook::read] {
            if let Ok((rows, _)) = read(text.as_bytes()) {
                let n = rows.len();
                let plan = import::plan(rows, Vec::new(), OnDuplicate::Merge, now, now.date_naive(), None, &mut |_, _| false);
                // Each row is a new customer, or merged into an earlier one (skipped when it adds
                // nothing), or has its problems.
                let counted = plan.added + plan.merged + plan.skipped;
                prop_assert!(counted <= n);
                prop_assert_eq!(plan.problems.is_empty(), counted == n);
                prop_assert_eq!(plan.customers.len(), plan.added);
            }
        }
    }

    #[test]
    fn the_date_parser_never_panics_and_reads_its_own_output(text in "\\PC{0,24}", today in any_date()) {
        let _ = parse_date(&text, today);
        let written = today.format("%d/%m/%Y").to_string();
        prop_assert_eq!(parse_date(&written, today).ok(), Some(today));
        let iso = today.format("%Y-%m-%d").to_string();
        prop_assert_eq!(parse_date(&iso, today).ok(), Some(today));
    }

    #[test]
    fn a_due_date_is_never_in_the_past_and_is_refused_only_with_a_reason(
        text in prop_oneof![
            "\\PC{0,24}",
            (1u32..=31, 1u32..=12).prop_map(|(d, m)| format!("{d}/{m}")),
            (1u32..=31, 1u32..=12).prop_map(|(d, m)| format!("{d}.{m}")),
            (1u32..=31, 1u32..=12, 1990i32..2210).prop_map(|(d, m, y)| format!("{d}/{m}/{y}")),
            (1990i32..2210, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
            (0u32..400).prop_map(|n| format!("+{n}d")),
            (0u32..60).prop_map(|n| format!("+{n}w")),
            (1u32..400).prop_map(|n| format!("-{n}d")),
            prop::sample::select(vec![
                "today", "oggi", "tomorrow", "domani", "yesterday", "ieri", "dopodomani", "monday",
                "lunedì", "friday", "venerdi", "sunday", "",
            ])
            .prop_map(str::to_string),
        ],
        days in 0u64..3000,
        today in any_date(),
    ) {
        match parse_due(&text, today) {
            Ok(due) => prop_assert!(due >= today, "{text:?} gave {due} on {today}"),
            Err(e) => prop_assert!(
                matches!(
                    e,
                    InputError::DueInPast(_) | InputError::BadDate(_) | InputError::NoSuchDate(_)
                ),
                "{text:?}: {e:?}"
            ),
        }
        // Days ahead are read exactly, whatever today is; days back are refused as in the past.
        prop_assert_eq!(
            parse_due(&format!("+{days}d"), today),
            Ok(today + chrono::Days::new(days))
        );
        let back = format!("-{}d", days + 1);
        prop_assert_eq!(parse_due(&back, today), Err(InputError::DueInPast(back.clone())));
        // A day and month alone is this year's or, gone by, next year's: never more than a year ahead.
        let this_day = format!("{}/{}", today.day(), today.month());
        prop_assert_eq!(parse_due(&this_day, today), Ok(today));
        match PromiseDraft::new("Call back", &text, today) {
            Ok(draft) => prop_assert!(draft.due >= today && draft.text == "Call back"),
            Err((field, _)) => prop_assert_eq!(field, PromiseField::Due),
        }
    }

    #[test]
    fn relative_dates_stay_relative(days in 0u32..5000, today in any_date()) {
        // Every such offset from a day of 1900–2200 is a day chrono has: each must read.
        let ahead = parse_date(&format!("+{days}d"), today);
        prop_assert!(ahead.is_ok(), "+{}d from {}: {:?}", days, today, ahead);
        prop_assert_eq!((ahead.unwrap() - today).num_days(), i64::from(days));
        let back = parse_date(&format!("-{days}d"), today);
        prop_assert!(back.is_ok(), "-{}d from {}: {:?}", days, today, back);
        prop_assert_eq!((today - back.unwrap()).num_days(), i64::from(days));
    }

    #[test]
    fn birthdays_round_trip_through_their_text(text in "\\PC{0,16}", day in 1u8..=31, month in 1u8..=12, year in proptest::option::of(1900i32..=2100)) {
        let today = NaiveDate::from_ymd_opt(2100, 12, 31).unwrap();
        let _ = Birthday::parse(&text, today);
        let written = match year {
            Some(y) => format!("{day}/{month}/{y}"),
            None => format!("{day}/{month}"),
        };
        // A day that exists reads (a 29 February without a year too); one that does not is refused.
        let exists =
            NaiveDate::from_ymd_opt(year.unwrap_or(2000), u32::from(month), u32::from(day)).is_some();
        let parsed = Birthday::parse(&written, today);
        prop_assert_eq!(parsed.is_ok(), exists, "{}: {:?}", written, parsed);
        if let Ok(b) = parsed {
            prop_assert_eq!(Birthday::parse(&b.to_text(), today).ok(), Some(b));
        }
    }

    #[test]
    fn amounts_round_trip_and_never_panic(text in "\\PC{0,20}", cents in 0i64..1_000_000_000) {
        if let Ok(c) = parse_amount(&text) {
            prop_assert!(c >= 0);
        }
        // What the desk prints, in either language, reads back as the same amount.
        for style in [MoneyStyle::ENGLISH, MoneyStyle::ITALIAN] {
            prop_assert_eq!(parse_amount(&format_cents(cents, "€", style)).ok(), Some(cents));
        }
        let italian = format!("{},{:02}", cents / 100, cents % 100);
        prop_assert_eq!(parse_amount(&italian).ok(), Some(cents));
    }

    #[test]
    fn folding_gives_plain_words_and_is_stable(text in "\\PC{0,40}") {
        let words = fold_words(&text);
        for w in &words {
            prop_assert!(!w.is_empty());
            prop_assert!(w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()), "{:?}", w);
        }
        prop_assert_eq!(fold_words(&words.join(" ")), words);
        prop_assert!(phone_digits(&text).bytes().all(|b| b.is_ascii_digit()));
    }

    #[test]
    fn safe_text_never_carries_a_control_character(text in "(\\PC|\\p{Cc}|[\u{202a}-\u{202e}\u{2066}-\u{2069}])*") {
        let shown = regulars::safe::line(&text);
        prop_assert!(regulars::safe::is_harmless(&shown));
        prop_assert!(!shown.chars().any(char::is_control));
        prop_assert_eq!(shown.chars().count(), text.chars().count());
    }
}

/// Key sequences per run: 48 in the normal suite, `KEY_CASES` for a long run.
fn key_cases() -> u32 {
    std::env::var("KEY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

/// A key a person (or a cat on the keyboard) might press, or a terminal resize.
#[derive(Clone, Debug)]
enum Input {
    Key(KeyEvent),
    Resize(u16, u16),
}

fn any_input() -> impl Strategy<Value = Input> {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    prop_oneof![
        8 => prop::sample::select(vec!['a', 'm', 'r', 'o', ' ', '3', 'ò', 'Z', '\'', 'v', 'V', 'n', 'e', '?', 'y', '\u{1b}', '\u{7}'])
            .prop_map(move |c| Input::Key(plain(KeyCode::Char(c)))),
        6 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace, KeyCode::Up,
            KeyCode::Down, KeyCode::PageUp, KeyCode::PageDown, KeyCode::Home, KeyCode::End, KeyCode::Left,
            KeyCode::Right, KeyCode::F(1), KeyCode::Delete,
        ])
        .prop_map(move |code| Input::Key(plain(code))),
        1 => prop::sample::select(vec![
            KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL),
            KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL),
            KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT),
            KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL),
        ])
        .prop_map(Input::Key),
        1 => (1u16..160, 1u16..50).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(key_cases()))]

    #[test]
    fn random_keys_never_break_the_desk(inputs in prop::collection::vec(any_input(), 1..80)) {
        let dir = tempfile::tempdir().unwrap();
        let book = common::demo_book(dir.path(), 25);
        let mut app = App::new(book, common::clock(), Theme { color: true }, "€".into());
        // Lists longer than this come a screenful at a time: random keys scroll through that too.
        app.result_page = 6;
        let (mut width, mut height) = (80u16, 24u16);
        app.dispatch(Action::Resize { width, height });
        for input in inputs {
            let before_typed = app.state.form.as_ref().is_some_and(|f| f.has_typed_text());
            let before_mode = app.state.mode();
            // A `y` (or `s`) answer waits for the typing window: the key after it settles it.
            let answer_waiting = before_mode == Mode::Confirm && app.state.pending.is_some();
            let yes_waiting = answer_waiting
                && app.state.pending.as_ref().is_some_and(|p| matches!(p.typed, 'y' | 's'));
            let key = match input {
                Input::Key(key) => {
                    app.press(key);
                    Some(key)
                }
                Input::Resize(w, h) => {
                    (width, height) = (w, h);
                    app.dispatch(Action::Resize { width, height });
                    None
                }
            };
            let s = &app.state;
            // The selection is inside the list, and the card shows the selected customer.
            prop_assert!(s.results.is_empty() || s.selected < s.results.len());
            prop_assert!(s.results.len() <= s.matched);
            if let Some(profile) = &s.profile {
                prop_assert_eq!(Some(profile.customer.id), s.selected_id());
            }
            if s.mode() == Mode::Customer {
                prop_assert!(s.selected_id().is_some());
            }
            if s.question == Some(Question::DiscardForm) {
                prop_assert!(s.form.is_some());
            }
            // Typed text leaves only by saving (Enter) or by answering yes (settled by the next key that
            // is not a letter; a letter right after it means nothing was answered).
            if before_typed && s.form.is_none() {
                let code = key.map(|k| k.code);
                // Enter saves the form, also right after an answer that was waiting (a `n` then brought
                // the form back first).
                let saved = (before_mode == Mode::Form || answer_waiting)
                    && code == Some(KeyCode::Enter);
                let letter = key.and_then(regulars::ui::keymap::typed_char).is_some();
                let discarded = yes_waiting && !letter;
                prop_assert!(saved || discarded, "a draft vanished on {:?}", key);
            }
            // Any size draws, and nothing drawn is a control character.
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal.draw(|f| app.draw(f)).unwrap();
            let buffer = terminal.backend().buffer();
            prop_assert!(buffer.content().iter().all(|c| !c.symbol().chars().any(char::is_control)));
        }
    }
}
