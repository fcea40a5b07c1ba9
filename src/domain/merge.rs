//! How two tills' copies of one customer become one: every field keeps the value written last, by a hybrid
//! logical clock, field by field.
//!
//! Events (visits, notes, promises…) never change once written, so two tills only ever add them; a
//! customer's fields do change, at either till, perhaps while they cannot reach each other. Each field of a
//! customer carries the [`Stamp`] of its last change. When a copy arrives from another till, each field
//! takes the value whose stamp is greater: the later change wins, field by field, so a phone changed at one
//! till and the likes changed at the other both survive.
//!
//! A stamp is a hybrid logical clock reading (the wall clock in milliseconds, with a counter for changes in
//! the same millisecond and for a clock that went back) and, to break a tie, the id of the till that made
//! it. The clock of a till never goes back and moves past every stamp it has seen from another till, so a
//! change made after seeing another's always wins over it, even when the two tills' wall clocks disagree.

use chrono::{DateTime, Utc};

use super::Customer;

/// How many fields of a customer carry a stamp: see [`Field`].
pub const FIELDS: usize = 9;

/// The fields that merge one by one. The id never changes; `created_at` merges as the earlier of the two,
/// `updated_at` and `updated_by` come with the latest change taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Nickname,
    Phones,
    Email,
    Birthday,
    Since,
    Tags,
    Preferences,
    ReferredBy,
}

impl Field {
    pub const ALL: [Field; FIELDS] = [
        Field::Name,
        Field::Nickname,
        Field::Phones,
        Field::Email,
        Field::Birthday,
        Field::Since,
        Field::Tags,
        Field::Preferences,
        Field::ReferredBy,
    ];

    /// Whether `a` and `b` differ in this field.
    fn differs(self, a: &Customer, b: &Customer) -> bool {
        match self {
            Field::Name => a.name != b.name,
            Field::Nickname => a.nickname != b.nickname,
            Field::Phones => a.phones != b.phones,
            Field::Email => a.email != b.email,
            Field::Birthday => a.birthday != b.birthday,
            Field::Since => a.since != b.since,
            Field::Tags => a.tags != b.tags,
            Field::Preferences => a.preferences != b.preferences,
            Field::ReferredBy => a.referred_by != b.referred_by,
        }
    }

    /// Gives `to` the value `from` has in this field.
    fn take(self, to: &mut Customer, from: &Customer) {
        match self {
            Field::Name => to.name.clone_from(&from.name),
            Field::Nickname => to.nickname.clone_from(&from.nickname),
            Field::Phones => to.phones.clone_from(&from.phones),
            Field::Email => to.email.clone_from(&from.email),
            Field::Birthday => to.birthday = from.birthday,
            Field::Since => to.since = from.since,
            Field::Tags => to.tags.clone_from(&from.tags),
            Field::Preferences => to.preferences.clone_from(&from.preferences),
            Field::ReferredBy => to.referred_by = from.referred_by,
        }
    }
}

/// An edit taken back: each field the edit changed (from `before` to `after`) goes back to what it was,
/// unless it has changed again since (`current` no longer holds what the edit wrote): a change made since,
/// at this till or pulled from another, stays. Only the fields given back then count as changed, so only
/// they are stamped and travel.
pub fn revert_edit(current: &Customer, before: &Customer, after: &Customer) -> Customer {
    let mut reverted = current.clone();
    for field in Field::ALL {
        if field.differs(before, after) && !field.differs(current, after) {
            field.take(&mut reverted, before);
        }
    }
    reverted
}

/// When a field was last changed, and where: compared by clock first, then by till.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    /// The hybrid logical clock: milliseconds since 1970 in the high 48 bits, a counter in the low 16.
    pub clock: u64,
    /// The till that made the change (its store's sync id).
    pub till: u128,
}

impl Stamp {
    /// The stamp a change made at `at` has when nothing better is known: a customer written before their
    /// store started syncing. Any till's later change wins over it.
    pub fn of_time(at: DateTime<Utc>) -> Stamp {
        Stamp {
            clock: clock_of_millis(at.timestamp_millis()),
            till: 0,
        }
    }
}

fn clock_of_millis(ms: i64) -> u64 {
    u64::try_from(ms).unwrap_or(0).saturating_mul(1 << 16)
}

/// The stamps of one customer's fields, in the order of [`Field::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldClocks(pub [Stamp; FIELDS]);

impl FieldClocks {
    /// Every field stamped `stamp` (a customer just made).
    pub fn all(stamp: Stamp) -> FieldClocks {
        FieldClocks([stamp; FIELDS])
    }

