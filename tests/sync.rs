//! `lane sync` over real git: two data dirs (a laptop and a desktop) and a bare
//! repository as the remote, with no git identity configured anywhere.

use std::fs;
use std::path::Path;
use std::process::Command as StdCommand;

use predicates::prelude::*;

use crate::common::lane;

/// Git as the tests run it by hand: no global or system config, so no identity.
pub(crate) fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    StdCommand::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap()
}

/// `lane` on one machine's data dir, with git's config isolated like `git()`.
pub(crate) fn on(dir: &Path) -> assert_cmd::Command {
    let mut cmd = lane(dir);
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    cmd
}

pub(crate) struct Machines {
    _root: tempfile::TempDir,
    pub(crate) remote: std::path::PathBuf,
    pub(crate) laptop: std::path::PathBuf,
    pub(crate) desktop: std::path::PathBuf,
}

pub(crate) fn machines() -> Machines {
    let root = tempfile::tempdir().unwrap();
    let remote = root.path().join("remote.git");
    assert!(
        StdCommand::new("git")
            .args(["init", "-q", "--bare"])
            .arg(&remote)
            .status()
            .unwrap()
            .success()
    );
    Machines {
        laptop: root.path().join("laptop"),
        desktop: root.path().join("desktop"),
        remote,
        _root: root,
    }
}

/// Two machines on one remote: the laptop starts it with one priority, the
/// desktop joins and has it too.
pub(crate) fn joined(first: &str) -> Machines {
    let m = machines();
    let remote = m.remote.to_str().unwrap();
    on(&m.laptop)
        .args(["add", "priority", first])
        .assert()
        .success();
    for dir in [&m.laptop, &m.desktop] {
        on(dir).args(["sync", "init", remote]).assert().success();
    }
    m
}

pub(crate) fn text(dir: &Path) -> String {
    fs::read_to_string(dir.join("lane.toml")).unwrap()
}

pub(crate) fn titles(dir: &Path) -> Vec<String> {
    let list = crate::common::json(dir, &["list", "--all", "--json"]);
    let mut t: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_string())
        .collect();
    t.sort();
    t
}

#[test]
fn two_machines_end_with_everything_both_wrote_and_no_identity_is_needed() {
    let m = machines();
    let remote = m.remote.to_str().unwrap();
    on(&m.laptop)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    on(&m.laptop)
        .args(["sync", "init", remote])
        .assert()
        .success()
        .stdout(predicate::str::contains("sent 1 priority"));
    // The desktop already had its own plan: merged with the laptop's, not replaced.
    on(&m.desktop)
        .args(["add", "priority", "Hire an engineer"])
        .assert()
        .success();
    on(&m.desktop)
        .args(["add", "block", "deep", "--time", "9-10"])
        .assert()
        .success();
    on(&m.desktop)
        .args(["sync", "init", remote])
        .assert()
        .success()
        .stdout(predicate::str::contains("sent 1 priority, 1 block"));
    on(&m.laptop).arg("sync").assert().success();
    assert_eq!(titles(&m.laptop), ["Hire an engineer", "Ship billing"]);
    assert_eq!(titles(&m.desktop), titles(&m.laptop));
    assert_eq!(text(&m.laptop), text(&m.desktop));
    // Commits say what changed, by an identity made for this repository only.
    let log = git(&m.desktop, &["log", "--format=%an|%s"]);
    let log = String::from_utf8_lossy(&log.stdout);
    assert!(log.contains("lane on "), "{log}");
    assert!(log.contains("|lane: 1 priority, 1 block"), "{log}");
    // The repository is clean, with lane's attributes and ignores committed.
    for dir in [&m.laptop, &m.desktop] {
        let status = git(dir, &["status", "--porcelain"]);
        assert_eq!(String::from_utf8_lossy(&status.stdout), "", "{dir:?}");
        assert!(
            fs::read_to_string(dir.join(".gitattributes"))
                .unwrap()
                .contains("lane.toml merge=lane")
        );
        assert!(
            fs::read_to_string(dir.join(".gitignore"))
                .unwrap()
                .contains("lane.lock")
        );
    }
    // Nothing new: a sync says so and makes no commit.
    let head = git(&m.laptop, &["rev-parse", "HEAD"]).stdout;
    on(&m.laptop)
        .arg("sync")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "nothing new to send; nothing new came in",
        ));
    assert_eq!(git(&m.laptop, &["rev-parse", "HEAD"]).stdout, head);
}

