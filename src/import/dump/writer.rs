//! The dump written: a customer at a time, by hand.
//!
//! [`CustomerDump`](super::CustomerDump)'s serde shape is the file's definition (import reads it, the
//! sync hub carries it); written through serde_json it took more than half of an export's JSON thread
//! (each string scanned for escapes a byte at a time, each field a call through serde's layers, each
//! record copied into the dump's types first). This writes the same bytes straight from the customer
//! and their records; a property test here holds it to serde_json's output for random customers with
//! every kind of record and any text, so the two cannot drift apart.

use std::io::Write;

use super::{FORMAT, VERSION};
use crate::domain::{Customer, Event, Id};

/// Writes a dump a customer at a time, each on a line of its own (so a file of 100k customers is
/// written as it is read, and a line-minded tool such as `grep` finds a customer whole):
///
/// ```text
/// {"format": "regulars-store", "version": 1, "customers": [
/// {"id":"01J…","name":"Anna Ferri",…,"events":[…]},
/// …
/// ]}
/// ```
pub struct DumpWriter<W: Write> {
    out: W,
    first: bool,
    /// The line being made, written to `out` whole (which may be a `dyn Write`).
    line: Vec<u8>,
}

impl<W: Write> DumpWriter<W> {
    pub fn new(mut out: W) -> std::io::Result<DumpWriter<W>> {
        writeln!(
            out,
            "{{\"format\": \"{FORMAT}\", \"version\": {VERSION}, \"customers\": ["
        )?;
        Ok(DumpWriter {
            out,
            first: true,
            line: Vec::new(),
        })
    }

    /// A customer and every record about them, the records in id order (which is time order).
    pub fn customer(&mut self, c: &Customer, events: &mut [Event]) -> std::io::Result<()> {
        events.sort_by_key(Event::id);
        self.line.clear();
        if !std::mem::take(&mut self.first) {
            self.line.extend_from_slice(b",\n");
        }
        let mut j = Json(&mut self.line);
        j.raw(b"{\"id\":");
        j.id(c.id);
        j.raw(b",\"name\":");
        j.str(&c.name);
        j.raw(b",\"nickname\":");
        j.opt_str(c.nickname.as_deref());
        j.raw(b",\"phones\":");
        j.strs(&c.phones);
        j.raw(b",\"email\":");
        j.opt_str(c.email.as_deref());
        j.raw(b",\"birthday\":");
        j.opt_str(c.birthday.map(|b| b.to_iso()).as_deref());
        j.raw(b",\"since\":");
        crate::iso::date::push_json(c.since, j.0);
        j.raw(b",\"tags\":");
        j.strs(&c.tags);
        j.raw(b",\"preferences\":");
        j.str(&c.preferences);
        j.raw(b",\"referred_by\":");
        j.opt_id(c.referred_by);
        j.raw(b",\"created_at\":");
        crate::iso::push_json(&c.created_at, j.0);
        j.raw(b",\"updated_at\":");
        crate::iso::push_json(&c.updated_at, j.0);
        j.raw(b",\"updated_by\":");
        j.opt_str(c.updated_by.as_deref());
        j.raw(b",\"events\":[");
        for (n, event) in events.iter().enumerate() {
            if n > 0 {
                j.raw(b",");
            }
            j.event(event);
        }
        j.raw(b"]}");
        self.out.write_all(&self.line)
    }

    /// Closes the file's brackets and hands back the writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        if !self.first {
            self.out.write_all(b"\n")?;
        }
        self.out.write_all(b"]}\n")?;
        Ok(self.out)
    }
}

/// JSON values onto a buffer, as serde_json's compact writer writes them.
struct Json<'a>(&'a mut Vec<u8>);

