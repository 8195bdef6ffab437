//! The calendars' copies as every machine sees them. A copy (`<hash>.ics`)
//! and a note of what it is (`<hash>.about`: the calendar's name, the kind its
//! meetings take, a hash of its source — never the source, which may hold a
//! secret URL) travel with `lane sync`; the fetch state (`<hash>.toml`) stays
//! on its machine. So a second machine lists the meetings without the
//! calendar in its config, and a file brought in by `lane import ics` keeps
//! its meetings computed from its copy like a subscription's.

use std::path::Path;

use chrono::{Local, NaiveDate};
use color_eyre::eyre::Result;

use super::cache::{About, DIR, Kept, MAX_BYTES};
use super::config::Calendars;
use super::ics::parse;
use super::sources::{Dirs, Refreshed};
use lane_core::model::BlockKind;

/// The copies no calendar of this machine's config names: brought by a sync
/// from a machine that has the calendar, or kept by `lane import ics`. Each is
/// read and expanded for the window, with the kind its note gives.
pub fn unconfigured(cals: &Calendars, dirs: &Dirs, today: NaiveDate) -> Vec<Refreshed> {
    let window = cals.window(today);
    abouts(dirs.data)
        .into_iter()
        .filter(|a| !cals.sources.iter().any(|s| s.name == a.name))
        .map(|about| read(dirs.data, about, window))
        .collect()
}

/// Every copy's note in the data dir, in the order of the calendars' names
/// (the file names are hashes), each name once.
fn abouts(data_dir: &Path) -> Vec<About> {
    let Ok(entries) = std::fs::read_dir(data_dir.join(DIR)) else {
        return Vec::new();
    };
    let mut abouts: Vec<About> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "about"))
        .filter_map(|e| About::read(&e.path()))
        .collect();
    abouts.sort_by(|a, b| a.name.cmp(&b.name));
    abouts.dedup_by(|a, b| a.name == b.name);
    abouts
}

/// Keeps an imported file's text as the copy of the calendar `name`, so its
/// meetings are computed from it from now on (and travel with a sync).
pub fn keep_import(data_dir: &Path, name: &str, kind: BlockKind, text: &str) -> Result<()> {
    let kept = Kept::of(data_dir, name);
    let state = super::cache::State::new(&format!("import:{name}"));
    kept.keep(text, &state)?;
    kept.keep_about(&About::of(name, kind, &format!("import:{name}")))
}

/// The calendar already kept whose events are these (every event of one is in
/// the other): the same file imported under another name (`basic (1).ics`).
pub fn same_calendar(data_dir: &Path, parsed: &super::ics::Parsed) -> Option<String> {
    use std::collections::HashSet;
    let uids: HashSet<&str> = parsed.events.iter().map(|e| e.uid.as_str()).collect();
    if uids.is_empty() {
        return None;
    }
    abouts(data_dir).into_iter().map(|a| a.name).find(|name| {
        let Ok(Some(bytes)) =
            crate::store::read_capped(&Kept::of(data_dir, name).copy_path(), MAX_BYTES)
        else {
            return false;
        };
        let Ok(other) = parse(&super::ics::decode(&bytes)) else {
            return false;
        };
        let theirs: HashSet<&str> = other.events.iter().map(|e| e.uid.as_str()).collect();
        !theirs.is_empty() && (uids.is_subset(&theirs) || theirs.is_subset(&uids))
    })
}

fn read(data_dir: &Path, about: About, window: (NaiveDate, NaiveDate)) -> Refreshed {
    let kept = Kept::of(data_dir, &about.name);
    let (expanded, error) = match super::expanded::of_copy(&kept, window, &Local) {
        Some(Ok(expanded)) => (Some(expanded), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, Some("its copy is missing".to_string())),
    };
    Refreshed {
        name: about.name,
        kind: about.kind,
        window,
        expanded,
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::config::Source;
    use crate::calendar::refresh;
    use crate::calendar::sources::Reach;

    const CAL: &str = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:Standup\n\
                       DTSTART:20261123T090000Z\nDTEND:20261123T091500Z\nEND:VEVENT\nEND:VCALENDAR\n";

    #[test]
    fn a_copy_from_another_machine_is_read_without_the_calendar_configured() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ics"), CAL).unwrap();
        let data = dir.path().join("data");
        let dirs = Dirs {
            config: dir.path(),
            data: &data,
        };
        let cals = Calendars {
            sources: vec![Source {
                name: "work".into(),
                source: "a.ics".into(),
                kind: BlockKind::Admin,
                refresh_minutes: 30,
            }],
            ..Calendars::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        refresh(&cals, &dirs, today, None, Reach::Sources);
        // This machine names it: it is not read twice.
        assert!(unconfigured(&cals, &dirs, today).is_empty());
        // A machine without it in its config reads the copy, with its kind;
        // the note names no source.
        let other = unconfigured(&Calendars::default(), &dirs, today);
        assert_eq!(other.len(), 1);
        assert_eq!(
            (other[0].name.as_str(), other[0].kind),
            ("work", BlockKind::Admin)
        );
        assert_eq!(other[0].expanded.as_ref().unwrap().meetings.len(), 1);
        let note = std::fs::read_to_string(Kept::of(&data, "work").about_path()).unwrap();
        assert!(!note.contains("a.ics"), "{note}");
        // The same config on a machine with no fetch state yet uses the copy.
        std::fs::remove_file(Kept::of(&data, "work").state_path()).unwrap();
        let copies = refresh(&cals, &dirs, today, None, Reach::Copies);
        assert_eq!(copies[0].expanded.as_ref().unwrap().meetings.len(), 1);
    }
}