#[test]
fn the_same_field_changed_on_both_machines_is_a_conflict_to_settle_not_a_marker() {
    let m = joined("Hire an engineer");
    for (dir, title) in [
        (&m.laptop, "Hire a data engineer"),
        (&m.desktop, "Hire two engineers"),
    ] {
        let t = text(dir).replace("Hire an engineer", title);
        fs::write(dir.join("lane.toml"), t).unwrap();
    }
    on(&m.desktop)
        .args(["update", "priority", "1", "desktop note"])
        .assert()
        .success();
    on(&m.laptop).arg("sync").assert().success();
    on(&m.desktop)
        .arg("sync")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 conflict to settle"));
    let desktop = text(&m.desktop);
    assert!(
        !desktop.contains("<<<<<<<") && !desktop.contains(">>>>>>>"),
        "{desktop}"
    );
    let conflicts = crate::common::json(&m.desktop, &["conflicts", "--json"]);
    assert_eq!(conflicts.as_array().unwrap().len(), 1, "{conflicts}");
    assert!(
        conflicts[0]["text"]
            .as_str()
            .unwrap()
            .contains("Hire a data engineer")
    );
    // Settled on the desktop, the settlement travels like any change.
    on(&m.desktop)
        .args(["conflicts", "take", "1"])
        .assert()
        .success();
    on(&m.desktop).arg("sync").assert().success();
    on(&m.laptop).arg("sync").assert().success();
    assert_eq!(titles(&m.laptop), ["Hire a data engineer"]);
    let laptop = crate::common::json(&m.laptop, &["conflicts", "--json"]);
    assert_eq!(laptop.as_array().unwrap().len(), 0, "{laptop}");
}

#[test]
fn a_plain_git_pull_stops_at_a_conflict_and_lane_sync_finishes_it() {
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
    // `lane` is not on PATH here, so git cannot run lane's driver: a conflict,
    // with the file left whole (ours), never a line merge or markers.
    let pull = git(&m.desktop, &["pull", "--no-rebase", "-q"]);
    assert!(!pull.status.success());
    let left = text(&m.desktop);
    assert!(!left.contains("<<<<<<<"), "{left}");
    on(&m.desktop)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("run `lane sync` to finish it"));
    on(&m.desktop)
        .arg("sync")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "finished the merge git had started",
        ));
    assert_eq!(titles(&m.desktop), ["From the laptop", "Laptop, later"]);
    let calls = crate::common::json(&m.desktop, &["list", "decisions", "--json"]);
    assert_eq!(calls[0]["situation"], "Desktop call");
    on(&m.desktop).arg("check").assert().success();
}

