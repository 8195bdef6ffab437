//! The real binary in a pseudo-terminal: type keys like a user, then read the file.

use std::thread;
use std::time::{Duration, Instant};

use crate::common::{Session, TIMEOUT, wait_for_file};

#[test]
fn type_a_title_enter_quit_and_the_title_is_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.type_keys("a");
    s.wait_for_screen("Add priority");
    s.type_keys("Ship billing v2\r");
    s.wait_for_screen("saved priority 1");
    s.type_keys("q");
    assert!(s.wait_exit().success());
    let text = std::fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    assert!(text.contains("title = \"Ship billing v2\""), "{text}");
    // The terminal was given back: alternate screen left, cursor shown.
    let out = s.raw_output();
    assert!(out.contains("\u{1b}[?1049l"), "alternate screen not left");
}

#[test]
fn every_change_is_on_disk_before_quit_so_kill_9_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.type_keys("3astaging DB access\tops\r");
    wait_for_file(&dir.path().join("lane.toml"), "staging DB access");
    s.signal("KILL"); // not child.kill(): portable-pty sends SIGHUP
    s.wait_exit();
    let text = std::fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    assert!(text.contains("waiting_on = \"ops\""), "{text}");
    assert!(text.parse::<toml::Table>().is_ok());
}

/// No window locks the others out: a second app writes, and a command run beside
/// both lands at once and shows in the app on its next key.
#[test]
fn a_second_app_and_the_command_line_write_beside_an_open_app() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    let mut first = Session::start(dir.path());
    let mut second = Session::start(dir.path());
    first.type_keys("afrom the first window\r");
    wait_for_file(&file, "from the first window");
    second.type_keys("afrom the second window\r");
    let text = wait_for_file(&file, "from the second window");
    assert!(text.contains("from the first window"), "{text}");
    let start = Instant::now();
    crate::common::lane(dir.path())
        .env_remove("LANE_NOW")
        .args(["add", "priority", "from the command line"])
        .assert()
        .success();
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "the command waited {:?}",
        start.elapsed()
    );
    first.type_keys("j");
    first.wait_for_screen("from the command line");
    // The first window's next change merges everything it had not seen.
    first.type_keys("aand the first again\r");
    let text = wait_for_file(&file, "and the first again");
    for title in [
        "from the first window",
        "from the second window",
        "from the command line",
    ] {
        assert!(text.contains(title), "{title} lost: {text}");
    }
    second.type_keys("q");
    first.type_keys("q");
    assert!(second.wait_exit().success() && first.wait_exit().success());
}

#[test]
fn a_corrupt_file_stops_lane_before_the_screen_and_stays_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "version = 1\n[[priorities]\nid = 1\n";
    std::fs::write(dir.path().join("lane.toml"), broken).unwrap();
    let mut s = Session::launch(dir.path(), false);
    assert!(!s.wait_exit().success());
    let start = Instant::now();
    while !s.raw_output().contains("lane.toml:2:") {
        assert!(
            start.elapsed() < TIMEOUT,
            "no location in: {}",
            s.raw_output()
        );
        thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("lane.toml")).unwrap(),
        broken
    );
}

