//! Issue 21: boundaries that protect you (caps, streaks, days off, the quiet
//! outside-hours notice) and a track record that earns wider ones (ratings,
//! verdicts, `lane report trust`).

use std::fs;

use crate::common::{json, lane};
use crate::harness::{Harness, now};
use lane::state::State;

fn at(dir: &tempfile::TempDir, when: &str) -> assert_cmd::Command {
    let mut cmd = lane(dir);
    cmd.env("LANE_NOW", when);
    cmd
}

fn ok(dir: &tempfile::TempDir, args: &[&str]) {
    lane(dir).args(args).assert().success();
}

/// Six calls near the 500 limit decided and rated good, three vendor
/// escalations answered "yours to decide", one answered "right to ask".
fn record() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 1..=6 {
        let situation = format!("Renew tool licence {i}");
        let cost = format!("{}", 400 + 10 * i);
        ok(
            &dir,
            &[
                "add", "decision", &situation, "--call", "renew", "--cost", &cost,
            ],
        );
        ok(
            &dir,
            &[
                "outcome",
                "decision",
                &i.to_string(),
                "team kept its tools",
                "--rating",
                "good",
            ],
        );
    }
    for (i, verdict) in [
        (7, "yours"),
        (8, "yours"),
        (9, "yours"),
        (10, "right-to-ask"),
    ] {
        let situation = format!("Switch vendor {i}");
        ok(&dir, &["add", "decision", &situation, "--topic", "vendors"]);
        ok(
            &dir,
            &["escalate", "decision", &i.to_string(), "--to", "Dana"],
        );
        ok(
            &dir,
            &[
                "answer",
                "decision",
                &i.to_string(),
                "go ahead",
                "--verdict",
                verdict,
            ],
        );
    }
    dir
}

#[test]
fn rating_and_verdict_are_stored_and_listed_in_json() {
    let dir = record();
    let list = json(&dir, &["list", "decisions", "--json"]);
    let calls = list.as_array().unwrap();
    assert_eq!(calls[0]["rating"], "good");
    assert_eq!(calls[0]["verdict"], serde_json::Value::Null);
    assert_eq!(calls[6]["verdict"], "yours");
    assert_eq!(calls[9]["verdict"], "right-to-ask");
    let text = fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    assert!(text.contains("rating = \"good\""), "{text}");
    assert!(text.contains("verdict = \"right-to-ask\""), "{text}");
}

#[test]
fn a_bad_rating_or_verdict_exits_2_and_leaves_the_file_untouched() {
    let dir = record();
    let before = fs::read(dir.path().join("lane.toml")).unwrap();
    for args in [
        &["outcome", "decision", "1", "fine", "--rating", "great"][..],
        &["outcome", "decision", "1", "fine", "--rating", ""],
        &["answer", "decision", "7", "ok", "--verdict", "mine"],
        &["answer", "decision", "7", "ok", "--verdict", "right to ask"],
    ] {
        lane(&dir).args(args).assert().code(2);
        assert_eq!(
            fs::read(dir.path().join("lane.toml")).unwrap(),
            before,
            "{args:?}"
        );
    }
    // A verdict needs an answer: a call that was never escalated has none to judge.
    ok(&dir, &["add", "decision", "Pick a font"]);
    lane(&dir)
        .args(["outcome", "decision", "11", "fine", "--rating", "mixed"])
        .assert()
        .success();
}

