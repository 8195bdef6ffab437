//! Meetings from a calendar, kept as blocks. One operation brings a calendar's
//! events for a window into the data (the app's refresh, `lane calendar refresh`
//! and `lane import ics` all call it), and one rule says what of such a block is
//! the calendar's — its title and time — and what is the user's: the link to a
//! priority, the kind, the timer, the review's mark.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{Block, BlockKind, Data, Extra};

pub use super::items::CalendarMark;

/// One occurrence of an event on one local day, as a calendar says it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub event: String,
    pub instance: String,
    pub title: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// What bringing a calendar in changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    /// Gone from the calendar but kept: the user had already worked on it.
    pub kept: usize,
    /// New meetings whose event another calendar already brought in, and
    /// which: the same calendar under a second name, most likely.
    pub twins: usize,
    pub twin_of: Option<String>,
}

impl Applied {
    pub fn summary(&self, source: &str) -> String {
        let mut s = format!(
            "{source}: {} added, {} updated, {} removed",
            self.added, self.updated, self.removed
        );
        if self.kept > 0 {
            s.push_str(&format!(
                ", {} cancelled but kept (you worked on them)",
                self.kept
            ));
        }
        if let Some(other) = &self.twin_of {
            // The name comes from lane.toml (synced, hand-edited): shown escaped.
            let other = super::text::visible(other);
            s.push_str(&format!(
                "; {} of them are also here from “{other}” — the same calendar under two names? \
                 `lane calendar forget \"{other}\"` takes one away",
                self.twins
            ));
        }
        s
    }

    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }
}