// Over 80 lines: each way a sync can fail, set up and checked against one snapshot of the dir.
#[test]
fn a_failed_sync_leaves_the_data_dir_exactly_as_it_was() {
    let m = machines();
    let remote = m.remote.to_str().unwrap();
    on(&m.laptop)
        .args(["add", "priority", "First"])
        .assert()
        .success();
    on(&m.laptop)
        .args(["sync", "init", remote])
        .assert()
        .success();
    on(&m.laptop)
        .args(["add", "priority", "Offline change"])
        .assert()
        .success();
    let state = |dir: &Path| {
        (
            text(dir),
            git(dir, &["rev-parse", "HEAD"]).stdout,
            git(dir, &["status", "--porcelain"]).stdout,
        )
    };
    let before = state(&m.laptop);
    // Unreachable remote.
    assert!(
        git(
            &m.laptop,
            &["remote", "set-url", "origin", "/nonexistent/remote.git"]
        )
        .status
        .success()
    );
    on(&m.laptop)
        .arg("sync")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot reach the remote"))
        .stderr(predicate::str::contains("nothing was changed"));
    assert_eq!(state(&m.laptop), before);
    // A remote that refuses the push (a hook): undone, with the remote's words.
    assert!(
        git(&m.laptop, &["remote", "set-url", "origin", remote])
            .status
            .success()
    );
    let hook = m.remote.join("hooks/pre-receive");
    fs::write(&hook, "#!/bin/sh\necho refused by policy >&2\nexit 1\n").unwrap();
    fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    on(&m.laptop)
        .arg("sync")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("could not push"))
        .stderr(predicate::str::contains("refused by policy"));
    assert_eq!(state(&m.laptop), before);
    fs::remove_file(&hook).unwrap();
    // The remote moves between our fetch and our push (another machine pushed):
    // git on PATH is wrapped to push from a second clone just before our first
    // push. Rejected, fetched, merged, pushed again.
    let other = m.remote.with_file_name("other");
    assert!(
        git(
            m.remote.parent().unwrap(),
            &["clone", "-q", "-b", "main", remote, other.to_str().unwrap()]
        )
        .status
        .success()
    );
    let wrap = tempfile::tempdir().unwrap();
    let real = String::from_utf8(
        StdCommand::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    fs::write(
        wrap.path().join("git"),
        format!(
            "#!/bin/sh\ncase \" $* \" in *\" push \"*) if [ ! -e {mark} ]; then touch {mark}; \
             {real} -C {other} -c user.name=o -c user.email=o@o commit -q --allow-empty -m moved && \
             {real} -C {other} push -q; fi;; esac\nexec {real} \"$@\"\n",
            mark = wrap.path().join("pushed-once").display(),
            real = real.trim(),
            other = other.display(),
        ),
    )
    .unwrap();
    fs::set_permissions(
        wrap.path().join("git"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let path = format!(
        "{}:{}",
        wrap.path().display(),
        std::env::var("PATH").unwrap()
    );
    on(&m.laptop)
        .env("PATH", &path)
        .arg("sync")
        .assert()
        .success();
    assert!(
        wrap.path().join("pushed-once").exists(),
        "the race was staged"
    );
    let log = git(&m.laptop, &["log", "--format=%s", "origin/main"]);
    let log = String::from_utf8_lossy(&log.stdout);
    assert!(
        log.contains("moved") && log.contains("lane: merge from origin"),
        "{log}"
    );
    on(&m.desktop)
        .args(["sync", "init", remote])
        .assert()
        .success();
    assert_eq!(titles(&m.desktop), ["First", "Offline change"]);
    // A second sync while one runs waits for nothing and touches nothing.
    let held = fs::File::create(m.laptop.join(".git/lane-sync.lock")).unwrap();
    held.lock().unwrap();
    on(&m.laptop)
        .arg("sync")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("another lane sync is running"));
    drop(held);
    // Without git at all: a clear message, nothing touched.
    let empty = tempfile::tempdir().unwrap();
    let before = state(&m.laptop);
    on(&m.laptop)
        .env("PATH", empty.path())
        .arg("sync")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("lane sync needs git"));
    assert_eq!(state(&m.laptop), before);
    // An init that cannot reach its remote takes back all it made.
    let fresh = m.laptop.with_file_name("fresh");
    on(&fresh)
        .args(["sync", "init", "/nonexistent/remote.git"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("was left as it was"));
    assert!(!fresh.exists());
    // Sync before init says what to do.
    let plain = tempfile::tempdir().unwrap();
    on(plain.path())
        .arg("sync")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("lane sync init REMOTE"));
}

