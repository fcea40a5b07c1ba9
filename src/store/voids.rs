//! Voids: a visit or note taken back by a new event that names it (and a void taken back the same way).
//! Nothing is overwritten; the customer's figures and the index journal follow in the void's transaction.

use std::collections::HashSet;

use super::events::Write;
use super::{Store, StoreError, VisitStats};
use crate::domain::{EventKind, Id, Void, standing_voids, voided_events};

impl Store {
    /// A customer's voids, oldest first.
    pub fn voids_for(&self, customer: Id) -> Result<Vec<Void>, StoreError> {
        self.events_of(customer)
    }

    /// The ids of a customer's visits and notes that a standing void takes back.
    pub fn voided_for(&self, customer: Id) -> Result<HashSet<Id>, StoreError> {
        Ok(voided_events(&self.voids_for(customer)?))
    }

    /// Takes back an event of `void.customer` (`void.target`): the void is written with the
    /// customer's recomputed visit figures and an index journal entry in one transaction; durable when it
    /// returns. Returns the kind of event taken back and the customer's visit figures now.
    pub fn void(&self, void: &Void) -> Result<(EventKind, VisitStats), StoreError> {
        self.void_as(void, Write::HERE)
    }

    /// [`Store::void`], written as `how` says.
    pub(super) fn void_as(
        &self,
        void: &Void,
        how: Write,
    ) -> Result<(EventKind, VisitStats), StoreError> {
        let kind = self
            .event_kind(void.customer, void.target)?
            .ok_or(StoreError::NoEvent(void.target))?;
        let mut voids = self.voids_for(void.customer)?;
        let standing: HashSet<Id> = standing_voids(&voids).iter().map(|v| v.id).collect();
        let taken_back = |target: Id| voids.iter().any(|v| v.target == target);
        match kind {
            // An event taken back already, or a void already taken back (or one that stands for
            // nothing): there is nothing left to take back.
            EventKind::Void if !standing.contains(&void.target) || taken_back(void.target) => {
                return Err(StoreError::AlreadyVoided(void.target));
            }
            EventKind::Void => {}
            _ if voided_events(&voids).contains(&void.target) => {
                return Err(StoreError::AlreadyVoided(void.target));
            }
            _ => {}
        }
        voids.push(void.clone());
        let figures = self.figures_without(void.customer, &voided_events(&voids))?;
        // Taking back a visit (or a void of one) changes the figures; a note or a promise does not.
        let now = self.put_event_with(void, how, |f| {
            let changes = *f != figures;
            *f = figures;
            changes
        })?;
        Ok((kind, now))
    }
}
