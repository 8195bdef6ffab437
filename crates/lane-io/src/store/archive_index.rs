//! `archive/YYYY.index`: what each archive year holds (kind, id, uid, the
//! dates that place an item, title), so `lane show` of an archived item and a
//! past day's blocks parse only the years they need.
//!
//! One index per year, beside its year file: archiving rewrites only the years
//! it adds to, and a year edited by hand makes only its own index stale. The
//! name does not end in `.toml` on purpose: every `archive/*.toml` is a year
//! file to lane's readers (older versions included), to `lane check` and to
//! the git merge driver's pattern, and the index is none of those.
//!
//! It is a cache: never synced (see `sync::IGNORED`), written best effort, and
//! never trusted over the year file — it records the year file's size, times
//! and inode, and a hash of its own entries; when either differs (the year was
//! written by anyone else, or the index edited), the year is read and the index
//! made again. An item it names is read from the year file itself: by its
//! byte range alone for a year in lane's own layout whose bytes still hash as
//! the index says (`archive_ranges.rs`), else by parsing the whole year.

use std::fs;
use std::ops::Range;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use color_eyre::eyre::Result;

use crate::store::Store;
use crate::store::fsio::{read_file, read_text, write_atomic};
use lane_core::model::archive::{Indexed, index_of};
use lane_core::model::{Data, Kind};

// A sibling file, a child module: the store's module list is left as it is.
#[path = "archive_ranges.rs"]
mod archive_ranges;
use crate::store::hash;
use archive_ranges::{Ranges, keep_only, ranges_of, read_by_ranges};

/// The extension of a year's index: `archive/2025.index` for `archive/2025.toml`.
pub const INDEX_EXT: &str = "index";

/// The first line of every index: a file of another format (or none, or an
/// older lane's, without ranges) is made again.
const HEADER: &str = "lane archive index 2";

/// One archive year's file and what it holds. Read on every look into the
/// archive, for every year, so its lines are read without copying their
/// texts: an entry is made whole only when it is asked for.
#[derive(Debug, Clone)]
pub struct YearIndex {
    pub path: PathBuf,
    /// The index's lines as stored; uids and titles are read from it.
    body: String,
    lines: Vec<Line>,
    /// Every line's dates, each line holding a range of them.
    dates: Vec<NaiveDate>,
    /// Where each item lies in the year file, when it is in lane's layout.
    ranges: Option<Ranges>,
}

/// One line of an index: its texts (escaped) are ranges of the body.
#[derive(Debug, Clone)]
struct Line {
    kind: Kind,
    id: u32,
    dates: Range<usize>,
    uid: Range<usize>,
    title: Range<usize>,
}

impl YearIndex {
    /// An index of `items` (as `index_of` makes them), read from its render.
    fn of(path: &Path, items: &[Indexed], ranges: Option<Ranges>) -> Option<YearIndex> {
        let (_, mut index) = read_stored(&render("", items, ranges.as_ref()))?;
        index.path = path.to_path_buf();
        Some(index)
    }

    /// What each item is: kind, id, uid, dates and title.
    pub fn items(&self) -> Vec<Indexed> {
        self.lines.iter().map(|l| self.entry(l)).collect()
    }

    fn entry(&self, line: &Line) -> Indexed {
        let text = |r: &Range<usize>| self.body.get(r.clone()).unwrap_or_default();
        Indexed {
            kind: line.kind.table().to_string(),
            id: line.id,
            uid: unescape(text(&line.uid)),
            dates: self.dates_of(line).to_vec(),
            title: unescape(text(&line.title)),
        }
    }

    fn dates_of(&self, line: &Line) -> &[NaiveDate] {
        self.dates.get(line.dates.clone()).unwrap_or_default()
    }

    /// Whether this year names `kind` `id`.
    pub fn names(&self, kind: Kind, id: u32) -> bool {
        self.lines.iter().any(|l| l.kind == kind && l.id == id)
    }

