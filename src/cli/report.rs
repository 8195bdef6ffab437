//! `lane report`: the standup, weekly update, day review and brag document.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Datelike;
use clap::Args;
use color_eyre::eyre::{Result, WrapErr};

use super::{apply, usage_error};
use lane_core::model::ops;
use lane_core::model::parse::parse_date;
use lane_core::report::{Period, ReportKind, Source, json, markdown, unreported_ids};
use lane_io::clock::local_now;
use lane_io::config::Config;

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Which report
    #[arg(value_enum)]
    pub kind: Which,
    /// First day covered (standup: "yesterday"; default: the report's own period)
    #[arg(long, allow_hyphen_values = true, value_name = "DATE")]
    pub since: Option<String>,
    /// Last day covered (default today): today, fri, -1d, 2026-11-20
    #[arg(long, allow_hyphen_values = true, value_name = "DATE")]
    pub until: Option<String>,
    /// Write to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print JSON instead of Markdown
    #[arg(long)]
    pub json: bool,
    /// week: mark the calls listed under "reported here" as reported
    #[arg(long)]
    pub mark_reported: bool,
}

/// The reports as the command line names them; each line is its help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
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
    /// Of what you planned, what you worked: per block kind and focus outcome (four weeks).
    Calibration,
}

impl From<Which> for ReportKind {
    fn from(which: Which) -> ReportKind {
        match which {
            Which::Standup => ReportKind::Standup,
            Which::Week => ReportKind::Week,
            Which::Review => ReportKind::Review,
            Which::Brag => ReportKind::Brag,
            Which::Trust => ReportKind::Trust,
            Which::Calibration => ReportKind::Calibration,
        }
    }
}

/// Dates as typed anywhere in lane, except that a weekday name means the last
/// one (a report looks back; `fri` on a Monday is three days ago, not four ahead).
fn past_date(text: &str, today: chrono::NaiveDate) -> Result<chrono::NaiveDate, String> {
    let d = parse_date(text, today)?;
    let word = text.trim().to_lowercase();
    let weekday = word.chars().all(char::is_alphabetic)
        && !["today", "tomorrow", "yesterday"].contains(&word.as_str());
    Ok(if weekday && d > today {
        lane_core::model::limits::shift_days(d, -7)
    } else {
        d
    })
}

pub(super) fn report(data_dir: &Path, config_dir: &Path, args: ReportArgs) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let now = local_now();
    let kind = ReportKind::from(args.kind);
    let date = |text: &Option<String>, flag: &str| {
        text.as_deref()
            .map(|t| past_date(t, now.date()).map_err(|e| format!("--{flag}: {e}")))
            .transpose()
    };
    let period = date(&args.since, "since")
        .and_then(|since| Ok((since, date(&args.until, "until")?)))
        .and_then(|(since, until)| Period::of(kind, since, until, now.date(), &config.rules));
    let period = match period {
        Ok(p) => p,
        Err(e) => return Ok(usage_error(e)),
    };
    if args.mark_reported && kind != ReportKind::Week {
        return Ok(usage_error(
            "--mark-reported belongs to `lane report week`, which lists the calls to report".into(),
        ));
    }
    // The days of series and the meetings are computed for the weeks around
    // now and the week the period starts.
    let (store, live) = super::read_computed(data_dir, config_dir, Some(period.since))?;
    // Reports that reach back past what the live file keeps read the archive too.
    let cutoff = lane_core::model::archive::cutoff(now.date(), config.rules.archive_after_days);
    let data = if period.since < cutoff {
        // Filed by their last dated note, which may be a little before they closed:
        // a year of slack finds those too.
        let years = store.load_archive_from(period.since.year() - 1)?;
        lane_core::model::archive::combine(&live, years)
    } else {
        live
    };
    let src = Source {
        data: &data,
        rules: &config.rules,
        period,
        now,
    };
    let text = if args.json {
        lane_io::say::json(&json(kind, &src)).wrap_err("cannot write JSON")? + "\n"
    } else {
        markdown(kind, &src)
    };
    match &args.out {
        Some(path) => {
            lane_io::store::write_private(path, text.as_bytes())?;
            lane_io::say::err(&format!(
                "wrote the {} report to {}",
                kind.name(),
                path.display()
            ));
        }
        None => lane_io::say::out(&text),
    }
    if args.mark_reported {
        let ids = unreported_ids(&data, &config.rules);
        if ids.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        // Said on stderr: stdout holds the report itself.
        let said = apply(data_dir, config_dir, false, |data, _, now| {
            for &id in &ids {
                ops::set_reported(data, id, true, now.date(), &config.rules.boundaries)?;
            }
            Ok(format!(
                "marked {} reported",
                lane_core::model::text::count(ids.len(), "call", "calls")
            ))
        })?;
        lane_io::say::err(&said.unwrap_or_else(|e| e));
    }
    Ok(ExitCode::SUCCESS)
}
