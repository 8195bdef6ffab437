//! A conflict inside a list of an item (a review's line per outcome or per
//! block) names the entry it is about, and taking the other value puts it in
//! that entry — found in the two-machine trial, where `lane conflicts take`
//! said "`progress` is not a table" and the description did not say which
//! outcome's line met another.

use super::*;
use crate::model::items::ProgressNote;
use crate::model::merge::merge;
use crate::model::test_util::{add, at};
use crate::model::{Extra, Review};

fn note(priority: u32, text: &str) -> ProgressNote {
    ProgressNote {
        priority,
        note: text.into(),
        extra: Extra::new(),
    }
}

/// Two outcomes and a review of Monday; both machines wrote a different line
/// for outcome 1, and only one wrote one for outcome 2.
fn two_reviews() -> Data {
    let mut base = Data::default();
    add(&mut base, Kind::Priority, &[("title", "Ship billing v3")]).unwrap();
    add(
        &mut base,
        Kind::Priority,
        &[("title", "Hire a data engineer")],
    )
    .unwrap();
    base.reviews.push(Review {
        id: 1,
        uid: "R1".into(),
        date: crate::model::test_util::day("2026-12-07"),
        progress: vec![note(1, "no change"), note(2, "no change")],
        ..Default::default()
    });
    let (mut o, mut t) = (base.clone(), base.clone());
    o.reviews[0].progress = vec![note(1, "laptop line"), note(2, "no change")];
    t.reviews[0].progress = vec![note(1, "desktop line"), note(2, "shortlist done")];
    let mut n = 0;
    let mut uid = || {
        n += 1;
        format!("C{n}")
    };
    merge(&base, &o, &t, at("2026-12-07", "18:10"), &mut uid)
        .unwrap()
        .data
}

#[test]
fn the_conflict_names_the_outcome_whose_line_met_another() {
    let data = two_reviews();
    assert_eq!(data.conflicts.len(), 1, "{:?}", data.conflicts);
    let said = describe(&data, &data.conflicts[0]);
    assert_eq!(
        said,
        "review 1 progress note for priority 1 “Ship billing v3”: kept “laptop line”, \
         the other side had “desktop line”"
    );
}

#[test]
fn taking_the_other_value_puts_it_in_that_entry_only() {
    let mut data = two_reviews();
    let id = data.conflicts[0].id;
    let said = settle(&mut data, id, true).unwrap();
    assert_eq!(
        said,
        "review 1 progress note for priority 1 “Ship billing v3” is now “desktop line” (the other side's)"
    );
    let notes: Vec<(u32, &str)> = data.reviews[0]
        .progress
        .iter()
        .map(|n| (n.priority, n.note.as_str()))
        .collect();
    assert_eq!(notes, [(1, "desktop line"), (2, "shortlist done")]);
    assert!(data.conflicts.is_empty());
}

#[test]
fn keeping_says_the_entry_too() {
    let mut data = two_reviews();
    let id = data.conflicts[0].id;
    let said = settle(&mut data, id, false).unwrap();
    assert_eq!(
        said,
        "review 1 progress note for priority 1 “Ship billing v3” stays “laptop line”"
    );
    assert_eq!(data.reviews[0].progress[0].note, "laptop line");
}

/// A conflict an older lane wrote (no entry in its path) cannot be taken: it
/// says why and what settles it, and nothing changes.
#[test]
fn an_old_conflict_without_its_entry_says_keep_settles_it() {
    let mut data = two_reviews();
    data.conflicts[0].field = "progress.note".into();
    let before = data.clone();
    let id = data.conflicts[0].id;
    let why = settle(&mut data, id, true).unwrap_err();
    assert!(
        why.contains("`progress` is a list and the conflict does not say which of its entries")
            && why.contains("lane conflicts keep 1"),
        "{why}"
    );
    assert_eq!(data, before);
}
