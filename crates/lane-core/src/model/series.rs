//! Recurring blocks. A series is stored once (`[[series]]`: how it repeats, its
//! times, title, kind, priority, first day, an optional last day and the days
//! taken out); its occurrences are ordinary blocks that `materialise` makes for
//! the days ahead. An occurrence's uid is derived from (series, date), so two
//! machines that both make one hold a single block after a sync (the merge
//! matches by uid). Dates and times are local wall-clock values: a 09:00 series
//! is at 09:00 on both sides of a DST change, whatever the zone.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::fields::{Values, initial_values};
use super::items::hhmm;
use super::limits::{add_days, shift_days};
use super::time_of_day;
use super::{Block, BlockKind, Data, Extra, Kind};

/// How many days ahead of today occurrences are made: two weeks, which covers
/// the week grid and the plan's look at the next working day.
pub const WINDOW_DAYS: i64 = 14;

mod rule;
mod split;
pub use rule::{EVERY_HINT, Rule, parse_every};

/// A recurring block, stored once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub uid: String,
    /// How it repeats, as `parse_every` normalises it: `weekday`, `mon,wed`,
    /// `2 weeks on fri`, `month on 1`, `daily`, `3 days`.
    pub every: String,
    /// The first day it may fall on (also the phase of `2 weeks` or `3 days`).
    pub first: NaiveDate,
    /// The last day it may fall on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    #[serde(with = "hhmm")]
    pub end: NaiveTime,
    pub title: String,
    #[serde(default)]
    pub kind: BlockKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u32>,
    /// Days an occurrence was deleted: it never comes back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<NaiveDate>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The uid of a series' occurrence on `date`: the same on every machine.
pub fn occurrence_uid(series: &str, date: NaiveDate) -> String {
    format!("{series}@{date}")
}

pub use super::derived::occurrence_day;

impl Series {
    /// The stored rule, or `None` when a hand edit broke it (problems says so).
    pub fn rule(&self) -> Option<Rule> {
        Rule::parse(&self.every).ok()
    }

    /// Whether an occurrence belongs on `date`.
    pub fn falls_on(&self, rule: &Rule, date: NaiveDate) -> bool {
        rule.falls_on(self.first, date)
            && self.until.is_none_or(|u| date <= u)
            && !self.except.contains(&date)
    }

    fn occurrence(&self, id: u32, date: NaiveDate) -> Block {
        Block {
            id,
            uid: occurrence_uid(&self.uid, date),
            date,
            start: self.start,
            end: self.end,
            title: self.title.clone(),
            kind: self.kind,
            priority: self.priority,
            actual_start: None,
            actual_end: None,
            done: false,
            result: None,
            moved_to: None,
            series: Some(self.uid.clone()),
            detached: false,
            calendar: None,
            extra: Extra::new(),
        }
    }

    /// Copies the series' fields onto an occurrence; whether anything changed.
    fn onto(&self, b: &mut Block) -> bool {
        let was = (b.start, b.end, b.kind, b.priority);
        let same = was == (self.start, self.end, self.kind, self.priority) && b.title == self.title;
        if !same {
            (b.start, b.end, b.kind, b.priority) = (self.start, self.end, self.kind, self.priority);
            b.title.clone_from(&self.title);
        }
        !same
    }
}

/// The last day occurrences are made for, seen from `today`.
pub fn horizon(today: NaiveDate) -> NaiveDate {
    shift_days(today, WINDOW_DAYS)
}

/// How far back the days of a series are computed: last week and this one,
/// which the review, the week's report and the week grid read.
pub fn look_back(today: NaiveDate) -> NaiveDate {
    shift_days(super::day::week_start(today), -7)
}

/// Makes the days of every series in memory, from last week (`look_back`) to
/// the window ahead, and the week of `looked_at` (a week paged to, a `--date`): the computed days take the series'
/// fields, days it no longer falls on go, missing ones are made. A day the
/// user touched (`derived::is_computed` says no) is a fact and stays as it is.
/// Idempotent: a second call changes nothing. Returns whether anything changed.
pub fn materialise(data: &mut Data, today: NaiveDate, looked_at: NaiveDate) -> bool {
    if data.series.is_empty() && !data.blocks.iter().any(|b| b.series.is_some()) {
        return false;
    }
    let from = look_back(today);
    // The series are read while the blocks change: two fields, borrowed apart.
    let Data { series, blocks, .. } = data;
    let rules: RulesByUid = series
        .iter()
        .map(|s| (s.uid.as_str(), (s, s.rule())))
        .collect();
    let (mut changed, moved) = follow(blocks, &rules);
    let new = missing(blocks, &rules, (from, today), looked_at);
    if !new.is_empty() {
        changed = true;
        // New days carry no id yet (renumber gives them theirs): added in
        // one go and sorted in once, as a week paged to can make dozens.
        blocks.extend(new);
    }
    if moved || changed {
        // Stable: blocks at one time keep their order, new ones after.
        blocks.sort_by_key(|b| (b.date, b.start));
    }
    super::derived::renumber(data, today) || changed
}

