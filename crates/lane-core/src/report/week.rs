//! The weekly update, written before anyone asks: progress per focus outcome,
//! decisions made, escalated and still to escalate, calls to report, risks, next
//! week's focus.

use serde::Serialize;

use super::lines::{
    BlockerLine, DecisionLine, PriorityLine, bullet, day, open_blockers, priority, section,
};
use super::{Period, Source};
use crate::model::checkpoints;
use crate::model::day::{block_worked_minutes, deep_minutes, deep_worked_minutes, hm, minutes};
use crate::model::rank::{is_silent, rank, ranked, top_three};
use crate::model::triage::{is_pending, is_unreported, triage};
use crate::model::{Decision, DecisionStatus, Lane, Priority, Update};

#[derive(Debug, Serialize)]
pub struct Dated {
    pub date: chrono::NaiveDate,
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    #[serde(flatten)]
    pub priority: PriorityLine,
    pub focus: bool,
    pub updates: Vec<Dated>,
    pub silent: bool,
    pub overdue: bool,
    /// Agreement, milestones hit or missed, key results' movement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steering: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Risk {
    pub kind: &'static str,
    pub what: String,
}

/// A call the triage sends up that the user has neither decided nor escalated.
#[derive(Debug, Serialize)]
pub struct Pending {
    #[serde(flatten)]
    pub call: DecisionLine,
    pub reasons: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Week {
    pub outcomes: Vec<Outcome>,
    pub decided: Vec<DecisionLine>,
    pub escalated: Vec<DecisionLine>,
    pub pending: Vec<Pending>,
    pub unreported: Vec<DecisionLine>,
    pub risks: Vec<Risk>,
    pub next_week: Vec<PriorityLine>,
    pub planned_minutes: i64,
    pub worked_minutes: i64,
    pub deep_planned_minutes: i64,
    pub deep_worked_minutes: i64,
}

fn updates_in(p: &Priority, period: &Period) -> Vec<Dated> {
    p.updates
        .iter()
        .filter(|u| period.contains(u.date))
        .map(|u: &Update| Dated {
            date: u.date,
            note: u.note.clone(),
        })
        .collect()
}

pub fn build(src: &Source) -> Week {
    let (data, period, now) = (src.data, src.period, src.now);
    let today = period.until;
    let outcomes = outcomes(src);
    let risks = risks(src, &outcomes);
    let next = top_three(&data.priorities, today);
    let blocks: Vec<_> = data
        .blocks
        .iter()
        .filter(|b| period.contains(b.date))
        .collect();
    let deep_planned = period.days().map(|d| deep_minutes(data, d)).sum();
    let deep_worked = period
        .days()
        .map(|d| deep_worked_minutes(data, d, now))
        .sum();
    Week {
        outcomes,
        decided: decided(src),
        escalated: escalated(src),
        pending: pending(src),
        unreported: unreported(src),
        risks,
        next_week: next
            .into_iter()
            .filter_map(|id| priority(data, id))
            .collect(),
        planned_minutes: blocks.iter().map(|b| minutes(b)).sum(),
        worked_minutes: blocks
            .iter()
            .filter_map(|b| block_worked_minutes(b, now))
            .sum(),
        deep_planned_minutes: deep_planned,
        deep_worked_minutes: deep_worked,
    }
}

/// The outcomes section: focus outcomes first, then whatever else moved or
/// closed in the period.
fn outcomes(src: &Source) -> Vec<Outcome> {
    let (data, rules, period) = (src.data, src.rules, src.period);
    let today = period.until;
    let mut outcomes: Vec<Outcome> = ranked(&data.priorities, today)
        .into_iter()
        .map(|i| &data.priorities[i])
        .filter(|p| {
            (p.focus || p.strategic) && !p.status.is_closed()
                || !updates_in(p, &period).is_empty()
                || p.milestones
                    .iter()
                    .any(|m| checkpoints::outcome(m, period.since, period.until).is_some())
                || !checkpoints::of(p, rules, today).is_empty()
                || p.closed.is_some_and(|c| period.contains(c))
        })
        .map(|p| Outcome {
            priority: PriorityLine::of(p),
            focus: p.focus,
            updates: updates_in(p, &period),
            silent: is_silent(p, rules, today),
            overdue: rank(p, today).overdue && !p.status.is_closed(),
            steering: super::steering::week_lines(p, rules, &period),
        })
        .collect();
    outcomes.sort_by_key(|o| !o.focus);
    outcomes
}

/// A call made or escalated in the period.
pub(crate) fn in_period(d: &Decision, period: &Period) -> bool {
    d.date.is_some_and(|x| period.contains(x))
        || d.escalated_at.is_some_and(|x| period.contains(x.date()))
}

/// Calls the user made in their lane in the period.
fn decided(src: &Source) -> Vec<DecisionLine> {
    let rules = src.rules;
    src.data
        .decisions
        .iter()
        .filter(|d| {
            in_period(d, &src.period)
                && d.status == DecisionStatus::Decided
                && triage(d, &rules.boundaries).lane == Lane::Decide
                // Calls still to report have their own section.
                && !is_unreported(d, &rules.boundaries)
        })
        .map(|d| DecisionLine::of(d, rules))
        .collect()
}

/// Calls sent up in the period, answered or not.
fn escalated(src: &Source) -> Vec<DecisionLine> {
    src.data
        .decisions
        .iter()
        .filter(|d| {
            in_period(d, &src.period)
                && matches!(
                    d.status,
                    DecisionStatus::Escalated | DecisionStatus::Answered
                )
        })
        .map(|d| DecisionLine::of(d, src.rules))
        .collect()
}

/// Calls the triage sends up, neither decided nor escalated yet: open whenever
/// they were logged, like the calls still to report.
fn pending(src: &Source) -> Vec<Pending> {
    let rules = src.rules;
    src.data
        .decisions
        .iter()
        .filter(|d| is_pending(d, &rules.boundaries))
        .map(|d| Pending {
            call: DecisionLine::of(d, rules),
            reasons: triage(d, &rules.boundaries).reasons,
        })
        .collect()
}

/// Calls made in the user's lane that are still to report.
fn unreported(src: &Source) -> Vec<DecisionLine> {
    src.data
        .decisions
        .iter()
        .filter(|d| is_unreported(d, &src.rules.boundaries))
        .map(|d| DecisionLine::of(d, src.rules))
        .collect()
}

/// Risks: stuck blockers and escalated ones still waiting for an answer, then
/// each active outcome that is silent or overdue.
fn risks(src: &Source, outcomes: &[Outcome]) -> Vec<Risk> {
    let rules = src.rules;
    let mut risks: Vec<Risk> = open_blockers(src.data, rules, src.now)
        .into_iter()
        .filter_map(|b: BlockerLine| {
            let kind = match (b.stuck, b.status) {
                (true, _) => "stuck",
                (false, "escalated") => "escalated",
                _ => return None,
            };
            Some(Risk {
                kind,
                what: b.markdown(),
            })
        })
        .collect();
    for o in outcomes.iter().filter(|o| o.priority.status == "active") {
        if o.silent {
            risks.push(Risk {
                kind: "silent",
                what: format!(
                    "{} — no update for {}+ working days",
                    o.priority.title, rules.silence_days
                ),
            });
        }
        if o.overdue {
            risks.push(Risk {
                kind: "overdue",
                what: format!(
                    "{} — was due {}",
                    o.priority.title,
                    o.priority.due.map(day).unwrap_or_default()
                ),
            });
        }
    }
    risks
}

pub fn markdown_with(w: &Week, period: &Period) -> String {
    let mut out = format!(
        "# Weekly update — {} to {}\n\n{} planned, {} worked; deep work {} planned, {} worked.\n",
        day(period.since),
        day(period.until),
        hm(w.planned_minutes),
        hm(w.worked_minutes),
        hm(w.deep_planned_minutes),
        hm(w.deep_worked_minutes)
    );
    out.push_str("\n## Outcomes\n");
    if w.outcomes.is_empty() {
        out.push_str("\nNo focus outcomes and nothing moved.\n");
    }
    for o in &w.outcomes {
        out.push_str(&outcome_markdown(o));
    }
    calls_markdown(&mut out, w);
    let risks: Vec<String> = w
        .risks
        .iter()
        .map(|r| format!("{}: {}", r.kind, r.what))
        .collect();
    section(&mut out, "Risks", &risks, "None.");
    let next: Vec<String> = w.next_week.iter().map(PriorityLine::markdown).collect();
    section(&mut out, "Next week's focus", &next, "Not chosen yet.");
    out
}

/// One outcome's heading, its outcome line, steering, then its updates.
fn outcome_markdown(o: &Outcome) -> String {
    let mut head = o.priority.markdown();
    if o.priority.status != "active" {
        head.push_str(&format!(" — **{}**", o.priority.status));
    }
    let mut out = format!("\n### {}{}\n\n", if o.focus { "Focus: " } else { "" }, head);
    if !o.priority.outcome.is_empty() {
        out.push_str(&format!("Outcome: {}\n\n", o.priority.outcome));
    }
    for line in &o.steering {
        out.push_str(&bullet(line));
    }
    if o.updates.is_empty() {
        out.push_str("- No update this week.\n");
    }
    for u in &o.updates {
        out.push_str(&bullet(&format!("{}: {}", day(u.date), u.note)));
    }
    out
}

/// The calls' sections: made, escalated, still to send up (only when there
/// are any), made in the lane and to report.
fn calls_markdown(out: &mut String, w: &Week) {
    let lines = |v: &[DecisionLine]| v.iter().map(DecisionLine::markdown).collect::<Vec<_>>();
    section(
        out,
        "Decisions I made",
        &lines(&w.decided),
        "None this week.",
    );
    let escalated: Vec<String> = w.escalated.iter().map(escalated_line).collect();
    section(out, "Escalated", &escalated, "None this week.");
    if !w.pending.is_empty() {
        let pending: Vec<String> = w
            .pending
            .iter()
            .map(|p| format!("{} — {}", p.call.markdown(), p.reasons.join("; ")))
            .collect();
        section(
            out,
            "Outside my lane, still to escalate or decide",
            &pending,
            "",
        );
    }
    section(
        out,
        "Calls made in my lane, reported here",
        &lines(&w.unreported),
        "None outstanding.",
    );
}

/// An escalated call: whom it went to and the answer, or that none came yet.
fn escalated_line(d: &DecisionLine) -> String {
    let mut line = format!("**{}**", d.situation);
    if !d.escalated_to.is_empty() {
        line.push_str(&format!(" — escalated to {}", d.escalated_to));
    }
    if d.answer.is_empty() {
        line.push_str(" — waiting for an answer");
    } else {
        line.push_str(&format!(" — answer: {}", d.answer));
    }
    line
}
