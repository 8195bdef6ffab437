//! The real binary on the command line, over valid and broken data.

use std::fs;
use std::process::Command as StdCommand;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common::{json, lane};

/// Each command exits 2 with its message on stderr.
fn refused(dir: &tempfile::TempDir, cases: &[(&[&str], &str)]) {
    for (args, message) in cases {
        lane(dir)
            .args(*args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*message));
    }
}

fn data(dir: &tempfile::TempDir) -> String {
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
fn check_passes_on_an_empty_and_a_filled_dir() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("no data yet"));
    lane(&dir)
        .args(["add", "priority", "Ship billing v2"])
        .assert()
        .success();
    lane(&dir)
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 priorities"));
}

#[test]
fn check_reports_the_place_of_an_error_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "version = 1\n\n[[priorities]]\nid = 1\ntitle = \"x\"\nimpact = \"huge\"\n";
    fs::write(dir.path().join("lane.toml"), broken).unwrap();
    let path = dir.path().join("lane.toml");
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!(
            "{}:6:10:",
            path.display()
        )))
        .stderr(predicate::str::contains("impact = \"huge\""));
    // Writing commands refuse too, and the file stays byte-for-byte the same.
    lane(&dir).args(["add", "priority", "y"]).assert().failure();
    assert_eq!(data(&dir), broken);
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
fn a_broken_config_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("config")).unwrap();
    fs::write(
        dir.path().join("config/config.toml"),
        "[working_hours]\nmonday = \"9-17\"\n",
    )
    .unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("[working_hours] has `monday`"));
    fs::write(dir.path().join("config/config.toml"), "").unwrap();
    fs::write(
        dir.path().join("config/keymap.toml"),
        "[list]\n\"x\" = { action = \"explode\" }\n",
    )
    .unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown action `explode`"));
}

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

#[test]
fn decisions_are_triaged_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
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
    lane(&dir)
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
fn boundaries_come_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("config")).unwrap();
    fs::write(
        dir.path().join("config/config.toml"),
        "[boundaries]\nspend_limit = 20000\nescalate_topics = [\"pricing\"]\nescalate_irreversible_risk = \"none\"\n",
    )
    .unwrap();
    lane(&dir)
        .args([
            "add",
            "decision",
            "x",
            "--cost",
            "12000",
            "--topic",
            "hiring",
            "--irreversible",
            "--risk",
            "high",
        ])
        .assert()
        .success();
    let list = json(&dir, &["list", "decisions", "--json"]);
    assert_eq!(list[0]["triage"], "decide");
    fs::write(
        dir.path().join("config/config.toml"),
        "[boundaries]\nescalate_irreversible_risk = \"extreme\"\n",
    )
    .unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("escalate_irreversible_risk"));
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

#[test]
fn blocks_time_their_work_and_list_by_day_or_week() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    lane(&dir)
        .args([
            "add",
            "block",
            "9-10:30 billing spec",
            "--date",
            "2026-11-23",
            "--priority",
            "1",
        ])
        .assert()
        .success();
    lane(&dir)
        .args([
            "add",
            "block",
            "10:00 +60m standup",
            "--date",
            "2026-11-23",
            "--kind",
            "meeting",
        ])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "block", "20:00-21:00 late", "--date", "2026-11-25"])
        .assert()
        .success();
    let day = json(&dir, &["list", "blocks", "--date", "2026-11-23", "--json"]);
    assert_eq!(day.as_array().unwrap().len(), 2);
    assert_eq!(day[0]["minutes"], 90);
    assert_eq!(day[0]["priority"], 1);
    assert_eq!(day[0]["actual_minutes"], serde_json::Value::Null);
    assert_eq!(day[0]["flags"], serde_json::json!(["overlap"]));
    let week = json(
        &dir,
        &["list", "blocks", "--date", "2026-11-26", "--week", "--json"],
    );
    assert_eq!(week.as_array().unwrap().len(), 3);
    assert_eq!(week[2]["flags"], serde_json::json!(["outside_hours"]));
    lane(&dir)
        .args(["start", "block", "1"])
        .assert()
        .success()
        .stdout("started “billing spec”\n");
    lane(&dir)
        .args(["start", "block", "2"])
        .assert()
        .success()
        .stdout("started “standup” (stopped “billing spec”)\n");
    let day = json(&dir, &["list", "blocks", "--date", "2026-11-23", "--json"]);
    assert!(day[0]["actual_start"].is_string() && day[0]["actual_end"].is_string());
    assert_eq!(day[1]["flags"], serde_json::json!(["overlap", "running"]));
    lane(&dir)
        .arg("stop")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("stopped “standup” after"));
    lane(&dir)
        .arg("stop")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no block is running"));
}

