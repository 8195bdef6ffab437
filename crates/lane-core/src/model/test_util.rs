//! Builders the unit tests share (here and, through the `test-util` feature,
//! in lane-io and lane-tui): dates, times and blocks from text, and `cases()`,
//! how many cases the property tests run.

// Test input is literal: a bad one should fail the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::form::{Ctx, FieldError, initial_values, save};
use super::{Block, BlockKind, Data, Kind, WorkingHours};

/// How many cases a property test, fuzzer or random loop runs: `default` in a
/// plain `cargo test` (all of them, every crate, stay under 20 000 so the suite
/// fits CI), `long` with `LANE_LONG_TESTS=1` (docs/testing.md). PROPTEST_CASES,
/// when set, still overrides either in a `proptest!` block.
pub fn cases(default: u32, long: u32) -> u32 {
    let long_tests = std::env::var("LANE_LONG_TESTS").is_ok_and(|v| !v.is_empty() && v != "0");
    if long_tests { long } else { default }
}

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn t(hm: &str) -> NaiveTime {
    NaiveTime::parse_from_str(hm, "%H:%M").unwrap()
}

pub fn at(d: &str, hm: &str) -> NaiveDateTime {
    day(d).and_time(t(hm))
}

/// Block `id` on `date` from `start` to `end`, titled `b{id}`, nothing else set.
pub fn block(id: u32, date: &str, start: &str, end: &str, kind: BlockKind) -> Block {
    Block::planned(
        id,
        String::new(),
        day(date),
        (t(start), t(end)),
        format!("b{id}"),
        kind,
    )
}

/// Monday 23 November 2026, 08:10: the time the form tests type at.
pub fn monday() -> NaiveDateTime {
    at("2026-11-23", "08:10")
}

/// Adds an item through the form with these fields typed (by key); the rest keep
/// their defaults. The first item of a kind gets the uid "U", the next ones
/// "U2", "U3", … (a uid is an item's own: two with one are refused).
pub fn add(data: &mut Data, kind: Kind, typed: &[(&str, &str)]) -> Result<u32, Vec<FieldError>> {
    let now = monday();
    let list = data.list(kind);
    let uid = match (0..list.len()).any(|i| list.uid_at(i) == Some("U")) {
        true => format!("U{}", data.next_id(kind)),
        false => "U".to_string(),
    };
    let values = typed
        .iter()
        .fold(initial_values(data, kind, None, now.date()), |v, (k, x)| {
            v.with(k, *x)
        });
    let hours = WorkingHours::default();
    let ctx = Ctx {
        now,
        hours: &hours,
        boundaries: &crate::model::triage::Boundaries::default(),
        uid,
    };
    save(data, kind, None, &values, ctx)
}
