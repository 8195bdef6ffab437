//! Evidence of autonomy over a period: each call as situation → call → outcome,
//! escalations that were answered, blockers cleared, outcomes completed,
//! milestones delivered and key results moved.

use chrono::NaiveDate;
use serde::Serialize;

use super::lines::{day, section};
use super::{Period, Source};
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
        calls: calls(src),
        answered: answered(src),
        cleared: cleared(src),
        completed: completed(src),
        milestones: super::delivered::delivered(data, &period),
        key_results: super::delivered::moved(data, &period),
    }
}

/// A day in the period; no day is in none.
fn in_period(d: Option<NaiveDate>, period: &Period) -> bool {
    d.is_some_and(|d| period.contains(d))
}

/// Calls made in the user's lane in the period whose outcome is written.
fn calls(src: &Source) -> Vec<Call> {
    src.data
        .decisions
        .iter()
        .filter(|d| {
            in_period(d.date, &src.period)
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
        .collect()
}

/// Calls made or escalated in the period that have an answer.
fn answered(src: &Source) -> Vec<Answered> {
    let period = &src.period;
    src.data
        .decisions
        .iter()
        .filter(|d| {
            (in_period(d.escalated_at.map(|at| at.date()), period) || in_period(d.date, period))
                && !d.answer.trim().is_empty()
        })
        .map(|d| Answered {
            id: d.id,
            situation: d.situation.clone(),
            escalated_to: d.escalated_to.clone(),
            answer: d.answer.clone(),
            outcome: d.outcome.clone(),
        })
        .collect()
}

/// Blockers resolved in the period (their last move in it), with the rungs tried.
fn cleared(src: &Source) -> Vec<Cleared> {
    src.data
        .blockers
        .iter()
        .filter(|b| {
            b.status == BlockerStatus::Resolved
                && in_period(last_move(b).map(|m| m.date()), &src.period)
        })
        .map(|b| Cleared {
            id: b.id,
            title: b.title.clone(),
            resolution: b.resolution.clone(),
            rungs: b.tried.iter().map(|t| t.rung.name()).collect(),
            escalated: !b.escalated_to.is_empty(),
        })
        .collect()
}

/// Outcomes done in the period: closed in it, or (never stamped) last updated in it.
fn completed(src: &Source) -> Vec<Completed> {
    src.data
        .priorities
        .iter()
        .filter(|p| {
            p.status == PriorityStatus::Done
                && in_period(
                    p.closed.or_else(|| p.updates.last().map(|u| u.date)),
                    &src.period,
                )
        })
        .map(|p| Completed {
            id: p.id,
            title: p.title.clone(),
            outcome: p.outcome.clone(),
            measure: p.measure.clone(),
            closed: p.closed,
        })
        .collect()
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
    let calls: Vec<String> = b.calls.iter().map(Call::markdown).collect();
    section(
        &mut out,
        "Calls I made: situation → call → outcome",
        &calls,
        "No call with a written outcome in this period.",
    );
    let answered: Vec<String> = b.answered.iter().map(Answered::markdown).collect();
    section(
        &mut out,
        "Escalations answered",
        &answered,
        "None in this period.",
    );
    let cleared: Vec<String> = b.cleared.iter().map(Cleared::markdown).collect();
    section(
        &mut out,
        "Blockers cleared",
        &cleared,
        "None in this period.",
    );
    let completed: Vec<String> = b.completed.iter().map(Completed::markdown).collect();
    section(
        &mut out,
        "Outcomes completed",
        &completed,
        "None in this period.",
    );
    super::delivered::markdown(&mut out, &b.milestones, &b.key_results);
    out
}

impl Call {
    /// Situation → call → outcome, and why when written.
    fn markdown(&self) -> String {
        let mut line = format!(
            "{}**{}** → {} → {}",
            self.date.map(|d| format!("{}: ", d)).unwrap_or_default(),
            self.situation,
            if self.call.is_empty() {
                "(call not written)"
            } else {
                &self.call
            },
            self.outcome
        );
        if !self.rationale.is_empty() {
            line.push_str(&format!(" (why: {})", self.rationale));
        }
        line
    }
}

impl Answered {
    /// The situation, whom it went to, the answer and what came of it.
    fn markdown(&self) -> String {
        let to = if self.escalated_to.is_empty() {
            String::new()
        } else {
            format!(" → escalated to {}", self.escalated_to)
        };
        let mut line = format!("**{}**{to} → answer: {}", self.situation, self.answer);
        if !self.outcome.is_empty() {
            line.push_str(&format!(" → {}", self.outcome));
        }
        line
    }
}

impl Cleared {
    /// The blocker and how it was cleared: escalated, or by the user's own rungs.
    fn markdown(&self) -> String {
        let how = if self.escalated {
            "escalated".to_string()
        } else if self.rungs.is_empty() {
            "cleared".to_string()
        } else {
            format!("cleared myself via {}", self.rungs.join(" → "))
        };
        format!("**{}** — {how}: {}", self.title, self.resolution)
    }
}

impl Completed {
    /// The outcome, how it was measured and the day it was done.
    fn markdown(&self) -> String {
        let mut line = format!("**{}**", self.title);
        if !self.outcome.is_empty() {
            line.push_str(&format!(" — {}", self.outcome));
        }
        if !self.measure.is_empty() {
            line.push_str(&format!(" (measured by: {})", self.measure));
        }
        if let Some(d) = self.closed {
            line.push_str(&format!(", done {}", day(d)));
        }
        line
    }
}
