//! The undo history of a data dir: every change anyone made (a key in the app,
//! a command, a ritual, an import), as the items it touched before and after.
//!
//! Undo is three-way: taking a change back merges its reverse onto the data as
//! it is now, so whatever anybody saved since (another pane, a sync) stays —
//! and when nobody touched the change's items since, the merge would only
//! swap them back, so they are swapped (`swapped`), the plan not copied. The
//! app and `lane undo` read the one history, so a change made in the app can be
//! taken back from the command line after the app quit, and an outside write
//! never wipes what can be undone.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::Data;
use super::merge::{Conflict, differing, merge};

/// How many changes can be undone; older ones are forgotten.
pub const DEPTH: usize = 100;

/// One change: what it was, and the items it touched as they were and as it
/// left them (an item absent on one side was added or deleted there).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Change {
    pub what: String,
    pub before: Data,
    pub after: Data,
    /// Where touched items stood, by uid: the uid of the item just before it
    /// on each side ("" for the first place), so undo puts a deleted item back
    /// where it was and takes a reorder back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub places: BTreeMap<String, Place>,
    /// The fields in conflict on each side, when the change settled or made one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflicts: Option<(Vec<Conflict>, Vec<Conflict>)>,
}

/// The item an item followed, before and after a change.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Place {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// What can be undone and redone, newest last.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct History {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undo: Vec<Change>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redo: Vec<Change>,
}

/// Which way a step through the history goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Undo,
    Redo,
}

impl Step {
    /// Its name, as the command and the hooks' operation say it.
    pub fn name(self) -> &'static str {
        match self {
            Step::Undo => "undo",
            Step::Redo => "redo",
        }
    }
}

impl Change {
    /// The change from `before` to `after`, or `None` when nothing differs.
    pub fn of(what: impl Into<String>, before: &Data, after: &Data) -> Option<Change> {
        let (b, a) = differing(before, after);
        let mut places = BTreeMap::new();
        macro_rules! placed {
            ($list:ident) => {
                // Most changes leave every item where it was: nothing to place.
                if !before
                    .$list
                    .iter()
                    .map(|x| &x.uid)
                    .eq(after.$list.iter().map(|x| &x.uid))
                {
                    let was = predecessors(before.$list.iter().map(|x| x.uid.as_str()));
                    let is = predecessors(after.$list.iter().map(|x| x.uid.as_str()));
                    for (uid, pred) in &was {
                        if is.get(uid) != Some(pred) {
                            places
                                .entry(uid.to_string())
                                .or_insert_with(Place::default)
                                .before = Some(pred.to_string());
                        }
                    }
                    for (uid, pred) in &is {
                        if was.get(uid) != Some(pred) {
                            places
                                .entry(uid.to_string())
                                .or_insert_with(Place::default)
                                .after = Some(pred.to_string());
                        }
                    }
                }
            };
        }
        placed!(priorities);
        placed!(blocks);
        placed!(blockers);
        placed!(decisions);
        placed!(reviews);
        placed!(series);
        // An item that only moved is touched too: undo needs it on both sides.
        let mut b = b;
        let mut a = a;
        macro_rules! moved {
            ($list:ident) => {
                for x in &before.$list {
                    if places.contains_key(&x.uid) && !b.$list.iter().any(|y| y.uid == x.uid) {
                        b.$list.push(x.clone());
                    }
                }
                for x in &after.$list {
                    if places.contains_key(&x.uid) && !a.$list.iter().any(|y| y.uid == x.uid) {
                        a.$list.push(x.clone());
                    }
                }
            };
        }
        moved!(priorities);
        moved!(blocks);
        moved!(blockers);
        moved!(decisions);
        moved!(reviews);
        moved!(series);
        // What the data keeps of its own (an importer's record of what came in,
        // the priorities deleted here) goes back and forth with the change.
        if before.extra != after.extra {
            b.extra = before.extra.clone();
            a.extra = after.extra.clone();
        }
        let conflicts = (before.conflicts != after.conflicts)
            .then(|| (before.conflicts.clone(), after.conflicts.clone()));
        let empty = b == Data::default() && a == Data::default() && conflicts.is_none();
        (!empty).then(|| Change {
            what: what.into(),
            before: b,
            after: a,
            places,
            conflicts,
        })
    }

    /// `now` with this change taken back (`Step::Undo`) or made again
    /// (`Step::Redo`), keeping everything else saved since: the reverse is
    /// merged onto `now` from what the change left to what it found.
    pub fn apply(
        &self,
        step: Step,
        now: &Data,
        at: NaiveDateTime,
        uid: &mut dyn FnMut() -> String,
    ) -> Result<Data, String> {
        let (from, to) = match step {
            Step::Undo => (&self.after, &self.before),
            Step::Redo => (&self.before, &self.after),
        };
        let mut merged = || {
            let base = with_side(self, now, from);
            let theirs = with_side(self, now, to);
            merge(&base, now, &theirs, at, uid).map(|m| m.data)
        };
        let mut data = match swapped(self, now, from, to) {
            Some(mut swapped) => {
                self.put_in_place(step, &mut swapped);
                // Every step the tests take proves the shortcut the merge's equal.
                debug_assert_eq!(
                    Ok(&swapped),
                    merged()
                        .map(|mut m| {
                            self.put_in_place(step, &mut m);
                            m
                        })
                        .as_ref(),
                    "a swapped step differs from the merged one"
                );
                swapped
            }
            None => {
                let mut merged = merged()?;
                self.put_in_place(step, &mut merged);
                merged
            }
        };
        if let Some((before, after)) = &self.conflicts {
            let (from, to) = match step {
                Step::Undo => (after, before),
                Step::Redo => (before, after),
            };
            // Only when nobody settled or made another since.
            if data.conflicts == *from {
                data.conflicts = to.clone();
            }
        }
        Ok(data)
    }

