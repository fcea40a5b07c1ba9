//! The sentences of the loyalty rules: stamps and rewards, tiers, rhythm and lapsed regulars.

use super::catalog::{Msg, tr};
use crate::domain::{Loyalty, StampCard};

pub const BAR_REDEEM: Msg = Msg("bar-redeem");
pub const HELP_REDEEM: Msg = Msg("help-redeem");
pub const NO_ONE_LAPSED: Msg = Msg("no-one-lapsed");
pub const TIMELINE_CONSENT: Msg = Msg("timeline-consent");
/// Where consent was asked, when the command line does not say.
pub const CONSENT_SOURCE_DEFAULT: Msg = Msg("consent-source-default");
pub const CONSENT_LABEL: Msg = Msg("consent-label");
pub const NO_CONSENT: Msg = Msg("no-consent");
/// On the card's contact line, when they agreed to no channel.
pub const NO_CONSENT_SHORT: Msg = Msg("no-consent-short");
pub const FIELD_CONSENT: Msg = Msg("field-consent");
pub const HINT_CONSENT: Msg = Msg("hint-consent");
pub const FIELD_REFERRER: Msg = Msg("field-referrer");
pub const HINT_REFERRER: Msg = Msg("hint-referrer");
/// Under the referrer field, when its letters match no one.
pub const REFERRER_NONE: Msg = Msg("referrer-none");
/// On the referrer field, when saving found its letters not looked up yet (a draft brought back).
pub const REFERRER_SEARCHING: Msg = Msg("referrer-searching");

/// Under the referrer field: "→ Anna Ferri, since 2019-03-01  (1 of 3: ↑ ↓)"; with more
/// matches than can be gone through, it asks for more letters.
pub fn referrer_pick(name: &str, n: usize, count: usize, shown: usize) -> String {
    if count > shown {
        tr!("referrer-pick-more", "name" => name, "n" => n, "count" => count)
    } else {
        tr!("referrer-pick", "name" => name, "n" => n, "count" => count)
    }
}

/// A customer the referrer field's letters match: "Anna Ferri, since 2019-03-01" (two of the
/// same name are told apart).
pub fn referrer_match(name: &str, since: chrono::NaiveDate) -> String {
    tr!("referrer-match", "name" => name, "since" => super::date(since))
}
pub const KEY_LEFT_RIGHT_SPACE: Msg = Msg("key-left-right-space");
pub const HELP_FORM_REFERRER: Msg = Msg("help-form-referrer");
pub const HELP_FORM_CONSENT: Msg = Msg("help-form-consent");
pub const HELP_FORM_CHOICE: Msg = Msg("help-form-choice");

/// The months' heading: "Visits per month, Jan 2026 – Dec 2026 (Dec so far)".
pub fn pulse_months_range(first: i32, last: i32) -> String {
    let long = |m: i32| format!("{} {}", month_short(m), m.div_euclid(12));
    tr!("pulse-months-range", "from" => long(first), "to" => long(last), "month" => month_short(last))
}

/// "Referred by Anna Ferri", on the card.
pub fn referred_by(name: &str) -> String {
    tr!("referred-by", "name" => name)
}
/// "Brought 3 people", on the card and in `show`.
pub fn brought(count: u32) -> String {
    tr!("brought", "count" => count)
}
pub fn bad_channel(word: &str) -> String {
    tr!("bad-channel", "word" => word)
}
pub fn bad_consent_answer(word: &str) -> String {
    tr!("bad-consent-answer", "word" => word)
}
pub fn consent_in_the_future(date: &str) -> String {
    tr!("consent-in-the-future", "date" => date)
}

/// A consent change on its timeline line: "sms given on Nov 23" / "email withdrawn on …".
pub fn consent_fact(channel: crate::domain::Channel, given: bool, on: chrono::NaiveDate) -> String {
    let channel = channel_name(channel);
    let on = super::date(on);
    if given {
        tr!("consent-given", "channel" => channel, "date" => on)
    } else {
        tr!("consent-withdrawn", "channel" => channel, "date" => on)
    }
}

/// "May be contacted by: SMS, phone", or `None` when they agreed to no channel.
pub fn consent_words(consent: crate::domain::ConsentSet) -> Option<String> {
    let channels: Vec<String> = consent.channels().map(channel_name).collect();
    (!channels.is_empty()).then(|| format!("{}: {}", CONSENT_LABEL, channels.join(", ")))
}

