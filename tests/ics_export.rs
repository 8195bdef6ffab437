//! `lane export ics` as calendar apps read it: DTSTAMP is true UTC whatever the
//! zone, and a range reaching into the archive exports the archived blocks.

use crate::common::lane;

fn export(dir: &tempfile::TempDir, tz: &str, args: &[&str]) -> String {
    let out = lane(dir)
        .env("TZ", tz)
        .args(["export", "ics"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn dtstamp_is_utc_east_and_west_of_greenwich() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "9-10 planning", "--date", "2026-11-24"])
        .assert()
        .success();
    // The clock reads 2026-11-23 08:10 local.
    for (tz, utc) in [
        ("Asia/Tokyo", "DTSTAMP:20261122T231000Z"),
        ("America/New_York", "DTSTAMP:20261123T131000Z"),
        ("UTC", "DTSTAMP:20261123T081000Z"),
    ] {
        let text = export(&dir, tz, &[]);
        assert!(text.contains(utc), "{tz}: {text}");
    }
}

#[test]
fn a_range_inside_the_archive_exports_the_archived_blocks() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .env("LANE_NOW", "2026-06-01T08:00")
        .args(["add", "block", "9-10 june planning", "--date", "2026-06-02"])
        .assert()
        .success();
    // Months later a write archives it.
    lane(&dir)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    assert!(dir.path().join("archive").exists());
    let text = export(&dir, "UTC", &["--from", "2026-06-01", "--to", "2026-06-30"]);
    assert!(text.contains("SUMMARY:june planning"), "{text}");
    assert!(text.contains("DTSTART:20260602T090000"), "{text}");
}

/// The days calcurse has a title on, from `calcurse -Q`.
fn calcurse_days(home: &std::path::Path, title: &str) -> Vec<String> {
    let out = std::process::Command::new("calcurse")
        .arg("-D")
        .arg(home)
        .args(["-Q", "--from", "11/23/2026", "--days", "21"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut day = String::new();
    let mut days = Vec::new();
    for line in text.lines() {
        if let Some(d) = line.strip_suffix(':') {
            day = d.to_string();
        } else if line.trim() == title {
            days.push(day.clone());
        }
    }
    days
}

#[test]
fn a_repeating_block_is_one_event_with_its_rule_as_calcurse_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "9-9:15 standup", "--every", "mon,wed"])
        .assert()
        .success();
    // Mon 23, Wed 25, Mon 30, Wed 2…: Wed 25 moved to 10:00 on its own, Mon 30 deleted.
    let ids = crate::common::json(&dir, &["list", "blocks", "--week", "--json"]);
    let id_on = |date: &str| {
        ids.as_array()
            .unwrap()
            .iter()
            .find(|b| b["date"] == date)
            .map(|b| b["id"].to_string())
            .unwrap()
    };
    lane(&dir)
        .args(["modify", "block", &id_on("2026-11-25"), "time=10-10:15"])
        .assert()
        .success();
    let next = crate::common::json(&dir, &["list", "blocks", "--date", "2026-11-30", "--json"]);
    let monday = next[0]["id"].to_string();
    lane(&dir)
        .args(["delete", "block", &monday])
        .assert()
        .success();
    let text = export(&dir, "UTC", &[]);
    assert_eq!(text.matches("RRULE:").count(), 1, "{text}");
    assert!(
        text.contains("RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE;WKST=MO\r\n"),
        "{text}"
    );
    assert!(
        text.contains("EXDATE:20261125T090000Z,20261130T090000Z\r\n"),
        "{text}"
    );
    assert!(text.contains("DTSTART:20261125T100000Z\r\n"), "{text}");
    let found = std::process::Command::new("calcurse")
        .arg("--version")
        .output();
    if !found.is_ok_and(|o| o.status.success()) {
        println!("skipped the calcurse check: calcurse is not installed here");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("apts"), "").unwrap();
    std::fs::write(home.path().join("todo"), "").unwrap();
    let file = home.path().join("lane.ics");
    std::fs::write(&file, &text).unwrap();
    let imported = std::process::Command::new("calcurse")
        .arg("-D")
        .arg(home.path())
        .arg("-i")
        .arg(&file)
        .output()
        .unwrap();
    assert!(imported.status.success(), "{imported:?}");
    // Three weeks: every Monday and Wednesday but the two taken out, and the
    // moved Wednesday as itself — 9 December too, which lane has not made yet.
    assert_eq!(
        calcurse_days(home.path(), "standup"),
        ["11/23/26", "11/25/26", "12/02/26", "12/07/26", "12/09/26"]
    );
}
