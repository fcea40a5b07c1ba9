//! The hub: a PostgreSQL database that every till pushes its records to and pulls the others' from. The
//! only module that names PostgreSQL. Its tables are made and migrated by the desk itself, from the
//! versioned SQL files in `assets/sync/`, each in a transaction of its own.

use std::str::FromStr;
use std::time::Duration;

use super::password;
use super::tls::{self, Tls};
use super::watchdog::{Guard, Watchdog};
use super::wire::Row;
use super::{SyncError, Target};
use crate::store::{Mark, Standing};
use crate::text;

/// The hub's schema, a file per version, in order. A new version is a new file here; a file once released
/// never changes.
const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("../../assets/sync/0001_changes.sql")),
    (2, include_str!("../../assets/sync/0002_erase_in_place.sql")),
];

/// The hub's schema version this desk writes.
pub const HUB_SCHEMA: i32 = 2;

/// The kind of a row a forget has emptied: kept for its number, never pulled.
const ERASED: &str = "erased";

/// How long connecting may take before the hub counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Taken by every push and migration: an arbitrary number of this desk's own ("regulars" in ASCII).
const LOCK_KEY: i64 = 0x7265_6775_6c61_7273;

/// A pulled row.
#[derive(Clone, Debug)]
pub struct Pulled {
    pub seq: i64,
    /// When the hub took it, in microseconds since 1970 (a row pushed again is taken at another time).
    pub pushed_us: i64,
    pub kind: String,
    pub customer: String,
    pub body: String,
    /// The name of the till that pushed it.
    pub till: String,
}

/// What a pull found.
#[derive(Clone, Debug)]
pub enum Pull {
    /// The rows after the cursor (none: the till has everything).
    Rows(Vec<Pulled>),
    /// The hub no longer holds the row the till took last: it was restored from an earlier copy, or
    /// replaced. The till starts over with it ([`crate::store::Store::start_over`]).
    WentBack,
}

/// What a push did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Push {
    /// The hub has every row: it added `added` of them (it had the others already), the last one `last`.
    Taken { last: Option<Mark>, added: usize },
    /// Nothing was pushed: the hub had gone back (as [`Pull::WentBack`]).
    WentBack,
}

/// A connection to the hub, its schema checked and brought up to date.
pub struct Hub {
    client: postgres::Client,
    /// Where the hub is, without any password: for sentences and logs.
    place: String,
    /// What limits each call's wait, if anything does (`regulars sync`).
    watchdog: Option<Watchdog>,
}

/// How long a vacuum of the hub's table after a forget may take (a big table takes a while).
const VACUUM_LIMIT: Duration = Duration::from_secs(600);

/// Where a connection string points, for a sentence: `user@host:port/database`, never the password.
pub fn place_of(url: &str) -> Result<String, String> {
    let (config, _) = config_of(url)?;
    let host = config
        .get_hosts()
        .first()
        .map(|h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .unwrap_or_else(|| "localhost".into());
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or("");
    let db = config.get_dbname().unwrap_or(user);
    let at = if user.is_empty() {
        String::new()
    } else {
        format!("{user}@")
    };
    Ok(format!("{at}{host}:{port}/{db}"))
}

/// The postgres crate's reading of a connection string, and the TLS it asks for (which the desk reads
/// itself: `tls`).
fn config_of(url: &str) -> Result<(postgres::Config, Tls), String> {
    let (rest, tls) = tls::split(url)?;
    // The crate's own reason is in English and names its parser's terms: the form to write instead.
    let config =
        postgres::Config::from_str(&rest).map_err(|_| text::SYNC_URL_UNREADABLE.to_string())?;
    // libpq would go to the machine's own socket; the crate cannot, and would say so in English at
    // the first try as if the hub were out of reach: it is the string that lacks something.
    if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
        return Err(text::SYNC_URL_NO_HOST.to_string());
    }
    Ok((config, tls))
}

/// Whether a connection string carries a password.
pub fn has_password(url: &str) -> bool {
    config_of(url).is_ok_and(|(c, _)| c.get_password().is_some())
}

