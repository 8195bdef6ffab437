//! Ids across the two sides of a merge. Ids are small and given out on each
//! machine, so two sides can give one id to different items, or make one item
//! (a recurring block's day, whose uid is derived, not random) under two ids,
//! or reuse an id the other side's archive holds. Before the merge, the side
//! that must moves to a free id, and everything of it that pointed at the old
//! one follows; items both sides added with one uid take one id, so they meet
//! as one item.

use std::collections::{HashMap, HashSet};

use crate::model::{Data, Kind};

/// The uids of items `ours` added or changed since `base`, per kind.
fn touched(base: &Data, ours: &Data, kind: Kind) -> HashSet<String> {
    macro_rules! diff {
        ($list:ident) => {
            ours.$list
                .iter()
                .filter(|x| !base.$list.iter().any(|b| b == *x))
                .map(|x| x.uid.clone())
                .collect()
        };
    }
    match kind {
        Kind::Priority => diff!(priorities),
        Kind::Block => diff!(blocks),
        Kind::Blocker => diff!(blockers),
        Kind::Decision => diff!(decisions),
        Kind::Review => diff!(reviews),
    }
}

/// Items of ours (new, or edited while the other side deleted them) whose id the
/// other side gave to a different item: ours moves to a free id, and what of ours
/// pointed at it follows. Returns what was renumbered, in words.
fn renumber_clashes(base: &Data, ours: &mut Data, theirs: &Data) -> Vec<String> {
    let mut said = Vec::new();
    for kind in Kind::ALL {
        let ids = |d: &Data| -> Vec<(u32, String)> {
            let list = d.list(kind);
            (0..list.len())
                .filter_map(|i| Some((list.id_at(i)?, list.uid_at(i)?.to_string())))
                .collect()
        };
        let theirs_ids = ids(theirs);
        let touched = touched(base, ours, kind);
        // What both sides added with one uid takes their id instead (below).
        let shared = added_by(base, theirs, kind);
        let mut clashes: Vec<u32> = ids(ours)
            .into_iter()
            .filter(|(id, uid)| {
                !uid.is_empty()
                    && touched.contains(uid)
                    && !shared.contains(uid)
                    && theirs_ids.iter().any(|(i, u)| i == id && u != uid)
            })
            .map(|(id, _)| id)
            .collect();
        clashes.sort_unstable();
        let first = ours.id_after_all(kind).max(theirs.id_after_all(kind));
        said.extend(move_to_free(ours, kind, clashes, first, |id, free, noun| {
            format!("your {noun} {id} is now {noun} {free}: the other side gave {id} to another {noun}")
        }));
    }
    said
}

/// Gives each of `ids` the next free id from `first` on (references follow) and
/// says each move.
fn move_to_free(
    side: &mut Data,
    kind: Kind,
    ids: Vec<u32>,
    first: u32,
    why: impl Fn(u32, u32, &str) -> String,
) -> Vec<String> {
    (first..)
        .zip(ids)
        .map(|(free, id)| {
            renumber(side, kind, id, free);
            why(id, free, kind.noun())
        })
        .collect()
}

fn uids_of(d: &Data, kind: Kind) -> HashSet<&str> {
    let list = d.list(kind);
    (0..list.len()).filter_map(|i| list.uid_at(i)).collect()
}

/// Items new on `side` (not in the base) whose id is within what `other` has
/// archived, by kind.
fn new_below_floor(base: &Data, side: &Data, other: &Data, kind: Kind) -> Vec<u32> {
    let floor = other.archived_ids.get(kind);
    if floor == 0 {
        return Vec::new();
    }
    let base_uids = uids_of(base, kind);
    let list = side.list(kind);
    let mut ids: Vec<u32> = (0..list.len())
        .filter_map(|i| Some((list.id_at(i)?, list.uid_at(i)?)))
        .filter(|(id, uid)| *id <= floor && !uid.is_empty() && !base_uids.contains(uid))
        .map(|(id, _)| id)
        .collect();
    ids.sort_unstable();
    ids
}

fn below_floor(base: &Data, side: &Data, other: &Data) -> bool {
    Kind::ALL
        .into_iter()
        .any(|kind| !new_below_floor(base, side, other, kind).is_empty())
}

fn renumber_below_floor(base: &Data, side: &mut Data, other: &Data, whose: &str) -> Vec<String> {
    let mut said = Vec::new();
    for kind in Kind::ALL {
        let moving = new_below_floor(base, side, other, kind);
        let first = side.id_after_all(kind).max(other.id_after_all(kind));
        said.extend(move_to_free(side, kind, moving, first, |id, free, noun| {
            format!("{whose} {noun} {id} is now {noun} {free}: the other side's archive holds {id}")
        }));
    }
    said
}

