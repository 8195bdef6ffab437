//! One path for every change: the app and the command line save through the
//! same unit of work — the same bytes, the same hook document and operation
//! name, one undo history per data dir that either can step through.

use std::fs;
use std::path::Path;

use crate::common::{NOW, Session, lane, wait_for_file};

/// A data dir with two priorities and an `on_change` hook writing each
/// document to `hook.json` in the dir.
fn seeded(dir: &Path) {
    lane(dir)
        .args(["add", "priority", "Ship billing"])
        .assert()
        .success();
    lane(dir)
        .args(["add", "priority", "Hire a data engineer"])
        .assert()
        .success();
    let config = dir.join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("config.toml"),
        format!(
            "[hooks]\non_change = \"cat > '{}'\"\n",
            dir.join("hook.json").display()
        ),
    )
    .unwrap();
}

fn app(dir: &Path) -> Session {
    let mut s = Session::launch_with(dir, false, &[], &[("LANE_NOW", NOW)]);
    s.wait_for_screen("Priorities");
    s
}

fn file(dir: &Path) -> String {
    fs::read_to_string(dir.join("lane.toml")).unwrap()
}

#[test]
fn done_on_the_command_line_and_space_in_the_app_leave_the_same_bytes_and_hook() {
    // Copies of one data dir.
    let (cli, tui) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    seeded(cli.path());
    seeded(tui.path());
    fs::copy(cli.path().join("lane.toml"), tui.path().join("lane.toml")).unwrap();

    lane(cli.path())
        .args(["done", "priority", "1"])
        .assert()
        .success();

    let mut s = app(tui.path());
    s.type_keys(" ");
    wait_for_file(&tui.path().join("hook.json"), "\"done\"");
    s.type_keys("q");
    assert!(s.wait_exit().success());

    assert_eq!(file(cli.path()), file(tui.path()));
    let hook = |dir: &Path| -> serde_json::Value {
        serde_json::from_str(&fs::read_to_string(dir.join("hook.json")).unwrap()).unwrap()
    };
    assert_eq!(hook(cli.path()), hook(tui.path()));
    assert_eq!(hook(cli.path())["operation"], "done");
}

#[test]
fn the_apps_change_is_taken_back_by_lane_undo_after_the_app_quit() {
    let dir = tempfile::tempdir().unwrap();
    seeded(dir.path());
    let start = file(dir.path());
    let mut s = app(dir.path());
    s.type_keys(" ");
    wait_for_file(&dir.path().join("hook.json"), "\"done\"");
    s.type_keys("q");
    assert!(s.wait_exit().success());
    assert_ne!(file(dir.path()), start);

    lane(dir.path())
        .arg("undo")
        .assert()
        .success()
        .stdout(predicates::str::contains("undone: priority 1"));
    assert_eq!(file(dir.path()), start);
    // And back again from the app: its redo reads the same history.
    let mut s = app(dir.path());
    s.send("\u{12}"); // ctrl-r
    s.wait_for_screen("redone");
    s.type_keys("q");
    assert!(s.wait_exit().success());
    assert!(file(dir.path()).contains("status = \"done\""));
}

#[test]
fn an_outside_write_does_not_wipe_the_apps_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = app(dir.path());
    s.type_keys("afrom the app\r");
    wait_for_file(&dir.path().join("lane.toml"), "from the app");
    lane(dir.path())
        .args(["add", "priority", "from outside"])
        .assert()
        .success();
    // The app takes the outside change in, then undoes its own change: the
    // newest in the history is the outside one, so u takes that back first,
    // and a second u takes back the app's — nothing else is lost.
    s.type_keys("j");
    s.wait_for_screen("from outside");
    s.type_keys("u");
    s.wait_for_screen("undone: added priority 2");
    s.type_keys("u");
    s.wait_for_screen("undone: saved priority 1");
    // An undo is drawn first and saved right after: the file follows.
    let start = std::time::Instant::now();
    while file(dir.path()).contains("from the app") {
        assert!(start.elapsed().as_secs() < 20, "{}", file(dir.path()));
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let text = file(dir.path());
    assert!(!text.contains("from outside"), "{text}");
    // Redo brings the app's change back although the file changed under it.
    s.send("\u{12}");
    s.wait_for_screen("redone");
    s.type_keys("q");
    assert!(s.wait_exit().success());
    assert!(file(dir.path()).contains("from the app"));
}
