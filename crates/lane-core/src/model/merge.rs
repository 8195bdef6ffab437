//! Three-way merge of two versions of the data that grew from one base: the app's
//! and the file's, this machine's and another's. Pure: no IO, no clock.
//!
//! Items match by `uid` at every level (nested entries by their own key, or by
//! value when they are plain log lines), and merge field by field:
//! - a change on one side is taken;
//! - an item added on either side is kept; deleted on one side and untouched on
//!   the other, it is deleted; deleted on one side and edited on the other, it is
//!   kept with the edit, and a conflict says so;
//! - the same field changed to different values on both sides is a conflict:
//!   the value of `ours` (the writer saving now) is kept — except that a value
//!   always wins over its removal — and the other value is kept in
//!   `[[conflicts]]`, never dropped;
//! - logs (update notes, ladder steps) are the union of both, in date order;
//! - two sides that created items with the same small id: ours is renumbered
//!   before merging, and everything of ours that pointed at it follows.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use toml::{Table, Value};

use super::{Block, Data, Extra, Kind};

mod changed;
mod days;
mod ids;

pub use changed::{changed_items, changed_of_kind, common_ends, differing};

/// One field both sides changed differently. The data holds the kept value; the
/// other waits here until the user settles it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub id: u32,
    #[serde(default)]
    pub uid: String,
    /// Where the item lives: `priorities`, `blocks`, … (empty for a top-level key).
    pub kind: String,
    /// The item's uid.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub item: String,
    /// The field (`plan.step` when nested); `*` for the whole item.
    pub field: String,
    /// The value kept in the data; absent when the field (or item) was removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept: Option<Value>,
    /// The value the other side had; absent when it removed the field (or item).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<Value>,
    #[serde(with = "super::items::local_instant")]
    pub when: NaiveDateTime,
    /// The machine whose value was kept, and the one whose value is `other`,
    /// when a sync knew them (`lane sync` names machines by host).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kept_on: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub other_on: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The merged data, and what to tell the user about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub data: Data,
    /// Conflicts this merge found (they are also in `data.conflicts`).
    pub conflicts: usize,
    /// Items of ours renumbered because the other side took their id.
    pub renumbered: Vec<String>,
}

/// Merges `ours` and `theirs`, which both grew from `base`. `now` dates new
/// conflicts; `uid` names them.
pub fn merge(
    base: &Data,
    ours: &Data,
    theirs: &Data,
    now: NaiveDateTime,
    uid: &mut dyn FnMut() -> String,
) -> Result<Merged, String> {
    // What lane computes (days of series, calendars' meetings) is no side's
    // to merge: each side makes it again from what is merged.
    let (base, theirs) = (super::derived::kept(base), super::derived::kept(theirs));
    let (base, theirs) = (base.as_ref(), theirs.as_ref());
    let mut ours = super::derived::kept(ours).into_owned();
    let days = days::one_record_per_day(base, &mut ours, theirs);
    let (base, theirs) = match &days {
        Some((base, theirs)) => (base, theirs),
        None => (base, theirs),
    };
    let (theirs_moved, mut renumbered) = ids::align(base, &mut ours, theirs);
    let theirs = theirs_moved.as_ref().unwrap_or(theirs);
    let mut cx = Cx::default();
    let mut data = merge_data(base, &ours, theirs, &mut cx)?;
    renumbered.extend(super::outcomes::renumber_nested(&mut data));
    series_days_follow(&mut data, &ours, theirs, now.date(), &mut cx);
    // Lane keeps blocks in time order and the journal in date order.
    data.blocks.sort_by_key(|b| (b.date, b.start));
    data.reviews.sort_by_key(|r| r.date);
    let conflicts = cx.found.len();
    add_conflicts(&mut data, cx.found, now, uid);
    let problems = data.problems();
    if !problems.is_empty() {
        return Err(format!(
            "the merged data is not valid: {}",
            super::problems::describe(&problems)
        ));
    }
    Ok(Merged {
        data,
        conflicts,
        renumbered,
    })
}

