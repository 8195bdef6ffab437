//! Everyone at once on one directory: two apps typing, 40 command-line writes and
//! a loop of hand edits. Nobody is locked out for long, and every write that was
//! acknowledged is in the file at the end, which still loads.

use std::fs::File;
use std::io::Write;
use std::process::Command;
use std::thread;
use std::time::Duration;

use crate::common::{Session, wait_for_file};
use lane::store::{Access, LOCK_FILE, Store};

/// A hand edit as a careful person makes one with `flock lane.lock $EDITOR lane.toml`:
/// read, add a top-level note, write the file back.
fn hand_edit(dir: &std::path::Path, n: usize) {
    let lock = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(LOCK_FILE))
        .unwrap();
    lock.lock().unwrap();
    let path = dir.join("lane.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| "version = 1\n".into());
    let edited = text.replacen(
        "version = 1\n",
        &format!("version = 1\nhand_{n} = {n}\n"),
        1,
    );
    let tmp = dir.join(format!(".hand-{n}"));
    File::create(&tmp)
        .unwrap()
        .write_all(edited.as_bytes())
        .unwrap();
    std::fs::rename(&tmp, &path).unwrap();
}

#[test]
fn two_apps_forty_writers_and_hand_edits_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    let mut apps = [Session::start(dir.path()), Session::start(dir.path())];

    let bin = env!("CARGO_BIN_EXE_lane");
    let path = dir.path().to_path_buf();
    let writers: Vec<_> = (0..40)
        .map(|i| {
            let path = path.clone();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(60 * i));
                let out = Command::new(bin)
                    .arg("--dir")
                    .arg(&path)
                    .args(["add", "priority", &format!("cli {i}")])
                    .env("LANE_CONFIG_DIR", path.join("config"))
                    .output()
                    .unwrap();
                (i, out)
            })
        })
        .collect();
    let editor = {
        let path = path.clone();
        thread::spawn(move || {
            for n in 0..10 {
                thread::sleep(Duration::from_millis(230));
                hand_edit(&path, n);
            }
        })
    };
    // Both apps type while the others write.
    for k in 0..6 {
        for (a, app) in apps.iter_mut().enumerate() {
            app.type_keys(&format!("aapp{a} {k}\r"));
        }
        thread::sleep(Duration::from_millis(300));
    }
    for (a, _) in apps.iter().enumerate() {
        wait_for_file(&file, &format!("app{a} 5"));
    }

    let mut landed = Vec::new();
    for handle in writers {
        let (i, out) = handle.join().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "write {i} failed: {stderr}");
        landed.push(format!("cli {i}"));
    }
    editor.join().unwrap();
    for app in &mut apps {
        app.type_keys("q");
        assert!(app.wait_exit().success());
    }

    let (_, data) = Store::open(dir.path(), Access::Read).unwrap();
    let titles: Vec<&str> = data.priorities.iter().map(|p| p.title.as_str()).collect();
    let apps_typed = (0..2).flat_map(|a| (0..6).map(move |k| format!("app{a} {k}")));
    for t in landed.iter().cloned().chain(apps_typed) {
        assert!(
            titles.contains(&t.as_str()),
            "{t} was acknowledged but is missing"
        );
    }
    assert_eq!(titles.len(), 40 + 12, "nothing else appeared: {titles:?}");
    for n in 0..10 {
        assert!(
            data.extra.contains_key(&format!("hand_{n}")),
            "hand edit {n} lost"
        );
    }
    println!("race: 40 command-line writes, 12 app changes, 10 hand edits: 0 lost");
}
