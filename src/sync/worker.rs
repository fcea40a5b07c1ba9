//! The desk's link to the hub: a thread of its own that does the talking, so that the desk never waits on
//! the network. It never touches the store: the desk hands it rows to push and takes the rows it pulled
//! (`ui::sync`), and writes them itself, between two keys. A hub out of reach costs the desk nothing but
//! a word on its search line.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use super::hub::{Hub, Pull, Pulled, Push};
use super::wire::Row;
use super::{SyncError, Target};
use crate::store::{Mark, Standing};

/// How long the thread waits for a job, or (connected) for a push another till announces, before it
/// looks at the other.
const LISTEN_POLL: Duration = Duration::from_millis(100);

/// What the desk asks of the thread.
pub enum Job {
    /// Push these rows (from the outbox, in its order), unless the hub has gone back from where the till
    /// stands.
    Push(Vec<Row>, Standing),
    /// Pull up to `most` rows after where the till stands, unless the hub has gone back from there.
    Pull(Standing, i64),
}

/// What the thread answers.
pub enum Done {
    /// With the last row the push added, if it added any.
    Pushed(Option<Mark>),
    Pulled(Vec<Pulled>),
    /// The hub has gone back from where the till stood: nothing was pushed or pulled, and the till
    /// starts over with it.
    WentBack,
    /// The job failed (the hub out of reach, or refusing): the desk tries again later.
    Failed(SyncError),
    /// Another till pushed: worth a pull.
    Woken,
    /// The connection was lost while the thread waited for a job (the hub stopped): the desk says so
    /// now rather than at its next round.
    Lost(SyncError),
}

/// The thread, and the two ends the desk holds.
pub struct Worker {
    jobs: Sender<Job>,
    done: Receiver<Done>,
    thread: std::thread::JoinHandle<()>,
}

impl Worker {
    /// Starts the thread for `target`, pushing as till `origin` (its sync id). It connects at the first
    /// job, and again at the next job after the connection is lost.
    pub fn start(target: Target, origin: String) -> std::io::Result<Worker> {
        let (jobs, their_jobs) = mpsc::channel();
        let (their_done, done) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || work(&target, &origin, &their_jobs, &their_done))?;
        Ok(Worker { jobs, done, thread })
    }

    /// Gives up on the thread (stuck on the hub): its ends are dropped, so it ends as soon as its wait
    /// does (its answer has nowhere to go). The handle says when it has.
    pub fn abandon(self) -> std::thread::JoinHandle<()> {
        self.thread
    }

    /// Hands the thread a job; false if the thread is gone.
    pub fn send(&self, job: Job) -> bool {
        self.jobs.send(job).is_ok()
    }

    /// An answer, if one came.
    pub fn answer(&self) -> Option<Done> {
        self.done.try_recv().ok()
    }

    /// Waits up to `most` for an answer (for tests and for a desk with nothing else to do).
    pub fn wait(&self, most: Duration) -> Option<Done> {
        self.done.recv_timeout(most).ok()
    }
}

fn work(target: &Target, origin: &str, jobs: &Receiver<Job>, done: &Sender<Done>) {
    let mut hub: Option<Hub> = None;
    loop {
        // Connected, it waits on the hub's announcements and then looks for a job; else on jobs alone.
        let wait = if hub.is_some() {
            Duration::ZERO
        } else {
            LISTEN_POLL
        };
        let answer = match jobs.recv_timeout(wait) {
            Ok(job) => Some(run(&mut hub, target, origin, job)),
            Err(RecvTimeoutError::Timeout) => match hub.as_mut().map(|h| h.notified(LISTEN_POLL)) {
                Some(Ok(true)) => Some(Done::Woken),
                Some(Ok(false)) | None => None,
                Some(Err(e)) => {
                    hub = None;
                    tracing::info!(error = %e, "the connection to the sync hub was lost");
                    Some(Done::Lost(e))
                }
            },
            // The desk is closing.
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if let Some(answer) = answer
            && done.send(answer).is_err()
        {
            return;
        }
    }
}

/// Does one job, connecting first when needed; a connection that failed is dropped, to be made again.
fn run(hub: &mut Option<Hub>, target: &Target, origin: &str, job: Job) -> Done {
    if hub.is_none() {
        match Hub::connect_to(target).and_then(|mut h| h.listen().map(|()| h)) {
            Ok(connected) => *hub = Some(connected),
            Err(e) => return Done::Failed(e),
        }
    }
    let Some(connected) = hub.as_mut() else {
        return Done::Failed(SyncError::NoHub);
    };
    let result =
        match job {
            Job::Push(rows, standing) => connected
                .push(&rows, &target.till, origin, &standing)
                .map(|pushed| match pushed {
                    Push::Taken { last, .. } => Done::Pushed(last),
                    Push::WentBack => Done::WentBack,
                }),
            Job::Pull(standing, most) => connected.pull(&standing, most).map(|pull| match pull {
                Pull::Rows(rows) => Done::Pulled(rows),
                Pull::WentBack => Done::WentBack,
            }),
        };
    result.unwrap_or_else(|e| {
        if matches!(e, SyncError::Unreachable { .. }) {
            *hub = None;
        }
        Done::Failed(e)
    })
}
