//! `regulars import` on the real binary and a real store: a spreadsheet's CSV in English or Italian comes
//! in whole, a file with mistakes reports every one and writes nothing, duplicates are skipped, merged or
//! refused as asked, and `--dry-run` writes nothing.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

struct Shop {
    dir: tempfile::TempDir,
    store: PathBuf,
}

impl Shop {
    fn new() -> Shop {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        Shop { dir, store }
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        common::bin()
            .arg("--db")
            .arg(&self.store)
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
        common::stdout(&out)
    }

    /// What a command that makes something (`add`, `visit`, `note`…) printed: its id.
    fn made(&self, args: &[&str]) -> String {
        self.ok(args).trim().to_string()
    }

    fn import(&self, file: &Path, more: &[&str]) -> std::process::Output {
        let mut args = vec!["import", file.to_str().unwrap()];
        args.extend(more);
        self.run(&args)
    }

    /// Everyone `find` knows, as JSON.
    fn everyone(&self) -> Vec<Value> {
        serde_json::from_str(&self.ok(&["find", "", "--json", "--limit", "1000"])).unwrap()
    }

    fn show(&self, id: &str) -> Value {
        serde_json::from_str(&self.ok(&["show", id, "--json"])).unwrap()
    }
}

fn id_of(shop: &Shop, query: &str) -> String {
    let found: Vec<Value> = serde_json::from_str(&shop.ok(&["find", query, "--json"])).unwrap();
    assert_eq!(found.len(), 1, "{query}: {found:#?}");
    found[0]["id"].as_str().unwrap().to_string()
}

