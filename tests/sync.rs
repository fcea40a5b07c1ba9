//! Two tills, one hub: each test has stores of its own and a database of its own on the PostgreSQL server
//! that `scripts/with-postgres` starts (CI runs the tests through it; without it, these tests say they are
//! skipped, except in CI, where they fail). The tills are the real binary; edits, which the command line
//! does not make, are made through the library on the same stores.

mod common;

use std::path::Path;

use chrono::Duration;
use common::hub::{cli, count, edit, export, hub, ok, shown, sync, sync_with};
use common::{run, stderr};
use regulars::book::Book;
use regulars::domain::{CustomerDraft, Id};
use regulars::store::Standing;
use regulars::sync::Pull;

#[test]
fn two_tills_converge_after_visits_notes_promises_and_edits_on_both() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(
        &a,
        &["add", "--name", "Anna Ferri", "--phone", "333 1234567"],
    );
    cli(
        &a,
        &["visit", &anna, "--amount", "4.50", "--what", "cappuccino"],
    );
    cli(&a, &["note", &anna, "oat milk, never sugar", "--pin"]);
    let promise = cli(
        &a,
        &[
            "promise",
            &anna,
            "call when size 38 arrives",
            "--due",
            "+3d",
        ],
    );
    let sent = ok(sync(&a, &hub.url));
    assert!(sent.contains("4 records sent, 0 received"), "{sent}");
    let got = ok(sync(&b, &hub.url));
    assert!(got.contains("0 records sent, 4 received"), "{got}");
    assert_eq!(export(&a), export(&b));

    // Both tills write while apart: visits, notes, a new customer, an edit of each, the promise kept.
    cli(&b, &["visit", &anna]);
    cli(
        &b,
        &[
            "note",
            &anna,
            "the cappuccino was cold",
            "--kind",
            "complaint",
        ],
    );
    let bruno = cli(
        &b,
        &["add", "--name", "Bruno Bellini", "--referred-by", &anna],
    );
    cli(&b, &["visit", &bruno, "--amount", "12"]);
    edit(&b, &anna, 20, |d| {
        d.preferences = "oat milk, extra hot".into()
    });
    cli(&a, &["visit", &anna, "--amount", "2.20"]);
    cli(&a, &["kept", &promise]);
    edit(&a, &anna, 10, |d| d.phones = vec!["333 7654321".into()]);

    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    ok(sync(&a, &hub.url));
    let (one, two) = (export(&a), export(&b));
    assert_eq!(one, two, "the tills hold the same records");
    let card = shown(&a, &anna);
    assert_eq!(count(&card, "visits"), 3);
    assert_eq!(count(&card, "notes"), 2);
    assert_eq!(card["phones"][0], "333 7654321");
    assert_eq!(card["preferences"], "oat milk, extra hot");
    assert!(card["promises"][0]["kept"].is_string(), "{card}");
    assert_eq!(shown(&a, &bruno)["referred_by"], anna.as_str());
    // Each event once on the hub, however many rounds carried it: A's first three, B's visit, complaint
    // and Bruno's visit, A's visit and the promise kept.
    let events: i64 = hub
        .client()
        .query_one(
            "SELECT count(*) FROM regulars_changes WHERE kind <> 'customer'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(events, 3 + 3 + 2);
}

