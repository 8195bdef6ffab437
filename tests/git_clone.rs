//! The data dir as people use git: a plain `git clone` of the remote, `lane
//! sync` once in it (docs/sync.md), then plain `git pull`s that merge with
//! lane's driver — and a pull made before that, finished by `lane sync`, which
//! says it sent the merge.

use std::path::Path;
use std::process::Command;

use crate::common::lane;

/// Git as a person runs it: no global config; `lane` on PATH for the driver.
fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_lane")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_MERGE_AUTOEDIT", "no")
        .env("PATH", path)
        .output()
        .unwrap()
}

fn on(dir: &Path) -> assert_cmd::Command {
    let mut cmd = lane(dir);
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    cmd
}

fn add(dir: &Path, title: &str) {
    on(dir).args(["add", "priority", title]).assert().success();
}

fn said(dir: &Path, args: &[&str]) -> String {
    let out = on(dir).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// A laptop syncing to a bare remote, and a desktop that `git clone`d it.
fn laptop_and_clone(root: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let remote = root.join("remote.git");
    assert!(
        git(
            root,
            &[
                "init",
                "-q",
                "--bare",
                "-b",
                "main",
                remote.to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    let laptop = root.join("laptop");
    add(&laptop, "Ship billing");
    on(&laptop)
        .args(["sync", "init", remote.to_str().unwrap()])
        .assert()
        .success();
    let desktop = root.join("desktop");
    let cloned = git(
        root,
        &[
            "clone",
            "-q",
            remote.to_str().unwrap(),
            desktop.to_str().unwrap(),
        ],
    );
    assert!(cloned.status.success(), "{cloned:?}");
    (laptop, desktop)
}

#[test]
fn after_one_lane_sync_a_clone_merges_plain_pulls_with_lane() {
    let root = tempfile::tempdir().unwrap();
    let (laptop, desktop) = laptop_and_clone(root.path());
    said(&desktop, &["sync"]);
    let driver = git(
        &desktop,
        &["config", "--local", "--get", "merge.lane.driver"],
    );
    assert_eq!(
        String::from_utf8_lossy(&driver.stdout).trim(),
        "lane merge-driver %O %A %B"
    );
    // Both machines change lane.toml; the desktop takes the laptop's by plain git.
    add(&laptop, "Hire a designer");
    said(&laptop, &["sync"]);
    add(&desktop, "Fix flaky CI");
    let committed = git(&desktop, &["commit", "-q", "-am", "desktop"]);
    assert!(committed.status.success(), "{committed:?}");
    let pulled = git(&desktop, &["pull", "-q", "--no-rebase", "origin", "main"]);
    assert!(pulled.status.success(), "{pulled:?}");
    let text = std::fs::read_to_string(desktop.join("lane.toml")).unwrap();
    assert!(!text.contains("<<<<<<<"), "{text}");
    for title in ["Ship billing", "Hire a designer", "Fix flaky CI"] {
        assert!(text.contains(title), "{title}: {text}");
    }
}

#[test]
fn a_pull_made_before_the_first_sync_is_finished_and_its_merge_sent() {
    let root = tempfile::tempdir().unwrap();
    let (laptop, desktop) = laptop_and_clone(root.path());
    add(&laptop, "Hire a designer");
    said(&laptop, &["sync"]);
    add(&desktop, "Fix flaky CI");
    git(&desktop, &["commit", "-q", "-am", "desktop"]);
    // No driver yet: git merges lane.toml as text and stops at a conflict.
    let pulled = git(&desktop, &["pull", "-q", "--no-rebase", "origin", "main"]);
    assert!(!pulled.status.success());
    let out = said(&desktop, &["sync"]);
    assert!(out.contains("finished the merge git had started"), "{out}");
    assert!(out.contains("sent a merge"), "{out}");
    assert!(!out.contains("nothing new to send"), "{out}");
    // The laptop gets it all.
    said(&laptop, &["sync"]);
    let text = std::fs::read_to_string(laptop.join("lane.toml")).unwrap();
    assert!(
        text.contains("Fix flaky CI") && text.contains("Hire a designer"),
        "{text}"
    );
}
