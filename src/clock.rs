//! "Now" and "today", passed into the domain from one place. The desk uses the system clock and the local
//! time zone; tests pin both so every screen is deterministic.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Utc};

#[derive(Clone, Copy, Debug)]
pub enum Clock {
    System,
    /// A fixed instant, shown in a fixed time zone.
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => at.with_timezone(&Utc),
        }
    }

    /// The local date of a stored (UTC) time.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        match self {
            Clock::System => at.with_timezone(&Local).date_naive(),
            Clock::Fixed(fixed) => at.with_timezone(fixed.offset()).date_naive(),
        }
    }

    /// Local date and time of day, in the language's form (`2026-12-25 14:30`, `25/12/2026 14:30`).
    pub fn local_stamp(&self, at: DateTime<Utc>) -> String {
        self.local_format(at, crate::text::stamp_format())
    }

    /// A stored (UTC) time in local time, in a chrono `format`.
    pub fn local_format(&self, at: DateTime<Utc>, format: &str) -> String {
        match self {
            Clock::System => at.with_timezone(&Local).format(format).to_string(),
            Clock::Fixed(fixed) => at.with_timezone(fixed.offset()).format(format).to_string(),
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.local_date(self.now())
    }
}
