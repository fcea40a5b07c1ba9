//! Settings: the defaults embedded from `assets/config.toml`, with the user's own file read over them.
//! Only the lines a user writes are theirs; the full default file is never copied into their directory.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::text::{self, Lang};

const DEFAULTS: &str = include_str!("../assets/config.toml");

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub shop: Shop,
    pub counter: Counter,
    pub backup: BackupSettings,
}

/// The shop itself.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Shop {
    /// Shown on the privacy screen; empty: the desk's own name.
    pub name: String,
}

/// The backups the desk makes by itself (at a clean close, and once a day while it is open).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct BackupSettings {
    /// Where; empty means a `backups` folder beside the store.
    pub folder: String,
    /// How many to keep (the oldest go first); 0 turns them off.
    pub keep: usize,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Counter {
    pub staff: String,
    pub currency: String,
    pub language: String,
    /// Minutes with no key after which the privacy screen comes up by itself; 0: never.
    pub hide_after_minutes: u64,
}

/// Takes read and write access away from everyone but the owner (best effort: a config that cannot be
/// changed still works).
fn tighten_to_owner(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o077 != 0 {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700));
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{}", text::config_error(&.path.display().to_string(), .detail))]
pub struct ConfigError {
    path: PathBuf,
    detail: String,
}

/// Merges `over` into `base`, table by table.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

impl Config {
    /// The user's config file, if there is a home directory.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "regulars")
            .map(|d| d.config_dir().join("config.toml"))
    }

    /// The defaults alone.
    pub fn defaults() -> Config {
        Self::parse(None)
            .unwrap_or_else(|e| panic!("the embedded assets/config.toml is invalid: {e}"))
    }

    fn parse(user: Option<(&Path, &str)>) -> Result<Config, ConfigError> {
        let err = |path: &Path, detail: String| ConfigError {
            path: path.to_path_buf(),
            detail,
        };
        let mut table: toml::Table = DEFAULTS
            .parse()
            .map_err(|e: toml::de::Error| err(Path::new("assets/config.toml"), e.to_string()))?;
        if let Some((path, content)) = user {
            let over: toml::Table = content
                .parse()
                .map_err(|e: toml::de::Error| err(path, e.message().to_string()))?;
            merge(&mut table, over);
        }
        let path = user.map_or(Path::new("assets/config.toml"), |u| u.0);
        let config: Config = table
            .try_into()
            .map_err(|e: toml::de::Error| err(path, e.message().to_string()))?;
        let language = config.counter.language.trim();
        if !language.is_empty() && Lang::from_code(language).is_none() {
            return Err(err(path, text::bad_language(language)));
        }
        Ok(config)
    }

    /// Reads `path` over the defaults; a missing file means the defaults.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let Some(path) = path else {
            return Ok(Self::defaults());
        };
        match std::fs::read_to_string(path) {
            Ok(content) => {
                // It names who works at the counter: nobody else needs to read it.
                tighten_to_owner(path);
                Self::parse(Some((path, &content)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::defaults()),
            Err(e) => Err(ConfigError {
                path: path.to_path_buf(),
                detail: e.to_string(),
            }),
        }
    }

    /// The language the config asks for: `None` when it leaves it to the locale.
    pub fn language(&self) -> Option<Lang> {
        Lang::from_code(&self.counter.language)
    }

    /// The staff name, if one is set.
    pub fn staff(&self) -> Option<String> {
        let staff = self.counter.staff.trim();
        (!staff.is_empty()).then(|| staff.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_lines_override_only_what_they_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(Config::load(Some(&path)).unwrap(), Config::defaults());
        std::fs::write(&path, "[counter]\nstaff = \"Giulia\"\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let config = Config::load(Some(&path)).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a config readable by others is made private");
        assert_eq!(config.staff().as_deref(), Some("Giulia"));
        assert_eq!(config.counter.currency, "€");
        std::fs::write(&path, "[counter]\nstaf = \"Giulia\"\n").unwrap();
        let err = Config::load(Some(&path)).unwrap_err().to_string();
        assert!(err.contains("config.toml") && err.contains("staf"), "{err}");
        std::fs::write(&path, "[counter\n").unwrap();
        assert!(Config::load(Some(&path)).is_err());
    }

    #[test]
    fn the_language_is_en_it_or_left_to_the_locale() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(Config::defaults().language(), None);
        std::fs::write(&path, "[counter]\nlanguage = \"it\"\n").unwrap();
        assert_eq!(
            Config::load(Some(&path)).unwrap().language(),
            Some(Lang::It)
        );
        std::fs::write(&path, "[counter]\nlanguage = \"fr\"\n").unwrap();
        let err = text::in_language(Lang::En, || {
            Config::load(Some(&path)).unwrap_err().to_string()
        });
        assert!(
            err.contains("\"fr\" is not a language") && !err.contains(".."),
            "{err}"
        );
    }
}
