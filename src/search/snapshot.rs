//! The search index saved as one file, so a desk (or `regulars find`) on a big store is ready after one
//! read instead of decoding every customer.
//!
//! The file is a cache: the store stays the truth. Its header says which store it belongs to and how much
//! of the store's change journal it already includes; `Book` replays the rest and rebuilds the whole index
//! from the store when the file is missing, damaged or from elsewhere.
//!
//! Layout (little-endian): magic, format version, store id (16 bytes), epoch (8), journal sequence (8),
//! count (8); then the id, visits, last-visit and recency columns, the two letter-mask columns, the four
//! agenda columns (first due date, oldest complaint, birthday, customer since), the rhythm column (u16), the consent column (one byte), the first visit's day, the visits per month (the month of the last, then twelve u16 counts), the referrals (a count, then each slot with its referrer's id);
//! then four text columns as `count` offsets, a length and the bytes; then a CRC-32 of everything before
//! it. Files of an earlier version lack some of these columns: they are refused, and the index is rebuilt
//! from the store once.

use super::{Column, IdMap, SearchIndex};
use crate::domain::Id;

const MAGIC: &[u8; 8] = b"RGLRSIDX";
const VERSION: u32 = 5;

/// Which store, and which state of it, a snapshot holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub store_id: u128,
    /// Changes when the store is written without journal entries (bulk loads, migrations).
    pub epoch: u64,
    /// The last journal entry the snapshot includes.
    pub seq: u64,
}

impl Header {
    /// The header as bytes, for the store's mark that a saved index is current (`store::StoreLock`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(MAGIC.len() + 32);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.store_id.to_le_bytes());
        put_u64(&mut out, self.epoch);
        put_u64(&mut out, self.seq);
        out
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

impl SearchIndex {
    /// The index as snapshot bytes (retired slots are dropped first).
    pub fn to_snapshot(&mut self, header: Header) -> Vec<u8> {
        self.compact();
        let n = self.ids.len();
        let text: usize = [
            &self.display_names,
            &self.display_nicknames,
            &self.names,
            &self.phones,
        ]
        .iter()
        .map(|c| c.bytes.len() + 4 * n + 8)
        .sum();
        let mut out = Vec::with_capacity(64 + n * (16 + 4 + 8 + 4 + 16) + text);
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, VERSION);
        out.extend_from_slice(&header.store_id.to_le_bytes());
        put_u64(&mut out, header.epoch);
        put_u64(&mut out, header.seq);
        put_u64(&mut out, n as u64);
        for id in &self.ids {
            out.extend_from_slice(&id.to_bytes());
        }
        for &v in &self.visits {
            put_u32(&mut out, v);
        }
        for &l in &self.last {
            out.extend_from_slice(&l.to_le_bytes());
        }
        for &r in &self.recency {
            put_u32(&mut out, r);
        }
        for masks in [&self.starting, &self.containing] {
            for &m in masks {
                put_u64(&mut out, m);
            }
        }
        for &d in &self.due {
            put_u32(&mut out, d as u32);
        }
        for &c in &self.complaint {
            out.extend_from_slice(&c.to_le_bytes());
        }
        for &b in &self.birthday {
            put_u32(&mut out, b);
        }
        for &d in &self.since {
            put_u32(&mut out, d);
        }
        for &r in &self.rhythm {
            out.extend_from_slice(&r.to_le_bytes());
        }
        out.extend_from_slice(&self.consent);
        for &d in &self.first_day {
            put_u32(&mut out, d as u32);
        }
        for m in &self.months {
            put_u32(&mut out, m.last_month as u32);
            for &c in &m.counts {
                out.extend_from_slice(&c.to_le_bytes());
            }
        }
        // Who referred whom: how many pairs, then each slot and its referrer's id, in slot order.
        let mut referrals: Vec<(&u32, &Id)> = self.referrer.iter().collect();
        referrals.sort_unstable();
        put_u64(&mut out, referrals.len() as u64);
        for (&slot, referrer) in referrals {
            put_u32(&mut out, slot);
            out.extend_from_slice(&referrer.to_bytes());
        }
        for column in [
            &self.display_names,
            &self.display_nicknames,
            &self.names,
            &self.phones,
        ] {
            for &s in &column.starts {
                put_u32(&mut out, s);
            }
            put_u64(&mut out, column.bytes.len() as u64);
            out.extend_from_slice(&column.bytes);
        }
        let crc = crc32fast::hash(&out);
        put_u32(&mut out, crc);
        out
    }

