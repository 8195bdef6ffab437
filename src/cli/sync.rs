//! lane and git: `lane sync` with your other machines, and the merge driver git
//! runs for lane's files.

use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::Result;

use super::{SyncCommand, calendar, usage_error};
use lane_io::clock::local_now;
use lane_io::config::Config;

/// `lane sync` (the calendars brought in, then commit, fetch, merge by uid,
/// push), or `lane sync init REMOTE` (the calendars follow it); then the
/// `on_sync` hook runs. The calendars come first on a plain sync so what they
/// bring is in the push: after it this machine and the remote hold the same.
pub(super) fn sync(
    data_dir: &Path,
    config_dir: &Path,
    init: Option<SyncCommand>,
) -> Result<ExitCode> {
    let now = local_now();
    let config = Config::load(config_dir)?;
    let joining = init.is_some();
    if !joining {
        calendar::with_sync(data_dir, config_dir, &config.calendars);
    }
    let said = match init {
        Some(SyncCommand::Init { remote })
            if remote.trim().is_empty() || remote.starts_with('-') =>
        {
            return Ok(usage_error(format!(
                "`{remote}` is not a git remote: give a URL or a path"
            )));
        }
        Some(SyncCommand::Init { remote }) => lane_io::sync::init(data_dir, &remote, now),
        None => lane_io::sync::sync(data_dir, now),
    }?;
    // The remote's credentials are the user's secret: neither printed nor handed
    // to the hook.
    let said = lane_core::model::redact::redact(&said);
    lane_io::say::line(&said);
    if joining {
        calendar::with_sync(data_dir, config_dir, &config.calendars);
    }
    // Answers the team repository holds already land on my calls too (it is
    // pulled by lane share and lane team, not here).
    if let Ok(me) = lane_io::team::share_name(data_dir)
        && let Err(e) = super::team::land_answers(data_dir, config_dir, &me)
    {
        lane_io::say::err(&format!("lane: team answers: {e:#}"));
    }
    if let Some(cmd) = &config.hooks.on_sync
        && let Err(why) = (config.hooks.clone().for_dir(data_dir)).run("on_sync", cmd, &said)
    {
        lane_io::say::err(&format!("lane: on_sync hook: {why}"));
    }
    Ok(ExitCode::SUCCESS)
}

/// `lane merge-driver BASE OURS THEIRS`, as git runs it.
pub(super) fn merge_driver(base: &Path, ours: &Path, theirs: &Path) -> ExitCode {
    match lane_io::store::gitmerge::merge_driver(base, ours, theirs, local_now()) {
        Ok(_) => ExitCode::SUCCESS,
        // git records a conflict; ours stays whole, with no markers.
        Err(e) => {
            lane_io::say::err(&format!("lane merge-driver: {e:#}"));
            ExitCode::FAILURE
        }
    }
}
