//! `lane check`, the config and the keymap on the command line: what is
//! checked, where a mistake is and what to write instead, themes and colours,
//! and the boundaries the triage reads from the config.

use std::fs;

use predicates::prelude::*;

use crate::cli::data;
use crate::common::{json, lane};

#[test]
fn check_passes_on_an_empty_and_a_filled_dir() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("no data yet"));
    lane(&dir)
        .args(["add", "priority", "Ship billing v2"])
        .assert()
        .success();
    lane(&dir)
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 priorities"));
}

#[test]
fn check_reports_the_place_of_an_error_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "version = 1\n\n[[priorities]]\nid = 1\ntitle = \"x\"\nimpact = \"huge\"\n";
    fs::write(dir.path().join("lane.toml"), broken).unwrap();
    let path = dir.path().join("lane.toml");
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!(
            "{}:6:10:",
            path.display()
        )))
        .stderr(predicate::str::contains("impact = \"huge\""));
    // Writing commands refuse too, and the file stays byte-for-byte the same.
    lane(&dir).args(["add", "priority", "y"]).assert().failure();
    assert_eq!(data(&dir), broken);
}

#[test]
fn a_broken_config_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("config")).unwrap();
    fs::write(
        dir.path().join("config/config.toml"),
        "[working_hours]\nmonday = \"9-17\"\n",
    )
    .unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("[working_hours] has `monday`"));
    fs::write(dir.path().join("config/config.toml"), "").unwrap();
    fs::write(
        dir.path().join("config/keymap.toml"),
        "[list]\n\"x\" = { action = \"explode\" }\n",
    )
    .unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown action `explode`"));
}

#[test]
fn boundaries_come_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("config")).unwrap();
    fs::write(
        dir.path().join("config/config.toml"),
        "[boundaries]\nspend_limit = 20000\nescalate_topics = [\"pricing\"]\nescalate_irreversible_risk = \"none\"\n",
    )
    .unwrap();
    lane(&dir)
        .args([
            "add",
            "decision",
            "x",
            "--cost",
            "12000",
            "--topic",
            "hiring",
            "--irreversible",
            "--risk",
            "high",
        ])
        .assert()
        .success();
    let list = json(&dir, &["list", "decisions", "--json"]);
    assert_eq!(list[0]["triage"], "decide");
    fs::write(
        dir.path().join("config/config.toml"),
        "[boundaries]\nescalate_irreversible_risk = \"extreme\"\n",
    )
    .unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("escalate_irreversible_risk"));
}

#[test]
fn config_and_keymap_mistakes_say_where_and_suggest() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config");
    fs::create_dir(&cfg).unwrap();
    let cases: [(&str, &str, &str); 5] = [
        (
            "config.toml",
            "silnce_days = 4\n",
            "config.toml:1:1: unknown field `silnce_days`",
        ),
        (
            "config.toml",
            "silnce_days = 4\n",
            "did you mean `silence_days`?",
        ),
        (
            "config.toml",
            "[boundaries]\nspend_limit = \"lots\"\n",
            "config.toml:2:15: invalid type",
        ),
        (
            "keymap.toml",
            "[list]\n\"x\" = { action = \"delete\" }\n\"x\" = { action = \"add\" }\n",
            "keymap.toml:3:1: duplicate key",
        ),
        (
            "keymap.toml",
            "[lists]\n\"x\" = { action = \"delete\" }\n",
            "unknown context [lists]",
        ),
    ];
    for (file, text, message) in cases {
        let _ = fs::remove_file(cfg.join("config.toml"));
        let _ = fs::remove_file(cfg.join("keymap.toml"));
        fs::write(cfg.join(file), text).unwrap();
        lane(&dir)
            .arg("check")
            .assert()
            .failure()
            .stderr(predicate::str::contains(message));
    }
    // A valid override is taken, and the app's help would show it.
    let _ = fs::remove_file(cfg.join("config.toml"));
    fs::write(
        cfg.join("keymap.toml"),
        "[list]\n\"x\" = { action = \"delete\", desc = \"delete it\" }\n",
    )
    .unwrap();
    lane(&dir).arg("check").assert().success();
}

#[test]
fn themes_and_colours_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config");
    fs::create_dir(&cfg).unwrap();
    for (text, ok) in [
        ("theme = \"light\"\n", None),
        (
            "theme = \"mono\"\n[colors]\naccent = \"#5fafff\"\ndeep = \"magenta\"\n",
            None,
        ),
        (
            "theme = \"neon\"\n",
            Some("theme `neon` is not one of dark, light, high-contrast, mono"),
        ),
        (
            "[colors]\naccent = \"sparkly\"\n",
            Some("[colors] accent: `sparkly` is not a colour"),
        ),
        (
            "[colors]\nsidebar = \"red\"\n",
            Some("`sidebar` is not a colour name lane uses"),
        ),
    ] {
        fs::write(cfg.join("config.toml"), text).unwrap();
        match ok {
            None => {
                lane(&dir).arg("check").assert().success();
            }
            Some(message) => {
                lane(&dir)
                    .arg("check")
                    .assert()
                    .failure()
                    .stderr(predicate::str::contains(message));
            }
        }
    }
}
