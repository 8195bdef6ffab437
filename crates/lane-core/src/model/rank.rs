//! The rules that make a priority an owned outcome: rank by impact × urgency with
//! urgency rising as the due date nears, the focus limit, and the silence detector.

use chrono::NaiveDate;

use super::limits::shift_days;
use super::rules::Rules;
use super::{Level, Priority, WorkingHours};

/// At most this many priorities are in focus at once.
pub const FOCUS_LIMIT: usize = 3;

fn weight(level: Level) -> u32 {
    match level {
        Level::High => 3,
        Level::Medium => 2,
        Level::Low => 1,
    }
}

/// Where a priority stands in the ranking, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rank {
    /// impact weight (1–3) × urgency weight (1–3, or 4 when overdue).
    pub score: u32,
    pub reason: String,
    pub overdue: bool,
    /// The urgency the score counts: the stated one, or higher where the due
    /// date raised it (`None` when overdue, which counts above high).
    pub urgency: Option<Level>,
    /// The due date raised the urgency above the stated one.
    pub raised: bool,
}

/// How a date pressing on an outcome raises its urgency weight: due within 7
/// days is at least medium, within 2 days high, overdue above everything else.
fn ramp(stated: u32, days_left: i64) -> u32 {
    match days_left {
        n if n < 0 => 4,
        n if n <= 2 => 3.max(stated),
        n if n <= 7 => 2.max(stated),
        _ => stated,
    }
}

fn due_words(days_left: i64) -> String {
    match days_left {
        n if n < 0 => format!("overdue by {}", plural_days(-n)),
        0 => "due today".to_string(),
        n => format!("due in {}", plural_days(n)),
    }
}

/// Ranks a priority on `today`. The stated urgency is raised as the due date
/// nears (see `ramp`), and as the next open milestone's due date nears, the same way.
pub fn rank(p: &Priority, today: NaiveDate) -> Rank {
    let stated = weight(p.urgency);
    // A closed outcome's dates no longer press.
    let open = !p.status.is_closed();
    let days_left = p.due.filter(|_| open).map(|d| (d - today).num_days());
    let (mut urgency_weight, mut due_reason) = match days_left {
        Some(n) => (ramp(stated, n), due_words(n)),
        None => (stated, String::new()),
    };
    let milestone = super::outcomes::next_milestone(p)
        .filter(|_| open)
        .and_then(|m| Some((m, (m.due? - today).num_days())));
    if let Some((m, n)) = milestone {
        // Only a milestone that presses harder than the due date says so.
        if ramp(stated, n) > urgency_weight {
            urgency_weight = ramp(stated, n);
            due_reason = format!("milestone “{}” {}", m.title, due_words(n));
        }
    }
    let mut parts = vec![format!("{} impact", p.impact.name())];
    let raised = urgency_weight > stated;
    if !raised {
        parts.push(format!("{} urgency", p.urgency.name()));
    }
    if !due_reason.is_empty() {
        parts.push(due_reason);
    }
    Rank {
        score: weight(p.impact) * urgency_weight,
        reason: parts.join(" · "),
        overdue: days_left.is_some_and(|n| n < 0),
        urgency: match urgency_weight {
            1 => Some(Level::Low),
            2 => Some(Level::Medium),
            3 => Some(Level::High),
            _ => None,
        },
        raised,
    }
}

fn plural_days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// The last day anyone heard about this priority: its newest update, or its creation.
pub fn last_heard(p: &Priority) -> Option<NaiveDate> {
    p.updates.iter().map(|u| u.date).max().or(p.created)
}

/// Working days after `from` up to and including `to`.
pub fn working_days_between(hours: &WorkingHours, from: NaiveDate, to: NaiveDate) -> u32 {
    let mut n = 0;
    // Bounded: a year of silence is plenty to count.
    let stop = to.min(shift_days(from, 400));
    for d in from.iter_days().skip(1).take_while(|d| *d <= stop) {
        if hours.on(d).is_some() {
            n += 1;
        }
    }
    n
}

/// True when an active priority has gone `silence_days` working days without an update.
pub fn is_silent(p: &Priority, rules: &Rules, today: NaiveDate) -> bool {
    if p.status != super::PriorityStatus::Active || rules.silence_days == 0 {
        return false;
    }
    last_heard(p)
        .is_some_and(|last| working_days_between(&rules.hours, last, today) >= rules.silence_days)
}

/// The flags shown beside a priority and in `lane list --json`.
pub fn flags(p: &Priority, rules: &Rules, today: NaiveDate) -> Vec<&'static str> {
    let mut out = Vec::new();
    if p.focus {
        out.push("focus");
    }
    if rank(p, today).overdue {
        out.push("overdue");
    }
    if is_silent(p, rules, today) {
        out.push("silent");
    }
    if super::outcomes::milestone_overdue(p, today) {
        out.push("milestone_overdue");
    }
    if super::outcomes::is_unagreed(p) {
        out.push("unagreed");
    }
    out
}

/// Indices of `priorities` in rank order: score high to low, the manual (file)
/// order breaking ties.
pub fn ranked(priorities: &[Priority], today: NaiveDate) -> Vec<usize> {
    let mut scored: Vec<(u32, usize)> = priorities
        .iter()
        .enumerate()
        .map(|(i, p)| (rank(p, today).score, i))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// The ids of the open focus outcomes, in rank order.
pub fn focus_ranked(priorities: &[Priority], today: NaiveDate) -> Vec<u32> {
    ranked(priorities, today)
        .into_iter()
        .map(|i| &priorities[i])
        .filter(|p| p.focus && !p.status.is_closed())
        .map(|p| p.id)
        .collect()
}

/// The three to work on next (tomorrow's, next week's): the focus outcomes in
/// rank order, filled up with the best-ranked active ones.
pub fn top_three(priorities: &[Priority], today: NaiveDate) -> Vec<u32> {
    let mut ids = focus_ranked(priorities, today);
    for i in ranked(priorities, today) {
        let p = &priorities[i];
        if p.status == super::PriorityStatus::Active && !ids.contains(&p.id) {
            ids.push(p.id);
        }
    }
    ids.truncate(FOCUS_LIMIT);
    ids
}

pub fn focus_count(priorities: &[Priority]) -> usize {
    priorities
        .iter()
        .filter(|p| p.focus && !p.status.is_closed())
        .count()
}

#[cfg(test)]
mod tests;
