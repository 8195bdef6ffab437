//! Decide or escalate: every call is checked against the boundaries agreed with
//! the people the user answers to, and the reasons are spelled out.

use chrono::NaiveDate;

use super::limits::add_days;
use super::{Decision, DecisionStatus, Lane, Level};

/// Where the user's lane ends; from `[boundaries]` in config.toml.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundaries {
    /// Spending above this needs someone else's yes.
    pub spend_limit: f64,
    /// Topics that are never the user's call alone (compared case-insensitively).
    pub escalate_topics: Vec<String>,
    /// Irreversible calls at or above this risk go up; `None` turns the check off.
    pub irreversible_risk: Option<Level>,
}

impl Default for Boundaries {
    fn default() -> Self {
        Boundaries {
            spend_limit: 500.0,
            escalate_topics: [
                "hiring",
                "budget",
                "strategy",
                "legal",
                "security",
                "customer commitment",
            ]
            .map(String::from)
            .to_vec(),
            irreversible_risk: Some(Level::Medium),
        }
    }
}

/// Days after the call that a reversible decision comes up for review.
pub const REVIEW_AFTER_DAYS: i64 = 14;

fn risk_rank(l: Level) -> u8 {
    match l {
        Level::Low => 0,
        Level::Medium => 1,
        Level::High => 2,
    }
}

/// Money as people write it: `12 000`, `499.50`.
pub fn money(n: f64) -> String {
    // In cents first, so 0.999 is 1, not 0.100; `{:.0}` writes any size exactly
    // (an `i64` would saturate, and its MIN has no absolute value).
    let cents_total = (n.abs() * 100.0).round();
    let digits = format!("{:.0}", (cents_total / 100.0).trunc());
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    let sign = if n < 0.0 && cents_total > 0.0 {
        "-"
    } else {
        ""
    };
    let cents = (cents_total % 100.0) as u8;
    if cents == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{cents:02}")
    }
}

/// The boundaries a call crosses, each as a reason a person can read.
pub fn reasons(
    cost: Option<f64>,
    topics: &[String],
    reversible: bool,
    risk: Level,
    b: &Boundaries,
) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = cost.filter(|c| *c > b.spend_limit) {
        out.push(format!(
            "cost {} > spend limit {}",
            money(c),
            money(b.spend_limit)
        ));
    }
    for t in topics {
        let t = t.trim();
        if b.escalate_topics
            .iter()
            .any(|e| e.trim().eq_ignore_ascii_case(t))
        {
            out.push(format!("topic: {}", t.to_lowercase()));
        }
    }
    if let Some(min) = b.irreversible_risk
        && !reversible
        && risk_rank(risk) >= risk_rank(min)
    {
        out.push(format!("irreversible, {} risk", risk.name()));
    }
    out
}

/// The triage of a decision: what the boundaries recommend, and what is in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triage {
    pub recommended: Lane,
    pub reasons: Vec<String>,
    /// The lane in force: the user's override, or the recommendation.
    pub lane: Lane,
    pub overridden: bool,
}

pub fn recommend(reasons: &[String]) -> Lane {
    if reasons.is_empty() {
        Lane::Decide
    } else {
        Lane::Escalate
    }
}

pub fn triage(d: &Decision, b: &Boundaries) -> Triage {
    let reasons = reasons(d.cost, &d.topics, d.reversible, d.risk, b);
    let recommended = recommend(&reasons);
    let lane = d.lane_override.unwrap_or(recommended);
    Triage {
        recommended,
        reasons,
        lane,
        overridden: lane != recommended,
    }
}

/// Where a call stands once its facts are written (added or edited): one the
/// triage sends up waits — pending — until the user decides or escalates it; one
/// in the user's lane (by the triage or their override) is decided.
pub fn settle_status(d: &mut Decision, b: &Boundaries) {
    if matches!(d.status, DecisionStatus::Decided | DecisionStatus::Pending) {
        d.status = match triage(d, b).lane {
            Lane::Escalate => DecisionStatus::Pending,
            Lane::Decide => DecisionStatus::Decided,
        };
    }
}

/// Waiting for the user to decide it or escalate it. A call stored `decided`
/// that the triage sends up, with no override, counts too: older versions
/// saved pending calls that way.
pub fn is_pending(d: &Decision, b: &Boundaries) -> bool {
    !d.done
        && match d.status {
            DecisionStatus::Pending => true,
            DecisionStatus::Decided => triage(d, b).lane == Lane::Escalate,
            _ => false,
        }
}

/// A low-risk call made in the user's own lane is reported afterwards.
pub fn report_after(d: &Decision, b: &Boundaries) -> bool {
    d.risk == Level::Low && triage(d, b).lane == Lane::Decide && d.status == DecisionStatus::Decided
}

pub fn is_unreported(d: &Decision, b: &Boundaries) -> bool {
    report_after(d, b) && d.reported.is_none() && !d.done
}

/// Due for review: the review date has come and no outcome is written yet.
pub fn is_to_review(d: &Decision, today: NaiveDate) -> bool {
    d.outcome.trim().is_empty() && !d.done && d.review_on.is_some_and(|r| r <= today)
}

/// The default review date: two weeks after a reversible call, none otherwise.
pub fn default_review_on(date: NaiveDate, reversible: bool) -> Option<NaiveDate> {
    reversible
        .then(|| add_days(date, REVIEW_AFTER_DAYS))
        .flatten()
}

/// The flags shown in the list and in `lane list decisions --json`.
pub fn flags(d: &Decision, b: &Boundaries, today: NaiveDate) -> Vec<&'static str> {
    let mut out = Vec::new();
    if is_pending(d, b) {
        out.push("to_escalate");
    }
    if is_unreported(d, b) {
        out.push("unreported");
    }
    if is_to_review(d, today) {
        out.push("to_review");
    }
    if triage(d, b).overridden {
        out.push("overridden");
    }
    out
}

#[cfg(test)]
mod tests;
