//! The complete command line: modify, delete, show and undo, by the same rules
//! as the app's forms; bad input exits 2 with one line and leaves the file alone.

use std::fs;

use predicates::prelude::*;

use crate::common::{json, lane};

fn file(dir: &tempfile::TempDir) -> String {
    fs::read_to_string(dir.path().join("lane.toml")).unwrap()
}

#[test]
fn modify_changes_fields_by_the_forms_rules_and_refuses_what_they_refuse() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "block", "9-10 spec", "--priority", "1"])
        .assert()
        .success();
    lane(&dir)
        .args([
            "modify",
            "priority",
            "1",
            "due=fri",
            "impact:high",
            "title=Ship billing v2",
        ])
        .assert()
        .success()
        .stdout("priority 1 modified\n");
    let p = &json(&dir, &["list", "--json"])[0];
    assert_eq!(
        (p["title"].as_str(), p["due"].as_str(), p["impact"].as_str()),
        (Some("Ship billing v2"), Some("2026-11-27"), Some("high"))
    );
    lane(&dir)
        .args(["modify", "block", "1", "time=14:00 +45m"])
        .assert()
        .success();
    let b = &json(&dir, &["list", "blocks", "--json"])[0];
    assert_eq!(
        (b["start"].as_str(), b["end"].as_str()),
        (Some("14:00"), Some("14:45"))
    );
    let before = file(&dir);
    for (args, says) in [
        (
            vec!["modify", "priority", "1", "bogus=1"],
            "a priority has no field `bogus`",
        ),
        (
            vec!["modify", "priority", "1", "due=someday"],
            "due: `someday` is not a date",
        ),
        (
            vec!["modify", "priority", "1", "title="],
            "title: Title cannot be empty",
        ),
        (
            vec!["modify", "priority", "1", "nonsense"],
            "write field=value",
        ),
        (
            vec!["modify", "priority", "7", "due=fri"],
            "there is no priority 7",
        ),
        (vec!["modify", "block", "1", "time=14:00 +0"], "time:"),
        (
            vec!["modify", "priority", "1", "title=evil \u{1b}]0;x\u{7}"],
            "control character",
        ),
        (vec!["delete", "decision", "3"], "there is no decision 3"),
        (vec!["show", "blocker", "2"], "there is no blocker 2"),
    ] {
        lane(&dir)
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says))
            .stderr(predicate::function(|e: &str| e.lines().count() == 1));
        assert_eq!(file(&dir), before, "{args:?}");
    }
}

#[test]
fn show_prints_the_item_as_the_file_holds_it_or_as_json() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship billing", "--due", "fri"])
        .assert()
        .success();
    lane(&dir)
        .args(["show", "priority", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("title = \"Ship billing\"\n"))
        .stdout(predicate::str::contains("due = \"2026-11-27\"\n"));
    let shown = json(&dir, &["show", "priority", "1", "--json"]);
    assert_eq!(shown["title"], "Ship billing");
}

#[test]
fn undo_takes_back_the_last_command_and_nothing_made_since() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Keep me"])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "priority", "Delete me"])
        .assert()
        .success();
    lane(&dir)
        .args(["delete", "priority", "2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("lane undo brings it back"));
    // A hand edit after the command: undo leaves it.
    let edited = file(&dir).replace("Keep me", "Kept, edited by hand");
    fs::write(dir.path().join("lane.toml"), edited).unwrap();
    lane(&dir)
        .arg("undo")
        .assert()
        .success()
        .stdout(predicate::str::contains("undone: priority 2 deleted"));
    let titles: Vec<String> = json(&dir, &["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles, ["Kept, edited by hand", "Delete me"]);
    // The history goes back further: the adds, newest first, the hand edit kept.
    lane(&dir)
        .arg("undo")
        .assert()
        .success()
        .stdout(predicate::str::contains("undone: added priority 2"));
    lane(&dir).arg("undo").assert().success();
    lane(&dir)
        .arg("undo")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to undo"));
    // Redo makes them again, oldest first.
    lane(&dir).arg("redo").assert().success();
    lane(&dir)
        .arg("redo")
        .assert()
        .success()
        .stdout(predicate::str::contains("redone: added priority 2"));
}

#[test]
fn edit_checks_the_item_and_reopens_it_with_the_reason_like_git_commit() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    // An editor that changes the title.
    lane(&dir)
        .env("EDITOR", "sed -i 's/Ship billing/Launch billing/'")
        .args(["edit", "priority", "1"])
        .assert()
        .success()
        .stdout("priority 1 saved\n");
    assert_eq!(
        json(&dir, &["list", "--json"])[0]["title"],
        "Launch billing"
    );
    // First a mistake, then (seeing the reason on top) the fix.
    let script = dir.path().join("editor.sh");
    fs::write(
        &script,
        "#!/bin/sh\nif grep -q '^# ERROR' \"$1\"; then sed -i 's/^progress = 200/progress = 20/' \"$1\"; \
         else printf 'progress = 200\\n' >> \"$1\"; fi\n",
    )
    .unwrap();
    fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    lane(&dir)
        .env("EDITOR", &script)
        .args(["edit", "priority", "1"])
        .assert()
        .success();
    assert_eq!(json(&dir, &["list", "--json"])[0]["progress"], 20);
    // Closed unchanged: nothing changes; no editor: a clear refusal.
    let before = file(&dir);
    lane(&dir)
        .env("EDITOR", "true")
        .args(["edit", "priority", "1"])
        .assert()
        .success()
        .stdout("priority 1 unchanged\n");
    lane(&dir)
        .env_remove("EDITOR")
        .env_remove("VISUAL")
        .args(["edit", "priority", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("set $EDITOR"));
    assert_eq!(file(&dir), before);
}
