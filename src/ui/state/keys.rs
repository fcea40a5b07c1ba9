//! What the keyboard does: typed text into the search line or a form, and the keymap's commands (moving,
//! opening, saving a form, questions). Results of effects come back through [`super::update`].

use crossterm::event::{KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::{Effect, Focus, Question, State, search_box};
use crate::domain::{CustomerDraft, NoteDraft, NoteKind, VisitDraft, VisitField};
use crate::text::{self, InputError};
use crate::ui::form::{Form, FormKind};
use crate::ui::keymap::{Command, Mode};
use crate::ui::view::list_rows;

/// Feeds a key to a one-line text box: line breaks are refused.
fn single_line_input(area: &mut TextArea<'static>, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let breaks = matches!(key.code, crossterm::event::KeyCode::Enter)
        || (ctrl && matches!(key.code, crossterm::event::KeyCode::Char('m' | 'j')));
    if !breaks {
        area.input(key);
    }
}

pub(super) fn key_update(state: &mut State, key: KeyEvent) -> Option<Effect> {
    match state.mode() {
        Mode::Search => {
            let before = state.query();
            single_line_input(&mut state.search, key);
            let query = state.query();
            (query != before).then_some(Effect::Search(query))
        }
        Mode::Customer => {
            // Typing a name while on a customer starts the next search.
            let plain = !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match key.code {
                crossterm::event::KeyCode::Char(c) if plain && !c.is_control() => {
                    state.search = search_box();
                    state.search.insert_char(c);
                    state.focus = Focus::Search;
                    Some(Effect::Search(state.query()))
                }
                _ => None,
            }
        }
        Mode::Form => {
            if let Some(form) = &mut state.form {
                form.input(key);
            }
            None
        }
        Mode::Help | Mode::Confirm => None,
    }
}

pub(super) fn command_update(state: &mut State, command: Command) -> Option<Effect> {
    let page = list_rows(state.size.1).max(1);
    match command {
        Command::Quit => {
            if state.form.as_ref().is_some_and(Form::is_dirty) {
                state.question = Some(Question::Quit);
            } else {
                state.quit = true;
            }
            None
        }
        Command::Help => {
            state.help = Some(state.mode());
            None
        }
        Command::CloseHelp => {
            state.help = None;
            None
        }
        Command::NewCustomer => {
            state.form = Some(Form::new_customer(state.query().trim()));
            None
        }
        Command::Up => state.select(state.selected.saturating_sub(1)),
        Command::Down => state.select(state.selected.saturating_add(1)),
        Command::PageUp => state.select(state.selected.saturating_sub(page)),
        Command::PageDown => state.select(state.selected.saturating_add(page)),
        Command::Home => state.select(0),
        Command::End => state.select(usize::MAX),
        Command::Open => {
            if state.results.is_empty() {
                let query = state.query();
                if !query.trim().is_empty() {
                    state.form = Some(Form::new_customer(query.trim()));
                }
            } else {
                state.focus = Focus::Customer;
            }
            None
        }
        Command::ClearSearch | Command::Back => {
            state.status = None;
            state.clear_search()
        }
        Command::LogVisit => state.selected_id().map(|customer| Effect::LogVisit {
            customer,
            amount_cents: None,
            what: None,
        }),
        Command::VisitForm => {
            state.form = state.selected_id().map(Form::visit);
            None
        }
        Command::AddNote => {
            state.form = state.selected_id().map(Form::note);
            None
        }
        Command::Edit => {
            if let Some(profile) = &state.profile {
                state.form = Some(Form::edit_customer(&profile.customer));
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
        Command::Save => save(state),
        Command::Cancel => {
            match &state.form {
                Some(form) if form.is_dirty() => state.question = Some(Question::DiscardForm),
                _ => state.form = None,
            }
            None
        }
        Command::Yes => {
            match state.question.take() {
                Some(Question::DiscardForm) => {
                    state.form = None;
                    state.info(text::FORM_CANCELLED.to_string());
                }
                Some(Question::Quit) => state.quit = true,
                None => {}
            }
            None
        }
        Command::No => {
            state.question = None;
            None
        }
    }
}

/// Validates the open form; a bad field is marked and keeps everything typed.
fn save(state: &mut State) -> Option<Effect> {
    let today = state.clock.today();
    let form = state.form.as_mut()?;
    let result: Result<Effect, (usize, InputError)> = match form.kind {
        FormKind::NewCustomer | FormKind::EditCustomer(_) => {
            let original = match form.kind {
                FormKind::EditCustomer(id) => state
                    .profile
                    .as_ref()
                    .filter(|p| p.customer.id == id)
                    .map(|p| p.customer.to_text()),
                _ => None,
            };
            let typed = match &original {
                Some(original) => form.customer_text_over(original),
                None => form.customer_text(),
            };
            CustomerDraft::from_text(&typed, today)
                .map(|draft| match form.kind {
                    FormKind::EditCustomer(id) => Effect::UpdateCustomer(id, draft),
                    _ => Effect::AddCustomer(draft),
                })
                .map_err(|(field, e)| (Form::customer_field_index(field), e))
        }
        FormKind::Note(customer) => {
            let kind = NoteKind::ALL
                .get(form.choice(1))
                .copied()
                .unwrap_or_default();
            NoteDraft::new(&form.value(0), kind, form.toggle(2))
                .map(|note| Effect::AddNote {
                    customer,
                    kind: note.kind,
                    text: note.text,
                    pinned: note.pinned,
                })
                .map_err(|e| (0, e))
        }
        FormKind::Visit(customer) => VisitDraft::new(&form.value(0), &form.value(1))
            .map(|visit| Effect::LogVisit {
                customer,
                amount_cents: visit.amount_cents,
                what: visit.what,
            })
            .map_err(|(field, e)| match field {
                VisitField::Amount => (0, e),
                VisitField::What => (1, e),
            }),
    };
    match result {
        Ok(effect) => {
            form.clear_errors();
            Some(effect)
        }
        Err((field, error)) => {
            form.set_error(field, error.to_string());
            state.error(text::FIX_FIELD.to_string());
            None
        }
    }
}
