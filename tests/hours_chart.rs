//! Issue 21, the Review tab's hours against the cap for the last 14 days, from
//! `overtime::loads`: a cell a day, full (and marked) over the cap.

use std::fs;

use crate::common::lane;
use crate::harness::{Harness, now};
use lane::state::State;

fn at(dir: &tempfile::TempDir, when: &str, args: &[&str]) {
    lane(dir)
        .env("LANE_NOW", when)
        .args(args)
        .assert()
        .success();
}

/// Thursday and Friday worked 08:00–19:00 (11h against 9h30), Saturday 2h on a
/// day off, Tuesday 4h.
fn week() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (id, (date, from, to)) in [
        ("2026-11-17", "09:00", "13:00"),
        ("2026-11-19", "08:00", "19:00"),
        ("2026-11-20", "08:00", "19:00"),
        ("2026-11-21", "10:00", "12:00"),
    ]
    .iter()
    .enumerate()
    {
        let span = format!("{from}-{to} work");
        at(
            &dir,
            &format!("{date}T07:00"),
            &["add", "block", &span, "--date", date],
        );
        let id = (id + 1).to_string();
        at(&dir, &format!("{date}T{from}"), &["start", "block", &id]);
        at(&dir, &format!("{date}T{to}"), &["stop"]);
    }
    dir
}

#[test]
fn the_review_tab_charts_hours_against_the_cap() {
    let dir = week();
    let data = lane::store::parse(
        std::path::Path::new("lane.toml"),
        &fs::read(dir.path().join("lane.toml")).unwrap(),
    )
    .unwrap();
    for (w, hgt) in [(80, 24), (200, 50)] {
        let mut h = Harness::new(w, hgt);
        h.state = State::new(data.clone(), crate::harness::rules(), 1, now());
        h.resize(w, hgt);
        h.keys("5");
        let screen = h.screen();
        // Tue 10 … Mon 23: Tue 17 at 4h of 9h30 (▃), Thu and Fri over (█),
        // Saturday's 2h on a day off (cap 1h: over), the rest nothing (·).
        assert!(
            screen.contains(
                "Hours vs cap ·······▃·███··  3 of 14 days over, 1 off worked · today 0m of 9h30"
            ),
            "{screen}"
        );
        insta::assert_snapshot!(format!("hours_chart_{w}x{hgt}"), screen);
    }
}

/// The morning plan does not plan past the day's cap without a confirm: the
/// first space says so (and names the block to move), the second places it.
#[test]
fn the_plan_asks_before_placing_a_block_past_the_cap() {
    let mut rules = crate::harness::rules();
    rules.caps.max_minutes_day = Some(2 * 60);
    let mut h = Harness::with_rules(80, 24, rules);
    h.keys("1aShip billing v2<tab>Customers can pay<tab><tab>fri<tab>high<tab>high<enter>");
    // p, nothing carried over, pick the focus, then place 90 minutes: under 2h.
    h.keys("p<enter><space><enter><space>");
    assert_eq!(h.state.data().blocks.len(), 1);
    // Another 90 would make 3h: refused, said, nothing placed.
    h.keys("<space>");
    assert_eq!(h.state.data().blocks.len(), 1);
    let screen = h.screen();
    assert!(
        screen.contains("that plans 3h against your 2h cap — space again places it anyway"),
        "{screen}"
    );
    // Space again: placed, as the user chose.
    h.keys("<space>");
    assert_eq!(h.state.data().blocks.len(), 2);
    // A longer day still asks again.
    h.keys("<space>");
    assert_eq!(h.state.data().blocks.len(), 2);
}

#[test]
fn x_moves_the_lowest_ranked_block_to_the_next_day_to_stay_under_the_cap() {
    let mut rules = crate::harness::rules();
    rules.caps.max_minutes_day = Some(2 * 60);
    let mut h = Harness::with_rules(80, 24, rules);
    h.keys("1aShip billing v2<tab>Customers can pay<tab><tab>fri<tab>high<tab>high<enter>");
    h.keys("p<enter><space><enter><space>");
    assert_eq!(h.state.data().blocks.len(), 1);
    h.keys("<space>");
    let said = h.screen();
    assert!(
        said.contains("x moves"),
        "the past-cap message offers the move: {said}"
    );
    // x: the block moves to Tuesday; today now has room for the offered one.
    h.keys("x");
    let blocks = &h.state.data().blocks;
    assert_eq!(
        blocks.len(),
        2,
        "the moved block and its copy on the next day"
    );
    let moved_to = blocks[0].moved_to;
    assert_eq!(moved_to, chrono::NaiveDate::from_ymd_opt(2026, 11, 24));
    h.keys("<space>");
    assert_eq!(
        h.state.data().blocks.len(),
        3,
        "placed without asking again"
    );
}
