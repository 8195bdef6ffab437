//! The data promises under attack from the filesystem itself: symlinks planted
//! where lane writes, FIFOs and devices where it reads, files too big to hold,
//! files others could read, and a disk too full to archive.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::time::Duration;

use predicates::prelude::*;

use crate::common::{NOW, Session, lane};

/// Long enough for lane's own start; a read that waits on a FIFO never ends.
const QUICK: Duration = Duration::from_secs(10);

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// A closed priority old enough (before NOW − 30 days) to move to the archive.
const OLD_DONE: &str = r#"version = 1

[[priorities]]
id = 1
uid = "01JDX0000000000000000000P1"
title = "Old shipped outcome"
status = "done"
created = "2026-09-01"
"#;

#[test]
fn a_symlink_at_lane_lock_is_refused_and_its_target_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("precious.txt");
    fs::write(&target, "precious").unwrap();
    symlink(&target, dir.path().join("lane.lock")).unwrap();
    lane(&dir)
        .args(["add", "priority", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("lane.lock is a symlink"));
    assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
    assert!(
        !dir.path().join("lane.toml").exists(),
        "nothing was written"
    );
}

#[test]
fn out_files_are_private_and_never_written_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir).args(["add", "priority", "x"]).assert().success();
    let out = tempfile::tempdir().unwrap();
    for (args, name) in [
        (&["report", "week", "--out"][..], "week.md"),
        (&["export", "json", "--out"], "all.json"),
        (&["export", "ics", "--out"], "cal.ics"),
    ] {
        let file = out.path().join(name);
        lane(&dir).args(args).arg(&file).assert().success();
        assert_eq!(mode(&file), 0o600, "{name}");
        // A symlink at the name: refused, its target left as it was.
        let target = out.path().join(format!("{name}.target"));
        fs::write(&target, "precious").unwrap();
        fs::remove_file(&file).unwrap();
        symlink(&target, &file).unwrap();
        lane(&dir)
            .args(args)
            .arg(&file)
            .assert()
            .failure()
            .stderr(predicate::str::contains("does not write through symlinks"));
        assert_eq!(fs::read_to_string(&target).unwrap(), "precious", "{name}");
    }
    // Nothing but lane's own files in the data dir, all private.
    for f in fs::read_dir(dir.path()).unwrap() {
        let p = f.unwrap().path();
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(&p), want, "{}", p.display());
    }
}

#[test]
fn lane_check_warns_about_a_data_dir_others_can_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
    lane(&dir).args(["add", "priority", "x"]).assert().success();
    lane(&dir)
        .arg("check")
        .assert()
        .success()
        .stderr(predicate::str::contains("warning").not());
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    lane(&dir)
        .arg("check")
        .assert()
        .success()
        .stderr(predicate::str::contains("can be read by others (mode 755)"));
    assert_eq!(mode(dir.path()), 0o755, "the user's dir is not changed");
}

