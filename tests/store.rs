//! The data promises, tested against the store itself.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use lane::model::Data;
use lane::store::{Access, DATA_FILE, Saved, Store};

use crate::common::now;

const REALISTIC: &str = r#"version = 1
# a comment a person wrote
theme_note = "kept"

[[priorities]]
id = 1
uid = "01JDX0000000000000000000P1"
title = "Ship billing v2"
measure = "errors < 0.1%"
due = "2026-11-27"
impact = "high"
urgency = "medium"
status = "active"
created = "2026-11-20"
stakeholder = "finance"

[priorities.links]
spec = "https://example.invalid/spec"

[[blocks]]
id = 1
uid = "01JDX0000000000000000000B1"
date = "2026-11-23"
start = "09:00"
end = "10:30"
title = "billing spec"
kind = "deep"

[[blockers]]
id = 1
uid = "01JDX0000000000000000000K1"
title = "staging DB access"
waiting_on = "ops"
opened = "2026-11-21"
status = "open"

[[decisions]]
id = 1
uid = "01JDX0000000000000000000D1"
date = "2026-11-22"
situation = "Retry policy for webhooks"
call = "3 retries, backoff"
reversible = true

[[reviews]]
id = 1
uid = "01JDX0000000000000000000R1"
date = "2026-11-20"
energy = 4
wins = "spec reviewed"
"#;

fn dir_with(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(DATA_FILE), text).unwrap();
    dir
}

fn open(dir: &tempfile::TempDir) -> color_eyre::Result<(Store, Data)> {
    Store::open(dir.path(), Access::Session)
}

#[test]
fn a_missing_file_is_an_empty_plan_and_the_first_save_creates_it_private() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut data) = open(&dir).unwrap();
    assert_eq!(data, Data::default());
    assert!(
        !dir.path().join(DATA_FILE).exists(),
        "opening alone writes nothing"
    );
    data.extra.insert("x".into(), toml::Value::Integer(1));
    store.save(&data, now()).unwrap();
    let mode = fs::metadata(dir.path().join(DATA_FILE))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let text = fs::read_to_string(dir.path().join(DATA_FILE)).unwrap();
    assert!(text.starts_with("version = 1\n"), "{text}");
}

#[test]
fn a_round_trip_keeps_every_value_and_unknown_key() {
    let dir = dir_with(REALISTIC);
    let (mut store, data) = open(&dir).unwrap();
    assert_eq!(data.priorities[0].title, "Ship billing v2");
    store.save(&data, now()).unwrap();
    let text = fs::read_to_string(dir.path().join(DATA_FILE)).unwrap();
    for kept in [
        "theme_note = \"kept\"",
        "stakeholder = \"finance\"",
        "[priorities.links]",
        "spec = \"https://example.invalid/spec\"",
        "waiting_on = \"ops\"",
        "energy = 4",
    ] {
        assert!(text.contains(kept), "lost `{kept}` in:\n{text}");
    }
    let (_, again) = Store::open(dir.path(), Access::Read).unwrap();
    assert_eq!(again, data);
}

#[test]
fn saving_leaves_no_temp_files_behind() {
    let dir = dir_with(REALISTIC);
    let (mut store, data) = open(&dir).unwrap();
    for _ in 0..5 {
        store.save(&data, now()).unwrap();
    }
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // The lock and the data (no status bar asked for a copy): no temp file.
    assert_eq!(names, ["lane.lock", "lane.toml"]);
}

