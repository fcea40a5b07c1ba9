//! Two tills, one hub, seen from the desk: what the other till wrote comes in between two keys without
//! moving what the cashier has in hand (the search, the card, a form, an undo). Each test has stores and a
//! database of its own on the PostgreSQL server that `scripts/with-postgres` starts (without it, these tests
//! say they are skipped, except in CI, where they fail).

mod common;

use common::hub::{cli, desk_syncing, edit, export, hub, ok, shown, sync, until, until_shown};
use regulars::domain::Id;

/// A customer forgotten at another till is forgotten at the desk without taking away what the cashier is
/// doing: the search typed stays, and a form open for someone else stays open with its text.
#[test]
fn a_forget_from_another_till_leaves_the_search_and_the_form_in_hand() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let zeno = cli(&a, &["add", "--name", "Zeno Nuovo"]);
    cli(&a, &["add", "--name", "Zelda Rossi"]);
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    let mut desk = desk_syncing(&b, &hub.url);
    until_shown(&mut desk, "synced");
    desk.typed("zelda").key(crossterm::event::KeyCode::Enter);
    desk.key(crossterm::event::KeyCode::Char('n'))
        .typed("half a note");
    cli(&a, &["forget", &zeno, "--yes"]);
    ok(sync(&a, &hub.url));
    let screen = until_shown(&mut desk, "Zeno Nuovo is forgotten");
    // Forgotten at another till: this one has nothing to send on.
    let said = &desk.app.state.status.as_ref().unwrap().text;
    assert!(!said.contains("other tills"), "{said}");
    assert!(screen.contains("Note for Zelda Rossi"), "{screen}");
    assert!(screen.contains("half a note"), "{screen}");
    assert!(screen.contains("│zelda"), "{screen}");
    let id: Id = zeno.parse().unwrap();
    assert!(desk.app.book.customer(id).is_err());
}

/// Records pulled while a customer is highlighted or open, and while an entry of their timeline is
/// selected, move neither: the next key (a note, a void) lands on whom and what the screen showed, even
/// when the list searched again puts others first.
#[test]
fn records_pulled_move_neither_the_open_card_nor_the_entry_selected() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let lorenzos: Vec<String> = ["Lorenzo Romano", "Lorenzo Ricci", "Lorenzo Bianchi"]
        .into_iter()
        .map(|name| cli(&a, &["add", "--name", name]))
        .collect();
    let nicolo = cli(&a, &["add", "--name", "Nicolò Santoro"]);
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    let mut desk = desk_syncing(&a, &hub.url);
    until_shown(&mut desk, "synced");
    // The third Lorenzo, opened, with two visits logged at the desk; the second entry selected.
    desk.typed("lorenzo")
        .key(crossterm::event::KeyCode::Down)
        .key(crossterm::event::KeyCode::Down)
        .key(crossterm::event::KeyCode::Enter);
    let open = desk.app.state.profile.as_ref().unwrap().customer.clone();
    for what in ["espresso", "cornetto"] {
        desk.key(crossterm::event::KeyCode::Char('V'))
            .key(crossterm::event::KeyCode::Tab)
            .typed(what)
            .key(crossterm::event::KeyCode::Enter);
    }
    // "A visit was already logged at 10:00: another one?"
    desk.key(crossterm::event::KeyCode::Char('y'));
    until_shown(&mut desk, "synced ·");
    desk.key(crossterm::event::KeyCode::Tab)
        .key(crossterm::event::KeyCode::Down)
        .key(crossterm::event::KeyCode::Enter);
    let screen = desk.screen();
    // The second entry down (the two visits share their minute: which is first is the desk's order).
    let selected = ["What: espresso", "What: cornetto"]
        .into_iter()
        .find(|what| screen.contains(what))
        .unwrap_or_else(|| panic!("{screen}"));
    desk.key(crossterm::event::KeyCode::Esc);
    // At till B: a visit for the one open here (a newer entry, above the selected one), then one for
    // another Lorenzo, who comes first in the list from then on, and a note for someone not in it.
    ok(sync(&b, &hub.url));
    let id = open.id.to_string();
    cli(&b, &["visit", &id, "--what", "spremuta"]);
    let other = lorenzos.iter().find(|l| **l != id).unwrap();
    cli(&b, &["visit", other]);
    cli(&b, &["note", &nicolo, "asked about gift cards"]);
    ok(sync(&b, &hub.url));
    until_shown(&mut desk, "spremuta");
    let nicolo_id: Id = nicolo.parse().unwrap();
    until(&mut desk, "the note for Nicolò", |desk| {
        desk.app.book.card(nicolo_id).unwrap().notes().count() == 1
    });
    let shown = desk.app.state.profile.as_ref().unwrap().customer.id;
    assert_eq!(shown, open.id, "{}", desk.screen());
    // The entry selected is still the same visit, one further down now: Enter shows it whole.
    desk.key(crossterm::event::KeyCode::Enter);
    let screen = desk.screen();
    assert!(screen.contains(selected), "{screen}");
    // And a note written now is theirs.
    desk.key(crossterm::event::KeyCode::Esc)
        .key(crossterm::event::KeyCode::Esc)
        .key(crossterm::event::KeyCode::Char('n'));
    let screen = desk.screen();
    assert!(
        screen.contains(&format!("Note for {}", open.name)),
        "{screen}"
    );
}

