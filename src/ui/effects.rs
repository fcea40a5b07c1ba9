//! The desk's effects run against the book: searches, loads and writes, each write durable before its
//! "saved" action comes back to `update`.

use super::App;
use super::state::{Action, Effect, Undo, UndoStep};
use crate::{safe, text};

impl App {
    /// A customer other than `except` whose name is `name` once both are folded (case, accents,
    /// apostrophes): their id and their name as written.
    fn customer_named(
        &self,
        name: &str,
        except: Option<crate::domain::Id>,
    ) -> Option<(crate::domain::Id, String)> {
        self.book
            .search(name, Some(50))
            .into_iter()
            .filter(|&id| Some(id) != except)
            .filter_map(|id| self.book.entry(id).map(|e| (id, e.name)))
            .find(|(_, found)| same_name(found, name))
            .map(|(id, found)| (id, safe::line(found)))
    }

    pub(super) fn name_of(&self, id: crate::domain::Id) -> String {
        self.book
            .entry(id)
            .map(|e| safe::line(e.name))
            .unwrap_or_default()
    }

    /// Runs one effect against the book; a write is durable before its "saved" action comes back.
    /// Forgets `customer` (see [`crate::book::Book::forget`]), and clears their id from the log.
    fn forget_now(
        &mut self,
        customer: crate::domain::Id,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), crate::store::StoreError> {
        // The draft file moves with the store's folder: no write of it may land meanwhile.
        self.drafts.settle();
        self.book.forget(customer, now, &mut |_| {})?;
        // The log names ids, never people; the forgotten one's id leaves it too.
        if let Some(log) = &self.log
            && let Err(e) = crate::files::drop_lines_in_logs(log, &customer.to_string())
        {
            tracing::warn!(error = %e, "the log could not be cleared of an id");
        }
        Ok(())
    }

    /// "Forgotten", where the desk's own backups that still hold them are (if it made some: what matters
    /// most comes first, should the sentence be cut), and that the other tills forget them too when the
    /// forget is this desk's (`ours`) and the desk syncs.
    fn forgotten_message(&self, name: &str, ours: bool) -> String {
        let mut said = text::forgotten_here(name);
        if let Some(backups) = self.backups.as_ref().filter(|b| !b.list().is_empty()) {
            said.push(' ');
            said.push_str(&text::own_backups_in(&backups.folder.display().to_string()));
        }
        if ours && self.syncs() {
            said.push(' ');
            said.push_str(&text::FORGET_TRAVELS_DESK.text());
        }
        said
    }

