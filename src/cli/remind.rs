//! `lane remind`: the reminders due now, each printed (and sent to
//! `notify_command`) once — for cron or a systemd timer while the app is closed.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use color_eyre::eyre::{Result, WrapErr};

use crate::config::Config;
use crate::model::remind::due;
use crate::store::{Access, Store};

/// How long a notify command may take before it is stopped.
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(5);

pub(super) fn run(data_dir: &Path, config_dir: &Path, json: bool) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let now = crate::app::local_now();
    let (store, mut data) = Store::open(data_dir, Access::Read)?;
    // Today's repeating blocks, even when nothing wrote for two weeks.
    super::series::materialise(&mut data, now.date(), None);
    // Claimed (recorded as sent) before printing: what the app showed, or an
    // earlier run sent, is left out.
    let fresh = crate::store::claim_reminders(
        store.dir(),
        due(&data, &config.rules, config.remind_before_minutes, now),
        now,
    )?;
    if json {
        crate::say::line(&crate::say::json(&fresh).wrap_err("cannot write JSON")?);
    } else {
        for r in &fresh {
            crate::say::line(&r.text);
        }
    }
    for r in &fresh {
        if let Some(cmd) = &config.notify_command
            && let Err(why) = notify(cmd, &r.text)
        {
            crate::say::err(&format!("lane: notify_command: {why}"));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `cmd` with the reminder as its last argument (`"$1"`), like a hook.
fn notify(cmd: &str, text: &str) -> Result<(), String> {
    let quoted = format!(
        "'{}'",
        crate::model::text::visible(text).replace('\'', r"'\''")
    );
    crate::hooks::run(&format!("{cmd} {quoted}"), "", NOTIFY_TIMEOUT)
}