/// The two sides merged list by list (ids already aligned); what conflicts
/// goes into `cx`.
fn merge_data(base: &Data, ours: &Data, theirs: &Data, cx: &mut Cx) -> Result<Data, String> {
    // A list one side left alone is the other side's; only lists both changed
    // are merged entry by entry (which is what keeps a merge cheap).
    macro_rules! list {
        ($field:ident) => {
            if ours.$field == theirs.$field || theirs.$field == base.$field {
                ours.$field.clone()
            } else if ours.$field == base.$field {
                theirs.$field.clone()
            } else {
                merge_list(
                    stringify!($field),
                    &base.$field,
                    &ours.$field,
                    &theirs.$field,
                    cx,
                )?
            }
        };
    }
    Ok(Data {
        version: ours.version,
        priorities: list!(priorities),
        blocks: list!(blocks),
        blockers: list!(blockers),
        decisions: list!(decisions),
        reviews: list!(reviews),
        series: list!(series),
        // Ids archived on either side stay taken.
        archived_ids: max_archived(ours, theirs),
        conflicts: list!(conflicts),
        extra: merge_table(&base.extra, &ours.extra, &theirs.extra, cx),
    })
}

/// A repeating block's untouched days are the series' to say: each side made
/// them from its own copy of the series, so where the sides differ the merged
/// series decides, and no field of such a day is a conflict.
fn series_days_follow(data: &mut Data, ours: &Data, theirs: &Data, today: NaiveDate, cx: &mut Cx) {
    // A day one side edited on its own wins over what the other side's series
    // edit made of it: the series only speaks for untouched days.
    let settled = own_days_win(data, ours, theirs);
    let followers: HashSet<&str> = data
        .blocks
        .iter()
        .filter(|b| b.series.is_some() && super::derived::is_computed(b) && b.date >= today)
        .map(|b| b.uid.as_str())
        .chain(settled.iter().map(String::as_str))
        .collect();
    cx.found
        .retain(|f| !(f.kind == "blocks" && followers.contains(f.item.as_str())));
}

/// The conflicts found, numbered after those the data already holds and dated now.
fn add_conflicts(
    data: &mut Data,
    found: Vec<Found>,
    now: NaiveDateTime,
    uid: &mut dyn FnMut() -> String,
) {
    let first = data
        .conflicts
        .iter()
        .map(|c| c.id)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    for (id, found) in (first..).zip(found) {
        data.conflicts.push(Conflict {
            id,
            uid: uid(),
            kind: found.kind,
            item: found.item,
            field: found.field,
            kept: found.kept,
            other: found.other,
            when: super::day::to_minute(now),
            kept_on: String::new(),
            other_on: String::new(),
            extra: Extra::new(),
        });
    }
}

/// Merges one top-level list entry by entry, through its stored form.
fn merge_list<T: Serialize + serde::de::DeserializeOwned>(
    key: &str,
    base: &[T],
    ours: &[T],
    theirs: &[T],
    cx: &mut Cx,
) -> Result<Vec<T>, String> {
    let values = |list: &[T]| match Value::try_from(list) {
        Ok(Value::Array(a)) => Ok(a),
        Ok(_) => Ok(Vec::new()),
        Err(e) => Err(format!("cannot merge the {key}: {e}")),
    };
    cx.path = vec![key.to_string()];
    let merged = merge_entries(&values(base)?, &values(ours)?, &values(theirs)?, cx);
    cx.path.clear();
    Value::Array(merged)
        .try_into()
        .map_err(|e: toml::de::Error| format!("the merged {key} do not load: {}", e.message()))
}

/// A conflict as found, before it is numbered.
struct Found {
    kind: String,
    item: String,
    field: String,
    kept: Option<Value>,
    other: Option<Value>,
}

/// Where the merge is: the top-level table, the item, the path inside it.
#[derive(Default)]
struct Cx {
    kind: String,
    item: String,
    path: Vec<String>,
    found: Vec<Found>,
}

