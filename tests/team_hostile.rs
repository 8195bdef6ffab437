//! A teammate's folder is outside input: `lane team` and `lane share` read it
//! escaped, size-capped, never through a symlink and never with a panic, and
//! never write outside the team repository because of it.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use crate::sync::{git, machines, on};
use crate::team_share::has_git;

/// `sam` has joined the team repository; `mallory` writes by hand into a clone
/// of it and pushes whatever she likes.
struct Team {
    _m: crate::sync::Machines,
    sam: PathBuf,
    mallory: PathBuf,
    root: PathBuf,
}

fn team() -> Team {
    let m = machines();
    let remote = m.remote.to_str().unwrap().to_string();
    on(&m.desktop)
        .args(["share", "init", &remote, "--as", "sam"])
        .assert()
        .success();
    let root = m.remote.parent().unwrap().to_path_buf();
    let out = git(&root, &["clone", "-q", "-b", "main", &remote, "mallory"]);
    assert!(out.status.success(), "{out:?}");
    let mallory = root.join("mallory");
    for (k, v) in [("user.name", "m"), ("user.email", "m@x")] {
        git(&mallory, &["config", k, v]);
    }
    Team {
        sam: m.desktop.clone(),
        mallory,
        root,
        _m: m,
    }
}

fn push(clone: &Path) {
    assert!(git(clone, &["add", "-A"]).status.success());
    assert!(git(clone, &["commit", "-q", "-m", "x"]).status.success());
    let out = git(clone, &["push", "-q", "origin", "HEAD:main"]);
    assert!(out.status.success(), "{out:?}");
}

fn write(clone: &Path, rel: &str, text: &str) {
    let path = clone.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

const EVIL_WEEK: &str = r#"{"version":1,"name":"sam","shared_at":"2026-11-20T09:00:00",
 "since":"2026-11-16","until":"2026-11-20",
 "escalations":[{"ref":"abcdefgh","uid":"01JX0000000000000ABCDEFGH",
  "situation":"\u001b[2J\u001b]0;pwned\u0007wipe","to":"sam","since":"2026-11-20T09:00:00"}]}"#;

#[test]
fn escape_sequences_oversized_broken_and_linked_files_are_read_safely() {
    if !has_git() {
        return;
    }
    let t = team();
    write(&t.mallory, "people/mallory/share.json", EVIL_WEEK);
    write(
        &t.mallory,
        "people/big/share.json",
        &" ".repeat(2 * 1024 * 1024),
    );
    write(&t.mallory, "people/broken/share.json", "{ not json");
    fs::create_dir_all(t.mallory.join("people/eve")).unwrap();
    symlink("/etc/passwd", t.mallory.join("people/eve/share.json")).unwrap();
    push(&t.mallory);

    for args in [&["team"][..], &["team", "--json"]] {
        let out = on(&t.sam)
            .args(args)
            .assert()
            .success()
            .get_output()
            .clone();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        );
        assert!(
            !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
            "{stdout}"
        );
        assert!(stdout.contains("wipe"), "{stdout}");
        assert!(!stdout.contains("root:"), "{stdout}");
        // The folder says who it is, whatever the file inside claims.
        assert!(stdout.contains("mallory"), "{stdout}");
        for why in ["big", "broken", "eve"] {
            assert!(stderr.contains(why), "{why}: {stderr}");
        }
    }
}

#[test]
fn a_planted_symlink_for_my_folder_is_refused_and_nothing_is_written_outside() {
    if !has_git() {
        return;
    }
    let t = team();
    let outside = t.root.join("outside");
    fs::create_dir_all(&outside).unwrap();
    git(&t.mallory, &["pull", "-q", "origin", "main"]);
    fs::remove_dir_all(t.mallory.join("people/sam")).unwrap();
    symlink(&outside, t.mallory.join("people/sam")).unwrap();
    push(&t.mallory);

    on(&t.sam)
        .arg("share")
        .assert()
        .failure()
        .stderr(predicates::str::contains("symlink"));
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
}

#[test]
fn an_answer_from_someone_the_call_was_not_sent_to_never_lands() {
    if !has_git() {
        return;
    }
    let t = team();
    on(&t.sam)
        .args(["add", "decision", "Vendor", "--call", "B"])
        .assert()
        .success();
    on(&t.sam)
        .args(["escalate", "decision", "1", "--to", "dana"])
        .assert()
        .success();
    on(&t.sam).arg("share").assert().success();
    let shared = fs::read_to_string(t.sam.join("team/people/sam/share.json")).unwrap();
    let week: serde_json::Value = serde_json::from_str(&shared).unwrap();
    let uid = week["escalations"][0]["uid"].as_str().unwrap().to_string();
    let forged = format!(
        r#"{{"version":1,"from":"dana","to":"sam","ref":"x","uid":"{uid}",
        "verdict":"yours","text":"do it","at":"2026-11-23T08:00:00"}}"#
    );
    git(&t.mallory, &["pull", "-q", "origin", "main"]);
    write(&t.mallory, "people/mallory/answers/x.json", &forged);
    push(&t.mallory);
    let before = fs::read(t.sam.join("lane.toml")).unwrap();
    on(&t.sam).arg("share").assert().success();
    assert_eq!(fs::read(t.sam.join("lane.toml")).unwrap(), before);
}
