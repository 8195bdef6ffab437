//! Done when: a meeting added to a calendar file over a planned deep block is,
//! after a refresh, proposed by `lane replan` (which changes nothing),
//! `--apply` moves the block clear of every meeting with its length kept, and
//! `lane undo` restores lane.toml byte for byte.

use std::fs;
use std::path::Path;

use crate::common::{json, lane};

const PLAN: &str = r#"version = 1

[[priorities]]
id = 1
uid = "P1"
title = "Ship billing v2"
focus = true

[[blocks]]
id = 1
uid = "K1"
date = "2026-11-23"
start = "09:00"
end = "10:00"
title = "email"
kind = "admin"

[[blocks]]
id = 2
uid = "K2"
date = "2026-11-23"
start = "10:00"
end = "11:30"
title = "billing spec"
kind = "deep"
priority = 1

[[blocks]]
id = 3
uid = "K3"
date = "2026-11-23"
start = "11:30"
end = "13:00"
title = "inbox"
kind = "shallow"

[[blocks]]
id = 4
uid = "K4"
date = "2026-11-23"
start = "13:00"
end = "13:30"
title = "lunch"
kind = "break"
"#;

fn calendar(events: &[(&str, &str, &str)]) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for (uid, start, end) in events {
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:design review\r\n\
             DTSTART:{start}\r\nDTEND:{end}\r\nEND:VEVENT\r\n"
        ));
    }
    out + "END:VCALENDAR\r\n"
}

/// A data dir with the plan above and a calendar file read from config.
fn planned_day() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("config")).unwrap();
    fs::write(
        dir.path().join("config/config.toml"),
        format!(
            "[[calendars]]\nname = \"work\"\nsource = \"{}\"\n",
            dir.path().join("work.ics").display()
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("work.ics"),
        calendar(&[("early", "20261123T080000", "20261123T083000")]),
    )
    .unwrap();
    fs::write(dir.path().join("lane.toml"), PLAN).unwrap();
    lane(dir.path())
        .args(["calendar", "refresh"])
        .assert()
        .success();
    dir
}

fn refresh_with_a_meeting_over_the_deep_block(dir: &Path) {
    fs::write(
        dir.join("work.ics"),
        calendar(&[
            ("early", "20261123T080000", "20261123T083000"),
            ("review", "20261123T103000", "20261123T110000"),
        ]),
    )
    .unwrap();
    let out = lane(dir)
        .args(["calendar", "refresh"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // The refresh says what the re-fit would be, and moves nothing.
    let said = String::from_utf8(out).unwrap();
    assert!(
        said.contains(
            "A meeting now covers 10:30–11:00 · billing spec 10:00–11:30 → 13:30–15:00 \
             · nothing moved: `lane replan --apply` takes it"
        ),
        "{said}"
    );
}

fn span(b: &serde_json::Value) -> (String, String) {
    let s = |k: &str| b[k].as_str().unwrap().to_string();
    (s("start"), s("end"))
}

fn length((start, end): &(String, String)) -> i64 {
    let t = |s: &str| chrono::NaiveTime::parse_from_str(s, "%H:%M").unwrap();
    (t(end) - t(start)).num_minutes()
}

#[test]
fn a_meeting_over_a_deep_block_is_proposed_applied_and_undone() {
    let dir = planned_day();
    let path = dir.path().join("lane.toml");
    // Before the meeting: nothing to re-fit.
    let said = lane(dir.path())
        .arg("replan")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(said)
            .unwrap()
            .starts_with("Nothing to re-fit")
    );
    refresh_with_a_meeting_over_the_deep_block(dir.path());
    let before = fs::read(&path).unwrap();

    let said = lane(dir.path())
        .arg("replan")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let said = String::from_utf8(said).unwrap();
    assert!(said.contains("A meeting now covers 10:30–11:00"), "{said}");
    assert!(
        said.contains("billing spec 10:00–11:30 → 13:30–15:00"),
        "{said}"
    );
    let proposal = json(dir.path(), &["replan", "--json"]);
    assert_eq!(proposal["moves"][0]["block"], 2);
    assert_eq!(proposal["moves"][0]["from"]["start"], "10:00");
    assert_eq!(proposal["moves"][0]["to"]["start"], "13:30");
    assert_eq!(proposal["moves"][0]["reason"], "a meeting covers it");
    assert_eq!(fs::read(&path).unwrap(), before, "replan changed the file");

    lane(dir.path())
        .args(["replan", "--apply"])
        .assert()
        .success();
    let blocks = json(dir.path(), &["list", "blocks", "--json", "--all"]);
    let day: Vec<&serde_json::Value> = blocks
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["date"] == "2026-11-23")
        .collect();
    let spec = day.iter().find(|b| b["title"] == "billing spec").unwrap();
    let moved = span(spec);
    assert_eq!(length(&moved), 90);
    for meeting in day.iter().filter(|b| b["kind"] == "meeting") {
        let m = span(meeting);
        assert!(moved.1 <= m.0 || m.1 <= moved.0, "{moved:?} overlaps {m:?}");
    }
    assert_ne!(fs::read(&path).unwrap(), before);

    lane(dir.path()).arg("undo").assert().success();
    assert_eq!(
        String::from_utf8(fs::read(&path).unwrap()).unwrap(),
        String::from_utf8(before).unwrap()
    );
}

#[test]
fn replan_refuses_a_bad_date_in_one_line() {
    let dir = planned_day();
    let before = fs::read(dir.path().join("lane.toml")).unwrap();
    let out = lane(dir.path())
        .args(["replan", "--date", "someday", "--apply"])
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("--date"), "{err}");
    assert_eq!(fs::read(dir.path().join("lane.toml")).unwrap(), before);
}

#[test]
fn a_day_without_meetings_over_its_plan_has_nothing_to_apply() {
    let dir = planned_day();
    let before = fs::read(dir.path().join("lane.toml")).unwrap();
    let proposal = json(dir.path(), &["replan", "--json", "--date", "2026-11-23"]);
    assert_eq!(proposal["moves"], serde_json::json!([]));
    lane(dir.path())
        .args(["replan", "--apply"])
        .assert()
        .success();
    assert_eq!(fs::read(dir.path().join("lane.toml")).unwrap(), before);
}
