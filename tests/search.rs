//! Search through the book, as the desk and `regulars find` use it: accents, apostrophes, phones,
//! ranking, and the index kept current on every write.

mod common;

use chrono::{Duration, NaiveDate};
use regulars::book::Book;
use regulars::domain::{CustomerDraft, CustomerText, Id};

struct Fixture {
    book: Book,
    _dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let book = Book::open(&dir.path().join("store"), None).unwrap();
        Fixture { book, _dir: dir }
    }

    fn add(&mut self, name: &str, nickname: &str, phones: &str) -> Id {
        let today = common::now().date_naive();
        let text = CustomerText {
            name: name.into(),
            nickname: nickname.into(),
            phones: phones.into(),
            ..Default::default()
        };
        let draft = CustomerDraft::from_text(&text, today).unwrap();
        self.book
            .add_customer(draft, common::now().to_utc(), today)
            .unwrap()
            .id
    }

    fn visit(&mut self, id: Id, days_ago: i64) {
        let at = common::now().to_utc() - Duration::days(days_ago);
        self.book.log_visit(id, at, None, None).unwrap();
    }

    fn names(&self, query: &str) -> Vec<String> {
        self.book
            .search(query, None)
            .into_iter()
            .map(|id| self.book.entry(id).unwrap().name.to_string())
            .collect()
    }
}

#[test]
fn accents_case_and_apostrophes_do_not_matter() {
    let mut f = Fixture::new();
    f.add("Nicolò Bianchi", "", "");
    f.add("Maria D'Angelo", "", "");
    f.add("Zoë Müller", "", "");
    f.add("Jean-Luc Øster", "Capitano", "");
    let cases = [
        ("nicolo", "Nicolò Bianchi"),
        ("NICOLÒ", "Nicolò Bianchi"),
        ("dangelo", "Maria D'Angelo"),
        ("d'angelo", "Maria D'Angelo"),
        ("angelo", "Maria D'Angelo"),
        ("zoe", "Zoë Müller"),
        ("muller", "Zoë Müller"),
        ("oster", "Jean-Luc Øster"),
        ("luc", "Jean-Luc Øster"),
        ("capit", "Jean-Luc Øster"),
        ("maria dang", "Maria D'Angelo"),
    ];
    for (query, expected) in cases {
        assert_eq!(f.names(query), vec![expected], "query {query:?}");
    }
    assert!(f.names("maria zoe").is_empty());
    assert!(f.names("xyz").is_empty());
    assert_eq!(f.names("").len(), 4);
}

#[test]
fn phone_digits_match_whatever_the_spacing_and_prefix() {
    let mut f = Fixture::new();
    f.add("Mobile Mario", "", "+39 333 123 4567");
    f.add("Landline Lia", "", "02 555 0101, 0039 347 000 1111");
    for query in [
        "3331234567",
        "333 123 4567",
        "+39 333 1234567",
        "0039333",
        "123 45",
        "333-123",
    ] {
        assert_eq!(f.names(query), vec!["Mobile Mario"], "query {query:?}");
    }
    for query in ["025550101", "02 555", "347 000 11", "+39 347"] {
        assert_eq!(f.names(query), vec!["Landline Lia"], "query {query:?}");
    }
    assert!(f.names("999 999").is_empty());
}

#[test]
fn word_starts_rank_first_then_the_most_recent_visit() {
    let mut f = Fixture::new();
    let inside = f.add("Anna Barossa", "", "");
    let old = f.add("Rosa Bianchi", "", "");
    let recent = f.add("Luca Rossi", "", "");
    let never = f.add("Rossella Neri", "", "");
    f.visit(inside, 0);
    f.visit(old, 40);
    f.visit(recent, 2);
    let _ = never;
    // "ros": three names start a word with it, ordered by last visit (never last); Barossa only contains it.
    assert_eq!(
        f.names("ros"),
        vec![
            "Luca Rossi",
            "Rosa Bianchi",
            "Rossella Neri",
            "Anna Barossa"
        ]
    );
    // A visit moves someone up among equals.
    f.visit(never, 0);
    assert_eq!(f.names("ros")[0], "Rossella Neri");
    // Phone: a number that starts with the digits ranks before one that only contains them.
    let mut g = Fixture::new();
    g.add("Contains", "", "347 123 3331");
    g.add("Starts", "", "333 000 0000");
    assert_eq!(g.names("333"), vec!["Starts", "Contains"]);
}

#[test]
fn the_index_follows_edits_and_matches_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let today: NaiveDate = common::now().date_naive();
    let mut book = Book::open(&path, None).unwrap();
    let draft = |name: &str| {
        CustomerDraft::from_text(
            &CustomerText {
                name: name.into(),
                ..Default::default()
            },
            today,
        )
        .unwrap()
    };
    let id = book
        .add_customer(draft("Giulia Verdi"), common::now().to_utc(), today)
        .unwrap()
        .id;
    for n in 0..100 {
        book.add_customer(draft(&format!("Filler {n}")), common::now().to_utc(), today)
            .unwrap();
    }
    book.log_visit(id, common::now().to_utc(), None, None)
        .unwrap();
    // Many edits of one customer: the old name stops matching, the new one matches, visits stay.
    for n in 0..150 {
        book.update_customer(
            id,
            draft(&format!("Giulia Verdi{n}")),
            common::now().to_utc(),
            common::now().date_naive(),
        )
        .unwrap();
    }
    book.update_customer(
        id,
        draft("Giulia Rossi"),
        common::now().to_utc(),
        common::now().date_naive(),
    )
    .unwrap();
    assert!(book.search("verdi", None).is_empty());
    assert_eq!(book.search("giulia ross", None), vec![id]);
    assert_eq!(book.entry(id).unwrap().visits, 1);
    assert_eq!(book.len(), 101);
    let live: Vec<Id> = book.search("", None);
    let live_f: Vec<Id> = book.search("fill", Some(10));
    drop(book);
    let reopened = Book::open(&path, None).unwrap();
    assert_eq!(reopened.search("", None), live);
    assert_eq!(reopened.search("fill", Some(10)), live_f);
    assert_eq!(reopened.entry(id).unwrap().visits, 1);
}

#[test]
fn a_limit_keeps_the_best_ranked() {
    let dir = tempfile::tempdir().unwrap();
    let book = common::demo_book(dir.path(), 400);
    let all = book.search("ma", None);
    assert!(all.len() > 10);
    assert_eq!(book.search("ma", Some(10)), all[..10].to_vec());
}
