//! The ranges of an archive year: right for lane's own layout, never used on
//! other bytes than those they were taken from, and absent for any other
//! layout — in each case a past day reads what the year file holds now.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::super::{YearIndex, index_path, read_stored, render, stamp_of, trusted, write_stored};
use super::*;
use crate::store::archive::read_optional_data;
use crate::store::{Access, Store};
use lane_core::model::limits::shift_days;

/// A store with 200 days of demo data archived, and its first year's file
/// (the one holding the most blocks, so a day in it is a working day).
fn archived() -> (tempfile::TempDir, Store, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let end = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut data = lane_core::demo::generate(200, 5, end);
    // A title that holds what looks like a table's header on its own line.
    data.blocks[3].title = "notes\n[[blocks]]\nid = 1\n'''\"\"\" [x]".into();
    let (mut store, _) = Store::open(dir.path(), Access::Session).unwrap();
    store
        .save(&data, end.and_hms_opt(9, 0, 0).unwrap())
        .unwrap();
    store.archive(&mut data, shift_days(end, -30)).unwrap();
    let years = store.archive_paths(i32::MIN).unwrap();
    let year = years
        .into_iter()
        .max_by_key(|y| read_optional_data(y).unwrap().unwrap().blocks.len())
        .unwrap();
    (dir, store, year)
}

/// Each item of `data` alone, in the index's order.
fn singles(data: &Data) -> Vec<Data> {
    let mut out = Vec::new();
    macro_rules! each {
        ($list:ident) => {
            for x in &data.$list {
                let mut one = Data::default();
                one.$list.push(x.clone());
                out.push(one);
            }
        };
    }
    each!(priorities);
    each!(blocks);
    each!(blockers);
    each!(decisions);
    each!(reviews);
    out
}

fn whole(year: &Path) -> Data {
    read_optional_data(year).unwrap().unwrap()
}

/// The day of the `n`th block of the year, and the day after it.
fn day_of(year: &Path, n: usize) -> (NaiveDate, NaiveDate) {
    let day = whole(year).blocks[n].date;
    (day, shift_days(day, 1))
}

/// The blocks of `first..after` as the whole year file holds them now.
fn truth(year: &Path, (first, after): (NaiveDate, NaiveDate)) -> Vec<lane_core::model::Block> {
    let mut blocks = whole(year).blocks;
    blocks.retain(|b| (first..after).contains(&b.date));
    blocks
}

fn read_day(year: &Path, (first, after): (NaiveDate, NaiveDate)) -> Data {
    let index = super::super::index_or_rebuild(year).unwrap();
    index
        .read_picked(|k, _, dates| super::super::is_block_in(k, dates, first, after))
        .unwrap()
}

/// `text` with the title of the first block of `day` (by the index's range
/// of it) made `title`.
fn retitled(year: &Path, text: &str, day: (NaiveDate, NaiveDate), title: &str) -> String {
    let index = trusted(year).unwrap();
    let n = index.items().iter().position(|e| is_block(e, day));
    let span = index.ranges.unwrap().spans[n.unwrap()].clone();
    let old = format!("title = \"{}\"", truth(year, day)[0].title);
    let block = text[span.clone()].replacen(&old, &format!("title = \"{title}\""), 1);
    assert_ne!(block, text[span.clone()]);
    format!("{}{block}{}", &text[..span.start], &text[span.end..])
}

/// Whether the entry is a block of `day`.
fn is_block(entry: &Indexed, (first, after): (NaiveDate, NaiveDate)) -> bool {
    entry.kind == Kind::Block.table() && entry.dates.iter().any(|d| (first..after).contains(d))
}

/// The index as it was, stamped with the year file as it is now: what a
/// change that kept the file's size and times (a coarse clock) would leave.
fn restamp(year: &Path, old: &YearIndex) {
    let stamp = stamp_of(year).unwrap();
    write_stored(year, &stamp, &old.items(), old.ranges.as_ref()).unwrap();
    assert!(
        trusted(year).is_some(),
        "the stale index is trusted by stamp"
    );
}

#[test]
fn each_range_is_its_item_alone_in_lane_layout() {
    let (_dir, _store, year) = archived();
    let index = trusted(&year).expect("written by the archive");
    let ranges = index.ranges.clone().expect("lane's own layout has ranges");
    let bytes = fs::read(&year).unwrap();
    assert_eq!(ranges.content, hash(&bytes));
    assert_eq!(ranges.spans.len(), index.items().len());
    let data = whole(&year);
    let tricky = data.blocks.iter().any(|b| b.title.contains("[[blocks]]"));
    assert!(tricky, "the title with a header in it is in this year");
    // Every item read by its range alone is the item the whole parse holds.
    let singles = singles(&data);
    assert_eq!(singles.len(), index.items().len());
    for (n, (entry, span)) in index.items().iter().zip(&ranges.spans).enumerate() {
        let part = read_by_ranges(&bytes, &[(entry, span)]).unwrap();
        assert_eq!(part, singles[n], "entry {n}: {entry:?}");
    }
    // The day of the tricky title reads right by its ranges.
    let n = data
        .blocks
        .iter()
        .position(|b| b.title.contains("[["))
        .unwrap();
    let day = day_of(&year, n);
    assert_eq!(read_day(&year, day).blocks, truth(&year, day));
}

