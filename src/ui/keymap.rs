//! The keymap: (mode, key) → command. It is the single source of the bottom key bar and the help screen,
//! so neither can drift from what the keys really do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::text;

/// Where the keyboard is: which bindings apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Search,
    Customer,
    Form,
    Help,
    Confirm,
}

/// What a key asks for. Keys that are not bound go to the focused text (search line or form field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Quit,
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
    Edit,
    NextField,
    PrevField,
    Save,
    NewLine,
    Cancel,
    Yes,
    No,
    CloseHelp,
}

/// One binding: the keys that trigger it, how they are written, and what the bar and help say.
pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written on screen.
    pub label: &'static str,
    pub command: Option<Command>,
    /// A short word for the bottom bar; `None` keeps the binding out of the bar (it is still in help).
    pub bar: Option<&'static str>,
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const BROWSE: &[Mode] = &[Mode::Search, Mode::Customer];
const EVERYWHERE: &[Mode] = &[Mode::Search, Mode::Customer, Mode::Form, Mode::Help];

const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), NONE)
}

/// Every binding of the desk. Order is the order of the key bar and of the help screen.
pub const BINDINGS: &[Binding] = &[
    // Searching
    Binding {
        modes: &[Mode::Search],
        keys: &[],
        label: text::KEY_TYPING,
        command: None,
        bar: None,
        help: text::HELP_TYPE,
    },
    Binding {
        modes: &[Mode::Search],
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        command: Some(Command::Open),
        bar: Some(text::BAR_OPEN),
        help: text::HELP_OPEN,
    },
    Binding {
        modes: BROWSE,
        keys: &[],
        label: "↑ ↓",
        command: None,
        bar: Some(text::BAR_MOVE),
        help: text::HELP_MOVE,
    },
    Binding {
        modes: BROWSE,
        keys: &[(KeyCode::Up, NONE)],
        label: "↑",
        command: Some(Command::Up),
        bar: None,
        help: "",
    },
    Binding {
        modes: BROWSE,
        keys: &[(KeyCode::Down, NONE)],
        label: "↓",
        command: Some(Command::Down),
        bar: None,
        help: "",
    },
    Binding {
        modes: BROWSE,
        keys: &[(KeyCode::PageUp, NONE)],
        label: "PgUp",
        command: Some(Command::PageUp),
        bar: None,
        help: text::HELP_PAGE_UP,
    },
    Binding {
        modes: BROWSE,
        keys: &[(KeyCode::PageDown, NONE)],
        label: "PgDn",
        command: Some(Command::PageDown),
        bar: None,
        help: text::HELP_PAGE_DOWN,
    },
    Binding {
        modes: BROWSE,
        keys: &[(KeyCode::Home, NONE)],
        label: "Home",
        command: Some(Command::Home),
        bar: None,
        help: text::HELP_HOME,
    },
    Binding {
        modes: BROWSE,
        keys: &[(KeyCode::End, NONE)],
        label: "End",
        command: Some(Command::End),
        bar: None,
        help: text::HELP_END,
    },
    Binding {
        modes: &[Mode::Search],
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        command: Some(Command::ClearSearch),
        bar: None,
        help: text::HELP_CLEAR,
    },
    // On a customer
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('v')],
        label: "v",
        command: Some(Command::LogVisit),
        bar: Some(text::BAR_VISIT),
        help: text::HELP_VISIT,
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('V')],
        label: "V",
        command: Some(Command::VisitForm),
        bar: None,
        help: text::HELP_VISIT_FORM,
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('n')],
        label: "n",
        command: Some(Command::AddNote),
        bar: Some(text::BAR_NOTE),
        help: text::HELP_NOTE,
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('e')],
        label: "e",
        command: Some(Command::Edit),
        bar: Some(text::BAR_EDIT),
        help: text::HELP_EDIT,
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[ch('?')],
        label: "?",
        command: Some(Command::Help),
        bar: None,
        help: text::HELP_HELP,
    },
    Binding {
        modes: &[Mode::Customer],
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        command: Some(Command::Back),
        bar: Some(text::BAR_BACK),
        help: text::HELP_BACK,
    },
    // Forms
    Binding {
        modes: &[Mode::Form],
        keys: &[(KeyCode::Tab, NONE)],
        label: "Tab",
        command: Some(Command::NextField),
        bar: Some(text::BAR_NEXT_FIELD),
        help: text::HELP_NEXT_FIELD,
    },
    Binding {
        modes: &[Mode::Form],
        keys: &[(KeyCode::BackTab, NONE)],
        label: "Shift-Tab",
        command: Some(Command::PrevField),
        bar: None,
        help: text::HELP_PREV_FIELD,
    },
    Binding {
        modes: &[Mode::Form],
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        command: Some(Command::Save),
        bar: Some(text::BAR_SAVE),
        help: text::HELP_SAVE,
    },
    Binding {
        modes: &[Mode::Form],
        keys: &[(KeyCode::Enter, ALT)],
        label: "Alt-Enter",
        command: Some(Command::NewLine),
        bar: None,
        help: text::HELP_NEW_LINE,
    },
    Binding {
        modes: &[Mode::Form],
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        command: Some(Command::Cancel),
        bar: Some(text::BAR_CANCEL),
        help: text::HELP_CANCEL,
    },
    // Questions
    Binding {
        modes: &[Mode::Confirm],
        keys: &[ch('y')],
        label: "y",
        command: Some(Command::Yes),
        bar: Some(text::YES),
        help: text::YES,
    },
    Binding {
        modes: &[Mode::Confirm],
        keys: &[ch('n'), (KeyCode::Esc, NONE)],
        label: "n",
        command: Some(Command::No),
        bar: Some(text::NO),
        help: text::NO,
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
        label: "Esc",
        command: Some(Command::CloseHelp),
        bar: Some(text::BAR_CLOSE),
        help: text::HELP_CLOSE,
    },
    // Anywhere
    Binding {
        modes: BROWSE,
        keys: &[(KeyCode::Char('n'), CTRL)],
        label: "Ctrl-N",
        command: Some(Command::NewCustomer),
        bar: Some(text::BAR_NEW),
        help: text::HELP_NEW,
    },
    Binding {
        modes: &[Mode::Search, Mode::Customer, Mode::Form],
        keys: &[(KeyCode::F(1), NONE)],
        label: "F1",
        command: Some(Command::Help),
        bar: Some(text::BAR_HELP),
        help: text::HELP_HELP,
    },
    Binding {
        modes: EVERYWHERE,
        keys: &[(KeyCode::Char('q'), CTRL), (KeyCode::Char('c'), CTRL)],
        label: "Ctrl-Q",
        command: Some(Command::Quit),
        bar: Some(text::BAR_QUIT),
        help: text::HELP_QUIT,
    },
];

/// Bindings whose every mode is browse-or-wider are shown under "Anywhere" in help.
pub fn is_global(binding: &Binding) -> bool {
    binding.modes.len() > 2
        || (binding.modes == BROWSE && binding.keys.iter().any(|(_, m)| m.contains(CTRL)))
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

/// The bindings the help screen lists for `mode` (mode-specific first, then the global ones).
pub fn help(mode: Mode) -> (Vec<&'static Binding>, Vec<&'static Binding>) {
    let described = |b: &&Binding| !b.help.is_empty() && b.modes.contains(&mode);
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
        ];
        for (mode, key, expected) in cases {
            assert_eq!(resolve(mode, key), expected, "{mode:?} {key:?}");
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for mode in [
            Mode::Search,
            Mode::Customer,
            Mode::Form,
            Mode::Help,
            Mode::Confirm,
        ] {
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
        for mode in [
            Mode::Search,
            Mode::Customer,
            Mode::Form,
            Mode::Help,
            Mode::Confirm,
        ] {
            assert!(bar(mode).count() >= 2, "{mode:?}");
            let (local, global) = help(mode);
            assert!(!local.is_empty() || !global.is_empty(), "{mode:?}");
        }
    }
}
