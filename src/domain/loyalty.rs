//! The loyalty rules: stamps toward a reward, tiers that tenure alone can reach, and each regular's own
//! rhythm, which says when they have drifted away.
//!
//! Every figure here is derived from what the store keeps per customer ([`VisitStats`], recomputed from
//! their events whenever one is taken back), never a counter bumped in place, and every rule takes "today"
//! as a parameter. The shop's settings ([`Loyalty`]) come from the `[loyalty]` section of the config file.

use chrono::{DateTime, NaiveDate, Utc};

use super::events::event_record;
use super::{EventKind, Id, VisitStats, tenure};

/// A reward taken: it uses the stamps that paid for it (as many as a reward cost when it was taken).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redemption {
    pub id: Id,
    pub customer: Id,
    pub at: DateTime<Utc>,
    /// The stamps it used.
    pub stamps: u32,
    /// The reward as it was called when taken.
    pub reward: String,
    pub staff: Option<String>,
}

event_record!(
    Redemption,
    EventKind::Redemption,
    fn add_to(&self, figures: &mut VisitStats) -> bool {
        figures.stamps_used = figures.stamps_used.saturating_add(self.stamps);
        true
    }
);

/// How a stamp is earned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StampRule {
    /// One stamp per visit.
    PerVisit,
    /// One stamp for every this many cents spent, counted over all their visits together (so two small
    /// coffees add up).
    PerAmount(i64),
}

/// A step of the loyalty ladder. It is reached by tenure alone (`years` as a customer) or by `visits`,
/// whichever comes first: a customer of twenty years is never worth less than a newcomer who comes daily.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tier {
    /// Empty: the desk's own word for a step at this place of the ladder, in its language.
    pub name: String,
    pub years: u32,
    /// `None`: only tenure reaches it.
    pub visits: Option<u32>,
}

/// When a regular counts as lapsed: at least `min_visits`, and more days since the last than `factor`
/// times their own usual interval, and never fewer than `floor_days`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LapsedRule {
    pub min_visits: u32,
    pub factor: f64,
    pub floor_days: u32,
}

/// The shop's loyalty settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Loyalty {
    pub stamps: StampRule,
    pub per_reward: u32,
    /// Empty: the desk's own words for a reward.
    pub reward: String,
    /// The ladder, lowest first; the first is where everyone starts.
    pub tiers: Vec<Tier>,
    pub lapsed: LapsedRule,
}

/// A customer's stamp card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StampCard {
    /// Stamps toward the next reward (`0..per_reward`).
    pub stamps: u32,
    pub per_reward: u32,
    /// Rewards earned and not yet taken.
    pub ready: u32,
}

/// A regular past their own rhythm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lapse {
    pub days_since: u32,
    /// Their usual interval between visits, in days.
    pub rhythm: u32,
    /// The days after which they count as lapsed: `factor × rhythm`, never below the floor.
    pub after: u32,
}

impl Lapse {
    /// How far past their rhythm, for sorting: days since the last visit per usual interval.
    pub fn lateness(&self) -> f64 {
        lateness(self.days_since, self.rhythm)
    }
}

/// How far past their rhythm a regular away `days_since` days is: days away per usual interval (the
/// lapsed are listed by it, the furthest past first).
pub fn lateness(days_since: u32, rhythm: u32) -> f64 {
    f64::from(days_since) / f64::from(rhythm.max(1))
}

impl Loyalty {
    /// The stamp card of a customer with these figures: stamps earned by their visits (none for a voided
    /// one), less those that paid for the rewards they took (each redemption keeps how many it used, so a
    /// card changed from 10 stamps to 8 later does not change what was paid).
    pub fn stamp_card(&self, figures: &VisitStats) -> StampCard {
        let per_reward = self.per_reward.max(1);
        let earned: u64 = match self.stamps {
            StampRule::PerVisit => u64::from(figures.count),
            StampRule::PerAmount(cents) => {
                u64::try_from(figures.spent_cents.max(0) / cents.max(1)).unwrap_or(0)
            }
        };
        let left = earned.saturating_sub(u64::from(figures.stamps_used));
        StampCard {
            stamps: (left % u64::from(per_reward)) as u32,
            per_reward,
            ready: u32::try_from(left / u64::from(per_reward)).unwrap_or(u32::MAX),
        }
    }

