//! Derived data stays derived, with the real binary: a calendar's meetings are
//! computed from its copy (lane.toml keeps only what the user did with one),
//! the copies travel with `lane sync` to a machine that never configured the
//! calendar, and a file an older lane wrote is migrated with a backup.

use std::fs;
use std::path::Path;

use crate::common::lane;
use crate::sync::{git, joined, on};

/// A calendar of `n` meetings, one every weekday slot from Mon 23 Nov 2026 on
/// (four a day at 09:00, 11:00, 14:00 and 16:00), the first at `first`.
fn calendar(n: usize, first: &str) -> String {
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    let mut day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut made = 0;
    while made < n {
        if chrono::Datelike::weekday(&day).number_from_monday() <= 5 {
            for hour in ["0900", "1100", "1400", "1600"] {
                if made == n {
                    break;
                }
                let start = if made == 0 { first } else { hour };
                let d = day.format("%Y%m%d");
                text.push_str(&format!(
                    "BEGIN:VEVENT\r\nUID:m{made}@test\r\nDTSTAMP:20261101T000000Z\r\n\
                     DTSTART:{d}T{start}00\r\nDURATION:PT30M\r\nSUMMARY:meeting {made}\r\n\
                     END:VEVENT\r\n"
                ));
                made += 1;
            }
        }
        day = day.succ_opt().unwrap();
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

fn configure(dir: &Path, ics: &str) {
    fs::create_dir_all(dir.join("config")).unwrap();
    fs::write(dir.join("config/work.ics"), ics).unwrap();
    fs::write(
        dir.join("config/config.toml"),
        "[[calendars]]\nname = \"work\"\nsource = \"work.ics\"\n",
    )
    .unwrap();
}

fn size(dir: &Path) -> usize {
    fs::read(dir.join("lane.toml")).map_or(0, |b| b.len())
}

fn listed(dir: &Path, date: &str) -> serde_json::Value {
    crate::common::json(dir, &["list", "blocks", "--json", "--date", date])
}

#[test]
fn a_big_calendar_leaves_lane_toml_alone_and_a_link_follows_its_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    lane(d)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    let before = size(d);
    configure(d, &calendar(240, "0900"));
    lane(d).args(["calendar", "refresh"]).assert().success();
    let grown = size(d) - before;
    assert!(grown < 1024, "240 meetings grew lane.toml by {grown} bytes");
    assert_eq!(listed(d, "2026-11-23").as_array().unwrap().len(), 4);
    assert_eq!(listed(d, "2026-11-23")[0]["computed"], true);
    // Moving a meeting in the calendar leaves the file byte-identical.
    let kept = fs::read(d.join("lane.toml")).unwrap();
    configure(d, &calendar(240, "1000"));
    lane(d).args(["calendar", "refresh"]).assert().success();
    assert_eq!(fs::read(d.join("lane.toml")).unwrap(), kept);
    let first = &listed(d, "2026-11-23")[0];
    assert_eq!(first["start"], "10:00");
    // Linking one meeting to an outcome is a small fact…
    let id = first["id"].as_u64().unwrap().to_string();
    lane(d)
        .args(["modify", "block", &id, "priority=1"])
        .assert()
        .success();
    let link = size(d) - kept.len();
    assert!(link < 600, "a link wrote {link} bytes");
    // …that survives the next refresh and follows its meeting when it moves.
    configure(d, &calendar(240, "0800"));
    lane(d).args(["calendar", "refresh"]).assert().success();
    let first = &listed(d, "2026-11-23")[0];
    assert_eq!(
        (first["start"].as_str(), first["priority"].as_u64()),
        (Some("08:00"), Some(1))
    );
    assert_eq!(first["computed"], false, "a fact, kept");
    // A meeting as the calendar makes it cannot be deleted here: it is said,
    // and nothing changes.
    let other = listed(d, "2026-11-23")[1]["id"]
        .as_u64()
        .unwrap()
        .to_string();
    let before = fs::read(d.join("lane.toml")).unwrap();
    lane(d)
        .args(["delete", "block", &other])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "is a meeting of the calendar “work”",
        ));
    assert_eq!(fs::read(d.join("lane.toml")).unwrap(), before);
    assert_eq!(
        listed(d, "2026-11-23").as_array().unwrap().len(),
        4,
        "not twice"
    );
}

