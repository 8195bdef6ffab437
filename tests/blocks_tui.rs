//! The Time blocks tab on screen: the day's timeline with the now-line and
//! totals, other days and the week grid, the timer and copying a day.

use crate::harness::{Harness, now};
use chrono::NaiveDate;
use lane::state::State;

/// A worked morning: one block done with its actual time, one running now, one
/// overlapping, one outside hours, and a meeting tomorrow.
const DAY: &str = r#"version = 1

[[priorities]]
id = 1
title = "Ship billing v2"
created = "2026-11-20"

[[blocks]]
id = 1
date = "2026-11-23"
start = "07:30"
end = "08:00"
title = "inbox"
kind = "admin"
actual_start = "2026-11-23T07:35"
actual_end = "2026-11-23T07:50"
done = true

[[blocks]]
id = 2
date = "2026-11-23"
start = "08:00"
end = "09:30"
title = "billing spec"
kind = "deep"
priority = 1
actual_start = "2026-11-23T08:02"

[[blocks]]
id = 3
date = "2026-11-23"
start = "09:00"
end = "10:00"
title = "vendor call"
kind = "meeting"

[[blocks]]
id = 4
date = "2026-11-23"
start = "13:00"
end = "15:00"
title = "review PRs"
kind = "shallow"

[[blocks]]
id = 5
date = "2026-11-24"
start = "10:00"
end = "11:00"
title = "planning"
kind = "meeting"
"#;

fn day_fixture(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    let data = lane::store::parse(std::path::Path::new("lane.toml"), DAY.as_bytes()).unwrap();
    h.state = State::new(data, crate::harness::rules(), 1, now());
    h.resize(width, height);
    h.keys("2");
    h
}

#[test]
fn the_day_timeline_shows_blocks_gaps_now_and_totals() {
    for (w, hgt) in [(80, 24), (120, 35), (200, 50)] {
        let mut h = day_fixture(w, hgt);
        let screen = h.screen();
        insta::assert_snapshot!(format!("day_{w}x{hgt}"), screen);
    }
    let mut h = day_fixture(120, 35);
    let screen = h.screen();
    assert!(screen.contains("08:10▸ "), "the now-line: {screen}");
    assert!(
        screen.contains("▶ billing spec 80m left"),
        "the running block counts down: {screen}"
    );
    assert!(screen.contains("outside hours"), "{screen}");
    assert!(screen.contains("overlap"), "{screen}");
    assert!(screen.contains("worked 15m"), "planned vs actual: {screen}");
}

#[test]
fn days_and_the_week_grid() {
    let mut h = day_fixture(120, 35);
    h.keys("]");
    assert!(h.screen().contains("Tuesday 24 November 2026"));
    assert!(h.screen().contains("planning 10:00-11:00"));
    h.keys("[[");
    assert!(h.screen().contains("Sunday 22 November 2026"));
    h.keys("t");
    assert!(h.screen().contains("Monday 23 November 2026  today"));
    h.keys("w");
    let screen = h.screen();
    assert!(screen.contains("Week of 23 November 2026"), "{screen}");
    assert!(screen.contains("deep 1h30"), "{screen}");
    insta::assert_snapshot!("week_120x35", screen);
    h.keys("]");
    assert!(h.screen().contains("Week of 30 November 2026"));
}

#[test]
fn s_starts_and_stops_and_c_copies_a_day() {
    let mut h = day_fixture(120, 35);
    // Rows in time order: inbox, billing spec (running), vendor call, review PRs.
    h.keys("gjj");
    assert_eq!(h.state.selected_id(), Some(3));
    h.keys("s");
    assert!(
        h.screen()
            .contains("started “vendor call” (stopped “billing spec”)")
    );
    h.keys("s");
    assert!(h.screen().contains("stopped “vendor call” after 0m"));
    h.keys("c");
    assert!(h.screen().contains("Copy the plan of Mon 23 Nov"));
    h.keys("<enter>");
    let screen = h.screen();
    assert!(screen.contains("copied 4 blocks to Tue 24 Nov"), "{screen}");
    assert!(
        screen.contains("Tuesday 24 November 2026"),
        "shows the day it copied to"
    );
    assert_eq!(
        h.state
            .data()
            .blocks_on(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
            .count(),
        5
    );
    h.keys("u");
    assert_eq!(h.state.data().blocks.len(), 5, "undo takes the copy back");
}
