//! What a status bar shows: the running block and the minutes left, else the
//! next block and when; then what needs attention. Pure, from the data and `now`.
//!
//! A bar asks every second, so the store keeps a slim copy of the data a status
//! needs (`slim`) beside the data file; what is computed from it here is the same
//! as from the whole file.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::day::{is_running, running};
use super::ladder::{follow_up_due, is_stuck};
use super::limits::shift_days;
use super::overtime::{STREAK_LOOKBACK_DAYS, overtime};
use super::rank::is_silent;
use super::ritual::acknowledged;
use super::rules::Rules;
use super::time_of_day;
use super::triage::is_pending;
use super::{Block, Data, Kind, PriorityStatus};

/// How many days after it was written a slim copy still answers.
pub const SLIM_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The running block, if any.
    pub running: Option<BlockNow>,
    /// Else a block the plan has under way now that was not started (its
    /// timer is not running): the plan says it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub under_way: Option<BlockNow>,
    /// Else the next block today.
    pub next: Option<BlockNow>,
    pub stuck: usize,
    pub silent: usize,
    pub to_escalate: usize,
    pub follow_ups: usize,
    /// Open blockers whose linked issues and pull requests all closed or
    /// merged (`with_links`): resolve them?
    pub unblocked: usize,
    pub conflicts: usize,
    /// Boundaries crossed, said plainly: `3rd day over 9h30 in a row`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overtime: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockNow {
    pub id: u32,
    pub title: String,
    pub start: String,
    pub end: String,
    /// Running: minutes to its planned end (negative past it). Next: minutes until it starts.
    pub minutes: i64,
    /// Running: how much of its planned length has passed, 0–100.
    pub percent: u8,
}

pub fn status(data: &Data, rules: &Rules, now: NaiveDateTime) -> Status {
    let today = now.date();
    let running = running(data).map(|b| running_now(b, now));
    // Only when nothing runs: the running block is what is on.
    let (under_way, next) = if running.is_some() {
        (None, None)
    } else {
        (
            under_way(data, now).map(|b| running_now(b, now)),
            next(data, now).map(|b| block_now(b, (at(b, b.start) - now).num_minutes(), 0)),
        )
    };
    Status {
        running,
        under_way,
        next,
        stuck: data
            .blockers
            .iter()
            .filter(|b| is_stuck(b, rules, now))
            .count(),
        silent: data
            .priorities
            .iter()
            .filter(|p| is_silent(p, rules, today))
            .count(),
        to_escalate: data
            .decisions
            .iter()
            .filter(|d| is_pending(d, &rules.boundaries))
            .count(),
        follow_ups: data
            .blockers
            .iter()
            .filter(|b| {
                follow_up_due(b, today) && !acknowledged(data, today, (Kind::Blocker, b.id))
            })
            .count(),
        unblocked: 0,
        conflicts: data.conflicts.len(),
        overtime: overtime(data, &rules.caps, &rules.hours, now).warnings(),
    }
}

/// When a block's time of day falls on its day (24:00 is the next day's first instant).
fn at(b: &Block, t: NaiveTime) -> NaiveDateTime {
    time_of_day::instant(b.date, t)
}

/// A block as the bar shows it, with its minutes and percent.
fn block_now(b: &Block, minutes: i64, percent: u8) -> BlockNow {
    BlockNow {
        id: b.id,
        title: b.title.clone(),
        start: time_of_day::text(b.start),
        end: time_of_day::text(b.end),
        minutes,
        percent,
    }
}

/// A block on now (running, or under way by the plan): minutes to its planned
/// end, and how much of it passed.
fn running_now(b: &Block, now: NaiveDateTime) -> BlockNow {
    let (start, end) = (at(b, b.start), at(b, b.end));
    let length = (end - start).num_minutes().max(1);
    let done = (now - start).num_minutes().clamp(0, length);
    block_now(
        b,
        (end - now).num_minutes(),
        u8::try_from(done * 100 / length).unwrap_or(100),
    )
}

/// Today's earliest block the plan has on now that nobody started.
fn under_way(data: &Data, now: NaiveDateTime) -> Option<&Block> {
    data.blocks_on(now.date())
        .filter(|b| b.actual_start.is_none() && !b.done && b.result.is_none())
        .filter(|b| at(b, b.start) <= now && now < at(b, b.end))
        .min_by_key(|b| b.start)
}