    /// Whether this year holds a block dated in `first..after`.
    pub fn has_blocks_in(&self, first: NaiveDate, after: NaiveDate) -> bool {
        self.block_dates().any(|d| (first..after).contains(&d))
    }

    /// The dates of this year's blocks.
    pub fn block_dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.lines
            .iter()
            .filter(|l| l.kind == Kind::Block)
            .flat_map(|l| self.dates_of(l).iter().copied())
    }

    /// The items of this year that `pick` picks (by kind, id and dates) from
    /// its index, read from the year file: by their ranges alone when the file
    /// is still, byte for byte, the one they were taken from and each parses
    /// back to its entry; else the whole year is parsed (and its index made
    /// again), and the items are picked from what it holds now.
    pub fn read_picked(&self, pick: impl Fn(Kind, u32, &[NaiveDate]) -> bool) -> Result<Data> {
        let stamp = stamp_of(&self.path);
        let Some(bytes) = read_file(&self.path)? else {
            return Ok(Data::default());
        };
        if let Some(ranges) = &self.ranges
            && ranges.content == hash(&bytes)
        {
            let picked: Vec<(Indexed, &Range<usize>)> = self
                .lines
                .iter()
                .zip(&ranges.spans)
                .filter(|(l, _)| pick(l.kind, l.id, self.dates_of(l)))
                .map(|(l, span)| (self.entry(l), span))
                .collect();
            let picked: Vec<(&Indexed, &Range<usize>)> =
                picked.iter().map(|(e, s)| (e, *s)).collect();
            if let Some(part) = read_by_ranges(&bytes, &picked) {
                return Ok(part);
            }
        }
        let (data, items, ranges) = read_whole(&self.path, &bytes)?;
        if let Some(stamp) = stamp {
            let _ = write_stored(&self.path, &stamp, &items, ranges.as_ref());
        }
        let picked: Vec<&Indexed> = items
            .iter()
            .filter(|i| kind_of(&i.kind).is_some_and(|k| pick(k, i.id, &i.dates)))
            .collect();
        Ok(keep_only(data, &picked))
    }
}

fn kind_of(table: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.table() == table)
}

/// The year file's `bytes` parsed whole, with its index and ranges.
fn read_whole(year: &Path, bytes: &[u8]) -> Result<(Data, Vec<Indexed>, Option<Ranges>)> {
    let data = crate::store::parse(year, bytes)?;
    let items = index_of(&data);
    // `parse` took it as UTF-8 already.
    let ranges = std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| ranges_of(text, &data));
    Ok((data, items, ranges))
}

/// The index file of the year file at `year`.
pub fn index_path(year: &Path) -> PathBuf {
    year.with_extension(INDEX_EXT)
}

/// What identifies the year file as it is now; `None` when it is not there.
fn stamp_of(year: &Path) -> Option<String> {
    let meta = fs::metadata(year).ok()?;
    Some(format!(
        "{}:{}.{}:{}.{}:{}:{}",
        meta.len(),
        meta.mtime(),
        meta.mtime_nsec(),
        meta.ctime(),
        meta.ctime_nsec(),
        meta.dev(),
        meta.ino()
    ))
}

/// Writes the index of `year` as just written, `text` rendered from `data`
/// (under the lock of the write, by `Store::archive`). The year file is
/// stamped after its write, so the index matches it.
pub(super) fn write_index(year: &Path, text: &str, data: &Data) -> Result<()> {
    let Some(stamp) = stamp_of(year) else {
        return Ok(());
    };
    let ranges = ranges_of(text, data);
    write_stored(year, &stamp, &index_of(data), ranges.as_ref())
}

fn write_stored(
    year: &Path,
    stamp: &str,
    items: &[Indexed],
    ranges: Option<&Ranges>,
) -> Result<()> {
    write_atomic(&index_path(year), render(stamp, items, ranges).as_bytes())
}

