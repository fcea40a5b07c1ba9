//! A hub that goes back, or away: PostgreSQL restored from a backup made earlier, a new database put in its
//! place, the database dropped. The tills notice it by themselves (the row each stands on is gone, or another row is there) and
//! start over with it: each sends everything it holds and takes everything again, so the hub gets back
//! what it lost, each till what it missed, nothing twice; a customer forgotten since the backup stays
//! forgotten. The tills are the real binary, on the server `scripts/with-postgres` starts.

mod common;

use std::path::Path;

use common::hub::{TestHub, cli, count, export, hub, ok, shown, sync_with};
use common::{files_holding, run, stderr};

const WENT_BACK: &str = "The sync hub had gone back";

fn sync(store: &Path, hub: &TestHub) -> String {
    ok(sync_with(store, &hub.url, &[]))
}

/// Keeps a copy of the hub's rows, as a backup of its database would.
fn back_up_hub(hub: &TestHub) {
    hub.client()
        .batch_execute("CREATE TABLE copy_of_changes AS SELECT * FROM regulars_changes")
        .unwrap();
}

/// Puts the hub back as the copy has it, as restoring that backup would: its rows, and its numbering
/// where the copy left it.
fn restore_hub(hub: &TestHub) {
    hub.client()
        .batch_execute(
            "TRUNCATE regulars_changes; \
             INSERT INTO regulars_changes SELECT * FROM copy_of_changes; \
             SELECT setval(pg_get_serial_sequence('regulars_changes', 'seq'), \
                           (SELECT max(seq) FROM regulars_changes))",
        )
        .unwrap();
}

/// The kinds of the hub's rows about `customer`, in their order, and how many of them still mention any
/// of `words`.
fn hub_rows_about(hub: &TestHub, customer: &str, words: &str) -> (Vec<String>, i64) {
    let mut client = hub.client();
    let kinds = client
        .query(
            "SELECT kind FROM regulars_changes WHERE customer = $1 ORDER BY seq",
            &[&customer],
        )
        .unwrap()
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    let mentions = client
        .query_one(
            "SELECT count(*) FROM regulars_changes WHERE body ~* $1 OR id ~* $1",
            &[&words],
        )
        .unwrap()
        .get(0);
    (kinds, mentions)
}

#[test]
fn a_hub_restored_from_an_earlier_backup_gets_back_what_it_lost_and_each_till_what_it_missed() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    let anna = cli(&a, &["add", "--name", "Anna Bassi"]);
    cli(&a, &["visit", &anna]);
    sync(&a, &hub);
    sync(&b, &hub);
    back_up_hub(&hub);
    // After the backup: a customer and a visit at A, a note at B; each till takes the other's.
    let bruno = cli(&a, &["add", "--name", "Bruno Conti"]);
    cli(&a, &["visit", &anna, "--what", "espresso"]);
    sync(&a, &hub);
    cli(&b, &["note", &anna, "likes the window seat"]);
    sync(&b, &hub);
    let quiet = sync(&a, &hub);
    assert!(!quiet.contains(WENT_BACK), "{quiet}");
    restore_hub(&hub);
    // B writes before either till has heard; its round finds the row it stood on gone.
    cli(&b, &["visit", &bruno, "--what", "cornetto"]);
    let said = sync(&b, &hub);
    assert!(said.contains(WENT_BACK), "{said}");
    // A's row is gone too, or another row (one B sent again) has its number.
    let said = sync(&a, &hub);
    assert!(said.contains(WENT_BACK), "{said}");
    let said = sync(&b, &hub);
    assert!(!said.contains(WENT_BACK), "{said}");
    // Both tills hold everything, once.
    assert_eq!(export(&a), export(&b));
    assert_eq!(count(&shown(&a, &anna), "visits"), 2);
    assert_eq!(count(&shown(&a, &anna), "notes"), 1);
    assert_eq!(count(&shown(&a, &bruno), "visits"), 1);
    // And the hub does again: a till new to it gets exactly what the others hold.
    sync(&c, &hub);
    assert_eq!(export(&c), export(&a));
    // From then on, rounds are ordinary ones.
    let again = sync(&a, &hub);
    assert!(!again.contains(WENT_BACK), "{again}");
    assert!(again.contains("0 records sent, 0 received"), "{again}");
}