#[test]
fn the_desk_shows_the_other_tills_visit_by_itself_and_sends_its_own_note() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    let mut desk = desk_syncing(&a, &hub.url);
    desk.typed("anna").key(crossterm::event::KeyCode::Enter);
    until_shown(&mut desk, "synced");
    // Till B logs a visit and syncs: the desk shows it on the open card, with no key pressed, woken by
    // the hub's announcement well before its own look every 30 seconds of its time.
    cli(
        &b,
        &["visit", &anna, "--amount", "1.10", "--what", "spremuta"],
    );
    ok(sync(&b, &hub.url));
    let before = desk.now;
    let screen = until_shown(&mut desk, "spremuta");
    assert!(
        desk.now - before < std::time::Duration::from_secs(20),
        "shown only after {:?} of the desk's time",
        desk.now - before
    );
    assert!(screen.contains("1 visit"), "{screen}");
    // The list, read from the search index, counts it too.
    let row = screen
        .lines()
        .find(|l| l.contains("▸ Anna Ferri"))
        .unwrap_or_default();
    assert!(row.contains(" 1 "), "{screen}");
    // A note written at the desk goes to the hub by itself, and B takes it.
    desk.key(crossterm::event::KeyCode::Char('n'))
        .typed("asked for the blue scarf")
        .key(crossterm::event::KeyCode::Enter);
    // Until the hub has it, the search line says it is on its way (the desk's state moves only when
    // it is ticked, and the tick that sent it cannot have heard back yet).
    let screen = desk.screen();
    assert!(screen.contains("sending… ·"), "{screen}");
    let notes = || -> i64 {
        hub.client()
            .query_one(
                "SELECT count(*) FROM regulars_changes WHERE kind = 'note'",
                &[],
            )
            .unwrap()
            .get(0)
    };
    until(&mut desk, "the note on the hub", |_| notes() > 0);
    let got = ok(sync(&b, &hub.url));
    assert!(got.contains("1 received"), "{got}");
    let card = shown(&b, &anna);
    assert_eq!(card["notes"][0]["text"], "asked for the blue scarf");
    until_shown(&mut desk, "synced");
}

#[test]
fn a_desk_that_cannot_reach_the_hub_says_since_when_and_counts_what_waits() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    cli(&a, &["add", "--name", "Anna Ferri"]);
    let mut desk = desk_syncing(&a, "postgresql://regulars@127.0.0.1:1/shop");
    desk.typed("anna").key(crossterm::event::KeyCode::Enter);
    // The desk's clock is the tests' 10:00 in Rome.
    let screen = until_shown(&mut desk, "offline since 10:00");
    // Before this desk's first round, the customer added by the command line waits too.
    assert!(screen.contains("— 1 waiting"), "{screen}");
    // Never reached since it started: the status line says why, once.
    let said = desk.app.state.status.clone().expect("why it is offline");
    assert!(
        said.text
            .contains("cannot be reached (nothing answers on that port"),
        "{}",
        said.text
    );
    desk.key(crossterm::event::KeyCode::Char('n'))
        .typed("likes jazz")
        .key(crossterm::event::KeyCode::Enter);
    let screen = desk.screen();
    assert!(
        screen.contains("offline since 10:00 — 2 waiting"),
        "{screen}"
    );
    assert!(
        screen.contains("likes jazz"),
        "the note is saved here: {screen}"
    );
    // Said once: the tries after it (every few seconds) leave the status line to what the cashier did.
    let noted = desk.app.state.status.clone().expect("the note's word").text;
    assert!(!noted.contains("reached"), "{noted}");
    let failed = desk.app.sync_failures().expect("the desk syncs");
    until(&mut desk, "another try, failed", |d| {
        d.app.sync_failures().is_some_and(|n| n > failed)
    });
    assert_eq!(desk.app.state.status.clone().unwrap().text, noted);
}

