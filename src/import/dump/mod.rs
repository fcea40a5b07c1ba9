//! The desk's own JSON of the whole store (`export --format json`, and `import` of it): every customer
//! with every record about them, as stored — ids, times in ISO 8601 UTC, amounts in integer cents, voided
//! records and the voids that took them back — so that an export imported into a new store exports again
//! to the same bytes. Its shape is versioned (`format`, `version`); a file of another shape is refused.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{
    Birthday, Channel, ConsentChange, Customer, Event, Id, Note, NoteKind, Outcome, Promise,
    PromiseEnd, Redemption, Visit, Void,
};
use crate::text;

mod read;
mod writer;

pub use read::read;
pub use writer::DumpWriter;

/// What the file says it is.
const FORMAT: &str = "regulars-store";
const VERSION: u32 = 1;

/// The file as read. It is written by [`DumpWriter`], a customer at a time.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Dump {
    format: String,
    version: u32,
    customers: Vec<CustomerDump>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerDump {
    id: String,
    name: String,
    nickname: Option<String>,
    phones: Vec<String>,
    email: Option<String>,
    /// `1970-05-12`, or `--05-12` without a year.
    birthday: Option<String>,
    #[serde(with = "crate::iso::date")]
    since: NaiveDate,
    tags: Vec<String>,
    preferences: String,
    referred_by: Option<String>,
    #[serde(with = "crate::iso")]
    created_at: DateTime<Utc>,
    #[serde(with = "crate::iso")]
    updated_at: DateTime<Utc>,
    updated_by: Option<String>,
    /// Every record about them, in id order (which is time order).
    events: Vec<EventDump>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum EventDump {
    Visit {
        id: String,
        #[serde(with = "crate::iso")]
        at: DateTime<Utc>,
        amount_cents: Option<i64>,
        what: Option<String>,
        staff: Option<String>,
    },
    Note {
        id: String,
        #[serde(with = "crate::iso")]
        at: DateTime<Utc>,
        note_kind: String,
        text: String,
        staff: Option<String>,
        pinned: bool,
        answers: Option<String>,
    },
    Promise {
        id: String,
        #[serde(with = "crate::iso")]
        at: DateTime<Utc>,
        #[serde(with = "crate::iso::date")]
        due: NaiveDate,
        text: String,
        staff: Option<String>,
    },
    PromiseEnd {
        id: String,
        promise: String,
        outcome: String,
        #[serde(with = "crate::iso")]
        at: DateTime<Utc>,
        staff: Option<String>,
    },
    Void {
        id: String,
        target: String,
        #[serde(with = "crate::iso")]
        at: DateTime<Utc>,
        staff: Option<String>,
    },
    Redemption {
        id: String,
        #[serde(with = "crate::iso")]
        at: DateTime<Utc>,
        stamps: u32,
        reward: String,
        staff: Option<String>,
    },
    Consent {
        id: String,
        #[serde(with = "crate::iso")]
        at: DateTime<Utc>,
        channel: String,
        given: bool,
        #[serde(with = "crate::iso::date")]
        on: NaiveDate,
        source: String,
        staff: Option<String>,
    },
}

impl CustomerDump {
    /// A customer and every record about them, as stored.
    pub fn new(c: Customer, mut events: Vec<Event>) -> CustomerDump {
        events.sort_by_key(Event::id);
        CustomerDump {
            id: c.id.to_string(),
            name: c.name,
            nickname: c.nickname,
            phones: c.phones,
            email: c.email,
            birthday: c.birthday.map(Birthday::to_iso),
            since: c.since,
            tags: c.tags,
            preferences: c.preferences,
            referred_by: c.referred_by.map(|id| id.to_string()),
            created_at: c.created_at,
            updated_at: c.updated_at,
            updated_by: c.updated_by,
            events: events.into_iter().map(EventDump::new).collect(),
        }
    }

    /// The customer (and their records) back, checked as an import checks them.
    pub(crate) fn into_customer(self) -> Result<(Customer, Vec<Event>), String> {
        customer_of(self, &mut std::collections::HashSet::new()).map_err(|(at, reason)| match at {
            Some(at) => format!("{at}: {reason}"),
            None => reason,
        })
    }
}

impl EventDump {
    /// The record of `customer` back, checked as an import checks it.
    pub(crate) fn into_event(self, customer: Id) -> Result<Event, String> {
        event_of(self, customer)
    }
}

impl EventDump {
    /// The record as a mistake names it: its kind and id as the file has them (`note 01J…`).
    fn label(&self) -> String {
        let (kind, id) = match self {
            EventDump::Visit { id, .. } => ("visit", id),
            EventDump::Note { id, .. } => ("note", id),
            EventDump::Promise { id, .. } => ("promise", id),
            EventDump::PromiseEnd { id, .. } => ("promise_end", id),
            EventDump::Void { id, .. } => ("void", id),
            EventDump::Redemption { id, .. } => ("redemption", id),
            EventDump::Consent { id, .. } => ("consent", id),
        };
        format!("{kind} {id}")
    }

    pub(crate) fn new(event: Event) -> EventDump {
        let id = event.id().to_string();
        match event {
            Event::Visit(v) => EventDump::Visit {
                id,
                at: v.at,
                amount_cents: v.amount_cents,
                what: v.what,
                staff: v.staff,
            },
            Event::Note(n) => EventDump::Note {
                id,
                at: n.at,
                note_kind: n.kind.word().to_string(),
                text: n.text,
                staff: n.staff,
                pinned: n.pinned,
                answers: n.answers.map(|a| a.to_string()),
            },
            Event::Promise(p) => EventDump::Promise {
                id,
                at: p.at,
                due: p.due,
                text: p.text,
                staff: p.staff,
            },
            Event::PromiseEnd(e) => EventDump::PromiseEnd {
                id,
                promise: e.promise.to_string(),
                outcome: e.outcome.word().to_string(),
                at: e.at,
                staff: e.staff,
            },
            Event::Void(v) => EventDump::Void {
                id,
                target: v.target.to_string(),
                at: v.at,
                staff: v.staff,
            },
            Event::Redemption(r) => EventDump::Redemption {
                id,
                at: r.at,
                stamps: r.stamps,
                reward: r.reward,
                staff: r.staff,
            },
            Event::Consent(c) => EventDump::Consent {
                id,
                at: c.at,
                channel: c.channel.word().to_string(),
                given: c.given,
                on: c.on,
                source: c.source,
                staff: c.staff,
            },
        }
    }
}

fn id(text: &str) -> Result<Id, String> {
    text.parse().map_err(|_| text::dump_bad_id(text))
}

/// A birthday as the file has it (`1970-05-12`, or `--05-12` without a year).
fn stored_birthday(text: &str) -> Result<Birthday, String> {
    // As it was stored: no "today" to be after.
    Birthday::parse(text, NaiveDate::MAX).map_err(|e| e.to_string())
}

/// A mistake of a customer of the file: where (a field of theirs, or of one of their records), and why.
type Wrong = (Option<String>, String);

/// `reason`, said of the field `at`.
fn at(at: impl Into<String>) -> impl FnOnce(String) -> Wrong {
    let at = at.into();
    move |reason| (Some(at), reason)
}

fn customer_of(
    c: CustomerDump,
    seen: &mut std::collections::HashSet<Id>,
) -> Result<(Customer, Vec<Event>), Wrong> {
    let customer_id = id(&c.id).map_err(at("id"))?;
    if !seen.insert(customer_id) {
        return Err((Some("id".into()), text::dump_twice(&c.id)));
    }
    let birthday = c
        .birthday
        .as_deref()
        .map(stored_birthday)
        .transpose()
        .map_err(at("birthday"))?;
    let customer = Customer {
        id: customer_id,
        name: c.name,
        nickname: c.nickname,
        phones: c.phones,
        email: c.email,
        birthday,
        since: c.since,
        tags: c.tags,
        preferences: c.preferences,
        referred_by: c
            .referred_by
            .as_deref()
            .map(id)
            .transpose()
            .map_err(at("referred_by"))?,
        created_at: c.created_at,
        updated_at: c.updated_at,
        updated_by: c.updated_by,
    };
    let mut events = Vec::with_capacity(c.events.len());
    for e in c.events {
        let label = e.label();
        let event = event_of(e, customer_id).map_err(at(label.clone()))?;
        if !seen.insert(event.id()) {
            let said = text::dump_twice(&event.id().to_string());
            return Err((Some(format!("{label}, id")), said));
        }
        events.push(event);
    }
    // What a record names is among this customer's records.
    let mine: std::collections::HashSet<Id> = events.iter().map(Event::id).collect();
    for e in &events {
        let named = match e {
            Event::Void(v) => Some(("target", v.target)),
            Event::PromiseEnd(p) => Some(("promise", p.promise)),
            Event::Note(n) => n.answers.map(|a| ("answers", a)),
            _ => None,
        };
        if let Some((field, named)) = named
            && !mine.contains(&named)
        {
            let said = text::dump_no_such_record(&named.to_string());
            let label = format!("{} {}, {field}", e.kind().word(), e.id());
            return Err((Some(label), said));
        }
    }
    Ok((customer, events))
}

fn event_of(e: EventDump, customer: Id) -> Result<Event, String> {
    let word = |what: &str| text::dump_bad_word(what);
    Ok(match e {
        EventDump::Visit {
            id: i,
            at,
            amount_cents,
            what,
            staff,
        } => Event::Visit(Visit {
            id: id(&i)?,
            customer,
            at,
            amount_cents,
            what,
            staff,
        }),
        EventDump::Note {
            id: i,
            at,
            note_kind,
            text: body,
            staff,
            pinned,
            answers,
        } => Event::Note(Note {
            id: id(&i)?,
            customer,
            at,
            kind: NoteKind::from_word(&note_kind).ok_or_else(|| word(&note_kind))?,
            text: body,
            staff,
            pinned,
            answers: answers.as_deref().map(id).transpose()?,
        }),
        EventDump::Promise {
            id: i,
            at,
            due,
            text: body,
            staff,
        } => Event::Promise(Promise {
            id: id(&i)?,
            customer,
            at,
            due,
            text: body,
            staff,
        }),
        EventDump::PromiseEnd {
            id: i,
            promise,
            outcome,
            at,
            staff,
        } => Event::PromiseEnd(PromiseEnd {
            id: id(&i)?,
            customer,
            promise: id(&promise)?,
            outcome: match outcome.as_str() {
                "kept" => Outcome::Kept,
                "cancelled" => Outcome::Cancelled,
                other => return Err(word(other)),
            },
            at,
            staff,
        }),
        EventDump::Void {
            id: i,
            target,
            at,
            staff,
        } => Event::Void(Void {
            id: id(&i)?,
            customer,
            target: id(&target)?,
            at,
            staff,
        }),
        EventDump::Redemption {
            id: i,
            at,
            stamps,
            reward,
            staff,
        } => Event::Redemption(Redemption {
            id: id(&i)?,
            customer,
            at,
            stamps,
            reward,
            staff,
        }),
        EventDump::Consent {
            id: i,
            at,
            channel,
            given,
            on,
            source,
            staff,
        } => Event::Consent(ConsentChange {
            id: id(&i)?,
            customer,
            at,
            channel: Channel::from_word(&channel).ok_or_else(|| word(&channel))?,
            given,
            on,
            source,
            staff,
        }),
    })
}