/// Each series by uid, with its rule (none when a hand edit broke it).
type RulesByUid<'a> = HashMap<&'a str, (&'a Series, Option<Rule>)>;

/// The computed days made to follow their series: those on a day it still
/// falls on take its fields, the others go. Returns whether anything changed,
/// and whether a block's day or time did (so the blocks need sorting again).
fn follow(blocks: &mut Vec<Block>, rules: &RulesByUid) -> (bool, bool) {
    let mut changed = false;
    let mut moved = false;
    blocks.retain_mut(|b| {
        if !super::derived::is_computed(b) {
            return true;
        }
        let Some(su) = &b.series else { return true };
        match rules.get(su.as_str()) {
            // A rule a hand edit broke: leave its blocks until it is mended.
            Some((_, None)) => true,
            Some((s, Some(rule))) if s.falls_on(rule, b.date) => {
                if s.onto(b) {
                    changed = true;
                    moved = true;
                }
                true
            }
            _ => {
                changed = true;
                false
            }
        }
    });
    (changed, moved)
}

/// The days from `from` on (see `spans`) not made yet (not numbered yet),
/// series by series in uid order.
fn missing(
    blocks: &[Block],
    rules: &RulesByUid,
    (from, today): (NaiveDate, NaiveDate),
    looked_at: NaiveDate,
) -> Vec<Block> {
    // The days already here, kept or computed (a day edited onto another date
    // keeps its uid, so it counts wherever it went).
    let have: HashSet<&str> = blocks
        .iter()
        .filter(|b| b.series.is_some())
        .map(|b| b.uid.as_str())
        .collect();
    let mut ordered: Vec<&(&Series, Option<Rule>)> = rules.values().collect();
    ordered.sort_by(|a, b| a.0.uid.cmp(&b.0.uid));
    let spans = spans(from, today, looked_at);
    let mut new = Vec::new();
    for (s, rule) in ordered {
        let Some(rule) = rule else { continue };
        for &(from, to) in &spans {
            let mut date = from.max(s.first);
            while date <= to && s.until.is_none_or(|u| date <= u) {
                if s.falls_on(rule, date) && !have.contains(occurrence_uid(&s.uid, date).as_str()) {
                    new.push(s.occurrence(0, date));
                }
                match add_days(date, 1) {
                    Some(next) => date = next,
                    None => break,
                }
            }
        }
    }
    new
}

/// The days occurrences are made for: from `from` (or the week of `looked_at`
/// when that lies before it: a week paged back to, a report's period) to the
/// window ahead, and the week of `looked_at` when that lies past it — never
/// every day up to it, which for a week in the year 9999 would be millions.
fn spans(from: NaiveDate, today: NaiveDate, looked_at: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let window_end = horizon(today);
    let week = super::day::week_start(looked_at);
    let week_end = shift_days(week, 6);
    let mut spans = vec![(from.min(week), window_end)];
    if week_end > window_end {
        spans.push((week.max(add_days(window_end, 1).unwrap_or(week)), week_end));
    }
    spans
}

/// The first day on or after `from` the series falls on (within ten years).
fn next_day(s: &Series, rule: &Rule, from: NaiveDate) -> Option<NaiveDate> {
    let mut date = from.max(s.first);
    for _ in 0..3660 {
        if s.until.is_some_and(|u| date > u) {
            return None;
        }
        if s.falls_on(rule, date) {
            return Some(date);
        }
        date = add_days(date, 1)?;
    }
    None
}

/// Adds a series and makes its occurrences; returns the id of its first one
/// (made even when it lies beyond the window, so the new series shows somewhere).
pub fn add(data: &mut Data, series: Series, today: NaiveDate) -> Result<u32, String> {
    let rule = series
        .rule()
        .ok_or_else(|| format!("`{}`: say {EVERY_HINT}", series.every))?;
    let first = next_day(&series, &rule, series.first.max(today)).ok_or_else(|| {
        format!(
            "`{}` never falls between {} and {}",
            series.every,
            series.first.max(today),
            series
                .until
                .map_or("ten years on".into(), |u| u.to_string())
        )
    })?;
    let uid = series.uid.clone();
    data.series.push(series);
    materialise(data, today, today);
    let occurrence = occurrence_uid(&uid, first);
    if let Some(b) = data.blocks.iter().find(|b| b.uid == occurrence) {
        return Ok(b.id);
    }
    // Beyond the window: made once, so the new series shows somewhere now.
    let s = data
        .series
        .last()
        .cloned()
        .ok_or("the series was not kept")?;
    super::day::insert_block(data, s.occurrence(0, first));
    super::derived::renumber(data, today);
    data.blocks
        .iter()
        .find(|b| b.uid == occurrence)
        .map(|b| b.id)
        .ok_or_else(|| "the series' first day was not made".to_string())
}

/// The series block `id` belongs to, or why there is none.
pub fn of_block(data: &Data, id: u32) -> Result<&Series, String> {
    let b = data
        .blocks
        .iter()
        .find(|b| b.id == id)
        .ok_or_else(|| format!("there is no block {id}"))?;
    let su = b
        .series
        .as_deref()
        .ok_or_else(|| format!("block {id} does not repeat"))?;
    data.series
        .iter()
        .find(|s| s.uid == su)
        .ok_or_else(|| format!("block {id}'s series is gone"))
}

/// Changes the series block `id` belongs to from today on; its days before
/// today stay as they were (see `split`). Returns the uid of the series as it
/// goes on.
pub fn modify(
    data: &mut Data,
    id: u32,
    today: NaiveDate,
    change: impl FnOnce(&mut Series),
) -> Result<String, String> {
    let uid = of_block(data, id)?.uid.clone();
    let at = data
        .series
        .iter()
        .position(|s| s.uid == uid)
        .ok_or_else(|| format!("block {id}'s series is gone"))?;
    let old = data.series[at].clone();
    let mut edited = old.clone();
    change(&mut edited);
    if edited == old {
        return Ok(uid);
    }
    let uid = split::from_today(data, at, edited, today);
    materialise(data, today, today);
    Ok(uid)
}

/// Deletes the series block `id` belongs to from today on: its computed days
/// ahead go; the days before today (history) and days the user touched stay.
/// Returns how many days went.
pub fn delete(data: &mut Data, id: u32, today: NaiveDate) -> Result<usize, String> {
    let uid = of_block(data, id)?.uid.clone();
    let going = |b: &Block| {
        b.series.as_deref() == Some(&uid) && b.date >= today && super::derived::is_computed(b)
    };
    let went = data.blocks.iter().filter(|b| going(b)).count();
    data.blocks.retain(|b| !going(b));
    split::end_before(data, &uid, today);
    super::derived::renumber(data, today);
    Ok(went)
}

/// An occurrence is being deleted: its day becomes an exception of its series,
/// so materialising never brings it back.
pub fn except(data: &mut Data, block: &Block) {
    let Some(su) = &block.series else { return };
    if let Some(s) = data.series.iter_mut().find(|s| &s.uid == su)
        && !s.except.contains(&block.date)
    {
        s.except.push(block.date);
        s.except.sort();
    }
}

/// An occurrence edited on its own: the series no longer changes it.
pub fn detach(b: &mut Block) {
    if b.series.is_some() {
        b.detached = true;
    }
}

/// What the block form shows when editing the whole series block `id` belongs
/// to: the series' own values, its first day as the date.
pub fn values(data: &Data, id: u32, today: NaiveDate) -> Option<Values> {
    let s = of_block(data, id).ok()?;
    let every = match s.until {
        Some(u) => format!("{} until {u}", s.every),
        None => s.every.clone(),
    };
    let values = initial_values(data, Kind::Block, Some(id), today)
        .with("title", s.title.clone())
        .with(
            "time",
            format!(
                "{}-{}",
                time_of_day::text(s.start),
                time_of_day::text(s.end)
            ),
        )
        .with("date", s.first.to_string())
        .with("kind", s.kind.name())
        .with(
            "priority",
            s.priority.map(|p| p.to_string()).unwrap_or_default(),
        )
        .with("every", every);
    // Escaped by the one rule every form opens its values with.
    Some(super::fields::shown(
        values,
        super::fields::fields(Kind::Block),
    ))
}

#[cfg(test)]
mod tests;
