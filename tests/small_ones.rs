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

#[test]
fn a_dumb_terminal_is_told_why_and_gets_no_escapes() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lane"));
    // Where the app would open, it draws one frame and ends: never a hang.
    cmd.arg("--first-frame-exit");
    cmd.arg("--dir");
    cmd.arg(dir.path());
    cmd.env("LANE_CONFIG_DIR", dir.path().join("config"));
    cmd.env("TERM", "dumb");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let status = child.wait().unwrap();
    drop(pty.master);
    let mut out = Vec::new();
    let _ = reader.read_to_end(&mut out);
    let out = String::from_utf8_lossy(&out);
    assert!(!status.success());
    assert!(out.contains("TERM=dumb"), "{out}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
}
