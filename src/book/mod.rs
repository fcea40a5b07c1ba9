//! The customer book: the store and the search index kept in step. Every write goes to the store (durably)
//! first and then to the index, so the index never shows something that is not saved.
//!
//! `open.rs` opens and closes it (the store may open behind the desk's first frame), `index.rs` keeps the
//! search index in step with the store and saves it, `profile.rs` is a customer with their events as the
//! screens read them.

mod index;
mod open;
mod profile;
#[cfg(feature = "test-hooks")]
pub use open::gate;
pub mod timeline;

pub use profile::{Profile, Voided};

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::domain::{
    Attempt, Channel, ConsentChange, Customer, CustomerDraft, Event, Id, Loyalty, Note, NoteKind,
    Outcome, Promise, PromiseDraft, PromiseEnd, Redemption, Standing, Visit, VisitStats, Void,
    open_complaints, promise_states, voided_events, voids_in,
};
use crate::search::snapshot::Header;
use crate::search::{Entry, SearchIndex};
use crate::store::StoreError;
use open::Slot;

pub struct Book {
    path: PathBuf,
    slot: Slot,
    index: SearchIndex,
    staff: Option<String>,
    /// Journal entries written or replayed since the index was last saved.
    unsaved: u64,
    /// The last journal entry the in-memory index includes.
    seq: u64,
    /// The header of the index file as this process last read or wrote it.
    saved: Option<Header>,
    /// The index changed when the store opened behind the desk's first frame; the desk's loop searches
    /// again ([`Book::check_open`]).
    caught_up_late: bool,
    /// A bulk load ([`Book::load_new`]) brought something the index cannot simply add (a customer it
    /// already had, visits of someone outside the batch): [`Book::finish_load`] rebuilds it instead.
    rebuild_after_load: bool,
}

impl Book {
    /// The search index (for answers that need nothing else, such as `find`).
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn staff(&self) -> Option<&str> {
        self.staff.as_deref()
    }

    pub fn search(&self, query: &str, limit: Option<usize>) -> Vec<Id> {
        self.index.search(query, limit)
    }

    /// The first `limit` customers matching `query`, best first, and how many match in all.
    pub fn search_counted(&self, query: &str, limit: Option<usize>) -> (Vec<Id>, usize) {
        self.index.search_counted(query, limit)
    }

    /// Today's agenda, from the search index alone (see [`SearchIndex::agenda`]), each thing with its
    /// customer's id: what is dated, then the regulars past their rhythm under `loyalty`.
    pub fn agenda(
        &self,
        clock: &crate::clock::Clock,
        loyalty: &Loyalty,
    ) -> Vec<(Id, crate::domain::AgendaItem)> {
        let mut slots = self.agenda_slots(clock);
        slots.extend(self.lapsed_slots(clock, loyalty));
        slots
            .into_iter()
            .filter_map(|(slot, item)| Some((self.index.id_at(slot)?, item)))
            .collect()
    }

    /// The regulars past their own rhythm today under `loyalty` (see [`SearchIndex::lapsed`]), each with
    /// their slot in the search index.
    pub fn lapsed_slots(
        &self,
        clock: &crate::clock::Clock,
        loyalty: &Loyalty,
    ) -> Vec<(u32, crate::domain::AgendaItem)> {
        self.index
            .lapsed(clock.today(), loyalty, |t| clock.local_date(t))
    }

    /// The shop's pulse today under `loyalty` (see [`SearchIndex::pulse`]).
    pub fn pulse(&self, clock: &crate::clock::Clock, loyalty: &Loyalty) -> crate::search::Pulse {
        self.index
            .pulse(clock.today(), loyalty, |t| clock.local_date(t))
    }

    /// Today's agenda with the customers' slots in the search index, for the desk's Today view (which
    /// reads ids and names for the lines on screen only; see [`SearchIndex::id_at`]).
    pub fn agenda_slots(
        &self,
        clock: &crate::clock::Clock,
    ) -> Vec<(u32, crate::domain::AgendaItem)> {
        self.index.agenda(clock.today(), |t| clock.local_date(t))
    }