impl Cx {
    fn conflict(&mut self, kept: Option<&Value>, other: Option<&Value>) {
        let field = if self.path.is_empty() {
            "*".to_string()
        } else {
            self.path.join(".")
        };
        self.found.push(Found {
            kind: self.kind.clone(),
            item: self.item.clone(),
            field,
            kept: kept.cloned(),
            other: other.cloned(),
        });
    }
}

fn merge_table(b: &Table, o: &Table, t: &Table, cx: &mut Cx) -> Table {
    let mut out = Table::new();
    let keys = o.keys().chain(t.keys().filter(|k| !o.contains_key(*k)));
    for key in keys {
        cx.path.push(key.clone());
        if let Some(v) = merge_value(b.get(key), o.get(key), t.get(key), cx) {
            out.insert(key.clone(), v);
        }
        cx.path.pop();
    }
    out
}

fn is_tables(v: Option<&Value>) -> bool {
    matches!(v, Some(Value::Array(a)) if !a.is_empty() && a.iter().all(Value::is_table))
}

fn merge_value(
    b: Option<&Value>,
    o: Option<&Value>,
    t: Option<&Value>,
    cx: &mut Cx,
) -> Option<Value> {
    if o == t || t == b {
        return o.cloned();
    }
    if o == b {
        return t.cloned();
    }
    // Lists of entries: an absent list is an empty one (empty lists are not written).
    if [b, o, t].iter().any(|v| is_tables(*v)) {
        let empty = Vec::new();
        let list = |v: Option<&Value>| match v {
            Some(Value::Array(a)) => a.clone(),
            _ => empty.clone(),
        };
        let merged = merge_entries(&list(b), &list(o), &list(t), cx);
        return (!merged.is_empty()).then_some(Value::Array(merged));
    }
    match (o, t) {
        (Some(Value::Table(ot)), Some(Value::Table(tt))) => {
            let empty = Table::new();
            let bt = match b {
                Some(Value::Table(x)) => x,
                _ => &empty,
            };
            Some(Value::Table(merge_table(bt, ot, tt, cx)))
        }
        // A value wins over its removal.
        (None, Some(_)) => {
            cx.conflict(t, o);
            t.cloned()
        }
        _ => {
            cx.conflict(o, t);
            o.cloned()
        }
    }
}

/// How an entry of a list is matched across the three versions: its uid, else
/// its id, else the item it is about (a review's line per block, priority or
/// blocker), else its whole value (a log line).
fn identity(v: &Value) -> String {
    if let Value::Table(t) = v {
        for key in ["uid", "id", "block", "priority", "blocker"] {
            match t.get(key) {
                Some(Value::String(s)) if s.is_empty() => {}
                Some(x) => return format!("{key}={x}"),
                None => {}
            }
        }
    }
    format!("={v}")
}

/// Each entry under its identity; a repeated identity is counted (`#2`) so equal
/// log lines stay distinct.
fn keyed(list: &[Value]) -> Vec<(String, &Value)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    list.iter()
        .map(|v| {
            let id = identity(v);
            let n = seen.entry(id.clone()).or_default();
            *n += 1;
            (format!("{id}#{n}"), v)
        })
        .collect()
}

