//! Midnight with the real binary: a calendar's meeting past midnight is two
//! blocks, 22:00–24:00 and 00:00–01:00 the next day (also the night the
//! clocks go back); a block ending at 24:00 is typed, listed, exported as JSON
//! and imported back as it was, and goes out in ICS ending at the next day's
//! 00:00; 24:00 as a start, 24:01 and 25:00 are refused and change nothing;
//! the app's timeline runs such a block into its last row and its form keeps it.

use std::fs;
use std::path::Path;

use predicates::prelude::*;

use crate::cli::{data, refused};
use crate::common::lane;

/// Nights around the end of summer time in Berlin (Sunday 25 October 2026):
/// a meeting every night 22:00–01:00, one from 23:00 to 03:30 across the
/// change, and one that ends exactly at midnight.
const NIGHTS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
BEGIN:VEVENT\r\nUID:night\r\nDTSTART;TZID=Europe/Berlin:20261023T220000\r\n\
DTEND;TZID=Europe/Berlin:20261024T010000\r\nRRULE:FREQ=DAILY;COUNT=4\r\nSUMMARY:Night shift\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:change\r\nDTSTART;TZID=Europe/Berlin:20261024T230000\r\n\
DTEND;TZID=Europe/Berlin:20261025T033000\r\nSUMMARY:Clock change\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:late\r\nDTSTART;TZID=Europe/Berlin:20261027T230000\r\n\
DTEND;TZID=Europe/Berlin:20261028T000000\r\nSUMMARY:Till midnight\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

/// `lane` in Berlin on 20 October 2026, before those nights.
fn berlin(dir: &Path) -> assert_cmd::Command {
    let mut cmd = lane(dir);
    cmd.env("TZ", "Europe/Berlin")
        .env("LANE_NOW", "2026-10-20T09:00");
    cmd
}

/// `start-end title` of each block on `date`, as `lane list blocks --json` has them.
fn day(dir: &Path, date: &str) -> Vec<String> {
    let out = berlin(dir)
        .args(["list", "blocks", "--json", "--date", date])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let listed: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let mut shown: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let s = |k: &str| b[k].as_str().unwrap().to_string();
            format!("{}-{} {}", s("start"), s("end"), s("title"))
        })
        .collect();
    shown.sort();
    shown
}

