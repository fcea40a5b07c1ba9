//! The text boxes of the desk, the search line's and the forms' fields: how they are made, and how typed
//! keys and pasted text go into them (never as commands).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use crate::domain::InputLimits;
use crate::text;

/// The search line's box: empty, with its placeholder.
pub fn search_box() -> TextArea<'static> {
    let mut area = TextArea::default();
    area.set_placeholder_text(text::SEARCH_PLACEHOLDER);
    area
}

/// A text box holding `value` (its lines), the cursor at its end.
pub fn with_text(value: &str) -> TextArea<'static> {
    let lines: Vec<String> = if value.is_empty() {
        vec![String::new()]
    } else {
        value.split('\n').map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// Why `pasted` is not taken into `area`: it would make the text longer than any field may be (a name,
/// which the search becomes on no match, included). `None`: it fits.
pub fn paste_refused(area: &TextArea<'_>, pasted: &str) -> Option<String> {
    let lines = area.lines();
    let now = lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len() - 1;
    let would_be = now + pasted.chars().count();
    let max = InputLimits::FIELD_CHARS;
    (would_be > max).then(|| text::paste_too_long(would_be, max))
}

/// A key typed into a text box, the search line's or a form field's: a one-line box refuses line breaks;
/// Ctrl-U clears what is before the cursor on its line, as in a shell (the text box's own Ctrl-U undoes
/// the last change, which looked like deleting one letter); every other key is the text box's.
pub fn edit_text(area: &mut TextArea<'static>, key: KeyEvent, multiline: bool) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let breaks_line = matches!(key.code, KeyCode::Enter)
        || (ctrl && matches!(key.code, KeyCode::Char('m' | 'j')));
    if breaks_line && !multiline {
        return;
    }
    if ctrl && matches!(key.code, KeyCode::Char('u')) {
        area.delete_line_by_head();
        return;
    }
    area.input(key);
    // A one-line box given a second line anyway (a yank of something cut from several): joined in place,
    // keeping the box's own settings (the search line's placeholder).
    if !multiline && area.lines().len() > 1 {
        let joined = area.lines().join(" ");
        area.select_all();
        area.insert_str(joined);
    }
}

/// Pasted text for a field: line breaks kept where the field takes them; in a one-line field the line
/// breaks at either end (a line copied with its end) dropped and every run of them between words made one
/// space (Windows' CR LF, or a terminal that sends CR for LF, is one break, not two), while spaces stay
/// as pasted (" Jr" pasted after "Hopper" is a word of its own); tabs made spaces, other control
/// characters (a terminal escape in a clipboard) dropped.
pub fn clean_paste(pasted: &str, multiline: bool) -> String {
    let unified = pasted.replace("\r\n", "\n").replace('\r', "\n");
    let unified = if multiline {
        unified
    } else {
        let lines: Vec<&str> = unified.split('\n').filter(|l| !l.is_empty()).collect();
        lines.join(" ")
    };
    unified
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}
