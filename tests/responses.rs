//! Issue 21, response-time boundaries: an escalation left unanswered past
//! `respond_within_hours` is counted in the header, comes up in the morning
//! plan's follow-up step, and is flagged `awaiting_answer` on the command line.

use std::fs;

use crate::common::lane;
use crate::harness::{Harness, now};
use lane::state::State;

fn at(dir: &tempfile::TempDir, when: &str, args: &[&str]) -> String {
    let out = lane(dir)
        .env("LANE_NOW", when)
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// A vendor call escalated to Dana and a blocker escalated to ops, both on
/// Wednesday 18 November; nobody answered.
fn escalated() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let wed = "2026-11-18T10:00";
    at(
        &dir,
        wed,
        &["add", "decision", "Switch vendor", "--topic", "vendors"],
    );
    at(&dir, wed, &["escalate", "decision", "1", "--to", "Dana"]);
    at(
        &dir,
        wed,
        &["add", "blocker", "staging DB access", "--waiting-on", "ops"],
    );
    at(&dir, wed, &["escalate", "blocker", "1", "--to", "ops"]);
    dir
}

/// Whether the call is flagged `awaiting_answer` at `when`.
fn awaiting(dir: &tempfile::TempDir, when: &str) -> bool {
    let text = at(dir, when, &["list", "decisions", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&text).unwrap();
    let flags = list[0]["flags"].as_array().unwrap().clone();
    flags.contains(&"awaiting_answer".into())
}

#[test]
fn a_call_unanswered_past_its_time_is_flagged_awaiting_answer() {
    let dir = escalated();
    // Thursday noon: 10h of working time (the day it went up counts from 09:00).
    assert!(!awaiting(&dir, "2026-11-19T12:00"));
    // Friday afternoon: past 16 working hours.
    assert!(awaiting(&dir, "2026-11-20T15:00"));
    let text = at(&dir, "2026-11-20T15:00", &["list", "decisions"]);
    assert!(text.contains("awaiting answer"), "{text}");
    // A longer limit in the config: not yet.
    fs::create_dir_all(dir.path().join("config")).unwrap();
    fs::write(
        dir.path().join("config/config.toml"),
        "respond_within_hours = 40\n",
    )
    .unwrap();
    assert!(!awaiting(&dir, "2026-11-20T15:00"));
    // The answer ends the wait.
    fs::remove_file(dir.path().join("config/config.toml")).unwrap();
    at(
        &dir,
        "2026-11-20T15:00",
        &["answer", "decision", "1", "go ahead"],
    );
    assert!(!awaiting(&dir, "2026-11-23T15:00"));
}

#[test]
fn a_response_time_out_of_range_is_refused_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("config")).unwrap();
    fs::write(
        dir.path().join("config/config.toml"),
        "respond_within_hours = 2000\n",
    )
    .unwrap();
    let out = lane(&dir).arg("check").assert().failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("config.toml:1:24"), "{err}");
    assert!(
        err.contains("respond_within_hours is 2000.0; it must be from 0 to 1000"),
        "{err}"
    );
}

fn harness(dir: &tempfile::TempDir, w: u16, hgt: u16) -> Harness {
    let data = lane::store::parse(
        std::path::Path::new("lane.toml"),
        &fs::read(dir.path().join("lane.toml")).unwrap(),
    )
    .unwrap();
    let mut h = Harness::new(w, hgt);
    h.state = State::new(data, crate::harness::rules(), 1, now());
    h.resize(w, hgt);
    h
}

#[test]
fn unanswered_escalations_are_counted_and_planned_for() {
    let dir = escalated();
    for (w, hgt) in [(80, 24), (200, 50)] {
        // Monday 08:10: Wednesday to Friday waited, 25h30 of working time.
        let mut h = harness(&dir, w, hgt);
        let header = h.screen().lines().next().unwrap_or_default().to_string();
        let said = "1 unanswered";
        assert_eq!(header.matches(said).count(), 2, "{header}");
        // The plan's last step: carry over, focus, blocks, follow-ups.
        h.keys("p<enter><enter><enter>");
        let screen = h.screen();
        assert!(
            screen.contains("escalation to Dana waiting 5 days — follow up, or decide?"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("plan_unanswered_{w}x{hgt}"), screen);
        // Acknowledged in this morning's plan, they leave the header for the day.
        h.keys("<enter><enter>");
        let header = h.screen().lines().next().unwrap_or_default().to_string();
        assert!(!header.contains(said), "{header}");
    }
}
