//! `--json` output: stable English snake_case names, times in ISO 8601 UTC, amounts in integer cents.
//! Separate from the stored types, so the store's format can change without changing this.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::book::Profile;

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
            birthday: c.birthday.map(|b| match b.year {
                Some(y) => format!("{y:04}-{:02}-{:02}", b.month, b.day),
                None => format!("--{:02}-{:02}", b.month, b.day),
            }),
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
}

#[derive(Serialize)]
struct NoteJson {
    id: String,
    at: DateTime<Utc>,
    kind: &'static str,
    text: String,
    staff: Option<String>,
    pinned: bool,
}

#[derive(Serialize)]
pub(super) struct ShowJson {
    #[serde(flatten)]
    customer: CustomerJson,
    visits: Vec<VisitJson>,
    notes: Vec<NoteJson>,
}

impl From<&Profile> for ShowJson {
    fn from(p: &Profile) -> Self {
        ShowJson {
            customer: CustomerJson::from(p),
            visits: p
                .visits
                .iter()
                .map(|v| VisitJson {
                    id: v.id.to_string(),
                    at: v.at,
                    amount_cents: v.amount_cents,
                    what: v.what.clone(),
                    staff: v.staff.clone(),
                })
                .collect(),
            notes: p
                .notes
                .iter()
                .map(|n| NoteJson {
                    id: n.id.to_string(),
                    at: n.at,
                    kind: n.kind.word(),
                    text: n.text.clone(),
                    staff: n.staff.clone(),
                    pinned: n.pinned,
                })
                .collect(),
        }
    }
}
