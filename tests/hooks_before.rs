//! `before_change`: asked before every change a person makes — a command, a
//! key in the app, an import, an undo — with the same JSON document `on_change`
//! gets after; exiting non-zero refuses the change (nothing written, the
//! hook's first line shown). Never asked by read-only commands, nor by a
//! calendar refresh.

use std::fs;
use std::path::Path;

use predicates::prelude::*;

use crate::common::{Session, lane, wait_for_file};

/// A `before_change` that refuses any change mentioning Friday (saying so on
/// stdout, as taskwarrior's hooks do) and keeps every document it saw in
/// `seen.jsonl`; an `on_change` that logs what was saved.
fn friday_guard(dir: &Path, extra: &str) {
    let config = dir.join("config");
    fs::create_dir_all(&config).unwrap();
    let hook = format!(
        "tee -a {seen} | grep -q Friday && {{ echo 'no new work on Fridays'; exit 3; }}; exit 0",
        seen = dir.join("seen.jsonl").display()
    );
    let text = format!(
        "[hooks]\nbefore_change = {hook:?}\non_change = \"cat >> {}\"\n{extra}",
        dir.join("saved.jsonl").display()
    );
    fs::write(config.join("config.toml"), text).unwrap();
}

fn bytes(dir: &Path, name: &str) -> Vec<u8> {
    fs::read(dir.join(name)).unwrap_or_default()
}

#[test]
fn a_refused_command_writes_nothing_says_why_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    friday_guard(dir.path(), "");
    lane(&dir)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    let (data, history) = (
        bytes(dir.path(), "lane.toml"),
        bytes(dir.path(), "lane.undo.log"),
    );
    let saved = bytes(dir.path(), "saved.jsonl");
    lane(&dir)
        .args(["add", "priority", "Friday deploy"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "refused by the before_change hook: no new work on Fridays",
        ))
        .stderr(predicate::str::contains("nothing was changed"));
    assert_eq!(bytes(dir.path(), "lane.toml"), data, "lane.toml changed");
    assert_eq!(bytes(dir.path(), "lane.undo.log"), history, "an undo step");
    assert_eq!(bytes(dir.path(), "saved.jsonl"), saved, "on_change ran");
    // The hook saw both documents, each one line ending in a newline.
    let seen = fs::read_to_string(dir.path().join("seen.jsonl")).unwrap();
    assert!(seen.ends_with('\n'));
    let docs: Vec<serde_json::Value> = seen
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 2, "{seen}");
    assert_eq!(docs[0]["operation"], "add");
    assert_eq!(docs[0]["changes"][0]["after"]["title"], "Ship billing");
    assert_eq!(docs[1]["changes"][0]["after"]["title"], "Friday deploy");
    // What it let through is the document on_change got after.
    let after: serde_json::Value = serde_json::from_str(
        fs::read_to_string(dir.path().join("saved.jsonl"))
            .unwrap()
            .trim(),
    )
    .unwrap();
    assert_eq!(after, docs[0]);
}

#[test]
fn read_only_commands_never_ask_it() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    let config = dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    let asked = dir.path().join("asked");
    fs::write(
        config.join("config.toml"),
        format!(
            "[hooks]\nbefore_change = \"touch {}; exit 1\"\n",
            asked.display()
        ),
    )
    .unwrap();
    for args in [
        &["list"][..],
        &["status"],
        &["show", "priority", "1"],
        &["export", "json"],
        &["export", "taskwarrior"],
        &["export", "ics"],
        &["report", "week"],
    ] {
        lane(&dir).args(args).assert().success();
    }
    assert!(!asked.exists(), "a read-only command asked before_change");
    // And a command that changes something does ask it.
    lane(&dir)
        .args(["done", "priority", "1"])
        .assert()
        .failure();
    assert!(asked.exists());
}

#[test]
fn imports_and_undo_are_asked_a_calendar_refresh_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let calendar = dir.path().join("work.ics");
    fs::write(
        &calendar,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:fri-1\r\n\
         DTSTAMP:20261201T000000Z\r\nDTSTART:20261211T100000\r\nDTEND:20261211T110000\r\n\
         SUMMARY:Friday sync\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    // Added before the hook was set: its undo is a change that mentions Friday.
    lane(&dir)
        .args(["add", "priority", "Friday deploy"])
        .assert()
        .success();
    friday_guard(
        dir.path(),
        &format!(
            "[[calendars]]\nname = \"work\"\nsource = \"{}\"\n",
            calendar.display()
        ),
    );
    // The import brings a Friday meeting in: refused, like taskwarrior's on-add
    // refuses what `task import` brings; lane.toml is left as it was.
    let before = bytes(dir.path(), "lane.toml");
    lane(&dir)
        .args(["import", "ics"])
        .arg(&calendar)
        .args(["--name", "once"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no new work on Fridays"));
    assert_eq!(bytes(dir.path(), "lane.toml"), before);
    // Nor does its copy stay behind to show the meeting it brought.
    let friday = crate::common::json(
        dir.path(),
        &["list", "blocks", "--date", "2026-12-11", "--json"],
    );
    assert_eq!(friday.as_array().unwrap().len(), 0, "{friday}");
    // The configured calendar's refresh is not the user's change: it comes in.
    lane(&dir)
        .args(["calendar", "refresh"])
        .assert()
        .success()
        .stdout(predicate::str::contains("work: 1 added"));
    // An undo is a change like any other: asked (and refused here).
    let text = fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    lane(&dir)
        .arg("undo")
        .assert()
        .failure()
        .stderr(predicate::str::contains("no new work on Fridays"));
    assert_eq!(
        fs::read_to_string(dir.path().join("lane.toml")).unwrap(),
        text
    );
}

#[test]
fn in_the_app_a_refused_change_is_taken_back_and_the_message_line_says_why() {
    let dir = tempfile::tempdir().unwrap();
    friday_guard(dir.path(), "");
    let file = dir.path().join("lane.toml");
    let mut s = Session::start(dir.path());
    s.type_keys("aShip billing\r");
    wait_for_file(&file, "Ship billing");
    s.type_keys("aFriday deploy\r");
    s.wait_for_screen("no new work on Fridays");
    // Taken back on screen too: the next change saves without it.
    s.type_keys("aInvoices\r");
    wait_for_file(&file, "Invoices");
    s.type_keys("q");
    assert!(s.wait_exit().success());
    let text = fs::read_to_string(&file).unwrap();
    assert!(!text.contains("Friday"), "{text}");
    assert!(text.contains("Ship billing"), "{text}");
}
