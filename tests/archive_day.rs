//! A past day's blocks come from the archive index's byte ranges of the year
//! file — and stay right when the year file is edited by hand (in lane's
//! layout or not), cut short, or its index deleted: what is listed is always
//! what the year file holds now, as a whole read (`lane export json`) has it.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{history, lane, out};

/// What a block is, as both listings give it.
fn summary(b: &Value) -> String {
    format!(
        "{} {} {}-{} {} {}",
        b["id"], b["date"], b["start"], b["end"], b["title"], b["done"]
    )
}

/// The blocks of `day` as a whole read of everything has them.
fn truth(dir: &Path, day: &str) -> Vec<String> {
    let all: Value = serde_json::from_str(&out(dir, &["export", "json"])).unwrap();
    let mut blocks: Vec<String> = all["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["date"] == day)
        .map(summary)
        .collect();
    blocks.sort();
    blocks
}

/// The blocks of `day` as the past day's listing shows them.
fn listed(dir: &Path, day: &str) -> Vec<String> {
    let args = ["list", "blocks", "--all", "--json", "--date", day];
    let listed: Value = serde_json::from_str(&out(dir, &args)).unwrap();
    let mut blocks: Vec<String> = listed.as_array().unwrap().iter().map(summary).collect();
    blocks.sort();
    blocks
}

/// A working day two years back, its year file, and its first block's id.
fn a_day_two_years_back(dir: &Path) -> (String, PathBuf, u64) {
    let all: Value = serde_json::from_str(&out(dir, &["export", "json"])).unwrap();
    let blocks = all["blocks"].as_array().unwrap();
    let mut dated: Vec<(&str, u64)> = blocks
        .iter()
        .map(|b| (b["date"].as_str().unwrap(), b["id"].as_u64().unwrap()))
        .filter(|(d, _)| *d >= "2024-12-09")
        .collect();
    dated.sort();
    let (day, id) = dated[0];
    let year = dir.join(format!("archive/{}.toml", &day[..4]));
    assert!(year.exists(), "{}", year.display());
    (day.to_string(), year, id)
}

/// `text` with block `id`'s title made `title`.
fn retitled(text: &str, id: u64, title: &str) -> String {
    let at = text.find(&format!("[[blocks]]\nid = {id}\n")).unwrap();
    let line = at + text[at..].find("\ntitle = \"").unwrap() + 1;
    let end = line + text[line..].find('\n').unwrap();
    format!("{}title = \"{title}\"{}", &text[..line], &text[end..])
}

#[test]
fn a_past_day_is_shown_right_after_its_year_file_was_edited_by_hand() {
    let dir = history();
    let d = dir.path();
    let (day, year, id) = a_day_two_years_back(d);
    let before = listed(d, &day);
    assert!(!before.is_empty());
    assert_eq!(before, truth(d, &day));
    let text = fs::read_to_string(&year).unwrap();
    // Retitled longer in lane's own layout: every range after it moves.
    let edited = retitled(&text, id, "a much longer title, renamed by hand");
    fs::write(&year, &edited).unwrap();
    let shown = listed(d, &day);
    assert_eq!(shown, truth(d, &day));
    assert_ne!(shown, before);
    assert!(
        shown.iter().any(|b| b.contains("renamed by hand")),
        "{shown:?}"
    );
    let block = out(d, &["show", "block", &id.to_string()]);
    assert!(block.contains("renamed by hand"), "{block}");
    // Then in a layout of the user's own: a comment, spaces around an `=`.
    let own = retitled(&edited, id, "renamed again")
        .replacen("version = 1\n", "version = 1\n# mine\n", 1)
        .replacen(&format!("\nid = {id}\n"), &format!("\nid  =  {id}\n"), 1);
    fs::write(&year, own).unwrap();
    let shown = listed(d, &day);
    assert_eq!(shown, truth(d, &day));
    assert!(
        shown.iter().any(|b| b.contains("renamed again")),
        "{shown:?}"
    );
    let block = out(d, &["show", "block", &id.to_string()]);
    assert!(block.contains("renamed again"), "{block}");
}

#[test]
fn a_past_day_is_shown_right_after_its_year_file_was_cut_short() {
    let dir = history();
    let d = dir.path();
    let (day, year, id) = a_day_two_years_back(d);
    let text = fs::read_to_string(&year).unwrap();
    let before = listed(d, &day);
    // Cut at an item's start after the day: what is left is whole TOML.
    let last = text.rfind("\n[[reviews]]").unwrap();
    fs::write(&year, &text[..last]).unwrap();
    assert_eq!(listed(d, &day), truth(d, &day));
    assert_eq!(listed(d, &day), before);
    // Cut inside the day's first block: an error naming the file, never the
    // day in part.
    let at = text.find(&format!("[[blocks]]\nid = {id}\n")).unwrap();
    fs::write(&year, &text[..at + 30]).unwrap();
    let o = lane(d)
        .args(["list", "blocks", "--all", "--date", &day])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        o.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&year.file_name().unwrap().to_string_lossy().to_string()),
        "{err}"
    );
    // Made whole again: the day as before.
    fs::write(&year, &text).unwrap();
    assert_eq!(listed(d, &day), before);
}

#[test]
fn a_past_day_is_shown_right_after_its_index_was_deleted() {
    let dir = history();
    let d = dir.path();
    let (day, year, _) = a_day_two_years_back(d);
    let before = listed(d, &day);
    let index = year.with_extension("index");
    let written = fs::read_to_string(&index).unwrap();
    assert!(
        written.starts_with("lane archive index 2\n"),
        "{written:.80}"
    );
    fs::remove_file(&index).unwrap();
    assert_eq!(listed(d, &day), before);
    assert_eq!(listed(d, &day), truth(d, &day));
    let made = fs::read_to_string(&index).unwrap();
    assert_eq!(
        made.lines().skip(2).collect::<Vec<_>>(),
        written.lines().skip(2).collect::<Vec<_>>(),
        "made again alike"
    );
}
