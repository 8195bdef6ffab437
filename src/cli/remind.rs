//! `lane remind`: the reminders due now, each printed (and sent to
//! `notify_command`) once — for cron or a systemd timer while the app is closed.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use chrono::NaiveDateTime;
use color_eyre::eyre::{Result, WrapErr};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::model::remind::{Reminder, due};
use crate::store::{Access, Store};

/// What this machine already sent (device-local, kept out of sync).
pub const SENT_FILE: &str = "lane.reminded.toml";
/// How long a notify command may take before it is stopped.
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Serialize, Deserialize, Default)]
struct Sent {
    #[serde(default)]
    sent: Vec<SentOne>,
}

#[derive(Serialize, Deserialize)]
struct SentOne {
    key: String,
    #[serde(with = "crate::model::items::local_instant")]
    at: NaiveDateTime,
}

pub(super) fn run(data_dir: &Path, config_dir: &Path, json: bool) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let now = crate::app::local_now();
    let (store, data) = Store::open(data_dir, Access::Read)?;
    let path = store.dir().join(SENT_FILE);
    let mut sent: Sent = crate::store::read_text(&path)?
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default();
    let fresh: Vec<Reminder> = due(&data, &config.rules, config.remind_before_minutes, now)
        .into_iter()
        .filter(|r| !sent.sent.iter().any(|s| s.key == r.key))
        .collect();
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
    if fresh.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    // Remembered two days: long enough to never send one twice, short enough
    // that the file stays a few lines.
    let keep_after = now - chrono::Duration::days(2);
    sent.sent.retain(|s| s.at > keep_after);
    sent.sent.extend(fresh.into_iter().map(|r| SentOne {
        key: r.key,
        at: now,
    }));
    let text = toml::to_string(&sent).wrap_err("cannot write the reminders sent")?;
    crate::store::write_beside(&path, text.as_bytes())?;
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
