use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::events::event_record;
use super::{Event, EventKind, Id, InputLimits, VisitStats, parse_amount};
use crate::text::InputError;

/// A visit: something that happened, never changed afterwards.
#[derive(Clone, Debug, PartialEq, Eq)]
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

event_record!(
    Visit,
    EventKind::Visit,
    fn add_to(&self, figures: &mut VisitStats) -> bool {
        figures.add(self.at, self.amount_cents);
        true
    }
);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
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
            NoteKind::Praise => "complimento",
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub id: Id,
    pub customer: Id,
    pub at: DateTime<Utc>,
    pub kind: NoteKind,
    pub text: String,
    pub staff: Option<String>,
    /// Pinned notes are shown on the greeting card.
    pub pinned: bool,
    /// The complaint this note answers, if it was written as its answer.
    pub answers: Option<Id>,
}

event_record!(Note, EventKind::Note);

/// A note may be written as the answer to a complaint, unless it is a complaint itself.
pub fn check_answer(kind: NoteKind, answers: Option<Id>) -> Result<(), InputError> {
    if answers.is_some() && kind == NoteKind::Complaint {
        return Err(InputError::ComplaintAnswers);
    }
    Ok(())
}

/// The complaints among `events` still waiting for an answer, oldest first. A complaint is answered by a
/// note written as its answer, or by any apology made after it; events in `voided` count for nothing.
pub fn open_complaints<'a>(events: &'a [Event], voided: &HashSet<Id>) -> Vec<&'a Note> {
    let notes: Vec<&Note> = events
        .iter()
        .filter(|e| !voided.contains(&e.id()))
        .filter_map(|e| match e {
            Event::Note(n) => Some(n),
            _ => None,
        })
        .collect();
    notes
        .iter()
        .copied()
        .filter(|c| c.kind == NoteKind::Complaint)
        .filter(|c| {
            !notes
                .iter()
                .any(|n| n.answers == Some(c.id) || (n.kind == NoteKind::Apology && n.id > c.id))
        })
        .collect()
}

/// A void: takes back a visit or a note logged by mistake. Events are never changed or deleted (stores will
/// be merged one day): the void is an event of its own that names the one it takes back, and what is shown
/// (counts, last visit, the timeline) leaves voided events out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Void {
    pub id: Id,
    pub customer: Id,
    /// The event taken back.
    pub target: Id,
    pub at: DateTime<Utc>,
    pub staff: Option<String>,
}

event_record!(Void, EventKind::Void);

/// The voids that stand: a void can itself be taken back by a void naming it (undoing a void), and then
/// neither counts. Only a void of a visit or a note can be taken back so; a void naming a void that
/// names a void stands for nothing. Pure: the store and the desk both ask it.
pub fn standing_voids(voids: &[Void]) -> Vec<&Void> {
    let ids: HashSet<Id> = voids.iter().map(|v| v.id).collect();
    let cancelled: HashSet<Id> = voids
        .iter()
        .filter(|v| ids.contains(&v.target))
        .map(|v| v.target)
        .collect();
    voids
        .iter()
        .filter(|v| !ids.contains(&v.target) && !cancelled.contains(&v.id))
        .collect()
}

/// The visits and notes that standing voids take back.
pub fn voided_events(voids: &[Void]) -> HashSet<Id> {
    standing_voids(voids)
        .into_iter()
        .map(|v| v.target)
        .collect()
}

/// Checks that a text fits in one field: at most [`InputLimits::FIELD_CHARS`] characters.
pub fn within_limit(text: &str) -> Result<(), InputError> {
    if text.chars().count() > InputLimits::FIELD_CHARS {
        return Err(InputError::TooLong(InputLimits::FIELD_CHARS));
    }
    Ok(())
}

/// A note as typed, checked: the desk's note form, `regulars note` and imports all make notes through
/// [`NoteDraft::new`], so a note is held to the same rules wherever it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteDraft {
    pub kind: NoteKind,
    /// Without the blank lines and spaces typed after it.
    pub text: String,
    pub pinned: bool,
}

impl NoteDraft {
    /// A note must say something and fit in a field.
    pub fn new(text: &str, kind: NoteKind, pinned: bool) -> Result<NoteDraft, InputError> {
        let text = text.trim_end();
        if text.trim().is_empty() {
            return Err(InputError::NoteRequired);
        }
        within_limit(text)?;
        Ok(NoteDraft {
            kind,
            text: text.to_string(),
            pinned,
        })
    }
}

/// Which field of a visit an input error belongs to, so it can be shown next to that field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VisitField {
    Amount,
    What,
}

/// A visit's amount and what they took, as typed, checked: the desk's visit form, `regulars visit` and
/// imports all go through [`VisitDraft::new`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisitDraft {
    /// Integer cents in the shop's currency.
    pub amount_cents: Option<i64>,
    pub what: Option<String>,
}

