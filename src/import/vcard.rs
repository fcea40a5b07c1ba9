//! vCard 2.1, 3.0 and 4.0 as phones, Google Contacts and khard write them, read into rows of customer
//! fields. Written here rather than taken from a crate: the part a shop's contacts need is small (the
//! properties below), and the maintained vCard crates either parse a calendar too or refuse the 2.1
//! quoted-printable cards old phones export. It is fuzzed (`fuzz/fuzz_targets/vcard.rs`) and
//! property-tested never to panic.
//!
//! What it reads: one file with many cards, `BEGIN:VCARD` … `END:VCARD`; folded lines (a line starting
//! with a space or tab continues the one before); quoted-printable values with their soft line breaks
//! (`ENCODING=QUOTED-PRINTABLE`, vCard 2.1); escapes (`\n`, `\,`, `\;`, `\\`); property groups
//! (`item1.TEL`). `FN` (or `N` when there is no `FN`), `NICKNAME`, `TEL` (several; `tel:` URIs too),
//! `EMAIL` (the first is the customer's, the others go to their note), `BDAY` (`1970-05-12`, `19700512`,
//! `--0512`, `--05-12`, a time after it ignored), `NOTE` and `CATEGORIES` (tags). Other properties are
//! named as not read, but for the bookkeeping ones (`VERSION`, `PRODID`, `UID`, `REV`, `KIND`, `X-…`).
//! Two `X-` properties of the desk's own carry what vCard has no word for: `X-REGULARS-SINCE` (customer
//! since, `2015-03-01`) and `X-REGULARS-LIKES` (what they like).
//!
//! It also writes them ([`card`]): vCard 4.0, as `export --format vcf` makes them, which this reader
//! reads back into the same fields.

use super::{Column, Problem, Row};
use crate::domain::{Birthday, Customer};

/// The desk's own properties.
const SINCE: &str = "X-REGULARS-SINCE";
const LIKES: &str = "X-REGULARS-LIKES";

/// `customer` as a vCard 4.0, with `notes` (their notes, a blank line between two) as its `NOTE`. Lines
/// end in CRLF and are folded at 75 bytes, as RFC 6350 asks; text is escaped (`\\`, `\n`, `\,`, `\;`).
/// A phone is written as text (`TEL;VALUE=text:`), as typed, rather than as a `tel:` URI that would
/// lose its spaces.
pub fn card(customer: &Customer, notes: &str) -> String {
    let mut out = String::new();
    let mut put = |name: &str, value: &str| {
        if !value.is_empty() {
            property(&mut out, name, value);
        }
    };
    put("BEGIN", "VCARD");
    put("VERSION", "4.0");
    put("FN", &escape(&customer.name));
    put("N", &structured_name(&customer.name));
    put(
        "NICKNAME",
        &escape(customer.nickname.as_deref().unwrap_or("")),
    );
    for phone in &customer.phones {
        put("TEL;VALUE=text", &escape(phone));
    }
    put("EMAIL", &escape(customer.email.as_deref().unwrap_or("")));
    if let Some(birthday) = customer.birthday {
        put("BDAY", &bday(birthday));
    }
    let tags: Vec<String> = customer.tags.iter().map(|t| escape(t)).collect();
    put("CATEGORIES", &tags.join(","));
    put("NOTE", &escape(notes));
    put(SINCE, &customer.since.format("%Y-%m-%d").to_string());
    put(LIKES, &escape(&customer.preferences));
    put("END", "VCARD");
    out
}

/// The name as vCard's `N` (family;given;;;), which some address books (a phone's) sort and show by:
/// the last word is the family name, with the particles before it (`De Luca`, `Lo Russo`, `van der
/// Berg`); the words before are the given names. A guess, as any split of a name is: `FN` keeps the name
/// as written, and is what the desk itself reads back.
fn structured_name(name: &str) -> String {
    const PARTICLES: &[&str] = &[
        "da", "dal", "dalla", "de", "dei", "del", "della", "delle", "di", "do", "dos", "du", "la",
        "le", "li", "lo", "van", "von", "der", "den", "ten", "ter",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(last) = words.len().checked_sub(1) else {
        return String::new();
    };
    let mut family = last;
    while family > 1 && PARTICLES.contains(&words[family - 1].to_lowercase().as_str()) {
        family -= 1;
    }
    let (given, family) = if last == 0 {
        (words[..1].join(" "), String::new())
    } else {
        (words[..family].join(" "), words[family..].join(" "))
    };
    format!("{};{};;;", escape(&family), escape(&given))
}

/// A birthday in vCard 4.0's basic form: `19700512`, or `--0512` without a year.
fn bday(birthday: Birthday) -> String {
    match birthday.year {
        Some(year) => format!("{year:04}{:02}{:02}", birthday.month, birthday.day),
        None => format!("--{:02}{:02}", birthday.month, birthday.day),
    }
}

/// A text value with vCard's escapes: a backslash, a line break, a comma and a semicolon.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            _ => out.push(c),
        }
    }
    out
}

