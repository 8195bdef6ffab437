//! Steering outcomes from the command line: milestones, key results, agreement
//! and the quarter's strategy (clock: Monday 2026-11-23).

use predicates::prelude::*;

use crate::common::{json, lane};

fn ok(dir: &tempfile::TempDir, args: &[&str]) -> String {
    let out = lane(dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn first(dir: &tempfile::TempDir) -> serde_json::Value {
    json(dir, &["list", "priorities", "--json"])[0].clone()
}

// Over 80 lines: one outcome's story from agreement to readings; split, its steps lose their order.
#[test]
fn an_outcome_with_milestones_key_results_and_agreement() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        &dir,
        &[
            "add",
            "priority",
            "Ship billing v2",
            "--impact",
            "high",
            "--due",
            "2026-12-18",
            "--strategic",
            "--agreed-with",
            "Dana (VP)",
            "--agreed-on",
            "2026-11-20",
            "--boundaries",
            "budget 5k; invoices only",
        ],
    );
    let said = ok(
        &dir,
        &[
            "add",
            "milestone",
            "1",
            "Spec signed",
            "--due",
            "2026-11-20",
        ],
    );
    assert_eq!(said, "added milestone 1 to priority 1\n");
    ok(&dir, &["add", "milestone", "1", "Beta", "--due", "+2w"]);
    ok(
        &dir,
        &[
            "add",
            "kr",
            "1",
            "p95 latency",
            "--baseline",
            "400",
            "--target",
            "200",
            "--unit",
            "ms",
        ],
    );
    ok(
        &dir,
        &[
            "add",
            "kr",
            "1",
            "invoices paid",
            "--baseline",
            "0",
            "--target",
            "50",
        ],
    );

    let p = first(&dir);
    assert_eq!(p["strategic"], true);
    assert_eq!(p["quarter"], "2026-Q4");
    assert_eq!(p["agreed_with"], "Dana (VP)");
    assert_eq!(p["agreed_on"], "2026-11-20");
    assert_eq!(p["boundaries"], "budget 5k; invoices only");
    assert_eq!(p["milestones"][0]["title"], "Spec signed");
    assert_eq!(
        p["milestones_done"],
        serde_json::json!({"done": 0, "total": 2})
    );
    assert_eq!(p["key_results"][0]["progress"], 0);
    assert_eq!(p["key_results"][0]["current"], serde_json::Value::Null);
    // The spec is 3 days overdue: flagged, and high × overdue (4) ranks it.
    assert_eq!(p["flags"], serde_json::json!(["milestone_overdue"]));
    assert_eq!(p["score"], 12);

    ok(
        &dir,
        &[
            "update",
            "priority",
            "1",
            "--kr",
            "p95 latency=300",
            "--kr",
            "Invoices paid=5",
        ],
    );
    ok(&dir, &["done", "milestone", "1", "spec signed"]);
    let p = first(&dir);
    assert_eq!(
        p["key_results"][0]["progress"], 50,
        "400 → 300 of 400 → 200"
    );
    assert_eq!(p["key_results"][0]["current"], 300.0);
    assert_eq!(p["key_results"][1]["progress"], 10);
    assert_eq!(p["milestones"][0]["done"], "2026-11-23");
    assert_eq!(p["milestones_done"]["done"], 1);
    assert_eq!(p["flags"], serde_json::json!([]));
    assert_eq!(
        p["score"], 6,
        "the next milestone is 2 weeks off; due in 25 days"
    );
    // The reading is word of progress: it is in the update log.
    assert_eq!(
        p["updates"][0]["note"],
        "p95 latency 300 ms (50%); invoices paid 5 (10%)"
    );
    assert_eq!(p["updates"][0]["date"], "2026-11-23");

    let text = ok(&dir, &["list"]);
    assert!(
        text.contains("milestones 1/2  p95 latency 50%  invoices paid 10%  strategic 2026-Q4"),
        "{text}"
    );
    ok(&dir, &["check"]);
}

#[test]
fn a_focus_or_strategic_outcome_agreed_with_nobody_is_unagreed() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        &dir,
        &["add", "priority", "Hire a data engineer", "--focus"],
    );
    assert_eq!(
        first(&dir)["flags"],
        serde_json::json!(["focus", "unagreed"])
    );
    lane(&dir)
        .args(["list"])
        .assert()
        .stdout(predicate::str::contains("[focus, unagreed]"));
    let said = ok(&dir, &["agree", "priority", "1", "--agreed-with", "Sam"]);
    assert_eq!(said, "priority 1 agreed with Sam on 2026-11-23\n");
    let p = first(&dir);
    assert_eq!(p["flags"], serde_json::json!(["focus"]));
    assert_eq!(p["agreed_on"], "2026-11-23");
}

