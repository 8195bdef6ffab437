//! What the weekly update says about steering an outcome: whom it was agreed
//! with, milestones hit or missed in the period, checkpoints coming up, and each
//! key result's movement.

use super::Period;
use super::lines::day;
use crate::model::Priority;
use crate::model::checkpoints::{self, Outcome};
use crate::model::limits::shift_days;
use crate::model::outcomes::{number, progress_of};
use crate::model::rules::Rules;

/// One line each, in the order a reader wants them; empty for an outcome
/// without agreement, milestones in the period or key results.
pub fn week_lines(p: &Priority, rules: &Rules, period: &Period) -> Vec<String> {
    let mut out = Vec::new();
    if !p.agreed_with.is_empty() {
        let on = p
            .agreed_on
            .map(|d| format!(" on {}", day(d)))
            .unwrap_or_default();
        let bounds = if p.boundaries.is_empty() {
            String::new()
        } else {
            format!(" (boundaries: {})", p.boundaries)
        };
        out.push(format!("Agreed with {}{on}{bounds}", p.agreed_with));
    }
    for m in &p.milestones {
        match checkpoints::outcome(m, period.since, period.until) {
            Some(Outcome::Hit { done, due }) => {
                let late = due
                    .filter(|d| done > *d)
                    .map(|d| format!(", due {}", day(d)));
                out.push(format!(
                    "Milestone hit: {} ({}{})",
                    m.title,
                    day(done),
                    late.unwrap_or_default()
                ));
            }
            Some(Outcome::Missed { due }) => {
                out.push(format!("Milestone missed: {} (due {})", m.title, day(due)));
            }
            None => {}
        }
    }
    // What is due next, said before anyone has to ask.
    for m in checkpoints::of(p, rules, period.until) {
        if let Some(due) = m.due {
            out.push(format!("Checkpoint: {} (due {})", m.title, day(due)));
        }
    }
    let before = shift_days(period.since, -1);
    for kr in &p.key_results {
        let Some(now) = kr.value_on(period.until) else {
            out.push(format!(
                "{}: no reading yet ({} → target {})",
                kr.name,
                kr.show(kr.baseline),
                kr.show(kr.target)
            ));
            continue;
        };
        let last = kr
            .value_on(before)
            .map(|v| format!(" → {} last week", number(v)))
            .unwrap_or_default();
        out.push(format!(
            "{}: {}{last} → {} now → target {} ({}%)",
            kr.name,
            number(kr.baseline),
            number(now),
            kr.show(kr.target),
            progress_of(kr.baseline, kr.target, Some(now))
        ));
    }
    out
}