/// The index as stored: the header, the year file's stamp, a hash of the
/// lines that follow (an index edited by hand is made again, not believed),
/// the hash of the year file's bytes the ranges were taken from (`ranges
/// none` for a year not in lane's layout), the first and last day of its
/// blocks (a past day skips the lines of a year without blocks then), then
/// one line per item — kind, id,
/// uid, dates, byte range (`start+len`, empty without ranges), title, split by
/// tabs. Lines, not TOML: it is read whole by every look into the archive, and
/// a line format reads several times faster than the same entries as TOML.
fn render(stamp: &str, items: &[Indexed], ranges: Option<&Ranges>) -> String {
    let mut body = match ranges {
        Some(r) => format!("ranges {:016x}\n", r.content),
        None => "ranges none\n".to_string(),
    };
    let days = items
        .iter()
        .filter(|i| i.kind == Kind::Block.table())
        .flat_map(|i| i.dates.iter());
    body += &match (days.clone().min(), days.max()) {
        (Some(first), Some(last)) => format!("blocks {first} {last}\n"),
        _ => "blocks none\n".to_string(),
    };
    for (n, i) in items.iter().enumerate() {
        let dates: Vec<String> = i.dates.iter().map(|d| d.to_string()).collect();
        let span = ranges
            .and_then(|r| r.spans.get(n))
            .map(|s| format!("{}+{}", s.start, s.len()))
            .unwrap_or_default();
        body += &format!(
            "{}\t{}\t{}\t{}\t{span}\t{}\n",
            i.kind,
            i.id,
            escape(&i.uid),
            dates.join(","),
            escape(&i.title)
        );
    }
    let check = hash(body.as_bytes());
    format!("{HEADER}\nstamp {stamp}\ncheck {check:016x}\n{body}")
}

/// The first and last day of a year's blocks, as its index's head says.
type BlockDays = Option<(NaiveDate, NaiveDate)>;

/// The stamp and the index of a stored index, or `None` when it is not one
/// whole (a range missing from one line of a year with ranges, say).
fn read_stored(text: &str) -> Option<(&str, YearIndex)> {
    read_stored_if(text, |_| true)
}

/// `read_stored`, its lines read only when `wanted` wants a year whose
/// blocks span those days: else the index holds no entries.
fn read_stored_if(text: &str, wanted: impl Fn(BlockDays) -> bool) -> Option<(&str, YearIndex)> {
    let rest = text.strip_prefix(HEADER)?.strip_prefix('\n')?;
    let (stamp, rest) = rest.strip_prefix("stamp ")?.split_once('\n')?;
    let (check, body) = rest.strip_prefix("check ")?.split_once('\n')?;
    if check != format!("{:016x}", hash(body.as_bytes())) {
        return None;
    }
    let (content, rest) = body.strip_prefix("ranges ")?.split_once('\n')?;
    let content = match content {
        "none" => None,
        hex => Some(u64::from_str_radix(hex, 16).ok()?),
    };
    let (days, _) = rest.strip_prefix("blocks ")?.split_once('\n')?;
    let days = match days.split_once(' ') {
        None if days == "none" => None,
        Some((first, last)) => Some((parse_date(first)?, parse_date(last)?)),
        None => return None,
    };
    let mut index = YearIndex {
        path: PathBuf::new(),
        body: body.to_string(),
        lines: Vec::new(),
        dates: Vec::new(),
        ranges: None,
    };
    if !wanted(days) {
        return Some((stamp, index));
    }
    let mut spans = Vec::new();
    let mut at = content_len(body)?;
    while at < body.len() {
        let end = body[at..].find('\n').map_or(body.len(), |n| at + n);
        let span = read_line(&mut index, at..end)?;
        spans.extend(span);
        at = end + 1;
    }
    index.ranges = match content {
        None if spans.is_empty() => None,
        Some(content) if spans.len() == index.lines.len() => Some(Ranges { content, spans }),
        _ => return None,
    };
    Some((stamp, index))
}

