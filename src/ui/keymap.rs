//! The keymap: (mode, key) → command. It is the single source of the bottom key bar and the help screen,
//! so neither can drift from what the keys really do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::form::{Form, Input};
use crate::text::{self, Msg};

/// Where the keyboard is: which bindings apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Search,
    Customer,
    /// The customer's timeline has the focus.
    Timeline,
    /// One timeline entry shown whole.
    Entry,
    Form,
    Help,
    Confirm,
    /// The Today view (the agenda).
    Today,
    /// The shop's pulse (pictures of the whole shop).
    Pulse,
}

impl Mode {
    pub const ALL: [Mode; 9] = [
        Mode::Search,
        Mode::Customer,
        Mode::Timeline,
        Mode::Entry,
        Mode::Form,
        Mode::Help,
        Mode::Confirm,
        Mode::Today,
        Mode::Pulse,
    ];
}

/// What a key asks for. Keys that are not bound go to the focused text (search line or form field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Quit,
    /// The privacy screen: everything personal hidden at once (the next key only brings it back).
    Hide,
    Help,
    NewCustomer,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Open,
    ClearSearch,
    Back,
    LogVisit,
    VisitForm,
    AddNote,
    /// Make a promise (a form).
    AddPromise,
    /// Mark the first open promise (or the one selected in the timeline) kept.
    KeepPromise,
    /// Give the reward the stamp card has ready.
    Redeem,
    Edit,
    NextField,
    PrevField,
    Save,
    NewLine,
    Cancel,
    Yes,
    No,
    CloseHelp,
    /// Take back the last write of this desk (asks first).
    Undo,
    /// Move the focus from the card to its timeline.
    FocusTimeline,
    /// Back from the timeline to the card.
    FocusCard,
    /// Show the selected timeline entry whole.
    ShowEntry,
    CloseEntry,
    /// Forget the customer for good (a form asks for their name first).
    Forget,
    /// Void the selected visit or note (asks first).
    VoidEntry,
    /// The Today view.
    Today,
    /// Open the customer of the selected line of Today.
    TodayOpen,
    CloseToday,
    /// The shop's pulse.
    Pulse,
    ClosePulse,
}

/// How a binding's keys are written: the same everywhere (`v`, `Ctrl-Q`, `F1`), or in the language's
/// words (`Enter` is `Invio` on an Italian keyboard).
#[derive(Clone, Copy, Debug)]
pub enum Label {
    Keys(&'static str),
    Words(Msg),
}

impl Label {
    pub fn text(self) -> std::borrow::Cow<'static, str> {
        match self {
            Label::Keys(keys) => keys.into(),
            Label::Words(msg) => msg.text(),
        }
    }
}

/// One binding: the keys that trigger it, how they are written, and what the bar and help say.
pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written on screen (a catalog entry: Enter is "Invio" on an Italian keyboard).
    pub label: Label,
    pub command: Option<Command>,
    /// A short word for the bottom bar; `None` keeps the binding out of the bar (it is still in help).
    pub bar: Option<Msg>,
    /// The sentence of the help screen; `None` keeps the binding out of help (it is part of another row).
    pub help: Option<Msg>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const BROWSE: &[Mode] = &[Mode::Search, Mode::Customer, Mode::Timeline];
/// Where arrows and pages move something: the selection, a timeline entry, or a text that scrolls.
const MOVING: &[Mode] = &[
    Mode::Search,
    Mode::Customer,
    Mode::Timeline,
    Mode::Entry,
    Mode::Help,
    Mode::Today,
];
/// Where a write of this desk can be undone.
const UNDOING: &[Mode] = &[Mode::Search, Mode::Customer, Mode::Timeline, Mode::Entry];
const EVERYWHERE: &[Mode] = &[
    Mode::Search,
    Mode::Customer,
    Mode::Timeline,
    Mode::Entry,
    Mode::Form,
    Mode::Help,
    Mode::Confirm,
    Mode::Today,
    Mode::Pulse,
];

const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), NONE)
}

