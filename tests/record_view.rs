//! Issue 21, the track record on the Decisions tab (T): month by month, calls
//! decided in lane against escalated, how they landed, escalations that came
//! back "yours", outcomes on time — the figures of `lane report trust`.

use std::fs;

use crate::common::lane;
use crate::harness::{Harness, now};
use lane::state::{Mode, State};

fn at(dir: &tempfile::TempDir, when: &str, args: &[&str]) {
    lane(dir)
        .env("LANE_NOW", when)
        .args(args)
        .assert()
        .success();
}

/// October: two calls decided (one landed well, one badly) and one escalation
/// answered "yours to decide". November: three calls landed well, one
/// escalation "right to ask", and an outcome delivered before its due date.
fn history() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut id = 0;
    let mut call = |when: &str, rating: &str| {
        id += 1;
        let situation = format!("Renew licence {id}");
        at(
            &dir,
            when,
            &["add", "decision", &situation, "--call", "renew"],
        );
        let id = id.to_string();
        at(
            &dir,
            when,
            &["outcome", "decision", &id, "kept", "--rating", rating],
        );
    };
    call("2026-10-06T10:00", "good");
    call("2026-10-07T10:00", "bad");
    call("2026-11-16T10:00", "good");
    call("2026-11-17T10:00", "good");
    call("2026-11-18T10:00", "good");
    for (id, when, verdict) in [
        (6, "2026-10-08T10:00", "yours"),
        (7, "2026-11-19T10:00", "right-to-ask"),
    ] {
        at(
            &dir,
            when,
            &["add", "decision", "Switch vendor", "--topic", "vendors"],
        );
        let id = id.to_string();
        at(&dir, when, &["escalate", "decision", &id, "--to", "Dana"]);
        at(
            &dir,
            when,
            &["answer", "decision", &id, "go ahead", "--verdict", verdict],
        );
    }
    at(
        &dir,
        "2026-11-02T10:00",
        &["add", "priority", "Ship billing v2", "--due", "2026-11-30"],
    );
    at(&dir, "2026-11-20T10:00", &["done", "priority", "1"]);
    dir
}

fn harness(dir: &tempfile::TempDir, w: u16, hgt: u16) -> Harness {
    let data = lane::store::parse(
        std::path::Path::new("lane.toml"),
        &fs::read(dir.path().join("lane.toml")).unwrap(),
    )
    .unwrap();
    let mut h = Harness::new(w, hgt);
    h.state = State::new(data, crate::harness::rules(), 1, now());
    // An older call the live file no longer keeps: the view reads the archive.
    h.io.archive = lane::store::parse(
        std::path::Path::new("archive/2026.toml"),
        b"version = 1\n[[decisions]]\nid = 90\nuid = \"A90\"\ndate = \"2026-06-10\"\n\
          situation = \"Old call\"\ncall = \"yes\"\nstatus = \"decided\"\nrating = \"good\"\n",
    )
    .unwrap();
    h.resize(w, hgt);
    h
}

#[test]
fn the_track_record_shows_each_month_with_numbers_and_bars() {
    let dir = history();
    for (w, hgt) in [(80, 24), (200, 50)] {
        let mut h = harness(&dir, w, hgt);
        h.keys("4T");
        assert!(matches!(h.state.mode, Mode::Record));
        let screen = h.screen();
        for expected in [
            "Track record — last 12 months",
            "2026-06",
            "2026-10",
            "2026-11",
            " 50% ",
            "100% ",
            "Total",
        ] {
            assert!(screen.contains(expected), "{expected}\n{screen}");
        }
        insta::assert_snapshot!(format!("track_record_{w}x{hgt}"), screen);
        // T again, or esc, closes it.
        h.keys("T");
        assert!(matches!(h.state.mode, Mode::Normal));
        h.keys("T<esc>");
        assert!(matches!(h.state.mode, Mode::Normal));
    }
}

#[test]
fn the_track_record_is_in_help_and_the_footer_on_the_decisions_tab() {
    let mut h = Harness::new(200, 50);
    h.keys("4");
    assert!(h.screen().contains("T track record"), "{}", h.screen());
    h.keys("?");
    assert!(h.screen().contains("track record"), "{}", h.screen());
}

#[test]
fn with_nothing_decided_yet_it_says_how_to_start() {
    let mut h = Harness::new(80, 24);
    h.keys("4T");
    let screen = h.screen();
    assert!(
        screen.contains("No calls or outcomes in these months yet."),
        "{screen}"
    );
}
