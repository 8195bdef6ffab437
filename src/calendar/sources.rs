//! Reading every calendar: each source read (a file) or fetched (a URL), its
//! last good copy used when that fails, and expanded for the window. One bad
//! calendar never stops the others.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate, TimeZone};

use super::config::{Calendars, Source};
use super::expand::{Expanded, expand};
use crate::model::BlockKind;

/// What one calendar gave this time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refreshed {
    pub name: String,
    pub kind: BlockKind,
    pub window: (NaiveDate, NaiveDate),
    /// What the calendar holds now: from the source, or its last good copy.
    /// `None` when neither could be read.
    pub expanded: Option<Expanded>,
    /// Why the source could not be read or understood this time.
    pub error: Option<String>,
}

/// Where a file source is: `~/` is the home directory, a relative path is
/// relative to the config dir (the app and a cron job start in different places).
pub fn path_of(source: &str, config_dir: &Path) -> PathBuf {
    if let Some(rest) = source.strip_prefix("~/")
        && let Some(home) = directories::BaseDirs::new()
    {
        return home.home_dir().join(rest);
    }
    config_dir.join(source)
}

/// How far a refresh may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Fetch URLs and read files; keep what came as the last good copy.
    Sources,
    /// Only the last good copies in the data dir: no network, no waiting
    /// (the app's first frame).
    Copies,
}

/// Where lane keeps what it knows of each calendar.
pub struct Dirs<'a> {
    pub config: &'a Path,
    pub data: &'a Path,
}

/// Reads every calendar (or only `only`), in the user's zone.
pub fn refresh(
    cals: &Calendars,
    dirs: &Dirs,
    today: NaiveDate,
    only: Option<&str>,
    reach: Reach,
) -> Vec<Refreshed> {
    cals.sources
        .iter()
        .filter(|s| only.is_none_or(|o| o == s.name))
        .map(|s| read_one(s, dirs, cals.window(today), reach, &Local))
        .collect()
}

fn read_one(
    source: &Source,
    dirs: &Dirs,
    window: (NaiveDate, NaiveDate),
    reach: Reach,
    local: &impl TimeZone,
) -> Refreshed {
    let config_dir = dirs.config;
    let text = if reach == Reach::Copies {
        Err("no copy kept yet".to_string())
    } else if source.is_url() {
        Err("subscriptions over the network are not read yet".to_string())
    } else {
        let path = path_of(&source.source, config_dir);
        match crate::store::read_text(&path) {
            Ok(Some(t)) => Ok(t),
            Ok(None) => Err(format!("{} does not exist", path.display())),
            Err(e) => Err(format!("{e:#}")),
        }
    };
    let (expanded, error) = match text.and_then(|t| super::ics::parse(&t)) {
        Ok(parsed) => (Some(expand(&parsed, local, window)), None),
        Err(e) => (None, Some(e)),
    };
    Refreshed {
        name: source.name.clone(),
        kind: source.kind,
        window,
        expanded,
        error,
    }
}
