//! Reading the user's config file for mistakes before its values are used: every key it writes must be
//! one the defaults have, with a value of the same type, and each mistake is named with its line.
//!
//! The file is parsed with spans (toml's `DeTable`), walked beside the embedded defaults; what serde would
//! report without a line (an unknown key, a number where text belongs) is reported here with one.

use toml::de::{DeTable, DeValue};

use crate::text;

/// One mistake in a config file: the key it is about (dotted, `loyalty.tiers.2.years`), the line it is
/// on when the file has one, and why it is wrong, as a sentence's end in the user's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    pub line: Option<usize>,
    pub reason: String,
}

/// The user's file, parsed with the position of every key and value.
pub struct UserFile<'a> {
    source: &'a str,
    table: DeTable<'a>,
}

/// The line (from 1) of byte `pos` in `source`.
fn line_at(source: &str, pos: usize) -> usize {
    source
        .as_bytes()
        .iter()
        .take(pos)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// What a value of the defaults' type is called in a sentence.
fn type_words(value: &toml::Value) -> String {
    match value {
        toml::Value::String(_) => text::config_expected_text(),
        toml::Value::Integer(_) => text::config_expected_whole_number(),
        toml::Value::Float(_) => text::config_expected_number(),
        toml::Value::Boolean(_) => text::config_expected_bool(),
        toml::Value::Datetime(_) => text::config_expected_date(),
        toml::Value::Array(_) => text::config_expected_list(),
        toml::Value::Table(_) => text::config_expected_section(),
    }
}

/// Whether a value written in the file can stand where the defaults have `default`.
fn same_type(default: &toml::Value, user: &DeValue<'_>) -> bool {
    match (default, user) {
        // Every whole number of the settings counts something: none is below zero.
        (toml::Value::Integer(_), DeValue::Integer(i)) => !i.as_str().trim().starts_with('-'),
        // `factor = 2` is a number as much as `factor = 2.0`.
        (toml::Value::Float(_), DeValue::Float(_) | DeValue::Integer(_)) => true,
        (toml::Value::String(_), DeValue::String(_))
        | (toml::Value::Boolean(_), DeValue::Boolean(_))
        | (toml::Value::Datetime(_), DeValue::Datetime(_))
        | (toml::Value::Array(_), DeValue::Array(_))
        | (toml::Value::Table(_), DeValue::Table(_)) => true,
        _ => false,
    }
}

impl<'a> UserFile<'a> {
    /// Parses `source`; a file that is not TOML at all is one problem, at the line where reading stopped.
    pub fn parse(source: &'a str) -> Result<UserFile<'a>, Problem> {
        match DeTable::parse(source) {
            Ok(table) => Ok(UserFile {
                source,
                table: table.into_inner(),
            }),
            Err(e) => Err(Problem {
                key: String::new(),
                line: e.span().map(|s| line_at(source, s.start)),
                reason: text::config_not_toml(e.message().trim()),
            }),
        }
    }

    /// Every key the file writes that the defaults do not have, and every value of the wrong type, in
    /// the order of the file.
    pub fn mismatches(&self, defaults: &toml::Table) -> Vec<Problem> {
        let mut out = Vec::new();
        self.walk(&self.table, defaults, "", &mut out);
        out.sort_by_key(|p| p.line);
        out
    }

    fn walk(
        &self,
        user: &DeTable<'_>,
        defaults: &toml::Table,
        prefix: &str,
        out: &mut Vec<Problem>,
    ) {
        for (key, value) in user {
            let name = format!("{prefix}{}", key.get_ref());
            let line = Some(line_at(self.source, key.span().start));
            let Some(default) = defaults.get(key.get_ref().as_ref()) else {
                let known: Vec<&str> = defaults.keys().map(String::as_str).collect();
                out.push(Problem {
                    key: name,
                    line,
                    reason: text::config_unknown_key(&known.join(", ")),
                });
                continue;
            };
            if !same_type(default, value.get_ref()) {
                out.push(Problem {
                    key: name,
                    line,
                    reason: text::config_wrong_type(&type_words(default)),
                });
                continue;
            }
            match (default, value.get_ref()) {
                (toml::Value::Table(d), DeValue::Table(u)) => {
                    self.walk(u, d, &format!("{name}."), out);
                }
                // A list of sections (the tiers): each is checked against the defaults' first.
                (toml::Value::Array(d), DeValue::Array(u)) => {
                    if let Some(toml::Value::Table(template)) = d.first() {
                        for (i, item) in u.iter().enumerate() {
                            let item_name = format!("{name}.{}", i + 1);
                            match item.get_ref() {
                                DeValue::Table(t) => {
                                    self.walk(t, template, &format!("{item_name}."), out)
                                }
                                _ => out.push(Problem {
                                    key: item_name,
                                    line: Some(line_at(self.source, item.span().start)),
                                    reason: text::config_wrong_type(
                                        &text::config_expected_section(),
                                    ),
                                }),
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The line of the key at `path` (`["loyalty", "tiers", "2", "years"]`, list items counted from 1),
    /// or of the nearest section above it that the file writes; `None` when the file writes none of it.
    pub fn line_of(&self, path: &[&str]) -> Option<usize> {
        let mut table = &self.table;
        let mut line = None;
        let mut rest = path;
        while let Some((first, tail)) = rest.split_first() {
            // A key the file does not write: the nearest section above it that it does.
            let Some((key, value)) = table.get_key_value(*first) else {
                return line;
            };
            line = Some(line_at(self.source, key.span().start));
            match value.get_ref() {
                DeValue::Table(t) => table = t,
                DeValue::Array(items) => {
                    let Some((index, after)) = tail.split_first() else {
                        return line;
                    };
                    let item = index
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| items.get(i.checked_sub(1)?))?;
                    line = Some(line_at(self.source, item.span().start));
                    match item.get_ref() {
                        DeValue::Table(t) if !after.is_empty() => {
                            table = t;
                            rest = after;
                            if let Some((k, _)) = table.get_key_value(after[0]) {
                                line = Some(line_at(self.source, k.span().start));
                            }
                            continue;
                        }
                        _ => return line,
                    }
                }
                _ => return line,
            }
            rest = tail;
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> toml::Table {
        "[counter]\nstaff = \"\"\nkeep = 7\n[loyalty]\nfactor = 2.0\n[[loyalty.tiers]]\nname = \"\"\nyears = 0\n"
            .parse()
            .unwrap()
    }

    fn problems(source: &str) -> Vec<(String, Option<usize>)> {
        UserFile::parse(source)
            .unwrap()
            .mismatches(&defaults())
            .into_iter()
            .map(|p| (p.key, p.line))
            .collect()
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_named_with_their_lines() {
        assert_eq!(problems("[counter]\nstaff = \"Giulia\"\n"), vec![]);
        assert_eq!(
            problems("[counter]\nstaf = \"Giulia\"\n"),
            vec![("counter.staf".into(), Some(2))]
        );
        assert_eq!(
            problems("[countr]\nstaff = \"x\"\n"),
            vec![("countr".into(), Some(1))]
        );
        assert_eq!(
            problems("[counter]\nkeep = \"seven\"\n\n[loyalty]\nfactor = \"2\"\n"),
            vec![
                ("counter.keep".into(), Some(2)),
                ("loyalty.factor".into(), Some(5))
            ]
        );
        // A whole number where a number is asked is a number.
        assert_eq!(problems("[loyalty]\nfactor = 3\n"), vec![]);
        assert_eq!(
            problems("[[loyalty.tiers]]\nname = \"a\"\nyears = 0\n[[loyalty.tiers]]\nyers = 2\n"),
            vec![("loyalty.tiers.2.yers".into(), Some(5))]
        );
        assert_eq!(problems("counter = 3\n"), vec![("counter".into(), Some(1))]);
    }

    #[test]
    fn a_file_that_is_not_toml_says_where_reading_stopped() {
        let problem = UserFile::parse("[counter]\nstaff = \"Giulia\n")
            .err()
            .unwrap();
        assert_eq!(problem.line, Some(2));
    }

    #[test]
    fn lines_are_found_by_path() {
        let source = "[loyalty]\nfactor = 2.0\n\n[[loyalty.tiers]]\nname = \"a\"\nyears = 0\n\n[[loyalty.tiers]]\nname = \"b\"\nyears = 4\n";
        let file = UserFile::parse(source).unwrap();
        assert_eq!(file.line_of(&["loyalty", "factor"]), Some(2));
        assert_eq!(file.line_of(&["loyalty", "tiers", "2", "years"]), Some(10));
        assert_eq!(file.line_of(&["loyalty", "tiers", "1", "name"]), Some(5));
        assert_eq!(file.line_of(&["loyalty", "tiers", "2"]), Some(8));
        assert_eq!(file.line_of(&["counter", "staff"]), None);
        assert_eq!(
            file.line_of(&["loyalty", "reward"]),
            Some(1),
            "its section's line"
        );
    }
}
