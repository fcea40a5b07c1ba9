//! The in-memory search index shared by the desk and `regulars find`.
//!
//! Names and nicknames are folded (accents, case and apostrophes removed: `Nicolò D'Angelo` → `nicolo
//! dangelo`) into one contiguous text buffer, and phone numbers into a second one as bare digits, so a query
//! is one SIMD substring scan (`memchr::memmem`) over each buffer instead of a loop over customers. Each
//! customer owns one segment of each buffer; an edit blanks the old segment and appends a new one.
//!
//! Ranking: every query word starting a word comes first, then matches inside words; ties go to the most
//! recent visit, then to the name.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use memchr::memmem;

use crate::domain::{Customer, Id};

/// What the list shows for one customer, kept in memory so rows draw without touching the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: Id,
    pub name: Box<str>,
    pub nickname: Option<Box<str>>,
    pub visits: u32,
    pub last_visit: Option<DateTime<Utc>>,
}

#[derive(Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    alive: Vec<bool>,
    slots: HashMap<Id, usize>,
    /// Folded name words, one segment per slot, each word preceded by a space.
    names: Vec<u8>,
    name_starts: Vec<usize>,
    /// Phone digits, one segment per slot, each number preceded by a space.
    phones: Vec<u8>,
    phone_starts: Vec<usize>,
}

