//! `--json` output: stable English snake_case names, times in ISO 8601 UTC, amounts in integer cents.
//! Separate from the stored types, so the store's format can change without changing this.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::book::Profile;
use crate::clock::Clock;
use crate::domain::{Event, Id, Loyalty, Note, Outcome, PromiseState, Standing, Visit};

#[derive(Serialize)]
pub(super) struct CustomerJson {
    id: String,
    name: String,
    nickname: Option<String>,
    phones: Vec<String>,
    email: Option<String>,
    /// `YYYY-MM-DD`, or `--MM-DD` when the year is unknown.
    birthday: Option<String>,
    since: String,
    tags: Vec<String>,
    preferences: String,
    referred_by: Option<String>,
    visit_count: usize,
    last_visit: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    updated_by: Option<String>,
}

impl From<&Profile> for CustomerJson {
    fn from(p: &Profile) -> Self {
        let c = &p.customer;
        CustomerJson {
            id: c.id.to_string(),
            name: c.name.clone(),
            nickname: c.nickname.clone(),
            phones: c.phones.clone(),
            email: c.email.clone(),
            birthday: c.birthday.map(crate::domain::Birthday::to_iso),
            since: c.since.format("%Y-%m-%d").to_string(),
            tags: c.tags.clone(),
            preferences: c.preferences.clone(),
            referred_by: c.referred_by.map(|id| id.to_string()),
            visit_count: p.visit_count,
            last_visit: p.last_visit().map(|v| v.at),
            created_at: c.created_at,
            updated_at: c.updated_at,
            updated_by: c.updated_by.clone(),
        }
    }
}

#[derive(Serialize)]
struct VisitJson {
    id: String,
    at: DateTime<Utc>,
    amount_cents: Option<i64>,
    what: Option<String>,
    staff: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    till: Option<String>,
}

#[derive(Serialize)]
struct NoteJson {
    id: String,
    at: DateTime<Utc>,
    kind: &'static str,
    text: String,
    staff: Option<String>,
    pinned: bool,
    /// The complaint this note answers.
    answers: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    till: Option<String>,
}

/// A promise: when it was made and is due, and how it ended (`kept` or `cancelled`: the time; at most one
/// of them is set).
#[derive(Serialize)]
struct PromiseJson {
    id: String,
    text: String,
    made: DateTime<Utc>,
    /// `YYYY-MM-DD`.
    due: String,
    staff: Option<String>,
    kept: Option<DateTime<Utc>>,
    cancelled: Option<DateTime<Utc>>,
    /// Who kept or cancelled it.
    ended_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    till: Option<String>,
}

/// The till each record was written at, once the sync hub has it (see [`Profile::tills`]): a record's
/// `till` in the JSON, left out where none is known.
fn till(p: &Profile, id: Id) -> Option<String> {
    p.tills.get(&id).cloned()
}

fn promise_json(state: &PromiseState<'_>, profile: &Profile) -> PromiseJson {
    let p = state.promise;
    let end = match state.standing {
        Standing::Ended(end) => Some(end),
        Standing::Open => None,
    };
    let when = |outcome| end.filter(|e| e.outcome == outcome).map(|e| e.at);
    PromiseJson {
        id: p.id.to_string(),
        text: p.text.clone(),
        made: p.at,
        due: p.due.format("%Y-%m-%d").to_string(),
        staff: p.staff.clone(),
        kept: when(Outcome::Kept),
        cancelled: when(Outcome::Cancelled),
        ended_by: end.and_then(|e| e.staff.clone()),
        till: till(profile, p.id),
    }
}

/// An event taken back by a void: the record as it was (a visit or a note), and the void.
#[derive(Serialize)]
struct VoidedJson {
    /// The voided event's id.
    id: String,
    /// `visit`, `note`, `promise`, `promise_end` or `void`.
    kind: &'static str,
    void_id: String,
    voided_at: DateTime<Utc>,
    voided_by: Option<String>,
    visit: Option<VisitJson>,
    note: Option<NoteJson>,
    promise: Option<PromiseJson>,
}

/// A reward taken.
#[derive(Serialize)]
struct RedemptionJson {
    id: String,
    at: DateTime<Utc>,
    /// The stamps it used.
    stamps: u32,
    reward: String,
    staff: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    till: Option<String>,
}

/// What the loyalty rules derive for a customer today (from the shop's settings).
#[derive(Serialize)]
pub(super) struct LoyaltyJson {
    /// The tier's name, and its place on the ladder (0 is where everyone starts).
    tier: String,
    tier_rank: usize,
    /// Stamps toward the next reward, and how many a reward takes.
    stamps: u32,
    stamps_per_reward: u32,
    rewards_ready: u32,
    /// Their usual interval between visits, in days (none before two visiting days).
    rhythm_days: Option<u32>,
    lapsed: bool,
    /// What they usually take (the "what" of most of their latest visits), if anything clearly.
    usual: Option<String>,
    /// Per channel with a change on record, the consent that holds now.
    consent: Vec<ConsentJson>,
    /// How many customers name them as the one who referred them.
    referrals: u32,
}

