//! Response-time boundaries: a call sent up, or a blocker pushed to someone,
//! left unanswered past `respond_within_hours` comes back to the user — follow
//! up, or decide. Waiting is counted in working hours, as blocker ages are, so
//! a weekend does not make an answer look late.

use chrono::{NaiveDateTime, NaiveTime};

use super::ladder::{last_move, working_minutes};
use super::rules::Rules;
use super::{Blocker, BlockerStatus, Data, Decision, DecisionStatus, Kind, WorkingHours};

/// When a call went up: its escalation (an older file's bare date is its
/// midnight), else the start of the day it was logged.
pub fn sent_at(d: &Decision) -> Option<NaiveDateTime> {
    d.escalated_at
        .or_else(|| d.date.map(|day| day.and_time(NaiveTime::MIN)))
}

/// When a call still waiting for its answer went up.
fn decision_sent(d: &Decision) -> Option<NaiveDateTime> {
    (d.status == DecisionStatus::Escalated && !d.done)
        .then(|| sent_at(d))
        .flatten()
}

/// When a blocker went up: its escalation, else (a hand edit) its last move.
fn blocker_sent(b: &Blocker) -> Option<NaiveDateTime> {
    (b.status == BlockerStatus::Escalated)
        .then(|| b.escalated_at.or_else(|| last_move(b)))
        .flatten()
}

/// Working hours an escalated call has waited for its answer.
pub fn decision_waited(d: &Decision, hours: &WorkingHours, now: NaiveDateTime) -> Option<f64> {
    decision_sent(d).map(|at| working_minutes(hours, at, now) as f64 / 60.0)
}

/// Working hours an escalated blocker has waited for an answer.
pub fn blocker_waited(b: &Blocker, hours: &WorkingHours, now: NaiveDateTime) -> Option<f64> {
    blocker_sent(b).map(|at| working_minutes(hours, at, now) as f64 / 60.0)
}

fn past(waited: Option<f64>, rules: &Rules) -> bool {
    rules.respond_within_hours > 0.0 && waited.is_some_and(|h| h >= rules.respond_within_hours)
}

/// An escalated call with no answer past `respond_within_hours`.
pub fn decision_awaiting(d: &Decision, rules: &Rules, now: NaiveDateTime) -> bool {
    past(decision_waited(d, &rules.hours, now), rules)
}

/// An escalated blocker with no answer past `respond_within_hours`.
pub fn blocker_awaiting(b: &Blocker, rules: &Rules, now: NaiveDateTime) -> bool {
    past(blocker_waited(b, &rules.hours, now), rules)
}

/// Every escalation waiting past its time: blockers first, then calls.
pub fn awaiting(data: &Data, rules: &Rules, now: NaiveDateTime) -> Vec<(Kind, u32)> {
    let blockers = data
        .blockers
        .iter()
        .filter(|b| blocker_awaiting(b, rules, now))
        .map(|b| (Kind::Blocker, b.id));
    let decisions = data
        .decisions
        .iter()
        .filter(|d| decision_awaiting(d, rules, now))
        .map(|d| (Kind::Decision, d.id));
    blockers.chain(decisions).collect()
}

/// How long, as a person says it: calendar days once it is a day or more
/// ("2 days"), else the working hours ("5h").
fn waited_words(sent: NaiveDateTime, waited_hours: f64, now: NaiveDateTime) -> String {
    let days = (now.date() - sent.date()).num_days();
    match days {
        d if d >= 2 => format!("{d} days"),
        1 => "1 day".into(),
        _ => format!("{}h", waited_hours.floor() as i64),
    }
}

/// The plan's follow-up line for an escalation waiting past its time:
/// `escalation to Dana waiting 2 days — follow up, or decide?`.
pub fn follow_up_words(
    data: &Data,
    rules: &Rules,
    item: (Kind, u32),
    now: NaiveDateTime,
) -> Option<String> {
    let (to, sent, ask) = match item.0 {
        Kind::Blocker => {
            let b = data.blockers.iter().find(|b| b.id == item.1)?;
            blocker_awaiting(b, rules, now).then_some(())?;
            (&b.escalated_to, blocker_sent(b)?, "follow up?")
        }
        Kind::Decision => {
            let d = data.decisions.iter().find(|d| d.id == item.1)?;
            decision_awaiting(d, rules, now).then_some(())?;
            (&d.escalated_to, decision_sent(d)?, "follow up, or decide?")
        }
        _ => return None,
    };
    let waited = working_minutes(&rules.hours, sent, now) as f64 / 60.0;
    let to = if to.trim().is_empty() {
        String::new()
    } else {
        format!(" to {}", to.trim())
    };
    Some(format!(
        "escalation{to} waiting {} — {ask}",
        waited_words(sent, waited, now)
    ))
}

#[cfg(test)]
mod tests;