impl Json<'_> {
    fn raw(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    /// A record: `{"kind":…,` and its fields in the order [`EventDump`](super::EventDump) declares them.
    fn event(&mut self, event: &Event) {
        self.raw(b"{\"kind\":\"");
        self.raw(event.kind().word().as_bytes());
        self.raw(b"\",\"id\":");
        self.id(event.id());
        let staff = match event {
            Event::Visit(v) => {
                self.at(&v.at);
                self.raw(b",\"amount_cents\":");
                self.opt_int(v.amount_cents);
                self.raw(b",\"what\":");
                self.opt_str(v.what.as_deref());
                &v.staff
            }
            Event::Note(n) => {
                self.at(&n.at);
                self.raw(b",\"note_kind\":");
                self.str(n.kind.word());
                self.raw(b",\"text\":");
                self.str(&n.text);
                self.raw(b",\"staff\":");
                self.opt_str(n.staff.as_deref());
                self.raw(b",\"pinned\":");
                self.bool(n.pinned);
                self.raw(b",\"answers\":");
                self.opt_id(n.answers);
                self.raw(b"}");
                return;
            }
            Event::Promise(p) => {
                self.at(&p.at);
                self.raw(b",\"due\":");
                crate::iso::date::push_json(p.due, self.0);
                self.raw(b",\"text\":");
                self.str(&p.text);
                &p.staff
            }
            Event::PromiseEnd(e) => {
                self.raw(b",\"promise\":");
                self.id(e.promise);
                self.raw(b",\"outcome\":");
                self.str(e.outcome.word());
                self.at(&e.at);
                &e.staff
            }
            Event::Void(v) => {
                self.raw(b",\"target\":");
                self.id(v.target);
                self.at(&v.at);
                &v.staff
            }
            Event::Redemption(r) => {
                self.at(&r.at);
                self.raw(b",\"stamps\":");
                self.int(i64::from(r.stamps));
                self.raw(b",\"reward\":");
                self.str(&r.reward);
                &r.staff
            }
            Event::Consent(c) => {
                self.at(&c.at);
                self.raw(b",\"channel\":");
                self.str(c.channel.word());
                self.raw(b",\"given\":");
                self.bool(c.given);
                self.raw(b",\"on\":");
                crate::iso::date::push_json(c.on, self.0);
                self.raw(b",\"source\":");
                self.str(&c.source);
                &c.staff
            }
        };
        self.raw(b",\"staff\":");
        self.opt_str(staff.as_deref());
        self.raw(b"}");
    }

    fn at(&mut self, at: &chrono::DateTime<chrono::Utc>) {
        self.raw(b",\"at\":");
        crate::iso::push_json(at, self.0);
    }

    fn id(&mut self, id: Id) {
        let mut text = [0u8; ulid::ULID_LEN];
        self.0.push(b'"');
        self.raw(id.encode(&mut text).as_bytes());
        self.0.push(b'"');
    }

    fn opt_id(&mut self, id: Option<Id>) {
        match id {
            Some(id) => self.id(id),
            None => self.raw(b"null"),
        }
    }

    fn int(&mut self, n: i64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0 {
            self.0.push(b'-');
        }
        self.raw(&digits[at..]);
    }

    fn opt_int(&mut self, n: Option<i64>) {
        match n {
            Some(n) => self.int(n),
            None => self.raw(b"null"),
        }
    }

    fn bool(&mut self, b: bool) {
        self.raw(if b { b"true" } else { b"false" });
    }

    fn strs(&mut self, all: &[String]) {
        self.0.push(b'[');
        for (n, s) in all.iter().enumerate() {
            if n > 0 {
                self.0.push(b',');
            }
            self.str(s);
        }
        self.0.push(b']');
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw(b"null"),
        }
    }

    /// A string between quotes, escaped as serde_json escapes it: `"` and `\`, and the control
    /// characters below a space (the usual five by letter, the others as `\u00xx`); nothing else.
    fn str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.0.push(b'"');
        // Most text has nothing to escape: looked at whole first, a check the compiler makes wide.
        if !bytes.iter().fold(false, |any, &b| any | escaped(b)) {
            self.raw(bytes);
        } else {
            let mut from = 0;
            for (i, &b) in bytes.iter().enumerate() {
                if !escaped(b) {
                    continue;
                }
                self.raw(&bytes[from..i]);
                from = i + 1;
                match b {
                    b'"' => self.raw(b"\\\""),
                    b'\\' => self.raw(b"\\\\"),
                    b'\n' => self.raw(b"\\n"),
                    b'\r' => self.raw(b"\\r"),
                    b'\t' => self.raw(b"\\t"),
                    0x08 => self.raw(b"\\b"),
                    0x0c => self.raw(b"\\f"),
                    _ => {
                        const HEX: &[u8; 16] = b"0123456789abcdef";
                        self.raw(b"\\u00");
                        self.0.push(HEX[usize::from(b >> 4)]);
                        self.0.push(HEX[usize::from(b & 0xf)]);
                    }
                }
            }
            self.raw(&bytes[from..]);
        }
        self.0.push(b'"');
    }
}

