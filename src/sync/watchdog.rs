//! A limit on how long a call to the hub may wait, for `regulars sync`: a hub that accepts the connection
//! and then never answers (its server stopped with SIGSTOP, a machine hung, a firewall that swallows
//! packets) is waited on by the socket forever, and a cron job stuck so would hold the store, and keep
//! the desk from opening, until the hub came back. The desk needs none of this: its talking is done by a
//! thread it gives up on (`ui::sync`).
//!
//! The watchdog is a thread that looks every tenth of a second at the call in progress, if any; past its
//! limit it calls what it was given, once (the command line says so and ends). Only calls to the hub are
//! watched, never a write to the store, so ending there leaves the store as a round cut short leaves it:
//! whole.

use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

const TICK: Duration = Duration::from_millis(100);

struct Inner {
    /// Since when the call in progress has waited, and how long it may.
    waiting: Mutex<Option<(Instant, Duration)>>,
    limit: Duration,
}

/// Watches the calls made under its guards.
#[derive(Clone)]
pub struct Watchdog {
    inner: Arc<Inner>,
}

/// A call in progress: watched until the guard is dropped. Guards nest (a connect that reads the schema):
/// dropping one watches again what the one before it watched.
pub struct Guard {
    inner: Arc<Inner>,
    before: Option<(Instant, Duration)>,
}

impl Watchdog {
    /// Starts watching: a call that waits longer than `limit` (or the limit its guard was given) makes
    /// the watchdog call `stuck` with that limit, once. The thread ends with the last watchdog and guard.
    pub fn start(
        limit: Duration,
        stuck: impl FnOnce(Duration) + Send + 'static,
    ) -> std::io::Result<Watchdog> {
        let inner = Arc::new(Inner {
            waiting: Mutex::new(None),
            limit,
        });
        let weak: Weak<Inner> = Arc::downgrade(&inner);
        std::thread::Builder::new()
            .name("sync-watchdog".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(TICK);
                    let Some(inner) = weak.upgrade() else {
                        return;
                    };
                    let waiting = *inner.waiting.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some((since, most)) = waiting
                        && since.elapsed() > most
                    {
                        stuck(most);
                        return;
                    }
                }
            })?;
        Ok(Watchdog { inner })
    }

    /// Watches a call with the watchdog's limit.
    pub fn guard(&self) -> Guard {
        self.guard_for(self.inner.limit)
    }

    /// Watches a call that may take up to `most` (a vacuum of a big table).
    pub fn guard_for(&self, most: Duration) -> Guard {
        let before = self
            .inner
            .waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replace((Instant::now(), most));
        Guard {
            inner: Arc::clone(&self.inner),
            before,
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        *self
            .inner
            .waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = self.before;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn a_call_past_its_limit_is_called_stuck_and_one_within_it_is_not() {
        let (told, heard) = mpsc::channel();
        let watchdog = Watchdog::start(Duration::from_secs(1), move |most| {
            let _ = told.send(most);
        })
        .unwrap();
        // Calls that end in time, one after another for longer than the limit in all.
        for _ in 0..5 {
            let _call = watchdog.guard();
            std::thread::sleep(Duration::from_millis(300));
        }
        assert!(heard.try_recv().is_err(), "no call waited past its limit");
        let _stuck = watchdog.guard();
        assert_eq!(
            heard.recv_timeout(Duration::from_secs(10)),
            Ok(Duration::from_secs(1))
        );
    }
}
