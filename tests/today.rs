//! Today: promises overdue and due this week, birthdays this week, anniversaries today and complaints
//! waiting, on the real desk (Ctrl-T, Enter opens the customer, Esc closes, the key bar counts what is due
//! today) and the real binary (`regulars today [--json]`), answered from the search index.

mod common;

use chrono::Duration;
use common::desk::Desk;
use crossterm::event::KeyCode;
use regulars::book::Book;
use regulars::domain::{CustomerDraft, CustomerText, Id, NoteKind, PromiseDraft};
use regulars::text::{Lang, in_language};
use regulars::ui::keymap::Mode;
use regulars::ui::theme::Theme;
use serde_json::Value;

struct Shop {
    dir: tempfile::TempDir,
    marcella: Id,
    bruno: Id,
    teresa: Id,
}

/// As of the tests' day (23 November 2026): Marcella has a promise overdue since the 21st and one due on
/// the 27th (and one due in three weeks, which is not this week's); Bruno's birthday is today (born 1980)
/// and he has been a customer for ten years today; Teresa's birthday is on the 29th and her complaint of
/// 3 November waits for an answer; Dora has nothing on the agenda (her birthday and the day she became a
/// customer are months away).
fn shop() -> Shop {
    shop_at(common::now())
}

/// The same shop around another day.
fn shop_at(at: chrono::DateTime<chrono::FixedOffset>) -> Shop {
    use chrono::Datelike;
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(&dir.path().join("store"), Some("Giulia".into())).unwrap();
    let now = at.to_utc();
    let today = at.date_naive();
    let day_month = |d: chrono::NaiveDate| format!("{}/{}", d.day(), d.month());
    let full = |d: chrono::NaiveDate| format!("{}/{}/{}", d.day(), d.month(), d.year());
    // Ten years ago today, or (on 29 February) the leap year twelve years ago.
    let ten_years_ago = today
        .with_year(today.year() - 10)
        .or_else(|| today.with_year(today.year() - 12))
        .unwrap();
    let add = |book: &mut Book, name: &str, birthday: &str, since: &str| {
        let text = CustomerText {
            name: name.into(),
            birthday: birthday.into(),
            since: since.into(),
            ..Default::default()
        };
        let draft = CustomerDraft::from_text(&text, today).unwrap();
        book.add_customer(draft, now, today).unwrap().id
    };
    let marcella = add(&mut book, "Marcella Rossi", "", "");
    let bruno = add(
        &mut book,
        "Bruno Neri",
        &format!("{}/1980", day_month(today)),
        &full(ten_years_ago),
    );
    // Teresa's birthday in six days; she and Dora became customers on days far from today's.
    let teresa = add(
        &mut book,
        "Teresa Amato",
        &day_month(today + Duration::days(6)),
        &full(today - Duration::days(400)),
    );
    add(
        &mut book,
        "Dora Bianchi",
        &day_month(today + Duration::days(60)),
        &full(today - Duration::days(200)),
    );
    for (text, days) in [
        ("Call when size 42 arrives", -2),
        ("Keep the blue scarf aside", 4),
        ("Order the red boots", 21),
    ] {
        book.make_promise(
            marcella,
            now - Duration::days(10),
            PromiseDraft {
                text: text.into(),
                due: today + Duration::days(days),
            },
        )
        .unwrap();
    }
    book.add_note(
        teresa,
        now - Duration::days(20),
        NoteKind::Complaint,
        "Cold coffee".into(),
        false,
    )
    .unwrap();
    book.close();
    Shop {
        dir,
        marcella,
        bruno,
        teresa,
    }
}