/// Every binding of the desk. Order is the order of the key bar and of the help screen.
pub const BINDINGS: &[Binding] = &[
    // Searching
    Binding {
        modes: &[Mode::Search],
        keys: &[],
        label: Label::Words(text::KEY_TYPING),
        command: None,
        bar: None,
        help: Some(text::HELP_TYPE),
    },
    Binding {
        modes: &[Mode::Search],
        keys: &[(KeyCode::Enter, NONE)],
        label: Label::Words(text::KEY_ENTER),
        command: Some(Command::Open),
        bar: Some(text::BAR_OPEN),
        help: Some(text::HELP_OPEN),
    },
    Binding {
        modes: BROWSE,
        keys: &[],
        label: Label::Words(text::KEY_UP_DOWN),
        command: None,
        bar: Some(text::BAR_MOVE),
        help: Some(text::HELP_MOVE),
    },
    Binding {
        modes: &[Mode::Today],
        keys: &[],
        label: Label::Words(text::KEY_UP_DOWN),
        command: None,
        bar: Some(text::BAR_MOVE),
        help: Some(text::HELP_MOVE),
    },
    Binding {
        modes: &[Mode::Today],
        keys: &[(KeyCode::Enter, NONE)],
        label: Label::Words(text::KEY_ENTER),
        command: Some(Command::TodayOpen),
        bar: Some(text::BAR_OPEN),
        help: Some(text::HELP_TODAY_OPEN),
    },
    Binding {
        modes: &[Mode::Today],
        keys: &[(KeyCode::Esc, NONE), (KeyCode::Char('t'), CTRL)],
        label: Label::Words(text::KEY_ESC),
        command: Some(Command::CloseToday),
        bar: Some(text::BAR_CLOSE),
        help: Some(text::HELP_TODAY_CLOSE),
    },
    // The pulse
    Binding {
        modes: &[Mode::Pulse],
        keys: &[(KeyCode::Esc, NONE), (KeyCode::Char('p'), CTRL)],
        label: Label::Words(text::KEY_ESC),
        command: Some(Command::ClosePulse),
        bar: Some(text::BAR_CLOSE),
        help: Some(text::HELP_PULSE_CLOSE),
    },
    // The two views of the whole shop lead to each other.
    Binding {
        modes: &[Mode::Pulse],
        keys: &[(KeyCode::Char('t'), CTRL)],
        label: Label::Keys("Ctrl-T"),
        command: Some(Command::Today),
        bar: Some(text::BAR_TODAY),
        help: Some(text::HELP_TODAY),
    },
    Binding {
        modes: &[Mode::Today],
        keys: &[(KeyCode::Char('p'), CTRL)],
        label: Label::Keys("Ctrl-P"),
        command: Some(Command::Pulse),
        bar: Some(text::BAR_PULSE),
        help: Some(text::HELP_PULSE),
    },
    Binding {
        modes: &[Mode::Help, Mode::Entry],
        keys: &[],
        label: Label::Words(text::KEY_UP_DOWN),
        command: None,
        bar: Some(text::BAR_SCROLL),
        help: Some(text::HELP_SCROLL),
    },
    Binding {
        modes: MOVING,
        keys: &[(KeyCode::Up, NONE)],
        label: Label::Words(text::KEY_UP),
        command: Some(Command::Up),
        bar: None,
        help: None,
    },
    Binding {
        modes: MOVING,
        keys: &[(KeyCode::Down, NONE)],
        label: Label::Words(text::KEY_DOWN),
        command: Some(Command::Down),
        bar: None,
        help: None,
    },
    Binding {
        modes: MOVING,
        keys: &[(KeyCode::PageUp, NONE)],
        label: Label::Words(text::KEY_PAGE_UP),
        command: Some(Command::PageUp),
        bar: None,
        help: Some(text::HELP_PAGE_UP),
    },
    Binding {
        modes: MOVING,
        keys: &[(KeyCode::PageDown, NONE)],
        label: Label::Words(text::KEY_PAGE_DOWN),
        command: Some(Command::PageDown),
        bar: None,
        help: Some(text::HELP_PAGE_DOWN),
    },
    Binding {
        modes: MOVING,
        keys: &[(KeyCode::Home, NONE)],
        label: Label::Words(text::KEY_HOME),
        command: Some(Command::Home),
        bar: None,
        help: Some(text::HELP_HOME),
    },
    Binding {
        modes: MOVING,
        keys: &[(KeyCode::End, NONE)],
        label: Label::Words(text::KEY_END),
        command: Some(Command::End),
        bar: None,
        help: Some(text::HELP_END),
    },
    Binding {
        modes: &[Mode::Search],
        keys: &[(KeyCode::Esc, NONE)],
        label: Label::Words(text::KEY_ESC),
        command: Some(Command::ClearSearch),
        bar: None,
        help: Some(text::HELP_CLEAR),
    },
    // On a customer
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('v')],
        label: Label::Keys("v"),
        command: Some(Command::LogVisit),
        bar: Some(text::BAR_VISIT),
        help: Some(text::HELP_VISIT),
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('V')],
        label: Label::Keys("V"),
        command: Some(Command::VisitForm),
        bar: None,
        help: Some(text::HELP_VISIT_FORM),
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('n')],
        label: Label::Keys("n"),
        command: Some(Command::AddNote),
        bar: Some(text::BAR_NOTE),
        help: Some(text::HELP_NOTE),
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('p')],
        label: Label::Keys("p"),
        command: Some(Command::AddPromise),
        bar: Some(text::BAR_PROMISE),
        help: Some(text::HELP_PROMISE),
    },
    Binding {
        modes: &[Mode::Customer, Mode::Timeline],
        keys: &[ch('k')],
        label: Label::Keys("k"),
        command: Some(Command::KeepPromise),
        // In the bar only while the card has an open promise (`keybar`).
        bar: Some(text::BAR_KEPT),
        help: Some(text::HELP_KEPT),
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('r')],
        label: Label::Keys("r"),
        command: Some(Command::Redeem),
        // In the bar only while a reward is ready (`keybar`).
        bar: Some(text::BAR_REDEEM),
        help: Some(text::HELP_REDEEM),
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('e')],
        label: Label::Keys("e"),
        command: Some(Command::Edit),
        bar: Some(text::BAR_EDIT),
        help: Some(text::HELP_EDIT),
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('?')],
        label: Label::Keys("?"),
        command: Some(Command::Help),
        bar: None,
        help: Some(text::HELP_HELP),
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[(KeyCode::Tab, NONE)],
        label: Label::Words(text::KEY_TAB),
        command: Some(Command::FocusTimeline),
        bar: Some(text::BAR_HISTORY),
        help: Some(text::HELP_HISTORY),
    },
    Binding {
        modes: &[Mode::Customer, Mode::Timeline],
        keys: &[ch('u')],
        label: Label::Keys("u"),
        command: Some(Command::Undo),
        bar: None,
        help: Some(text::HELP_UNDO),
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[(KeyCode::Esc, NONE)],
        label: Label::Words(text::KEY_ESC),
        command: Some(Command::Back),
        bar: Some(text::BAR_BACK),
        help: Some(text::HELP_BACK),
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('/')],
        label: Label::Keys("/"),
        command: Some(Command::Back),
        bar: None,
        help: Some(text::HELP_SLASH),
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[(KeyCode::Char('d'), CTRL)],
        label: Label::Keys("Ctrl-D"),
        command: Some(Command::Forget),
        bar: None,
        help: Some(text::HELP_FORGET),
    },
    // The timeline
    Binding {
        modes: &[Mode::Timeline],
        keys: &[(KeyCode::Enter, NONE)],
        label: Label::Words(text::KEY_ENTER),
        command: Some(Command::ShowEntry),
        bar: Some(text::BAR_READ),
        help: Some(text::HELP_READ),
    },
    Binding {
        modes: &[Mode::Timeline, Mode::Entry],
        keys: &[ch('x')],
        label: Label::Keys("x"),
        command: Some(Command::VoidEntry),
        bar: Some(text::BAR_VOID),
        help: Some(text::HELP_VOID),
    },
    Binding {
        modes: &[Mode::Timeline],
        keys: &[(KeyCode::Esc, NONE), (KeyCode::Tab, NONE)],
        label: Label::Words(text::KEY_ESC_TAB),
        command: Some(Command::FocusCard),
        bar: Some(text::BAR_BACK),
        help: Some(text::HELP_FOCUS_CARD),
    },
    Binding {
        modes: &[Mode::Entry],
        keys: &[(KeyCode::Esc, NONE), (KeyCode::Enter, NONE)],
        label: Label::Words(text::KEY_ESC),
        command: Some(Command::CloseEntry),
        bar: Some(text::BAR_CLOSE),
        help: Some(text::HELP_CLOSE_ENTRY),
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[],
        label: Label::Words(text::KEY_A_NAME),
        command: None,
        bar: None,
        help: Some(text::HELP_TYPE_ON_CARD),
    },
    // Forms
    Binding {
        modes: &[Mode::Form],
        keys: &[],
        label: Label::Words(text::KEY_UP_DOWN),
        command: None,
        bar: None,
        help: Some(text::HELP_FORM_REFERRER),
    },
    Binding {
        modes: &[Mode::Form],
        keys: &[],
        label: Label::Words(text::KEY_LEFT_RIGHT_SPACE),
        command: None,
        bar: None,
        help: Some(text::HELP_FORM_CONSENT),
    },
    Binding {
        modes: &[Mode::Form],
        keys: &[],
        label: Label::Words(text::KEY_LEFT_RIGHT_SPACE),
        command: None,
        bar: None,
        help: Some(text::HELP_FORM_CHOICE),
    },
    Binding {
        modes: &[Mode::Form],
        keys: &[(KeyCode::Tab, NONE)],
        label: Label::Words(text::KEY_TAB),
        command: Some(Command::NextField),
        bar: Some(text::BAR_NEXT_FIELD),
        help: Some(text::HELP_NEXT_FIELD),
    },
    Binding {
        modes: &[Mode::Form],
        keys: &[(KeyCode::BackTab, NONE)],
        label: Label::Words(text::KEY_SHIFT_TAB),
        command: Some(Command::PrevField),
        bar: None,
        help: Some(text::HELP_PREV_FIELD),
    },
    Binding {
        modes: &[Mode::Form],
        keys: &[(KeyCode::Enter, NONE)],
        label: Label::Words(text::KEY_ENTER),
        command: Some(Command::Save),
        bar: Some(text::BAR_SAVE),
        help: Some(text::HELP_SAVE),
    },
    Binding {
        modes: &[Mode::Form],
        keys: &[(KeyCode::Enter, ALT)],
        label: Label::Words(text::KEY_ALT_ENTER),
        command: Some(Command::NewLine),
        bar: None,
        help: Some(text::HELP_NEW_LINE),
    },
    Binding {
        modes: &[Mode::Form],
        keys: &[(KeyCode::Esc, NONE)],
        label: Label::Words(text::KEY_ESC),
        command: Some(Command::Cancel),
        bar: Some(text::BAR_CANCEL),
        help: Some(text::HELP_CANCEL),
    },
    // Text: the search line and every form field (the keys go to the text box itself), after a form's
    // own keys
    Binding {
        modes: &[Mode::Search, Mode::Form],
        keys: &[],
        label: Label::Keys("Ctrl-U/K/W"),
        command: None,
        bar: None,
        help: Some(text::HELP_CLEAR_TEXT),
    },
    // Questions
    Binding {
        modes: &[Mode::Confirm],
        // `s` is "sì" on an Italian counter; both work whatever the language.
        keys: &[ch('y'), ch('s')],
        label: Label::Words(text::KEY_YES),
        command: Some(Command::Yes),
        bar: Some(text::YES),
        help: Some(text::YES),
    },
    Binding {
        modes: &[Mode::Confirm],
        keys: &[ch('n'), (KeyCode::Esc, NONE)],
        label: Label::Words(text::KEY_NO),
        command: Some(Command::No),
        bar: Some(text::NO),
        help: Some(text::NO),
    },
    // Help
    Binding {
        modes: &[Mode::Help],
        keys: &[
            (KeyCode::Esc, NONE),
            (KeyCode::F(1), NONE),
            ch('?'),
            ch('q'),
        ],
        label: Label::Words(text::KEY_ESC),
        command: Some(Command::CloseHelp),
        bar: Some(text::BAR_CLOSE),
        help: Some(text::HELP_CLOSE),
    },
    // Anywhere
    Binding {
        modes: BROWSE,
        keys: &[(KeyCode::Char('n'), CTRL)],
        label: Label::Keys("Ctrl-N"),
        command: Some(Command::NewCustomer),
        bar: Some(text::BAR_NEW),
        help: Some(text::HELP_NEW),
    },
    Binding {
        modes: BROWSE,
        keys: &[(KeyCode::Char('t'), CTRL)],
        label: Label::Keys("Ctrl-T"),
        command: Some(Command::Today),
        bar: Some(text::BAR_TODAY),
        help: Some(text::HELP_TODAY),
    },
    Binding {
        modes: BROWSE,
        keys: &[(KeyCode::Char('p'), CTRL)],
        label: Label::Keys("Ctrl-P"),
        command: Some(Command::Pulse),
        // Out of the main bar (it is full at 80 columns); in help, and in Today's bar.
        bar: None,
        help: Some(text::HELP_PULSE),
    },
    Binding {
        modes: UNDOING,
        keys: &[(KeyCode::Char('z'), CTRL)],
        label: Label::Keys("Ctrl-Z"),
        command: Some(Command::Undo),
        bar: None,
        help: Some(text::HELP_UNDO),
    },
    Binding {
        modes: &[
            Mode::Search,
            Mode::Customer,
            Mode::Timeline,
            Mode::Entry,
            Mode::Form,
            Mode::Today,
            Mode::Pulse,
        ],
        keys: &[(KeyCode::F(1), NONE)],
        label: Label::Keys("F1"),
        command: Some(Command::Help),
        bar: Some(text::BAR_HELP),
        help: Some(text::HELP_HELP),
    },
    Binding {
        modes: EVERYWHERE,
        keys: &[(KeyCode::F(12), NONE), (KeyCode::Char('l'), CTRL)],
        label: Label::Keys("F12"),
        command: Some(Command::Hide),
        bar: None,
        help: Some(text::HELP_HIDE),
    },
    Binding {
        modes: EVERYWHERE,
        keys: &[(KeyCode::Char('q'), CTRL), (KeyCode::Char('c'), CTRL)],
        label: Label::Keys("Ctrl-Q"),
        command: Some(Command::Quit),
        bar: Some(text::BAR_QUIT),
        help: Some(text::HELP_QUIT),
    },
];

