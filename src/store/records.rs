//! The typed record API of the store: customers, visits and notes, and the visit figures derived from
//! them, each write in one sled transaction with its index journal entry and durable when it returns.

use std::collections::HashMap;

use chrono::DateTime;
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::shapes::Record;
use super::{Store, StoreError, codec, id_from, journal_key};
use crate::domain::{
    ConsentChange, ConsentSet, Customer, EventKind, Id, MonthlyVisits, Note, RECENT_DAYS,
    RecentDays, Visit, VisitStats,
};
use crate::text;

/// How [`VisitStats`] were stored in version 1: the visit figures alone, milliseconds rather than chrono's
/// text form.
#[derive(serde::Serialize, serde::Deserialize)]
struct StatsV1 {
    count: u32,
    last_ms: Option<i64>,
}

/// Version 2 adds what the agenda needs: the first open promise's due date and the oldest open complaint.
#[derive(serde::Serialize, serde::Deserialize)]
struct StatsV2 {
    count: u32,
    last_ms: Option<i64>,
    first_due: Option<chrono::NaiveDate>,
    complaint_ms: Option<i64>,
}

/// Version 3 adds what the loyalty rules need. The latest visiting days are stored as the first day and
/// the gaps after it (one byte each for most regulars), the months as the latest month and its counts.
#[derive(serde::Serialize, serde::Deserialize)]
struct StatsV3 {
    count: u32,
    last_ms: Option<i64>,
    first_due: Option<chrono::NaiveDate>,
    complaint_ms: Option<i64>,
    spent_cents: i64,
    stamps_used: u32,
    first_day: i32,
    gaps: Vec<u32>,
    last_month: i32,
    months: [u16; 12],
    /// The channels they agreed to, one bit each.
    consent: u8,
    first_ms: Option<i64>,
}

/// A customer's figures as stored (always the newest shape).
pub(super) fn encode_stats(f: &VisitStats) -> Result<Vec<u8>, codec::CodecError> {
    let days = f.recent.numbers();
    codec::encode_version(
        3,
        &StatsV3 {
            count: f.count,
            last_ms: f.last.map(|t| t.timestamp_millis()),
            first_due: f.first_due,
            complaint_ms: f.complaint.map(|t| t.timestamp_millis()),
            spent_cents: f.spent_cents,
            stamps_used: f.stamps_used,
            first_day: days.first().copied().unwrap_or(0),
            gaps: days.windows(2).map(|w| w[1].abs_diff(w[0])).collect(),
            last_month: f.months.last_month,
            months: f.months.counts,
            consent: f.consent.0,
            first_ms: f.first.map(|t| t.timestamp_millis()),
        },
    )
}

/// A customer's figures from any shape ever stored (version 1 has no agenda figures, version 2 no loyalty
/// figures: the migrations to schemas 4 and 5 recompute them).
pub(super) fn decode_stats(bytes: &[u8]) -> Result<VisitStats, codec::CodecError> {
    let time = |ms: Option<i64>| ms.and_then(DateTime::from_timestamp_millis);
    match codec::version(bytes)? {
        (1, payload) => {
            let r: StatsV1 = codec::decode_payload(payload)?;
            Ok(VisitStats {
                count: r.count,
                last: time(r.last_ms),
                ..VisitStats::default()
            })
        }
        (2, payload) => {
            let r: StatsV2 = codec::decode_payload(payload)?;
            Ok(VisitStats {
                count: r.count,
                last: time(r.last_ms),
                first_due: r.first_due,
                complaint: time(r.complaint_ms),
                ..VisitStats::default()
            })
        }
        (3, payload) => {
            let r: StatsV3 = codec::decode_payload(payload)?;
            let mut recent = RecentDays::default();
            if r.count > 0 {
                let mut day = r.first_day;
                recent.add_number(day);
                for gap in r.gaps.iter().take(RECENT_DAYS) {
                    day = day.saturating_add_unsigned(*gap);
                    recent.add_number(day);
                }
            }
            Ok(VisitStats {
                count: r.count,
                last: time(r.last_ms),
                first_due: r.first_due,
                complaint: time(r.complaint_ms),
                spent_cents: r.spent_cents,
                stamps_used: r.stamps_used,
                recent,
                months: MonthlyVisits {
                    last_month: r.last_month,
                    counts: r.months,
                },
                consent: ConsentSet(r.consent),
                first: time(r.first_ms),
            })
        }
        (other, _) => Err(codec::CodecError::UnknownVersion(other)),
    }
}

