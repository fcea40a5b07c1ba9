//! The desk driven as a person drives it: real keys into the real `App`, drawn on ratatui's `TestBackend`.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use regulars::book::Book;
use regulars::ui::App;
use regulars::ui::state::Action;
use regulars::ui::theme::Theme;

/// How long a person takes between the letters of a word they type (well inside the desk's typing window).
pub const TYPING_GAP: Duration = Duration::from_millis(120);
/// How long a person waits after a key pressed on its own (well past the typing window).
pub const PAUSE: Duration = Duration::from_secs(1);

pub struct Desk {
    pub app: App,
    /// The desk's time as the keys come: each key is pressed at this instant, then it moves on.
    pub now: Instant,
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

    /// The desk at 80×24 on the data `regulars --demo` opens (its size and seed), in this thread's
    /// language, as of the tests' fixed day.
    pub fn desk_demo() -> Desk {
        use regulars::demo::{DESK_DEMO_CUSTOMERS, DESK_DEMO_SEED, generate};
        let dir = tempfile::tempdir().unwrap();
        let mut book = Book::open(&dir.path().join("store"), None).unwrap();
        let data = generate(
            DESK_DEMO_CUSTOMERS,
            DESK_DEMO_SEED,
            super::now().to_utc(),
            regulars::text::language(),
        );
        book.load_new(&data.customers, &data.events()).unwrap();
        book.finish_load().unwrap();
        Self::with_book(book, dir, 80, 24, Theme { color: true })
    }

    /// The desk on the store at `path` as a new start of the program opens it (the book the last desk
    /// closed, a draft it left), at 80×24 without colour.
    pub fn on_store(path: &std::path::Path) -> Desk {
        let book = Book::open(path, None).unwrap();
        Self::plain(book)
    }

    /// The desk on `book` at 80×24 without colour.
    pub fn plain(book: Book) -> Desk {
        Self::with_book(
            book,
            tempfile::tempdir().unwrap(),
            80,
            24,
            Theme { color: false },
        )
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
            now: Instant::now(),
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
            _dir: dir,
        }
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.mods(code, KeyModifiers::NONE)
    }

    /// A key pressed on its own: then the person waits, and a command letter on a customer settles.
    pub fn mods(&mut self, code: KeyCode, modifiers: KeyModifiers) -> &mut Self {
        self.app.press_at(KeyEvent::new(code, modifiers), self.now);
        self.pause()
    }

    /// Time passes with no key.
    pub fn pause(&mut self) -> &mut Self {
        self.now += PAUSE;
        self.app.tick(self.now);
        self
    }

    /// Text pasted from the clipboard (bracketed paste), then a pause.
    pub fn paste(&mut self, text: &str) -> &mut Self {
        self.app.paste_at(text, self.now);
        self.pause()
    }

    /// Letters pressed `gap` apart with no pause after them (the pause is the caller's).
    pub fn typed_at(&mut self, text: &str, gap: Duration) -> &mut Self {
        for c in text.chars() {
            let modifiers = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.app
                .press_at(KeyEvent::new(KeyCode::Char(c), modifiers), self.now);
            self.now += gap;
        }
        self
    }

    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.mods(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// Text typed at typing speed, then a pause.
    pub fn typed(&mut self, text: &str) -> &mut Self {
        self.typed_at(text, TYPING_GAP).pause()
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

    /// What the status line says (empty when it says nothing).
    pub fn status(&self) -> String {
        self.app
            .state
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    /// The question asked now, as the person reads it.
    pub fn question(&self) -> String {
        let question = self.app.state.question.as_ref().expect("a question");
        question.text(&self.app.state.clock)
    }

    pub fn selected_name(&self) -> String {
        let id = self.app.state.selected_id().expect("a selection");
        self.app.book.entry(id).unwrap().name.to_string()
    }
}
