//! The Decisions tab: the escalate-or-decide log and the detail of one call.

use chrono::NaiveDate;
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};

use super::detail::field;
use super::list::{Columns, ListRow, check, row_style};
use super::theme;
use lane_core::model::rules::Rules;
use lane_core::model::triage::{flags, is_pending, money, report_after, triage};
use lane_core::model::{Data, Decision, DecisionStatus, Lane};

fn lane_span(d: &Decision, rules: &Rules) -> Span<'static> {
    let t = triage(d, &rules.boundaries);
    let star = if t.overridden { "*" } else { "" };
    match t.lane {
        Lane::Decide => Span::styled(format!("decide{star}"), theme::info()),
        Lane::Escalate => Span::styled(format!("escalate{star}"), theme::warning()),
    }
}

/// What is happening with the call: who has it, what is owed.
fn state_text(d: &Decision, rules: &Rules, today: NaiveDate) -> String {
    let mut parts = Vec::new();
    if d.status == DecisionStatus::Escalated {
        let days = d
            .escalated_at
            .map(|a| (today - a.date()).num_days().max(0))
            .unwrap_or(0);
        parts.push(format!("with {} {days}d", d.escalated_to));
    }
    if d.status == DecisionStatus::Answered {
        parts.push("answered".into());
    }
    for f in flags(d, &rules.boundaries, today) {
        match f {
            "to_escalate" => parts.push("to escalate: E or D".into()),
            "unreported" => parts.push("unreported".into()),
            "to_review" => parts.push("to review".into()),
            _ => {}
        }
    }
    parts.join(" · ")
}

pub fn columns<'a>(data: &'a Data, rules: &'a Rules, today: NaiveDate) -> Columns<'a> {
    Columns {
        header: vec!["#", " ", "Date", "Situation", "Lane", "State"],
        widths: vec![
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Length(6),
            Constraint::Fill(1),
            Constraint::Length(9),
            Constraint::Length(22),
        ],
        title: 3,
        optional: vec![2],
        empty: "No decisions logged — press a to record a call and why.",
        rows: Box::new(move |indices| {
            indices
                .iter()
                .map(|&i| &data.decisions[i])
                .map(|d| {
                    ListRow::new(vec![
                        d.id.to_string().into(),
                        check(d.done).into(),
                        d.date
                            .map(|x| x.format("%d %b").to_string())
                            .unwrap_or_default()
                            .into(),
                        d.situation.clone().into(),
                        lane_span(d, rules).into(),
                        Span::styled(state_text(d, rules, today), theme::warning()).into(),
                    ])
                    .style(row_style(d.done))
                })
                .collect()
        }),
    }
}

/// Everything about one call: the situation, the call and why, the triage and its
/// reasons, who has it, what is owed, and what came of it.
pub fn detail_lines(d: &Decision, rules: &Rules, today: NaiveDate) -> Vec<Line<'static>> {
    let dash = |s: &str| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    let mut lines = vec![
        Line::from(Span::styled(d.situation.clone(), theme::title())),
        Line::from(Span::styled(
            format!("{} · {}", d.status.name(), state_text(d, rules, today))
                .trim_end_matches(" · ")
                .to_string(),
            theme::warning(),
        )),
        Line::raw(""),
    ];
    if !d.options.is_empty() {
        lines.extend(field("Options", d.options.join("; ")));
    }
    lines.extend(field("Call", dash(&d.call)));
    lines.extend(field("Why", dash(&d.rationale)));
    lines.extend(field("Facts", facts_text(d)));
    lines.extend(triage_lines(d, rules));
    let review = d
        .review_on
        .map(|r| r.to_string())
        .unwrap_or_else(|| "—".into());
    lines.extend(field("Review on", review));
    lines.extend(field(
        "Outcome",
        if d.outcome.is_empty() {
            "— (O writes it)".into()
        } else {
            d.outcome.clone()
        },
    ));
    lines
}

/// `reversible · low risk · cost 1.2k · hiring`: what the triage weighs.
fn facts_text(d: &Decision) -> String {
    format!(
        "{} · {} risk{}{}",
        if d.reversible {
            "reversible"
        } else {
            "irreversible"
        },
        d.risk.name(),
        d.cost
            .map(|c| format!(" · cost {}", money(c)))
            .unwrap_or_default(),
        if d.topics.is_empty() {
            String::new()
        } else {
            format!(" · {}", d.topics.join(", "))
        },
    )
}

/// The triage and what followed it: pending, overridden, escalated, answered,
/// reported.
fn triage_lines(d: &Decision, rules: &Rules) -> Vec<Line<'static>> {
    let b = &rules.boundaries;
    let t = triage(d, b);
    let triage_text = match (t.recommended, t.reasons.is_empty()) {
        (Lane::Decide, _) => "decide — inside your boundaries".to_string(),
        (Lane::Escalate, _) => format!("escalate — {}", t.reasons.join("; ")),
    };
    let mut lines = field("Triage", triage_text);
    if is_pending(d, b) {
        lines.extend(field(
            "Pending",
            "E escalates it; D decides it yourself, against the triage".to_string(),
        ));
    }
    if t.overridden {
        lines.extend(field(
            "Override",
            format!("{} (your call against the triage)", t.lane.name()),
        ));
    }
    if !d.escalated_to.is_empty() {
        let at = d
            .escalated_at
            // An older file's bare date is its midnight: shown as the date.
            .map(|a| match a.time() == chrono::NaiveTime::MIN {
                true => format!(" on {}", a.date()),
                false => format!(" on {}", a.format("%Y-%m-%d %H:%M")),
            })
            .unwrap_or_default();
        lines.extend(field("Escalated", format!("to {}{at}", d.escalated_to)));
    }
    if !d.answer.is_empty() {
        lines.extend(field("Answer", d.answer.clone()));
    }
    if report_after(d, b) {
        let r = match d.reported {
            Some(day) => format!("reported {day}"),
            None => "not yet — P marks it reported".into(),
        };
        lines.extend(field("Report", r));
    }
    lines
}