/// `NAME:value` folded into lines of at most 75 bytes (a continuation starts with a space), never
/// inside a character, each ending in CRLF.
fn property(out: &mut String, name: &str, value: &str) {
    let line = format!("{name}:{value}");
    let mut room = 75;
    for c in line.chars() {
        if c.len_utf8() > room {
            out.push_str("\r\n ");
            room = 74;
        }
        out.push(c);
        room -= c.len_utf8();
    }
    out.push_str("\r\n");
}

/// The cards of one `.vcf` text, each with the line of its `BEGIN`, and the properties not read.
pub fn read(bytes: &[u8]) -> Result<(Vec<Row>, Vec<String>), Problem> {
    let text = super::utf8(bytes)?;
    let mut rows = Vec::new();
    let mut unused: Vec<String> = Vec::new();
    let mut card: Option<Card> = None;
    for (line_no, line) in logical_lines(text) {
        let Some((name, params, value)) = split_property(&line) else {
            if let Some(c) = &mut card {
                c.broken
                    .get_or_insert(crate::text::vcard_not_a_property(&line));
            }
            continue;
        };
        match name.as_str() {
            "BEGIN" if value.eq_ignore_ascii_case("VCARD") => {
                card = Some(Card::new(line_no));
            }
            "END" if value.eq_ignore_ascii_case("VCARD") => {
                if let Some(c) = card.take() {
                    rows.push(c.into_row());
                }
            }
            _ => {
                let Some(c) = &mut card else { continue };
                // Of a list of nicknames, the first is how to greet them.
                let mut value = decode(&params, &value, name == "NICKNAME");
                if name == "BDAY" {
                    value = apple_omitted_year(&params, value);
                }
                if !c.take(&name, &value) && !bookkeeping(&name) && !unused.contains(&name) {
                    unused.push(name);
                }
            }
        }
    }
    // A card the file ends inside of (a file cut short): a mistake, not a card read half.
    if let Some(c) = card {
        rows.push(Row::broken(
            c.row.line,
            crate::text::VCARD_NO_END.to_string(),
        ));
    }
    if rows.is_empty() {
        return Err(Problem::whole(1, crate::text::VCARD_EMPTY.to_string()));
    }
    Ok((rows, unused))
}

/// The properties that say nothing about the person.
fn bookkeeping(name: &str) -> bool {
    matches!(name, "VERSION" | "PRODID" | "UID" | "REV" | "KIND" | "N") || name.starts_with("X-")
}

/// One card as it is read.
struct Card {
    row: Row,
    /// `N`'s given and family names, for a card with no `FN`.
    n: Option<String>,
    broken: Option<String>,
}

impl Card {
    fn new(line: u64) -> Card {
        Card {
            row: Row {
                line,
                ..Row::default()
            },
            n: None,
            broken: None,
        }
    }

