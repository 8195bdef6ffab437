//! Calibration: of what the user plans, how much they work. Per block kind the
//! user plans (meetings and breaks are the calendar's, not estimates), planned
//! minutes against worked minutes, and per focus outcome once it has enough
//! blocks to say anything. The morning plan and the evening review read it too.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::lines::day;
use super::{Period, Source};
use crate::model::day::{block_worked_minutes, hm, is_running, minutes};
use crate::model::limits::shift_days;
use crate::model::{Block, BlockKind, BlockResult, Data};

/// An outcome is calibrated on its own from this many blocks: fewer say
/// more about one odd day than about the user.
pub const MIN_OUTCOME_BLOCKS: usize = 3;

/// How far back "what you usually work" looks: four weeks.
pub const USUAL_DAYS: i64 = 28;

/// Planned against worked minutes for one group of blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub blocks: usize,
    pub planned_minutes: i64,
    pub worked_minutes: i64,
    /// Worked over planned, to two places; none when nothing was planned.
    pub ratio: Option<f64>,
}

impl Figure {
    fn of<'a>(blocks: impl Iterator<Item = &'a Block>, now: NaiveDateTime) -> Figure {
        let mut f = Figure {
            blocks: 0,
            planned_minutes: 0,
            worked_minutes: 0,
            ratio: None,
        };
        for b in blocks {
            f.blocks += 1;
            f.planned_minutes += minutes(b);
            f.worked_minutes += block_worked_minutes(b, now).unwrap_or(0);
        }
        f.ratio = ratio(f.planned_minutes, f.worked_minutes);
        f
    }

    /// The ratio as a whole percent, as the plan and the review say it.
    pub fn percent(&self) -> Option<i64> {
        self.ratio.map(|r| (r * 100.0).round() as i64)
    }
}

