//! The forms the desk opens, one constructor each: a new customer (from what was typed in the search), a
//! customer's edit, a note, a visit, a promise, and the confirmation of a forget.

use super::{About, CONSENT_FIELD, Field, Form, FormKind, Input, REFERRER_FIELD, Referrer};
use crate::domain::{Channel, ConsentSet, Customer, CustomerText, Id, NoteKind};
use crate::safe;
use crate::text::{self, Msg};
use crate::ui::text_box::with_text;

fn text(label: Msg, hint: Option<Msg>, value: &str, multiline: bool) -> Field {
    Field {
        label,
        hint,
        input: Input::Text {
            area: Box::new(with_text(value)),
            multiline,
            initial: value.to_string(),
        },
        error: None,
    }
}

/// Each word with its first letter in capitals, after a space, an apostrophe or a hyphen:
/// `d'angelo rossi-neri` → `D'Angelo Rossi-Neri`.
fn capitalised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = matches!(c, ' ' | '\'' | '’' | '-');
    }
    out
}

/// Stored text shown for editing: control characters are made visible, line breaks kept.
fn editable(value: &str) -> String {
    safe::lines(value).join("\n")
}

impl Form {
    pub fn new_customer(name: &str) -> Form {
        Self::customer(
            FormKind::NewCustomer,
            &CustomerText {
                name: name.to_string(),
                ..Default::default()
            },
        )
    }

    /// The new-customer form started from what was typed in the search: phone digits go into Phones,
    /// a name typed all in lowercase is offered capitalised (`mario bianchini` → `Mario Bianchini`;
    /// what is saved is what the field holds).
    pub fn new_customer_from_query(query: &str) -> Form {
        let query = query.trim();
        let digits = query.chars().filter(char::is_ascii_digit).count();
        let phone_like = digits >= 3
            && query
                .chars()
                .all(|c| c.is_ascii_digit() || " +-./()".contains(c));
        if phone_like {
            let mut form = Self::customer(
                FormKind::NewCustomer,
                &CustomerText {
                    phones: query.to_string(),
                    ..Default::default()
                },
            );
            form.focus = 0;
            return form;
        }
        let offered = if query.chars().any(char::is_uppercase) {
            query.to_string()
        } else {
            capitalised(query)
        };
        Self::new_customer(&offered)
    }

    /// The edit form of `customer`, who agreed to be contacted on `consent` and was referred by
    /// `referrer` (their id and name, when that customer is still there).
    pub fn edit_customer(
        customer: &Customer,
        consent: ConsentSet,
        referrer: Option<(Id, String)>,
    ) -> Form {
        let mut fields = customer.to_text();
        // The date as the card shows it (2015-11-07 in English, 07/11/2015 in Italian); both read back.
        fields.since = text::date(customer.since);
        let mut form = Self::edit_fields(customer.id, &fields);
        form.about = About::Named(safe::line(&customer.name));
        let name = referrer
            .as_ref()
            .map_or(String::new(), |(_, n)| safe::line(n));
        form.fields[REFERRER_FIELD] = text(
            text::FIELD_REFERRER,
            Some(text::HINT_REFERRER),
            &name,
            false,
        );
        form.referrer = Some(Referrer {
            initial: referrer.map(|(id, _)| (id, name)),
            myself: Some(customer.id),
            ..Referrer::default()
        });
        let on = Channel::ALL.map(|c| consent.contains(c));
        if let Some(Field {
            input: Input::Channels {
                on: now, initial, ..
            },
            ..
        }) = form.fields.get_mut(CONSENT_FIELD)
        {
            *now = on;
            *initial = on;
        }
        form
    }

    /// The edit form of a customer who is gone (a draft brought back): empty, to be filled from the draft.
    pub fn edit_missing(id: Id) -> Form {
        let mut form = Self::edit_fields(id, &CustomerText::default());
        form.about = About::Gone;
        if let Some(referrer) = &mut form.referrer {
            referrer.myself = Some(id);
        }
        form
    }

    fn edit_fields(id: Id, t: &CustomerText) -> Form {
        let shown = CustomerText {
            name: editable(&t.name),
            nickname: editable(&t.nickname),
            phones: editable(&t.phones),
            email: editable(&t.email),
            birthday: t.birthday.clone(),
            since: t.since.clone(),
            tags: editable(&t.tags),
            preferences: editable(&t.preferences),
        };
        Self::customer(FormKind::EditCustomer(id), &shown)
    }