/// A channel as the desk names it.
pub fn channel_name(channel: crate::domain::Channel) -> String {
    use crate::domain::Channel;
    match channel {
        Channel::Sms => tr!("channel-sms"),
        Channel::Email => tr!("channel-email"),
        Channel::Phone => tr!("channel-phone"),
        Channel::Post => tr!("channel-post"),
    }
}
/// Before what they usually take, on the card and in `show`.
pub const USUAL: Msg = Msg("usual");

pub fn config_no_file(path: &str) -> String {
    tr!("config-no-file", "path" => path)
}
pub fn config_file_fine(path: &str) -> String {
    tr!("config-file-fine", "path" => path)
}
/// Beside the sparkline of a customer with visits and no rhythm yet.
pub const MONTHS_LABEL: Msg = Msg("months-label");

/// What a reward is called: the shop's words, or the desk's own when the settings leave them empty.
pub fn reward_words(setting: &str) -> String {
    if setting.trim().is_empty() {
        tr!("reward-default")
    } else {
        setting.trim().to_string()
    }
}

/// The name of tier `rank` of the shop's ladder: the shop's own, or the desk's word for that step.
pub fn tier_name(loyalty: &Loyalty, rank: usize) -> String {
    match loyalty.tiers.get(rank) {
        Some(tier) if !tier.name.is_empty() => tier.name.clone(),
        _ => match rank {
            0 => tr!("tier-1"),
            1 => tr!("tier-2"),
            2 => tr!("tier-3"),
            3 => tr!("tier-4"),
            n => tr!("tier-n", "rank" => n + 1),
        },
    }
}

/// A tier as the list marks it: one star per step above the first (it reads without colour).
pub fn tier_stars(rank: usize) -> String {
    "★".repeat(rank)
}

/// The card's stamp line: "Stamps ●●●●○○○○○○ 4/10"; a card filled and not yet redeemed reads full
/// ("10/10"), not empty.
pub fn stamps_line(card: StampCard) -> String {
    let per = card.per_reward as usize;
    let full = card.ready > 0 && card.stamps == 0;
    let stamps = if full { card.per_reward } else { card.stamps };
    let filled = (stamps as usize).min(per);
    let dots = if per <= 20 {
        format!("{}{}", "●".repeat(filled), "○".repeat(per - filled))
    } else {
        String::new()
    };
    tr!("stamps-line", "dots" => dots, "stamps" => stamps, "per_reward" => card.per_reward)
}

/// "★ Reward ready: a free coffee (r)", or with more than one, how many.
pub fn reward_ready(count: u32, reward: &str) -> String {
    tr!("reward-ready", "count" => count, "reward" => reward)
}

/// The same for the command line, which gives it with `regulars redeem`.
pub fn reward_ready_cli(count: u32, reward: &str, id: &str) -> String {
    tr!("reward-ready-cli", "count" => count, "reward" => reward, "id" => id)
}

/// "Reward given to Anna: a free coffee. 3 of 10 stamps toward the next."
pub fn reward_given(name: &str, reward: &str, card: StampCard) -> String {
    let (stamps, per_reward, ready) = (card.stamps, card.per_reward, card.ready);
    tr!("reward-given", "name" => name, "reward" => reward, "stamps" => stamps, "per_reward" => per_reward, "ready" => ready)
}

/// "Visit logged for Anna: welcome to family!" when the visit takes them up a tier.
pub fn visit_logged_new_tier(name: &str, tier: &str) -> String {
    tr!("visit-logged-new-tier", "name" => name, "tier" => tier)
}

/// The card's tier line: "★★ regular" (the first tier has no star, as in the list).
pub fn tier_line(loyalty: &Loyalty, rank: usize) -> String {
    let name = tier_name(loyalty, rank);
    if rank == 0 {
        name
    } else {
        tr!("tier-line", "stars" => tier_stars(rank), "tier" => name)
    }
}

/// "Usually every 9 days".
pub fn rhythm_line(rhythm: u32) -> String {
    tr!("rhythm-line", "rhythm" => rhythm)
}

/// "! Lapsed: away 40 days", under the rhythm of a regular past it.
pub fn lapsed_line(days: u32) -> String {
    tr!("lapsed-line", "days" => days)
}

pub const PULSE_WITHIN: Msg = Msg("pulse-within");
pub const PULSE_DUE: Msg = Msg("pulse-due");
pub const PULSE_LAPSED: Msg = Msg("pulse-lapsed");
pub const PULSE_MONTHS: Msg = Msg("pulse-months");
pub const PULSE_RETURNING: Msg = Msg("pulse-returning");
pub const PULSE_NEW: Msg = Msg("pulse-new");
pub const BAR_PULSE: Msg = Msg("bar-pulse");
pub const HELP_PULSE: Msg = Msg("help-pulse");
pub const HELP_PULSE_CLOSE: Msg = Msg("help-pulse-close");
pub const MODE_PULSE: Msg = Msg("mode-pulse");

