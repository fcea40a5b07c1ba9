//! The desk's CSV and vCard exports import again into the same customers: random stores, with every
//! customer field and notes (some taken back), exported by the real binary, imported into a new store and
//! exported again. The second file equals the first, and the new store holds the same fields and the same
//! notes that stand. (The desk's own JSON, which carries every record, is round-tripped by the property
//! test in `tests/backup.rs`.)

mod common;

use std::path::Path;

use chrono::Duration;
use proptest::prelude::*;
use regulars::book::Book;
use regulars::domain::{CustomerDraft, CustomerText, NoteKind};

/// Text a person could type in a field: letters with accents, digits, spaces, the characters CSV and
/// vCard must escape or guard (`,` `;` `"` `'` `\` `:`), and those a spreadsheet takes for a formula.
const TEXT: &str = "[a-zA-Zàèéìòù0-9 ,;:\"'\\\\=+@.!?-]{1,24}";

/// One customer of a random store: the fields as typed, and their notes (whether each is taken back).
#[derive(Clone, Debug)]
struct Typed {
    text: CustomerText,
    notes: Vec<(String, bool)>,
}

/// The `i`-th customer: random fields, made unique where the import looks for duplicates (their own
/// phone, their own address, a name no one else has), so that every one of them comes back.
fn typed(i: usize) -> impl Strategy<Value = Typed> {
    let birthday = prop_oneof![
        Just(String::new()),
        (1u32..=28, 1u32..=12).prop_map(|(d, m)| format!("{d:02}/{m:02}")),
        (1u32..=28, 1u32..=12, 1930i32..2010).prop_map(|(d, m, y)| format!("{d:02}/{m:02}/{y}")),
    ];
    (
        (TEXT, proptest::option::of(TEXT)),
        (
            proptest::option::of(0u32..10_000),
            proptest::option::of("[a-z0-9._%+=',-]{1,8}"),
        ),
        birthday,
        (
            (1u32..=28, 1u32..=12, 2000i32..2026),
            proptest::collection::vec("[a-zà-ù=+@'-]{1,8}", 0..3),
        ),
        proptest::option::of("[a-zA-Zàèéìòù0-9 ,;:\"'\\\\=+@.!?\n-]{1,60}"),
        proptest::collection::vec(
            ("[a-zA-Zàèéìòù0-9 ,;:\"'\\\\=+@.!?\n-]{1,80}", any::<bool>()),
            0..3,
        ),
    )
        .prop_map(
            move |(
                (name, nickname),
                (second_phone, email),
                birthday,
                (since, tags),
                likes,
                notes,
            )| {
                let (d, m, y) = since;
                let mut phones = format!("+39 333 {i:07}");
                if let Some(extra) = second_phone {
                    phones.push_str(&format!(", 0{i}{extra:04}"));
                }
                Typed {
                    text: CustomerText {
                        name: format!("{} {i}", name.trim()),
                        nickname: nickname.map(|n| n.trim().to_string()).unwrap_or_default(),
                        phones,
                        email: email
                            .map(|e| format!("{e}.{i}@example.com"))
                            .unwrap_or_default(),
                        birthday,
                        since: format!("{d:02}/{m:02}/{y}"),
                        tags: tags.join(", "),
                        preferences: likes.map(|l| l.trim().to_string()).unwrap_or_default(),
                    },
                    notes: notes
                        .into_iter()
                        .map(|(text, voided)| (text.trim().to_string(), voided))
                        .filter(|(text, _)| !text.is_empty())
                        .collect(),
                }
            },
        )
}

fn shop() -> impl Strategy<Value = Vec<Typed>> {
    (1usize..8).prop_flat_map(|n| (0..n).map(typed).collect::<Vec<_>>())
}

fn build(store: &Path, shop: &[Typed]) {
    let mut book = Book::open(store, Some("Giulia".into())).unwrap();
    let today = common::now().date_naive();
    let mut at = common::now().to_utc() - Duration::days(30);
    for customer in shop {
        let draft = CustomerDraft::from_text(&customer.text, today).unwrap();
        let id = book.add_customer(draft, at, today).unwrap().id;
        for (text, voided) in &customer.notes {
            at += Duration::minutes(5);
            let note = book
                .add_note(id, at, NoteKind::Note, text.clone(), false)
                .unwrap();
            if *voided {
                book.void(note.id, at + Duration::seconds(1)).unwrap();
            }
        }
    }
    book.close();
}

/// What an export carries of every customer, in name order: their fields, and the notes that stand
/// joined as the export joins them.
fn carried(store: &Path) -> Vec<(CustomerText, Option<String>, String)> {
    let mut book = Book::open(store, None).unwrap();
    let mut all: Vec<_> = book
        .search("", None)
        .into_iter()
        .map(|id| {
            let profile = book.profile(id).unwrap();
            let notes: Vec<&str> = profile.notes().map(|n| n.text.as_str()).collect();
            let c = &profile.customer;
            (
                c.to_text(),
                c.birthday.map(|b| b.to_iso()),
                notes.join("\n\n"),
            )
        })
        .collect();
    book.close();
    all.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    all
}

/// `store` exported as `format` in `lang`, imported into a new store, exported again: both files are the
/// same and so is what the two stores hold.
fn round_trip(dir: &Path, store: &Path, format: &str, lang: &str) -> Result<(), TestCaseError> {
    let file = dir.join(format!("first-{lang}.{format}"));
    let export = ["--lang", lang, "export", "--format", format];
    let mut to_file = export.to_vec();
    to_file.extend(["-o", file.to_str().unwrap()]);
    let out = common::run(store, &to_file);
    prop_assert!(out.status.success(), "{}", common::stderr(&out));
    let first = std::fs::read(&file).unwrap();
    let imported = dir.join(format!("imported-{format}-{lang}"));
    let out = common::run(&imported, &["import", file.to_str().unwrap()]);
    prop_assert!(out.status.success(), "{}", common::stderr(&out));
    let again = common::run(&imported, &export);
    prop_assert!(again.status.success(), "{}", common::stderr(&again));
    prop_assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        String::from_utf8_lossy(&first)
    );
    prop_assert_eq!(carried(&imported), carried(store));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(12),
        .. ProptestConfig::default()
    })]

    #[test]
    fn csv_and_vcard_exports_import_again_into_the_same_customers(shop in shop()) {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        build(&store, &shop);
        round_trip(dir.path(), &store, "csv", "en")?;
        // In Italian: Italian headers and `;` between fields, as Excel in Italian opens them.
        round_trip(dir.path(), &store, "csv", "it")?;
        round_trip(dir.path(), &store, "vcf", "en")?;
    }
}
