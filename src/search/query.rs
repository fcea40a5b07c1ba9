//! Answering a query: mark the customers that match (a word starts with it, or it is inside a word), then
//! walk the recency order, first the one kind and then the other. No sorting per keystroke.

use memchr::memmem;

use super::{Column, SearchIndex, fold_words, letter_bit, phone_digits};
use crate::domain::Id;

/// How a slot matched a query.
pub(super) const NO_MATCH: u8 = 0;
pub(super) const WORD_START: u8 = 1;
pub(super) const INSIDE: u8 = 2;

/// Below this many bytes of text, or this many customers, a search is a fraction of a millisecond: one
/// thread does it. Above, the work is split in two halves, one per core of a small counter machine.
const PARALLEL_BYTES: usize = 1 << 20;
const PARALLEL_SLOTS: usize = 50_000;

/// Marks in `ranks` (the slots from `first` on) the customers whose segment holds `needle`, reading only
/// their segments of `column`.
fn mark_slots(column: &Column, needle: &[u8], first: usize, ranks: &mut [u8]) {
    if ranks.is_empty() {
        return;
    }
    let from = column.starts[first] as usize;
    let to = column
        .starts
        .get(first + ranks.len())
        .map_or(column.bytes.len(), |&s| s as usize);
    let bytes = &column.bytes;
    let (mut slot, mut slot_end) = (first, 0);
    for found in memmem::find_iter(&bytes[from..to], needle) {
        let pos = from + found;
        // Most occurrences fall in the customer of the previous one: one comparison, no search.
        if pos >= slot_end {
            slot = column.slot_at(slot, pos);
            slot_end = column.range(slot).1;
        }
        let rank = if pos > 0 && bytes[pos - 1] == b' ' {
            WORD_START
        } else {
            INSIDE
        };
        let mark = &mut ranks[slot - first];
        if *mark == NO_MATCH || rank < *mark {
            *mark = rank;
        }
    }
}

/// How many slots a query marked (retired slots are never marked).
fn matched(ranks: &[u8]) -> usize {
    ranks.iter().filter(|&&r| r != NO_MATCH).count()
}

/// A query that is a phone number (or a piece of one): at least three digits and nothing but digits and
/// the usual separators.
fn is_phone_query(query: &str) -> bool {
    query.chars().filter(char::is_ascii_digit).count() >= 3
        && query
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()./".contains(c))
}

impl SearchIndex {
    /// Customers matching `query`, best first, at most `limit`. An empty query lists everyone, most recent
    /// visit first.
    pub fn search(&self, query: &str, limit: Option<usize>) -> Vec<Id> {
        self.search_counted(query, limit).0
    }

    /// Like [`SearchIndex::search`], with how many customers match in all: the desk takes the first
    /// screens of a query with a million matches, and the count.
    pub fn search_counted(&self, query: &str, limit: Option<usize>) -> (Vec<Id>, usize) {
        let limit = limit.unwrap_or(usize::MAX);
        let words = fold_words(query);
        if let [word] = words.as_slice()
            && let Some(bit) = word
                .bytes()
                .next()
                .and_then(letter_bit)
                .filter(|_| word.len() == 1)
        {
            // In slot order (the masks are read front to back), then walked in recency order.
            let ranks: Vec<u8> = self
                .starting
                .iter()
                .zip(&self.containing)
                .map(|(&starting, &containing)| {
                    if starting & bit != 0 {
                        WORD_START
                    } else if containing & bit != 0 {
                        INSIDE
                    } else {
                        NO_MATCH
                    }
                })
                .collect();
            return (self.collect(limit, |slot| ranks[slot]), matched(&ranks));
        }
        let ranks = if is_phone_query(query) {
            let digits = phone_digits(query);
            if digits.is_empty() {
                return (self.everyone(limit), self.len());
            }
            self.mark_occurrences(&self.phones, digits.as_bytes())
        } else if words.is_empty() {
            return (self.everyone(limit), self.len());
        } else {
            match words.as_slice() {
                [word] => self.mark_occurrences(&self.names, word.as_bytes()),
                _ => self.mark_words(&words),
            }
        };
        (self.collect(limit, |slot| ranks[slot]), matched(&ranks))
    }

    /// Walks the recency order: first the customers ranked [`WORD_START`], then [`INSIDE`], at most
    /// `limit`.
    pub(super) fn collect(&self, limit: usize, rank: impl Fn(usize) -> u8 + Sync) -> Vec<Id> {
        self.collect_in(limit, rank, self.recency.len() >= PARALLEL_SLOTS)
    }

    /// [`SearchIndex::collect`], on two threads when `halves` (and every match is wanted).
    pub(super) fn collect_in(
        &self,
        limit: usize,
        rank: impl Fn(usize) -> u8 + Sync,
        halves: bool,
    ) -> Vec<Id> {
        let total = self.recency.len();
        let (mut best, mut inside) = if !halves || limit < total {
            self.collect_range(0..total, limit, &rank)
        } else {
            // Every customer is wanted: the older half of the recency order on a second thread.
            let middle = total / 2;
            let ((best, inside), (later_best, later_inside)) = std::thread::scope(|scope| {
                let later = scope.spawn(|| self.collect_range(middle..total, limit, &rank));
                let first = self.collect_range(0..middle, limit, &rank);
                (
                    first,
                    later
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                )
            });
            let mut all_best = best;
            all_best.extend(later_best);
            let mut all_inside = inside;
            all_inside.extend(later_inside);
            (all_best, all_inside)
        };
        best.truncate(limit);
        inside.truncate(limit - best.len());
        best.append(&mut inside);
        best
    }

