//! Any sequence of keys (and terminal sizes) into the real desk: it never panics, and after every key the
//! selection is inside the list, the card shows the selected customer, and a typed form only goes away by
//! saving or by answering yes.
#![no_main]

use std::sync::Mutex;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use regulars::book::Book;
use regulars::clock::Clock;
use regulars::ui::App;
use regulars::ui::keymap::Mode;
use regulars::ui::state::Action;
use regulars::ui::theme::Theme;

/// One small demo store for the whole run, handed from desk to desk.
static BOOK: Mutex<Option<(tempfile::TempDir, Book)>> = Mutex::new(None);

fn key(byte: u8, next: u8) -> Option<KeyEvent> {
    let plain = |code| Some(KeyEvent::new(code, KeyModifiers::NONE));
    match byte % 32 {
        0 => plain(KeyCode::Enter),
        1 => plain(KeyCode::Esc),
        2 => plain(KeyCode::Tab),
        3 => plain(KeyCode::BackTab),
        4 => plain(KeyCode::Backspace),
        5 => plain(KeyCode::Up),
        6 => plain(KeyCode::Down),
        7 => plain(KeyCode::PageDown),
        8 => plain(KeyCode::End),
        9 => plain(KeyCode::Left),
        10 => plain(KeyCode::Right),
        11 => plain(KeyCode::F(1)),
        12 => Some(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL)),
        13 => Some(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)),
        14 => None, // a resize, from `next`
        _ => plain(KeyCode::Char(
            char::from_u32(u32::from(next))
                .filter(|c| !c.is_control())
                .unwrap_or('a'),
        )),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut slot = BOOK.lock().unwrap();
    let (dir, book) = slot.take().unwrap_or_else(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut book = Book::open(&dir.path().join("store"), None).unwrap();
        let now = chrono::Utc::now();
        let data = regulars::demo::generate(20, 1, now, regulars::text::Lang::En);
        book.store().unwrap()
            .load_batch(&data.customers, &data.events())
            .unwrap();
        book.store().unwrap().sync().unwrap();
        book.reindex().unwrap();
        (dir, book)
    });
    let mut app = App::new(book, Clock::System, Theme { color: true }, "€".into());
    let (mut width, mut height) = (80u16, 24u16);
    app.dispatch(Action::Resize { width, height });
    for pair in data.chunks(2) {
        let (byte, next) = (pair[0], pair.get(1).copied().unwrap_or(0));
        let dirty = app.state.form.as_ref().is_some_and(|f| f.is_dirty());
        let mode = app.state.mode();
        let pressed = key(byte, next);
        match pressed {
            Some(k) => app.press(k),
            None => {
                (width, height) = (u16::from(next % 120) + 1, u16::from(next % 40) + 1);
                app.dispatch(Action::Resize { width, height });
            }
        }
        let s = &app.state;
        assert!(s.results.is_empty() || s.selected < s.results.len());
        if let Some(p) = &s.profile {
            assert_eq!(Some(p.customer.id), s.selected_id());
        }
        if s.mode() == Mode::Customer {
            assert!(s.selected_id().is_some());
        }
        if dirty && s.form.is_none() {
            let code = pressed.map(|k| k.code);
            assert!(
                (mode == Mode::Form && code == Some(KeyCode::Enter))
                    || (mode == Mode::Confirm && matches!(code, Some(KeyCode::Char('y' | 's'))))
            );
        }
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| app.draw(f)).unwrap();
    }
    *slot = Some((dir, app.into_book()));
});