/// Two data dirs whose lane.toml links to one file share one lock and one
/// archive, beside the real file, and every reader of the archive finds it.
#[test]
fn two_data_dirs_sharing_a_symlinked_file_share_its_lock_and_archive() {
    let real = tempfile::tempdir().unwrap();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = real.path().join("plan.toml");
    fs::write(&file, OLD_DONE).unwrap();
    symlink(&file, a.path().join("lane.toml")).unwrap();
    symlink(&file, b.path().join("lane.toml")).unwrap();
    lane(&a).args(["add", "priority", "new"]).assert().success();
    assert!(
        real.path().join("lane.lock").exists(),
        "locked beside the real file"
    );
    assert!(real.path().join("archive").is_dir(), "archived beside it");
    for d in [&a, &b] {
        assert!(!d.path().join("lane.lock").exists());
        assert!(!d.path().join("archive").exists());
    }
    assert!(!fs::read_to_string(&file).unwrap().contains("Old shipped"));
    for d in [&a, &b] {
        lane(d)
            .args(["list", "priorities", "--all", "--json"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Old shipped outcome"));
        lane(d)
            .args(["export", "json"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Old shipped outcome"));
    }
}

#[test]
fn a_fifo_or_a_device_as_lane_toml_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    mkfifo(&file);
    for args in [&["list"][..], &["check"], &["add", "priority", "x"]] {
        lane(&dir)
            .args(args)
            .timeout(QUICK)
            .assert()
            .failure()
            .stderr(predicate::str::contains(
                "named pipe (FIFO), not a regular file",
            ));
    }
    // The lock `add` took was let go: a write elsewhere is not kept waiting.
    fs::remove_file(&file).unwrap();
    lane(&dir)
        .args(["add", "priority", "x"])
        .timeout(QUICK)
        .assert()
        .success();
    fs::remove_file(&file).unwrap();
    symlink("/dev/zero", &file).unwrap();
    for args in [&["list"][..], &["add", "priority", "x"]] {
        lane(&dir)
            .args(args)
            .timeout(QUICK)
            .assert()
            .failure()
            .stderr(predicate::str::contains("is a device"));
    }
    assert!(
        !Path::new("/dev/lane.lock").exists(),
        "no lock beside /dev/zero"
    );
}

#[test]
fn every_file_lane_reads_is_a_regular_file_of_sane_size() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir).args(["add", "priority", "x"]).assert().success();
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    // Import files: a usage error, at once.
    for (what, bad, says) in [
        ("json", Path::new("/dev/zero"), "is a device"),
        ("taskwarrior", Path::new("/dev/zero"), "is a device"),
        ("json", fifo.as_path(), "named pipe"),
        ("taskwarrior", fifo.as_path(), "named pipe"),
    ] {
        lane(&dir)
            .args(["import", what])
            .arg(bad)
            .timeout(QUICK)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    // The config and the keymap.
    let config = dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    for name in ["config.toml", "keymap.toml"] {
        symlink("/dev/zero", config.join(name)).unwrap();
        lane(&dir)
            .arg("check")
            .timeout(QUICK)
            .assert()
            .failure()
            .stderr(predicate::str::contains(name).and(predicate::str::contains("is a device")));
        fs::remove_file(config.join(name)).unwrap();
    }
    // An archive year.
    let archive = dir.path().join("archive");
    fs::create_dir(&archive).unwrap();
    mkfifo(&archive.join("2025.toml"));
    lane(&dir)
        .args(["list", "--all"])
        .timeout(QUICK)
        .assert()
        .failure()
        .stderr(predicate::str::contains("2025.toml").and(predicate::str::contains("named pipe")));
    fs::remove_file(archive.join("2025.toml")).unwrap();
    // Too big: a sparse 65 MiB lane.toml is refused without reading it; the cap
    // can be set lower (or higher) with LANE_MAX_FILE_MIB.
    let file = dir.path().join("lane.toml");
    let kept = fs::read(&file).unwrap();
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    lane(&dir)
        .arg("check")
        .timeout(QUICK)
        .assert()
        .failure()
        .stderr(predicate::str::contains("larger than 64 MiB"));
    fs::write(&file, &kept).unwrap();
    let big = dir.path().join("big.json");
    fs::write(&big, vec![b' '; 2 * 1024 * 1024]).unwrap();
    lane(&dir)
        .args(["import", "json"])
        .arg(&big)
        .env("LANE_MAX_FILE_MIB", "1")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("larger than 1 MiB"));
    lane(&dir).arg("check").assert().success();
}

/// Archiving at open can fail (a full disk, something in the archive's place):
/// lane opens anyway, says why, and archives another time.
#[test]
fn an_archive_that_cannot_be_written_never_stops_lane_opening() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("lane.toml"), OLD_DONE).unwrap();
    fs::write(dir.path().join("archive"), "not a directory").unwrap();
    lane(&dir)
        .args(["add", "priority", "new"])
        .assert()
        .success()
        .stderr(predicate::str::contains("were not moved to the archive"));
    let text = fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    assert!(
        text.contains("Old shipped outcome") && text.contains("new"),
        "{text}"
    );
    // Once the archive can be written, the old item moves.
    fs::remove_file(dir.path().join("archive")).unwrap();
    lane(&dir)
        .args(["add", "priority", "newer"])
        .assert()
        .success();
    let text = fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    assert!(!text.contains("Old shipped outcome"), "{text}");

    // The app on a full disk: it opens and says why the archive waits.
    let full = tempfile::tempdir().unwrap();
    let file = full.path().join("lane.toml");
    fs::write(&file, OLD_DONE).unwrap();
    let mut s = Session::launch_with(full.path(), true, &[], &[("LANE_NOW", NOW)]);
    s.wait_for_screen("Priorities");
    s.wait_for_screen("not moved to the archive");
    assert_eq!(fs::read_to_string(&file).unwrap(), OLD_DONE);
    s.type_keys("q");
    assert!(s.wait_exit().success());
}

#[test]
fn temp_files_a_killed_writer_left_in_the_archive_are_swept() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    fs::create_dir(&archive).unwrap();
    let debris = archive.join(".lane.toml.Ab12Cd.tmp");
    fs::write(&debris, "half a year").unwrap();
    let kept = archive.join("2025.toml");
    fs::write(&kept, "version = 1\n").unwrap();
    lane(&dir).args(["add", "priority", "x"]).assert().success();
    assert!(!debris.exists(), "debris swept under the lock");
    assert!(kept.exists(), "an archive year is not debris");
}

/// `y` writes the report to reports/ as well as the clipboard: privately, and
/// never through a symlink someone put at its name.
#[test]
fn a_copied_report_is_private_and_never_written_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    let pinned = [("LANE_NOW", NOW)];
    let mut s = Session::launch_with(dir.path(), false, &[], &pinned);
    s.wait_for_screen("Priorities");
    s.type_keys("y");
    s.wait_for_screen("also in");
    let report = reports.join("week-2026-W48.md");
    assert_eq!(mode(&reports), 0o700);
    assert_eq!(mode(&report), 0o600);
    s.type_keys("q");
    assert!(s.wait_exit().success());

    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("precious.txt");
    fs::write(&target, "precious").unwrap();
    fs::remove_file(&report).unwrap();
    symlink(&target, &report).unwrap();
    let mut s = Session::launch_with(dir.path(), false, &[], &pinned);
    s.wait_for_screen("Priorities");
    s.type_keys("y");
    s.wait_for_screen("but not to a file");
    assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
    assert!(
        fs::symlink_metadata(&report)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    s.type_keys("q");
    assert!(s.wait_exit().success());
}
