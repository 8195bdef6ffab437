//! Calls the triage sends up: pending until the user decides or escalates them,
//! from the command line, the Decisions tab and the evening review.

use std::fs;

use predicates::prelude::*;

use crate::common::{json, lane};
use crate::harness::Harness;

#[test]
fn a_call_to_escalate_is_pending_until_settled_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "decision", "Hire a contractor", "--cost", "12k"])
        .assert()
        .success()
        .stdout(
            "added decision 1\n\
             triage: escalate — cost 12 000 > spend limit 500\n\
             pending until you settle it: `lane escalate decision 1 --to WHO`, \
             or `lane decide decision 1` to decide it yourself against the triage\n",
        );
    lane(&dir)
        .args(["add", "decision", "Vendor contract", "--topic", "legal"])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "decision", "Retry policy", "--risk", "low"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "triage: decide — inside your boundaries",
        ));
    let file = fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    assert_eq!(file.matches("status = \"pending\"").count(), 2, "{file}");
    let list = json(&dir, &["list", "decisions", "--json"]);
    assert_eq!(list[0]["status"], "pending");
    assert_eq!(list[0]["flags"], serde_json::json!(["to_escalate"]));
    assert_eq!(list[2]["status"], "decided");
    lane(&dir)
        .args(["report", "week"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "## Outside my lane, still to escalate or decide\n\n\
             - **Hire a contractor** (reversible) — cost 12 000 > spend limit 500\n\
             - **Vendor contract** (reversible) — topic: legal\n",
        ));

    // `decide` is the app's D: decided, against the triage, on record.
    lane(&dir)
        .args(["decide", "decision", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "decision 1 decided — your call, against the triage",
        ));
    lane(&dir)
        .args(["escalate", "decision", "2", "--to", "Dana"])
        .assert()
        .success();
    let list = json(&dir, &["list", "decisions", "--json"]);
    assert_eq!(list[0]["status"], "decided");
    assert_eq!(list[0]["override"], "decide");
    // A low-risk call the user took is reported after, like any other.
    assert_eq!(
        list[0]["flags"],
        serde_json::json!(["unreported", "overridden"])
    );
    assert_eq!(list[1]["status"], "escalated");
    let week = lane(&dir).args(["report", "week"]).output().unwrap().stdout;
    let week = String::from_utf8(week).unwrap();
    assert!(!week.contains("still to escalate"), "{week}");
    assert!(
        week.contains("**Vendor contract** — escalated to Dana"),
        "{week}"
    );
    lane(&dir)
        .args(["decide", "decision", "9"])
        .assert()
        .code(2)
        .stderr("lane: there is no decision 9\n");
}

/// A pending call (cost over the limit) and one inside the lane, added as the app does.
fn with_calls() -> Harness {
    let mut h = Harness::new(120, 35);
    h.keys("4aHire a contractor<tab><tab><tab><tab><tab>12k<enter>");
    h.keys("aRetry policy<enter>");
    h
}

#[test]
fn the_header_counts_pending_calls_and_d_settles_one_in_the_tab() {
    let mut h = with_calls();
    let status = |h: &Harness, i: usize| h.state.data().decisions[i].status.name();
    assert_eq!((status(&h, 0), status(&h, 1)), ("pending", "decided"));
    let screen = h.screen();
    // 120 columns: the header's short words.
    assert!(
        screen.contains("2 calls (1 to send up, 1 to report)"),
        "{screen}"
    );
    assert!(screen.contains("to escalate: E or D"), "{screen}");
    h.keys("kD");
    assert_eq!(status(&h, 0), "decided");
    let screen = h.screen();
    assert!(!screen.contains("to escalate"), "{screen}");
    h.keys("u");
    assert_eq!(status(&h, 0), "pending", "undo brings it back");
}

#[test]
fn the_evening_review_lists_pending_calls_and_settles_them() {
    let mut h = with_calls();
    // Blocks, progress and blockers are empty: three enters reach the calls.
    h.keys("v<enter><enter><enter>");
    let screen = h.screen();
    assert!(
        screen.contains("Hire a contractor — to escalate: E, or D decides it yourself"),
        "{screen}"
    );
    h.keys("EDana<enter>");
    let d = &h.state.data().decisions[0];
    assert_eq!(
        (d.status.name(), d.escalated_to.as_str()),
        ("escalated", "Dana")
    );
}
