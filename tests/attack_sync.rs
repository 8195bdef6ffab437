//! Attacks on `lane sync` (issue 32): writes while git's own merge is stopped,
//! remotes that plant symlinks where lane reads and writes, and what a killed
//! sync leaves behind.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use predicates::prelude::*;

use crate::sync::{git, joined, on, text, titles};

/// The laptop's lane stops at a plain `git pull` in the desktop: the driver
/// (lane) is not on PATH, so git records a conflict and leaves the merge open.
fn stopped_pull() -> crate::sync::Machines {
    let m = joined("From the laptop");
    on(&m.laptop)
        .args(["add", "priority", "Laptop, later"])
        .assert()
        .success();
    on(&m.laptop).arg("sync").assert().success();
    on(&m.desktop)
        .args(["add", "decision", "Desktop call"])
        .assert()
        .success();
    assert!(
        git(&m.desktop, &["commit", "-qam", "by hand"])
            .status
            .success()
    );
    assert!(
        !git(&m.desktop, &["pull", "--no-rebase", "-q"])
            .status
            .success()
    );
    assert!(m.desktop.join(".git/MERGE_HEAD").exists());
    m
}

#[test]
fn a_write_during_a_stopped_git_merge_is_refused_with_how_to_finish() {
    let m = stopped_pull();
    let before = text(&m.desktop);
    on(&m.desktop)
        .args(["add", "priority", "During the merge"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("git merge is in progress"))
        .stderr(predicate::str::contains("lane sync"));
    // An undo is a write too, and so is an edit closed in the editor.
    on(&m.desktop).arg("undo").assert().failure();
    on(&m.desktop)
        .env("EDITOR", "sed -i 's/^title = .*/title = \"Edited\"/'")
        .args(["edit", "priority", "1"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("git merge is in progress"));
    assert_eq!(text(&m.desktop), before, "nothing written");
    on(&m.desktop).arg("sync").assert().success();
    on(&m.desktop)
        .args(["add", "priority", "After the merge"])
        .assert()
        .success();
    on(&m.desktop).arg("sync").assert().success();
    assert_eq!(
        titles(&m.desktop),
        ["After the merge", "From the laptop", "Laptop, later"]
    );
}

/// The laptop commits `path` as a symlink to `target` behind lane's back and
/// pushes it.
fn plant(m: &crate::sync::Machines, path: &str, target: &str) {
    on(&m.laptop).arg("sync").assert().success();
    let at = m.laptop.join(path);
    if at.is_dir() {
        fs::remove_dir_all(&at).unwrap();
    } else {
        let _ = fs::remove_file(&at);
    }
    std::os::unix::fs::symlink(target, &at).unwrap();
    for args in [
        &["add", "-f", "-A", "--", path][..],
        &[
            "-c",
            "user.name=x",
            "-c",
            "user.email=x@x",
            "commit",
            "-qm",
            "plant",
        ],
        &["push", "-q", "origin", "HEAD:main"],
    ] {
        let out = git(&m.laptop, args);
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
}

fn head(dir: &Path) -> String {
    String::from_utf8(git(dir, &["rev-parse", "HEAD"]).stdout).unwrap()
}

#[test]
fn a_remote_that_plants_a_symlink_where_lane_reads_or_writes_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("x.toml"), "version = 1\n").unwrap();
    let elsewhere = outside.path().join("x.toml");
    for (path, target) in [
        ("lane.toml", "lane.undo.toml"),
        ("lane.toml", elsewhere.to_str().unwrap()),
        ("archive", outside.path().to_str().unwrap()),
        ("reports", outside.path().to_str().unwrap()),
        ("lane.undo.toml", elsewhere.to_str().unwrap()),
        ("archive/2025.toml", elsewhere.to_str().unwrap()),
        (".gitattributes", elsewhere.to_str().unwrap()),
    ] {
        let m = joined("Mine");
        if let Some(parent) = Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            fs::create_dir_all(m.laptop.join(parent)).unwrap();
        }
        plant(&m, path, target);
        on(&m.desktop)
            .args(["add", "priority", "Desktop's own"])
            .assert()
            .success();
        let (before, at) = (text(&m.desktop), head(&m.desktop));
        on(&m.desktop)
            .arg("sync")
            .assert()
            .failure()
            .stderr(predicate::str::contains(format!("{path} as a symlink")))
            .stderr(predicate::str::contains("nothing was changed"));
        assert_eq!(text(&m.desktop), before, "{path}");
        assert_eq!(head(&m.desktop), at, "{path}: not even our commit stays");
        let meta = fs::symlink_metadata(m.desktop.join(path));
        assert!(
            meta.is_err() || !meta.unwrap().file_type().is_symlink(),
            "{path} was checked out as a link"
        );
        assert_eq!(
            fs::read_to_string(&elsewhere).unwrap(),
            "version = 1\n",
            "{path}"
        );
    }
}

