//! issue 16's attack classes that live in lane's own logic: control characters in
//! text, ids shared with the archive, outside edits that hide their tracks, and
//! clock changes under a running timer. Each test attacks a whole class: every
//! way in (argument, import, hand edit) and every way out (list, report, export,
//! error message).

use std::fs;

use predicates::prelude::*;

use crate::common::lane;

/// What a terminal would obey, anywhere in `bytes`: C0 other than line break and
/// tab, DEL, C1 (as UTF-8) and bidi overrides.
fn obeyable(bytes: &[u8]) -> Vec<char> {
    // CRLF ends iCalendar's lines: layout, not an escape.
    String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| lane::model::text::is_unsafe_printed(c))
        .collect()
}

const EVIL: [&str; 5] = [
    "evil \u{1b}]0;pwned\u{7}",
    "clip \u{1b}]52;c;cm0gLXJmIH4=\u{7}",
    "csi \u{9b}2J",
    "rtl \u{202e}gnp.exe",
    "del \u{7f} cr \r over \u{85}",
];

#[test]
fn typed_control_characters_are_refused_by_every_command_that_takes_text() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "plain"])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "decision", "call"])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "blocker", "stuck"])
        .assert()
        .success();
    let before = fs::read(dir.path().join("lane.toml")).unwrap();
    for evil in EVIL {
        for args in [
            vec!["add", "priority", evil],
            vec!["add", "priority", "ok", "--outcome", evil],
            vec!["add", "block", evil, "--time", "9-10"],
            vec!["add", "decision", "ok", "--option", evil],
            vec!["update", "priority", "1", evil],
            vec!["outcome", "decision", "1", evil],
            vec!["escalate", "decision", "1", "--to", evil],
            vec!["tried", "blocker", "1", "docs", evil],
            vec!["resolve", "blocker", "1", evil],
            vec!["add", "priority", "ok", "--due", evil],
        ] {
            let out = lane(&dir).args(&args).assert().code(2).get_output().clone();
            assert_eq!(obeyable(&out.stderr), Vec::<char>::new(), "{args:?}");
            assert!(
                String::from_utf8_lossy(&out.stderr).contains("control character"),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    // A title is one line.
    lane(&dir)
        .args(["add", "priority", "two\nlines"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must be one line"));
    assert_eq!(fs::read(dir.path().join("lane.toml")).unwrap(), before);
}

// Over 80 lines: every way out of lane checked against the same hostile file.
#[test]
fn hand_edited_and_imported_controls_never_reach_a_terminal_or_a_report() {
    let dir = tempfile::tempdir().unwrap();
    // A hand edit can hold what no argument can: NUL.
    let evil = EVIL.join(" | ") + " nul \u{0}";
    // A hand edit: TOML's \u escapes put any character in a string.
    let toml_evil = evil
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{202e}' {
                format!("\\u{:04X}", c as u32)
            } else if c == '"' || c == '\\' {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect::<String>();
    // Made with a placeholder, then edited by hand.
    for args in [
        vec!["add", "priority", "EVIL", "--focus", "--outcome", "EVIL"],
        vec!["add", "block", "EVIL", "--time", "9-10", "--date", "today"],
        vec!["add", "decision", "EVIL", "--call", "EVIL"],
        vec!["add", "blocker", "EVIL", "--waiting-on", "EVIL"],
    ] {
        lane(&dir).args(&args).assert().success();
    }
    let path = dir.path().join("lane.toml");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.matches("\"EVIL\"").count() >= 6, "{text}");
    fs::write(&path, text.replace("\"EVIL\"", &format!("\"{toml_evil}\""))).unwrap();
    lane(&dir).arg("check").assert().success();
    let outputs: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "blocks", "--date", "2026-11-23"],
        vec!["list", "decisions"],
        vec!["list", "blockers"],
        vec!["list", "--all"],
        vec!["list", "--json"],
        vec!["list", "decisions", "--json"],
        vec!["report", "standup"],
        vec!["report", "week"],
        vec!["report", "week", "--json"],
        vec!["report", "review"],
        vec!["report", "brag"],
        vec!["export", "json"],
        vec!["export", "ics"],
        vec!["list", "blocks", "--date", EVIL[0]],
    ];
    for args in outputs {
        let out = lane(&dir).args(&args).output().unwrap();
        assert_eq!(obeyable(&out.stdout), Vec::<char>::new(), "{args:?} stdout");
        assert_eq!(obeyable(&out.stderr), Vec::<char>::new(), "{args:?} stderr");
    }
    // The JSON export is still the same data: it reads back as it was.
    let export = lane(&dir).args(["export", "json"]).output().unwrap().stdout;
    let back: serde_json::Value = serde_json::from_slice(&export).unwrap();
    assert_eq!(back["priorities"][0]["title"], evil.as_str());
    // A report written to a file is as clean as one printed.
    let out = dir.path().join("week.md");
    lane(&dir)
        .args(["report", "week", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(obeyable(&fs::read(&out).unwrap()), Vec::<char>::new());
    // A bad line echoed by check is escaped too.
    fs::write(
        dir.path().join("lane.toml"),
        "version = 1\n\u{1b}]0;x\u{7} = \n",
    )
    .unwrap();
    let out = lane(&dir).arg("check").output().unwrap();
    assert!(!out.status.success());
    assert_eq!(obeyable(&out.stderr), Vec::<char>::new());

    // Imports keep the text but escaped, and say so.
    let fresh = tempfile::tempdir().unwrap();
    let tw = dir.path().join("tw.json");
    fs::write(
        &tw,
        serde_json::json!([{"uuid": "u1", "status": "pending", "description": evil,
            "annotations": [{"entry": "20261120T090000Z", "description": evil}]}])
        .to_string(),
    )
    .unwrap();
    lane(&fresh)
        .args(["import", "taskwarrior"])
        .arg(&tw)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 texts held control characters"));
    let stored = fs::read_to_string(fresh.path().join("lane.toml")).unwrap();
    assert_eq!(obeyable(stored.as_bytes()), Vec::<char>::new());
    assert!(
        !stored.contains("\\u001b") && !stored.contains("\\u001B"),
        "{stored}"
    );
    lane(&fresh).arg("check").assert().success();
}

#[test]
fn an_id_the_archive_holds_is_renumbered_on_import_and_check_sees_clashes() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("archive")).unwrap();
    fs::write(
        dir.path().join("archive/2025.toml"),
        "version = 1\n\n[[priorities]]\nid = 3\nuid = \"OLD\"\ntitle = \"archived\"\nstatus = \"done\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("lane.toml"),
        "version = 1\n\n[archived_ids]\npriorities = 3\n",
    )
    .unwrap();
    let import = dir.path().join("in.json");
    fs::write(
        &import,
        r#"{"version": 1, "priorities": [{"id": 3, "uid": "NEW", "title": "imported", "status": "done", "closed": "2020-01-01"}]}"#,
    )
    .unwrap();
    lane(&dir)
        .args(["import", "json"])
        .arg(&import)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 given a new id"));
    let all = crate::common::json(&dir, &["list", "--all", "--json"]);
    let ids: Vec<u64> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{all}");
    assert_ne!(ids[0], ids[1]);
    lane(&dir).arg("check").assert().success();
    // A clash made by hand: check names it (it used to say ok).
    fs::write(
        dir.path().join("lane.toml"),
        "version = 1\n\n[[priorities]]\nid = 3\nuid = \"HAND\"\ntitle = \"by hand\"\n",
    )
    .unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "priority 3 is in lane.toml and, as another item, in archive/2025.toml",
        ));
    // Demo data never mixes into a directory that holds anything.
    let archive_only = tempfile::tempdir().unwrap();
    fs::create_dir(archive_only.path().join("archive")).unwrap();
    lane(&archive_only)
        .args(["demo", "--days", "10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not empty (it holds archive)"));
    assert!(!archive_only.path().join("lane.toml").exists());
}

