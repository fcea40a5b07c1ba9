//! Realistic sample data: Italian and international names (accents, apostrophes), nicknames, phones,
//! birthdays, and visit histories over years with each customer's own rhythm — daily café regulars,
//! weekly and monthly clients, rare visitors, and regulars who stopped coming — so tenure, rhythm and search
//! can be judged on it. The data fits the language: an Italian shop has mostly Italian names and writes its
//! notes in Italian. The same seed, "now" and language give the same data.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveTime, Utc};

use crate::domain::{
    Birthday, Channel, ConsentChange, Customer, Event, Id, Note, NoteKind, Redemption, Visit,
};
use crate::search::fold_words;
use crate::text::{self, Lang};

const FIRST_NAMES_IT: &str = include_str!("../assets/demo/first_names_it.txt");
const FIRST_NAMES_INTL: &str = include_str!("../assets/demo/first_names_intl.txt");
const SURNAMES_IT: &str = include_str!("../assets/demo/surnames_it.txt");
const SURNAMES_INTL: &str = include_str!("../assets/demo/surnames_intl.txt");
const STAFF: [&str; 3] = ["Giulia", "Marco", "Anna"];

/// The shop's own words: preferences, notes, what people take and tags, in its language.
fn shop_words(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../assets/demo/notes_en.txt"),
        Lang::It => include_str!("../assets/demo/notes_it.txt"),
    }
}

/// Out of 100 customers, how many have an Italian name: an Italian shop's clientele is mostly Italian.
fn italian_share(lang: Lang) -> u32 {
    match lang {
        Lang::En => 50,
        Lang::It => 90,
    }
}

pub struct DemoData {
    pub customers: Vec<Customer>,
    pub visits: Vec<Visit>,
    pub notes: Vec<Note>,
    pub redemptions: Vec<Redemption>,
    pub consents: Vec<ConsentChange>,
}

impl DemoData {
    /// Every event of the data, of every kind (for a bulk load).
    pub fn events(&self) -> Vec<Event> {
        let visits = self.visits.iter().cloned().map(Event::Visit);
        let notes = self.notes.iter().cloned().map(Event::Note);
        let redemptions = self.redemptions.iter().cloned().map(Event::Redemption);
        let consents = self.consents.iter().cloned().map(Event::Consent);
        visits
            .chain(notes)
            .chain(redemptions)
            .chain(consents)
            .collect()
    }
}

/// The consent a demo customer gave when they were entered, or when they became a customer if that was
/// later (never before): SMS for about six in ten of those with a phone, email for about half of those with
/// an address (drawn from their id's random bits, not from the generator, so the rest of the demo stays
/// the same).
fn consents_given(customer: &Customer) -> Vec<ConsentChange> {
    let bits = customer.id.to_bytes();
    let entered = customer.created_at.date_naive();
    let (given_at, on) = if customer.since > entered {
        // The start of that day: never after now, which is on or after it.
        (
            customer.since.and_time(NaiveTime::MIN).and_utc(),
            customer.since,
        )
    } else {
        (customer.created_at, entered)
    };
    let mut out = Vec::new();
    for (channel, has, share, at) in [
        (Channel::Sms, !customer.phones.is_empty(), 6, 15),
        (Channel::Email, customer.email.is_some(), 5, 14),
    ] {
        if has && bits[at] % 10 < share {
            let mut id = bits;
            id[15] ^= 2 + at as u8;
            out.push(ConsentChange {
                id: Id::from_bytes(id),
                customer: customer.id,
                at: given_at,
                channel,
                given: true,
                on,
                source: text::CONSENT_SOURCE_DEFAULT.to_string(),
                staff: customer.updated_by.clone(),
            });
        }
    }
    out
}

/// The stamps a demo reward costs (the default card's).
const DEMO_STAMPS_PER_REWARD: usize = 10;

