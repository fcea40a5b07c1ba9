//! Consent to be contacted, per channel: given or withdrawn, with the day and where it was asked. Every
//! change is an event of its own, so what a customer agreed to, and when, stays on record; what holds now
//! is the latest change of each channel that no void takes back.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::events::event_record;
use super::{Event, EventKind, Id, VisitStats};

/// A way to reach a customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    Sms,
    Email,
    Phone,
    Post,
}

impl Channel {
    /// Every channel, in the order a lapsed regular is reached when they agreed to several: the quickest
    /// and least intrusive first.
    pub const ALL: [Channel; 4] = [Channel::Sms, Channel::Email, Channel::Phone, Channel::Post];

    /// The stable word used on the command line, in JSON and in CSV.
    pub fn word(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::Post => "post",
        }
    }

    /// The channel named by `word`, in English or Italian, in any case.
    pub fn from_word(word: &str) -> Option<Channel> {
        match word.trim().to_lowercase().as_str() {
            "sms" => Some(Channel::Sms),
            "email" | "e-mail" | "mail" => Some(Channel::Email),
            "phone" | "telefono" => Some(Channel::Phone),
            "post" | "posta" => Some(Channel::Post),
            _ => None,
        }
    }

    /// The channel's bit in a set of channels ([`ConsentSet`]).
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The channels a customer agreed to, as one byte (kept in their figures and in the search index).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConsentSet(pub u8);

impl ConsentSet {
    pub fn contains(self, channel: Channel) -> bool {
        self.0 & channel.bit() != 0
    }

    pub fn set(&mut self, channel: Channel, given: bool) {
        if given {
            self.0 |= channel.bit();
        } else {
            self.0 &= !channel.bit();
        }
    }

    /// The channel to reach them by: the first of [`Channel::ALL`] they agreed to.
    pub fn preferred(self) -> Option<Channel> {
        Channel::ALL.into_iter().find(|&c| self.contains(c))
    }

    pub fn channels(self) -> impl Iterator<Item = Channel> {
        Channel::ALL.into_iter().filter(move |&c| self.contains(c))
    }
}

/// A change of consent: `channel` given or withdrawn on `on`, asked where `source` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentChange {
    pub id: Id,
    pub customer: Id,
    /// When it was recorded.
    pub at: DateTime<Utc>,
    pub channel: Channel,
    pub given: bool,
    /// The day it was given or withdrawn (a consent signed on paper last week is recorded today).
    pub on: NaiveDate,
    /// Where it was asked ("asked at the counter", "signed form").
    pub source: String,
    pub staff: Option<String>,
}

event_record!(
    ConsentChange,
    EventKind::Consent,
    // Written one at a time, each change is the latest of its channel.
    fn add_to(&self, figures: &mut VisitStats) -> bool {
        figures.consent.set(self.channel, self.given);
        true
    }
);

/// The consent that holds now for each channel with a change on record: the latest change of it (by
/// when it was recorded) that `voided` does not take back.
pub fn consent_now<'a>(events: &'a [Event], voided: &HashSet<Id>) -> Vec<&'a ConsentChange> {
    let mut latest: Vec<&ConsentChange> = Vec::new();
    for event in events {
        let Event::Consent(change) = event else {
            continue;
        };
        if voided.contains(&change.id) {
            continue;
        }
        match latest.iter_mut().find(|c| c.channel == change.channel) {
            Some(held) if held.id < change.id => *held = change,
            Some(_) => {}
            None => latest.push(change),
        }
    }
    latest.sort_by_key(|c| c.channel);
    latest
}

/// The channels `consent_now` says were given.
pub fn consent_set(now: &[&ConsentChange]) -> ConsentSet {
    let mut set = ConsentSet::default();
    for change in now {
        set.set(change.channel, change.given);
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(n: u8, channel: Channel, given: bool) -> Event {
        let at = DateTime::from_timestamp(1_790_000_000 + i64::from(n), 0).unwrap();
        Event::Consent(ConsentChange {
            id: Id::at(at),
            customer: Id::from_bytes([1; 16]),
            at,
            channel,
            given,
            on: at.date_naive(),
            source: "asked at the counter".into(),
            staff: None,
        })
    }

    #[test]
    fn the_latest_change_of_each_channel_holds() {
        let events = vec![
            change(1, Channel::Sms, true),
            change(2, Channel::Email, true),
            change(3, Channel::Sms, false),
            change(4, Channel::Post, true),
        ];
        let now = consent_now(&events, &HashSet::new());
        let set = consent_set(&now);
        assert!(!set.contains(Channel::Sms), "withdrawn after it was given");
        assert!(set.contains(Channel::Email) && set.contains(Channel::Post));
        assert!(!set.contains(Channel::Phone));
        assert_eq!(set.preferred(), Some(Channel::Email));
        assert_eq!(
            set.channels().collect::<Vec<_>>(),
            [Channel::Email, Channel::Post]
        );
        // In any order (a bulk load): the latest by when it was recorded.
        let mut shuffled = events.clone();
        shuffled.reverse();
        assert_eq!(consent_set(&consent_now(&shuffled, &HashSet::new())), set);
        // The withdrawal voided: the consent given before holds again.
        let voided: HashSet<Id> = [events[2].id()].into();
        let set = consent_set(&consent_now(&events, &voided));
        assert!(set.contains(Channel::Sms));
        assert_eq!(set.preferred(), Some(Channel::Sms));
        assert_eq!(ConsentSet::default().preferred(), None);
    }

    #[test]
    fn channels_are_named_in_english_and_italian() {
        for channel in Channel::ALL {
            assert_eq!(Channel::from_word(channel.word()), Some(channel));
        }
        assert_eq!(Channel::from_word(" Telefono "), Some(Channel::Phone));
        assert_eq!(Channel::from_word("posta"), Some(Channel::Post));
        assert_eq!(Channel::from_word("E-mail"), Some(Channel::Email));
        assert_eq!(Channel::from_word("fax"), None);
    }
}
