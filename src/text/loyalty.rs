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
