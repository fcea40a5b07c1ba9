//! The hub's connection string, in libpq's two forms: `postgresql://user@host:port/db?key=value&…` and
//! `host=… dbname=… key='a value'`. The desk reads a few options itself before the postgres crate reads
//! the rest (the verifying `sslmode`s and `sslrootcert`, which the crate does not know), and shows the
//! string with its password hidden.

/// A connection string taken apart into its options, to read, remove or add some and put it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnString {
    form: Form,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Form {
    /// `scheme://authority/path`, then the query's `key=value` pairs as written (percent-encoded).
    Url { head: String, pairs: Vec<String> },
    /// `key=value` items, each value decoded.
    Pairs(Vec<(String, String)>),
}

const HIDDEN: &str = "********";

impl ConnString {
    pub fn parse(text: &str) -> Result<ConnString, String> {
        let text = text.trim();
        if text.starts_with("postgresql://") || text.starts_with("postgres://") {
            let (head, query) = text.split_once('?').unwrap_or((text, ""));
            let (_, authority) = authority(head);
            let hosts = &authority[authority.rfind('@').map_or(0, |i| i + 1)..];
            for host in hosts.split(',') {
                // An IPv6 address is written in brackets: its colons are not the port's.
                let after = &host[host.rfind(']').map_or(0, |i| i + 1)..];
                if let Some((_, port)) = after.rsplit_once(':') {
                    check_port(port)?;
                }
            }
            let pairs = query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect();
            return Ok(ConnString {
                form: Form::Url {
                    head: head.to_string(),
                    pairs,
                },
            });
        }
        // Another scheme (an http:// address pasted in): said as such, not as a key without a value.
        if let Some((scheme, _)) = text.split_once("://")
            && !scheme.contains(['=', ' '])
        {
            return Err(crate::text::sync_url_scheme(scheme));
        }
        // No `=` anywhere (a host name alone, a word mistyped): neither form, so it is said how to
        // write either, not that a word "has no value". (Nothing at all is no hub, read as no options.)
        if !text.is_empty() && !text.contains('=') {
            return Err(crate::text::SYNC_URL_UNREADABLE.to_string());
        }
        let pairs = pairs_of(text)?;
        for (_, ports) in pairs.iter().filter(|(k, _)| k == "port") {
            ports.split(',').try_for_each(check_port)?;
        }
        Ok(ConnString {
            form: Form::Pairs(pairs),
        })
    }

    /// Removes every `key` option and gives the value of the last one (libpq takes the last).
    pub fn take(&mut self, key: &str) -> Option<String> {
        let mut found = None;
        match &mut self.form {
            Form::Url { pairs, .. } => pairs.retain(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                if k == key {
                    found = Some(percent_decoded(v));
                    false
                } else {
                    true
                }
            }),
            Form::Pairs(items) => items.retain(|(k, v)| {
                if k == key {
                    found = Some(v.clone());
                    false
                } else {
                    true
                }
            }),
        }
        found
    }

    /// Adds option `key` with `value`, a plain word (nothing in it to quote or encode).
    pub fn push(&mut self, key: &str, value: &str) {
        match &mut self.form {
            Form::Url { pairs, .. } => pairs.push(format!("{key}={value}")),
            Form::Pairs(items) => items.push((key.into(), value.into())),
        }
    }

    /// The same string with every password in it (the URL's user part, a `password` option) written as
    /// `********`.
    pub fn hide_password(&mut self) {
        match &mut self.form {
            Form::Url { head, pairs } => {
                let (rest_at, authority) = authority(head);
                if let Some(at) = authority.rfind('@')
                    && let Some(colon) = authority[..at].find(':')
                {
                    head.replace_range(rest_at + colon + 1..rest_at + at, HIDDEN);
                }
                for pair in pairs {
                    if pair.split_once('=').is_some_and(|(k, _)| k == "password") {
                        *pair = format!("password={HIDDEN}");
                    }
                }
            }
            Form::Pairs(items) => {
                for (k, v) in items {
                    if k == "password" {
                        *v = HIDDEN.into();
                    }
                }
            }
        }
    }
}

impl std::fmt::Display for ConnString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.form {
            Form::Url { head, pairs } if pairs.is_empty() => f.write_str(head),
            Form::Url { head, pairs } => write!(f, "{head}?{}", pairs.join("&")),
            Form::Pairs(items) => {
                for (i, (k, v)) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    write!(f, "{k}=")?;
                    if v.is_empty() || v.contains([' ', '\t', '\n', '\'', '\\']) {
                        write!(f, "'{}'", v.replace('\\', "\\\\").replace('\'', "\\'"))?;
                    } else {
                        f.write_str(v)?;
                    }
                }
                Ok(())
            }
        }
    }
}

/// The `user:password@host:port,…` part of a URL's head (`scheme://` before it, `/database` after it),
/// and where in the head it starts.
fn authority(head: &str) -> (usize, &str) {
    let start = head.find("://").map_or(0, |i| i + 3);
    let rest = &head[start..];
    (start, &rest[..rest.find('/').unwrap_or(rest.len())])
}

/// A port as PostgreSQL reads it: a number from 1 to 65535 (empty: the default).
fn check_port(port: &str) -> Result<(), String> {
    match port.parse::<u16>() {
        Ok(1..) => Ok(()),
        _ if port.is_empty() => Ok(()),
        _ => Err(crate::text::sync_url_port(port)),
    }
}

