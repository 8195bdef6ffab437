use proptest::prelude::*;

use super::*;
use crate::model::test_util::{add, at, cases};
use crate::model::{Data, Kind, PriorityStatus, Update};

fn now() -> NaiveDateTime {
    at("2026-11-24", "12:00")
}

fn counter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("C{n}")
    }
}

/// A base with `n` items of each kind but reviews, each with a uid of its own.
fn base(n: usize) -> Data {
    let mut data = Data::default();
    for i in 0..n {
        add(&mut data, Kind::Priority, &[("title", &format!("p{i}"))]).unwrap();
        add(
            &mut data,
            Kind::Block,
            &[
                ("title", &format!("b{i}")),
                ("time", &format!("{}-{}", 9 + i, 10 + i)),
            ],
        )
        .unwrap();
        add(&mut data, Kind::Blocker, &[("title", &format!("x{i}"))]).unwrap();
        add(
            &mut data,
            Kind::Decision,
            &[("situation", &format!("d{i}"))],
        )
        .unwrap();
    }
    for p in &mut data.priorities {
        p.uid = format!("P{}", p.id);
    }
    for b in &mut data.blocks {
        b.uid = format!("B{}", b.id);
    }
    for b in &mut data.blockers {
        b.uid = format!("X{}", b.id);
    }
    for d in &mut data.decisions {
        d.uid = format!("D{}", d.id);
    }
    data
}

fn merged(b: &Data, o: &Data, t: &Data) -> Merged {
    merge(b, o, t, now(), &mut counter()).unwrap()
}

#[test]
fn a_change_on_one_side_is_taken_and_both_sides_changes_are_kept() {
    let b = base(2);
    let (mut o, mut t) = (b.clone(), b.clone());
    o.priorities[0].title = "ours".into();
    t.priorities[1].title = "theirs".into();
    t.blocks[0].title = "theirs too".into();
    let m = merged(&b, &o, &t);
    assert_eq!(m.conflicts, 0);
    assert_eq!(m.data.priorities[0].title, "ours");
    assert_eq!(m.data.priorities[1].title, "theirs");
    assert_eq!(m.data.blocks[0].title, "theirs too");
}

#[test]
fn the_same_field_changed_twice_is_a_conflict_that_keeps_both() {
    let b = base(1);
    let (mut o, mut t) = (b.clone(), b.clone());
    o.priorities[0].title = "ours".into();
    t.priorities[0].title = "theirs".into();
    let m = merged(&b, &o, &t);
    assert_eq!(m.conflicts, 1);
    assert_eq!(m.data.priorities[0].title, "ours");
    let c = &m.data.conflicts[0];
    assert_eq!(
        (c.kind.as_str(), c.item.as_str(), c.field.as_str()),
        ("priorities", "P1", "title")
    );
    assert_eq!(c.kept, Some(Value::String("ours".into())));
    assert_eq!(c.other, Some(Value::String("theirs".into())));
    assert_eq!((c.id, c.when), (1, now()));
}

#[test]
fn a_value_wins_over_its_removal() {
    let b = base(1);
    let (mut o, mut t) = (b.clone(), b.clone());
    o.priorities[0].outcome = String::new();
    let mut b = b;
    b.priorities[0].outcome = "base".into();
    t.priorities[0].outcome = "theirs".into();
    let m = merged(&b, &o, &t);
    assert_eq!(m.data.priorities[0].outcome, "theirs");
    assert_eq!(m.data.conflicts[0].other, None, "the removal is on record");
}

#[test]
fn deleted_and_untouched_is_deleted_deleted_and_edited_is_kept_with_a_note() {
    let b = base(2);
    let (mut o, mut t) = (b.clone(), b.clone());
    o.priorities.remove(0);
    o.blocks.remove(1);
    t.blocks[1].title = "edited there".into();
    let m = merged(&b, &o, &t);
    assert!(m.data.priorities.iter().all(|p| p.uid != "P1"));
    let kept = m.data.blocks.iter().find(|x| x.uid == "B2").unwrap();
    assert_eq!(kept.title, "edited there");
    assert_eq!(m.conflicts, 1);
    assert_eq!(m.data.conflicts[0].field, "*");
    assert_eq!(m.data.conflicts[0].other, None);
}

