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

    /// How many rows the hub holds.
    pub fn rows(&self) -> i64 {
        self.client()
            .query_one("SELECT count(*) FROM regulars_changes", &[])
            .unwrap()
            .get(0)
    }
}

impl Drop for TestHub {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
