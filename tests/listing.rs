//! `lane list` as text: words a person reads, not the JSON's names.

use predicates::prelude::*;

use crate::common::lane;

#[test]
fn text_output_shows_words_not_internal_names() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "blocker", "staging DB access", "--waiting-on", "ops"])
        .args(["--tried", "docs,search,peer"])
        .assert()
        .success();
    lane(&dir)
        .args(["escalate", "blocker", "1", "--to", "Dana"])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "decision", "Hire", "--cost", "12k"])
        .assert()
        .success();
    let blockers = lane(&dir).args(["list", "blockers"]).output().unwrap();
    let text = String::from_utf8(blockers.stdout).unwrap();
    assert!(text.contains("next: follow up"), "{text}");
    assert!(!text.contains('_'), "{text}");
    lane(&dir)
        .args(["list", "decisions"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[to escalate]"));
    // JSON keeps the names scripts match on.
    lane(&dir)
        .args(["list", "blockers", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"next_rung\": \"follow_up\""));
}
