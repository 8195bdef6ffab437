//! The calendars' copies travel with a sync: a machine that never configured
//! a calendar still shows its meetings (computed from the copy). Only the
//! copies and their notes go; each machine's fetch state (`*.toml`) stays.
//! Two machines that fetched the same calendar each keep their own copy when
//! both changed it (the next fetch brings both up to date): git merges copies
//! with lane's `lane-copy` driver, which keeps ours.

use std::path::Path;

use color_eyre::eyre::Result;

use crate::store;

/// The driver `.gitattributes` names for copies; `true` keeps our side.
pub const COPY_DRIVER: &str = "lane-copy";

/// What `.gitattributes` says of the copies.
pub const ATTRIBUTES: [&str; 2] = [
    "calendars/*.ics merge=lane-copy",
    "calendars/*.about merge=lane-copy",
];

/// What stays on this machine: the fetch state of each calendar (and what
/// the forges said of blockers' links), and each copy's expanded meetings.
pub const IGNORED: [&str; 2] = ["calendars/*.toml", "calendars/*.json"];

/// The archive's index (`archive/YYYY.index`): a cache of the year files,
/// made again on any machine, never committed. Kept here with the other lines
/// a data dir synced by an older lane is brought up to date with.
pub const ARCHIVE_INDEX: &str = "archive/*.index";

/// The line a data dir synced by an older lane ignores every copy with.
const IGNORED_BEFORE: &str = "calendars/";

/// Brings a data dir synced by an older lane up to date: its `.gitignore`
/// no longer ignores the copies, and `.gitattributes` names their driver.
pub fn keep_current(dir: &Path) -> Result<()> {
    let path = dir.join(".gitignore");
    if let Some(text) = store::read_text(&path)?
        && text.lines().any(|l| l.trim() == IGNORED_BEFORE)
    {
        let kept: String = text
            .lines()
            .filter(|l| l.trim() != IGNORED_BEFORE)
            .map(|l| format!("{l}\n"))
            .collect();
        store::write_private(&path, kept.as_bytes())?;
    }
    if path.exists() {
        super::add_lines(&path, &IGNORED)?;
        // Synced before the archive had an index: the index stays here too.
        super::add_lines(&path, &[ARCHIVE_INDEX])?;
    }
    let attributes = dir.join(".gitattributes");
    if attributes.exists() {
        super::add_lines(&attributes, &ATTRIBUTES)?;
    }
    Ok(())
}