#[test]
fn update_logs_are_the_union_in_date_order() {
    let b = base(1);
    let (mut o, mut t) = (b.clone(), b.clone());
    let note = |d: &str, n: &str| Update {
        date: crate::model::test_util::day(d),
        note: n.into(),
        extra: Extra::new(),
    };
    o.priorities[0].updates.push(note("2026-11-25", "ours"));
    t.priorities[0].updates.push(note("2026-11-24", "theirs"));
    let m = merged(&b, &o, &t);
    let notes: Vec<&str> = m.data.priorities[0]
        .updates
        .iter()
        .map(|u| u.note.as_str())
        .collect();
    assert_eq!(notes, ["theirs", "ours"]);
    assert_eq!(m.conflicts, 0);
}

#[test]
fn the_same_new_id_on_both_sides_renumbers_ours_and_its_references() {
    let b = base(1);
    let (mut o, mut t) = (b.clone(), b.clone());
    add(&mut o, Kind::Priority, &[("title", "ours new")]).unwrap();
    o.priorities[1].uid = "OURS".into();
    add(
        &mut o,
        Kind::Block,
        &[("title", "for ours"), ("time", "14-15"), ("priority", "2")],
    )
    .unwrap();
    o.blocks[1].uid = "OB".into();
    add(&mut t, Kind::Priority, &[("title", "theirs new")]).unwrap();
    t.priorities[1].uid = "THEIRS".into();
    let m = merged(&b, &o, &t);
    let id_of = |uid: &str| m.data.priorities.iter().find(|p| p.uid == uid).unwrap().id;
    assert_eq!(id_of("THEIRS"), 2);
    assert_eq!(id_of("OURS"), 3);
    let block = m.data.blocks.iter().find(|b| b.uid == "OB").unwrap();
    assert_eq!(block.priority, Some(3), "the reference followed");
    assert_eq!(m.renumbered.len(), 1);
    assert!(
        m.renumbered[0].contains("priority 2 is now priority 3"),
        "{:?}",
        m.renumbered
    );
}

#[test]
fn archived_ids_on_either_side_stay_taken() {
    let b = base(1);
    let (mut o, mut t) = (b.clone(), b.clone());
    o.archived_ids.priorities = 9;
    t.archived_ids.blocks = 4;
    let m = merged(&b, &o, &t);
    assert_eq!(
        (m.data.archived_ids.priorities, m.data.archived_ids.blocks),
        (9, 4)
    );
}

#[test]
fn new_items_never_take_an_id_the_other_sides_archive_holds() {
    // Two machines that started apart: ours archived priorities 1–5 and keeps 6
    // live; theirs made 1–2 (and a block pointing at 2).
    let b = Data::default();
    let mut o = base(0);
    add(&mut o, Kind::Priority, &[("title", "ours live")]).unwrap();
    o.priorities[0].id = 6;
    o.priorities[0].uid = "O6".into();
    o.archived_ids.priorities = 5;
    let mut t = base(2);
    t.blocks[1].priority = Some(2);
    let m = merged(&b, &o, &t);
    let mut ids: Vec<u32> = m.data.priorities.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    assert!(ids.iter().all(|id| *id > 5), "{ids:?}");
    ids.dedup();
    assert_eq!(ids.len(), 3);
    let p1 = m.data.priorities.iter().find(|p| p.uid == "P2").unwrap();
    let block = m.data.blocks.iter().find(|x| x.uid == "B2").unwrap();
    assert_eq!(block.priority, Some(p1.id), "references follow");
    assert!(
        m.renumbered.iter().any(|r| r.contains("archive holds")),
        "{:?}",
        m.renumbered
    );
    // And the other way round: ours new, below their archive.
    let (mut o, mut t) = (base(0), base(0));
    add(&mut o, Kind::Priority, &[("title", "ours new")]).unwrap();
    o.priorities[0].uid = "N1".into();
    t.archived_ids.priorities = 3;
    let m = merged(&b, &o, &t);
    assert!(m.data.priorities[0].id > 3, "{:?}", m.data.priorities[0].id);
}

/// One edit a user can make on one side.
#[derive(Debug, Clone)]
enum Edit {
    Title(usize, usize, String),
    Note(usize, String),
    Status(usize, bool),
    Delete(usize, usize),
    Add(usize, String),
}

const KINDS: [Kind; 4] = [Kind::Priority, Kind::Block, Kind::Blocker, Kind::Decision];

