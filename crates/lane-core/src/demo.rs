//! `lane demo`: a realistic, deterministic data set for N days of use, for
//! benchmarks, screenshots and tests. Same seed and end date, same data.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use crate::model::limits::shift_days;

use crate::model::day::{
    assumed_result, deep_minutes, deep_worked_minutes, planned_minutes, worked_minutes,
};
use crate::model::rank::FOCUS_LIMIT;
use crate::model::triage::{Boundaries, settle_status, triage};
use crate::model::{
    Block, BlockKind, Blocker, BlockerStatus, Data, Decision, DecisionStatus, Extra, Lane, Level,
    Plan, Priority, PriorityStatus, ProgressNote, Rating, Review, ReviewedBlock, Rung, Tried,
    Update, Verdict,
};

/// splitmix64: small, fast and the same everywhere. It also knows the demo's
/// "now", so nothing it makes is dated after it.
struct Rng {
    state: u64,
    now: NaiveDateTime,
}

impl Rng {
    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
    fn level(&mut self) -> Level {
        [Level::High, Level::Medium, Level::Medium, Level::Low][self.below(4) as usize]
    }
    fn uid(&mut self, day: NaiveDate) -> String {
        let ms = day
            .and_hms_opt(9, 0, 0)
            .map(|d| d.min(self.now).and_utc().timestamp_millis())
            .unwrap_or(0);
        let random =
            (u128::from(self.next()) << 64 | u128::from(self.next())) & ((1u128 << 80) - 1);
        ulid::Ulid::from_parts(ms.max(0) as u64, random).to_string()
    }
}

const OUTCOMES: [&str; 12] = [
    "Ship billing v2",
    "Cut onboarding time",
    "Migrate CI runners",
    "Hire a data engineer",
    "Quarterly roadmap",
    "Reduce p95 latency",
    "Launch status page",
    "Self-serve exports",
    "Retire legacy auth",
    "SOC 2 evidence",
    "Partner API v1",
    "Pricing page experiment",
];
const TASKS: [&str; 10] = [
    "spec",
    "review PRs",
    "write tests",
    "pairing",
    "design doc",
    "triage",
    "prototype",
    "data check",
    "rollout plan",
    "write-up",
];
const MEETINGS: [&str; 5] = [
    "standup",
    "1:1 with manager",
    "design review",
    "customer call",
    "planning",
];
const NOTES: [&str; 4] = [
    "support pulled me out twice",
    "good focus, phone off",
    "meetings ran over",
    "on call, slow afternoon",
];
const ADMIN: [&str; 4] = ["inbox", "expenses", "review requests", "weekly update"];
const WAITING: [&str; 6] = [
    "ops",
    "security team",
    "vendor",
    "legal",
    "platform",
    "finance",
];
const TOPICS: [&str; 8] = [
    "tooling",
    "reliability",
    "hiring",
    "budget",
    "ux",
    "security",
    "docs",
    "infra",
];

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

fn working(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The most days `lane demo` writes: ten years, about 80 000 entries.
pub const MAX_DAYS: u32 = 3650;

/// `days` later (a few weeks at most here); dates stop at the calendar's end.
fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    shift_days(date, i64::try_from(days).unwrap_or(i64::MAX))
}

/// An instant a few hours or minutes later (earlier, when `by` is negative); at
/// the calendar's end it stays put.
fn later(at: NaiveDateTime, by: Duration) -> NaiveDateTime {
    at.checked_add_signed(by).unwrap_or(at)
}

/// N days of use (1 to `MAX_DAYS`) ending on `end` (inclusive), as of that day's end.
pub fn generate(days: u32, seed: u64, end: NaiveDate) -> Data {
    generate_at(days, seed, end.and_time(t(23, 59)))
}

/// N days of use up to `now`: the last day is today, planned but not yet
/// worked, and nothing is dated after `now`.
pub fn generate_at(days: u32, seed: u64, now: NaiveDateTime) -> Data {
    let mut r = Rng { state: seed, now };
    let mut d = Data::default();
    let end = now.date();
    let start = shift_days(end, 1 - i64::from(days.clamp(1, MAX_DAYS)));
    let focus_from = shift_days(end, -10);
    for day in start.iter_days().take_while(|d| *d <= end) {
        let past = day < end;
        if day.weekday() == Weekday::Mon || day == start {
            week(&mut r, &mut d, day);
        }
        if working(day) {
            blocks(&mut r, &mut d, day, past);
            updates(&mut r, &mut d, day);
            if past {
                review(&mut r, &mut d, day);
            }
        }
    }
    // Three recent, still open outcomes are in focus, as a user would have them.
    for p in d
        .priorities
        .iter_mut()
        .filter(|p| {
            p.status == PriorityStatus::Active && p.created.is_some_and(|c| c >= focus_from)
        })
        .take(FOCUS_LIMIT)
    {
        p.focus = true;
    }
    steer::steer(&mut r, &mut d);
    d
}

