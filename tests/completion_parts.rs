//! Completion of a priority's parts, through the real bash: key results and
//! milestones of the priority typed (`lane done milestone 3 <TAB>`), and the
//! priorities where a part's priority goes (`lane add milestone <TAB>`,
//! `lane delete kr <TAB>` offers those that have key results).

use std::fs;
use std::process::Command;

use crate::common::lane;

const DATA: &str = r#"version = 1

[[priorities]]
id = 3
uid = "p3"
title = "billing v2"

[[priorities.milestones]]
id = 1
title = "spec signed"

[[priorities.milestones]]
id = 2
title = "invoice PDF"
done = "2026-11-20"

[[priorities.key_results]]
id = 1
name = "invoices paid on time"
baseline = 60.0
target = 95.0

[[priorities]]
id = 5
uid = "p5"
title = "hire a designer"
"#;

#[test]
fn bash_offers_a_prioritys_milestones_and_key_results() {
    if Command::new("bash").arg("--version").output().is_err() {
        println!("skipped: bash is not installed here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("lane.toml"), DATA).unwrap();
    let script = dir.path().join("lane.bash");
    let out = lane(&dir).args(["completions", "bash"]).output().unwrap();
    fs::write(&script, out.stdout).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("lane");
    let run = |words: &str| {
        let count = words.split(' ').count() - 1;
        let test = format!(
            "source '{}'\n\
             lane() {{ '{}' --config-dir '{}' \"$@\"; }}\n\
             COMP_WORDS=({words}); COMP_CWORD={count}; _lane_ids\n\
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
        run(&format!("lane --dir {d} done milestone 3 ''")),
        "[1  spec signed]\n[2  invoice PDF (delivered)]\n"
    );
    assert_eq!(
        run(&format!("lane --dir {d} modify kr 3 ''")),
        "[1]\n",
        "one key result: its number alone"
    );
    // Where the priority goes: those with key results for `kr`, all open ones
    // for a milestone.
    assert_eq!(run(&format!("lane --dir {d} delete kr ''")), "[3]\n");
    assert_eq!(
        run(&format!("lane --dir {d} add milestone ''")),
        "[3  billing v2]\n[5  hire a designer]\n"
    );
    // `add priority` takes a title: nothing of lane's is offered.
    assert!(!run(&format!("lane --dir {d} add priority ''")).contains("billing"));
}
