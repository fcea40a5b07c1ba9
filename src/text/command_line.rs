//! The sentences of the command line: a store in use or too new, usage mistakes, the demo, the settings
//! file, the log, and what each command says when it is done.

use super::catalog::{Msg, tr};

pub fn store_locked(path: &str) -> String {
    tr!("store-locked", "path" => path)
}
pub fn store_too_new(path: &str, found: u32, supported: u32) -> String {
    tr!("store-too-new", "path" => path, "found" => found, "supported" => supported)
}
pub fn store_damaged(path: &str, detail: &str) -> String {
    tr!("store-damaged", "path" => path, "detail" => detail)
}
pub fn disk_full(path: &str) -> String {
    tr!("disk-full", "path" => path)
}
pub fn store_not_writable(path: &str) -> String {
    tr!("store-not-writable", "path" => path)
}
pub fn store_io(path: &str, detail: &str) -> String {
    tr!("store-io", "path" => path, "detail" => detail)
}
// What is damaged, inside `store_damaged`'s sentence (for whoever restores the store).
pub const DAMAGE_UNREADABLE: Msg = Msg("damage-unreadable");
pub const DAMAGE_SCHEMA_UNREADABLE: Msg = Msg("damage-schema-unreadable");
pub const DAMAGE_SCHEMA_LOST: Msg = Msg("damage-schema-lost");
pub const DAMAGE_NO_SCHEMA: Msg = Msg("damage-no-schema");
pub const DAMAGE_STORE_ID: Msg = Msg("damage-store-id");
pub const DAMAGE_JOURNAL: Msg = Msg("damage-journal");
pub const DAMAGE_IDENTITY_LOST: Msg = Msg("damage-identity-lost");
pub const DAMAGE_CUSTOMERS_MISSING: Msg = Msg("damage-customers-missing");
pub const RECORD_CUSTOMER: Msg = Msg("record-customer");
pub const RECORD_VISIT: Msg = Msg("record-visit");
pub const RECORD_NOTE: Msg = Msg("record-note");
pub const RECORD_VOID: Msg = Msg("record-void");
pub const RECORD_PROMISE: Msg = Msg("record-promise");
pub const RECORD_REDEMPTION: Msg = Msg("record-redemption");
pub const RECORD_CONSENT: Msg = Msg("record-consent");
pub const RECORD_FIGURES: Msg = Msg("record-figures");
pub const CODEC_EMPTY: Msg = Msg("codec-empty");
pub fn damage_no_migration(version: u32) -> String {
    tr!("damage-no-migration", "version" => version)
}
pub fn damage_meta_unreadable(key: &str) -> String {
    tr!("damage-meta-unreadable", "key" => key)
}
pub fn codec_unknown_version(version: u8) -> String {
    tr!("codec-unknown-version", "version" => version)
}
pub fn codec_malformed(detail: &str) -> String {
    tr!("codec-malformed", "detail" => detail)
}
pub fn no_customer(id: &str) -> String {
    tr!("no-customer", "id" => id)
}
pub fn no_event(id: &str) -> String {
    tr!("no-event", "id" => id)
}
pub fn customer_in_use(id: &str) -> String {
    tr!("customer-in-use", "id" => id)
}
pub fn already_voided(id: &str) -> String {
    tr!("already-voided", "id" => id)
}
pub fn bad_id(id: &str) -> String {
    tr!("bad-id", "id" => id)
}
pub fn bad_note_kind(kind: &str) -> String {
    tr!("bad-note-kind", "kind" => kind)
}
pub fn bad_language(lang: &str) -> String {
    tr!("bad-language", "lang" => lang)
}
pub fn demo_store_not_empty(path: &str, count: usize) -> String {
    tr!("demo-store-not-empty", "path" => path, "count" => count)
}
pub fn demo_too_many(count: usize, max: usize) -> String {
    tr!("demo-too-many", "count" => count, "max" => max)
}
pub fn demo_progress(done: usize, total: usize) -> String {
    tr!("demo-progress", "done" => done, "total" => total)
}
pub fn demo_done(count: usize, path: &str) -> String {
    tr!("demo-done", "count" => count, "path" => path)
}
pub fn no_data_dir() -> String {
    tr!("no-data-dir")
}
/// One problem of a config file as a sentence: where (the file, and the line when known), the key it is
/// about (none for the file as a whole) and why.
pub fn config_problem(path: &str, line: Option<usize>, key: &str, reason: &str) -> String {
    let place = match line {
        Some(line) => tr!("config-where-line", "path" => path, "line" => line.to_string()),
        None => tr!("config-where", "path" => path),
    };
    let reason = reason.trim_end_matches('.');
    if key.is_empty() {
        tr!("config-problem-file", "where" => place, "reason" => reason)
    } else {
        tr!("config-problem", "where" => place, "key" => key, "reason" => reason)
    }
}
pub fn no_reward_ready(stamps: u32, per_reward: u32) -> String {
    tr!("no-reward-ready", "stamps" => stamps, "per_reward" => per_reward)
}
pub fn config_not_toml(detail: &str) -> String {
    tr!("config-not-toml", "detail" => detail.trim_end_matches('.'))
}
pub fn config_unreadable(detail: &str) -> String {
    tr!("config-unreadable", "detail" => detail.trim_end_matches('.'))
}
pub fn config_unknown_key(known: &str) -> String {
    tr!("config-unknown-key", "known" => known)
}
pub fn config_wrong_type(expected: &str) -> String {
    tr!("config-wrong-type", "expected" => expected)
}
pub fn config_expected_text() -> String {
    tr!("config-expected-text")
}
pub fn config_expected_whole_number() -> String {
    tr!("config-expected-whole-number")
}
pub fn config_expected_number() -> String {
    tr!("config-expected-number")
}
pub fn config_expected_bool() -> String {
    tr!("config-expected-bool")
}
pub fn config_expected_date() -> String {
    tr!("config-expected-date")
}
pub fn config_expected_list() -> String {
    tr!("config-expected-list")
}
pub fn config_expected_section() -> String {
    tr!("config-expected-section")
}
pub fn config_bad_language(value: &str) -> String {
    tr!("config-bad-language", "value" => value)
}
pub fn config_bad_stamp_per(value: &str) -> String {
    tr!("config-bad-stamp-per", "value" => value)
}
pub fn config_bad_amount(value: &str) -> String {
    tr!("config-bad-amount", "value" => value)
}
pub fn config_out_of_range(min: u32, max: u32) -> String {
    tr!("config-out-of-range", "min" => min, "max" => max)
}
pub fn config_tier_count(max: usize) -> String {
    tr!("config-tier-count", "max" => max)
}
pub fn config_first_tier() -> String {
    tr!("config-first-tier")
}
pub fn config_tier_step() -> String {
    tr!("config-tier-step")
}
pub fn config_tier_needs_years() -> String {
    tr!("config-tier-needs-years")
}
pub fn config_tier_name() -> String {
    tr!("config-tier-name")
}
pub const DEMO_IS_FOR_THE_DESK: Msg = Msg("demo-is-for-the-desk");
/// A command line that clap could not read, as one sentence around `detail`.
pub fn usage_error(detail: &str) -> String {
    tr!("usage-error", "detail" => detail.trim_end_matches('.'))
}
/// A mistake in the use of one command: its own help is named.
pub fn usage_error_in(detail: &str, command: &str) -> String {
    tr!("usage-error-in", "detail" => detail.trim_end_matches('.'), "command" => command)
}
pub fn usage_missing(args: &str) -> String {
    tr!("usage-missing", "args" => args)
}
pub fn usage_unknown_argument(arg: &str) -> String {
    tr!("usage-unknown-argument", "arg" => arg)
}
pub fn usage_unknown_command(command: &str) -> String {
    tr!("usage-unknown-command", "command" => command)
}
pub fn usage_invalid_value(arg: &str, value: &str) -> String {
    tr!("usage-invalid-value", "arg" => arg, "value" => value)
}
pub fn usage_conflict(arg: &str, other: &str) -> String {
    tr!("usage-conflict", "arg" => arg, "other" => other)
}
pub const NO_TERMINAL: Msg = Msg("no-terminal");
pub fn add_consent_without_contact(channel: &str) -> String {
    tr!("add-consent-without-contact", "channel" => channel)
}
