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

/// Every binding of the desk, in the order of the key bar and of the help screen.
mod bindings;
pub use bindings::BINDINGS;

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
