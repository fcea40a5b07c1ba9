//! The search line: what was typed, and how many customers match.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::keymap::Mode;
use super::state::{State, SyncShown};
use crate::text;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let focused = state.mode() == Mode::Search;
    let theme = state.theme;
    let mut count = text::list_count(state.matched, state.total);
    match state.sync {
        Some(SyncShown::Connecting) => count = format!("{} · {count}", text::SYNC_CONNECTING),
        Some(SyncShown::Synced) => count = format!("{} · {count}", text::SYNC_SYNCED),
        Some(SyncShown::Sending) => count = format!("{} · {count}", text::SYNC_SENDING),
        Some(SyncShown::Offline { since, waiting }) => {
            let at = state.clock.local_format(since, "%H:%M");
            count = format!("{} · {count}", text::sync_offline(&at, waiting));
        }
        None => {}
    }
    let block = theme
        .pane(text::SEARCH_TITLE, theme.border(focused))
        .title(Line::styled(format!(" {count} "), theme.dim()).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut search = state.search.clone();
    search.set_cursor_line_style(theme.plain());
    search.set_placeholder_style(theme.dim());
    search.set_cursor_style(if focused {
        theme.cursor()
    } else {
        theme.plain()
    });
    frame.render_widget(&search, inner);
}
