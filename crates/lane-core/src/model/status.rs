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
use super::{Block, Data, DecisionStatus, Kind, PriorityStatus};

/// How many days from the day it was made a slim copy answers for: the
/// first status of a new day reads the whole file once.
pub const SLIM_DAYS: i64 = 1;

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

/// The part of the data a status needs on `day` (and, while nothing is
/// written, the next `SLIM_DAYS - 1` days), cut to what the line reads: the
/// days' blocks (and every block of a running one's day), each earlier day of
/// the overtime streak as its worked minutes alone, the days' plan
/// acknowledgements, when each active priority was last heard of, open
/// blockers and decisions, and conflicts. A few kilobytes however long lane
/// is used and however full the calendar was.
pub fn slim(data: &Data, day: NaiveDate) -> Data {
    let until = shift_days(day, SLIM_DAYS);
    let ahead = |d: NaiveDate| day <= d && d < until;
    let running_day = running(data).map(|b| b.date);
    let kept_day = |d: NaiveDate| ahead(d) || Some(d) == running_day;
    let blocks = data
        .blocks
        .iter()
        .filter(|b| kept_day(b.date))
        .map(|b| Block {
            uid: String::new(),
            series: None,
            calendar: None,
            extra: Default::default(),
            ..b.clone()
        })
        .collect();
    // Days before `day` are over: what the streak reads of each is its
    // minutes, which a review holding only them gives (`overtime::worked_on`).
    let midnight = day.and_time(NaiveTime::MIN);
    let worked = (1..=1 + STREAK_LOOKBACK_DAYS)
        .map(|back| shift_days(day, -back))
        .filter(|d| !kept_day(*d))
        .map(|d| (d, super::overtime::worked_on(data, d, midnight)))
        .filter(|(_, minutes)| *minutes > 0)
        .map(|(date, minutes)| super::Review {
            date,
            worked_minutes: Some(minutes),
            ..Default::default()
        });
    let acknowledged = data
        .reviews
        .iter()
        .filter(|r| ahead(r.date) && r.plan.is_some())
        .map(|r| super::Review {
            date: r.date,
            plan: r.plan.as_ref().map(|p| super::Plan {
                acknowledged_blockers: p.acknowledged_blockers.clone(),
                acknowledged_checkpoints: p.acknowledged_checkpoints.clone(),
                acknowledged_decisions: p.acknowledged_decisions.clone(),
                ..Default::default()
            }),
            ..Default::default()
        });
    Data {
        blocks,
        reviews: worked.chain(acknowledged).collect(),
        blockers: data
            .blockers
            .iter()
            .filter(|b| b.status != super::BlockerStatus::Resolved)
            .map(slim_blocker)
            .collect(),
        // Silence is read from when a priority was last heard of.
        priorities: data
            .priorities
            .iter()
            .filter(|p| p.status == PriorityStatus::Active)
            .map(|p| super::Priority {
                id: p.id,
                status: p.status,
                created: super::rank::last_heard(p),
                ..Default::default()
            })
            .collect(),
        decisions: data
            .decisions
            .iter()
            .filter(|d| !d.done)
            .filter(|d| matches!(d.status, DecisionStatus::Pending | DecisionStatus::Decided))
            .map(slim_decision)
            .collect(),
        conflicts: data.conflicts.clone(),
        ..Data::default()
    }
}

/// An open blocker as the line reads it: when it last moved, its follow-up
/// and its links.
fn slim_blocker(b: &super::Blocker) -> super::Blocker {
    let last_tried = b.tried.iter().max_by_key(|t| t.at);
    super::Blocker {
        uid: String::new(),
        title: String::new(),
        waiting_on: String::new(),
        escalated_to: String::new(),
        resolution: String::new(),
        tried: last_tried
            .map(|t| super::Tried {
                note: String::new(),
                ..t.clone()
            })
            .into_iter()
            .collect(),
        ..b.clone()
    }
}

/// An open call as the triage reads it: its facts, not its words.
fn slim_decision(d: &super::Decision) -> super::Decision {
    super::Decision {
        uid: String::new(),
        date: None,
        situation: String::new(),
        options: Vec::new(),
        call: String::new(),
        rationale: String::new(),
        escalated_to: String::new(),
        answer: String::new(),
        reported: None,
        review_on: None,
        outcome: String::new(),
        ..d.clone()
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

    #[test]
    fn the_slim_copy_answers_as_the_whole_data_all_day_and_stays_small() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let plain = crate::demo::generate(120, 3, today);
        // The same, with a block left running since yesterday.
        let yesterday = shift_days(today, -1);
        let mut left_running = plain.clone();
        if let Some(b) = left_running.blocks.iter_mut().find(|b| b.date == yesterday) {
            b.actual_start = Some(yesterday.and_hms_opt(16, 0, 0).unwrap().into());
            b.actual_end = None;
        }
        let rules = Rules {
            silence_days: 2,
            ..Rules::default()
        };
        let mut seen = Vec::new();
        for data in [&plain, &left_running] {
            for day in [shift_days(today, -3), yesterday, today] {
                let copy = slim(data, day);
                let text = toml::to_string(&copy).unwrap();
                assert!(text.len() < 8 * 1024, "{day}: {} bytes\n{text}", text.len());
                for minutes in (0..24 * 60).step_by(37) {
                    let now = day.and_time(NaiveTime::MIN) + chrono::Duration::minutes(minutes);
                    let whole = status(data, &rules, now);
                    assert_eq!(status(&copy, &rules, now), whole, "{now}");
                    seen.extend(whole.attention());
                    seen.extend(whole.running.map(|_| "running".to_string()));
                    seen.extend(whole.next.map(|_| "next".to_string()));
                }
            }
        }
        // The figures compared were not all nothing.
        for what in ["running", "next", "stuck", "silent", "to escalate", "over"] {
            assert!(seen.iter().any(|s| s.contains(what)), "{what}: {seen:?}");
        }
    }
}
