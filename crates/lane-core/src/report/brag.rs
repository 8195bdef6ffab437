//! Evidence of autonomy over a period: each call as situation → call → outcome,
//! escalations that were answered, blockers cleared, outcomes completed,
//! milestones delivered and key results moved.

use chrono::NaiveDate;
use serde::Serialize;

use super::Source;
use super::lines::{day, section};
use crate::model::ladder::last_move;
use crate::model::triage::triage;
use crate::model::{BlockerStatus, DecisionStatus, Lane, PriorityStatus};

#[derive(Debug, Serialize)]
pub struct Call {
    pub id: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    pub situation: String,
    pub call: String,
    pub rationale: String,
    pub outcome: String,
    pub reversible: bool,
}

#[derive(Debug, Serialize)]
pub struct Answered {
    pub id: u32,
    pub situation: String,
    pub escalated_to: String,
    pub answer: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub outcome: String,
}

#[derive(Debug, Serialize)]
pub struct Cleared {
    pub id: u32,
    pub title: String,
    pub resolution: String,
    pub rungs: Vec<&'static str>,
    pub escalated: bool,
}

#[derive(Debug, Serialize)]
pub struct Completed {
    pub id: u32,
    pub title: String,
    pub outcome: String,
    pub measure: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDate>,
}

#[derive(Debug, Serialize)]
pub struct Brag {
    /// The track record's figures over the period (`lane report trust` has the rest).
    pub record: crate::model::record::Month,
    pub calls: Vec<Call>,
    pub answered: Vec<Answered>,
    pub cleared: Vec<Cleared>,
    pub completed: Vec<Completed>,
    /// Milestones delivered in the period.
    pub milestones: Vec<super::delivered::Delivered>,
    /// Key results whose reading moved in the period.
    pub key_results: Vec<super::delivered::Moved>,
}

pub fn build(src: &Source) -> Brag {
    let (data, period) = (src.data, src.period);
    let in_period = |d: Option<NaiveDate>| d.is_some_and(|d| period.contains(d));
    let calls = data
        .decisions
        .iter()
        .filter(|d| {
            in_period(d.date)
                && d.status == DecisionStatus::Decided
                && triage(d, &src.rules.boundaries).lane == Lane::Decide
                && !d.outcome.trim().is_empty()
        })
        .map(|d| Call {
            id: d.id,
            date: d.date,
            situation: d.situation.clone(),
            call: d.call.clone(),
            rationale: d.rationale.clone(),
            outcome: d.outcome.clone(),
            reversible: d.reversible,
        })
        .collect();
    let answered = data
        .decisions
        .iter()
        .filter(|d| (in_period(d.escalated_at) || in_period(d.date)) && !d.answer.trim().is_empty())
        .map(|d| Answered {
            id: d.id,
            situation: d.situation.clone(),
            escalated_to: d.escalated_to.clone(),
            answer: d.answer.clone(),
            outcome: d.outcome.clone(),
        })
        .collect();
    let cleared = data
        .blockers
        .iter()
        .filter(|b| {
            b.status == BlockerStatus::Resolved && in_period(last_move(b).map(|m| m.date()))
        })
        .map(|b| Cleared {
            id: b.id,
            title: b.title.clone(),
            resolution: b.resolution.clone(),
            rungs: b.tried.iter().map(|t| t.rung.name()).collect(),
            escalated: !b.escalated_to.is_empty(),
        })
        .collect();
    let completed = data
        .priorities
        .iter()
        .filter(|p| {
            p.status == PriorityStatus::Done
                && in_period(p.closed.or_else(|| p.updates.last().map(|u| u.date)))
        })
        .map(|p| Completed {
            id: p.id,
            title: p.title.clone(),
            outcome: p.outcome.clone(),
            measure: p.measure.clone(),
            closed: p.closed,
        })
        .collect();
    let record = crate::model::record::record(
        data,
        period.since,
        period.until,
        &src.rules.boundaries,
        &src.rules.trust,
    )
    .total;
    Brag {
        record,
        calls,
        answered,
        cleared,
        completed,
        milestones: super::delivered::delivered(data, &period),
        key_results: super::delivered::moved(data, &period),
    }
}

pub fn markdown_with(b: &Brag, since: NaiveDate, until: NaiveDate) -> String {
    let mut out = format!(
        "# Autonomy record — {} to {}\n\nCalls with an outcome: {} · escalations answered: {} · blockers cleared: {} · outcomes completed: {}\n",
        day(since),
        day(until),
        b.calls.len(),
        b.answered.len(),
        b.cleared.len(),
        b.completed.len()
    );
    out.push_str(&format!(
        "\nTrack record: {}\n",
        super::trust::headline(&b.record)
    ));
    let calls: Vec<String> = b
        .calls
        .iter()
        .map(|c| {
            let mut line = format!(
                "{}**{}** → {} → {}",
                c.date.map(|d| format!("{}: ", d)).unwrap_or_default(),
                c.situation,
                if c.call.is_empty() {
                    "(call not written)"
                } else {
                    &c.call
                },
                c.outcome
            );
            if !c.rationale.is_empty() {
                line.push_str(&format!(" (why: {})", c.rationale));
            }
            line
        })
        .collect();
    section(
        &mut out,
        "Calls I made: situation → call → outcome",
        &calls,
        "No call with a written outcome in this period.",
    );
    let answered: Vec<String> = b
        .answered
        .iter()
        .map(|a| {
            let to = if a.escalated_to.is_empty() {
                String::new()
            } else {
                format!(" → escalated to {}", a.escalated_to)
            };
            let mut line = format!("**{}**{to} → answer: {}", a.situation, a.answer);
            if !a.outcome.is_empty() {
                line.push_str(&format!(" → {}", a.outcome));
            }
            line
        })
        .collect();
    section(
        &mut out,
        "Escalations answered",
        &answered,
        "None in this period.",
    );
    let cleared: Vec<String> = b
        .cleared
        .iter()
        .map(|c| {
            let how = if c.escalated {
                "escalated".to_string()
            } else if c.rungs.is_empty() {
                "cleared".to_string()
            } else {
                format!("cleared myself via {}", c.rungs.join(" → "))
            };
            format!("**{}** — {how}: {}", c.title, c.resolution)
        })
        .collect();
    section(
        &mut out,
        "Blockers cleared",
        &cleared,
        "None in this period.",
    );
    let completed: Vec<String> = b
        .completed
        .iter()
        .map(|c| {
            let mut line = format!("**{}**", c.title);
            if !c.outcome.is_empty() {
                line.push_str(&format!(" — {}", c.outcome));
            }
            if !c.measure.is_empty() {
                line.push_str(&format!(" (measured by: {})", c.measure));
            }
            if let Some(d) = c.closed {
                line.push_str(&format!(", done {}", day(d)));
            }
            line
        })
        .collect();
    section(
        &mut out,
        "Outcomes completed",
        &completed,
        "None in this period.",
    );
    super::delivered::markdown(&mut out, &b.milestones, &b.key_results);
    out
}
