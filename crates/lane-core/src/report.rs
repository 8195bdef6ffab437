//! Markdown, JSON and iCalendar writers used by both the CLI and the app. Every
//! report is built as plain data first (what `--json` prints), then written as
//! Markdown from that data, so the two never disagree.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

mod brag;
pub mod calibration;
mod day;
mod delivered;
mod ics;
mod lines;
mod standup;
mod steering;
mod trust;
pub(crate) mod week;

pub use ics::{Zone as IcsZone, ics};

use crate::model::Data;
use crate::model::limits::shift_days;
use crate::model::ritual::previous_working_day;
use crate::model::rules::Rules;

/// The reports `lane report` writes and `y` copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    /// Yesterday, today, blockers: for the daily standup.
    Standup,
    /// The weekly update: progress per focus outcome, decisions, risks, next week.
    Week,
    /// One day's end-of-day review (each day, for a range).
    Review,
    /// Evidence of autonomy: situation → call → outcome, answered escalations, outcomes done.
    Brag,
    /// The track record per month and the wider boundaries it supports, with evidence.
    Trust,
    /// Of what you planned, what you worked: per block kind and focus outcome.
    Calibration,
}

impl ReportKind {
    pub fn name(self) -> &'static str {
        match self {
            ReportKind::Standup => "standup",
            ReportKind::Week => "week",
            ReportKind::Review => "review",
            ReportKind::Brag => "brag",
            ReportKind::Trust => "trust",
            ReportKind::Calibration => "calibration",
        }
    }
}

/// The days a report covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub since: NaiveDate,
    pub until: NaiveDate,
}

/// The longest period a report covers.
pub const MAX_PERIOD_DAYS: i64 = 3660;

/// How far back `brag` looks when no `--since` is given: a quarter.
const BRAG_DAYS: i64 = 91;

/// How far back `trust` looks when no `--since` is given: a year of months.
const TRUST_DAYS: i64 = 365;

impl Period {
    /// The period a report covers when only some ends are given. A standup's
    /// `since` is the day it calls "yesterday": the last working day before `until`.
    pub fn of(
        kind: ReportKind,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        today: NaiveDate,
        rules: &Rules,
    ) -> Result<Period, String> {
        let until = until.unwrap_or(today);
        let since = since.unwrap_or(match kind {
            ReportKind::Standup => previous_working_day(&rules.hours, until),
            ReportKind::Week => crate::model::day::week_start(until),
            ReportKind::Review => until,
            ReportKind::Brag => shift_days(until, 1 - BRAG_DAYS),
            ReportKind::Trust => shift_days(until, 1 - TRUST_DAYS),
            ReportKind::Calibration => shift_days(until, 1 - calibration::USUAL_DAYS),
        });
        if since > until {
            return Err(format!(
                "--since {since} is after --until {until}: the period would be empty"
            ));
        }
        // Reports walk their days: a period of centuries would run for minutes.
        if (until - since).num_days() >= MAX_PERIOD_DAYS {
            return Err(format!(
                "--since {since} to --until {until} is longer than a report covers \
                 ({MAX_PERIOD_DAYS} days, about ten years)"
            ));
        }
        Ok(Period { since, until })
    }

    /// Each day of the period, first to last (stops at the calendar's end rather
    /// than overflowing).
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let until = self.until;
        self.since.iter_days().take_while(move |d| *d <= until)
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.since <= d && d <= self.until
    }

    /// The name a copied report's file gets: its kind and the period it covers,
    /// so a report for another period never overwrites it. A standup is named by
    /// the day it is for, a calendar week by its ISO week.
    pub fn file_name(&self, kind: ReportKind) -> String {
        let (since, until) = (self.since, self.until);
        match kind {
            ReportKind::Standup => format!("standup-{until}"),
            ReportKind::Week if since == crate::model::day::week_start(until) => {
                let week = until.iso_week();
                format!("week-{}-W{:02}", week.year(), week.week())
            }
            _ if since == until => format!("{}-{since}", kind.name()),
            _ => format!("{}-{since}-to-{until}", kind.name()),
        }
    }
}

/// Everything a report is written from.
pub struct Source<'a> {
    pub data: &'a Data,
    pub rules: &'a Rules,
    pub period: Period,
    pub now: NaiveDateTime,
}

/// The report as Markdown.
pub fn markdown(kind: ReportKind, src: &Source) -> String {
    // Escaped once here: the terminal, the clipboard and the file all get this text.
    let text = match kind {
        ReportKind::Standup => standup::markdown(&standup::build(src)),
        ReportKind::Week => week::markdown_with(&week::build(src), &src.period),
        ReportKind::Review => day::markdown(&day::build(src)),
        ReportKind::Brag => {
            brag::markdown_with(&brag::build(src), src.period.since, src.period.until)
        }
        ReportKind::Trust => trust::markdown_with(&trust::build(src), src),
        ReportKind::Calibration => {
            calibration::markdown_with(&calibration::build(src), &src.period)
        }
    };
    crate::model::text::visible_lines(&text)
}

/// The report as JSON: the same facts as the Markdown, for piping.
pub fn json(kind: ReportKind, src: &Source) -> serde_json::Value {
    let value = match kind {
        ReportKind::Standup => serde_json::to_value(standup::build(src)),
        ReportKind::Week => serde_json::to_value(week::build(src)),
        ReportKind::Review => serde_json::to_value(day::build(src)),
        ReportKind::Brag => serde_json::to_value(brag::build(src)),
        ReportKind::Trust => serde_json::to_value(trust::build(src)),
        ReportKind::Calibration => serde_json::to_value(calibration::build(src)),
    };
    let mut out = serde_json::json!({
        "kind": kind.name(),
        "since": src.period.since,
        "until": src.period.until,
    });
    if let (Ok(serde_json::Value::Object(fields)), Some(obj)) = (value, out.as_object_mut()) {
        obj.extend(fields);
    }
    out
}

/// How many outcomes moved on `date`, as the review report counts them (its
/// "Moved" lines): the review's close says the same number.
pub fn outcomes_moved(data: &Data, date: NaiveDate) -> usize {
    day::outcomes_moved(data, date)
}

/// The report-after calls a weekly update lists as "to report": marking them
/// reported is what `--mark-reported` does once the update is written.
pub fn unreported_ids(data: &Data, rules: &Rules) -> Vec<u32> {
    data.decisions
        .iter()
        .filter(|d| crate::model::triage::is_unreported(d, &rules.boundaries))
        .map(|d| d.id)
        .collect()
}
