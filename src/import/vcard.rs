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

use super::{Column, Problem, Row};

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
                let value = decode(&params, &value);
                if !c.take(&name, &value) && !bookkeeping(&name) && !unused.contains(&name) {
                    unused.push(name);
                }
            }
        }
    }
    // A card the file ends inside of: read as far as it goes.
    if let Some(c) = card {
        rows.push(c.into_row());
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
                let first = value.split(',').next().unwrap_or("").trim();
                if self.row.text.nickname.is_empty() {
                    self.row.put(Column::Nickname, first, "NICKNAME");
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
        soft_break = out.last().is_some_and(|(_, l)| {
            l.ends_with('=') && l.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
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

/// A value as the person wrote it: quoted-printable decoded when its parameters say so, escapes undone.
fn decode(params: &[String], value: &str) -> String {
    let qp = params.iter().any(|p| {
        p.eq_ignore_ascii_case("ENCODING=QUOTED-PRINTABLE")
            || p.eq_ignore_ascii_case("QUOTED-PRINTABLE")
    });
    let value = if qp {
        quoted_printable(value)
    } else {
        value.to_string()
    };
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
    fn a_file_with_no_card_is_refused() {
        assert!(read(b"hello\n").is_err());
        assert!(read(b"").is_err());
    }
}
