//! The desk syncing by itself: between two keys, the desk hands the sync thread (`sync::worker`) what
//! waits in its outbox and writes what the thread pulled, then searches again and reloads the card shown,
//! so a visit logged at the other till appears here on its own. The network is only ever waited on by
//! that thread; the desk's part is a few small writes now and then, like a write of its own.

use std::time::{Duration, Instant};

use super::App;
use super::state::{Effect, Status, SyncShown};
use crate::store::Waiting;
use crate::sync::worker::{Done, Job, Worker};
use crate::sync::{self, SyncError, Target};
use crate::text;

/// How often the desk looks at what the sync thread answered.
const POLL: Duration = Duration::from_millis(100);
/// A round every so often even when nothing announced one (a missed announcement, a hub restarted).
const PERIOD: Duration = Duration::from_secs(30);
/// A job the sync thread has not answered in this long counts as failed (a connection that died quietly):
/// the desk starts another thread and tries again.
const JOB_TIMEOUT: Duration = sync::ANSWER_WITHIN;
/// How many records a step of the walk that fills the outbox of a store beginning to sync takes, at each
/// look (every [`POLL`] while no key comes): some tens of milliseconds.
const SEED_PER_STEP: usize = 2_000;
/// The first wait after a failure, doubled at each one that follows, up to [`MOST_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(2);
const MOST_BACKOFF: Duration = Duration::from_secs(60);

/// What the sync thread is doing for the desk.
#[derive(Debug, PartialEq, Eq)]
enum Phase {
    Idle,
    Pushing,
    Pulling,
}

/// The desk's side of sync.
pub struct DeskSync {
    target: Target,
    /// Started once the store is open.
    worker: Option<Worker>,
    /// A thread given up on while it still waits on the hub (a hub that took the connection and never
    /// answers): no other is started until it ends, so connections do not pile up at a hung hub.
    abandoned: Option<std::thread::JoinHandle<()>>,
    phase: Phase,
    /// The outbox entries being pushed: taken out once the hub has them.
    pending: Vec<Waiting>,
    /// When the next round may start.
    due: Instant,
    /// When the job in flight was handed to the thread.
    sent_at: Instant,
    failures: u32,
    /// The refusal last said on the status line, so that a run of the same one is said once.
    refusal_said: Option<String>,
    /// Whether the hub has answered since the desk started, and whether the desk has said why it could not
    /// reach it before it ever did (once: a misspelt host name must not look like a network gone quiet).
    reached: bool,
    unreached_said: bool,
    /// Where the hub is, for sentences (no password).
    place: String,
}

impl DeskSync {
    pub fn new(target: Target, now: Instant) -> DeskSync {
        let place = sync::hub::place_of(&target.url).unwrap_or_else(|_| "?".into());
        DeskSync {
            target,
            worker: None,
            abandoned: None,
            phase: Phase::Idle,
            pending: Vec::new(),
            due: now,
            sent_at: now,
            failures: 0,
            refusal_said: None,
            reached: false,
            unreached_said: false,
            place,
        }
    }

    /// When the desk must look again.
    pub fn wake_at(&self, now: Instant) -> Instant {
        now + POLL
    }

    fn backoff(&self) -> Duration {
        FIRST_BACKOFF
            .saturating_mul(1 << self.failures.min(6))
            .min(MOST_BACKOFF)
    }
}

impl App {
    /// Whether the desk syncs with a hub (what its search line shows, set once at the start: the sync
    /// state itself is taken out while a step runs).
    pub fn syncs(&self) -> bool {
        self.state.sync.is_some()
    }

    /// How many rounds in a row have failed (none: the desk does not sync, or a step is running).
    pub fn sync_failures(&self) -> Option<u32> {
        self.sync.as_ref().map(|desk| desk.failures)
    }

    /// Makes the desk sync with `target` in the background.
    pub fn start_sync(&mut self, target: Target) {
        self.sync = Some(DeskSync::new(target, Instant::now()));
        self.state.sync = Some(SyncShown::Connecting);
    }

    /// Between two keys: takes what the sync thread answered, and gives it its next job when one is due
    /// (something written here waits, another till announced a push, or a while has passed).
    pub fn sync_step(&mut self, now: Instant) {
        let Some(mut desk) = self.sync.take() else {
            return;
        };
        if !self.book.is_opening()
            && let Err(e) = self.sync_with(&mut desk, now)
        {
            self.sync_failed(&mut desk, &e, now);
        }
        self.sync = Some(desk);
    }