    fn customer(kind: FormKind, t: &CustomerText) -> Form {
        Form {
            kind,
            fields: vec![
                text(text::FIELD_NAME, None, &t.name, false),
                text(text::FIELD_NICKNAME, None, &t.nickname, false),
                text(
                    text::FIELD_PHONES,
                    Some(text::HINT_PHONES),
                    &t.phones,
                    false,
                ),
                text(text::FIELD_EMAIL, None, &t.email, false),
                text(
                    text::FIELD_BIRTHDAY,
                    Some(text::HINT_BIRTHDAY),
                    &t.birthday,
                    false,
                ),
                text(text::FIELD_SINCE, Some(text::HINT_SINCE), &t.since, false),
                text(text::FIELD_TAGS, Some(text::HINT_TAGS), &t.tags, false),
                text(text::FIELD_PREFERENCES, None, &t.preferences, true),
                Field {
                    label: text::FIELD_CONSENT,
                    hint: Some(text::HINT_CONSENT),
                    input: Input::Channels {
                        on: [false; 4],
                        initial: [false; 4],
                        cursor: 0,
                    },
                    error: None,
                },
                text(text::FIELD_REFERRER, Some(text::HINT_REFERRER), "", false),
            ],
            focus: 0,
            about: About::Nobody,
            same_name_ok: None,
            answers: None,
            referrer: Some(Referrer::default()),
            attempt: None,
        }
    }

    /// A note; on a customer with an open complaint (the oldest one's id), a last field offers to make the
    /// note its answer.
    pub fn note(customer: Id, about: About, complaint: Option<Id>) -> Form {
        let mut form = Form {
            about,
            same_name_ok: None,
            answers: None,
            referrer: None,
            attempt: None,
            kind: FormKind::Note(customer),
            fields: vec![
                text(text::FIELD_NOTE_TEXT, None, "", true),
                Field {
                    label: text::FIELD_NOTE_KIND,
                    hint: Some(text::HINT_CHOICE),
                    input: Input::Choice {
                        options: NoteKind::ALL.iter().map(|&k| text::note_kind(k)).collect(),
                        selected: 0,
                    },
                    error: None,
                },
                Field {
                    label: text::FIELD_PINNED,
                    hint: Some(text::HINT_TOGGLE),
                    input: Input::Toggle(false),
                    error: None,
                },
            ],
            focus: 0,
        };
        if let Some(id) = complaint {
            form.answers = Some(id);
            form.fields.push(Field {
                label: text::FIELD_ANSWERS,
                hint: Some(text::HINT_ANSWERS),
                input: Input::Toggle(false),
                error: None,
            });
        }
        form
    }

    pub fn visit(customer: Id, about: About) -> Form {
        Form {
            about,
            same_name_ok: None,
            answers: None,
            referrer: None,
            attempt: None,
            kind: FormKind::Visit(customer),
            fields: vec![
                text(text::FIELD_AMOUNT, Some(text::HINT_AMOUNT), "", false),
                text(text::FIELD_WHAT, None, "", false),
            ],
            focus: 0,
        }
    }

    /// A promise: what was promised, then when it is due (empty: today).
    pub fn promise(customer: Id, about: About) -> Form {
        Form {
            about,
            same_name_ok: None,
            answers: None,
            referrer: None,
            attempt: None,
            kind: FormKind::Promise(customer),
            fields: vec![
                text(text::FIELD_PROMISE_TEXT, None, "", false),
                text(text::FIELD_DUE, Some(text::HINT_DUE), "", false),
            ],
            focus: 0,
        }
    }

    /// The confirmation of `forget`: the customer's name typed in full.
    pub fn forget(customer: Id, name: &str) -> Form {
        Form {
            about: About::Named(name.to_string()),
            same_name_ok: None,
            answers: None,
            referrer: None,
            attempt: None,
            kind: FormKind::Forget(customer),
            fields: vec![text(
                text::FIELD_FORGET_NAME,
                Some(text::HINT_FORGET_NAME),
                "",
                false,
            )],
            focus: 0,
        }
    }
}
