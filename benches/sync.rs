//! The speed of sync (BENCHMARKS.md), against a real PostgreSQL server over loopback:
//!
//! ```sh
//! scripts/with-postgres cargo bench --bench sync            # latency and catch-up
//! ```
//!
//! - **latency**: two desks (the real `App`, each with its sync thread), one per store; desk A logs a
//!   visit, and the time until desk B's store holds it is taken, 40 times (p50, p95, max). Both desks are
//!   ticked as the terminal loop ticks them (every few milliseconds here, where the loop would wait for
//!   the next wake-up), so the figure includes their polling.
//! - **catch-up**: a till filled with demo data (about 100k events) pushes it all; a new till then takes
//!   it all in one `sync` round (`Book::sync_with`): the time of that round.
//! - **durable**: what syncing costs a durable write. Two stores with the same demo data, one that never
//!   synced and one that has (its outbox emptied by a round with the hub, as a till's is between
//!   rounds); 300 visits logged durably on each (`Book::log_visit`: flush and fsync), in turns, four
//!   turns each: p50 and p99 of each turn. The syncing store's writes each put an outbox entry in the
//!   same transaction; the talking is done by another thread, and what it brings is written between two
//!   keys, never inside a write.

use std::path::Path;
use std::time::{Duration, Instant};

use regulars::book::Book;
use regulars::clock::Clock;
use regulars::sync::{Hub, Target};
use regulars::ui::App;
use regulars::ui::theme::Theme;

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let at = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[at]
}

/// A database of the bench's own on the server `scripts/with-postgres` started.
fn database(admin: &str, name: &str) -> String {
    let mut client = postgres::Client::connect(admin, postgres::NoTls).expect("the test server");
    // Two statements, each on its own: neither may run inside a transaction.
    client
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .expect("no database left");
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("a database");
    let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
    format!("{base}/{name}")
}

fn desk(store: &Path, url: &str, till: &str) -> App {
    let book = Book::open(store, Some(till.into())).expect("open");
    let mut app = App::new(book, Clock::System, Theme { color: false }, "€".into());
    app.start_sync(Target {
        url: url.into(),
        till: till.into(),
        from_env: false,
    });
    app
}

fn latency(admin: &str) {
    let url = database(admin, "regulars_bench_latency");
    let dir = tempfile::tempdir().expect("temp dir");
    let (a_path, b_path) = (dir.path().join("a"), dir.path().join("b"));
    let mut a = desk(&a_path, &url, "A");
    let mut b = desk(&b_path, &url, "B");
    let today = chrono::Local::now().date_naive();
    let text = regulars::domain::CustomerText {
        name: "Bench Regular".into(),
        ..Default::default()
    };
    let draft = regulars::domain::CustomerDraft::from_text(&text, today).expect("draft");
    let id = a
        .book
        .add_customer(draft, chrono::Utc::now(), today)
        .expect("add")
        .id;
    let tick = |a: &mut App, b: &mut App| {
        let now = Instant::now();
        a.tick(now);
        b.tick(now);
        std::thread::sleep(Duration::from_millis(2));
    };
    // Both desks connected and B holding the customer before the clock starts.
    let deadline = Instant::now() + Duration::from_secs(30);
    while b.book.entry(id).is_none() {
        assert!(
            Instant::now() < deadline,
            "desk B never took the customer in"
        );
        tick(&mut a, &mut b);
    }
    let mut samples = Vec::new();
    for _ in 0..40 {
        let visit = a
            .book
            .log_visit(id, chrono::Utc::now(), Some(120), None)
            .expect("visit");
        let started = Instant::now();
        loop {
            tick(&mut a, &mut b);
            let store = b.book.store().expect("store");
            if store.has_event(id, visit.id).expect("look") {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "never arrived");
        }
        samples.push(started.elapsed());
    }
    println!(
        "visit at till A shown at till B (desks, loopback, 40 visits): p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms",
        percentile(&mut samples, 0.5).as_secs_f64() * 1e3,
        percentile(&mut samples, 0.95).as_secs_f64() * 1e3,
        percentile(&mut samples, 1.0).as_secs_f64() * 1e3,
    );
}

