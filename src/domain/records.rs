use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Id;

/// A visit: something that happened, never changed afterwards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub id: Id,
    pub customer: Id,
    pub at: DateTime<Utc>,
    /// Integer cents in the shop's currency.
    pub amount_cents: Option<i64>,
    /// What they took ("espresso and cornetto", "haircut").
    pub what: Option<String>,
    /// Who was at the counter.
    pub staff: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum NoteKind {
    #[default]
    Note,
    Praise,
    Complaint,
    Apology,
}

impl NoteKind {
    pub const ALL: [NoteKind; 4] = [
        NoteKind::Note,
        NoteKind::Praise,
        NoteKind::Complaint,
        NoteKind::Apology,
    ];

    /// The stable word used on the command line and in JSON.
    pub fn word(self) -> &'static str {
        match self {
            NoteKind::Note => "note",
            NoteKind::Praise => "praise",
            NoteKind::Complaint => "complaint",
            NoteKind::Apology => "apology",
        }
    }

    /// The Italian word, also accepted on the command line (`--kind reclamo`).
    fn italian_word(self) -> &'static str {
        match self {
            NoteKind::Note => "nota",
            NoteKind::Praise => "elogio",
            NoteKind::Complaint => "reclamo",
            NoteKind::Apology => "scuse",
        }
    }

    /// The kind named by `word`, in English or Italian, in any case.
    pub fn from_word(word: &str) -> Option<NoteKind> {
        let word = word.trim();
        NoteKind::ALL.into_iter().find(|k| {
            k.word().eq_ignore_ascii_case(word) || k.italian_word().eq_ignore_ascii_case(word)
        })
    }
}

/// A note about a customer: a preference mentioned, praise, a complaint, an apology made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: Id,
    pub customer: Id,
    pub at: DateTime<Utc>,
    pub kind: NoteKind,
    pub text: String,
    pub staff: Option<String>,
    /// Pinned notes are shown on the greeting card.
    pub pinned: bool,
}

/// A void: takes back a visit or a note logged by mistake. Events are never changed or deleted (stores will
/// be merged one day): the void is an event of its own that names the one it takes back, and what is shown
/// (counts, last visit, the timeline) leaves voided events out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Void {
    pub id: Id,
    pub customer: Id,
    /// The event taken back.
    pub target: Id,
    pub at: DateTime<Utc>,
    pub staff: Option<String>,
}

/// What kind of event a void took back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Visit,
    Note,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_kinds_round_trip_through_their_words() {
        for kind in NoteKind::ALL {
            assert_eq!(NoteKind::from_word(kind.word()), Some(kind));
        }
        assert_eq!(NoteKind::from_word(" Praise "), Some(NoteKind::Praise));
        assert_eq!(NoteKind::from_word("grumble"), None);
        assert_eq!(NoteKind::from_word("Reclamo"), Some(NoteKind::Complaint));
        assert_eq!(NoteKind::from_word("scuse"), Some(NoteKind::Apology));
    }
}