#[test]
fn a_fourth_strategic_outcome_in_a_quarter_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (title, due) in [
        ("a", "2026-12-01"),
        ("b", "2026-10-10"),
        ("c", "2026-12-31"),
    ] {
        ok(
            &dir,
            &["add", "priority", title, "--due", due, "--strategic"],
        );
    }
    // Next quarter has room.
    ok(
        &dir,
        &[
            "add",
            "priority",
            "next",
            "--due",
            "2027-01-04",
            "--strategic",
        ],
    );
    ok(&dir, &["add", "priority", "plain"]);
    let file = dir.path().join("lane.toml");
    let before = std::fs::read(&file).unwrap();
    lane(&dir)
        .args(["add", "priority", "d", "--strategic"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "2026-Q4 has 3 strategic outcomes already (1 “a”, 2 “b”, 3 “c”); release one first",
        ));
    lane(&dir)
        .args(["strategic", "priority", "5"])
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&file).unwrap(), before, "file untouched");
    ok(&dir, &["strategic", "priority", "2", "--off"]);
    let said = ok(&dir, &["strategic", "priority", "5"]);
    assert_eq!(said, "priority 5 is strategic for 2026-Q4\n");
    let listed = json(&dir, &["list", "priorities", "--json"]);
    let quarters: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["strategic"] == true)
        .map(|p| p["quarter"].as_str().unwrap())
        .collect();
    assert_eq!(quarters.iter().filter(|q| **q == "2026-Q4").count(), 3);
}

// Over 80 lines: one table of bad inputs against one untouched file.
#[test]
fn bad_input_exits_2_and_leaves_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    ok(&dir, &["add", "priority", "Ship"]);
    ok(&dir, &["add", "milestone", "1", "Spec"]);
    ok(
        &dir,
        &[
            "add",
            "kr",
            "1",
            "errors",
            "--baseline",
            "10",
            "--target",
            "0",
        ],
    );
    let file = dir.path().join("lane.toml");
    let before = std::fs::read(&file).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["add", "milestone", "9", "x"], "there is no priority 9"),
        (&["add", "milestone", "1", " "], "cannot be empty"),
        (
            &["add", "milestone", "1", "a\u{1b}]0;x\u{7}"],
            "control character",
        ),
        (&["add", "milestone", "1", "x", "--due", "someday"], "due:"),
        (
            &[
                "add",
                "kr",
                "1",
                "errors",
                "--baseline",
                "1",
                "--target",
                "2",
            ],
            "already",
        ),
        (
            &["add", "kr", "1", "x", "--baseline", "NaN", "--target", "2"],
            "baseline",
        ),
        (
            &[
                "add",
                "kr",
                "1",
                "x",
                "--baseline",
                "1",
                "--target",
                "1e300",
            ],
            "out of range",
        ),
        (
            &["add", "kr", "1", "a=b", "--baseline", "1", "--target", "2"],
            "`=`",
        ),
        (
            &["update", "priority", "1", "--kr", "nope=3"],
            "no key result `nope`; it has errors",
        ),
        (&["update", "priority", "1", "--kr", "errors"], "NAME=VALUE"),
        (
            &["update", "priority", "1", "--kr", "errors=lots"],
            "not a number",
        ),
        (&["update", "priority", "1"], "cannot be empty"),
        (
            &["update", "priority", "7", "--kr", "errors=1"],
            "there is no priority 7",
        ),
        (&["done", "milestone", "1", "9"], "no milestone `9`"),
        (&["done", "milestone", "1"], "which milestone"),
        (&["done", "priority", "1", "2"], "only `lane done milestone"),
        (&["agree", "priority", "1"], "--agreed-with"),
        (
            &[
                "agree",
                "priority",
                "1",
                "--agreed-with",
                "x",
                "--agreed-on",
                "1800-01-01",
            ],
            "agreed-on",
        ),
        (
            &["add", "priority", "y", "--agreed-with", "a\u{9b}b"],
            "control character",
        ),
    ];
    for (args, says) in cases {
        lane(&dir)
            .args(*args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*says));
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
}

#[test]
fn hand_edited_nested_values_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lane.toml"),
        "version = 1\n\n[[priorities]]\nid = 1\ntitle = \"x\"\n\n\
         [[priorities.key_results]]\nid = 1\nname = \"k\"\nbaseline = 0.0\ntarget = inf\n",
    )
    .unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("lane.toml:11:"))
        .stderr(predicate::str::contains("key_results[0].target"));
}

