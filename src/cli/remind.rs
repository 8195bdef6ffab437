//! `lane remind`: the reminders due now, each printed (and sent to
//! `notify_command`) once — for cron or a systemd timer while the app is closed.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use color_eyre::eyre::{Result, WrapErr};

use lane_core::model::remind::due;
use lane_io::config::Config;
use lane_io::store::{Access, Store};

/// How long a notify command may take before it is stopped.
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(5);

pub(super) fn run(data_dir: &Path, config_dir: &Path, json: bool) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let now = lane_io::clock::local_now();
    let (store, mut data) = Store::open(data_dir, Access::Read)?;
    // Today's repeating blocks and meetings: computed, never kept.
    super::series::compute(&mut data, &config, (data_dir, config_dir), now, None);
    // Claimed (recorded as sent) before printing: what the app showed, or an
    // earlier run sent, is left out.
    let fresh = lane_io::store::claim_reminders(
        store.dir(),
        due(&data, &config.rules, config.remind_before_minutes, now),
        now,
    )?;
    if json {
        lane_io::say::line(&lane_io::say::json(&fresh).wrap_err("cannot write JSON")?);
    } else {
        for r in &fresh {
            lane_io::say::row(&r.text);
        }
    }
    let Some(cmd) = &config.notify_command else {
        return Ok(ExitCode::SUCCESS);
    };
    // A reminder whose notifier failed was not sent: it is released, so the next
    // run tries again (from cron, a notifier often fails for want of the
    // desktop session's bus).
    let mut failed = Vec::new();
    for r in &fresh {
        if let Err(why) = notify(cmd, &r.text) {
            lane_io::say::err(&format!(
                "lane: notify_command: {why}{}; not marked sent, the next run tries again",
                bus_hint()
            ));
            failed.push(r.key.clone());
        }
    }
    lane_io::store::release_reminders(store.dir(), &failed)?;
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Why a desktop notifier may fail here: no session bus in the environment
/// (cron gives none; a systemd user timer does).
fn bus_hint() -> &'static str {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        " (DBUS_SESSION_BUS_ADDRESS is not set here, as under cron: desktop \
         notifications need it — see docs/reminders.md)"
    } else {
        ""
    }
}

/// Runs `cmd` with the reminder as its last argument (`"$1"`), like a hook.
fn notify(cmd: &str, text: &str) -> Result<(), String> {
    let quoted = format!(
        "'{}'",
        lane_core::model::text::visible(text).replace('\'', r"'\''")
    );
    lane_io::hooks::run(&format!("{cmd} {quoted}"), "", NOTIFY_TIMEOUT)
}