    /// The place on the ladder (an index into `tiers`) of a customer since `since` with `visits` visits.
    pub fn tier(&self, since: NaiveDate, visits: u32, today: NaiveDate) -> usize {
        let years = if since > today {
            0
        } else {
            tenure(since, today).years
        };
        self.tiers
            .iter()
            .rposition(|t| years >= t.years || t.visits.is_some_and(|v| visits >= v))
            .unwrap_or(0)
    }

    /// What earns each tier on `today`, in the ladder's order, for scanning many customers without a date
    /// sum each: the latest day a customer can have become one and have the tier's years (`None`: no day
    /// does), and the visits that earn it. `tier` and this agree for every customer.
    pub fn tier_reach(&self, today: NaiveDate) -> Vec<(Option<NaiveDate>, Option<u32>)> {
        self.tiers
            .iter()
            .map(|t| (latest_since(t.years, today), t.visits))
            .collect()
    }

    /// Whether a customer with these figures is lapsed on `today` (the day of their last visit given).
    pub fn lapse(
        &self,
        visits: u32,
        last: Option<NaiveDate>,
        rhythm: Option<u32>,
        today: NaiveDate,
    ) -> Option<Lapse> {
        let rule = self.lapsed;
        let (last, rhythm) = (last?, rhythm?);
        if visits < rule.min_visits.max(2) || last > today {
            return None;
        }
        let days_since = u32::try_from((today - last).num_days()).ok()?;
        let after = self.lapsed_after(rhythm);
        (days_since > after).then_some(Lapse {
            days_since,
            rhythm,
            after,
        })
    }

    /// The days away after which a regular of this rhythm counts as lapsed: `factor × rhythm` rounded
    /// up, never below the floor.
    pub fn lapsed_after(&self, rhythm: u32) -> u32 {
        let rule = self.lapsed;
        let scaled = (rule.factor * f64::from(rhythm)).ceil();
        if scaled >= f64::from(u32::MAX) {
            u32::MAX
        } else {
            (scaled.max(0.0) as u32).max(rule.floor_days)
        }
    }
}

/// The latest day a customer can have become one and have `years` full years on `today` (tenure only
/// shrinks as the day moves later, so a binary search over the days finds it).
fn latest_since(years: u32, today: NaiveDate) -> Option<NaiveDate> {
    if years == 0 {
        return Some(NaiveDate::MAX);
    }
    let earns = |day: NaiveDate| day <= today && tenure(day, today).years >= years;
    // Every day more than `years + 1` years of 366 days back earns it; none after today does.
    let mut low = today.checked_sub_days(chrono::Days::new(u64::from(years + 1) * 366))?;
    let mut high = today;
    if !earns(low) {
        return None;
    }
    // `low` earns it, `high` does not (a tenure of years ≥ 1 needs a day before today).
    while (high - low).num_days() > 1 {
        let mid = low + chrono::Days::new(((high - low).num_days() / 2) as u64);
        if earns(mid) {
            low = mid;
        } else {
            high = mid;
        }
    }
    Some(low)
}

/// How many of their latest visits that say what they took tell what they usually take.
pub const USUAL_WINDOW: usize = 10;

