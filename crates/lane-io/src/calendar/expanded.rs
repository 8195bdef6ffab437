//! A copy's meetings, expanded once. Every command reads the meetings (lane
//! computes them, lane.toml no longer keeps them), and parsing and expanding a
//! calendar of thousands of events costs far more than the command itself; so
//! what a copy gives for a window is kept beside it (`<hash>.expanded.json`,
//! this machine's, never synced) and used while the copy, the window and the
//! zone are the same.

use chrono::{NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};

use super::cache::{Kept, MAX_BYTES};
use super::expand::{Expanded, expand};

/// The largest cache lane reads back: past it, the copy is expanded afresh.
const MAX_CACHE_BYTES: u64 = 32 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct Cached {
    key: String,
    expanded: Expanded,
}

/// What the copy kept gives for `window` in `local`'s zone: from the cache
/// when it was made from this very copy for this window and zone, else read,
/// parsed and expanded (and cached, best effort). `None`: no copy.
pub fn of_copy(
    kept: &Kept,
    window: (NaiveDate, NaiveDate),
    local: &impl TimeZone,
) -> Option<Result<Expanded, String>> {
    let meta = std::fs::symlink_metadata(kept.copy_path()).ok()?;
    let key = key_of(&meta, window, local);
    let path = kept.copy_path().with_extension("expanded.json");
    if let Ok(Some(bytes)) = crate::store::read_capped(&path, MAX_CACHE_BYTES)
        && let Ok(cached) = serde_json::from_slice::<Cached>(&bytes)
        && cached.key == key
    {
        return Some(Ok(cached.expanded));
    }
    let text = match crate::store::read_capped(&kept.copy_path(), MAX_BYTES) {
        Ok(Some(bytes)) => super::ics::decode(&bytes),
        Ok(None) => return None,
        Err(e) => return Some(Err(format!("{e:#}"))),
    };
    let parsed = match super::ics::parse(&text) {
        Ok(p) => p,
        Err(e) => return Some(Err(format!("the copy kept is not a calendar: {e}"))),
    };
    let expanded = expand(&parsed, local, window);
    let cached = Cached { key, expanded };
    if let Ok(json) = serde_json::to_vec(&cached) {
        let _ = crate::store::write_private(&path, &json);
    }
    Some(Ok(cached.expanded))
}

/// The copy's size, time and inode, the window, and the zone's offsets over
/// it (a zone changed since, by TZ or the system, gives other offsets).
fn key_of(
    meta: &std::fs::Metadata,
    window: (NaiveDate, NaiveDate),
    local: &impl TimeZone,
) -> String {
    use std::os::unix::fs::MetadataExt;
    let offset = |d: NaiveDate| {
        d.and_hms_opt(12, 0, 0)
            .and_then(|t| local.from_local_datetime(&t).earliest())
            .map(|t| t.naive_utc().to_string())
            .unwrap_or_default()
    };
    // The leading number is how lane expands: 2 since a meeting past midnight
    // ends its first day at 24:00, not 23:59 — a cache of 1 is expanded afresh.
    format!(
        "2|{}|{}.{}|{}|{}..{}|{}|{}",
        meta.len(),
        meta.mtime(),
        meta.mtime_nsec(),
        meta.ino(),
        window.0,
        window.1,
        offset(window.0),
        offset(window.1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use lane_core::model::calendar::Meeting;
    use lane_core::model::time_of_day::END_OF_DAY;

    #[test]
    fn a_meeting_to_24_00_reads_back_from_the_cache_as_it_was() {
        let date = NaiveDate::from_ymd_opt(2026, 10, 24).unwrap();
        let meeting = Meeting {
            event: "night".into(),
            instance: String::new(),
            title: "Night shift".into(),
            date,
            start: chrono::NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
            end: END_OF_DAY,
        };
        let cached = Cached {
            key: "k".into(),
            expanded: Expanded {
                meetings: vec![meeting],
                ..Expanded::default()
            },
        };
        let json = serde_json::to_vec(&cached).unwrap();
        let back: Cached = serde_json::from_slice(&json).unwrap();
        assert_eq!(back.expanded, cached.expanded);
        assert_eq!(back.expanded.meetings[0].end, END_OF_DAY);
    }
}