    /// Takes a property into the row; false when the desk has no field for it.
    fn take(&mut self, name: &str, value: &str) -> bool {
        let value = value.trim();
        let row = &mut self.row;
        match name {
            "FN" => row.put(Column::Name, value, "FN"),
            "N" => {
                // family;given;additional;prefixes;suffixes
                let parts: Vec<&str> = value.split(';').map(str::trim).collect();
                let given = parts.get(1).copied().unwrap_or("");
                let family = parts.first().copied().unwrap_or("");
                let joined = format!("{given} {family}").trim().to_string();
                if !joined.is_empty() {
                    self.n = Some(joined);
                }
            }
            "NICKNAME" => {
                if self.row.text.nickname.is_empty() {
                    self.row.put(Column::Nickname, value, "NICKNAME");
                }
            }
            "TEL" => {
                let number = value.strip_prefix("tel:").unwrap_or(value);
                row.put(Column::Phone, number, "TEL");
            }
            "EMAIL" => {
                let address = value.strip_prefix("mailto:").unwrap_or(value);
                row.put(Column::Email, address, "EMAIL");
            }
            "BDAY" => row.put(Column::Birthday, &birthday(value), "BDAY"),
            "NOTE" => row.put(Column::Notes, value, "NOTE"),
            "CATEGORIES" => row.put(Column::Tags, value, "CATEGORIES"),
            SINCE => row.put(Column::Since, value, SINCE),
            LIKES => row.put(Column::Likes, value, LIKES),
            _ => return false,
        }
        true
    }

    fn into_row(mut self) -> Row {
        if let Some(why) = self.broken {
            return Row::broken(self.row.line, why);
        }
        if self.row.text.name.trim().is_empty()
            && let Some(n) = self.n
        {
            self.row.put(Column::Name, &n, "N");
        }
        self.row
    }
}

/// A birthday an iPhone writes without its year: `BDAY;X-APPLE-OMIT-YEAR=1604:1604-05-12` is `--05-12`.
fn apple_omitted_year(params: &[String], value: String) -> String {
    let omitted = params.iter().find_map(|p| {
        let (key, year) = p.split_once('=')?;
        key.eq_ignore_ascii_case("X-APPLE-OMIT-YEAR")
            .then(|| year.trim().to_string())
    });
    match omitted {
        Some(year) if !year.is_empty() => match value.trim().strip_prefix(year.as_str()) {
            Some(rest) => format!("--{}", rest.trim_start_matches('-')),
            None => value,
        },
        _ => value,
    }
}

/// A `BDAY` as the desk reads birthdays: `19700512` → `1970-05-12`, `--0512` → `--05-12`, a time after
/// the date dropped.
fn birthday(value: &str) -> String {
    let date = value.split('T').next().unwrap_or(value).trim();
    let digits = |s: &str| s.len() == s.chars().filter(char::is_ascii_digit).count();
    match (date.strip_prefix("--"), date.len()) {
        (Some(md), _) if md.len() == 4 && digits(md) => format!("--{}-{}", &md[..2], &md[2..]),
        (None, 8) if digits(date) => format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..]),
        _ => date.to_string(),
    }
}

/// The file's lines unfolded (a line starting with a space or a tab continues the one before; a
/// quoted-printable value ending in `=` continues on the next line), each with the line it starts on.
fn logical_lines(text: &str) -> Vec<(u64, String)> {
    let mut out: Vec<(u64, String)> = Vec::new();
    let mut soft_break = false;
    for (n, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if soft_break && let Some((_, last)) = out.last_mut() {
            last.pop(); // the `=` of the soft line break
            last.push_str(line);
        } else if let Some(rest) = line.strip_prefix([' ', '\t'])
            && let Some((_, last)) = out.last_mut()
        {
            last.push_str(rest);
        } else if !line.trim().is_empty() {
            out.push((n as u64 + 1, line.to_string()));
        }
        // Only a property whose parameters (before the first `:`) say quoted-printable: a note that
        // mentions it and ends in `=` is text.
        soft_break = out.last().is_some_and(|(_, l)| {
            l.ends_with('=')
                && l.split(':')
                    .next()
                    .is_some_and(|head| head.to_ascii_uppercase().contains("QUOTED-PRINTABLE"))
        });
    }
    out
}

