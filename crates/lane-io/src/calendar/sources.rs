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
use lane_core::model::BlockKind;
use lane_core::model::text::visible;

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

/// Reads every configured calendar (or only `only`), in the user's zone.
pub fn configured(
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
        Reach::Sources => read_source(source, dirs, &kept, timeout, crate::clock::local_now()),
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
    // A copy a sync brought, of this very source, before this machine fetched.
    let synced =
        state.outcome == Outcome::Never && kept.about().is_some_and(|a| a.source == hash(source));
    match kept.copy() {
        Ok(Some(text)) if state.is_for(source) || synced => match parse(&text) {
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
    let why = match get(source, dirs, kept, &state, timeout) {
        Ok((Some(text), validators)) => match parse(&text) {
            Ok(parsed) => {
                state.succeeded(
                    &source.source,
                    now,
                    Outcome::Ok,
                    parsed.events.len(),
                    validators,
                );
                let saved = kept.keep(&text, &state).and_then(|()| {
                    kept.keep_about(&super::cache::About::of(
                        &source.name,
                        source.kind,
                        &source.source,
                    ))
                });
                return (
                    Some(parsed),
                    saved
                        .err()
                        .map(|e| format!("its copy could not be kept: {e:#}")),
                );
            }
            Err(e) => format!("{} is not a calendar: {e}", shorten(&source.source)),
        },
        Ok((None, validators)) => match parsed_copy(kept) {
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
    fall_back(kept, state, now, why)
}

/// What the source gave: a calendar's text (none when a URL said it is not
/// modified) and the validators to ask with next time; or why nothing came.
fn get(
    source: &Source,
    dirs: &Dirs,
    kept: &Kept,
    state: &State,
    timeout: Duration,
) -> Result<(Option<String>, Validators), String> {
    if let Some(why) = refused_scheme(&source.source) {
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
            Ok(Some(bytes)) => Ok((Some(super::ics::decode(&bytes)), Validators::default())),
            Ok(None) => Err(format!(
                "{} does not exist",
                visible(&path.display().to_string())
            )),
            Err(e) => Err(visible(&format!("{e:#}"))),
        }
    }
}

/// The copy kept, if it still parses: one a hand edit broke counts as none.
fn parsed_copy(kept: &Kept) -> Option<Parsed> {
    kept.copy().ok().flatten().and_then(|t| parse(&t).ok())
}

/// The source failed (`why`): the failure is noted and the copy kept, if
/// any, is used in its place.
fn fall_back(
    kept: &Kept,
    mut state: State,
    now: NaiveDateTime,
    why: String,
) -> (Option<Parsed>, Option<String>) {
    state.failed(now, &why);
    // Without the validators a copy that went missing is fetched whole next time.
    let copy = parsed_copy(kept);
    if copy.is_none() {
        state.etag = None;
        state.last_modified = None;
    }
    let _ = kept.save_state(&state);
    (copy, Some(why))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::config::Source;

    const CAL: &str = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:Standup\n\
                       DTSTART:20261123T090000Z\nDTEND:20261123T091500Z\nEND:VEVENT\nEND:VCALENDAR\n";

    fn cals(source: &str) -> Calendars {
        Calendars {
            sources: vec![Source {
                name: "work".into(),
                source: source.into(),
                kind: BlockKind::Meeting,
                refresh_minutes: 30,
            }],
            ..Calendars::default()
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn meetings(r: &Refreshed) -> usize {
        r.expanded.as_ref().map_or(0, |e| e.meetings.len())
    }

    #[test]
    fn copies_alone_need_no_source_and_a_changed_source_drops_the_old_copy() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = Dirs {
            config: dir.path(),
            data: &dir.path().join("data"),
        };
        let first = configured(&cals("a.ics"), &dirs, day(), None, Reach::Copies);
        assert_eq!(
            first[0].error.as_deref(),
            Some("not fetched yet: no copy kept")
        );
        assert!(!dirs.data.exists(), "reading copies writes nothing");

        std::fs::write(dir.path().join("a.ics"), CAL).unwrap();
        let read = configured(&cals("a.ics"), &dirs, day(), None, Reach::Sources);
        assert_eq!((meetings(&read[0]), read[0].error.as_deref()), (1, None));
        // The file goes: the source fails, the copy stands in; copies alone
        // still give the meeting and the reason it is not fresh.
        std::fs::remove_file(dir.path().join("a.ics")).unwrap();
        let read = configured(&cals("a.ics"), &dirs, day(), None, Reach::Sources);
        assert_eq!(meetings(&read[0]), 1);
        assert!(
            read[0]
                .error
                .as_deref()
                .unwrap()
                .ends_with("a.ics does not exist")
        );
        let copies = configured(&cals("a.ics"), &dirs, day(), None, Reach::Copies);
        assert_eq!(meetings(&copies[0]), 1);
        assert_eq!(copies[0].error, read[0].error);

        // Another source under the same name: the old copy is not its copy.
        let other = configured(&cals("b.ics"), &dirs, day(), None, Reach::Copies);
        assert_eq!(meetings(&other[0]), 0);
        let other = configured(&cals("b.ics"), &dirs, day(), None, Reach::Sources);
        assert_eq!(meetings(&other[0]), 0);
        let back = configured(&cals("a.ics"), &dirs, day(), None, Reach::Copies);
        assert_eq!(
            meetings(&back[0]),
            0,
            "forgotten once another source was read"
        );
    }

    #[test]
    fn a_calendar_that_does_not_parse_never_replaces_the_copy() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = Dirs {
            config: dir.path(),
            data: dir.path(),
        };
        std::fs::write(dir.path().join("a.ics"), CAL).unwrap();
        configured(&cals("a.ics"), &dirs, day(), None, Reach::Sources);
        std::fs::write(dir.path().join("a.ics"), "<html>").unwrap();
        let read = configured(&cals("a.ics"), &dirs, day(), Some("work"), Reach::Sources);
        assert_eq!(meetings(&read[0]), 1);
        let why = read[0].error.as_deref().unwrap();
        assert!(
            why.starts_with("a.ics is not a calendar: not an iCalendar file"),
            "{why}"
        );
        let kept = Kept::of(dir.path(), "work");
        assert_eq!(kept.copy().unwrap().as_deref(), Some(CAL));
        assert_eq!(kept.state().outcome, Outcome::Failed);
        assert!(configured(&cals("a.ics"), &dirs, day(), Some("home"), Reach::Sources).is_empty());
    }
}
