//! Drafts: what is typed in a form is kept in `draft.json` in the store's folder after every change, so a
//! crash of the desk, a closed terminal window or a power cut never loses it; the desk offers it back on
//! the next start. Saving the form or discarding it on purpose removes the file.
//!
//! A keystroke never waits for the disk: the desk hands each change to a thread of its own ([`Keeper`]),
//! which writes the latest one whole (a temporary file, fsynced, renamed over the draft, the folder
//! fsynced) and skips any it was handed meanwhile. So after a power cut the draft is the one typed a
//! moment before (the last keystrokes of that moment may be missing), never a half-written file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::form::{Form, FormKind, Input};
use crate::domain::{Attempt, Id};

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
    /// The form's first try at saving, once there was one (drafts written before it was kept read
    /// without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tried: Option<Tried>,
}

/// A form's [`Attempt`], in the draft's JSON.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Tried {
    id: String,
    /// RFC 3339, UTC, to the nanosecond: an edit saved by this try has exactly this time.
    at: String,
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
            tried: form.attempt.map(|a| Tried {
                id: a.id.to_string(),
                at: a.at.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
            }),
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

    /// The form's first try at saving, if it had one (an unreadable one counts as none).
    pub fn attempt(&self) -> Option<Attempt> {
        let tried = self.tried.as_ref()?;
        Some(Attempt {
            id: tried.id.parse().ok()?,
            at: chrono::DateTime::parse_from_rfc3339(&tried.at)
                .ok()?
                .with_timezone(&chrono::Utc),
        })
    }

    /// Puts the draft's content into a fresh form of the same kind, with its first try at saving.
    pub fn fill(&self, form: &mut Form) {
        form.attempt = self.attempt();
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

/// What the keeper is asked to do with the draft file.
enum Job {
    Save(Vec<u8>),
    Clear,
}

impl Job {
    /// Does it now, durably.
    fn run(self, file: &Path) -> std::io::Result<()> {
        match self {
            Job::Save(bytes) => crate::files::write_private(file, &bytes, true),
            Job::Clear => crate::files::remove_durably(file),
        }
    }
}

/// Does `job` on `file`, and says in `failed` whether it failed.
fn run(job: Job, file: &Path, failed: &std::sync::atomic::AtomicBool) {
    let result = job.run(file);
    if let Err(e) = &result {
        tracing::warn!(error = %e, "the draft could not be kept");
    }
    failed.store(result.is_err(), std::sync::atomic::Ordering::SeqCst);
}

/// Keeps the draft file in step with the open form from a thread of its own, so typing never waits for
/// the disk. Dropping it waits until the last change asked for is on disk.
pub struct Keeper {
    file: PathBuf,
    jobs: Option<std::sync::mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// Whether the last change it made failed (the disk refused it).
    failed: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Keeper {
    /// The keeper of the draft of the store at `store`.
    pub fn new(store: &Path) -> Keeper {
        let file = path(store);
        let (jobs, asked) = std::sync::mpsc::channel::<Job>();
        let at = file.clone();
        let failed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let told = failed.clone();
        let thread = std::thread::Builder::new()
            .name("draft".into())
            .spawn(move || {
                while let Ok(mut job) = asked.recv() {
                    // Only the latest change matters: whatever came meanwhile replaces it.
                    while let Ok(later) = asked.try_recv() {
                        job = later;
                    }
                    run(job, &at, &told);
                }
            });
        match thread {
            Ok(thread) => Keeper {
                file,
                jobs: Some(jobs),
                thread: Some(thread),
                failed,
            },
            Err(e) => {
                // No thread to be had: the desk writes its drafts itself.
                tracing::warn!(error = %e, "no thread for the drafts; they are written as typed");
                Keeper {
                    file,
                    jobs: None,
                    thread: None,
                    failed,
                }
            }
        }
    }

    /// Keeps `draft` (owner-only, replaced whole) as soon as the thread gets to it.
    pub fn save(&self, draft: &Draft) {
        match serde_json::to_vec(draft) {
            Ok(bytes) => self.ask(Job::Save(bytes)),
            Err(e) => tracing::warn!(error = %e, "the draft could not be kept"),
        }
    }

    /// Removes the draft file, after any change asked for before.
    pub fn clear(&self) {
        self.ask(Job::Clear);
    }

    fn ask(&self, job: Job) {
        let job = match &self.jobs {
            Some(jobs) => match jobs.send(job) {
                Ok(()) => return,
                // The thread is gone (it cannot panic, but all the same): the desk does it itself.
                Err(std::sync::mpsc::SendError(job)) => job,
            },
            None => job,
        };
        run(job, &self.file, &self.failed);
    }

    /// Waits until every change asked for so far is on disk (before the store's folder is rewritten or
    /// swapped, as a forget does; and for the tests).
    /// Returns whether the last of them got there (false: the disk refused it).
    pub fn settle(&mut self) -> bool {
        let store = crate::files::folder_of(&self.file).to_path_buf();
        let failed = self.failed.clone();
        *self = Keeper::new(&store);
        !failed.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Drop for Keeper {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The draft left by the last desk, if any (an unreadable one is ignored).
pub fn load(store: &Path) -> Option<Draft> {
    let bytes = std::fs::read(path(store)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// The first try's id and time come back from the file exactly, to the nanosecond (an edit saved by
    /// that try is known by its very time); a draft written before they were kept reads without them.
    #[test]
    fn a_forms_first_try_survives_its_draft() {
        let customer = Id::at(chrono::Utc::now());
        let mut form = Form::note(customer, super::super::form::About::Nobody, None);
        form.set_value(0, "Size 42 in blue");
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 12, 2, 9, 30, 15)
            .unwrap()
            .checked_add_signed(chrono::Duration::nanoseconds(123_456_789))
            .unwrap();
        form.attempt = Some(Attempt::new(at));
        let json = serde_json::to_vec(&Draft::of(&form).unwrap()).unwrap();
        let back: Draft = serde_json::from_slice(&json).unwrap();
        assert_eq!(back.attempt(), form.attempt);
        let mut again = Form::note(customer, super::super::form::About::Nobody, None);
        back.fill(&mut again);
        assert_eq!(again.attempt, form.attempt);
        assert_eq!(again.value(0), "Size 42 in blue");

        form.attempt = None;
        let old =
            String::from_utf8(serde_json::to_vec(&Draft::of(&form).unwrap()).unwrap()).unwrap();
        assert!(!old.contains("tried"), "{old}");
        let back: Draft = serde_json::from_str(&old).unwrap();
        assert_eq!(back.attempt(), None);
    }
}
