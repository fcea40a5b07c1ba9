//! Forms: new/edit customer, note, visit, promise, forget. The state and its rules live here (each kind's
//! fields in `form/kinds.rs`); `form_view.rs` draws them.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::domain::{Attempt, Channel, CustomerField, CustomerText, Id};
use crate::text;
use crate::text::Msg;
use crate::ui::text_box::{clean_paste, edit_text, paste_refused, with_text};

/// Where a customer form has its consent boxes (after the eight fields of `CustomerText`),
pub const CONSENT_FIELD: usize = 8;
/// and who referred them, chosen by typing a few letters of their name.
pub const REFERRER_FIELD: usize = 9;

mod kinds;
mod referrer;
pub use referrer::{NoReferrer, REFERRER_MATCHES, Referrer};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    NewCustomer,
    EditCustomer(Id),
    Note(Id),
    Visit(Id),
    Promise(Id),
    /// Forgetting a customer for good: confirmed by typing their name (never kept as a draft).
    Forget(Id),
}

pub enum Input {
    Text {
        area: Box<TextArea<'static>>,
        multiline: bool,
        initial: String,
    },
    Choice {
        options: Vec<Msg>,
        selected: usize,
    },
    Toggle(bool),
    /// The channels a customer agreed to be contacted on, one box each ([`Channel::ALL`]'s order), and
    /// the one the cursor is on.
    Channels {
        on: [bool; 4],
        initial: [bool; 4],
        cursor: usize,
    },
}

pub struct Field {
    pub label: Msg,
    pub hint: Option<Msg>,
    pub input: Input,
    pub error: Option<String>,
}

pub struct Form {
    pub kind: FormKind,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Whom the form is about, as the title names them ("Note for Giuseppe Farina").
    pub about: About,
    /// A new customer's name the desk already said someone has (saving it asks no more).
    pub same_name_ok: Option<String>,
    /// A note form on a customer with an open complaint: that complaint, which the note answers when its
    /// last field says so.
    pub answers: Option<Id>,
    /// A customer form's referrer, chosen in [`REFERRER_FIELD`].
    pub referrer: Option<Referrer>,
    /// The id and time its record got when the form was first saved: kept (in the draft too) so that
    /// saving again after a failure writes that same record, never a second one.
    pub attempt: Option<Attempt>,
}

/// The customer a form is about, for its title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum About {
    /// A new customer, or a name not known yet (the card still loading).
    Nobody,
    Named(String),
    /// A form brought back from a draft about a customer who is no longer in the store.
    Gone,
}