/// Open on `day`: made by then and not yet closed.
fn open_on(p: &Priority, day: NaiveDate) -> bool {
    p.created.is_some_and(|c| c <= day) && p.closed.is_none_or(|c| day < c)
}

/// A worked day's journal: the morning plan done, and (most evenings) the
/// review, which marks each block as its timer says and keeps the day's figures.
fn review(r: &mut Rng, d: &mut Data, day: NaiveDate) {
    let open: Vec<u32> = d
        .priorities
        .iter()
        .filter(|p| open_on(p, day))
        .map(|p| p.id)
        .collect();
    let focus: Vec<u32> = open.iter().rev().take(FOCUS_LIMIT).copied().collect();
    let plan = Plan {
        step: 4,
        done: true,
        focus: focus.clone(),
        ..Plan::default()
    };
    let id = d.reviews.len() as u32 + 1;
    let uid = r.uid(day);
    let mut entry = Review {
        id,
        uid,
        date: day,
        plan: Some(plan),
        ..Default::default()
    };
    // Some evenings nobody reviews: the plan stands alone.
    if r.chance(90) {
        for b in d.blocks.iter_mut().filter(|b| b.date == day) {
            let result = assumed_result(b, r.now);
            b.result = Some(result);
            entry.blocks.push(ReviewedBlock {
                block: b.id,
                result,
                extra: Extra::new(),
            });
        }
        let now = r.now;
        entry.reviewed = true;
        entry.energy = Some(2 + r.below(4) as u8);
        entry.wins = format!("{} moved", r.pick(&OUTCOMES));
        if r.chance(40) {
            entry.carry_over = r.pick(&TASKS).to_string();
        }
        if r.chance(30) {
            entry.notes = r.pick(&NOTES).to_string();
        }
        // Progress per focus outcome: the day's update, as the review writes it.
        entry.progress = focus
            .iter()
            .map(|&id| ProgressNote {
                priority: id,
                note: d
                    .priorities
                    .iter()
                    .find(|p| p.id == id)
                    .and_then(|p| p.updates.iter().find(|u| u.date == day))
                    .map_or_else(|| "no change".into(), |u| u.note.clone()),
                extra: Extra::new(),
            })
            .collect();
        entry.tomorrow = focus;
        entry.planned_minutes = Some(planned_minutes(d, day));
        entry.worked_minutes = Some(worked_minutes(d, day, now));
        entry.deep_minutes = Some(deep_minutes(d, day));
        entry.deep_worked_minutes = Some(deep_worked_minutes(d, day, now));
    }
    d.reviews.push(entry);
}

/// Each week: ~5 new priorities, ~2 blockers, ~3 decisions. One function
/// per kind, called in this order, so the random numbers (and so the data a
/// seed gives) stay the same.
fn week(r: &mut Rng, d: &mut Data, monday: NaiveDate) {
    for _ in 0..(4 + r.below(3)) {
        new_priority(r, d, monday);
    }
    for _ in 0..(1 + r.below(3)) {
        new_blocker(r, d, monday);
    }
    for _ in 0..(2 + r.below(3)) {
        new_decision(r, d, monday);
    }
}

/// A priority made that week, closed (mostly done) if its time came by now.
fn new_priority(r: &mut Rng, d: &mut Data, monday: NaiveDate) {
    let end = r.now.date();
    let id = d.priorities.len() as u32 + 1;
    let created = plus(monday, r.below(5)).min(end);
    let due = plus(created, 7 + r.below(35));
    let closes = plus(created, 5 + r.below(40));
    let status = if closes < end {
        if r.chance(85) {
            PriorityStatus::Done
        } else {
            PriorityStatus::Dropped
        }
    } else if r.chance(10) {
        PriorityStatus::Paused
    } else {
        PriorityStatus::Active
    };
    d.priorities.push(Priority {
        id,
        uid: r.uid(created),
        title: format!("{} ({})", r.pick(&OUTCOMES), id),
        outcome: "done when it is in users' hands".into(),
        measure: "adoption tracked weekly".into(),
        due: Some(due),
        impact: r.level(),
        urgency: r.level(),
        status,
        focus: false,
        progress: Some(if status == PriorityStatus::Done {
            100
        } else {
            r.below(100) as u8
        }),
        created: Some(created),
        updates: Vec::new(),
        closed: (closes < end).then_some(closes),
        extra: Extra::new(),
        ..Priority::default()
    });
}