/// The rewards a demo customer took: one for each full card of stamps (a stamp a visit), taken at the
/// visit that filled it, except a card filled in the last two weeks, whose reward still waits for them.
/// Drawn from no random number, so the rest of the demo stays the same with or without them.
fn rewards_taken(visits: &[Visit], now: DateTime<Utc>) -> Vec<Redemption> {
    visits
        .iter()
        .skip(DEMO_STAMPS_PER_REWARD - 1)
        .step_by(DEMO_STAMPS_PER_REWARD)
        .filter(|v| now - v.at > Duration::days(14))
        .map(|v| {
            // Beside the visit in time, with an id of its own: the visit's, its last bit turned.
            let mut bytes = v.id.to_bytes();
            bytes[15] ^= 1;
            Redemption {
                id: Id::from_bytes(bytes),
                customer: v.customer,
                at: v.at,
                stamps: DEMO_STAMPS_PER_REWARD as u32,
                reward: text::reward_words(""),
                staff: v.staff.clone(),
            }
        })
        .collect()
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// How often someone comes: mean days between visits, and whether they stopped coming a while ago.
struct Rhythm {
    mean_days: f64,
    stopped_days_ago: u64,
}

impl Rhythm {
    /// Which of the shop's lists says what they take (coffee daily, bread weekly, a cut monthly, a gift
    /// rarely), and what it costs, in cents.
    fn purchase(&self) -> (&'static str, std::ops::Range<u32>) {
        match self.mean_days {
            d if d < 5.0 => ("daily", 120..800),
            d if d < 15.0 => ("weekly", 300..2500),
            d if d < 45.0 => ("monthly", 1500..6000),
            _ => ("rare", 2000..20000),
        }
    }
}

type FirstNames = Vec<(&'static str, Vec<&'static str>)>;

fn first_names(text: &'static str) -> FirstNames {
    lines(text)
        .map(|l| {
            let (name, nicks) = l.split_once('|').unwrap_or((l, ""));
            let nicks = nicks
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect();
            (name.trim(), nicks)
        })
        .collect()
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// The first customers of a store are the shop's own clientele, each with a rhythm; past
/// [`REGULARS`] customers the store is a chain's or a busy town's, and the rest are occasional.
pub const REGULARS: usize = 10_000;

/// When the demo shop started using the desk.
const INSTALLED_DAYS_AGO: i64 = 400;

fn rhythm(rng: &mut fastrand::Rng, occasional: bool) -> Rhythm {
    let roll = if occasional {
        60 + rng.u32(..40)
    } else {
        rng.u32(..100)
    };
    let (mean_days, stopped) = match roll {
        0..=4 => (2.0 + rng.f64() * 2.0, false),     // café regulars
        5..=19 => (6.0 + rng.f64() * 3.0, false),    // weekly
        20..=44 => (25.0 + rng.f64() * 12.0, false), // monthly: barber, hairdresser
        45..=59 => (7.0 + rng.f64() * 25.0, true),   // regulars who stopped coming
        _ if occasional => (180.0 + rng.f64() * 360.0, false), // a chain's occasional customers
        _ => (90.0 + rng.f64() * 270.0, false),      // occasional
    };
    Rhythm {
        mean_days,
        stopped_days_ago: if stopped { 60 + rng.u64(..300) } else { 0 },
    }
}

/// One demo customer with their history.
pub struct DemoCustomer {
    pub customer: Customer,
    pub visits: Vec<Visit>,
    pub notes: Vec<Note>,
    pub redemptions: Vec<Redemption>,
    pub consents: Vec<ConsentChange>,
}

/// The most customers `regulars demo` makes: a big shop many times over, and a few minutes and gigabytes of
/// disk. A mistyped count beyond it (`--customers 999999999`) would fill the disk for an hour.
pub const MAX_CUSTOMERS: usize = 5_000_000;

/// The store `regulars --demo` opens the desk on: this many customers from this seed. The README's
/// screens are drawn from the same data (a test keeps them in step), so what they show can be typed.
pub const DESK_DEMO_CUSTOMERS: usize = 200;
pub const DESK_DEMO_SEED: u64 = 1;

/// Makes demo customers one at a time, so a million of them never sit in memory together.
pub struct Generator {
    rng: fastrand::Rng,
    now: DateTime<Utc>,
    made: usize,
    total: usize,
    italian_share: u32,
    /// Italian names, then international ones.
    firsts: [FirstNames; 2],
    surnames: [Vec<&'static str>; 2],
    /// The shop's words by kind: `likes`, `tag`, and what people take (`daily`, `weekly`…).
    words: HashMap<&'static str, Vec<&'static str>>,
    /// Notes of every kind: (kind, pinned, text).
    notes: Vec<(NoteKind, bool, &'static str)>,
    /// How many addresses each email name has had: two people of one name get two addresses, as they
    /// would (an import takes one email for one person).
    emails: HashMap<String, u32>,
}

/// The texts of `kind` (the files hold every kind the generator asks for; a missing one gives "").
fn texts<'a>(
    words: &'a HashMap<&'static str, Vec<&'static str>>,
    kind: &str,
) -> &'a [&'static str] {
    words.get(kind).map_or(&[""], Vec::as_slice)
}

impl Generator {
    /// A generator of `total` customers of a shop speaking `lang` (their records are spread over the
    /// desk's first 400 days).
    pub fn new(total: usize, seed: u64, now: DateTime<Utc>, lang: Lang) -> Generator {
        let mut words: HashMap<_, Vec<_>> = HashMap::new();
        let mut notes = Vec::new();
        for line in lines(shop_words(lang)) {
            let mut parts = line.splitn(3, '|');
            let (Some(kind), Some(pinned), Some(text)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            match NoteKind::from_word(kind) {
                Some(kind) => notes.push((kind, pinned == "yes", text)),
                None => words.entry(kind).or_default().push(text),
            }
        }
        Generator {
            rng: fastrand::Rng::with_seed(seed),
            now,
            made: 0,
            total: total.max(1),
            italian_share: italian_share(lang),
            firsts: [first_names(FIRST_NAMES_IT), first_names(FIRST_NAMES_INTL)],
            surnames: [lines(SURNAMES_IT).collect(), lines(SURNAMES_INTL).collect()],
            words,
            notes,
            emails: HashMap::new(),
        }
    }

    pub fn next_customer(&mut self) -> DemoCustomer {
        let occasional = self.made >= REGULARS;
        // The desk was installed 400 days ago and customers were entered one after the other since, so
        // their ids (which carry the creation time) grow in the order they are made.
        let entered = INSTALLED_DAYS_AGO * 86_400_000 * self.made as i64 / self.total as i64;
        self.made += 1;
        let now = self.now;
        let today = now.date_naive();
        let words = &self.words;
        let rng = &mut self.rng;
        let preferences = if rng.u32(..100) < 60 {
            pick(rng, texts(words, "likes")).to_string()
        } else {
            String::new()
        };
        let tag = (rng.u32(..100) < 30).then(|| pick(rng, texts(words, "tag")).to_string());
        let origin = usize::from(rng.u32(..100) >= self.italian_share);
        let (first, nicks) = pick(rng, &self.firsts[origin]);
        let last = pick(rng, &self.surnames[origin]);
        let name = format!("{first} {last}");
        let nickname =
            (!nicks.is_empty() && rng.u32(..100) < 45).then(|| pick(rng, nicks).to_string());
        // Tenure: many recent customers, a long tail of people who have come for decades.
        let tenure_days = (rng.f64().powi(2) * 25.0 * 365.0) as u64;
        let since = today - Days::new(tenure_days);
        let phones = if rng.u32(..100) < 85 {
            let mut phones = vec![format!(
                "+39 3{}{} {:03} {:04}",
                rng.u32(..10),
                rng.u32(..10),
                rng.u32(..1000),
                rng.u32(..10000)
            )];
            if rng.u32(..100) < 10 {
                phones.push(format!(
                    "02 {:04} {:04}",
                    rng.u32(..10000),
                    rng.u32(..10000)
                ));
            }
            phones
        } else {
            Vec::new()
        };
        let email = (rng.u32(..100) < 40).then(|| {
            let user = fold_words(&name).join(".");
            let n = self.emails.entry(user.clone()).or_insert(0);
            *n += 1;
            match *n {
                1 => format!("{user}@example.com"),
                n => format!("{user}{n}@example.com"),
            }
        });
        let birthday = (rng.u32(..100) < 70).then(|| {
            let day_of_year = NaiveDate::from_yo_opt(2001, rng.u32(1..=365)).unwrap_or_default();
            Birthday {
                day: day_of_year.day() as u8,
                month: day_of_year.month() as u8,
                year: (rng.bool()).then(|| today.year() - rng.i32(18..86)),
            }
        });
        let tags: Vec<String> = tag.into_iter().collect();
        let created = now - Duration::days(INSTALLED_DAYS_AGO) + Duration::milliseconds(entered);
        let customer = Customer {
            id: Id::at_seeded(created, rng),
            name,
            nickname,
            phones,
            email,
            birthday,
            since,
            tags,
            preferences,
            referred_by: None,
            created_at: created,
            updated_at: created,
            updated_by: Some(pick(rng, &STAFF).to_string()),
        };

        // Visits over (at most) the last two years of their tenure, at their own rhythm.
        let r = rhythm(rng, occasional);
        let window = tenure_days.min(2 * 365);
        let mut visits = Vec::new();
        // The first visit falls somewhere in the first gap, so rare visitors do not all start the same day.
        let mut day = window as f64 - r.mean_days * rng.f64();
        while day > r.stopped_days_ago as f64 {
            let at_day = now - Duration::days(day as i64);
            let at = at_day
                .date_naive()
                .and_hms_opt(7 + rng.u32(..11), rng.u32(..60), rng.u32(..60))
                .map(|t| t.and_utc())
                .unwrap_or(at_day);
            // Everything is drawn whether or not the visit is kept, so the same seed makes the same
            // people whatever the time of day (the README's screens come from `--demo`'s data).
            let paid = rng.u32(..100) < 60;
            let (kind, price) = r.purchase();
            let what = texts(words, kind);
            let visit = Visit {
                id: Id::at_seeded(at, rng),
                customer: customer.id,
                at,
                amount_cents: Some(i64::from(rng.u32(price.clone()))).filter(|_| paid),
                what: Some(pick(rng, what).to_string()).filter(|_| paid),
                staff: Some(pick(rng, &STAFF).to_string()),
            };
            if at <= now {
                visits.push(visit);
            }
            // Spread around the mean, never less than a day.
            let gap = r.mean_days * (0.5 + rng.f64());
            day -= gap.max(1.0);
        }
        let mut notes = Vec::new();
        let note_count = if occasional {
            usize::from(rng.u32(..10) == 0)
        } else {
            rng.usize(..3)
        };
        for _ in 0..note_count.min(self.notes.len()) {
            let (kind, pinned, text) = *pick(rng, &self.notes);
            let ago = rng.u64(..window.max(1));
            let day = now - Duration::days(i64::try_from(ago).unwrap_or(0));
            let at = day
                .date_naive()
                .and_hms_opt(8 + rng.u32(..10), rng.u32(..60), 0)
                .map(|t| t.and_utc())
                .filter(|&t| t <= now)
                .unwrap_or(day);
            notes.push(Note {
                answers: None,
                id: Id::at_seeded(at, rng),
                customer: customer.id,
                at,
                kind,
                text: text.to_string(),
                staff: Some(pick(rng, &STAFF).to_string()),
                pinned,
            });
        }
        let redemptions = rewards_taken(&visits, now);
        let consents = consents_given(&customer);
        DemoCustomer {
            customer,
            visits,
            notes,
            redemptions,
            consents,
        }
    }

    /// The next `count` customers with their visits and notes, together.
    pub fn take(&mut self, count: usize) -> DemoData {
        let mut data = DemoData {
            customers: Vec::with_capacity(count),
            visits: Vec::new(),
            notes: Vec::new(),
            redemptions: Vec::new(),
            consents: Vec::new(),
        };
        for _ in 0..count {
            let one = self.next_customer();
            data.customers.push(one.customer);
            data.visits.extend(one.visits);
            data.notes.extend(one.notes);
            data.redemptions.extend(one.redemptions);
            data.consents.extend(one.consents);
        }
        data
    }
}

/// `count` demo customers at once (small stores and tests).
pub fn generate(count: usize, seed: u64, now: DateTime<Utc>, lang: Lang) -> DemoData {
    Generator::new(count, seed, now, lang).take(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_data_is_reproducible_and_varied() {
        let now = DateTime::from_timestamp(1_795_000_000, 0).unwrap();
        let a = generate(300, 7, now, Lang::En);
        let b = generate(300, 7, now, Lang::En);
        assert_eq!(a.customers, b.customers);
        assert_eq!(a.visits, b.visits);
        assert_ne!(generate(300, 8, now, Lang::En).customers, a.customers);
        assert_eq!(a.customers.len(), 300);
        assert!(a.customers.iter().any(|c| c.name.contains('\'')));
        assert!(a.customers.iter().any(|c| !c.name.is_ascii()));
        assert!(a.customers.iter().any(|c| c.nickname.is_some()));
        assert!(
            a.customers
                .iter()
                .any(|c| (now.date_naive() - c.since).num_days() > 15 * 365)
        );
        assert!(
            a.visits
                .iter()
                .all(|v| v.at <= now && v.id.time().timestamp() == v.at.timestamp())
        );
        assert!(a.notes.iter().any(|n| n.pinned));
        // Rhythms differ: some customers come far more often than others.
        let count = |id| a.visits.iter().filter(|v| v.customer == id).count();
        let counts: Vec<usize> = a.customers.iter().map(|c| count(c.id)).collect();
        assert!(counts.iter().max() > Some(&100) && counts.contains(&0));
        // Consent is never given before they became a customer, nor before they were entered.
        assert!(!a.consents.is_empty());
        for consent in &a.consents {
            let customer = a
                .customers
                .iter()
                .find(|c| c.id == consent.customer)
                .unwrap();
            assert!(consent.on >= customer.since, "{consent:?} {customer:?}");
            assert!(consent.at >= customer.created_at && consent.at <= now);
        }
        assert!(
            a.customers
                .iter()
                .any(|c| c.since > c.created_at.date_naive()),
            "the test needs a customer entered before their first day as one"
        );
    }

    #[test]
    fn an_italian_shop_gets_mostly_italian_names_and_italian_notes() {
        let now = DateTime::from_timestamp(1_795_000_000, 0).unwrap();
        let italian_surnames: Vec<&str> = lines(SURNAMES_IT).collect();
        let share = |data: &DemoData| {
            let italian = data
                .customers
                .iter()
                .filter(|c| {
                    italian_surnames
                        .iter()
                        .any(|s| c.name.ends_with(&format!(" {s}")))
                })
                .count();
            italian * 100 / data.customers.len()
        };
        let it = generate(1000, 7, now, Lang::It);
        let en = generate(1000, 7, now, Lang::En);
        assert!(share(&it) >= 85, "{}% Italian names", share(&it));
        assert!(
            (35..=65).contains(&share(&en)),
            "{}% Italian names",
            share(&en)
        );
        let from = |lang, text: &str| {
            shop_words(lang)
                .lines()
                .any(|l| l.ends_with(&format!("|{text}")))
        };
        assert!(!it.notes.is_empty() && !en.notes.is_empty());
        assert!(
            it.notes
                .iter()
                .all(|n| from(Lang::It, &n.text) && !from(Lang::En, &n.text))
        );
        assert!(
            en.notes
                .iter()
                .all(|n| from(Lang::En, &n.text) && !from(Lang::It, &n.text))
        );
        assert!(
            it.customers
                .iter()
                .any(|c| c.preferences.contains("senza zucchero"))
        );
        assert!(
            it.visits
                .iter()
                .any(|v| v.what.as_deref() == Some("cappuccino e cornetto"))
        );
        assert!(
            en.visits
                .iter()
                .any(|v| v.what.as_deref() == Some("cappuccino and cornetto"))
        );
    }
}
