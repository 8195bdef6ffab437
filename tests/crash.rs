//! kill -9 at random moments while lane saves, from the command line and from the
//! app: afterwards the file always parses and holds every change that was reported
//! done. Kills: 100 on the command line and 20 in the app, 1000 each with
//! LANE_LONG_TESTS=1 (docs/promises.md has the figures of such a run).

use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

use crate::common::{Session, cases, wait_for_file};
use lane::store::{Access, Store};

/// A small deterministic generator, so a failing run can be replayed.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn titles_on_disk(dir: &Path) -> Vec<String> {
    let (_, data) =
        Store::open(dir, Access::Read).expect("the file must always parse after a kill");
    data.priorities.into_iter().map(|p| p.title).collect()
}

#[test]
fn kill_9_during_command_line_writes_loses_nothing_reported() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_lane");
    let mut rng = Rng(0x5eed_1a4e);
    let (mut killed, mut reported) = (0, Vec::new());
    let n = cases(100, 1_000);
    let mut i = 0;
    while killed < n {
        i += 1;
        let title = format!("change {i}");
        let mut child = Command::new(bin)
            .arg("--dir")
            .arg(dir.path())
            .args(["add", "priority", &title])
            .env("LANE_CONFIG_DIR", dir.path().join("config"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        thread::sleep(Duration::from_micros(rng.below(10_000)));
        let running = child.try_wait().unwrap().is_none();
        if running {
            let _ = child.kill(); // SIGKILL
            killed += 1;
        }
        let out = child.wait_with_output().unwrap();
        if out.status.success()
            && String::from_utf8_lossy(&out.stdout).starts_with("added priority")
        {
            reported.push(title);
        }
        let on_disk = titles_on_disk(dir.path());
        let lost: Vec<&String> = reported.iter().filter(|t| !on_disk.contains(t)).collect();
        assert!(
            lost.is_empty(),
            "after kill {killed}: reported but lost: {lost:?}"
        );
    }
    // The next writer sweeps up temp files that killed saves left behind.
    Command::new(bin)
        .arg("--dir")
        .arg(dir.path())
        .args(["add", "priority", "final"])
        .env("LANE_CONFIG_DIR", dir.path().join("config"))
        .output()
        .unwrap();
    let debris: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(debris.is_empty(), "{debris:?}");
    println!(
        "command line: {killed} kills over {i} writes, {} changes reported, 0 lost",
        reported.len()
    );
}

#[test]
fn kill_9_in_the_app_right_after_a_change_loses_nothing_saved() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    let mut rng = Rng(0xa11_c0de);
    let mut confirmed: Vec<String> = Vec::new();
    let n = cases(20, 1_000);
    for k in 1..=n {
        let mut s = Session::start(dir.path());
        // One change that is confirmed on disk before the next key…
        let title = format!("kept {k}");
        s.type_keys(&format!("a{title}\r"));
        wait_for_file(&file, &title);
        confirmed.push(title);
        // …and one in flight when the kill lands.
        s.type_keys(&format!("ain flight {k}\r"));
        thread::sleep(Duration::from_micros(rng.below(20_000)));
        // A real SIGKILL: portable-pty's `kill()` sends SIGHUP first, which lane
        // handles (it saves the open form as a draft), so it would kill nothing.
        s.signal("KILL");
        s.wait_exit();
        let on_disk = titles_on_disk(dir.path());
        let lost: Vec<&String> = confirmed.iter().filter(|t| !on_disk.contains(t)).collect();
        if !lost.is_empty() {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            panic!("after kill {k}: lost {lost:?}; lane.toml:\n{text}");
        }
    }
    println!(
        "app: {n} kills, {} changes confirmed, 0 lost",
        confirmed.len()
    );
}

/// A change's frame is drawn before its save; the save follows before the next
/// key is read. So once the next key's frame is on the screen, the change
/// before it is on disk, and a kill at any moment costs the key in flight at most.
#[test]
fn kill_9_after_a_frame_loses_only_the_key_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x000f_4a3e);
    let mut shown_before_next: Vec<String> = Vec::new();
    let n = cases(8, 200);
    for k in 1..=n {
        let mut s = Session::start(dir.path());
        let (first, second) = (format!("first {k}"), format!("second {k}"));
        s.type_keys(&format!("a{first}\r"));
        s.wait_for_screen(&first);
        s.type_keys(&format!("a{second}\r"));
        s.wait_for_screen(&second);
        // Nothing waited for the file: only the frames were seen.
        shown_before_next.push(first);
        thread::sleep(Duration::from_micros(rng.below(5_000)));
        s.signal("KILL");
        s.wait_exit();
        let on_disk = titles_on_disk(dir.path());
        let lost: Vec<&String> = shown_before_next
            .iter()
            .filter(|t| !on_disk.contains(t))
            .collect();
        assert!(lost.is_empty(), "after kill {k}: lost {lost:?}");
    }
}