    /// The customers of `positions` in the recency order that match, those starting a word apart: one pass,
    /// where the ranks are the only scattered reads and an id (16 bytes) is read only for a match. Once
    /// `limit` customers start a word, nothing later can make the list.
    fn collect_range(
        &self,
        positions: std::ops::Range<usize>,
        limit: usize,
        rank: &impl Fn(usize) -> u8,
    ) -> (Vec<Id>, Vec<Id>) {
        let mut best = Vec::new();
        let mut inside = Vec::new();
        let start = positions.start;
        for (offset, &slot) in self.recency[positions].iter().enumerate() {
            match rank(slot as usize) {
                WORD_START => {
                    best.push(self.recency_ids[start + offset]);
                    if best.len() >= limit {
                        break;
                    }
                }
                INSIDE if best.len() + inside.len() < limit => {
                    inside.push(self.recency_ids[start + offset]);
                }
                _ => {}
            }
        }
        (best, inside)
    }

    fn everyone(&self, limit: usize) -> Vec<Id> {
        self.recency_ids.iter().take(limit).copied().collect()
    }

    /// Marks every slot whose name holds all `words`: [`WORD_START`] when each word starts a word there.
    fn mark_words(&self, words: &[String]) -> Vec<u8> {
        let mut ranks = vec![NO_MATCH; self.ids.len()];
        let anchor = words
            .iter()
            .max_by_key(|w| w.len())
            .map(String::as_str)
            .unwrap_or("");
        let finder = memmem::Finder::new(anchor.as_bytes());
        // The anchor's own hit is checked where it was found; the other words inside the segment.
        let anchor_index = words.iter().position(|w| w == anchor).unwrap_or(0);
        let others: Vec<memmem::Finder> = words
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != anchor_index)
            .map(|(_, w)| memmem::Finder::new(w.as_bytes()))
            .collect();
        let bytes = &self.names.bytes;
        let (mut pos, mut slot) = (0, 0);
        while let Some(found) = finder.find(&bytes[pos..]) {
            let at = pos + found;
            slot = self.names.slot_at(slot, at);
            let (start, end) = self.names.range(slot);
            if self.alive[slot] {
                let text = &bytes[start..end];
                // Segments start with a space (checked when a saved index is read), so a hit at the
                // segment's start would be a word start too.
                let anchor_starts_word = at == start
                    || bytes[at - 1] == b' '
                    || finder
                        .find_iter(&text[at + 1 - start..])
                        .any(|p| text[at + 1 - start + p - 1] == b' ');
                let mut rank = if anchor_starts_word {
                    WORD_START
                } else {
                    INSIDE
                };
                for word in &others {
                    let mut hits = word.find_iter(text).peekable();
                    if hits.peek().is_none() {
                        rank = NO_MATCH;
                        break;
                    }
                    if !hits.any(|p| p > 0 && text[p - 1] == b' ') {
                        rank = INSIDE;
                    }
                }
                ranks[slot] = rank;
            }
            // On to the next customer: one match per customer is enough.
            pos = end.max(at + 1);
            if pos >= bytes.len() {
                break;
            }
        }
        ranks
    }

    /// Marks every slot whose text in `column` holds `needle`: [`WORD_START`] when an occurrence starts a
    /// word (or a phone number). One pass over every occurrence: for one word (the usual query, a few
    /// letters) and for phone digits this beats restarting a search per customer.
    pub(super) fn mark_occurrences(&self, column: &Column, needle: &[u8]) -> Vec<u8> {
        self.mark_occurrences_in(column, needle, column.bytes.len() >= PARALLEL_BYTES)
    }

    /// [`SearchIndex::mark_occurrences`], on two threads when `halves`.
    pub(super) fn mark_occurrences_in(
        &self,
        column: &Column,
        needle: &[u8],
        halves: bool,
    ) -> Vec<u8> {
        let mut ranks = vec![NO_MATCH; self.ids.len()];
        let slots = column.starts.len();
        if !halves || slots < 2 {
            mark_slots(column, needle, 0, &mut ranks[..slots]);
        } else {
            // Two halves on two threads: the segments of two customers never share an occurrence
            // (each starts with a space, and a needle holds none), so the halves are independent.
            let middle = slots / 2;
            let (first, second) = ranks[..slots].split_at_mut(middle);
            std::thread::scope(|scope| {
                scope.spawn(|| mark_slots(column, needle, middle, second));
                mark_slots(column, needle, 0, first);
            });
        }
        // Retired slots hold only spaces, so they never match; the check stays for safety.
        for (mark, alive) in ranks.iter_mut().zip(&self.alive) {
            if !alive {
                *mark = NO_MATCH;
            }
        }
        ranks
    }
}
