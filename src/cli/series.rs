//! Recurring blocks on the command line: what `lane add block --every` says, and
//! `lane modify block ID --series …` / `lane delete block ID --series`, which
//! change or delete the whole series an occurrence belongs to.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use color_eyre::eyre::Result;

use super::forms::{ctx, one_line};
use super::write;
use lane_core::model::form;
use lane_core::model::series;
use lane_core::model::{Data, Kind};
use lane_io::config::Config;

/// What the command line computes into the data it read: the days of series
/// (last week to the days ahead, and the week of a day asked about) and the
/// meetings of the calendars' copies.
pub(super) fn compute(
    data: &mut Data,
    config: &Config,
    dirs: (&Path, &Path),
    now: chrono::NaiveDateTime,
    also: Option<NaiveDate>,
) {
    let (data_dir, config_dir) = dirs;
    let dirs = lane_io::calendar::sources::Dirs {
        config: config_dir,
        data: data_dir,
    };
    lane_io::calendar::compute(
        data,
        &config.calendars,
        &dirs,
        now,
        also.unwrap_or(now.date()),
    );
}

/// "added block 12, repeating weekday: 10 blocks up to 2026-12-13 (…)".
pub(super) fn said(data: &Data, id: u32, today: NaiveDate) -> String {
    let Ok(s) = series::of_block(data, id) else {
        return format!("added block {id}");
    };
    let made: Vec<NaiveDate> = data
        .blocks
        .iter()
        .filter(|b| b.series.as_deref() == Some(s.uid.as_str()) && b.date >= today)
        .map(|b| b.date)
        .collect();
    let last = made.iter().max().copied().unwrap_or(today);
    format!(
        "added block {id}, repeating {}: {} block{} up to {last} (computed from the rule, \
         which is all lane.toml keeps)",
        s.every,
        made.len(),
        if made.len() == 1 { "" } else { "s" },
    )
}

/// `every` of a block's series, for listings: `weekday`, or empty.
pub(super) fn every_of(data: &Data, series_uid: Option<&str>) -> Option<String> {
    let su = series_uid?;
    data.series
        .iter()
        .find(|s| s.uid == su)
        .map(|s| lane_core::model::text::visible(&s.every))
}

/// `lane modify block ID --series field=value…`: the block form's rules, applied
/// to the series; its untouched occurrences from today on follow.
pub(super) fn modify(
    data_dir: &Path,
    config_dir: &Path,
    id: u32,
    pairs: Vec<(&'static str, String)>,
) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    write(data_dir, config_dir, |data, now| {
        let values = series::values(data, id, now.date())
            .ok_or_else(|| series::of_block(data, id).err().unwrap_or_default())?;
        let values = pairs
            .iter()
            .fold(values, |v, (key, value)| v.with(key, value.clone()));
        form::save_series(data, id, &values, ctx(&config, now)).map_err(one_line)?;
        Ok(format!(
            "the series of block {id} modified (its untouched days from today on follow)"
        ))
    })
}

/// `lane delete block ID --series`.
pub(super) fn delete(data_dir: &Path, config_dir: &Path, id: u32) -> Result<ExitCode> {
    write(data_dir, config_dir, |data, now| {
        let gone = series::delete(data, id, now.date())?;
        Ok(format!(
            "the series of block {id} deleted with {gone} coming block{} (lane undo brings it back)",
            if gone == 1 { "" } else { "s" }
        ))
    })
}

/// A `--series` on anything but a block.
pub(super) fn only_blocks(kind: Kind) -> Option<String> {
    (kind != Kind::Block).then(|| format!("--series is for blocks, not a {}", kind.noun()))
}