    fn sync_with(&mut self, desk: &mut DeskSync, now: Instant) -> Result<(), SyncError> {
        if desk.worker.is_none() {
            if desk.abandoned.as_ref().is_some_and(|t| !t.is_finished()) {
                if now < desk.due {
                    return Ok(());
                }
                return Err(SyncError::Unreachable {
                    place: desk.place.clone(),
                    reason: text::sync_no_answer(JOB_TIMEOUT.as_secs()),
                });
            }
            desk.abandoned = None;
            let store = self.book.store()?;
            let origin = sync::wire::till_hex(store.sync_id()?);
            // A store syncing for the first time (or starting over with a hub that went back) puts what
            // it holds in its outbox first, a step between two keys, so typing never waits for the walk;
            // nothing goes to the hub before it has finished, so a customer always goes before their
            // records.
            if !store.seed_step(SEED_PER_STEP)? {
                return Ok(());
            }
            let worker =
                Worker::start(desk.target.clone(), origin).map_err(|e| SyncError::Hub {
                    place: desk.place.clone(),
                    reason: e.to_string(),
                })?;
            desk.worker = Some(worker);
        }
        while let Some(answer) = desk.worker.as_ref().and_then(Worker::answer) {
            self.sync_answer(desk, answer, now)?;
        }
        if desk.phase != Phase::Idle {
            if now.saturating_duration_since(desk.sent_at) > JOB_TIMEOUT {
                // The thread may be stuck on a dead connection: it is left to end by itself.
                desk.abandoned = desk.worker.take().map(Worker::abandon);
                desk.phase = Phase::Idle;
                desk.pending.clear();
                return Err(SyncError::Unreachable {
                    place: desk.place.clone(),
                    reason: text::sync_no_answer(JOB_TIMEOUT.as_secs()),
                });
            }
            return Ok(());
        }
        let store = self.book.store()?;
        let waiting = desk.failures == 0 && store.has_waiting()?;
        if !waiting && now < desk.due {
            return Ok(());
        }
        let Some(worker) = &desk.worker else {
            return Ok(());
        };
        desk.sent_at = now;
        let pending = store.waiting(sync::PUSH_STEP)?;
        let sent = if pending.is_empty() {
            desk.phase = Phase::Pulling;
            worker.send(Job::Pull(store.standing()?, sync::PULL_STEP))
        } else {
            desk.phase = Phase::Pushing;
            let rows = sync::rows_of(&pending, &desk.place)?;
            desk.pending = pending;
            worker.send(Job::Push(rows, store.standing()?))
        };
        if !sent {
            // The thread is gone (it cannot be, short of a panic there): start another next time.
            desk.worker = None;
            desk.phase = Phase::Idle;
        }
        Ok(())
    }

    fn sync_answer(
        &mut self,
        desk: &mut DeskSync,
        answer: Done,
        now: Instant,
    ) -> Result<(), SyncError> {
        match answer {
            Done::Pushed(last) => {
                desk.phase = Phase::Idle;
                self.book
                    .store()?
                    .pushed(&std::mem::take(&mut desk.pending), last)?;
                // Reached: no longer connecting, and what was sent may not be all.
                if self.state.sync == Some(SyncShown::Connecting) {
                    self.state.sync = Some(SyncShown::Sending);
                }
                desk.failures = 0;
                desk.refusal_said = None;
                desk.reached = true;
                // What the others did meanwhile comes next.
                desk.due = now;
            }
            Done::WentBack => {
                desk.phase = Phase::Idle;
                // A push refused so: its entries stay in the outbox.
                desk.pending.clear();
                // Everything here goes to the hub again, everything there comes here again: the outbox
                // is filled anew (a walk over the store, as at the first sync, a step at a time), then the
                // sync thread is started again.
                self.book.store()?.start_over()?;
                desk.worker = None;
                self.state.status = Some(Status {
                    text: text::SYNC_WENT_BACK_SHORT.to_string(),
                    error: false,
                });
                self.state.sync = Some(SyncShown::Sending);
                desk.due = now;
            }
            Done::Pulled(rows) => {
                desk.phase = Phase::Idle;
                desk.failures = 0;
                desk.refusal_said = None;
                desk.reached = true;
                if rows.is_empty() {
                    let store = self.book.store()?;
                    store.sync_contact(self.state.clock.now())?;
                    if !store.has_waiting()? {
                        self.state.sync = Some(SyncShown::Synced);
                    }
                    desk.due = now + PERIOD;
                } else {
                    let taken = sync::take_pulled(self.book.store()?, &rows, &desk.place)?;
                    if taken.changed > 0 {
                        self.show_pulled()?;
                    }
                    // Forgotten at another till: forgotten here too, as this desk forgets.
                    if let Some(id) = taken.forget {
                        self.run_effects(Effect::ForgetFromHub(id));
                        self.book.store()?.forget_came_from_hub(id)?;
                    }
                    // Until a pull comes back empty.
                    desk.due = now;
                }
            }
            Done::Failed(e) => {
                desk.phase = Phase::Idle;
                desk.pending.clear();
                return Err(e);
            }
            Done::Woken => desk.due = now,
            // Only while no job is on its way: a job's own answer says how it went.
            Done::Lost(e) if desk.phase == Phase::Idle => return Err(e),
            Done::Lost(_) => {}
        }
        Ok(())
    }