#[test]
fn a_file_that_does_not_parse_is_reported_with_its_place_and_left_alone() {
    let broken = REALISTIC.replace("due = \"2026-11-27\"", "due = \"2026-11-27");
    let dir = dir_with(&broken);
    let err = format!("{:#}", open(&dir).err().unwrap());
    let path = dir.path().join(DATA_FILE);
    assert!(
        err.starts_with(&format!("{}:10:18:", path.display())),
        "{err}"
    );
    assert!(err.contains("due = \"2026-11-27"), "shows the line: {err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn wrong_types_and_bad_values_point_at_the_value() {
    for (from, to, at) in [
        ("energy = 4", "energy = \"high\"", ":49:10:"),
        ("start = \"09:00\"", "start = \"9 o'clock\"", ":24:9:"),
        ("impact = \"high\"", "impact = \"huge\"", ":11:10:"),
        ("due = \"2026-11-27\"", "due = \"2026-13-45\"", ":10:7:"),
    ] {
        let dir = dir_with(&REALISTIC.replace(from, to));
        let err = format!("{:#}", open(&dir).err().unwrap());
        assert!(err.contains(at), "{to}: expected {at} in {err}");
    }
}

#[test]
fn duplicate_ids_are_refused() {
    let text = format!("{REALISTIC}\n[[reviews]]\nid = 1\ndate = \"2026-11-21\"\n");
    let dir = dir_with(&text);
    let err = format!("{:#}", open(&dir).err().unwrap());
    assert!(err.contains("[[reviews]]: id 1 is used twice"), "{err}");
}

#[test]
fn a_newer_version_is_refused_and_untouched() {
    let newer = REALISTIC.replace("version = 1", "version = 7");
    let dir = dir_with(&newer);
    let err = format!("{:#}", open(&dir).err().unwrap());
    assert!(
        err.contains("is version 7, but this lane only knows up to version 1"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join(DATA_FILE)).unwrap(),
        newer
    );
}

#[test]
fn an_empty_file_or_a_directory_in_its_place_gives_a_clear_error() {
    let dir = dir_with("");
    let err = format!("{:#}", open(&dir).err().unwrap());
    assert!(err.contains("missing `version = 1`"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(DATA_FILE)).unwrap();
    let err = format!("{:#}", open(&dir).err().unwrap());
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn two_sessions_both_write_and_each_save_merges_the_other() {
    let dir = dir_with(REALISTIC);
    let (mut first, mut a) = open(&dir).unwrap();
    let (mut second, mut b) = open(&dir).unwrap();
    assert!(!first.read_only() && !second.read_only());
    a.priorities[0].title = "Ship billing v3".into();
    assert_eq!(first.save(&a, now()).unwrap(), Saved::Written);
    b.blocks[0].title = "billing spec, part 2".into();
    let Saved::Merged(merged) = second.save(&b, now()).unwrap() else {
        panic!("the second save must merge the first")
    };
    assert_eq!(merged.conflicts, 0);
    let (_, on_disk) = Store::open(dir.path(), Access::Read).unwrap();
    assert_eq!(on_disk.priorities[0].title, "Ship billing v3");
    assert_eq!(on_disk.blocks[0].title, "billing spec, part 2");
    assert_eq!(on_disk, merged.data);
    // The first session's next save starts from the merge, not from its old base.
    a.decisions[0].call = "5 retries".into();
    first.save(&a, now()).unwrap();
    let (_, on_disk) = Store::open(dir.path(), Access::Read).unwrap();
    assert_eq!(
        on_disk.blocks[0].title, "billing spec, part 2",
        "not undone"
    );
    assert_eq!(on_disk.decisions[0].call, "5 retries");
}

#[test]
fn a_command_line_write_waits_for_the_lock_then_fails_clearly() {
    let dir = dir_with(REALISTIC);
    // An open app holds no lock: a command runs beside it.
    let (_session, _) = open(&dir).unwrap();
    let (command, _) = Store::open(dir.path(), Access::Write(Duration::from_millis(100))).unwrap();
    // While one command holds the lock, another waits, then says so.
    let err = Store::open(dir.path(), Access::Write(Duration::from_millis(100)))
        .err()
        .unwrap();
    let text = format!("{err:#}");
    assert!(
        text.contains("another lane") && text.contains("nothing was changed"),
        "{text}"
    );
    drop(command);
    assert!(Store::open(dir.path(), Access::Write(Duration::from_millis(100))).is_ok());
}

#[test]
fn an_edit_made_outside_is_merged_never_overwritten() {
    let dir = dir_with(REALISTIC);
    let (mut store, mut data) = open(&dir).unwrap();
    assert!(!store.changed_on_disk());
    let theirs = REALISTIC
        .replace("Ship billing v2", "Ship billing v3")
        .replace("waiting_on = \"ops\"", "waiting_on = \"ops team\"");
    fs::write(dir.path().join(DATA_FILE), &theirs).unwrap();
    assert!(store.changed_on_disk());
    data.priorities[0].title = "mine".into();
    data.decisions[0].call = "2 retries".into();
    let Saved::Merged(merged) = store.save(&data, now()).unwrap() else {
        panic!("an outside edit is merged")
    };
    let (_, on_disk) = Store::open(dir.path(), Access::Read).unwrap();
    // Both changes to other fields landed; the same field changed twice kept ours
    // and holds theirs in a conflict.
    assert_eq!(on_disk.blockers[0].waiting_on, "ops team");
    assert_eq!(on_disk.decisions[0].call, "2 retries");
    assert_eq!(on_disk.priorities[0].title, "mine");
    assert_eq!(merged.conflicts, 1);
    let c = &on_disk.conflicts[0];
    assert_eq!((c.kind.as_str(), c.field.as_str()), ("priorities", "title"));
    assert_eq!(
        c.other.as_ref().and_then(|v| v.as_str()),
        Some("Ship billing v3")
    );
    assert!(!store.changed_on_disk());
}

#[test]
fn an_outside_edit_that_does_not_load_is_never_written_over() {
    let dir = dir_with(REALISTIC);
    let (mut store, mut data) = open(&dir).unwrap();
    let broken = REALISTIC.replace("[[blocks]]", "[[blocks]");
    fs::write(dir.path().join(DATA_FILE), &broken).unwrap();
    data.priorities[0].title = "mine".into();
    let err = format!("{:#}", store.save(&data, now()).unwrap_err());
    assert!(
        err.contains("changed outside lane and does not load"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join(DATA_FILE)).unwrap(),
        broken
    );
}

#[test]
fn a_symlinked_file_stays_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = tempfile::tempdir().unwrap();
    let real = real_dir.path().join("lane-data.toml");
    fs::write(&real, REALISTIC).unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join(DATA_FILE)).unwrap();
    let (mut store, mut data) = open(&dir).unwrap();
    data.blockers.clear();
    store.save(&data, now()).unwrap();
    let link = fs::symlink_metadata(dir.path().join(DATA_FILE)).unwrap();
    assert!(link.file_type().is_symlink());
    assert!(!fs::read_to_string(&real).unwrap().contains("[[blockers]]"));
}

#[test]
fn a_failed_save_reports_and_keeps_the_old_file() {
    // Root ignores permissions, so break the disk another way: after opening, the
    // data dir is moved away and a plain file takes its place, so no temp file can
    // be created there.
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join(DATA_FILE), REALISTIC).unwrap();
    let (mut store, mut data) = Store::open(&dir, Access::Session).unwrap();
    let moved = parent.path().join("moved");
    fs::rename(&dir, &moved).unwrap();
    fs::write(&dir, "not a directory").unwrap();
    data.priorities.clear();
    let err = format!("{:#}", store.save(&data, now()).unwrap_err());
    assert!(
        err.contains("cannot save") || err.contains("changed outside"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(moved.join(DATA_FILE)).unwrap(),
        REALISTIC
    );
}

#[test]
fn a_read_only_open_never_writes() {
    let dir = dir_with(REALISTIC);
    let (mut store, data) = Store::open(dir.path(), Access::Read).unwrap();
    assert!(store.save(&data, now()).is_err());
    assert_eq!(
        fs::read_to_string(dir.path().join(DATA_FILE)).unwrap(),
        REALISTIC
    );
    assert!(
        !dir.path().join("lane.lock").exists(),
        "reading takes no lock"
    );
}

const V0: &str = r#"version = 0
# written by an early draft of lane
[[priorities]]
id = 1
title = "Ship billing"
done = false

[[priorities]]
id = 2
title = "Old launch"
done = true

[[blocks]]
id = 1
date = "2026-11-23"
time = "09:00-10:30"
title = "billing spec"
"#;

#[test]
fn an_older_version_is_backed_up_migrated_and_saved() {
    let dir = dir_with(V0);
    // Reading alone (lane check, lane list) migrates in memory and writes nothing.
    let (_, data) = Store::open(dir.path(), Access::Read).unwrap();
    assert_eq!(data.priorities[1].status, lane::model::PriorityStatus::Done);
    assert_eq!(fs::read_to_string(dir.path().join(DATA_FILE)).unwrap(), V0);
    assert!(!dir.path().join("backups").exists());
    // A writer backs up the original, then saves the new layout.
    let (_, data) = open(&dir).unwrap();
    assert_eq!(data.blocks[0].start.format("%H:%M").to_string(), "09:00");
    let backups: Vec<_> = fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(
        fs::read_to_string(&backups[0]).unwrap(),
        V0,
        "the backup is the original"
    );
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&backups[0]), 0o600);
    assert_eq!(mode(&dir.path().join("backups")), 0o700);
    let text = fs::read_to_string(dir.path().join(DATA_FILE)).unwrap();
    assert!(text.starts_with("version = 1\n"), "{text}");
    assert!(
        text.contains("status = \"done\"") && text.contains("end = \"10:30\""),
        "{text}"
    );
    let (_, again) = Store::open(dir.path(), Access::Read).unwrap();
    assert_eq!(again, data);
}

