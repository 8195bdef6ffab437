//! Priorities on the command line: rank order with score and flags, progress
//! notes and done, and the mistakes refused.

use predicates::prelude::*;

use crate::cli::{data, refused};
use crate::common::{json, lane};

#[test]
fn priorities_list_in_rank_order_with_score_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Low one", "--impact", "low"])
        .assert()
        .success();
    lane(&dir)
        .args([
            "add", "priority", "Overdue", "--impact", "medium", "--due", "-2d",
        ])
        .assert()
        .success();
    lane(&dir)
        .args([
            "add",
            "priority",
            "Big",
            "--impact",
            "high",
            "--urgency",
            "high",
            "--focus",
        ])
        .assert()
        .success();
    let list = json(&dir, &["list", "priorities", "--json"]);
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Big", "Overdue", "Low one"]);
    assert_eq!(list[0]["score"], 9);
    // In focus and agreed with nobody: the outcome may be the wrong one.
    assert_eq!(list[0]["flags"], serde_json::json!(["focus", "unagreed"]));
    assert_eq!(list[1]["score"], 8);
    assert_eq!(list[1]["flags"], serde_json::json!(["overdue"]));
    assert_eq!(list[0]["focus"], true);
    assert_eq!(list[2]["impact"], "low");
}

#[test]
fn update_and_done_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship billing v2"])
        .assert()
        .success();
    lane(&dir)
        .args(["update", "priority", "1", "spec reviewed with finance"])
        .assert()
        .success()
        .stdout("update added to priority 1\n");
    let text = data(&dir);
    assert!(text.contains("[[priorities.updates]]"), "{text}");
    assert!(
        text.contains("note = \"spec reviewed with finance\""),
        "{text}"
    );
    lane(&dir)
        .args(["done", "priority", "1"])
        .assert()
        .success()
        .stdout("priority 1 done\n");
    lane(&dir)
        .args(["done", "priority", "1"])
        .assert()
        .success()
        .stdout("priority 1 was already done\n");
    // Done priorities leave the list; --all brings them back.
    lane(&dir)
        .args(["list"])
        .assert()
        .success()
        .stdout("no priorities yet\n");
    lane(&dir)
        .args(["list", "--all"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Ship billing v2"));
    let all = json(&dir, &["list", "priorities", "--all", "--json"]);
    assert_eq!(all[0]["status"], "done");
    assert_eq!(all[0]["updates"][0]["note"], "spec reviewed with finance");
}

#[test]
fn priority_mistakes_exit_2_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for t in ["a", "b", "c"] {
        lane(&dir)
            .args(["add", "priority", t, "--focus"])
            .assert()
            .success();
    }
    let before = data(&dir);
    let cases: [(&[&str], &str); 6] = [
        (
            &["add", "priority", "d", "--focus"],
            "3 priorities are in focus already (1 “a”, 2 “b”, 3 “c”)",
        ),
        (
            &["add", "priority", "d", "--impact", "huge"],
            "impact: `huge`: use high, medium or low",
        ),
        (
            &["add", "priority", "d", "--due", "someday"],
            "due: `someday` is not a date",
        ),
        (
            &["update", "priority", "9", "note"],
            "there is no priority 9",
        ),
        (
            &["update", "priority", "1", "  "],
            "an update cannot be empty",
        ),
        (&["done", "priority", "9"], "there is no priority 9"),
    ];
    refused(&dir, &cases);
    lane(&dir)
        .args(["update", "priority", "x", "note"])
        .assert()
        .code(2);
    assert_eq!(data(&dir), before);
}

/// Focus has a command (as strategy does): three at most, the refusal names
/// them, `--off` takes one out; `modify … focus=` points at the command.
#[test]
fn focus_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    for title in ["A", "B", "C", "D"] {
        lane(&dir)
            .args(["add", "priority", title])
            .assert()
            .success();
    }
    for id in ["1", "2", "3"] {
        lane(&dir)
            .args(["focus", "priority", id])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!(
                "priority {id} is in focus"
            )));
    }
    let before = std::fs::read(dir.path().join("lane.toml")).unwrap();
    lane(&dir)
        .args(["focus", "priorities", "4"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("release one first"));
    assert_eq!(std::fs::read(dir.path().join("lane.toml")).unwrap(), before);
    lane(&dir)
        .args(["focus", "priority", "2", "--off"])
        .assert()
        .success();
    lane(&dir)
        .args(["focus", "priority", "4"])
        .assert()
        .success();
    let focus: Vec<u64> = json(&dir, &["list", "priorities", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["focus"] == true)
        .map(|p| p["id"].as_u64().unwrap())
        .collect();
    assert_eq!(focus, [1, 3, 4]);
    refused(
        &dir,
        &[(
            &["modify", "priority", "1", "focus=false"],
            "lane focus priority ID [--off]",
        )],
    );
}
