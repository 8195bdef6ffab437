//! Recurring blocks: `lane add block --every`, editing and deleting one day or
//! the whole series from the command line and in the app, refused rules.

use std::fs;

use predicates::prelude::*;

use crate::common::{json, lane};
use crate::harness::Harness;

fn data(dir: &tempfile::TempDir) -> String {
    fs::read_to_string(dir.path().join("lane.toml")).unwrap()
}

/// Blocks listed as JSON for the week holding `date`: (id, date, start, title).
fn week(dir: &tempfile::TempDir, date: &str) -> Vec<(u64, String, String, String)> {
    let v = json(dir, &["list", "blocks", "--week", "--date", date, "--json"]);
    v.as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["id"].as_u64().unwrap(),
                b["date"].as_str().unwrap().to_string(),
                b["start"].as_str().unwrap().to_string(),
                b["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_weekday_makes_the_coming_days_once() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args([
            "add",
            "block",
            "09:00-09:15 standup",
            "--every",
            "weekday",
            "--kind",
            "meeting",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "added block 1, repeating weekday: 11 blocks up to 2026-12-07",
        ));
    let text = data(&dir);
    assert_eq!(text.matches("[[series]]").count(), 1);
    assert!(text.contains("every = \"weekday\""));
    // The days are computed: lane.toml keeps the rule alone.
    assert_eq!(text.matches("[[blocks]]").count(), 0);
    lane(&dir)
        .args(["add", "block", "10-11 spec"])
        .assert()
        .success();
    assert_eq!(data(&dir).matches("[[blocks]]").count(), 1);
    // The list says it repeats; JSON names the rule.
    lane(&dir)
        .args(["list", "blocks"])
        .assert()
        .success()
        .stdout(predicate::str::contains("standup  15m ↻ weekday"));
    let v = json(&dir, &["list", "blocks", "--json"]);
    assert_eq!(v[0]["every"], "weekday");
    assert_eq!(
        v[0]["series"],
        v[0]["uid"].as_str().unwrap().split('@').next().unwrap()
    );
    // A week ahead of the window is shown (not written) when asked for.
    assert_eq!(week(&dir, "2026-12-14").len(), 5);
    assert_eq!(data(&dir).matches("[[blocks]]").count(), 1);
    lane(&dir).arg("check").assert().success();
}

#[test]
fn bad_rules_exit_2_with_one_line_and_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "9-10 a"])
        .assert()
        .success();
    let before = data(&dir);
    for (args, message) in [
        (
            &["add", "block", "9-10 x", "--every", "fortnightly"][..],
            "every: `fortnightly`: say daily, weekday",
        ),
        (
            &["add", "block", "9-10 x", "--every", "month on 32"],
            "a month's day goes from 1 to 31",
        ),
        (
            &["add", "block", "9-10 x", "--every", "0 days"],
            "the count goes from 1 to 366",
        ),
        (
            &[
                "add",
                "block",
                "9-10 x",
                "--every",
                "weekday",
                "--until",
                "2026-11-01",
            ],
            "before the first day",
        ),
        (
            &["add", "block", "9-10 x", "--every", "mon\u{1b}[31m"],
            "control character",
        ),
        (&["add", "block", "9-10 x", "--until", "fri"], "--every"),
        (
            &["modify", "block", "1", "every=weekday"],
            "cannot start repeating",
        ),
        (
            &["modify", "block", "1", "--series", "title=x"],
            "block 1 does not repeat",
        ),
        (
            &["delete", "priority", "1", "--series"],
            "--series is for blocks",
        ),
    ] {
        let out = lane(&dir)
            .args(args)
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains(message), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert_eq!(data(&dir), before, "{args:?}");
    }
}

