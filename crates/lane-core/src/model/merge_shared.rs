//! Items both sides of a merge added with one uid: a recurring block's day (or
//! anything else whose uid is derived, not random) made on two machines. The
//! merge matches them by uid; this gives them one id, so they meet as one item.

use std::collections::{HashMap, HashSet};

use super::merge::{renumber, uids_of};
use super::{Data, Kind};

/// The uids `side` added since `base`.
pub(super) fn added_by(base: &Data, side: &Data, kind: Kind) -> HashSet<String> {
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
pub(super) fn same_ids_for_same_uids(base: &Data, ours: &mut Data, theirs: &Data) {
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
        let first = ours.next_id(kind).max(theirs.next_id(kind));
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

/// Days of a series one side edited alone (`detached`) while the other left them
/// to the series: the edited side's fields are taken. Returns their uids.
pub(super) fn own_days_win(data: &mut Data, ours: &Data, theirs: &Data) -> Vec<String> {
    fn by_uid(d: &Data) -> HashMap<&str, &super::Block> {
        d.blocks
            .iter()
            .filter(|b| b.series.is_some())
            .map(|b| (b.uid.as_str(), b))
            .collect()
    }
    if !data.blocks.iter().any(|b| b.series.is_some() && b.detached) {
        return Vec::new();
    }
    let (o, t) = (by_uid(ours), by_uid(theirs));
    let mut settled = Vec::new();
    for b in data
        .blocks
        .iter_mut()
        .filter(|b| b.series.is_some() && b.detached)
    {
        let (Some(ob), Some(tb)) = (o.get(b.uid.as_str()), t.get(b.uid.as_str())) else {
            continue;
        };
        let edited = match (ob.detached, tb.detached) {
            (false, true) => tb,
            (true, false) => ob,
            _ => continue,
        };
        b.title = edited.title.clone();
        (b.date, b.start, b.end) = (edited.date, edited.start, edited.end);
        (b.kind, b.priority) = (edited.kind, edited.priority);
        settled.push(b.uid.clone());
    }
    settled
}