#[test]
fn ics_export_is_read_by_a_real_parser() {
    use icalendar::{Calendar, CalendarComponent, Component};
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    lane(&dir)
        .args([
            "add",
            "block",
            "9-10:30 billing spec, part 1; draft",
            "--date",
            "2026-11-23",
            "--priority",
            "1",
        ])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "block", "14:00 +30m review", "--date", "2026-11-24"])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "block", "9-10 next week", "--date", "2026-12-01"])
        .assert()
        .success();
    let out = dir.path().join("blocks.ics");
    lane(&dir)
        .args([
            "export",
            "ics",
            "--from",
            "2026-11-23",
            "--to",
            "2026-11-29",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote 2 blocks"));
    let text = fs::read_to_string(&out).unwrap();
    assert!(text.contains("\r\n"), "iCalendar lines end in CRLF");
    let calendar: Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].get_summary(), Some("billing spec, part 1; draft"));
    assert_eq!(events[0].get_description(), Some("Priority: Ship billing"));
    assert!(events[0].get_uid().unwrap().ends_with("@lane"));
    assert_eq!(events[0].property_value("DTSTART"), Some("20261123T090000"));
    assert_eq!(events[1].property_value("DTEND"), Some("20261124T143000"));
    // Without a range everything goes to standard output.
    lane(&dir)
        .args(["export", "ics"])
        .assert()
        .success()
        .stdout(predicate::str::contains("SUMMARY:next week"));
}

#[test]
fn block_mistakes_exit_2_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "9-10 first", "--date", "2026-11-23"])
        .assert()
        .success();
    let before = data(&dir);
    let cases: [(&[&str], &str); 6] = [
        (&["add", "block", "25:00 x"], "time"),
        (
            &["add", "block", "x", "--time", "10-9"],
            "the end must be after the start",
        ),
        (
            &["add", "block", "x", "--time", "9-10", "--kind", "nap"],
            "kind: `nap`",
        ),
        (
            &["add", "block", "x", "--time", "9-10", "--priority", "4"],
            "there is no priority with that id",
        ),
        (&["start", "block", "9"], "there is no block 9"),
        (
            &["list", "blocks", "--date", "someday"],
            "date: `someday` is not a date",
        ),
    ];
    refused(&dir, &cases);
    assert_eq!(data(&dir), before);
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

#[test]
fn config_and_keymap_mistakes_say_where_and_suggest() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config");
    fs::create_dir(&cfg).unwrap();
    let cases: [(&str, &str, &str); 5] = [
        (
            "config.toml",
            "silnce_days = 4\n",
            "config.toml:1:1: unknown field `silnce_days`",
        ),
        (
            "config.toml",
            "silnce_days = 4\n",
            "did you mean `silence_days`?",
        ),
        (
            "config.toml",
            "[boundaries]\nspend_limit = \"lots\"\n",
            "config.toml:2:15: invalid type",
        ),
        (
            "keymap.toml",
            "[list]\n\"x\" = { action = \"delete\" }\n\"x\" = { action = \"add\" }\n",
            "keymap.toml:3:1: duplicate key",
        ),
        (
            "keymap.toml",
            "[lists]\n\"x\" = { action = \"delete\" }\n",
            "unknown context [lists]",
        ),
    ];
    for (file, text, message) in cases {
        let _ = fs::remove_file(cfg.join("config.toml"));
        let _ = fs::remove_file(cfg.join("keymap.toml"));
        fs::write(cfg.join(file), text).unwrap();
        lane(&dir)
            .arg("check")
            .assert()
            .failure()
            .stderr(predicate::str::contains(message));
    }
    // A valid override is taken, and the app's help would show it.
    let _ = fs::remove_file(cfg.join("config.toml"));
    fs::write(
        cfg.join("keymap.toml"),
        "[list]\n\"x\" = { action = \"delete\", desc = \"delete it\" }\n",
    )
    .unwrap();
    lane(&dir).arg("check").assert().success();
}

