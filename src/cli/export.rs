//! `lane export`: data for other tools.

use std::path::PathBuf;
use std::process::ExitCode;

use color_eyre::eyre::Result;

use super::{ExportCommand, usage_error};
use lane_io::clock::local_now;
use lane_io::store::{Access, Store};

/// Runs `lane export json|taskwarrior|ics`.
pub(super) fn run(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    what: ExportCommand,
) -> Result<ExitCode> {
    match what {
        ExportCommand::Json { out } => export_json(data_dir, out),
        ExportCommand::Taskwarrior { out } => export_taskwarrior(data_dir, out),
        ExportCommand::Ics { from, to, out } => export_ics(data_dir, config_dir, from, to, out),
        ExportCommand::Timew { from, to, out, db } => {
            super::timew::export(data_dir, (from, to), out, db)
        }
    }
}

pub(super) fn export_ics(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    from: Option<String>,
    to: Option<String>,
    out: Option<PathBuf>,
) -> Result<ExitCode> {
    // The archive too: a range may reach into it. The days of series are
    // computed, so a series goes out as its rule.
    let (store, live) = super::read_computed(data_dir, config_dir, None)?;
    let data = lane_core::model::archive::combine(&live, store.load_archive()?);
    let now = local_now();
    let (from, to) =
        match lane_core::model::parse::parse_range(from.as_deref(), to.as_deref(), now.date()) {
            Ok(range) => range,
            Err(e) => return Ok(usage_error(e)),
        };
    let blocks: Vec<&lane_core::model::Block> = data
        .blocks
        .iter()
        // Meetings from a calendar are that calendar's to send, not lane's.
        .filter(|b| b.calendar.is_none())
        .filter(|b| from.is_none_or(|f| b.date >= f) && to.is_none_or(|t| b.date <= t))
        .collect();
    // DTSTAMP is UTC: the local time with a `Z` would be hours off east or west.
    let stamp_utc = chrono::TimeZone::from_local_datetime(&chrono::Local, &now)
        .earliest()
        .map_or(now, |t| t.naive_utc());
    let text = ics_in_home_zone(&data, &blocks, stamp_utc);
    match out {
        Some(path) => {
            lane_io::store::write_private(&path, text.as_bytes())?;
            lane_io::say::err(&format!(
                "wrote {} to {}",
                lane_core::model::text::count(blocks.len(), "block", "blocks"),
                path.display()
            ));
        }
        None => lane_io::say::out(&text),
    }
    Ok(ExitCode::SUCCESS)
}

/// The blocks as iCalendar in the user's zone: wall-clock times with its TZID
/// and VTIMEZONE, or UTC times when the zone has no name (or is UTC).
fn ics_in_home_zone(
    data: &lane_core::model::Data,
    blocks: &[&lane_core::model::Block],
    stamp_utc: chrono::NaiveDateTime,
) -> String {
    use lane_core::report::{IcsZone, ics};
    let Some(tz) = lane_io::home_zone::named() else {
        let zone = IcsZone {
            local: &chrono::Local,
            named: None,
        };
        return ics(data, blocks, stamp_utc, &zone);
    };
    // The zone's rules for the years the blocks (and a series' first day) span.
    let days = || {
        let firsts = data.series.iter().map(|s| s.first);
        blocks.iter().map(|b| b.date).chain(firsts)
    };
    let today = stamp_utc.date();
    let (first, last) = (days().min().unwrap_or(today), days().max().unwrap_or(today));
    let definition = lane_io::home_zone::vtimezone(tz, first, last);
    let zone = IcsZone {
        local: &tz,
        named: Some((tz.name(), &definition)),
    };
    ics(data, blocks, stamp_utc, &zone)
}

/// `lane export json`: live and archived data as one document.
pub(super) fn export_json(data_dir: &std::path::Path, out: Option<PathBuf>) -> Result<ExitCode> {
    let (store, live) = Store::open(data_dir, Access::Read)?;
    let all = lane_core::model::archive::combine(&live, store.load_archive()?);
    let text = lane_core::transfer::to_json(&all).map_err(|e| color_eyre::eyre::eyre!(e))?;
    match out {
        Some(path) => {
            lane_io::store::write_private(&path, (text + "\n").as_bytes())?;
            lane_io::say::err(&format!("wrote {}", path.display()));
        }
        None => lane_io::say::line(&text),
    }
    Ok(ExitCode::SUCCESS)
}

/// `lane export taskwarrior`: live and archived priorities as `task import` reads them.
fn export_taskwarrior(data_dir: &std::path::Path, out: Option<PathBuf>) -> Result<ExitCode> {
    let (store, live) = Store::open(data_dir, Access::Read)?;
    let all = lane_core::model::archive::combine(&live, store.load_archive()?);
    let text = lane_core::transfer::export_taskwarrior(&all, &chrono::Local)
        .map_err(|e| color_eyre::eyre::eyre!(e))?;
    match out {
        Some(path) => {
            lane_io::store::write_private(&path, text.as_bytes())?;
            lane_io::say::err(&format!(
                "wrote {} to {}",
                lane_core::model::text::count(all.priorities.len(), "task", "tasks"),
                path.display()
            ));
        }
        None => lane_io::say::out(&text),
    }
    Ok(ExitCode::SUCCESS)
}