#[test]
fn an_italian_spreadsheet_with_semicolons_and_a_bom_comes_in_whole() {
    let shop = Shop::new();
    let file = shop.file(
        "clienti.csv",
        "\u{feff}Nome;Cognome;Cellulare;Telefono;E-mail;Compleanno;Cliente dal;Preferenze;Note;Città\n\
         Maria;Rossi;333 123 4567;02 555 0101;maria@example.it;12/05/1970;2015;cappuccino;\"Vuole il caffè\nmacchiato, tiepido\";Milano\n\
         Nicolò;D'Angelo;+39 347 000 1111;;;;;;;Roma\n"
            .as_bytes(),
    );
    // A dry run into a store not made yet says what would come in and leaves no store behind.
    let said = shop.ok(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(said.contains("Would import 2 customers"), "{said}");
    assert!(!shop.store.exists(), "a dry run made the store");
    let out = shop.import(&file, &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let said = common::stdout(&out);
    assert!(
        said.contains("Not read, the desk has no field for them: Città"),
        "{said}"
    );
    assert!(said.contains("Imported 2 customers"), "{said}");
    // Searchable at once, accents and apostrophes aside.
    let maria = shop.show(&id_of(&shop, "maria rossi"));
    assert_eq!(
        maria["phones"],
        serde_json::json!(["333 123 4567", "02 555 0101"])
    );
    assert_eq!(maria["email"], "maria@example.it");
    assert_eq!(maria["birthday"], "1970-05-12");
    assert_eq!(maria["since"], "2015-01-01");
    assert_eq!(maria["preferences"], "cappuccino");
    let notes = maria["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["text"], "Vuole il caffè\nmacchiato, tiepido");
    let nicolo = shop.show(&id_of(&shop, "dangelo"));
    assert_eq!(nicolo["name"], "Nicolò D'Angelo");
    assert_eq!(id_of(&shop, "3470001111"), nicolo["id"].as_str().unwrap());
}

#[test]
fn a_file_with_bad_rows_reports_every_one_and_writes_nothing() {
    let shop = Shop::new();
    let file = shop.file(
        "customers.csv",
        b"name,phone,email,birthday\n\
          Anna Ferri,333 111 2222,anna@example.com,01/02\n\
          Bruno Neri,call me,,\n\
          Carla Bianchi,,carla@,\n\
          Dario Verdi,,,31/02\n\
          ,333 999 8888,,\n",
    );
    for lang in ["en", "it"] {
        let out = shop.import(&file, &["--lang", lang]);
        assert!(!out.status.success());
        let err = common::stderr(&out);
        let expected: &[&str] = if lang == "en" {
            &[
                "line 3, phone: \"call me\" is not a phone number",
                "line 4, email: \"carla@\" is not an email address",
                "line 5, birthday:",
                "line 6, name:",
                "4 rows have mistakes: nothing was imported.",
            ]
        } else {
            &[
                "riga 3, phone:",
                "riga 4, email:",
                "riga 5, birthday:",
                "riga 6, name:",
                "4 righe hanno errori: non è stato importato nulla.",
            ]
        };
        for e in expected {
            assert!(err.contains(e), "{e:?} in {err}");
        }
        assert_eq!(
            err.lines().count(),
            5,
            "a line per mistake, then the sentence: {err}"
        );
    }
    // Anna, who was fine, is not there either: nothing was written.
    assert!(shop.everyone().is_empty());
    assert!(common::stdout(&shop.run(&["find", "anna"])).is_empty());
}

#[test]
fn duplicates_are_skipped_merged_or_refused_as_asked() {
    let shop = Shop::new();
    let first = shop.file(
        "first.csv",
        b"First name,Last name,Mobile,Email,Tags\n\
          Anna,Ferri,333 111 2222,,regular\n\
          Bruno,Neri,,bruno@example.com,\n",
    );
    assert!(
        shop.ok(&["import", first.to_str().unwrap()])
            .contains("Imported 2 customers")
    );
    // The same people again (by phone with +39, by email in capitals), one new, and a row repeating the
    // new one within the file.
    let again = shop.file(
        "again.csv",
        b"Name,Phone,Email,Tags,Notes\n\
          Anna Ferri,+39 333 1112222,anna@example.com,vip,Likes the window seat\n\
          Bruno Neri,02 555 0101,BRUNO@example.com,,\n\
          Carla Bianchi,347 123 4567,,,\n\
          Carla B.,347 1234567,,,\n",
    );
    let path = again.to_str().unwrap();
    // --dry-run says what would happen and writes nothing.
    let said = shop.ok(&["import", path, "--dry-run"]);
    assert!(
        said.contains("Would import 1 customer; 3 already there would be skipped"),
        "{said}"
    );
    // Each row skipped is named, with whom it is.
    for line in [
        "  line 2: already a customer, Anna Ferri: skipped",
        "  line 3: already a customer, Bruno Neri: skipped",
        "  line 5: the same person as line 4: skipped",
    ] {
        assert!(said.lines().any(|l| l == line), "{line}: {said}");
    }
    assert_eq!(shop.everyone().len(), 2);
    // error: every duplicate is refused, and nothing is written; the summary calls them what they are,
    // people already there, not mistakes of the file.
    let out = shop.import(&again, &["--on-duplicate", "error"]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.ends_with(
            "3 rows repeat people already there (in the store or earlier in the file), and --on-duplicate error refuses them: nothing was imported.\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("line 2: the same person as Anna Ferri, already a customer"),
        "{err}"
    );
    assert!(
        err.contains("line 3: the same person as Bruno Neri"),
        "{err}"
    );
    assert!(err.contains("line 5: the same person as line 4"), "{err}");
    assert_eq!(shop.everyone().len(), 2);
    // merge: what the rows add goes to the customers there; nothing they hold is overwritten.
    let said = shop.ok(&["import", path, "--on-duplicate", "merge"]);
    assert!(said.contains("Imported 1 customer"), "{said}");
    // Anna and Bruno gain something; the second Carla row adds nothing to the first.
    assert!(said.contains("1 already there skipped"), "{said}");
    assert!(said.contains("2 merged"), "{said}");
    // Each row merged or skipped is named, with what a merge did not take (the customer keeps theirs).
    for line in [
        "  line 2: merged into Anna Ferri, already a customer",
        "  line 3: merged into Bruno Neri, already a customer",
        "  line 5: nothing new for line 4: skipped; not taken (the customer keeps their own): Name \"Carla B.\"",
    ] {
        assert!(said.lines().any(|l| l == line), "{line}: {said}");
    }
    let anna = shop.show(&id_of(&shop, "anna ferri"));
    assert_eq!(
        anna["phones"],
        serde_json::json!(["333 111 2222"]),
        "the same number once"
    );
    assert_eq!(anna["email"], "anna@example.com", "an empty field filled");
    assert_eq!(anna["tags"], serde_json::json!(["regular", "vip"]));
    assert_eq!(anna["notes"][0]["text"], "Likes the window seat");
    // The same file merged again adds no note twice, rewrites nobody, and says so.
    let said = shop.ok(&["import", path, "--on-duplicate", "merge"]);
    assert!(
        said.contains("Imported 0 customers") && said.contains("4 already there skipped"),
        "{said}"
    );
    assert!(!said.contains("merged"), "{said}");
    let again = shop.show(&id_of(&shop, "anna ferri"));
    assert_eq!(
        again["notes"].as_array().map(Vec::len),
        Some(1),
        "{again:#}"
    );
    assert_eq!(again["updated_at"], anna["updated_at"]);
    let bruno = shop.show(&id_of(&shop, "bruno neri"));
    assert_eq!(bruno["phones"], serde_json::json!(["02 555 0101"]));
    assert_eq!(bruno["email"], "bruno@example.com", "kept as it was");
    let carla = shop.show(&id_of(&shop, "carla"));
    assert_eq!(carla["name"], "Carla Bianchi");
    assert_eq!(shop.everyone().len(), 3);
    // skip (the default): the same file again adds nobody.
    let said = shop.ok(&["import", path]);
    assert!(said.contains("Imported 0 customers"), "{said}");
    assert!(said.contains("4 already there skipped"), "{said}");
    assert_eq!(shop.everyone().len(), 3);
    // Many rows skipped: an import names the first 20 and counts the rest; a dry run names them all.
    let mut many = String::from("Name,Phone\n");
    for n in 0..25 {
        many.push_str(&format!("Regular {n},333 900 {n:04}\n"));
    }
    let many = shop.file("many.csv", many.as_bytes());
    shop.ok(&["import", many.to_str().unwrap()]);
    let said = shop.ok(&["import", many.to_str().unwrap()]);
    let named = said.lines().filter(|l| l.ends_with(": skipped")).count();
    assert_eq!(named, 20, "{said}");
    assert!(
        said.lines()
            .last()
            .is_some_and(|l| l == "  … and 5 more (--dry-run lists them all)."),
        "{said}"
    );
    let said = shop.ok(&["import", many.to_str().unwrap(), "--dry-run"]);
    assert_eq!(
        said.lines().filter(|l| l.ends_with(": skipped")).count(),
        25
    );
}

#[test]
fn a_file_import_cannot_read_is_one_sentence() {
    let shop = Shop::new();
    let cases: Vec<(PathBuf, Vec<&str>, &str)> = vec![
        (
            shop.file("phones.csv", b"phone,email\n333 111 2222,a@b.it\n"),
            vec![],
            "No column names the customers",
        ),
        (
            shop.file("latin1.csv", b"name\nAnna\nNicol\xf2\n"),
            vec![],
            "The file is not UTF-8 text from line 3 on",
        ),
        (shop.file("empty.csv", b""), vec![], "The file is empty"),
        (
            shop.file("cards.vcf", b"nothing here\n"),
            vec![],
            "There is no card in this file",
        ),
        (
            shop.file("store.json", b"{}"),
            vec![],
            "The file is not the desk's JSON",
        ),
        (
            shop.file("x.csv", b"name\nAnna\n"),
            vec!["--format", "xls"],
            "\"xls\" is not a format",
        ),
        (
            shop.file("y.csv", b"name\nAnna\n"),
            vec!["--on-duplicate", "keep"],
            "\"keep\" is not a choice for --on-duplicate",
        ),
        (
            shop.dir.path().join("missing.csv"),
            vec![],
            "missing.csv: there is no such file or folder.",
        ),
    ];
    for (file, more, sentence) in cases {
        let out = shop.import(&file, &more);
        assert!(!out.status.success(), "{file:?}");
        let err = common::stderr(&out);
        assert!(err.contains(sentence), "{file:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one sentence: {err}");
    }
    assert!(shop.everyone().is_empty());
}

/// A big file, killed (SIGKILL) at moments spread over its import: each time the store holds none of
/// it or all of it, never a part. Into an empty store (written in steps, undone on the next open when
/// interrupted) and into a store with a customer already (one transaction).
#[test]
fn an_import_killed_at_any_moment_leaves_nothing_or_everything() {
    const ROWS: usize = 6_000;
    let shop = Shop::new();
    let mut csv = String::from("name,phone,email,notes\n");
    for i in 0..ROWS {
        csv.push_str(&format!(
            "Customer {i},333 {:07},c{i}@example.com,Note {i}\n",
            i
        ));
    }
    let file = shop.file("big.csv", csv.as_bytes());
    // How long a whole import takes here, on a store of its own.
    let started = std::time::Instant::now();
    let whole = common::bin()
        .arg("--db")
        .arg(shop.dir.path().join("timing"))
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(whole.status.success(), "{}", common::stderr(&whole));
    let took = started.elapsed();
    let count = |store: &Path| {
        let out = common::bin()
            .arg("--db")
            .arg(store)
            .args(["find", "customer", "--json", "--limit", "100000"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", common::stderr(&out));
        serde_json::from_str::<Vec<Value>>(&common::stdout(&out))
            .unwrap()
            .len()
    };
    let mut seen = std::collections::BTreeSet::new();
    for (k, seeded) in (1..=9u32).flat_map(|k| [(k, false), (k, true)]) {
        let store = shop.dir.path().join(format!("killed-{k}-{seeded}"));
        if seeded {
            let out = common::bin()
                .arg("--db")
                .arg(&store)
                .args(["add", "--name", "Someone Else"])
                .output()
                .unwrap();
            assert!(out.status.success());
        }
        let mut child = common::bin()
            .arg("--db")
            .arg(&store)
            .args(["import", file.to_str().unwrap()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(took * k / 7);
        unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
        let status = child.wait().unwrap();
        let mut said = String::new();
        std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut said).unwrap();
        let n = count(&store);
        assert!(
            n == 0 || n == ROWS,
            "killed at {k}/7 of the time (seeded {seeded}): {n} customers"
        );
        if n == ROWS {
            // Every customer came with their note: the last one written too.
            let last = id_of_in(&store, &format!("333{:07}", ROWS - 1));
            let shown: Value = serde_json::from_str(&common::stdout(
                &common::bin()
                    .arg("--db")
                    .arg(&store)
                    .args(["show", &last, "--json"])
                    .output()
                    .unwrap(),
            ))
            .unwrap();
            assert_eq!(
                shown["notes"].as_array().map(Vec::len),
                Some(1),
                "killed at {k}/7 of the time (seeded {seeded})"
            );
        }
        if said.contains("Imported") {
            assert_eq!(n, ROWS, "told imported, so all of it is there");
        }
        seen.insert((n, status.success()));
    }
    // The kills landed before the write and after it, not only on one side.
    eprintln!("(customers found, exit ok) after each kill: {seen:?}");
    assert!(seen.iter().any(|&(n, _)| n == 0), "{seen:?}");
}

/// The id of the one customer `query` finds in `store`.
fn id_of_in(store: &Path, query: &str) -> String {
    let out = common::bin()
        .arg("--db")
        .arg(store)
        .args(["find", query, "--json"])
        .output()
        .unwrap();
    let found: Vec<Value> = serde_json::from_str(&common::stdout(&out)).unwrap();
    assert_eq!(found.len(), 1, "{query}: {found:#?}");
    found[0]["id"].as_str().unwrap().to_string()
}

/// The desk's own CSV export imports again whole: a demo store's customers (every field, notes with line
/// breaks, phones with `+39` written so a spreadsheet does not take them for formulas) exported, imported
/// into a new store and exported again give the same file.
#[test]
fn an_export_imports_again_into_the_same_customers() {
    let shop = Shop::new();
    shop.ok(&["demo", "--customers", "300"]);
    let first = shop.dir.path().join("first.csv");
    let said = shop.ok(&["export", "--format", "csv", "-o", first.to_str().unwrap()]);
    // Once the file is there, it says so (and only that: the rows are in the file).
    assert_eq!(said, format!("Export written to {}.\n", first.display()));
    // A folder that is not there is said to be missing, in one sentence.
    let nowhere = shop.dir.path().join("no-such-folder").join("x.csv");
    let out = shop.run(&["export", "--format", "csv", "-o", nowhere.to_str().unwrap()]);
    assert!(!out.status.success());
    assert_eq!(
        common::stderr(&out),
        format!(
            "regulars: Cannot write {}: there is no such file or folder.\n",
            nowhere.display()
        )
    );
    let csv = std::fs::read_to_string(&first).unwrap();
    // A byte-order mark first, so a spreadsheet reads the accents right.
    assert!(csv.starts_with(
        "\u{feff}name,nickname,phone,email,birthday,customer since,likes,tags,notes\n"
    ));
    assert!(
        csv.contains(",'+39 3"),
        "phones guarded against spreadsheets' formulas"
    );
    assert_eq!(
        csv::Reader::from_reader(csv.as_bytes()).records().count(),
        300
    );
    // In Italian, the headers are Italian and `;` separates the fields, as Excel in Italian opens them.
    let italian = shop.ok(&["--lang", "it", "export", "--format", "csv"]);
    assert!(italian.starts_with(
        "\u{feff}nome;soprannome;telefono;email;compleanno;cliente dal;preferenze;etichette;note\n"
    ));
    let again = Shop::new();
    let said = again.ok(&["import", first.to_str().unwrap()]);
    assert!(said.contains("Imported 300 customers"), "{said}");
    assert_eq!(again.ok(&["export", "--format", "csv"]), csv);
    // Into the store it came from, with a customer added by name alone: nobody twice, and a merge adds
    // nothing (not the notes joined in one cell either).
    shop.ok(&["add", "--name", "Solo Nome"]);
    let with_solo = shop.dir.path().join("solo.csv");
    shop.ok(&[
        "export",
        "--format",
        "csv",
        "-o",
        with_solo.to_str().unwrap(),
    ]);
    let before = shop.ok(&["export", "--format", "json"]);
    let said = shop.ok(&["import", with_solo.to_str().unwrap()]);
    assert!(said.contains("Imported 0 customers"), "{said}");
    shop.ok(&[
        "import",
        with_solo.to_str().unwrap(),
        "--on-duplicate",
        "merge",
    ]);
    assert_eq!(shop.ok(&["export", "--format", "json"]), before);
    // An export asked wrongly is one sentence.
    for (args, sentence) in [
        (vec!["export"], "Say what to export"),
        (
            vec!["export", "--format", "json", "--consented", "sms"],
            "cannot be used together with",
        ),
        (
            vec!["export", "--format", "xls"],
            "\"xls\" is not a format to export: use csv, vcf or json.",
        ),
        (
            vec!["export", "--format", "abook"],
            "\"abook\" is not a format to export",
        ),
        (
            vec![
                "export",
                "--person",
                "01M8TG2EVS13C6N4WJ85YF6PCB",
                "--format",
                "csv",
            ],
            "One person's data is exported as JSON",
        ),
    ] {
        let out = shop.run(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            common::stderr(&out).contains(sentence),
            "{args:?}: {}",
            common::stderr(&out)
        );
    }
}

/// abook's `addressbook` file, recognised by its name: every contact in, an address beyond the first kept
/// in their note, abook's "anniversary" read as the birthday (with or without a year).
#[test]
fn an_abook_addressbook_comes_in() {
    let shop = Shop::new();
    let file = shop.file(
        "addressbook",
        "# abook addressbook file\n\n[format]\nprogram=abook\nversion=0.6.1\n\n\n\
         [0]\nname=Maria Rossi\nemail=maria@example.it,m.rossi@work.it\nnick=Mari\n\
         phone=02 555 0101\nmobile=333 123 4567\nanniversary=1970-05-12\ncity=Milano\n\n\
         [1]\nname=Luca Bianchi\nanniversary=--12-24\n\n\
         [2]\nname=Bad Phone\nmobile=call me\n"
            .as_bytes(),
    );
    // One bad contact: named by the line of its section, and nothing written.
    let out = shop.import(&file, &[]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains("line 21, mobile: \"call me\" is not a phone number"),
        "{err}"
    );
    assert!(!shop.store.exists(), "a refused import left a store");
    assert!(shop.everyone().is_empty());
    // Fixed, it comes in.
    let fixed = std::fs::read_to_string(&file)
        .unwrap()
        .replace("mobile=call me", "mobile=347 000 1111");
    std::fs::write(&file, fixed).unwrap();
    let said = shop.ok(&["import", file.to_str().unwrap()]);
    assert!(said.contains("Imported 3 customers"), "{said}");
    assert!(
        said.contains("Not read, the desk has no field for them: city"),
        "{said}"
    );
    let maria = shop.show(&id_of(&shop, "maria"));
    assert_eq!(maria["nickname"], "Mari");
    assert_eq!(
        maria["phones"],
        serde_json::json!(["02 555 0101", "333 123 4567"])
    );
    assert_eq!(maria["email"], "maria@example.it");
    assert_eq!(maria["birthday"], "1970-05-12");
    assert_eq!(maria["notes"][0]["text"], "m.rossi@work.it");
    let luca = shop.show(&id_of(&shop, "luca"));
    assert_eq!(luca["birthday"], "--12-24");
    // Under another name, it is known by what it starts with; so are a vCard and the desk's JSON.
    let elsewhere = Shop::new();
    let copied = elsewhere.file("rubrica.bak", &std::fs::read(&file).unwrap());
    let said = elsewhere.ok(&["import", copied.to_str().unwrap()]);
    assert!(said.contains("Imported 3 customers"), "{said}");
    let cards = elsewhere.file(
        "contatti",
        b"\xef\xbb\xbf\nbegin:vcard\nFN:Anna Ferri\nTEL:333 222 1111\nEND:VCARD\n",
    );
    let said = elsewhere.ok(&["import", cards.to_str().unwrap()]);
    assert!(said.contains("Imported 1 customer"), "{said}");
    let json = elsewhere.dir.path().join("store-copy");
    elsewhere.ok(&["export", "--format", "json", "-o", json.to_str().unwrap()]);
    let third = Shop::new();
    let said = third.ok(&["import", json.to_str().unwrap()]);
    assert!(said.contains("Imported 4 customers"), "{said}");
}

/// A phone's export (vCard 2.1, quoted-printable, CRLF) in one file, and a folder of cards as khard keeps
/// them (vCard 3.0, one file per card): every card comes in; a bad card names its file and line.
#[test]
fn vcards_from_a_phone_and_a_khard_folder_come_in() {
    let shop = Shop::new();
    let phone = shop.file(
        "contacts.vcf",
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:D'Angelo;Nicol=C3=B2;;;\r\n\
          FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Nicol=C3=B2 D'Angelo\r\nTEL;CELL:+39 347 000 1111\r\n\
          BDAY:19700512\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:Verdi;Giulia;;;\r\nTEL;HOME:02 555 0101\r\n\
          END:VCARD\r\n",
    );
    let said = shop.ok(&["import", phone.to_str().unwrap()]);
    assert!(said.contains("Imported 2 customers"), "{said}");
    let nicolo = shop.show(&id_of(&shop, "nicolo"));
    assert_eq!(nicolo["name"], "Nicolò D'Angelo");
    assert_eq!(nicolo["birthday"], "1970-05-12");
    assert_eq!(shop.show(&id_of(&shop, "giulia"))["name"], "Giulia Verdi");

    let vdir = shop.dir.path().join("contacts");
    std::fs::create_dir(&vdir).unwrap();
    let card = |name: &str, body: &str| {
        std::fs::write(
            vdir.join(name),
            format!("BEGIN:VCARD\nVERSION:3.0\nPRODID:-//khard//EN\nUID:{name}\n{body}END:VCARD\n"),
        )
        .unwrap();
    };
    card(
        "1a2b.vcf",
        "FN:Anna Ferri\nN:Ferri;Anna;;;\nEMAIL;TYPE=home:anna@example.com\nTEL;TYPE=cell:333 111 2222\n\
         NOTE:Likes the window seat\\, always\nCATEGORIES:vip\n",
    );
    card(
        "3c4d.vcf",
        "FN:Bruno Neri\nBDAY:--1224\nTEL;TYPE=cell:call me\n",
    );
    std::fs::write(vdir.join("README"), "not a card").unwrap();
    // One bad card: its file and line are named, and nothing is written.
    let out = shop.import(&vdir, &[]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains("3c4d.vcf, line 1, TEL: \"call me\" is not a phone number"),
        "{err}"
    );
    assert_eq!(shop.everyone().len(), 2);
    card(
        "3c4d.vcf",
        "FN:Bruno Neri\nBDAY:--1224\nTEL;TYPE=cell:349 222 3333\n",
    );
    let said = shop.ok(&["import", vdir.to_str().unwrap()]);
    assert!(said.contains("Imported 2 customers"), "{said}");
    let anna = shop.show(&id_of(&shop, "anna"));
    assert_eq!(anna["email"], "anna@example.com");
    assert_eq!(anna["tags"], serde_json::json!(["vip"]));
    assert_eq!(anna["notes"][0]["text"], "Likes the window seat, always");
    assert_eq!(shop.show(&id_of(&shop, "bruno"))["birthday"], "--12-24");
    // A folder with no card is one sentence.
    let empty = shop.dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = shop.import(&empty, &[]);
    assert!(common::stderr(&out).contains("There is no .vcf file in"));
}

/// The desk's own JSON carries every record exactly: a store with every kind of record (visits with and
/// without amounts, a voided one and its void, a complaint and its answer, promises kept and cancelled, a
/// reward, consent, a referral) exported, imported into a new store and exported again gives the same
/// bytes; the customer reads the same in both. A merge brings over only the records the store lacks.
#[test]
fn the_json_export_imports_again_record_for_record() {
    let a = Shop::new();
    a.ok(&["demo", "--customers", "40"]);
    let anna = a.made(&[
        "add",
        "--name",
        "Anna Ferri",
        "--phone",
        "333 111 2222",
        "--birthday",
        "12/05",
    ]);
    let luca = a.made(&["add", "--name", "Luca Neri", "--referred-by", &anna]);
    for _ in 0..10 {
        a.ok(&["visit", &anna, "--amount", "2.50", "--what", "cappuccino"]);
    }
    let oops = a.made(&["visit", &luca]);
    a.ok(&["void", &oops]);
    let complaint = a.made(&["note", &anna, "Cold coffee", "--kind", "complaint"]);
    a.ok(&[
        "note",
        &anna,
        "Sorry, a new one",
        "--kind",
        "apology",
        "--answers",
        &complaint,
    ]);
    let kept = a.made(&[
        "promise",
        &anna,
        "Call when the mugs arrive",
        "--due",
        "+3d",
    ]);
    a.ok(&["kept", &kept]);
    let cancelled = a.made(&["promise", &luca, "Keep a table", "--due", "+1d"]);
    a.ok(&["cancel", &cancelled]);
    a.ok(&["redeem", &anna]);
    a.ok(&["consent", &anna, "sms", "yes"]);
    let first = a.dir.path().join("a.json");
    a.ok(&["export", "--format", "json", "-o", first.to_str().unwrap()]);
    let json = std::fs::read_to_string(&first).unwrap();
    for kind in [
        "visit",
        "void",
        "note",
        "promise",
        "promise_end",
        "redemption",
        "consent",
    ] {
        assert!(json.contains(&format!("\"kind\":\"{kind}\"")), "{kind}");
    }
    // A customer a line, between the line that says what the file is and the one that closes it.
    assert_eq!(json.lines().count(), 42 + 2);
    assert!(json.lines().nth(1).unwrap().starts_with("{\"id\":"));
    let b = Shop::new();
    assert!(
        b.ok(&["import", first.to_str().unwrap()])
            .contains("Imported 42 customers")
    );
    assert_eq!(b.ok(&["export", "--format", "json"]), json);
    for id in [&anna, &luca] {
        assert_eq!(b.ok(&["show", id, "--json"]), a.ok(&["show", id, "--json"]));
    }
    // A store that has the same customers from a spreadsheet (other ids): the JSON adds none of them
    // again; a merge, which joins records of one id, is refused with a sentence.
    let d = Shop::new();
    let csv = a.dir.path().join("a.csv");
    a.ok(&["export", "--format", "csv", "-o", csv.to_str().unwrap()]);
    d.ok(&["import", csv.to_str().unwrap()]);
    let said = d.ok(&["import", first.to_str().unwrap()]);
    assert!(said.contains("Imported 0 customers"), "{said}");
    // Each skipped customer is named by their place in the file, with whom they are.
    assert!(
        said.lines().any(
            |l| l.starts_with("  customer 1: already a customer, ") && l.ends_with(": skipped")
        ),
        "{said}"
    );
    assert_eq!(d.everyone().len(), 42);
    let out = d.import(&first, &["--on-duplicate", "merge"]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(err.contains("a customer already under another id"), "{err}");
    // The last sentence says why the merge, which was asked, refused them (not `--on-duplicate error`).
    assert!(
        err.trim_end().ends_with(
            "42 customers in the file are already customers under other ids, and a merge joins the \
             records of one id only: nothing was imported (--on-duplicate skip leaves them out and \
             imports the rest)."
        ),
        "{err}"
    );
    // Anna comes once more at A: a merge brings that visit over to B, and nothing twice.
    a.ok(&["visit", &anna]);
    let second = a.dir.path().join("a2.json");
    a.ok(&["export", "--format", "json", "-o", second.to_str().unwrap()]);
    let merge = [
        "import",
        second.to_str().unwrap(),
        "--on-duplicate",
        "merge",
    ];
    // Only Anna brings something new; the others are said to bring nothing, and counted as skipped (a
    // dry run lists every one).
    let said = b.ok(&[&merge[..], &["--dry-run"]].concat());
    let merged: Vec<&str> = said
        .lines()
        .filter(|l| l.contains(": merged into "))
        .collect();
    assert_eq!(merged.len(), 1, "{said}");
    assert!(
        merged[0].contains("Anna Ferri, already a customer"),
        "{said}"
    );
    assert!(
        said.lines()
            .any(|l| l.starts_with("  customer 1: nothing new for ") && l.ends_with(": skipped")),
        "{said}"
    );
    // In Italian, a customer skipped is "saltato" (a row of a table is "saltata").
    let said = b.ok(&[&["--lang", "it"][..], &merge[..], &["--dry-run"]].concat());
    assert!(
        said.lines()
            .any(|l| l.starts_with("  cliente 1: niente di nuovo per ") && l.ends_with(": saltato")),
        "{said}"
    );
    let said = b.ok(&merge);
    assert!(
        said.contains("; 41 already there skipped; 1 merged into customers already there."),
        "{said}"
    );
    assert_eq!(
        b.ok(&["export", "--format", "json"]),
        std::fs::read_to_string(&second).unwrap()
    );
    // A file naming a record that is not in it, or of another shape, is refused whole.
    let broken = json.replacen(
        &format!("\"target\":\"{oops}\""),
        "\"target\":\"01M8TG2EVS13C6N4WJ85YF6PCB\"",
        1,
    );
    assert_ne!(broken, json);
    let c = Shop::new();
    let out = c.import(&c.file("broken.json", broken.as_bytes()), &[]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains("it names 01M8TG2EVS13C6N4WJ85YF6PCB, which is not in the file"),
        "{err}"
    );
    assert!(
        err.contains("1 customer in the file has a mistake: nothing was imported."),
        "{err}"
    );
    let out = c.import(
        &c.file(
            "other.json",
            br#"{"format": "contacts", "version": 3, "customers": []}"#,
        ),
        &[],
    );
    assert!(common::stderr(&out).contains("this desk reads \"regulars-store\" version 1"));
    assert!(c.everyone().is_empty());
}

/// The desk's JSON is held to the rules of the desk's own forms: a file edited by hand (or by a script)
/// with a phone that is no phone, an address that is none, a "customer since" in the future, an empty
/// name or note text, or a negative amount is refused whole, every mistake named by customer and field,
/// in the run's language. A referrer already in the store (not in the file) is found there.
#[test]
fn a_json_file_is_held_to_the_forms_rules_and_may_name_a_referrer_in_the_store() {
    let a = Shop::new();
    let anna = a.made(&[
        "add",
        "--name",
        "Anna Ferri",
        "--phone",
        "333 111 2222",
        "--email",
        "anna@example.it",
    ]);
    let luca = a.made(&["add", "--name", "Luca Neri", "--referred-by", &anna]);
    a.ok(&["note", &anna, "Likes the window seat"]);
    a.ok(&["visit", &luca, "--amount", "4.20"]);
    let file = a.dir.path().join("a.json");
    a.ok(&["export", "--format", "json", "-o", file.to_str().unwrap()]);
    let json = std::fs::read_to_string(&file).unwrap();
    let edited = json
        .replace("\"333 111 2222\"", "\"abc\"")
        .replace("\"anna@example.it\"", "\"nope\"")
        .replace("\"Likes the window seat\"", "\"  \"")
        .replace("\"name\":\"Luca Neri\"", "\"name\":\"\"")
        .replace("\"amount_cents\":420", "\"amount_cents\":-420");
    let since = json.split("\"since\":\"").nth(1).unwrap()[..10].to_string();
    // Luca has no birthday: one that does not exist is named too, with the rest.
    let edited = edited.replacen("\"birthday\":null", "\"birthday\":\"2001-13-45\"", 2);
    let edited = edited.replacen(
        &format!("\"since\":\"{since}\""),
        "\"since\":\"2099-01-01\"",
        1,
    );
    for (what, original) in [
        ("abc", "333 111 2222"),
        ("nope", "anna@"),
        ("2099-01-01", &since),
        ("-420", "420"),
    ] {
        assert!(edited.contains(what) && json.contains(original), "{what}");
    }
    let b = Shop::new();
    let out = b.import(&b.file("edited.json", edited.as_bytes()), &[]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    // Anna is the first customer of the file (the older id), Luca the second.
    for line in [
        "customer 1, phones: ",
        "customer 1, email: ",
        "customer 1, since: ",
        "customer 2, name: ",
        "customer 2, birthday: ",
    ] {
        assert!(err.lines().any(|l| l.starts_with(line)), "{line}\n{err}");
    }
    assert!(
        err.lines()
            .any(|l| l.starts_with("customer 1, note ") && l.contains(", text: ")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with("customer 2, visit ") && l.contains(", amount_cents: ")),
        "{err}"
    );
    assert!(
        err.trim_end()
            .ends_with("2 customers in the file have mistakes: nothing was imported."),
        "{err}"
    );
    assert!(!b.store.exists(), "nothing written, not even a store");
    let out = b.import(&b.file("edited.json", edited.as_bytes()), &[]);
    let mut it = common::bin();
    let out_it = it
        .args(["--lang", "it", "--db"])
        .arg(&b.store)
        .args(["import", b.dir.path().join("edited.json").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success() && !out_it.status.success());
    let err_it = common::stderr(&out_it);
    assert!(
        err_it.lines().any(|l| l.starts_with("cliente 1, email: ")),
        "{err_it}"
    );
    assert!(
        err_it.contains("2 clienti del file hanno errori"),
        "{err_it}"
    );

    // Luca alone, into a store that has Anna (her own line of the file): his referrer is found there.
    let (head, rest) = json.split_once('\n').unwrap();
    let line_of = |name: &str| {
        rest.lines()
            .find(|l| l.contains(&format!("\"name\":\"{name}\"")))
            .unwrap()
            .trim_end_matches(',')
            .to_string()
    };
    let alone = |name: &str| format!("{head}\n{}\n]}}\n", line_of(name));
    let c = Shop::new();
    let only_luca = c.file("luca.json", alone("Luca Neri").as_bytes());
    let out = c.import(&only_luca, &[]);
    assert!(!out.status.success(), "no Anna yet");
    assert!(
        common::stderr(&out).contains(&format!(
            "customer 1, referred_by: it names {anna}, who is neither in the file nor in the store"
        )),
        "{}",
        common::stderr(&out)
    );
    c.ok(&[
        "import",
        c.file("anna.json", alone("Anna Ferri").as_bytes())
            .to_str()
            .unwrap(),
    ]);
    c.ok(&["import", only_luca.to_str().unwrap()]);
    assert_eq!(c.ok(&["export", "--format", "json"]), json);
}

/// What the desk's forms could never store is refused in its JSON too, each by its field: an empty phone
/// or tag, a nickname with spaces around it, a customer who referred themselves, a consent dated after
/// today, an amount out of range. A record-level mistake of one customer does not make another, who names
/// them as referrer, look referred by someone missing. A day that does not exist is one sentence that
/// names where it is, not "not the desk's JSON".
#[test]
fn a_json_file_with_what_no_form_could_store_names_each_thing() {
    let a = Shop::new();
    let anna = a.made(&[
        "add",
        "--name",
        "Anna Ferri",
        "--phone",
        "333 111 2222",
        "--tag",
        "vip",
    ]);
    let luca = a.made(&[
        "add",
        "--name",
        "Luca Neri",
        "--nickname",
        "Lu",
        "--referred-by",
        &anna,
    ]);
    a.ok(&["visit", &anna, "--amount", "4.20"]);
    a.ok(&["consent", &luca, "email", "yes"]);
    let json = a.ok(&["export", "--format", "json"]);
    let edited = json
        .replace("\"333 111 2222\"", "\"\"")
        .replace("\"vip\"", "\" vip\"")
        .replace("\"nickname\":\"Lu\"", "\"nickname\":\"Lu \"")
        .replace(
            &format!("\"referred_by\":\"{anna}\""),
            &format!("\"referred_by\":\"{luca}\""),
        )
        .replace("\"amount_cents\":420", "\"amount_cents\":1000000001");
    let today = json.split("\"on\":\"").nth(1).unwrap()[..10].to_string();
    let edited = edited.replace(&format!("\"on\":\"{today}\""), "\"on\":\"2999-01-01\"");
    let b = Shop::new();
    let out = b.import(&b.file("edited.json", edited.as_bytes()), &[]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    for line in [
        "customer 1, phones: \"\" is not a value the desk keeps",
        "customer 1, tags: \" vip\" is not a value the desk keeps",
        "customer 2, nickname: \"Lu \" is not a value the desk keeps",
        "customer 2, referred_by: A customer cannot be their own referrer.",
        "customer 2, consent ",
    ] {
        assert!(err.lines().any(|l| l.starts_with(line)), "{line}\n{err}");
    }
    assert!(err.contains(", on: A consent cannot be dated "), "{err}");
    assert!(
        err.contains(", amount_cents: 1000000001 is not an amount in cents the desk keeps: from 0 to 1000000000."),
        "{err}"
    );
    assert!(!b.store.exists());

    // Anna's visit names a void target not in the file; Luca, whom she referred, is not said to be
    // referred by someone missing.
    let visit = json.split("\"kind\":\"visit\",\"id\":\"").nth(1).unwrap()[..26].to_string();
    let void = format!(
        "{{\"kind\":\"void\",\"id\":\"{visit}\",\"target\":\"01M8TG2EVS13C6N4WJ85YF6PCB\",\"at\":\"2026-01-01T00:00:00Z\",\"staff\":null}}"
    );
    let broken = json.replacen(
        &format!("{{\"kind\":\"visit\",\"id\":\"{visit}\""),
        &format!(
            "{void},{{\"kind\":\"visit\",\"id\":\"{}\"",
            "01M8TG2EVS13C6N4WJ85YF6PCC"
        ),
        1,
    );
    assert_ne!(broken, json);
    let out = b.import(&b.file("broken.json", broken.as_bytes()), &[]);
    let err = common::stderr(&out);
    // Named by the record and its field, as a field of the customer is.
    assert!(
        err.contains(&format!(
            "customer 1, void {visit}, target: it names 01M8TG2EVS13C6N4WJ85YF6PCB, which is not in the file."
        )),
        "{err}"
    );
    assert!(!err.contains("referred_by"), "{err}");
    assert!(
        err.trim_end()
            .ends_with("1 customer in the file has a mistake: nothing was imported."),
        "{err}"
    );

    // A day that does not exist: where it is, in one sentence.
    let since = json.split("\"since\":\"").nth(1).unwrap()[..10].to_string();
    let no_day = json.replacen(
        &format!("\"since\":\"{since}\""),
        "\"since\":\"2010-02-30\"",
        1,
    );
    let out = b.import(&b.file("no-day.json", no_day.as_bytes()), &[]);
    let err = common::stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.starts_with("regulars: Line 2, column ")
            && err.contains("holds a value the desk cannot read"),
        "{err}"
    );
    assert!(!err.contains("not the desk's JSON"), "{err}");
    assert!(!b.store.exists());
}

/// A phone a spreadsheet turned into a number in scientific notation (its last digits gone) is named as
/// such, with the row's other mistakes, and not read as two phones split at its decimal comma.
#[test]
fn a_phone_in_scientific_notation_is_named_as_such() {
    let shop = Shop::new();
    let file = shop.file(
        "clienti.csv",
        "Nome;Cellulare;Email\nAnna Ferri;3,33111E+09;non-una-email\nBruno Neri;333 111 2222;\n"
            .as_bytes(),
    );
    let out = shop.import(&file, &[]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains("line 2, Cellulare: \"3,33111E+09\" is a number the spreadsheet wrote in scientific notation"),
        "{err}"
    );
    assert!(err.contains("line 2, Email:"), "{err}");
    // One mistake for the phone, not another for a piece of it split at the comma.
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("line 2, Cellulare"))
            .count(),
        1,
        "{err}"
    );
    assert!(err.contains("1 row has a mistake"), "{err}");
    assert_eq!(shop.everyone().len(), 0);
}

/// A record that cannot be read, met in the middle of a JSON export (a visit of a customer halfway
/// through the store: batches of customers are still being read from the store, or waiting, when the
/// thread making the JSON meets it): the export ends with the damage sentence and a non-zero exit, and no
/// file is left where it was asked for, nor its temporary file; to stdout, with the same sentence.
#[test]
fn a_damaged_record_in_the_middle_of_a_json_export_leaves_no_file() {
    let a = Shop::new();
    a.ok(&["demo", "--customers", "1600"]);
    {
        let db = common::raw_sled(&a.store);
        let visits = db.open_tree("visits").unwrap();
        let keys: Vec<sled::IVec> = visits.iter().keys().map(Result::unwrap).collect();
        assert!(keys.len() > 1600, "the demo logs visits: {}", keys.len());
        visits
            .insert(&keys[keys.len() / 2], &[9u8, 9, 9][..])
            .unwrap();
        db.flush().unwrap();
    }
    let wanted = a.dir.path().join("everyone.json");
    let out = a.run(&["export", "--format", "json", "-o", wanted.to_str().unwrap()]);
    assert!(!out.status.success());
    // Nothing says it was written.
    assert_eq!(common::stdout(&out), "");
    let said = common::stderr(&out);
    assert!(
        said.contains("damaged") && said.contains("restore"),
        "{said}"
    );
    assert_eq!(said.trim_end().lines().count(), 1, "{said}");
    let left: Vec<_> = std::fs::read_dir(a.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("store")]);
    let out = a.run(&["export", "--format", "json"]);
    assert!(!out.status.success());
    assert_eq!(common::stderr(&out), said);
}
