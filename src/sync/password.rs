//! The hub's password where the connection string has none: `PGPASSWORD`, then the pgpass file, as libpq
//! finds them (the postgres crate reads neither).

/// The password for `config` from `PGPASSWORD`, else from the pgpass file (`PGPASSFILE`, else
/// `~/.pgpass`), as libpq reads them: lines `host:port:database:user:password`, `*` matching anything,
/// `\:` and `\\` escaped; the first line that matches wins. A pgpass file that others may read is
/// ignored, as libpq ignores it.
pub fn password_for(config: &postgres::Config) -> Option<String> {
    if let Ok(password) = std::env::var("PGPASSWORD")
        && !password.is_empty()
    {
        return Some(password);
    }
    let file = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".pgpass")))?;
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!("the pgpass file may be read by others, so it is not used");
            return None;
        }
    }
    let text = std::fs::read_to_string(&file).ok()?;
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(name)) => name.clone(),
        Some(postgres::config::Host::Unix(_)) | None => "localhost".into(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user().unwrap_or_default();
    let db = config.get_dbname().unwrap_or(user);
    pgpass_lookup(&text, [&host, &port, db, user])
}

/// The password of the first pgpass line whose four fields match `want` (host, port, database, user).
fn pgpass_lookup(text: &str, want: [&str; 4]) -> Option<String> {
    for line in text.lines() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => field.extend(chars.next()),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() == 5
            && fields[..4]
                .iter()
                .zip(want)
                .all(|(have, want)| have == "*" || have == want)
        {
            return fields.pop();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pgpass_line_matches_as_libpq_reads_it() {
        let text =
            "# comment\nother:5432:*:*:nope\n*:5432:shop:cassa:se\\:cr\\\\et\n*:*:*:*:last\n";
        assert_eq!(
            pgpass_lookup(text, ["db.local", "5432", "shop", "cassa"]).as_deref(),
            Some("se:cr\\et")
        );
        assert_eq!(
            pgpass_lookup(text, ["db.local", "6543", "shop", "cassa"]).as_deref(),
            Some("last")
        );
        assert_eq!(pgpass_lookup("h:1:d:u\n", ["h", "1", "d", "u"]), None);
    }
}
