//! The problem-solving ladder for blockers: docs → past examples → a peer → escalate.
//! Ages are counted in working hours, so nights and weekends do not make a blocker
//! look older than the time anyone could have spent on it.

use chrono::{NaiveDate, NaiveDateTime};

use super::limits::shift_days;
use super::rules::Rules;
use super::{Blocker, BlockerStatus, Rung, WorkingHours};

/// What to do next about a blocker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Try(Rung),
    Escalate,
    FollowUp,
    Nothing,
}

impl Next {
    pub fn name(self) -> &'static str {
        match self {
            Next::Try(r) => r.name(),
            Next::Escalate => "escalate",
            Next::FollowUp => "follow_up",
            Next::Nothing => "none",
        }
    }

    /// What the detail tells the user to do.
    pub fn advice(self) -> &'static str {
        match self {
            Next::Try(Rung::Docs) => "read the docs",
            Next::Try(Rung::Search) => "search past examples: tickets, chat, resolved blockers",
            Next::Try(Rung::Peer) => "ask a peer",
            Next::Escalate => "escalate: every rung is tried",
            Next::FollowUp => "follow up with whoever has it",
            Next::Nothing => "nothing: it is resolved",
        }
    }
}

pub fn has_tried(b: &Blocker, rung: Rung) -> bool {
    b.tried.iter().any(|t| t.rung == rung)
}

pub fn untried(b: &Blocker) -> Vec<Rung> {
    Rung::ALL
        .iter()
        .copied()
        .filter(|r| !has_tried(b, *r))
        .collect()
}

pub fn next_rung(b: &Blocker) -> Next {
    match b.status {
        BlockerStatus::Resolved => Next::Nothing,
        BlockerStatus::Escalated => Next::FollowUp,
        BlockerStatus::Open => untried(b).first().map_or(Next::Escalate, |r| Next::Try(*r)),
    }
}

/// Working minutes between two instants: only the parts inside working hours count.
pub fn working_minutes(hours: &WorkingHours, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    if to <= from {
        return 0;
    }
    let mut total = 0;
    let mut day = from.date();
    // Bounded, so a blocker from years ago does not make a frame slow.
    let last = to.date().min(shift_days(from.date(), 800));
    while day <= last {
        if let Some((start, end)) = hours.on(day) {
            let open = day.and_time(start).max(from);
            let close = day.and_time(end).min(to);
            if close > open {
                total += (close - open).num_minutes();
            }
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    total
}

/// Working hours since the blocker was opened.
/// Working hours from opening to now — or, once resolved, to the resolution
/// (the last move on it when that was not recorded).
pub fn age_hours(b: &Blocker, hours: &WorkingHours, now: NaiveDateTime) -> f64 {
    let end = match b.status {
        BlockerStatus::Resolved => b.resolved_at.or_else(|| last_move(b)).unwrap_or(now),
        _ => now,
    };
    b.opened.map_or(0.0, |o| {
        working_minutes(hours, o, end.min(now)) as f64 / 60.0
    })
}

/// The last time anyone moved on it: opened, a rung tried, or escalated.
pub fn last_move(b: &Blocker) -> Option<NaiveDateTime> {
    b.tried
        .iter()
        .map(|t| t.at)
        .chain(b.escalated_at)
        .chain(b.opened)
        .max()
}

/// An open blocker left past its time-box without taking the next rung.
pub fn is_stuck(b: &Blocker, rules: &Rules, now: NaiveDateTime) -> bool {
    b.status == BlockerStatus::Open
        && last_move(b).is_some_and(|m| {
            working_minutes(&rules.hours, m, now) as f64 >= rules.blocker_timebox_hours * 60.0
        })
}

pub fn follow_up_due(b: &Blocker, today: NaiveDate) -> bool {
    b.status != BlockerStatus::Resolved && b.follow_up.is_some_and(|f| f <= today)
}

/// The flags shown in the list and in `lane list blockers --json`.
pub fn flags(b: &Blocker, rules: &Rules, now: NaiveDateTime) -> Vec<&'static str> {
    let mut out = Vec::new();
    if is_stuck(b, rules, now) {
        out.push("stuck");
    }
    if follow_up_due(b, now.date()) {
        out.push("follow_up_due");
    }
    out
}

/// How a blocker stands, in words, for the day's record.
pub fn blocker_state(b: &Blocker) -> String {
    match b.status {
        BlockerStatus::Resolved => format!("resolved: {}", b.resolution),
        BlockerStatus::Escalated => format!("escalated to {}", b.escalated_to),
        BlockerStatus::Open => {
            let next = match next_rung(b) {
                Next::Try(r) => format!("next rung: {}", r.name()),
                other => format!("next: {}", other.advice()),
            };
            match b.follow_up {
                Some(f) => format!("still blocked; {next}; follow up {f}"),
                None => format!("still blocked; {next}"),
            }
        }
    }
}

#[cfg(test)]
mod tests;