#[test]
fn a_hub_replaced_by_a_new_database_is_filled_again_by_the_tills() {
    let Some(old) = hub() else { return };
    let Some(new) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Bassi"]);
    cli(&a, &["visit", &anna]);
    sync(&a, &old);
    sync(&b, &old);
    cli(&b, &["note", &anna, "prefers oat milk"]);
    sync(&b, &old);
    sync(&a, &old);
    // The shop's hub moves to a new, empty database; the tills' settings follow.
    let said = sync(&a, &new);
    assert!(said.contains(WENT_BACK), "{said}");
    let said = sync(&b, &new);
    assert!(said.contains(WENT_BACK), "{said}");
    assert_eq!(export(&a), export(&b));
    assert_eq!(count(&shown(&b, &anna), "visits"), 1);
    assert_eq!(count(&shown(&a, &anna), "notes"), 1);
    // The new hub holds each record once: a customer copy, a visit, a note.
    let kinds: Vec<String> = new
        .client()
        .query("SELECT kind FROM regulars_changes ORDER BY kind", &[])
        .unwrap()
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(kinds, ["customer", "note", "visit"]);
}

#[test]
fn a_forget_erases_rows_in_place_so_no_till_takes_it_for_a_hub_gone_back() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    cli(&a, &["add", "--name", "Bruno Conti"]);
    // Her rows are the last ones each till takes: each stands on one of them when she is forgotten.
    let zenobia = cli(&a, &["add", "--name", "Zenobia Quartararo"]);
    cli(&a, &["note", &zenobia, "allergic to hazelnuts"]);
    sync(&a, &hub);
    sync(&b, &hub);
    let forgot = run(&b, &["forget", &zenobia, "--yes"]);
    assert!(forgot.status.success(), "{}", stderr(&forgot));
    // No hub set for that command (this test's rounds name it each time): it does not promise that the
    // other tills forget her, which takes a round with a hub.
    assert!(
        !common::stdout(&forgot).contains("other tills"),
        "{}",
        common::stdout(&forgot)
    );
    let said = sync(&b, &hub);
    assert!(!said.contains(WENT_BACK), "{said}");
    let said = sync(&a, &hub);
    assert!(said.contains("forgotten here too"), "{said}");
    assert!(!said.contains(WENT_BACK), "{said}");
    // Her rows are still numbered on the hub, with nothing of her in them.
    let (kinds, mentions) = hub_rows_about(&hub, &zenobia, "quartararo|hazelnut");
    assert_eq!(kinds, ["erased", "erased", "forget"]);
    assert_eq!(mentions, 0);
}

