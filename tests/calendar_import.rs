//! `lane import ics` with the real binary: meetings where a person in Berlin or
//! New York expects them, across each zone's DST changes; again is nothing new;
//! the calendar's title and time cannot be changed in lane; they never leave by
//! `export ics`.

use std::path::Path;

use crate::common::{lane, shown_blocks};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/calendars");

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// `lane` on `dir` in zone `tz` at `now`.
fn at(dir: &Path, tz: &str, now: &str) -> assert_cmd::Command {
    let mut cmd = lane(dir);
    cmd.env("TZ", tz).env("LANE_NOW", now);
    cmd
}

fn import(dir: &Path, tz: &str, now: &str, file: &str) -> String {
    let out = at(dir, tz, now)
        .args(["import", "ics", &fixture(file)])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// The blocks lane shows on `date`, seen at `now` in `tz`.
fn on(dir: &Path, tz: &str, now: &str, date: &str) -> Vec<String> {
    shown_blocks(dir, tz, now, date, 1)
        .into_iter()
        .filter(|b| b.starts_with(date))
        .collect()
}

#[test]
fn a_new_york_series_lands_right_in_berlin_across_both_zones_dst_changes() {
    // Spring: New York changes on 8 March, Berlin on 29 March.
    let spring = tempfile::tempdir().unwrap();
    import(
        spring.path(),
        "Europe/Berlin",
        "2026-03-01T08:00",
        "apple.ics",
    );
    assert_eq!(
        on(
            spring.path(),
            "Europe/Berlin",
            "2026-03-01T08:00",
            "2026-03-03"
        ),
        ["2026-03-03 15:30-16:00 1:1 with Dana"]
    );
    assert_eq!(
        on(
            spring.path(),
            "Europe/Berlin",
            "2026-03-01T08:00",
            "2026-03-17"
        ),
        ["2026-03-17 14:30-15:00 1:1 with Dana"]
    );
    assert_eq!(
        on(
            spring.path(),
            "Europe/Berlin",
            "2026-03-01T08:00",
            "2026-03-31"
        ),
        ["2026-03-31 15:30-16:00 1:1 with Dana"]
    );
    // Autumn: Berlin changes on 25 October, New York on 1 November.
    let autumn = tempfile::tempdir().unwrap();
    import(
        autumn.path(),
        "Europe/Berlin",
        "2026-10-20T08:00",
        "apple.ics",
    );
    assert_eq!(
        on(
            autumn.path(),
            "Europe/Berlin",
            "2026-10-20T08:00",
            "2026-10-27"
        ),
        ["2026-10-27 14:30-15:00 1:1 with Dana"]
    );
    assert_eq!(
        on(
            autumn.path(),
            "Europe/Berlin",
            "2026-10-20T08:00",
            "2026-11-10"
        ),
        ["2026-11-10 15:30-16:00 1:1 with Dana"]
    );
    // In New York itself it is 09:30 all year.
    for now in ["2026-03-01T08:00", "2026-10-20T08:00"] {
        let ny = tempfile::tempdir().unwrap();
        import(ny.path(), "America/New_York", now, "apple.ics");
        let ones: Vec<_> = shown_blocks(ny.path(), "America/New_York", now, &now[..10], 8)
            .into_iter()
            .filter(|b| b.ends_with("Dana"))
            .collect();
        assert!(ones.len() >= 4, "{ones:?}");
        assert!(ones.iter().all(|b| b.contains(" 09:30-10:00 ")), "{ones:?}");
    }
}

#[test]
fn a_berlin_calendar_seen_from_new_york_and_outlook_names_seen_from_berlin() {
    let ny = tempfile::tempdir().unwrap();
    import(
        ny.path(),
        "America/New_York",
        "2026-11-30T08:00",
        "google.ics",
    );
    assert_eq!(
        on(
            ny.path(),
            "America/New_York",
            "2026-11-30T08:00",
            "2026-11-30"
        ),
        ["2026-11-30 03:30-03:45 Team standup"]
    );
    assert_eq!(
        on(
            ny.path(),
            "America/New_York",
            "2026-11-30T08:00",
            "2026-12-03"
        ),
        ["2026-12-03 10:00-11:00 Quarterly review with finance"]
    );
    let berlin = tempfile::tempdir().unwrap();
    let said = import(
        berlin.path(),
        "Europe/Berlin",
        "2026-11-30T08:00",
        "outlook.ics",
    );
    assert!(said.contains("5 added"), "{said}");
    assert!(
        said.contains("line 34") && said.contains("garbage"),
        "the broken event is named: {said}"
    );
    assert_eq!(
        on(
            berlin.path(),
            "Europe/Berlin",
            "2026-11-30T08:00",
            "2026-12-01"
        ),
        [
            "2026-12-01 16:00-16:30 Budget check-in",
            "2026-12-01 17:00-18:00 Architecture sync with the Seattle team about the billing migration plan",
        ]
    );
}

#[test]
fn importing_again_changes_nothing_and_a_changed_file_updates_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let said = import(
        dir.path(),
        "Europe/Berlin",
        "2026-11-30T08:00",
        "google.ics",
    );
    assert!(said.starts_with("google: 16 added"), "{said}");
    let first = std::fs::read(dir.path().join("lane.toml")).unwrap();
    let again = import(
        dir.path(),
        "Europe/Berlin",
        "2026-11-30T08:00",
        "google.ics",
    );
    assert!(
        again.starts_with("google: 0 added, 0 updated, 0 removed"),
        "{again}"
    );
    assert_eq!(std::fs::read(dir.path().join("lane.toml")).unwrap(), first);
    // The organiser moves the review and cancels a standup.
    let changed = std::fs::read_to_string(fixture("google.ics"))
        .unwrap()
        .replace("DTSTART:20261203T150000Z", "DTSTART:20261203T130000Z")
        .replace("DTEND:20261203T160000Z", "DTEND:20261203T140000Z")
        .replace(
            "EXDATE;TZID=Europe/Berlin:20261204T093000",
            "EXDATE;TZID=Europe/Berlin:20261204T093000,20261209T093000",
        );
    let file = dir.path().join("google.ics");
    std::fs::write(&file, changed).unwrap();
    let out = at(dir.path(), "Europe/Berlin", "2026-11-30T08:00")
        .args(["import", "ics"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.starts_with("google: 0 added, 1 updated, 1 removed"),
        "{out}"
    );
    assert_eq!(
        on(
            dir.path(),
            "Europe/Berlin",
            "2026-11-30T08:00",
            "2026-12-03"
        ),
        ["2026-12-03 14:00-15:00 Quarterly review with finance"]
    );
    assert!(
        on(
            dir.path(),
            "Europe/Berlin",
            "2026-11-30T08:00",
            "2026-12-09"
        )
        .is_empty()
    );
}

#[test]
fn a_meetings_title_and_time_are_the_calendars_and_it_is_not_exported() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), "UTC", "2026-11-30T08:00", "google.ics");
    let before = std::fs::read(dir.path().join("lane.toml")).unwrap();
    at(dir.path(), "UTC", "2026-11-30T08:00")
        .args(["modify", "block", "1", "title=Renamed"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "comes from the calendar “google”",
        ));
    assert_eq!(std::fs::read(dir.path().join("lane.toml")).unwrap(), before);
    // What is the user's can change.
    at(dir.path(), "UTC", "2026-11-30T08:00")
        .args(["modify", "block", "1", "kind=admin"])
        .assert()
        .success();
    lane(dir.path())
        .env("LANE_NOW", "2026-11-30T08:00")
        .args(["add", "block", "16:00-17:00 write the spec"])
        .assert()
        .success();
    let ics = lane(dir.path())
        .env("LANE_NOW", "2026-11-30T08:00")
        .args(["export", "ics"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let ics = String::from_utf8(ics).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "{ics}");
    assert!(ics.contains("write the spec"));
}

