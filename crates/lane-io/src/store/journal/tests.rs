use super::*;
use lane_core::model::Data;

fn change(n: u32) -> Change {
    let mut after = Data::default();
    let mut text = format!(
        "version = 1\n\n[[priorities]]\nid = {n}\nuid = \"P{n}\"\ntitle = \"outcome {n}\"\n"
    );
    // A value of the user's own that only TOML says exactly.
    text.push_str("mine = 1979-05-27T07:32:00Z\n");
    after.priorities = toml::from_str::<Data>(&text).unwrap().priorities;
    Change::of(format!("added priority {n}"), &Data::default(), &after).unwrap()
}

fn whats(history: &History) -> (Vec<String>, Vec<String>) {
    let w = |l: &[Change]| l.iter().map(|c| c.what.clone()).collect();
    (w(&history.undo), w(&history.redo))
}

#[test]
fn appended_events_replay_as_the_history_they_made() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = History::default();
    for n in 1..=3 {
        append(dir.path(), Event::record(&change(n)).unwrap()).unwrap();
        expected.record(change(n));
    }
    append(dir.path(), Event::Undo).unwrap();
    append(dir.path(), Event::Undo).unwrap();
    append(dir.path(), Event::Redo).unwrap();
    let change = expected.undo.pop().unwrap();
    expected.redo.push(change);
    let change = expected.undo.pop().unwrap();
    expected.redo.push(change);
    let change = expected.redo.pop().unwrap();
    expected.undo.push(change);
    let read = read(dir.path()).unwrap();
    assert_eq!(read, expected);
    assert_eq!(
        whats(&read),
        (
            vec!["added priority 1".into(), "added priority 2".into()],
            vec!["added priority 3".into()]
        )
    );
    // The unknown key's date came back as the date it was.
    let mine = &read.undo[0].after.priorities[0].extra["mine"];
    assert!(mine.is_datetime(), "{mine:?}");
}

#[test]
fn a_line_a_crash_cut_short_costs_that_step_only() {
    let dir = tempfile::tempdir().unwrap();
    append(dir.path(), Event::record(&change(1)).unwrap()).unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    let whole = serde_json::to_string(&Event::record(&change(2)).unwrap()).unwrap();
    let mut file = OpenOptions::new().append(true).open(&path).unwrap();
    file.write_all(&whole.as_bytes()[..whole.len() / 2])
        .unwrap();
    append(dir.path(), Event::record(&change(3)).unwrap()).unwrap();
    assert_eq!(
        whats(&read(dir.path()).unwrap()).0,
        ["added priority 1", "added priority 3"]
    );
}

#[test]
fn an_earlier_history_is_taken_in_once_and_its_file_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut earlier = History::default();
    earlier.record(change(1));
    earlier.record(change(2));
    let undone = earlier.undo.pop().unwrap();
    earlier.redo.push(undone);
    std::fs::write(
        dir.path().join(HISTORY_FILE),
        toml::to_string(&earlier).unwrap(),
    )
    .unwrap();
    assert_eq!(read(dir.path()).unwrap(), earlier);
    append(dir.path(), Event::Redo).unwrap();
    assert!(!dir.path().join(HISTORY_FILE).exists());
    assert_eq!(
        whats(&read(dir.path()).unwrap()),
        (
            vec!["added priority 1".into(), "added priority 2".into()],
            vec![]
        )
    );
}

#[test]
fn a_journal_grown_past_its_size_is_written_again_holding_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    let path = dir.path().join(JOURNAL_FILE);
    while std::fs::metadata(&path).map_or(0, |m| m.len()) < COMPACT_AT {
        n += 1;
        append(dir.path(), Event::record(&change(n)).unwrap()).unwrap();
    }
    let before = read(dir.path()).unwrap();
    assert_eq!(before.undo.len(), lane_core::model::history::DEPTH);
    append(dir.path(), Event::Undo).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < COMPACT_AT / 2, "{size} bytes after the rewrite");
    let after = read(dir.path()).unwrap();
    assert_eq!(
        after.undo.len() + after.redo.len(),
        lane_core::model::history::DEPTH
    );
    assert_eq!(after.redo[0], before.undo[before.undo.len() - 1]);
}

#[test]
fn a_symlink_in_the_journals_place_is_replaced_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::write(&elsewhere, "keep me\n").unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.path().join(JOURNAL_FILE)).unwrap();
    append(dir.path(), Event::record(&change(1)).unwrap()).unwrap();
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "keep me\n");
    assert!(
        !std::fs::symlink_metadata(dir.path().join(JOURNAL_FILE))
            .unwrap()
            .is_symlink()
    );
    assert_eq!(whats(&read(dir.path()).unwrap()).0, ["added priority 1"]);
}
