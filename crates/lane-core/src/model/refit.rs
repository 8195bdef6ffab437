//! Re-fit: when a meeting lands on planned blocks, where each displaced block
//! goes. Proposed, never done behind the user's back: `refit` only computes,
//! `apply` makes the moves once the user takes them (one change, one undo).
//!
//! Each displaced block goes to the free slot of its day nearest to where it
//! was, keeping its length, inside working hours, without making a run of deep
//! work longer than the rules allow, and without passing another block of the
//! same outcome (the day's outcomes keep their order). What no longer fits, and
//! what takes the day past its cap, goes to the next working day, the
//! lowest-ranked outcome's block first. Meetings, blocks worked on, running or
//! marked, and anything already begun are never moved.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::Serialize;

use super::day::{insert_block, minutes};
use super::items::hhmm;
use super::limits::add_minutes;
use super::overtime::{day_cap, planned_work};
use super::rank::ranked;
use super::ritual::DEEP_BREAK_MINUTES;
use super::rules::Rules;
use super::workdays::next_working_day;
use super::{Block, BlockKind, BlockResult, Data, Kind};

/// Where a block is: its day and its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Spot {
    pub date: NaiveDate,
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    #[serde(with = "hhmm")]
    pub end: NaiveTime,
}

impl Spot {
    pub fn of(b: &Block) -> Spot {
        Spot {
            date: b.date,
            start: b.start,
            end: b.end,
        }
    }

