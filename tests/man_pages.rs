//! The man pages: lane(1) has FILES, ENVIRONMENT and EXAMPLES, every
//! lane-COMMAND(1) it points to exists (`lane man COMMAND`, `lane man --all
//! DIR`), and `man` renders each without a warning where the locale is C.

use std::fs;
use std::process::Command;

use crate::common::lane;

#[test]
fn every_page_lane_1_names_exists_and_renders_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let main = lane(&dir).arg("man").output().unwrap();
    let main = String::from_utf8(main.stdout).unwrap();
    for section in [".SH FILES", ".SH ENVIRONMENT", ".SH EXAMPLES"] {
        assert!(main.contains(section), "{section}");
    }
    let pages = dir.path().join("man1");
    lane(&dir)
        .args(["man", "--all"])
        .arg(&pages)
        .assert()
        .success();
    let named: Vec<&str> = main
        .lines()
        .filter_map(|l| l.strip_prefix("lane\\-")?.strip_suffix("(1)"))
        .collect();
    assert!(named.len() > 30, "{named:?}");
    for name in &named {
        let file = pages.join(format!("lane-{name}.1"));
        let text = fs::read_to_string(&file).unwrap_or_else(|_| panic!("no {}", file.display()));
        assert!(
            text.contains(&format!("lane\\-{name} \\-")),
            "{name}: its NAME"
        );
        let alone = lane(&dir).args(["man", name]).output().unwrap();
        assert_eq!(String::from_utf8(alone.stdout).unwrap(), text, "{name}");
    }
    lane(&dir).args(["man", "no-such-command"]).assert().code(2);
    if Command::new("man").arg("--version").output().is_err() {
        println!("skipped rendering: man is not installed here");
        return;
    }
    for entry in fs::read_dir(&pages).unwrap() {
        let path = entry.unwrap().path();
        let out = Command::new("man")
            .arg("-l")
            .arg(&path)
            .env("LC_ALL", "C")
            .env("MANWIDTH", "80")
            .env("MANPAGER", "cat")
            .output()
            .unwrap();
        let warnings = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && warnings.is_empty(),
            "{}: {warnings}",
            path.display()
        );
    }
}
