//! The in-memory search index shared by the desk and `regulars find`.
//!
//! Names and nicknames are folded (accents, case and apostrophes removed: `Nicolò D'Angelo` → `nicolo
//! dangelo`) into one contiguous text buffer, phone numbers into a second as bare digits, so a query is one
//! SIMD substring scan (`memchr::memmem`) over each buffer instead of a loop over customers. Everything
//! else is kept in columns (one vector per field, indexed by slot), so the index has a handful of
//! allocations whatever its size and can be saved to and loaded from one file ([`snapshot`]).
//!
//! Ranking needs no sort per keystroke: the index keeps its customers in recency order (last visit first),
//! a query marks each matching slot as "a word starts with it" or "inside a word", and the answer is the
//! recency order filtered to the first kind, then to the second.

mod agenda;
mod pulse;
mod query;
pub mod snapshot;

pub use pulse::{MonthPulse, Pulse, RegularsPulse};

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::{Customer, Id, VisitStats};

/// What the list shows for one customer, read straight from the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub id: Id,
    pub name: &'a str,
    pub nickname: Option<&'a str>,
    pub visits: u32,
    pub last_visit: Option<DateTime<Utc>>,
    /// The due date of their first open promise (the list marks it when it is overdue).
    pub first_due: Option<chrono::NaiveDate>,
    /// The day they became a customer (the list shows their tier).
    pub since: Option<chrono::NaiveDate>,
    /// The channels they agreed to be reached on.
    pub consent: crate::domain::ConsentSet,
    /// How many customers name them as the one who referred them.
    pub brought: u32,
}

/// "Never visited" in the `last` column; sorts after every real time in recency order.
const NEVER: i64 = i64::MIN;
/// "No day" in the day columns.
const NO_DAY: i32 = i32::MIN;

use agenda::{birthday_code, date_code, date_of_code, day_number, day_of, rhythm_code};

/// Many strings in one buffer: slot `i` owns `bytes[starts[i]..starts[i + 1]]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Column {
    pub(crate) bytes: Vec<u8>,
    pub(crate) starts: Vec<u32>,
}

impl Column {
    fn push(&mut self, fill: impl FnOnce(&mut Vec<u8>)) {
        self.starts.push(self.bytes.len() as u32);
        fill(&mut self.bytes);
    }

    fn range(&self, slot: usize) -> (usize, usize) {
        let start = self.starts[slot] as usize;
        let end = self
            .starts
            .get(slot + 1)
            .map_or(self.bytes.len(), |&e| e as usize);
        (start, end)
    }

    fn get(&self, slot: usize) -> &[u8] {
        let (start, end) = self.range(slot);
        &self.bytes[start..end]
    }

    fn str(&self, slot: usize) -> &str {
        // Display columns hold only whole `&str`s (checked again when a snapshot is loaded).
        std::str::from_utf8(self.get(slot)).unwrap_or("")
    }

    /// The slot whose segment holds byte `pos`, searching forward from slot `from`: a few steps forward
    /// first (matches are usually close together), then a binary search.
    fn slot_at(&self, from: usize, pos: usize) -> usize {
        let mut slot = from;
        for _ in 0..4 {
            match self.starts.get(slot + 1) {
                Some(&next) if next as usize <= pos => slot += 1,
                _ => return slot,
            }
        }
        slot + self.starts[slot..].partition_point(|&s| s as usize <= pos) - 1
    }
}