#[test]
fn an_imported_meeting_past_midnight_is_two_blocks_on_two_days() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nights.ics");
    fs::write(&file, NIGHTS).unwrap();
    berlin(dir.path())
        .args(["import", "ics"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(
        day(dir.path(), "2026-10-24"),
        [
            "00:00-01:00 Night shift",
            "22:00-24:00 Night shift",
            "23:00-24:00 Clock change",
        ]
    );
    // The night the clocks go back: the next day's parts start at 00:00.
    assert_eq!(
        day(dir.path(), "2026-10-25"),
        [
            "00:00-01:00 Night shift",
            "00:00-03:30 Clock change",
            "22:00-24:00 Night shift",
        ]
    );
    assert_eq!(
        day(dir.path(), "2026-10-27"),
        ["00:00-01:00 Night shift", "23:00-24:00 Till midnight",]
    );
    assert_eq!(day(dir.path(), "2026-10-28"), Vec::<String>::new());
    // The meetings are computed from the calendar's copy, not kept in lane.toml.
    let toml = data(&dir);
    // Each part is a block of its own, found again on the next import.
    let again = berlin(dir.path())
        .args(["import", "ics"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8_lossy(&again).contains("0 added, 0 updated, 0 removed"),
        "{}",
        String::from_utf8_lossy(&again)
    );
    assert_eq!(data(&dir), toml, "a second import changes nothing");
    berlin(dir.path()).arg("check").assert().success();
}

/// A block to 24:00 on the night the clocks go back, and one two days later.
fn two_to_midnight(dir: &Path) {
    berlin(dir)
        .args([
            "add",
            "block",
            "22:00-24:00 late release",
            "--date",
            "2026-10-24",
        ])
        .assert()
        .success();
    berlin(dir)
        .args([
            "add",
            "block",
            "x",
            "--time",
            "23:30 +30m",
            "--date",
            "2026-10-26",
        ])
        .assert()
        .success();
}

#[test]
fn a_block_ending_at_24_00_round_trips_through_json() {
    let dir = tempfile::tempdir().unwrap();
    two_to_midnight(dir.path());
    assert_eq!(day(dir.path(), "2026-10-24"), ["22:00-24:00 late release"]);
    assert_eq!(day(dir.path(), "2026-10-26"), ["23:30-24:00 x"]);
    berlin(dir.path())
        .args(["list", "blocks", "--date", "2026-10-24"])
        .assert()
        .success()
        .stdout(predicate::str::contains("22:00-24:00"));
    let exported = berlin(dir.path())
        .args(["export", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&exported).contains("\"end\": \"24:00\""));
    let other = tempfile::tempdir().unwrap();
    let file = other.path().join("export.json");
    fs::write(&file, &exported).unwrap();
    berlin(other.path())
        .args(["import", "json"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(
        day(other.path(), "2026-10-24"),
        ["22:00-24:00 late release"]
    );
    let again = berlin(other.path())
        .args(["export", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(again, exported, "export, import, export: the same bytes");
}

#[test]
fn a_block_ending_at_24_00_ends_its_ics_event_at_the_next_days_00_00() {
    let dir = tempfile::tempdir().unwrap();
    two_to_midnight(dir.path());
    // Midnight in Berlin the night the clocks go back is still the next day's 00:00.
    let ics = berlin(dir.path())
        .args(["export", "ics"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let ics = String::from_utf8(ics).unwrap();
    assert!(
        ics.contains("DTSTART;TZID=Europe/Berlin:20261024T220000\r\n"),
        "{ics}"
    );
    assert!(
        ics.contains("DTEND;TZID=Europe/Berlin:20261025T000000\r\n"),
        "{ics}"
    );
    assert!(
        ics.contains("DTEND;TZID=Europe/Berlin:20261027T000000\r\n"),
        "{ics}"
    );
    if let Some(agenda) = calcurse_agenda(&ics, "10/24/2026") {
        assert_eq!(agenda, "10/24/26:\n - 22:00 -> 00:00\n\tlate release\n");
    }
    let utc = lane(dir.path())
        .env("TZ", "UTC")
        .args(["export", "ics"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&utc).contains("DTEND:20261025T000000Z\r\n"));
}

/// What the real calcurse shows on `date` (MM/DD/YYYY) and the day after once
/// it imported `ics`, its clock on Berlin's time; `None` when it is not installed.
fn calcurse_agenda(ics: &str, date: &str) -> Option<String> {
    let found = std::process::Command::new("calcurse")
        .arg("--version")
        .output();
    if !found.is_ok_and(|o| o.status.success()) {
        println!("skipped the calcurse check: calcurse is not installed here");
        return None;
    }
    let home = tempfile::tempdir().unwrap();
    fs::write(home.path().join("apts"), "").unwrap();
    fs::write(home.path().join("todo"), "").unwrap();
    let file = home.path().join("lane.ics");
    fs::write(&file, ics).unwrap();
    let calcurse = |args: &[&str]| {
        let out = std::process::Command::new("calcurse")
            .env("TZ", "Europe/Berlin")
            .arg("-D")
            .arg(home.path())
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let imported = calcurse(&["-i", file.to_str().unwrap()]);
    assert!(imported.contains("0 skipped"), "{imported}");
    Some(calcurse(&["-Q", "--from", date, "--days", "2"]))
}

#[test]
fn twenty_four_as_a_start_24_01_and_25_00_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "9-10 first", "--date", "2026-11-23"])
        .assert()
        .success();
    let before = data(&dir);
    let start = "only a block's end can be 24:00";
    let cases: [(&[&str], &str); 6] = [
        (&["add", "block", "x", "--time", "24:00-24:00"], start),
        (&["add", "block", "24:00 +30m x"], start),
        (
            &["add", "block", "x", "--time", "22:00-24:01"],
            "`24:01` is not a time",
        ),
        (
            &["add", "block", "x", "--time", "25:00"],
            "`25:00` is not a time",
        ),
        (
            &["add", "block", "x", "--time", "23:00-25:00"],
            "`25:00` is not a time",
        ),
        (
            &["add", "block", "x", "--time", "23:30 +31m"],
            "runs past midnight",
        ),
    ];
    refused(&dir, &cases);
    assert_eq!(data(&dir), before);
    // A start of 24:00 written into the file by hand is named by `lane check`.
    let hand = before.replacen("start = \"09:00\"", "start = \"24:00\"", 1);
    assert_ne!(hand, before);
    fs::write(dir.path().join("lane.toml"), &hand).unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("starts at 24:00"));
}

/// A late evening in the app: a block to 24:00 today and one from 00:00 tomorrow.
const LATE: &str = r#"version = 1

[[blocks]]
id = 1
date = "2026-11-23"
start = "22:00"
end = "24:00"
title = "late release"
kind = "deep"

[[blocks]]
id = 2
date = "2026-11-24"
start = "00:00"
end = "01:00"
title = "after midnight"
kind = "deep"
"#;

#[test]
fn the_timeline_runs_a_block_to_24_00_into_its_last_row_and_the_form_keeps_it() {
    let mut h = crate::harness::Harness::from_toml(LATE, 120, 60, crate::harness::rules());
    h.keys("2");
    let screen = h.screen();
    assert!(
        screen.contains("22:00  ▌late release 22:00-24:00 deep · 2h"),
        "{screen}"
    );
    // The bar reaches the last row, 23:30–24:00, and nothing is drawn after it.
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows.iter().position(|r| r.contains("23:00  ▌")).unwrap();
    assert!(rows[at + 1].contains("       ▌"), "{screen}");
    assert!(!rows[at + 2].contains('▌'), "{screen}");
    h.keys("e");
    let form = h.screen();
    assert!(form.contains("22:00-24:00"), "the form shows 24:00: {form}");
    h.keys("<enter>");
    let saved = h.screen();
    let b = &h.state.data().blocks[0];
    assert_eq!(b.end, lane::model::time_of_day::END_OF_DAY, "{saved}");
    assert!(saved.contains("saved block 1"), "{saved}");
    h.keys("]");
    let tomorrow = h.screen();
    assert!(
        tomorrow.contains("00:00  ▌after midnight 00:00-01:00"),
        "{tomorrow}"
    );
}