#[test]
fn one_day_or_the_whole_series_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args([
            "add",
            "block",
            "09:00-09:15 standup",
            "--every",
            "mon,wed,fri",
        ])
        .assert()
        .success();
    // Mon 23, Wed 25, Fri 27, Mon 30, Wed 2, Fri 4, Mon 7.
    let ids: Vec<u64> = week(&dir, "2026-11-23").iter().map(|b| b.0).collect();
    assert_eq!(ids.len(), 3);
    lane(&dir)
        .args(["modify", "block", "1", "every=daily"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "one day of a series: edit the whole series",
        ));
    // Wednesday alone moves to 10:00.
    lane(&dir)
        .args(["modify", "block", &ids[1].to_string(), "time=10-10:15"])
        .assert()
        .success();
    // Friday is deleted: it stays deleted.
    lane(&dir)
        .args(["delete", "block", &ids[2].to_string()])
        .assert()
        .success();
    assert!(data(&dir).contains("except = [\"2026-11-27\"]"));
    // The series gets a new title and time: every untouched day follows.
    lane(&dir)
        .args([
            "modify",
            "block",
            &ids[0].to_string(),
            "--series",
            "title=sync",
            "time=9:30-9:45",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("the series of block 1 modified"));
    let days = week(&dir, "2026-11-23");
    assert_eq!(
        days.iter()
            .map(|b| (b.1.as_str(), b.2.as_str(), b.3.as_str()))
            .collect::<Vec<_>>(),
        [
            ("2026-11-23", "09:30", "sync"),
            ("2026-11-25", "10:00", "standup")
        ]
    );
    assert!(
        week(&dir, "2026-11-30")
            .iter()
            .all(|b| b.3 == "sync" && b.2 == "09:30")
    );
    // Deleting the series takes its coming untouched days; the edited one stays.
    lane(&dir)
        .args(["delete", "block", &ids[0].to_string(), "--series"])
        .assert()
        .success()
        .stdout(predicate::str::contains("deleted with 5 coming blocks"));
    let text = data(&dir);
    assert!(!text.contains("[[series]]"));
    assert_eq!(text.matches("[[blocks]]").count(), 1);
    // lane undo brings the series back, and with it its days.
    lane(&dir).arg("undo").assert().success();
    let text = data(&dir);
    assert!(text.contains("[[series]]"));
    assert_eq!(text.matches("[[blocks]]").count(), 1);
    assert_eq!(week(&dir, "2026-11-30").len(), 3);
}

#[test]
fn a_month_on_31_falls_on_the_last_day_of_a_shorter_month() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "16-17 invoices", "--every", "month on 31"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "added block 1, repeating month on 31",
        ));
    let v = json(&dir, &["list", "blocks", "--json"]);
    assert_eq!(v.as_array().unwrap().len(), 0, "not today");
    let days = week(&dir, "2026-11-30");
    assert_eq!(days[0].1, "2026-11-30");
}

const DAILY: &str = r#"version = 1

[[series]]
uid = "S"
every = "daily"
first = "2026-11-23"
start = "09:00"
end = "09:15"
title = "standup"
kind = "meeting"
"#;

#[test]
fn the_app_makes_the_days_and_asks_this_one_or_the_whole_series() {
    let mut h = Harness::from_toml(DAILY, 100, 30, crate::harness::rules());
    h.keys("2");
    assert!(h.screen().contains("standup"));
    assert_eq!(h.state.data().blocks.len(), 15);
    assert_eq!(h.state.data().blocks[0].uid, "S@2026-11-23");
    // e asks; o edits this one only.
    h.keys("e");
    let screen = h.screen();
    assert!(screen.contains("Edit which?"), "{screen}");
    assert!(screen.contains("this one only"));
    h.keys("o");
    assert!(h.screen().contains("Edit block 1"));
    h.keys("<tab><c-u>10-10:15<enter>");
    let b = &h.state.data().blocks[0];
    assert!(b.detached && b.start.to_string() == "10:00:00");
    // e then s edits the series: its title for every untouched day.
    h.keys("e");
    h.keys("s");
    assert!(h.screen().contains("Edit the series of block 1"));
    h.keys("<c-u>daily sync<enter>");
    let data = h.state.data();
    assert_eq!(data.series[0].title, "daily sync");
    assert_eq!(data.blocks[0].title, "standup", "edited alone, kept");
    assert!(data.blocks[1..].iter().all(|b| b.title == "daily sync"));
    // d then o deletes this day: it becomes an exception and stays gone.
    h.keys("]");
    h.keys("d");
    assert!(h.screen().contains("Delete which?"));
    h.keys("o");
    assert_eq!(h.state.data().series[0].except.len(), 1);
    assert_eq!(h.state.data().blocks.len(), 14);
    h.keys("[");
    assert_eq!(h.state.data().blocks.len(), 14);
    // Esc leaves it; d then s deletes the series, the edited Monday stays.
    h.keys("d<esc>");
    assert_eq!(h.state.data().blocks.len(), 14);
    h.keys("d");
    h.keys("s");
    assert!(h.state.data().series.is_empty());
    assert_eq!(h.state.data().blocks.len(), 1);
    // u brings it back in one step.
    h.keys("u");
    assert_eq!(h.state.data().series.len(), 1);
    assert_eq!(h.state.data().blocks.len(), 14);
}

