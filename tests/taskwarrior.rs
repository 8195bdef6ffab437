//! lane against the real taskwarrior (`task`, installed by `.ci/run`): dates in
//! zones east of UTC, and the round trip — `task export` into lane, lane's
//! changes back out through `lane export taskwarrior` into `task import`.
//! Each test prints why and returns when `task` is not on the machine.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{json, lane};

/// A taskwarrior of its own: its data and rc file in a scratch dir, run in `tz`.
pub(crate) struct Task {
    pub(crate) dir: tempfile::TempDir,
    tz: &'static str,
}

impl Task {
    /// `None` (and a printed line saying so) when `task` is not installed.
    pub(crate) fn new(tz: &'static str) -> Option<Task> {
        let found = Command::new("task").arg("--version").output();
        if !found.is_ok_and(|o| o.status.success()) {
            println!("skipped: taskwarrior (`task`) is not installed here");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("taskrc"), "").unwrap();
        Some(Task { dir, tz })
    }

    /// Runs `task rc.confirmation=off ARGS…` and returns what it printed.
    pub(crate) fn run(&self, args: &[&str]) -> String {
        let out = Command::new("task")
            .env("TASKDATA", self.dir.path())
            .env("TASKRC", self.dir.path().join("taskrc"))
            .env("TZ", self.tz)
            .args(["rc.confirmation=off", "rc.verbose=nothing", "rc.hooks=off"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "task {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// `task export` written to a file lane can import.
    pub(crate) fn export(&self) -> PathBuf {
        let file = self.dir.path().join("export.json");
        std::fs::write(&file, self.run(&["export"])).unwrap();
        file
    }
}

/// `lane` in `dir` with the same zone as the taskwarrior.
fn lane_in(dir: &Path, tz: &str) -> assert_cmd::Command {
    let mut cmd = lane(dir);
    cmd.env("TZ", tz);
    cmd
}

fn priority<'a>(list: &'a serde_json::Value, title: &str) -> &'a serde_json::Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == title)
        .unwrap_or_else(|| panic!("no priority “{title}” in {list}"))
}

#[test]
fn due_entry_and_annotation_dates_are_local_dates_east_of_utc() {
    for tz in ["Europe/Berlin", "Asia/Tokyo"] {
        let Some(task) = Task::new(tz) else { return };
        // Written at 23:30 UTC: the next morning in both zones.
        let dated = task.dir.path().join("dated.json");
        std::fs::write(
            &dated,
            r#"[{"uuid":"5a0e0b4c-1b7e-4e53-9d43-5b1a5ee2f001","description":"Ship it","status":"pending","entry":"20261119T233000Z","annotations":[{"entry":"20261120T233000Z","description":"spec reviewed"}]}]"#,
        )
        .unwrap();
        task.run(&["import", dated.to_str().unwrap()]);
        // Local midnight of the due day, east of UTC, is the day before in UTC.
        task.run(&["1", "modify", "due:2026-12-11"]);
        let exported = task.export();
        let text = std::fs::read_to_string(&exported).unwrap();
        assert!(text.contains(r#""due":"20261210T"#), "{tz}: {text}");
        let dir = tempfile::tempdir().unwrap();
        lane_in(dir.path(), tz)
            .args(["import", "taskwarrior"])
            .arg(&exported)
            .assert()
            .success();
        let list = json(dir.path(), &["list", "priorities", "--json"]);
        let p = priority(&list, "Ship it");
        assert_eq!(p["due"], "2026-12-11", "{tz}");
        assert_eq!(p["created"], "2026-11-20", "{tz}");
        assert_eq!(p["updates"][0]["date"], "2026-11-21", "{tz}");
    }
}

#[test]
fn a_round_trip_through_taskwarrior_updates_keeps_and_goes_back() {
    let tz = "Europe/Berlin";
    let Some(task) = Task::new(tz) else { return };
    task.run(&["add", "Ship billing", "due:2026-12-11", "priority:H"]);
    task.run(&["add", "Write the runbook", "+ops", "+docs", "project:Infra"]);
    task.run(&["add", "Old idea"]);
    let dir = tempfile::tempdir().unwrap();
    let said = import(dir.path(), tz, &task.export());
    assert!(
        said.starts_with("imported 3, 0 already here, 0 skipped"),
        "{said}"
    );
    assert!(said.contains("kept tags under `taskwarrior`"), "{said}");
    // Deleted in lane: stays deleted.
    let list = json(dir.path(), &["list", "priorities", "--json"]);
    let old = priority(&list, "Old idea")["id"].to_string();
    lane(dir.path())
        .args(["delete", "priority", &old])
        .assert()
        .success();
    // Done and re-dated, and renamed, in taskwarrior.
    task.run(&["1", "done"]);
    task.run(&["2", "modify", "Write the ops runbook", "due:2026-12-18"]);
    let said = import(dir.path(), tz, &task.export());
    assert!(said.contains("2 updated"), "{said}");
    assert!(
        said.contains("“Old idea”: deleted in lane since it was imported (it stays deleted)"),
        "{said}"
    );
    let list = json(dir.path(), &["list", "priorities", "--json", "--all"]);
    let billing = priority(&list, "Ship billing");
    assert_eq!(billing["status"], "done");
    let runbook = priority(&list, "Write the ops runbook");
    assert_eq!(runbook["due"], "2026-12-18");
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|p| p["title"] != "Old idea")
    );
    // A priority made in lane, and everything, back into taskwarrior.
    lane(dir.path())
        .args(["add", "priority", "Hire a designer", "--due", "2026-12-20"])
        .assert()
        .success();
    let out = dir.path().join("tasks.json");
    lane_in(dir.path(), tz)
        .args(["export", "taskwarrior", "--out"])
        .arg(&out)
        .assert()
        .success();
    task.run(&["import", out.to_str().unwrap()]);
    let tasks: serde_json::Value = serde_json::from_str(&task.run(&["export"])).unwrap();
    let hire = priority_task(&tasks, "Hire a designer");
    assert_eq!(hire["status"], "pending");
    assert_eq!(
        task.run(&["_get", &format!("{}.due", hire["uuid"].as_str().unwrap())])
            .trim(),
        "2026-12-20T00:00:00"
    );
    let runbook = priority_task(&tasks, "Write the ops runbook");
    let mut tags: Vec<&str> = runbook["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    tags.sort();
    assert_eq!(tags, ["docs", "ops"]);
    assert_eq!(runbook["project"], "Infra");
    assert_eq!(priority_task(&tasks, "Ship billing")["status"], "completed");
    // And that export, once more into lane, changes nothing.
    let said = import(dir.path(), tz, &task.export());
    assert!(
        said.starts_with("imported 0, 3 already here, 1 skipped\n"),
        "{said}"
    );
}

/// `lane import taskwarrior FILE` in `dir`, in zone `tz`: what it said.
pub(crate) fn import(dir: &Path, tz: &str, file: &Path) -> String {
    let out = lane_in(dir, tz)
        .args(["import", "taskwarrior"])
        .arg(file)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn priority_task<'a>(tasks: &'a serde_json::Value, title: &str) -> &'a serde_json::Value {
    tasks
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["description"] == title)
        .unwrap_or_else(|| panic!("no task “{title}” in {tasks}"))
}