    /// Moves each touched item back behind the item it followed on the side
    /// the step goes to, where that item still exists.
    fn put_in_place(&self, step: Step, data: &mut Data) {
        let side = match step {
            Step::Undo => &self.before,
            Step::Redo => &self.after,
        };
        let pred = |uid: &str| -> Option<&str> {
            let place = self.places.get(uid)?;
            match step {
                Step::Undo => place.before.as_deref(),
                Step::Redo => place.after.as_deref(),
            }
        };
        macro_rules! place {
            ($list:ident) => {
                for item in &side.$list {
                    let Some(after_uid) = pred(&item.uid) else {
                        continue;
                    };
                    let list = &mut data.$list;
                    let Some(from) = list.iter().position(|x| x.uid == item.uid) else {
                        continue;
                    };
                    let to = if after_uid.is_empty() {
                        Some(0)
                    } else {
                        list.iter().position(|x| x.uid == after_uid).map(|p| p + 1)
                    };
                    if let Some(to) = to {
                        let moving = list.remove(from);
                        let to = if to > from { to - 1 } else { to };
                        list.insert(to.min(list.len()), moving);
                    }
                }
            };
        }
        place!(priorities);
        place!(blocks);
        place!(blockers);
        place!(decisions);
        place!(reviews);
        place!(series);
    }
}

impl History {
    /// Records a new change: it can be undone, and nothing can be redone.
    pub fn record(&mut self, change: Change) {
        self.undo.push(change);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Takes one step: `now` with the newest change undone (or redone), and
    /// what it was. The change moves to the other list. `None`: nothing to take.
    pub fn step(
        &mut self,
        step: Step,
        now: &Data,
        at: NaiveDateTime,
        uid: &mut dyn FnMut() -> String,
    ) -> Option<Result<(String, Data), String>> {
        let (from, to) = match step {
            Step::Undo => (&mut self.undo, &mut self.redo),
            Step::Redo => (&mut self.redo, &mut self.undo),
        };
        let change = from.pop()?;
        match change.apply(step, now, at, uid) {
            Ok(data) => {
                let what = change.what.clone();
                to.push(change);
                Some(Ok((what, data)))
            }
            Err(why) => {
                // Not taken: it stays where it was.
                from.push(change);
                Some(Err(why))
            }
        }
    }
}

/// Each uid with the uid before it in the list ("" for the first).
fn predecessors<'a>(uids: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, &'a str> {
    let mut out = BTreeMap::new();
    let mut prev = "";
    for uid in uids {
        out.insert(uid, prev);
        prev = uid;
    }
    out
}

/// `now` with the touched items as `side` has them (the others as they are).
/// The step when nobody touched the change's items since (the common case:
/// `u` right after the change), without a merge: each touched item becomes
/// its version on the side the step goes to, where it stands; one that side
/// lacks goes, one only that side has is added at the end (`put_in_place`
/// then puts it back where it was). `None` when anything else happened — an
/// item or the keys beside them changed, gone or made again since, a series
/// involved, or a result the loader would refuse — and the step is merged
/// three ways.
fn swapped(change: &Change, now: &Data, from: &Data, to: &Data) -> Option<Data> {
    if !change.before.series.is_empty() || !change.after.series.is_empty() {
        return None;
    }
    let mut out = super::derived::kept(now).into_owned();
    // The keys a change keeps beside the items (a deletion's mark) go with it.
    if change.before.extra != change.after.extra {
        if out.extra != from.extra {
            return None;
        }
        out.extra = to.extra.clone();
    }
    macro_rules! swap {
        ($list:ident) => {
            let (was, is) = (&from.$list, &to.$list);
            if !was.is_empty() || !is.is_empty() {
                let untouched_since = was
                    .iter()
                    .all(|x| out.$list.iter().any(|y| y.uid == x.uid && y == x))
                    && is.iter().all(|y| {
                        was.iter().any(|x| x.uid == y.uid)
                            || !out.$list.iter().any(|z| z.uid == y.uid)
                    });
                if !untouched_since {
                    return None;
                }
                let mut list = Vec::with_capacity(out.$list.len() + is.len());
                for item in std::mem::take(&mut out.$list) {
                    if !was.iter().any(|x| x.uid == item.uid) {
                        list.push(item);
                    } else if let Some(other) = is.iter().find(|y| y.uid == item.uid) {
                        list.push(other.clone());
                    }
                }
                list.extend(
                    is.iter()
                        .filter(|y| !was.iter().any(|x| x.uid == y.uid))
                        .cloned(),
                );
                out.$list = list;
            }
        };
    }
    swap!(priorities);
    swap!(blocks);
    swap!(blockers);
    swap!(decisions);
    swap!(reviews);
    // As the merge leaves them: blocks in time order, the journal by date.
    out.blocks.sort_by_key(|b| (b.date, b.start));
    out.reviews.sort_by_key(|r| r.date);
    out.problems().is_empty().then_some(out)
}

fn with_side(change: &Change, now: &Data, side: &Data) -> Data {
    let mut out = now.clone();
    macro_rules! put {
        ($list:ident) => {
            let uids: std::collections::HashSet<&str> = change
                .before
                .$list
                .iter()
                .chain(&change.after.$list)
                .map(|x| x.uid.as_str())
                .collect();
            out.$list.retain(|x| !uids.contains(x.uid.as_str()));
            out.$list.extend(side.$list.iter().cloned());
        };
    }
    put!(priorities);
    put!(blocks);
    put!(blockers);
    put!(decisions);
    put!(reviews);
    put!(series);
    if change.before.extra != change.after.extra {
        out.extra = side.extra.clone();
    }
    out
}

#[cfg(test)]
mod tests;
