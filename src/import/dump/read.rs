//! A whole file of the desk's JSON read for `import`: its shape checked, then every customer and record
//! held to what the store and the desk's forms allow, every mistake named by customer and field.

use chrono::NaiveDate;

use super::{Dump, FORMAT, VERSION, customer_of, stored_birthday};
use crate::domain::{Customer, CustomerDraft, Event, Id, NoteDraft};
use crate::import::Problem;
use crate::text;

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
        let quoted = format!("\"{FORMAT}\"");
        let says_ours = bytes[..bytes.len().min(256)]
            .windows(quoted.len())
            .any(|w| w == quoted.as_bytes());
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
