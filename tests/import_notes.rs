//! What `lane import` says about what it did not take as it was: notes repeated
//! for many events are capped, and an item left out says clearly why.

use crate::common::lane;

/// A calendar of `n` events, each in a time zone of its own that no one knows.
fn unknown_zones(n: usize) -> String {
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for i in 0..n {
        ics.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:ev{i}@test\r\nDTSTAMP:20261101T000000Z\r\n\
             DTSTART;TZID=Mars/Crater{i}:20261124T{h:02}0000\r\n\
             DTEND;TZID=Mars/Crater{i}:20261124T{h:02}3000\r\nSUMMARY:Sync {i}\r\nEND:VEVENT\r\n",
            h = 8 + i % 10
        ));
    }
    ics.push_str("END:VCALENDAR\r\n");
    ics
}

#[test]
fn many_unknown_zones_are_said_five_times_then_counted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mars.ics");
    std::fs::write(&file, unknown_zones(12)).unwrap();
    let out = lane(dir.path())
        .args(["import", "ics", file.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .clone();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let notes = text
        .lines()
        .filter(|l| l.starts_with("note: time zone"))
        .count();
    assert_eq!(notes, 5, "{text}");
    assert!(
        text.contains(
            "note: … and 7 more of the same (time zone unknown: read as your own zone's)"
        ),
        "{text}"
    );
    // Five or fewer are all said.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mars.ics");
    std::fs::write(&file, unknown_zones(5)).unwrap();
    let out = lane(dir.path())
        .args(["import", "ics", file.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("note: time zone"))
            .count(),
        5,
        "{text}"
    );
    assert!(!text.contains("more of the same"), "{text}");
}

/// Two items of one file with one uid: the first is imported, the second is
/// left out and said so — not called "already here", which it never was.
#[test]
fn a_uid_twice_in_the_file_is_refused_with_why_not_called_already_here() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two.json");
    std::fs::write(
        &file,
        r#"{"version": 1, "priorities": [
            {"id": 1, "uid": "P-same", "title": "Ship billing v2"},
            {"id": 2, "uid": "P-same", "title": "Hire a data engineer"}]}"#,
    )
    .unwrap();
    let out = lane(dir.path())
        .args(["import", "json", file.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.contains("imported 1, 0 already here, 1 skipped"),
        "{text}"
    );
    assert!(
        text.contains(
            "priority 2 “Hire a data engineer”: its uid P-same is also used by priority 1 \
             in this file — that one was imported, this one left out"
        ),
        "{text}"
    );
    let listed = lane(dir.path())
        .args(["list", "priorities"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let listed = String::from_utf8_lossy(&listed);
    assert!(
        listed.contains("Ship billing v2") && !listed.contains("Hire a data engineer"),
        "{listed}"
    );
    // Imported again: both are here now (under the one uid), and said so.
    let out = lane(dir.path())
        .args(["import", "json", file.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.contains("imported 0, 2 already here, 0 skipped"),
        "{text}"
    );
}