    pub fn entry(&self, id: Id) -> Option<Entry<'_>> {
        self.index.get(id)
    }

    /// Everything about a customer, every event, voided or not.
    pub fn profile(&mut self, id: Id) -> Result<Profile, StoreError> {
        let store = self.store()?;
        let customer = store.customer(id)?.ok_or(StoreError::NoCustomer(id))?;
        let figures = store.stats_for(id)?;
        let mut profile = Profile::new(customer, store.events_for(id)?, figures, false);
        profile.tills = store.tills_of(id)?;
        profile.referrer = self.referrer_of(&profile.customer);
        profile.brought = self.index.get(id).map_or(0, |e| e.brought);
        Ok(profile)
    }

    /// What the desk shows of a customer: their latest visits (a café regular of ten years has thousands)
    /// and every other event that stands, the count from the cached figures.
    pub fn card(&mut self, id: Id) -> Result<Profile, StoreError> {
        let store = self.store()?;
        let customer = store.customer(id)?.ok_or(StoreError::NoCustomer(id))?;
        let figures = store.stats_for(id)?;
        let mut profile = Profile::new(customer, store.card_events(id)?, figures, true);
        profile.tills = store.tills_of(id)?;
        profile.referrer = self.referrer_of(&profile.customer);
        profile.brought = self.index.get(id).map_or(0, |e| e.brought);
        Ok(profile)
    }

    /// The name of the customer who referred `customer`, from the index.
    fn referrer_of(&self, customer: &Customer) -> Option<String> {
        let referrer = customer.referred_by?;
        self.index.get(referrer).map(|e| e.name.to_string())
    }

    /// Takes back visit or note `event` (found by its id alone) with a void event at `at`; durable when it
    /// returns. The visit figures and the search index follow.
    pub fn void(&mut self, event: Id, at: DateTime<Utc>) -> Result<Voided, StoreError> {
        let staff = self.staff.clone();
        let store = self.store()?;
        let customer = store.owner_of(event)?.ok_or(StoreError::NoEvent(event))?;
        let void = Void {
            id: Id::at(at),
            customer,
            target: event,
            at,
            staff,
        };
        let (kind, figures) = store.void(&void)?;
        self.index.set_figures(customer, &figures);
        self.unsaved += 1;
        Ok(Voided { void, kind })
    }

    /// Adds a customer made `now` (a time, or the [`Attempt`] of a form tried before: then the same
    /// customer, written again), with the consent asked meanwhile; durable when it returns.
    pub fn add_customer(
        &mut self,
        draft: CustomerDraft,
        now: impl Into<Attempt>,
        today: chrono::NaiveDate,
    ) -> Result<Customer, StoreError> {
        let attempt = now.into();
        if let Some(referrer) = draft.referred_by
            && self.index.get(referrer).is_none()
        {
            return Err(StoreError::NoCustomer(referrer));
        }
        let consent = draft.consent.clone();
        let customer = Customer::new(draft, attempt, today, self.staff());
        self.store()?.put_customer(&customer)?;
        self.index.upsert(&customer);
        self.unsaved += 1;
        self.consent_asked(customer.id, attempt, today, &consent)?;
        Ok(customer)
    }

    /// The customers `id` referred (their id and name), in id order.
    pub fn referred_by(&mut self, id: Id) -> Result<Vec<(Id, String)>, StoreError> {
        let mut out = Vec::new();
        for customer in self.store()?.customers() {
            let customer = customer?;
            if customer.referred_by == Some(id) {
                out.push((customer.id, customer.name));
            }
        }
        Ok(out)
    }

    /// Every record about customer `id` as stored, voided ones and voids too.
    pub fn events_of(&mut self, id: Id) -> Result<Vec<Event>, StoreError> {
        self.store()?.events_for(id)
    }

    /// Every customer as stored, in id order.
    pub fn customers(&mut self) -> Result<Vec<Customer>, StoreError> {
        self.store()?.customers().collect()
    }

    /// A customer as stored.
    pub fn customer(&mut self, id: Id) -> Result<Customer, StoreError> {
        self.store()?
            .customer(id)?
            .ok_or(StoreError::NoCustomer(id))
    }

    /// Takes back an edit that made the customer `after` out of `before`: each field it changed goes
    /// back, unless it changed again since (here, or at another till: see
    /// [`crate::domain::revert_edit`]). A new change, made now by whoever is at the counter, so
    /// two stores can still be reconciled field by field.
    /// False, with nothing written, when every field the edit changed has changed again since.
    pub fn revert_customer(
        &mut self,
        before: &Customer,
        after: &Customer,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let current = self.customer(before.id)?;
        let mut customer = crate::domain::revert_edit(&current, before, after);
        if customer == current {
            return Ok(false);
        }
        customer.touched(now, self.staff.as_deref());
        self.store()?.put_customer(&customer)?;
        self.index.upsert(&customer);
        self.unsaved += 1;
        Ok(true)
    }

    /// Removes a customer added by mistake (an undone add), only while nothing at all is recorded for
    /// them: a customer with a visit, a note or a void is refused. The index forgets them at once.
    pub fn remove_new_customer(&mut self, id: Id) -> Result<(), StoreError> {
        self.store()?.remove_unused_customer(id)?;
        self.index.remove(id);
        self.unsaved += 1;
        Ok(())
    }

    /// Writes the edited fields of customer `id`, and the consent asked meanwhile (as given or withdrawn
    /// `today`); each durable when it returns.
    pub fn update_customer(
        &mut self,
        id: Id,
        draft: CustomerDraft,
        now: impl Into<Attempt>,
        today: chrono::NaiveDate,
    ) -> Result<Customer, StoreError> {
        self.update_customer_asking(id, draft, now, today)
            .map(|(customer, _)| customer)
    }

    /// [`Book::update_customer`], with the consent changes it recorded (the desk's undo takes them back).
    /// `now` may be the [`Attempt`] of a form tried before: its consent changes are then the same ones.
    pub fn update_customer_asking(
        &mut self,
        id: Id,
        draft: CustomerDraft,
        now: impl Into<Attempt>,
        today: chrono::NaiveDate,
    ) -> Result<(Customer, Vec<ConsentChange>), StoreError> {
        let attempt = now.into();
        if let Some(referrer) = draft.referred_by
            && self.index.get(referrer).is_none()
        {
            return Err(StoreError::NoCustomer(referrer));
        }
        let mut customer = self
            .store()?
            .customer(id)?
            .ok_or(StoreError::NoCustomer(id))?;
        let consent = draft.consent.clone();
        customer.apply(draft, attempt.at, self.staff.as_deref());
        self.store()?.put_customer(&customer)?;
        self.index.upsert(&customer);
        self.unsaved += 1;
        let changes = self.consent_asked(id, attempt, today, &consent)?;
        Ok((customer, changes))
    }

    /// Records consent asked at the counter today for customer `id`, in the form saved as `attempt`: each
    /// channel given or withdrawn, a millisecond apart in the channels' order, each with the same id at
    /// every try of that form.
    fn consent_asked(
        &mut self,
        id: Id,
        attempt: Attempt,
        today: chrono::NaiveDate,
        changes: &[(Channel, bool)],
    ) -> Result<Vec<ConsentChange>, StoreError> {
        let mut made = Vec::new();
        for (n, channel) in (0u32..).zip(Channel::ALL) {
            // Each channel's change has its own id in this form, whatever else was asked with it.
            let (change, at) = attempt.further(n);
            match changes.iter().find(|(c, _)| *c == channel) {
                Some(&(_, given)) => {
                    let source = crate::text::CONSENT_SOURCE_DEFAULT.to_string();
                    let attempt = Attempt { id: change, at };
                    made.push(self.change_consent(id, attempt, channel, given, today, source)?);
                }
                // Asked at an earlier try of this form and no more (the box was changed back before
                // saving again): that try's change is taken back.
                None if self.store()?.has_event(id, change)? => {
                    let events = self.store()?.events_for(id)?;
                    if !voided_events(&voids_in(&events)).contains(&change) {
                        let (_, at) = attempt.further(n + 4);
                        self.void(change, at)?;
                    }
                }
                None => {}
            }
        }
        Ok(made)
    }

    /// Logs a visit of `customer` at `at` (a time, or the [`Attempt`] of a form tried before: then the
    /// same visit, written again and counted once); durable when it returns.
    pub fn log_visit(
        &mut self,
        customer: Id,
        at: impl Into<Attempt>,
        amount_cents: Option<i64>,
        what: Option<String>,
    ) -> Result<Visit, StoreError> {
        let Attempt { id, at } = at.into();
        let visit = Visit {
            id,
            customer,
            at,
            amount_cents,
            what: what.filter(|w| !w.trim().is_empty()),
            staff: self.staff.clone(),
        };
        self.record(Event::Visit(visit.clone()))?;
        Ok(visit)
    }

    pub fn add_note(
        &mut self,
        customer: Id,
        at: impl Into<Attempt>,
        kind: NoteKind,
        text: String,
        pinned: bool,
    ) -> Result<Note, StoreError> {
        self.add_note_answering(customer, at, kind, text, pinned, None)
    }

    /// Adds a note that may answer `answers`, an open complaint of the same customer (anything else is
    /// refused with [`StoreError::NoComplaint`]); durable when it returns. `at` may be the [`Attempt`] of
    /// a form tried before: the same note is written again.
    pub fn add_note_answering(
        &mut self,
        customer: Id,
        at: impl Into<Attempt>,
        kind: NoteKind,
        text: String,
        pinned: bool,
        answers: Option<Id>,
    ) -> Result<Note, StoreError> {
        let Attempt { id, at } = at.into();
        let staff = self.staff.clone();
        let store = self.store()?;
        if let Some(complaint) = answers {
            let mut events = store.events_for(customer)?;
            // A try before this one may have got in already: the complaint it answers is still its own.
            events.retain(|e| e.id() != id);
            let voided = voided_events(&voids_in(&events));
            if !open_complaints(&events, &voided)
                .iter()
                .any(|c| c.id == complaint)
            {
                return Err(StoreError::NoComplaint(complaint));
            }
        }
        let note = Note {
            id,
            customer,
            at,
            kind,
            text,
            staff,
            pinned,
            answers,
        };
        self.record(Event::Note(note.clone()))?;
        Ok(note)
    }
}

