//! What differs between two versions of the data: the items each has that
//! the other lacks or holds otherwise (the undo history's record of a
//! change), how many there are, and what two lists start and end with alike.

use std::collections::{HashMap, HashSet};

use crate::model::{Data, Kind, List};

/// The items that differ between two versions, as each has them (an item
/// absent on one side was added or removed there). By uid through maps: a
/// year's plan is compared in linear time.
pub fn differing(before: &Data, after: &Data) -> (Data, Data) {
    let (mut b, mut a) = (Data::default(), Data::default());
    macro_rules! touched {
        ($list:ident) => {
            // What both start and end with is the same item in the same place
            // (a uid is an item's own): only the run between is looked up, so
            // a change of one item does not index the whole plan.
            let (was, is) = changed_runs(&before.$list, &after.$list);
            let was_by_uid: HashMap<&str, _> = was.iter().map(|x| (x.uid.as_str(), x)).collect();
            let is_by_uid: HashMap<&str, _> = is.iter().map(|y| (y.uid.as_str(), y)).collect();
            for x in was {
                if is_by_uid.get(x.uid.as_str()) != Some(&x) {
                    b.$list.push(x.clone());
                }
            }
            for y in is {
                if was_by_uid.get(y.uid.as_str()) != Some(&y) {
                    a.$list.push(y.clone());
                }
            }
        };
    }
    touched!(priorities);
    touched!(blocks);
    touched!(blockers);
    touched!(decisions);
    touched!(reviews);
    touched!(series);
    (b, a)
}

/// The runs of `before` and `after` left once what both start and end with
/// (equal item by equal item) is set aside.
fn changed_runs<'a, T: PartialEq>(before: &'a [T], after: &'a [T]) -> (&'a [T], &'a [T]) {
    let (start, end) = common_ends(before, after);
    (
        &before[start..before.len() - end],
        &after[start..after.len() - end],
    )
}

/// How many items `before` and `after` start with alike, and how many of the
/// rest they end with alike (never overlapping): a change of one item leaves
/// all but that one on either side.
pub fn common_ends<T: PartialEq>(before: &[T], after: &[T]) -> (usize, usize) {
    let start = before.iter().zip(after).take_while(|(x, y)| x == y).count();
    let end = before[start..]
        .iter()
        .rev()
        .zip(after[start..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (start, end)
}

/// How many items differ between two versions (added, removed or changed), by uid.
pub fn changed_items(a: &Data, b: &Data) -> usize {
    Kind::ALL
        .into_iter()
        .map(|kind| changed_of_kind(a, b, kind))
        .sum()
}

/// How many items of one kind differ between two versions.
pub fn changed_of_kind(a: &Data, b: &Data, kind: Kind) -> usize {
    let uids = |l: &dyn List| -> HashSet<String> {
        (0..l.len())
            .filter_map(|i| l.uid_at(i).map(str::to_string))
            .collect()
    };
    let (ua, ub) = (uids(a.list(kind)), uids(b.list(kind)));
    ua.symmetric_difference(&ub).count() + changed_in_place(a, b, kind)
}

/// Items of `kind` present in both versions whose content differs.
fn changed_in_place(a: &Data, b: &Data, kind: Kind) -> usize {
    macro_rules! count {
        ($list:ident) => {{
            let theirs: HashMap<&str, _> = b.$list.iter().map(|y| (y.uid.as_str(), y)).collect();
            a.$list
                .iter()
                .filter(|x| theirs.get(x.uid.as_str()).is_some_and(|y| *y != *x))
                .count()
        }};
    }
    match kind {
        Kind::Priority => count!(priorities),
        Kind::Block => count!(blocks),
        Kind::Blocker => count!(blockers),
        Kind::Decision => count!(decisions),
        Kind::Review => count!(reviews),
    }
}