/// Gives item `from` of `kind` the id `to`, and points every reference at it.
fn renumber(data: &mut Data, kind: Kind, from: u32, to: u32) {
    let swap = |x: &mut u32| {
        if *x == from {
            *x = to;
        }
    };
    let swap_opt = |x: &mut Option<u32>| {
        if *x == Some(from) {
            *x = Some(to);
        }
    };
    macro_rules! ids {
        ($list:expr) => {
            for item in $list.iter_mut() {
                swap(&mut item.id);
            }
        };
    }
    match kind {
        Kind::Priority => {
            ids!(data.priorities);
            data.blocks
                .iter_mut()
                .for_each(|b| swap_opt(&mut b.priority));
            data.blockers
                .iter_mut()
                .for_each(|b| swap_opt(&mut b.priority));
            data.series
                .iter_mut()
                .for_each(|x| swap_opt(&mut x.priority));
            for r in &mut data.reviews {
                r.tomorrow.iter_mut().for_each(swap);
                r.progress.iter_mut().for_each(|p| swap(&mut p.priority));
                if let Some(p) = &mut r.plan {
                    p.focus.iter_mut().for_each(swap);
                    p.acknowledged_checkpoints.iter_mut().for_each(swap);
                }
            }
        }
        Kind::Block => {
            ids!(data.blocks);
            for r in &mut data.reviews {
                r.blocks.iter_mut().for_each(|b| swap(&mut b.block));
                if let Some(p) = &mut r.plan {
                    p.carried.iter_mut().for_each(swap);
                }
            }
        }
        Kind::Blocker => {
            ids!(data.blockers);
            for r in &mut data.reviews {
                r.blockers.iter_mut().for_each(|b| swap(&mut b.blocker));
                if let Some(p) = &mut r.plan {
                    p.acknowledged_blockers.iter_mut().for_each(swap);
                }
            }
        }
        Kind::Decision => {
            ids!(data.decisions);
            for r in &mut data.reviews {
                r.reported.iter_mut().for_each(swap);
                if let Some(p) = &mut r.plan {
                    p.acknowledged_decisions.iter_mut().for_each(swap);
                }
            }
        }
        Kind::Review => ids!(data.reviews),
    }
}

/// The uids `side` added since `base`.
fn added_by(base: &Data, side: &Data, kind: Kind) -> HashSet<String> {
    let base_uids = uids_of(base, kind);
    uids_of(side, kind)
        .into_iter()
        .filter(|uid| !uid.is_empty() && !base_uids.contains(uid))
        .map(str::to_string)
        .collect()
}

/// Items both sides added with one uid (a recurring block's occurrence, made on
/// each machine from the same series) take the other side's id, so they merge
/// into one item instead of an id conflict; where that id is still ours for
/// another item, they move to a free one. Runs after `renumber_clashes`, which
/// has moved what of ours stood in the way.
fn same_ids_for_same_uids(base: &Data, ours: &mut Data, theirs: &Data) {
    for kind in Kind::ALL {
        let shared = added_by(base, theirs, kind);
        if shared.is_empty() {
            continue;
        }
        let pairs = |d: &Data| -> Vec<(u32, String)> {
            let list = d.list(kind);
            (0..list.len())
                .filter_map(|i| Some((list.id_at(i)?, list.uid_at(i)?.to_string())))
                .collect()
        };
        let theirs_ids: HashMap<String, u32> = pairs(theirs)
            .into_iter()
            .map(|(id, uid)| (uid, id))
            .collect();
        let moving: Vec<(u32, u32)> = pairs(ours)
            .into_iter()
            .filter(|(_, uid)| shared.contains(uid))
            .filter_map(|(id, uid)| Some((id, *theirs_ids.get(&uid)?)))
            .filter(|(id, to)| id != to)
            .collect();
        // First every copy steps aside to a free id, so that two of them
        // swapping ids never meet; then each takes their id where it is free.
        let first = ours.id_after_all(kind).max(theirs.id_after_all(kind));
        let aside: Vec<(u32, u32)> = (first..)
            .zip(moving)
            .map(|(free, (id, to))| {
                renumber(ours, kind, id, free);
                (free, to)
            })
            .collect();
        let list = ours.list(kind);
        let held: HashSet<u32> = (0..list.len()).filter_map(|i| list.id_at(i)).collect();
        for (free, to) in aside {
            if !held.contains(&to) {
                renumber(ours, kind, free, to);
            }
        }
    }
}

/// Ids made safe to merge: ours moves off ids theirs gave to other items,
/// items both sides added take one id, and new items on either side move off
/// ids the other side's archive gave out. Returns their side when it had to
/// move (cloned only then) and what was renumbered.
pub(super) fn align(base: &Data, ours: &mut Data, theirs: &Data) -> (Option<Data>, Vec<String>) {
    let mut renumbered = renumber_clashes(base, ours, theirs);
    same_ids_for_same_uids(base, ours, theirs);
    renumbered.extend(renumber_below_floor(base, ours, theirs, "your"));
    // Their new items may hold ids our archive already gave out (two machines,
    // one that archived): those move too, or the archive would hold two items
    // with one id.
    let ours: &Data = ours;
    let theirs_moved = below_floor(base, theirs, ours).then(|| {
        let mut t = theirs.clone();
        renumbered.extend(renumber_below_floor(base, &mut t, ours, "their"));
        t
    });
    (theirs_moved, renumbered)
}
