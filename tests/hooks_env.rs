//! What a hook is given besides the change: each `on_change` document ends with
//! a newline (the docs' `cat >> ~/lane-changes.jsonl` is valid JSON Lines), and
//! its environment names the data dir and the hook API's version.

use std::fs;

use crate::common::lane;

#[test]
fn on_change_appends_json_lines_and_knows_its_dir_and_api() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    let log = dir.path().join("changes.jsonl");
    let env = dir.path().join("env");
    fs::write(
        config.join("config.toml"),
        format!(
            "[hooks]\non_change = \"env | grep '^LANE_' | sort > {}; cat >> {}\"\n",
            env.display(),
            log.display()
        ),
    )
    .unwrap();
    for title in ["Ship billing", "Hire a designer"] {
        lane(&dir)
            .args(["add", "priority", title])
            .assert()
            .success();
    }
    lane(&dir)
        .args(["done", "priority", "1"])
        .assert()
        .success();
    let text = fs::read_to_string(&log).unwrap();
    assert!(text.ends_with('\n'), "{text}");
    let docs: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let operations: Vec<&str> = docs
        .iter()
        .map(|d| d["operation"].as_str().unwrap())
        .collect();
    assert_eq!(operations, ["add", "add", "done"]);
    let env = fs::read_to_string(&env).unwrap();
    let dir_line = format!("LANE_DIR={}\n", dir.path().display());
    assert!(env.contains(&dir_line), "{env}");
    assert!(env.contains("LANE_HOOK=on_change\n"), "{env}");
    assert!(env.contains("LANE_HOOK_API=1\n"), "{env}");
}