#[test]
fn the_weekly_update_says_who_agreed_milestones_hit_or_missed_and_kr_movement() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        &dir,
        &[
            "add",
            "priority",
            "Ship billing v2",
            "--due",
            "2026-12-18",
            "--strategic",
            "--agreed-with",
            "Dana",
            "--agreed-on",
            "2026-11-04",
            "--boundaries",
            "budget 5k",
        ],
    );
    ok(
        &dir,
        &["add", "milestone", "1", "Spec", "--due", "2026-11-18"],
    );
    ok(
        &dir,
        &["add", "milestone", "1", "PDF", "--due", "2026-11-20"],
    );
    ok(
        &dir,
        &[
            "add",
            "kr",
            "1",
            "p95",
            "--baseline",
            "400",
            "--target",
            "200",
            "--unit",
            "ms",
        ],
    );
    let at = |when: &str, args: &[&str]| {
        lane(&dir)
            .env("LANE_NOW", when)
            .args(args)
            .assert()
            .success();
    };
    at(
        "2026-11-13T09:00",
        &["update", "priority", "1", "--kr", "p95=350"],
    );
    at("2026-11-19T09:00", &["done", "milestone", "1", "Spec"]);
    ok(
        &dir,
        &["update", "priority", "1", "cache", "--kr", "p95=300"],
    );
    let week = ok(&dir, &["report", "week", "--since", "2026-11-16"]);
    for line in [
        "- Agreed with Dana on Wed 2026-11-04 (boundaries: budget 5k)\n",
        "- Milestone hit: Spec (Thu 2026-11-19, due Wed 2026-11-18)\n",
        "- Milestone missed: PDF (due Fri 2026-11-20)\n",
        "- p95: 400 → 350 last week → 300 now → target 200 ms (50%)\n",
    ] {
        assert!(week.contains(line), "{line}\n{week}");
    }
}

// Over 80 lines: numbers shift as items go: the sequence is what is tested.
/// `lane modify` and `lane delete` reach inside an outcome as the app's list of
/// steps does (the same model operations); bad input changes nothing.
#[test]
fn milestones_and_key_results_are_modified_and_deleted_by_number() {
    let dir = tempfile::tempdir().unwrap();
    ok(&dir, &["add", "priority", "Ship"]);
    ok(
        &dir,
        &["add", "milestone", "1", "Spec", "--due", "2026-11-27"],
    );
    ok(&dir, &["add", "milestone", "1", "Beta"]);
    let kr = [
        "add",
        "kr",
        "1",
        "p95",
        "--baseline",
        "400",
        "--target",
        "200",
    ];
    ok(&dir, &kr);
    ok(&dir, &["update", "priority", "1", "--kr", "p95=300"]);
    let said = ok(
        &dir,
        &[
            "modify",
            "milestone",
            "1",
            "1",
            "title=Spec signed",
            "note=by Dana",
            "due=",
        ],
    );
    assert_eq!(said, "milestone 1 “Spec signed” saved\n");
    let said = ok(&dir, &["modify", "kr", "1", "p95", "target=250", "unit=ms"]);
    assert_eq!(said, "key result 1 “p95” saved\n");
    let p = first(&dir);
    assert_eq!(p["milestones"][0]["title"], "Spec signed");
    assert_eq!(p["milestones"][0]["note"], "by Dana");
    assert!(
        p["milestones"][0].get("due").is_none(),
        "due= clears it: {p}"
    );
    assert_eq!(p["key_results"][0]["target"], 250.0);
    assert_eq!(p["key_results"][0]["readings"].as_array().unwrap().len(), 1);
    let file = dir.path().join("lane.toml");
    let before = std::fs::read(&file).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["modify", "milestone", "1", "9", "title=x"],
            "no milestone `9`",
        ),
        (&["modify", "milestone", "1", "title=x"], "which one?"),
        (
            &["modify", "milestone", "1", "1", "colour=red"],
            "no field `colour`",
        ),
        (
            &["modify", "milestone", "1", "1", "title= "],
            "cannot be empty",
        ),
        (&["modify", "milestone", "1", "1", "due=someday"], "due:"),
        (
            &["modify", "milestone", "1", "1", "note=a\u{1b}b"],
            "control character",
        ),
        (&["modify", "kr", "1", "1", "target=lots"], "not a number"),
        (&["modify", "kr", "1", "1", "name=a=b"], "`=`"),
        (
            &["modify", "kr", "7", "1", "name=x"],
            "there is no priority 7",
        ),
        (&["delete", "kr", "1"], "which one?"),
        (&["delete", "milestone", "1", "nope"], "no milestone `nope`"),
        (
            &["delete", "priority", "1", "2"],
            "only a milestone or key result",
        ),
    ];
    for (args, says) in cases {
        lane(&dir)
            .args(*args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*says));
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
    let said = ok(&dir, &["delete", "milestone", "1", "Beta"]);
    assert_eq!(
        said,
        "milestone “Beta” deleted (lane undo brings it back)\n"
    );
    ok(&dir, &["delete", "kr", "1", "1"]);
    let p = first(&dir);
    assert_eq!(p["milestones"].as_array().unwrap().len(), 1);
    assert!(
        p.get("key_results")
            .is_none_or(|k| k.as_array().unwrap().is_empty()),
        "{p}"
    );
    ok(&dir, &["undo"]);
    assert_eq!(first(&dir)["key_results"][0]["name"], "p95");
}