/// A connection string with its passwords written as `********`, for `config show` and the like. A
/// string that cannot be read is hidden whole: it may hold a password where the reader cannot tell.
pub fn without_password(url: &str) -> String {
    match ConnString::parse(url) {
        Ok(mut conn) => {
            conn.hide_password();
            conn.to_string()
        }
        Err(_) => HIDDEN.into(),
    }
}

/// The `key=value` items of libpq's second form: spaces around `=` allowed; a value in single quotes may
/// hold spaces; a backslash takes the next character as it is.
fn pairs_of(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut items = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(items);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            return Err(crate::text::sync_url_no_value(&key));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            loop {
                match chars.next() {
                    None => return Err(crate::text::sync_url_no_quote(&key)),
                    Some('\'') => break,
                    Some('\\') => value.extend(chars.next()),
                    Some(c) => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                if c == '\\' {
                    value.extend(chars.next());
                } else {
                    value.push(c);
                }
            }
        }
        items.push((key, value));
    }
}

/// A URL query value with its `%XX` escapes decoded (and left as written where one is malformed).
fn percent_decoded(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_hidden_wherever_it_is_written() {
        let url = "postgresql://cassa:s3cret@db.example.com:6543/negozio?sslmode=disable";
        assert_eq!(
            without_password(url),
            "postgresql://cassa:********@db.example.com:6543/negozio?sslmode=disable"
        );
        assert_eq!(
            without_password("host=h password='a b\\' c' user=u"),
            "host=h password=******** user=u"
        );
        assert_eq!(
            without_password("host=127.0.0.1 user=regulars password=hunter2 dbname=shop"),
            "host=127.0.0.1 user=regulars password=******** dbname=shop"
        );
        let plain = "postgresql://regulars@localhost/shop";
        assert_eq!(without_password(plain), plain);
        assert_eq!(
            without_password("postgresql://cassa@h/shop?sslmode=disable&password=s3cret&x=1"),
            "postgresql://cassa@h/shop?sslmode=disable&password=********&x=1"
        );
        // Unreadable, so hidden whole.
        assert_eq!(
            without_password("host=h password='never closed"),
            "********"
        );
    }

    #[test]
    fn a_bare_word_is_neither_form_and_nothing_at_all_is_no_options() {
        assert_eq!(
            ConnString::parse("db.example.com").unwrap_err(),
            crate::text::SYNC_URL_UNREADABLE.to_string()
        );
        // One `=` makes it the key=value form, whose own mistakes are said by key.
        assert_eq!(
            ConnString::parse("host=h dbname").unwrap_err(),
            crate::text::sync_url_no_value("dbname")
        );
        assert_eq!(ConnString::parse("  ").unwrap().to_string(), "");
    }

    #[test]
    fn a_port_is_a_number_from_1_to_65535_in_either_form() {
        let port = |p: &str| crate::text::sync_url_port(p);
        for (url, bad) in [
            ("postgresql://u@h:99999/shop", Some("99999")),
            ("postgresql://u:p@ss@h:abc/shop", Some("abc")),
            ("postgresql://u@h1:5432,h2:0/shop", Some("0")),
            ("host=h port=5x dbname=d", Some("5x")),
            ("postgresql://u:secret@h:6543/shop", None),
            ("postgresql://u@[::1]:5432/shop", None),
            ("postgresql://u@[::1]/shop", None),
            ("postgresql://u@h/shop?port=5433", None),
            ("host=h,g port=5432,5433 dbname=d", None),
        ] {
            let read = ConnString::parse(url);
            match bad {
                Some(p) => assert_eq!(read.unwrap_err(), port(p), "{url}"),
                None => assert!(read.is_ok(), "{url}: {read:?}"),
            }
        }
    }

    #[test]
    fn options_are_taken_out_and_put_in_in_both_forms() {
        let mut url = ConnString::parse(
            "postgresql://u@h/db?sslmode=verify-full&sslrootcert=%2Fetc%2Fca%20x.pem&connect_timeout=3",
        )
        .unwrap();
        assert_eq!(url.take("sslmode").as_deref(), Some("verify-full"));
        assert_eq!(url.take("sslrootcert").as_deref(), Some("/etc/ca x.pem"));
        assert_eq!(url.take("sslmode"), None);
        url.push("sslmode", "require");
        assert_eq!(
            url.to_string(),
            "postgresql://u@h/db?connect_timeout=3&sslmode=require"
        );

        let mut kv = ConnString::parse(
            " host = h sslrootcert='/a b/c\\'s.pem' sslmode=verify-ca  dbname=d\\ e ",
        )
        .unwrap();
        assert_eq!(kv.take("sslrootcert").as_deref(), Some("/a b/c's.pem"));
        assert_eq!(kv.take("sslmode").as_deref(), Some("verify-ca"));
        kv.push("sslmode", "require");
        assert_eq!(kv.to_string(), "host=h dbname='d e' sslmode=require");
        // What is written back reads the same.
        let again = ConnString::parse(&kv.to_string()).unwrap();
        assert_eq!(again, kv);

        assert!(ConnString::parse("host").is_err());
        assert!(ConnString::parse("host='h").is_err());
        let mut bare = ConnString::parse("postgresql://h/db").unwrap();
        bare.push("sslmode", "prefer");
        assert_eq!(bare.to_string(), "postgresql://h/db?sslmode=prefer");
    }
}