#[test]
fn what_is_not_a_calendar_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.ics");
    std::fs::write(&junk, "hello\n").unwrap();
    for (args, says) in [
        (
            vec!["import", "ics", junk.to_str().unwrap()],
            "not an iCalendar file",
        ),
        (vec!["import", "ics", "/nonexistent.ics"], "No such file"),
        (vec!["import", "ics", "/dev/zero"], "not a regular file"),
        (
            vec!["import", "ics", &fixture("google.ics"), "--kind", "party"],
            "--kind",
        ),
        (
            vec![
                "import",
                "ics",
                &fixture("google.ics"),
                "--name",
                "a\u{1b}b",
            ],
            "control character",
        ),
    ] {
        lane(dir.path())
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(says));
    }
    assert!(!dir.path().join("lane.toml").exists());
}

#[test]
fn a_blocks_length_is_real_time_on_the_nights_clocks_change() {
    // Spring forward: two real hours; fall back: four; an ordinary night: three.
    for (date, time, minutes) in [
        ("2026-03-29", "01:00-04:00", 120),
        ("2026-10-25", "01:00-04:00", 240),
        ("2026-11-02", "01:00-04:00", 180),
        // The hour that happens twice lasts; the one that is skipped does not.
        ("2026-10-25", "02:00-03:00", 60),
        ("2026-03-29", "02:00-03:00", 0),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let now = format!("{date}T08:00");
        at(dir.path(), "Europe/Berlin", &now)
            .args(["add", "block", &format!("{time} night deploy")])
            .assert()
            .success();
        let listed = at(dir.path(), "Europe/Berlin", &now)
            .args(["list", "blocks", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let listed: serde_json::Value = serde_json::from_slice(&listed).unwrap();
        assert_eq!(listed[0]["minutes"], minutes, "{date}");
    }
}

#[test]
fn the_same_calendar_under_two_names_is_said_and_one_can_be_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), "UTC", "2026-11-30T08:00", "google.ics");
    let out = at(dir.path(), "UTC", "2026-11-30T08:00")
        .args(["import", "ics", &fixture("google.ics"), "--name", "work"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("also here from “google”"), "{out}");
    lane(dir.path())
        .env("LANE_NOW", "2026-11-30T08:00")
        .args(["calendar", "forget", "work"])
        .assert()
        .success()
        .stdout(predicates::str::contains("meetings of `work` taken away"));
    let left = shown_blocks(dir.path(), "UTC", "2026-11-30T08:00", "2026-11-23", 3);
    // What "google" brought (and "work"'s past days, Nov 23-27) stay.
    assert!(
        left.iter().filter(|b| b.starts_with("2026-12-02")).count() == 1,
        "{left:?}"
    );
    lane(dir.path())
        .env("LANE_NOW", "2026-11-30T08:00")
        .args(["calendar", "forget", "nothing"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no meetings from today on"));
}
