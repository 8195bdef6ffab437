//! Reading every calendar: each source read (a file) or fetched (a URL), its
//! last good copy used when that fails, and expanded for the window. One bad
//! calendar never stops the others.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone};

use super::cache::{Kept, MAX_BYTES, Outcome, State, Validators, hash};
use super::config::{Calendars, Source, url_of};
use super::expand::{Expanded, expand};
use super::fetch::{self, Fetched, refused_scheme, shorten};
use super::ics::{Parsed, parse};
use crate::model::BlockKind;
use crate::model::text::visible;

/// What one calendar gave this time.
#[derive(Debug)]
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
        .map(|s| {
            let timeout = Duration::from_secs(cals.timeout_seconds);
            read_one(s, dirs, timeout, cals.window(today), reach, &Local)
        })
        .collect()
}

fn read_one(
    source: &Source,
    dirs: &Dirs,
    timeout: Duration,
    window: (NaiveDate, NaiveDate),
    reach: Reach,
    local: &impl TimeZone,
) -> Refreshed {
    let kept = Kept::of(dirs.data, &source.name);
    let (text, error) = match reach {
        Reach::Copies => copy_only(&kept, &source.source),
        Reach::Sources => read_source(source, dirs, &kept, timeout, crate::app::local_now()),
    };
    let expanded = text.map(|parsed| expand(&parsed, local, window));
    Refreshed {
        name: source.name.clone(),
        kind: source.kind,
        window,
        expanded,
        error,
    }
}

/// The last good copy, and the last attempt's error (the app's first frame
/// shows that a calendar is failing before it fetches again).
fn copy_only(kept: &Kept, source: &str) -> (Option<Parsed>, Option<String>) {
    let state = kept.state();
    match kept.copy() {
        Ok(Some(text)) if state.is_for(source) => match parse(&text) {
            Ok(parsed) => (Some(parsed), state.error),
            Err(e) => (None, Some(format!("the copy kept is not a calendar: {e}"))),
        },
        Ok(_) => (
            None,
            Some(
                state
                    .error
                    .filter(|_| state.source == hash(source))
                    .unwrap_or_else(|| "not fetched yet: no copy kept".to_string()),
            ),
        ),
        Err(e) => (None, Some(format!("{e:#}"))),
    }
}

/// Reads or fetches the source; a good calendar becomes the copy, and when it
/// fails the copy is used with the reason. Returns the calendar to use (if
/// any) and why it is not the source's fresh one (if so).
fn read_source(
    source: &Source,
    dirs: &Dirs,
    kept: &Kept,
    timeout: Duration,
    now: NaiveDateTime,
) -> (Option<Parsed>, Option<String>) {
    let mut state = kept.state();
    if !state.is_for(&source.source) {
        // The config names another source now: what was kept of the old one
        // is never shown nor revalidated as this one's.
        state = State::new(&source.source);
        kept.forget_copy();
    }
    // A copy that no longer parses (edited by hand) counts as none.
    let copy = || kept.copy().ok().flatten().and_then(|t| parse(&t).ok());
    let got = if let Some(why) = refused_scheme(&source.source) {
        Err(why)
    } else if let Some(url) = url_of(&source.source) {
        let validators = state.validators(&source.source, kept.copy_path().is_file());
        fetch::get(&url, &validators, timeout).map(|f| match f {
            Fetched::Body { text, validators } => (Some(text), validators),
            Fetched::NotModified => (None, Validators::default()),
        })
    } else {
        let path = path_of(&source.source, dirs.config);
        match crate::store::read_capped(&path, MAX_BYTES) {
            Ok(Some(bytes)) => Ok((
                Some(String::from_utf8_lossy(&bytes).into_owned()),
                Validators::default(),
            )),
            Ok(None) => Err(format!(
                "{} does not exist",
                visible(&path.display().to_string())
            )),
            Err(e) => Err(visible(&format!("{e:#}"))),
        }
    };
    let why = match got {
        Ok((Some(text), validators)) => match parse(&text) {
            Ok(parsed) => {
                state.succeeded(
                    &source.source,
                    now,
                    Outcome::Ok,
                    parsed.events.len(),
                    validators,
                );
                let saved = kept.keep(&text, &state);
                return (
                    Some(parsed),
                    saved
                        .err()
                        .map(|e| format!("its copy could not be kept: {e:#}")),
                );
            }
            Err(e) => format!("{} is not a calendar: {e}", shorten(&source.source)),
        },
        Ok((None, validators)) => match copy() {
            Some(parsed) => {
                let events = parsed.events.len();
                state.succeeded(
                    &source.source,
                    now,
                    Outcome::NotModified,
                    events,
                    validators,
                );
                let saved = kept.save_state(&state);
                return (Some(parsed), saved.err().map(|e| format!("{e:#}")));
            }
            // Only asked conditionally with a copy; it went meanwhile.
            None => format!(
                "{} said not modified, but no copy is kept: refresh again",
                shorten(&source.source)
            ),
        },
        Err(why) => why,
    };
    state.failed(now, &why);
    // Without the validators a copy that went missing is fetched whole next time.
    let copy = copy();
    if copy.is_none() {
        state.etag = None;
        state.last_modified = None;
    }
    let _ = kept.save_state(&state);
    (copy, Some(why))
}