/// The uid of the block for one occurrence. Derived, not random, so two
/// machines that bring in the same calendar make the same block and a sync
/// merges them instead of showing the meeting twice. FNV-1a: stable across
/// versions and platforms, unlike std's hasher.
pub fn block_uid(source: &str, event: &str, instance: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [source, event, instance] {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("cal-{hash:016x}")
}

/// Brings `meetings` (a calendar's occurrences between `from` and `until`) into
/// the data as blocks of `kind` marked as coming from `source`: changed ones are
/// updated, ones the calendar no longer has are removed, new ones added, none
/// twice. What days before today hold stays as it was — the record of what
/// happened. A removed meeting the user already worked on is kept.
pub fn apply(
    data: &mut Data,
    source: &str,
    kind: BlockKind,
    meetings: &[Meeting],
    (from, until): (NaiveDate, NaiveDate),
    now: NaiveDateTime,
) -> Applied {
    // By uid: a calendar may hold thousands of occurrences in its window.
    let mut wanted: HashMap<String, &Meeting> = meetings
        .iter()
        .filter(|m| m.date >= from && m.date <= until)
        .map(|m| (block_uid(source, &m.event, &m.instance), m))
        .collect();
    let mut applied = Applied::default();
    // Past days take meetings they lack (a first import fills last week in) but
    // what they hold is never changed or removed.
    let first = from.max(now.date());
    let blocks = std::mem::take(&mut data.blocks);
    let keep = follow(blocks, source, &mut wanted, (first, until), &mut applied);
    count_twins(&keep, source, &wanted, &mut applied);
    data.blocks = keep;
    add_meetings(data, source, kind, wanted, &mut applied);
    if applied.updated + applied.added > 0 {
        // Lane keeps blocks in time order; the sort is stable, so blocks at one
        // time keep theirs.
        data.blocks.sort_by_key(|b| (b.date, b.start));
    }
    super::derived::renumber(data, now.date());
    applied
}

/// The blocks with this calendar's blocks from `first` to `until` made to
/// follow it: changed ones updated, gone ones removed (unless worked on).
/// Each block found takes its meeting out of `wanted`, which is left with the
/// meetings still to add.
fn follow(
    blocks: Vec<Block>,
    source: &str,
    wanted: &mut HashMap<String, &Meeting>,
    (first, until): (NaiveDate, NaiveDate),
    applied: &mut Applied,
) -> Vec<Block> {
    let in_range = |d: NaiveDate| d >= first && d <= until;
    let mut keep = Vec::with_capacity(blocks.len());
    for mut block in blocks {
        let ours = block.calendar.as_ref().is_some_and(|c| c.source == source);
        if !ours || !in_range(block.date) {
            // Outside the window: a wanted meeting that already has its block
            // (moved to a past day, say) is not added a second time.
            wanted.remove(&block.uid);
            keep.push(block);
            continue;
        }
        match wanted.remove(&block.uid) {
            Some(m) => {
                if (&block.title, block.date, block.start, block.end)
                    != (&m.title, m.date, m.start, m.end)
                {
                    block.title = m.title.clone();
                    block.date = m.date;
                    block.start = m.start;
                    block.end = m.end;
                    applied.updated += 1;
                }
                keep.push(block);
            }
            None if worked_on(&block) => {
                applied.kept += 1;
                keep.push(block);
            }
            None => applied.removed += 1,
        }
    }
    keep
}

/// Counts the new meetings whose events are already here under another
/// calendar's name, and names one such calendar.
fn count_twins(
    blocks: &[Block],
    source: &str,
    wanted: &HashMap<String, &Meeting>,
    applied: &mut Applied,
) {
    let elsewhere: HashMap<(&str, &str), &str> = blocks
        .iter()
        .filter_map(|b| b.calendar.as_ref())
        .filter(|c| c.source != source)
        .map(|c| ((c.event.as_str(), c.instance.as_str()), c.source.as_str()))
        .collect();
    for m in wanted.values() {
        if let Some(other) = elsewhere.get(&(m.event.as_str(), m.instance.as_str())) {
            applied.twins += 1;
            applied.twin_of.get_or_insert_with(|| other.to_string());
        }
    }
}

/// The new meetings as blocks of `kind` marked as `source`'s (numbered with
/// every computed block by `derived::renumber`).
fn add_meetings(
    data: &mut Data,
    source: &str,
    kind: BlockKind,
    wanted: HashMap<String, &Meeting>,
    applied: &mut Applied,
) {
    let mut new: Vec<(String, &Meeting)> = wanted.into_iter().collect();
    new.sort_by(|a, b| (a.1.date, a.1.start, &a.0).cmp(&(b.1.date, b.1.start, &b.0)));
    for (uid, m) in new {
        data.blocks.push(Block {
            id: 0,
            uid,
            date: m.date,
            start: m.start,
            end: m.end,
            title: m.title.clone(),
            kind,
            priority: None,
            actual_start: None,
            actual_end: None,
            done: false,
            result: None,
            moved_to: None,
            series: None,
            detached: false,
            calendar: Some(CalendarMark {
                source: source.to_string(),
                event: m.event.clone(),
                instance: m.instance.clone(),
            }),
            extra: Extra::new(),
        });
        applied.added += 1;
    }
}

/// A meeting the user started or marked in a review is theirs to keep.
fn worked_on(b: &Block) -> bool {
    b.actual_start.is_some() || b.result.is_some()
}

/// Takes a calendar's meetings away from today on (a calendar removed from the
/// config, or brought in twice under two names); days before today, and
/// meetings the user already worked on, stay. Returns how many went.
pub fn forget(data: &mut Data, source: &str, today: NaiveDate) -> usize {
    let before = data.blocks.len();
    data.blocks.retain(|b| {
        let theirs = b.calendar.as_ref().is_some_and(|c| c.source == source);
        !theirs || b.date < today || worked_on(b)
    });
    before - data.blocks.len()
}

/// Takes away the meetings of `source` that are computed (nobody touched
/// them): what its copy held before, when a new copy is compared with it.
pub fn forget_computed(data: &mut Data, source: &str) {
    data.blocks.retain(|b| {
        let theirs = b.calendar.as_ref().is_some_and(|c| c.source == source);
        !theirs || !super::derived::is_computed(b)
    });
}

/// Refuses a change to what the calendar owns: a meeting's title and time are
/// changed in the calendar, or the next refresh would undo them.
pub fn refuse_owned_change(before: &Block, after: &Block) -> Result<(), (&'static str, String)> {
    let Some(mark) = &before.calendar else {
        return Ok(());
    };
    let why = |what: &str| {
        format!(
            "the {what} comes from the calendar “{}”: change it there",
            super::text::visible(&mark.source)
        )
    };
    if after.title != before.title {
        return Err(("title", why("title")));
    }
    if (after.date, after.start, after.end) != (before.date, before.start, before.end) {
        return Err(("time", why("time")));
    }
    Ok(())
}

pub mod banners;

#[cfg(test)]
mod tests;
