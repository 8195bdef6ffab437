//! Decisions on the command line: triaged as they are added, reported,
//! escalated, answered, their outcome written, and the mistakes refused.

use predicates::prelude::*;

use crate::cli::{data, refused};
use crate::common::{json, lane};

/// A low-risk call inside the boundaries and one that crosses three.
fn two_calls(dir: &tempfile::TempDir) {
    lane(dir)
        .args([
            "add",
            "decision",
            "Retry policy",
            "--call",
            "3 retries",
            "--risk",
            "low",
        ])
        .assert()
        .success();
    lane(dir)
        .args([
            "add",
            "decision",
            "Hire a contractor",
            "--cost",
            "12k",
            "--topic",
            "hiring",
        ])
        .args([
            "--irreversible",
            "--risk",
            "medium",
            "--option",
            "contractor",
            "--option",
            "wait",
        ])
        .assert()
        .success();
}

#[test]
fn decisions_are_triaged_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    two_calls(&dir);
    let list = json(&dir, &["list", "decisions", "--json"]);
    assert_eq!(list[0]["triage"], "decide");
    assert_eq!(list[0]["reasons"], serde_json::json!([]));
    assert_eq!(list[0]["flags"], serde_json::json!(["unreported"]));
    assert_eq!(list[1]["triage"], "escalate");
    assert_eq!(
        list[1]["reasons"],
        serde_json::json!([
            "cost 12 000 > spend limit 500",
            "topic: hiring",
            "irreversible, medium risk"
        ])
    );
    assert_eq!(
        list[1]["options"],
        serde_json::json!(["contractor", "wait"])
    );
    assert_eq!(list[1]["cost"], 12000.0);
    // Reported, escalated, answered, outcome.
    lane(&dir)
        .args(["reported", "decision", "1"])
        .assert()
        .success()
        .stdout("decision 1 marked reported\n");
    lane(&dir)
        .args(["escalate", "decision", "2", "--to", "Dana"])
        .assert()
        .success()
        .stdout("decision 2 escalated to Dana\n");
    lane(&dir)
        .args(["answer", "decision", "2", "go ahead"])
        .assert()
        .success();
    lane(&dir)
        .args(["outcome", "decision", "1", "retries under 1%"])
        .assert()
        .success();
    let list = json(&dir, &["list", "decisions", "--json"]);
    assert_eq!(list[0]["flags"], serde_json::json!([]));
    assert_eq!(list[0]["outcome"], "retries under 1%");
    assert_eq!(list[1]["status"], "answered");
    assert_eq!(list[1]["escalated_to"], "Dana");
    lane(&dir)
        .args(["list", "decisions"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Hire a contractor  escalate (cost 12 000 > spend limit 500",
        ));
}

#[test]
fn decision_mistakes_exit_2_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "decision", "big one", "--cost", "9999"])
        .assert()
        .success();
    let before = data(&dir);
    let cases: [(&[&str], &str); 6] = [
        (
            &["add", "decision", "x", "--cost", "-5"],
            "cost: `-5`: a cost cannot be negative",
        ),
        (
            &["add", "decision", "x", "--risk", "extreme"],
            "risk: `extreme`: use high, medium or low",
        ),
        (&["reported", "decision", "9"], "there is no decision 9"),
        (&["reported", "decision", "1"], "nothing to report after"),
        (&["outcome", "decision", "9", "x"], "there is no decision 9"),
        (&["answer", "decision", "1", " "], "answer cannot be empty"),
    ];
    refused(&dir, &cases);
    assert_eq!(data(&dir), before);
}
