//! Boundaries that protect the user: hours worked a day and a week against their
//! caps, work on a day off, and the streak of over-cap days that burns people out.
//! One long day is allowed; the pattern is what gets said.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::day::{hm, minutes, week_start, worked_minutes, working_minutes_on};
use super::limits::add_days;
use super::rank::ranked;
use super::rules::Caps;
use super::{Block, BlockKind, Data, WorkingHours};

/// How far back a streak is looked for (the Review chart's fortnight): past
/// this it is a way of life, and the count stops growing. Kept small so the
/// status bar's slim copy holds every day it needs.
pub const STREAK_LOOKBACK_DAYS: i64 = 14;

/// One day's worked minutes against its cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayLoad {
    pub date: NaiveDate,
    pub worked: i64,
    pub cap: i64,
    /// No working hours that day.
    pub day_off: bool,
}

impl DayLoad {
    pub fn over(&self) -> bool {
        self.worked > self.cap
    }

    /// Any work at all on a day off is worth a word.
    pub fn off_day_work(&self) -> bool {
        self.day_off && self.worked > 0
    }
}

/// Minutes worked on `date`: the blocks' timers and results; the evening
/// review's figure only for a day whose blocks are gone (archived).
pub fn worked_on(data: &Data, date: NaiveDate, now: NaiveDateTime) -> i64 {
    if data.blocks_on(date).next().is_some() {
        return worked_minutes(data, date, now);
    }
    data.reviews
        .iter()
        .filter(|r| r.date == date)
        .filter_map(|r| r.worked_minutes)
        .max()
        .unwrap_or(0)
}

/// The cap of `date`.
pub fn day_cap(caps: &Caps, hours: &WorkingHours, date: NaiveDate) -> i64 {
    caps.max_minutes_day
        .unwrap_or_else(|| working_minutes_on(hours, date) + 60)
}

pub fn load(
    data: &Data,
    caps: &Caps,
    hours: &WorkingHours,
    date: NaiveDate,
    now: NaiveDateTime,
) -> DayLoad {
    DayLoad {
        date,
        worked: worked_on(data, date, now),
        cap: day_cap(caps, hours, date),
        day_off: hours.on(date).is_none(),
    }
}

/// The `days` days up to and including `last`, oldest first (the Review chart).
pub fn loads(
    data: &Data,
    caps: &Caps,
    hours: &WorkingHours,
    last: NaiveDate,
    days: i64,
    now: NaiveDateTime,
) -> Vec<DayLoad> {
    (0..days)
        .rev()
        .filter_map(|back| add_days(last, -back))
        .map(|date| load(data, caps, hours, date, now))
        .collect()
}

/// Where the user stands against their caps at `now`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overtime {
    pub today: DayLoad,
    /// Over-cap days in a row up to today (today counts once it is over; days
    /// off without work neither count nor break it).
    pub streak: u32,
    /// Minutes worked this week (Monday to today) and the week's cap.
    pub week: i64,
    pub week_cap: i64,
    /// Days off this week with work on them.
    pub days_off_worked: u32,
    /// The streak is long enough to say (`overtime_streak_days`).
    pub streak_flagged: bool,
}

pub fn overtime(data: &Data, caps: &Caps, hours: &WorkingHours, now: NaiveDateTime) -> Overtime {
    let today = now.date();
    let day = |date| load(data, caps, hours, date, now);
    let this = day(today);
    let mut streak = u32::from(this.over());
    for back in 1..=STREAK_LOOKBACK_DAYS {
        let Some(date) = add_days(today, -back) else {
            break;
        };
        let d = day(date);
        if d.over() {
            streak += 1;
        } else if !(d.day_off && d.worked == 0) {
            break;
        }
    }
    let monday = week_start(today);
    let week: Vec<DayLoad> = (0..=i64::from(today.weekday().num_days_from_monday()))
        .filter_map(|i| add_days(monday, i))
        .map(day)
        .collect();
    Overtime {
        today: this,
        streak,
        week: week.iter().map(|d| d.worked).sum(),
        week_cap: caps.max_minutes_week,
        days_off_worked: week.iter().filter(|d| d.off_day_work()).count() as u32,
        streak_flagged: caps.streak_days > 0 && streak >= caps.streak_days,
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, … `11th`, `21st`.
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl Overtime {
    /// Each boundary crossed, said plainly: `3rd day over 9h30 in a row`.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        let cap = hm(self.today.cap);
        if self.streak_flagged {
            out.push(format!("{} day over {cap} in a row", ordinal(self.streak)));
        } else if self.today.over() && !self.today.day_off {
            out.push(format!("over {cap} today ({})", hm(self.today.worked)));
        }
        if self.today.off_day_work() {
            out.push(format!("working on a day off ({})", hm(self.today.worked)));
        } else if self.days_off_worked > 0 {
            let n = self.days_off_worked;
            out.push(format!(
                "worked {n} day{} off this week",
                if n == 1 { "" } else { "s" }
            ));
        }
        if self.week > self.week_cap {
            out.push(format!(
                "{} this week, over {}",
                hm(self.week),
                hm(self.week_cap)
            ));
        }
        out
    }

    /// How many boundaries are crossed: the count beside the header's mark.
    pub fn count(&self) -> usize {
        self.warnings().len()
    }
}

/// Minutes of work planned on `date`: its blocks, breaks left out.
pub fn planned_work(data: &Data, date: NaiveDate) -> i64 {
    data.blocks_on(date)
        .filter(|b| b.kind != BlockKind::Break && !moved(b))
        .map(minutes)
        .sum()
}

/// Planning `adding` more minutes on `date` would take it past its cap: the
/// planned total and the cap, so the morning plan asks before it places it.
pub fn plan_past_cap(
    data: &Data,
    caps: &Caps,
    hours: &WorkingHours,
    date: NaiveDate,
    adding: i64,
) -> Option<(i64, i64)> {
    let planned = planned_work(data, date).saturating_add(adding);
    let cap = day_cap(caps, hours, date);
    (planned > cap).then_some((planned, cap))
}

/// The block to move first off a day over its cap: of those not yet started
/// or done, the one serving the lowest-ranked outcome (none ranks lowest),
/// the latest among equals.
pub fn lowest_ranked_block(data: &Data, date: NaiveDate, today: NaiveDate) -> Option<&Block> {
    let order: Vec<u32> = ranked(&data.priorities, today)
        .into_iter()
        .map(|i| data.priorities[i].id)
        .collect();
    let place = |b: &Block| {
        b.priority
            .and_then(|id| order.iter().position(|&p| p == id))
            .unwrap_or(usize::MAX)
    };
    data.blocks_on(date)
        .filter(|b| b.kind != BlockKind::Break && b.actual_start.is_none() && !b.done && !moved(b))
        .max_by_key(|b| (place(b), b.start))
}

/// A block moved to another day no longer counts on this one.
fn moved(b: &Block) -> bool {
    b.moved_to.is_some() || b.result == Some(crate::model::BlockResult::Moved)
}

/// Whether `now` falls outside the day's working hours (a day off included).
pub fn outside_hours(hours: &WorkingHours, now: NaiveDateTime) -> bool {
    hours
        .on(now.date())
        .is_none_or(|(start, end)| now.time() < start || now.time() >= end)
}

#[cfg(test)]
mod tests;
