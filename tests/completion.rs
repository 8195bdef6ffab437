//! Shell completion offers item ids with their titles: the hidden
//! `lane complete ids KIND` and the scripts that call it.

use std::fs;
use std::process::Command;

use crate::common::lane;

const DATA: &str = r#"version = 1

[[priorities]]
id = 3
uid = "p3"
title = "billing v2"

[[priorities]]
id = 4
uid = "p4"
title = "closed one"
status = "done"

[[priorities]]
id = 7
uid = "p7"
title = "evil \u001b]52;c;aGk=\u0007 title\twith a tab"

[[blocks]]
id = 1
uid = "b1"
date = "2026-11-01"
start = "09:00"
end = "10:00"
title = "long ago"

[[blocks]]
id = 2
uid = "b2"
date = "2026-11-23"
start = "09:00"
end = "10:00"
title = "spec"
"#;

fn with_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("lane.toml"), DATA).unwrap();
    dir
}

fn ids(dir: &tempfile::TempDir, kind: &str) -> String {
    let out = lane(dir)
        .args(["complete", "ids", kind])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn ids_come_with_their_titles_open_ones_only_and_escaped() {
    let dir = with_data();
    let out = ids(&dir, "priority");
    assert_eq!(
        out,
        "3\tbilling v2\n7\tevil \\u{1b}]52;c;aGk=\\u{7} title\\u{9}with a tab\n"
    );
    assert!(
        !out.chars()
            .any(|c| c.is_control() && c != '\t' && c != '\n')
    );
    // Each line is one id and one title.
    assert!(out.lines().all(|l| l.split('\t').count() == 2));
    // Blocks from a week back on, with their day and time.
    assert_eq!(ids(&dir, "block"), "2\tspec · Mon 23 Nov 09:00\n");
    assert_eq!(ids(&dir, "milestone"), ids(&dir, "priority"));
    // An unknown kind offers nothing, quietly.
    assert_eq!(ids(&dir, "nonsense"), "");
    // The data file is only read.
    assert_eq!(
        fs::read_to_string(dir.path().join("lane.toml")).unwrap(),
        DATA
    );
}

#[test]
fn every_shells_script_asks_lane_for_the_ids() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = lane(&dir)
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let script = String::from_utf8(out).unwrap();
        assert!(script.contains("complete ids"), "{shell}");
        assert!(script.contains("modify delete show edit update"), "{shell}");
    }
    let zsh = String::from_utf8(
        lane(&dir)
            .args(["completions", "zsh"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    // clap's function falls back under another name; ours is the one autoloaded.
    assert!(zsh.contains("\n_lane_clap() {") && zsh.contains("\n_lane() {"));
    assert!(zsh.trim_end().ends_with("fi"));
}

#[test]
fn bash_offers_ids_with_titles_and_inserts_the_id_alone() {
    if Command::new("bash").arg("--version").output().is_err() {
        return;
    }
    let dir = with_data();
    let script = dir.path().join("lane.bash");
    let out = lane(&dir).args(["completions", "bash"]).output().unwrap();
    fs::write(&script, out.stdout).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("lane");
    let run = |words: &str, cword: usize| {
        let test = format!(
            "source '{}'\n\
             lane() {{ '{}' --config-dir '{}' \"$@\"; }}\n\
             COMP_WORDS=({words}); COMP_CWORD={cword}; _lane_ids\n\
             printf '[%s]\\n' \"${{COMPREPLY[@]}}\"\n",
            script.display(),
            bin.display(),
            dir.path().join("config").display(),
        );
        let out = Command::new("bash")
            .arg("-c")
            .arg(test)
            .env("LANE_NOW", crate::common::NOW)
            .env_remove("LANE_DIR")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let d = dir.path().display();
    assert_eq!(
        run(&format!("lane --dir {d} done priority ''"), 5),
        "[3  billing v2]\n[7  evil \\u{1b}]52;c;aGk=\\u{7} title\\u{9}with a tab]\n"
    );
    // One match left: the id alone goes on the command line.
    assert_eq!(
        run(&format!("lane --dir {d} modify priority 7"), 5),
        "[7]\n"
    );
    assert_eq!(run(&format!("lane --dir {d} show block ''"), 5), "[2]\n");
}