    /// The latest stamp of any field: a customer's copy with the same latest stamp from the same till is
    /// the same copy.
    pub fn latest(&self) -> Stamp {
        self.0.iter().copied().max().unwrap_or_default()
    }

    /// Stamps `stamp` on the fields in which `after` differs from `before`: what a local edit changed.
    pub fn touch(&mut self, before: &Customer, after: &Customer, stamp: Stamp) {
        for (at, field) in Field::ALL.into_iter().enumerate() {
            if field.differs(before, after) {
                self.0[at] = stamp;
            }
        }
    }
}

/// Merges `theirs` (another till's copy, with its stamps) into `ours`: each field takes the value with the
/// greater stamp. Returns true when `ours` changed. Merging is commutative, associative and idempotent, so
/// tills that have seen the same copies hold the same customer, whatever order the copies came in.
pub fn merge_customer(
    ours: &mut Customer,
    our_clocks: &mut FieldClocks,
    theirs: &Customer,
    their_clocks: &FieldClocks,
) -> bool {
    let mut changed = false;
    for (at, field) in Field::ALL.into_iter().enumerate() {
        if their_clocks.0[at] > our_clocks.0[at] {
            our_clocks.0[at] = their_clocks.0[at];
            if field.differs(ours, theirs) {
                field.take(ours, theirs);
                changed = true;
            }
        }
    }
    if theirs.created_at < ours.created_at {
        ours.created_at = theirs.created_at;
        changed = true;
    }
    // When the customer was last changed, and by whom: the later of the two (by the wall clock, as the
    // card shows it), so that it too is the same whatever order the copies came in.
    if (theirs.updated_at, &theirs.updated_by) > (ours.updated_at, &ours.updated_by) {
        ours.updated_at = theirs.updated_at;
        ours.updated_by.clone_from(&theirs.updated_by);
        changed = true;
    }
    changed
}

/// A till's hybrid logical clock: never goes back, and moves past every stamp seen from another till.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hlc {
    pub last: u64,
}

impl Hlc {
    /// The clock's next reading at wall time `now`: the wall clock when it is ahead of every reading so
    /// far, else one more than the last.
    pub fn tick(&mut self, now: DateTime<Utc>) -> u64 {
        let wall = clock_of_millis(now.timestamp_millis());
        self.last = wall.max(self.last.saturating_add(1));
        self.last
    }

    /// A stamp seen from another till: the next reading comes after it.
    pub fn witness(&mut self, seen: u64) {
        self.last = self.last.max(seen);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CustomerDraft, Id};
    use chrono::{NaiveDate, TimeZone};

