//! The archive's index (`archive/YYYY.index`): `lane show` finds archived
//! items through it, a past day's blocks read only the years it names, and
//! it is a cache — deleted or broken, every output stays the same.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::{history, lane, out};

fn indexes(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = fs::read_dir(dir.join("archive"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "index"))
        .collect();
    found.sort();
    found
}

/// Everything, live and archived, read whole (no index involved).
fn everything(dir: &Path) -> Value {
    serde_json::from_str(&out(dir, &["export", "json"])).unwrap()
}

/// The first day on or after two years back that has blocks.
fn two_years_back(all: &Value) -> String {
    let mut dates: Vec<&str> = all["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["date"].as_str().unwrap())
        .filter(|d| *d >= "2024-12-07")
        .collect();
    dates.sort();
    dates[0].to_string()
}

#[test]
fn show_finds_an_archived_priority_and_says_it_is_archived() {
    let dir = history();
    let d = dir.path();
    let year = d.join("archive/2025.toml");
    let archived: toml::Value = toml::from_str(&fs::read_to_string(&year).unwrap()).unwrap();
    let first = &archived["priorities"][0];
    let id = first["id"].as_integer().unwrap().to_string();
    let title = first["title"].as_str().unwrap();
    let live = out(d, &["list", "priorities", "--json"]);
    assert!(!live.contains(title), "{title} is archived, not live");
    let shown = out(d, &["show", "priority", &id]);
    assert!(
        shown.starts_with("# archived, in archive/2025.toml\n"),
        "{shown}"
    );
    assert!(shown.contains(&format!("title = \"{title}\"")), "{shown}");
    let json: Value = serde_json::from_str(&out(d, &["show", "priority", &id, "--json"])).unwrap();
    assert_eq!(json["archived"], "archive/2025.toml");
    assert_eq!(json["title"], title);
    // An id nowhere is still refused, with nothing changed.
    lane(d)
        .args(["show", "priority", "99999"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("there is no priority 99999"));
}

#[test]
fn a_day_two_years_back_lists_the_blocks_it_had() {
    let dir = history();
    let d = dir.path();
    let all = everything(d);
    let day = two_years_back(&all);
    let mut expected: Vec<u64> = all["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["date"] == day.as_str())
        .map(|b| b["id"].as_u64().unwrap())
        .collect();
    expected.sort();
    assert!(!expected.is_empty());
    let listed: Value = serde_json::from_str(&out(
        d,
        &["list", "blocks", "--all", "--json", "--date", &day],
    ))
    .unwrap();
    let mut ids: Vec<u64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_u64().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, expected);
    // Its week holds the blocks of its seven days.
    let week = out(d, &["list", "blocks", "--all", "--week", "--date", &day]);
    assert!(week.lines().count() >= expected.len(), "{week}");
}

#[test]
fn without_the_index_or_with_a_broken_one_nothing_shown_changes() {
    let dir = history();
    let d = dir.path();
    let day = two_years_back(&everything(d));
    let asks: Vec<Vec<&str>> = vec![
        vec!["show", "priority", "10"],
        vec!["show", "block", "1", "--json"],
        vec!["list", "blocks", "--all", "--date", &day],
        vec!["list", "blocks", "--all", "--week", "--date", &day],
        // An empty day before the history and one after it.
        vec!["list", "blocks", "--all", "--date", "2020-01-01"],
        vec!["list", "blocks", "--all", "--date", "2030-01-01"],
        vec!["list", "priorities", "--all"],
    ];
    let before: Vec<String> = asks.iter().map(|a| out(d, a)).collect();
    let made = indexes(d);
    assert!(made.len() >= 3, "{made:?}");
    for index in &made {
        fs::remove_file(index).unwrap();
    }
    assert_eq!(asks.iter().map(|a| out(d, a)).collect::<Vec<_>>(), before);
    assert_eq!(indexes(d), made, "made again");
    for index in &made {
        fs::write(index, "stamp = \"0\"\ncheck = \"0\"\n").unwrap();
    }
    assert_eq!(asks.iter().map(|a| out(d, a)).collect::<Vec<_>>(), before);
    // And `lane check` never takes an index for a year file.
    lane(d).arg("check").assert().success();
}
