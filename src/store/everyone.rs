//! Every customer with every record about them, in one pass over each tree: the customer tree and every
//! event tree are all in customer-id order (an event's key starts with its customer's id), so walking them
//! side by side hands each customer their events without a range scan per customer and per kind, which at
//! 100k customers was most of an export's time.

use std::iter::Peekable;
use std::ops::Range;

use super::shapes::{EVENTS, KindSpec, Record};
use super::{Store, StoreError};
use crate::domain::{Customer, Event};
use crate::text;

/// The walk of [`Store::everyone`].
pub struct Everyone<'a> {
    store: &'a Store,
    customers: sled::Leaves,
    events: Vec<(&'static KindSpec, Peekable<sled::Leaves>)>,
}

/// A customer's records as stored, not yet decoded ([`Stored::decode`]); to decode them on another thread
/// than the walk, copy them into a [`Batch`] first.
pub struct Stored {
    customer: sled::IVec,
    events: Vec<(&'static KindSpec, sled::IVec)>,
}

impl Store {
    /// Every customer in id order, each with every event about them as stored. Events of an id with no
    /// customer (which the invariant check reports) are passed over.
    pub fn everyone(&self) -> Everyone<'_> {
        Everyone {
            store: self,
            customers: self.customers.leaves(),
            events: EVENTS
                .iter()
                .zip(&self.events)
                .map(|(kind, tree)| (kind, tree.leaves().peekable()))
                .collect(),
        }
    }
}

impl Stored {
    /// The customer, and their events oldest first.
    pub fn decode(&self, store: &Store) -> Result<(Customer, Vec<Event>), StoreError> {
        decode(
            store,
            &self.customer,
            self.events.iter().map(|(kind, bytes)| (*kind, &bytes[..])),
        )
    }
}

/// A customer and their events from their stored bytes, the events oldest first.
fn decode<'b>(
    store: &Store,
    customer: &[u8],
    events: impl Iterator<Item = (&'static KindSpec, &'b [u8])>,
) -> Result<(Customer, Vec<Event>), StoreError> {
    let customer =
        Customer::from_bytes(customer).map_err(|e| store.damaged(text::RECORD_CUSTOMER, e))?;
    let mut events = events
        .map(|(kind, bytes)| store.decode(kind, bytes))
        .collect::<Result<Vec<Event>, StoreError>>()?;
    events.sort_by_key(Event::id);
    Ok((customer, events))
}

/// Customers' records copied out of sled into one buffer, to be decoded on another thread. Handing over
/// sled's own values instead made that thread free sled's pages, which the allocator does slowly for
/// memory of another thread (a tenth of an export's time).
#[derive(Default)]
pub struct Batch {
    bytes: Vec<u8>,
    customers: Vec<(Range<usize>, Vec<EventBytes>)>,
}

/// Where an event's bytes are in a [`Batch`], and of which kind they are.
type EventBytes = (&'static KindSpec, Range<usize>);

impl Batch {
    pub fn push(&mut self, stored: Stored) {
        let mut copy = |bytes: &[u8]| {
            let start = self.bytes.len();
            self.bytes.extend_from_slice(bytes);
            start..self.bytes.len()
        };
        let customer = copy(&stored.customer);
        let events = stored
            .events
            .iter()
            .map(|(kind, bytes)| (*kind, copy(bytes)))
            .collect();
        self.customers.push((customer, events));
    }

    pub fn len(&self) -> usize {
        self.customers.len()
    }

    /// Empties the batch, keeping its memory for the next one.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.customers.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
    }

    /// Each customer of the batch with their events, in the order they were pushed.
    pub fn decode<'a>(
        &'a self,
        store: &'a Store,
    ) -> impl Iterator<Item = Result<(Customer, Vec<Event>), StoreError>> + 'a {
        self.customers.iter().map(move |(customer, events)| {
            decode(
                store,
                &self.bytes[customer.clone()],
                events
                    .iter()
                    .map(|(kind, range)| (*kind, &self.bytes[range.clone()])),
            )
        })
    }
}

impl Everyone<'_> {
    /// The events of the customer whose key is `key`, taken from each tree's walk (and before them any of
    /// an id with no customer, passed over); an error is taken at once.
    fn events_of(
        &mut self,
        key: &[u8],
    ) -> Result<Vec<(&'static KindSpec, sled::IVec)>, StoreError> {
        let mut events = Vec::new();
        for (kind, tree) in &mut self.events {
            let up_to_here = |item: &sled::Result<(sled::IVec, sled::IVec)>| {
                item.as_ref()
                    .map_or(true, |(k, _)| k.get(..16).unwrap_or(k) <= key)
            };
            while let Some(item) = tree.next_if(up_to_here) {
                let (k, v) = item.map_err(|e| self.store.err(e))?;
                if k.get(..16) == Some(key) {
                    events.push((*kind, v));
                }
            }
        }
        Ok(events)
    }
}

impl Iterator for Everyone<'_> {
    type Item = Result<Stored, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (key, customer) = match self.customers.next()? {
            Ok(item) => item,
            Err(e) => return Some(Err(self.store.err(e))),
        };
        Some(
            self.events_of(&key)
                .map(|events| Stored { customer, events }),
        )
    }
}
