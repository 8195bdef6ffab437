//! `lane remind` where it really runs: a notifier that fails leaves its
//! reminder unsent (cron has no desktop bus), the crontab line of
//! docs/reminders.md run as cron runs it (bare PATH, a clean HOME), and its
//! systemd units checked by `systemd-analyze verify` where the machine has it.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::lane;

fn reminders_doc() -> String {
    fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reminders.md")).unwrap()
}

/// A clean HOME with lane where `cargo install` puts it, and a standup at 09:00.
fn home_with_lane() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let bin = home.path().join(".cargo/bin");
    fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_lane"), bin.join("lane")).unwrap();
    lane(home.path().join(".local/share/lane"))
        .args(["add", "block", "9-9:15 standup", "--date", "2026-11-23"])
        .assert()
        .success();
    home
}

#[test]
fn a_reminder_whose_notifier_failed_is_sent_again_next_time() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "9-9:15 standup", "--date", "today"])
        .assert()
        .success();
    let config = dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("config.toml"),
        "notify_command = \"echo 'Cannot autolaunch D-Bus without X11 $DISPLAY' >&2; exit 1;\"\n",
    )
    .unwrap();
    let failed = lane(&dir)
        .env("LANE_NOW", "2026-11-23T08:58")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .arg("remind")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let said = String::from_utf8(failed.stderr).unwrap();
    assert!(said.contains("Cannot autolaunch D-Bus"), "{said}");
    assert!(
        said.contains("DBUS_SESSION_BUS_ADDRESS is not set"),
        "{said}"
    );
    assert!(said.contains("not marked sent"), "{said}");
    let log = dir.path().join("notified");
    fs::write(
        config.join("config.toml"),
        format!(
            "notify_command = \"printf '%s\\\\n' >> {}\"\n",
            log.display()
        ),
    )
    .unwrap();
    lane(&dir)
        .env("LANE_NOW", "2026-11-23T08:59")
        .arg("remind")
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&log).unwrap(),
        "standup starts at 09:00 (in 1m)\n"
    );
}

#[test]
fn the_crontab_line_runs_under_crons_bare_path() {
    let doc = reminders_doc();
    let line = doc
        .lines()
        .find(|l| l.starts_with("* 8-19 "))
        .expect("a crontab line in docs/reminders.md");
    // Five time fields, then the command cron gives to /bin/sh.
    let command: String = line
        .split_whitespace()
        .skip(5)
        .collect::<Vec<_>>()
        .join(" ");
    let home = home_with_lane();
    let out = Command::new("/bin/sh")
        .arg("-c")
        .arg(&command)
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", "/usr/bin:/bin")
        .env("SHELL", "/bin/sh")
        .env("LANE_NOW", "2026-11-23T08:58")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{command}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sent = fs::read_to_string(home.path().join(".local/share/lane/lane.reminded.toml"))
        .expect("the reminder was claimed");
    assert!(sent.contains("start:"), "{sent}");
}

/// The ```ini block of the doc that names `file`, without its naming comment.
fn unit(doc: &str, file: &str) -> String {
    let start = doc
        .find(&format!("```ini\n# ~/.config/systemd/user/{file}\n"))
        .unwrap_or_else(|| panic!("no {file} in docs/reminders.md"));
    let body = &doc[start + "```ini\n".len()..];
    body[..body.find("```").unwrap()].to_string()
}

#[test]
fn the_systemd_units_verify() {
    let found = Command::new("systemd-analyze").arg("--version").output();
    if !found.is_ok_and(|o| o.status.success()) {
        println!("skipped: systemd-analyze is not installed here");
        return;
    }
    let doc = reminders_doc();
    let home = home_with_lane();
    let units = home.path().join("units");
    fs::create_dir_all(&units).unwrap();
    let verify = |home: &Path| {
        for file in ["lane-remind.service", "lane-remind.timer"] {
            fs::write(units.join(file), unit(&doc, file)).unwrap();
        }
        Command::new("systemd-analyze")
            .args(["verify", "--man=no"])
            .arg(units.join("lane-remind.service"))
            .arg(units.join("lane-remind.timer"))
            .env("HOME", home)
            .output()
            .unwrap()
    };
    let out = verify(home.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And it does check: without lane in ~/.cargo/bin the service is refused.
    let empty = tempfile::tempdir().unwrap();
    assert!(!verify(empty.path()).status.success());
}
