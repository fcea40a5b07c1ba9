//! What the keyboard does: typed text into the search line or a form, and the keymap's commands (moving,
//! opening, questions; saving a form is in `save.rs`). Results of effects come back through
//! [`super::update`].

use crossterm::event::{KeyEvent, KeyModifiers};

use chrono::{DateTime, Utc};

use super::{Effect, EntryView, Focus, Question, State, UNDO_WINDOW, VISIT_AGAIN};
use crate::domain::{Attempt, EventKind, Id, Outcome};
use crate::text;
use crate::ui::form::{About, Form, FormKind};
use crate::ui::keymap::{Command, Mode};
use crate::ui::text_box::{clean_paste, edit_text, paste_refused};
use crate::ui::view::list_rows;

/// The character a key types as text (no Ctrl or Alt held, not a control character), if it is one.
fn typed_char(key: KeyEvent) -> Option<char> {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        crossterm::event::KeyCode::Char(c) if plain && !c.is_control() => Some(c),
        _ => None,
    }
}

pub(super) fn key_update(state: &mut State, key: KeyEvent) -> Option<Effect> {
    match state.mode() {
        Mode::Search => {
            let before = state.query();
            edit_text(&mut state.search, key, false);
            let query = state.query();
            if query == before {
                return None;
            }
            // A new search: what the status line said belongs to what came before (an error stays).
            if state.status.as_ref().is_some_and(|s| !s.error) {
                state.status = None;
            }
            Some(Effect::Search(query))
        }
        Mode::Customer | Mode::Timeline => {
            // Typing a name while on a customer starts the next search.
            let c = typed_char(key)?;
            state.search_for(&c.to_string())
        }
        Mode::Form => {
            let form = state.form.as_mut()?;
            form.input(key);
            // "Correct the highlighted field" goes once no field is highlighted any more.
            let fixed = form.fields.iter().all(|f| f.error.is_none());
            let search = find_referrer(form);
            if fixed && state.status_says(text::FIX_FIELD) {
                state.status = None;
            }
            search
        }
        // A letter that answers nothing, over a question: as letters starting with an answer (see
        // `Action::Burst`), without a form the question goes (as a "no") and the letter starts the next
        // search; over a form the question stays, and says it was not answered.
        Mode::Confirm => {
            let c = typed_char(key)?;
            if state.form.is_some() {
                state.info(text::QUESTION_NOT_ANSWERED.to_string());
                None
            } else {
                state.question = None;
                state.search_for(&c.to_string())
            }
        }
        Mode::Entry | Mode::Help | Mode::Today | Mode::Pulse => None,
    }
}

/// Pasted text: into the search line or the focused form field; on a customer it starts the next search.
/// Never a command, whatever it holds.
pub(super) fn paste_update(state: &mut State, pasted: &str) -> Option<Effect> {
    match state.mode() {
        Mode::Search => {
            let before = state.query();
            let pasted = clean_paste(pasted, false);
            if let Some(refused) = paste_refused(&state.search, &pasted) {
                state.error_until_next_key(refused);
                return None;
            }
            state.search.insert_str(pasted);
            let query = state.query();
            (query != before).then_some(Effect::Search(query))
        }
        // The next search, from an empty line.
        Mode::Customer | Mode::Timeline => {
            let pasted = clean_paste(pasted, false);
            if let Some(refused) = paste_refused(&ratatui_textarea::TextArea::default(), &pasted) {
                state.error_until_next_key(refused);
                return None;
            }
            state.search_for(&pasted)
        }
        Mode::Form => {
            let form = state.form.as_mut()?;
            form.paste(pasted);
            find_referrer(form)
        }
        Mode::Entry | Mode::Help | Mode::Confirm | Mode::Today | Mode::Pulse => None,
    }
}

/// The customers to look up for a customer form's referrer field, when its letters changed.
pub(super) fn find_referrer(form: &mut Form) -> Option<Effect> {
    form.referrer_search()
        .map(|(query, myself)| Effect::FindReferrer { query, myself })
}