#[test]
fn the_app_adds_a_series_from_the_block_form() {
    let mut h = Harness::new(100, 30);
    h.keys("2a09:00-09:15 standup<tab><tab><tab><tab><tab>weekday<enter>");
    let data = h.state.data();
    assert_eq!(data.series.len(), 1, "{}", h.screen());
    assert_eq!(data.series[0].every, "weekday");
    assert_eq!(data.blocks.len(), 11);
    // A bad rule keeps the form open with the reason under the field.
    h.keys("a9-10 x<tab><tab><tab><tab><tab>sometimes<enter>");
    let screen = h.screen();
    assert!(screen.contains("say daily, weekday"), "{screen}");
    assert_eq!(h.state.data().series.len(), 1);
}

#[test]
fn a_day_edited_in_the_editor_stays_edited_and_series_travel_in_json() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "09:00-09:15 standup", "--every", "daily"])
        .assert()
        .success();
    lane(&dir)
        .env(
            "EDITOR",
            "sed -i -e 's/^title = .*/title = \"standup, moved\"/'",
        )
        .args(["edit", "block", "2"])
        .assert()
        .success();
    lane(&dir)
        .args(["modify", "block", "1", "--series", "title=sync"])
        .assert()
        .success();
    let v = json(&dir, &["show", "block", "2", "--json"]);
    assert_eq!(
        (v["title"].as_str(), v["detached"].as_bool()),
        (Some("standup, moved"), Some(true))
    );
    assert_eq!(
        json(&dir, &["show", "block", "3", "--json"])["title"],
        "sync"
    );
    // Exported and imported elsewhere, the days keep their series.
    let out = dir.path().join("all.json");
    lane(&dir)
        .args(["export", "json", "--out"])
        .arg(&out)
        .assert()
        .success();
    let other = tempfile::tempdir().unwrap();
    lane(&other)
        .arg("import")
        .arg("json")
        .arg(&out)
        .assert()
        .success();
    // What was kept travels (the day edited alone); the days are computed there
    // from the series as here.
    assert_eq!(data(&other).matches("[[blocks]]").count(), 1);
    assert!(data(&other).contains("every = \"daily\""));
    assert_eq!(week(&other, "2026-11-23"), week(&dir, "2026-11-23"));
}

#[test]
fn across_a_dst_change_in_berlin_a_daily_block_stays_at_nine() {
    // Clocks go back on Sunday 25 October 2026 in Europe/Berlin.
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .env("TZ", "Europe/Berlin")
        .env("LANE_NOW", "2026-10-23T08:00")
        .args(["add", "block", "09:00-09:30 walk", "--every", "daily"])
        .assert()
        .success();
    let out = lane(&dir)
        .env("TZ", "Europe/Berlin")
        .env("LANE_NOW", "2026-10-23T08:00")
        .args(["list", "blocks", "--week", "--date", "2026-10-26", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let days: Vec<(&str, &str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["date"].as_str().unwrap(),
                b["start"].as_str().unwrap(),
                b["end"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(days.len(), 7);
    assert!(
        days.iter().all(|d| d.1 == "09:00" && d.2 == "09:30"),
        "{days:?}"
    );
    // A reminder on the Sunday of the change comes at 08:58 local time.
    let out = lane(&dir)
        .env("TZ", "Europe/Berlin")
        .env("LANE_NOW", "2026-10-25T08:58")
        .arg("remind")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "walk starts at 09:00 (in 2m)\n"
    );
}

#[test]
fn the_series_question_and_the_repeat_mark_at_80x24() {
    let mut h = Harness::from_toml(DAILY, 80, 24, crate::harness::rules());
    h.keys("2e");
    insta::assert_snapshot!(h.screen());
}
