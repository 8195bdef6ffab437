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