#[test]
fn an_outside_edit_that_restores_length_and_mtime_is_still_seen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lane.toml");
    lane(&dir)
        .args(["add", "priority", "abcd"])
        .assert()
        .success();
    let (mut store, mut data) =
        lane::store::Store::open(dir.path(), lane::store::Access::Session).unwrap();
    let before = fs::metadata(&path).unwrap();
    let text = fs::read_to_string(&path).unwrap().replace("abcd", "wxyz");
    fs::write(&path, &text).unwrap();
    let f = fs::File::options().write(true).open(&path).unwrap();
    f.set_modified(before.modified().unwrap()).unwrap();
    drop(f);
    assert!(
        store.changed_on_disk(),
        "same length, same mtime, other words"
    );
    // Our next save merges their edit instead of writing over it.
    data.priorities[0].progress = Some(40);
    store.save(&data, crate::common::now()).unwrap();
    let after = fs::read_to_string(&path).unwrap();
    assert!(
        after.contains("wxyz") && after.contains("progress = 40"),
        "{after}"
    );
}

#[test]
fn a_running_timer_counts_real_minutes_across_a_clock_change() {
    let dir = tempfile::tempdir().unwrap();
    let at = |when: &str| {
        let mut cmd = lane(&dir);
        cmd.env("TZ", "Europe/Berlin").env("LANE_NOW", when);
        cmd
    };
    at("2026-03-29T01:00")
        .args([
            "add",
            "block",
            "late",
            "--time",
            "01:30 +2h",
            "--date",
            "today",
        ])
        .assert()
        .success();
    at("2026-03-29T01:50")
        .args(["start", "block", "1"])
        .assert()
        .success();
    at("2026-03-29T03:10")
        .arg("stop")
        .assert()
        .success()
        .stdout(predicate::str::contains("after 20m"));
    at("2026-10-25T01:00")
        .args([
            "add",
            "block",
            "autumn",
            "--time",
            "01:30 +2h",
            "--date",
            "today",
        ])
        .assert()
        .success();
    at("2026-10-25T02:40")
        .args(["start", "block", "2"])
        .assert()
        .success();
    // The clock went back an hour at 03:00: 02:20 again is 40 minutes later.
    at("2026-10-25T02:20")
        .arg("stop")
        .assert()
        .success()
        .stdout(predicate::str::contains("after 40m"));
}
