//! The catalogs: `assets/i18n/en.ftl` and `assets/i18n/it.ftl`, in Project Fluent syntax, embedded in the
//! binary and read once. Fluent handles what a hand-made table cannot: plural forms per language
//! ("1 visita", "3 visite"), and messages that put their arguments where the language needs them.
//!
//! The language is chosen once per process ([`set_language`]); [`in_language`] changes it for one thread
//! for the length of a closure, so tests can draw the desk in both languages side by side.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// A language of the desk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    It,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::It];

    /// The code written on the command line and in the config: `en`, `it`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::It => "it",
        }
    }

    /// `en` or `it` (any case); anything else is not a language of the desk.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The language of a POSIX locale value: `it_IT.UTF-8`, `it_CH`, `it` mean Italian; `C`, `POSIX` and
    /// every other language mean English (the desk speaks only these two).
    pub fn from_locale(value: &str) -> Lang {
        let language = value.split(['_', '.', '@', '-']).next().unwrap_or("");
        Lang::from_code(language).unwrap_or(Lang::En)
    }

    /// The language the environment asks for: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set
    /// and not empty (the POSIX order), or `None` when none is.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|v| !v.trim().is_empty())
            .map(|v| Lang::from_locale(&v))
    }

    /// `--lang`, else the config, else the locale, else English.
    pub fn choose(flag: Option<Lang>, config: Option<Lang>, env: Option<Lang>) -> Lang {
        flag.or(config).or(env).unwrap_or_default()
    }

    /// The catalog file of this language, as embedded in the binary.
    pub fn catalog_source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../assets/i18n/en.ftl"),
            Lang::It => include_str!("../../assets/i18n/it.ftl"),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

static PROCESS: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static SCOPED: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the language of the whole process (once, at start).
pub fn set_language(lang: Lang) {
    PROCESS.store(lang as u8, Ordering::Relaxed);
}

/// The language text is produced in, on this thread.
pub fn language() -> Lang {
    SCOPED.with(Cell::get).unwrap_or_else(|| {
        if PROCESS.load(Ordering::Relaxed) == Lang::It as u8 {
            Lang::It
        } else {
            Lang::En
        }
    })
}

/// Runs `f` with text in `lang` on this thread, then goes back to what was before (even if `f` panics).
pub fn in_language<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            SCOPED.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(SCOPED.with(|s| s.replace(Some(lang))));
    f()
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    BUNDLES[lang as usize].get_or_init(|| {
        let id = match lang {
            Lang::En => unic_langid::langid!("en"),
            Lang::It => unic_langid::langid!("it"),
        };
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Fluent wraps arguments in Unicode isolation marks for right-to-left scripts; a terminal would
        // show them as stray characters.
        bundle.set_use_isolating(false);
        // Counts with the language's thousands mark: "Imported 100,000 customers", "100.000 clienti".
        bundle.set_formatter(Some(match lang {
            Lang::En => |v, _| grouped(v, Lang::En),
            Lang::It => |v, _| grouped(v, Lang::It),
        }));
        // The catalogs are part of the program and a test parses them: a syntax error cannot ship. Were
        // one to, the entries that did parse are still used, and the rest fall back to English.
        let resource =
            FluentResource::try_new(lang.catalog_source().to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// A whole number of a message grouped by thousands ([`super::whole_number_in`]); anything else as Fluent does. (No
/// message takes a year as a number: dates are written before they reach the catalog; and line numbers
/// come as text, as an editor shows them.)
fn grouped(value: &fluent_bundle::FluentValue, lang: Lang) -> Option<String> {
    let fluent_bundle::FluentValue::Number(n) = value else {
        return None;
    };
    let whole = n.value;
    if whole.fract() != 0.0 || whole.abs() < 1000.0 || whole.abs() > 1e15 {
        return None;
    }
    Some(super::whole_number_in(whole as i64, lang))
}

/// The message `id` in the current language, with `args`; English when the language lacks it, and the id
/// itself when no catalog has it (a test makes sure none is missing).
pub fn format(id: &str, args: Option<&FluentArgs>) -> Cow<'static, str> {
    let found = [language(), Lang::En].into_iter().find_map(|lang| {
        let bundle = bundle(lang);
        bundle
            .get_message(id)
            .and_then(|m| m.value())
            .map(|pattern| (bundle, pattern))
    });
    let Some((bundle, pattern)) = found else {
        return Cow::Owned(id.to_string());
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    debug_assert!(errors.is_empty(), "message {id}: {errors:?}");
    text
}

/// A message without arguments, by its catalog id: `text::SEARCH_TITLE.text()`, or `{}` in a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Msg(pub(crate) &'static str);

impl Msg {
    pub fn id(self) -> &'static str {
        self.0
    }

    pub fn text(self) -> Cow<'static, str> {
        format(self.0, None)
    }
}

impl From<Msg> for Cow<'static, str> {
    fn from(msg: Msg) -> Self {
        msg.text()
    }
}