    pub(super) fn perform(&mut self, effect: Effect) -> Action {
        let clock = self.state.clock;
        let now = clock.now();
        let failed = |e: crate::store::StoreError| Action::SaveFailed(e.to_string());
        let undo = |step, customer, name: &str| {
            Some(Undo {
                step,
                customer,
                name: name.to_string(),
                what: None,
                at: now,
            })
        };
        let undo_promise = |step, customer, name: &str, what: &str| {
            Some(Undo {
                what: Some(safe::line(what)),
                ..undo(step, customer, name)?
            })
        };
        match effect {
            Effect::Search(query) => {
                let (ids, matched) = self.book.search_counted(&query, Some(self.result_page));
                Action::Results {
                    ids,
                    matched,
                    total: self.book.len(),
                }
            }
            Effect::MoreResults { query, select } => Action::MoreResults {
                ids: self.book.search(&query, None),
                select,
            },
            Effect::Load(id) => {
                Action::Loaded(self.book.card(id).map(Box::new).map_err(|e| e.to_string()))
            }
            Effect::LogVisit {
                customer,
                amount_cents,
                what,
                attempt,
            } => match self.book.log_visit(customer, attempt, amount_cents, what) {
                Ok(visit) => {
                    let name = self.name_of(customer);
                    // A visit that takes them up a tier is celebrated.
                    let loyalty = &self.state.loyalty;
                    let climbed = self.book.entry(customer).and_then(|e| {
                        let since = e.since?;
                        let today = clock.today();
                        let before = loyalty.tier(since, e.visits.saturating_sub(1), today);
                        let after = loyalty.tier(since, e.visits, today);
                        (after > before).then(|| text::tier_name(loyalty, after))
                    });
                    Action::Saved {
                        message: match climbed {
                            Some(tier) => text::visit_logged_new_tier(&name, &safe::line(&tier)),
                            None => text::visit_logged(&name),
                        },
                        customer,
                        open: true,
                        undo: undo(UndoStep::Visit(visit.id), customer, &name),
                    }
                }
                Err(e) => failed(e),
            },
            Effect::AddNote {
                customer,
                kind,
                text: note,
                pinned,
                answers,
                attempt,
            } => match self
                .book
                .add_note_answering(customer, attempt, kind, note, pinned, answers)
            {
                Ok(note) => {
                    let name = self.name_of(customer);
                    Action::Saved {
                        message: text::note_added(&name),
                        customer,
                        open: true,
                        undo: undo(UndoStep::Note(note.id), customer, &name),
                    }
                }
                Err(e) => failed(e),
            },
            Effect::AddCustomer {
                draft,
                same_name_ok,
                attempt,
            } if !same_name_ok
                .as_deref()
                .is_some_and(|ok| same_name(ok, &draft.name)) =>
            {
                // Not the customer an earlier try of this very form may have added already.
                match self.customer_named(&draft.name, Some(attempt.id)) {
                    Some((_, name)) => Action::SameName {
                        draft,
                        name,
                        attempt,
                    },
                    None => self.perform(Effect::AddCustomer {
                        same_name_ok: Some(draft.name.clone()),
                        draft,
                        attempt,
                    }),
                }
            }
            Effect::AddCustomer { draft, attempt, .. } => {
                match self.book.add_customer(draft, attempt, clock.today()) {
                    Ok(c) => {
                        let name = safe::line(&c.name);
                        Action::Saved {
                            message: text::customer_added(&name),
                            customer: c.id,
                            open: true,
                            undo: undo(UndoStep::Added, c.id, &name),
                        }
                    }
                    Err(e) => failed(e),
                }
            }
            Effect::UpdateCustomer {
                id,
                draft,
                attempt,
                before,
            } => {
                let before = match before {
                    Some(before) => Ok(*before),
                    None => self.book.customer(id),
                };
                match before.and_then(|before| {
                    self.book
                        .update_customer_asking(id, draft, attempt, clock.today())
                        .map(|after| (before, after))
                }) {
                    Ok((before, (c, consent))) => {
                        let name = safe::line(&c.name);
                        let consent = consent.iter().map(|change| change.id).collect();
                        Action::Saved {
                            message: text::customer_saved(&name),
                            customer: c.id,
                            open: true,
                            undo: undo(
                                UndoStep::Edit(Box::new((before, c.clone())), consent),
                                c.id,
                                &name,
                            ),
                        }
                    }
                    Err(e) => failed(e),
                }
            }
            Effect::CheckNewName(query) => Action::NewNameChecked {
                existing: self.customer_named(&query, None),
                query,
            },
            Effect::Undo(Undo {
                step,
                customer,
                name,
                ..
            }) => {
                let done = match &step {
                    UndoStep::Visit(event)
                    | UndoStep::Note(event)
                    | UndoStep::Void(event)
                    | UndoStep::Promise(event)
                    | UndoStep::Redeemed(event)
                    | UndoStep::PromiseEnd(event, _) => self.book.void(*event, now).map(|_| true),
                    // The fields as they were, and the consent asked in the edit taken back; nothing,
                    // when every field it changed has changed again since.
                    UndoStep::Edit(edit, consent) => {
                        let (before, after) = &**edit;
                        self.book
                            .revert_customer(before, after, now)
                            .and_then(|gave_back| {
                                consent.iter().rev().try_for_each(|&change| {
                                    self.book.void(change, now).map(drop)
                                })?;
                                Ok(gave_back || !consent.is_empty())
                            })
                    }
                    // A store that syncs may have sent them to the other tills already: they are
                    // forgotten, which travels, rather than removed here alone (only while nothing
                    // is recorded for them, as either way).
                    UndoStep::Added => match self.book.store().and_then(|s| s.sync_till()) {
                        Ok(Some(_)) => self
                            .book
                            .store()
                            .and_then(|s| s.check_unused(customer))
                            .and_then(|()| self.forget_now(customer, now)),
                        Ok(None) => self.book.remove_new_customer(customer),
                        Err(e) => Err(e),
                    }
                    .map(|()| true),
                };
                let name = safe::line(&name);
                let message = text::undone(step.word(), &name);
                match done {
                    Ok(true) if matches!(step, UndoStep::Added) => Action::Removed(message),
                    Ok(gave_back) => Action::Saved {
                        message: if gave_back {
                            message
                        } else {
                            text::undo_overtaken(&name)
                        },
                        customer,
                        open: true,
                        undo: None,
                    },
                    // Named, not numbered: the question before named them.
                    Err(crate::store::StoreError::CustomerInUse(_)) => {
                        Action::SaveFailed(text::in_use_named(&name))
                    }
                    Err(e) => failed(e),
                }
            }
            Effect::Forget(customer) => {
                let name = self.name_of(customer);
                match self.forget_now(customer, now) {
                    Ok(()) => Action::Removed(self.forgotten_message(&name, true)),
                    Err(e) => failed(e),
                }
            }
            Effect::ForgetFromHub(customer) => {
                let name = self.name_of(customer);
                match self.forget_now(customer, now) {
                    Ok(()) => Action::ForgottenElsewhere {
                        customer,
                        message: self.forgotten_message(&name, false),
                    },
                    Err(e) => failed(e),
                }
            }
            Effect::MakePromise {
                customer,
                draft,
                attempt,
            } => match self.book.make_promise(customer, attempt, draft) {
                Ok(promise) => {
                    let name = self.name_of(customer);
                    Action::Saved {
                        message: text::promise_made(&name, promise.due, clock.today()),
                        customer,
                        open: true,
                        undo: undo_promise(
                            UndoStep::Promise(promise.id),
                            customer,
                            &name,
                            &promise.text,
                        ),
                    }
                }
                Err(e) => failed(e),
            },
            Effect::EndPromise {
                customer,
                promise,
                outcome,
            } => match self.book.end_promise(promise, now, outcome) {
                Ok((end, promise)) => {
                    let name = self.name_of(customer);
                    Action::Saved {
                        message: text::promise_ended(outcome, &safe::line(&promise.text), &name),
                        customer,
                        open: false,
                        undo: undo_promise(
                            UndoStep::PromiseEnd(end.id, outcome),
                            customer,
                            &name,
                            &promise.text,
                        ),
                    }
                }
                Err(e) => failed(e),
            },
            Effect::Redeem { customer, attempt } => {
                let reward = text::reward_words(&self.state.loyalty.reward);
                match self
                    .book
                    .redeem(customer, attempt, &self.state.loyalty, reward.clone())
                {
                    Ok((redemption, figures)) => {
                        let name = self.name_of(customer);
                        let card = self.state.loyalty.stamp_card(&figures);
                        Action::Saved {
                            message: text::reward_given(&name, &safe::line(&reward), card),
                            customer,
                            open: false,
                            undo: undo(UndoStep::Redeemed(redemption.id), customer, &name),
                        }
                    }
                    Err(e) => failed(e),
                }
            }
            Effect::Today => {
                let day = clock.today();
                let (index, loyalty) = (self.book.index(), &self.state.loyalty);
                let local_day = |t| clock.local_date(t);
                // The two scans read the index side by side (each is a few milliseconds at a million
                // customers): Ctrl-T answers within a keystroke.
                let agenda = std::thread::scope(|s| {
                    let lapsed = s.spawn(|| index.lapsed(day, loyalty, local_day));
                    let mut agenda = index.agenda(day, local_day);
                    agenda.extend(lapsed.join().unwrap_or_default());
                    agenda
                });
                Action::TodayReady(Box::new(super::state::TodayView::new(day, &agenda)))
            }
            Effect::FindReferrer { query, myself } => {
                use super::form::REFERRER_MATCHES;
                let index = self.book.index();
                let (ids, mut total) = index.search_counted(&query, Some(REFERRER_MATCHES + 1));
                if myself.is_some_and(|me| ids.contains(&me)) {
                    total -= 1;
                }
                let matches = ids
                    .into_iter()
                    .filter(|&id| Some(id) != myself)
                    .filter_map(|id| {
                        let e = index.get(id)?;
                        let shown = match e.since {
                            Some(since) => text::referrer_match(e.name, since),
                            None => e.name.to_string(),
                        };
                        Some((id, shown))
                    })
                    .take(REFERRER_MATCHES)
                    .collect();
                Action::ReferrerMatches {
                    query,
                    matches,
                    total,
                }
            }
            Effect::Pulse => {
                Action::PulseReady(Box::new(self.book.pulse(&clock, &self.state.loyalty)))
            }
            // Today makes no write, so the slot is still the line's customer; if the index changed meanwhile
            // (a store opening behind the first frame caught up), a slot that left it opens nothing.
            Effect::OpenSlot(slot) => match self.book.index().id_at(slot) {
                Some(id) => Action::OpenCustomer(id),
                None => self.perform(Effect::Search(self.state.query())),
            },
            Effect::Void { event, customer } => match self.book.void(event, now) {
                Ok(voided) => {
                    let name = self.name_of(customer);
                    Action::Saved {
                        message: text::voided(voided.kind, &name),
                        customer,
                        open: false,
                        undo: undo(UndoStep::Void(voided.void.id), customer, &name),
                    }
                }
                Err(e) => failed(e),
            },
        }
    }

    pub(super) fn log(action: &Action) {
        match action {
            Action::Saved { customer, .. } => tracing::info!(customer = %customer, "saved"),
            Action::SaveFailed(reason) => tracing::warn!(%reason, "not saved"),
            Action::Loaded(Err(reason)) => tracing::warn!(%reason, "could not load a customer"),
            _ => {}
        }
    }
}

/// Whether two names are the same once folded (case, accents, apostrophes: `teresa damato` is
/// `Teresa D'Amato`).
fn same_name(a: &str, b: &str) -> bool {
    crate::search::fold_words(a) == crate::search::fold_words(b)
}
