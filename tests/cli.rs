//! The real binary on the command line, over valid and broken data.
//! Here what every command shares: help, no terminal, the data directory, adding
//! and listing every kind, bad values, a full disk, a newer file, completions,
//! a closed pipe, conflicts. Each kind's commands, the config and the transfers
//! are in the `*_cli.rs` files beside this one.

use std::fs;
use std::process::Command as StdCommand;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common::lane;

/// Each command exits 2 with its message on stderr.
pub(crate) fn refused(dir: &tempfile::TempDir, cases: &[(&[&str], &str)]) {
    for (args, message) in cases {
        lane(dir)
            .args(*args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*message));
    }
}

pub(crate) fn data(dir: &tempfile::TempDir) -> String {
    fs::read_to_string(dir.path().join("lane.toml")).unwrap()
}

#[test]
fn help_and_version() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("--dir <DIR>").and(predicate::str::contains("check")));
    lane(&dir)
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "lane {}",
            env!("CARGO_PKG_VERSION")
        )));
}

#[test]
fn without_a_terminal_the_app_says_so_instead_of_hanging() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .failure()
        .stderr(predicate::str::contains("lane needs a terminal"));
}

#[test]
fn lane_dir_env_chooses_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("lane")
        .unwrap()
        .env("LANE_DIR", dir.path())
        .env("LANE_CONFIG_DIR", dir.path().join("config"))
        .args(["add", "blocker", "staging DB access", "--waiting-on", "ops"])
        .assert()
        .success()
        .stdout("added blocker 1\n");
    assert!(data(&dir).contains("waiting_on = \"ops\""));
}

#[test]
fn add_and_list_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args([
            "add",
            "priority",
            "Ship billing v2",
            "--measure",
            "errors < 0.1%",
        ])
        .args(["--due", "2099-12-01", "--impact", "high"])
        .assert()
        .success()
        .stdout("added priority 1\n");
    lane(&dir)
        .args([
            "add",
            "block",
            "9:00-10:30 billing spec",
            "--date",
            "2026-12-01",
        ])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "blocker", "staging DB"])
        .assert()
        .success();
    lane(&dir)
        .args([
            "add",
            "decision",
            "Retry policy",
            "--call",
            "3 retries",
            "--reversible",
        ])
        .assert()
        .success();
    lane(&dir)
        .args(["list", "priorities"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Ship billing v2  (6: high impact · medium urgency · due in",
        ));
    lane(&dir)
        .args(["list", "blocks", "--date", "2026-12-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2026-12-01 09:00-10:30 deep    billing spec  90m",
        ));
    lane(&dir)
        .args(["list", "decisions", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"call\": \"3 retries\""))
        .stdout(predicate::str::contains("\"reversible\": true"));
    lane(&dir)
        .args(["list", "reviews"])
        .assert()
        .success()
        .stdout("no reviews yet\n");
}

#[test]
fn bad_values_exit_2_with_one_line_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "first"])
        .assert()
        .success();
    let before = data(&dir);
    for args in [
        vec!["add", "priority", "x", "--due", "someday"],
        vec!["add", "priority", "x", "--impact", "huge"],
        vec!["add", "priority", ""],
        vec!["add", "block", "x", "--time", "25:00"],
        vec!["add", "block", "x", "--kind", "nap"],
    ] {
        let out = lane(&dir)
            .args(&args)
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1, "{args:?}: {text}");
        assert!(text.starts_with("lane: "), "{text}");
    }
    assert_eq!(data(&dir), before);
}

#[test]
fn a_full_disk_fails_the_write_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "first"])
        .assert()
        .success();
    let before = data(&dir);
    // RLIMIT_FSIZE = 0 in a child: every write past 0 bytes fails with EFBIG,
    // which root cannot ignore the way it ignores file permissions.
    let bin = assert_cmd::cargo::cargo_bin("lane");
    let out = StdCommand::new("bash")
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 0; exec "$0" --dir "$1" add priority second"#)
        .arg(&bin)
        .arg(dir.path())
        .env("LANE_CONFIG_DIR", dir.path().join("config"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nothing was changed") && err.contains("cannot save"),
        "{err}"
    );
    assert_eq!(data(&dir), before);
}