fn desk(shop: Shop) -> (Desk, Shop) {
    let book = Book::open(&shop.dir.path().join("store"), Some("Giulia".into())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::with_book(book, dir, 80, 24, Theme { color: false });
    (desk, shop)
}

#[test]
fn ctrl_t_shows_the_agenda_and_enter_opens_the_customer() {
    for lang in Lang::ALL {
        in_language(lang, || {
            let (mut desk, shop) = desk(shop());
            // Due today: the overdue promise, Bruno's birthday and his anniversary.
            let main = desk.screen();
            let bar = main.lines().last().unwrap().to_string();
            assert!(
                bar.contains("Ctrl-T 3 today") || bar.contains("Ctrl-T 3 oggi"),
                "{bar}"
            );
            desk.ctrl('t');
            assert_eq!(desk.app.state.mode(), Mode::Today);
            let screen = desk.screen();
            insta::assert_snapshot!(format!("today_{lang}_80x24"), screen);
            let today = desk.app.state.today.as_ref().unwrap();
            let index = desk.app.book.index();
            let rows: Vec<(usize, Id)> = today
                .rows
                .iter()
                .map(|r| (r.section, index.id_at(r.slot).unwrap()))
                .collect();
            assert_eq!(
                rows,
                vec![
                    (0, shop.marcella),
                    (1, shop.bruno),
                    (1, shop.teresa),
                    (2, shop.bruno),
                    (3, shop.teresa),
                ]
            );
            // Down to Teresa's birthday, Enter: her card.
            desk.key(KeyCode::Down)
                .key(KeyCode::Down)
                .key(KeyCode::Enter);
            assert_eq!(desk.app.state.mode(), Mode::Customer);
            assert_eq!(desk.app.state.selected_id(), Some(shop.teresa));
            // Ctrl-T again, and Esc: back where we were.
            desk.ctrl('t').key(KeyCode::Esc);
            assert_eq!(desk.app.state.mode(), Mode::Customer);
            assert_eq!(desk.app.state.selected_id(), Some(shop.teresa));
        });
    }
}

#[test]
fn keeping_a_promise_takes_it_off_the_agenda_at_once() {
    let (mut desk, shop) = desk(shop());
    desk.typed("marcella").key(KeyCode::Enter);
    desk.key(KeyCode::Char('k'));
    // The overdue one is kept; the one due on the 27th is still this week's. Due today: Bruno's birthday
    // and anniversary, as the main key bar says.
    assert_eq!(desk.app.state.due_today, 2);
    desk.key(KeyCode::Esc);
    let bar = desk.screen().lines().last().unwrap().to_string();
    assert!(bar.contains("Ctrl-T 2 today"), "{bar}");
    desk.typed("marcella").key(KeyCode::Enter);
    assert_eq!(desk.app.state.due_today, 2);
    desk.ctrl('t');
    let screen = desk.screen();
    assert!(screen.contains("promise due Nov 27"), "{screen}");
    assert!(!screen.contains("promise overdue"), "{screen}");
    desk.key(KeyCode::Esc).key(KeyCode::Char('k'));
    desk.ctrl('t');
    let today = desk.app.state.today.as_ref().unwrap();
    let index = desk.app.book.index();
    assert!(
        today
            .rows
            .iter()
            .all(|r| index.id_at(r.slot) != Some(shop.marcella))
    );
}

#[test]
fn an_empty_agenda_says_so() {
    let mut desk = Desk::new(0, 80, 24);
    desk.ctrl('t');
    let screen = desk.screen();
    assert!(screen.contains("Nothing on today's agenda"), "{screen}");
    assert_eq!(desk.app.state.due_today, 0);
}

#[test]
fn today_on_the_command_line() {
    // The binary's clock is the machine's: the shop is built around today (again if midnight came
    // between building it and asking).
    let (shop, json) = loop {
        let now = chrono::Local::now().fixed_offset();
        let shop = shop_at(now);
        let out = common::run(&shop.dir.path().join("store"), &["today", "--json"]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        let json: Value = serde_json::from_str(&common::stdout(&out)).unwrap();
        if json["date"] == now.date_naive().format("%Y-%m-%d").to_string() {
            break (shop, json);
        }
    };
    let store = shop.dir.path().join("store");
    for section in ["promises", "birthdays", "anniversaries", "complaints"] {
        assert!(json[section].is_array(), "{section}: {json}");
    }
    // Teresa's complaint waits whatever the day: it is listed with her id, name and its text.
    let complaints = json["complaints"].as_array().unwrap();
    assert_eq!(complaints.len(), 1, "{json}");
    assert_eq!(complaints[0]["customer_id"], shop.teresa.to_string());
    assert_eq!(complaints[0]["name"], "Teresa Amato");
    assert_eq!(complaints[0]["text"], "Cold coffee");
    // Marcella's promise overdue and the one due this week, by due date; not the one in three weeks.
    let promises = json["promises"].as_array().unwrap();
    let texts: Vec<(&str, bool)> = promises
        .iter()
        .map(|p| (p["text"].as_str().unwrap(), p["overdue"] == true))
        .collect();
    assert_eq!(
        texts,
        vec![
            ("Call when size 42 arrives", true),
            ("Keep the blue scarf aside", false)
        ]
    );
    assert!(
        promises
            .iter()
            .all(|p| p["customer_id"] == shop.marcella.to_string())
    );
    let birthdays = json["birthdays"].as_array().unwrap();
    let who: Vec<(&str, u64, Option<u64>)> = birthdays
        .iter()
        .map(|b| {
            (
                b["name"].as_str().unwrap(),
                b["in_days"].as_u64().unwrap(),
                b["turning"].as_u64(),
            )
        })
        .collect();
    let age = u64::try_from(chrono::Datelike::year(&chrono::Local::now()) - 1980).unwrap();
    assert_eq!(
        who,
        vec![("Bruno Neri", 0, Some(age)), ("Teresa Amato", 6, None)]
    );
    let anniversaries = json["anniversaries"].as_array().unwrap();
    assert_eq!(anniversaries.len(), 1, "{json}");
    assert_eq!(anniversaries[0]["customer_id"], shop.bruno.to_string());
    let years = anniversaries[0]["years"].as_u64().unwrap();
    assert!(years == 10 || years == 12, "{years}");
    let text = common::stdout(&common::run(&store, &["today"]));
    assert!(
        text.contains("Complaints waiting for an answer (1)"),
        "{text}"
    );
    assert!(
        text.contains("Teresa Amato  ! Open complaint since"),
        "{text}"
    );
    let italian = common::stdout(&common::run(&store, &["--lang", "it", "today"]));
    assert!(
        italian.contains("Reclami in attesa di risposta (1)"),
        "{italian}"
    );
}

#[test]
fn the_agenda_comes_from_the_saved_index_as_from_the_store() {
    let shop = shop();
    let store = shop.dir.path().join("store");
    let clock = common::clock();
    let saved = std::fs::read(store.join("search-index")).unwrap();
    let book = Book::open(&store, None).unwrap();
    let mut from_saved = book.agenda(&clock, &regulars::config::Config::defaults().loyalty());
    book.close();
    // The saved index was used as it was (a rebuild would have saved it again).
    assert_eq!(std::fs::read(store.join("search-index")).unwrap(), saved);
    // The index thrown away: rebuilt from the store, the same agenda (customers who never came are in
    // the order they were added, or by id: compared by id).
    std::fs::remove_file(store.join("search-index")).unwrap();
    let book = Book::open(&store, None).unwrap();
    let mut rebuilt = book.agenda(&clock, &regulars::config::Config::defaults().loyalty());
    rebuilt.sort_by_key(|(id, item)| (*id, format!("{item:?}")));
    from_saved.sort_by_key(|(id, item)| (*id, format!("{item:?}")));
    assert_eq!(rebuilt, from_saved);
    // Marcella's overdue promise; Bruno's birthday and anniversary; Teresa's birthday and complaint.
    assert_eq!(from_saved.len(), 5, "{from_saved:?}");
}

#[test]
fn a_desk_left_open_overnight_counts_the_new_days_agenda() {
    let (mut desk, _shop) = desk(shop());
    // Today: Marcella's overdue promise, Bruno's birthday and anniversary.
    assert_eq!(desk.app.state.due_today, 3);
    // The next morning, no key pressed: the loop's next tick counts again. Bruno's day is over, and the
    // promise due on the 27th is not yet due.
    desk.app.state.clock =
        regulars::clock::Clock::Fixed(common::now() + Duration::days(1) + Duration::hours(-2));
    let next = desk.now + std::time::Duration::from_secs(600);
    assert!(desk.app.wake_at(desk.now).is_some_and(|at| at <= next));
    desk.app.tick(next);
    assert_eq!(desk.app.state.due_today, 1);
}