/// The reason a PostgreSQL call failed, with what lies under it (the server's message, the socket's
/// error), in one line.
fn reason(error: &postgres::Error) -> String {
    if let Some(db) = error.as_db_error() {
        return db.message().to_string();
    }
    if let Some(tls) = tls::refusal(error) {
        return tls;
    }
    // The network's common answers, in the user's language; the others as the system words them.
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            let said = match io.kind() {
                ConnectionRefused => Some(text::SYNC_NET_REFUSED),
                TimedOut => Some(text::SYNC_NET_TIMED_OUT),
                HostUnreachable | NetworkUnreachable => Some(text::SYNC_NET_UNREACHABLE),
                ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof => {
                    Some(text::SYNC_NET_CUT)
                }
                _ => None,
            };
            if let Some(said) = said {
                return said.to_string();
            }
        }
        source = s.source();
    }
    let mut reason = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        reason = format!("{reason}: {s}");
        source = s.source();
    }
    reason
}

/// The hub's host name, when a connection to it failed because the network cannot find that name (it is
/// misspelt, or this till has no name service while it is offline). Looked up again only after a failure,
/// so a hub that answers costs no second look-up; an offline till counts as the hub out of reach.
fn unknown_name(config: &postgres::Config, error: &postgres::Error) -> Option<String> {
    use std::net::ToSocketAddrs;
    if error.as_db_error().is_some() {
        return None;
    }
    let postgres::config::Host::Tcp(host) = config.get_hosts().first()? else {
        return None;
    };
    if host.parse::<std::net::IpAddr>().is_ok() {
        return None;
    }
    let port = config.get_ports().first().copied().unwrap_or(5432);
    (host.as_str(), port)
        .to_socket_addrs()
        .is_err()
        .then(|| host.clone())
}

/// What a failed call means for the till: the hub out of reach (the connection lost or refused, the
/// server shutting down or restarting, out of connections: try again later, quietly) or a refusal worth
/// saying on the status line.
fn failure(place: &str, error: &postgres::Error) -> SyncError {
    let passing = error.as_db_error().is_none_or(|db| {
        // Connection exceptions, an administrator's shutdown or restart, out of connections or memory.
        let class = &db.code().code()[..2];
        matches!(class, "08" | "57" | "53")
    });
    if error.is_closed() || passing {
        SyncError::Unreachable {
            place: place.to_string(),
            reason: reason(error),
        }
    } else {
        SyncError::Hub {
            place: place.to_string(),
            reason: reason(error),
        }
    }
}

impl Hub {
    /// Connects to the hub at `url` (libpq's forms: `postgresql://user@host/db` or `host=… dbname=…`),
    /// as till `till`, and brings its schema up to date.
    pub fn connect(url: &str, till: &str) -> Result<Hub, SyncError> {
        let target = Target {
            url: url.into(),
            till: till.into(),
            from_env: false,
        };
        Hub::connect_to(&target)
    }

    /// [`Hub::connect`] to a target as the settings give it.
    pub fn connect_to(target: &Target) -> Result<Hub, SyncError> {
        Hub::connect_watched(target, None)
    }

