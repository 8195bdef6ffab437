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

use crate::store::to_toml;
use lane_core::model::archive::{Indexed, index_of};
use lane_core::model::{Data, Kind};

/// Where the items of a year in lane's layout lie, with the hash of the
/// bytes the ranges were taken from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranges {
    /// `quick_hash` of the whole year file.
    pub content: u64,
    /// One per index entry, in the index's order.
    pub spans: Vec<Range<usize>>,
}

/// The ranges of `text` (the whole year file) as parsed into `data`, or `None`
/// when the file is not lane's own rendering of `data`.
pub fn ranges_of(text: &str, data: &Data) -> Option<Ranges> {
    Some(Ranges {
        content: quick_hash(text.as_bytes()),
        spans: spans_of(text, data)?,
    })
}

/// A hash of `bytes` for telling that a file changed, not for keeping
/// secrets: every look into the archive hashes every year's index and the
/// year it reads (~2 MB at 5 years), and this runs several times faster than
/// the standard hasher. Four lanes of 8-byte words; each step is one-to-one
/// in the word for a given state and in the state for a given word, so two
/// texts of one length that differ in a single word never hash alike.
pub fn quick_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let step = |h: u64, w: u64| {
        let h = (h ^ w).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        w[..b.len()].copy_from_slice(b);
        u64::from_le_bytes(w)
    };
    let mut lanes = [1u64, 2, 3, 4];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, w) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = step(*lane, word(w));
        }
    }
    let mut h = step(0, bytes.len() as u64);
    for w in blocks.remainder().chunks(8) {
        h = step(h, word(w));
    }
    lanes.iter().fold(h, |h, &lane| step(h, lane))
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
