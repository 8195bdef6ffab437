//! Every command takes an item kind in the singular and in the plural alike:
//! `lane list priority` and `lane add priorities …` do what they say.

use crate::common::lane;

#[test]
fn singular_and_plural_kind_names_are_both_taken_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["add", "priorities", "Ship billing"][..],
        &["add", "priority", "Hire"],
        &["add", "blockers", "staging DB access"],
        &["add", "decisions", "Retry policy", "--call", "3 retries"],
        &["add", "blocks", "9-10 spec"],
        &["list", "priority"],
        &["list", "priorities"],
        &["list", "blocker"],
        &["list", "block"],
        &["list", "decision"],
        &["list", "review"],
        &["modify", "priorities", "1", "title=Ship billing v2"],
        &["show", "priorities", "1"],
        &["show", "blocker", "1"],
        &["done", "priorities", "2"],
        &["done", "blockers", "1"],
        &["delete", "decisions", "1"],
    ] {
        lane(&dir).args(args).assert().success();
    }
    let out = lane(&dir).args(["list", "priority"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Ship billing v2"), "{text}");
    assert!(!text.contains("Hire"), "done stays out: {text}");
}