impl Book {
    /// Makes a promise to `customer` at `at`; durable when it returns.
    /// `at` may be the [`Attempt`] of a form tried before: the same promise is written again.
    pub fn make_promise(
        &mut self,
        customer: Id,
        at: impl Into<Attempt>,
        draft: PromiseDraft,
    ) -> Result<Promise, StoreError> {
        let Attempt { id, at } = at.into();
        let promise = Promise {
            id,
            customer,
            at,
            due: draft.due,
            text: draft.text,
            staff: self.staff.clone(),
        };
        self.record(Event::Promise(promise.clone()))?;
        Ok(promise)
    }

    /// Ends promise `promise` (found by its id alone) as `outcome` at `at`: only a promise that stands and
    /// is still open. Durable when it returns. Returns the end and the promise.
    pub fn end_promise(
        &mut self,
        promise: Id,
        at: DateTime<Utc>,
        outcome: Outcome,
    ) -> Result<(PromiseEnd, Promise), StoreError> {
        let staff = self.staff.clone();
        let store = self.store()?;
        let customer = store
            .owner_of(promise)?
            .ok_or(StoreError::NoPromise(promise))?;
        let events = store.events_for(customer)?;
        let voided = voided_events(&voids_in(&events));
        let state = promise_states(&events, &voided)
            .into_iter()
            .find(|s| s.promise.id == promise)
            .ok_or(StoreError::NoPromise(promise))?;
        if let Standing::Ended(end) = state.standing {
            return Err(StoreError::PromiseEnded(promise, end.outcome));
        }
        let end = PromiseEnd {
            id: Id::at(at),
            customer,
            promise,
            outcome,
            at,
            staff,
        };
        let promise = state.promise.clone();
        self.record(Event::PromiseEnd(end.clone()))?;
        Ok((end, promise))
    }
}

