//! How an event reads: one description per kind, which the desk's timeline, its entry view and `regulars
//! show` each lay out in their own way. A new kind of event says here, once, what its line shows.

use crate::domain::{Event, NoteKind};
use crate::text::{self, Msg};

/// The colour family of an event's label (the screens map it to their theme).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Visit,
    Note(NoteKind),
    Void,
}

/// An event as the screens show it. Texts are as stored: each screen makes them safe to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Described<'a> {
    pub event: &'a Event,
    /// What it is ("Visit", "Complaint"), in the user's language.
    pub label: String,
    pub tone: Tone,
    pub pinned: bool,
    /// Short facts, each with the name of its field: on the event's line, the values; shown whole, both.
    pub facts: Vec<(Msg, String)>,
    /// Free text, possibly several lines.
    pub text: Option<&'a str>,
}

/// Describes `event`; amounts in `currency`.
pub fn describe<'a>(event: &'a Event, currency: &str) -> Described<'a> {
    let mut facts = Vec::new();
    let (label, tone, pinned, text) = match event {
        Event::Visit(v) => {
            if let Some(cents) = v.amount_cents {
                facts.push((text::FIELD_AMOUNT, text::amount(cents, currency)));
            }
            if let Some(what) = &v.what {
                facts.push((text::FIELD_WHAT, what.clone()));
            }
            (text::TIMELINE_VISIT, Tone::Visit, false, None)
        }
        Event::Note(n) => (
            text::note_kind(n.kind),
            Tone::Note(n.kind),
            n.pinned,
            Some(n.text.as_str()),
        ),
        Event::Void(_) => (text::TIMELINE_VOID, Tone::Void, false, None),
    };
    Described {
        event,
        label: label.to_string(),
        tone,
        pinned,
        facts,
        text,
    }
}
