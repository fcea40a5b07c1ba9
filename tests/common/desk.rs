//! The desk driven as a person drives it: real keys into the real `App`, drawn on ratatui's `TestBackend`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use regulars::book::Book;
use regulars::ui::App;
use regulars::ui::state::Action;
use regulars::ui::theme::Theme;

pub struct Desk {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
    pub _dir: tempfile::TempDir,
}

impl Desk {
    pub fn new(customers: usize, width: u16, height: u16) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let book = if customers > 0 {
            super::demo_book(dir.path(), customers)
        } else {
            Book::open(&dir.path().join("store"), None).unwrap()
        };
        Self::with_book(book, dir, width, height, Theme { color: true })
    }

    pub fn with_book(
        book: Book,
        dir: tempfile::TempDir,
        width: u16,
        height: u16,
        theme: Theme,
    ) -> Desk {
        let mut app = App::new(book, super::clock(), theme, "€".into());
        app.dispatch(Action::Resize { width, height });
        Desk {
            app,
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
            _dir: dir,
        }
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app.press(KeyEvent::new(code, KeyModifiers::NONE));
        self
    }

    pub fn mods(&mut self, code: KeyCode, modifiers: KeyModifiers) -> &mut Self {
        self.app.press(KeyEvent::new(code, modifiers));
        self
    }

    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.mods(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    pub fn typed(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            let modifiers = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.mods(KeyCode::Char(c), modifiers);
        }
        self
    }

    /// The screen as text, one line per row.
    pub fn screen(&mut self) -> String {
        let app = &self.app;
        self.terminal.draw(|frame| app.draw(frame)).unwrap();
        let buffer = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    pub fn selected_name(&self) -> String {
        let id = self.app.state.selected_id().expect("a selection");
        self.app.book.entry(id).unwrap().name.to_string()
    }
}
