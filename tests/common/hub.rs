//! A sync hub for a test: a database of its own on the PostgreSQL server that `scripts/with-postgres`
//! starts (its URL in `REGULARS_TEST_PG`), dropped when the test ends.

use std::sync::atomic::{AtomicU32, Ordering};

/// A database of one test's own on the test server.
pub struct TestHub {
    /// The connection string of the test's database, as a till's settings would give it.
    pub url: String,
    admin: String,
    name: String,
}

/// The test's hub; `None` (the test says it is skipped) when no server was started for the tests, which
/// is never the case in CI: there, a missing server fails the test.
pub fn hub() -> Option<TestHub> {
    let Ok(admin) = std::env::var("REGULARS_TEST_PG") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "REGULARS_TEST_PG is not set: CI runs the tests through scripts/with-postgres"
        );
        eprintln!(
            "skipped: no PostgreSQL for the sync tests (run them with `scripts/with-postgres cargo test`)"
        );
        return None;
    };
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "regulars_t{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst),
        fastrand::u32(..)
    );
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let base = admin
        .rsplit_once('/')
        .map_or(admin.as_str(), |(base, _)| base);
    Some(TestHub {
        url: format!("{base}/{name}"),
        admin,
        name,
    })
}

impl TestHub {
    /// A client on the test's database, to look at what the hub holds.
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).unwrap()
    }

    /// The test's database reached as `user` at `host` (the server's port), with `query` after `?`.
    pub fn url_as(&self, user: &str, host: &str, query: &str) -> String {
        let (_, at) = self.url.split_once('@').unwrap();
        let (_, port_and_db) = at.split_once(':').unwrap();
        let sep = if query.is_empty() { "" } else { "?" };
        format!("postgresql://{user}@{host}:{port_and_db}{sep}{query}")
    }

    /// How many rows the hub holds.
    pub fn rows(&self) -> i64 {
        self.client()
            .query_one("SELECT count(*) FROM regulars_changes", &[])
            .unwrap()
            .get(0)
    }
}

impl TestHub {
    /// Drops the test's database, ending every connection to it (as an administrator removing it would).
    pub fn drop_database(&self) {
        self.dropped().unwrap();
    }

    fn dropped(&self) -> Result<(), postgres::Error> {
        postgres::Client::connect(&self.admin, postgres::NoTls)?.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ))
    }
}

impl Drop for TestHub {
    fn drop(&mut self) {
        let _ = self.dropped();
    }
}

/// The desk on `store`, syncing with the hub at `url` by itself.
pub fn desk_syncing(store: &std::path::Path, url: &str) -> super::desk::Desk {
    let mut desk = super::desk::Desk::on_store(store);
    desk.app.start_sync(regulars::sync::Target {
        url: url.into(),
        till: "cassa 1".into(),
        from_env: false,
    });
    desk
}

/// Lets the desk's time run (with real time: the sync thread talks to a real server) until its screen
/// shows `what`; fails after 20 seconds.
pub fn until_shown(desk: &mut super::desk::Desk, what: &str) -> String {
    until(desk, what, |desk| desk.screen().contains(what));
    desk.screen()
}

/// Lets the desk's time run until `done` holds; fails after 20 seconds, naming `what` it waited for.
pub fn until(
    desk: &mut super::desk::Desk,
    what: &str,
    mut done: impl FnMut(&mut super::desk::Desk) -> bool,
) {
    until_all(&mut [desk], what, |desks| done(desks[0]));
}

/// Lets the time of every desk in `desks` run together (each syncing by itself) until `done` holds;
/// fails after 20 seconds, naming `what` it waited for and showing each screen.
pub fn until_all(
    desks: &mut [&mut super::desk::Desk],
    what: &str,
    mut done: impl FnMut(&mut [&mut super::desk::Desk]) -> bool,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        for desk in desks.iter_mut() {
            desk.now += std::time::Duration::from_millis(50);
            let now = desk.now;
            desk.app.tick(now);
        }
        if done(desks) {
            return;
        }
        if std::time::Instant::now() >= deadline {
            let screens: Vec<String> = desks.iter_mut().map(|d| d.screen()).collect();
            panic!("never came: {what}\n{}", screens.join("\n"));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// One round of `regulars sync` on `store` against the hub at `url`, with `env` set besides.
pub fn sync_with(store: &std::path::Path, url: &str, env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = super::bin();
    cmd.arg("--db")
        .arg(store)
        .arg("sync")
        .env("REGULARS_SYNC_URL", url);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// What a command printed, which must be a success.
pub fn ok(out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        super::stdout(&out),
        super::stderr(&out)
    );
    super::stdout(&out)
}

/// One round of `regulars sync` on `store` against the hub at `url`.
pub fn sync(store: &std::path::Path, url: &str) -> std::process::Output {
    sync_with(store, url, &[])
}

/// Runs the binary on `store` and hands back what it printed, which must be a success.
pub fn cli(store: &std::path::Path, args: &[&str]) -> String {
    ok(super::run(store, args)).trim().to_string()
}

/// The store's whole JSON export: every customer with every record, ids and times as stored.
pub fn export(store: &std::path::Path) -> String {
    cli(store, &["export", "--format", "json"])
}

/// What `regulars show ID --json` says of customer `id`.
pub fn shown(store: &std::path::Path, id: &str) -> serde_json::Value {
    serde_json::from_str(&cli(store, &["show", id, "--json"])).unwrap()
}

/// How many records of a kind (`visits`, `notes`, `promises`) a card shown as JSON holds.
pub fn count(card: &serde_json::Value, what: &str) -> usize {
    card[what].as_array().map_or(0, Vec::len)
}

/// Edits customer `id` in `store` at `minutes` from now (the binary's records are made on the system
/// clock): `change` says how.
pub fn edit(
    store: &std::path::Path,
    id: &str,
    minutes: i64,
    change: impl FnOnce(&mut regulars::domain::CustomerDraft),
) {
    let id: regulars::domain::Id = id.parse().unwrap();
    let mut book = regulars::book::Book::open(store, Some("Luca".into())).unwrap();
    let customer = book.customer(id).unwrap();
    let at = chrono::Utc::now() + chrono::Duration::minutes(minutes);
    let today = at.with_timezone(&chrono::Local).date_naive();
    let mut draft = regulars::domain::CustomerDraft::from_text(&customer.to_text(), today).unwrap();
    draft.referred_by = customer.referred_by;
    change(&mut draft);
    book.update_customer(id, draft, at, today).unwrap();
    book.close();
}
