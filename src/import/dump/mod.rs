//! The desk's own JSON of the whole store (`export --format json`, and `import` of it): every customer
//! with every record about them, as stored — ids, times in ISO 8601 UTC, amounts in integer cents, voided
//! records and the voids that took them back — so that an export imported into a new store exports again
//! to the same bytes. Its shape is versioned (`format`, `version`); a file of another shape is refused.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::Problem;
use crate::domain::{
    Birthday, Channel, ConsentChange, Customer, CustomerDraft, Event, Id, Note, NoteDraft,
    NoteKind, Outcome, Promise, PromiseEnd, Redemption, Visit, Void,
};
use crate::text;

mod writer;

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

/// The customers and records of a dump, checked: ids that read, words the desk knows, every record
/// naming a record of the same customer that is in the file (a void its target, an end its promise, an
/// answer its complaint), no id twice, a referrer in the file or one `known` (in the store); and every
/// field and record held to the rules of the desk's forms on `today` (a name, phones and an address that
/// read, a "customer since" not after today, a note with some text…). Each mistake names the customer by
/// their place in the file, and the field when it is one.
pub fn read(
    bytes: &[u8],
    today: NaiveDate,
    known: &dyn Fn(Id) -> bool,
) -> Result<(Vec<Customer>, Vec<Event>), Vec<Problem>> {
    let dump: Dump = serde_json::from_slice(bytes).map_err(|e| {
        // The desk's file (it says so first) with a value that does not read (a day that does not
        // exist, a negative count) is the desk's file with a mistake in it, not another file.
        let head = &bytes[..bytes.len().min(256)];
        let says_ours = head.windows(FORMAT.len() + 2).any(|w| {
            w[1..w.len() - 1] == *FORMAT.as_bytes() && w[0] == b'"' && w[w.len() - 1] == b'"'
        });
        let said = match e.classify() {
            serde_json::error::Category::Data if says_ours => {
                text::dump_bad_value(e.line(), e.column(), &e.to_string())
            }
            _ => text::dump_unreadable(&e.to_string()),
        };
        vec![Problem::whole(e.line() as u64, said)]
    })?;
    if dump.format != FORMAT || dump.version != VERSION {
        return Err(vec![Problem::whole(
            1,
            text::dump_other_shape(&dump.format, dump.version),
        )]);
    }
    let mut problems = Vec::new();
    let mut customers = Vec::new();
    let mut events = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // Every customer of the file, those with mistakes too (a referrer among them is in the file).
    let in_file: std::collections::HashSet<Id> = dump
        .customers
        .iter()
        .filter_map(|c| c.id.parse().ok())
        .collect();
    // The place in the file of each customer read.
    let mut places = Vec::new();
    for (n, mut c) in dump.customers.into_iter().enumerate() {
        let place = n as u64 + 1;
        // A birthday that does not read is named with its field, and the rest checked without it.
        if let Some(Err(e)) = c.birthday.as_deref().map(stored_birthday) {
            problems.push(Problem::customer_in(place, "birthday".into(), e));
            c.birthday = None;
        }
        match customer_of(c, &mut seen) {
            Ok((customer, theirs)) => {
                for (column, reason) in mistakes(&customer, &theirs, today) {
                    problems.push(Problem::customer_in(place, column, reason));
                }
                customers.push(customer);
                places.push(place);
                events.extend(theirs);
            }
            Err((Some(at), reason)) => problems.push(Problem::customer_in(place, at, reason)),
            Err((None, reason)) => problems.push(Problem::customer(place, reason)),
        }
    }
    // A referrer is a customer of the file (a store's own export always holds them) or of the store,
    // and someone else.
    for (c, place) in customers.iter().zip(places) {
        let Some(r) = c.referred_by else {
            continue;
        };
        let wrong = if r == c.id {
            Some(text::DUMP_REFERRER_SELF.to_string())
        } else if !in_file.contains(&r) && !known(r) {
            Some(text::dump_no_such_customer(&r.to_string()))
        } else {
            None
        };
        if let Some(reason) = wrong {
            problems.push(Problem::customer_in(place, "referred_by".into(), reason));
        }
    }
    if problems.is_empty() {
        Ok((customers, events))
    } else {
        Err(problems)
    }
}

/// What the desk's forms would say of `c` and their records: each mistake with the file's name for where
/// it is (`phones`, or `note 01J…, text` for a record's field).
fn mistakes(c: &Customer, events: &[Event], today: NaiveDate) -> Vec<(String, String)> {
    use crate::domain::{CustomerField as F, PromiseDraft, within_limit};
    let mut found: Vec<(String, String)> = CustomerDraft::every_mistake(&c.to_text(), today)
        .into_iter()
        .map(|(field, e)| {
            let name = match field {
                F::Name => "name",
                F::Nickname => "nickname",
                F::Phones => "phones",
                F::Email => "email",
                F::Birthday => "birthday",
                F::Since => "since",
                F::Tags => "tags",
                F::Preferences => "preferences",
            };
            (name.to_string(), e.to_string())
        })
        .collect();
    // What the form would keep of the lists and the nickname: no empty values, nothing around them.
    let kept = |value: &str| !value.is_empty() && value.trim() == value;
    let lists = [("phones", &c.phones), ("tags", &c.tags)];
    for (name, values) in lists {
        if let Some(bad) = values.iter().find(|v| !kept(v) || v.contains([',', ';'])) {
            found.push((name.to_string(), text::dump_not_kept(bad)));
        }
    }
    if let Some(nickname) = c.nickname.as_deref().filter(|n| !kept(n)) {
        found.push(("nickname".to_string(), text::dump_not_kept(nickname)));
    }
    for event in events {
        let wrong = match event {
            Event::Note(n) => NoteDraft::new(&n.text, n.kind, n.pinned)
                .err()
                .map(|e| ("text", e.to_string())),
            // A promise's due day may be long past: only its text is the form's to check.
            Event::Promise(p) => PromiseDraft::new(&p.text, "", today)
                .err()
                .map(|(_, e)| ("text", e.to_string())),
            Event::Visit(v) => match v.amount_cents {
                Some(cents) if !(0..=crate::domain::MAX_CENTS).contains(&cents) => {
                    Some(("amount_cents", text::dump_bad_cents(cents)))
                }
                _ => within_limit(v.what.as_deref().unwrap_or(""))
                    .err()
                    .map(|e| ("what", e.to_string())),
            },
            Event::Redemption(r) => within_limit(&r.reward)
                .err()
                .map(|e| ("reward", e.to_string())),
            Event::Consent(c) if c.on > today => Some((
                "on",
                text::consent_in_the_future(&c.on.format("%Y-%m-%d").to_string()),
            )),
            Event::Consent(c) => within_limit(&c.source)
                .err()
                .map(|e| ("source", e.to_string())),
            Event::PromiseEnd(_) | Event::Void(_) => None,
        };
        if let Some((field, reason)) = wrong {
            let record = format!("{} {}, {field}", event.kind().word(), event.id());
            found.push((record, reason));
        }
    }
    found
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
