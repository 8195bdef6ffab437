//! The reminders this machine has sent (`lane.reminded.toml`): the app and
//! `lane remind` both claim from it, so a reminder one of them showed is never
//! sent again by the other.

use std::path::Path;

use chrono::NaiveDateTime;
use color_eyre::eyre::{Result, WrapErr};

use lane_core::model::remind::{Reminder, Sent};

/// The file, beside the data (device-local: sync leaves it out).
pub const SENT_FILE: &str = "lane.reminded.toml";
const SENT_LOCK: &str = "lane.reminded.lock";

/// The reminders of `due` not sent before from this data directory, recorded
/// as sent before they are returned. A file that does not read starts afresh.
pub fn claim_reminders(
    dir: &Path,
    due: Vec<Reminder>,
    now: NaiveDateTime,
) -> Result<Vec<Reminder>> {
    let path = dir.join(SENT_FILE);
    // The app and a cron job may claim in the same moment: one at a time, so a
    // reminder is claimed by one of them only. Claims are short; this waits.
    super::create_private_dir(dir)?;
    let lock = super::fsio::open_lock(&dir.join(SENT_LOCK))?;
    lock.lock().wrap_err("cannot lock the reminders sent")?;
    let mut sent: Sent = super::read_text(&path)?
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default();
    let fresh = sent.claim(due, now);
    if !fresh.is_empty() {
        let text = toml::to_string(&sent).wrap_err("cannot write the reminders sent")?;
        super::write_beside(&path, text.as_bytes())?;
    }
    Ok(fresh)
}

/// Forgets the reminders named `keys` (their notifier failed), under the same
/// lock, so the next `lane remind` or the app sends them again.
pub fn release_reminders(dir: &Path, keys: &[String]) -> Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    let path = dir.join(SENT_FILE);
    let lock = super::fsio::open_lock(&dir.join(SENT_LOCK))?;
    lock.lock().wrap_err("cannot lock the reminders sent")?;
    let Some(mut sent) = super::read_text(&path)?.and_then(|t| toml::from_str::<Sent>(&t).ok())
    else {
        return Ok(());
    };
    sent.release(keys);
    let text = toml::to_string(&sent).wrap_err("cannot write the reminders sent")?;
    super::write_beside(&path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_claiming_at_once_send_each_reminder_once() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
            .unwrap()
            .and_hms_opt(8, 58, 0)
            .unwrap();
        let due = || {
            (0..20)
                .map(|i| Reminder {
                    key: format!("start:u{i}:2026-11-30"),
                    text: format!("block {i} starts"),
                })
                .collect::<Vec<_>>()
        };
        let claims: Vec<usize> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| s.spawn(|| claim_reminders(dir.path(), due(), now).unwrap().len()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(claims.iter().sum::<usize>(), 20, "{claims:?}");
    }
}
