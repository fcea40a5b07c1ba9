//! Pure types and rules: customers, visits, notes, the greeting card.
//!
//! No I/O, no terminal, no store, no clock: "today" and "now" come in as parameters, so every rule is a
//! table test and every screen is deterministic.

mod agenda;
mod consent;
mod customer;
mod dates;
mod events;
mod greeting;
mod id;
mod loyalty;
mod merge;
mod money;
mod promises;
mod records;
mod visiting;

pub use agenda::{
    AHEAD_DAYS, AgendaDay, AgendaFacts, AgendaItem, agenda_items, anniversary, due_this_week,
    month_day,
};
pub use consent::{Channel, ConsentChange, ConsentSet, consent_now, consent_set};
pub use customer::{
    Birthday, Customer, CustomerDraft, CustomerField, CustomerText, InputLimits, MAX_FIELD_CHARS,
    split_list,
};
pub use dates::{RelativeDay, Tenure, parse_date, relative_day, tenure};
pub use events::{Event, EventKind, EventRecord, VisitStats, voids_in};
pub use greeting::{BirthdaySoon, GreetingCard, birthday_soon};
pub use id::{Attempt, Id};
pub use loyalty::{
    Lapse, LapsedRule, Loyalty, Redemption, StampCard, StampRule, Tier, USUAL_WINDOW, lateness,
    usual,
};
pub use merge::{FIELDS, Field, FieldClocks, Hlc, Stamp, merge_customer, revert_edit};
pub use money::{MAX_CENTS, MoneyStyle, format_cents, parse_amount};
pub use promises::{
    Outcome, Promise, PromiseDraft, PromiseEnd, PromiseField, PromiseState, Standing, open_by_due,
    parse_due, promise_states,
};
pub use records::{
    Note, NoteDraft, NoteKind, Visit, VisitDraft, VisitField, Void, check_answer, open_complaints,
    standing_voids, voided_events, within_limit,
};
pub use visiting::{MonthlyVisits, RECENT_DAYS, RecentDays, month_number};
