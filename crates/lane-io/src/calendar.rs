//! Calendars: ICS files and subscriptions brought in as meetings. Reading,
//! expanding and fetching live here; what it does to the data is one operation
//! in `model::calendar`.

pub mod cache;
pub mod config;
pub mod copies;
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

/// Reads every calendar (or only `only`): those configured, and — reading the
/// copies — those no calendar of the config names (a sync brought them, or
/// `lane import ics` kept them).
pub fn refresh(
    cals: &config::Calendars,
    dirs: &sources::Dirs,
    today: chrono::NaiveDate,
    only: Option<&str>,
    reach: sources::Reach,
) -> Vec<Refreshed> {
    let mut read = sources::configured(cals, dirs, today, only, reach);
    if reach == sources::Reach::Copies && only.is_none() {
        read.extend(copies::unconfigured(cals, dirs, today));
    }
    read
}

/// Makes what lane computes into `data`: the days of series (last week to the
/// days ahead, and the week of `looked_at`) and the meetings of every calendar
/// from the copy kept of it. Nothing is fetched: a command reads what the last
/// refresh brought.
pub fn compute(
    data: &mut Data,
    cals: &config::Calendars,
    dirs: &sources::Dirs,
    now: NaiveDateTime,
    looked_at: chrono::NaiveDate,
) {
    lane_core::model::series::materialise(data, now.date(), looked_at);
    let cals = cals.reaching(now.date(), looked_at);
    let copies = refresh(&cals, dirs, now.date(), None, sources::Reach::Copies);
    bring_in(data, &copies, now);
}

#[cfg(test)]
mod attack_tests;