#[test]
fn an_edit_saved_at_the_desk_keeps_what_the_other_till_changed_while_its_form_was_open() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(
        &a,
        &["add", "--name", "Anna Ferri", "--phone", "333 111 1111"],
    );
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    let mut desk = desk_syncing(&a, &hub.url);
    // Today, as the command line that added her (the form refuses "customer since" after today).
    desk.app.state.clock = regulars::clock::Clock::System;
    desk.typed("anna").key(crossterm::event::KeyCode::Enter);
    until_shown(&mut desk, "synced");
    // The edit form opens; meanwhile till B changes the phone, and the desk takes that in.
    desk.key(crossterm::event::KeyCode::Char('e'));
    edit(&b, &anna, 1, |d| d.phones = vec!["333 222 2222".into()]);
    ok(sync(&b, &hub.url));
    let id: Id = anna.parse().unwrap();
    until(&mut desk, "the phone from till B", |desk| {
        desk.app.book.customer(id).unwrap().phones == ["333 222 2222"]
    });
    // The form still shows the old phone; it is saved with a nickname added.
    desk.key(crossterm::event::KeyCode::Tab)
        .typed("Annina")
        .key(crossterm::event::KeyCode::Enter);
    let card = show_while_open(&mut desk, &anna);
    assert_eq!(
        card.nickname.as_deref(),
        Some("Annina"),
        "{}",
        desk.screen()
    );
    assert_eq!(card.phones, vec!["333 222 2222".to_string()]);
}

/// Ctrl-Z of an edit gives back what that edit changed, and nothing else: a field another till changed
/// after it stays, at this till and, once synced, at the other.
#[test]
fn an_edit_taken_back_at_the_desk_keeps_what_the_other_till_changed_since() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(
        &a,
        &["add", "--name", "Anna Ferri", "--phone", "333 111 1111"],
    );
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    let mut desk = desk_syncing(&a, &hub.url);
    desk.app.state.clock = regulars::clock::Clock::System;
    desk.typed("anna").key(crossterm::event::KeyCode::Enter);
    until_shown(&mut desk, "synced");
    // At the desk: the nickname. Then at till B: the likes, synced.
    desk.key(crossterm::event::KeyCode::Char('e'))
        .key(crossterm::event::KeyCode::Tab)
        .typed("Annina")
        .key(crossterm::event::KeyCode::Enter);
    assert_eq!(
        show_while_open(&mut desk, &anna).nickname.as_deref(),
        Some("Annina")
    );
    edit(&b, &anna, 1, |d| d.preferences = "oat milk".into());
    ok(sync(&b, &hub.url));
    let id: Id = anna.parse().unwrap();
    until(&mut desk, "the likes from till B", |desk| {
        desk.app.book.customer(id).unwrap().preferences == "oat milk"
    });
    // The desk's edit taken back: the nickname goes, the likes from B stay.
    desk.mods(
        crossterm::event::KeyCode::Char('z'),
        crossterm::event::KeyModifiers::CONTROL,
    )
    .key(crossterm::event::KeyCode::Char('y'));
    let card = show_while_open(&mut desk, &anna);
    assert_eq!(card.nickname, None, "{}", desk.screen());
    assert_eq!(card.preferences, "oat milk", "{}", desk.screen());
    assert_eq!(card.phones, vec!["333 111 1111".to_string()]);
    until(&mut desk, "the undo sent", |desk| {
        desk.screen().contains("synced ·")
    });
    drop(desk);
    ok(sync(&b, &hub.url));
    let at_b = shown(&b, &anna);
    assert!(at_b["nickname"].is_null(), "{at_b}");
    assert_eq!(at_b["preferences"], "oat milk", "{at_b}");
    assert_eq!(export(&a), export(&b));
}