#[test]
fn a_machine_that_never_configured_the_calendar_shows_its_meetings_after_a_sync() {
    let m = joined("Ship billing");
    configure(&m.laptop, &calendar(40, "0900"));
    on(&m.laptop)
        .args(["calendar", "refresh"])
        .assert()
        .success();
    on(&m.laptop).arg("sync").assert().success();
    on(&m.desktop).arg("sync").assert().success();
    let there = listed(&m.desktop, "2026-11-23");
    let there = there.as_array().unwrap();
    assert_eq!(there.len(), 4, "{there:?}");
    assert_eq!(there[0]["calendar"]["source"], "work");
    // The copy and its note travel; the fetch state and the source do not.
    let files = git(&m.desktop, &["ls-files", "calendars"]);
    let files = String::from_utf8(files.stdout).unwrap();
    assert_eq!(files.lines().count(), 2, "{files}");
    assert!(
        files
            .lines()
            .all(|f| f.ends_with(".ics") || f.ends_with(".about"))
    );
    for f in files.lines() {
        assert!(
            !fs::read_to_string(m.desktop.join(f))
                .unwrap()
                .contains("work.ics")
        );
    }
    // Both machines fetch a changed calendar: their copies differ, and the
    // sync merges without a conflict.
    configure(&m.desktop, &calendar(40, "1000"));
    on(&m.desktop)
        .args(["calendar", "refresh"])
        .assert()
        .success();
    configure(&m.laptop, &calendar(40, "0800"));
    on(&m.laptop)
        .args(["calendar", "refresh"])
        .assert()
        .success();
    on(&m.desktop).arg("sync").assert().success();
    on(&m.laptop).arg("sync").assert().success();
    assert_eq!(listed(&m.laptop, "2026-11-23").as_array().unwrap().len(), 4);
}

/// lane.toml as the previous version wrote it: a weekday series with its days
/// kept as blocks, one of them started, and two meetings of a calendar.
const WRITTEN_BEFORE: &str = r#"version = 1

[[series]]
uid = "S"
every = "weekday"
first = "2026-11-23"
start = "09:00"
end = "09:15"
title = "standup"
kind = "meeting"

[[blocks]]
id = 1
uid = "S@2026-11-23"
date = "2026-11-23"
start = "09:00"
end = "09:15"
title = "standup"
kind = "meeting"
actual_start = "2026-11-23T09:01:00"
series = "S"

[[blocks]]
id = 2
uid = "S@2026-11-24"
date = "2026-11-24"
start = "09:00"
end = "09:15"
title = "standup"
kind = "meeting"
series = "S"

[[blocks]]
id = 3
uid = "plain"
date = "2026-11-23"
start = "10:00"
end = "12:00"
title = "spec"
kind = "deep"

[[blocks]]
id = 4
uid = "cal-0123456789abcdef"
date = "2026-11-24"
start = "14:00"
end = "14:30"
title = "design review"
kind = "meeting"

[blocks.calendar]
source = "team"
event = "review@example.com"
"#;

#[test]
fn a_file_an_older_lane_wrote_keeps_what_the_user_did_and_is_backed_up_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("lane.toml"), WRITTEN_BEFORE).unwrap();
    let shown = listed(d, "2026-11-24");
    lane(d).args(["add", "priority", "x"]).assert().success();
    let text = fs::read_to_string(d.join("lane.toml")).unwrap();
    // The started day and the plain block stay; the untouched day goes. The
    // meeting of a file imported once, of which no copy was kept, stays: nothing
    // could compute it again.
    assert_eq!(text.matches("[[blocks]]").count(), 3, "{text}");
    assert!(text.contains("S@2026-11-23") && !text.contains("S@2026-11-24"));
    assert!(text.contains("design review"));
    let day = |v: serde_json::Value| -> Vec<(String, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|b| (b["start"].to_string(), b["title"].to_string()))
            .collect()
    };
    assert_eq!(
        day(listed(d, "2026-11-24")),
        day(shown),
        "the day as it was"
    );
    let backups: Vec<_> = fs::read_dir(d.join("backups")).unwrap().flatten().collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(
        fs::read_to_string(backups[0].path()).unwrap(),
        WRITTEN_BEFORE
    );
    // An older lane elsewhere writes the days back: no second backup.
    fs::write(d.join("lane.toml"), WRITTEN_BEFORE).unwrap();
    lane(d).args(["add", "priority", "y"]).assert().success();
    assert_eq!(fs::read_dir(d.join("backups")).unwrap().count(), 1);
    lane(d).arg("check").assert().success();
}