#[test]
fn a_newer_file_is_refused_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let newer = "version = 2\n[[priorities]]\nid = 1\ntitle = \"x\"\n";
    fs::write(dir.path().join("lane.toml"), newer).unwrap();
    for args in [vec!["check"], vec!["list"], vec!["add", "priority", "y"]] {
        lane(&dir)
            .args(&args)
            .assert()
            .failure()
            .stderr(predicate::str::contains("only knows up to version 1"));
    }
    assert_eq!(data(&dir), newer);
}

#[test]
fn completions_man_page_and_config_paths() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        lane(&dir)
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("lane"));
    }
    lane(&dir)
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH lane 1"));
    lane(&dir)
        .args(["config", "--default"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("[working_hours]")
                .and(predicate::str::contains("spend_limit")),
        );
    lane(&dir)
        .args(["config", "--path"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            dir.path()
                .join("config")
                .join("keymap.toml")
                .to_string_lossy()
                .as_ref(),
        ));
    // The printed defaults are a valid config.
    let cfg = dir.path().join("config");
    fs::create_dir_all(&cfg).unwrap();
    let defaults = lane(&dir)
        .args(["config", "--default"])
        .output()
        .unwrap()
        .stdout;
    fs::write(cfg.join("config.toml"), defaults).unwrap();
    lane(&dir).arg("check").assert().success();
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir).args(["demo", "--days", "60"]).assert().success();
    let bin = assert_cmd::cargo::cargo_bin("lane");
    let out = StdCommand::new("bash")
        .arg("-c")
        .arg(r#""$0" --dir "$1" list --all | true; echo "status ${PIPESTATUS[0]}""#)
        .arg(&bin)
        .arg(dir.path())
        .env("LANE_CONFIG_DIR", dir.path().join("config"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}

/// Two sessions change one title differently: `lane conflicts` lists it (text and
/// JSON), `lane check` reports it, and it is settled either way from the command line.
#[test]
fn conflicts_are_listed_checked_and_settled() {
    use lane::store::{Access, Store};
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship billing v2"])
        .assert()
        .success();
    let (mut a, mut mine) = Store::open(dir.path(), Access::Session).unwrap();
    let (mut b, mut theirs) = Store::open(dir.path(), Access::Session).unwrap();
    theirs.priorities[0].title = "Ship billing v3".into();
    b.save(&theirs, crate::common::now()).unwrap();
    mine.priorities[0].title = "Ship billing v2.1".into();
    a.save(&mine, crate::common::now()).unwrap();

    let out = lane(&dir).arg("conflicts").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains(
            "1  priority 1 title: kept “Ship billing v2.1”, the other side had “Ship billing v3”"
        ),
        "{text}"
    );
    let out = lane(&dir).args(["conflicts", "--json"]).assert().success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json[0]["field"], "title");
    assert_eq!(json[0]["other"], "Ship billing v3");
    lane(&dir)
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 conflict to settle"));
    refused(
        &dir,
        &[(&["conflicts", "take", "9"], "there is no conflict 9")],
    );
    lane(&dir)
        .args(["conflicts", "take", "1"])
        .assert()
        .success()
        // The value now is said, not the conflict as it was.
        .stdout(predicate::str::contains(
            "priority 1 title is now “Ship billing v3” (the other side's)",
        ));
    assert!(data(&dir).contains("title = \"Ship billing v3\""));
    assert!(!data(&dir).contains("[[conflicts]]"));
    lane(&dir)
        .arg("conflicts")
        .assert()
        .success()
        .stdout("no conflicts\n");
}
