//! A customer form's "Referred by": the customers its letters match, and the one chosen among them.

use crate::domain::Id;

/// The referrer of a customer form: the customers whose names match what its field holds, and the one
/// chosen among them (the desk searches as letters are typed, the way the main search does).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Referrer {
    /// Who referred them when the form opened (an edit): their id and the name the field opened with.
    pub initial: Option<(Id, String)>,
    /// The customer being edited, never their own referrer.
    pub myself: Option<Id>,
    /// What the matches were searched for (they arrive after the letters typed),
    pub query: String,
    /// the customers it matches, best first (their id, and their name and customer-since day as the
    /// field shows them; at most [`REFERRER_MATCHES`] of them),
    pub matches: Vec<(Id, String)>,
    /// how many it matches in all,
    pub total: usize,
    /// and the one chosen (↑ ↓).
    pub selected: usize,
}

/// How many of the customers the referrer field's letters match can be chosen with ↑ ↓ (more letters
/// narrow the rest).
pub const REFERRER_MATCHES: usize = 50;

/// Why the referrer field names no one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoReferrer {
    /// Its letters have not been looked up yet (a draft brought back).
    NotSearched,
    /// Nobody's name matches them.
    NoMatch,
}

impl Referrer {
    /// Who the field's `value` names: nobody when it is empty, the one they had when it still shows
    /// their name, else the match chosen.
    pub fn chosen(&self, value: &str) -> Result<Option<Id>, NoReferrer> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        if let Some((id, name)) = &self.initial
            && name == value
        {
            return Ok(Some(*id));
        }
        if self.query != value {
            return Err(NoReferrer::NotSearched);
        }
        self.matches
            .get(self.selected)
            .map(|&(id, _)| Some(id))
            .ok_or(NoReferrer::NoMatch)
    }
}
