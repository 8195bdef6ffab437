//! Data in and out on the command line: an iCalendar export a real parser
//! reads, a Taskwarrior import run twice, and a JSON export read back whole.

use std::fs;

use predicates::prelude::*;

use crate::common::{json, lane};

#[test]
fn ics_export_is_read_by_a_real_parser() {
    use icalendar::{Calendar, CalendarComponent, Component};
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    lane(&dir)
        .args([
            "add",
            "block",
            "9-10:30 billing spec, part 1; draft",
            "--date",
            "2026-11-23",
            "--priority",
            "1",
        ])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "block", "14:00 +30m review", "--date", "2026-11-24"])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "block", "9-10 next week", "--date", "2026-12-01"])
        .assert()
        .success();
    let out = dir.path().join("blocks.ics");
    lane(&dir)
        // Wall-clock times with the zone's TZID (the value as written).
        .env("TZ", "Europe/Berlin")
        .args([
            "export",
            "ics",
            "--from",
            "2026-11-23",
            "--to",
            "2026-11-29",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote 2 blocks"));
    let text = fs::read_to_string(&out).unwrap();
    assert!(text.contains("\r\n"), "iCalendar lines end in CRLF");
    let calendar: Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].get_summary(), Some("billing spec, part 1; draft"));
    assert_eq!(events[0].get_description(), Some("Priority: Ship billing"));
    assert!(events[0].get_uid().unwrap().ends_with("@lane"));
    assert_eq!(events[0].property_value("DTSTART"), Some("20261123T090000"));
    assert_eq!(events[1].property_value("DTEND"), Some("20261124T143000"));
    // Without a range everything goes to standard output.
    lane(&dir)
        .args(["export", "ics"])
        .assert()
        .success()
        .stdout(predicate::str::contains("SUMMARY:next week"));
}

#[test]
fn taskwarrior_import_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let export = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/task-export.json"
    );
    lane(&dir)
        .args(["import", "taskwarrior", export])
        .assert()
        .success()
        .stdout(
            "imported 4, 0 already here, 2 skipped; kept imask, parent, recur, rtype under \
             `taskwarrior` (lane has no field for them; exported back)\n  \
             skipped “Recurring standup”: a recurring template (its pending instances are imported)\n  \
             skipped “Old thing”: completed\n",
        );
    lane(&dir)
        .args(["import", "taskwarrior", export])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "imported 0, 4 already here, 2 skipped\n",
        ));
    for what in ["json", "taskwarrior"] {
        lane(&dir)
            .args(["import", what, "no-such-file.json"])
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with(
                "lane: cannot read no-such-file.json: No such file",
            ));
    }
    let list = json(&dir, &["list", "priorities", "--json"]);
    let billing = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Ship billing v2")
        .unwrap();
    assert_eq!(billing["impact"], "high");
    assert_eq!(billing["due"], "2026-12-01");
    assert_eq!(billing["updates"][1]["note"], "invoice PDF done");
    assert_eq!(billing["project"], "billing");
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{\"not\": \"an array\"}").unwrap();
    lane(&dir)
        .args(["import", "taskwarrior"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a `task export` JSON array"));
}

#[test]
fn json_export_and_import_round_trip_everything() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir).args(["demo", "--days", "90"]).assert().success();
    let out = dir.path().join("all.json");
    lane(&dir)
        .args(["export", "json", "--out"])
        .arg(&out)
        .assert()
        .success();
    let other = tempfile::tempdir().unwrap();
    lane(&other)
        .args(["import", "json"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("imported "));
    let again = other.path().join("again.json");
    lane(&other)
        .args(["export", "json", "--out"])
        .arg(&again)
        .assert()
        .success();
    let a: serde_json::Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    let b: serde_json::Value = serde_json::from_str(&fs::read_to_string(&again).unwrap()).unwrap();
    for list in ["priorities", "blocks", "blockers", "decisions", "reviews"] {
        let uids = |v: &serde_json::Value| {
            let mut u: Vec<String> = v[list]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["uid"].to_string())
                .collect();
            u.sort();
            u
        };
        assert_eq!(uids(&a), uids(&b), "{list}");
    }
    // Importing the same file again adds nothing.
    lane(&other)
        .args(["import", "json"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("imported 0,"));
}
