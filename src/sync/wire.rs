//! Records as the hub keeps them: one row each, its body the record as the desk's own JSON export writes
//! it (`import::dump`), so the hub's contents are readable by anyone with `psql` and independent of the
//! store's format on disk.

use serde::{Deserialize, Serialize};

use crate::domain::{FIELDS, FieldClocks, Id, Stamp};
use crate::import::dump::{CustomerDump, EventDump};
use crate::store::{CustomerCopy, SyncRecord};

/// The `kind` of a row holding a copy of a customer.
pub const CUSTOMER: &str = "customer";
/// The `kind` of a row saying a customer was forgotten: it holds their id alone.
pub const FORGET: &str = "forget";

/// A row to push.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Unique per record: pushing the same record twice adds one row.
    pub id: String,
    pub kind: &'static str,
    pub customer: String,
    pub body: String,
    /// The name of the till that wrote it, when it is not the one pushing it (a record sent again).
    pub till: Option<String>,
}

/// A customer's copy: their fields, and the stamp of each field's last change.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CopyJson {
    customer: CustomerDump,
    clocks: Vec<StampWire>,
}

/// A stamp: the clock reading and the till's sync id (32 hex digits).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StampWire {
    clock: u64,
    till: String,
}

/// A till's sync id as the hub shows it.
pub fn till_hex(till: u128) -> String {
    format!("{till:032x}")
}

/// The row of a record waiting to be pushed.
pub fn row_of(record: &SyncRecord) -> Result<Row, serde_json::Error> {
    Ok(match record {
        SyncRecord::Customer(copy) => {
            let CustomerCopy { customer, clocks } = copy.as_ref();
            let latest = clocks.latest();
            let copy = CopyJson {
                customer: CustomerDump::new(customer.clone(), Vec::new()),
                clocks: clocks
                    .0
                    .iter()
                    .map(|s| StampWire {
                        clock: s.clock,
                        till: till_hex(s.till),
                    })
                    .collect(),
            };
            let body = serde_json::to_string(&copy)?;
            Row {
                // A copy is known by its customer, its latest change and what it holds: the same copy
                // pushed twice is one row; a copy that differs in anything (an edit that only moved
                // `updated_at`, an earlier `created_at` learnt from another till) is another.
                id: format!(
                    "{}.{:016x}.{}.{:08x}",
                    customer.id,
                    latest.clock,
                    till_hex(latest.till),
                    crc32fast::hash(body.as_bytes())
                ),
                kind: CUSTOMER,
                customer: customer.id.to_string(),
                body,
                till: None,
            }
        }
        SyncRecord::Forget(id) => Row {
            id: format!("{FORGET}.{id}"),
            kind: FORGET,
            customer: id.to_string(),
            body: "{}".into(),
            till: None,
        },
        SyncRecord::Event(event) => Row {
            id: event.id().to_string(),
            kind: event.kind().word(),
            customer: event.customer().to_string(),
            body: serde_json::to_string(&EventDump::new(event.clone()))?,
            till: None,
        },
    })
}

/// The record of a pulled row, checked as an import checks it; why not, as a sentence's detail.
pub fn record_of(kind: &str, customer: &str, body: &str) -> Result<SyncRecord, String> {
    if kind == CUSTOMER {
        let copy: CopyJson = serde_json::from_str(body).map_err(|e| e.to_string())?;
        let (customer, _) = copy.customer.into_customer()?;
        let stamps: [StampWire; FIELDS] = copy
            .clocks
            .try_into()
            .map_err(|_| "its field clocks are miscounted".to_string())?;
        let mut clocks = FieldClocks::default();
        for (at, s) in stamps.into_iter().enumerate() {
            clocks.0[at] = Stamp {
                clock: s.clock,
                till: u128::from_str_radix(&s.till, 16).map_err(|e| e.to_string())?,
            };
        }
        return Ok(SyncRecord::Customer(Box::new(CustomerCopy {
            customer,
            clocks,
        })));
    }
    let customer: Id = customer
        .parse()
        .map_err(|_| format!("{customer} is not a customer id"))?;
    if kind == FORGET {
        return Ok(SyncRecord::Forget(customer));
    }
    let event: EventDump = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let event = event.into_event(customer)?;
    if event.kind().word() != kind {
        return Err(format!(
            "a row of kind {kind} holds a {}",
            event.kind().word()
        ));
    }
    Ok(SyncRecord::Event(event))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Customer, CustomerDraft, Event, Note, NoteKind};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn customer() -> Customer {
        let draft = CustomerDraft {
            name: "Zoë D'Angelo".into(),
            nickname: Some("Zo".into()),
            phones: vec!["+39 333 1234567".into()],
            email: Some("zoe@example.com".into()),
            birthday: None,
            since: Some(NaiveDate::from_ymd_opt(2004, 3, 1).unwrap()),
            tags: vec!["vip".into()],
            preferences: "oat milk".into(),
            referred_by: None,
            consent: vec![],
        };
        let at = Utc.with_ymd_and_hms(2026, 11, 3, 9, 30, 0).unwrap();
        Customer::new(draft, at, at.date_naive(), Some("Giulia"))
    }

    #[test]
    fn a_customer_copy_and_an_event_come_back_as_they_went() {
        let c = customer();
        let mut clocks = FieldClocks::all(Stamp {
            clock: 77 << 16,
            till: u128::MAX - 5,
        });
        clocks.0[2].clock += 1;
        let copy = SyncRecord::Customer(Box::new(CustomerCopy {
            customer: c.clone(),
            clocks,
        }));
        let row = row_of(&copy).unwrap();
        assert_eq!(row.kind, CUSTOMER);
        assert!(row.id.starts_with(&c.id.to_string()));
        assert_eq!(record_of(row.kind, &row.customer, &row.body).unwrap(), copy);
        let note = Event::Note(Note {
            id: Id::at(c.created_at),
            customer: c.id,
            at: c.created_at,
            kind: NoteKind::Complaint,
            text: "cold cappuccino".into(),
            staff: Some("Luca".into()),
            pinned: true,
            answers: None,
        });
        let row = row_of(&SyncRecord::Event(note.clone())).unwrap();
        assert_eq!((row.kind, row.id.clone()), ("note", note.id().to_string()));
        assert_eq!(
            record_of(row.kind, &row.customer, &row.body).unwrap(),
            SyncRecord::Event(note)
        );
        // A body that says another kind than its row is refused, not guessed.
        assert!(record_of("visit", &row.customer, &row.body).is_err());
        assert!(record_of("note", &row.customer, "{}").is_err());
    }
}