#[test]
fn a_customer_forgotten_after_the_hubs_backup_stays_forgotten_when_it_is_restored() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let bruno = cli(&a, &["add", "--name", "Bruno Conti"]);
    let zenobia = cli(
        &a,
        &[
            "add",
            "--name",
            "Zenobia Quartararo",
            "--phone",
            "333 987 6543",
        ],
    );
    cli(&a, &["note", &zenobia, "allergic to hazelnuts"]);
    sync(&a, &hub);
    sync(&b, &hub);
    back_up_hub(&hub);
    let forgot = run(&a, &["forget", &zenobia, "--yes"]);
    assert!(forgot.status.success(), "{}", stderr(&forgot));
    sync(&a, &hub);
    sync(&b, &hub);
    cli(&b, &["visit", &bruno]);
    // The backup comes back: her rows with it, her forget not.
    restore_hub(&hub);
    let (kinds, _) = hub_rows_about(&hub, &zenobia, "quartararo");
    assert_eq!(kinds, ["customer", "note"]);
    // B starts over: it leaves her records out, and sends her forget again, which erases them.
    let said = sync(&b, &hub);
    assert!(said.contains(WENT_BACK), "{said}");
    assert!(said.contains("2 records were left out"), "{said}");
    assert!(!run(&b, &["show", &zenobia]).status.success());
    let (kinds, mentions) = hub_rows_about(&hub, &zenobia, "quartararo|hazelnut|987 6543");
    assert_eq!(kinds, ["erased", "erased", "forget"]);
    assert_eq!(mentions, 0);
    // A starts over too, and does not get her back.
    let said = sync(&a, &hub);
    assert!(said.contains(WENT_BACK), "{said}");
    assert!(!run(&a, &["show", &zenobia]).status.success());
    assert_eq!(count(&shown(&a, &bruno), "visits"), 1);
    assert_eq!(export(&a), export(&b));
    // Neither till holds a byte of her, her id included (what they keep of her forget is a digest).
    let id: regulars::domain::Id = zenobia.parse().unwrap();
    let needles: Vec<Vec<u8>> = ["Quartararo", "hazelnuts", "987 6543", zenobia.as_str()]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .chain([id.to_bytes().to_vec()])
        .collect();
    for store in [&a, &b] {
        assert_eq!(files_holding(store, &needles), Vec::<String>::new());
    }
}

#[test]
fn the_desk_notices_a_hub_gone_back_by_itself_and_sends_it_everything_again() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Bassi"]);
    cli(&a, &["visit", &anna]);
    sync(&a, &hub);
    back_up_hub(&hub);
    cli(&a, &["note", &anna, "likes the window seat"]);
    sync(&a, &hub);
    // The hub loses the note; the till has a visit waiting to be sent when the desk opens, so its first
    // job is a push, which the hub gone back must refuse (its entry stays in the outbox).
    restore_hub(&hub);
    cli(&a, &["visit", &anna, "--what", "cornetto"]);
    let mut desk = common::hub::desk_syncing(&a, &hub.url);
    let kinds = || -> Vec<String> {
        hub.client()
            .query("SELECT kind FROM regulars_changes ORDER BY seq", &[])
            .unwrap()
            .into_iter()
            .map(|r| r.get(0))
            .collect()
    };
    common::hub::until(&mut desk, "the note and both visits on the hub", |_| {
        kinds().len() == 4
    });
    // No key was pressed: nothing else has taken the status line.
    let screen = desk.screen();
    assert!(screen.contains("The sync hub had gone back"), "{screen}");
    // Anna's copy and her first visit, kept by the restore, then what the desk sent: its new visit, and
    // the note the hub had lost.
    let kinds = kinds();
    assert_eq!(kinds[..2], ["customer", "visit"]);
    let mut sent_again = kinds[2..].to_vec();
    sent_again.sort();
    assert_eq!(sent_again, ["note", "visit"]);
    common::hub::until_shown(&mut desk, "synced");
    drop(desk);
    sync(&b, &hub);
    assert_eq!(count(&shown(&b, &anna), "visits"), 2);
    assert_eq!(count(&shown(&b, &anna), "notes"), 1);
}