/// Bindings whose every mode is browse-or-wider are shown under "Anywhere" in help.
pub fn is_global(binding: &Binding) -> bool {
    (binding.modes.len() > 2 && binding.modes.contains(&Mode::Form))
        || ([BROWSE, UNDOING].contains(&binding.modes)
            && binding.keys.iter().any(|(_, m)| m.contains(CTRL)))
}

/// Shift is part of the character itself (`V`), and crossterm reports Shift-Tab as BackTab with Shift.
fn normalize(key: KeyEvent) -> (KeyCode, KeyModifiers) {
    match key.code {
        KeyCode::Char(c) => {
            let c = if key.modifiers.contains(CTRL) {
                c.to_ascii_lowercase()
            } else {
                c
            };
            (KeyCode::Char(c), key.modifiers - KeyModifiers::SHIFT)
        }
        KeyCode::BackTab => (KeyCode::BackTab, key.modifiers - KeyModifiers::SHIFT),
        code => (code, key.modifiers),
    }
}

/// How soon after a letter pressed on a customer the next letter makes them both the start of a search
/// (a name being typed) rather than a command. Typists leave 80–250 ms between the letters of a word; a
/// command key pressed on its own acts at once on the screen, and a write it asks for is made when this
/// much time has passed with no letter after it.
pub const TYPING_WINDOW: std::time::Duration = std::time::Duration::from_millis(350);