/// Ctrl-Z of a customer just added, once the hub has them: they are taken back at every till (a forget,
/// which travels), not at this one alone, where another till's next edit would have brought them back.
#[test]
fn a_customer_added_and_taken_back_at_the_desk_goes_from_every_till() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    cli(&a, &["add", "--name", "Anna Ferri"]);
    let mut desk = desk_syncing(&a, &hub.url);
    desk.app.state.clock = regulars::clock::Clock::System;
    until_shown(&mut desk, "synced");
    desk.typed("Zeno Nuovo").mods(
        crossterm::event::KeyCode::Char('n'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    desk.key(crossterm::event::KeyCode::Enter);
    until(&mut desk, "Zeno on the hub", |desk| {
        desk.screen().contains("synced ·") && desk.screen().contains("Zeno Nuovo")
    });
    let got = ok(sync(&b, &hub.url));
    assert!(got.contains("2 received"), "{got}");
    assert_eq!(cli(&b, &["find", "zeno"]).lines().count(), 1);
    desk.mods(
        crossterm::event::KeyCode::Char('z'),
        crossterm::event::KeyModifiers::CONTROL,
    )
    .key(crossterm::event::KeyCode::Char('y'));
    until(&mut desk, "the forget sent", |desk| {
        desk.screen().contains("synced · 1 customer")
    });
    drop(desk);
    assert_eq!(cli(&a, &["find", "zeno"]), "");
    let got = ok(sync(&b, &hub.url));
    assert!(got.contains("forgotten"), "{got}");
    assert_eq!(cli(&b, &["find", "zeno"]), "");
    assert_eq!(export(&a), export(&b));
}

/// Ctrl-Z of something another till has changed since says so, by name: an edit whose field another
/// till changed again gives nothing back ("Nothing to undo…"), and a customer added here who has a visit
/// from another till is not removed ("… already has visits or notes").
#[test]
fn an_undo_overtaken_by_another_till_says_so_by_name() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let anna = cli(&a, &["add", "--name", "Anna Ferri"]);
    ok(sync(&a, &hub.url));
    ok(sync(&b, &hub.url));
    let mut desk = desk_syncing(&a, &hub.url);
    desk.app.state.clock = regulars::clock::Clock::System;
    desk.typed("anna").key(crossterm::event::KeyCode::Enter);
    until_shown(&mut desk, "synced");
    desk.key(crossterm::event::KeyCode::Char('e'))
        .key(crossterm::event::KeyCode::Tab)
        .typed("Annina")
        .key(crossterm::event::KeyCode::Enter);
    until_shown(&mut desk, "synced ·");
    ok(sync(&b, &hub.url));
    edit(&b, &anna, 1, |d| d.nickname = Some("Nina".into()));
    ok(sync(&b, &hub.url));
    let id: Id = anna.parse().unwrap();
    until(&mut desk, "the nickname from till B", |desk| {
        desk.app.book.customer(id).unwrap().nickname.as_deref() == Some("Nina")
    });
    desk.mods(
        crossterm::event::KeyCode::Char('z'),
        crossterm::event::KeyModifiers::CONTROL,
    )
    .key(crossterm::event::KeyCode::Char('y'));
    let screen = desk.screen();
    assert!(
        screen.contains("Nothing to undo: what that edit changed"),
        "{screen}"
    );
    assert_eq!(
        show_while_open(&mut desk, &anna).nickname.as_deref(),
        Some("Nina")
    );
    // A customer added here, then visited at till B: the undo names them and removes nobody.
    desk.key(crossterm::event::KeyCode::Esc)
        .typed("Ugo Racecase")
        .mods(
            crossterm::event::KeyCode::Char('n'),
            crossterm::event::KeyModifiers::CONTROL,
        );
    desk.key(crossterm::event::KeyCode::Enter);
    until_shown(&mut desk, "synced ·");
    ok(sync(&b, &hub.url));
    let ugo = cli(&b, &["find", "ugo"]);
    let ugo = ugo.split('\t').next().unwrap().to_string();
    cli(&b, &["visit", &ugo]);
    ok(sync(&b, &hub.url));
    until_shown(&mut desk, "1 visit");
    desk.mods(
        crossterm::event::KeyCode::Char('z'),
        crossterm::event::KeyModifiers::CONTROL,
    )
    .key(crossterm::event::KeyCode::Char('y'));
    let screen = desk.screen();
    assert!(
        screen.contains("Not done: Ugo Racecase already has visits or notes"),
        "{screen}"
    );
}

/// The customer as the desk's own store holds them now.
fn show_while_open(desk: &mut common::desk::Desk, id: &str) -> regulars::domain::Customer {
    desk.app.book.customer(id.parse().unwrap()).unwrap()
}

/// A forget at a desk that syncs says, as `regulars forget` does, that the other tills forget them too
/// once it has synced, and the whole sentence is read at 80 columns.
#[test]
fn a_forget_at_a_syncing_desk_says_the_other_tills_forget_them_too() {
    let Some(hub) = hub() else { return };
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let zeno = cli(&a, &["add", "--name", "Zeno Nuovo"]);
    ok(sync(&a, &hub.url));
    let mut desk = desk_syncing(&a, &hub.url);
    until_shown(&mut desk, "synced");
    desk.typed("zeno").key(crossterm::event::KeyCode::Enter);
    desk.ctrl('d');
    desk.typed("Zeno Nuovo")
        .key(crossterm::event::KeyCode::Enter);
    let id: Id = zeno.parse().unwrap();
    assert!(desk.app.book.customer(id).is_err());
    let said = desk.app.state.status.as_ref().unwrap().text.clone();
    let travels = "The other tills forget them too once this till has synced";
    assert!(said.contains(travels), "{said}");
    // On the screen, the status rows read as one sentence hold all of it.
    let screen = desk.screen();
    let status: String = screen
        .lines()
        .skip_while(|row| !row.contains("is forgotten"))
        .take_while(|row| !row.contains("F1"))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        status.ends_with("The other tills forget them too once this till has synced."),
        "{screen}"
    );
}