#[test]
fn themes_and_colours_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config");
    fs::create_dir(&cfg).unwrap();
    for (text, ok) in [
        ("theme = \"light\"\n", None),
        (
            "theme = \"mono\"\n[colors]\naccent = \"#5fafff\"\ndeep = \"magenta\"\n",
            None,
        ),
        (
            "theme = \"neon\"\n",
            Some("theme `neon` is not one of dark, light, high-contrast, mono"),
        ),
        (
            "[colors]\naccent = \"sparkly\"\n",
            Some("[colors] accent: `sparkly` is not a colour"),
        ),
        (
            "[colors]\nsidebar = \"red\"\n",
            Some("`sidebar` is not a colour name lane uses"),
        ),
    ] {
        fs::write(cfg.join("config.toml"), text).unwrap();
        match ok {
            None => {
                lane(&dir).arg("check").assert().success();
            }
            Some(message) => {
                lane(&dir)
                    .arg("check")
                    .assert()
                    .failure()
                    .stderr(predicate::str::contains(message));
            }
        }
    }
}

#[test]
fn taskwarrior_import_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let export = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/task-export.json"
    );
    lane(&dir)
        .args(["import", "taskwarrior", export])
        .assert()
        .success()
        .stdout(
            "imported 4, 0 already here, 2 skipped\n  \
             skipped “Recurring standup”: a recurring template (its pending instances are imported)\n  \
             skipped “Old thing”: completed\n",
        );
    lane(&dir)
        .args(["import", "taskwarrior", export])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "imported 0, 4 already here, 2 skipped\n",
        ));
    for what in ["json", "taskwarrior"] {
        lane(&dir)
            .args(["import", what, "no-such-file.json"])
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with(
                "lane: cannot read no-such-file.json: No such file",
            ));
    }
    let list = json(&dir, &["list", "priorities", "--json"]);
    let billing = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Ship billing v2")
        .unwrap();
    assert_eq!(billing["impact"], "high");
    assert_eq!(billing["due"], "2026-12-01");
    assert_eq!(billing["updates"][1]["note"], "invoice PDF done");
    assert_eq!(billing["project"], "billing");
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{\"not\": \"an array\"}").unwrap();
    lane(&dir)
        .args(["import", "taskwarrior"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a `task export` JSON array"));
}

#[test]
fn json_export_and_import_round_trip_everything() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir).args(["demo", "--days", "90"]).assert().success();
    let out = dir.path().join("all.json");
    lane(&dir)
        .args(["export", "json", "--out"])
        .arg(&out)
        .assert()
        .success();
    let other = tempfile::tempdir().unwrap();
    lane(&other)
        .args(["import", "json"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("imported "));
    let again = other.path().join("again.json");
    lane(&other)
        .args(["export", "json", "--out"])
        .arg(&again)
        .assert()
        .success();
    let a: serde_json::Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    let b: serde_json::Value = serde_json::from_str(&fs::read_to_string(&again).unwrap()).unwrap();
    for list in ["priorities", "blocks", "blockers", "decisions", "reviews"] {
        let uids = |v: &serde_json::Value| {
            let mut u: Vec<String> = v[list]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["uid"].to_string())
                .collect();
            u.sort();
            u
        };
        assert_eq!(uids(&a), uids(&b), "{list}");
    }
    // Importing the same file again adds nothing.
    lane(&other)
        .args(["import", "json"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("imported 0,"));
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
        .stdout(predicate::str::contains("took the other value"));
    assert!(data(&dir).contains("title = \"Ship billing v3\""));
    assert!(!data(&dir).contains("[[conflicts]]"));
    lane(&dir)
        .arg("conflicts")
        .assert()
        .success()
        .stdout("no conflicts\n");
}