/// The character a key types, if it is plain typing (no Ctrl, no Alt, not a control character).
pub fn typed_char(key: KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !c.is_control() && !key.modifiers.intersects(CTRL | ALT) => Some(c),
        _ => None,
    }
}

/// True when `key` in `mode` is a letter that is both a command and the start of a name: on a customer,
/// in the timeline or as the answer to a question, such a command is tentative until [`TYPING_WINDOW`]
/// has passed with no letter after it (a question's answer is not even shown until then).
pub fn is_tentative(mode: Mode, key: KeyEvent) -> bool {
    matches!(mode, Mode::Customer | Mode::Timeline | Mode::Confirm)
        && typed_char(key).is_some()
        // `/` starts a new search: the letters after it are that search already.
        && !matches!(resolve(mode, key), None | Some(Command::Back))
}

/// The command bound to `key` in `mode`, if any.
pub fn resolve(mode: Mode, key: KeyEvent) -> Option<Command> {
    let pressed = normalize(key);
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .find(|b| b.keys.contains(&pressed))
        .and_then(|b| b.command)
}

/// The bindings the bottom bar shows in `mode`, in order.
pub fn bar(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.modes.contains(&mode) && b.bar.is_some())
}

/// Whether the help of a form lists `binding`: the rows about one kind of field (the referrer, the consent
/// boxes, a choice or a yes/no) only when the open `form` has such a field.
fn for_this_form(binding: &Binding, form: Option<&Form>) -> bool {
    let has = |wanted: fn(&Input) -> bool| {
        form.is_some_and(|f| f.fields.iter().any(|field| wanted(&field.input)))
    };
    match binding.help {
        Some(text::HELP_FORM_REFERRER) => form.is_some_and(|f| f.referrer.is_some()),
        Some(text::HELP_FORM_CONSENT) => has(|i| matches!(i, Input::Channels { .. })),
        Some(text::HELP_FORM_CHOICE) => {
            has(|i| matches!(i, Input::Choice { .. } | Input::Toggle(_)))
        }
        _ => true,
    }
}