#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    ids: Vec<Id>,
    alive: Vec<bool>,
    visits: Vec<u32>,
    /// Last visit, in milliseconds since 1970, or [`NEVER`].
    last: Vec<i64>,
    /// For the agenda: the first open promise's due date (days since 1 January of year 1, or [`NO_DAY`]),
    pub(crate) due: Vec<i32>,
    /// the oldest open complaint (milliseconds since 1970, or [`NEVER`]),
    pub(crate) complaint: Vec<i64>,
    /// the birthday (`year * 10000 + month * 100 + day`, year 0 when unknown; 0 for none),
    pub(crate) birthday: Vec<u32>,
    /// and the day they became a customer (`year * 10000 + month * 100 + day`).
    pub(crate) since: Vec<u32>,
    /// Their usual interval between visits in days (0: none yet), for the lapsed regulars,
    pub(crate) rhythm: Vec<u16>,
    /// and the channels they agreed to be reached on ([`crate::domain::ConsentSet`]).
    pub(crate) consent: Vec<u8>,
    /// The day of their first visit (days since 1 January of year 1, a UTC day, or [`NO_DAY`]),
    pub(crate) first_day: Vec<i32>,
    /// and their visits per month over the twelve months up to their last (the shop's pulse adds them up).
    pub(crate) months: Vec<crate::domain::MonthlyVisits>,
    /// Who referred whom: the referrer of each slot that has one (few do, so a map),
    pub(crate) referrer: HashMap<u32, Id>,
    /// and how many live customers each referrer brought.
    pub(crate) brought: IdMap,
    /// Derived from the four, so the agenda's scan reads nine bytes a customer, in order: the birthday and
    /// customer-since codes together, as `birthday << 32 | since`,
    pub(crate) days: Vec<u64>,
    /// and whether they have an open promise or complaint.
    pub(crate) pending: Vec<bool>,
    /// Per slot, one bit per letter or digit (`a`–`z`, `0`–`9`) that starts a word of the name…
    starting: Vec<u64>,
    /// …and one bit per letter or digit found anywhere in it: a one-letter query (the first key typed,
    /// and the one with the most matches) is answered from these alone.
    containing: Vec<u64>,
    display_names: Column,
    display_nicknames: Column,
    /// Folded name words, each preceded by a space.
    names: Column,
    /// Phone digits, each number preceded by a space.
    phones: Column,
    /// Live slots, most recent visit first (never-visited last, in the order they were added).
    recency: Vec<u32>,
    /// The ids of `recency`, in the same order, so results are copied out front to back.
    recency_ids: Vec<Id>,
    /// `ids[..sorted]` are in id order (as built or loaded) and found by binary search; slots added since
    /// are found through `recent`.
    sorted: usize,
    recent: IdMap,
    /// Slots not retired.
    live: usize,
}

/// Ids are ULIDs whose low 64 bits are random: they are their own hash, no need to run SipHash over a
/// million of them when the index loads.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }
}

pub(crate) type IdMap = HashMap<Id, u32, std::hash::BuildHasherDefault<IdHasher>>;

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

fn push_words(buffer: &mut Vec<u8>, words: impl IntoIterator<Item = String>) {
    for word in words {
        buffer.push(b' ');
        buffer.extend_from_slice(word.as_bytes());
    }
}

/// The bit of a folded letter or digit in the letter masks.
fn letter_bit(b: u8) -> Option<u64> {
    match b {
        b'a'..=b'z' => Some(1 << (b - b'a')),
        b'0'..=b'9' => Some(1 << (26 + b - b'0')),
        _ => None,
    }
}

/// The letters starting a word of a folded segment, and the letters in it.
pub(crate) fn letter_masks(segment: &[u8]) -> (u64, u64) {
    let (mut starting, mut containing, mut previous) = (0, 0, b' ');
    for &b in segment {
        if let Some(bit) = letter_bit(b) {
            containing |= bit;
            if previous == b' ' {
                starting |= bit;
            }
        }
        previous = b;
    }
    (starting, containing)
}