/// Where the entries of an index's body start: after its two lines of head.
fn content_len(body: &str) -> Option<usize> {
    let first = body.find('\n')? + 1;
    Some(first + body.get(first..)?.find('\n')? + 1)
}

/// Reads the line at `at` of the index's body into it; its byte range in the
/// year file, if it has one.
fn read_line(index: &mut YearIndex, at: Range<usize>) -> Option<Option<Range<usize>>> {
    let line = index.body.get(at.clone())?;
    // Split by hand: fields are a few bytes, shorter than a searcher's setup.
    let mut start = 0;
    let mut field = || -> Option<(&str, Range<usize>)> {
        let rest = line.as_bytes().get(start..)?;
        let end = start + rest.iter().position(|&b| b == b'\t').unwrap_or(rest.len());
        let text = line.get(start..end)?;
        let range = at.start + start..at.start + end;
        start = end + 1;
        Some((text, range))
    };
    let kind = kind_of(field()?.0)?;
    let id = field()?.0.parse().ok()?;
    let (_, uid) = field()?;
    let first = index.dates.len();
    match field()?.0 {
        "" => {}
        text => {
            for d in text.split(',') {
                index.dates.push(parse_date(d)?);
            }
        }
    }
    let dates = first..index.dates.len();
    let span = match field()?.0 {
        "" => None,
        text => {
            let (start, len) = text.split_once('+')?;
            let start: usize = start.parse().ok()?;
            Some(start..start.checked_add(len.parse().ok()?)?)
        }
    };
    let (_, title) = field()?;
    if field().is_some() {
        return None;
    }
    index.lines.push(Line {
        kind,
        id,
        dates,
        uid,
        title,
    });
    Some(span)
}

/// A date as the index writes it (`2025-03-01`), read without a format's
/// machinery: an index holds thousands.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let number = |r: Range<usize>| text.get(r)?.parse::<u32>().ok();
        let year = i32::try_from(number(0..4)?).ok()?;
        return NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?);
    }
    text.parse().ok()
}

/// A text on one line of the index: no tab or line break of its own.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn unescape(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The index of the year file at `year` if it still describes it.
#[cfg(test)]
fn trusted(year: &Path) -> Option<YearIndex> {
    trusted_if(year, &|_| true)
}

/// `trusted`, its entries read only if `wanted` (see `read_stored_if`).
fn trusted_if(year: &Path, wanted: &dyn Fn(BlockDays) -> bool) -> Option<YearIndex> {
    let stamp = stamp_of(year)?;
    let text = read_text(&index_path(year)).ok()??;
    let (stored, mut index) = read_stored_if(&text, wanted)?;
    index.path = year.to_path_buf();
    (stored == stamp).then_some(index)
}

/// The index of `year`, made again from the year file when it is missing or
/// stale (and written back, best effort: a read-only archive still reads).
/// The year is stamped before it is read: a year replaced meanwhile leaves an
/// index stamped with the old file, which is stale, never wrong and trusted.
fn index_or_rebuild(year: &Path) -> Result<YearIndex> {
    index_or_rebuild_if(year, &|_| true)
}

/// `index_or_rebuild`, the entries of a trusted index read only if `wanted`
/// (see `read_stored_if`); an index made again holds them all.
fn index_or_rebuild_if(year: &Path, wanted: &dyn Fn(BlockDays) -> bool) -> Result<YearIndex> {
    if let Some(index) = trusted_if(year, wanted) {
        return Ok(index);
    }
    let stamp = stamp_of(year);
    let (items, ranges) = match read_file(year)? {
        Some(bytes) => {
            let (_, items, ranges) = read_whole(year, &bytes)?;
            (items, ranges)
        }
        None => (Vec::new(), None),
    };
    if let Some(stamp) = stamp {
        let _ = write_stored(year, &stamp, &items, ranges.as_ref());
    }
    YearIndex::of(year, &items, ranges)
        .ok_or_else(|| color_eyre::eyre::eyre!("cannot index {}", year.display()))
}

