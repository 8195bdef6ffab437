//! What `lane team` and the app's Team view show: first the escalations
//! addressed to me still waiting, oldest first, against my response-time
//! boundary; then each teammate's week. Built from the teammates' files as
//! read — outside input, so every text is `sanitise`d and every list capped.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::{
    Shared, SharedCall, SharedEscalation, SharedOutcome, SharedRisk, is_addressed_to, sanitise,
};
use crate::model::ladder::working_minutes;
use crate::model::rules::Rules;

/// The longest text shown of a teammate's (a title, a call, an answer).
pub const MAX_TEXT: usize = 200;
/// The most items of one list shown per teammate.
pub const MAX_ITEMS: usize = 50;

/// An escalation a teammate sent me, still waiting for my answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waiting {
    pub from: String,
    #[serde(rename = "ref")]
    pub reference: String,
    pub uid: String,
    pub situation: String,
    pub call: String,
    pub since: NaiveDateTime,
    /// Working hours it has waited.
    pub waited_hours: f64,
    /// My `respond_within_hours` (0: no boundary).
    pub respond_within_hours: f64,
    pub late: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Teammate {
    pub name: String,
    pub shared_at: NaiveDateTime,
    pub outcomes: Vec<SharedOutcome>,
    pub calls: Vec<SharedCall>,
    pub escalations: Vec<SharedEscalation>,
    pub risks: Vec<SharedRisk>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Team {
    pub me: String,
    pub waiting: Vec<Waiting>,
    pub teammates: Vec<Teammate>,
}

/// The team as `me` sees it from the teammates' `shared` weeks; `answered`
/// holds the uids of calls I answered already (waiting only for the asker's
/// next share), which no longer wait on me.
pub fn view(
    me: &str,
    shared: Vec<Shared>,
    answered: &[String],
    rules: &Rules,
    now: NaiveDateTime,
) -> Team {
    let mut teammates: Vec<Teammate> = shared
        .into_iter()
        .filter(|s| !is_addressed_to(&s.name, me))
        .map(clean)
        .collect();
    teammates.sort_by(|a, b| a.name.cmp(&b.name));
    let mut waiting: Vec<Waiting> = teammates
        .iter()
        .flat_map(|t| t.escalations.iter().map(move |e| (t, e)))
        .filter(|(_, e)| !e.answered && is_addressed_to(&e.to, me))
        .filter(|(_, e)| !answered.iter().any(|u| u.eq_ignore_ascii_case(&e.uid)))
        .map(|(t, e)| {
            let waited = working_minutes(&rules.hours, e.since, now).max(0) as f64 / 60.0;
            Waiting {
                from: t.name.clone(),
                reference: e.reference.clone(),
                uid: e.uid.clone(),
                situation: e.situation.clone(),
                call: e.call.clone(),
                since: e.since,
                waited_hours: waited,
                respond_within_hours: rules.respond_within_hours,
                late: rules.respond_within_hours > 0.0 && waited >= rules.respond_within_hours,
            }
        })
        .collect();
    waiting.sort_by(|a, b| a.since.cmp(&b.since).then(a.from.cmp(&b.from)));
    Team {
        me: me.to_string(),
        waiting,
        teammates,
    }
}

fn text(s: &str) -> String {
    sanitise(s, MAX_TEXT)
}

fn capped<T>(items: Vec<T>, each: impl Fn(T) -> T) -> Vec<T> {
    items.into_iter().take(MAX_ITEMS).map(each).collect()
}

/// A teammate's week with every text made safe to show and every list capped.
fn clean(s: Shared) -> Teammate {
    Teammate {
        name: text(&s.name),
        shared_at: s.shared_at,
        outcomes: capped(s.outcomes, |o| SharedOutcome {
            title: text(&o.title),
            outcome: text(&o.outcome),
            status: text(&o.status),
            milestones: capped(o.milestones, |mut m| {
                m.title = text(&m.title);
                m
            }),
            key_results: capped(o.key_results, |mut k| {
                k.name = text(&k.name);
                k.unit = text(&k.unit);
                k.progress = k.progress.min(100);
                k
            }),
            progress: o.progress.map(|p| p.min(100)),
            ..o
        }),
        calls: capped(s.calls, |c| SharedCall {
            reference: text(&c.reference),
            situation: text(&c.situation),
            call: text(&c.call),
            outcome: text(&c.outcome),
            ..c
        }),
        escalations: capped(s.escalations, |e| SharedEscalation {
            reference: text(&e.reference),
            uid: text(&e.uid),
            situation: text(&e.situation),
            call: text(&e.call),
            to: text(&e.to),
            answer: text(&e.answer),
            verdict: e.verdict.as_deref().map(text),
            ..e
        }),
        risks: capped(s.risks, |r| SharedRisk {
            kind: text(&r.kind),
            what: text(&r.what),
        }),
    }
}
