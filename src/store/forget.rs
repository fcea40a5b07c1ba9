//! Forgetting a customer for real (the right to be forgotten): the store is rewritten without them
//! ([`super::rewrite`]), so no byte of theirs is left in any of its files.
//!
//! Left out of the fresh store: their customer record, their cached figures, every visit, note and void of
//! theirs and the entries that find those by id. Customers they referred keep their record with the link to
//! them gone. The search index is built anew from the fresh store, the index journal starts empty, and a
//! draft that names them is not carried over. What this cannot reach: backups taken before, copies of the
//! store elsewhere, and the disk's free space where the old files' blocks were (full-disk encryption is
//! the answer to that).

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::error::io_error;
use super::rewrite::{self, Keep};
use super::shapes::Record;
use super::{Store, StoreError, id_from};
use crate::domain::{Customer, Id};
use crate::text;

/// The desk's own small files in a store folder that a rewrite carries over when they do not name the
/// person (the draft of a form).
const CARRIED: &[&str] = &["draft.json"];

impl Store {
    /// Rewrites the store without customer `id` and swaps it in: durable, and whole or not at all under a
    /// crash at any moment. `now` and `staff` stamp the change on the customers they referred; `progress`
    /// hears how many records were gone through, every 50,000. Returns the record that was forgotten (for
    /// the sentence that says whom).
    pub fn forget(
        self,
        id: Id,
        now: DateTime<Utc>,
        staff: Option<&str>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Customer, StoreError> {
        let customer = self.customer(id)?.ok_or(StoreError::NoCustomer(id))?;
        let mut seen: u64 = 0;
        let path = self.path.clone();
        // Their events' ids, whose `owners` entries go too.
        let mut theirs: HashSet<Vec<u8>> = HashSet::new();
        for (_, tree) in self.event_trees() {
            for key in tree.scan_prefix(id.to_bytes()).keys() {
                let key = key.map_err(|e| self.err(e))?;
                theirs.insert(key[16..].to_vec());
            }
        }
        let me = id.to_bytes();
        let fresh = Store::fresh(&rewrite::new_dir(&path))?;
        let mut keep = |tree: &str, key: &[u8], value: &[u8]| -> Result<Keep, StoreError> {
            seen += 1;
            if seen.is_multiple_of(50_000) {
                progress(seen);
            }
            Ok(match tree {
                "customers" if key == me => Keep::Out,
                "customers" => {
                    let mut other = Customer::from_bytes(value)
                        .map_err(|e| self.damaged(text::RECORD_CUSTOMER, e))?;
                    if other.referred_by == Some(id) {
                        other.referred_by = None;
                        other.updated_at = now;
                        other.updated_by = staff.map(str::to_string);
                        Keep::Changed(
                            other
                                .to_bytes()
                                .map_err(|e| self.damaged(text::RECORD_CUSTOMER, e))?,
                        )
                    } else {
                        Keep::Same
                    }
                }
                "stats" | "clocks" if key == me => Keep::Out,
                "outbox" if key.get(1..17) == Some(&me[..]) => Keep::Out,
                "tills" if key.starts_with(&me) => Keep::Out,
                tree if super::shapes::EVENTS.iter().any(|k| k.tree == tree)
                    && key.starts_with(&me) =>
                {
                    Keep::Out
                }
                "owners" if id_from(value) == Some(id) || theirs.contains(key) => Keep::Out,
                _ => Keep::Same,
            })
        };
        self.copy_into(&fresh, &mut keep)?;
        // Whom the store forgot, as a digest that gives nobody their id back (`sync/forgotten.rs`).
        fresh.remember_forgotten(id)?;
        // A store that syncs sends the forget to the hub, which passes it to every till: its id waits
        // in a file of the fresh store (with any still waiting from before) until the hub has it.
        let mut forgets = super::sync::pending_forgets(&path).map_err(|e| io_error(&path, e))?;
        if self.sync_till()?.is_some() && !forgets.contains(&id) {
            forgets.push(id);
        }
        super::sync::write_pending_forgets(&fresh.path, &forgets)
            .map_err(|e| io_error(&fresh.path, e))?;
        let needles = personal_strings(&customer);
        for name in CARRIED {
            carry_unless_it_names(&path.join(name), &fresh.path.join(name), &needles)?;
        }
        let new = fresh.seal()?;
        crate::abort::point("forget-sealed");
        let lock = self.close_keeping_lock();
        rewrite::swap_in(&path, &new, lock)?;
        Ok(customer)
    }
}

/// The strings that would give the person away in a file, in lowercase: their id, name, nickname and
/// email; and their phones as digits alone (the last seven, as a number is often
/// written without its prefix).
fn personal_strings(c: &Customer) -> (Vec<String>, Vec<String>) {
    let mut words = vec![c.id.to_string(), c.name.clone()];
    words.extend(c.nickname.clone());
    words.extend(c.email.clone());
    let mut words: Vec<String> = words.into_iter().map(|w| w.to_lowercase()).collect();
    words.retain(|w| w.trim().chars().count() >= 3);
    let digits = c
        .phones
        .iter()
        .map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|d| d.len() >= 7)
        .map(|d| d[d.len() - 7..].to_string())
        .collect();
    (words, digits)
}

/// Copies `from` to `to` unless it names the person (any of their strings, in any case; any of their
/// phone numbers, whatever the spaces), or is unreadable. Erring towards leaving out: a draft that
/// mentions them about someone else goes too (the forget's sentence is the place that says so).
fn carry_unless_it_names(
    from: &Path,
    to: &Path,
    (words, digits): &(Vec<String>, Vec<String>),
) -> Result<(), StoreError> {
    let Ok(bytes) = std::fs::read(from) else {
        return Ok(());
    };
    let text = String::from_utf8_lossy(&bytes).to_lowercase();
    let text_digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if words.iter().any(|w| text.contains(w.as_str()))
        || digits.iter().any(|d| text_digits.contains(d.as_str()))
    {
        tracing::info!("a draft that named a forgotten customer was left out");
        return Ok(());
    }
    crate::files::write_private(to, &bytes, true).map_err(|e| super::error::io_error(to, e))
}