    fn at(ms: i64) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(1_790_000_000_000 + ms).unwrap()
    }

    fn customer() -> Customer {
        let draft = CustomerDraft {
            name: "Anna Ferri".into(),
            nickname: None,
            phones: vec![],
            email: None,
            birthday: None,
            since: None,
            tags: vec![],
            preferences: String::new(),
            referred_by: None,
            consent: vec![],
        };
        let mut c = Customer::new(
            draft,
            at(0),
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            None,
        );
        c.id = Id::from_bytes([7; 16]);
        c
    }

    fn stamp(clock: u64, till: u128) -> Stamp {
        Stamp { clock, till }
    }

    #[test]
    fn each_field_keeps_its_latest_change_whichever_till_made_it() {
        let base = customer();
        let mut a = base.clone();
        let mut a_clocks = FieldClocks::all(stamp(10, 1));
        let mut b = base.clone();
        let mut b_clocks = FieldClocks::all(stamp(10, 1));
        // Till 1 changes the phone at 20; till 2 changes the likes at 30 and the phone earlier, at 15.
        let before = a.clone();
        a.phones = vec!["333 1".into()];
        a_clocks.touch(&before, &a, stamp(20, 1));
        let before = b.clone();
        b.preferences = "oat milk".into();
        b.phones = vec!["333 2".into()];
        b_clocks.touch(&before, &b, stamp(15, 2));
        let before = b.clone();
        b.preferences = "oat milk, no sugar".into();
        b_clocks.touch(&before, &b, stamp(30, 2));

        let (mut one, mut one_clocks) = (a.clone(), a_clocks);
        assert!(merge_customer(&mut one, &mut one_clocks, &b, &b_clocks));
        let (mut two, mut two_clocks) = (b.clone(), b_clocks);
        assert!(merge_customer(&mut two, &mut two_clocks, &a, &a_clocks));
        assert_eq!(one.phones, vec!["333 1".to_string()]);
        assert_eq!(one.preferences, "oat milk, no sugar");
        assert_eq!((one.clone(), one_clocks), (two.clone(), two_clocks));
        // Merging what is already held changes nothing.
        assert!(!merge_customer(&mut one, &mut one_clocks, &b, &b_clocks));
        assert!(!merge_customer(&mut one, &mut one_clocks, &a, &a_clocks));
    }

    #[test]
    fn the_same_clock_reading_is_decided_by_the_till() {
        let base = customer();
        let mut a = base.clone();
        a.name = "Anna F.".into();
        let mut b = base.clone();
        b.name = "Anna Ferri Rossi".into();
        let (ac, bc) = (
            FieldClocks::all(stamp(50, 1)),
            FieldClocks::all(stamp(50, 2)),
        );
        let mut one = a.clone();
        let mut one_clocks = ac;
        merge_customer(&mut one, &mut one_clocks, &b, &bc);
        let mut two = b.clone();
        let mut two_clocks = bc;
        merge_customer(&mut two, &mut two_clocks, &a, &ac);
        assert_eq!(one.name, "Anna Ferri Rossi");
        assert_eq!(two.name, one.name);
    }

    #[test]
    fn an_edit_taken_back_gives_back_only_what_it_changed_and_what_was_not_changed_since() {
        let before = customer();
        let mut after = before.clone();
        after.phones = vec!["111".into()];
        after.preferences = "tea".into();
        // Since the edit, another till changed the nickname, and the likes again.
        let mut current = after.clone();
        current.nickname = Some("Nina".into());
        current.preferences = "green tea".into();
        let reverted = revert_edit(&current, &before, &after);
        assert_eq!(
            reverted.phones, before.phones,
            "the edit's own change goes back"
        );
        assert_eq!(
            reverted.nickname.as_deref(),
            Some("Nina"),
            "untouched by the edit"
        );
        assert_eq!(
            reverted.preferences, "green tea",
            "changed again since: kept"
        );
        // Nothing changed since: the customer as before, field for field.
        let all_back = revert_edit(&after, &before, &after);
        for field in Field::ALL {
            assert!(!field.differs(&all_back, &before), "{field:?}");
        }
    }

    #[test]
    fn an_edit_stamps_only_the_fields_it_changed() {
        let before = customer();
        let mut after = before.clone();
        after.email = Some("anna@example.com".into());
        after.updated_at = at(5);
        let mut clocks = FieldClocks::all(stamp(1, 1));
        clocks.touch(&before, &after, stamp(9, 3));
        for (i, field) in Field::ALL.into_iter().enumerate() {
            let want = if field == Field::Email { 9 } else { 1 };
            assert_eq!(clocks.0[i].clock, want, "{field:?}");
        }
        assert_eq!(clocks.latest(), stamp(9, 3));
    }

    #[test]
    fn the_clock_never_goes_back_and_moves_past_what_it_saw() {
        let mut hlc = Hlc::default();
        let first = hlc.tick(at(100));
        let same_ms = hlc.tick(at(100));
        assert!(same_ms > first);
        // The wall clock went back a second: the clock still moves forward.
        let earlier = hlc.tick(at(-900));
        assert!(earlier > same_ms);
        // Another till's reading far ahead: the next local one comes after it.
        let theirs = clock_of_millis(at(60_000).timestamp_millis());
        hlc.witness(theirs);
        assert!(hlc.tick(at(200)) > theirs);
        // A reading from the past changes nothing.
        let now = hlc.last;
        hlc.witness(5);
        assert_eq!(hlc.last, now);
    }

    #[test]
    fn the_earlier_creation_time_and_the_latest_editor_are_kept() {
        let mut ours = customer();
        let mut theirs = ours.clone();
        theirs.created_at = at(-1_000);
        theirs.nickname = Some("Annina".into());
        theirs.updated_at = at(7_000);
        theirs.updated_by = Some("Luca".into());
        let mut our_clocks = FieldClocks::all(stamp(1, 1));
        let mut their_clocks = our_clocks;
        their_clocks.0[1] = stamp(7, 2);
        assert!(merge_customer(
            &mut ours,
            &mut our_clocks,
            &theirs,
            &their_clocks
        ));
        assert_eq!(ours.created_at, at(-1_000));
        assert_eq!(ours.updated_by.as_deref(), Some("Luca"));
        assert_eq!(ours.nickname.as_deref(), Some("Annina"));
    }
}
