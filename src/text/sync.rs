//! The sentences of sync: what a round did, where a till stands, and why the hub could not be used.

use super::catalog::{Msg, tr};

pub const SYNC_NO_HUB: Msg = Msg("sync-no-hub");
pub const SYNC_STATUS_NOT_YET: Msg = Msg("sync-status-not-yet");
pub const SYNC_STATUS_NEVER: Msg = Msg("sync-status-never");
pub const SYNC_SYNCED: Msg = Msg("sync-synced");
pub const SYNC_SENDING: Msg = Msg("sync-sending");
pub const SYNC_CONNECTING: Msg = Msg("sync-connecting");
pub const SYNC_UNSENT_ALL: Msg = Msg("sync-unsent-all");
pub const SYNC_NET_REFUSED: Msg = Msg("sync-net-refused");
pub const SYNC_NET_TIMED_OUT: Msg = Msg("sync-net-timed-out");
pub const SYNC_NET_UNREACHABLE: Msg = Msg("sync-net-unreachable");
pub const SYNC_NET_CUT: Msg = Msg("sync-net-cut");
pub const SYNC_TLS_UNTRUSTED: Msg = Msg("sync-tls-untrusted");
pub const SYNC_NO_PASSWORD: Msg = Msg("sync-no-password");
pub const FORGET_TRAVELS: Msg = Msg("forget-travels");
/// The same at the desk, which syncs by itself (when it can reach the hub).
pub const FORGET_TRAVELS_DESK: Msg = Msg("forget-travels-desk");
pub const SYNC_TLS_EXPIRED: Msg = Msg("sync-tls-expired");
pub const SYNC_TLS_NOT_OFFERED: Msg = Msg("sync-tls-not-offered");
pub const SYNC_WENT_BACK: Msg = Msg("sync-went-back");
pub const SYNC_WENT_BACK_SHORT: Msg = Msg("sync-went-back-short");
pub const SYNC_WENT_BACK_AGAIN: Msg = Msg("sync-went-back-again");

pub const SYNC_URL_UNREADABLE: Msg = Msg("sync-url-unreadable");
pub const SYNC_URL_NO_HOST: Msg = Msg("sync-url-no-host");
pub const SYNC_TLS_ROOT_MISSING: Msg = Msg("sync-tls-root-missing");
pub const SYNC_TLS_ROOT_EMPTY: Msg = Msg("sync-tls-root-empty");
pub const SYNC_TLS_NO_BUNDLE: Msg = Msg("sync-tls-no-bundle");

pub fn sync_url_scheme(scheme: &str) -> String {
    tr!("sync-url-scheme", "scheme" => scheme)
}

pub fn sync_url_no_value(key: &str) -> String {
    tr!("sync-url-no-value", "key" => key)
}

pub fn sync_url_no_quote(key: &str) -> String {
    tr!("sync-url-no-quote", "key" => key)
}

pub fn sync_url_sslmode(mode: &str) -> String {
    tr!("sync-url-sslmode", "mode" => mode)
}

pub fn sync_tls_root(file: &str, reason: &str) -> String {
    tr!("sync-tls-root", "file" => file, "reason" => reason)
}

pub fn sync_net_unknown_name(host: &str) -> String {
    tr!("sync-net-unknown-name", "host" => host)
}

pub fn sync_tls_wrong_name(host: &str) -> String {
    tr!("sync-tls-wrong-name", "host" => host)
}

pub fn sync_no_answer(seconds: u64) -> String {
    tr!("sync-no-answer", "seconds" => seconds)
}

pub fn sync_offline(since: &str, waiting: usize) -> String {
    tr!("sync-offline", "since" => since, "waiting" => waiting)
}

pub fn sync_bad_url(reason: &str) -> String {
    tr!("sync-bad-url", "reason" => reason)
}
pub fn sync_url_port(port: &str) -> String {
    tr!("sync-url-port", "port" => port)
}
pub fn sync_bad_url_env(reason: &str) -> String {
    tr!("sync-bad-url-env", "reason" => reason)
}
pub fn config_sync_url(reason: &str) -> String {
    tr!("config-sync-url", "reason" => reason)
}
pub fn config_till_name() -> String {
    tr!("config-till-name")
}
pub fn config_password_readable() -> String {
    tr!("config-password-readable")
}
pub fn sync_unreachable(place: &str, reason: &str) -> String {
    tr!("sync-unreachable", "place" => place, "reason" => reason)
}
pub fn sync_status_till_new(till: &str) -> String {
    tr!("sync-status-till-new", "till" => till)
}
pub fn config_url_from_env(var: &str) -> String {
    tr!("config-url-from-env", "var" => var)
}
pub fn undo_overtaken(name: &str) -> String {
    tr!("undo-overtaken", "name" => name)
}
pub fn in_use_named(name: &str) -> String {
    tr!("customer-in-use-named", "name" => name)
}
pub fn sync_untrusted(place: &str, reason: &str) -> String {
    tr!("sync-untrusted", "place" => place, "reason" => reason)
}
pub fn sync_untrusted_short(reason: &str) -> String {
    tr!("sync-untrusted-short", "reason" => reason)
}
pub fn sync_refused_short(reason: &str) -> String {
    tr!("sync-refused-short", "reason" => reason.trim_end_matches('.'))
}
pub fn sync_hub_error(place: &str, reason: &str) -> String {
    tr!("sync-hub-error", "place" => place, "reason" => reason.trim_end_matches('.'))
}
pub fn sync_hub_too_new(place: &str, found: i32, supported: i32) -> String {
    tr!("sync-hub-too-new", "place" => place, "found" => found, "supported" => supported)
}
pub fn sync_unreadable_row(place: &str, seq: i64, detail: &str) -> String {
    tr!("sync-unreadable-row", "place" => place, "seq" => seq.to_string(), "detail" => detail)
}
pub fn sync_done(place: &str, pushed: usize, changed: usize) -> String {
    tr!("sync-done", "place" => place, "pushed" => pushed, "changed" => changed)
}
pub fn sync_forgotten(count: usize) -> String {
    tr!("sync-forgotten", "count" => count)
}
pub fn sync_unsent_at_close(count: usize) -> String {
    tr!("sync-unsent-at-close", "count" => count)
}
pub fn sync_store_in_use(path: &str) -> String {
    tr!("sync-store-in-use", "path" => path)
}
pub fn sync_already_there(count: usize) -> String {
    tr!("sync-already-there", "count" => count)
}
pub fn sync_left_out(count: usize) -> String {
    tr!("sync-left-out", "count" => count)
}
pub fn sync_status_till(till: &str, id: &str) -> String {
    tr!("sync-status-till", "till" => till, "id" => id)
}
pub fn sync_status_hub(place: &str) -> String {
    tr!("sync-status-hub", "place" => place)
}
pub fn sync_status_cursor(cursor: i64) -> String {
    tr!("sync-status-cursor", "cursor" => cursor.to_string())
}
pub fn sync_status_waiting(count: usize) -> String {
    tr!("sync-status-waiting", "count" => count)
}
pub fn sync_status_contact(when: &str) -> String {
    tr!("sync-status-contact", "when" => when)
}