impl From<Msg> for String {
    fn from(msg: Msg) -> Self {
        msg.text().into_owned()
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// A message with arguments: `tr!("visit-logged", "name" => name)`.
macro_rules! tr {
    ($id:literal $(, $name:literal => $value:expr)* $(,)?) => {{
        #[allow(unused_mut)]
        let mut args = fluent_bundle::FluentArgs::new();
        $(args.set($name, $value);)*
        $crate::text::catalog::format($id, Some(&args)).into_owned()
    }};
}
pub(crate) use tr;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_grouped_the_languages_way_and_still_choose_plurals() {
        let said =
            |lang, added: usize| in_language(lang, || crate::text::import_dry_run(added, 0, 0));
        assert!(said(Lang::En, 12_345).starts_with("Would import 12,345 customers"));
        assert!(said(Lang::It, 12_345).starts_with("Verrebbero importati 12.345 clienti"));
        assert!(said(Lang::En, 1_234_567).contains("1,234,567 customers"));
        assert!(said(Lang::En, 999).starts_with("Would import 999 customers"));
        assert!(
            said(Lang::En, 1).starts_with("Would import 1 customer;")
                || said(Lang::En, 1).starts_with("Would import 1 customer.")
        );
        assert!(said(Lang::It, 1).starts_with("Verrebbe importato 1 cliente"));
    }

    #[test]
    fn locales_choose_the_language() {
        assert_eq!(Lang::from_locale("it_IT.UTF-8"), Lang::It);
        assert_eq!(Lang::from_locale("it_CH"), Lang::It);
        assert_eq!(Lang::from_locale("it"), Lang::It);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("de_DE.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale("POSIX"), Lang::En);
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            Lang::from_env(move |k| {
                pairs
                    .iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| v.to_string())
            })
        };
        assert_eq!(env(&[]), None);
        assert_eq!(env(&[("LANG", "it_IT.UTF-8")]), Some(Lang::It));
        // LC_ALL wins over LC_MESSAGES, which wins over LANG; empty values do not count.
        assert_eq!(
            env(&[("LANG", "it_IT.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")]),
            Some(Lang::En)
        );
        assert_eq!(
            env(&[("LC_ALL", "it_IT.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")]),
            Some(Lang::It)
        );
        assert_eq!(
            env(&[("LC_ALL", ""), ("LANG", "it_IT.UTF-8")]),
            Some(Lang::It)
        );
    }

    #[test]
    fn the_flag_wins_then_the_config_then_the_locale() {
        use Lang::*;
        assert_eq!(Lang::choose(Some(En), Some(It), Some(It)), En);
        assert_eq!(Lang::choose(None, Some(It), Some(En)), It);
        assert_eq!(Lang::choose(None, None, Some(It)), It);
        assert_eq!(Lang::choose(None, None, None), En);
    }

    #[test]
    fn a_scoped_language_is_restored_after_a_panic() {
        let before = language();
        let caught = std::panic::catch_unwind(|| in_language(Lang::It, || panic!("inside")));
        assert!(caught.is_err());
        assert_eq!(language(), before);
        assert_eq!(in_language(Lang::It, language), Lang::It);
    }

    #[test]
    fn plurals_follow_the_language() {
        let visits = |n: usize| tr!("visits", "count" => n);
        assert_eq!(in_language(Lang::En, || visits(1)), "1 visit");
        assert_eq!(in_language(Lang::En, || visits(3)), "3 visits");
        assert_eq!(in_language(Lang::It, || visits(1)), "1 visita");
        assert_eq!(in_language(Lang::It, || visits(0)), "0 visite");
    }
}
