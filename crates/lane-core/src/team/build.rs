//! The user's week as shared: built from the shareable data (see `shareable`)
//! with the weekly report's own rules, and written as Markdown for people.

use super::{
    SHARED_VERSION, Shared, SharedCall, SharedEscalation, SharedKeyResult, SharedMilestone,
    SharedOutcome, SharedRisk, short_ref,
};
use crate::model::triage::{report_after, triage};
use crate::model::{DecisionStatus, Lane, Priority};
use crate::report::Source;
use crate::report::week::{self, in_period};

/// The week of `src` (its data already `shareable`) as `name` shares it.
pub fn build(src: &Source, name: &str) -> Shared {
    let w = week::build(src);
    Shared {
        version: SHARED_VERSION,
        name: name.to_string(),
        shared_at: src.now,
        since: src.period.since,
        until: src.period.until,
        outcomes: src
            .data
            .priorities
            .iter()
            .filter(|p| (p.focus || p.strategic) && !p.status.is_closed())
            .map(outcome)
            .collect(),
        calls: calls(src),
        escalations: escalations(src),
        risks: w
            .risks
            .into_iter()
            .map(|r| SharedRisk {
                kind: r.kind.to_string(),
                what: r.what,
            })
            .collect(),
    }
}

fn outcome(p: &Priority) -> SharedOutcome {
    SharedOutcome {
        title: p.title.clone(),
        outcome: p.outcome.clone(),
        due: p.due,
        progress: p.progress,
        status: p.status.name().to_string(),
        focus: p.focus,
        strategic: p.strategic,
        milestones: p
            .milestones
            .iter()
            .map(|m| SharedMilestone {
                title: m.title.clone(),
                due: m.due,
                done: m.done,
            })
            .collect(),
        key_results: p
            .key_results
            .iter()
            .map(|k| SharedKeyResult {
                name: k.name.clone(),
                unit: k.unit.clone(),
                baseline: k.baseline,
                target: k.target,
                current: k.current(),
                progress: k.progress(),
            })
            .collect(),
    }
}

/// Calls decided in the user's own lane this week.
fn calls(src: &Source) -> Vec<SharedCall> {
    let b = &src.rules.boundaries;
    src.data
        .decisions
        .iter()
        .filter(|d| {
            in_period(d, &src.period)
                && d.status == DecisionStatus::Decided
                && triage(d, b).lane == Lane::Decide
        })
        .map(|d| SharedCall {
            reference: short_ref(&d.uid),
            date: d.date,
            situation: d.situation.clone(),
            call: d.call.clone(),
            outcome: d.outcome.clone(),
            report_after: report_after(d, b),
            reported: d.reported,
        })
        .collect()
}

/// Calls sent up: every one still waiting, and those answered this week.
fn escalations(src: &Source) -> Vec<SharedEscalation> {
    let mut out: Vec<SharedEscalation> = src
        .data
        .decisions
        .iter()
        .filter(|d| !d.uid.is_empty() && !d.escalated_to.trim().is_empty())
        .filter(|d| match d.status {
            DecisionStatus::Escalated => !d.done,
            DecisionStatus::Answered => in_period(d, &src.period),
            _ => false,
        })
        .filter_map(|d| {
            Some(SharedEscalation {
                reference: short_ref(&d.uid),
                uid: d.uid.clone(),
                situation: d.situation.clone(),
                call: d.call.clone(),
                to: d.escalated_to.trim().to_string(),
                since: crate::model::response::sent_at(d)?,
                answered: d.status == DecisionStatus::Answered,
                answer: d.answer.clone(),
                verdict: d.verdict.map(|v| v.name().to_string()),
            })
        })
        .collect();
    out.sort_by_key(|e| e.since);
    out
}

/// The shared week as Markdown, for a person reading the repository.
pub fn markdown(s: &Shared) -> String {
    let mut out = format!(
        "# {} — week of {} to {}\n\nShared {} by lane.\n",
        s.name,
        s.since,
        s.until,
        s.shared_at.format("%Y-%m-%d %H:%M")
    );
    out.push_str("\n## Focus\n\n");
    lines(&mut out, s.outcomes.iter().map(outcome_line).collect());
    out.push_str("\n## Calls decided this week\n\n");
    lines(&mut out, s.calls.iter().map(call_line).collect());
    out.push_str("\n## Escalations\n\n");
    lines(
        &mut out,
        s.escalations.iter().map(escalation_line).collect(),
    );
    out.push_str("\n## Risks\n\n");
    lines(
        &mut out,
        s.risks
            .iter()
            .map(|r| format!("{}: {}", r.kind, r.what))
            .collect(),
    );
    crate::model::text::visible_lines(&out)
}

fn lines(out: &mut String, items: Vec<String>) {
    if items.is_empty() {
        out.push_str("- none\n");
    }
    for item in items {
        out.push_str(&format!("- {item}\n"));
    }
}

fn outcome_line(o: &SharedOutcome) -> String {
    let mut line = format!("**{}**", o.title);
    if let Some(p) = o.progress {
        line.push_str(&format!(" — {p}%"));
    }
    if let Some(due) = o.due {
        line.push_str(&format!(", due {due}"));
    }
    if o.strategic {
        line.push_str(" (strategic)");
    }
    for m in &o.milestones {
        let state = match (m.done, m.due) {
            (Some(d), _) => format!("done {d}"),
            (None, Some(d)) => format!("due {d}"),
            (None, None) => "open".to_string(),
        };
        line.push_str(&format!("\n  - milestone {}: {state}", m.title));
    }
    for k in &o.key_results {
        let now = k
            .current
            .map_or("no reading".to_string(), |c| format!("{c}"));
        line.push_str(&format!(
            "\n  - {}: {} → {} {}, now {now} ({}%)",
            k.name, k.baseline, k.target, k.unit, k.progress
        ));
    }
    line
}

fn call_line(c: &SharedCall) -> String {
    let mut line = format!("**{}**", c.situation);
    if !c.call.is_empty() {
        line.push_str(&format!(" → {}", c.call));
    }
    if !c.outcome.is_empty() {
        line.push_str(&format!("; outcome: {}", c.outcome));
    }
    match (c.report_after, c.reported) {
        (true, Some(d)) => line.push_str(&format!(" (reported {d})")),
        (true, None) => line.push_str(" (to report)"),
        _ => {}
    }
    line
}

fn escalation_line(e: &SharedEscalation) -> String {
    let mut line = format!(
        "**{}** to {} since {} [ref {}]",
        e.situation,
        e.to,
        e.since.format("%Y-%m-%d %H:%M"),
        e.reference
    );
    if e.answered {
        line.push_str(&format!(" — answered: {}", e.answer));
        if let Some(v) = &e.verdict {
            line.push_str(&format!(" ({v})"));
        }
    } else {
        line.push_str(" — waiting");
    }
    line
}