#[test]
fn ranges_taken_from_other_bytes_are_refused() {
    let (_dir, _store, year) = archived();
    let (day, other_day) = (day_of(&year, 40), day_of(&year, 10));
    assert_ne!(day, other_day);
    let old = trusted(&year).unwrap();
    let text = fs::read_to_string(&year).unwrap();
    // The same size, other bytes (a block of another day renamed in place),
    // and the old index still trusted by its stamp: the ranges of the day
    // would still read right, but they are refused all the same, and the
    // index is made again from the bytes as they are.
    let other_title = truth(&year, other_day)[0].title.clone();
    let renamed: String = other_title.chars().rev().collect();
    assert_ne!(renamed, other_title);
    let edited = retitled(&year, &text, other_day, &renamed);
    assert_eq!(edited.len(), text.len());
    fs::write(&year, &edited).unwrap();
    restamp(&year, &old);
    assert_eq!(read_day(&year, day).blocks, truth(&year, day));
    let content = |y: &Path| trusted(y).unwrap().ranges.map(|r| r.content);
    assert_eq!(content(&year), Some(hash(edited.as_bytes())));
    // A block of the day itself renamed so: read as it is now.
    let title = truth(&year, day)[0].title.clone();
    let renamed: String = title.chars().rev().collect();
    assert_ne!(renamed, title);
    let old = trusted(&year).unwrap();
    let again = retitled(&year, &edited, day, &renamed);
    fs::write(&year, &again).unwrap();
    restamp(&year, &old);
    let read = read_day(&year, day);
    assert_eq!(read.blocks, truth(&year, day));
    assert!(read.blocks.iter().any(|b| b.title == renamed), "read now");
    assert_eq!(content(&year), Some(hash(again.as_bytes())));
}

#[test]
fn a_range_that_reads_back_another_entry_is_refused() {
    let (_dir, _store, year) = archived();
    let day = day_of(&year, 40);
    let mut index = trusted(&year).unwrap();
    // Ranges that no longer match their entries, the bytes unchanged: every
    // range shifted by one entry, then one cut short.
    let mut ranges = index.ranges.clone().unwrap();
    ranges.spans.rotate_left(1);
    index.ranges = Some(ranges.clone());
    restamp(&year, &index);
    assert_eq!(read_day(&year, day).blocks, truth(&year, day));
    let mut short = trusted(&year).unwrap();
    let (entries, mut spans) = (short.items(), short.ranges.clone().unwrap());
    let n = entries.iter().position(|e| is_block(e, day)).unwrap();
    spans.spans[n].end -= 2;
    short.ranges = Some(spans);
    restamp(&year, &short);
    assert_eq!(read_day(&year, day).blocks, truth(&year, day));
    // Out of the file's bounds: refused too, never a panic.
    let mut wild = trusted(&year).unwrap();
    let mut spans = wild.ranges.clone().unwrap();
    spans.spans[n] = usize::MAX - 1..usize::MAX;
    wild.ranges = Some(spans);
    restamp(&year, &wild);
    assert_eq!(read_day(&year, day).blocks, truth(&year, day));
}

#[test]
fn a_year_in_another_layout_has_no_ranges_and_is_read_whole() {
    let (_dir, _store, year) = archived();
    let day = day_of(&year, 40);
    let text = fs::read_to_string(&year).unwrap();
    // Edited by hand: a comment, spaces around an `=`, a table of its own.
    let edits = [
        text.replacen("version = 1\n", "version = 1\n# kept by hand\n", 1),
        text.replacen("\nid = ", "\nid  =  ", 1),
        format!("{text}\n[extra]\nnote = \"mine\"\n"),
    ];
    for edited in edits {
        assert_ne!(edited, text);
        fs::write(&year, &edited).unwrap();
        let index = super::super::index_or_rebuild(&year).unwrap();
        assert!(index.ranges.is_none(), "no ranges for {:.60}", edited);
        assert_eq!(read_day(&year, day).blocks, truth(&year, day));
        assert!(!read_day(&year, day).blocks.is_empty());
    }
    // Written whole by lane again: ranges again.
    let data = whole(&year);
    let lane = crate::store::to_toml(&Data {
        extra: Default::default(),
        ..data
    })
    .unwrap();
    fs::write(&year, lane).unwrap();
    assert!(
        super::super::index_or_rebuild(&year)
            .unwrap()
            .ranges
            .is_some()
    );
}