#[test]
fn every_file_lane_writes_is_private() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("fresh");
    let (mut store, mut data) = Store::open(&dir, Access::Session).unwrap();
    data.extra.insert("x".into(), toml::Value::Integer(1));
    store.save(&data, now()).unwrap();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700, "the data dir");
    assert_eq!(mode(&dir.join(DATA_FILE)), 0o600);
    assert_eq!(mode(&dir.join("lane.lock")), 0o600);
    // Nothing is written anywhere else: the parent holds only the data dir.
    let names: Vec<_> = fs::read_dir(parent.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["fresh"]);
}

#[test]
fn a_save_that_failed_succeeds_once_the_disk_is_back() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join(DATA_FILE), REALISTIC).unwrap();
    let (mut store, mut data) = Store::open(&dir, Access::Session).unwrap();
    data.priorities[0].title = "changed".into();
    // The disk goes away…
    let away = parent.path().join("away");
    fs::rename(&dir, &away).unwrap();
    fs::create_dir(&dir).unwrap();
    fs::create_dir(dir.join(DATA_FILE)).unwrap();
    assert!(store.save(&data, now()).is_err());
    // …and comes back: the same change, still in memory, saves.
    fs::remove_dir_all(&dir).unwrap();
    fs::rename(&away, &dir).unwrap();
    store.save(&data, now()).unwrap();
    let (_, again) = Store::open(&dir, Access::Read).unwrap();
    assert_eq!(again.priorities[0].title, "changed");
}

