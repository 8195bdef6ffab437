//! `lane status`: every format, golden, with the clock pinned; the slim copy it
//! reads is trusted only while lane.toml is the file it was made from.

use std::fs;

use crate::common::lane;

fn status(dir: &tempfile::TempDir, now: &str, format: &str) -> String {
    let out = lane(dir)
        .env("LANE_NOW", now)
        .args(["status", "--format", format])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_format_for_the_next_block_a_running_one_and_none() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "9-10:30 billing #spec"])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "decision", "Vendor contract", "--cost", "900k"])
        .assert()
        .success();
    assert_eq!(
        status(&dir, "2026-11-23T08:10", "plain"),
        "next 09:00 billing #spec (in 50m) · 1 to escalate\n"
    );
    assert_eq!(
        status(&dir, "2026-11-23T08:10", "tmux"),
        "next 09:00 billing ##spec (in 50m) · #[fg=red]1 to escalate#[default]\n"
    );
    lane(&dir)
        .env("LANE_NOW", "2026-11-23T09:00")
        .args(["start", "block", "1"])
        .assert()
        .success();
    assert_eq!(
        status(&dir, "2026-11-23T10:07", "waybar"),
        "{\"class\":[\"running\",\"attention\"],\"percentage\":74,\"text\":\"▶ billing #spec 23m left · 1 to escalate\",\"tooltip\":\"▶ billing #spec 23m left\\n1 to escalate\"}\n"
    );
    assert_eq!(
        status(&dir, "2026-11-23T10:40", "plain"),
        "▶ billing #spec 10m over · 1 to escalate\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&status(&dir, "2026-11-23T10:07", "json")).unwrap();
    assert_eq!(json["running"]["minutes"], 23);
    assert_eq!(json["to_escalate"], 1);
    lane(&dir)
        .env("LANE_NOW", "2026-11-23T10:30")
        .arg("stop")
        .assert()
        .success();
    assert_eq!(
        status(&dir, "2026-11-23T17:00", "plain"),
        "no more blocks today · 1 to escalate\n"
    );
}

#[test]
fn the_slim_copy_is_used_only_while_lane_toml_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("lane.status.json");
    lane(&dir)
        .args(["add", "block", "11-12 zero"])
        .assert()
        .success();
    assert!(!copy.exists(), "no copy until a status bar asks");
    assert!(status(&dir, "2026-11-23T08:10", "plain").contains("zero"));
    assert!(copy.exists(), "the first status makes it");
    lane(&dir)
        .args(["add", "block", "9-10 first"])
        .assert()
        .success();
    assert!(
        fs::read_to_string(&copy).unwrap().contains("first"),
        "every save keeps it current"
    );
    assert!(status(&dir, "2026-11-23T08:10", "plain").contains("first"));
    // A planted copy that does not match the file is not believed…
    let planted = fs::read_to_string(&copy)
        .unwrap()
        .replace("first", "planted");
    fs::write(&copy, &planted).unwrap();
    let path = dir.path().join("lane.toml");
    let text = fs::read_to_string(&path).unwrap().replace("first", "edits");
    fs::write(&path, text).unwrap();
    // …a hand edit of lane.toml (same length) is seen at once…
    assert!(status(&dir, "2026-11-23T08:10", "plain").contains("edits"));
    // …and a copy that matches is used (a copy naming a block the file lacks
    // shows it: the test's proof that the file was not read).
    let fresh = fs::read_to_string(&copy).unwrap();
    assert!(fresh.contains("edits"));
    fs::write(&copy, fresh.replace("edits", "slims")).unwrap();
    assert!(status(&dir, "2026-11-23T08:10", "plain").contains("slims"));
    // A week later the copy no longer covers the day: the file is read.
    assert!(status(&dir, "2026-12-01T08:10", "plain").starts_with("no more blocks today"));
}

