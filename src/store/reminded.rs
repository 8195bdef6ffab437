//! The reminders this machine has sent (`lane.reminded.toml`): the app and
//! `lane remind` both claim from it, so a reminder one of them showed is never
//! sent again by the other.

use std::path::Path;

use chrono::NaiveDateTime;
use color_eyre::eyre::{Result, WrapErr};

use crate::model::remind::{Reminder, Sent};

/// The file, beside the data (device-local: sync leaves it out).
pub const SENT_FILE: &str = "lane.reminded.toml";

/// The reminders of `due` not sent before from this data directory, recorded
/// as sent before they are returned. A file that does not read starts afresh.
pub fn claim_reminders(
    dir: &Path,
    due: Vec<Reminder>,
    now: NaiveDateTime,
) -> Result<Vec<Reminder>> {
    let path = dir.join(SENT_FILE);
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