#[test]
fn an_edit_made_in_another_editor_is_reloaded_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    let mut s = Session::start(dir.path());
    s.type_keys("aShip billing\r");
    wait_for_file(&file, "Ship billing");
    // Someone edits the file by hand while lane is open.
    let theirs = std::fs::read_to_string(&file)
        .unwrap()
        .replace("Ship billing", "Ship billing v3");
    std::fs::write(&file, &theirs).unwrap();
    s.type_keys("j");
    // The item under the cursor was renamed: the message names it.
    s.wait_for_screen("renamed");
    s.wait_for_screen("Ship billing v3");
    // A change made now builds on their version.
    s.type_keys("aSecond\r");
    let text = wait_for_file(&file, "Second");
    assert!(text.contains("Ship billing v3"), "{text}");
    s.type_keys("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_full_disk_shows_an_error_keeps_the_file_and_the_change_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    let before = "version = 1\n\n[[priorities]]\nid = 1\ntitle = \"first\"\n";
    std::fs::write(&file, before).unwrap();
    let mut s = Session::start_in(dir.path(), true);
    s.type_keys("asecond\r");
    s.wait_for_screen("could not save");
    // Still on screen, so nothing typed is lost while the disk is full.
    assert!(s.screen_text().contains("second"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    s.type_keys("q");
    let status = s.wait_exit();
    assert!(
        !status.success(),
        "quitting with an unsaved change must not look like success"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_every_change() {
    for signal in ["TERM", "HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(dir.path());
        s.type_keys(&format!("asaved before SIG{signal}\r"));
        wait_for_file(&dir.path().join("lane.toml"), "saved before");
        s.signal(signal);
        let status = s.wait_exit();
        assert!(!status.success(), "a signal is not a normal exit");
        let start = Instant::now();
        while !s.raw_output().contains("\u{1b}[?1049l") {
            assert!(
                start.elapsed() < TIMEOUT,
                "SIG{signal}: terminal not restored"
            );
            thread::sleep(Duration::from_millis(20));
        }
        let text = std::fs::read_to_string(dir.path().join("lane.toml")).unwrap();
        assert!(text.contains(&format!("saved before SIG{signal}")));
    }
}

#[test]
fn clicking_a_tab_and_double_clicking_a_row_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.type_keys("3aVPN access\r");
    s.wait_for_screen("saved blocker 1");
    s.type_keys("1");
    s.wait_for_screen("No priorities yet");
    // SGR mouse reports: press and release of the left button, 1-based column;row.
    let click = |col: u16, row: u16| format!("\u{1b}[<0;{col};{row}M\u{1b}[<0;{col};{row}m");
    s.send(&click(32, 3)); // "3 Blockers" in the tab bar (line 3)
    s.wait_for_screen("VPN access");
    s.send(&click(10, 5)); // the first row…
    s.send(&click(10, 5)); // …twice
    s.wait_for_screen("Edit blocker 1");
    s.type_keys("\u{1b}");
    thread::sleep(Duration::from_millis(100));
    s.type_keys("q");
    assert!(s.wait_exit().success());
}

/// `lane plan` opens on the guided plan; the keys a user types land in the file,
/// and `lane review` the same evening writes the day's review.
#[test]
fn lane_plan_and_lane_review_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let morning = [("LANE_NOW", "2026-11-23T08:10")];
    for title in ["Ship billing v2", "Hire a data engineer"] {
        assert!(
            std::process::Command::new(env!("CARGO_BIN_EXE_lane"))
                .args(["--dir"])
                .arg(dir.path())
                .args(["add", "priority", title, "--impact", "high"])
                .env("LANE_CONFIG_DIR", dir.path().join("config"))
                .status()
                .unwrap()
                .success()
        );
    }
    let mut s = Session::launch_with(dir.path(), false, &["plan"], &morning);
    s.wait_for_screen("Plan the day");
    s.type_keys("\r");
    s.wait_for_screen("focus outcomes");
    s.type_keys("  \r");
    s.wait_for_screen("Offered");
    s.type_keys("  \r");
    s.wait_for_screen("Enter finishes the plan");
    s.type_keys("\r");
    s.wait_for_screen("day planned: 2 focus, 2 blocks");
    s.type_keys("q");
    assert!(s.wait_exit().success());
    let text = std::fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    assert_eq!(text.matches("focus = true").count(), 2, "{text}");
    assert_eq!(text.matches("[[blocks]]").count(), 2, "{text}");
    assert!(
        text.contains("[reviews.plan]") && text.contains("done = true"),
        "{text}"
    );

    let evening = [("LANE_NOW", "2026-11-23T17:40")];
    let mut s = Session::launch_with(dir.path(), false, &["review"], &evening);
    s.wait_for_screen("Review the day");
    s.type_keys("w\r");
    s.wait_for_screen("What moved");
    s.type_keys("spec done\r\r\r\r\r");
    s.wait_for_screen("Energy");
    s.type_keys("4\r");
    s.wait_for_screen("standup report");
    s.type_keys("\x1bq");
    assert!(s.wait_exit().success());
    let text = std::fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    assert!(
        text.contains("reviewed = true") && text.contains("energy = 4"),
        "{text}"
    );
    assert!(text.contains("note = \"spec done\""), "{text}");
}

/// `lane plan` resuming at its focus step picks last night's top three; the picks
/// are on disk before the first key, so a kill -9 right after the first frame keeps them.
#[test]
fn lane_plan_resuming_at_focus_has_the_picks_on_disk_before_the_first_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    std::fs::write(
        &file,
        r#"version = 1

[[priorities]]
id = 1
uid = "01JCP0000000000000000000P1"
title = "Ship billing v2"

[[priorities]]
id = 2
uid = "01JCP0000000000000000000P2"
title = "Hire a data engineer"

[[reviews]]
id = 1
uid = "01JCP0000000000000000000R1"
date = "2026-11-20"
tomorrow = [2, 1]

[[reviews]]
id = 2
uid = "01JCP0000000000000000000R2"
date = "2026-11-23"

[reviews.plan]
step = 1
"#,
    )
    .unwrap();
    let morning = [("LANE_NOW", "2026-11-23T08:10")];
    let mut s = Session::launch_with(dir.path(), false, &["plan"], &morning);
    s.wait_for_screen("resuming this morning");
    s.signal("KILL");
    assert!(!s.wait_exit().success());
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.matches("focus = true").count(), 2, "{text}");
}