impl VisitDraft {
    /// Both are optional (empty text is none); an amount is read by [`parse_amount`], and what they took
    /// fits in a field. The first error names its field.
    pub fn new(amount: &str, what: &str) -> Result<VisitDraft, (VisitField, InputError)> {
        let amount_cents = match amount.trim() {
            "" => None,
            amount => Some(parse_amount(amount).map_err(|e| (VisitField::Amount, e))?),
        };
        let what = what.trim();
        within_limit(what).map_err(|e| (VisitField::What, e))?;
        Ok(VisitDraft {
            amount_cents,
            what: (!what.is_empty()).then(|| what.to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_void_taken_back_no_longer_stands() {
        let at = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let id = |n: u8| Id::from_bytes([n; 16]);
        let void = |me: u8, target: u8| Void {
            id: id(me),
            customer: id(0),
            target: id(target),
            at,
            staff: None,
        };
        // Visit 1 voided by 10; visit 2 voided by 20, which 21 takes back; 30 names 21 (a void of an
        // undo): it stands for nothing.
        let voids = [void(10, 1), void(20, 2), void(21, 20), void(30, 21)];
        assert_eq!(voided_events(&voids), HashSet::from([id(1)]));
        let standing: Vec<Id> = standing_voids(&voids).iter().map(|v| v.id).collect();
        assert_eq!(standing, vec![id(10)]);
        assert!(voided_events(&[]).is_empty());
    }

    #[test]
    fn a_complaint_is_no_answer_to_a_complaint() {
        let complaint = Some(Id::from_bytes([1; 16]));
        assert_eq!(
            check_answer(NoteKind::Complaint, complaint),
            Err(InputError::ComplaintAnswers)
        );
        assert_eq!(check_answer(NoteKind::Complaint, None), Ok(()));
        for kind in [NoteKind::Note, NoteKind::Praise, NoteKind::Apology] {
            assert_eq!(check_answer(kind, complaint), Ok(()));
        }
    }

    #[test]
    fn a_complaint_stays_open_until_its_answer_or_a_later_apology() {
        let id = |n: u8| Id::from_bytes([n; 16]);
        let note = |n: u8, kind: NoteKind, answers: Option<u8>| {
            Event::Note(Note {
                id: id(n),
                customer: id(0),
                at: DateTime::from_timestamp(1_790_000_000 + i64::from(n), 0).unwrap(),
                kind,
                text: format!("note {n}"),
                staff: None,
                pinned: false,
                answers: answers.map(id),
            })
        };
        let open = |events: &[Event], voided: &[u8]| -> Vec<u8> {
            let voided: HashSet<Id> = voided.iter().map(|&n| id(n)).collect();
            open_complaints(events, &voided)
                .iter()
                .map(|c| c.id.to_bytes()[0])
                .collect()
        };
        use NoteKind::{Apology, Complaint, Note as Plain, Praise};
        // An apology made before a complaint does not answer it; a plain note answers only when written
        // as its answer.
        let events = vec![
            note(1, Apology, None),
            note(2, Complaint, None),
            note(3, Plain, None),
            note(4, Praise, None),
            note(5, Complaint, None),
            note(6, Plain, Some(5)),
        ];
        assert_eq!(open(&events, &[]), vec![2]);
        // The answer voided: open again. The complaint voided: nowhere.
        assert_eq!(open(&events, &[6]), vec![2, 5]);
        assert_eq!(open(&events, &[2, 6]), vec![5]);
        // A later apology answers every complaint before it.
        let mut with_apology = events.clone();
        with_apology.push(note(7, Apology, None));
        with_apology.push(note(8, Complaint, None));
        assert_eq!(open(&with_apology, &[6]), vec![8]);
        assert_eq!(open(&with_apology, &[7]), vec![2, 8]);
    }

    #[test]
    fn a_note_must_say_something_and_fit_in_a_field() {
        let max = InputLimits::FIELD_CHARS;
        assert_eq!(
            NoteDraft::new("Wants the blue scarf\n\n  ", NoteKind::Praise, true),
            Ok(NoteDraft {
                kind: NoteKind::Praise,
                text: "Wants the blue scarf".into(),
                pinned: true,
            })
        );
        for empty in ["", "   ", "\n\t\n"] {
            assert_eq!(
                NoteDraft::new(empty, NoteKind::Note, false),
                Err(InputError::NoteRequired)
            );
        }
        // The limit counts characters, not bytes.
        assert!(NoteDraft::new(&"è".repeat(max), NoteKind::Note, false).is_ok());
        assert_eq!(
            NoteDraft::new(&"è".repeat(max + 1), NoteKind::Note, false),
            Err(InputError::TooLong(max))
        );
    }

    #[test]
    fn a_visit_checks_its_amount_and_what_they_took() {
        let max = InputLimits::FIELD_CHARS;
        assert_eq!(VisitDraft::new("", "  "), Ok(VisitDraft::default()));
        assert_eq!(
            VisitDraft::new(" 12,50 ", " espresso "),
            Ok(VisitDraft {
                amount_cents: Some(1250),
                what: Some("espresso".into()),
            })
        );
        assert_eq!(
            VisitDraft::new("12.5.0", ""),
            Err((VisitField::Amount, InputError::BadAmount("12.5.0".into())))
        );
        assert!(matches!(
            VisitDraft::new("12.345", ""),
            Err((VisitField::Amount, InputError::AmbiguousAmount { .. }))
        ));
        assert!(VisitDraft::new("", &"x".repeat(max)).is_ok());
        assert_eq!(
            VisitDraft::new("", &"x".repeat(max + 1)),
            Err((VisitField::What, InputError::TooLong(max)))
        );
    }

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
