//! abook's `addressbook` file (what a terminal user migrating from abook has): an INI-like file with a
//! `[format]` section and one numbered section per contact (`[0]`, `[1]`, …) of `key=value` lines.
//! `name`, `nick`, `email` (several, separated by commas), `phone`, `workphone`, `mobile`, `notes` and
//! `anniversary` (abook's birthday: `YYYY-MM-DD` or `--MM-DD`) are read; other keys are named as not read.

use super::{Column, Problem, Row};

fn column_of(key: &str) -> Option<Column> {
    Some(match key {
        "name" => Column::Name,
        "nick" => Column::Nickname,
        "email" => Column::Email,
        "phone" | "workphone" | "mobile" => Column::Phone,
        "notes" => Column::Notes,
        "anniversary" => Column::Birthday,
        _ => return None,
    })
}

/// The contacts of an abook file, each with the line of its section, and the keys not read.
pub fn read(bytes: &[u8]) -> Result<(Vec<Row>, Vec<String>), Problem> {
    let text = super::utf8(bytes)?;
    let mut rows: Vec<Row> = Vec::new();
    let mut unused: Vec<String> = Vec::new();
    // Inside a contact's section (not `[format]`).
    let mut in_contact = false;
    for (n, line) in text.lines().enumerate() {
        let line_no = n as u64 + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_contact = section.trim().chars().all(|c| c.is_ascii_digit()) && !section.is_empty();
            if in_contact {
                rows.push(Row {
                    line: line_no,
                    ..Row::default()
                });
            }
            continue;
        }
        if !in_contact {
            continue;
        }
        let Some(row) = rows.last_mut() else { continue };
        let Some((key, value)) = line.split_once('=') else {
            rows.push(Row::broken(line_no, crate::text::abook_not_a_field(line)));
            in_contact = false;
            continue;
        };
        let key = key.trim().to_lowercase();
        match column_of(&key) {
            // Several addresses in one line: the first is the customer's, the others go to their note.
            Some(Column::Email) => {
                for email in value.split(',').map(str::trim).filter(|e| !e.is_empty()) {
                    row.put(Column::Email, email, &key);
                }
            }
            Some(column) => row.put(column, value.trim(), &key),
            None => {
                if !unused.contains(&key) {
                    unused.push(key);
                }
            }
        }
    }
    if rows.is_empty() {
        return Err(Problem::whole(1, crate::text::ABOOK_EMPTY.to_string()));
    }
    Ok((rows, unused))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abook_file_is_read_contact_by_contact() {
        let file = "# abook addressbook file\n\n[format]\nprogram=abook\nversion=0.6.1\n\n\n\
                    [0]\nname=Maria Rossi\nemail=maria@example.it,m.rossi@work.it\nnick=Mari\n\
                    phone=02 555 0101\nmobile=333 123 4567\nanniversary=1970-05-12\ncity=Milano\n\
                    notes=Caffè macchiato\n\n[1]\nname=Luca Bianchi\nanniversary=--12-24\n";
        let (rows, unused) = read(file.as_bytes()).unwrap();
        assert_eq!(unused, ["city"]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 8);
        let maria = rows[0].fields();
        assert_eq!(maria.name, "Maria Rossi");
        assert_eq!(maria.nickname, "Mari");
        assert_eq!(maria.phones, "02 555 0101, 333 123 4567");
        assert_eq!(maria.email, "maria@example.it");
        assert_eq!(maria.birthday, "1970-05-12");
        assert_eq!(rows[0].notes, "m.rossi@work.it\nCaffè macchiato");
        assert_eq!(rows[1].fields().birthday, "--12-24");
        assert!(read(b"[format]\nprogram=abook\n").is_err());
    }
}
