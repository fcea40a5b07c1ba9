//! Promises: made with a due date, kept or cancelled, each an event of its own. The real binary for the
//! command line, the real desk (keys into `App`, drawn on `TestBackend`) and the real store in a temp dir.

mod common;

use chrono::Duration;
use common::desk::Desk;
use crossterm::event::KeyCode;
use regulars::book::Book;
use regulars::domain::{Id, Outcome, PromiseDraft};
use regulars::store::Store;
use regulars::text::{Lang, in_language};
use regulars::ui::keymap::Mode;
use regulars::ui::theme::Theme;
use serde_json::Value;

fn show(store: &std::path::Path, id: &str) -> Value {
    let out = common::run(store, &["show", id, "--json"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    serde_json::from_str(&common::stdout(&out)).unwrap()
}

/// The one-sentence failure of a command: exit 1, one line on stderr, nothing on stdout.
fn refused(store: &std::path::Path, args: &[&str]) -> String {
    let out = common::run(store, args);
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    assert!(common::stdout(&out).is_empty(), "{args:?}");
    let err = common::stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

#[test]
fn promise_kept_and_cancel_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let id = common::stdout(&common::run(&store, &["add", "--name", "Marcella Rossi"]))
        .trim()
        .to_string();

    // `promise` prints the new id alone on a line.
    let made_on = chrono::Local::now().date_naive();
    let out = common::run(
        &store,
        &["promise", &id, "Call when size 42 arrives", "--due", "+3d"],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let call = common::stdout(&out);
    assert_eq!(call.lines().count(), 1);
    let call = call.trim().to_string();
    assert!(call.parse::<Id>().is_ok(), "{call}");
    let made_by = chrono::Local::now().date_naive();
    let scarf = common::stdout(&common::run(
        &store,
        &["promise", &id, "Keep the blue scarf", "--due", "tomorrow"],
    ))
    .trim()
    .to_string();

    // A due date in the past, an empty text, a customer who is not there: one sentence, nothing written.
    let err = refused(&store, &["promise", &id, "Too late", "--due", "yesterday"]);
    assert!(err.contains("in the past"), "{err}");
    let err = refused(&store, &["promise", &id, "  ", "--due", "today"]);
    assert!(err.contains("Write what was promised"), "{err}");
    let err = refused(
        &store,
        &[
            "promise",
            "01JZZZZZZZZZZZZZZZZZZZZZZZ",
            "x",
            "--due",
            "today",
        ],
    );
    assert!(err.contains("01JZZZZZZZZZZZZZZZZZZZZZZZ"), "{err}");
    assert_eq!(show(&store, &id)["promises"].as_array().unwrap().len(), 2);

    // Kept prints nothing; kept again, or cancelled after, is refused with what happened.
    let out = common::run(&store, &["kept", &call]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(common::stdout(&out).is_empty());
    let err = refused(&store, &["kept", &call]);
    assert!(err.contains("was kept already"), "{err}");
    let err = refused(&store, &["cancel", &call]);
    assert!(err.contains("was kept already"), "{err}");
    assert!(common::run(&store, &["cancel", &scarf]).status.success());
    // A customer's id or a visit's is no promise.
    let visit = common::stdout(&common::run(&store, &["visit", &id]))
        .trim()
        .to_string();
    for not_a_promise in [id.as_str(), visit.as_str()] {
        let err = refused(&store, &["kept", not_a_promise]);
        assert!(err.contains("There is no promise with id"), "{err}");
    }

    let shown = show(&store, &id);
    let promises = shown["promises"].as_array().unwrap();
    let by_id = |wanted: &str| {
        promises
            .iter()
            .find(|p| p["id"] == wanted)
            .unwrap_or_else(|| panic!("{wanted} in {promises:?}"))
    };
    let kept = by_id(&call);
    assert_eq!(kept["text"], "Call when size 42 arrives");
    // Due as a date (three days after the shop's day when it was made); made and kept as times in UTC.
    let due = chrono::NaiveDate::parse_from_str(kept["due"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    assert!(
        [made_on, made_by].contains(&(due - Duration::days(3))),
        "{due}"
    );
    assert!(kept["made"].as_str().unwrap().ends_with('Z'));
    assert!(kept["kept"].as_str().unwrap().ends_with('Z'));
    assert!(kept["cancelled"].is_null());
    let cancelled = by_id(&scarf);
    assert!(cancelled["kept"].is_null());
    assert!(cancelled["cancelled"].as_str().is_some());

    // The plain `show` lists no open promise any more, and the timeline says how each ended.
    let text = common::stdout(&common::run(&store, &["show", &id]));
    assert!(!text.contains('◆'), "{text}");
    assert!(
        text.contains("Promise kept  Call when size 42 arrives"),
        "{text}"
    );
    assert!(
        text.contains("Promise cancelled  Keep the blue scarf"),
        "{text}"
    );

    // Undo a kept promise the way the desk does: void its end; the promise is open again.
    let end_id = Store::open(&store)
        .unwrap()
        .events_for(id.parse().unwrap())
        .unwrap()
        .into_iter()
        .find_map(|e| match e {
            regulars::domain::Event::PromiseEnd(end) if end.promise.to_string() == call => {
                Some(end.id)
            }
            _ => None,
        })
        .unwrap();
    assert!(
        common::run(&store, &["void", &end_id.to_string()])
            .status
            .success()
    );
    let again = show(&store, &id);
    let reopened = again["promises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == call.as_str())
        .unwrap()
        .clone();
    assert!(reopened["kept"].is_null(), "{reopened}");
    let text = common::stdout(&common::run(&store, &["show", &id]));
    assert!(text.contains("◆ due"), "{text}");
    assert!(Store::open(&store).unwrap().check().unwrap().is_empty());
}

/// A desk on a store with Marcella Rossi, who was promised two things some ten days ago: one due two
/// days ago (overdue), one due in a week.
fn marcella(lang_italian: bool) -> (Desk, Id) {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(&dir.path().join("store"), Some("Giulia".into())).unwrap();
    let id = common::add_customer(&mut book, "Marcella Rossi", "333 123 4567");
    common::add_customer(&mut book, "Bruno Neri", "");
    let now = common::now().to_utc();
    let today = common::now().date_naive();
    let (late, later) = if lang_italian {
        (
            "Chiamarla quando arriva il 42",
            "Tenere da parte la sciarpa blu",
        )
    } else {
        ("Call when size 42 arrives", "Keep the blue scarf aside")
    };
    // Made through the book (the form would refuse a day gone by: this one fell due while waiting).
    book.make_promise(
        id,
        now - Duration::days(10),
        PromiseDraft {
            text: late.into(),
            due: today - Duration::days(2),
        },
    )
    .unwrap();
    book.make_promise(
        id,
        now - Duration::days(9),
        PromiseDraft {
            text: later.into(),
            due: today + Duration::days(7),
        },
    )
    .unwrap();
    let mut desk = Desk::with_book(book, dir, 80, 24, Theme { color: false });
    desk.typed("marcella").key(KeyCode::Enter);
    assert_eq!(desk.app.state.mode(), Mode::Customer);
    (desk, id)
}

fn open_texts(desk: &mut Desk, id: Id) -> Vec<String> {
    desk.app
        .book
        .profile(id)
        .unwrap()
        .open_promises()
        .iter()
        .map(|p| p.promise.text.clone())
        .collect()
}

#[test]
fn the_card_lists_open_promises_overdue_first_and_marked_without_colour() {
    for lang in Lang::ALL {
        in_language(lang, || {
            let (mut desk, _) = marcella(lang == Lang::It);
            let screen = desk.screen();
            // The mark is a character, not only a colour: it reads with NO_COLOR too.
            let overdue = screen
                .lines()
                .position(|l| l.contains("! OVERDUE") || l.contains("! IN RITARDO"))
                .unwrap_or_else(|| panic!("{screen}"));
            let coming = screen
                .lines()
                .position(|l| l.contains("◆"))
                .unwrap_or_else(|| panic!("{screen}"));
            assert!(overdue < coming, "{screen}");
            insta::assert_snapshot!(format!("card_with_promises_{lang}_80x24"), screen);
        });
    }
}

#[test]
fn p_makes_a_promise_and_a_day_gone_by_is_refused_in_the_form() {
    for lang in Lang::ALL {
        in_language(lang, || {
            let (mut desk, id) = marcella(lang == Lang::It);
            desk.key(KeyCode::Char('p')).typed("Order the red boots");
            desk.key(KeyCode::Tab).typed("-1d");
            desk.key(KeyCode::Enter);
            // Refused in the form, next to the field; everything typed is still there.
            let screen = desk.screen();
            assert!(desk.app.state.form.is_some());
            insta::assert_snapshot!(format!("promise_form_error_{lang}_80x24"), screen);
            assert_eq!(open_texts(&mut desk, id).len(), 2);

            // Fixed: saved, on the card, and Ctrl-Z takes it back.
            for _ in 0..3 {
                desk.key(KeyCode::Backspace);
            }
            desk.typed("25/12").key(KeyCode::Enter);
            assert!(desk.app.state.form.is_none(), "{}", desk.screen());
            let open = open_texts(&mut desk, id);
            assert_eq!(open.len(), 3);
            assert_eq!(open[2], "Order the red boots", "latest due last");
            let screen = desk.screen();
            assert!(screen.contains("Order the red boots"), "{screen}");
            desk.ctrl('z');
            let asked = desk.question();
            assert!(asked.contains("\"Order the red boots\""), "{asked}");
            desk.key(KeyCode::Char('y'));
            assert_eq!(open_texts(&mut desk, id).len(), 2);
        });
    }
}

#[test]
fn k_keeps_the_first_open_promise_and_ctrl_z_opens_it_again() {
    let (mut desk, id) = marcella(false);
    desk.key(KeyCode::Char('k'));
    // The overdue one (due first) is kept; the status says which.
    assert_eq!(open_texts(&mut desk, id), vec!["Keep the blue scarf aside"]);
    assert!(
        desk.status()
            .contains("Promise kept for Marcella Rossi: Call when size 42 arrives"),
        "{}",
        desk.status()
    );
    let profile = desk.app.book.profile(id).unwrap();
    let kept = profile
        .promises()
        .iter()
        .find(|p| !p.is_open())
        .map(|p| match p.standing {
            regulars::domain::Standing::Ended(end) => (end.outcome, end.staff.clone()),
            regulars::domain::Standing::Open => unreachable!(),
        });
    assert_eq!(kept, Some((Outcome::Kept, Some("Giulia".into()))));

    // The question names the promise, not only the time it was kept.
    desk.ctrl('z');
    let asked = desk.question();
    assert!(
        asked.starts_with("Undo marking the promise to Marcella Rossi kept at ")
            && asked.contains(": \"Call when size 42 arrives\"?"),
        "{asked}"
    );
    desk.key(KeyCode::Char('y'));
    assert_eq!(open_texts(&mut desk, id).len(), 2);

    // With none open, `k` says so and writes nothing.
    desk.key(KeyCode::Char('k')).key(KeyCode::Char('k'));
    let before = desk.app.book.profile(id).unwrap();
    desk.key(KeyCode::Char('k'));
    assert!(
        desk.status().contains("No open promise"),
        "{}",
        desk.status()
    );
    assert_eq!(desk.app.book.profile(id).unwrap(), before);
}

#[test]
fn k_typed_as_part_of_a_name_keeps_nothing() {
    let (mut desk, id) = marcella(false);
    let before = desk.app.book.profile(id).unwrap();
    // Kim, Katia: a name typed at typing speed onto the card is the next search.
    desk.typed("kim");
    assert_eq!(desk.app.state.query(), "kim");
    desk.key(KeyCode::Esc);
    desk.typed("marcella").key(KeyCode::Enter).typed("katia");
    assert_eq!(desk.app.book.profile(id).unwrap(), before);
}

#[test]
fn x_in_the_history_cancels_an_open_promise_after_asking() {
    let (mut desk, id) = marcella(false);
    // The history, newest first: the later promise, then the overdue one. `k` there keeps the one
    // selected (the later), not the first on the card (the overdue); Ctrl-Z opens it again.
    desk.key(KeyCode::Tab);
    assert_eq!(desk.app.state.mode(), Mode::Timeline);
    desk.key(KeyCode::Char('k'));
    assert_eq!(open_texts(&mut desk, id), vec!["Call when size 42 arrives"]);
    desk.ctrl('z').key(KeyCode::Char('y'));
    assert_eq!(open_texts(&mut desk, id).len(), 2);
    desk.key(KeyCode::Tab);
    if desk.app.state.mode() != Mode::Timeline {
        desk.key(KeyCode::Tab);
    }
    assert_eq!(desk.app.state.mode(), Mode::Timeline);
    desk.key(KeyCode::Home).key(KeyCode::Down);
    // On an open promise, the key bar says what `x` does there.
    let bar = desk.screen().lines().last().unwrap().to_string();
    assert!(bar.contains("x cancel promise"), "{bar}");
    desk.key(KeyCode::Char('x'));
    let screen = desk.screen();
    assert!(
        screen.contains("Cancel the promise to Marcella Rossi: \"Call when size 42"),
        "{screen}"
    );
    desk.key(KeyCode::Char('n'));
    assert_eq!(open_texts(&mut desk, id).len(), 2);
    desk.key(KeyCode::Char('x')).key(KeyCode::Char('y'));
    assert_eq!(open_texts(&mut desk, id), vec!["Keep the blue scarf aside"]);
    assert!(
        desk.status()
            .contains("Promise cancelled for Marcella Rossi"),
        "{}",
        desk.status()
    );
    // On the cancellation's own row (the newest), `x` voids, as on any entry.
    desk.key(KeyCode::Home);
    let bar = desk.screen().lines().last().unwrap().to_string();
    assert!(
        bar.contains("x void") && !bar.contains("cancel promise"),
        "{bar}"
    );
    // Cancelled is history, not gone: a row of the timeline says so.
    let screen = desk.screen();
    assert!(
        screen
            .lines()
            .any(|l| l.contains("10:00 Promise cancelled  Call")),
        "{screen}"
    );
}

/// Complaints answered: a complaint stays open on the card until an apology, or a note written as its
/// answer; the note form offers to answer it.
#[test]
fn a_complaint_stays_on_the_card_until_the_note_form_answers_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(&dir.path().join("store"), Some("Giulia".into())).unwrap();
    let id = common::add_customer(&mut book, "Bruno Neri", "");
    let now = common::now().to_utc();
    let complaint = book
        .add_note(
            id,
            now - Duration::days(20),
            regulars::domain::NoteKind::Complaint,
            "Cold coffee, waited ten minutes".into(),
            false,
        )
        .unwrap();
    let mut desk = Desk::with_book(book, dir, 80, 24, Theme { color: false });
    desk.typed("bruno").key(KeyCode::Enter);
    let screen = desk.screen();
    assert!(
        screen.contains("! Open complaint since Nov 3: Cold coffee"),
        "{screen}"
    );
    // A note not marked as the answer leaves it open.
    desk.key(KeyCode::Char('n'))
        .typed("Asked about the new blend");
    desk.key(KeyCode::Enter);
    let open = |desk: &mut Desk| desk.app.book.profile(id).unwrap().open_complaints().len();
    assert_eq!(open(&mut desk), 1);
    // The form's last field makes the note its answer.
    desk.key(KeyCode::Char('n'))
        .typed("Called him: machine fixed, next coffee on us");
    let form = desk.screen();
    assert!(
        form.contains("this note answers the open complaint"),
        "{form}"
    );
    desk.key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Char(' '))
        .key(KeyCode::Enter);
    assert!(desk.app.state.form.is_none(), "{}", desk.screen());
    assert_eq!(open(&mut desk), 0);
    let answer = desk
        .app
        .book
        .profile(id)
        .unwrap()
        .notes()
        .find(|n| n.text.starts_with("Called him"))
        .unwrap()
        .clone();
    assert_eq!(answer.answers, Some(complaint.id));
    let screen = desk.screen();
    assert!(!screen.contains("Open complaint"), "{screen}");
    assert!(screen.contains("Note  ↳ answer  Called h"), "{screen}");
    // Undone, the complaint is open again.
    desk.ctrl('z').key(KeyCode::Char('y'));
    assert_eq!(open(&mut desk), 1);
    // An apology answers it too, written as an answer or not.
    desk.key(KeyCode::Char('n')).typed("So sorry");
    desk.key(KeyCode::Tab)
        .key(KeyCode::Right)
        .key(KeyCode::Right)
        .key(KeyCode::Right);
    desk.key(KeyCode::Enter);
    assert_eq!(open(&mut desk), 0, "{}", desk.screen());
}

#[test]
fn note_answers_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let id = common::stdout(&common::run(&store, &["add", "--name", "Bruno Neri"]))
        .trim()
        .to_string();
    let complaint = common::stdout(&common::run(
        &store,
        &["note", &id, "Cold coffee", "--kind", "complaint"],
    ))
    .trim()
    .to_string();
    let text = common::stdout(&common::run(&store, &["show", &id]));
    assert!(text.contains("! Open complaint since"), "{text}");
    let err = refused(&store, &["note", &id, "Sorry", "--answers", &id]);
    assert!(err.contains("is not an open complaint"), "{err}");
    // A complaint is no answer to a complaint.
    let err = refused(
        &store,
        &[
            "note",
            &id,
            "Also cold",
            "--kind",
            "complaint",
            "--answers",
            &complaint,
        ],
    );
    assert!(err.contains("cannot be the answer to a complaint"), "{err}");
    // Another customer's open complaint is not this one's to answer.
    let other = common::stdout(&common::run(&store, &["add", "--name", "Dora Bianchi"]))
        .trim()
        .to_string();
    let hers = common::stdout(&common::run(
        &store,
        &["note", &other, "Too loud", "--kind", "complaint"],
    ))
    .trim()
    .to_string();
    let err = refused(&store, &["note", &id, "Sorry", "--answers", &hers]);
    assert!(err.contains("is not an open complaint"), "{err}");
    assert_eq!(show(&store, &other)["notes"][0]["id"], hers.as_str());
    let text = common::stdout(&common::run(&store, &["show", &other]));
    assert!(text.contains("! Open complaint since"), "{text}");
    let answer = common::stdout(&common::run(
        &store,
        &["note", &id, "Machine fixed", "--answers", &complaint],
    ))
    .trim()
    .to_string();
    let shown = show(&store, &id);
    let note = shown["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == answer.as_str())
        .unwrap()
        .clone();
    assert_eq!(note["answers"], complaint.as_str());
    let text = common::stdout(&common::run(&store, &["show", &id]));
    assert!(!text.contains("Open complaint"), "{text}");
    // Answered once, it is no longer open to answer.
    let err = refused(&store, &["note", &id, "Again", "--answers", &complaint]);
    assert!(err.contains("is not an open complaint"), "{err}");
}

/// A card at 80×24 with more open promises than it has room for: each takes one line, those that do not
/// fit are counted, and the contact line is still there (nothing leaves the card without a word).
#[test]
fn a_card_with_many_promises_counts_those_it_has_no_room_for() {
    let (mut desk, id) = marcella(false);
    let today = common::now().date_naive();
    for n in 0..8 {
        desk.app
            .book
            .make_promise(
                id,
                common::now().to_utc(),
                PromiseDraft {
                    text: format!(
                        "Promise number {n} with a text much longer than one line of the card"
                    ),
                    due: today + Duration::days(n),
                },
            )
            .unwrap();
    }
    desk.key(KeyCode::Esc).typed("marcella").key(KeyCode::Enter);
    let screen = desk.screen();
    let card: Vec<&str> = screen.lines().skip(3).take(10).collect();
    let more = card
        .iter()
        .find_map(|l| l.split("… and ").nth(1))
        .unwrap_or_else(|| panic!("{screen}"));
    let counted: usize = more.split(' ').next().unwrap().parse().unwrap();
    let listed = card
        .iter()
        .filter(|l| l.contains("◆") || l.contains("! OVERDUE"))
        .count();
    assert_eq!(listed + counted, 10, "{screen}");
    assert!(screen.contains("Phone: 333 123 4567"), "{screen}");
}

/// A card with no row to spare for its one open promise (Aurora Colombo of the desk's demo: her contact
/// details take three rows at 80×24) shows the promise, cut to its row, rather than "… and 1 more",
/// which would take that same row.
#[test]
fn a_crowded_card_shows_its_one_promise_rather_than_a_count() {
    let mut desk = Desk::desk_demo();
    desk.typed("aurora").key(KeyCode::Enter);
    desk.key(KeyCode::Char('p'))
        .typed("Order the size 42 loafers");
    desk.key(KeyCode::Tab).typed("+3d").key(KeyCode::Enter);
    let screen = desk.screen();
    assert!(screen.contains("Aurora Colombo"), "{screen}");
    assert!(screen.contains("Order the size 42"), "{screen}");
    assert!(!screen.contains("and 1 more"), "{screen}");
}
