//! What happened to blockers and calls on a day, from the items themselves:
//! a blocker opened, escalated or resolved that day and a call decided or sent
//! up that day show in the day's review whether or not the review step saw
//! them (an escalation made during the review was missing before).

use chrono::NaiveDate;

use super::Line;
use crate::model::{BlockerStatus, Data, DecisionStatus, Review};

/// The day's blockers: each one the review looked at, with what became of it
/// that day when something did, then the ones that moved that day unlooked at.
pub(super) fn blockers(data: &Data, date: NaiveDate, review: &Review) -> Vec<Line> {
    let on = |t: Option<chrono::NaiveDateTime>| t.is_some_and(|t| t.date() == date);
    let mut lines: Vec<Line> = Vec::new();
    let looked: Vec<u32> = review.blockers.iter().map(|b| b.blocker).collect();
    let moved = data
        .blockers
        .iter()
        .filter(|b| on(b.resolved_at) || on(b.escalated_at) || on(b.opened))
        .map(|b| b.id);
    let mut ids = looked.clone();
    ids.extend(moved.filter(|id| !looked.contains(id)));
    for id in ids {
        let b = data.blockers.iter().find(|b| b.id == id);
        let checked = review.blockers.iter().find(|c| c.blocker == id);
        let note = match b {
            Some(b) if b.status == BlockerStatus::Resolved && on(b.resolved_at) => {
                match b.resolution.is_empty() {
                    true => "resolved".to_string(),
                    false => format!("resolved: {}", b.resolution),
                }
            }
            Some(b) if on(b.escalated_at) => format!("escalated to {}", b.escalated_to),
            _ => match checked {
                Some(c) => c.state.clone(),
                None => "opened".to_string(),
            },
        };
        lines.push(Line {
            id,
            title: b.map_or_else(|| format!("blocker {id}"), |b| b.title.clone()),
            note,
        });
    }
    lines
}

/// The calls of the day: decided in the user's lane, or sent up (and to whom).
pub(super) fn calls(data: &Data, date: NaiveDate) -> Vec<Line> {
    data.decisions
        .iter()
        .filter_map(|d| {
            let sent = d.escalated_at.is_some_and(|t| t.date() == date);
            let note = match d.status {
                DecisionStatus::Escalated | DecisionStatus::Answered if sent => {
                    format!("escalated to {}", d.escalated_to)
                }
                DecisionStatus::Decided if d.date == Some(date) => match d.call.is_empty() {
                    true => "decided in your lane".to_string(),
                    false => format!("decided in your lane: {}", d.call),
                },
                _ => return None,
            };
            Some(Line {
                id: d.id,
                title: d.situation.clone(),
                note,
            })
        })
        .collect()
}