impl SearchIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the index from every customer and their figures.
    pub fn build<'a>(
        customers: impl IntoIterator<Item = &'a Customer>,
        stats: impl Fn(Id) -> VisitStats,
    ) -> Self {
        let mut index = SearchIndex::new();
        for customer in customers {
            index.add_unordered(customer, &stats(customer.id));
        }
        index.finish_build();
        index
    }

    /// Adds a customer while building; call [`SearchIndex::finish_build`] after the last one.
    pub fn add_unordered(&mut self, customer: &Customer, figures: &VisitStats) {
        let slot = self.push_slot(customer, figures);
        self.recency.push(slot);
    }

    /// Puts the customers added with [`SearchIndex::add_unordered`] in recency order and makes them
    /// findable by id (by binary search: slots are put in id order first, so customers with the same last
    /// visit come in id order, as in an index built from the store).
    pub fn finish_build(&mut self) {
        if self.ids.windows(2).all(|w| w[0] < w[1]) {
            self.sorted = self.ids.len();
        } else {
            self.compact();
        }
        self.sort_recency();
    }

    fn sort_recency(&mut self) {
        let last = &self.last;
        self.recency
            .sort_by_key(|&s| (std::cmp::Reverse(last[s as usize]), s));
        self.refresh_recency_ids();
    }

    pub(crate) fn refresh_recency_ids(&mut self) {
        self.recency_ids = self.recency.iter().map(|&s| self.ids[s as usize]).collect();
    }

    /// Number of customers in the index.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// The live slot of a customer.
    fn slot_of(&self, id: Id) -> Option<usize> {
        match self.recent.get(&id) {
            Some(&slot) => Some(slot as usize),
            None => self.ids[..self.sorted]
                .binary_search(&id)
                .ok()
                .filter(|&slot| self.alive[slot]),
        }
    }

    fn entry_at(&self, slot: usize) -> Entry<'_> {
        let nickname = self.display_nicknames.str(slot);
        let last = self.last[slot];
        Entry {
            id: self.ids[slot],
            name: self.display_names.str(slot),
            nickname: (!nickname.is_empty()).then_some(nickname),
            visits: self.visits[slot],
            last_visit: (last != NEVER)
                .then(|| DateTime::from_timestamp_millis(last))
                .flatten(),
            first_due: day_of(self.due[slot]),
            since: date_of_code(self.since[slot]),
            consent: crate::domain::ConsentSet(self.consent[slot]),
            brought: self.brought.get(&self.ids[slot]).copied().unwrap_or(0),
        }
    }

    pub fn get(&self, id: Id) -> Option<Entry<'_>> {
        self.slot_of(id).map(|slot| self.entry_at(slot))
    }

    fn push_slot(&mut self, customer: &Customer, figures: &VisitStats) -> u32 {
        let slot = self.ids.len() as u32;
        self.ids.push(customer.id);
        self.alive.push(true);
        self.visits.push(figures.count);
        self.last
            .push(figures.last.map_or(NEVER, |t| t.timestamp_millis()));
        self.due.push(figures.first_due.map_or(NO_DAY, day_number));
        self.complaint
            .push(figures.complaint.map_or(NEVER, |t| t.timestamp_millis()));
        self.birthday.push(birthday_code(customer.birthday));
        self.since.push(date_code(customer.since));
        self.rhythm.push(rhythm_code(figures));
        self.consent.push(figures.consent.0);
        self.first_day
            .push(figures.first.map_or(NO_DAY, |t| day_number(t.date_naive())));
        self.months.push(figures.months);
        if let Some(referrer) = customer.referred_by {
            self.add_referral(slot, referrer);
        }
        self.push_derived(slot as usize);
        self.display_names
            .push(|b| b.extend_from_slice(customer.name.as_bytes()));
        let nickname = customer.nickname.as_deref().unwrap_or("");
        self.display_nicknames
            .push(|b| b.extend_from_slice(nickname.as_bytes()));
        self.names.push(|b| {
            push_words(
                b,
                fold_words(&customer.name)
                    .into_iter()
                    .chain(fold_words(nickname)),
            );
        });
        self.phones.push(|b| {
            push_words(
                b,
                customer
                    .phones
                    .iter()
                    .map(|p| phone_digits(p))
                    .filter(|d| !d.is_empty()),
            );
        });
        let (starting, containing) = letter_masks(self.names.get(slot as usize));
        self.starting.push(starting);
        self.containing.push(containing);
        self.live += 1;
        slot
    }

    /// Adds a customer, or replaces what is indexed for them after an edit (visit figures are kept).
    pub fn upsert(&mut self, customer: &Customer) {
        match self.slot_of(customer.id) {
            Some(old) => {
                let figures = self.figures_at(old);
                self.retire(old);
                let slot = self.push_slot(customer, &figures);
                // What the index keeps of the figures only as a derived column.
                self.rhythm[slot as usize] = self.rhythm[old];
                self.consent[slot as usize] = self.consent[old];
                self.first_day[slot as usize] = self.first_day[old];
                self.months[slot as usize] = self.months[old];
                self.recent.insert(customer.id, slot);
                if let Some(pos) = self.recency.iter().position(|&s| s as usize == old) {
                    self.recency[pos] = slot;
                }
            }
            None => {
                let slot = self.push_slot(customer, &VisitStats::default());
                self.recent.insert(customer.id, slot);
                self.recency.push(slot);
                self.recency_ids.push(customer.id);
            }
        }
        let dead = self.ids.len() - self.live;
        if dead > 64 && dead > self.live {
            self.compact();
        }
    }

    /// Sets a customer's visit figures (as the store has them) and moves them to their place in the
    /// recency order.
    pub fn set_visits(&mut self, id: Id, count: u32, last: Option<DateTime<Utc>>) {
        let Some(slot) = self.slot_of(id) else {
            return;
        };
        let slot = slot as u32;
        let last = last.map_or(NEVER, |t| t.timestamp_millis());
        self.visits[slot as usize] = count;
        if self.last[slot as usize] == last {
            return;
        }
        self.last[slot as usize] = last;
        if let Some(pos) = self.recency.iter().position(|&s| s == slot) {
            self.recency.remove(pos);
            self.recency_ids.remove(pos);
        }
        let at = self.recency.partition_point(|&s| {
            (std::cmp::Reverse(self.last[s as usize]), s) < (std::cmp::Reverse(last), slot)
        });
        self.recency.insert(at, slot);
        self.recency_ids.insert(at, id);
    }

    /// Sets all of a customer's figures (as the store has them): the visit figures, and the agenda's.
    pub fn set_figures(&mut self, id: Id, figures: &VisitStats) {
        let Some(slot) = self.slot_of(id) else {
            return;
        };
        self.due[slot] = figures.first_due.map_or(NO_DAY, day_number);
        self.complaint[slot] = figures.complaint.map_or(NEVER, |t| t.timestamp_millis());
        self.pending[slot] = self.due[slot] != NO_DAY || self.complaint[slot] != NEVER;
        self.rhythm[slot] = rhythm_code(figures);
        self.consent[slot] = figures.consent.0;
        self.first_day[slot] = figures.first.map_or(NO_DAY, |t| day_number(t.date_naive()));
        self.months[slot] = figures.months;
        self.set_visits(id, figures.count, figures.last);
    }

    /// The figures held for a slot.
    fn figures_at(&self, slot: usize) -> VisitStats {
        let time = |ms: i64| {
            (ms != NEVER)
                .then(|| DateTime::from_timestamp_millis(ms))
                .flatten()
        };
        VisitStats {
            count: self.visits[slot],
            last: time(self.last[slot]),
            first_due: day_of(self.due[slot]),
            complaint: time(self.complaint[slot]),
            ..VisitStats::default()
        }
    }

    /// Records one more visit at `at`.
    pub fn record_visit(&mut self, id: Id, at: DateTime<Utc>) {
        let Some(entry) = self.get(id) else { return };
        let last = entry.last_visit.max(Some(at));
        self.set_visits(id, entry.visits + 1, last);
    }

    /// Takes a customer out of the index (a customer added by mistake and removed again).
    pub fn remove(&mut self, id: Id) {
        let Some(slot) = self.slot_of(id) else {
            return;
        };
        self.retire(slot);
        self.recent.remove(&id);
        if let Some(pos) = self.recency.iter().position(|&s| s as usize == slot) {
            self.recency.remove(pos);
            self.recency_ids.remove(pos);
        }
    }

    /// The customers who name `referrer` as the one who referred them.
    pub fn referred_by(&self, referrer: Id) -> Vec<Id> {
        self.referrer
            .iter()
            .filter(|&(&slot, &by)| by == referrer && self.alive[slot as usize])
            .map(|(&slot, _)| self.ids[slot as usize])
            .collect()
    }

    /// Notes that the customer in `slot` was referred by `referrer`.
    pub(crate) fn add_referral(&mut self, slot: u32, referrer: Id) {
        self.referrer.insert(slot, referrer);
        *self.brought.entry(referrer).or_default() += 1;
    }

    /// Blanks a slot's searchable text so it never matches again.
    fn retire(&mut self, slot: usize) {
        if let Some(referrer) = self.referrer.remove(&(slot as u32))
            && let Some(count) = self.brought.get_mut(&referrer)
        {
            *count -= 1;
            if *count == 0 {
                self.brought.remove(&referrer);
            }
        }
        self.alive[slot] = false;
        self.live -= 1;
        self.starting[slot] = 0;
        self.containing[slot] = 0;
        for column in [&mut self.names, &mut self.phones] {
            let (start, end) = column.range(slot);
            column.bytes[start..end].fill(b' ');
        }
    }

    /// Rebuilds the columns without retired slots and in id order (so no map is needed to find them),
    /// keeping the recency order.
    pub(crate) fn compact(&mut self) {
        if self.sorted == self.ids.len() && self.live == self.ids.len() {
            return;
        }
        let mut order: Vec<usize> = (0..self.ids.len()).filter(|&s| self.alive[s]).collect();
        order.sort_unstable_by_key(|&s| self.ids[s]);
        let mut fresh = SearchIndex::new();
        let mut renumber = vec![u32::MAX; self.ids.len()];
        for slot in order {
            renumber[slot] = fresh.ids.len() as u32;
            fresh.live += 1;
            fresh.ids.push(self.ids[slot]);
            fresh.alive.push(true);
            fresh.visits.push(self.visits[slot]);
            fresh.last.push(self.last[slot]);
            fresh.due.push(self.due[slot]);
            fresh.complaint.push(self.complaint[slot]);
            fresh.birthday.push(self.birthday[slot]);
            fresh.since.push(self.since[slot]);
            fresh.rhythm.push(self.rhythm[slot]);
            fresh.consent.push(self.consent[slot]);
            fresh.first_day.push(self.first_day[slot]);
            fresh.months.push(self.months[slot]);
            if let Some(&referrer) = self.referrer.get(&(slot as u32)) {
                fresh.add_referral(fresh.ids.len() as u32 - 1, referrer);
            }
            fresh.days.push(self.days[slot]);
            fresh.pending.push(self.pending[slot]);
            fresh.starting.push(self.starting[slot]);
            fresh.containing.push(self.containing[slot]);
            for (to, from) in [
                (&mut fresh.display_names, &self.display_names),
                (&mut fresh.display_nicknames, &self.display_nicknames),
                (&mut fresh.names, &self.names),
                (&mut fresh.phones, &self.phones),
            ] {
                to.push(|b| b.extend_from_slice(from.get(slot)));
            }
        }
        fresh.sorted = fresh.ids.len();
        fresh.recency = self.recency.iter().map(|&s| renumber[s as usize]).collect();
        fresh.recency_ids = std::mem::take(&mut self.recency_ids);
        *self = fresh;
    }

    /// A sample of customers to check against the store: the `n` newest (ids grow with time) and `n`
    /// spread over the rest.
    pub fn probe_ids(&self, n: usize) -> Vec<Id> {
        let live: Vec<usize> = (0..self.ids.len()).filter(|&s| self.alive[s]).collect();
        let mut sorted: Vec<Id> = live.iter().map(|&s| self.ids[s]).collect();
        sorted.sort_unstable();
        let step = (sorted.len() / n.max(1)).max(1);
        let spread = sorted.iter().step_by(step).copied();
        let newest = sorted.iter().rev().take(n).copied();
        spread.chain(newest).collect()
    }
}

#[cfg(test)]
mod tests;
