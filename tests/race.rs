//! Two app sessions and 40 concurrent command-line writes on one directory: one
//! writer at a time, the second app read-only, and every write either lands or
//! says clearly that it did not.

use std::process::Command;
use std::thread;
use std::time::Duration;

use crate::common::{Session, wait_for_file};
use lane::store::{Access, Store};

#[test]
fn two_sessions_and_forty_writers() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    let mut writer = Session::start(dir.path());
    let mut reader = Session::start(dir.path());
    reader.wait_for_screen("READ-ONLY");

    let bin = env!("CARGO_BIN_EXE_lane");
    let path = dir.path().to_path_buf();
    let writers: Vec<_> = (0..40)
        .map(|i| {
            let path = path.clone();
            thread::spawn(move || {
                // Spread the starts so some wait out the app and some land after it.
                thread::sleep(Duration::from_millis(100 * i));
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

    // The app writes while the command line waits, then quits and hands over the lock.
    writer.type_keys("afrom the app\r");
    wait_for_file(&file, "from the app");
    thread::sleep(Duration::from_millis(2600));
    writer.type_keys("q");
    assert!(writer.wait_exit().success());

    let (mut landed, mut refused) = (Vec::new(), 0);
    for handle in writers {
        let (i, out) = handle.join().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            assert!(String::from_utf8_lossy(&out.stdout).starts_with("added priority"));
            landed.push(format!("cli {i}"));
        } else {
            refused += 1;
            assert!(
                stderr.contains("another lane") && stderr.contains("nothing was changed"),
                "write {i} failed without saying why: {stderr}"
            );
        }
    }
    let (_, data) = Store::open(dir.path(), Access::Read).unwrap();
    let titles: Vec<&str> = data.priorities.iter().map(|p| p.title.as_str()).collect();
    for t in &landed {
        assert!(
            titles.contains(&t.as_str()),
            "{t} reported success but is missing"
        );
    }
    assert!(titles.contains(&"from the app"));
    assert_eq!(
        titles.len(),
        landed.len() + 1,
        "nothing else appeared: {titles:?}"
    );
    assert!(!landed.is_empty(), "writes after the app quit must land");
    assert!(
        refused > 0,
        "writes while the app held the lock must be refused"
    );

    // The read-only session wrote nothing, even on quit.
    let before = std::fs::read(&file).unwrap();
    reader.type_keys("q");
    assert!(reader.wait_exit().success());
    assert_eq!(std::fs::read(&file).unwrap(), before);
    println!(
        "race: {} landed, {refused} refused with a clear message, 0 lost",
        landed.len()
    );
}