// Over 80 lines: a user's repository set up by hand, adopted, then every part of it checked.
#[test]
fn an_adopted_repository_keeps_its_origin_its_branch_and_everything_else_the_user_staged() {
    let m = machines();
    let remote = m.remote.to_str().unwrap();
    // The laptop's data dir is already the user's repository, on `master`, with
    // other files; the desktop starts fresh (lane's `main`).
    fs::create_dir_all(&m.laptop).unwrap();
    assert!(
        git(&m.laptop, &["init", "-q", "-b", "master"])
            .status
            .success()
    );
    git(&m.laptop, &["config", "user.name", "Me"]);
    git(&m.laptop, &["config", "user.email", "me@example.com"]);
    fs::write(m.laptop.join("notes.md"), "v1\n").unwrap();
    fs::write(m.laptop.join(".gitattributes"), "*.bin binary\n").unwrap();
    assert!(git(&m.laptop, &["add", "."]).status.success());
    assert!(git(&m.laptop, &["commit", "-qm", "mine"]).status.success());
    on(&m.laptop)
        .args(["add", "priority", "From the laptop"])
        .assert()
        .success();
    // An init against another remote than the repository's own origin changes nothing.
    assert!(
        git(
            &m.laptop,
            &["remote", "add", "origin", "/somewhere/else.git"]
        )
        .status
        .success()
    );
    on(&m.laptop)
        .args(["sync", "init", remote])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("origin is /somewhere/else.git"));
    assert_eq!(
        fs::read_to_string(m.laptop.join(".gitattributes")).unwrap(),
        "*.bin binary\n"
    );
    assert!(
        git(&m.laptop, &["remote", "set-url", "origin", remote])
            .status
            .success()
    );
    // The user has a change staged in another file: lane commits only its own.
    fs::write(m.laptop.join("notes.md"), "v2\n").unwrap();
    assert!(git(&m.laptop, &["add", "notes.md"]).status.success());
    on(&m.laptop)
        .args(["sync", "init", remote])
        .assert()
        .success();
    let shown = git(&m.laptop, &["show", "--stat", "--format=%s", "HEAD"]);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.contains("lane.toml") && !shown.contains("notes.md"),
        "{shown}"
    );
    let status = git(&m.laptop, &["status", "--porcelain", "notes.md"]);
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        "M  notes.md\n",
        "still staged"
    );
    assert_eq!(
        fs::read_to_string(m.laptop.join(".gitattributes"))
            .unwrap()
            .lines()
            .next(),
        Some("*.bin binary")
    );
    assert!(git(&m.laptop, &["commit", "-qm", "notes"]).status.success());
    // The desktop finds the laptop's data on `master` (the remote's default).
    on(&m.desktop)
        .args(["add", "priority", "From the desktop"])
        .assert()
        .success();
    on(&m.desktop)
        .args(["sync", "init", remote])
        .assert()
        .success();
    assert_eq!(titles(&m.desktop), ["From the desktop", "From the laptop"]);
    on(&m.laptop).arg("sync").assert().success();
    assert_eq!(titles(&m.laptop), ["From the desktop", "From the laptop"]);
    // What git wrote while merging is as private as what lane writes.
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(m.desktop.join("lane.toml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "{mode:o}");
    // A detached HEAD is refused, not synced to a new branch.
    assert!(
        git(&m.laptop, &["checkout", "-q", "--detach"])
            .status
            .success()
    );
    on(&m.laptop)
        .arg("sync")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("HEAD is detached"));
    // A symlinked lane.toml would sync the link, not the data: refused.
    let linked = m.laptop.with_file_name("linked");
    fs::create_dir(&linked).unwrap();
    std::os::unix::fs::symlink(m.laptop.join("lane.toml"), linked.join("lane.toml")).unwrap();
    on(&linked)
        .args(["sync", "init", remote])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a symlink"));
    assert!(!linked.join(".git").exists());
}

/// Both machines added priority 2: after the sync one of them is 3, and the
/// machine whose item moved says so — `lane done priority 2` would otherwise
/// close the other machine's item without a word.
#[test]
fn a_sync_that_renumbers_says_which_ids_changed() {
    let m = joined("Ship billing");
    on(&m.laptop)
        .args(["add", "priority", "From the laptop"])
        .assert()
        .success();
    on(&m.laptop).arg("sync").assert().success();
    on(&m.desktop)
        .args(["add", "priority", "From the desktop"])
        .assert()
        .success();
    on(&m.desktop)
        .arg("sync")
        .assert()
        .success()
        .stdout(predicate::str::contains("your priority 2 is now 3"));
    let list = crate::common::json(&m.desktop, &["list", "--json"]);
    let id_of = |title: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|p| p["title"] == title)
            .unwrap()["id"]
            .clone()
    };
    assert_eq!(id_of("From the laptop"), 2);
    assert_eq!(id_of("From the desktop"), 3);
}

/// A conflict says which machine wrote each value and when they met, and
/// settling it says the value the item has now.
#[test]
fn a_conflict_names_the_machines_whose_values_met() {
    let m = joined("Ship billing");
    let named = |dir: &Path, host: &str| {
        let mut cmd = on(dir);
        cmd.env("LANE_HOST", host);
        cmd
    };
    named(&m.laptop, "laptop").args(["sync"]).assert().success();
    named(&m.desktop, "desktop")
        .args(["sync"])
        .assert()
        .success();
    named(&m.laptop, "laptop")
        .args(["modify", "priority", "1", "title=Ship billing v2"])
        .assert()
        .success();
    named(&m.desktop, "desktop")
        .args(["modify", "priority", "1", "title=Ship billing v3"])
        .assert()
        .success();
    named(&m.laptop, "laptop").args(["sync"]).assert().success();
    named(&m.desktop, "desktop")
        .args(["sync"])
        .assert()
        .success();
    let out = named(&m.desktop, "desktop")
        .arg("conflicts")
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("priority 1 title: desktop wrote “Ship billing v3” (kept), laptop wrote “Ship billing v2” — met at the sync of"),
        "{text}"
    );
    named(&m.desktop, "desktop")
        .args(["conflicts", "take", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "priority 1 title is now “Ship billing v2”",
        ));
}