    /// [`Hub::connect`], each call to the hub from here on watched by `watchdog`.
    pub fn connect_watched(target: &Target, watchdog: Option<Watchdog>) -> Result<Hub, SyncError> {
        let (url, till) = (target.url.as_str(), target.till.as_str());
        let _call = watchdog.as_ref().map(Watchdog::guard);
        let place = target.place()?;
        let (mut config, tls) = config_of(url).map_err(|reason| target.bad_url(reason))?;
        let connector = tls.connector().map_err(|reason| target.bad_url(reason))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        // A connection that died quietly (a cable pulled) is noticed within a minute or so.
        config
            .keepalives(true)
            .keepalives_idle(Duration::from_secs(30));
        config.application_name(&format!("regulars {till}"));
        // The password as libpq finds it, where the URL has none: PGPASSWORD, then the pgpass file.
        if config.get_password().is_none()
            && let Some(password) = password::password_for(&config)
        {
            config.password(password);
        }
        let client = config.connect(connector).map_err(|e| {
            // Reached, and turned away for a reason that waiting will not change (a wrong password, a
            // database or user that does not exist): a refusal, to be said, not the hub out of reach.
            if let Some(why) = tls::refusal(&e) {
                SyncError::Untrusted {
                    place: place.clone(),
                    reason: why,
                }
            } else if reason(&e).contains("password missing") {
                SyncError::Hub {
                    place: place.clone(),
                    reason: text::SYNC_NO_PASSWORD.to_string(),
                }
            } else if let Some(host) = unknown_name(&config, &e) {
                SyncError::Unreachable {
                    place: place.clone(),
                    reason: text::sync_net_unknown_name(&host),
                }
            } else {
                failure(&place, &e)
            }
        })?;
        let mut hub = Hub {
            client,
            place,
            watchdog: watchdog.clone(),
        };
        hub.migrate()?;
        Ok(hub)
    }

    pub fn place(&self) -> &str {
        &self.place
    }

    fn failed(&self, error: &postgres::Error) -> SyncError {
        failure(&self.place, error)
    }

    /// A call to the hub, watched if this connection is.
    fn call(&self) -> Option<Guard> {
        self.watchdog.as_ref().map(Watchdog::guard)
    }

    /// The hub's schema version (0: none yet).
    pub fn schema_version(&mut self) -> Result<i32, SyncError> {
        let _call = self.call();
        let exists: bool = self
            .client
            .query_one("SELECT to_regclass('regulars_schema') IS NOT NULL", &[])
            .map_err(|e| self.failed(&e))?
            .get(0);
        if !exists {
            return Ok(0);
        }
        let row = self
            .client
            .query_one("SELECT coalesce(max(version), 0) FROM regulars_schema", &[])
            .map_err(|e| self.failed(&e))?;
        Ok(row.get(0))
    }