#[test]
fn old_closed_items_move_to_a_yearly_archive_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let end = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let year = lane::demo::generate(365, 5, end);
    let (mut store, _) = open(&dir).unwrap();
    store.save(&year, now()).unwrap();
    let mut data = year.clone();
    let cutoff = end - chrono::Duration::days(30);
    let moved = store.archive(&mut data, cutoff).unwrap();
    assert!(moved > 1000, "{moved}");
    let live_size = fs::metadata(dir.path().join(DATA_FILE)).unwrap().len();
    assert!(live_size < 200_000, "live file {live_size} bytes");
    let archived = store.load_archive().unwrap();
    let all = lane::model::archive::combine(&data, archived.clone());
    assert_eq!(lane::demo::entries(&all), lane::demo::entries(&year));
    for f in fs::read_dir(dir.path().join("archive")).unwrap() {
        let mode = f.unwrap().metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // A new item never takes an archived id.
    let max_archived = archived
        .iter()
        .flat_map(|y| y.blocks.iter().map(|b| b.id))
        .max()
        .unwrap();
    assert!(data.next_id(lane::model::Kind::Block) > max_archived);
    // Running again moves nothing more.
    assert_eq!(store.archive(&mut data, cutoff).unwrap(), 0);
}

#[test]
fn a_crash_between_archive_and_live_file_is_healed() {
    let dir = tempfile::tempdir().unwrap();
    let end = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let year = lane::demo::generate(120, 9, end);
    let cutoff = end - chrono::Duration::days(30);
    // Archive once in a scratch dir to get the archive files as they would be…
    let scratch = tempfile::tempdir().unwrap();
    let (mut s, _) = open(&scratch).unwrap();
    s.save(&year, now()).unwrap();
    let mut moved = year.clone();
    s.archive(&mut moved, cutoff).unwrap();
    drop(s);
    // …then put them beside a live file that still holds everything: the state
    // after a crash between the two writes.
    fs::create_dir(dir.path().join("archive")).unwrap();
    for f in fs::read_dir(scratch.path().join("archive")).unwrap() {
        let f = f.unwrap();
        fs::copy(f.path(), dir.path().join("archive").join(f.file_name())).unwrap();
    }
    fs::write(
        dir.path().join(DATA_FILE),
        lane::store::to_toml(&year).unwrap(),
    )
    .unwrap();
    let (mut store, mut data) = open(&dir).unwrap();
    store.archive(&mut data, cutoff).unwrap();
    let all = lane::model::archive::combine(&data, store.load_archive().unwrap());
    assert_eq!(
        lane::demo::entries(&all),
        lane::demo::entries(&year),
        "no duplicates, nothing lost"
    );
    assert_eq!(data, moved);
}