/// `item1.TEL;TYPE=cell:+39 333` → (`TEL`, [`TYPE=cell`], `+39 333`); `None` for a line with no `:`.
fn split_property(line: &str) -> Option<(String, Vec<String>, String)> {
    // The first `:` outside a quoted parameter value ends the name and parameters.
    let mut quoted = false;
    let colon = line.char_indices().find_map(|(i, c)| {
        if c == '"' {
            quoted = !quoted;
        }
        (c == ':' && !quoted).then_some(i)
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = head.split(';');
    let name = parts.next()?.trim();
    let name = name.rsplit('.').next().unwrap_or(name).to_ascii_uppercase();
    if name.is_empty() {
        return None;
    }
    Some((
        name,
        parts.map(|p| p.trim().to_string()).collect(),
        value.to_string(),
    ))
}

/// A value as the person wrote it: quoted-printable decoded when its parameters say so, escapes undone;
/// with `first_only`, only what comes before the list's first comma that is not escaped.
fn decode(params: &[String], value: &str, first_only: bool) -> String {
    let qp = params.iter().any(|p| {
        p.eq_ignore_ascii_case("ENCODING=QUOTED-PRINTABLE")
            || p.eq_ignore_ascii_case("QUOTED-PRINTABLE")
    });
    let mut value = if qp {
        quoted_printable(value)
    } else {
        value.to_string()
    };
    if first_only {
        let mut escaped = false;
        if let Some(comma) = value.char_indices().find_map(|(i, c)| {
            let ends = c == ',' && !escaped;
            escaped = c == '\\' && !escaped;
            ends.then_some(i)
        }) {
            value.truncate(comma);
        }
    }
    unescape(&value)
}

fn quoted_printable(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'='
            && let (Some(&h), Some(&l)) = (bytes.get(i + 1), bytes.get(i + 2))
            && let (Some(h), Some(l)) = (hex(h), hex(l))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    // UTF-8 as phones write it; an old phone's Latin-1 read byte by byte.
    String::from_utf8(out).unwrap_or_else(|e| e.into_bytes().iter().map(|&b| b as char).collect())
}

fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_structured_name_takes_the_family_name_with_its_particles() {
        for (name, n) in [
            ("Maria De Luca", "De Luca;Maria;;;"),
            ("Gian Maria Lo Russo", "Lo Russo;Gian Maria;;;"),
            ("Chiara Dell'Acqua", "Dell'Acqua;Chiara;;;"),
            ("Anna", ";Anna;;;"),
            ("Pieter van der Berg", "van der Berg;Pieter;;;"),
            ("Della Rossi", "Rossi;Della;;;"),
            ("Rossi\\; Bruno", "Bruno;Rossi\\\\\\;;;;"),
            ("", ""),
        ] {
            assert_eq!(structured_name(name), n, "{name}");
        }
    }

    #[test]
    fn cards_from_a_phone_google_and_khard_are_read() {
        let file = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Rossi;Nicol=C3=B2;;;\r\n\
                    TEL;CELL:+39 333 123 4567\r\nNOTE;ENCODING=QUOTED-PRINTABLE:Caff=C3=A8 macchiato,=\r\n tiepido\r\n\
                    END:VCARD\r\n\
                    BEGIN:VCARD\nVERSION:3.0\nFN:Anna Ferri\nN:Ferri;Anna;;;\nNICKNAME:Annina,Nina\n\
                    item1.EMAIL;TYPE=INTERNET:anna@example.com\nEMAIL:anna@work.it\nTEL;TYPE=\"home,voice\":02 555 0101\n\
                    BDAY:--0512\nNOTE:Likes the window seat\\nand cold milk\\, always\nCATEGORIES:vip,friends\n\
                    ADR;TYPE=home:;;Via Roma 1;Milano;;;Italy\nX-ANDROID-CUSTOM:whatever\nEND:VCARD\n\
                    BEGIN:VCARD\nVERSION:4.0\nFN:Long Name Folded On\n  Two Lines\nTEL;VALUE=uri:tel:+39-347-000-1111\n\
                    BDAY:19700512T000000Z\nEND:VCARD\n";
        let (rows, unused) = read(file.as_bytes()).unwrap();
        assert_eq!(unused, ["ADR"]);
        assert!(rows.iter().all(|r| r.broken.is_none()));
        assert_eq!(rows.len(), 3);
        let nicolo = &rows[0];
        assert_eq!(nicolo.line, 1);
        assert_eq!(nicolo.fields().name, "Nicolò Rossi");
        assert_eq!(nicolo.fields().phones, "+39 333 123 4567");
        assert_eq!(nicolo.notes, "Caffè macchiato, tiepido");
        let anna = rows[1].fields();
        assert_eq!(rows[1].line, 8);
        assert_eq!(anna.name, "Anna Ferri");
        assert_eq!(anna.nickname, "Annina");
        assert_eq!(anna.email, "anna@example.com");
        assert_eq!(anna.phones, "02 555 0101");
        assert_eq!(anna.birthday, "--05-12");
        assert_eq!(anna.tags, "vip,friends");
        assert_eq!(
            rows[1].notes,
            "anna@work.it\nLikes the window seat\nand cold milk, always"
        );
        let long = rows[2].fields();
        assert_eq!(long.name, "Long Name Folded On Two Lines");
        assert_eq!(long.phones, "+39-347-000-1111");
        assert_eq!(long.birthday, "1970-05-12");
    }

    #[test]
    fn a_card_is_written_as_vcard_4_and_read_back_into_the_same_fields() {
        let now = chrono::Utc::now();
        let text = crate::domain::CustomerText {
            name:
                "Nicolò D'Angelo; detto \"Nico\", il barbiere di via Roma\\Milano, cliente storico"
                    .into(),
            nickname: "Nico, Nicolino".into(),
            phones: "+39 333 123 4567, 02 555 0101".into(),
            email: "nico,d@example.com".into(),
            birthday: "12/05".into(),
            since: "01/03/2015".into(),
            tags: "vip, caffè".into(),
            preferences: "Macchiato; tiepido,\nno zucchero".into(),
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let draft = crate::domain::CustomerDraft::from_text(&text, today).unwrap();
        let customer = Customer::new(draft, now, today, None);
        let notes = "Quoted-printable, says he: ends in =\n\nSecond note";
        let card = card(&customer, notes);
        assert!(card.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Nicolò D'Angelo\\; detto"));
        assert!(card.contains("\r\nBDAY:--0512\r\n"), "{card}");
        assert!(
            card.contains("\r\nX-REGULARS-SINCE:2015-03-01\r\n"),
            "{card}"
        );
        assert!(card.ends_with("END:VCARD\r\n"));
        for line in card.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} bytes", line.len());
            assert!(!line.contains('\n'), "{line:?}");
        }
        assert!(card.contains("\r\n "), "the long name is folded: {card}");
        let (rows, unused) = read(card.as_bytes()).unwrap();
        assert!(unused.is_empty(), "{unused:?}");
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0].fields(),
            crate::domain::CustomerText {
                birthday: "--05-12".into(),
                since: "2015-03-01".into(),
                tags: "vip,caffè".into(),
                ..text
            }
        );
        assert_eq!(rows[0].notes, notes);
    }

    #[test]
    fn a_note_that_mentions_quoted_printable_and_ends_in_an_equals_sign_is_text() {
        let file =
            "BEGIN:VCARD\nFN:Anna\nNOTE:no QUOTED-PRINTABLE here =\nTEL:333 123 4567\nEND:VCARD\n";
        let (rows, _) = read(file.as_bytes()).unwrap();
        assert_eq!(rows[0].notes, "no QUOTED-PRINTABLE here =");
        assert_eq!(rows[0].fields().phones, "333 123 4567");
    }

    #[test]
    fn a_file_cut_inside_a_card_names_that_card_as_a_mistake() {
        let file = "BEGIN:VCARD\nFN:Anna\nEND:VCARD\nBEGIN:VCARD\nFN:Luca\nTEL:333";
        let (rows, _) = read(file.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].broken.is_none());
        assert_eq!(rows[1].line, 4);
        assert_eq!(
            rows[1].broken.as_deref(),
            Some(crate::text::VCARD_NO_END.to_string().as_str())
        );
    }

    #[test]
    fn an_iphone_birthday_without_its_year_has_no_year() {
        let file = "BEGIN:VCARD\nFN:Anna\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-05-12\nEND:VCARD\n\
                    BEGIN:VCARD\nFN:Luca\nBDAY;X-APPLE-OMIT-YEAR=1604;VALUE=date:16041224\nEND:VCARD\n\
                    BEGIN:VCARD\nFN:Mara\nBDAY;X-APPLE-OMIT-YEAR=1604:1980-03-01\nEND:VCARD\n";
        let (rows, _) = read(file.as_bytes()).unwrap();
        let birthdays: Vec<String> = rows.iter().map(|r| r.fields().birthday).collect();
        assert_eq!(birthdays, ["--05-12", "--12-24", "1980-03-01"]);
    }

    #[test]
    fn a_file_with_no_card_is_refused() {
        assert!(read(b"hello\n").is_err());
        assert!(read(b"").is_err());
    }
}
