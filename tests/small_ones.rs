//! Small things found running lane as people do: an empty week of blocks is
//! not "no blocks yet" when later days have some; a dumb terminal gets a
//! message, not the full-screen app's escapes.

use crate::common::lane;

#[test]
fn an_empty_day_or_week_says_when_the_next_block_is() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["list", "blocks", "--week"])
        .assert()
        .success()
        .stdout("no blocks yet\n");
    lane(&dir)
        .args(["add", "block", "9-10 planning", "--date", "2026-12-02"])
        .assert()
        .success();
    lane(&dir)
        .args(["list", "blocks", "--week"])
        .assert()
        .success()
        .stdout(
            "no blocks in the week of 2026-11-23; the next is on 2026-12-02 \
             (lane list blocks --date 2026-12-02)\n",
        );
    lane(&dir)
        .args(["list", "blocks"])
        .assert()
        .success()
        .stdout(
            "no blocks on 2026-11-23; the next is on 2026-12-02 \
             (lane list blocks --date 2026-12-02)\n",
        );
    lane(&dir)
        .args(["list", "blocks", "--date", "2026-12-09"])
        .assert()
        .success()
        .stdout("no blocks on 2026-12-09\n");
}

#[test]
fn an_event_in_an_unknown_zone_comes_in_and_is_not_called_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mars.ics");
    std::fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:m1\r\n\
         DTSTART;TZID=Mars/Olympus:20261124T100000\r\nDURATION:PT1H\r\nSUMMARY:Rover sync\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let out = lane(&dir)
        .args(["import", "ics"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let said = String::from_utf8(out).unwrap();
    assert!(said.starts_with("mars: 1 added"), "{said}");
    assert!(!said.contains("skipped"), "{said}");
    assert!(
        said.contains(
            "note: time zone \"Mars/Olympus\" is unknown: its times are read as your own zone's"
        ),
        "{said}"
    );
}
