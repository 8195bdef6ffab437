//! The steering half of the brag record: milestones delivered and key results
//! moved in the period — evidence that outcomes moved, not that hours were spent.

use chrono::NaiveDate;
use serde::Serialize;

use super::Period;
use super::lines::{day, section};
use crate::model::Data;
use crate::model::checkpoints::{self, Outcome};
use crate::model::limits::shift_days;
use crate::model::outcomes::{number, progress_of};

#[derive(Debug, Serialize)]
pub struct Delivered {
    pub priority: u32,
    pub outcome: String,
    pub milestone: String,
    pub done: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Serialize)]
pub struct Moved {
    pub priority: u32,
    pub outcome: String,
    pub key_result: String,
    /// Where it stood before the period (the baseline when nothing was read).
    pub from: f64,
    pub to: f64,
    pub target: f64,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// Progress from baseline to target, in %, at the end of the period.
    pub progress: u8,
}

/// Milestones done in the period, by the rule the weekly update uses for "hit".
pub fn delivered(data: &Data, period: &Period) -> Vec<Delivered> {
    let mut out = Vec::new();
    for p in &data.priorities {
        for m in &p.milestones {
            if let Some(Outcome::Hit { done, due }) =
                checkpoints::outcome(m, period.since, period.until)
            {
                out.push(Delivered {
                    priority: p.id,
                    outcome: p.title.clone(),
                    milestone: m.title.clone(),
                    done,
                    due,
                });
            }
        }
    }
    out.sort_by_key(|d| (d.done, d.priority));
    out
}

/// Key results whose reading at the end of the period differs from where they
/// stood the day before it began.
pub fn moved(data: &Data, period: &Period) -> Vec<Moved> {
    let before = shift_days(period.since, -1);
    let mut out = Vec::new();
    for p in &data.priorities {
        for kr in &p.key_results {
            let Some(to) = kr.value_on(period.until) else {
                continue;
            };
            let from = kr.value_on(before).unwrap_or(kr.baseline);
            if from == to {
                continue;
            }
            out.push(Moved {
                priority: p.id,
                outcome: p.title.clone(),
                key_result: kr.name.clone(),
                from,
                to,
                target: kr.target,
                unit: kr.unit.clone(),
                progress: progress_of(kr.baseline, kr.target, Some(to)),
            });
        }
    }
    out
}

/// Both sections, each only when it has something: a record without milestones
/// or key results says nothing about them.
pub fn markdown(out: &mut String, delivered: &[Delivered], moved: &[Moved]) {
    let lines: Vec<String> = delivered
        .iter()
        .map(|d| {
            let late = d
                .due
                .filter(|due| d.done > *due)
                .map(|due| format!(", due {}", day(due)))
                .unwrap_or_default();
            format!(
                "**{}** — {}, done {}{late}",
                d.outcome,
                d.milestone,
                day(d.done)
            )
        })
        .collect();
    if !lines.is_empty() {
        section(out, "Milestones delivered", &lines, "");
    }
    let lines: Vec<String> = moved
        .iter()
        .map(|m| {
            let unit = if m.unit.is_empty() {
                String::new()
            } else {
                format!(" {}", m.unit)
            };
            format!(
                "**{}** — {}: {} → {}{unit} (target {}, {}%)",
                m.outcome,
                m.key_result,
                number(m.from),
                number(m.to),
                number(m.target),
                m.progress
            )
        })
        .collect();
    if !lines.is_empty() {
        section(out, "Key results moved", &lines, "");
    }
}