/// Folds text for matching: ASCII transliteration, lower case, letters and digits kept, apostrophes dropped
/// (`D'Angelo` → `dangelo`), every other character a word break. Returns the words.
pub fn fold_words(text: &str) -> Vec<String> {
    let ascii = deunicode::deunicode(text);
    let mut words = Vec::new();
    let mut word = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '`' {
            continue;
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The digits of a phone number without the Italian country prefix (`+39`, `0039`), so
/// `+39 333 123 4567`, `0039 3331234567` and `333 1234567` all read `3331234567`.
pub fn phone_digits(text: &str) -> String {
    let trimmed = text.trim_start();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if let Some(rest) = digits.strip_prefix("0039") {
        rest.to_string()
    } else if trimmed.starts_with('+') && digits.starts_with("39") {
        digits[2..].to_string()
    } else {
        digits
    }
}

/// A query that is a phone number (or a piece of one): at least three digits and nothing but digits and
/// the usual separators.
fn is_phone_query(query: &str) -> bool {
    query.chars().filter(char::is_ascii_digit).count() >= 3
        && query
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()./".contains(c))
}

fn push_segment(buffer: &mut Vec<u8>, words: impl IntoIterator<Item = String>) {
    for word in words {
        buffer.push(b' ');
        buffer.extend_from_slice(word.as_bytes());
    }
}

impl SearchIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the index from every customer and their visit figures.
    pub fn build<'a>(
        customers: impl IntoIterator<Item = &'a Customer>,
        stats: impl Fn(Id) -> (u32, Option<DateTime<Utc>>),
    ) -> Self {
        let mut index = SearchIndex::new();
        for customer in customers {
            let (visits, last) = stats(customer.id);
            index.upsert(customer);
            index.record_visits(customer.id, visits, last);
        }
        index
    }

    /// Number of customers in the index.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn get(&self, id: Id) -> Option<&Entry> {
        self.slots.get(&id).map(|&slot| &self.entries[slot])
    }

    /// Adds a customer, or replaces what is indexed for them after an edit (visit figures are kept).
    pub fn upsert(&mut self, customer: &Customer) {
        let (visits, last_visit) = match self.slots.get(&customer.id) {
            Some(&old) => {
                self.retire(old);
                (self.entries[old].visits, self.entries[old].last_visit)
            }
            None => (0, None),
        };
        let slot = self.entries.len();
        self.entries.push(Entry {
            id: customer.id,
            name: customer.name.as_str().into(),
            nickname: customer.nickname.as_deref().map(Into::into),
            visits,
            last_visit,
        });
        self.alive.push(true);
        self.slots.insert(customer.id, slot);
        self.name_starts.push(self.names.len());
        let nickname = customer.nickname.as_deref().unwrap_or("");
        push_segment(
            &mut self.names,
            fold_words(&customer.name)
                .into_iter()
                .chain(fold_words(nickname)),
        );
        self.phone_starts.push(self.phones.len());
        push_segment(
            &mut self.phones,
            customer
                .phones
                .iter()
                .map(|p| phone_digits(p))
                .filter(|d| !d.is_empty()),
        );
        if self.entries.len() > 64 && self.entries.len() > 2 * self.slots.len() {
            self.compact();
        }
    }

    /// Records one more visit at `at`.
    pub fn record_visit(&mut self, id: Id, at: DateTime<Utc>) {
        if let Some(&slot) = self.slots.get(&id) {
            let entry = &mut self.entries[slot];
            entry.visits += 1;
            entry.last_visit = entry.last_visit.max(Some(at));
        }
    }

    fn record_visits(&mut self, id: Id, count: u32, last: Option<DateTime<Utc>>) {
        if let Some(&slot) = self.slots.get(&id) {
            self.entries[slot].visits = count;
            self.entries[slot].last_visit = last;
        }
    }

    /// Blanks a slot's text so it never matches again.
    fn retire(&mut self, slot: usize) {
        self.alive[slot] = false;
        let (n0, n1) = self.segment(&self.name_starts, self.names.len(), slot);
        self.names[n0..n1].fill(b' ');
        let (p0, p1) = self.segment(&self.phone_starts, self.phones.len(), slot);
        self.phones[p0..p1].fill(b' ');
    }

    /// Rebuilds the buffers without retired slots.
    fn compact(&mut self) {
        let mut fresh = SearchIndex::new();
        for slot in 0..self.entries.len() {
            if !self.alive[slot] {
                continue;
            }
            let (n0, n1) = self.segment(&self.name_starts, self.names.len(), slot);
            let (p0, p1) = self.segment(&self.phone_starts, self.phones.len(), slot);
            fresh
                .slots
                .insert(self.entries[slot].id, fresh.entries.len());
            fresh.entries.push(self.entries[slot].clone());
            fresh.alive.push(true);
            fresh.name_starts.push(fresh.names.len());
            fresh.names.extend_from_slice(&self.names[n0..n1]);
            fresh.phone_starts.push(fresh.phones.len());
            fresh.phones.extend_from_slice(&self.phones[p0..p1]);
        }
        *self = fresh;
    }

    fn segment(&self, starts: &[usize], end: usize, slot: usize) -> (usize, usize) {
        (starts[slot], starts.get(slot + 1).copied().unwrap_or(end))
    }

    /// The slot whose segment holds byte `pos`.
    fn slot_at(starts: &[usize], pos: usize) -> usize {
        starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    /// Customers matching `query`, best first. An empty query lists everyone, most recent visit first.
    pub fn search(&self, query: &str, limit: Option<usize>) -> Vec<Id> {
        let mut hits: Vec<(u8, usize)> = if is_phone_query(query) {
            self.search_phone(query)
        } else {
            let words = fold_words(query);
            if words.is_empty() {
                (0..self.entries.len())
                    .filter(|&s| self.alive[s])
                    .map(|s| (0, s))
                    .collect()
            } else {
                self.search_words(&words)
            }
        };
        let key = |&(rank, slot): &(u8, usize)| {
            let e = &self.entries[slot];
            (rank, Reverse(e.last_visit), e.name.clone(), e.id)
        };
        if let Some(limit) = limit
            && limit < hits.len()
        {
            hits.select_nth_unstable_by_key(limit, key);
            hits.truncate(limit);
        }
        hits.sort_by_cached_key(key);
        hits.into_iter()
            .map(|(_, slot)| self.entries[slot].id)
            .collect()
    }

    fn search_words(&self, words: &[String]) -> Vec<(u8, usize)> {
        // Scan for the longest word; check the others inside each candidate's own segment.
        let anchor = words
            .iter()
            .max_by_key(|w| w.len())
            .map(String::as_str)
            .unwrap_or("");
        let mut hits = Vec::new();
        let mut last_slot = usize::MAX;
        for pos in memmem::find_iter(&self.names, anchor.as_bytes()) {
            let slot = Self::slot_at(&self.name_starts, pos);
            if slot == last_slot || !self.alive[slot] {
                continue;
            }
            last_slot = slot;
            let (start, end) = self.segment(&self.name_starts, self.names.len(), slot);
            let text = &self.names[start..end];
            let mut all_start_words = true;
            let mut all_found = true;
            for word in words {
                let mut found = false;
                let mut at_word_start = false;
                for p in memmem::find_iter(text, word.as_bytes()) {
                    found = true;
                    if p > 0 && text[p - 1] == b' ' {
                        at_word_start = true;
                        break;
                    }
                }
                all_found &= found;
                all_start_words &= at_word_start;
            }
            if all_found {
                hits.push((u8::from(!all_start_words), slot));
            }
        }
        hits
    }

    fn search_phone(&self, query: &str) -> Vec<(u8, usize)> {
        let digits = phone_digits(query);
        let mut hits = Vec::new();
        let mut last_slot = usize::MAX;
        for pos in memmem::find_iter(&self.phones, digits.as_bytes()) {
            let slot = Self::slot_at(&self.phone_starts, pos);
            if !self.alive[slot] {
                continue;
            }
            let rank = u8::from(!(pos > 0 && self.phones[pos - 1] == b' '));
            if slot == last_slot {
                // A better match in another number of the same customer.
                if let Some(hit) = hits.last_mut() {
                    let hit: &mut (u8, usize) = hit;
                    hit.0 = hit.0.min(rank);
                }
                continue;
            }
            last_slot = slot;
            hits.push((rank, slot));
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_accents_case_and_apostrophes() {
        let cases: &[(&str, &[&str])] = &[
            ("Nicolò", &["nicolo"]),
            ("D'Angelo", &["dangelo"]),
            ("Zoë  Ünal-Çelik", &["zoe", "unal", "celik"]),
            ("ÀNGELA d’Ambrosio", &["angela", "dambrosio"]),
            ("", &[]),
            ("  ", &[]),
        ];
        for (input, expected) in cases {
            assert_eq!(fold_words(input), *expected, "input {input:?}");
        }
    }

    #[test]
    fn phone_digits_ignore_spacing_and_the_italian_prefix() {
        for input in [
            "+39 333 123 4567",
            "0039 333 1234567",
            "333-123-4567",
            "(333) 123 45 67",
        ] {
            assert_eq!(phone_digits(input), "3331234567", "input {input:?}");
        }
        assert_eq!(phone_digits("+44 20 7946 0958"), "442079460958");
        assert_eq!(phone_digits("39 123"), "39123");
    }
}
