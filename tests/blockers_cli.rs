//! Blockers on the command line: climbing the ladder rung by rung, escalating
//! (a follow-up comes next), resolving, and the mistakes refused.

use crate::cli::{data, refused};
use crate::common::{json, lane};

#[test]
fn blockers_climb_the_ladder_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    lane(&dir)
        .args([
            "add",
            "blocker",
            "staging DB access",
            "--waiting-on",
            "ops",
            "--priority",
            "1",
        ])
        .args(["--tried", "docs,search"])
        .assert()
        .success()
        .stdout("added blocker 1\n");
    let list = json(&dir, &["list", "blockers", "--json"]);
    assert_eq!(list[0]["priority"], 1);
    assert_eq!(list[0]["next_rung"], "peer");
    assert_eq!(list[0]["tried"][1]["rung"], "search");
    assert!(list[0]["age_hours"].is_number());
    assert!(list[0]["flags"].is_array());
    lane(&dir)
        .args(["tried", "blocker", "1", "peer", "Ana says ask ops"])
        .assert()
        .success()
        .stdout("tried peer on blocker 1\n");
    assert_eq!(
        json(&dir, &["list", "blockers", "--json"])[0]["next_rung"],
        "escalate"
    );
    lane(&dir)
        .args(["escalate", "blocker", "1", "--to", "ops lead"])
        .assert()
        .success()
        .stdout("blocker 1 escalated to ops lead\n");
    assert_eq!(
        json(&dir, &["list", "blockers", "--json"])[0]["next_rung"],
        "follow_up"
    );
    lane(&dir)
        .args(["resolve", "blocker", "1", "read access granted"])
        .assert()
        .success()
        .stdout("blocker 1 resolved\n");
    lane(&dir)
        .args(["list", "blockers"])
        .assert()
        .success()
        .stdout("no blockers yet\n");
    let all = json(&dir, &["list", "blockers", "--all", "--json"]);
    assert_eq!(all[0]["status"], "resolved");
    assert_eq!(all[0]["next_rung"], "none");
    assert_eq!(all[0]["resolution"], "read access granted");
}

#[test]
fn blocker_mistakes_exit_2_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir).args(["add", "blocker", "a"]).assert().success();
    lane(&dir).args(["add", "blocker", "b"]).assert().success();
    lane(&dir)
        .args(["resolve", "blocker", "2", "fixed"])
        .assert()
        .success();
    let before = data(&dir);
    let cases: [(&[&str], &str); 5] = [
        (
            &["tried", "blocker", "1", "prayer"],
            "invalid value 'prayer'",
        ),
        (&["tried", "blocker", "9", "docs"], "there is no blocker 9"),
        (
            &["escalate", "blocker", "2", "--to", "boss"],
            "blocker 2 is resolved already",
        ),
        (
            &["add", "blocker", "c", "--priority", "7"],
            "priority: `7`: there is no priority with that id",
        ),
        (
            &["add", "blocker", "c", "--tried", "docs,luck"],
            "invalid value 'luck'",
        ),
    ];
    refused(&dir, &cases);
    assert_eq!(data(&dir), before);
}

/// A blocker's or block's priority is named by id or by words of its title;
/// words that fit several list them with their ids, nothing written.
#[test]
fn a_priority_is_named_by_words_of_its_title() {
    let dir = tempfile::tempdir().unwrap();
    for title in ["Ship billing v2", "Billing export", "Hire a data engineer"] {
        crate::common::lane(&dir)
            .args(["add", "priority", title])
            .assert()
            .success();
    }
    crate::common::lane(&dir)
        .args(["add", "blocker", "staging DB access", "--priority", "hire"])
        .assert()
        .success();
    crate::common::lane(&dir)
        .args([
            "add",
            "block",
            "spec",
            "--time",
            "10-11",
            "--priority",
            "Ship Billing",
        ])
        .assert()
        .success();
    let before = std::fs::read(dir.path().join("lane.toml")).unwrap();
    crate::common::lane(&dir)
        .args(["add", "blocker", "two", "--priority", "billing"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "`billing` is in 2 titles: 1 “Ship billing v2”, 2 “Billing export” — type the id",
        ));
    assert_eq!(std::fs::read(dir.path().join("lane.toml")).unwrap(), before);
    let blockers = crate::common::json(&dir, &["list", "blockers", "--json"]);
    assert_eq!(blockers[0]["priority"], 3, "{blockers}");
    let blocks = crate::common::json(&dir, &["list", "blocks", "--json"]);
    assert_eq!(blocks[0]["priority"], 1, "{blocks}");
}
