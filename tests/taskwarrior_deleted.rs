//! A priority born in lane, sent to the real taskwarrior with `lane export
//! taskwarrior` and `task import`, then deleted in lane: the next `lane import
//! taskwarrior` of taskwarrior's export leaves it deleted (as it does one that
//! came from taskwarrior), and brings in what is new there.

use crate::common::{json, lane};
use crate::taskwarrior::{Task, import};

#[test]
fn a_lane_born_priority_deleted_in_lane_stays_deleted_after_a_round_trip() {
    let tz = "Europe/Berlin";
    let Some(task) = Task::new(tz) else { return };
    let dir = tempfile::tempdir().unwrap();
    for title in ["Ship billing", "Old idea"] {
        lane(dir.path())
            .env("TZ", tz)
            .args(["add", "priority", title])
            .assert()
            .success();
    }
    // Out to taskwarrior, which takes both.
    let out = dir.path().join("to-task.json");
    lane(dir.path())
        .env("TZ", tz)
        .args(["export", "taskwarrior", "--out"])
        .arg(&out)
        .assert()
        .success();
    task.run(&["import", out.to_str().unwrap()]);
    assert!(task.run(&["export"]).contains("Old idea"));
    // Deleted in lane; in taskwarrior a task is added meanwhile.
    lane(dir.path())
        .args(["delete", "priority", "2"])
        .assert()
        .success();
    task.run(&["add", "New from taskwarrior"]);
    let said = import(dir.path(), tz, &task.export());
    assert!(
        said.contains("“Old idea”: deleted in lane since it was exported (it stays deleted)"),
        "{said}"
    );
    assert!(
        said.starts_with("imported 1, 1 already here, 1 skipped"),
        "{said}"
    );
    let titles: Vec<String> = json(dir.path(), &["list", "priorities", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.contains(&"Ship billing".to_string()), "{titles:?}");
    assert!(
        titles.contains(&"New from taskwarrior".to_string()),
        "{titles:?}"
    );
    // And again: still deleted, nothing doubled.
    let said = import(dir.path(), tz, &task.export());
    assert!(
        said.starts_with("imported 0, 2 already here, 1 skipped"),
        "{said}"
    );
}
