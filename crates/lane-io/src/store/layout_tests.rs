//! A file in lane's own layout is written in that layout without being parsed
//! for editing; one with anything of the user's in it is edited, never rewritten.

use super::*;
use chrono::NaiveDate;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

fn demo() -> Data {
    lane_core::demo::generate(30, 7, day())
}

#[test]
fn lanes_layout_may_lack_blank_lines_but_holds_nothing_else_of_its_own() {
    let canonical = to_toml(&demo()).unwrap();
    assert!(in_lanes_layout(&canonical, &canonical));
    let squeezed = canonical.replacen("\n\n[[blocks]]", "\n[[blocks]]", 1);
    assert_ne!(squeezed, canonical);
    assert!(in_lanes_layout(&squeezed, &canonical));
    let spaced = canonical.replacen("\n\n[[blocks]]", "\n\n\n[[blocks]]", 1);
    assert!(!in_lanes_layout(&spaced, &canonical));
    let commented = canonical.replacen("\n\n[[blocks]]", "\n# mine\n[[blocks]]", 1);
    assert!(!in_lanes_layout(&commented, &canonical));
    let aligned = canonical.replacen("title = ", "title  = ", 1);
    assert!(!in_lanes_layout(&aligned, &canonical));
}

#[test]
fn a_write_over_lanes_layout_is_lanes_layout_of_the_new_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = demo();
    let canonical = to_toml(&data).unwrap();
    // As a lane before this one left it: a blank line missing.
    let squeezed = canonical.replacen("\n\n[[blocks]]", "\n[[blocks]]", 1);
    std::fs::write(dir.path().join(DATA_FILE), &squeezed).unwrap();
    let (mut store, mut data) = Store::open(dir.path(), Access::Write(LOCK_WAIT)).unwrap();
    data.priorities[0].title = "renamed".into();
    // A key this item did not have, which lane writes before others it has.
    data.priorities[0].due = Some(day());
    store
        .save(&data, day().and_hms_opt(9, 0, 0).unwrap())
        .unwrap();
    let written = std::fs::read_to_string(dir.path().join(DATA_FILE)).unwrap();
    assert_eq!(written, to_toml(&data).unwrap());
    assert!(store.doc.is_none(), "nothing was parsed for editing");
}

#[test]
fn a_write_over_a_hand_formatted_file_keeps_what_the_user_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let canonical = to_toml(&demo()).unwrap();
    let mine = canonical.replacen("\n\n[[blocks]]", "\n\n# my blocks\n[[blocks]]", 1);
    std::fs::write(dir.path().join(DATA_FILE), &mine).unwrap();
    let (mut store, mut data) = Store::open(dir.path(), Access::Write(LOCK_WAIT)).unwrap();
    data.priorities[0].title = "renamed".into();
    store
        .save(&data, day().and_hms_opt(9, 0, 0).unwrap())
        .unwrap();
    let written = std::fs::read_to_string(dir.path().join(DATA_FILE)).unwrap();
    assert!(written.contains("# my blocks\n[[blocks]]"), "{written}");
    assert_eq!(parse(Path::new("x"), written.as_bytes()).unwrap(), data);
}

#[test]
fn lanes_own_last_write_is_known_at_the_next_write_and_a_hand_edit_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let data = demo();
    // A status bar asked once: its copy is kept current from then on.
    std::fs::write(dir.path().join(STATUS_FILE), "").unwrap();
    let (mut store, _) = Store::open(dir.path(), Access::Write(LOCK_WAIT)).unwrap();
    store
        .save(&data, day().and_hms_opt(9, 0, 0).unwrap())
        .unwrap();
    drop(store);
    let path = dir.path().join(DATA_FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    let (store, _) = Store::open(dir.path(), Access::Write(LOCK_WAIT)).unwrap();
    assert_eq!(
        store.layout,
        Some(Layout::Exact),
        "known from the parsed copy"
    );
    drop(store);
    std::fs::remove_file(dir.path().join(CACHE_FILE)).unwrap();
    let (mut store, _) = Store::open(dir.path(), Access::Write(LOCK_WAIT)).unwrap();
    assert_eq!(store.layout, None, "a read never asks");
    assert!(
        store.layout_known(hash(text.as_bytes())),
        "known from the status copy"
    );
    assert!(store.base_is_canonical());
    drop(store);
    std::fs::write(&path, text.replacen("\n\n", "\n\n# mine\n", 1)).unwrap();
    let (mut store, mut data) = Store::open(dir.path(), Access::Write(LOCK_WAIT)).unwrap();
    let mine = std::fs::read(&path).unwrap();
    assert!(!store.layout_known(hash(&mine)), "to be found out");
    assert!(!store.base_is_canonical());
    data.priorities[0].title = "renamed".into();
    store
        .save(&data, day().and_hms_opt(9, 0, 0).unwrap())
        .unwrap();
    assert!(std::fs::read_to_string(&path).unwrap().contains("# mine"));
}