impl Store {
    /// Every archive year's index, oldest year first.
    pub fn archive_indexes(&self) -> Result<Vec<YearIndex>> {
        self.archive_paths(i32::MIN)?
            .iter()
            .map(|path| index_or_rebuild(path))
            .collect()
    }

    /// The archived `kind` `id`, read from the one year the index names, with
    /// that year file's name (`archive/2025.toml`). Only what the year file
    /// holds is returned: the index only says where to look.
    pub fn find_archived(&self, kind: Kind, id: u32) -> Result<Option<(Data, String)>> {
        // The newest year first: an item archived again later is newest there.
        for year in self.archive_indexes()?.iter().rev() {
            if !year.names(kind, id) {
                continue;
            }
            let data = year.read_picked(|k, i, _| k == kind && i == id)?;
            if data.list(kind).position(id).is_some() {
                let file = year.path.file_name().unwrap_or_default().to_string_lossy();
                return Ok(Some((data, format!("{}/{file}", super::ARCHIVE_DIR))));
            }
        }
        Ok(None)
    }

    /// The archived blocks a listing of the days `first..after` needs: those
    /// dated in the span, read from the years that hold them, or else (for
    /// what an empty listing says) the blocks of the nearest day after it, or
    /// else before it. Only those blocks, not their whole years.
    pub fn load_archive_for_days(&self, first: NaiveDate, after: NaiveDate) -> Result<Vec<Data>> {
        // The entries of a year whose blocks all fall outside the span are not
        // even read: it is left out either way.
        let overlaps = |days: BlockDays| days.is_some_and(|(a, z)| a < after && z >= first);
        let years = self
            .archive_paths(i32::MIN)?
            .iter()
            .map(|path| index_or_rebuild_if(path, &overlaps))
            .collect::<Result<Vec<_>>>()?;
        let span = |k, _, dates: &[NaiveDate]| is_block_in(k, dates, first, after);
        let wanted: Vec<&YearIndex> = years
            .iter()
            .filter(|y| y.has_blocks_in(first, after))
            .collect();
        if !wanted.is_empty() {
            return wanted.iter().map(|y| y.read_picked(span)).collect();
        }
        // No block in the span: what an empty listing says needs every year's.
        let years = self.archive_indexes()?;
        let later = nearest(&years, |d| (d >= after).then_some(d), true);
        let earlier = nearest(&years, |d| (d < first).then_some(d), false);
        let Some((day, year)) = later.or(earlier) else {
            return Ok(Vec::new());
        };
        let next = lane_core::model::limits::shift_days(day, 1);
        Ok(vec![year.read_picked(|k, _, dates| {
            is_block_in(k, dates, day, next)
        })?])
    }
}

/// Whether an entry of `kind` on `dates` is a block dated in `first..after`.
fn is_block_in(kind: Kind, dates: &[NaiveDate], first: NaiveDate, after: NaiveDate) -> bool {
    kind == Kind::Block && dates.iter().any(|d| (first..after).contains(d))
}

/// The earliest (`lowest`) or else the latest block date that `keep` keeps,
/// with the year holding it.
fn nearest(
    years: &[YearIndex],
    keep: impl Fn(NaiveDate) -> Option<NaiveDate>,
    lowest: bool,
) -> Option<(NaiveDate, &YearIndex)> {
    let dated = years
        .iter()
        .flat_map(|y| y.block_dates().filter_map(&keep).map(move |d| (d, y)));
    if lowest {
        dated.min_by_key(|(d, _)| *d)
    } else {
        dated.max_by_key(|(d, _)| *d)
    }
}

#[cfg(test)]
#[path = "archive_index_tests.rs"]
mod tests;