fn edit() -> impl Strategy<Value = Edit> {
    let word = "[a-z]{1,6}";
    prop_oneof![
        (0..4usize, 0..4usize, word).prop_map(|(k, i, w)| Edit::Title(k, i, w)),
        (0..4usize, word).prop_map(|(i, w)| Edit::Note(i, w)),
        (0..4usize, any::<bool>()).prop_map(|(i, d)| Edit::Status(i, d)),
        (0..4usize, 0..4usize).prop_map(|(k, i)| Edit::Delete(k, i)),
        (0..4usize, word).prop_map(|(k, w)| Edit::Add(k, w)),
    ]
}

fn apply(data: &mut Data, edits: &[Edit], side: &str) {
    for (n, e) in edits.iter().enumerate() {
        match e {
            Edit::Title(k, i, w) => match KINDS[*k] {
                Kind::Priority => data
                    .priorities
                    .get_mut(*i)
                    .into_iter()
                    .for_each(|x| x.title = w.clone()),
                Kind::Block => data
                    .blocks
                    .get_mut(*i)
                    .into_iter()
                    .for_each(|x| x.title = w.clone()),
                Kind::Blocker => data
                    .blockers
                    .get_mut(*i)
                    .into_iter()
                    .for_each(|x| x.title = w.clone()),
                _ => data
                    .decisions
                    .get_mut(*i)
                    .into_iter()
                    .for_each(|x| x.situation = w.clone()),
            },
            Edit::Note(i, w) => {
                if let Some(p) = data.priorities.get_mut(*i) {
                    p.updates.push(Update {
                        date: now().date(),
                        note: format!("{side}{w}"),
                        extra: Extra::new(),
                    });
                }
            }
            Edit::Status(i, done) => {
                let status = if *done {
                    PriorityStatus::Done
                } else {
                    PriorityStatus::Paused
                };
                if let Some(p) = data.priorities.get_mut(*i) {
                    crate::model::ops::set_status(p, status, now().date());
                }
            }
            Edit::Delete(k, i) => {
                if *i < data.list(KINDS[*k]).len() {
                    data.list_mut(KINDS[*k]).remove(*i);
                }
            }
            Edit::Add(k, w) => {
                let kind = KINDS[*k];
                let title = if kind == Kind::Decision {
                    "situation"
                } else {
                    "title"
                };
                let mut fields = vec![(title, w.as_str())];
                if kind == Kind::Block {
                    fields.push(("time", "16-17"));
                }
                if let Ok(id) = add(data, kind, &fields) {
                    let uid = format!("{side}{n}");
                    let list = data.list(kind);
                    let at = list.position(id).unwrap();
                    match kind {
                        Kind::Priority => data.priorities[at].uid = uid,
                        Kind::Block => data.blocks[at].uid = uid,
                        Kind::Blocker => data.blockers[at].uid = uid,
                        _ => data.decisions[at].uid = uid,
                    }
                }
            }
        }
    }
}

/// Each item's whole value, to tell an untouched item from an edited one.
fn wholes(d: &Data) -> HashMap<String, String> {
    let mut out = HashMap::new();
    out.extend(
        d.priorities
            .iter()
            .map(|x| (x.uid.clone(), format!("{x:?}"))),
    );
    out.extend(d.blocks.iter().map(|x| (x.uid.clone(), format!("{x:?}"))));
    out.extend(d.blockers.iter().map(|x| (x.uid.clone(), format!("{x:?}"))));
    out.extend(
        d.decisions
            .iter()
            .map(|x| (x.uid.clone(), format!("{x:?}"))),
    );
    out
}

