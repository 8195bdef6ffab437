//! Golden files of every report over a fixture week (tests/fixtures/week.toml),
//! written by the real binary with the clock pinned to Friday evening.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

const FRIDAY_EVENING: &str = "2026-11-27T17:30";

fn week() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy("tests/fixtures/week.toml", dir.path().join("lane.toml")).unwrap();
    dir
}

fn lane(dir: &tempfile::TempDir) -> Command {
    let mut cmd = crate::common::lane(dir);
    cmd.env("LANE_NOW", FRIDAY_EVENING);
    cmd
}

fn report(dir: &tempfile::TempDir, args: &[&str]) -> String {
    let out = lane(dir).arg("report").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn every_report_as_markdown() {
    let dir = week();
    for (name, args) in [
        ("standup", &["standup"][..]),
        ("week", &["week"]),
        (
            "review_thursday",
            &["review", "--since", "thu", "--until", "thu"],
        ),
        ("review_today_unreviewed", &["review"]),
        ("brag", &["brag"]),
    ] {
        insta::assert_snapshot!(format!("report_{name}"), report(&dir, args));
    }
}

#[test]
fn every_report_as_json() {
    let dir = week();
    for kind in ["standup", "week", "review", "brag"] {
        let text = report(&dir, &[kind, "--json", "--since", "mon"]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["kind"], kind);
        assert_eq!(value["since"], "2026-11-23");
        assert_eq!(value["until"], "2026-11-27");
        insta::assert_snapshot!(format!("report_{kind}_json"), text);
    }
}

#[test]
fn the_weekly_update_names_what_the_seeds_ask_for() {
    let text = report(&week(), &["week"]);
    // Progress against the measure, updates this week, decisions with rationale,
    // escalations with their answer, calls to report, risks, next week's focus.
    for needle in [
        "measure: errors < 0.1%",
        "tax lines done, error rate 0.08% in staging",
        "Why: cheap to change",
        "escalated to Maria (director) — answer: approved for 2 months",
        "## Calls made in my lane, reported here",
        "stuck: staging DB access",
        "silent: Hire a data engineer",
        "## Next week's focus",
    ] {
        assert!(
            text.contains(needle),
            "week report lacks `{needle}`:\n{text}"
        );
    }
}

#[test]
fn brag_is_situation_call_outcome() {
    let text = report(&week(), &["brag"]);
    assert!(text.contains(
        "**Retry policy for webhooks** → 3 retries with exponential backoff → failed deliveries down from 2% to 0.1%"
    ));
    // A call without an outcome is not evidence yet.
    assert!(!text.contains("Use the shared staging cluster"));
}

#[test]
fn mark_reported_marks_exactly_the_calls_the_update_listed() {
    let dir = week();
    let out = dir.path().join("week.md");
    lane(&dir)
        .args(["report", "week", "--mark-reported", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("marked 2 calls reported"));
    let written = fs::read_to_string(&out).unwrap();
    assert!(written.contains("Use the shared staging cluster"));
    let data = fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    assert_eq!(data.matches("reported = \"2026-11-27\"").count(), 2);
    // Written again, there is nothing left to report.
    let again = report(&dir, &["week"]);
    assert!(again.contains("## Calls made in my lane, reported here\n\nNone outstanding."));
}

#[test]
fn bad_dates_and_options_exit_2_with_one_clear_line() {
    let dir = week();
    for (args, message) in [
        (
            &["week", "--since", "2026-13-01"][..],
            "--since: `2026-13-01` is not a date",
        ),
        (
            &["standup", "--until", "someday"],
            "--until: `someday` is not a date",
        ),
        (
            &["week", "--since", "fri", "--until", "wed"],
            "--since 2026-11-27 is after --until 2026-11-25",
        ),
        (
            &["review", "--since", "1900-01-01", "--until", "9999-12-31"],
            "longer than a report covers",
        ),
        (
            &["brag", "--mark-reported"],
            "--mark-reported belongs to `lane report week`",
        ),
    ] {
        lane(&dir)
            .arg("report")
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
    lane(&dir)
        .args(["report", "monthly"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "possible values: standup, week, review, brag",
        ));
    // Nothing was written.
    let data = fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    assert_eq!(
        data,
        fs::read_to_string("tests/fixtures/week.toml").unwrap()
    );
}

#[test]
fn a_report_reaches_into_the_archive_for_old_periods() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["demo", "--days", "200", "--seed", "3"])
        .env("LANE_NOW", FRIDAY_EVENING)
        .assert()
        .success();
    assert!(
        dir.path().join("archive").exists(),
        "the demo archives old items"
    );
    let old = report(
        &dir,
        &["brag", "--since", "2026-05-11", "--until", "2026-07-31"],
    );
    let completed = old
        .split("## Outcomes completed")
        .nth(1)
        .unwrap_or_default();
    assert!(
        completed.contains("done "),
        "archived outcomes are found:\n{old}"
    );
}