impl Form {
    /// The consent boxes of a customer form: each channel with whether it is ticked, and whether it was
    /// when the form opened.
    pub fn consent(&self) -> Vec<(Channel, bool, bool)> {
        match self.fields.get(CONSENT_FIELD).map(|f| &f.input) {
            Some(Input::Channels { on, initial, .. }) => Channel::ALL
                .iter()
                .enumerate()
                .map(|(i, &c)| (c, on[i], initial[i]))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The letters to look up for the referrer field, when they changed since the last search (the
    /// matches of the old ones are dropped meanwhile); `None` when there is nothing new to look up.
    pub fn referrer_search(&mut self) -> Option<(String, Option<Id>)> {
        let value = self.value(REFERRER_FIELD).trim().to_string();
        let referrer = self.referrer.as_mut()?;
        let unchanged = referrer
            .initial
            .as_ref()
            .is_some_and(|(_, name)| *name == value);
        if value == referrer.query || value.is_empty() || unchanged {
            return None;
        }
        referrer.query.clone_from(&value);
        referrer.matches.clear();
        referrer.selected = 0;
        Some((value, referrer.myself))
    }

    /// The customers matching `query` (as looked up for [`Form::referrer_search`]); ignored when the
    /// field holds other letters by now.
    pub fn set_referrer_matches(&mut self, query: &str, matches: Vec<(Id, String)>, total: usize) {
        if let Some(referrer) = &mut self.referrer
            && referrer.query == query
        {
            referrer.total = total.max(matches.len());
            referrer.matches = matches;
            referrer.selected = 0;
        }
    }

    /// What the form does, said under its fields, for a form whose saving cannot be taken back.
    pub fn explanation(&self) -> Option<String> {
        match self.kind {
            FormKind::Forget(_) => Some(text::FORGET_EXPLAINED.to_string()),
            _ => None,
        }
    }

    /// The title: what the form makes, and for whom.
    pub fn title(&self) -> String {
        let which = match self.kind {
            FormKind::NewCustomer => return text::FORM_NEW_CUSTOMER.to_string(),
            FormKind::EditCustomer(_) => "edit",
            FormKind::Note(_) => "note",
            FormKind::Visit(_) => "visit",
            FormKind::Promise(_) => "promise",
            FormKind::Forget(_) => "forget",
        };
        match &self.about {
            About::Named(name) => text::form_title(which, name),
            About::Gone => text::form_title_gone(which),
            About::Nobody => match self.kind {
                FormKind::EditCustomer(_) => text::FORM_EDIT_CUSTOMER.to_string(),
                FormKind::Note(_) => text::FORM_NOTE.to_string(),
                FormKind::Promise(_) => text::FORM_PROMISE.to_string(),
                _ => text::FORM_VISIT.to_string(),
            },
        }
    }

    /// The text of field `i` (empty for non-text fields).
    pub fn value(&self, i: usize) -> String {
        match self.fields.get(i).map(|f| &f.input) {
            Some(Input::Text { area, .. }) => area.lines().join("\n"),
            _ => String::new(),
        }
    }

    /// Replaces the text of field `i` (restoring a draft).
    pub fn set_value(&mut self, i: usize, value: &str) {
        if let Some(Field {
            input: Input::Text { area, .. },
            ..
        }) = self.fields.get_mut(i)
        {
            **area = with_text(value);
        }
    }

    pub fn set_choice(&mut self, i: usize, choice: usize) {
        if let Some(Field {
            input: Input::Choice { options, selected },
            ..
        }) = self.fields.get_mut(i)
            && choice < options.len()
        {
            *selected = choice;
        }
    }

    pub fn set_toggle(&mut self, i: usize, on: bool) {
        if let Some(Field {
            input: Input::Toggle(value),
            ..
        }) = self.fields.get_mut(i)
        {
            *value = on;
        }
    }

    pub fn choice(&self, i: usize) -> usize {
        match self.fields.get(i).map(|f| &f.input) {
            Some(Input::Choice { selected, .. }) => *selected,
            _ => 0,
        }
    }

    /// Ticks box `n` of the consent field `i` (a draft brought back).
    pub fn set_channel(&mut self, i: usize, n: usize, tick: bool) {
        if let Some(Field {
            input: Input::Channels { on, .. },
            ..
        }) = self.fields.get_mut(i)
            && let Some(b) = on.get_mut(n)
        {
            *b = tick;
        }
    }

    pub fn toggle(&self, i: usize) -> bool {
        matches!(
            self.fields.get(i).map(|f| &f.input),
            Some(Input::Toggle(true))
        )
    }

    /// True when text was typed in a field (a choice or a yes/no changed alone is not worth a question
    /// when closing).
    pub fn has_typed_text(&self) -> bool {
        self.fields.iter().enumerate().any(|(i, f)| match &f.input {
            Input::Text { initial, .. } => self.value(i) != *initial,
            _ => false,
        })
    }

    /// True when the draft should keep the form: something was typed or changed in it, or it is a new
    /// customer's form holding anything at all (what it was started with, the search's letters, was typed
    /// too).
    pub fn worth_keeping(&self) -> bool {
        self.is_dirty()
            || (self.kind == FormKind::NewCustomer
                && self.fields.iter().enumerate().any(|(i, f)| {
                    matches!(f.input, Input::Text { .. }) && !self.value(i).trim().is_empty()
                }))
    }

    /// True when something was typed or changed in the form itself (Esc asks before it throws that away).
    pub fn is_dirty(&self) -> bool {
        self.fields.iter().enumerate().any(|(i, f)| match &f.input {
            Input::Text { initial, .. } => self.value(i) != *initial,
            Input::Choice { selected, .. } => *selected != 0,
            Input::Toggle(on) => *on,
            Input::Channels { on, initial, .. } => on != initial,
        })
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
    }

    pub fn prev_field(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
    }

    /// Alt-Enter: a line break in a long text; elsewhere it does nothing.
    pub fn new_line(&mut self) {
        if let Some(Field {
            input:
                Input::Text {
                    area,
                    multiline: true,
                    ..
                },
            ..
        }) = self.fields.get_mut(self.focus)
        {
            area.insert_newline();
        }
    }

    /// A key that is not a command goes to the focused field.
    pub fn input(&mut self, key: KeyEvent) {
        // ↑ ↓ in the referrer field choose among the customers its letters match.
        if self.focus == REFERRER_FIELD
            && let Some(referrer) = &mut self.referrer
            && !referrer.matches.is_empty()
            && matches!(key.code, KeyCode::Up | KeyCode::Down)
        {
            let n = referrer.matches.len();
            referrer.selected = match key.code {
                KeyCode::Up => (referrer.selected + n - 1) % n,
                _ => (referrer.selected + 1) % n,
            };
            return;
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.input {
            Input::Text {
                area, multiline, ..
            } => edit_text(area, key, *multiline),
            Input::Choice { options, selected } => match key.code {
                KeyCode::Right | KeyCode::Char(' ') => *selected = (*selected + 1) % options.len(),
                KeyCode::Left => *selected = (*selected + options.len() - 1) % options.len(),
                _ => {}
            },
            Input::Toggle(on) => {
                if matches!(
                    key.code,
                    KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right
                ) {
                    *on = !*on;
                }
            }
            Input::Channels { on, cursor, .. } => match key.code {
                KeyCode::Right => *cursor = (*cursor + 1) % on.len(),
                KeyCode::Left => *cursor = (*cursor + on.len() - 1) % on.len(),
                KeyCode::Char(' ') => on[*cursor] = !on[*cursor],
                _ => {}
            },
        }
        field.error = None;
    }

    /// Pasted text goes into the focused text field as text: line breaks are kept in a long text and
    /// become spaces elsewhere. A paste that would make the field longer than any field may be is not
    /// taken, and the field says so at once (not only when the form is saved). A choice or a yes/no takes
    /// no paste.
    pub fn paste(&mut self, pasted: &str) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        if let Input::Text {
            area, multiline, ..
        } = &mut field.input
        {
            let pasted = clean_paste(pasted, *multiline);
            if let Some(refused) = paste_refused(area, &pasted) {
                field.error = Some(refused);
                return;
            }
            area.insert_str(pasted);
            field.error = None;
        }
    }

    pub fn clear_errors(&mut self) {
        for f in &mut self.fields {
            f.error = None;
        }
    }

    /// Marks field `i` wrong and moves the cursor there; nothing typed is touched.
    pub fn set_error(&mut self, i: usize, message: String) {
        self.clear_errors();
        if let Some(f) = self.fields.get_mut(i) {
            f.error = Some(message);
            self.focus = i;
        }
    }

    /// True when field `i` still shows what the form opened with.
    pub fn unchanged(&self, i: usize) -> bool {
        match self.fields.get(i).map(|f| &f.input) {
            Some(Input::Text { initial, .. }) => self.value(i) == *initial,
            _ => true,
        }
    }

    /// The customer fields as typed, where a field left untouched gives back `original`'s exact text: an
    /// edit form shows stored control characters as symbols, and saving must not turn them into those
    /// symbols in fields nobody changed.
    pub fn customer_text_over(&self, original: &CustomerText) -> CustomerText {
        let typed = self.customer_text();
        let pick = |i: usize, typed: String, original: &String| {
            if self.unchanged(i) {
                original.clone()
            } else {
                typed
            }
        };
        CustomerText {
            name: pick(0, typed.name, &original.name),
            nickname: pick(1, typed.nickname, &original.nickname),
            phones: pick(2, typed.phones, &original.phones),
            email: pick(3, typed.email, &original.email),
            birthday: pick(4, typed.birthday, &original.birthday),
            since: pick(5, typed.since, &original.since),
            tags: pick(6, typed.tags, &original.tags),
            preferences: pick(7, typed.preferences, &original.preferences),
        }
    }

    /// The customer fields as typed (customer forms only).
    pub fn customer_text(&self) -> CustomerText {
        CustomerText {
            name: self.value(0),
            nickname: self.value(1),
            phones: self.value(2),
            email: self.value(3),
            birthday: self.value(4),
            since: self.value(5),
            tags: self.value(6),
            preferences: self.value(7),
        }
    }

    /// Which field of a customer form shows an error about `field`.
    pub fn customer_field_index(field: CustomerField) -> usize {
        match field {
            CustomerField::Name => 0,
            CustomerField::Nickname => 1,
            CustomerField::Phones => 2,
            CustomerField::Email => 3,
            CustomerField::Birthday => 4,
            CustomerField::Since => 5,
            CustomerField::Tags => 6,
            CustomerField::Preferences => 7,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ConsentSet, Customer};
    use crossterm::event::KeyModifiers;

    fn press(form: &mut Form, code: KeyCode) {
        form.input(KeyEvent::new(code, KeyModifiers::NONE));
    }

    #[test]
    fn typing_fills_the_focused_field_and_single_lines_stay_single() {
        let mut form = Form::new_customer("Ada");
        assert!(!form.is_dirty());
        press(&mut form, KeyCode::Char('m'));
        press(&mut form, KeyCode::Enter);
        form.input(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL));
        assert_eq!(form.value(0), "Adam");
        assert!(form.is_dirty());
        form.prev_field();
        assert_eq!(form.focus, REFERRER_FIELD, "who referred them is last");
        form.prev_field();
        assert_eq!(form.focus, CONSENT_FIELD, "after the consent boxes");
        form.prev_field();
        assert_eq!(form.focus, 7);
        press(&mut form, KeyCode::Char('x'));
        form.new_line();
        press(&mut form, KeyCode::Char('y'));
        assert_eq!(form.value(7), "x\ny");
        assert_eq!(form.customer_text().preferences, "x\ny");
    }

    #[test]
    fn ctrl_u_clears_the_line_before_the_cursor_as_in_a_shell() {
        let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
        let mut form = Form::new_customer("Ada Love");
        form.input(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        form.input(ctrl_u);
        assert_eq!(form.value(0), "e", "what is after the cursor stays");
        // In a long text, only the cursor's line.
        form.prev_field();
        assert_eq!(form.focus, REFERRER_FIELD);
        form.prev_field();
        form.prev_field();
        press(&mut form, KeyCode::Char('x'));
        form.new_line();
        press(&mut form, KeyCode::Char('y'));
        form.input(ctrl_u);
        assert_eq!(form.value(7), "x\n");
    }

    #[test]
    fn a_name_typed_in_lowercase_is_offered_capitalised_and_digits_go_to_phones() {
        let form = Form::new_customer_from_query("  mario d'angelo rossi-neri ");
        assert_eq!(form.value(0), "Mario D'Angelo Rossi-Neri");
        let form = Form::new_customer_from_query("McArthur van Dyke");
        assert_eq!(form.value(0), "McArthur van Dyke");
        let form = Form::new_customer_from_query("+39 333 123 4567");
        assert_eq!(
            (form.value(0), form.value(2)),
            ("".into(), "+39 333 123 4567".into())
        );
        // Letters with the digits: a name (or a typo), not a phone.
        let form = Form::new_customer_from_query("anna 3");
        assert_eq!(form.value(0), "Anna 3");
    }

    #[test]
    fn the_referrer_field_names_whom_its_letters_chose() {
        let (anna, bruno, me) = (
            Id::from_bytes([1; 16]),
            Id::from_bytes([2; 16]),
            Id::from_bytes([3; 16]),
        );
        let customer = {
            let at = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
            let text = CustomerText {
                name: "Carla".into(),
                ..Default::default()
            };
            let draft = crate::domain::CustomerDraft::from_text(&text, at.date_naive()).unwrap();
            let mut c = Customer::new(draft, at, at.date_naive(), None);
            c.id = me;
            c
        };
        let mut form = Form::edit_customer(
            &customer,
            ConsentSet::default(),
            Some((anna, "Anna Ferri".into())),
        );
        let chosen = |form: &Form| {
            form.referrer
                .as_ref()
                .unwrap()
                .chosen(&form.value(REFERRER_FIELD))
        };
        // Untouched: still Anna, and nothing to look up.
        assert_eq!(chosen(&form), Ok(Some(anna)));
        assert_eq!(form.referrer_search(), None);
        // Other letters: looked up once (never for the customer themselves), refused until answered.
        form.set_value(REFERRER_FIELD, "bru");
        assert_eq!(form.referrer_search(), Some(("bru".into(), Some(me))));
        assert_eq!(form.referrer_search(), None, "asked once");
        assert_eq!(chosen(&form), Err(NoReferrer::NoMatch));
        form.set_referrer_matches("br", vec![(anna, "Anna".into())], 1);
        assert_eq!(chosen(&form), Err(NoReferrer::NoMatch), "an old answer");
        form.set_referrer_matches(
            "bru",
            vec![
                (bruno, "Bruno".into()),
                (anna, "Anna".into()),
                (me, "Me".into()),
            ],
            3,
        );
        assert_eq!(chosen(&form), Ok(Some(bruno)));
        form.focus = REFERRER_FIELD;
        press(&mut form, KeyCode::Up);
        assert_eq!(
            chosen(&form),
            Ok(Some(me)),
            "↑ from the first goes round to the last"
        );
        press(&mut form, KeyCode::Down);
        assert_eq!(chosen(&form), Ok(Some(bruno)), "and ↓ round again");
        press(&mut form, KeyCode::Down);
        assert_eq!(chosen(&form), Ok(Some(anna)));
        // Letters not looked up yet (a draft brought back), then cleared: nobody.
        form.set_value(REFERRER_FIELD, "zz");
        assert_eq!(chosen(&form), Err(NoReferrer::NotSearched));
        form.set_value(REFERRER_FIELD, "  ");
        assert_eq!(chosen(&form), Ok(None));
        assert_eq!(form.referrer_search(), None);
    }

    #[test]
    fn choices_and_toggles_change_with_arrows_and_space() {
        let mut form = Form::note(Id::from_bytes([1; 16]), About::Nobody, None);
        form.next_field();
        press(&mut form, KeyCode::Left);
        assert_eq!(form.choice(1), 3);
        press(&mut form, KeyCode::Char(' '));
        assert_eq!(form.choice(1), 0);
        form.next_field();
        press(&mut form, KeyCode::Char(' '));
        assert!(form.toggle(2));
        assert!(form.is_dirty());
    }
}
