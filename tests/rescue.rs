//! When a change cannot be saved, lane's word on where it went must be true:
//! a rescue file is named only once it holds the data, a file planted under a
//! guessable name changes nothing, and when no file can be written the data is
//! printed instead.

use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{Session, TIMEOUT, wait_for_file};

/// Every `lane.unsaved-*` file in `dir`.
fn rescues(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().contains("lane.unsaved-"))
                .collect()
        })
        .unwrap_or_default()
}

fn wait_for_output(s: &Session, needle: &str) -> String {
    let start = Instant::now();
    loop {
        let out = s.raw_output();
        if out.contains(needle) {
            return out;
        }
        assert!(start.elapsed() < TIMEOUT, "`{needle}` never printed: {out}");
        thread::sleep(Duration::from_millis(20));
    }
}

/// A full disk (RLIMIT_FSIZE = 0, SIGXFSZ left at its default, which lane must
/// ignore itself): quitting with an unsaved change claims no empty rescue file —
/// the data is printed once the screen is restored, and no partial file is left.
#[test]
fn on_a_full_disk_quitting_prints_the_unsaved_data_and_leaves_no_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let (tmp, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = dir.path().join("lane.toml");
    let before = "version = 1\n\n[[priorities]]\nid = 1\ntitle = \"first\"\n";
    fs::write(&file, before).unwrap();
    let env = [
        ("TMPDIR", tmp.path().to_str().unwrap()),
        ("HOME", home.path().to_str().unwrap()),
    ];
    let mut s = Session::launch_with(dir.path(), true, &[], &env);
    s.wait_for_screen("Priorities");
    s.type_keys("asecond\r");
    s.wait_for_screen("could not save");
    s.type_keys("q");
    assert!(!s.wait_exit().success());
    let out = wait_for_output(&s, "no rescue file could be written");
    let printed = &out[out.find("no rescue file").unwrap()..];
    assert!(printed.contains("title = \"second\""), "{printed}");
    assert!(!out.contains("was written to"), "{out}");
    let config = dir.path().join("config");
    for place in [dir.path(), &config, tmp.path(), home.path()] {
        assert_eq!(rescues(place), Vec::<PathBuf>::new(), "{}", place.display());
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
}

/// Saves fail (the data dir is moved away and a file put in its place), so the
/// rescue cannot go beside the data or in the config dir: it goes to $TMPDIR
/// under a fresh name — a file planted there under the old, guessable
/// `lane.unsaved-<pid>.toml` changes nothing — both on `q` and on SIGTERM.
#[test]
fn a_rescue_goes_to_the_next_place_under_a_fresh_name_and_says_where() {
    for how in ["q", "TERM"] {
        let parent = tempfile::tempdir().unwrap();
        let (tmp, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let dir = parent.path().join("data");
        fs::create_dir(&dir).unwrap();
        let env = [
            ("TMPDIR", tmp.path().to_str().unwrap()),
            ("HOME", home.path().to_str().unwrap()),
        ];
        let mut s = Session::launch_with(&dir, false, &[], &env);
        s.wait_for_screen("Priorities");
        s.type_keys("afirst\r");
        wait_for_file(&dir.join("lane.toml"), "first");
        let planted = tmp.path().join(format!(
            "lane.unsaved-{}.toml",
            s.child.process_id().unwrap()
        ));
        fs::write(&planted, "planted").unwrap();
        fs::rename(&dir, parent.path().join("away")).unwrap();
        fs::write(&dir, "not a directory").unwrap();
        s.type_keys("asecond\r");
        s.wait_for_screen("could not save");
        if how == "q" {
            s.type_keys("q");
        } else {
            s.signal(how);
        }
        assert!(!s.wait_exit().success(), "{how}");
        let out = wait_for_output(&s, "your unsaved data was written to");
        assert_eq!(fs::read_to_string(&planted).unwrap(), "planted", "{how}");
        let made: Vec<PathBuf> = rescues(tmp.path())
            .into_iter()
            .filter(|p| *p != planted)
            .collect();
        assert_eq!(made.len(), 1, "{how}: {made:?}");
        let text = fs::read_to_string(&made[0]).unwrap();
        assert!(
            text.contains("title = \"second\"") && text.contains("first"),
            "{how}: {text}"
        );
        let name = made[0].file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            out.contains(&name),
            "{how}: the message names the file: {out}"
        );
        assert!(
            rescues(home.path()).is_empty(),
            "{how}: one rescue, in the first place that took it"
        );
    }
}
