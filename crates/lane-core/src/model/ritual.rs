//! The rules behind the two daily rituals: what the morning plan carries over
//! and proposes, what the evening review assumes, and the day's journal entry
//! both of them write into.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::day::{insert_block, minutes};
use super::ladder::follow_up_due;
use super::limits::add_minutes;
use super::rank::ranked;
use super::response::{blocker_awaiting, decision_awaiting};
use super::rules::Rules;
use super::slots::free_stretches;
use super::time_of_day::END_OF_DAY;
use super::triage::is_to_review;
use super::{Block, BlockKind, Data, Kind, PriorityStatus, Review, WorkingHours};

/// A deep block the plan proposes is at most this long…
pub const PROPOSED_MINUTES: i64 = 90;
/// …and at least this long: shorter gaps are not worth proposing.
pub const MIN_PROPOSED_MINUTES: i64 = 30;

/// The day's journal entry, created (in date order) when missing.
pub fn day_entry(data: &mut Data, date: NaiveDate, uid: impl FnOnce() -> String) -> &mut Review {
    if let Some(i) = data.reviews.iter().position(|r| r.date == date) {
        return &mut data.reviews[i];
    }
    let id = data.next_id(Kind::Review);
    let at = data
        .reviews
        .iter()
        .position(|r| r.date > date)
        .unwrap_or(data.reviews.len());
    data.reviews.insert(
        at,
        Review {
            id,
            uid: uid(),
            date,
            ..Default::default()
        },
    );
    &mut data.reviews[at]
}

pub use super::workdays::{next_working_day, previous_working_day};

/// What yesterday left unfinished: the outcomes to keep in focus (last night's
/// picks when the review made them, else the focus as it stands), and blocks of
/// the previous working day nobody worked or marked. A calendar's meeting is
/// not carried: it happened or not, and the calendar has its next one.
pub fn carry_over(data: &Data, hours: &WorkingHours, today: NaiveDate) -> Vec<(Kind, u32)> {
    let yesterday = previous_working_day(hours, today);
    let focus = super::picks::focus_of_day(data, hours, today)
        .into_iter()
        .map(|id| (Kind::Priority, id));
    let blocks = data
        .blocks_on(yesterday)
        // A recurring block comes back by itself: carrying it would double it.
        .filter(|b| {
            unworked(b) && b.kind != BlockKind::Break && b.series.is_none() && b.calendar.is_none()
        })
        .map(|b| (Kind::Block, b.id));
    focus.chain(blocks).collect()
}

/// Not started, not done, not marked in a review.
fn unworked(b: &Block) -> bool {
    b.actual_start.is_none() && !b.done && b.result.is_none()
}

/// Priorities the plan offers as focus, in rank order: everything active.
pub fn focus_candidates(data: &Data, today: NaiveDate) -> Vec<u32> {
    ranked(&data.priorities, today)
        .into_iter()
        .map(|i| &data.priorities[i])
        .filter(|p| p.status == PriorityStatus::Active)
        .map(|p| p.id)
        .collect()
}

/// Free stretches of working time on `date` long enough to offer a block in
/// (from the next quarter hour on today).
pub fn free_slots(
    data: &Data,
    hours: &WorkingHours,
    date: NaiveDate,
    now: NaiveDateTime,
) -> Vec<(NaiveTime, NaiveTime)> {
    free_slots_of(data, hours, date, now, MIN_PROPOSED_MINUTES)
}

/// Free stretches of working time on `date` of at least `minutes` (from the
/// next quarter hour on today): the plan's "Free:" line lists every quarter
/// hour the timeline shows as free.
pub fn free_slots_of(
    data: &Data,
    hours: &WorkingHours,
    date: NaiveDate,
    now: NaiveDateTime,
    minutes: i64,
) -> Vec<(NaiveTime, NaiveTime)> {
    let earliest = if date == now.date() {
        let m = (now.hour() * 60 + now.minute()).div_ceil(15) * 15;
        match NaiveTime::from_hms_opt(m / 60, m % 60, 0) {
            Some(t) => t,
            None => return Vec::new(),
        }
    } else {
        NaiveTime::MIN
    };
    free_stretches(data, hours, date)
        .into_iter()
        .map(|(s, e)| (s.max(earliest), e))
        .filter(|(s, e)| (*e - *s).num_minutes() >= minutes)
        .collect()
}

/// Less than this between two deep blocks is no break: they are one run.
pub const DEEP_BREAK_MINUTES: i64 = 15;

/// Runs of deep work on `date`, in order: deep blocks less than a break apart.
pub fn deep_runs(data: &Data, date: NaiveDate) -> Vec<(NaiveTime, NaiveTime)> {
    let mut deep: Vec<(NaiveTime, NaiveTime)> = data
        .blocks_on(date)
        .filter(|b| b.kind == BlockKind::Deep)
        .map(|b| (b.start, b.end))
        .collect();
    deep.sort();
    let mut runs: Vec<(NaiveTime, NaiveTime)> = Vec::new();
    for (s, e) in deep {
        match runs.last_mut() {
            Some(run) if (s - run.1).num_minutes() < DEEP_BREAK_MINUTES => run.1 = run.1.max(e),
            _ => runs.push((s, e)),
        }
    }
    runs
}