impl Store {
    // ---- customers ----

    pub fn customer(&self, id: Id) -> Result<Option<Customer>, StoreError> {
        let raw = self.customers.get(id.to_bytes()).map_err(|e| self.err(e))?;
        raw.map(|v| Customer::from_bytes(&v).map_err(|e| self.damaged(text::RECORD_CUSTOMER, e)))
            .transpose()
    }

    /// Counts customers by walking the tree (sled keeps no count): for tests and checks, not hot paths.
    pub fn customer_count(&self) -> usize {
        self.customers.len()
    }

    /// The visit figures of one customer.
    pub fn stats_for(&self, id: Id) -> Result<VisitStats, StoreError> {
        match self.stats.get(id.to_bytes()).map_err(|e| self.err(e))? {
            Some(raw) => decode_stats(&raw).map_err(|e| self.damaged(text::RECORD_FIGURES, e)),
            None => Ok(VisitStats::default()),
        }
    }

    /// Every customer, in id order.
    pub fn customers(&self) -> impl Iterator<Item = Result<Customer, StoreError>> + '_ {
        self.customers.iter().map(|item| {
            let (_, v) = item.map_err(|e| self.err(e))?;
            Customer::from_bytes(&v).map_err(|e| self.damaged(text::RECORD_CUSTOMER, e))
        })
    }

    /// Adds or replaces a customer, noting the change in the index journal in the same transaction;
    /// durable when it returns.
    pub fn put_customer(&self, customer: &Customer) -> Result<(), StoreError> {
        self.injected_failure()?;
        let bytes = customer
            .to_bytes()
            .map_err(|e| self.damaged(text::RECORD_CUSTOMER, e))?;
        let id = customer.id.to_bytes();
        let trees = (
            &self.customers,
            &self.journal,
            &self.meta,
            &self.outbox,
            &self.clocks,
        );
        let result = trees.transaction(|(customers, journal, meta, outbox, clocks)| {
            let before = customers.insert(&id[..], bytes.as_slice())?;
            journal.insert(&journal_key(journal.generate_id()?), &id[..])?;
            let before = before
                .map(|raw| Customer::from_bytes(&raw))
                .transpose()
                .map_err(ConflictableTransactionError::Abort)?;
            super::sync::enqueue_customer(meta, outbox, clocks, before.as_ref(), customer)
        });
        match result {
            Ok(()) => self.sync(),
            Err(TransactionError::Abort(e)) => Err(self.damaged(text::RECORD_CUSTOMER, e)),
            Err(TransactionError::Storage(e)) => Err(self.err(e)),
        }
    }

    /// Removes a customer for whom nothing is recorded (no visit, note, void…) but the consent asked
    /// when they were added, which goes with them, with an index journal entry so a saved search index
    /// forgets them too; durable when it returns. Refused with [`StoreError::CustomerInUse`] otherwise.
    /// (sled keeps the old bytes in its log until they are rewritten: this is for a customer added by
    /// mistake a moment ago, not for forgetting someone.)
    pub fn remove_unused_customer(&self, id: Id) -> Result<(), StoreError> {
        self.check_unused(id)?;
        let prefix = id.to_bytes();
        let consents = self.event_tree::<ConsentChange>();
        let consent_keys: Vec<sled::IVec> = consents
            .scan_prefix(prefix)
            .keys()
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))?;
        let trees = (
            &self.customers,
            &self.journal,
            consents,
            &self.owners,
            &self.stats,
        );
        let result = trees.transaction(|(customers, journal, consents, owners, stats)| {
            if customers.remove(&prefix[..])?.is_none() {
                return Err(ConflictableTransactionError::Abort(()));
            }
            // The figures the consent set.
            stats.remove(&prefix[..])?;
            for key in &consent_keys {
                consents.remove(key)?;
                if let Some(event) = key.get(16..) {
                    owners.remove(event)?;
                }
            }
            journal.insert(&journal_key(journal.generate_id()?), &prefix[..])?;
            Ok(())
        });
        match result {
            Ok(()) => self.sync(),
            Err(TransactionError::Abort(())) => Err(StoreError::NoCustomer(id)),
            Err(TransactionError::Storage(e)) => Err(self.err(e)),
        }
    }

    /// Refused with [`StoreError::CustomerInUse`] when anything is recorded for customer `id` but the
    /// consent asked when they were added.
    pub fn check_unused(&self, id: Id) -> Result<(), StoreError> {
        let prefix = id.to_bytes();
        for (kind, tree) in self.event_trees() {
            if kind.kind == EventKind::Consent {
                continue;
            }
            if tree
                .scan_prefix(prefix)
                .next()
                .transpose()
                .map_err(|e| self.err(e))?
                .is_some()
            {
                return Err(StoreError::CustomerInUse(id));
            }
        }
        Ok(())
    }

    // ---- events ----

    /// Logs a visit, with the customer's figures, in one transaction; durable when it returns.
    pub fn log_visit(&self, visit: &Visit) -> Result<(), StoreError> {
        self.put_event(visit).map(drop)
    }

    pub fn add_note(&self, note: &Note) -> Result<(), StoreError> {
        self.put_event(note).map(drop)
    }

    /// A customer's visits, oldest first.
    pub fn visits_for(&self, customer: Id) -> Result<Vec<Visit>, StoreError> {
        self.events_of(customer)
    }

    /// A customer's notes, oldest first.
    pub fn notes_for(&self, customer: Id) -> Result<Vec<Note>, StoreError> {
        self.events_of(customer)
    }

    /// Visit count and last visit of every customer who has visits, from the `stats` tree.
    pub fn visit_stats(&self) -> Result<HashMap<Id, VisitStats>, StoreError> {
        self.stats
            .iter()
            .map(|item| {
                let (key, value) = item.map_err(|e| self.err(e))?;
                let id = id_from(&key).ok_or_else(|| StoreError::Damaged {
                    path: self.path.clone(),
                    detail: "a visit figure's key is malformed".into(),
                })?;
                let figures =
                    decode_stats(&value).map_err(|e| self.damaged(text::RECORD_FIGURES, e))?;
                Ok((id, figures))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::VisitStats;

    #[test]
    fn figures_round_trip_in_shape_3_and_older_shapes_read_without_loyalty_figures() {
        let day = |d: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(d))
        };
        let mut figures = VisitStats::default();
        for (i, d) in [0u32, 3, 10, 40, 41, 300, 330].into_iter().enumerate() {
            let at = day(d).and_hms_opt(9, 30, 0).unwrap().and_utc();
            figures.add(at, Some(150 * i as i64));
        }
        figures.stamps_used = 10;
        figures.first_due = Some(day(400));
        let bytes = encode_stats(&figures).unwrap();
        assert_eq!(bytes[0], 3);
        let back = decode_stats(&bytes).unwrap();
        assert_eq!(back.recent, figures.recent);
        assert_eq!(back.months, figures.months);
        assert_eq!(back.spent_cents, 150 * 21);
        assert_eq!(back.stamps_used, 10);
        assert_eq!(back.count, 7);
        assert_eq!(back.first_due, figures.first_due);
        // Gaps 3, 7, 30, 1, 259, 30: the lower middle one.
        assert_eq!(back.recent.rhythm(), Some(7));
        // Version 2 (before the loyalty figures): the rest is empty until the migration recomputes it.
        let v2 = codec::encode_version(
            2,
            &StatsV2 {
                count: 7,
                last_ms: Some(1_790_000_000_000),
                first_due: None,
                complaint_ms: None,
            },
        )
        .unwrap();
        let old = decode_stats(&v2).unwrap();
        assert_eq!(
            (old.count, old.spent_cents, old.recent.rhythm()),
            (7, 0, None)
        );
        let mut newer = bytes.clone();
        newer[0] = 4;
        assert!(decode_stats(&newer).is_err());
    }
}