#[test]
fn reminders_come_once_each_and_a_notifier_that_fails_or_hangs_never_holds_them_up() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "9-9:15 standup", "--date", "today"])
        .assert()
        .success();
    // Exit 1 when a notifier failed (its reminder is then not marked sent).
    let remind = |now: &str| -> String {
        let out = lane(&dir)
            .env("LANE_NOW", now)
            .arg("remind")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap()
    };
    assert_eq!(remind("2026-11-23T08:50"), "");
    // The notifier records what it is given.
    let log = dir.path().join("notified");
    let config = dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("config.toml"),
        format!(
            "notify_command = \"printf '%s\\\\n' >> {}\"\n",
            log.display()
        ),
    )
    .unwrap();
    assert_eq!(
        remind("2026-11-23T08:58"),
        "standup starts at 09:00 (in 2m)\n"
    );
    assert_eq!(
        remind("2026-11-23T08:59"),
        "",
        "never the same reminder twice"
    );
    assert_eq!(
        fs::read_to_string(&log).unwrap(),
        "standup starts at 09:00 (in 2m)\n"
    );
    lane(&dir)
        .env("LANE_NOW", "2026-11-23T09:00")
        .args(["start", "block", "1"])
        .assert()
        .success();
    // A failing notifier: said on stderr, the reminder still printed (and tried
    // again next time: tests/reminders_outside.rs).
    fs::write(config.join("config.toml"), "notify_command = \"exit 3\"\n").unwrap();
    let said = remind("2026-11-23T09:16");
    assert!(
        said.starts_with("standup reached its planned end (09:15)"),
        "{said}"
    );
    assert!(
        said.contains("notify_command: `exit 3 ") && said.contains("failed"),
        "{said}"
    );
    // A hanging one is stopped.
    fs::write(
        config.join("config.toml"),
        "notify_command = \"sleep 60;\"\n",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let said = remind("2026-11-23T17:30");
    assert!(
        said.contains("the evening review") && said.contains("was stopped"),
        "{said}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    let json = crate::common::json(&dir, &["remind", "--json"]);
    assert_eq!(json, serde_json::json!([]));
}

#[test]
fn the_app_and_lane_remind_share_one_sent_list() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "9-9:15 standup", "--date", "today"])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "block", "10-10:15 review", "--date", "today"])
        .assert()
        .success();
    // Exit 1 when a notifier failed (its reminder is then not marked sent).
    let remind = |now: &str| -> String {
        let out = lane(&dir)
            .env("LANE_NOW", now)
            .arg("remind")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let data = lane::store::parse(
        &dir.path().join("lane.toml"),
        &fs::read(dir.path().join("lane.toml")).unwrap(),
    )
    .unwrap();
    let rules = lane::model::rules::Rules::default();
    let at = |hm: &str| {
        chrono::NaiveDateTime::parse_from_str(&format!("2026-11-23T{hm}"), "%Y-%m-%dT%H:%M")
            .unwrap()
    };
    // The app shows the standup's reminder (through the store, as AppIo does)…
    let due = lane::model::remind::due(&data, &rules, 2, at("08:58"));
    let shown = lane::store::claim_reminders(dir.path(), due.clone(), at("08:58")).unwrap();
    assert_eq!(shown.len(), 1);
    // …so cron's `lane remind` does not send it again.
    assert_eq!(remind("2026-11-23T08:59"), "");
    // What cron sent first, the app does not show again.
    assert_eq!(
        remind("2026-11-23T09:58"),
        "review starts at 10:00 (in 2m)\n"
    );
    let due = lane::model::remind::due(&data, &rules, 2, at("09:59"));
    assert_eq!(due.len(), 1);
    assert!(
        lane::store::claim_reminders(dir.path(), due, at("09:59"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_notify_key_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    for good in ["osc9", "osc777", "bell", "off"] {
        fs::write(config.join("config.toml"), format!("notify = \"{good}\"\n")).unwrap();
        lane(&dir).arg("check").assert().success();
    }
    fs::write(config.join("config.toml"), "notify = \"loud\"\n").unwrap();
    let out = lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(
        err.contains("config.toml:1:")
            && err.contains("notify `loud` is not one of osc9, osc777, bell, off"),
        "{err}"
    );
    assert_eq!(
        lane::notify::Notify::Osc777.sequence("standup"),
        "\u{1b}]777;notify;lane;standup\u{7}\u{7}"
    );
    assert_eq!(lane::notify::Notify::Off.sequence("standup"), "");
}

/// A block the plan has under way but nobody started is on now, not "no more
/// blocks": the status line says so, and which is next once it ends.
#[test]
fn a_planned_block_under_way_but_not_started_is_what_is_on() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", "13:30-15:00 billing spec"])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "block", "15:30-16:00 #inbox"])
        .assert()
        .success();
    assert_eq!(
        status(&dir, "2026-11-23T13:50", "plain"),
        "◇ billing spec 1h10 left, not started\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&status(&dir, "2026-11-23T13:50", "json")).unwrap();
    assert_eq!(json["under_way"]["minutes"], 70);
    assert!(status(&dir, "2026-11-23T13:50", "waybar").contains("\"not-started\""));
    assert_eq!(
        status(&dir, "2026-11-23T15:10", "tmux"),
        "next 15:30 ##inbox (in 20m)\n"
    );
}