/// Where a deep block of `minutes` may go: the free slots, less a break beside
/// every run of deep work it would stretch past `max_run` (0: no cap). So the
/// plan never offers three hours of deep work back to back over lunch.
pub fn deep_slots(
    data: &Data,
    hours: &WorkingHours,
    date: NaiveDate,
    now: NaiveDateTime,
    minutes: i64,
    max_run: i64,
) -> Vec<(NaiveTime, NaiveTime)> {
    let slots = free_slots(data, hours, date, now);
    if max_run <= 0 {
        return slots;
    }
    let rests: Vec<(NaiveTime, NaiveTime)> = deep_runs(data, date)
        .into_iter()
        .filter(|(s, e)| (*e - *s).num_minutes() + minutes > max_run)
        .flat_map(|(s, e)| {
            // Near midnight the break is cut at the day's edge, never wrapped.
            let before = add_minutes(s, -DEEP_BREAK_MINUTES).unwrap_or(NaiveTime::MIN);
            let after = add_minutes(e, DEEP_BREAK_MINUTES).unwrap_or(END_OF_DAY);
            [(before, s), (e, after)]
        })
        .collect();
    let mut out = Vec::new();
    for (mut s, e) in slots {
        let mut cuts: Vec<&(NaiveTime, NaiveTime)> =
            rests.iter().filter(|r| r.0 < e && s < r.1).collect();
        cuts.sort();
        for &(rs, re) in cuts {
            if rs > s {
                out.push((s, rs));
            }
            s = s.max(re);
        }
        if s < e {
            out.push((s, e));
        }
    }
    out.retain(|(s, e)| (*e - *s).num_minutes() >= MIN_PROPOSED_MINUTES);
    out
}

/// The slot a deep block goes in first: the earliest where a whole block fits
/// (so deep work lands in the morning while the morning is free), else the longest.
pub fn best_slot(slots: &[(NaiveTime, NaiveTime)]) -> Option<usize> {
    let len = |i: usize| (slots[i].1 - slots[i].0).num_minutes();
    (0..slots.len())
        .filter(|&i| len(i) >= PROPOSED_MINUTES)
        .min_by_key(|&i| slots[i].0)
        .or_else(|| (0..slots.len()).max_by_key(|&i| (len(i), std::cmp::Reverse(i))))
}

/// The focus outcome the next block should serve: the one with the fewest blocks
/// on `date`, first in rank order among equals.
pub fn next_focus(data: &Data, focus: &[u32], date: NaiveDate) -> Option<u32> {
    focus.iter().copied().min_by_key(|id| {
        data.blocks_on(date)
            .filter(|b| b.priority == Some(*id))
            .count()
    })
}

/// Blockers with a follow-up due, decisions due for review, and escalations
/// waiting past `respond_within_hours`, for the plan's last step.
pub fn to_acknowledge(
    data: &Data,
    rules: &Rules,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Vec<(Kind, u32)> {
    let blockers = data
        .blockers
        .iter()
        .filter(|b| follow_up_due(b, today) || blocker_awaiting(b, rules, now))
        .map(|b| (Kind::Blocker, b.id));
    let decisions = data
        .decisions
        .iter()
        .filter(|d| is_to_review(d, today) || decision_awaiting(d, rules, now))
        .map(|d| (Kind::Decision, d.id));
    blockers.chain(decisions).collect()
}

/// Puts a copy of block `id` on `date`: at the same time if that is free, else in
/// the first free slot of the same length, else at the same time anyway (the
/// timeline then shows the overlap); the original remembers where it went.
/// Returns the new block's id.
pub fn move_block(
    data: &mut Data,
    hours: &WorkingHours,
    id: u32,
    date: NaiveDate,
    uid: String,
    now: NaiveDateTime,
) -> Option<u32> {
    let b = data.blocks.iter().find(|b| b.id == id)?.clone();
    let length = minutes(&b);
    // The same time, when it is free and not already past (carrying a block
    // over to today at 10:30 never puts it at 09:45).
    let same_time_free = date.and_time(b.start) >= now
        && !data
            .blocks_on(date)
            .any(|o| o.start < b.end && b.start < o.end);
    let start = if same_time_free {
        b.start
    } else {
        super::slots::first_free_slot(data, hours, date, length, now).unwrap_or(b.start)
    };
    let new_id = data.next_id(Kind::Block);
    let copy = b.replanned(new_id, uid, date, (start, add_minutes(start, length)?));
    insert_block(data, copy);
    if let Some(original) = data.blocks.iter_mut().find(|b| b.id == id) {
        original.moved_to = Some(date);
    }
    Some(new_id)
}

#[cfg(test)]
mod tests;

/// Whether a follow-up row is acknowledged in the plan of `date`.
pub fn acknowledged(data: &Data, date: NaiveDate, item: (Kind, u32)) -> bool {
    data.reviews
        .iter()
        .find(|r| r.date == date)
        .and_then(|r| r.plan.as_ref())
        .is_some_and(|p| match item.0 {
            Kind::Blocker => p.acknowledged_blockers.contains(&item.1),
            Kind::Priority => p.acknowledged_checkpoints.contains(&item.1),
            _ => p.acknowledged_decisions.contains(&item.1),
        })
}