#[test]
fn the_same_customer_edited_at_both_tills_keeps_each_fields_latest_change() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(
        &a,
        &["add", "--name", "Anna Ferri", "--phone", "333 111 1111"],
    );
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    // A changes the phone at +10 and the nickname at +30; B changes the phone earlier (+5), the
    // nickname in between (+20) and the likes (+40). Each field keeps its latest change.
    edit(&a, &anna, 10, |d| d.phones = vec!["333 222 2222".into()]);
    edit(&a, &anna, 30, |d| d.nickname = Some("Annina".into()));
    edit(&b, &anna, 5, |d| d.phones = vec!["333 333 3333".into()]);
    edit(&b, &anna, 20, |d| d.nickname = Some("Nina".into()));
    edit(&b, &anna, 40, |d| d.preferences = "green tea".into());
    // B syncs first this time: the order of the rounds decides nothing.
    ok(sync(&b, &hub.url));
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    for store in [&a, &b] {
        let card = shown(store, &anna);
        assert_eq!(card["phones"][0], "333 222 2222", "{card}");
        assert_eq!(card["nickname"], "Annina", "{card}");
        assert_eq!(card["preferences"], "green tea", "{card}");
    }
    assert_eq!(export(&a), export(&b));
}

#[test]
fn a_round_killed_after_the_hub_took_its_push_sends_nothing_twice() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    cli(&a, &["visit", &anna]);
    cli(&a, &["note", &anna, "likes jazz"]);
    let killed = sync_with(&a, &hub.url, &[("REGULARS_ABORT_AT", "sync-pushed")]);
    assert!(!killed.status.success());
    assert_eq!(hub.rows(), 3, "the hub committed the push");
    let status = cli(&a, &["sync", "--status"]);
    assert!(status.contains("Waiting to be sent: 3"), "{status}");
    // The next round sends them again; the hub keeps one of each.
    let again = ok(sync(&a, &hub.url));
    assert!(again.contains("3 records sent"), "{again}");
    assert!(
        again.contains("3 of them were already on the hub."),
        "{again}"
    );
    assert_eq!(hub.rows(), 3);
    ok(sync(&b, &hub.url));
    let card = shown(&b, &anna);
    assert_eq!((count(&card, "visits"), count(&card, "notes")), (1, 1));
    let status = cli(&a, &["sync", "--status"]);
    assert!(status.contains("Waiting to be sent: 0"), "{status}");
}

#[test]
fn a_round_killed_between_taking_records_and_its_cursor_takes_each_once() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    cli(&a, &["visit", &anna, "--amount", "3"]);
    cli(&a, &["visit", &anna, "--amount", "4"]);
    ok(sync(&a, &hub.url));
    let killed = sync_with(&b, &hub.url, &[("REGULARS_ABORT_AT", "sync-pull-taken")]);
    assert!(!killed.status.success());
    let status = cli(&b, &["sync", "--status"]);
    assert!(status.contains("up to change 0"), "{status}");
    let again = ok(sync(&b, &hub.url));
    assert!(
        again.contains("0 received"),
        "the records were in already: {again}"
    );
    let card = shown(&b, &anna);
    assert_eq!(count(&card, "visits"), 2);
    assert_eq!(card["visit_count"], 2, "{card}");
    assert_eq!(export(&a), export(&b));
}