/// lane.toml moved away while the app is open: what the app shows is kept (not
/// read as "everything deleted") and written back with the next change.
#[test]
fn a_file_moved_away_under_an_open_app_is_written_back_not_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    let mut s = Session::start(dir.path());
    s.type_keys("afirst\r");
    wait_for_file(&file, "first");
    std::fs::rename(&file, dir.path().join("moved.toml")).unwrap();
    s.type_keys("j");
    s.wait_for_screen("lane.toml is gone");
    s.type_keys("asecond\r");
    let text = wait_for_file(&file, "second");
    assert!(text.contains("first"), "{text}");
    s.type_keys("q");
    assert!(s.wait_exit().success());
}

/// Text typed into a form when a signal stops lane is not lost: the next start
/// opens the same form with it, and Enter saves it.
#[test]
fn a_form_being_typed_when_a_signal_comes_is_offered_back_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.type_keys("ahalf typed outcome");
    s.wait_for_screen("half typed outcome");
    s.signal("TERM");
    assert!(!s.wait_exit().success());
    assert!(dir.path().join(lane::draft::DRAFT_FILE).exists());
    // The form opens over the tabs at once: no waiting for them.
    let mut again = Session::launch(dir.path(), false);
    again.wait_for_screen("restored what you were typing");
    again.type_keys("\r");
    wait_for_file(&dir.path().join("lane.toml"), "half typed outcome");
    assert!(
        !dir.path().join(lane::draft::DRAFT_FILE).exists(),
        "used once"
    );
    again.type_keys("q");
    assert!(again.wait_exit().success());
}

/// Another writer's change shows in an open app as it happens, with no key
/// pressed: the app never shows stale data to point at.
#[test]
fn a_change_from_the_command_line_shows_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    let mut s = Session::start(dir.path());
    s.type_keys("aHire a data engineer\r");
    wait_for_file(&file, "Hire a data engineer");
    s.wait_for_screen("saved priority 1");
    crate::common::lane(dir.path())
        .env_remove("LANE_NOW")
        .args(["add", "priority", "Q1 roadmap draft"])
        .assert()
        .success();
    s.wait_for_screen("Q1 roadmap draft");
    s.wait_for_screen("reloaded");
    s.type_keys("q");
    assert!(s.wait_exit().success());
}
