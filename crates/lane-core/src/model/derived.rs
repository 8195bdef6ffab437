//! What lane computes rather than keeps. A repeating block's days follow from
//! its rule, a calendar's meetings from its copy: lane.toml holds the rule and
//! what the user did with one day or one meeting, never the days themselves.
//!
//! In memory the data holds every block — kept and computed alike — so the
//! screens, reports and exports read one list. Where the data meets the disk
//! (`kept`), the computed blocks nobody touched are left out; on the way back
//! they are made again (`series::materialise`, `calendar::apply`). A block the
//! user touched — started, marked, moved, edited alone, linked to a priority —
//! is a fact and is kept, keyed by its occurrence's stable uid (series and
//! date; calendar, event and instance).

use std::borrow::Cow;
use std::collections::HashSet;

use chrono::NaiveDate;

use super::{Block, Data};

/// Whether `b` is a day of a series or a calendar's meeting exactly as its
/// source makes it: nothing of it is the user's, so it is not kept.
pub fn is_computed(b: &Block) -> bool {
    is_occurrence(b)
        && !b.detached
        && b.actual_start.is_none()
        && !b.done
        && b.result.is_none()
        && b.moved_to.is_none()
        // A series gives its days its priority; a meeting has none until the
        // user links it.
        && (b.calendar.is_none() || b.priority.is_none())
}

/// The data as lane.toml keeps it: without the computed blocks.
pub fn kept(data: &Data) -> Cow<'_, Data> {
    if !data.blocks.iter().any(is_computed) {
        return Cow::Borrowed(data);
    }
    let mut kept = data.clone();
    kept.blocks.retain(|b| !is_computed(b));
    Cow::Owned(kept)
}

/// The day in an occurrence's uid (`SERIES@DATE`): the day it was made for,
/// wherever it was moved since.
pub fn occurrence_day(uid: &str) -> Option<NaiveDate> {
    uid.rsplit_once('@')?.1.parse().ok()
}

/// Whether `b` is a day of a series or a calendar's meeting, computed or kept.
pub fn is_occurrence(b: &Block) -> bool {
    b.series.is_some() || b.calendar.is_some()
}

/// Gives the computed blocks their ids. Every day of a series and every meeting
/// has a place — today's first, then the days ahead, then the days behind,
/// each in time order — and its place gives its id, counted from after the
/// other blocks (`Data::first_occurrence_id`). A day the user touched keeps the
/// id it had, so touching one renumbers nothing; a computed one whose place's
/// id a kept block holds takes one after all places. The same data on the same
/// day gives the same ids, so an id printed by `lane list` is the one the next
/// command finds. Returns whether any id changed.
pub fn renumber(data: &mut Data, today: NaiveDate) -> bool {
    let mut order: Vec<usize> = (0..data.blocks.len())
        .filter(|&i| is_occurrence(&data.blocks[i]))
        .collect();
    if order.is_empty() {
        return false;
    }
    let place = |b: &Block| {
        // A day of a series moved on its own keeps the place of its day.
        let date = b
            .series
            .as_ref()
            .and_then(|_| occurrence_day(&b.uid))
            .unwrap_or(b.date);
        let when = match date.cmp(&today) {
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
            std::cmp::Ordering::Less => 2,
        };
        (when, date, b.start, b.uid.clone())
    };
    order.sort_by_cached_key(|&i| place(&data.blocks[i]));
    let first = data.first_occurrence_id();
    let mut taken: HashSet<u32> = data
        .blocks
        .iter()
        .filter(|b| !is_computed(b))
        .map(|b| b.id)
        .collect();
    let places = u32::try_from(order.len()).unwrap_or(u32::MAX);
    let mut spare = first.saturating_add(places);
    let mut changed = false;
    for (n, i) in (0u32..).zip(order) {
        if !is_computed(&data.blocks[i]) {
            continue;
        }
        let mut id = first.saturating_add(n);
        if taken.contains(&id) {
            while taken.contains(&spare) {
                spare = spare.saturating_add(1);
            }
            id = spare;
        }
        taken.insert(id);
        if data.blocks[i].id != id {
            data.blocks[i].id = id;
            changed = true;
        }
    }
    changed
}

/// After a new block took an id a computed one had, gives that one an id no
/// block holds (the next `renumber` puts every computed one in its place).
pub fn make_room(data: &mut Data) {
    let kept: HashSet<u32> = data
        .blocks
        .iter()
        .filter(|b| !is_computed(b))
        .map(|b| b.id)
        .collect();
    let mut free = data
        .blocks
        .iter()
        .map(|b| b.id)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    for b in data.blocks.iter_mut() {
        if is_computed(b) && kept.contains(&b.id) {
            b.id = free;
            free = free.saturating_add(1);
        }
    }
}
