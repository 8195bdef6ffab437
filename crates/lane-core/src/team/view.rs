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

impl Waiting {
    /// `ana 3m9qkx2a · Vendor contract → Go with B`
    pub fn words(&self) -> String {
        let call = if self.call.is_empty() {
            String::new()
        } else {
            format!(" → {}", self.call)
        };
        format!(
            "{} {} · {}{call}",
            self.from, self.reference, self.situation
        )
    }

    /// `waited 5h of 16h` (no boundary: `waited 5h`).
    pub fn waited(&self) -> String {
        let bound = if self.respond_within_hours > 0.0 {
            format!(" of {}h", self.respond_within_hours)
        } else {
            String::new()
        };
        format!("waited {:.0}h{bound}", self.waited_hours)
    }
}

/// What a row of a teammate's week shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Focus,
    Decided,
    Escalated,
    Risk,
}

impl Row {
    pub fn label(self) -> &'static str {
        match self {
            Row::Focus => "focus",
            Row::Decided => "decided",
            Row::Escalated => "escalated",
            Row::Risk => "risk",
        }
    }
}

impl Teammate {
    /// `ana — shared 2026-12-07 09:00`
    pub fn heading(&self) -> String {
        format!(
            "{} — shared {}",
            self.name,
            self.shared_at.format("%Y-%m-%d %H:%M")
        )
    }

    /// The teammate's week, a row each: focus, calls decided, escalations, risks.
    pub fn rows(&self) -> Vec<(Row, String)> {
        let arrow = |call: &str| {
            if call.is_empty() {
                String::new()
            } else {
                format!(" → {call}")
            }
        };
        let focus = self.outcomes.iter().map(|o| {
            let progress = o.progress.map(|p| format!(" {p}%")).unwrap_or_default();
            (Row::Focus, format!("{}{progress}", o.title))
        });
        let decided = (self.calls.iter())
            .map(|c| (Row::Decided, format!("{}{}", c.situation, arrow(&c.call))));
        let escalated = self.escalations.iter().map(|e| {
            let state = if e.answered { "answered" } else { "waiting" };
            let since = e.since.format("%Y-%m-%d %H:%M");
            let text = format!(
                "{} [{}] to {} since {since} — {state}",
                e.situation, e.reference, e.to
            );
            (Row::Escalated, text)
        });
        let risks = (self.risks.iter()).map(|r| (Row::Risk, format!("{}: {}", r.kind, r.what)));
        focus.chain(decided).chain(escalated).chain(risks).collect()
    }
}