    /// Applies every migration the hub has not had, each in its own transaction, under a lock so that two
    /// tills starting at once do not both apply one. A hub whose schema is newer than this desk's is
    /// refused: its rows may hold what this desk would not keep.
    fn migrate(&mut self) -> Result<(), SyncError> {
        let found = self.schema_version()?;
        if found > HUB_SCHEMA {
            return Err(SyncError::HubTooNew {
                place: self.place.clone(),
                found,
                supported: HUB_SCHEMA,
            });
        }
        for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
            let place = self.place.clone();
            let fail = |e: postgres::Error| failure(&place, &e);
            let mut tx = self.client.transaction().map_err(fail)?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])
                .map_err(fail)?;
            tx.batch_execute(
                "CREATE TABLE IF NOT EXISTS regulars_schema (\
                 version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            )
            .map_err(fail)?;
            // Another till may have applied it while this one waited for the lock.
            let done: i64 = tx
                .query_one(
                    "SELECT count(*) FROM regulars_schema WHERE version = $1",
                    &[version],
                )
                .map_err(fail)?
                .get(0);
            if done == 0 {
                tx.batch_execute(sql).map_err(fail)?;
                tx.execute(
                    "INSERT INTO regulars_schema (version) VALUES ($1)",
                    &[version],
                )
                .map_err(fail)?;
            }
            tx.commit().map_err(fail)?;
        }
        Ok(())
    }

    /// Pushes `rows` from till `till` (sync id `origin`) in one transaction: all are in the hub when it
    /// returns, or none. A row already there (pushed before by a push whose answer was lost) is left as
    /// it is. The other tills are woken by a notification when it commits. Nothing is pushed to a hub
    /// that has gone back from where the till stands (see [`Mark`]): the till starts over first, so that
    /// a customer reaches the hub again before their records.
    pub fn push(
        &mut self,
        rows: &[Row],
        till: &str,
        origin: &str,
        standing: &Standing,
    ) -> Result<Push, SyncError> {
        let call = self.call();
        let place = self.place.clone();
        let fail = |e: postgres::Error| failure(&place, &e);
        let mut tx = self.client.transaction().map_err(fail)?;
        // Numbers are given in commit order: the lock is held from the first number to the commit, so
        // no till ever sees a row numbered after one that is not yet there.
        tx.batch_execute("LOCK TABLE regulars_changes IN SHARE ROW EXCLUSIVE MODE")
            .map_err(fail)?;
        if went_back(&mut tx, standing).map_err(fail)? {
            return Ok(Push::WentBack);
        }
        // Rows go in a run at a time, in one statement each (a row a statement took 100 s for 300k
        // rows over loopback), in their order. Nothing more of a forgotten customer is taken in (a till
        // that had not heard of the forget yet may still send their records): the forget row stands
        // alone, and it takes every other row of the customer out of the hub's table.
        let insert = tx
            .prepare(
                "INSERT INTO regulars_changes (id, kind, customer, till, origin, body) \
                 SELECT r.id, r.kind, r.customer, coalesce(r.till, $5), $6, r.body \
                 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $7::text[]) \
                 WITH ORDINALITY AS r(id, kind, customer, body, till, n) \
                 WHERE NOT EXISTS (SELECT 1 FROM regulars_changes f \
                 WHERE f.kind = 'forget' AND f.customer = r.customer) \
                 ORDER BY r.n ON CONFLICT (id) DO NOTHING \
                 RETURNING seq, (extract(epoch FROM pushed_at) * 1000000)::bigint",
            )
            .map_err(fail)?;
        // Emptied where they stand, not deleted: every number a till has pulled keeps its row (see
        // `Mark`).
        let erase = tx
            .prepare(&format!(
                "UPDATE regulars_changes SET id = '{ERASED}.' || seq, kind = '{ERASED}', body = '{{}}' \
                 WHERE customer = $1 AND kind NOT IN ('forget', '{ERASED}')"
            ))
            .map_err(fail)?;
        let mut forgets = false;
        // The last row added: the till keeps it until its cursor passes it (`Standing::pushed`).
        let mut last: Option<Mark> = None;
        let mut added = 0;
        for run in
            rows.chunk_by(|a, b| (a.kind == super::wire::FORGET) == (b.kind == super::wire::FORGET))
        {
            if run[0].kind == super::wire::FORGET {
                forgets = true;
                for row in run {
                    tx.execute(&erase, &[&row.customer]).map_err(fail)?;
                }
            }
            let ids: Vec<&str> = run.iter().map(|r| r.id.as_str()).collect();
            let kinds: Vec<&str> = run.iter().map(|r| r.kind).collect();
            let customers: Vec<&str> = run.iter().map(|r| r.customer.as_str()).collect();
            let bodies: Vec<&str> = run.iter().map(|r| r.body.as_str()).collect();
            let tills: Vec<Option<&str>> = run.iter().map(|r| r.till.as_deref()).collect();
            let new_rows = tx
                .query(
                    &insert,
                    &[&ids, &kinds, &customers, &bodies, &till, &origin, &tills],
                )
                .map_err(fail)?;
            added += new_rows.len();
            for row in new_rows {
                let mark = Mark {
                    seq: row.get(0),
                    pushed_us: row.get(1),
                };
                last = last.filter(|l: &Mark| l.seq > mark.seq).or(Some(mark));
            }
        }
        tx.batch_execute("NOTIFY regulars_changes").map_err(fail)?;
        tx.commit().map_err(fail)?;
        drop(call);
        if forgets {
            let _vacuum = self.watchdog.as_ref().map(|w| w.guard_for(VACUUM_LIMIT));
            // The erased rows' old bytes stay in the table's pages until a vacuum rewrites them: asked for
            // now (it needs the table's owner; a hub run otherwise vacuums on its own schedule).
            if let Err(e) = self.client.batch_execute("VACUUM regulars_changes") {
                tracing::info!(error = %reason(&e), "the hub's table was not vacuumed after a forget");
            }
        }
        Ok(Push::Taken { last, added })
    }

    /// Asks the hub to tell this connection when another till pushes (see [`Hub::notified`]).
    pub fn listen(&mut self) -> Result<(), SyncError> {
        self.client
            .batch_execute("LISTEN regulars_changes")
            .map_err(|e| self.failed(&e))
    }

    /// Whether a push was announced, waiting up to `most` for one. (It must wait: the connection reads
    /// its socket only while it is waited on, so a look that does not wait never sees one.)
    pub fn notified(&mut self, most: Duration) -> Result<bool, SyncError> {
        use postgres::fallible_iterator::FallibleIterator;
        let place = self.place.clone();
        let lost = |e: postgres::Error| SyncError::Unreachable {
            place: place.clone(),
            reason: reason(&e),
        };
        let mut notifications = self.client.notifications();
        let first = notifications.timeout_iter(most).next().map_err(lost)?;
        if first.is_some() {
            // Others that came with it are taken too: one pull answers them all.
            while notifications.iter().next().map_err(lost)?.is_some() {}
        }
        Ok(first.is_some())
    }

    /// Up to `most` rows numbered after where the till stands, in their order (rows a forget erased are
    /// left out); or, when the hub no longer holds the row the till stands on (see [`Mark`]), that it has
    /// gone back.
    pub fn pull(&mut self, standing: &Standing, most: i64) -> Result<Pull, SyncError> {
        let _call = self.call();
        let place = self.place.clone();
        let fail = |e: postgres::Error| failure(&place, &e);
        if went_back(&mut self.client, standing).map_err(fail)? {
            return Ok(Pull::WentBack);
        }
        let rows = self
            .client
            .query(
                "SELECT seq, kind, customer, body, till, \
                 (extract(epoch FROM pushed_at) * 1000000)::bigint FROM regulars_changes \
                 WHERE seq > $1 AND kind <> $3 ORDER BY seq LIMIT $2",
                &[&standing.cursor, &most, &ERASED],
            )
            .map_err(fail)?;
        Ok(Pull::Rows(
            rows.into_iter()
                .map(|r| Pulled {
                    seq: r.get(0),
                    kind: r.get(1),
                    customer: r.get(2),
                    body: r.get(3),
                    till: r.get(4),
                    pushed_us: r.get(5),
                })
                .collect(),
        ))
    }
}

