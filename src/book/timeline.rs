//! How an event reads: one description per kind, which the desk's timeline, its entry view and `regulars
//! show` each lay out in their own way. A new kind of event says here, once, what its line shows.

use super::Profile;
use chrono::NaiveDate;

use crate::domain::{Event, NoteKind, Outcome, PromiseState, Standing, promise_states};
use crate::text::{self, Msg};

/// The colour family of an event's label (the screens map it to their theme).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Visit,
    Note(NoteKind),
    Void,
    Promise,
    Reward,
    Consent,
}

/// An event as the screens show it. Texts are as stored: each screen makes them safe to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Described<'a> {
    pub event: &'a Event,
    /// What it is ("Visit", "Complaint"), in the user's language.
    pub label: String,
    pub tone: Tone,
    pub pinned: bool,
    /// Short facts, each with the name of its field (none: the value says what it is): on the event's
    /// line, the values; shown whole, both.
    pub facts: Vec<(Option<Msg>, String)>,
    /// Free text, possibly several lines.
    pub text: Option<&'a str>,
    /// The till it was written at, once the sync hub has it (not on the timeline's line, where every
    /// entry would repeat it; shown whole, and by `show`).
    pub till: Option<&'a str>,
}

impl Profile {
    /// Describes `event`, one of this profile's; amounts in `currency`.
    pub fn describe<'a>(&'a self, event: &'a Event, currency: &str) -> Described<'a> {
        let mut facts = Vec::new();
        let (label, tone, pinned, text) = match event {
            Event::Visit(v) => {
                if let Some(cents) = v.amount_cents {
                    facts.push((Some(text::FIELD_AMOUNT), text::amount(cents, currency)));
                }
                if let Some(what) = &v.what {
                    facts.push((Some(text::FIELD_WHAT), what.clone()));
                }
                (text::TIMELINE_VISIT.to_string(), Tone::Visit, false, None)
            }
            Event::Note(n) => {
                if n.answers.is_some() {
                    facts.push((None, format!("↳ {}", text::ANSWERS_COMPLAINT)));
                }
                (
                    text::note_kind(n.kind).to_string(),
                    Tone::Note(n.kind),
                    n.pinned,
                    Some(n.text.as_str()),
                )
            }
            Event::Void(_) => (text::TIMELINE_VOID.to_string(), Tone::Void, false, None),
            Event::Promise(p) => {
                facts.push((None, text::due_on(p.due, p.at.date_naive())));
                let states = promise_states(&self.events, &self.voided);
                let ended = states.iter().find_map(|s| match s.standing {
                    Standing::Ended(end) if s.promise.id == p.id => Some(end.outcome),
                    _ => None,
                });
                let label = match ended {
                    Some(outcome) => {
                        format!("{} · {}", text::TIMELINE_PROMISE, text::outcome(outcome))
                    }
                    None => text::TIMELINE_PROMISE.to_string(),
                };
                (label, Tone::Promise, false, Some(p.text.as_str()))
            }
            Event::PromiseEnd(end) => {
                let promise = self.events.iter().find_map(|e| match e {
                    Event::Promise(p) if p.id == end.promise => Some(p.text.as_str()),
                    _ => None,
                });
                let label = match end.outcome {
                    Outcome::Kept => text::TIMELINE_PROMISE_KEPT,
                    Outcome::Cancelled => text::TIMELINE_PROMISE_CANCELLED,
                };
                (label.to_string(), Tone::Promise, false, promise)
            }
            Event::Consent(c) => {
                facts.push((None, text::consent_fact(c.channel, c.given, c.on)));
                (
                    text::TIMELINE_CONSENT.to_string(),
                    Tone::Consent,
                    false,
                    Some(c.source.as_str()).filter(|s| !s.is_empty()),
                )
            }
            Event::Redemption(r) => {
                facts.push((None, text::stamps_used(r.stamps)));
                (
                    text::TIMELINE_REWARD.to_string(),
                    Tone::Reward,
                    false,
                    Some(r.reward.as_str()),
                )
            }
        };
        Described {
            event,
            label,
            tone,
            pinned,
            facts,
            text,
            till: self.tills.get(&event.id()).map(String::as_str),
        }
    }
}

/// An open promise as the card and `show` list it: whether it is overdue on `today`, and its line (made
/// safe to show; an overdue one starts with a mark that needs no colour).
pub fn open_promise_line(state: &PromiseState<'_>, today: NaiveDate) -> (bool, String) {
    let p = state.promise;
    let overdue = state.is_overdue(today);
    let what = crate::safe::lines(&p.text).join(" / ");
    (overdue, text::open_promise(overdue, p.due, &what, today))
}

/// An open complaint as the card and `show` list it (made safe to show), given the local day it was made
/// and today.
pub fn open_complaint_line(
    complaint: &crate::domain::Note,
    day: NaiveDate,
    today: NaiveDate,
) -> String {
    text::open_complaint(day, &crate::safe::lines(&complaint.text).join(" / "), today)
}
