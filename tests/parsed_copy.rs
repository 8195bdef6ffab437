//! `lane.cache.json`, what lane.toml parses to, left by the lane that wrote
//! it: never believed for another text, harmless whatever is in its place,
//! and never written by a read.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use crate::common::{lane, out};

const CACHE: &str = "lane.cache.json";

fn titles(dir: &Path) -> String {
    out(dir, &["list", "priorities"])
}

fn add(dir: &Path, title: &str) {
    lane(dir)
        .args(["add", "priority", title])
        .assert()
        .success();
}

#[test]
fn a_write_leaves_the_copy_and_a_hand_edit_of_the_same_length_is_read_not_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    add(dir.path(), "first");
    add(dir.path(), "second");
    assert!(dir.path().join(CACHE).exists(), "every write leaves it");
    assert!(titles(dir.path()).contains("second"));
    // The same length, the file's times put back: only the content says.
    let path = dir.path().join("lane.toml");
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("second", "edited");
    fs::write(&path, text).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let shown = titles(dir.path());
    assert!(
        shown.contains("edited") && !shown.contains("second"),
        "{shown}"
    );
    // The next write starts from the edit, and leaves a copy of it.
    add(dir.path(), "third");
    let shown = titles(dir.path());
    assert!(
        shown.contains("edited") && shown.contains("third"),
        "{shown}"
    );
}

#[test]
fn a_read_never_writes_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    add(dir.path(), "first");
    fs::remove_file(dir.path().join(CACHE)).unwrap();
    titles(dir.path());
    lane(dir.path()).arg("check").assert().success();
    assert!(!dir.path().join(CACHE).exists(), "looking never writes");
}

/// What is put in the copy's place, and how.
type Place<'a> = (&'a str, Box<dyn Fn() + 'a>);

#[test]
fn whatever_is_in_the_copys_place_is_read_as_no_copy_and_replaced_by_a_write() {
    let dir = tempfile::tempdir().unwrap();
    add(dir.path(), "first");
    let cache = dir.path().join(CACHE);
    let good = fs::read(&cache).unwrap();
    let elsewhere = dir.path().join("someone-elses");
    fs::write(&elsewhere, "not lane's").unwrap();
    let places: [Place; 4] = [
        (
            "torn",
            Box::new(|| fs::write(&cache, &good[..good.len() / 2]).unwrap()),
        ),
        (
            "the copy of an earlier text (a backup put back)",
            Box::new(|| fs::write(&cache, &good).unwrap()),
        ),
        (
            "a symlink",
            Box::new(|| symlink(&elsewhere, &cache).unwrap()),
        ),
        ("a directory", Box::new(|| fs::create_dir(&cache).unwrap())),
    ];
    for (n, (what, put)) in places.iter().enumerate() {
        if cache.is_dir() {
            fs::remove_dir(&cache).unwrap();
        } else {
            let _ = fs::remove_file(&cache);
        }
        put();
        let shown = titles(dir.path());
        assert!(shown.contains("first"), "{what}: {shown}");
        let title = format!("after {n}");
        add(dir.path(), &title);
        assert!(titles(dir.path()).contains(&title), "{what}");
        assert_eq!(
            fs::read_to_string(&elsewhere).unwrap(),
            "not lane's",
            "{what}"
        );
    }
    // A directory in its place is left; every other place holds lane's copy.
    assert!(cache.is_dir());
}