/// Whether the hub has gone back from where the till stands: it no longer holds the row at the till's
/// cursor, or the last row the till's pushes added, as it held them (the same number taken at another
/// time is another row: a till starting over sends its records anew). A till with no mark yet (it has
/// taken nothing, or last pulled before marks were kept) cannot tell from its cursor.
fn went_back(
    client: &mut impl postgres::GenericClient,
    standing: &Standing,
) -> Result<bool, postgres::Error> {
    for mark in [standing.mark, standing.pushed].into_iter().flatten() {
        let found = client.query_opt(
            "SELECT (extract(epoch FROM pushed_at) * 1000000)::bigint \
             FROM regulars_changes WHERE seq = $1",
            &[&mark.seq],
        )?;
        if found.map(|row| row.get::<_, i64>(0)) != Some(mark.pushed_us) {
            tracing::warn!(
                seq = mark.seq,
                "the sync hub no longer holds a row this till took or sent: it has gone back"
            );
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_never_shows_the_password() {
        let url = "postgresql://cassa:s3cret@db.example.com:6543/negozio?sslmode=disable";
        assert_eq!(place_of(url).unwrap(), "cassa@db.example.com:6543/negozio");
        assert!(has_password(url));
        let kv = "host=127.0.0.1 user=regulars password=hunter2 dbname=shop";
        assert_eq!(place_of(kv).unwrap(), "regulars@127.0.0.1:5432/shop");
        assert!(has_password(kv));
        assert!(!has_password("postgresql://regulars@localhost/shop"));
        assert!(place_of("postgresql://[oops").is_err());
        assert!(place_of("host=h sslmode=sometimes").is_err());
        assert_eq!(
            place_of("postgresql://u@h/db?sslmode=verify-full&sslrootcert=/ca.pem").unwrap(),
            "u@h:5432/db"
        );
    }
}