#[test]
fn a_symlink_a_plain_git_pull_brought_in_is_refused_too() {
    let outside = tempfile::tempdir().unwrap();
    // What a save's temp file is named like, in the folder the link points to.
    let bait = outside.path().join(".lane.toml.x1.tmp");
    fs::write(&bait, "theirs").unwrap();
    let m = joined("Mine");
    plant(&m, "archive", outside.path().to_str().unwrap());
    assert!(
        git(&m.desktop, &["pull", "--no-rebase", "-q"])
            .status
            .success()
    );
    let before = text(&m.desktop);
    on(&m.desktop)
        .arg("sync")
        .assert()
        .failure()
        .stderr(predicate::str::contains("archive as a symlink"));
    assert_eq!(text(&m.desktop), before);
    // lane itself no longer follows the planted archive either.
    on(&m.desktop)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("symlink"));
    // A write sweeps its own debris, never through the link.
    on(&m.desktop)
        .args(["add", "priority", "Still works"])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&bait).unwrap(), "theirs");
}

#[test]
fn a_killed_syncs_leftovers_are_cleaned_and_a_live_gits_are_named() {
    let m = joined("Mine");
    let git_dir = m.desktop.join(".git");
    // A sync killed while git worked: its lock names a process that is gone,
    // and git's index lock and a merge driver's copies stayed.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    fs::write(git_dir.join("lane-sync.lock"), format!("{pid}\n")).unwrap();
    fs::set_permissions(
        git_dir.join("lane-sync.lock"),
        PermissionsExt::from_mode(0o644),
    )
    .unwrap();
    fs::write(git_dir.join("index.lock"), "").unwrap();
    fs::write(m.desktop.join(".merge_file_a1B2c3"), "version = 1\n").unwrap();
    on(&m.desktop)
        .args(["add", "priority", "After the kill"])
        .assert()
        .success();
    on(&m.desktop).arg("sync").assert().success();
    assert!(!git_dir.join("index.lock").exists());
    assert!(!m.desktop.join(".merge_file_a1B2c3").exists());
    let mode = fs::metadata(git_dir.join("lane-sync.lock"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    on(&m.laptop).arg("sync").assert().success();
    assert_eq!(titles(&m.laptop), ["After the kill", "Mine"]);
    // An index lock lane did not leave (no sync of lane's died): never removed,
    // and the message names the file to remove.
    fs::write(git_dir.join("index.lock"), "").unwrap();
    on(&m.desktop)
        .args(["add", "priority", "Blocked"])
        .assert()
        .success();
    on(&m.desktop)
        .arg("sync")
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            git_dir.join("index.lock").to_str().unwrap(),
        ))
        .stderr(predicate::str::contains("remove"));
    assert!(git_dir.join("index.lock").exists());
    fs::remove_file(git_dir.join("index.lock")).unwrap();
    on(&m.desktop).arg("sync").assert().success();
}

#[test]
fn a_remote_that_makes_lane_toml_a_folder_is_refused() {
    let m = joined("Mine");
    on(&m.laptop).arg("sync").assert().success();
    fs::remove_file(m.laptop.join("lane.toml")).unwrap();
    fs::create_dir(m.laptop.join("lane.toml")).unwrap();
    fs::write(m.laptop.join("lane.toml/x"), "x").unwrap();
    for args in [
        &["add", "-A", "--", "lane.toml"][..],
        &[
            "-c",
            "user.name=x",
            "-c",
            "user.email=x@x",
            "commit",
            "-qm",
            "folder",
        ],
        &["push", "-q", "origin", "HEAD:main"],
    ] {
        assert!(git(&m.laptop, args).status.success(), "{args:?}");
    }
    let before = text(&m.desktop);
    on(&m.desktop)
        .arg("sync")
        .assert()
        .failure()
        .stderr(predicate::str::contains("lane.toml as a folder"));
    assert_eq!(text(&m.desktop), before);
}

#[test]
fn an_edit_open_while_a_sync_brings_in_the_same_items_change_keeps_both() {
    let m = joined("Shared");
    on(&m.desktop).arg("sync").assert().success();
    on(&m.laptop).arg("sync").assert().success();
    on(&m.laptop)
        .args(["modify", "priority", "1", "progress=40"])
        .assert()
        .success();
    on(&m.laptop).arg("sync").assert().success();
    // The desktop's editor is open while its own sync runs.
    let editor = m.desktop.join("editor.sh");
    fs::write(
        &editor,
        "#!/bin/sh
set -e
\"$LANE\" --dir \"$D\" sync
\
         sed -i 's/^title = \"Shared\"/title = \"Shared, edited\"/' \"$1\"\n",
    )
    .unwrap();
    fs::set_permissions(&editor, PermissionsExt::from_mode(0o755)).unwrap();
    on(&m.desktop)
        .env("EDITOR", &editor)
        .env("LANE", env!("CARGO_BIN_EXE_lane"))
        .env("D", &m.desktop)
        .args(["edit", "priority", "1"])
        .assert()
        .success();
    on(&m.desktop).arg("sync").assert().success();
    on(&m.laptop).arg("sync").assert().success();
    for dir in [&m.laptop, &m.desktop] {
        let p = &crate::common::json(dir, &["list", "--json"])[0];
        assert_eq!(p["title"], "Shared, edited");
        assert_eq!(p["progress"], 40);
    }
}