pub(super) fn command_update(state: &mut State, command: Command) -> Option<Effect> {
    let page = list_rows(state.size.1).max(1);
    match command {
        Command::Quit => {
            // Asked twice (Ctrl-Q on the quit question itself) it quits; on another question it is
            // the question that matters now.
            let asked = state.question.take();
            if !matches!(asked, Some(Question::Quit { .. }))
                && state.form.as_ref().is_some_and(Form::has_typed_text)
            {
                state.question = Some(Question::Quit {
                    throwaway: state.throwaway,
                });
            } else {
                state.quit = true;
            }
            None
        }
        Command::Hide => {
            state.hidden = true;
            None
        }
        Command::Today => Some(Effect::Today),
        Command::Pulse => {
            state.pulse_from_today = state.mode() == Mode::Today;
            Some(Effect::Pulse)
        }
        Command::ClosePulse => {
            state.pulse = None;
            std::mem::take(&mut state.pulse_from_today).then_some(Effect::Today)
        }
        Command::CloseToday => {
            state.today = None;
            None
        }
        Command::TodayOpen => {
            let today = state.today.take()?;
            let row = today.rows.get(today.selected)?;
            Some(Effect::OpenSlot(row.slot))
        }
        Command::Help => {
            state.help = Some(state.mode());
            state.help_scroll = 0;
            None
        }
        Command::CloseHelp => {
            state.help = None;
            None
        }
        Command::NewCustomer => {
            // On a card the letters in the search found that customer: they are not the new one's
            // name, unless the card is the one Ctrl-N itself showed as having that name.
            let on_a_card = state.focus != Focus::Search;
            let query = if on_a_card && state.duplicate_shown != state.selected_id() {
                String::new()
            } else {
                state.query()
            };
            if query.trim().is_empty() {
                state.form = Some(Form::new_customer_from_query(&query));
                None
            } else {
                // Someone of that very name may be a customer already: the loop looks first.
                Some(Effect::CheckNewName(query))
            }
        }
        Command::Up
        | Command::Down
        | Command::PageUp
        | Command::PageDown
        | Command::Home
        | Command::End => move_by(state, command, page),
        Command::Open => {
            // A card opened by hand: not the one Ctrl-N showed for a name.
            state.duplicate_shown = None;
            if state.enter_adds_customer() {
                state.form = Some(Form::new_customer_from_query(&state.query()));
            } else if !state.results.is_empty() {
                state.focus = Focus::Customer;
            }
            None
        }
        Command::ClearSearch => {
            state.status = None;
            state.clear_search()
        }
        // Back to the search from a card: what the status line says of what was just done there ("Visit
        // logged for …", maybe settled by this very key) stays until the next key; an error is put away.
        Command::Back => {
            state.fade_status();
            state.clear_search()
        }
        Command::LogVisit => {
            let customer = state.selected_id()?;
            let attempt = quick_attempt(state, Command::LogVisit, customer);
            visit_or_ask(
                state,
                Effect::LogVisit {
                    customer,
                    amount_cents: None,
                    what: None,
                    attempt,
                },
            )
        }
        Command::Undo => {
            let now = state.clock.now();
            match &state.last_write {
                Some(undo) if now.signed_duration_since(undo.at) <= UNDO_WINDOW => {
                    state.question = Some(Question::Undo(undo.clone()));
                }
                None if state.undone => state.info(text::NOTHING_MORE_TO_UNDO.to_string()),
                _ => state.info(text::NOTHING_TO_UNDO.to_string()),
            }
            None
        }
        Command::Forget => {
            if let Some(profile) = &state.profile {
                let name = crate::safe::line(&profile.customer.name);
                state.form = Some(Form::forget(profile.customer.id, &name));
            }
            None
        }
        Command::FocusTimeline => {
            if state
                .profile
                .as_ref()
                .is_some_and(|p| !p.timeline().is_empty())
            {
                state.focus = Focus::Timeline;
                state.timeline_selected = 0;
            } else {
                state.info(text::NOTHING_IN_HISTORY.to_string());
            }
            None
        }
        Command::FocusCard => {
            state.focus = Focus::Customer;
            None
        }
        Command::ShowEntry => {
            state.entry = selected_entry(state).map(|(id, _, _)| EntryView { id, scroll: 0 });
            None
        }
        Command::CloseEntry => {
            state.entry = None;
            None
        }
        Command::VoidEntry => {
            if let Some((event, kind, at)) = selected_entry(state) {
                let profile = state.profile.as_ref()?;
                let name = crate::safe::line(&profile.customer.name);
                // An open promise is cancelled (it stays in the history as such); anything else is
                // voided.
                let open = profile
                    .open_promises()
                    .into_iter()
                    .find(|p| p.promise.id == event)
                    .map(|p| crate::safe::line(&p.promise.text));
                state.question = Some(match open {
                    Some(what) => Question::CancelPromise {
                        promise: event,
                        what,
                        name,
                    },
                    None => Question::Void {
                        event,
                        kind,
                        at,
                        name,
                    },
                });
            }
            None
        }
        Command::VisitForm => {
            let about = selected_about(state);
            state.form = state.selected_id().map(|id| Form::visit(id, about));
            None
        }
        Command::AddNote => {
            let about = selected_about(state);
            let complaint = state
                .profile
                .as_ref()
                .filter(|p| Some(p.customer.id) == state.selected_id())
                .and_then(|p| p.open_complaints().first().map(|c| c.id));
            state.form = state
                .selected_id()
                .map(|id| Form::note(id, about, complaint));
            None
        }
        Command::AddPromise => {
            let about = selected_about(state);
            state.form = state.selected_id().map(|id| Form::promise(id, about));
            None
        }
        Command::KeepPromise => {
            let profile = state.profile.as_ref()?;
            let customer = profile.customer.id;
            let open = profile.open_promises();
            // In the timeline, the promise selected (if it is an open one); else the first on the card.
            let chosen = selected_entry(state)
                .filter(|_| state.focus == Focus::Timeline || state.entry.is_some())
                .and_then(|(id, _, _)| open.iter().find(|p| p.promise.id == id))
                .or_else(|| open.first())
                .map(|p| p.promise.id);
            match chosen {
                Some(promise) => Some(Effect::EndPromise {
                    customer,
                    promise,
                    outcome: Outcome::Kept,
                }),
                None => {
                    state.info(text::NO_OPEN_PROMISE.to_string());
                    None
                }
            }
        }
        Command::Redeem => {
            let profile = state.profile.as_ref()?;
            let card = state.loyalty.stamp_card(&profile.figures);
            if card.ready == 0 {
                state.info(text::no_reward_ready(card.stamps, card.per_reward));
                return None;
            }
            let customer = profile.customer.id;
            let attempt = quick_attempt(state, Command::Redeem, customer);
            Some(Effect::Redeem { customer, attempt })
        }
        Command::Edit => {
            if let Some(profile) = &state.profile {
                let referrer = profile.customer.referred_by.zip(profile.referrer.clone());
                state.form = Some(Form::edit_customer(
                    &profile.customer,
                    profile.figures.consent,
                    referrer,
                ));
            }
            None
        }
        Command::NextField => {
            if let Some(form) = &mut state.form {
                form.next_field();
            }
            None
        }
        Command::PrevField => {
            if let Some(form) = &mut state.form {
                form.prev_field();
            }
            None
        }
        Command::NewLine => {
            if let Some(form) = &mut state.form {
                form.new_line();
            }
            None
        }
        Command::Save => super::save::save(state),
        Command::Cancel => {
            match &state.form {
                // The name typed there only confirms: leaving loses nothing worth a question.
                Some(form) if matches!(form.kind, FormKind::Forget(_)) => {
                    state.form = None;
                    state.info(text::FORGET_NOT_DONE.to_string());
                    state.fade_status();
                }
                Some(form) if form.has_typed_text() => state.question = Some(Question::DiscardForm),
                _ => {
                    state.form = None;
                    // What the status line said of the form ("correct the highlighted field") goes
                    // with it.
                    if state.status_says(text::FIX_FIELD) {
                        state.status = None;
                    }
                }
            }
            None
        }
        Command::Yes => match state.question.take() {
            Some(Question::DiscardForm) => {
                state.form = None;
                state.info(text::FORM_CANCELLED.to_string());
                state.fade_status();
                None
            }
            Some(Question::Quit { .. }) => {
                state.quit = true;
                None
            }
            Some(Question::Undo(undo)) => {
                state.undone = true;
                Some(Effect::Undo(undo))
            }
            Some(Question::Void { event, .. }) => {
                let customer = state.profile.as_ref()?.customer.id;
                state.entry = None;
                Some(Effect::Void { event, customer })
            }
            Some(Question::CancelPromise { promise, .. }) => {
                let customer = state.profile.as_ref()?.customer.id;
                state.entry = None;
                Some(Effect::EndPromise {
                    customer,
                    promise,
                    outcome: Outcome::Cancelled,
                })
            }
            Some(Question::VisitAgain { effect, .. } | Question::SameName { effect, .. }) => {
                Some(effect)
            }
            None => None,
        },
        Command::No => {
            state.question = None;
            None
        }
    }
}