fn titles(d: &Data) -> HashMap<String, String> {
    let mut out = HashMap::new();
    out.extend(
        d.priorities
            .iter()
            .map(|x| (x.uid.clone(), x.title.clone())),
    );
    out.extend(d.blocks.iter().map(|x| (x.uid.clone(), x.title.clone())));
    out.extend(d.blockers.iter().map(|x| (x.uid.clone(), x.title.clone())));
    out.extend(
        d.decisions
            .iter()
            .map(|x| (x.uid.clone(), x.situation.clone())),
    );
    out
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(cases(2_000, 1_000_000)) })]

    /// Random edits on two copies of a base: every edit of either side is in the
    /// result, except where both changed the same field — then one conflict holds
    /// both values. merge(b, x, x) = x and merge(b, b, y) = y.
    #[test]
    fn merging_random_edits_keeps_every_edit_or_a_conflict(
        n in 1usize..4,
        ours_edits in proptest::collection::vec(edit(), 0..8),
        theirs_edits in proptest::collection::vec(edit(), 0..8),
    ) {
        let b = base(n);
        let (mut o, mut t) = (b.clone(), b.clone());
        apply(&mut o, &ours_edits, "o");
        apply(&mut t, &theirs_edits, "t");
        prop_assert_eq!(&merged(&b, &o, &o).data, &o);
        prop_assert_eq!(&merged(&b, &b, &t).data, &t);
        let m = merged(&b, &o, &t);
        let (bt, ot, tt, mt) = (titles(&b), titles(&o), titles(&t), titles(&m.data));
        let (bw, ow, tw) = (wholes(&b), wholes(&o), wholes(&t));
        let conflict = |uid: &str, field: &str| {
            m.data.conflicts.iter().any(|c| c.item == uid && c.field == field)
        };
        for (uid, title) in &bt {
            match (ot.get(uid), tt.get(uid)) {
                (None, None) => prop_assert!(!mt.contains_key(uid)),
                (None, Some(_)) | (Some(_), None) => {
                    let left = ow.get(uid).or(tw.get(uid));
                    if left == bw.get(uid) {
                        prop_assert!(!mt.contains_key(uid), "deleted and untouched: {}", uid);
                    } else {
                        prop_assert!(mt.contains_key(uid) && conflict(uid, "*"), "deleted and edited: {}", uid);
                    }
                }
                (Some(o), Some(t)) => {
                    let got = &mt[uid];
                    if o == t || t == title {
                        prop_assert_eq!(got, o);
                    } else if o == title {
                        prop_assert_eq!(got, t);
                    } else {
                        prop_assert_eq!(got, o);
                        let field = if uid.starts_with('D') { "situation" } else { "title" };
                        prop_assert!(conflict(uid, field), "no conflict for {} {}", uid, field);
                    }
                }
            }
        }
        // Items added on either side are there; their notes too. The same
        // block planned on both sides is one block, under theirs's uid.
        let twin = |uid: &str| -> Option<String> {
            let ob = o.blocks.iter().find(|x| x.uid == uid)?;
            t.blocks
                .iter()
                .find(|x| {
                    !bt.contains_key(&x.uid)
                        && (x.date, x.start, x.end, &x.title, x.kind, x.priority)
                            == (ob.date, ob.start, ob.end, &ob.title, ob.kind, ob.priority)
                })
                .map(|x| x.uid.clone())
        };
        for uid in ot.keys().chain(tt.keys()).filter(|u| !bt.contains_key(*u)) {
            let kept = mt.contains_key(uid) || twin(uid).is_some_and(|t| mt.contains_key(&t));
            prop_assert!(kept, "added {} lost", uid);
        }
        let all_notes = |d: &Data| -> Vec<String> {
            d.priorities.iter().flat_map(|p| p.updates.iter().map(|u| u.note.clone())).collect()
        };
        let result = all_notes(&m.data);
        for note in all_notes(&o).into_iter().chain(all_notes(&t)) {
            prop_assert!(result.contains(&note), "note {} lost", note);
        }
        // Every conflict holds two different values.
        for c in &m.data.conflicts {
            prop_assert!(c.kept != c.other);
        }
        // The result saves and loads back the same.
        let text = toml::to_string(&m.data).unwrap();
        let back: Data = toml::from_str(&text).unwrap();
        prop_assert_eq!(back, m.data);
    }
}

/// One machine holds two entries for a date (a hand edit), the other only the
/// shared one: the second is not taken for the shared one's twin (it would
/// have left two entries under one uid, a file lane refuses).
#[test]
fn a_second_entry_for_a_date_on_one_side_is_kept_as_it_is() {
    let day = chrono::NaiveDate::from_ymd_opt(2025, 10, 19).unwrap();
    let entry = |id: u32, uid: &str| crate::model::Review {
        id,
        uid: uid.into(),
        date: day,
        ..Default::default()
    };
    let base = Data {
        reviews: vec![entry(1, "R1")],
        ..Data::default()
    };
    let mut ours = base.clone();
    ours.reviews[0].tomorrow = vec![4];
    ours.reviews.push(entry(2, "R2"));
    let m = merged(&base, &ours, &base);
    assert!(m.data.problems().is_empty());
    assert_eq!(m.data, ours);
}