/// Lines of `after` that differ from `before`, after the common head and tail.
fn changed_region<'a>(before: &'a str, after: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let head = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let tail = b[head..]
        .iter()
        .rev()
        .zip(a[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (
        b[head..b.len() - tail].to_vec(),
        a[head..a.len() - tail].to_vec(),
    )
}

/// A hand-written file keeps its comments, spacing and key order: a change from
/// the command line or from the app touches only the lines of what changed.
#[test]
fn writes_edit_the_file_and_keep_its_hand_formatting() {
    let hand = REALISTIC.replace(
        "title = \"billing spec\"",
        "title   = \"billing spec\"   # aligned",
    );
    let dir = dir_with(&hand);
    // The app's path: a session changes one field of a block.
    let (mut store, mut data) = open(&dir).unwrap();
    data.blocks[0].kind = lane::model::BlockKind::Shallow;
    store.save(&data, now()).unwrap();
    let after = fs::read_to_string(dir.path().join(DATA_FILE)).unwrap();
    assert_eq!(
        changed_region(&hand, &after),
        (vec!["kind = \"deep\""], vec!["kind = \"shallow\""])
    );
    assert!(after.contains("# a comment a person wrote") && after.contains("# aligned"));
    // The command line's path: closing the priority touches its own lines only.
    crate::common::lane(dir.path())
        .args(["done", "priority", "1"])
        .assert()
        .success();
    let later = fs::read_to_string(dir.path().join(DATA_FILE)).unwrap();
    let (gone, came) = changed_region(&after, &later);
    assert!(gone.contains(&"status = \"active\""), "{gone:?}");
    assert!(
        came.contains(&"status = \"done\"") && came.contains(&"closed = \"2026-11-23\""),
        "{came:?}"
    );
    assert!(
        came.iter().chain(&gone).all(|l| !l.starts_with('[')),
        "only the priority's own lines changed: {gone:?} → {came:?}"
    );
    // A new item is appended; what was there stays byte for byte.
    crate::common::lane(dir.path())
        .args(["add", "blocker", "vendor quote"])
        .assert()
        .success();
    let last = fs::read_to_string(dir.path().join(DATA_FILE)).unwrap();
    let (gone, came) = changed_region(&later, &last);
    assert!(gone.iter().all(|l| l.is_empty()), "{gone:?}");
    assert!(came.contains(&"title = \"vendor quote\""), "{came:?}");
}