/// What they usually take: among their latest [`USUAL_WINDOW`] visits that say what they took (`whats`,
/// newest first), the one thing (compared without case and outer spaces) that at least half of them say,
/// three times at least; as they last wrote it. `None` when there is no clear favourite.
pub fn usual<'a>(whats: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let latest: Vec<&str> = whats
        .into_iter()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .take(USUAL_WINDOW)
        .collect();
    let key = |w: &str| w.to_lowercase();
    let (best, count) = latest
        .iter()
        .map(|w| (*w, latest.iter().filter(|o| key(o) == key(w)).count()))
        // The newest spelling of the favourite: the first of the most counted.
        .rev()
        .max_by_key(|&(_, n)| n)?;
    (count >= 3 && count * 2 >= latest.len()).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn cafe() -> Loyalty {
        Loyalty {
            stamps: StampRule::PerVisit,
            per_reward: 10,
            reward: String::new(),
            tiers: vec![
                Tier {
                    name: String::new(),
                    years: 0,
                    visits: Some(0),
                },
                Tier {
                    name: String::new(),
                    years: 1,
                    visits: Some(10),
                },
                Tier {
                    name: String::new(),
                    years: 3,
                    visits: Some(50),
                },
                Tier {
                    name: String::new(),
                    years: 10,
                    visits: Some(200),
                },
            ],
            lapsed: LapsedRule {
                min_visits: 3,
                factor: 2.0,
                floor_days: 14,
            },
        }
    }

    /// The pulse scans a million customers with `tier_reach`; it must say what `tier` says of each, across
    /// leap days and the turn of a year.
    #[test]
    fn tier_reach_agrees_with_tier_on_every_day() {
        let rules = cafe();
        for today in [
            d(2026, 12, 2),
            d(2028, 2, 29),
            d(2027, 2, 28),
            d(2027, 3, 1),
            d(2026, 1, 1),
        ] {
            let reach = rules.tier_reach(today);
            let mut since = today - chrono::Days::new(11 * 366);
            while since <= today + chrono::Days::new(3) {
                for visits in [0, 9, 10, 49, 50, 199, 200] {
                    let by_reach = reach
                        .iter()
                        .rposition(|&(latest, v)| {
                            latest.is_some_and(|l| since <= l) || v.is_some_and(|v| visits >= v)
                        })
                        .unwrap_or(0);
                    assert_eq!(
                        by_reach,
                        rules.tier(since, visits, today),
                        "since {since}, {visits} visits, today {today}"
                    );
                }
                since = since + chrono::Days::new(1);
            }
        }
        // The first tier's zero years: every day earns it.
        assert_eq!(rules.tier_reach(d(2026, 1, 1))[0].0, Some(NaiveDate::MAX));
    }

    fn figures(count: u32, spent_cents: i64, rewards_taken: u32) -> VisitStats {
        VisitStats {
            count,
            spent_cents,
            stamps_used: rewards_taken * 10,
            ..VisitStats::default()
        }
    }

    #[test]
    fn stamps_come_from_visits_and_go_with_rewards() {
        let rules = cafe();
        let card = |f| rules.stamp_card(&f);
        let cases = [
            // (visits, redeemed) -> (stamps, ready)
            ((0, 0), (0, 0)),
            ((4, 0), (4, 0)),
            ((10, 0), (0, 1)),
            ((13, 0), (3, 1)),
            ((13, 1), (3, 0)),
            ((25, 1), (5, 1)),
            // A visit voided after the reward was taken: no stamp goes below nothing.
            ((9, 1), (0, 0)),
        ];
        for ((visits, redeemed), (stamps, ready)) in cases {
            assert_eq!(
                card(figures(visits, 0, redeemed)),
                StampCard {
                    stamps,
                    per_reward: 10,
                    ready
                },
                "{visits} visits, {redeemed} redeemed"
            );
        }
    }

    #[test]
    fn stamps_by_amount_add_up_over_visits() {
        let rules = Loyalty {
            stamps: StampRule::PerAmount(1000),
            per_reward: 5,
            ..cafe()
        };
        let card = rules.stamp_card(&figures(3, 4_999, 0));
        assert_eq!((card.stamps, card.ready), (4, 0));
        let card = rules.stamp_card(&figures(3, 5_000, 0));
        assert_eq!((card.stamps, card.ready), (0, 1));
        let card = rules.stamp_card(&VisitStats {
            spent_cents: 12_000,
            stamps_used: 5,
            ..VisitStats::default()
        });
        assert_eq!((card.stamps, card.ready), (2, 1));
    }

    #[test]
    fn tenure_alone_reaches_the_top_tier() {
        let rules = cafe();
        let today = d(2026, 12, 2);
        let cases = [
            // (since, visits) -> tier
            (d(2026, 12, 2), 0, 0),
            (d(2026, 12, 2), 9, 0),
            (d(2026, 12, 2), 10, 1),
            (d(2026, 1, 1), 60, 2),
            (d(2026, 1, 1), 250, 3),
            // A customer since 2006 with two visits logged here sits at the top.
            (d(2006, 5, 1), 2, 3),
            (d(2016, 12, 3), 0, 2),
            (d(2016, 12, 2), 0, 3),
            (d(2025, 12, 2), 0, 1),
            // A "since" in the future (a typo) is a newcomer, not an error.
            (d(2030, 1, 1), 0, 0),
        ];
        for (since, visits, tier) in cases {
            assert_eq!(
                rules.tier(since, visits, today),
                tier,
                "since {since}, {visits} visits"
            );
        }
    }

    #[test]
    fn a_regular_lapses_by_their_own_rhythm() {
        let rules = cafe();
        let today = d(2026, 12, 2);
        let ago = |days: u64| Some(today - chrono::Days::new(days));
        // A weekly café regular: lapsed after a couple of weeks (2 × 7 = 14, the floor).
        assert_eq!(rules.lapse(20, ago(14), Some(7), today), None);
        assert_eq!(
            rules.lapse(20, ago(15), Some(7), today),
            Some(Lapse {
                days_since: 15,
                rhythm: 7,
                after: 14
            })
        );
        // A barber's monthly customer: not after two weeks, after two months.
        assert_eq!(rules.lapse(12, ago(30), Some(30), today), None);
        assert_eq!(rules.lapse(12, ago(60), Some(30), today), None);
        assert!(rules.lapse(12, ago(61), Some(30), today).is_some());
        // A daily regular is not lapsed after three days: the floor.
        assert_eq!(rules.lapse(100, ago(3), Some(1), today), None);
        assert!(rules.lapse(100, ago(15), Some(1), today).is_some());
        // Two visits are never a rhythm to lapse from, whatever the gap.
        assert_eq!(rules.lapse(2, ago(400), Some(7), today), None);
        // Nothing known, nothing said.
        assert_eq!(rules.lapse(10, None, Some(7), today), None);
        assert_eq!(rules.lapse(10, ago(100), None, today), None);
        // The factor's days are rounded up: 1.5 × 5 is 8 days.
        let easy = Loyalty {
            lapsed: LapsedRule {
                min_visits: 2,
                factor: 1.5,
                floor_days: 1,
            },
            ..cafe()
        };
        assert_eq!(easy.lapse(2, ago(8), Some(5), today), None);
        assert_eq!(
            easy.lapse(2, ago(9), Some(5), today).map(|l| l.after),
            Some(8)
        );
        // A minimum below two is read as two: one visit is no rhythm.
        let one = Loyalty {
            lapsed: LapsedRule {
                min_visits: 1,
                ..easy.lapsed
            },
            ..cafe()
        };
        assert_eq!(one.lapse(1, ago(100), Some(5), today), None);
        // The further past their rhythm, the later.
        let weekly = rules.lapse(20, ago(70), Some(7), today).unwrap();
        let monthly = rules.lapse(20, ago(70), Some(30), today).unwrap();
        assert!(weekly.lateness() > monthly.lateness());
    }

    #[test]
    fn the_usual_is_a_clear_favourite_of_the_latest_visits() {
        let cases: &[(&[&str], Option<&str>)] = &[
            (&[], None),
            (&["cappuccino", "cappuccino"], None),
            (
                &["Cappuccino", "cappuccino ", "CAPPUCCINO"],
                Some("Cappuccino"),
            ),
            (
                &["espresso", "cornetto", "espresso", "tea", "espresso"],
                Some("espresso"),
            ),
            // Half is enough, less is not.
            (&["a", "a", "a", "b", "c", "d"], Some("a")),
            (&["a", "a", "a", "b", "c", "d", "e"], None),
            // Only the latest ten count: an old habit is no favourite.
            (
                &[
                    "tea", "tea", "tea", "x", "y", "z", "w", "v", "u", "t", "espresso", "espresso",
                    "espresso", "espresso",
                ],
                None,
            ),
            // Visits that say nothing are not counted.
            (&["", "haircut", " ", "haircut", "haircut"], Some("haircut")),
        ];
        for (whats, expected) in cases {
            assert_eq!(usual(whats.iter().copied()), *expected, "{whats:?}");
        }
    }
}
