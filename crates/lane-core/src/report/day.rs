//! One day's end-of-day review (each day of a range): planned against worked,
//! what moved, blockers, calls reported, energy, wins, tomorrow's top three.
//! A day never reviewed is still written from what the data shows.

use chrono::NaiveDate;
use serde::Serialize;

use super::Source;
use super::lines::{BlockLine, PriorityLine, day, priority, section};
use crate::model::day::{deep_minutes, deep_worked_minutes, hm, planned_minutes};
use crate::model::overtime::overtime;
use crate::model::{Data, Review};

mod moves;

#[derive(Debug, Serialize)]
pub struct Line {
    pub id: u32,
    pub title: String,
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct DayReview {
    pub date: NaiveDate,
    pub reviewed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub energy: Option<u8>,
    pub wins: String,
    pub notes: String,
    pub planned_minutes: i64,
    pub worked_minutes: i64,
    pub deep_planned_minutes: i64,
    pub deep_worked_minutes: i64,
    pub deep_goal_minutes: i64,
    pub blocks: Vec<BlockLine>,
    pub progress: Vec<Line>,
    pub blockers: Vec<Line>,
    /// Calls decided in the user's lane or sent up that day.
    pub calls: Vec<Line>,
    pub reported: Vec<Line>,
    pub tomorrow: Vec<PriorityLine>,
    /// Boundaries crossed by the end of the day: `3rd day over 9h30 in a row`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub boundaries: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Days {
    pub days: Vec<DayReview>,
}

fn one(src: &Source, date: NaiveDate, review: Option<&Review>) -> DayReview {
    let data = src.data;
    let blocks = blocks(src, date);
    let progress = progress(data, date, review);
    let r = review.cloned().unwrap_or_default();
    // The day's figures come from its blocks, so every report and screen says
    // the same; the review's snapshot of them speaks only for a day whose
    // blocks are gone from the data (archived).
    let kept = |snapshot: Option<i64>, computed: i64| match blocks.is_empty() {
        true => snapshot.unwrap_or(computed),
        false => computed,
    };
    let worked: i64 = blocks.iter().filter_map(|b| b.worked_minutes).sum();
    DayReview {
        boundaries: boundaries(src, date),
        date,
        reviewed: r.reviewed,
        energy: r.energy,
        wins: r.wins.clone(),
        notes: r.notes.clone(),
        planned_minutes: kept(r.planned_minutes, planned_minutes(data, date)),
        worked_minutes: kept(r.worked_minutes, worked),
        deep_planned_minutes: kept(r.deep_minutes, deep_minutes(data, date)),
        deep_worked_minutes: kept(
            r.deep_worked_minutes,
            deep_worked_minutes(data, date, src.now),
        ),
        deep_goal_minutes: src.rules.deep_minutes_goal,
        blocks,
        progress,
        blockers: moves::blockers(data, date, &r),
        calls: moves::calls(data, date),
        reported: r
            .reported
            .iter()
            .map(|&id| Line {
                id,
                title: title(data, "decision", id),
                note: "reported".into(),
            })
            .collect(),
        tomorrow: r
            .tomorrow
            .iter()
            .filter_map(|&id| priority(data, id))
            .collect(),
    }
}

/// The day's blocks in the order of the day.
fn blocks(src: &Source, date: NaiveDate) -> Vec<BlockLine> {
    let mut blocks: Vec<_> = src.data.blocks_on(date).collect();
    blocks.sort_by_key(|b| (b.start, b.id));
    blocks
        .into_iter()
        .map(|b| BlockLine::of(b, src.data, src.now))
        .collect()
}

/// What a review line points at, by its title (a call by its situation); one
/// since deleted by its kind and id.
fn title(data: &Data, kind: &str, id: u32) -> String {
    match kind {
        "priority" => data
            .priorities
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.title.clone()),
        "blocker" => data
            .blockers
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.title.clone()),
        _ => data
            .decisions
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.situation.clone()),
    }
    .unwrap_or_else(|| format!("{kind} {id}"))
}

