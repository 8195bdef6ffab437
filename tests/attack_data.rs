//! Attacks on what lane saves (issue 32): `lane edit` racing other writers and
//! the user's own `#` lines, a write past the size cap, uids used twice, the
//! highest id taken. Each test reproduces a loss found on main, then tries
//! variants of it.

use std::fs;
use std::path::Path;

use predicates::prelude::*;

use crate::common::{json, lane};

/// An executable shell script in `dir`, for $EDITOR.
fn script(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, format!("#!/bin/sh\nset -e\n{body}")).unwrap();
    fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    path
}

/// `lane edit KIND ID` with `editor` as $EDITOR; the editor finds lane as
/// `$LANE` and the data dir as `$D`, to write as another user would meanwhile.
fn edit(dir: &Path, editor: &Path, kind: &str, id: &str) -> assert_cmd::assert::Assert {
    lane(dir)
        .env("EDITOR", editor)
        .env_remove("VISUAL")
        .env("LANE", env!("CARGO_BIN_EXE_lane"))
        .env("D", dir)
        .args(["edit", kind, id])
        .assert()
}

fn file(dir: &Path) -> String {
    fs::read_to_string(dir.join("lane.toml")).unwrap()
}

#[test]
fn what_others_save_while_the_editor_is_open_stays() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship"])
        .assert()
        .success();
    let editor = script(
        dir.path(),
        "editor.sh",
        r#""$LANE" --dir "$D" update priority 1 "halfway there"
"$LANE" --dir "$D" modify priority 1 progress=70
"$LANE" --dir "$D" add milestone 1 "Beta"
sed -i 's/^title = "Ship"/title = "Ship v2"/' "$1"
"#,
    );
    edit(dir.path(), &editor, "priority", "1")
        .success()
        .stdout(predicate::str::ends_with("\npriority 1 saved\n"));
    let p = &json(&dir, &["list", "--json"])[0];
    assert_eq!(p["title"], "Ship v2");
    assert_eq!(p["progress"], 70, "{p}");
    assert_eq!(p["updates"][0]["note"], "halfway there", "{p}");
    assert_eq!(p["milestones"][0]["title"], "Beta", "{p}");
    assert!(
        !file(dir.path()).contains("[[conflicts]]"),
        "no conflict: the two changed different fields"
    );
    lane(&dir).arg("check").assert().success();
}

#[test]
fn a_field_both_the_editor_and_another_writer_changed_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "Ship"])
        .assert()
        .success();
    let editor = script(
        dir.path(),
        "editor.sh",
        r#""$LANE" --dir "$D" modify priority 1 progress=70
printf 'progress = 30\n' >> "$1"
"#,
    );
    edit(dir.path(), &editor, "priority", "1")
        .success()
        .stdout(predicate::str::contains("priority 1 saved"))
        .stdout(predicate::str::contains("1 conflict"));
    // The editor's value is kept; the other writer's waits in the conflicts.
    assert_eq!(json(&dir, &["list", "--json"])[0]["progress"], 30);
    lane(&dir)
        .arg("conflicts")
        .assert()
        .success()
        .stdout(predicate::str::contains("progress"))
        .stdout(predicate::str::contains("70"));
}

#[test]
fn an_item_deleted_while_edited_stops_the_edit_and_one_brought_back_takes_it() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "One"])
        .assert()
        .success();
    lane(&dir)
        .args(["add", "priority", "Two"])
        .assert()
        .success();
    let deleting = script(
        dir.path(),
        "delete.sh",
        r#""$LANE" --dir "$D" delete priority 2
sed -i 's/^title = "Two"/title = "Two, edited"/' "$1"
"#,
    );
    let before = file(dir.path());
    edit(dir.path(), &deleting, "priority", "2")
        .failure()
        .stderr(predicate::str::contains("deleted while you edited it"));
    // The delete stands and nothing else moved.
    assert_ne!(file(dir.path()), before);
    assert_eq!(json(&dir, &["list", "--json"]).as_array().unwrap().len(), 1);
    // Deleted and brought back by undo under the same uid: the edit lands on it.
    let undoing = script(
        dir.path(),
        "undo.sh",
        r#""$LANE" --dir "$D" delete priority 1
"$LANE" --dir "$D" undo
sed -i 's/^title = "One"/title = "One, edited"/' "$1"
"#,
    );
    edit(dir.path(), &undoing, "priority", "1").success();
    assert_eq!(json(&dir, &["list", "--json"])[0]["title"], "One, edited");
}

#[test]
fn hash_lines_inside_the_users_text_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "decision", "Pick a DB"])
        .assert()
        .success();
    // The closing quotes on a `#` line too: main dropped the line, then the edit.
    let editor = script(
        dir.path(),
        "editor.sh",
        r#"cat >> "$1" <<'EOF'
rationale = """
Options:
# Postgres: mature
  # SQLite: small"""
EOF
"#,
    );
    edit(dir.path(), &editor, "decision", "1")
        .success()
        .stdout("decision 1 saved\n");
    let d = &json(&dir, &["list", "decisions", "--json"])[0];
    assert_eq!(
        d["rationale"], "Options:\n# Postgres: mature\n  # SQLite: small",
        "{d}"
    );
    // A TOML comment of the user's own outside the text is still just a comment.
    let commenting = script(
        dir.path(),
        "comment.sh",
        "sed -i 's/^situation = .*/# chosen\\nsituation = \"Pick the DB\" # why/' \"$1\"\n",
    );
    edit(dir.path(), &commenting, "decision", "1").success();
    let d = &json(&dir, &["list", "decisions", "--json"])[0];
    assert_eq!(d["situation"], "Pick the DB");
    assert_eq!(
        d["rationale"],
        "Options:\n# Postgres: mature\n  # SQLite: small"
    );
}

