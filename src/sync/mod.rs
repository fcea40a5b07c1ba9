//! Several tills, one set of customers: each till keeps its own store and works offline; with a hub set
//! (`[sync] url`, a PostgreSQL database), a round of sync pushes what this till wrote and pulls what the
//! others did.
//!
//! - **Events** (visits, notes, promises, voids…) never change once written and are known by their ULID:
//!   pushing one twice, or pulling one that is already here, adds nothing.
//! - **Customers** change, at any till: each field carries the stamp of its last change (a hybrid logical
//!   clock and the till's id, `domain::merge`) and every copy merges field by field, the later change
//!   winning, so every till ends with the same customer whatever order the copies came in.
//! - **The outbox** (`store::sync`) holds what this till wrote and the hub has not taken, written in the
//!   same transaction as each record: a till offline for a day pushes its day when the hub is back.
//! - **The cursor**: the hub numbers rows in commit order; a till takes the rows after the last number it
//!   has, and keeps that number with the records it took, so a crash mid-pull takes the same rows again
//!   (changing nothing) rather than skipping any.

pub mod hub;
mod password;
mod tls;
pub mod url;
pub mod watchdog;
pub mod wire;
pub mod worker;

use chrono::{DateTime, Utc};

use crate::config::SyncSettings;
use crate::store::{Incoming, Mark, Store, StoreError, TakenIn, Waiting};
use crate::text;
pub use hub::{Hub, Pull, Push};

/// How many records a push sends at a time, and a pull takes at a time.
pub const PUSH_STEP: usize = 500;
pub const PULL_STEP: i64 = 1_000;

/// How long a call to the hub may go unanswered before the hub counts as out of reach: the desk then
/// gives up on its sync thread and tries again later; `regulars sync` says so and ends.
pub const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(20);

/// [`ANSWER_WITHIN`]; a test-hooks build takes `REGULARS_SYNC_ANSWER_SECS` instead, so that the tests of
/// a hub that never answers need not wait 20 seconds.
pub fn answer_within() -> std::time::Duration {
    #[cfg(feature = "test-hooks")]
    if let Some(secs) = std::env::var("REGULARS_SYNC_ANSWER_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return std::time::Duration::from_secs(secs);
    }
    ANSWER_WITHIN
}

/// The environment variable that gives the hub's connection string, over the settings file's.
pub const URL_VAR: &str = "REGULARS_SYNC_URL";

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No hub is set.
    #[error("{}", text::SYNC_NO_HUB)]
    NoHub,
    /// The connection string cannot be read: `reason`, and whether it came from `REGULARS_SYNC_URL`
    /// (else from the settings file), so the sentence sends the reader to the one to mend.
    #[error("{}", if *.from_env { text::sync_bad_url_env(.reason) } else { text::sync_bad_url(.reason) })]
    BadUrl { reason: String, from_env: bool },
    /// The hub could not be reached (or the connection was lost): the till works on and tries again.
    #[error("{}", text::sync_unreachable(.place, .reason))]
    Unreachable { place: String, reason: String },
    /// The hub answered with an error.
    #[error("{}", text::sync_hub_error(.place, .reason))]
    Hub { place: String, reason: String },
    /// The hub's certificate failed the check its `sslmode` asks for: nothing was sent to it.
    #[error("{}", text::sync_untrusted(.place, .reason))]
    Untrusted { place: String, reason: String },
    #[error("{}", text::sync_hub_too_new(.place, *.found, *.supported))]
    HubTooNew {
        place: String,
        found: i32,
        supported: i32,
    },
    /// A row this desk cannot read (written by a newer desk, or damaged): the pull stops before it.
    #[error("{}", text::sync_unreadable_row(.place, *.seq, .detail))]
    Unreadable {
        place: String,
        seq: i64,
        detail: String,
    },
}

impl SyncError {
    /// The sentence for the desk's one status line: a refusal's reason first, where the whole sentence
    /// (the hub's place before it) would be cut off at 80 columns.
    pub fn for_status_line(&self) -> String {
        match self {
            SyncError::Hub { reason, .. } => text::sync_refused_short(reason),
            SyncError::Untrusted { reason, .. } => text::sync_untrusted_short(reason),
            other => other.to_string(),
        }
    }
}

/// The hub to sync with and this till's name, from the settings and the environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub url: String,
    pub till: String,
    /// The url is `REGULARS_SYNC_URL`'s, not the settings file's.
    pub from_env: bool,
}

impl Target {
    /// `REGULARS_SYNC_URL` (from `env`) over the settings' `url`; `None` when neither sets a hub. The
    /// till's name is the settings' `till`, else the machine's name.
    pub fn of(settings: &SyncSettings, env: Option<String>) -> Option<Target> {
        let env = env.filter(|u| !u.trim().is_empty());
        let from_env = env.is_some();
        let url = env.unwrap_or_else(|| settings.url.clone());
        if url.trim().is_empty() {
            return None;
        }
        let till = match settings.till.trim() {
            "" => host_name().unwrap_or_else(|| "till".into()),
            name => name.to_string(),
        };
        Some(Target {
            url: url.trim().to_string(),
            till,
            from_env,
        })
    }

    /// Where the hub is, for sentences (no password), or why its connection string cannot be read.
    pub fn place(&self) -> Result<String, SyncError> {
        hub::place_of(&self.url).map_err(|reason| self.bad_url(reason))
    }

    /// The connection string cannot be read, for `reason`.
    pub fn bad_url(&self, reason: String) -> SyncError {
        SyncError::BadUrl {
            reason,
            from_env: self.from_env,
        }
    }
}