#[test]
fn report_trust_as_markdown_and_json() {
    let dir = record();
    let md = lane(&dir).args(["report", "trust"]).assert().success();
    let md = String::from_utf8(md.get_output().stdout.clone()).unwrap();
    assert!(
        md.contains("6 calls up to 500 all landed well: ask for a 1 000 limit"),
        "{md}"
    );
    assert!(md.contains("ask for vendors in your lane"), "{md}");
    insta::assert_snapshot!("report_trust", md);
    let out = lane(&dir)
        .args(["report", "trust", "--json"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["kind"], "trust");
    assert_eq!(value["suggestions"].as_array().unwrap().len(), 2);
    insta::assert_snapshot!("report_trust_json", text);
}

#[test]
fn no_suggestion_on_thin_evidence() {
    let dir = tempfile::tempdir().unwrap();
    ok(&dir, &["add", "decision", "Renew licence", "--cost", "450"]);
    ok(
        &dir,
        &["outcome", "decision", "1", "fine", "--rating", "good"],
    );
    let md = lane(&dir).args(["report", "trust"]).assert().success();
    let md = String::from_utf8(md.get_output().stdout.clone()).unwrap();
    assert!(md.contains("Not enough evidence yet."), "{md}");
    let brag = lane(&dir).args(["report", "brag"]).assert().success();
    let brag = String::from_utf8(brag.get_output().stdout.clone()).unwrap();
    assert!(
        brag.contains("Track record: 1 call decided in my lane, 100% of 1 rated landed well"),
        "{brag}"
    );
}

/// Thursday, Friday and Monday worked 08:00–19:00 on a timer: 11h against 9h30.
fn long_days() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (i, date) in ["2026-11-19", "2026-11-20", "2026-11-23"]
        .iter()
        .enumerate()
    {
        ok(
            &dir,
            &["add", "block", "8:00-19:00 long day", "--date", date],
        );
        at(&dir, &format!("{date}T08:00"))
            .args(["start", "block", &(i + 1).to_string()])
            .assert()
            .success();
        at(&dir, &format!("{date}T19:00"))
            .arg("stop")
            .assert()
            .success();
    }
    dir
}

#[test]
fn a_streak_over_the_cap_is_said_in_status_and_the_review_report() {
    let dir = long_days();
    let status = at(&dir, "2026-11-23T19:30")
        .arg("status")
        .assert()
        .success();
    let status = String::from_utf8(status.get_output().stdout.clone()).unwrap();
    assert!(status.contains("3rd day over 9h30 in a row"), "{status}");
    let review = at(&dir, "2026-11-23T19:30")
        .args(["report", "review"])
        .assert()
        .success();
    let review = String::from_utf8(review.get_output().stdout.clone()).unwrap();
    assert!(
        review.contains("Boundaries: 3rd day over 9h30 in a row."),
        "{review}"
    );
    // Friday's review, written on Monday, says where Friday stood.
    let friday = at(&dir, "2026-11-23T19:30")
        .args(["report", "review", "--since", "fri", "--until", "fri"])
        .assert()
        .success();
    let friday = String::from_utf8(friday.get_output().stdout.clone()).unwrap();
    assert!(
        friday.contains("Boundaries: over 9h30 today (11h)."),
        "{friday}"
    );
    // A config with a longer streak says only the day.
    fs::create_dir_all(dir.path().join("config")).unwrap();
    fs::write(
        dir.path().join("config/config.toml"),
        "overtime_streak_days = 4\n",
    )
    .unwrap();
    let status = at(&dir, "2026-11-23T19:30")
        .arg("status")
        .assert()
        .success();
    let status = String::from_utf8(status.get_output().stdout.clone()).unwrap();
    assert!(status.contains("over 9h30 today (11h)"), "{status}");
}

#[test]
fn caps_out_of_range_are_refused_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("config")).unwrap();
    fs::write(
        dir.path().join("config/config.toml"),
        "max_hours_day = 30\n",
    )
    .unwrap();
    let out = lane(&dir).arg("check").assert().failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("config.toml:1:17"), "{err}");
    assert!(
        err.contains("max_hours_day is 30.0; it must be from 1 to 24"),
        "{err}"
    );
    fs::write(
        dir.path().join("config/config.toml"),
        "[track_record]\ngood_share = 120\n",
    )
    .unwrap();
    let out = lane(&dir).arg("check").assert().failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("[track_record] good_share is 120"), "{err}");
}

#[test]
fn the_header_marks_boundaries_crossed_and_the_hours_quietly() {
    let dir = long_days();
    let data = lane::store::parse(
        std::path::Path::new("lane.toml"),
        &fs::read(dir.path().join("lane.toml")).unwrap(),
    )
    .unwrap();
    // Monday 08:10: Thursday and Friday over, a streak at 2; outside working hours.
    let mut rules = lane::model::rules::Rules::default();
    rules.caps.streak_days = 2;
    for (w, hgt) in [(80, 24), (200, 50)] {
        let mut h = Harness::new(w, hgt);
        h.state = State::new(data.clone(), rules.clone(), 1, now());
        h.resize(w, hgt);
        let screen = h.screen();
        let header = screen.lines().next().unwrap_or_default().to_string();
        assert!(header.contains("⚠1"), "{header}");
        insta::assert_snapshot!(format!("header_marks_{w}x{hgt}"), screen);
    }
}