    /// Reads a snapshot; `None` when it is damaged, of another format, or inconsistent in any way.
    pub fn from_snapshot(bytes: &[u8]) -> Option<(Header, SearchIndex)> {
        let (body, crc) = bytes.split_at_checked(bytes.len().checked_sub(4)?)?;
        if crc32fast::hash(body) != u32::from_le_bytes(crc.try_into().ok()?) {
            return None;
        }
        let mut r = Reader { bytes: body };
        if r.take(8)? != MAGIC {
            return None;
        }
        let version = r.u32()?;
        if version != VERSION {
            return None;
        }
        let header = Header {
            store_id: u128::from_le_bytes(r.take(16)?.try_into().ok()?),
            epoch: r.u64()?,
            seq: r.u64()?,
        };
        let n = usize::try_from(r.u64()?).ok()?;
        // Each customer takes at least 32 bytes of columns: refuse a count the file cannot hold.
        if n > body.len() / 32 {
            return None;
        }
        let ids: Vec<Id> = r
            .take(16 * n)?
            .chunks_exact(16)
            .map(|c| c.try_into().map(Id::from_bytes))
            .collect::<Result<_, _>>()
            .ok()?;
        let visits = r.u32s(n)?;
        let last: Vec<i64> = r.u64s(n)?.into_iter().map(|v| v as i64).collect();
        let recency = r.u32s(n)?;
        let masks = (r.u64s(n)?, r.u64s(n)?);
        let due: Vec<i32> = r.u32s(n)?.into_iter().map(|d| d as i32).collect();
        let complaint: Vec<i64> = r.u64s(n)?.into_iter().map(|c| c as i64).collect();
        let birthday = r.u32s(n)?;
        let since = r.u32s(n)?;
        let rhythm: Vec<u16> = r
            .take(2 * n)?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let consent = r.take(n)?.to_vec();
        let first_day: Vec<i32> = r.u32s(n)?.into_iter().map(|d| d as i32).collect();
        let months: Vec<crate::domain::MonthlyVisits> = r
            .take(28 * n)?
            .chunks_exact(28)
            .map(|c| {
                let mut counts = [0u16; 12];
                for (count, b) in counts.iter_mut().zip(c[4..].chunks_exact(2)) {
                    *count = u16::from_le_bytes([b[0], b[1]]);
                }
                crate::domain::MonthlyVisits {
                    last_month: i32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                    counts,
                }
            })
            .collect();
        let pairs = usize::try_from(r.u64()?).ok().filter(|&p| p <= n)?;
        let mut referrals = Vec::with_capacity(pairs);
        for _ in 0..pairs {
            let slot = r.u32()?;
            let referrer = Id::from_bytes(r.take(16)?.try_into().ok()?);
            // In slot order, each slot once.
            if slot as usize >= n || referrals.last().is_some_and(|&(last, _)| last >= slot) {
                return None;
            }
            referrals.push((slot, referrer));
        }
        let mut columns = Vec::with_capacity(4);
        for display in [true, true, false, false] {
            let starts = r.u32s(n)?;
            let len = usize::try_from(r.u64()?).ok()?;
            let bytes = r.take(len)?.to_vec();
            let ordered = starts.windows(2).all(|w| w[0] <= w[1])
                && starts.last().is_none_or(|&s| s as usize <= len);
            // Every byte belongs to a customer: the first starts at 0, and with no customers there are
            // no bytes (the fuzzer found a snapshot of nobody with text in it, which searches tripped on).
            let owned = starts.first().map_or(len == 0, |&s| s == 0);
            if !ordered || !owned {
                return None;
            }
            if display {
                let text = std::str::from_utf8(&bytes).ok()?;
                if !starts.iter().all(|&s| text.is_char_boundary(s as usize)) {
                    return None;
                }
            }
            let column = Column { bytes, starts };
            // Searched words start after a space: each word of a folded name or phone is stored behind one
            // (the fuzzer found a name without it, which a two-word search tripped on).
            if !display && !(0..n).all(|slot| column.get(slot).first().is_none_or(|&b| b == b' ')) {
                return None;
            }
            columns.push(column);
        }
        if !r.bytes.is_empty() || recency.iter().any(|&s| s as usize >= n) {
            return None;
        }
        // Saved in id order, so lookups are binary searches and nothing needs building here.
        if !ids.windows(2).all(|w| w[0] < w[1]) {
            return None;
        }
        let mut columns = columns.into_iter();
        let (starting, containing) = masks;
        let mut index = SearchIndex {
            starting,
            containing,
            alive: vec![true; n],
            ids,
            visits,
            last,
            due,
            complaint,
            birthday,
            since,
            rhythm,
            consent,
            first_day,
            months,
            referrer: std::collections::HashMap::new(),
            brought: IdMap::default(),
            days: Vec::with_capacity(n),
            pending: Vec::with_capacity(n),
            display_names: columns.next()?,
            display_nicknames: columns.next()?,
            names: columns.next()?,
            phones: columns.next()?,
            recency,
            recency_ids: Vec::new(),
            sorted: n,
            recent: IdMap::default(),
            live: n,
        };
        for slot in 0..n {
            index.push_derived(slot);
        }
        for (slot, referrer) in referrals {
            index.add_referral(slot, referrer);
        }
        index.refresh_recency_ids();
        Some((header, index))
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn u64s(&mut self, n: usize) -> Option<Vec<u64>> {
        Some(
            self.take(8 * n)?
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect(),
        )
    }

    fn u32s(&mut self, n: usize) -> Option<Vec<u32>> {
        Some(
            self.take(4 * n)?
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Customer, CustomerDraft, CustomerText};
    use chrono::{DateTime, Utc};

    fn customer(name: &str, nickname: &str, phone: &str) -> Customer {
        let at: DateTime<Utc> = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let text = CustomerText {
            name: name.into(),
            nickname: nickname.into(),
            phones: phone.into(),
            ..Default::default()
        };
        Customer::new(
            CustomerDraft::from_text(&text, at.date_naive()).unwrap(),
            at,
            at.date_naive(),
            None,
        )
    }

    fn sample() -> SearchIndex {
        let mut index = SearchIndex::new();
        let people = [
            customer("Nicolò D'Angelo", "Nico", "+39 333 123 4567"),
            customer("Zoë Müller", "", ""),
            customer("Anna Rossi", "Annina", "02 555 0101"),
        ];
        for p in &people {
            index.upsert(p);
        }
        index.record_visit(
            people[2].id,
            DateTime::from_timestamp(1_790_000_500, 0).unwrap(),
        );
        let mut renamed = people[1].clone();
        renamed.name = "Zoë Bianchi".into();
        index.upsert(&renamed);
        index
    }

    #[test]
    fn a_snapshot_reads_back_the_same_index() {
        let mut index = sample();
        let header = Header {
            store_id: 42,
            epoch: 3,
            seq: 17,
        };
        let bytes = index.to_snapshot(header);
        let (read, back) = SearchIndex::from_snapshot(&bytes).unwrap();
        assert_eq!(read, header);
        for query in [
            "", "nico", "dangelo", "zoe", "muller", "bianchi", "333 123", "0101", "ann",
        ] {
            assert_eq!(
                back.search(query, None),
                index.search(query, None),
                "query {query:?}"
            );
        }
        let first = index.search("", None)[0];
        assert_eq!(back.get(first), index.get(first));
        assert_eq!(back.len(), 3);
    }

    /// A file of an earlier version lacks the agenda's columns: refused (the book rebuilds the index from
    /// the store), as is a version from the future.
    #[test]
    fn a_snapshot_of_another_version_is_refused() {
        let mut index = sample();
        let header = Header {
            store_id: 7,
            epoch: 1,
            seq: 2,
        };
        let bytes = index.to_snapshot(header);
        let as_version = |version: u32| {
            let mut file = bytes[..bytes.len() - 4].to_vec();
            file[8..12].copy_from_slice(&version.to_le_bytes());
            let crc = crc32fast::hash(&file);
            file.extend_from_slice(&crc.to_le_bytes());
            file
        };
        assert!(SearchIndex::from_snapshot(&as_version(VERSION)).is_some());
        for other in [1, 2, 3, 4, VERSION + 1] {
            assert!(SearchIndex::from_snapshot(&as_version(other)).is_none());
        }
    }

    /// The agenda's columns come back as they were saved.
    #[test]
    fn the_agenda_reads_back_the_same() {
        let mut index = sample();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        // One with a birthday this week and ten years as a customer today.
        let mut bruno = customer("Bruno Neri", "", "");
        bruno.birthday = Some(crate::domain::Birthday {
            day: 5,
            month: 12,
            year: Some(1980),
        });
        bruno.since = chrono::NaiveDate::from_ymd_opt(2016, 12, 2).unwrap();
        index.upsert(&bruno);
        let people: Vec<Id> = index.search("", None);
        let mut figures = crate::domain::VisitStats {
            first_due: Some(today),
            complaint: DateTime::from_timestamp(1_790_000_000, 0),
            ..Default::default()
        };
        index.set_figures(people[0], &figures);
        figures.first_due = None;
        index.set_figures(people[1], &figures);
        let local = |t: DateTime<chrono::Utc>| t.date_naive();
        // By customer id (slots change when the index is saved).
        let by_id = |index: &SearchIndex| {
            let mut all: Vec<(Id, crate::domain::AgendaItem)> = index
                .agenda(today, local)
                .into_iter()
                .map(|(slot, item)| (index.id_at(slot).unwrap(), item))
                .collect();
            all.sort_by_key(|(id, item)| (*id, format!("{item:?}")));
            all
        };
        let before = by_id(&index);
        let items: Vec<_> = before.iter().map(|(_, item)| *item).collect();
        assert_eq!(
            items.len(),
            5,
            "a promise, two complaints, a birthday, an anniversary: {before:?}"
        );
        assert!(items.contains(&crate::domain::AgendaItem::Birthday {
            in_days: 3,
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
            turning: Some(46)
        }));
        assert!(items.contains(&crate::domain::AgendaItem::Anniversary { years: 10 }));
        let bytes = index.to_snapshot(Header {
            store_id: 1,
            epoch: 1,
            seq: 1,
        });
        let (_, back) = SearchIndex::from_snapshot(&bytes).unwrap();
        assert_eq!(by_id(&back), before);
    }

    /// Found by the `index_snapshot` fuzz target: a folded name that does not start with a space, which a
    /// two-word search indexed one byte before the text.
    #[test]
    fn a_snapshot_whose_words_do_not_follow_a_space_is_refused() {
        for column in [0, 1] {
            let mut index = sample();
            let text = if column == 0 {
                &mut index.names
            } else {
                &mut index.phones
            };
            let first = (0..3).find(|&s| !text.get(s).is_empty()).unwrap();
            let at = text.range(first).0;
            assert_eq!(text.bytes[at], b' ');
            text.bytes[at] = b'm';
            let bytes = index.to_snapshot(Header {
                store_id: 1,
                epoch: 1,
                seq: 1,
            });
            assert!(
                SearchIndex::from_snapshot(&bytes).is_none(),
                "column {column}"
            );
        }
    }

    /// Found by the `index_snapshot` fuzz target: no customers, but bytes in a text column.
    #[test]
    fn a_snapshot_of_nobody_with_text_in_it_is_refused() {
        let mut empty = SearchIndex::new();
        let bytes = empty.to_snapshot(Header {
            store_id: 1,
            epoch: 0,
            seq: 0,
        });
        let (_, index) = SearchIndex::from_snapshot(&bytes).unwrap();
        assert!(index.search("333", None).is_empty());
        // The phones column is the last: its length (8 bytes) sits just before the CRC.
        let mut body = bytes[..bytes.len() - 4].to_vec();
        let at = body.len() - 8;
        body[at..].copy_from_slice(&3u64.to_le_bytes());
        body.extend_from_slice(b"333");
        let crc = crc32fast::hash(&body);
        body.extend_from_slice(&crc.to_le_bytes());
        assert!(SearchIndex::from_snapshot(&body).is_none());
    }

    #[test]
    fn damaged_or_foreign_bytes_are_refused() {
        let mut index = sample();
        let bytes = index.to_snapshot(Header {
            store_id: 1,
            epoch: 1,
            seq: 1,
        });
        assert!(SearchIndex::from_snapshot(&bytes[..bytes.len() - 1]).is_none());
        assert!(SearchIndex::from_snapshot(&[]).is_none());
        for i in [0, 9, 40, bytes.len() / 2, bytes.len() - 5] {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0x40;
            assert!(
                SearchIndex::from_snapshot(&flipped).is_none(),
                "flip at {i}"
            );
        }
        // A well-formed file whose count lies is refused too (the CRC is recomputed to get past it).
        let mut lying = bytes[..bytes.len() - 4].to_vec();
        lying[44..52].copy_from_slice(&u64::MAX.to_le_bytes());
        let crc = crc32fast::hash(&lying);
        lying.extend_from_slice(&crc.to_le_bytes());
        assert!(SearchIndex::from_snapshot(&lying).is_none());
    }
}