/// A blocker opened that week, with the ladder rungs tried by the time it was
/// resolved (or by now); resolved if its day came by now.
fn new_blocker(r: &mut Rng, d: &mut Data, monday: NaiveDate) {
    let (now, end) = (r.now, r.now.date());
    let id = d.blockers.len() as u32 + 1;
    // Opened in working hours, or (later today) an hour before now.
    let opened = plus(monday, r.below(5))
        .min(end)
        .and_time(t(9 + r.below(7) as u32, 0))
        .min(later(now, Duration::hours(-1)));
    let resolved_on = plus(opened.date(), 1 + r.below(10));
    let resolved = resolved_on < end;
    let resolved_at = resolved.then(|| resolved_on.and_time(t(10 + r.below(6) as u32, 30)));
    let mut tried = Vec::new();
    for (k, rung) in Rung::ALL.iter().enumerate() {
        let at = later(opened, Duration::hours(2 * k as i64 + 1));
        // A rung not yet reached by now is not tried yet.
        if r.chance(75) && at <= resolved_at.unwrap_or(now) {
            tried.push(Tried {
                rung: *rung,
                at,
                note: "checked".into(),
                extra: Extra::new(),
            });
        }
    }
    d.blockers.push(Blocker {
        id,
        uid: r.uid(opened.date()),
        title: format!("waiting for {} access", r.pick(&TASKS)),
        priority: Some(1 + r.below(d.priorities.len() as u64) as u32),
        waiting_on: r.pick(&WAITING).into(),
        links: Vec::new(),
        opened: Some(opened),
        tried,
        follow_up: None,
        escalated_to: String::new(),
        escalated_at: None,
        skipped: Vec::new(),
        status: if resolved {
            BlockerStatus::Resolved
        } else {
            BlockerStatus::Open
        },
        resolution: if resolved {
            "access granted after the ticket".into()
        } else {
            String::new()
        },
        resolved_at,
        extra: Extra::new(),
    });
}

/// A call made that week; one three weeks old has its outcome written.
fn new_decision(r: &mut Rng, d: &mut Data, monday: NaiveDate) {
    let end = r.now.date();
    let id = d.decisions.len() as u32 + 1;
    let date = plus(monday, r.below(5)).min(end);
    let reversible = r.chance(70);
    let escalated = r.chance(20);
    let old = plus(date, 21) < end;
    d.decisions.push(Decision {
        id,
        uid: r.uid(date),
        date: Some(date),
        situation: format!("How to handle {}", r.pick(&TASKS)),
        options: vec!["do it now".into(), "wait".into()],
        call: "do it now".into(),
        rationale: "cheapest path to the outcome".into(),
        reversible,
        risk: [Level::Low, Level::Low, Level::Medium, Level::High][r.below(4) as usize],
        cost: r.chance(30).then(|| (r.below(40) * 50) as f64),
        topics: vec![r.pick(&TOPICS).to_string()],
        lane_override: None,
        status: if escalated {
            DecisionStatus::Answered
        } else {
            DecisionStatus::Decided
        },
        escalated_to: if escalated {
            "manager".into()
        } else {
            String::new()
        },
        escalated_at: escalated.then(|| date.and_hms_opt(11, 0, 0)).flatten(),
        answer: if escalated {
            "approved".into()
        } else {
            String::new()
        },
        reported: (old || r.chance(50)).then_some(plus(date, 1).min(end)),
        review_on: reversible.then(|| plus(date, 14)),
        outcome: if old {
            "worked as expected".into()
        } else {
            String::new()
        },
        rating: None,
        verdict: None,
        answered_at: None,
        done: old,
        extra: Extra::new(),
    });
    settle_call(r, &mut d.decisions[id as usize - 1], date, escalated, old);
}