/// Today's next block that has not started.
fn next(data: &Data, now: NaiveDateTime) -> Option<&Block> {
    data.blocks_on(now.date())
        .filter(|b| !is_running(b) && at(b, b.start) > now)
        .min_by_key(|b| b.start)
}

/// The block a user means by "now": the running one, else the one the plan
/// has under way that nobody started, else the next one today. The status line
/// and the Time blocks tab's cursor both go by it.
pub fn block_on_now(data: &Data, now: NaiveDateTime) -> Option<&Block> {
    running(data)
        .or_else(|| under_way(data, now))
        .or_else(|| next(data, now))
}

impl Status {
    /// The status with what blockers' links say (fetched on this machine).
    pub fn with_links(mut self, data: &Data, known: &super::links::Known) -> Status {
        self.unblocked = super::links::unblocked_ids(data, known).len();
        self
    }

    /// What needs attention, in words: `2 stuck · 1 unblocked? · 1 to escalate`.
    pub fn attention(&self) -> Vec<String> {
        [
            (self.stuck, "stuck"),
            (self.unblocked, "unblocked?"),
            (self.to_escalate, "to escalate"),
            (self.follow_ups, "to follow up"),
            (self.silent, "silent"),
            (self.conflicts, "conflicts"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .chain(self.overtime.iter().cloned())
        .collect()
    }
}

/// The part of the data a status needs from `day` for `SLIM_DAYS` days: their
/// blocks and reviews, open blockers, active priorities (with their last update
/// only), open decisions and conflicts. Small however long lane is used.
pub fn slim(data: &Data, day: NaiveDate) -> Data {
    // The overtime streak looks back from any day the copy answers for.
    let from = shift_days(day, -1 - STREAK_LOOKBACK_DAYS);
    let until = shift_days(day, SLIM_DAYS);
    let within = |d: NaiveDate| from <= d && d <= until;
    Data {
        blocks: data
            .blocks
            .iter()
            .filter(|b| within(b.date) || is_running(b))
            .cloned()
            .collect(),
        reviews: data
            .reviews
            .iter()
            .filter(|r| within(r.date))
            .cloned()
            .collect(),
        blockers: data
            .blockers
            .iter()
            .filter(|b| b.status != super::BlockerStatus::Resolved)
            .cloned()
            .collect(),
        priorities: data
            .priorities
            .iter()
            .filter(|p| p.status == PriorityStatus::Active)
            .map(|p| {
                let mut p = p.clone();
                let last = p.updates.iter().max_by_key(|u| u.date).cloned();
                p.updates = last.into_iter().collect();
                p
            })
            .collect(),
        decisions: data.decisions.iter().filter(|d| !d.done).cloned().collect(),
        conflicts: data.conflicts.clone(),
        ..Data::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_util::{add, at};

    #[test]
    fn the_running_block_its_minutes_left_and_what_needs_attention() {
        let mut data = Data::default();
        add(
            &mut data,
            Kind::Block,
            &[
                ("title", "billing spec"),
                ("time", "9-10:30"),
                ("date", "2026-11-23"),
            ],
        )
        .unwrap();
        add(
            &mut data,
            Kind::Block,
            &[
                ("title", "standup"),
                ("time", "11-11:15"),
                ("date", "2026-11-23"),
            ],
        )
        .unwrap();
        add(
            &mut data,
            Kind::Decision,
            &[("situation", "Vendor"), ("cost", "900k")],
        )
        .unwrap();
        let rules = Rules::default();
        let before = status(&data, &rules, at("2026-11-23", "08:10"));
        assert_eq!(before.running, None);
        let next = before.next.clone().unwrap();
        assert_eq!((next.title.as_str(), next.minutes), ("billing spec", 50));
        crate::model::day::start_stop(&mut data, 1, at("2026-11-23", "09:00")).unwrap();
        let now = status(&data, &rules, at("2026-11-23", "10:07"));
        let run = now.running.clone().unwrap();
        assert_eq!((run.minutes, run.percent), (23, 74));
        assert_eq!(now.next, None);
        assert_eq!(now.attention(), ["1 to escalate"]);
        // The slim copy answers the same.
        assert_eq!(
            status(
                &slim(&data, at("2026-11-23", "08:00").date()),
                &rules,
                at("2026-11-23", "10:07")
            ),
            now
        );
    }
}