/// The bindings the help screen lists for `mode` (mode-specific first, then the global ones); in a form,
/// those the open `form`'s fields use.
pub fn help(mode: Mode, form: Option<&Form>) -> (Vec<&'static Binding>, Vec<&'static Binding>) {
    let described = |b: &&Binding| {
        b.help.is_some()
            && b.modes.contains(&mode)
            && (mode != Mode::Form || for_this_form(b, form))
    };
    let local = BINDINGS
        .iter()
        .filter(described)
        .filter(|b| !is_global(b))
        .collect();
    let global = BINDINGS
        .iter()
        .filter(described)
        .filter(|b| is_global(b))
        .collect();
    (local, global)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    /// A form's help lists the rows of the fields it has: the referrer and consent boxes in a customer's
    /// form, the choices (kind, pinned) in a note's, neither in a visit's.
    #[test]
    fn a_forms_help_lists_the_keys_of_its_own_fields() {
        use crate::ui::form::About;
        let someone = crate::domain::Id::from_bytes([7; 16]);
        let rows = |form: &Form| -> Vec<Msg> {
            help(Mode::Form, Some(form))
                .0
                .into_iter()
                .filter_map(|b| b.help)
                .collect()
        };
        let customer = rows(&Form::new_customer("Anna"));
        let note = rows(&Form::note(someone, About::Nobody, None));
        let visit = rows(&Form::visit(someone, About::Nobody));
        for (rows, referrer, consent, choice) in [
            (&customer, true, true, false),
            (&note, false, false, true),
            (&visit, false, false, false),
        ] {
            assert_eq!(
                rows.contains(&text::HELP_FORM_REFERRER),
                referrer,
                "{rows:?}"
            );
            assert_eq!(rows.contains(&text::HELP_FORM_CONSENT), consent, "{rows:?}");
            assert_eq!(rows.contains(&text::HELP_FORM_CHOICE), choice, "{rows:?}");
            assert!(rows.contains(&text::HELP_SAVE), "{rows:?}");
        }
    }

    #[test]
    fn keys_resolve_per_mode_as_the_product_promises() {
        let cases = [
            (Mode::Search, key(KeyCode::Enter, NONE), Some(Command::Open)),
            (Mode::Search, key(KeyCode::Char('v'), NONE), None),
            (
                Mode::Customer,
                key(KeyCode::Char('v'), NONE),
                Some(Command::LogVisit),
            ),
            (
                Mode::Customer,
                key(KeyCode::Char('V'), KeyModifiers::SHIFT),
                Some(Command::VisitForm),
            ),
            (
                Mode::Customer,
                key(KeyCode::Char('n'), NONE),
                Some(Command::AddNote),
            ),
            (
                Mode::Customer,
                key(KeyCode::Char('e'), NONE),
                Some(Command::Edit),
            ),
            (
                Mode::Customer,
                key(KeyCode::Char('?'), KeyModifiers::SHIFT),
                Some(Command::Help),
            ),
            (Mode::Customer, key(KeyCode::Esc, NONE), Some(Command::Back)),
            (
                Mode::Search,
                key(KeyCode::Char('n'), CTRL),
                Some(Command::NewCustomer),
            ),
            (Mode::Form, key(KeyCode::Char('n'), CTRL), None),
            (
                Mode::Form,
                key(KeyCode::Char('c'), CTRL),
                Some(Command::Quit),
            ),
            (
                Mode::Help,
                key(KeyCode::Char('Q'), CTRL | KeyModifiers::SHIFT),
                Some(Command::Quit),
            ),
            (
                Mode::Form,
                key(KeyCode::BackTab, KeyModifiers::SHIFT),
                Some(Command::PrevField),
            ),
            (Mode::Form, key(KeyCode::Enter, ALT), Some(Command::NewLine)),
            (Mode::Form, key(KeyCode::Char('v'), NONE), None),
            (
                Mode::Confirm,
                key(KeyCode::Char('y'), NONE),
                Some(Command::Yes),
            ),
            (Mode::Confirm, key(KeyCode::Esc, NONE), Some(Command::No)),
            (
                Mode::Help,
                key(KeyCode::F(1), NONE),
                Some(Command::CloseHelp),
            ),
            (
                Mode::Search,
                key(KeyCode::Char('p'), CTRL),
                Some(Command::Pulse),
            ),
            (
                Mode::Customer,
                key(KeyCode::Char('p'), CTRL),
                Some(Command::Pulse),
            ),
            (
                Mode::Today,
                key(KeyCode::Char('p'), CTRL),
                Some(Command::Pulse),
            ),
            (Mode::Form, key(KeyCode::Char('p'), CTRL), None),
            (
                Mode::Pulse,
                key(KeyCode::Char('p'), CTRL),
                Some(Command::ClosePulse),
            ),
            (
                Mode::Pulse,
                key(KeyCode::Esc, NONE),
                Some(Command::ClosePulse),
            ),
            (
                Mode::Pulse,
                key(KeyCode::Char('t'), CTRL),
                Some(Command::Today),
            ),
        ];
        for (mode, key, expected) in cases {
            assert_eq!(resolve(mode, key), expected, "{mode:?} {key:?}");
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for mode in Mode::ALL {
            let mut seen = Vec::new();
            for b in BINDINGS
                .iter()
                .filter(|b| b.modes.contains(&mode) && b.command.is_some())
            {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {mode:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn every_mode_has_a_bar_and_help() {
        for mode in Mode::ALL {
            assert!(bar(mode).count() >= 2, "{mode:?}");
            let (local, global) = help(mode, None);
            assert!(!local.is_empty() || !global.is_empty(), "{mode:?}");
        }
    }
}
