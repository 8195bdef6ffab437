//! `lane share` and `lane team` over real git: two teammates on one bare
//! repository. The first escalates a call to the second by share name; the
//! second sees it, answers with a verdict; the answer lands on the first's
//! call at their next share — and only shareable data ever leaves.

use std::fs;
use std::path::Path;
use std::process::Command as StdCommand;

use crate::sync::{git, machines, on};

/// Whether git runs here; a test that needs it says so when it does not.
pub(crate) fn has_git() -> bool {
    let ok = StdCommand::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        println!("skipped: git is not installed");
    }
    ok
}

fn decisions(dir: &Path) -> Vec<serde_json::Value> {
    let out = on(dir)
        .args(["list", "decisions", "--all", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn team_json(dir: &Path) -> serde_json::Value {
    let out = on(dir)
        .args(["team", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// Every file the team repository holds, as a fresh clone of it sees them.
fn files_in(remote: &Path, root: &Path) -> Vec<String> {
    let clone = root.join("look");
    let out = git(
        root,
        &[
            "clone",
            "-q",
            "-b",
            "main",
            remote.to_str().unwrap(),
            "look",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let out = git(&clone, &["ls-tree", "-r", "--name-only", "HEAD"]);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn an_escalation_travels_to_the_teammate_and_its_answer_back() {
    if !has_git() {
        return;
    }
    let m = machines();
    let (ana, sam) = (&m.laptop, &m.desktop);
    let remote = m.remote.to_str().unwrap();
    for args in [
        &["add", "priority", "Billing v2", "--focus"][..],
        &["add", "priority", "Secret launch", "--focus", "--private"],
        &["add", "decision", "Retry policy", "--call", "3 retries"],
        &["add", "decision", "Vendor contract", "--call", "Go with B"],
        &["escalate", "decision", "2", "--to", "sam"],
    ] {
        on(ana).args(args).assert().success();
    }
    on(ana)
        .args(["share", "init", remote, "--as", "ana"])
        .assert()
        .success();
    on(sam)
        .args(["share", "init", remote, "--as", "sam"])
        .assert()
        .success();

    let team = team_json(sam);
    let waiting = team["waiting"].as_array().unwrap();
    assert_eq!(waiting.len(), 1, "{team}");
    assert_eq!(waiting[0]["from"], "ana");
    assert_eq!(waiting[0]["situation"], "Vendor contract");
    let reference = waiting[0]["ref"].as_str().unwrap().to_string();
    assert_eq!(reference.len(), 8);

    on(sam)
        .args([
            "team",
            "answer",
            "ana",
            &reference,
            "--verdict",
            "right-to-ask",
        ])
        .arg("Go with B, cap it at 12k")
        .assert()
        .success();
    assert!(team_json(sam)["waiting"].as_array().unwrap().is_empty());

    on(ana).arg("share").assert().success();
    let call = decisions(ana)
        .into_iter()
        .find(|d| d["situation"] == "Vendor contract")
        .unwrap();
    assert_eq!(call["status"], "answered", "{call}");
    assert_eq!(call["answer"], "Go with B, cap it at 12k");
    assert_eq!(call["verdict"], "right-to-ask");
    assert_eq!(
        call["answered_at"], "2026-11-23T08:10",
        "when Sam answered: {call}"
    );

    // Applying the same answer again changes nothing.
    let before = fs::read(ana.join("lane.toml")).unwrap();
    on(ana).arg("share").assert().success();
    assert_eq!(fs::read(ana.join("lane.toml")).unwrap(), before);

    let files = files_in(&m.remote, m.remote.parent().unwrap());
    assert!(
        files.contains(&"people/ana/share.json".to_string()),
        "{files:?}"
    );
    assert!(
        files.iter().any(|f| f.starts_with("people/sam/answers/")),
        "{files:?}"
    );
    assert!(
        !files
            .iter()
            .any(|f| f.ends_with("lane.toml") || f.contains("archive"))
    );
    let shared = fs::read_to_string(
        m.remote
            .parent()
            .unwrap()
            .join("look/people/ana/share.json"),
    )
    .unwrap();
    assert!(
        shared.contains("Billing v2") && shared.contains("Retry policy"),
        "{shared}"
    );
    assert!(!shared.contains("Secret launch"), "{shared}");
    for dir in [ana, sam] {
        on(dir).arg("check").assert().success();
    }
}
