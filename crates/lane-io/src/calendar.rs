//! Calendars: ICS files and subscriptions brought in as meetings. Reading,
//! expanding and fetching live here; what it does to the data is one operation
//! in `model::calendar`.

pub mod cache;
pub mod config;
pub mod expand;
pub mod fetch;
pub mod ics;
pub mod sources;
pub mod zones;

use chrono::NaiveDateTime;

use lane_core::model::Data;
use lane_core::model::calendar::{Applied, apply};
use sources::Refreshed;

/// Brings what each calendar holds now into the data (one `model::calendar`
/// operation per calendar); a calendar that could not be read changes nothing.
/// Says, per calendar, what changed.
pub fn bring_in(
    data: &mut Data,
    refreshed: &[Refreshed],
    now: NaiveDateTime,
) -> Vec<(String, Applied)> {
    refreshed
        .iter()
        .filter_map(|r| {
            let e = r.expanded.as_ref()?;
            Some((
                r.name.clone(),
                apply(data, &r.name, r.kind, &e.meetings, r.window, now),
            ))
        })
        .collect()
}

#[cfg(test)]
mod attack_tests;