/// "The shop's pulse, 2 Dec 2026".
pub fn pulse_title(today: chrono::NaiveDate) -> String {
    tr!("pulse-title", "date" => super::date(today))
}

/// "Customers by tier (1 204)".
pub fn pulse_tiers(count: u32) -> String {
    tr!("pulse-tiers", "count" => count)
}

/// "Regulars and their rhythm (377)".
pub fn pulse_regulars(count: u32) -> String {
    tr!("pulse-regulars", "count" => count)
}

/// A month's short name ("Dec", "dic") from its number (`year * 12 + month - 1`).
pub fn month_short(month: i32) -> String {
    tr!("month-short", "n" => month.rem_euclid(12) + 1)
}

/// One month of the pulse on the command line: "Dec 2026  812 returning, 14 new".
pub fn pulse_month_line(month: i32, returning: u32, new: u32) -> String {
    let month = format!("{} {}", month_short(month), month.div_euclid(12));
    tr!("pulse-month-line", "month" => month, "returning" => returning, "new" => new)
}

/// A bar of `value` out of `max` in at most `width` columns, drawn in eighths of a column (it reads
/// without colour); any value above nothing shows at least a sliver.
pub fn bar(value: u64, max: u64, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    if value == 0 || max == 0 || width == 0 {
        return String::new();
    }
    let eighths =
        (u128::from(value.min(max)) * (width as u128) * 8 / u128::from(max)).max(1) as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8]);
    }
    out
}

/// A count in at most five columns: 812, 12345, 120k, 3M.
pub fn count_short(n: u64) -> String {
    match n {
        0..=99_999 => n.to_string(),
        100_000..=9_999_999 => format!("{}k", n / 1000),
        _ => format!("{}M", n / 1_000_000),
    }
}

/// Rows of named bars, as the pulse draws them (on the desk and on the command line): each name padded
/// to the longest, its bar scaled to the largest value within what `width` leaves, and its count.
pub fn bar_rows(rows: &[(String, u64)], width: usize) -> Vec<[String; 3]> {
    let column = |s: &str| ratatui::text::Span::raw(s).width();
    let names = rows.iter().map(|(name, _)| column(name)).max().unwrap_or(0);
    let counts = rows
        .iter()
        .map(|&(_, n)| count_short(n).len())
        .max()
        .unwrap_or(1);
    let room = width.saturating_sub(names + counts + 3);
    let max = rows.iter().map(|&(_, n)| n).max().unwrap_or(0);
    rows.iter()
        .map(|(name, n)| {
            let pad = " ".repeat(names.saturating_sub(column(name)));
            [
                format!(" {name}{pad} "),
                bar(*n, max, room),
                count_short(*n),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_show_any_value_above_nothing() {
        assert_eq!(bar(0, 10, 20), "");
        assert_eq!(bar(10, 10, 20), "█".repeat(20));
        assert_eq!(bar(5, 10, 20), "█".repeat(10));
        // 1 of 1000 in 20 columns is under an eighth of one: still a sliver.
        assert_eq!(bar(1, 1000, 20), "▏");
        // 3 of 8 in 2 columns: six eighths.
        assert_eq!(bar(3, 8, 2), "▊");
        // Never wider than the room, whatever it is given.
        assert_eq!(bar(u64::MAX, 10, 5), "█".repeat(5));
        assert_eq!(bar(5, 10, 0), "");
        assert_eq!(count_short(9_999_999), "9999k");
        // Scaled to the largest, not to the sum.
        let even = bar_rows(&[("a".into(), 2), ("b".into(), 2)], 30);
        assert_eq!(even[0][1], even[1][1]);
        assert_eq!(even[0][1].chars().count(), 30 - 1 - 1 - 3);
        assert_eq!(count_short(99_999), "99999");
        assert_eq!(count_short(120_500), "120k");
        assert_eq!(count_short(12_000_000), "12M");
        let rows = bar_rows(&[("new".into(), 4), ("★ friend".into(), 0)], 30);
        assert_eq!(rows[0][0], " new      ");
        assert_eq!(rows[1][0], " ★ friend ");
        assert_eq!(rows[1][1], "");
        assert_eq!(rows[0][1].chars().count(), 30 - 8 - 1 - 3);
    }
}
