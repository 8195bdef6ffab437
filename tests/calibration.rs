//! `lane report calibration`: its figures agree with the blocks `lane export
//! json` gives for the same period, and bad periods are refused in a line.

use crate::common::{json, lane};

/// A week of blocks: worked, skipped, timed, one moved to Thursday, a meeting
/// and a break (left out), and blocks outside the period.
const WEEK: &str = r#"version = 1

[[priorities]]
id = 1
uid = "P1"
title = "Ship billing v2"
focus = true

[[blocks]]
id = 1
uid = "K1"
date = "2026-11-13"
start = "09:00"
end = "12:00"
title = "before the period"
kind = "deep"
result = "worked"

[[blocks]]
id = 2
uid = "K2"
date = "2026-11-16"
start = "09:00"
end = "11:00"
title = "billing spec"
kind = "deep"
priority = 1
result = "worked"

[[blocks]]
id = 3
uid = "K3"
date = "2026-11-16"
start = "13:00"
end = "14:30"
title = "billing tests"
kind = "deep"
priority = 1
result = "skipped"

[[blocks]]
id = 4
uid = "K4"
date = "2026-11-17"
start = "09:00"
end = "10:30"
title = "billing review"
kind = "deep"
priority = 1
actual_start = "2026-11-17T09:05"
actual_end = "2026-11-17T09:55"
result = "worked"

[[blocks]]
id = 5
uid = "K5"
date = "2026-11-17"
start = "11:00"
end = "11:30"
title = "expenses"
kind = "admin"
result = "worked"

[[blocks]]
id = 6
uid = "K6"
date = "2026-11-17"
start = "12:00"
end = "13:00"
title = "lunch"
kind = "break"

[[blocks]]
id = 7
uid = "K7"
date = "2026-11-17"
start = "14:00"
end = "15:00"
title = "standup"
kind = "meeting"
result = "worked"

[[blocks]]
id = 8
uid = "K8"
date = "2026-11-18"
start = "09:00"
end = "10:00"
title = "moved away"
kind = "deep"
result = "moved"
moved_to = "2026-11-19"

[[blocks]]
id = 9
uid = "K9"
date = "2026-11-19"
start = "10:00"
end = "11:00"
title = "moved away"
kind = "deep"
result = "worked"

[[blocks]]
id = 10
uid = "K10"
date = "2026-11-20"
start = "10:00"
end = "11:00"
title = "inbox"
kind = "shallow"
result = "skipped"

[[blocks]]
id = 11
uid = "K11"
date = "2026-11-21"
start = "10:00"
end = "11:00"
title = "after the period"
kind = "shallow"
result = "worked"
"#;

fn minutes_between(start: &str, end: &str) -> i64 {
    let parse = |s: &str| chrono::NaiveTime::parse_from_str(s, "%H:%M").unwrap();
    (parse(end) - parse(start)).num_minutes()
}

/// Planned and worked minutes per kind, straight from the exported blocks.
fn from_export(export: &serde_json::Value) -> Vec<(String, i64, i64)> {
    let mut out: Vec<(String, i64, i64)> = Vec::new();
    for b in export["blocks"].as_array().unwrap() {
        let text = |k: &str| b[k].as_str().unwrap_or_default().to_string();
        let date = text("date");
        let kind = text("kind");
        if !("2026-11-16"..="2026-11-20").contains(&date.as_str())
            || kind == "meeting"
            || kind == "break"
            || text("result") == "moved"
        {
            continue;
        }
        let planned = minutes_between(&text("start"), &text("end"));
        let worked = match (b["actual_start"].as_str(), b["actual_end"].as_str()) {
            _ if text("result") != "worked" => 0,
            (Some(s), Some(e)) => minutes_between(&s[11..], &e[11..]),
            _ => planned,
        };
        match out.iter_mut().find(|k| k.0 == kind) {
            Some(k) => {
                k.1 += planned;
                k.2 += worked;
            }
            None => out.push((kind, planned, worked)),
        }
    }
    out
}

#[test]
fn calibration_agrees_with_the_exported_blocks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lane.toml"), WEEK).unwrap();
    let export = json(dir.path(), &["export", "json"]);
    let report = json(
        dir.path(),
        &[
            "report",
            "calibration",
            "--since",
            "2026-11-16",
            "--until",
            "2026-11-20",
            "--json",
        ],
    );
    assert_eq!(report["since"], "2026-11-16");
    assert_eq!(report["until"], "2026-11-20");
    let mut reported: Vec<(String, i64, i64)> = report["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["kind"].as_str().unwrap().to_string(),
                k["planned_minutes"].as_i64().unwrap(),
                k["worked_minutes"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut expected = from_export(&export);
    reported.sort();
    expected.sort();
    assert_eq!(reported, expected);
    // By hand: deep 120 + 90 + 90 + 60 planned, 120 + 50 + 60 worked.
    assert!(
        expected.contains(&("deep".into(), 360, 230)),
        "{expected:?}"
    );
    let deep = &report["kinds"][0];
    assert_eq!(deep["ratio"], 0.64);
    assert_eq!(report["outcomes"][0]["title"], "Ship billing v2");
    assert_eq!(report["outcomes"][0]["planned_minutes"], 300);
    // The file is only read.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("lane.toml")).unwrap(),
        WEEK
    );
}

#[test]
fn calibration_in_markdown_has_a_row_per_kind() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lane.toml"), WEEK).unwrap();
    let out = lane(dir.path())
        .args(["report", "calibration", "--since", "2026-11-16"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("| deep | 4 | 6h | 3h50 | 64% |"), "{text}");
    assert!(text.contains("| admin | 1 | 30m | 30m | 100% |"), "{text}");
}

#[test]
fn bad_calibration_periods_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lane.toml"), WEEK).unwrap();
    for args in [
        ["--since", "2026-11-20", "--until", "2026-11-16"],
        ["--since", "2026-13-40", "--until", "2026-11-16"],
        ["--since", "2026-11-16", "--until", "someday"],
    ] {
        let out = lane(dir.path())
            .args(["report", "calibration"])
            .args(args)
            .assert()
            .failure()
            .get_output()
            .clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