fn ratio(planned: i64, worked: i64) -> Option<f64> {
    (planned > 0).then(|| (worked as f64 / planned as f64 * 100.0).round() / 100.0)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindFigure {
    pub kind: BlockKind,
    #[serde(flatten)]
    pub figure: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeFigure {
    pub outcome: u32,
    pub title: String,
    #[serde(flatten)]
    pub figure: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    pub kinds: Vec<KindFigure>,
    pub outcomes: Vec<OutcomeFigure>,
}

/// A kind the user plans and estimates: not a meeting or a break.
pub fn is_planned_kind(kind: BlockKind) -> bool {
    !matches!(kind, BlockKind::Meeting | BlockKind::Break)
}

/// Whether `b` counts in a calibration of `period` as of `now`: a block the
/// user planned, over by now, and not moved away (its copy counts on the day
/// it moved to, so no minute counts twice).
pub fn counts(b: &Block, period: &Period, now: NaiveDateTime) -> bool {
    period.contains(b.date)
        && is_planned_kind(b.kind)
        && b.calendar.is_none()
        && b.moved_to.is_none()
        && b.result != Some(BlockResult::Moved)
        && !is_running(b)
        && b.date.and_time(b.end) <= now
}

/// The calibration of `period`: every block that [`counts`], grouped by kind
/// and by focus outcome.
pub fn calibration(data: &Data, period: &Period, now: NaiveDateTime) -> Calibration {
    let counted: Vec<&Block> = data
        .blocks
        .iter()
        .filter(|b| counts(b, period, now))
        .collect();
    let kinds = BlockKind::ALL
        .iter()
        .filter(|k| is_planned_kind(**k))
        .map(|&kind| KindFigure {
            kind,
            figure: Figure::of(counted.iter().copied().filter(|b| b.kind == kind), now),
        })
        .filter(|k| k.figure.blocks > 0)
        .collect();
    let outcomes = data
        .priorities
        .iter()
        .filter(|p| p.focus)
        .map(|p| OutcomeFigure {
            outcome: p.id,
            title: p.title.clone(),
            figure: Figure::of(
                counted.iter().copied().filter(|b| b.priority == Some(p.id)),
                now,
            ),
        })
        .filter(|o| o.figure.blocks >= MIN_OUTCOME_BLOCKS)
        .collect();
    Calibration { kinds, outcomes }
}

/// What the user usually works of a plan, as of `today`: the four weeks
/// before it (today itself is still being worked).
pub fn usual(data: &Data, today: NaiveDate, now: NaiveDateTime) -> Calibration {
    let period = Period {
        since: shift_days(today, -USUAL_DAYS),
        until: shift_days(today, -1),
    };
    calibration(data, &period, now)
}

impl Calibration {
    pub fn kind(&self, kind: BlockKind) -> Option<&Figure> {
        self.kinds
            .iter()
            .find(|k| k.kind == kind)
            .map(|k| &k.figure)
    }
}

/// A block's length sized by how much of such plans the user works: `minutes`
/// scaled down by `ratio` to the quarter hour, never below half an hour and
/// never longer than asked (working more than planned is no reason to plan more).
pub fn sized_minutes(minutes: i64, ratio: f64) -> i64 {
    if !(ratio > 0.0 && ratio < 1.0) {
        return minutes;
    }
    let scaled = (minutes as f64 * ratio / 15.0).round() as i64 * 15;
    scaled.clamp(30.min(minutes), minutes)
}

/// What a plan of `planned` minutes of `kind` will likely give, said when the
/// user usually works less of such plans than they plan: "6h deep planned;
/// you work 72% of deep plans → about 4h20". None without enough to go on.
pub fn plan_words(kind: BlockKind, planned: i64, usual: &Figure) -> Option<String> {
    let percent = usual.percent()?;
    if planned <= 0 || usual.blocks < MIN_OUTCOME_BLOCKS || percent >= 100 {
        return None;
    }
    let likely = (planned as f64 * usual.ratio.unwrap_or(1.0) / 5.0).round() as i64 * 5;
    let kind = kind.name();
    Some(format!(
        "{} {kind} planned; you work {percent}% of {kind} plans → about {}",
        hm(planned),
        hm(likely)
    ))
}

/// The evening review's line: the day's share of each planned kind worked,
/// beside the usual one (the four weeks before): "deep 50% today, usually 72%".
pub fn review_words(data: &Data, date: NaiveDate, now: NaiveDateTime) -> Option<String> {
    let today = calibration(
        data,
        &Period {
            since: date,
            until: date,
        },
        now,
    );
    let usual = usual(data, date, now);
    let parts: Vec<String> = today
        .kinds
        .iter()
        .filter_map(|k| {
            let day = k.figure.percent()?;
            let usual = usual
                .kind(k.kind)
                .and_then(Figure::percent)
                .map_or(String::new(), |p| format!(", usually {p}%"));
            Some(format!("{} {day}% today{usual}", k.kind.name()))
        })
        .collect();
    (!parts.is_empty()).then(|| format!("Worked of planned: {}", parts.join(" · ")))
}

pub fn build(src: &Source) -> Calibration {
    calibration(src.data, &src.period, src.now)
}

fn percent_text(f: &Figure) -> String {
    f.percent().map_or("—".into(), |p| format!("{p}%"))
}

pub fn markdown_with(c: &Calibration, period: &Period) -> String {
    let mut out = format!(
        "# Calibration — {} to {}\n\nOf what you planned, what you worked (blocks that \
         ended; meetings and breaks left out; a moved block counts on its new day).\n",
        day(period.since),
        day(period.until)
    );
    out.push_str("\n## By kind\n\n");
    if c.kinds.is_empty() {
        out.push_str("No planned blocks ended in this period.\n");
    } else {
        out.push_str(
            "| kind | blocks | planned | worked | worked of planned |\n|---|---:|---:|---:|---:|\n",
        );
        for k in &c.kinds {
            let f = &k.figure;
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                k.kind.name(),
                f.blocks,
                hm(f.planned_minutes),
                hm(f.worked_minutes),
                percent_text(f)
            ));
        }
    }
    out.push_str("\n## By focus outcome\n\n");
    if c.outcomes.is_empty() {
        out.push_str(&format!(
            "No focus outcome has {MIN_OUTCOME_BLOCKS} blocks in this period.\n"
        ));
    } else {
        out.push_str("| outcome | blocks | planned | worked | worked of planned |\n|---|---:|---:|---:|---:|\n");
        for o in &c.outcomes {
            let f = &o.figure;
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                o.title.replace('|', "\\|"),
                f.blocks,
                hm(f.planned_minutes),
                hm(f.worked_minutes),
                percent_text(f)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests;
