//! Voids: a visit or note taken back by a new event that names it (and a void taken back the same way).
//! Nothing is overwritten; the customer's figures and the index journal follow in the void's transaction.

use std::collections::HashSet;

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::records::event_key;
use super::shapes::Record;
use super::{Store, StoreError, VisitStats, codec, id_from, journal_key};
use crate::domain::{EventKind, Id, Void, standing_voids, voided_events};
use crate::text;

impl Store {
    /// A customer's voids, oldest first.
    pub fn voids_for(&self, customer: Id) -> Result<Vec<Void>, StoreError> {
        self.events_of(customer)
    }

    /// The ids of a customer's visits and notes that a standing void takes back.
    pub fn voided_for(&self, customer: Id) -> Result<HashSet<Id>, StoreError> {
        Ok(voided_events(&self.voids_for(customer)?))
    }

    /// A customer's visit figures leaving out `voided` visits, from the visit keys alone (an event id
    /// carries its time).
    fn figures_without(
        &self,
        customer: Id,
        voided: &HashSet<Id>,
    ) -> Result<VisitStats, StoreError> {
        let mut figures = VisitStats::default();
        for key in self.visits.scan_prefix(customer.to_bytes()).keys() {
            let key = key.map_err(|e| self.err(e))?;
            let event = key
                .get(16..)
                .and_then(id_from)
                .ok_or_else(|| StoreError::Damaged {
                    path: self.path.clone(),
                    detail: "a visit key is malformed".into(),
                })?;
            if !voided.contains(&event) {
                figures.add(event.time());
            }
        }
        Ok(figures)
    }

    /// Takes back a visit or note of `void.customer` (`void.target`): the void is written with the
    /// customer's recomputed visit figures and an index journal entry in one transaction; durable when it
    /// returns. Returns the kind of event taken back and the customer's visit figures now.
    pub fn void(&self, void: &Void) -> Result<(EventKind, VisitStats), StoreError> {
        let kind = self
            .event_kind(void.customer, void.target)?
            .ok_or(StoreError::NoEvent(void.target))?;
        let mut voids = self.voids_for(void.customer)?;
        let standing: HashSet<Id> = standing_voids(&voids).iter().map(|v| v.id).collect();
        let taken_back = |target: Id| voids.iter().any(|v| v.target == target);
        match kind {
            // An event taken back already, or a void already taken back (or one that stands for
            // nothing): there is nothing left to take back.
            EventKind::Visit | EventKind::Note if voided_events(&voids).contains(&void.target) => {
                return Err(StoreError::AlreadyVoided(void.target));
            }
            EventKind::Void if !standing.contains(&void.target) || taken_back(void.target) => {
                return Err(StoreError::AlreadyVoided(void.target));
            }
            _ => {}
        }
        voids.push(void.clone());
        let figures = self.figures_without(void.customer, &voided_events(&voids))?;
        let bytes = void
            .to_bytes()
            .map_err(|e| self.damaged(text::RECORD_VOID, e))?;
        let stats_bytes =
            codec::encode(&figures.record()).map_err(|e| self.damaged(text::RECORD_FIGURES, e))?;
        let key = event_key(void.customer, void.id);
        let customer = void.customer.to_bytes();
        let result = (
            &self.customers,
            &self.voids,
            &self.owners,
            &self.stats,
            &self.journal,
        )
            .transaction(|(customers, voids, owners, stats, journal)| {
                if customers.get(customer)?.is_none() {
                    return Err(ConflictableTransactionError::Abort(()));
                }
                voids.insert(&key[..], bytes.as_slice())?;
                owners.insert(&void.id.to_bytes()[..], &customer[..])?;
                if kind != EventKind::Note {
                    if figures.count == 0 {
                        stats.remove(&customer[..])?;
                    } else {
                        stats.insert(&customer[..], stats_bytes.as_slice())?;
                    }
                    journal.insert(&journal_key(journal.generate_id()?), &customer[..])?;
                }
                Ok(())
            });
        match result {
            Ok(()) => self.sync().map(|()| (kind, figures)),
            Err(TransactionError::Abort(())) => Err(StoreError::NoCustomer(void.customer)),
            Err(TransactionError::Storage(e)) => Err(self.err(e)),
        }
    }

    /// Every visit and note in the store that a standing void takes back.
    pub(super) fn all_voided(&self) -> Result<HashSet<Id>, StoreError> {
        let voids = self
            .voids
            .iter()
            .map(|item| {
                let (_, v) = item.map_err(|e| self.err(e))?;
                Void::from_bytes(&v).map_err(|e| self.damaged(text::RECORD_VOID, e))
            })
            .collect::<Result<Vec<Void>, _>>()?;
        Ok(voided_events(&voids))
    }
}
