//! Text from the store is shown, never executed: control characters and terminal escape sequences are
//! replaced by visible symbols before anything reaches the terminal or a text output.

/// One line, safe to draw or print: C0 controls become their Unicode "control picture" (ESC → ␛, BEL → ␇),
/// DEL becomes ␡, C1 controls and bidirectional overrides become �. Tabs become a space.
pub fn line(text: &str) -> String {
    text.chars().map(visible).collect()
}

/// Like [`line`], but keeps the line breaks: one safe string per line.
pub fn lines(text: &str) -> Vec<String> {
    text.split('\n')
        .map(|l| line(l.strip_suffix('\r').unwrap_or(l)))
        .collect()
}

fn visible(c: char) -> char {
    match c {
        '\t' => ' ',
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        // Bidirectional embeddings, overrides and isolates could reorder what is drawn after them.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{fffd}',
        c => c,
    }
}

/// True when the text has nothing a terminal would interpret.
pub fn is_harmless(text: &str) -> bool {
    text.chars().all(|c| visible(c) == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_become_visible_symbols() {
        let hostile = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{0}\u{8}\u{9b}31m\u{202e}gnp.exe\u{7f}";
        let shown = line(hostile);
        assert!(is_harmless(&shown), "{shown:?}");
        assert_eq!(shown, "␛]0;owned␇␛[2J␀␈�31m�gnp.exe␡");
        assert_eq!(line("Nicolò ☕ e\u{301}"), "Nicolò ☕ e\u{301}");
        assert_eq!(
            lines("one\r\ntwo\n\u{1b}three"),
            vec!["one", "two", "␛three"]
        );
        assert!(!is_harmless(hostile));
    }
}
