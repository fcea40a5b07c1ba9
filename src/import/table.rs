//! A spreadsheet's CSV read into rows of customer fields: the header row mapped by name, in English and
//! Italian (`name`/`nome`, `first name`/`nome` + `last name`/`cognome`, `phone`/`telefono`/`cellulare`, …),
//! `,` or `;` between fields (Italian spreadsheets write `;`), UTF-8 with or without a byte-order mark,
//! quoted fields with line breaks in them (the `csv` crate).

use super::{Column, Problem, Row};

/// What a header names, once folded (case, accents and punctuation aside: `E-mail` reads `e mail`).
fn column_of(header: &str, has_last_name: bool) -> Option<Column> {
    let folded = crate::search::fold_words(header).join(" ");
    let starts = |words: &[&str]| {
        words
            .iter()
            .any(|w| folded == *w || folded.starts_with(&format!("{w} ")))
    };
    // Google Contacts' "Phone 1 - Label" and "E-mail 1 - Type" say what kind of number or address the
    // column beside them holds ("Mobile", "* Home"): not a value of their own.
    if folded.ends_with(" label") || folded.ends_with(" type") {
        return None;
    }
    Some(match folded.as_str() {
        "nome" if has_last_name => Column::FirstName,
        "name" | "nome" | "full name" | "nome completo" | "nome e cognome" | "cliente" => {
            Column::Name
        }
        "first name" | "given name" | "nome di battesimo" => Column::FirstName,
        "last name" | "surname" | "family name" | "cognome" => Column::LastName,
        "nickname" | "soprannome" | "greet as" | "saluta come" => Column::Nickname,
        "birthday" | "compleanno" | "birth date" | "date of birth" | "data di nascita" => {
            Column::Birthday
        }
        "customer since" | "cliente dal" | "cliente da" | "since" => Column::Since,
        "likes" | "preferenze" | "preferences" | "gusti" => Column::Likes,
        "notes" | "note" | "notes 1" => Column::Notes,
        "tags" | "tag" | "etichette" => Column::Tags,
        _ if starts(&["phone", "telefono", "cellulare", "mobile", "cell", "tel"]) => Column::Phone,
        _ if starts(&["email", "e mail", "mail", "posta elettronica"]) => Column::Email,
        _ => return None,
    })
}

/// The separator of a table whose header is `first_line`: `;` when it has more of them than `,`.
fn separator(first_line: &str) -> u8 {
    let count = |sep: char| {
        let mut quoted = false;
        first_line
            .chars()
            .filter(|&c| {
                if c == '"' {
                    quoted = !quoted;
                }
                !quoted && c == sep
            })
            .count()
    };
    if count(';') > count(',') { b';' } else { b',' }
}

/// The table in `bytes`: every row with its line, the headers no field is read from, or one problem that
/// stops the whole file (no header row, a header that names no field, bytes that are not UTF-8).
pub fn read(bytes: &[u8]) -> Result<(Vec<Row>, Vec<String>), Problem> {
    let text = super::utf8(bytes)?;
    // Windows line ends (Excel's) as plain ones: the csv crate counts a CRLF file's lines one short.
    let unix;
    let text = if text.contains('\r') {
        unix = text.replace("\r\n", "\n");
        unix.as_str()
    } else {
        text
    };
    let first_line = text.lines().next().unwrap_or("");
    let separator = separator(first_line);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut lines = Lines::new(text);
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return Err(Problem::whole(lines.at(e.position()), e.to_string())),
        None => return Err(Problem::whole(1, crate::text::IMPORT_EMPTY.to_string())),
    };
    let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let has_last_name = names
        .iter()
        .any(|h| column_of(h, false) == Some(Column::LastName));
    let columns: Vec<Option<Column>> = names.iter().map(|h| column_of(h, has_last_name)).collect();
    let names_someone = columns
        .iter()
        .any(|c| matches!(c, Some(Column::Name | Column::FirstName | Column::LastName)));
    if !names_someone {
        return Err(Problem::whole(
            1,
            crate::text::IMPORT_NO_NAME_COLUMN.to_string(),
        ));
    }
    let unused = names
        .iter()
        .zip(&columns)
        .filter(|(name, c)| c.is_none() && !name.is_empty())
        .map(|(name, _)| name.clone())
        .collect();
    let mut rows = Vec::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                rows.push(Row::broken(lines.at(e.position()), e.to_string()));
                continue;
            }
        };
        let line = lines.at(record.position());
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() > names.len() {
            rows.push(Row::broken(
                line,
                crate::text::import_too_many_cells(record.len(), names.len()),
            ));
            continue;
        }
        let mut row = Row {
            line,
            ..Row::default()
        };
        for ((cell, column), header) in record.iter().zip(&columns).zip(&names) {
            if let Some(column) = column {
                row.put(*column, unguarded(cell.trim()), header);
            }
        }
        rows.push(row);
    }
    // A quote that opens a cell and is never closed takes the rest of the file into that cell (the csv
    // crate reads it so without a word): the row it is in is a mistake, and the rows after it were never
    // rows.
    if let Some(opened) = unclosed_quote(text, separator)
        && let Some(last) = rows.pop()
    {
        rows.push(Row::broken(
            last.line,
            crate::text::import_unclosed_quote(opened),
        ));
    }
    Ok((rows, unused))
}