/// A pull on its way while the cashier forgets someone (the desk's sync thread fetched the rows before the
/// forget, the desk takes them in after it): their copy in it does not bring them back.
#[test]
fn records_pulled_for_a_customer_forgotten_meanwhile_do_not_bring_them_back() {
    use regulars::domain::{FieldClocks, Stamp};
    use regulars::store::{CustomerCopy, Incoming, Mark, SyncRecord};
    let dir = tempfile::tempdir().unwrap();
    let mut book = regulars::book::Book::open(&dir.path().join("store"), None).unwrap();
    let id = common::add_customer(&mut book, "Zenobia Quartararo", "333 987 6543");
    let copy = book.customer(id).unwrap();
    book.store().unwrap().start_syncing().unwrap();
    book.forget(id, common::now().to_utc(), &mut |_| {})
        .unwrap();
    let from_hub = |seq: i64, record: SyncRecord| Incoming {
        seq,
        record,
        till: "cassa 2".into(),
        mark: Mark {
            seq,
            pushed_us: seq * 1_000,
        },
    };
    // Her copy as the other till last pushed it, changed there later than here.
    let their_copy = SyncRecord::Customer(Box::new(CustomerCopy {
        customer: copy,
        clocks: FieldClocks::all(Stamp {
            clock: u64::MAX / 2,
            till: 2,
        }),
    }));
    let store = book.store().unwrap();
    // The hub has her forget already.
    store.forget_came_from_hub(id).unwrap();
    assert!(store.waiting(10).unwrap().is_empty());
    let taken = store.take_in(&[from_hub(7, their_copy)]).unwrap();
    assert_eq!(taken.left_out, 1);
    assert_eq!(taken.changed, 0);
    assert!(store.customer(id).unwrap().is_none());
    // Her forget goes to the hub again with the next push (a hub that had it already changes nothing).
    let waiting = store.waiting(10).unwrap();
    assert!(
        waiting.iter().any(|w| w.record == SyncRecord::Forget(id)),
        "her forget is not waiting to be sent"
    );
    let standing = store.standing().unwrap();
    assert_eq!(standing.cursor, 7);
    assert_eq!(
        standing.mark,
        Some(Mark {
            seq: 7,
            pushed_us: 7_000
        })
    );
}

/// A refusal after a run of "out of reach" is said: the hub's database dropped while the desk syncs ends
/// its connection (out of reach, said on the search line alone), then refuses it (said on the status
/// line).
#[test]
fn the_desk_says_when_its_hubs_database_is_gone() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    cli(&a, &["add", "--name", "Anna Bassi"]);
    sync(&a, &hub);
    let mut desk = common::hub::desk_syncing(&a, &hub.url);
    common::hub::until_shown(&mut desk, "synced");
    hub.drop_database();
    let screen = common::hub::until_shown(&mut desk, "offline since");
    assert!(!screen.contains("refused"), "{screen}");
    common::hub::until_shown(&mut desk, "Sync refused by the hub: database");
}

/// A desk syncing for the first time a store it has long kept puts what it holds in its outbox a step at a
/// time between two keys (never all at once while the cashier types), sends nothing before it has, and
/// then sends everything.
#[test]
fn a_desk_syncing_a_large_store_for_the_first_time_walks_it_a_step_at_a_time() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    common::demo_book(dir.path(), 300).close();
    let store = dir.path().join("store");
    let mut desk = common::hub::desk_syncing(&store, &hub.url);
    let untouched = || -> bool {
        hub.client()
            .query_one("SELECT to_regclass('regulars_changes') IS NULL", &[])
            .unwrap()
            .get(0)
    };
    // A step of 2,000 records at each look, and the hub left alone until the last.
    let mut walked = 0;
    loop {
        desk.app.tick(desk.now);
        let waiting = desk.app.book.store().unwrap().sync_place().unwrap().waiting;
        if waiting != walked + 2_000 {
            break;
        }
        assert!(untouched(), "the hub was reached with {waiting} walked");
        if walked == 0 {
            // Closed now, the desk would say that everything is still to be sent, not 2,000 records.
            let said = desk.app.unsent_at_close().unwrap_or_default();
            assert!(said.starts_with("Everything this till holds"), "{said}");
        }
        walked = waiting;
    }
    assert!(walked >= 4_000, "{walked} walked in whole steps");
    common::hub::until(&mut desk, "synced with nothing waiting", |desk| {
        desk.screen().contains("synced ·")
            && desk.app.book.store().unwrap().sync_place().unwrap().waiting == 0
    });
    drop(desk);
    // The hub holds every record: a till new to it gets the same store.
    let b = dir.path().join("b");
    sync(&b, &hub);
    assert_eq!(export(&b), export(&store));
}