/// The consent that holds for one channel: the latest change of it.
#[derive(Serialize)]
struct ConsentJson {
    channel: &'static str,
    given: bool,
    /// The day it was given or withdrawn, `YYYY-MM-DD`.
    date: String,
    source: String,
    /// The change's id, when it was recorded and by whom.
    id: String,
    recorded_at: DateTime<Utc>,
    staff: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    till: Option<String>,
}

impl LoyaltyJson {
    pub(super) fn new(p: &Profile, loyalty: &Loyalty, clock: &Clock) -> LoyaltyJson {
        let today = clock.today();
        let rank = loyalty.tier(p.customer.since, p.figures.count, today);
        let card = loyalty.stamp_card(&p.figures);
        let rhythm = p.figures.recent.rhythm();
        let last = p.figures.last.map(|t| clock.local_date(t));
        LoyaltyJson {
            tier: crate::text::tier_name(loyalty, rank),
            tier_rank: rank,
            stamps: card.stamps,
            stamps_per_reward: card.per_reward,
            rewards_ready: card.ready,
            rhythm_days: rhythm,
            lapsed: loyalty
                .lapse(p.figures.count, last, rhythm, today)
                .is_some(),
            usual: p.usual().map(str::to_string),
            referrals: p.brought,
            consent: p
                .consent()
                .into_iter()
                .map(|c| ConsentJson {
                    channel: c.channel.word(),
                    given: c.given,
                    date: c.on.format("%Y-%m-%d").to_string(),
                    source: c.source.clone(),
                    id: c.id.to_string(),
                    recorded_at: c.at,
                    staff: c.staff.clone(),
                    till: till(p, c.id),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub(super) struct ShowJson {
    #[serde(flatten)]
    customer: CustomerJson,
    #[serde(flatten)]
    loyalty: LoyaltyJson,
    visits: Vec<VisitJson>,
    notes: Vec<NoteJson>,
    promises: Vec<PromiseJson>,
    redemptions: Vec<RedemptionJson>,
    voided: Vec<VoidedJson>,
}

fn visit_json(v: &Visit, p: &Profile) -> VisitJson {
    VisitJson {
        id: v.id.to_string(),
        at: v.at,
        amount_cents: v.amount_cents,
        what: v.what.clone(),
        staff: v.staff.clone(),
        till: till(p, v.id),
    }
}

fn note_json(n: &Note, p: &Profile) -> NoteJson {
    NoteJson {
        id: n.id.to_string(),
        at: n.at,
        kind: n.kind.word(),
        text: n.text.clone(),
        staff: n.staff.clone(),
        pinned: n.pinned,
        answers: n.answers.map(|id| id.to_string()),
        till: till(p, n.id),
    }
}

impl ShowJson {
    pub(super) fn new(p: &Profile, loyalty: LoyaltyJson) -> Self {
        let voided = p
            .voids()
            .into_iter()
            .map(|(void, taken)| VoidedJson {
                id: void.target.to_string(),
                kind: taken.map_or("void", |e| e.kind().word()),
                void_id: void.id.to_string(),
                voided_at: void.at,
                voided_by: void.staff.clone(),
                visit: match taken {
                    Some(Event::Visit(v)) => Some(visit_json(v, p)),
                    _ => None,
                },
                note: match taken {
                    Some(Event::Note(n)) => Some(note_json(n, p)),
                    _ => None,
                },
                promise: match taken {
                    Some(Event::Promise(promise)) => Some(promise_json(
                        &PromiseState {
                            promise,
                            standing: Standing::Open,
                        },
                        p,
                    )),
                    _ => None,
                },
            })
            .collect();
        ShowJson {
            customer: CustomerJson::from(p),
            visits: p.visits().map(|v| visit_json(v, p)).collect(),
            notes: p.notes().map(|n| note_json(n, p)).collect(),
            promises: p.promises().iter().map(|s| promise_json(s, p)).collect(),
            redemptions: p
                .redemptions()
                .map(|r| RedemptionJson {
                    id: r.id.to_string(),
                    at: r.at,
                    stamps: r.stamps,
                    reward: r.reward.clone(),
                    staff: r.staff.clone(),
                    till: till(p, r.id),
                })
                .collect(),
            voided,
            loyalty,
        }
    }
}

/// A customer someone referred (for the export of one person).
#[derive(Serialize)]
struct ReferralJson {
    id: String,
    name: String,
}

/// Everything the shop holds about one person (`regulars export --person ID`, the right of access).
#[derive(Serialize)]
pub(super) struct PersonJson {
    exported_at: DateTime<Utc>,
    customer: ShowJson,
    /// The customers this person brought (their `referred_by` is this person).
    referred: Vec<ReferralJson>,
}

impl PersonJson {
    pub(super) fn new(
        p: &Profile,
        loyalty: LoyaltyJson,
        referred: &[(crate::domain::Id, String)],
        now: DateTime<Utc>,
    ) -> Self {
        PersonJson {
            exported_at: now,
            customer: ShowJson::new(p, loyalty),
            referred: referred
                .iter()
                .map(|(id, name)| ReferralJson {
                    id: id.to_string(),
                    name: name.clone(),
                })
                .collect(),
        }
    }
}