/// Two pushes racing: a push waits while another till's push holds the table, so rows are numbered in
/// the order they are committed, and a till pulling meanwhile can never take a later number and skip an
/// earlier one that commits after it.
#[test]
fn a_push_waits_for_one_in_progress_so_numbers_follow_commits() {
    let Some(hub) = hub() else { return };
    // The table made, by a till's first connection.
    regulars::sync::Hub::connect(&hub.url, "first").unwrap();
    // Another till's push, in progress: a row in (its number taken), not committed. (A plain insert: the
    // lock a push takes must make even that wait.)
    let mut other = hub.client();
    let mut in_progress = other.transaction().unwrap();
    in_progress
        .batch_execute(
            "INSERT INTO regulars_changes (id, kind, customer, till, origin, body) \
             VALUES ('slow', 'note', 'c1', 'other', 'o1', '{}')",
        )
        .unwrap();
    let mut till = regulars::sync::Hub::connect(&hub.url, "racing").unwrap();
    let push = std::thread::spawn(move || {
        let row = regulars::sync::wire::Row {
            id: "quick".into(),
            kind: "note",
            customer: "c2".into(),
            body: "{}".into(),
            till: None,
        };
        till.push(&[row], "racing", "o2", &Standing::default())
            .map(|_| till)
    });
    // The racing push waits on the table (a condition, not a guess of time).
    let mut watcher = hub.client();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let waiting: i64 = watcher
            .query_one(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE application_name = 'regulars racing' AND wait_event_type = 'Lock'",
                &[],
            )
            .unwrap()
            .get(0);
        if waiting == 1 {
            break;
        }
        assert!(
            !push.is_finished(),
            "the push went in past a push in progress"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "the push never waited"
        );
        std::thread::yield_now();
    }
    // Meanwhile a till pulling sees nothing yet: no number is visible before an earlier one.
    let mut puller = regulars::sync::Hub::connect(&hub.url, "puller").unwrap();
    let Pull::Rows(rows) = puller.pull(&Standing::default(), 10).unwrap() else {
        panic!("no mark, no going back")
    };
    assert!(rows.is_empty());
    in_progress.commit().unwrap();
    let mut till = push.join().unwrap().unwrap();
    let Pull::Rows(rows) = till.pull(&Standing::default(), 10).unwrap() else {
        panic!("no mark, no going back")
    };
    let order: Vec<&str> = rows.iter().map(|r| r.customer.as_str()).collect();
    assert_eq!(
        order,
        ["c1", "c2"],
        "numbered in the order of their commits"
    );
}

/// Each record names the till that wrote it (`[sync] till`), at every till once the hub has it: in `show`,
/// its JSON and the export of one person, and in the entry shown whole at the desk.
#[test]
fn each_record_names_the_till_that_wrote_it_at_every_till() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let home = |name: &str| {
        let home = dir.path().join(format!("home-{name}"));
        std::fs::create_dir_all(home.join("regulars")).unwrap();
        std::fs::write(
            home.join("regulars/config.toml"),
            format!("[sync]\nurl = \"{}\"\ntill = \"cassa {name}\"\n", hub.url),
        )
        .unwrap();
        home
    };
    let (home_a, home_b) = (home("A"), home("B"));
    let at = |store: &Path, home: &Path, args: &[&str]| {
        let out = common::bin()
            .arg("--db")
            .arg(store)
            .env("XDG_CONFIG_HOME", home)
            .env_remove("REGULARS_SYNC_URL")
            .args(args)
            .output()
            .unwrap();
        ok(out).trim().to_string()
    };
    let anna = at(&a, &home_a, &["add", "--name", "Anna Ferri"]);
    at(&a, &home_a, &["visit", &anna, "--what", "cappuccino"]);
    at(&a, &home_a, &["sync"]);
    at(&b, &home_b, &["sync"]);
    at(&b, &home_b, &["note", &anna, "oat milk"]);
    at(&b, &home_b, &["sync"]);
    at(&a, &home_a, &["sync"]);
    for (store, home) in [(&a, &home_a), (&b, &home_b)] {
        let shown = at(store, home, &["show", &anna]);
        let line = |what: &str| {
            shown
                .lines()
                .find(|l| l.contains(what))
                .unwrap_or_else(|| panic!("{shown}"))
                .to_string()
        };
        assert!(line("cappuccino").ends_with("(Till: cassa A)"), "{shown}");
        assert!(line("oat milk").ends_with("(Till: cassa B)"), "{shown}");
        // And `show --json`, and the export of everything held about her, give each record's till.
        for args in [
            vec!["show", anna.as_str(), "--json"],
            vec!["export", "--person", anna.as_str()],
        ] {
            let json: serde_json::Value = serde_json::from_str(&at(store, home, &args)).unwrap();
            let card = json.get("customer").unwrap_or(&json);
            assert_eq!(card["visits"][0]["till"], "cassa A", "{json}");
            assert_eq!(card["notes"][0]["till"], "cassa B", "{json}");
        }
    }
    // A record the hub has not taken yet has no till in the JSON.
    at(&a, &home_a, &["visit", &anna, "--what", "cornetto"]);
    let json: serde_json::Value =
        serde_json::from_str(&at(&a, &home_a, &["show", &anna, "--json"])).unwrap();
    let visits = json["visits"].as_array().unwrap();
    let cornetto = visits.iter().find(|v| v["what"] == "cornetto").unwrap();
    assert!(cornetto.get("till").is_none(), "{json}");
    // At the desk, the visit shown whole.
    let mut desk = common::desk::Desk::on_store(&b);
    desk.typed("anna")
        .key(crossterm::event::KeyCode::Enter)
        .key(crossterm::event::KeyCode::Tab);
    // The visit is the older entry: the second.
    desk.key(crossterm::event::KeyCode::Down)
        .key(crossterm::event::KeyCode::Enter);
    let screen = desk.screen();
    assert!(screen.contains("What: cappuccino"), "{screen}");
    assert!(screen.contains("Till: cassa A"), "{screen}");
}

