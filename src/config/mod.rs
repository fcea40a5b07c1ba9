//! Settings: the defaults embedded from `assets/config.toml`, with the user's own file read over them.
//! Only the lines a user writes are theirs; the full default file is never copied into their directory.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::{LapsedRule, Loyalty, StampRule, Tier, parse_amount};
use crate::text::{self, Lang};

mod check;
use check::{Problem, UserFile};

const DEFAULTS: &str = include_str!("../../assets/config.toml");

/// The most tiers a ladder may have: more would not fit a card or the pulse.
pub const MAX_TIERS: usize = 8;

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub shop: Shop,
    pub counter: Counter,
    pub backup: BackupSettings,
    pub sync: SyncSettings,
    pub loyalty: LoyaltySettings,
}

/// The hub that several tills share (see `src/sync/`).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SyncSettings {
    /// A PostgreSQL connection string; empty: this till works alone.
    pub url: String,
    /// This till's name; empty: the machine's name.
    pub till: String,
}

/// The loyalty rules as the file writes them (see `assets/config.toml`); [`Config::loyalty`] gives them
/// as the domain's [`Loyalty`].
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LoyaltySettings {
    /// `visit` or `amount`.
    pub stamp_per: String,
    /// With `stamp_per = "amount"`: one stamp for every this much spent, as an amount is typed.
    pub stamp_amount: String,
    pub stamps_per_reward: u32,
    pub reward: String,
    pub lapsed: LapsedSettings,
    pub tiers: Vec<TierSettings>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LapsedSettings {
    pub min_visits: u32,
    pub factor: f64,
    pub floor_days: u32,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TierSettings {
    #[serde(default)]
    pub name: String,
    pub years: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visits: Option<u32>,
}

/// The shop itself.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Shop {
    /// Shown on the privacy screen; empty: the desk's own name.
    pub name: String,
}

/// The backups the desk makes by itself (at a clean close, and once a day while it is open).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct BackupSettings {
    /// Where; empty means a `backups` folder beside the store.
    pub folder: String,
    /// How many to keep (the oldest go first); 0 turns them off.
    pub keep: usize,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
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

/// Whether anyone but the owner may read `path`.
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

/// A config file that cannot be used: every problem found in it, each one sentence naming the file, the
/// line, the key and the reason.
#[derive(Debug)]
pub struct ConfigError {
    path: PathBuf,
    problems: Vec<Problem>,
}

impl ConfigError {
    fn one(path: &Path, reason: String) -> ConfigError {
        ConfigError {
            path: path.to_path_buf(),
            problems: vec![Problem {
                key: String::new(),
                line: None,
                reason,
            }],
        }
    }

    /// The problems, each as its sentence.
    pub fn sentences(&self) -> Vec<String> {
        let path = self.path.display().to_string();
        self.problems
            .iter()
            .map(|p| text::config_problem(&path, p.line, &p.key, &p.reason))
            .collect()
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.sentences().join("\n"))
    }
}

impl std::error::Error for ConfigError {}