    pub fn times(&self) -> String {
        format!(
            "{}–{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

/// One block's move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub block: u32,
    pub title: String,
    pub from: Spot,
    pub to: Spot,
    pub reason: String,
}

/// What a re-fit of one day proposes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Refit {
    /// The meetings that cover planned blocks, in time order.
    pub meetings: Vec<Spot>,
    pub moves: Vec<Move>,
    /// Displaced blocks with no room today or on the next working day: left
    /// where they are, for the user to decide.
    pub stuck: Vec<u32>,
}

impl Refit {
    pub fn is_empty(&self) -> bool {
        self.moves.is_empty() && self.stuck.is_empty()
    }
}

/// A meeting: the calendar's, or one the user planned as one.
pub fn is_meeting(b: &Block) -> bool {
    b.kind == BlockKind::Meeting || b.calendar.is_some()
}

fn moved_away(b: &Block) -> bool {
    b.moved_to.is_some() || b.result == Some(BlockResult::Moved)
}

/// A block a re-fit may move: planned work not yet begun, untouched.
fn movable(b: &Block, now: NaiveDateTime) -> bool {
    !is_meeting(b)
        && b.kind != BlockKind::Break
        && !moved_away(b)
        && b.actual_start.is_none()
        && !b.done
        && b.result.is_none()
        && b.date.and_time(b.start) >= now
}

fn overlap(a: (NaiveTime, NaiveTime), b: (NaiveTime, NaiveTime)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The re-fit of `date` as of `now`: empty when no meeting covers a block
/// that may move.
pub fn refit(data: &Data, rules: &Rules, date: NaiveDate, now: NaiveDateTime) -> Refit {
    let day: Vec<&Block> = data.blocks_on(date).filter(|b| !moved_away(b)).collect();
    let meetings: Vec<&Block> = day.iter().copied().filter(|b| is_meeting(b)).collect();
    let covering = |b: &Block| {
        meetings
            .iter()
            .any(|m| overlap((m.start, m.end), (b.start, b.end)))
    };
    let mut displaced: Vec<&Block> = day
        .iter()
        .copied()
        .filter(|b| movable(b, now) && covering(b))
        .collect();
    if displaced.is_empty() {
        return Refit::default();
    }
    let mut out = Refit {
        meetings: meetings
            .iter()
            .filter(|m| {
                displaced
                    .iter()
                    .any(|b| overlap((m.start, m.end), (b.start, b.end)))
            })
            .map(|m| Spot::of(m))
            .collect(),
        ..Refit::default()
    };
    out.meetings.sort_by_key(|s| s.start);
    // The highest-ranked outcome's blocks choose first; the lowest's are
    // the first to go to the next day.
    let place = rank_place(data, now.date());
    displaced.sort_by_key(|b| (place(b), b.start));
    let mut taken: Vec<(NaiveTime, NaiveTime, &Block)> = day
        .iter()
        .copied()
        .filter(|b| !displaced.iter().any(|d| d.id == b.id))
        .map(|b| (b.start, b.end, b))
        .collect();
    let mut planned = planned_work(data, date);
    let cap = day_cap(&rules.caps, &rules.hours, date);
    let mut leaving: Vec<(&Block, &'static str)> = Vec::new();
    // Over the cap: the lowest-ranked displaced blocks leave the day first.
    while planned > cap {
        let Some(b) = displaced.pop() else { break };
        planned -= minutes(b);
        leaving.push((b, "a meeting covers it; the day is over its cap"));
    }
    for b in displaced {
        let slot = (rules, date, now);
        if !moved_to_nearest(b, &mut taken, slot, "a meeting covers it", &mut out) {
            leaving.push((b, "a meeting covers it; no room left that day"));
        }
    }
    leaving.sort_by_key(|(b, _)| std::cmp::Reverse((place(b), b.start)));
    to_next_day(data, rules, date, &leaving, &mut out);
    out
}

/// Each block's place in the ranking of its outcome (none ranks last).
fn rank_place(data: &Data, today: NaiveDate) -> impl Fn(&Block) -> usize + use<> {
    let order: Vec<u32> = ranked(&data.priorities, today)
        .into_iter()
        .map(|i| data.priorities[i].id)
        .collect();
    move |b: &Block| {
        b.priority
            .and_then(|id| order.iter().position(|&p| p == id))
            .unwrap_or(usize::MAX)
    }
}

/// The blocks that leave `date`, lowest-ranked first, each to the next
/// working day's free slot nearest its time.
fn to_next_day(
    data: &Data,
    rules: &Rules,
    date: NaiveDate,
    leaving: &[(&Block, &'static str)],
    out: &mut Refit,
) {
    let next = next_working_day(&rules.hours, date);
    let mut taken: Vec<(NaiveTime, NaiveTime, &Block)> = data
        .blocks_on(next)
        .filter(|b| !moved_away(b))
        .map(|b| (b.start, b.end, b))
        .collect();
    let start_of_next = next.and_time(NaiveTime::MIN);
    for &(b, reason) in leaving {
        if !moved_to_nearest(b, &mut taken, (rules, next, start_of_next), reason, out) {
            out.stuck.push(b.id);
        }
    }
}

/// Moves `b` to its nearest free slot on the day (`nearest_slot`), taking
/// that slot, for `reason`; false when the day has none.
fn moved_to_nearest<'a>(
    b: &'a Block,
    taken: &mut Vec<(NaiveTime, NaiveTime, &'a Block)>,
    (rules, date, now): (&Rules, NaiveDate, NaiveDateTime),
    reason: &str,
    out: &mut Refit,
) -> bool {
    let Some(to) = nearest_slot(b, taken, rules, date, now) else {
        return false;
    };
    taken.push((to.start, to.end, b));
    out.moves.push(Move {
        block: b.id,
        title: b.title.clone(),
        from: Spot::of(b),
        to,
        reason: reason.into(),
    });
    true
}

/// The quarter-hour start nearest to `b`'s own where it fits on `date`: free
/// of `taken`, inside working hours, from `now` on, not past another block of
/// its outcome, and no run of deep work longer than the rules allow.
fn nearest_slot(
    b: &Block,
    taken: &[(NaiveTime, NaiveTime, &Block)],
    rules: &Rules,
    date: NaiveDate,
    now: NaiveDateTime,
) -> Option<Spot> {
    let (open, close) = rules.hours.on(date)?;
    let length = minutes(b);
    let earliest = if date == now.date() {
        let m = (now.hour() * 60 + now.minute()).div_ceil(15) * 15;
        NaiveTime::from_hms_opt(m / 60, m % 60, 0)?.max(open)
    } else {
        open
    };
    let same_outcome: Vec<NaiveTime> = taken
        .iter()
        .filter(|(_, _, o)| b.priority.is_some() && o.priority == b.priority && !is_meeting(o))
        .map(|(_, _, o)| o.start)
        .collect();
    let before = same_outcome.iter().filter(|s| **s < b.start).max().copied();
    let after = same_outcome.iter().filter(|s| **s > b.start).min().copied();
    let mut best: Option<(i64, NaiveTime)> = None;
    let mut start = earliest;
    while let Some(end) = add_minutes(start, length).filter(|e| *e <= close) {
        let fits = !taken
            .iter()
            .any(|(s, e, _)| overlap((*s, *e), (start, end)))
            && before.is_none_or(|s| start > s)
            && after.is_none_or(|s| start < s)
            && run_ok(b, (start, end), taken, rules.max_deep_run_minutes);
        if fits {
            let distance = (start - b.start).num_minutes().abs();
            // Among equals, later: the meeting pushes work on, not back.
            if best.is_none_or(|(d, _)| distance <= d) {
                best = Some((distance, start));
            }
        }
        start = add_minutes(start, 15)?;
    }
    let (_, start) = best?;
    Some(Spot {
        date,
        start,
        end: add_minutes(start, length)?,
    })
}

/// A deep block at `span` keeps the run of deep work it joins within `max_run`.
fn run_ok(
    b: &Block,
    span: (NaiveTime, NaiveTime),
    taken: &[(NaiveTime, NaiveTime, &Block)],
    max_run: i64,
) -> bool {
    if b.kind != BlockKind::Deep || max_run <= 0 {
        return true;
    }
    let mut deep: Vec<(NaiveTime, NaiveTime)> = taken
        .iter()
        .filter(|(_, _, o)| o.kind == BlockKind::Deep)
        .map(|(s, e, _)| (*s, *e))
        .chain([span])
        .collect();
    deep.sort();
    // Runs of deep work less than a break apart, as `ritual::deep_runs` counts them.
    let mut runs: Vec<(NaiveTime, NaiveTime)> = Vec::new();
    for (s, e) in deep {
        match runs.last_mut() {
            Some(run) if (s - run.1).num_minutes() < DEEP_BREAK_MINUTES => run.1 = run.1.max(e),
            _ => runs.push((s, e)),
        }
    }
    runs.iter()
        .filter(|(s, e)| *s <= span.0 && span.1 <= *e)
        .all(|(s, e)| (*e - *s).num_minutes() <= max_run)
}

/// Makes the moves of `refit` on `data`: a move within the day changes the
/// block's time (a series' day is then its own); a move to another day puts a
/// copy there and the original remembers where it went, as moving a block in
/// the review does. `uid` gives each copy its identity. Returns a line saying
/// what moved.
pub fn apply(
    data: &mut Data,
    refit: &Refit,
    mut uid: impl FnMut() -> String,
) -> Result<String, String> {
    for m in &refit.moves {
        let b = data
            .blocks
            .iter()
            .find(|b| b.id == m.block && Spot::of(b) == m.from)
            .cloned()
            .ok_or_else(|| format!("block {} changed since the re-fit was proposed", m.block))?;
        if m.to.date == m.from.date {
            // Taken out and put back, so the file keeps its time order.
            data.blocks.retain(|x| x.id != m.block);
            let mut moved = b;
            moved.start = m.to.start;
            moved.end = m.to.end;
            super::series::detach(&mut moved);
            insert_block(data, moved);
            continue;
        }
        let id = data.next_id(Kind::Block);
        insert_block(
            data,
            b.replanned(id, uid(), m.to.date, (m.to.start, m.to.end)),
        );
        if let Some(original) = data.blocks.iter_mut().find(|x| x.id == m.block) {
            original.moved_to = Some(m.to.date);
        }
    }
    Ok(format!(
        "re-fit: moved {}",
        super::text::count(refit.moves.len(), "block", "blocks")
    ))
}

/// The proposal in words, one line per move: "billing spec 10:00–11:30 →
/// 13:30–15:00" (another day: "→ Tue 24 09:00–10:30").
pub fn move_words(m: &Move) -> String {
    let to = if m.to.date == m.from.date {
        m.to.times()
    } else {
        format!("{} {}", m.to.date.format("%a %d"), m.to.times())
    };
    format!("{} {} → {to}", m.title, m.from.times())
}

/// The banner's text: "A meeting now covers 10:30–11:00 · billing spec
/// 10:00–11:30 → 13:30–15:00".
pub fn banner_words(refit: &Refit) -> Option<String> {
    let first = refit.moves.first()?;
    let covers: Vec<String> = refit.meetings.iter().map(Spot::times).collect();
    let more = match refit.moves.len() {
        1 => String::new(),
        n => format!(" (+{} more)", n - 1),
    };
    Some(format!(
        "A meeting now covers {} · {}{more}",
        covers.join(", "),
        move_words(first)
    ))
}

#[cfg(test)]
mod tests;