#[test]
fn a_customer_forgotten_at_one_till_is_forgotten_at_the_other_and_on_the_hub() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let zenobia = cli(
        &a,
        &[
            "add",
            "--name",
            "Zenobia Quartararo",
            "--phone",
            "333 987 6543",
            "--email",
            "zenobia.q@example.com",
        ],
    );
    cli(&a, &["note", &zenobia, "allergic to hazelnuts"]);
    let bruno = cli(
        &a,
        &["add", "--name", "Bruno Bellini", "--referred-by", &zenobia],
    );
    cli(&a, &["visit", &bruno]);
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    assert_eq!(shown(&b, &zenobia)["name"], "Zenobia Quartararo");
    // B, not knowing yet, logs a visit for her; A forgets her.
    cli(&b, &["visit", &zenobia, "--what", "hazelnut cake"]);
    let forgot = common::bin()
        .arg("--db")
        .arg(&a)
        .args(["forget", &zenobia, "--yes"])
        .env("REGULARS_SYNC_URL", &hub.url)
        .output()
        .unwrap();
    assert!(forgot.status.success(), "{}", stderr(&forgot));
    assert!(
        common::stdout(&forgot)
            .contains("The other tills forget them too once this till has synced"),
        "{}",
        common::stdout(&forgot)
    );
    let status = cli(&a, &["sync", "--status"]);
    assert!(status.contains("Waiting to be sent: 1"), "{status}");
    ok(sync(&a, &hub.url));
    // B's visit, sent before B has heard of the forget, is not taken by the hub (B is stopped right
    // after its push, so that only the hub's refusal can keep it out).
    let stopped = sync_with(&b, &hub.url, &[("REGULARS_ABORT_AT", "sync-pushed")]);
    assert!(!stopped.status.success());
    let kinds: Vec<String> = hub
        .client()
        .query(
            "SELECT kind FROM regulars_changes WHERE customer = $1 ORDER BY seq",
            &[&zenobia],
        )
        .unwrap()
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(kinds, ["erased", "erased", "forget"]);
    let got = ok(sync(&b, &hub.url));
    assert!(
        got.contains("1 customer forgotten at another till was forgotten here too."),
        "{got}"
    );
    // Gone at B, with the link from Bruno; Bruno and his visit stay.
    assert!(!run(&b, &["show", &zenobia]).status.success());
    let card = shown(&b, &bruno);
    assert!(card["referred_by"].is_null(), "{card}");
    assert_eq!(count(&card, "visits"), 1);
    // The hub holds her id alone: her rows emptied where they stand, and the forget; B's visit sent
    // after the forget was not taken.
    let mut client = hub.client();
    let rows: Vec<(String, String)> = client
        .query(
            "SELECT kind, body::text FROM regulars_changes WHERE customer = $1 ORDER BY seq",
            &[&zenobia],
        )
        .unwrap()
        .into_iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let emptied = |kind: &str| (kind.to_string(), "{}".to_string());
    assert_eq!(
        rows,
        vec![emptied("erased"), emptied("erased"), emptied("forget")]
    );
    let mentions: i64 = client
        .query_one(
            "SELECT count(*) FROM regulars_changes WHERE body::text ~* '(quartararo|hazelnut|zenobia|987 6543)'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(mentions, 0);
    // And no file of either till holds a byte of her, her id included.
    let id: Id = zenobia.parse().unwrap();
    let needles: Vec<Vec<u8>> = [
        "Quartararo",
        "hazelnuts",
        "zenobia.q@example.com",
        "987 6543",
        zenobia.as_str(),
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .chain([id.to_bytes().to_vec()])
    .collect();
    for store in [&a, &b] {
        assert_eq!(common::files_holding(store, &needles), Vec::<String>::new());
    }
    // Another round changes nothing.
    let again = ok(sync(&b, &hub.url));
    assert!(again.contains("0 received"), "{again}");
}

/// Starts `regulars sync` on `store` and kills it (SIGKILL) after `after`; true if it had ended by itself.
fn sync_killed_after(store: &Path, url: &str, after: std::time::Duration) -> bool {
    let mut child = common::bin()
        .arg("--db")
        .arg(store)
        .arg("sync")
        .env("REGULARS_SYNC_URL", url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The wait picks the moment of the kill; nothing below depends on where it lands.
    std::thread::sleep(after);
    let ended = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    child.wait().unwrap();
    ended
}

/// A till killed at random moments of its pushes, and another at random moments of its pulls, of some
/// ten thousand records (each round many transactions of the hub and of the store): once each has
/// finished a round, nothing is lost and nothing is there twice. `SYNC_KILL_SEED` replays the same kill
/// times (where they land depends on the machine), `SYNC_KILL_CYCLES` (6) sets how many.
#[test]
fn tills_killed_at_random_moments_of_a_push_and_a_pull_lose_and_repeat_nothing() {
    let Some(hub) = hub() else { return };
    let seed: u64 = std::env::var("SYNC_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    let cycles: usize = std::env::var("SYNC_KILL_CYCLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(6);
    eprintln!("SYNC_KILL_SEED={seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    cli(&a, &["demo", "--customers", "300"]);
    let mut finished = 0;
    for _ in 0..cycles {
        let after = std::time::Duration::from_millis(rng.u64(20..1_500));
        finished += usize::from(sync_killed_after(&a, &hub.url, after));
    }
    ok(sync(&a, &hub.url));
    let status = cli(&a, &["sync", "--status"]);
    assert!(status.contains("Waiting to be sent: 0"), "{status}");
    for _ in 0..cycles {
        let after = std::time::Duration::from_millis(rng.u64(20..1_000));
        finished += usize::from(sync_killed_after(&b, &hub.url, after));
    }
    ok(sync(&b, &hub.url));
    assert!(
        finished < 2 * cycles,
        "every round ended before its kill: the test killed nothing"
    );
    // Every record is at B as at A, once: the exports are identical, the hub holds a row per record, and
    // B's cached figures are those of its events.
    let (at_a, at_b) = (export(&a), export(&b));
    if let Some((x, y)) = at_a.lines().zip(at_b.lines()).find(|(x, y)| x != y) {
        panic!("the first customer that differs:\nA: {x}\nB: {y}");
    }
    assert_eq!(at_a.len(), at_b.len());
    let (rows, ids): (i64, i64) = {
        let row = hub
            .client()
            .query_one(
                "SELECT count(*), count(DISTINCT id) FROM regulars_changes",
                &[],
            )
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!(rows, ids);
    let again = ok(sync(&b, &hub.url));
    assert!(again.contains("0 records sent, 0 received"), "{again}");
    let mut book = Book::open(&b, None).unwrap();
    let problems = book.store().unwrap().check().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    book.close();
}

/// One thing a till does in the property test below.
#[derive(Clone, Debug)]
enum Op {
    /// Till `till` adds a customer.
    Add {
        till: usize,
        name: usize,
    },
    /// Till `till` logs a visit, writes a note or edits the likes of its `pick`th customer.
    Visit {
        till: usize,
        pick: usize,
    },
    Note {
        till: usize,
        pick: usize,
    },
    Likes {
        till: usize,
        pick: usize,
        likes: usize,
    },
    /// Till `till` syncs.
    Sync {
        till: usize,
    },
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    prop_oneof![
        (0..3usize, 0..50usize).prop_map(|(till, name)| Op::Add { till, name }),
        (0..3usize, 0..5usize).prop_map(|(till, pick)| Op::Visit { till, pick }),
        (0..3usize, 0..5usize).prop_map(|(till, pick)| Op::Note { till, pick }),
        (0..3usize, 0..5usize, 0..4usize).prop_map(|(till, pick, likes)| Op::Likes {
            till,
            pick,
            likes
        }),
        (0..3usize).prop_map(|till| Op::Sync { till }),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(16),
        .. proptest::prelude::ProptestConfig::default()
    })]

    /// Three tills doing random things in a random order, syncing now and then: once each has synced
    /// twice at the end, the three stores' JSON exports are identical, and each customer's likes are
    /// those of their latest edit, whichever till made it and whenever it was sent.
    #[test]
    fn three_tills_in_any_order_end_identical(ops in proptest::collection::vec(op(), 1..40)) {
        let Some(hub) = hub() else { return Ok(()) };
        let dir = tempfile::tempdir().unwrap();
        let stores: Vec<_> = (0..3).map(|i| dir.path().join(format!("till{i}"))).collect();
        let mut books: Vec<Book> = stores
            .iter()
            .map(|s| Book::open(s, Some(format!("staff {}", s.display()))).unwrap())
            .collect();
        let mut hubs: Vec<regulars::sync::Hub> = (0..3)
            .map(|i| regulars::sync::Hub::connect(&hub.url, &format!("till {i}")).unwrap())
            .collect();
        let mut minute = 0i64;
        let mut at = || {
            minute += 1;
            chrono::Utc::now() + Duration::minutes(minute)
        };
        let today = chrono::Local::now().date_naive();
        let mut latest_likes = std::collections::HashMap::new();
        // Three regulars every till knows from the start, so that the tills often write about the same
        // people while apart.
        for (i, name) in ["Anna Ferri", "Bruno Bellini", "Carla Conti"].into_iter().enumerate() {
            let draft = CustomerDraft::from_text(
                &regulars::domain::CustomerText {
                    name: name.into(),
                    ..Default::default()
                },
                today,
            )
            .unwrap();
            books[i].add_customer(draft, at(), today).unwrap();
        }
        for _ in 0..2 {
            for till in 0..3 {
                books[till].sync_with(&mut hubs[till], "t", chrono::Utc::now()).unwrap();
            }
        }
        for op in ops {
            let customers = |book: &Book| book.search("", None);
            match op {
                Op::Add { till, name } => {
                    let draft = CustomerDraft::from_text(
                        &regulars::domain::CustomerText {
                            name: format!("Cliente {name}"),
                            ..Default::default()
                        },
                        today,
                    )
                    .unwrap();
                    books[till].add_customer(draft, at(), today).unwrap();
                }
                Op::Visit { till, pick } => {
                    if let Some(&id) = customers(&books[till]).get(pick) {
                        books[till].log_visit(id, at(), Some(150), None).unwrap();
                    }
                }
                Op::Note { till, pick } => {
                    if let Some(&id) = customers(&books[till]).get(pick) {
                        let text = format!("note from till {till}");
                        books[till]
                            .add_note(id, at(), regulars::domain::NoteKind::Note, text, false)
                            .unwrap();
                    }
                }
                Op::Likes { till, pick, likes } => {
                    if let Some(&id) = customers(&books[till]).get(pick) {
                        let customer = books[till].customer(id).unwrap();
                        let mut draft =
                            CustomerDraft::from_text(&customer.to_text(), today).unwrap();
                        draft.referred_by = customer.referred_by;
                        draft.preferences = ["espresso", "tea", "oat milk", "decaf"][likes].into();
                        if draft.preferences != customer.preferences {
                            latest_likes.insert(id, draft.preferences.clone());
                        }
                        books[till].update_customer(id, draft, at(), today).unwrap();
                    }
                }
                Op::Sync { till } => {
                    books[till].sync_with(&mut hubs[till], "t", chrono::Utc::now()).unwrap();
                }
            }
        }
        for _ in 0..2 {
            for till in 0..3 {
                books[till].sync_with(&mut hubs[till], "t", chrono::Utc::now()).unwrap();
            }
        }
        for (id, likes) in &latest_likes {
            for book in &mut books {
                proptest::prop_assert_eq!(&book.customer(*id).unwrap().preferences, likes);
            }
        }
        // Each store checks clean: every customer's cached figures are those of their events.
        for book in &mut books {
            let problems = book.store().unwrap().check().unwrap();
            proptest::prop_assert!(problems.is_empty(), "{:?}", problems);
        }
        for book in books {
            book.close();
        }
        let exports: Vec<String> = stores.iter().map(|s| export(s)).collect();
        proptest::prop_assert_eq!(&exports[0], &exports[1]);
        proptest::prop_assert_eq!(&exports[1], &exports[2]);
    }
}

#[test]
fn an_edit_made_after_seeing_anothers_wins_even_when_its_tills_clock_is_behind() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    // Till A's clock runs an hour ahead; B sees A's edit, then changes the likes again on its own
    // (right) clock: B's change came after, and stands at both tills.
    edit(&a, &anna, 60, |d| d.preferences = "espresso".into());
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    edit(&b, &anna, 0, |d| d.preferences = "tea".into());
    ok(sync(&b, &hub.url));
    ok(sync(&a, &hub.url));
    for store in [&a, &b] {
        assert_eq!(shown(store, &anna)["preferences"], "tea");
    }
}

#[test]
fn text_holding_a_nul_character_travels_like_any_other() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    let id: Id = anna.parse().unwrap();
    {
        let mut book = Book::open(&a, None).unwrap();
        book.add_note(
            id,
            chrono::Utc::now(),
            regulars::domain::NoteKind::Note,
            "pasted from a till\u{0}receipt".into(),
            false,
        )
        .unwrap();
        book.close();
    }
    let sent = ok(sync(&a, &hub.url));
    assert!(sent.contains("2 records sent"), "{sent}");
    ok(sync(&b, &hub.url));
    assert_eq!(
        shown(&b, &anna)["notes"][0]["text"],
        "pasted from a till\u{0}receipt"
    );
}

#[test]
fn one_visit_voided_at_both_tills_and_one_void_taken_back_reads_the_same_everywhere() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    let visit = cli(&a, &["visit", &anna, "--amount", "5"]);
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    // Both tills take the same visit back while apart.
    cli(&a, &["void", &visit]);
    cli(&b, &["void", &visit]);
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    ok(sync(&a, &hub.url));
    assert_eq!(export(&a), export(&b));
    // Till B takes one of the two voids back: the other still stands, at both tills.
    let voids: Vec<String> =
        serde_json::from_str::<serde_json::Value>(&export(&b)).unwrap()["customers"][0]["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "void" && e["target"] == visit.as_str())
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect();
    assert_eq!(voids.len(), 2, "both voids are held at B");
    cli(&b, &["void", &voids[1]]);
    ok(sync(&b, &hub.url));
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    assert_eq!(export(&a), export(&b));
    for store in [&a, &b] {
        assert_eq!(shown(store, &anna)["visit_count"], 0);
    }
}
