//! Drafts: what is typed in a form is kept in `draft.json` in the store's folder after every change, so a
//! crash of the desk or a closed terminal window never loses it; the desk offers it back on the next
//! start. Saving the form or discarding it on purpose removes the file. It is written whole or not at all
//! (a temporary file renamed over it) but not fsynced, so a keystroke never waits for the disk: a power
//! cut can take the last few seconds of typing with it (what the kernel had not written yet), never a
//! half-written draft.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::form::{Form, FormKind, Input};
use crate::domain::Id;

pub const FILE: &str = "draft.json";

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    NewCustomer,
    EditCustomer { customer: String },
    Note { customer: String },
    Visit { customer: String },
    Promise { customer: String },
}

/// A form's content, by field position.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    kind: Kind,
    values: Vec<String>,
    choices: Vec<usize>,
    toggles: Vec<bool>,
}

impl Draft {
    /// The draft of `form`; none for the confirmation of a forget (it holds the person's name).
    pub fn of(form: &Form) -> Option<Draft> {
        let kind = match form.kind {
            FormKind::Forget(_) => return None,
            FormKind::NewCustomer => Kind::NewCustomer,
            FormKind::EditCustomer(id) => Kind::EditCustomer {
                customer: id.to_string(),
            },
            FormKind::Note(id) => Kind::Note {
                customer: id.to_string(),
            },
            FormKind::Visit(id) => Kind::Visit {
                customer: id.to_string(),
            },
            FormKind::Promise(id) => Kind::Promise {
                customer: id.to_string(),
            },
        };
        let mut draft = Draft {
            kind,
            values: Vec::new(),
            choices: Vec::new(),
            toggles: Vec::new(),
        };
        for (i, field) in form.fields.iter().enumerate() {
            match field.input {
                Input::Text { .. } => draft.values.push(form.value(i)),
                Input::Choice { .. } => draft.choices.push(form.choice(i)),
                Input::Toggle(_) => draft.toggles.push(form.toggle(i)),
                Input::Channels { on, .. } => draft.toggles.extend(on),
            }
        }
        Some(draft)
    }

    /// The kind of form the draft was typed in, with the customer it is about.
    pub fn form_kind(&self) -> Option<FormKind> {
        let id = |s: &str| s.parse::<Id>().ok();
        Some(match &self.kind {
            Kind::NewCustomer => FormKind::NewCustomer,
            Kind::EditCustomer { customer } => FormKind::EditCustomer(id(customer)?),
            Kind::Note { customer } => FormKind::Note(id(customer)?),
            Kind::Visit { customer } => FormKind::Visit(id(customer)?),
            Kind::Promise { customer } => FormKind::Promise(id(customer)?),
        })
    }

    /// Puts the draft's content into a fresh form of the same kind.
    pub fn fill(&self, form: &mut Form) {
        let (mut values, mut choices, mut toggles) =
            (self.values.iter(), self.choices.iter(), self.toggles.iter());
        for i in 0..form.fields.len() {
            match form.fields[i].input {
                Input::Text { .. } => {
                    if let Some(v) = values.next() {
                        form.set_value(i, v);
                    }
                }
                Input::Choice { .. } => {
                    if let Some(&c) = choices.next() {
                        form.set_choice(i, c);
                    }
                }
                Input::Toggle(_) => {
                    if let Some(&t) = toggles.next() {
                        form.set_toggle(i, t);
                    }
                }
                Input::Channels { on, .. } => {
                    for n in 0..on.len() {
                        if let Some(&t) = toggles.next() {
                            form.set_channel(i, n, t);
                        }
                    }
                }
            }
        }
    }
}

pub fn path(store: &Path) -> PathBuf {
    store.join(FILE)
}

/// Writes the draft (owner-only, replaced atomically). Not fsynced: it is there for crashes of the
/// process and the terminal, and a keystroke should not wait for the disk.
pub fn save(store: &Path, draft: &Draft) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(draft).map_err(std::io::Error::other)?;
    crate::files::write_private(&path(store), &bytes, false)
}

/// The draft left by the last desk, if any (an unreadable one is ignored).
pub fn load(store: &Path) -> Option<Draft> {
    let bytes = std::fs::read(path(store)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

pub fn clear(store: &Path) {
    let _ = std::fs::remove_file(path(store));
}