/// A push the hub took, then lost to a restore before the till pulled again: the till's cursor still
/// stands on a row the restored hub holds, but the last row its push added is gone, so the till starts
/// over and the hub gets the record back.
#[test]
fn a_push_lost_to_a_restore_before_the_next_pull_is_sent_again() {
    use regulars::sync::{Hub, Push, rows_of, wire};
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, c) = (dir.path().join("a"), dir.path().join("c"));
    let anna = cli(&a, &["add", "--name", "Anna Bassi"]);
    sync(&a, &hub);
    back_up_hub(&hub);
    cli(&a, &["visit", &anna, "--what", "cornetto"]);
    // A push alone, as a round cut short after it would leave things (the pull never came).
    {
        let mut book = regulars::book::Book::open(&a, None).unwrap();
        let store = book.store().unwrap();
        let waiting = store.waiting(10).unwrap();
        assert_eq!(waiting.len(), 1);
        let origin = wire::till_hex(store.sync_till().unwrap().unwrap());
        let mut to = Hub::connect(&hub.url, "cassa 1").unwrap();
        let rows = rows_of(&waiting, to.place()).unwrap();
        let Push::Taken { last, .. } = to
            .push(&rows, "cassa 1", &origin, &store.standing().unwrap())
            .unwrap()
        else {
            panic!("the hub had not gone back yet")
        };
        assert!(last.is_some());
        store.pushed(&waiting, last).unwrap();
        assert!(store.waiting(10).unwrap().is_empty());
        book.close();
    }
    restore_hub(&hub);
    let said = sync(&a, &hub);
    assert!(said.contains(WENT_BACK), "{said}");
    sync(&c, &hub);
    assert_eq!(count(&shown(&c, &anna), "visits"), 1);
    assert_eq!(export(&c), export(&a));
}

/// A record sent again by another till, starting over with a hub that went back, keeps the name of the
/// till that wrote it.
#[test]
fn a_record_sent_again_by_another_till_keeps_the_till_that_wrote_it() {
    let Some(old) = hub() else { return };
    let Some(new) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    // Each till named in its settings; the hub given on the command line's environment.
    let at = |name: &str, url: &str, args: &[&str]| -> String {
        let home = dir.path().join(format!("home-{name}"));
        std::fs::create_dir_all(home.join("regulars")).unwrap();
        std::fs::write(
            home.join("regulars/config.toml"),
            format!("[sync]\ntill = \"cassa {name}\"\n"),
        )
        .unwrap();
        let out = common::bin()
            .arg("--db")
            .arg(dir.path().join(name))
            .env("XDG_CONFIG_HOME", &home)
            .env("REGULARS_SYNC_URL", url)
            .args(args)
            .output()
            .unwrap();
        ok(out).trim().to_string()
    };
    let anna = at("A", &old.url, &["add", "--name", "Anna Bassi"]);
    at("A", &old.url, &["visit", &anna, "--what", "cappuccino"]);
    at("A", &old.url, &["sync"]);
    at("B", &old.url, &["sync"]);
    // The new hub hears from B first: B sends A's visit again.
    let said = at("B", &new.url, &["sync"]);
    assert!(said.contains(WENT_BACK), "{said}");
    at("A", &new.url, &["sync"]);
    for till in ["A", "B"] {
        let json: serde_json::Value =
            serde_json::from_str(&at(till, &new.url, &["show", &anna, "--json"])).unwrap();
        assert_eq!(json["visits"][0]["till"], "cassa A", "at {till}: {json}");
    }
    let tills: Vec<String> = new
        .client()
        .query(
            "SELECT till FROM regulars_changes WHERE kind = 'visit'",
            &[],
        )
        .unwrap()
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(tills, ["cassa A"]);
}
