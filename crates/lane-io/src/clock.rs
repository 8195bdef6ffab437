//! The one clock. Everything that needs "now" asks here once and passes the
//! answer down, so the rest of lane is a function of its inputs.

use chrono::{Local, NaiveDateTime};

/// The local time, or `LANE_NOW` (`2026-11-27T17:30`) when set: tests, golden
/// reports and screenshots pin the clock with it, and a user can plan ahead
/// by looking at a day as it will be.
#[allow(clippy::disallowed_methods)] // the one reader of the wall clock
pub fn local_now() -> NaiveDateTime {
    std::env::var("LANE_NOW")
        .ok()
        .and_then(|t| NaiveDateTime::parse_from_str(&t, "%Y-%m-%dT%H:%M").ok())
        .unwrap_or_else(|| Local::now().naive_local())
}

/// A new item's uid: a ULID, which reads the system clock for its time part,
/// so it is made here beside the one other reader of the clock.
#[allow(clippy::disallowed_methods)] // the one maker of clock-based uids
pub fn new_uid() -> String {
    ulid::Ulid::new().to_string()
}