/// The line on which a quoted cell opens that the file never closes, if there is one.
fn unclosed_quote(text: &str, separator: u8) -> Option<u64> {
    let separator = char::from(separator);
    let mut line = 1;
    let mut opened = None;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if opened.is_some() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next(); // a quote written twice: a quote in the text
                } else {
                    opened = None;
                }
            }
        } else if c == '"' && at_field_start {
            opened = Some(line);
        }
        if c == '\n' {
            line += 1;
        }
        at_field_start = opened.is_none() && (c == separator || c == '\n');
    }
    opened
}

/// A cell written with a `'` before what a spreadsheet would run as a formula (`'=…`, `'+39…`), or
/// before a `'` of the text's own (`''Nduja`), is read without it: the desk's own exports write them so.
fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\'']) => rest,
        _ => cell,
    }
}

/// The line where a record starts, counted from the line breaks before it: the csv crate's own line
/// numbers leave out the empty lines it passes over, so a row after a blank line was named a line short.
/// Asked of records further on each time, it counts each line break once.
struct Lines<'t> {
    text: &'t [u8],
    byte: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    fn at(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(byte) = position.and_then(|p| usize::try_from(p.byte()).ok()) else {
            return 0;
        };
        // A record's position is where the last one ended: before the empty lines passed over.
        let mut byte = byte.min(self.text.len());
        while self.text.get(byte) == Some(&b'\n') {
            byte += 1;
        }
        if byte > self.byte {
            let breaks = self.text[self.byte..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += breaks as u64;
            self.byte = byte;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_google_contacts_file_comes_in_with_several_values_in_a_cell() {
        let file = "Name,Given Name,Phone 1 - Label,Phone 1 - Value,E-mail 1 - Label,E-mail 1 - Value\n\
                    Anna Ferri,Anna,Mobile,+39 347 111 2222 ::: +39 06 1234567,* Home,anna@example.it ::: anna@work.it\n";
        let (rows, unused) = read(file.as_bytes()).unwrap();
        assert_eq!(unused, ["Phone 1 - Label", "E-mail 1 - Label"]);
        let anna = rows[0].fields();
        assert_eq!(anna.phones, "+39 347 111 2222, +39 06 1234567");
        assert_eq!(anna.email, "anna@example.it");
        assert_eq!(rows[0].notes, "anna@work.it");
    }

    #[test]
    fn a_row_after_blank_lines_is_named_by_its_own_line() {
        let file = "name,phone\nAnna,347 1111111\n\nBea,abc\n\n\nCarla,\"347\n2222222\"\nDora,1\n";
        let (rows, _) = read(file.as_bytes()).unwrap();
        let lines: Vec<(&str, u64)> = rows
            .iter()
            .map(|r| (r.text.name.as_str(), r.line))
            .collect();
        assert_eq!(lines, [("Anna", 2), ("Bea", 4), ("Carla", 7), ("Dora", 9)]);
        // The same with Excel's line ends.
        let (rows, _) = read(file.replace('\n', "\r\n").as_bytes()).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            [2, 4, 7, 9]
        );
    }

    #[test]
    fn a_quote_never_closed_is_a_mistake_not_the_rest_of_the_file_in_a_cell() {
        let file = "name,phone,notes\nAnna,347 1111111,ok\nCarlo,347 2222222,\"dice: \"\"ciao\nDario,347 3333333,ok\nElsa,347 4444444,ok\n";
        let (rows, _) = read(file.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].broken.is_none());
        assert_eq!(rows[1].line, 3);
        assert_eq!(
            rows[1].broken.as_deref(),
            Some(crate::text::import_unclosed_quote(3).as_str())
        );
        // Quotes closed, written twice inside, or in the middle of a cell are all fine.
        for fine in [
            "name,notes\nAnna,\"one\ntwo, \"\"three\"\"\"\nLuca,5\" screen\n",
            "nome;note\nAnna;\"uno; due\"\nLuca;ok\n",
        ] {
            let (rows, _) = read(fine.as_bytes()).unwrap();
            assert_eq!(rows.len(), 2, "{fine}");
            assert!(rows.iter().all(|r| r.broken.is_none()), "{fine}");
        }
    }

    #[test]
    fn headers_are_read_in_english_and_italian() {
        let cases: &[(&str, bool, Option<Column>)] = &[
            ("Name", false, Some(Column::Name)),
            ("Nome", false, Some(Column::Name)),
            ("Nome", true, Some(Column::FirstName)),
            ("COGNOME", false, Some(Column::LastName)),
            ("First Name", false, Some(Column::FirstName)),
            ("E-mail", false, Some(Column::Email)),
            ("Email 2", false, Some(Column::Email)),
            ("Telefono casa", false, Some(Column::Phone)),
            ("Cellulare", false, Some(Column::Phone)),
            ("Phone 1 - Value", false, Some(Column::Phone)),
            ("Phone 1 - Label", false, None),
            ("Phone 1 - Type", false, None),
            ("E-mail 1 - Type", false, None),
            ("E-mail 1 - Value", false, Some(Column::Email)),
            ("Cliente dal", false, Some(Column::Since)),
            ("Data di nascita", false, Some(Column::Birthday)),
            ("Preferenze", false, Some(Column::Likes)),
            ("Note", false, Some(Column::Notes)),
            ("Soprannome", false, Some(Column::Nickname)),
            ("Città", false, None),
            ("Telefax", false, None),
        ];
        for &(header, last, expected) in cases {
            assert_eq!(column_of(header, last), expected, "{header:?}");
        }
    }

    #[test]
    fn an_italian_spreadsheet_with_semicolons_a_bom_and_a_line_break_in_a_cell() {
        let file = "\u{feff}Nome;Cognome;Cellulare;Telefono;Note;Città\n\
                    Maria;Rossi;333 123 4567;02 555 0101;\"Vuole il caffè\nmacchiato, tiepido\";Milano\n\
                    ;;;;;\n\
                    Luca;Bianchi;;;;Roma\n";
        let (rows, unused) = read(file.as_bytes()).unwrap();
        assert_eq!(unused, ["Città"]);
        assert_eq!(rows.len(), 2, "the empty row is skipped");
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].fields().name, "Maria Rossi");
        assert_eq!(rows[0].text.phones, "333 123 4567, 02 555 0101");
        assert_eq!(rows[0].notes, "Vuole il caffè\nmacchiato, tiepido");
        assert_eq!(rows[1].line, 5, "a cell's line break counts");
        assert_eq!(rows[1].fields().name, "Luca Bianchi");
    }

    #[test]
    fn a_windows_file_counts_its_lines_as_the_spreadsheet_shows_them() {
        let (rows, _) = read(b"Nome;Cellulare\r\nA;1234\r\nB;1235\r\nC;1236\r\nD;abc\r\n").unwrap();
        assert_eq!(
            rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            [2, 3, 4, 5]
        );
    }

    #[test]
    fn a_file_without_a_name_column_or_not_in_utf8_is_refused_whole() {
        assert!(read(b"Phone,Email\n123,a@b.c\n").is_err());
        assert!(read(b"").is_err());
        let latin1 = b"Name\nNicol\xf2\n";
        assert_eq!(read(latin1).map(|_| ()).unwrap_err().line, 2);
    }
}