/// How a call turned out: one escalated (or old and sent up by the triage)
/// came back answered, mostly as the user's own; another old one is rated.
fn settle_call(r: &mut Rng, call: &mut Decision, date: NaiveDate, escalated: bool, old: bool) {
    let sent_up = triage(call, &Boundaries::default()).recommended == Lane::Escalate;
    if escalated || (old && sent_up) {
        // Long settled: it went up and came back answered.
        call.lane_override = Some(Lane::Escalate);
        call.status = DecisionStatus::Answered;
        call.escalated_to = "manager".into();
        call.escalated_at = date.and_hms_opt(11, 0, 0);
        call.answer = "approved".into();
        // Most escalations of small calls come back "yours": the evidence
        // for a wider lane that the track record shows.
        call.verdict = Some(if r.chance(60) {
            Verdict::Yours
        } else {
            Verdict::RightToAsk
        });
    } else if old {
        call.rating = Some(match r.below(10) {
            0 => Rating::Bad,
            1 | 2 => Rating::Mixed,
            _ => Rating::Good,
        });
    }
    // Recent calls the triage sends up wait for the user, as logged ones do.
    settle_status(call, &Boundaries::default());
}

/// A working day: ~6 blocks, worked with real start and end times when past.
fn blocks(r: &mut Rng, d: &mut Data, day: NaiveDate, past: bool) {
    let plan = [
        (t(9, 0), t(10, 30), BlockKind::Deep),
        (t(10, 30), t(11, 0), BlockKind::Meeting),
        (t(11, 0), t(12, 0), BlockKind::Shallow),
        (t(13, 0), t(14, 30), BlockKind::Deep),
        (t(14, 30), t(15, 0), BlockKind::Break),
        (t(15, 0), t(16, 30), BlockKind::Admin),
    ];
    let active: Vec<u32> = d
        .priorities
        .iter()
        .filter(|p| open_on(p, day))
        .map(|p| p.id)
        .collect();
    for (start, end, kind) in plan {
        if r.chance(10) {
            continue;
        }
        let id = d.blocks.len() as u32 + 1;
        let jitter = |r: &mut Rng| Duration::minutes(r.below(15) as i64);
        let (actual_start, actual_end) = if past && r.chance(85) {
            (
                Some(later(day.and_time(start), jitter(r))),
                Some(later(day.and_time(end), -jitter(r))),
            )
        } else {
            (None, None)
        };
        d.blocks.push(Block {
            id,
            uid: r.uid(day),
            date: day,
            start,
            end,
            title: match kind {
                BlockKind::Meeting => r.pick(&MEETINGS),
                BlockKind::Break => "lunch walk",
                BlockKind::Admin => r.pick(&ADMIN),
                _ => r.pick(&TASKS),
            }
            .to_string(),
            kind,
            priority: (!active.is_empty() && kind == BlockKind::Deep)
                .then(|| active[r.below(active.len() as u64) as usize]),
            actual_start: actual_start.map(crate::model::Stamp::from),
            actual_end: actual_end.map(crate::model::Stamp::from),
            done: actual_end.is_some(),
            result: None,
            moved_to: None,
            calendar: None,
            series: None,
            detached: false,
            extra: Extra::new(),
        });
    }
}

/// Open priorities get a progress note most working days.
fn updates(r: &mut Rng, d: &mut Data, day: NaiveDate) {
    for p in d.priorities.iter_mut() {
        // Nobody writes about an outcome after closing it.
        let open = open_on(p, day) && p.due.is_some_and(|due| day <= plus(due, 14));
        if open && r.chance(80) {
            p.updates.push(Update {
                date: day,
                note: format!("{} done", r.pick(&TASKS)),
                extra: Extra::new(),
            });
        }
    }
}

/// How many things a data set holds, counting log lines, ladder rungs and the
/// lines of each day's review (a block's mark, an outcome's progress).
pub fn entries(d: &Data) -> usize {
    d.priorities.len()
        + d.priorities.iter().map(|p| p.updates.len()).sum::<usize>()
        + d.blocks.len()
        + d.blockers.len()
        + d.blockers.iter().map(|b| b.tried.len()).sum::<usize>()
        + d.decisions.len()
        + d.reviews.len()
        + d.reviews
            .iter()
            .map(|r| r.blocks.len() + r.progress.len())
            .sum::<usize>()
}

mod steer;

#[cfg(test)]
mod tests;