#[test]
fn a_truncated_year_is_never_read_by_its_old_ranges() {
    let (_dir, _store, year) = archived();
    let day = day_of(&year, 40);
    let old = trusted(&year).unwrap();
    let text = fs::read_to_string(&year).unwrap();
    // Cut at the start of the last review: what is left is whole TOML.
    let last = text.rfind("\n[[reviews]]").unwrap();
    fs::write(&year, &text[..last]).unwrap();
    assert_eq!(read_day(&year, day).blocks, truth(&year, day));
    restamp(&year, &old);
    assert_eq!(read_day(&year, day).blocks, truth(&year, day));
    // Cut inside the day's first block: an error, never the day in part.
    let at = old.items().iter().position(|e| is_block(e, day));
    let span = old.ranges.as_ref().unwrap().spans[at.unwrap()].clone();
    fs::write(&year, &text.as_bytes()[..span.start + 20]).unwrap();
    restamp(&year, &old);
    let index = super::super::index_or_rebuild(&year).unwrap();
    let read = index.read_picked(|k, _, dates| super::super::is_block_in(k, dates, day.0, day.1));
    assert!(read.is_err(), "{read:?}");
}

#[test]
fn an_older_lanes_index_without_ranges_is_made_again() {
    let (_dir, _store, year) = archived();
    let index = trusted(&year).unwrap();
    // The format before ranges: its own header, no ranges line or field.
    let body: String = index
        .items()
        .iter()
        .map(|i| format!("{}\t{}\t{}\t\t{}\n", i.kind, i.id, i.uid, i.title))
        .collect();
    let check = crate::store::hash(body.as_bytes());
    let stamp = stamp_of(&year).unwrap();
    let older = format!("lane archive index 1\nstamp {stamp}\ncheck {check:016x}\n{body}");
    fs::write(index_path(&year), older).unwrap();
    assert!(trusted(&year).is_none());
    let made = super::super::index_or_rebuild(&year).unwrap();
    assert_eq!(made.ranges, index.ranges);
    assert!(trusted(&year).unwrap().ranges.is_some(), "written back");
}

#[test]
fn an_index_with_ranges_on_some_lines_only_is_not_believed() {
    let (_dir, _store, year) = archived();
    let index = trusted(&year).unwrap();
    let text = render("1:2", &index.items(), index.ranges.as_ref());
    assert!(read_stored(&text).is_some());
    // One line's range dropped, the check made again to match.
    let (head, body) = text.split_once("check ").unwrap();
    let (_, body) = body.split_once('\n').unwrap();
    let mut lines: Vec<String> = body.lines().map(str::to_string).collect();
    let mut fields: Vec<&str> = lines[3].split('\t').collect();
    fields[4] = "";
    lines[3] = fields.join("\t");
    let body = lines.join("\n") + "\n";
    let check = hash(body.as_bytes());
    let broken = format!("{head}check {check:016x}\n{body}");
    assert!(read_stored(&broken).is_none());
}

#[test]
fn a_symlinked_year_reads_its_target_and_a_new_target_makes_it_again() {
    let (dir, _store, year) = archived();
    let day = day_of(&year, 40);
    let elsewhere = dir.path().join("kept-year.toml");
    fs::rename(&year, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &year).unwrap();
    assert_eq!(read_day(&year, day).blocks, truth(&year, day));
    assert!(trusted(&year).unwrap().ranges.is_some());
    // Another target of the same bytes but one title: read anew.
    let text = fs::read_to_string(&elsewhere).unwrap();
    let other = dir.path().join("other-year.toml");
    fs::write(&other, retitled(&year, &text, day, "retargeted")).unwrap();
    fs::remove_file(&year).unwrap();
    std::os::unix::fs::symlink(&other, &year).unwrap();
    let read = read_day(&year, day);
    assert_eq!(read.blocks, truth(&year, day));
    assert!(read.blocks.iter().any(|b| b.title == "retargeted"));
}

#[test]
fn the_quick_hash_tells_any_one_byte_and_any_length_apart() {
    let text = b"version = 1\n\n[[blocks]]\nid = 3518\ntitle = \"spec\"\n".repeat(3);
    let mut seen = std::collections::HashSet::new();
    for len in 0..=text.len() {
        assert!(seen.insert(hash(&text[..len])), "length {len}");
    }
    for at in 0..text.len() {
        for bit in 0..8 {
            let mut changed = text.clone();
            changed[at] ^= 1 << bit;
            assert!(seen.insert(hash(&changed)), "byte {at} bit {bit}");
        }
    }
}

#[test]
fn a_day_without_archived_blocks_reads_the_nearest_days_blocks_only() {
    let (_dir, store, year) = archived();
    let all = whole(&year);
    let first_day = all.blocks.iter().map(|b| b.date).min().unwrap();
    let last_day = all.blocks.iter().map(|b| b.date).max().unwrap();
    let on = |day: NaiveDate| {
        let blocks = all.blocks.iter().filter(|b| b.date == day).cloned();
        blocks.collect::<Vec<_>>()
    };
    // Before every archived block: the first day's blocks, for "the next is on".
    let before = shift_days(first_day, -40);
    let read = store
        .load_archive_for_days(before, shift_days(before, 1))
        .unwrap();
    let read: Vec<_> = read.into_iter().flat_map(|d| d.blocks).collect();
    assert_eq!(read, on(first_day));
    // After every archived block (and before the live ones): the last day's.
    let after = shift_days(last_day, 1);
    let read = store
        .load_archive_for_days(after, shift_days(after, 1))
        .unwrap();
    let read: Vec<_> = read.into_iter().flat_map(|d| d.blocks).collect();
    assert_eq!(read, on(last_day));
}