#[test]
fn a_reopened_edit_keeps_the_users_hash_lines_and_drops_only_lanes() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "decision", "Pick a DB"])
        .assert()
        .success();
    // First a mistake with a `#` line in the text; then, with lane's reason on
    // top, the mistake fixed and nothing else touched.
    let editor = script(
        dir.path(),
        "editor.sh",
        r#"if grep -q '^# ERROR' "$1"; then
  test "$(grep -c '^# ERROR' "$1")" = 1
  sed -i 's/^risk = "huge"/risk = "high"/' "$1"
else
  sed -i 's/^risk = .*/risk = "huge"/' "$1"
  printf 'rationale = """\n# kept\nyes"""\n' >> "$1"
fi
"#,
    );
    edit(dir.path(), &editor, "decision", "1").success();
    let d = &json(&dir, &["list", "decisions", "--json"])[0];
    assert_eq!(d["risk"], "high");
    assert_eq!(d["rationale"], "# kept\nyes");
}

#[test]
fn a_write_past_the_size_cap_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    // Just under 1 MiB, written by hand: a long note on record.
    let note = "x".repeat(1024 * 1024 - 2_000);
    fs::write(
        dir.path().join("lane.toml"),
        format!(
            "version = 1\n\n[[priorities]]\nid = 1\nuid = \"P\"\ntitle = \"Ship\"\n\n\
             [[priorities.updates]]\ndate = \"2026-11-20\"\nnote = \"{note}\"\n"
        ),
    )
    .unwrap();
    lane(&dir)
        .env("LANE_MAX_FILE_MIB", "1")
        .args(["update", "priority", "1", "short"])
        .assert()
        .success();
    let note = "y".repeat(3_000);
    let before = file(dir.path());
    lane(&dir)
        .env("LANE_MAX_FILE_MIB", "1")
        .args(["update", "priority", "1", &note])
        .assert()
        .failure()
        .stderr(predicate::str::contains("larger than 1 MiB"))
        .stderr(predicate::str::contains("LANE_MAX_FILE_MIB"));
    assert_eq!(file(dir.path()), before, "nothing written");
    // Still readable under the cap, and holding the two changes that fitted.
    lane(&dir)
        .env("LANE_MAX_FILE_MIB", "1")
        .arg("check")
        .assert()
        .success();
    let p = &json(&dir, &["list", "--json"])[0];
    assert_eq!(p["updates"].as_array().unwrap().len(), 2);
}

const TWINS: &str = r#"version = 1

[[priorities]]
id = 1
uid = "SAME"
title = "Original"

[[priorities]]
id = 2
uid = "SAME"
title = "Twin"
"#;

#[test]
fn two_items_sharing_a_uid_are_named_by_check_and_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("lane.toml"), TWINS).unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("uid SAME is used twice"))
        .stderr(predicate::str::contains("lane.toml:10:"));
    // Every command refuses it, so a delete + undo can never fold them into one.
    lane(&dir)
        .args(["delete", "priority", "2"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("uid SAME is used twice"));
    assert_eq!(file(dir.path()), TWINS);
    // Two kinds may share one uid (they are matched within a kind).
    let kinds = "version = 1\n\n[[priorities]]\nid = 1\nuid = \"X\"\ntitle = \"P\"\n\n\
                 [[decisions]]\nid = 1\nuid = \"X\"\nsituation = \"D\"\n";
    fs::write(dir.path().join("lane.toml"), kinds).unwrap();
    lane(&dir).arg("check").assert().success();
}

#[test]
fn an_item_at_the_highest_id_leaves_adds_working() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("lane.toml"),
        "version = 1\n\n[[priorities]]\nid = 999999999\nuid = \"TOP\"\ntitle = \"Imported\"\n\n\
         [[blocks]]\nid = 999999999\nuid = \"TOPB\"\ndate = \"2026-11-23\"\nstart = \"09:00\"\n\
         end = \"10:00\"\ntitle = \"Imported block\"\nkind = \"deep\"\n",
    )
    .unwrap();
    lane(&dir)
        .args(["add", "priority", "Next"])
        .assert()
        .success()
        .stdout("added priority 1\n");
    lane(&dir)
        .args(["add", "priority", "Then"])
        .assert()
        .success()
        .stdout("added priority 2\n");
    lane(&dir)
        .args(["add", "block", "11-12 spec"])
        .assert()
        .success()
        .stdout(predicate::str::contains("added block 1"));
    lane(&dir).arg("check").assert().success();
}

#[test]
fn an_item_renumbered_while_edited_keeps_its_new_id_and_takes_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "priority", "One"])
        .assert()
        .success();
    // As a sync that renumbered it would: the same uid, another id.
    let editor = script(
        dir.path(),
        "renumber.sh",
        r#"sed -i 's/^id = 1$/id = 7/' "$D/lane.toml"
sed -i 's/^title = "One"/title = "One, edited"/' "$1"
"#,
    );
    edit(dir.path(), &editor, "priority", "1").success();
    let list = json(&dir, &["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["id"], 7);
    assert_eq!(list[0]["title"], "One, edited");
}
