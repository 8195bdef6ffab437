use proptest::prelude::*;

use super::canonical_after;
use crate::store::to_toml;
use lane_core::model::BlockKind;
use lane_core::model::Data;
use lane_core::model::items::Extra;
use lane_core::model::items::{Block, Priority, Update};
use lane_core::model::test_util::{cases, day};

fn priority(id: u32, title: &str, notes: usize) -> Priority {
    Priority {
        id,
        uid: format!("U{id}"),
        title: title.into(),
        updates: (0..notes)
            .map(|n| Update {
                date: day("2026-12-01"),
                note: format!("note {n} of {title}"),
                extra: Extra::new(),
            })
            .collect(),
        ..Priority::default()
    }
}

fn block(id: u32, title: &str) -> Block {
    let mut block =
        lane_core::model::test_util::block(id, "2026-12-07", "09:00", "10:00", BlockKind::Deep);
    block.title = title.into();
    block
}

fn data(priorities: Vec<Priority>, blocks: Vec<Block>) -> Data {
    Data {
        priorities,
        blocks,
        ..Data::default()
    }
}

/// `canonical_after` either declines or makes exactly the whole serialisation.
fn check(old: &Data, new: &Data) -> bool {
    let old_text = to_toml(old).unwrap();
    match canonical_after(&old_text, old, new) {
        Some(text) => {
            assert_eq!(text, to_toml(new).unwrap());
            true
        }
        None => false,
    }
}

#[test]
fn one_item_added_changed_or_removed_is_spliced_exactly() {
    let old = data(
        (1..=4).map(|i| priority(i, &format!("p{i}"), 2)).collect(),
        (10..=12).map(|i| block(i, &format!("b{i}"))).collect(),
    );
    let mut added = old.clone();
    added.priorities.push(priority(5, "new", 0));
    assert!(check(&old, &added), "added at the end");
    let mut first = old.clone();
    first.priorities.insert(0, priority(6, "first", 1));
    assert!(check(&old, &first), "added in front");
    let mut changed = old.clone();
    changed.priorities[2].title = "renamed\nover two lines".into();
    changed.blocks[0].title = "moved".into();
    assert!(check(&old, &changed), "two kinds changed");
    for at in 0..4 {
        let mut removed = old.clone();
        removed.priorities.remove(at);
        assert!(check(&old, &removed), "removed {at}");
    }
    let mut last_block = old.clone();
    last_block.blocks.pop();
    assert!(check(&old, &last_block), "the file's last table removed");
}

#[test]
fn what_it_cannot_place_it_declines() {
    let old = data(vec![priority(1, "p1", 0)], vec![]);
    let mut first_block = old.clone();
    first_block.blocks.push(block(2, "b"));
    assert!(!check(&old, &first_block), "a kind appearing");
    let mut emptied = old.clone();
    emptied.priorities.clear();
    assert!(!check(&old, &emptied), "a kind emptied");
    let mut frame = old.clone();
    frame.archived_ids.priorities = 9;
    assert!(!check(&old, &frame), "not an item");
    // Keys lane does not know, the same but in another order (a merge
    // lists ours first): their text moves, so the whole is written.
    let mut known = old.clone();
    known.extra.insert("b".into(), toml::Value::Integer(1));
    known.extra.insert("a".into(), toml::Value::Integer(2));
    let mut reordered = old.clone();
    reordered.extra.insert("a".into(), toml::Value::Integer(2));
    reordered.extra.insert("b".into(), toml::Value::Integer(1));
    reordered.priorities[0].title = "changed".into();
    assert!(!check(&known, &reordered), "unknown keys reordered");
    // An item's whole text quoted in another's note: found twice.
    let one = priority(2, "two", 0);
    let quoted = to_toml(&data(vec![one.clone()], vec![])).unwrap();
    let mut old = data(vec![one, priority(3, "three", 0)], vec![]);
    old.priorities[1].updates.push(Update {
        date: day("2026-12-01"),
        note: quoted.replace("version = 1\n\n", ""),
        extra: Extra::new(),
    });
    let mut new = old.clone();
    new.priorities[0].title = "changed".into();
    assert!(!check(&old, &new));
}

fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{0,12}",
        Just("[[priorities]]\nid = 1".to_string()),
        Just("\"\"\"quoted'''\n".to_string()),
        "\\PC{0,8}",
    ]
}

#[derive(Debug, Clone)]
enum Change {
    Push(String),
    Insert(usize, String),
    Retitle(usize, String),
    Note(usize, String),
    Remove(usize),
    Swap(usize, usize),
    Block(usize, String),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        title().prop_map(Change::Push),
        (0..8usize, title()).prop_map(|(i, t)| Change::Insert(i, t)),
        (0..8usize, title()).prop_map(|(i, t)| Change::Retitle(i, t)),
        (0..8usize, title()).prop_map(|(i, t)| Change::Note(i, t)),
        (0..8usize).prop_map(Change::Remove),
        (0..8usize, 0..8usize).prop_map(|(a, b)| Change::Swap(a, b)),
        (0..4usize, title()).prop_map(|(i, t)| Change::Block(i, t)),
    ]
}

fn apply(data: &mut Data, change: &Change, next: &mut u32) {
    let n = data.priorities.len().max(1);
    let mut fresh = |t: &str| {
        *next += 1;
        priority(*next, t, 1)
    };
    match change {
        Change::Push(t) => data.priorities.push(fresh(t)),
        Change::Insert(i, t) => data
            .priorities
            .insert(i % (n + 1).min(data.priorities.len() + 1), fresh(t)),
        Change::Retitle(i, t) => {
            if let Some(p) = data.priorities.get_mut(i % n) {
                p.title = t.clone();
            }
        }
        Change::Note(i, t) => {
            if let Some(p) = data.priorities.get_mut(i % n) {
                p.updates.push(Update {
                    date: day("2026-12-02"),
                    note: t.clone(),
                    extra: Extra::new(),
                });
            }
        }
        Change::Remove(i) => {
            if data.priorities.len() > 1 {
                data.priorities.remove(i % n);
            }
        }
        Change::Swap(a, b) => data.priorities.swap(a % n, b % n),
        Change::Block(i, t) => {
            let m = data.blocks.len();
            if let Some(b) = data.blocks.get_mut(i % m) {
                b.title = t.clone();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(200, 10_000)))]

    /// Whatever the changes, a spliced text is exactly the whole serialisation.
    #[test]
    fn a_spliced_text_is_the_whole_serialisation(
        titles in prop::collection::vec(title(), 1..6),
        changes in prop::collection::vec(change(), 1..4),
    ) {
        let mut next = 0;
        let mut old = data(vec![], vec![block(100, "b1"), block(101, "b2")]);
        for t in &titles {
            next += 1;
            old.priorities.push(priority(next, t, next as usize % 3));
        }
        let mut new = old.clone();
        for c in &changes {
            apply(&mut new, c, &mut next);
        }
        check(&old, &new);
    }
}
