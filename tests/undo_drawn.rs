//! An undo or redo in the app is drawn before it is saved, as every change key
//! is: the frame does not wait for the disk (nor for a `before_change` hook),
//! the save follows before the next key is read, a refusal takes it back on
//! screen, and a kill after the next key's frame loses nothing.

use std::fs;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{Session, cases, lane, wait_for_file};
use lane::store::{Access, Store};

fn titles_on_disk(dir: &Path) -> Vec<String> {
    let (_, data) = Store::open(dir, Access::Read).expect("lane.toml must parse");
    data.priorities.into_iter().map(|p| p.title).collect()
}

/// A `before_change` hook, run by `sh` with the change's JSON on stdin.
fn before_change(dir: &Path, hook: &str) {
    let config = dir.join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("config.toml"),
        format!("[hooks]\nbefore_change = {hook:?}\n"),
    )
    .unwrap();
}

/// Waits until lane.toml no longer holds `gone`.
fn wait_until_gone(dir: &Path, gone: &str) {
    let start = Instant::now();
    while titles_on_disk(dir).iter().any(|t| t == gone) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "`{gone}` never left lane.toml"
        );
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_undo_is_on_the_screen_while_its_save_still_waits() {
    let dir = tempfile::tempdir().unwrap();
    // The hook holds an undo until the test says go: meanwhile nothing of it
    // is written, so what the screen shows was drawn before the save.
    let go = dir.path().join("go");
    before_change(
        dir.path(),
        &format!(
            "grep -q '\"operation\":\"undo\"' || exit 0; while [ ! -e {} ]; do sleep 0.02; done",
            go.display()
        ),
    );
    let file = dir.path().join("lane.toml");
    let mut s = Session::start(dir.path());
    s.type_keys("aShip billing\r");
    wait_for_file(&file, "Ship billing");
    s.type_keys("u");
    s.wait_for_screen("undone:");
    // Gone from the list (the message line names what was undone).
    let screen = s.screen_text();
    let list: Vec<&str> = screen.lines().filter(|l| !l.contains("undone:")).collect();
    assert!(!list.iter().any(|l| l.contains("Ship billing")), "{screen}");
    assert!(titles_on_disk(dir.path()).contains(&"Ship billing".to_string()));
    fs::write(&go, "").unwrap();
    wait_until_gone(dir.path(), "Ship billing");
    // The undo is in the history as an undo: redo brings the item back.
    s.type_keys("\x12");
    wait_for_file(&file, "Ship billing");
    s.type_keys("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_refused_undo_shows_the_refusal_and_the_data_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    // Added before the hook was set: its undo is a change that mentions Friday.
    lane(&dir)
        .args(["add", "priority", "Friday deploy"])
        .assert()
        .success();
    before_change(
        dir.path(),
        "grep -q Friday && { echo 'no new work on Fridays'; exit 3; }; exit 0",
    );
    let bytes = |name: &str| fs::read(dir.path().join(name)).unwrap_or_default();
    let (data, history) = (bytes("lane.toml"), bytes("lane.undo.log"));
    let mut s = Session::start(dir.path());
    s.wait_for_screen("Friday deploy");
    s.type_keys("u");
    s.wait_for_screen("no new work on Fridays");
    assert!(
        s.screen_text().contains("Friday deploy"),
        "{}",
        s.screen_text()
    );
    assert_eq!(bytes("lane.toml"), data, "lane.toml changed");
    assert_eq!(bytes("lane.undo.log"), history, "an undo step was recorded");
    // Taken back on screen too: the next change saves with the item kept.
    let file = dir.path().join("lane.toml");
    s.type_keys("aInvoices\r");
    wait_for_file(&file, "Invoices");
    s.type_keys("q");
    assert!(s.wait_exit().success());
    let titles = titles_on_disk(dir.path());
    assert!(titles.contains(&"Friday deploy".to_string()), "{titles:?}");
}

/// The undo's frame comes before its save, and the save before the next key
/// is read: once the next key's frame is on the screen, the undo is on disk,
/// and a kill at any moment after it loses nothing.
#[test]
fn kill_9_after_the_next_frame_keeps_the_undo() {
    let dir = tempfile::tempdir().unwrap();
    let n = cases(4, 100);
    for k in 1..=n {
        let (kept, gone) = (format!("kept {k}"), format!("gone {k}"));
        let mut s = Session::start(dir.path());
        s.type_keys(&format!("a{kept}\r"));
        s.wait_for_screen(&kept);
        s.type_keys(&format!("a{gone}\r"));
        s.wait_for_screen(&gone);
        s.type_keys("u");
        s.wait_for_screen("undone:");
        // The next key's frame; nothing waited for the file.
        s.type_keys("L");
        s.wait_for_screen("Messages — newest first");
        s.signal("KILL");
        s.wait_exit();
        let titles = titles_on_disk(dir.path());
        assert!(titles.contains(&kept), "after kill {k}: {titles:?}");
        assert!(!titles.contains(&gone), "after kill {k}: {titles:?}");
    }
}