fn catch_up(admin: &str) {
    let url = database(admin, "regulars_bench_catch_up");
    let dir = tempfile::tempdir().expect("temp dir");
    let (a_path, b_path) = (dir.path().join("a"), dir.path().join("b"));
    let customers: usize = std::env::var("SYNC_BENCH_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8_000);
    let mut a = Book::open(&a_path, None).expect("open");
    let data = regulars::demo::generate(
        customers,
        42,
        chrono::Utc::now(),
        regulars::text::language(),
    );
    let events = data.events();
    a.load_new(&data.customers, &events).expect("load");
    a.finish_load().expect("index");
    let mut hub = Hub::connect(&url, "A").expect("hub");
    let started = Instant::now();
    let (pushed, _) = a
        .sync_with(&mut hub, "A", chrono::Utc::now())
        .expect("push");
    let push = started.elapsed();
    a.close();
    let mut b = Book::open(&b_path, None).expect("open");
    let mut hub = Hub::connect(&url, "B").expect("hub");
    let started = Instant::now();
    let (pulled, _) = b
        .sync_with(&mut hub, "B", chrono::Utc::now())
        .expect("pull");
    let pull = started.elapsed();
    b.close();
    println!(
        "first push of {} records ({} customers, {} events): {:.1} s",
        pushed.pushed,
        customers,
        events.len(),
        push.as_secs_f64()
    );
    println!(
        "a new till catching up on {} records: {:.1} s",
        pulled.taken.changed,
        pull.as_secs_f64()
    );
}

/// 300 durable visits on `store`, each timed: p50 and p99.
fn durable_turn(book: &mut Book, customer: regulars::domain::Id) -> (Duration, Duration) {
    let old = chrono::DateTime::from_timestamp(978_307_200, 0).expect("2001");
    let mut samples = Vec::new();
    for n in 0..300 {
        let started = Instant::now();
        book.log_visit(
            customer,
            old + chrono::Duration::seconds(n),
            Some(350),
            None,
        )
        .expect("write");
        samples.push(started.elapsed());
    }
    (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.99),
    )
}

fn durable(admin: &str) {
    let url = database(admin, "regulars_bench_durable");
    let dir = tempfile::tempdir().expect("temp dir");
    let customers: usize = std::env::var("SYNC_BENCH_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let data = regulars::demo::generate(
        customers,
        42,
        chrono::Utc::now(),
        regulars::text::language(),
    );
    let events = data.events();
    let mut books = Vec::new();
    for (name, syncs) in [("plain", false), ("syncing", true)] {
        let mut book = Book::open(&dir.path().join(name), None).expect("open");
        book.load_new(&data.customers, &events).expect("load");
        book.finish_load().expect("index");
        if syncs {
            let mut hub = Hub::connect(&url, "A").expect("hub");
            book.sync_with(&mut hub, "A", chrono::Utc::now())
                .expect("first round");
        }
        books.push((name, book));
    }
    let customer = data.customers[0].id;
    println!(
        "durable visit write, p50 / p99 of 300, {customers} customers ({} events), in turns:",
        events.len()
    );
    for turn in 1..=4 {
        for (name, book) in &mut books {
            let (p50, p99) = durable_turn(book, customer);
            println!(
                "  turn {turn} {name:>8}: {:.2} / {:.2} ms",
                p50.as_secs_f64() * 1e3,
                p99.as_secs_f64() * 1e3
            );
        }
    }
    for (_, book) in books {
        book.close();
    }
}

fn main() {
    let Ok(admin) = std::env::var("REGULARS_TEST_PG") else {
        eprintln!(
            "the sync bench needs a PostgreSQL server: scripts/with-postgres cargo bench --bench sync"
        );
        std::process::exit(2);
    };
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let all = args.is_empty();
    if all || args.iter().any(|a| a == "latency") {
        latency(&admin);
    }
    if all || args.iter().any(|a| a == "catch-up") {
        catch_up(&admin);
    }
    if all || args.iter().any(|a| a == "durable") {
        durable(&admin);
    }
}