/// This machine's name, if it has one.
fn host_name() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most `buf.len()` bytes into the buffer it is given.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return None;
    }
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    let name = String::from_utf8_lossy(&buf[..end]).trim().to_string();
    (!name.is_empty()).then_some(name)
}

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    /// Records this till sent.
    pub pushed: usize,
    /// Of those, how many the hub had already (sent again after a round cut short, or by a start over).
    pub already_there: usize,
    /// What the records pulled did here.
    pub taken: TakenIn,
    /// The hub had gone back (restored from an earlier copy, or replaced): this till started over with
    /// it, sending everything it holds and taking everything the hub holds.
    pub went_back: bool,
}

/// One round with the hub: everything waiting here is pushed, then everything new there is pulled. Each
/// step is durable before the next (a push is taken out of the outbox only once the hub has committed it;
/// a pull's records and its cursor are written together), so a round cut short at any point loses and
/// duplicates nothing: the next round carries on.
pub fn round(
    store: &Store,
    hub: &mut Hub,
    till: &str,
    now: DateTime<Utc>,
) -> Result<Round, SyncError> {
    let mut done = Round::default();
    let mut passes = 0;
    'round: loop {
        let origin = wire::till_hex(store.start_syncing()?);
        loop {
            let waiting = store.waiting(PUSH_STEP)?;
            if waiting.is_empty() {
                break;
            }
            let rows = rows_of(&waiting, hub.place())?;
            let last = match hub.push(&rows, till, &origin, &store.standing()?)? {
                Push::Taken { last, added } => {
                    done.already_there += rows.len() - added.min(rows.len());
                    last
                }
                Push::WentBack => {
                    start_over(store, hub.place(), &mut done)?;
                    continue 'round;
                }
            };
            crate::abort::point("sync-pushed");
            store.pushed(&waiting, last)?;
            done.pushed += rows.len();
        }
        loop {
            let rows = match hub.pull(&store.standing()?, PULL_STEP)? {
                Pull::Rows(rows) => rows,
                Pull::WentBack => {
                    start_over(store, hub.place(), &mut done)?;
                    continue 'round;
                }
            };
            if rows.is_empty() {
                // What the pull put in the outbox (the forget of a customer the hub holds again after
                // going back) goes now, at most twice in a round.
                if store.has_waiting()? && passes < 2 {
                    passes += 1;
                    continue 'round;
                }
                break 'round;
            }
            let taken = take_pulled(store, &rows, hub.place())?;
            done.taken.changed += taken.changed;
            done.taken.known += taken.known;
            done.taken.left_out += taken.left_out;
            if taken.forget.is_some() {
                // The caller forgets them (a forget rewrites the store), then pulls on.
                done.taken.forget = taken.forget;
                return Ok(done);
            }
        }
    }
    store.sync_contact(now)?;
    Ok(done)
}

/// The hub has gone back: everything here goes to it again, and everything there comes here again. Once
/// in a round: a hub that goes back again meanwhile is left to the next round.
fn start_over(store: &Store, place: &str, done: &mut Round) -> Result<(), SyncError> {
    if done.went_back {
        return Err(SyncError::Hub {
            place: place.to_string(),
            reason: text::SYNC_WENT_BACK_AGAIN.to_string(),
        });
    }
    store.start_over()?;
    done.went_back = true;
    Ok(())
}

/// The rows of records waiting to be pushed.
pub fn rows_of(waiting: &[Waiting], place: &str) -> Result<Vec<wire::Row>, SyncError> {
    waiting
        .iter()
        .map(|w| {
            wire::row_of(&w.record).map(|row| wire::Row {
                till: w.till.clone(),
                ..row
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| SyncError::Hub {
            place: place.to_string(),
            reason: e.to_string(),
        })
}

/// Takes pulled rows into the store, each with its number on the hub (see [`Store::take_in`]). A row this
/// desk cannot read stops it before anything is written.
pub fn take_pulled(store: &Store, rows: &[hub::Pulled], place: &str) -> Result<TakenIn, SyncError> {
    let records = rows
        .iter()
        .map(|r| {
            wire::record_of(&r.kind, &r.customer, &r.body)
                .map(|record| Incoming {
                    seq: r.seq,
                    record,
                    till: r.till.clone(),
                    mark: Mark {
                        seq: r.seq,
                        pushed_us: r.pushed_us,
                    },
                })
                .map_err(|detail| SyncError::Unreadable {
                    place: place.to_string(),
                    seq: r.seq,
                    detail,
                })
        })
        .collect::<Result<Vec<Incoming>, _>>()?;
    Ok(store.take_in(&records)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_string_that_cannot_be_read_sends_the_reader_where_it_was_written() {
        let settings = |url: &str| SyncSettings {
            url: url.into(),
            till: "cassa 1".into(),
        };
        let from_env = Target::of(&settings(""), Some("postgresql:///shop".into())).unwrap();
        assert!(from_env.from_env);
        let said = from_env.place().unwrap_err().to_string();
        assert!(said.contains("in REGULARS_SYNC_URL"), "{said}");
        assert!(!said.contains("[sync]"), "{said}");
        // An empty variable leaves the file's.
        let from_file = Target::of(&settings("postgresql:///shop"), Some(" ".into())).unwrap();
        assert!(!from_file.from_env);
        let said = from_file.place().unwrap_err().to_string();
        assert!(said.contains("under [sync] in the settings file"), "{said}");
        assert!(!said.contains("REGULARS_SYNC_URL"), "{said}");
        assert_eq!(Target::of(&settings(""), None), None);
    }
}