/// Merges `over` into `base`, table by table (a list, such as the tiers, is replaced whole). Only what the
/// defaults know, with a value of their type, is taken: the rest is reported by the check, and leaving it
/// out lets every other mistake of the file be found in the same reading.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        let Some(default) = base.get_mut(&key) else {
            continue;
        };
        match (default, value) {
            (toml::Value::Table(b), toml::Value::Table(o)) => merge(b, o),
            // `factor = 2` where the defaults say `2.0`.
            (toml::Value::Float(_), toml::Value::Integer(i)) => {
                base.insert(key, toml::Value::Float(i as f64));
            }
            (toml::Value::Integer(_), toml::Value::Integer(i)) if i < 0 => {}
            (toml::Value::Array(b), toml::Value::Array(items)) => {
                let template = match b.first() {
                    Some(toml::Value::Table(t)) => Some(t.clone()),
                    _ => None,
                };
                let items = items
                    .into_iter()
                    .filter_map(|item| match (&template, item) {
                        (Some(template), toml::Value::Table(item)) => {
                            let mut known = toml::Table::new();
                            for (k, v) in item {
                                if template.get(&k).is_some_and(|d| d.same_type(&v)) {
                                    known.insert(k, v);
                                }
                            }
                            Some(toml::Value::Table(known))
                        }
                        (Some(_), _) => None,
                        (None, item) => Some(item),
                    })
                    .collect();
                base.insert(key, toml::Value::Array(items));
            }
            (default, value) if default.same_type(&value) => {
                base.insert(key, value);
            }
            _ => {}
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

    fn defaults_table() -> toml::Table {
        DEFAULTS
            .parse()
            .unwrap_or_else(|e| panic!("the embedded assets/config.toml is invalid: {e}"))
    }

    fn parse(user: Option<(&Path, &str)>) -> Result<Config, ConfigError> {
        let mut table = Self::defaults_table();
        let path = user.map_or(Path::new("assets/config.toml"), |u| u.0);
        let mut mismatches = Vec::new();
        let file = match user {
            Some((path, content)) => {
                let file = UserFile::parse(content).map_err(|problem| ConfigError {
                    path: path.to_path_buf(),
                    problems: vec![problem],
                })?;
                mismatches = file.mismatches(&table);
                let over: toml::Table = content
                    .parse()
                    .map_err(|e: toml::de::Error| ConfigError::one(path, e.message().into()))?;
                merge(&mut table, over);
                Some(file)
            }
            None => None,
        };
        let config: Config = table.try_into().map_err(|e: toml::de::Error| {
            if !mismatches.is_empty() {
                return ConfigError {
                    path: path.to_path_buf(),
                    problems: mismatches.clone(),
                };
            }
            // What the walk cannot see is a key the file left out where it is needed: a tier's years
            // (every other key has a default).
            let mut error = ConfigError::one(path, e.message().trim().to_string());
            if let Some(problem) = error.problems.first_mut()
                && e.message().contains("years")
            {
                problem.key = "loyalty.tiers".into();
                problem.reason = text::config_tier_needs_years();
                problem.line = file.as_ref().and_then(|f| f.line_of(&["loyalty", "tiers"]));
            }
            error
        })?;
        let mut problems: Vec<Problem> = config
            .mistakes()
            .into_iter()
            .map(|(key, reason)| {
                let parts: Vec<&str> = key.split('.').collect();
                Problem {
                    line: file.as_ref().and_then(|f| f.line_of(&parts)),
                    key,
                    reason,
                }
            })
            .collect();
        problems.extend(mismatches);
        problems.sort_by_key(|p| p.line);
        if !problems.is_empty() {
            return Err(ConfigError {
                path: path.to_path_buf(),
                problems,
            });
        }
        Ok(config)
    }

    /// What is wrong with values of the right type: each key with its reason.
    fn mistakes(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let language = self.counter.language.trim();
        if !language.is_empty() && Lang::from_code(language).is_none() {
            out.push((
                "counter.language".into(),
                text::config_bad_language(language),
            ));
        }
        let url = self.sync.url.trim();
        if !url.is_empty()
            && let Err(reason) = crate::sync::hub::place_of(url)
        {
            out.push(("sync.url".into(), text::config_sync_url(&reason)));
        }
        let till = &self.sync.till;
        if till.chars().count() > 40 || till.chars().any(char::is_control) {
            out.push(("sync.till".into(), text::config_till_name()));
        }
        let l = &self.loyalty;
        if !matches!(l.stamp_per.trim(), "visit" | "amount") {
            out.push((
                "loyalty.stamp_per".into(),
                text::config_bad_stamp_per(&l.stamp_per),
            ));
        }
        if !parse_amount(&l.stamp_amount).is_ok_and(|c| c > 0) {
            out.push((
                "loyalty.stamp_amount".into(),
                text::config_bad_amount(&l.stamp_amount),
            ));
        }
        if !(1..=100).contains(&l.stamps_per_reward) {
            out.push((
                "loyalty.stamps_per_reward".into(),
                text::config_out_of_range(1, 100),
            ));
        }
        if !(2..=1000).contains(&l.lapsed.min_visits) {
            out.push((
                "loyalty.lapsed.min_visits".into(),
                text::config_out_of_range(2, 1000),
            ));
        }
        if !(l.lapsed.factor >= 1.0 && l.lapsed.factor <= 10.0) {
            out.push((
                "loyalty.lapsed.factor".into(),
                text::config_out_of_range(1, 10),
            ));
        }
        if !(1..=365).contains(&l.lapsed.floor_days) {
            out.push((
                "loyalty.lapsed.floor_days".into(),
                text::config_out_of_range(1, 365),
            ));
        }
        if l.tiers.is_empty() || l.tiers.len() > MAX_TIERS {
            out.push(("loyalty.tiers".into(), text::config_tier_count(MAX_TIERS)));
        }
        if let Some(first) = l.tiers.first()
            && first.years != 0
        {
            out.push(("loyalty.tiers.1.years".into(), text::config_first_tier()));
        }
        for (i, pair) in l.tiers.windows(2).enumerate() {
            let n = i + 2;
            if pair[1].years <= pair[0].years {
                out.push((format!("loyalty.tiers.{n}.years"), text::config_tier_step()));
            }
            if let (Some(a), Some(b)) = (pair[0].visits, pair[1].visits)
                && b <= a
            {
                out.push((
                    format!("loyalty.tiers.{n}.visits"),
                    text::config_tier_step(),
                ));
            }
        }
        for (i, tier) in l.tiers.iter().enumerate() {
            if tier.name.chars().count() > 20 || tier.name.chars().any(char::is_control) {
                out.push((
                    format!("loyalty.tiers.{}.name", i + 1),
                    text::config_tier_name(),
                ));
            }
        }
        out
    }

    /// The loyalty rules, as the domain takes them.
    pub fn loyalty(&self) -> Loyalty {
        let l = &self.loyalty;
        Loyalty {
            stamps: match l.stamp_per.trim() {
                "amount" => StampRule::PerAmount(parse_amount(&l.stamp_amount).unwrap_or(1000)),
                _ => StampRule::PerVisit,
            },
            per_reward: l.stamps_per_reward,
            reward: l.reward.trim().to_string(),
            tiers: l
                .tiers
                .iter()
                .map(|t| Tier {
                    name: t.name.trim().to_string(),
                    years: t.years,
                    visits: t.visits,
                })
                .collect(),
            lapsed: LapsedRule {
                min_visits: l.lapsed.min_visits,
                factor: l.lapsed.factor,
                floor_days: l.lapsed.floor_days,
            },
        }
    }

    /// The settings in use, as a config file would write them (`regulars config show`), with the sync
    /// hub's password (if the file holds one) hidden.
    pub fn to_toml(&self) -> String {
        let mut shown = self.clone();
        shown.sync.url = crate::sync::url::without_password(&self.sync.url);
        toml::to_string_pretty(&shown).unwrap_or_default()
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
                let config = Self::parse(Some((path, &content)))?;
                // A file that holds the hub's password must be its owner's alone; one that could not
                // be made so (another user's file) is refused rather than used.
                if crate::sync::hub::has_password(&config.sync.url) && readable_by_others(path) {
                    return Err(ConfigError::one(path, text::config_password_readable()));
                }
                Ok(config)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::defaults()),
            Err(e) => Err(ConfigError::one(
                path,
                text::config_unreadable(&e.to_string()),
            )),
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
        assert_eq!(
            err,
            format!(
                "The config file {}, line 2: counter.language must be \"en\" or \"it\" (or empty, for the \
                 system's language), not \"fr\".",
                path.display()
            )
        );
    }

    /// Each kind of mistake in the `[loyalty]` section: the key it names and the line it is on.
    #[test]
    fn every_kind_of_loyalty_mistake_is_named_with_its_key_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let tier = |years: u32, visits: u32| {
            format!("[[loyalty.tiers]]\nname = \"\"\nyears = {years}\nvisits = {visits}\n")
        };
        let cases: Vec<(String, &str, Option<usize>, &str)> = vec![
            (
                "[loyalty]\nstamp_per = \"coffee\"\n".into(),
                "loyalty.stamp_per",
                Some(2),
                "\"coffee\"",
            ),
            (
                "[loyalty]\n\nstamp_amount = \"nothing\"\n".into(),
                "loyalty.stamp_amount",
                Some(3),
                "above zero",
            ),
            (
                "[loyalty]\nstamp_amount = \"0\"\n".into(),
                "loyalty.stamp_amount",
                Some(2),
                "above zero",
            ),
            (
                "[loyalty]\nstamps_per_reward = 0\n".into(),
                "loyalty.stamps_per_reward",
                Some(2),
                "between 1 and 100",
            ),
            (
                "[loyalty]\nstamps_per_reward = \"10\"\n".into(),
                "loyalty.stamps_per_reward",
                Some(2),
                "a whole number",
            ),
            (
                "[loyalty]\nstamps_per_reward = -1\n".into(),
                "loyalty.stamps_per_reward",
                Some(2),
                "0 or more",
            ),
            (
                "[loyalty]\nrewards = \"a cake\"\n".into(),
                "loyalty.rewards",
                Some(2),
                "stamps_per_reward",
            ),
            (
                "[loyalty.lapsed]\nfactor = 0.5\n".into(),
                "loyalty.lapsed.factor",
                Some(2),
                "between 1 and 10",
            ),
            (
                "[loyalty.lapsed]\nfloor_days = 0\n".into(),
                "loyalty.lapsed.floor_days",
                Some(2),
                "between 1 and 365",
            ),
            (
                "[loyalty.lapsed]\nmin_visits = 1\n".into(),
                "loyalty.lapsed.min_visits",
                Some(2),
                "between 2",
            ),
            (tier(1, 0), "loyalty.tiers.1.years", Some(3), "must be 0"),
            (
                format!("{}\n{}", tier(0, 0), tier(0, 10)),
                "loyalty.tiers.2.years",
                Some(8),
                "tier before",
            ),
            (
                format!("{}\n{}", tier(0, 10), tier(2, 10)),
                "loyalty.tiers.2.visits",
                Some(9),
                "tier before",
            ),
            (
                "[[loyalty.tiers]]\nname = \"the friends of the house\"\nyears = 0\n".into(),
                "loyalty.tiers.1.name",
                Some(2),
                "20 characters",
            ),
            (
                "[[loyalty.tiers]]\nname = \"new\"\n".into(),
                "loyalty.tiers",
                Some(1),
                "each tier needs its years",
            ),
            (
                "[loyalty]\ntiers = []\n".into(),
                "loyalty.tiers",
                Some(2),
                "between 1 and 8",
            ),
        ];
        for (content, key, line, reason) in cases {
            std::fs::write(&path, &content).unwrap();
            let err = text::in_language(Lang::En, || Config::load(Some(&path)).unwrap_err());
            let sentence = text::in_language(Lang::En, || err.sentences().join(" | "));
            let problem = &err.problems[0];
            assert_eq!(
                (problem.key.as_str(), problem.line),
                (key, line),
                "{content}: {sentence}"
            );
            assert!(sentence.contains(reason), "{content}: {sentence}");
            assert!(
                sentence.starts_with(&format!("The config file {}", path.display())),
                "{sentence}"
            );
        }
    }

    #[test]
    fn a_whole_number_is_a_factor_and_limits_hold() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[loyalty.lapsed]\nfactor = 3\n").unwrap();
        let config = Config::load(Some(&path)).unwrap();
        assert_eq!(config.loyalty().lapsed.factor, 3.0);
        std::fs::write(&path, "[loyalty.lapsed]\nmin_visits = 5000\n").unwrap();
        assert_eq!(
            Config::load(Some(&path)).unwrap_err().problems[0].key,
            "loyalty.lapsed.min_visits"
        );
        let tiers: String = (0..9)
            .map(|i| format!("[[loyalty.tiers]]\nyears = {i}\n"))
            .collect();
        std::fs::write(&path, tiers).unwrap();
        assert_eq!(
            Config::load(Some(&path)).unwrap_err().problems[0].key,
            "loyalty.tiers"
        );
    }

    #[test]
    fn all_the_mistakes_of_a_file_are_reported_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "[counter]\nstaf = \"Giulia\"\n[loyalty]\nstamp_pr = \"visit\"\n",
        )
        .unwrap();
        let err = Config::load(Some(&path)).unwrap_err();
        let keys: Vec<_> = err
            .problems
            .iter()
            .map(|p| (p.key.as_str(), p.line))
            .collect();
        assert_eq!(
            keys,
            vec![("counter.staf", Some(2)), ("loyalty.stamp_pr", Some(4))]
        );
        assert_eq!(err.to_string().lines().count(), 2);
    }

    #[test]
    fn the_settings_shown_read_back_as_the_same_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let mut config = Config::defaults();
        config.loyalty.stamp_per = "amount".into();
        config.loyalty.lapsed.factor = 2.5;
        config.loyalty.tiers.truncate(2);
        config.loyalty.tiers[1].visits = None;
        std::fs::write(&path, config.to_toml()).unwrap();
        assert_eq!(Config::load(Some(&path)).unwrap(), config);
        assert_eq!(
            config.loyalty().stamps,
            StampRule::PerAmount(1000),
            "one stamp per 10.00"
        );
    }

    #[test]
    fn the_default_ladder_lets_tenure_alone_reach_the_top() {
        let loyalty = Config::defaults().loyalty();
        let top = loyalty.tiers.len() - 1;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let since = chrono::NaiveDate::from_ymd_opt(2006, 3, 1).unwrap();
        assert_eq!(loyalty.tier(since, 0, today), top);
        assert_eq!(loyalty.tier(today, 0, today), 0);
        assert_eq!(loyalty.stamps, StampRule::PerVisit);
    }
}
