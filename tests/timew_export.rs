//! `lane export timew`: worked blocks as timewarrior intervals — the JSON
//! `timew export` prints, and lines added to a real timewarrior database that
//! the real `timew export` and `timew summary` (1.4) read back with their
//! times and tags.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::lane;

/// A day in Berlin (UTC+1): "spec" worked 09:05-10:40 for "Ship billing",
/// "inbox" 14:00-14:30 (by `lane start` / `lane stop` at those times), and a
/// block planned but never started.
fn worked_day(dir: &Path) {
    let run = |when: &str, args: &[&str]| {
        lane(dir)
            .env("TZ", "Europe/Berlin")
            .env("LANE_NOW", when)
            .args(args)
            .assert()
            .success();
    };
    run("2026-12-07T08:00", &["add", "priority", "Ship billing"]);
    run(
        "2026-12-07T08:00",
        &["add", "block", "9-10:30 spec \"v2\"", "--priority", "1"],
    );
    run(
        "2026-12-07T08:00",
        &["add", "block", "14-14:30 inbox", "--kind", "admin"],
    );
    run("2026-12-07T08:00", &["add", "block", "16-17 never started"]);
    run("2026-12-07T09:05", &["start", "block", "1"]);
    run("2026-12-07T10:40", &["stop"]);
    run("2026-12-07T14:00", &["start", "block", "2"]);
    run("2026-12-07T14:30", &["stop"]);
}

#[test]
fn the_json_is_what_timew_export_prints() {
    let dir = tempfile::tempdir().unwrap();
    worked_day(dir.path());
    let out = lane(&dir)
        .env("TZ", "Europe/Berlin")
        .args(["export", "timew"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"id": 2, "start": "20261207T080500Z", "end": "20261207T094000Z",
             "tags": ["Ship billing", "deep", "spec \"v2\""]},
            {"id": 1, "start": "20261207T130000Z", "end": "20261207T133000Z",
             "tags": ["admin", "inbox"]},
        ])
    );
    // A range without worked blocks: an empty list, as timew prints it.
    lane(&dir)
        .args(["export", "timew", "--from", "2026-12-08"])
        .assert()
        .success()
        .stdout("[\n]\n");
}

fn timew(db: &Path, args: &[&str]) -> String {
    let out = Command::new("timew")
        .env("TIMEWARRIORDB", db)
        .env("TZ", "Europe/Berlin")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "timew {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// What the real `timew export` gives back: (start, end, tags) per interval.
fn timew_intervals(db: &Path) -> Vec<(String, String, Vec<String>)> {
    let json: serde_json::Value = serde_json::from_str(&timew(db, &["export"])).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let tags = i["tags"].as_array().unwrap().iter();
            (
                i["start"].as_str().unwrap().into(),
                i["end"].as_str().unwrap().into(),
                tags.map(|t| t.as_str().unwrap().to_string()).collect(),
            )
        })
        .collect()
}

/// A database timewarrior made, holding an interval of its own (11-12 UTC).
fn timew_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("timewarrior");
    fs::create_dir_all(&db).unwrap();
    fs::write(db.join("timewarrior.cfg"), "").unwrap();
    let track = ["track", "2026-12-07T11:00", "-", "2026-12-07T12:00", "call"];
    timew(&db, &[&track[..], &[":yes"]].concat());
    db
}

#[test]
fn the_real_timew_reads_the_intervals_back_with_their_times_and_tags() {
    if !Command::new("timew")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        println!("skipped: timewarrior (timew) is not installed here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    worked_day(dir.path());
    let db = timew_db(dir.path());
    let add = || {
        lane(&dir)
            .env("TZ", "Europe/Berlin")
            .args(["export", "timew", "--db"])
            .arg(&db)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert!(
        String::from_utf8(add())
            .unwrap()
            .contains("added 2 intervals")
    );
    // Again: nothing doubled.
    assert!(
        String::from_utf8(add())
            .unwrap()
            .contains("added 0 intervals")
    );
    let intervals = timew_intervals(&db);
    let owned = |s: &[&str]| s.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    assert_eq!(
        intervals,
        [
            (
                "20261207T080500Z".into(),
                "20261207T094000Z".into(),
                owned(&["Ship billing", "deep", "spec \"v2\""])
            ),
            (
                "20261207T100000Z".into(),
                "20261207T110000Z".into(),
                owned(&["call"])
            ),
            (
                "20261207T130000Z".into(),
                "20261207T133000Z".into(),
                owned(&["admin", "inbox"])
            ),
        ]
    );
    // timew's own report, on Berlin's clock: each at its wall time.
    let summary = timew(&db, &["summary", "2026-12-07", "-", "2026-12-08"]);
    assert!(summary.contains(" 9:05:00 10:40:00 1:35:00"), "{summary}");
    assert!(summary.contains("14:00:00 14:30:00 0:30:00"), "{summary}");
    assert!(summary.contains("3:05:00"), "{summary}");
    // Its tag index counts the tags lane added.
    let index: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(db.join("data/tags.data")).unwrap()).unwrap();
    assert_eq!(index["inbox"]["count"], 1);
    assert_eq!(index["call"]["count"], 1);
}

#[test]
fn a_directory_that_is_no_timewarrior_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    worked_day(dir.path());
    lane(&dir)
        .args(["export", "timew", "--db"])
        .arg(dir.path().join("nowhere"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("is not a timewarrior database"));
    assert!(!dir.path().join("nowhere").exists());
}