impl Book {
    /// Records that `customer` gave (or withdrew) consent to be reached on `channel` on day `on`, as
    /// `source` says where; durable when it returns.
    pub fn change_consent(
        &mut self,
        customer: Id,
        at: impl Into<Attempt>,
        channel: Channel,
        given: bool,
        on: chrono::NaiveDate,
        source: String,
    ) -> Result<ConsentChange, StoreError> {
        let staff = self.staff.clone();
        let store = self.store()?;
        if store.customer(customer)?.is_none() {
            return Err(StoreError::NoCustomer(customer));
        }
        let Attempt { id, at } = at.into();
        let change = ConsentChange {
            id,
            customer,
            at,
            channel,
            given,
            on,
            source: source.trim().to_string(),
            staff,
        };
        self.record(Event::Consent(change.clone()))?;
        Ok(change)
    }

    /// Records a reward taken by `customer` at `at`, if their card has one ready under `loyalty`'s rules
    /// (refused with [`StoreError::NoRewardReady`] otherwise); `reward` is what it is called. Durable
    /// when it returns. Returns the redemption and the figures after it.
    pub fn redeem(
        &mut self,
        customer: Id,
        at: impl Into<Attempt>,
        loyalty: &Loyalty,
        reward: String,
    ) -> Result<(Redemption, VisitStats), StoreError> {
        let Attempt { id, at } = at.into();
        let staff = self.staff.clone();
        let store = self.store()?;
        if store.customer(customer)?.is_none() {
            return Err(StoreError::NoCustomer(customer));
        }
        let card = loyalty.stamp_card(&store.stats_for(customer)?);
        // A try again of a redemption that got in has used its stamps already: it is written again.
        if card.ready == 0 && !store.has_event(customer, id)? {
            return Err(StoreError::NoRewardReady(card.stamps, card.per_reward));
        }
        let redemption = Redemption {
            id,
            customer,
            at,
            stamps: card.per_reward,
            reward,
            staff,
        };
        let figures = self.record(Event::Redemption(redemption.clone()))?;
        Ok((redemption, figures))
    }
}

impl Book {
    /// Writes `event` (durable when it returns) and brings its customer's figures in the index up to
    /// date. Returns the figures.
    fn record(&mut self, event: Event) -> Result<VisitStats, StoreError> {
        let customer = event.customer();
        let figures = self.store()?.add_event(&event)?;
        self.index.set_figures(customer, &figures);
        self.unsaved += 1;
        Ok(figures)
    }
}
