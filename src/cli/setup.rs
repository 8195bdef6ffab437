//! Setting lane up: `lane check` (are the files sound?), `lane config` (the
//! defaults, or where lane reads them) and `lane demo` (made-up data to try it on).

use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::{Result, WrapErr};

use super::{LOCK_WAIT, conflicts, usage_error};
use lane_io::clock::local_now;
use lane_io::config::Config;
use lane_io::store::{Access, Store};
use lane_tui::keymap::Keymap;

/// `lane config --default` prints the commented defaults; `--path` (or nothing)
/// where lane reads its config, keymap and data.
pub(super) fn config(data_dir: &Path, config_dir: &Path, default: bool) -> ExitCode {
    if default {
        lane_io::say::out(lane_io::config::DEFAULT_CONFIG);
        return ExitCode::SUCCESS;
    }
    lane_io::say::line(&format!(
        "config: {}",
        config_dir.join(lane_io::config::CONFIG_FILE).display()
    ));
    lane_io::say::line(&format!(
        "keymap: {}",
        config_dir.join(lane_tui::keymap::KEYMAP_FILE).display()
    ));
    lane_io::say::line(&format!(
        "data:   {}",
        data_dir.join(lane_io::store::DATA_FILE).display()
    ));
    ExitCode::SUCCESS
}

/// `lane check`: the config, the keymap, the data and the archive load, and no
/// two items share an id; says what lane holds and what is left to settle.
pub(super) fn check(data_dir: &Path, config_dir: &Path) -> Result<ExitCode> {
    Config::load(config_dir)?;
    Keymap::load(config_dir)?;
    let merging = lane_io::sync::merge_in_progress(data_dir);
    let (store, data) = match Store::open(data_dir, Access::Read) {
        Ok(opened) => opened,
        // Conflict markers from a merge without lane's driver: say how to finish.
        Err(e) => {
            return Err(match merging {
                Some(hint) => e.wrap_err(hint),
                None => e,
            });
        }
    };
    if let Some(hint) = merging {
        lane_io::say::err(&format!("lane: {hint}"));
        return Ok(ExitCode::FAILURE);
    }
    // The archive too: a year that does not load, or an id two items share, would
    // stop `list --all`, reports and exports that read it.
    let years = store.load_archive_named()?;
    let clashes = lane_core::model::archive::clashes(&data, &years);
    if !clashes.is_empty() {
        for clash in &clashes {
            lane_io::say::err(&format!("lane: {clash}"));
        }
        lane_io::say::err(&format!(
            "lane: {} id{} shared by two items: give one of each a new id by hand",
            clashes.len(),
            if clashes.len() == 1 { " is" } else { "s are" }
        ));
        return Ok(ExitCode::FAILURE);
    }
    if let Some(why) = lane_io::store::exposure(store.dir()) {
        lane_io::say::err(&format!("lane: warning: {why}"));
    }
    if !store.path().exists() {
        lane_io::say::line(&format!(
            "{}: no data yet (the first change creates it)",
            store.path().display()
        ));
        return Ok(ExitCode::SUCCESS);
    }
    lane_io::say::line(&format!(
        "{}: ok — {} priorities, {} blocks, {} blockers, {} decisions, {} reviews",
        store.path().display(),
        data.priorities.len(),
        data.blocks.len(),
        data.blockers.len(),
        data.decisions.len(),
        data.reviews.len()
    ));
    if !data.conflicts.is_empty() {
        lane_io::say::line(&format!(
            "{} conflict{} to settle (lane conflicts keep|take ID):",
            data.conflicts.len(),
            if data.conflicts.len() == 1 { "" } else { "s" }
        ));
        for line in conflicts::lines(&data) {
            lane_io::say::line(&line);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Something in `dir` besides a lock and the config dir, if anything.
fn first_entry(dir: &Path, config_dir: &Path) -> Result<Option<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).wrap_err_with(|| format!("cannot read {}", dir.display())),
    };
    Ok(entries
        .flatten()
        .find(|e| e.file_name() != lane_io::store::LOCK_FILE && e.path() != config_dir)
        .map(|e| e.file_name().to_string_lossy().into_owned()))
}

/// `lane demo`: days of made-up data, into an empty directory only.
pub(super) fn demo(data_dir: &Path, config_dir: &Path, days: u32, seed: u64) -> Result<ExitCode> {
    if !(1..=lane_core::demo::MAX_DAYS).contains(&days) {
        return Ok(usage_error(format!(
            "--days {days}: demo data covers 1 to {} days",
            lane_core::demo::MAX_DAYS
        )));
    }
    let config = Config::load(config_dir)?;
    // Made-up items must never mix with real ones: not in lane.toml, not in an
    // archive/ or backups/ left beside it. Only an empty directory will do.
    if let Some(found) = first_entry(data_dir, config_dir)? {
        return Ok(usage_error(format!(
            "{} is not empty (it holds {found}); demo data only goes into an empty directory (pass --dir)",
            data_dir.display()
        )));
    }
    let (mut store, _) = Store::open(data_dir, Access::Write(LOCK_WAIT))?;
    let now = local_now();
    let mut data = lane_core::demo::generate_at(days, seed, now);
    let entries = lane_core::demo::entries(&data);
    store
        .save(&data, now)
        .wrap_err("the demo data was not written")?;
    // As after a year of use: what closed long ago is in the archive.
    let cutoff = lane_core::model::archive::cutoff(now.date(), config.rules.archive_after_days);
    let archived = store.archive(&mut data, cutoff)?;
    lane_io::say::line(&format!(
        "wrote {days} days of demo data ({entries} entries, {archived} items archived) to {}",
        store.path().display()
    ));
    Ok(ExitCode::SUCCESS)
}