/// Whether JSON needs `b` escaped in a string.
fn escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Days, NaiveDate, Utc};
    use proptest::prelude::*;

    use super::DumpWriter;
    use crate::domain::{
        Birthday, Channel, ConsentChange, Customer, Event, Id, Note, NoteKind, Outcome, Promise,
        PromiseEnd, Redemption, Visit, Void,
    };
    use crate::import::dump::CustomerDump;

    /// Any text: every character, the ones JSON escapes often.
    fn text() -> impl Strategy<Value = String> + Clone {
        prop_oneof!["(?s).{0,12}", "[\\x00-\\x20\\x7f\"\\\\/aé€😀]{0,8}"]
    }

    fn id() -> impl Strategy<Value = Id> + Clone {
        any::<u128>().prop_map(|n| Id::from_bytes(n.to_be_bytes()))
    }

    /// Any time chrono can hold, with every precision of fraction (years past 9999 and before 0 too).
    fn at() -> impl Strategy<Value = DateTime<Utc>> + Clone {
        (
            prop_oneof![-300_000_000_000i64..300_000_000_000, 0i64..2_000_000_000],
            prop_oneof![
                Just(0u32),
                (0..1_000u32).prop_map(|milli| milli * 1_000_000),
                0..1_000_000_000u32
            ],
        )
            .prop_map(|(secs, nanos)| DateTime::from_timestamp(secs, nanos).unwrap())
    }

    fn day() -> impl Strategy<Value = NaiveDate> + Clone {
        (0u64..7_300_000)
            .prop_map(|days| NaiveDate::from_ymd_opt(-9999, 1, 1).unwrap() + Days::new(days))
    }

    fn event(customer: Id) -> impl Strategy<Value = Event> {
        let common = (id(), at(), proptest::option::of(text()));
        prop_oneof![
            (
                common.clone(),
                proptest::option::of(any::<i64>()),
                proptest::option::of(text())
            )
                .prop_map(move |((id, at, staff), amount_cents, what)| {
                    Event::Visit(Visit {
                        id,
                        customer,
                        at,
                        amount_cents,
                        what,
                        staff,
                    })
                }),
            (
                common.clone(),
                proptest::sample::select(NoteKind::ALL.to_vec()),
                text(),
                any::<bool>(),
                proptest::option::of(id()),
            )
                .prop_map(move |((id, at, staff), kind, text, pinned, answers)| {
                    Event::Note(Note {
                        id,
                        customer,
                        at,
                        kind,
                        text,
                        staff,
                        pinned,
                        answers,
                    })
                }),
            (common.clone(), day(), text()).prop_map(move |((id, at, staff), due, text)| {
                Event::Promise(Promise {
                    id,
                    customer,
                    at,
                    due,
                    text,
                    staff,
                })
            }),
            (common.clone(), id(), any::<bool>()).prop_map(
                move |((id, at, staff), promise, kept)| {
                    let outcome = if kept {
                        Outcome::Kept
                    } else {
                        Outcome::Cancelled
                    };
                    Event::PromiseEnd(PromiseEnd {
                        id,
                        customer,
                        promise,
                        outcome,
                        at,
                        staff,
                    })
                }
            ),
            (common.clone(), id()).prop_map(move |((id, at, staff), target)| {
                Event::Void(Void {
                    id,
                    customer,
                    target,
                    at,
                    staff,
                })
            }),
            (common.clone(), any::<u32>(), text()).prop_map(
                move |((id, at, staff), stamps, reward)| {
                    Event::Redemption(Redemption {
                        id,
                        customer,
                        at,
                        stamps,
                        reward,
                        staff,
                    })
                }
            ),
            (
                common,
                proptest::sample::select(Channel::ALL.to_vec()),
                any::<bool>(),
                day(),
                text(),
            )
                .prop_map(move |((id, at, staff), channel, given, on, source)| {
                    Event::Consent(ConsentChange {
                        id,
                        customer,
                        at,
                        channel,
                        given,
                        on,
                        source,
                        staff,
                    })
                }),
        ]
    }

    fn customer() -> impl Strategy<Value = (Customer, Vec<Event>)> {
        let birthday = (1u8..=31, 1u8..=12, proptest::option::of(-9999i32..=9999))
            .prop_map(|(day, month, year)| Birthday { day, month, year });
        (
            (
                id(),
                text(),
                proptest::option::of(text()),
                proptest::collection::vec(text(), 0..3),
            ),
            (
                proptest::option::of(text()),
                proptest::option::of(birthday),
                day(),
            ),
            (
                proptest::collection::vec(text(), 0..3),
                text(),
                proptest::option::of(id()),
            ),
            (at(), at(), proptest::option::of(text())),
        )
            .prop_flat_map(
                |(
                    (id, name, nickname, phones),
                    (email, birthday, since),
                    (tags, preferences, referred_by),
                    (created_at, updated_at, updated_by),
                )| {
                    let customer = Customer {
                        id,
                        name,
                        nickname,
                        phones,
                        email,
                        birthday,
                        since,
                        tags,
                        preferences,
                        referred_by,
                        created_at,
                        updated_at,
                        updated_by,
                    };
                    (Just(customer), proptest::collection::vec(event(id), 0..6))
                },
            )
    }

    proptest! {
        /// The file's shape is `CustomerDump`'s serde shape: what is written by hand is what serde_json
        /// writes of it, byte for byte, for every field and every kind of record, whatever the text.
        #[test]
        fn a_customer_is_written_as_serde_json_writes_their_dump(
            first in customer(),
            second in customer(),
        ) {
            let mut ours = DumpWriter::new(Vec::new()).unwrap();
            let mut serde = Vec::new();
            serde.extend_from_slice(b"{\"format\": \"regulars-store\", \"version\": 1, \"customers\": [\n");
            for (n, (c, mut events)) in [first, second].into_iter().enumerate() {
                ours.customer(&c, &mut events).unwrap();
                if n > 0 {
                    serde.extend_from_slice(b",\n");
                }
                events.reverse(); // the dump sorts them by id, whatever order they come in
                serde_json::to_writer(&mut serde, &CustomerDump::new(c, events)).unwrap();
            }
            serde.extend_from_slice(b"\n]}\n");
            let ours = ours.finish().unwrap();
            prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(serde).unwrap());
        }
    }
}
