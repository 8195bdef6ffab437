//! The index itself: written by archiving, made again when missing, stale or
//! broken, and read for a past day.

use super::*;
use crate::store::Access;
use crate::store::archive::read_optional_data;
use lane_core::model::Kind;

/// A store with 200 days of demo data, archived: its years and their files.
fn archived() -> (tempfile::TempDir, Store, Data) {
    let dir = tempfile::tempdir().unwrap();
    let end = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let year = lane_core::demo::generate(200, 5, end);
    let (mut store, _) = Store::open(dir.path(), Access::Session).unwrap();
    let now = end.and_hms_opt(9, 0, 0).unwrap();
    store.save(&year, now).unwrap();
    let mut live = year.clone();
    let moved = store
        .archive(&mut live, end - chrono::Duration::days(30))
        .unwrap();
    assert!(moved > 100, "{moved}");
    (dir, store, live)
}

fn index_texts(store: &Store) -> Vec<(PathBuf, String)> {
    store
        .archive_paths(i32::MIN)
        .unwrap()
        .into_iter()
        .map(|y| {
            let text = fs::read_to_string(index_path(&y)).unwrap();
            (y, text)
        })
        .collect()
}

/// What each year file holds, read from the year itself.
fn truth(store: &Store) -> Vec<Vec<Indexed>> {
    store.load_archive().unwrap().iter().map(index_of).collect()
}

fn indexed(store: &Store) -> Vec<Vec<Indexed>> {
    let years = store.archive_indexes().unwrap();
    years.into_iter().map(|y| y.items()).collect()
}

#[test]
fn archiving_writes_an_index_of_each_year_it_writes() {
    let (_dir, store, _) = archived();
    let texts = index_texts(&store);
    assert!(!texts.is_empty(), "a year was archived");
    // Every year's index holds what the year holds, and is trusted as written.
    for (year, _) in &texts {
        let held = index_of(&read_optional_data(year).unwrap().unwrap());
        assert!(!held.is_empty());
        assert_eq!(trusted(year).map(|i| i.items()), Some(held));
    }
}

#[test]
fn a_deleted_index_is_made_again() {
    let (_dir, store, _) = archived();
    let texts = index_texts(&store);
    for (year, _) in &texts {
        fs::remove_file(index_path(year)).unwrap();
    }
    assert_eq!(indexed(&store), truth(&store));
    for (year, _) in &texts {
        assert!(trusted(year).is_some(), "written back: {}", year.display());
    }
}

#[test]
fn a_year_edited_by_hand_makes_its_index_again() {
    let (_dir, store, _) = archived();
    let (year, _) = index_texts(&store).remove(0);
    let mut data = read_optional_data(&year).unwrap().unwrap();
    let gone = data.priorities.remove(0);
    data.blocks[0].title = "renamed by hand".into();
    fs::write(&year, crate::store::to_toml(&data).unwrap()).unwrap();
    assert!(trusted(&year).is_none(), "the old index is stale");
    let now = indexed(&store);
    assert_eq!(now, truth(&store));
    assert!(!now[0].iter().any(|i| i.uid == gone.uid));
    assert_eq!(store.find_archived(Kind::Priority, gone.id).unwrap(), None);
    assert!(now[0].iter().any(|i| i.title == "renamed by hand"));
}

#[test]
fn a_hand_broken_index_is_made_again_not_believed() {
    let (_dir, store, _) = archived();
    let (year, text) = index_texts(&store).remove(0);
    let first = read_optional_data(&year).unwrap().unwrap().priorities[0].clone();
    // Entries edited (the stamp kept): the item is moved to another id.
    let lied = text.replacen(
        &format!("priorities\t{}\t", first.id),
        "priorities\t999999\t",
        1,
    );
    assert_ne!(lied, text);
    fs::write(index_path(&year), lied).unwrap();
    assert_eq!(indexed(&store), truth(&store));
    assert_eq!(store.find_archived(Kind::Priority, 999_999).unwrap(), None);
    let (found, file) = store
        .find_archived(Kind::Priority, first.id)
        .unwrap()
        .unwrap();
    assert!(found.priorities.contains(&first));
    assert!(file.starts_with("archive/"), "{file}");
    // Not TOML at all: made again too.
    fs::write(index_path(&year), "not [ an index").unwrap();
    assert_eq!(indexed(&store), truth(&store));
}

#[test]
fn titles_and_uids_with_tabs_breaks_and_backslashes_read_back_whole() {
    let items = vec![Indexed {
        kind: "blocks".into(),
        id: 7,
        uid: "u\\1\t".into(),
        dates: vec![NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()],
        title: "a\tb\nc\\n\r d\\".into(),
    }];
    let text = render("1:2", &items, None);
    assert_eq!(text.lines().count(), 6, "{text}");
    let read = read_stored(&text).map(|(stamp, i)| (stamp, i.items(), i.ranges));
    assert_eq!(read, Some(("1:2", items, None)));
    let changed = text.replace("a\\tb", "a\\tB");
    assert!(read_stored(&changed).is_none(), "checked");
}

#[test]
fn a_past_day_reads_only_the_years_with_blocks_that_day() {
    let (_dir, store, _) = archived();
    let all = lane_core::model::archive::combine(&Data::default(), store.load_archive().unwrap());
    let day = all.blocks[0].date;
    let after = lane_core::model::limits::shift_days(day, 1);
    let years = store.load_archive_for_days(day, after).unwrap();
    assert_eq!(years.len(), 1, "one year holds the day");
    let on_day = |d: &Data| {
        d.blocks
            .iter()
            .filter(|b| b.date == day)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(on_day(&years[0]), on_day(&all));
}
