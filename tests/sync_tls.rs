//! The hub over TLS, as libpq's `sslmode` and `sslrootcert` ask for it. `scripts/with-postgres` gives the
//! test server a certificate of its own authority (`REGULARS_TEST_PG_TLS`/ca.crt), issued for "localhost"
//! only, and a role, `regulars_tls`, that the server lets in over TLS only: a till that syncs as that role
//! has spoken TLS.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use common::hub::{hub, ok, sync};
use common::{run, stderr, stdout};

/// The folder of the test server's certificates, and the TLS-only role made once per run.
fn tls() -> PathBuf {
    static ROLE: OnceLock<()> = OnceLock::new();
    let dir = PathBuf::from(
        std::env::var_os("REGULARS_TEST_PG_TLS")
            .expect("scripts/with-postgres sets REGULARS_TEST_PG_TLS with REGULARS_TEST_PG"),
    );
    ROLE.get_or_init(|| {
        let admin = std::env::var("REGULARS_TEST_PG").unwrap();
        let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
        client
            .batch_execute(
                "DO $$ BEGIN CREATE ROLE regulars_tls LOGIN SUPERUSER; \
                 EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
            )
            .unwrap();
    });
    dir
}

/// A refusal: a failed exit with one sentence, which is handed back.
fn refused(out: Output) -> String {
    assert!(!out.status.success(), "stdout: {}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    err
}

/// A till with a customer and a visit waiting to be sent.
fn till_with_a_visit(store: &Path) -> String {
    let id = ok(run(store, &["add", "--name", "Teresa Galli"]))
        .trim()
        .to_string();
    ok(run(store, &["visit", &id]));
    id
}

fn ca(dir: &Path, name: &str) -> String {
    format!("sslrootcert={}", dir.join(name).display())
}

#[test]
fn tills_sync_through_a_hub_whose_certificate_is_checked() {
    let Some(hub) = hub() else { return };
    let certs = tls();
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let teresa = till_with_a_visit(&a);

    // verify-full: the certificate is signed by the trusted authority and issued for the name dialled.
    let full = hub.url_as(
        "regulars_tls",
        "localhost",
        &format!("sslmode=verify-full&{}", ca(&certs, "ca.crt")),
    );
    let sent = ok(sync(&a, &full));
    assert!(sent.contains("2 records sent"), "{sent}");

    // verify-ca: the authority is checked, the name is not (127.0.0.1 is not on the certificate); the
    // connection-string form of key=value pairs reads the same options.
    let port_db = hub.url.rsplit_once(':').unwrap().1;
    let (port, db) = port_db.split_once('/').unwrap();
    let kv = format!(
        "host=127.0.0.1 port={port} dbname={db} user=regulars_tls sslmode=verify-ca {}",
        ca(&certs, "ca.crt")
    );
    let got = ok(sync(&b, &kv));
    assert!(got.contains("0 records sent, 2 received"), "{got}");
    let shown = ok(run(&b, &["show", &teresa, "--json"]));
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["visits"].as_array().map(Vec::len), Some(1));

    // The same role without TLS is turned away by the server: the rounds above were encrypted.
    let plain = hub.url_as("regulars_tls", "127.0.0.1", "sslmode=disable");
    let err = refused(sync(&b, &plain));
    assert!(err.contains("no encryption"), "{err}");
}

#[test]
fn a_hub_whose_certificate_fails_the_check_is_refused_and_the_records_wait() {
    let Some(hub) = hub() else { return };
    let certs = tls();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    till_with_a_visit(&a);

    // Signed by an authority this till was not told to trust.
    let stranger = hub.url_as(
        "regulars_tls",
        "localhost",
        &format!("sslmode=verify-full&{}", ca(&certs, "other-ca.crt")),
    );
    let err = refused(sync(&a, &stranger));
    assert!(
        err.contains("is not trusted: its certificate is not signed by an authority"),
        "{err}"
    );
    // Issued for another name than the one dialled.
    let wrong_name = hub.url_as(
        "regulars_tls",
        "127.0.0.1",
        &format!("sslmode=verify-full&{}", ca(&certs, "ca.crt")),
    );
    let err = refused(sync(&a, &wrong_name));
    assert!(
        err.contains("is not trusted: its certificate was not issued for the name 127.0.0.1"),
        "{err}"
    );
    // The desk says it on its status line: waiting will not change it.
    let mut desk = common::hub::desk_syncing(&a, &wrong_name);
    common::hub::until_shown(
        &mut desk,
        "Sync hub not trusted: its certificate was not issued",
    );
    drop(desk);
    let untouched: bool = hub
        .client()
        .query_one("SELECT to_regclass('regulars_changes') IS NULL", &[])
        .unwrap()
        .get(0);
    assert!(untouched, "the till never got as far as the hub's tables");
    let status = ok(run(&a, &["sync", "--status"]));
    assert!(status.contains("Waiting to be sent: 2"), "{status}");

    // require encrypts without checking (libpq's meaning); prefer, the default, encrypts when it can.
    let require = hub.url_as("regulars_tls", "127.0.0.1", "sslmode=require");
    assert!(ok(sync(&a, &require)).contains("2 records sent"));
    let default = hub.url_as("regulars_tls", "127.0.0.1", "");
    assert!(ok(sync(&a, &default)).contains("0 records sent"));
    assert_eq!(hub.rows(), 2, "the customer and the visit, once");
}

#[test]
fn a_root_certificate_file_that_cannot_be_read_is_named() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    till_with_a_visit(&a);
    let missing = dir.path().join("no-such-ca.pem");
    let url = hub.url_as(
        "regulars",
        "localhost",
        &format!("sslmode=verify-full&sslrootcert={}", missing.display()),
    );
    let err = refused(sync(&a, &url));
    assert!(err.contains("no-such-ca.pem"), "{err}");
    let err = refused(sync(
        &a,
        &hub.url_as("regulars", "localhost", "sslmode=sometimes"),
    ));
    assert!(err.contains("sometimes"), "{err}");
}

/// A server that answers every request for TLS with a no and says nothing more, as a PostgreSQL without
/// `ssl = on` does; its address.
fn server_without_tls() -> std::net::SocketAddr {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let at = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { return };
            // The SSLRequest: a length (8) and its code.
            let mut request = [0u8; 8];
            if conn.read_exact(&mut request).is_ok() {
                let _ = conn.write_all(b"N");
            }
        }
    });
    at
}

#[test]
fn a_hub_without_tls_when_the_sslmode_asks_for_it_is_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    till_with_a_visit(&a);
    let at = server_without_tls();
    let url = format!("postgresql://regulars@{at}/shop?sslmode=require");
    let err = refused(sync(&a, &url));
    assert!(
        err.contains("is not trusted: it does not offer TLS, which the sslmode"),
        "{err}"
    );
    assert!(!err.contains("cannot be reached"), "{err}");
    // Nothing left the till: it has not synced yet.
    let status = ok(run(&a, &["sync", "--status"]));
    assert!(status.contains("has not synced yet"), "{status}");
}
