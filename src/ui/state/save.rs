//! Enter on a form: what was typed is checked by the domain's rules and becomes the write it asks for;
//! a field that breaks one is marked, and everything typed stays.

use super::keys::{find_referrer, visit_or_ask};
use super::{Effect, State};
use crate::domain::{
    Attempt, CustomerDraft, NoteDraft, NoteKind, PromiseDraft, PromiseField, VisitDraft,
    VisitField, check_answer,
};
use crate::text::{self, InputError};
use crate::ui::form::{CONSENT_FIELD, Form, FormKind, NoReferrer, REFERRER_FIELD};

/// Validates the open form; a bad field is marked and keeps everything typed.
pub(super) fn save(state: &mut State) -> Option<Effect> {
    let today = state.clock.today();
    let now = state.clock.now();
    let form = state.form.as_mut()?;
    // The record's id and time, fixed at the first try and kept with the form until it is saved.
    let attempt = form.attempt.unwrap_or_else(|| Attempt::new(now));
    let result: Result<Effect, (usize, InputError)> = match form.kind {
        FormKind::NewCustomer | FormKind::EditCustomer(_) => {
            let before = match form.kind {
                FormKind::EditCustomer(id) => state
                    .profile
                    .as_ref()
                    .filter(|p| p.customer.id == id)
                    .map(|p| Box::new(p.customer.clone())),
                _ => None,
            };
            let original = before.as_ref().map(|c| c.to_text());
            let typed = match &original {
                Some(original) => form.customer_text_over(original),
                None => form.customer_text(),
            };
            // Who referred them: the match chosen in its field (letters that match no one are refused).
            let chosen = form
                .referrer
                .as_ref()
                .map_or(Ok(None), |r| r.chosen(&form.value(REFERRER_FIELD)));
            let referred_by = match chosen {
                Ok(id) => id,
                // Letters not looked up yet (a draft brought back): looked up now, and shown to be
                // checked before the next Enter saves.
                Err(NoReferrer::NotSearched) => {
                    let search = find_referrer(form);
                    form.focus = REFERRER_FIELD;
                    state.info(text::REFERRER_SEARCHING.to_string());
                    return search;
                }
                Err(NoReferrer::NoMatch) => {
                    form.set_error(REFERRER_FIELD, text::REFERRER_NONE.to_string());
                    state.error(text::FIX_FIELD.to_string());
                    return None;
                }
            };
            // The boxes ticked or unticked since the form opened: consent given or withdrawn now.
            let consent: Vec<_> = form
                .consent()
                .into_iter()
                .filter(|&(_, on, initial)| on != initial)
                .map(|(channel, on, _)| (channel, on))
                .collect();
            CustomerDraft::from_text(&typed, today)
                .map_err(|(field, e)| (Form::customer_field_index(field), e))
                .map(|draft| CustomerDraft {
                    consent,
                    referred_by,
                    ..draft
                })
                .and_then(|draft| match draft.unreachable_consent() {
                    Some(channel) => {
                        Err((CONSENT_FIELD, InputError::ConsentWithoutContact(channel)))
                    }
                    None => Ok(draft),
                })
                .map(|draft| match form.kind {
                    FormKind::EditCustomer(id) => Effect::UpdateCustomer {
                        id,
                        draft,
                        attempt,
                        before: before.clone(),
                    },
                    _ => Effect::AddCustomer {
                        draft,
                        same_name_ok: form.same_name_ok.clone(),
                        attempt,
                    },
                })
        }
        FormKind::Note(customer) => {
            let kind = NoteKind::ALL
                .get(form.choice(1))
                .copied()
                .unwrap_or_default();
            let answers = form.answers.filter(|_| form.toggle(3));
            check_answer(kind, answers)
                .map_err(|e| (1, e))
                .and_then(|()| {
                    NoteDraft::new(&form.value(0), kind, form.toggle(2)).map_err(|e| (0, e))
                })
                .map(|note| Effect::AddNote {
                    customer,
                    kind: note.kind,
                    text: note.text,
                    pinned: note.pinned,
                    answers,
                    attempt,
                })
        }
        FormKind::Forget(customer) => {
            // Their name typed whole (case, accents and apostrophes aside) says this is meant.
            let typed = crate::search::fold_words(&form.value(0));
            let wanted = state
                .profile
                .as_ref()
                .filter(|p| p.customer.id == customer)
                .map(|p| crate::search::fold_words(&p.customer.name));
            if wanted.is_some_and(|w| !w.is_empty() && w == typed) {
                Ok(Effect::Forget(customer))
            } else {
                Err((0, InputError::ForgetNameMismatch))
            }
        }
        FormKind::Promise(customer) => PromiseDraft::new(&form.value(0), &form.value(1), today)
            .map(|draft| Effect::MakePromise {
                customer,
                draft,
                attempt,
            })
            .map_err(|(field, e)| match field {
                PromiseField::Text => (0, e),
                PromiseField::Due => (1, e),
            }),
        FormKind::Visit(customer) => VisitDraft::new(&form.value(0), &form.value(1))
            .map(|visit| Effect::LogVisit {
                customer,
                amount_cents: visit.amount_cents,
                what: visit.what,
                attempt,
            })
            .map_err(|(field, e)| match field {
                VisitField::Amount => (0, e),
                VisitField::What => (1, e),
            }),
    };
    match result {
        Ok(effect) => {
            form.clear_errors();
            form.attempt = Some(attempt);
            match effect {
                Effect::LogVisit { .. } => visit_or_ask(state, effect),
                effect => Some(effect),
            }
        }
        Err((field, error)) => {
            form.set_error(field, error.to_string());
            state.error(text::FIX_FIELD.to_string());
            None
        }
    }
}