    /// Records came from the other tills: the search index takes them in, the list is searched again and
    /// the card shown is read again.
    fn show_pulled(&mut self) -> Result<(), SyncError> {
        self.book.catch_up()?;
        // The customer highlighted, or open, stays so: the list searched again must not move the next
        // key onto someone else.
        let again = self.state.search_again();
        self.run_effects(again);
        if let Some(id) = self.state.profile.as_ref().map(|p| p.customer.id)
            && Some(id) != self.state.selected_id()
        {
            self.run_effects(Effect::Load(id));
        }
        self.refresh_due();
        Ok(())
    }

    /// A write of this desk: while the hub is out of reach, the search line counts it among those waiting.
    pub(super) fn sync_wrote(&mut self) {
        match self.state.sync {
            Some(SyncShown::Offline { since, .. }) => {
                let waiting = self.waiting_now();
                self.state.sync = Some(SyncShown::Offline { since, waiting });
            }
            // Until the hub has it.
            Some(SyncShown::Synced) => self.state.sync = Some(SyncShown::Sending),
            Some(SyncShown::Connecting | SyncShown::Sending) | None => {}
        }
    }

    /// For a desk that syncs, as it closes: what the hub has not taken yet, if anything, as a sentence.
    pub fn unsent_at_close(&mut self) -> Option<String> {
        self.sync.as_ref()?;
        let place = self.book.store().ok()?.sync_place().ok()?;
        if place.till.is_none() || !place.walked {
            // The outbox not filled yet (a first sync, or starting over): everything goes.
            return Some(text::SYNC_UNSENT_ALL.to_string());
        }
        (place.waiting > 0).then(|| text::sync_unsent_at_close(place.waiting))
    }

    /// How many records wait to be sent (0 when the store cannot say).
    fn waiting_now(&mut self) -> usize {
        self.book
            .store()
            .ok()
            .and_then(|s| s.sync_place().ok())
            .map_or(0, |p| p.waiting)
    }

    /// A round that failed: the search line says since when the hub is out of reach and what waits; a
    /// store that failed says so on the status line. The next try comes after a wait that grows.
    fn sync_failed(&mut self, desk: &mut DeskSync, error: &SyncError, now: Instant) {
        tracing::info!(error = %error, "sync failed");
        desk.due = now + desk.backoff();
        desk.failures = desk.failures.saturating_add(1);
        let waiting = self.waiting_now();
        let since = match self.state.sync {
            Some(SyncShown::Offline { since, .. }) => since,
            _ => self.state.clock.now(),
        };
        self.state.sync = Some(SyncShown::Offline { since, waiting });
        // A hub out of reach is said on the status line once, if the desk has not reached it since it
        // started (why: a name the network does not know, nothing on that port); after that, the search
        // line's "offline since" says enough.
        if matches!(error, SyncError::Unreachable { .. }) {
            if !desk.reached && !desk.unreached_said {
                self.state.status = Some(Status {
                    text: error.for_status_line(),
                    error: false,
                });
                desk.unreached_said = true;
            }
        }
        // A refusal (a wrong password, a hub too new, a certificate not trusted) is said on the status
        // line once, not again at every try after it while it stays the same.
        else {
            let said = error.for_status_line();
            if desk.refusal_said.as_ref() != Some(&said) {
                self.state.status = Some(Status {
                    text: said.clone(),
                    error: true,
                });
                desk.refusal_said = Some(said);
            }
        }
    }
}