/// The attempt of a one-key write (`v`, `r`) on `customer`: the one that failed a moment ago with the
/// same key, with nothing else since, tried again (the disk may have failed after the store took it in);
/// otherwise a new one.
fn quick_attempt(state: &mut State, command: Command, customer: Id) -> Attempt {
    let now = state.clock.now();
    let attempt = match state.quick_tried {
        Some((tried, who, attempt))
            if tried == command
                && who == customer
                && now.signed_duration_since(attempt.at) <= UNDO_WINDOW =>
        {
            attempt
        }
        _ => Attempt::new(now),
    };
    state.quick_tried = Some((command, customer, attempt));
    attempt
}

/// Whom a form opened on the selected customer is about: their name once their card is loaded.
fn selected_about(state: &State) -> About {
    let id = state.selected_id();
    state
        .profile
        .as_ref()
        .filter(|p| Some(p.customer.id) == id)
        .map_or(About::Nobody, |p| {
            About::Named(crate::safe::line(&p.customer.name))
        })
}

/// A visit for a customer who had one less than [`VISIT_AGAIN`] ago asks first.
pub(super) fn visit_or_ask(state: &mut State, effect: Effect) -> Option<Effect> {
    let now = state.clock.now();
    let recent = state.profile.as_ref().and_then(|p| {
        let last = p.last_visit()?.at;
        (now.signed_duration_since(last) < VISIT_AGAIN)
            .then(|| (last, crate::safe::line(&p.customer.name)))
    });
    match recent {
        Some((last, name)) => {
            state.question = Some(Question::VisitAgain { effect, last, name });
            None
        }
        None => Some(effect),
    }
}

