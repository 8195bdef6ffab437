//! `[hooks]`: the user's commands after a saved change, a completed review and a
//! sync — given what happened on stdin, never holding up or losing a change.

use std::fs;

use predicates::prelude::*;

use crate::common::lane;

fn config(dir: &tempfile::TempDir, hooks: &str) {
    let config = dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("config.toml"), format!("[hooks]\n{hooks}")).unwrap();
}

#[test]
fn on_change_gets_the_operation_and_each_item_before_and_after() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("changes.jsonl");
    config(
        &dir,
        &format!(
            "on_change = \"cat >> {} ; echo >> {}\"\n",
            log.display(),
            log.display()
        ),
    );
    lane(&dir)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    lane(&dir)
        .args(["update", "priority", "1", "spec reviewed"])
        .assert()
        .success();
    lane(&dir)
        .args(["done", "priority", "1"])
        .assert()
        .success();
    let docs: Vec<serde_json::Value> = fs::read_to_string(&log)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["operation"], "add");
    assert_eq!(docs[0]["changes"][0]["kind"], "priority");
    assert_eq!(docs[0]["changes"][0]["before"], serde_json::Value::Null);
    assert_eq!(docs[0]["changes"][0]["after"]["title"], "Ship billing");
    assert_eq!(docs[1]["operation"], "update");
    assert_eq!(docs[2]["operation"], "done");
    assert_eq!(docs[2]["changes"][0]["before"]["status"], "active");
    assert_eq!(docs[2]["changes"][0]["after"]["status"], "done");
}

#[test]
fn a_failing_or_hanging_hook_never_holds_up_or_loses_the_change() {
    let dir = tempfile::tempdir().unwrap();
    config(&dir, "on_change = \"echo no thanks >&2; exit 4\"\n");
    lane(&dir)
        .args(["add", "priority", "kept"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "on_change hook: `echo no thanks >&2; exit 4` failed",
        ))
        .stderr(predicate::str::contains("no thanks"));
    config(&dir, "on_change = \"sleep 30\"\ntimeout_seconds = 1\n");
    let started = std::time::Instant::now();
    lane(&dir)
        .args(["add", "priority", "also kept"])
        .assert()
        .success()
        .stderr(predicate::str::contains("took over 1 s and was stopped"));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let text = fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    assert!(text.contains("kept") && text.contains("also kept"));
    // A bad hook table is refused at its place, like any config value.
    config(&dir, "timeout_seconds = 0\n");
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("config.toml:2:19"));
}

#[test]
fn on_sync_hears_what_a_sync_did() {
    let dir = tempfile::tempdir().unwrap();
    let remote = tempfile::tempdir().unwrap();
    assert!(
        std::process::Command::new("git")
            .args(["init", "-q", "--bare"])
            .arg(remote.path())
            .status()
            .unwrap()
            .success()
    );
    let log = remote.path().join("synced");
    config(&dir, &format!("on_sync = \"cat > {}\"\n", log.display()));
    lane(&dir).args(["add", "priority", "p"]).assert().success();
    lane(&dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["sync", "init"])
        .arg(remote.path())
        .assert()
        .success();
    assert!(
        fs::read_to_string(&log)
            .unwrap()
            .contains("synced: sent 1 priority")
    );
}
