//! `lane report`: the standup, weekly update, day review and brag document.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Datelike;
use clap::Args;
use color_eyre::eyre::{Result, WrapErr};

use super::{apply, usage_error};
use crate::app::local_now;
use crate::config::Config;
use crate::model::ops;
use crate::model::parse::parse_date;
use crate::report::{Period, ReportKind, Source, json, markdown, unreported_ids};
use crate::store::{Access, Store};

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Which report
    #[arg(value_enum)]
    pub kind: ReportKind,
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

/// Dates as typed anywhere in lane, except that a weekday name means the last
/// one (a report looks back; `fri` on a Monday is three days ago, not four ahead).
fn past_date(text: &str, today: chrono::NaiveDate) -> Result<chrono::NaiveDate, String> {
    let d = parse_date(text, today)?;
    let word = text.trim().to_lowercase();
    let weekday = word.chars().all(char::is_alphabetic)
        && !["today", "tomorrow", "yesterday"].contains(&word.as_str());
    Ok(if weekday && d > today {
        crate::model::limits::shift_days(d, -7)
    } else {
        d
    })
}

pub(super) fn report(data_dir: &Path, config_dir: &Path, args: ReportArgs) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let now = local_now();
    let date = |text: &Option<String>, flag: &str| {
        text.as_deref()
            .map(|t| past_date(t, now.date()).map_err(|e| format!("--{flag}: {e}")))
            .transpose()
    };
    let period = date(&args.since, "since")
        .and_then(|since| Ok((since, date(&args.until, "until")?)))
        .and_then(|(since, until)| Period::of(args.kind, since, until, now.date(), &config.rules));
    let period = match period {
        Ok(p) => p,
        Err(e) => return Ok(usage_error(e)),
    };
    if args.mark_reported && args.kind != ReportKind::Week {
        return Ok(usage_error(
            "--mark-reported belongs to `lane report week`, which lists the calls to report".into(),
        ));
    }
    let (store, live) = Store::open(data_dir, Access::Read)?;
    // Reports that reach back past what the live file keeps read the archive too.
    let cutoff = crate::model::archive::cutoff(now.date(), config.rules.archive_after_days);
    let data = if period.since < cutoff {
        // Filed by their last dated note, which may be a little before they closed:
        // a year of slack finds those too.
        let years = store.load_archive_from(period.since.year() - 1)?;
        crate::model::archive::combine(&live, years)
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
        crate::say::json(&json(args.kind, &src)).wrap_err("cannot write JSON")? + "\n"
    } else {
        markdown(args.kind, &src)
    };
    match &args.out {
        Some(path) => {
            crate::store::write_private(path, text.as_bytes())?;
            crate::say::err(&format!(
                "wrote the {} report to {}",
                args.kind.name(),
                path.display()
            ));
        }
        None => crate::say::out(&text),
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
            Ok(format!("marked {} calls reported", ids.len()))
        })?;
        crate::say::err(&said.unwrap_or_else(|e| e));
    }
    Ok(ExitCode::SUCCESS)
}