/// How many outcomes moved on `date`: those with a note of the day in their
/// update log or a review line other than "no change" — what the review
/// report's "Moved" section lists.
pub(super) fn outcomes_moved(data: &Data, date: NaiveDate) -> usize {
    let review = data.reviews.iter().find(|r| r.date == date);
    let mut ids: Vec<u32> = progress(data, date, review)
        .into_iter()
        .filter(|l| l.note != "no change")
        .map(|l| l.id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

/// What moved on each outcome that day: its update log's notes of the day
/// (written in the review or any time), else the review's line for it ("no
/// change") — a line of the review never hides a note of the log.
fn progress(data: &Data, date: NaiveDate, review: Option<&Review>) -> Vec<Line> {
    let mut lines: Vec<Line> = data
        .priorities
        .iter()
        .flat_map(|p| {
            p.updates.iter().filter(|u| u.date == date).map(|u| Line {
                id: p.id,
                title: p.title.clone(),
                note: u.note.clone(),
            })
        })
        .collect();
    for p in review.map(|r| r.progress.as_slice()).unwrap_or_default() {
        if !lines.iter().any(|l| l.id == p.priority) {
            lines.push(Line {
                id: p.priority,
                title: title(data, "priority", p.priority),
                note: p.note.clone(),
            });
        }
    }
    lines
}

/// The boundaries crossed by the day's end; none for a day still to come.
fn boundaries(src: &Source, date: NaiveDate) -> Vec<String> {
    // As the day stood at its end (or now, for today).
    let end = date
        .and_hms_opt(23, 59, 0)
        .map_or(src.now, |e| e.min(src.now));
    if date > src.now.date() {
        Vec::new()
    } else {
        overtime(src.data, &src.rules.caps, &src.rules.hours, end).warnings()
    }
}

pub fn build(src: &Source) -> Days {
    let mut days = Vec::new();
    for d in src.period.days() {
        let review = src.data.reviews.iter().find(|r| r.date == d);
        // A range lists the days that have something; a single day is always written.
        let planned = src.data.blocks_on(d).next().is_some();
        if review.is_some() || planned || src.period.since == src.period.until {
            days.push(one(src, d, review));
        }
    }
    Days { days }
}

pub fn markdown(days: &Days) -> String {
    let mut out = String::new();
    if days.days.is_empty() {
        out.push_str("# Review\n\nNo planned or reviewed days in this period.\n");
    }
    for (i, r) in days.days.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&markdown_day(r));
    }
    out
}

fn markdown_day(r: &DayReview) -> String {
    let mut out = format!("# Review — {}\n\n", day(r.date));
    if !r.reviewed {
        out.push_str("_Not reviewed yet: written from the day's data._\n\n");
    }
    if let Some(e) = r.energy {
        out.push_str(&format!("Energy {e}/5. "));
    }
    out.push_str(&format!(
        "Planned {}, worked {}; deep work {} planned, {} worked, against a {} goal.\n",
        hm(r.planned_minutes),
        hm(r.worked_minutes),
        hm(r.deep_planned_minutes),
        hm(r.deep_worked_minutes),
        hm(r.deep_goal_minutes)
    ));
    if !r.boundaries.is_empty() {
        out.push_str(&format!("Boundaries: {}.\n", r.boundaries.join("; ")));
    }
    let blocks: Vec<String> = r.blocks.iter().map(BlockLine::markdown).collect();
    section(&mut out, "Blocks", &blocks, "No blocks planned.");
    let lines = |v: &[Line]| {
        v.iter()
            .map(|l| format!("**{}**: {}", l.title, l.note))
            .collect::<Vec<_>>()
    };
    section(&mut out, "Moved", &lines(&r.progress), "Nothing recorded.");
    if !r.blockers.is_empty() {
        section(&mut out, "Blockers", &lines(&r.blockers), "");
    }
    if !r.calls.is_empty() {
        section(&mut out, "Calls", &lines(&r.calls), "");
    }
    if !r.reported.is_empty() {
        let reported: Vec<String> = r.reported.iter().map(|l| l.title.clone()).collect();
        section(&mut out, "Calls reported", &reported, "");
    }
    if !r.wins.is_empty() {
        out.push_str(&format!("\n## Wins\n\n{}\n", r.wins));
    }
    if !r.notes.is_empty() {
        out.push_str(&format!("\n## Notes\n\n{}\n", r.notes));
    }
    if !r.tomorrow.is_empty() {
        out.push_str("\n## Tomorrow's top three\n\n");
        for (i, p) in r.tomorrow.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", i + 1, p.markdown()));
        }
    }
    out
}
