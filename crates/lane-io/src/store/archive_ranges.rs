//! Where each archived item's table lies in its year file, so a past day or
//! one archived item parses only its own tables, not the whole year (a year of
//! data is ~950 KB of TOML; a day's blocks are a few hundred bytes of it).
//!
//! Only a year file that is exactly lane's own rendering of what it holds gets
//! ranges: the version line, then each item as lane renders it alone (its
//! `[[kind]]` table with its sub-tables), blank lines between — so each range
//! is a TOML document of its own, whatever its strings hold. A year in any
//! other layout (edited by hand, an older version, anything beside the items)
//! has none and is read whole, as before.
//!
//! Ranges are only ever applied to the bytes they were taken from: the index
//! keeps a hash of the whole year file, and a file whose bytes hash otherwise,
//! or a range that does not parse back to the very entry the index names, is
//! read whole instead. Never wrong or missing data, at worst the old cost.

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

use crate::store::{hash, to_toml};
use lane_core::model::archive::{Indexed, index_of};
use lane_core::model::{Data, Kind};

/// Where the items of a year in lane's layout lie, with the hash of the
/// bytes the ranges were taken from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranges {
    /// `hash` of the whole year file.
    pub content: u64,
    /// One per index entry, in the index's order.
    pub spans: Vec<Range<usize>>,
}

/// The ranges of `text` (the whole year file) as parsed into `data`, or `None`
/// when the file is not lane's own rendering of `data`.
pub fn ranges_of(text: &str, data: &Data) -> Option<Ranges> {
    Some(Ranges {
        content: hash(text.as_bytes()),
        spans: spans_of(text, data)?,
    })
}

/// The first line of every year file lane writes, and of every document made
/// of ranges: a year with ranges is of the current version.
fn header() -> Option<String> {
    to_toml(&Data::default()).ok()
}

/// Lane's rendering of one item alone: its `[[table]]` and sub-tables (as a
/// write that splices lane.toml renders it).
fn piece<T: Serialize>(table: &str, item: &T) -> Option<String> {
    crate::store::splice::item_text(table, item)
}

/// Every item of `data` rendered alone, in the order of `index_of`.
fn pieces(data: &Data) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let table = |k: Kind| k.table();
    for p in &data.priorities {
        out.push(piece(table(Kind::Priority), p)?);
    }
    for b in &data.blocks {
        out.push(piece(table(Kind::Block), b)?);
    }
    for b in &data.blockers {
        out.push(piece(table(Kind::Blocker), b)?);
    }
    for d in &data.decisions {
        out.push(piece(table(Kind::Decision), d)?);
    }
    for r in &data.reviews {
        out.push(piece(table(Kind::Review), r)?);
    }
    Some(out)
}

/// Where each item of `data` lies in `text`, in the order of `index_of`, when
/// `text` is exactly the header, then each item's piece, blank lines between
/// (and nothing after): then each range parses alone to its item. Any other
/// text — a comment, another order, a key lane would not write — has none.
fn spans_of(text: &str, data: &Data) -> Option<Vec<Range<usize>>> {
    let mut at = header()?.len();
    if !text.starts_with(header()?.as_str()) {
        return None;
    }
    let mut spans = Vec::new();
    for piece in pieces(data)? {
        at += text.get(at..)?.len() - text.get(at..)?.trim_start_matches('\n').len();
        if !text.get(at..)?.starts_with(piece.as_str()) {
            return None;
        }
        spans.push(at..at + piece.len());
        at += piece.len();
    }
    text.get(at..)?.chars().all(|c| c == '\n').then_some(spans)
}

/// The entries picked, read from `bytes` (the year file, already known to
/// hash as the ranges were taken) by their ranges alone: `None` unless every
/// range parses and the items read are exactly the entries named — kind, id,
/// uid, dates and title, in order.
pub fn read_by_ranges(bytes: &[u8], picked: &[(&Indexed, &Range<usize>)]) -> Option<Data> {
    let mut doc = header()?;
    for (_, span) in picked {
        doc.push('\n');
        doc.push_str(std::str::from_utf8(bytes.get((*span).clone())?).ok()?);
    }
    // The year as a whole was checked for problems when its index was made.
    let part: Data = toml::from_str(&doc).ok()?;
    let named: Vec<Indexed> = picked.iter().map(|(e, _)| (*e).clone()).collect();
    (index_of(&part) == named).then_some(part)
}

/// `data` with only the items `entries` name (by kind, id and uid).
pub fn keep_only(mut data: Data, entries: &[&Indexed]) -> Data {
    let keys: HashSet<(&str, u32, &str)> = entries
        .iter()
        .map(|e| (e.kind.as_str(), e.id, e.uid.as_str()))
        .collect();
    macro_rules! keep {
        ($list:ident, $kind:expr) => {
            data.$list
                .retain(|x| keys.contains(&($kind.table(), x.id, x.uid.as_str())));
        };
    }
    keep!(priorities, Kind::Priority);
    keep!(blocks, Kind::Block);
    keep!(blockers, Kind::Blocker);
    keep!(decisions, Kind::Decision);
    keep!(reviews, Kind::Review);
    Data {
        version: data.version,
        priorities: data.priorities,
        blocks: data.blocks,
        blockers: data.blockers,
        decisions: data.decisions,
        reviews: data.reviews,
        ..Data::default()
    }
}

#[cfg(test)]
#[path = "archive_ranges_tests.rs"]
mod tests;
