//! The whole-store invariant check, for tests, crash checks and support.

use std::collections::HashMap;

use super::shapes::Record;
use super::{SCHEMA_VERSION, Store, StoreError, VisitStats, event_key};
use crate::domain::{Customer, Event, Id, Void, voids_in};

impl Store {
    /// Checks the whole store and returns every problem found, one sentence each (empty: all is well):
    /// every record decodes and sits under its own key, every event belongs to an existing customer, every
    /// customer's cached figures equal those recomputed from their events, every journal entry names
    /// an existing customer. Reads everything: for tests, crash checks and support, not for start-up.
    pub fn check(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        if self.schema_version()? != Some(SCHEMA_VERSION) {
            problems.push(format!(
                "the schema version is {:?}, not {SCHEMA_VERSION}",
                self.schema_version()?
            ));
        }
        let mut customers = std::collections::HashSet::new();
        for item in self.customers.iter() {
            let (key, value) = item.map_err(|e| self.err(e))?;
            match Customer::from_bytes(&value) {
                Ok(c) if c.id.to_bytes()[..] == key[..] => {
                    customers.insert(c.id);
                }
                Ok(c) => problems.push(format!("customer {} is stored under another key", c.id)),
                Err(e) => problems.push(format!("a customer record cannot be read: {e}")),
            }
        }
        // Every event decodes, sits under its own key, belongs to an existing customer, and its inverse
        // entry (if it has one) names that customer.
        let mut events: Vec<Event> = Vec::new();
        for (kind, tree) in self.event_trees() {
            for item in tree.iter() {
                let (key, value) = item.map_err(|e| self.err(e))?;
                match (kind.decode)(&value) {
                    Ok(event) => {
                        let (what, id, customer) = (kind.tree, event.id(), event.customer());
                        if event_key(customer, id)[..] != key[..] {
                            problems.push(format!("{what}: {id} is stored under another key"));
                        }
                        if !customers.contains(&customer) {
                            problems.push(format!(
                                "{what}: {id} belongs to customer {customer}, who does not exist"
                            ));
                        }
                        self.check_owner(id, customer, what, &mut problems)?;
                        events.push(event);
                    }
                    Err(e) => problems.push(format!(
                        "{what}: a record cannot be read: {e}",
                        what = kind.tree
                    )),
                }
            }
        }
        // Voids: each names an existing event of its own customer; no event is taken back by two
        // standing voids.
        let voids: Vec<Void> = voids_in(&events);
        for v in &voids {
            if self.event_kind(v.customer, v.target)?.is_none() {
                problems.push(format!(
                    "void {} names {}, which is no event of customer {}",
                    v.id, v.target, v.customer
                ));
            }
        }
        let mut voided = std::collections::HashSet::new();
        for v in crate::domain::standing_voids(&voids) {
            if !voided.insert(v.target) {
                problems.push(format!("{} is voided twice", v.target));
            }
        }
        // Each customer's cached figures equal those recomputed from their events.
        let mut by_customer: HashMap<Id, Vec<Event>> = HashMap::new();
        for event in events {
            by_customer.entry(event.customer()).or_default().push(event);
        }
        let mut figures: HashMap<Id, VisitStats> = HashMap::new();
        for (id, mut theirs) in by_customer {
            theirs.sort_by_key(Event::id);
            let f = VisitStats::of(&theirs, &voided);
            if f != VisitStats::default() {
                figures.insert(id, f);
            }
        }
        let cached = self.visit_stats()?;
        let ms = |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| t.timestamp_millis());
        for (id, expected) in &figures {
            let found = cached.get(id).copied().unwrap_or_default();
            // Every figure, the loyalty rules' too (amounts, stamps used, visiting days, months).
            let same_times = ms(found.last) == ms(expected.last)
                && ms(found.first) == ms(expected.first)
                && ms(found.complaint) == ms(expected.complaint);
            let rest = |f: VisitStats| VisitStats {
                last: None,
                first: None,
                complaint: None,
                ..f
            };
            if !same_times || rest(found) != rest(*expected) {
                problems.push(format!(
                    "customer {id} has cached figures {found:?}, the events say {expected:?}"
                ));
            }
        }
        for id in cached.keys().filter(|id| !figures.contains_key(id)) {
            problems.push(format!(
                "customer {id} has cached figures but no events that make any"
            ));
        }
        // The journal may name a customer who is gone (one added by mistake and removed again), but then
        // nothing else may be left of them.
        let (journal, _) = self.journal_after(0)?;
        for id in journal.iter().filter(|id| !customers.contains(id)) {
            let mut left = self
                .stats
                .contains_key(id.to_bytes())
                .map_err(|e| self.err(e))?;
            for (_, tree) in self.event_trees() {
                left |= tree.scan_prefix(id.to_bytes()).next().is_some();
            }
            if left {
                problems.push(format!(
                    "the index journal names customer {id}, who does not exist but has records"
                ));
            }
        }
        Ok(problems)
    }

    /// An event's `owners` entry, if it has one, must name its customer.
    fn check_owner(
        &self,
        event: Id,
        customer: Id,
        what: &str,
        problems: &mut Vec<String>,
    ) -> Result<(), StoreError> {
        // Bulk-loaded events have no entry (see `Store::owner_of`); an entry there must be right.
        if let Some(raw) = self.owners.get(event.to_bytes()).map_err(|e| self.err(e))? {
            match super::id_from(&raw) {
                Some(owner) if owner == customer => {}
                Some(owner) => problems.push(format!(
                    "{what} {event} of customer {customer} is listed as {owner}'s"
                )),
                None => problems.push(format!("{what} {event} has a malformed owner entry")),
            }
        }
        Ok(())
    }
}
