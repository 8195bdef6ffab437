//! Time blocks on the command line: the timer, listing a day or a week, and
//! the mistakes refused.

use predicates::prelude::*;

use crate::cli::{data, refused};
use crate::common::{json, lane};

#[test]
fn blocks_time_their_work_and_list_by_day_or_week() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    lane(&dir)
        .args([
            "add",
            "block",
            "9-10:30 billing spec",
            "--date",
            "2026-11-23",
            "--priority",
            "1",
        ])
        .assert()
        .success();
    lane(&dir)
        .args([
            "add",
            "block",
            "10:00 +60m standup",
            "--date",
            "2026-11-23",
            "--kind",
            "meeting",
        ])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "block", "20:00-21:00 late", "--date", "2026-11-25"])
        .assert()
        .success();
    let day = json(&dir, &["list", "blocks", "--date", "2026-11-23", "--json"]);
    assert_eq!(day.as_array().unwrap().len(), 2);
    assert_eq!(day[0]["minutes"], 90);
    assert_eq!(day[0]["priority"], 1);
    assert_eq!(day[0]["actual_minutes"], serde_json::Value::Null);
    assert_eq!(day[0]["flags"], serde_json::json!(["overlap"]));
    let week = json(
        &dir,
        &["list", "blocks", "--date", "2026-11-26", "--week", "--json"],
    );
    assert_eq!(week.as_array().unwrap().len(), 3);
    assert_eq!(week[2]["flags"], serde_json::json!(["outside_hours"]));
    lane(&dir)
        .args(["start", "block", "1"])
        .assert()
        .success()
        .stdout("started “billing spec”\n");
    lane(&dir)
        .args(["start", "block", "2"])
        .assert()
        .success()
        .stdout("started “standup” (stopped “billing spec”)\n");
    let day = json(&dir, &["list", "blocks", "--date", "2026-11-23", "--json"]);
    assert!(day[0]["actual_start"].is_string() && day[0]["actual_end"].is_string());
    assert_eq!(day[1]["flags"], serde_json::json!(["overlap", "running"]));
    lane(&dir)
        .arg("stop")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("stopped “standup” after"));
    lane(&dir)
        .arg("stop")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no block is running"));
}

#[test]
fn block_mistakes_exit_2_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "9-10 first", "--date", "2026-11-23"])
        .assert()
        .success();
    let before = data(&dir);
    let cases: [(&[&str], &str); 6] = [
        (&["add", "block", "25:00 x"], "time"),
        (
            &["add", "block", "x", "--time", "10-9"],
            "the end must be after the start",
        ),
        (
            &["add", "block", "x", "--time", "9-10", "--kind", "nap"],
            "kind: `nap`",
        ),
        (
            &["add", "block", "x", "--time", "9-10", "--priority", "4"],
            "there is no priority with that id",
        ),
        (&["start", "block", "9"], "there is no block 9"),
        (
            &["list", "blocks", "--date", "someday"],
            "date: `someday` is not a date",
        ),
    ];
    refused(&dir, &cases);
    assert_eq!(data(&dir), before);
}