/// The timeline entry selected (its id, kind and time): the one shown whole, or the one selected in the
/// timeline.
fn selected_entry(state: &State) -> Option<(Id, EventKind, DateTime<Utc>)> {
    let profile = state.profile.as_ref()?;
    let timeline = profile.timeline();
    let item = match state.entry {
        Some(view) => timeline.into_iter().find(|item| item.id() == view.id)?,
        None => *timeline.get(state.timeline_selected)?,
    };
    Some((item.id(), item.kind(), item.at()))
}

/// Whether the timeline entry selected (or shown whole) is an open promise: `x` then cancels it, and the
/// key bar says so.
pub fn selected_is_open_promise(state: &State) -> bool {
    let (Some(profile), Some((id, _, _))) = (state.profile.as_ref(), selected_entry(state)) else {
        return false;
    };
    profile.open_promises().iter().any(|p| p.promise.id == id)
}

/// Where a move lands from `at`: a row, a page (`page` rows), the start or the end (`last`).
fn moved(at: usize, command: Command, page: usize, last: usize) -> usize {
    match command {
        Command::Up => at.saturating_sub(1),
        Command::Down => at.saturating_add(1),
        Command::PageUp => at.saturating_sub(page),
        Command::PageDown => at.saturating_add(page),
        Command::Home => 0,
        _ => last,
    }
    .min(last)
}

/// Arrows and pages move what has the keyboard: the help's text, an entry shown whole, the timeline's
/// selection, or the list's (`list_page` rows a page).
fn move_by(state: &mut State, command: Command, list_page: usize) -> Option<Effect> {
    let rows = usize::from(state.size.1);
    if let Some(mode) = state.help {
        let last = usize::from(crate::ui::help::max_scroll(
            mode,
            state.form.as_ref(),
            state.theme,
            state.size,
        ));
        let at = usize::from(state.help_scroll).min(last);
        state.help_scroll = moved(at, command, rows.saturating_sub(4).max(1), last) as u16;
        None
    } else if let Some(today) = &mut state.today {
        let last = today.rows.len().saturating_sub(1);
        today.selected = moved(today.selected, command, rows.saturating_sub(8).max(1), last);
        None
    } else if let Some(view) = &mut state.entry {
        // The drawing stops an entry at its end.
        let to = moved(
            usize::from(view.scroll),
            command,
            rows.saturating_sub(8).max(1),
            usize::from(u16::MAX),
        );
        view.scroll = to as u16;
        None
    } else if state.focus == Focus::Timeline {
        let last = state
            .profile
            .as_ref()
            .map_or(0, |p| p.timeline().len().saturating_sub(1));
        state.timeline_selected = moved(state.timeline_selected, command, list_page, last);
        None
    } else {
        state.select(moved(state.selected, command, list_page, usize::MAX))
    }
}
