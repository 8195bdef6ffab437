//! A team's shared week: what `lane share` publishes of the user's lane to the
//! team's git repository, what `lane team` reads back of the teammates', and
//! the answers that travel back to an escalation's asker. Pure: the files,
//! git and the clock are lane-io's and the command line's.
//!
//! Only what is shareable leaves: `shareable` drops private outcomes and what
//! hangs on them, the reviews (the user's notes), conflicts and hand-added
//! keys. Everything read from a teammate is outside input: `sanitise`d before
//! anyone sees it.

mod answer;
mod build;
mod view;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::model::{Data, Extra};

pub use answer::{Answer, apply_answer, is_addressed_to};
pub use build::{build, markdown};
pub use view::{Row, Team, Teammate, Waiting, view};

/// The version of `people/NAME/share.json` this lane writes (and reads).
pub const SHARED_VERSION: u32 = 1;
/// The version of `people/NAME/answers/REF.json`.
pub const ANSWER_VERSION: u32 = 1;

/// One person's week as the team repository holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    pub version: u32,
    /// The share name: how teammates address this person.
    pub name: String,
    pub shared_at: NaiveDateTime,
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// Focus and strategic outcomes, with their milestones and key results.
    #[serde(default)]
    pub outcomes: Vec<SharedOutcome>,
    /// Calls decided in the user's own lane this week.
    #[serde(default)]
    pub calls: Vec<SharedCall>,
    /// Calls sent up: still waiting, or answered this week.
    #[serde(default)]
    pub escalations: Vec<SharedEscalation>,
    #[serde(default)]
    pub risks: Vec<SharedRisk>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedOutcome {
    pub title: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub progress: Option<u8>,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub focus: bool,
    #[serde(default)]
    pub strategic: bool,
    #[serde(default)]
    pub milestones: Vec<SharedMilestone>,
    #[serde(default)]
    pub key_results: Vec<SharedKeyResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedMilestone {
    pub title: String,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub done: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedKeyResult {
    pub name: String,
    #[serde(default)]
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    #[serde(default)]
    pub current: Option<f64>,
    /// Percent of the way from baseline to target.
    #[serde(default)]
    pub progress: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedCall {
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    pub situation: String,
    #[serde(default)]
    pub call: String,
    #[serde(default)]
    pub outcome: String,
    /// A low-risk call made in the user's lane, to report after.
    #[serde(default)]
    pub report_after: bool,
    #[serde(default)]
    pub reported: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedEscalation {
    /// What an answer names the call by: `short_ref` of its uid.
    #[serde(rename = "ref")]
    pub reference: String,
    pub uid: String,
    pub situation: String,
    #[serde(default)]
    pub call: String,
    pub to: String,
    pub since: NaiveDateTime,
    #[serde(default)]
    pub answered: bool,
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub verdict: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedRisk {
    /// stuck, escalated, silent or overdue.
    pub kind: String,
    pub what: String,
}

/// How long a ref is: the end of a uid, its random part.
const REF_LEN: usize = 8;

/// The short, stable name of a call in the team repository: the last eight
/// characters of its uid (a ULID's random part), in lowercase.
pub fn short_ref(uid: &str) -> String {
    let chars: Vec<char> = uid.trim().chars().collect();
    let start = chars.len().saturating_sub(REF_LEN);
    chars[start..].iter().collect::<String>().to_lowercase()
}

/// Whether `given` (a ref or a whole uid, any case) names the call `uid`.
pub fn names_call(given: &str, uid: &str) -> bool {
    let given = given.trim().to_lowercase();
    !given.is_empty() && !uid.is_empty() && (given == uid.to_lowercase() || given == short_ref(uid))
}

/// Whether `name` may be a share name: a folder name in the repository, so
/// letters, digits, `-`, `_` and `.` only, not starting with a dot.
pub fn name_problem(name: &str) -> Option<String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    (!ok).then(|| {
        format!(
            "`{}` is not a share name: use letters, digits, - _ or . (at most 64), not starting with a dot",
            crate::model::text::visible(name)
        )
    })
}

/// What of `data` may leave the machine: no private outcome, nothing linked
/// to one (its blocks and blockers), no reviews (the user's notes), no
/// conflicts, no hand-added keys.
pub fn shareable(data: &Data) -> Data {
    let private: Vec<u32> = data
        .priorities
        .iter()
        .filter(|p| p.private)
        .map(|p| p.id)
        .collect();
    let linked = |id: Option<u32>| id.is_some_and(|id| private.contains(&id));
    let mut out = Data {
        priorities: data
            .priorities
            .iter()
            .filter(|p| !p.private)
            .cloned()
            .collect(),
        blocks: data
            .blocks
            .iter()
            .filter(|b| !linked(b.priority))
            .cloned()
            .collect(),
        blockers: (data.blockers.iter())
            .filter(|b| !linked(b.priority))
            .cloned()
            .collect(),
        decisions: data.decisions.clone(),
        ..Data::default()
    };
    for p in &mut out.priorities {
        p.extra = Extra::new();
    }
    for d in &mut out.decisions {
        d.extra = Extra::new();
    }
    out
}

/// Text from a teammate's file as lane shows it: one line, control characters
/// made visible, at most `max` characters.
pub fn sanitise(text: &str, max: usize) -> String {
    let one: String = crate::model::text::visible(&text.replace(['\n', '\r'], " "));
    if one.chars().count() <= max {
        return one;
    }
    let cut: String = one.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests;