fn merge_entries(b: &[Value], o: &[Value], t: &[Value], cx: &mut Cx) -> Vec<Value> {
    let (bk, ok, tk) = (keyed(b), keyed(o), keyed(t));
    let map = |list: &[(String, &'_ Value)]| -> HashMap<String, Value> {
        list.iter()
            .map(|(k, v)| (k.clone(), (*v).clone()))
            .collect()
    };
    let (bmap, omap, tmap) = (map(&bk), map(&ok), map(&tk));
    // The side that reordered what both kept sets the order; the other's additions follow.
    let kept_by_both = |list: &[(String, &Value)]| -> Vec<String> {
        list.iter()
            .filter(|(k, _)| bmap.contains_key(k) && omap.contains_key(k) && tmap.contains_key(k))
            .map(|(k, _)| k.clone())
            .collect()
    };
    let (first, second) = if kept_by_both(&ok) == kept_by_both(&bk) {
        (&tk, &ok)
    } else {
        (&ok, &tk)
    };
    let mut out = Vec::new();
    let mut done: HashSet<String> = HashSet::new();
    for (k, _) in first.iter().chain(second.iter()) {
        if !done.insert(k.clone()) {
            continue;
        }
        let (bv, ov, tv) = (bmap.get(k), omap.get(k).cloned(), tmap.get(k).cloned());
        // Entering a top-level item: conflicts found inside it name it.
        let top = cx.item.is_empty() && cx.path.len() == 1;
        let saved = top.then(|| {
            let uid = ov
                .as_ref()
                .or(tv.as_ref())
                .and_then(|v| v.get("uid"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let kind = cx.path.first().cloned().unwrap_or_default();
            (
                std::mem::replace(&mut cx.item, uid),
                std::mem::replace(&mut cx.kind, kind),
                std::mem::take(&mut cx.path),
            )
        });
        // Inside an item, an entry of a list (a review's line per outcome or
        // block) is named in the path by its identity, so a conflict in it
        // says which one: `progress[priority=1].note`.
        let selected = (!top && !k.starts_with('=')).then(|| {
            let ident = k.rsplit_once('#').map_or(k.as_str(), |(i, _)| i);
            let last = cx.path.pop().unwrap_or_default();
            cx.path.push(format!("{last}[{ident}]"));
            last
        });
        let merged = match (bv, &ov, &tv) {
            // Deleted on one side: gone if the other left it alone, else kept with its edit.
            (Some(b), None, Some(edited)) | (Some(b), Some(edited), None) => {
                (edited != b).then(|| {
                    cx.conflict(Some(edited), None);
                    edited.clone()
                })
            }
            (b, o, t) => merge_value(b, o.as_ref(), t.as_ref(), cx),
        };
        if let Some(last) = selected {
            cx.path.pop();
            cx.path.push(last);
        }
        if let Some((item, kind, path)) = saved {
            (cx.item, cx.kind, cx.path) = (item, kind, path);
        }
        out.extend(merged);
    }
    // Log lines (no identity of their own) read in date order.
    if out.iter().all(|v| identity(v).starts_with('=')) {
        out.sort_by_key(date_key);
    }
    out
}

fn date_key(v: &Value) -> String {
    ["date", "at"]
        .iter()
        .find_map(|k| v.get(*k).map(|d| d.to_string()))
        .unwrap_or_default()
}

fn max_archived(a: &Data, b: &Data) -> super::archive::ArchivedIds {
    let (a, b) = (a.archived_ids, b.archived_ids);
    super::archive::ArchivedIds {
        priorities: a.priorities.max(b.priorities),
        blocks: a.blocks.max(b.blocks),
        blockers: a.blockers.max(b.blockers),
        decisions: a.decisions.max(b.decisions),
        reviews: a.reviews.max(b.reviews),
    }
}

/// Days of a series one side edited alone (`detached`) while the other left them
/// to the series: the edited side's fields are taken. Returns their uids.
fn own_days_win(data: &mut Data, ours: &Data, theirs: &Data) -> Vec<String> {
    fn by_uid(d: &Data) -> HashMap<&str, &Block> {
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

/// This machine's items that a merge gave another id, in words ("your priority
/// 6 is now 7"): the id the user knew names something else after a sync.
pub fn renumbered(before: &Data, after: &Data) -> Vec<String> {
    let mut said = Vec::new();
    for kind in Kind::ALL {
        let (was, is) = (before.list(kind), after.list(kind));
        let ids: HashMap<&str, u32> = (0..is.len())
            .filter_map(|i| Some((is.uid_at(i)?, is.id_at(i)?)))
            .collect();
        for i in 0..was.len() {
            // A computed day or meeting has no id of its own to keep.
            if kind == Kind::Block && super::derived::is_computed(&before.blocks[i]) {
                continue;
            }
            if let (Some(uid), Some(id)) = (was.uid_at(i), was.id_at(i))
                && let Some(&new) = ids.get(uid)
                && new != id
            {
                said.push(format!("your {} {id} is now {new}", kind.noun()));
            }
        }
    }
    said
}

#[cfg(test)]
mod tests;
