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
//! made again. An item it names is looked up in the year file itself.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use color_eyre::eyre::Result;

use super::read_optional_data;
use crate::store::Store;
use crate::store::fsio::{read_text, write_atomic};
use lane_core::model::archive::{Indexed, index_of};
use lane_core::model::{Data, Kind};

/// The extension of a year's index: `archive/2025.index` for `archive/2025.toml`.
pub const INDEX_EXT: &str = "index";

/// The first line of every index: a file of another format (or none) is
/// made again.
const HEADER: &str = "lane archive index 1";

/// One archive year's file and what it holds.
#[derive(Debug, Clone)]
pub struct YearIndex {
    pub path: PathBuf,
    pub items: Vec<Indexed>,
}

impl YearIndex {
    /// Whether this year holds a block dated in `first..after`.
    pub fn has_blocks_in(&self, first: NaiveDate, after: NaiveDate) -> bool {
        self.blocks()
            .any(|i| i.dates.iter().any(|d| (first..after).contains(d)))
    }

    fn blocks(&self) -> impl Iterator<Item = &Indexed> {
        self.items.iter().filter(|i| i.kind == Kind::Block.table())
    }

    /// The dates of this year's blocks.
    pub fn block_dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.blocks().flat_map(|i| i.dates.iter().copied())
    }
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

/// Writes the index of `year` as just written with `data` (under the lock of
/// the write, by `Store::archive`). The year file is stamped after its write,
/// so the index matches it.
pub(super) fn write_index(year: &Path, data: &Data) -> Result<()> {
    let Some(stamp) = stamp_of(year) else {
        return Ok(());
    };
    write_stored(year, &stamp, &index_of(data))
}

fn write_stored(year: &Path, stamp: &str, items: &[Indexed]) -> Result<()> {
    write_atomic(&index_path(year), render(stamp, items).as_bytes())
}

/// The index as stored: the header, the year file's stamp, a hash of the
/// lines that follow (an index edited by hand is made again, not believed),
/// then one line per item — kind, id, uid, dates, title, split by tabs. Lines,
/// not TOML: it is read whole by every look into the archive, and a line
/// format reads several times faster than the same entries as TOML tables.
fn render(stamp: &str, items: &[Indexed]) -> String {
    let mut body = String::new();
    for i in items {
        let dates: Vec<String> = i.dates.iter().map(|d| d.to_string()).collect();
        body += &format!(
            "{}\t{}\t{}\t{}\t{}\n",
            i.kind,
            i.id,
            escape(&i.uid),
            dates.join(","),
            escape(&i.title)
        );
    }
    let check = crate::store::hash(body.as_bytes());
    format!("{HEADER}\nstamp {stamp}\ncheck {check:016x}\n{body}")
}

/// The stamp and items of a stored index, or `None` when it is not one whole.
fn read_stored(text: &str) -> Option<(&str, Vec<Indexed>)> {
    let rest = text.strip_prefix(HEADER)?.strip_prefix('\n')?;
    let (stamp, rest) = rest.strip_prefix("stamp ")?.split_once('\n')?;
    let (check, body) = rest.strip_prefix("check ")?.split_once('\n')?;
    if check != format!("{:016x}", crate::store::hash(body.as_bytes())) {
        return None;
    }
    let items = body.lines().map(read_line).collect::<Option<Vec<_>>>()?;
    Some((stamp, items))
}

fn read_line(line: &str) -> Option<Indexed> {
    let mut fields = line.split('\t');
    let kind = fields.next()?;
    Kind::ALL.iter().find(|k| k.table() == kind)?;
    let id = fields.next()?.parse().ok()?;
    let uid = unescape(fields.next()?);
    let dates = match fields.next()? {
        "" => Vec::new(),
        text => text
            .split(',')
            .map(|d| d.parse().ok())
            .collect::<Option<Vec<NaiveDate>>>()?,
    };
    let title = unescape(fields.next()?);
    fields.next().is_none().then_some(Indexed {
        kind: kind.to_string(),
        id,
        uid,
        dates,
        title,
    })
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
fn trusted(year: &Path) -> Option<Vec<Indexed>> {
    let stamp = stamp_of(year)?;
    let text = read_text(&index_path(year)).ok()??;
    let (stored, items) = read_stored(&text)?;
    (stored == stamp).then_some(items)
}

/// The index of `year`, made again from the year file when it is missing or
/// stale (and written back, best effort: a read-only archive still reads).
/// The year is stamped before it is read: a year replaced meanwhile leaves an
/// index stamped with the old file, which is stale, never wrong and trusted.
fn index_or_rebuild(year: &Path) -> Result<Vec<Indexed>> {
    if let Some(items) = trusted(year) {
        return Ok(items);
    }
    let stamp = stamp_of(year);
    let data = read_optional_data(year)?.unwrap_or_default();
    let items = index_of(&data);
    if let Some(stamp) = stamp {
        let _ = write_stored(year, &stamp, &items);
    }
    Ok(items)
}

impl Store {
    /// Every archive year's index, oldest year first.
    pub fn archive_indexes(&self) -> Result<Vec<YearIndex>> {
        self.archive_paths(i32::MIN)?
            .into_iter()
            .map(|path| {
                index_or_rebuild(&path).map(|items| YearIndex {
                    path: path.clone(),
                    items,
                })
            })
            .collect()
    }

    /// The archive years at `paths` (from `archive_indexes`).
    pub fn load_archive_years(&self, years: &[&YearIndex]) -> Result<Vec<Data>> {
        years
            .iter()
            .map(|y| read_optional_data(&y.path).map(Option::unwrap_or_default))
            .collect()
    }

    /// The archived `kind` `id`, read from the one year the index names, with
    /// that year file's name (`archive/2025.toml`). Only what the year file
    /// holds is returned: the index only says where to look.
    pub fn find_archived(&self, kind: Kind, id: u32) -> Result<Option<(Data, String)>> {
        // The newest year first: an item archived again later is newest there.
        for year in self.archive_indexes()?.iter().rev() {
            let named = year
                .items
                .iter()
                .any(|i| i.kind == kind.table() && i.id == id);
            if !named {
                continue;
            }
            let data = read_optional_data(&year.path)?.unwrap_or_default();
            if data.list(kind).position(id).is_some() {
                let file = year.path.file_name().unwrap_or_default().to_string_lossy();
                return Ok(Some((data, format!("{}/{file}", super::ARCHIVE_DIR))));
            }
        }
        Ok(None)
    }

    /// The archive years a listing of the blocks dated `first..after` needs:
    /// those with blocks in the span, and (for what an empty listing says)
    /// the year of the nearest block after it, or else before it.
    pub fn load_archive_for_days(&self, first: NaiveDate, after: NaiveDate) -> Result<Vec<Data>> {
        let years = self.archive_indexes()?;
        let mut wanted: Vec<&YearIndex> = years
            .iter()
            .filter(|y| y.has_blocks_in(first, after))
            .collect();
        if wanted.is_empty() {
            let later = nearest(&years, |d| (d >= after).then_some(d), true);
            let earlier = nearest(&years, |d| (d < first).then_some(d), false);
            wanted.extend(later.or(earlier));
        }
        self.load_archive_years(&wanted)
    }
}

/// The year holding the earliest (`lowest`) or else the latest block date
/// that `keep` keeps.
fn nearest(
    years: &[YearIndex],
    keep: impl Fn(NaiveDate) -> Option<NaiveDate>,
    lowest: bool,
) -> Option<&YearIndex> {
    let dated = years
        .iter()
        .flat_map(|y| y.block_dates().filter_map(&keep).map(move |d| (d, y)));
    let found = if lowest {
        dated.min_by_key(|(d, _)| *d)
    } else {
        dated.max_by_key(|(d, _)| *d)
    };
    found.map(|(_, y)| y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Access;
    use lane_core::model::Kind;

    /// A store with 200 days of demo data, archived: its years and their files.
    fn archived() -> (tempfile::TempDir, Store, Data) {
        let dir = tempfile::tempdir().unwrap();
        let end = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let year = lane_core::demo::generate(200, 5, end);
        let (mut store, _) = Store::open(dir.path(), Access::Session).unwrap();
        let now = end.and_hms_opt(9, 0, 0).unwrap();
        store.save(&year, now).unwrap();
        let mut live = year.clone();
        let moved = store
            .archive(&mut live, end - chrono::Duration::days(30))
            .unwrap();
        assert!(moved > 100, "{moved}");
        (dir, store, live)
    }

    fn index_texts(store: &Store) -> Vec<(PathBuf, String)> {
        store
            .archive_paths(i32::MIN)
            .unwrap()
            .into_iter()
            .map(|y| {
                let text = fs::read_to_string(index_path(&y)).unwrap();
                (y, text)
            })
            .collect()
    }

    /// What each year file holds, read from the year itself.
    fn truth(store: &Store) -> Vec<Vec<Indexed>> {
        store.load_archive().unwrap().iter().map(index_of).collect()
    }

    fn indexed(store: &Store) -> Vec<Vec<Indexed>> {
        let years = store.archive_indexes().unwrap();
        years.into_iter().map(|y| y.items).collect()
    }

    #[test]
    fn archiving_writes_an_index_of_each_year_it_writes() {
        let (_dir, store, _) = archived();
        let texts = index_texts(&store);
        assert!(!texts.is_empty(), "a year was archived");
        // Every year's index holds what the year holds, and is trusted as written.
        for (year, _) in &texts {
            let held = index_of(&read_optional_data(year).unwrap().unwrap());
            assert!(!held.is_empty());
            assert_eq!(trusted(year), Some(held));
        }
    }

    #[test]
    fn a_deleted_index_is_made_again() {
        let (_dir, store, _) = archived();
        let texts = index_texts(&store);
        for (year, _) in &texts {
            fs::remove_file(index_path(year)).unwrap();
        }
        assert_eq!(indexed(&store), truth(&store));
        for (year, _) in &texts {
            assert!(trusted(year).is_some(), "written back: {}", year.display());
        }
    }

    #[test]
    fn a_year_edited_by_hand_makes_its_index_again() {
        let (_dir, store, _) = archived();
        let (year, _) = index_texts(&store).remove(0);
        let mut data = read_optional_data(&year).unwrap().unwrap();
        let gone = data.priorities.remove(0);
        data.blocks[0].title = "renamed by hand".into();
        fs::write(&year, crate::store::to_toml(&data).unwrap()).unwrap();
        assert_eq!(trusted(&year), None, "the old index is stale");
        let now = indexed(&store);
        assert_eq!(now, truth(&store));
        assert!(!now[0].iter().any(|i| i.uid == gone.uid));
        assert_eq!(store.find_archived(Kind::Priority, gone.id).unwrap(), None);
        assert!(now[0].iter().any(|i| i.title == "renamed by hand"));
    }

    #[test]
    fn a_hand_broken_index_is_made_again_not_believed() {
        let (_dir, store, _) = archived();
        let (year, text) = index_texts(&store).remove(0);
        let first = read_optional_data(&year).unwrap().unwrap().priorities[0].clone();
        // Entries edited (the stamp kept): the item is moved to another id.
        let lied = text.replacen(
            &format!("priorities\t{}\t", first.id),
            "priorities\t999999\t",
            1,
        );
        assert_ne!(lied, text);
        fs::write(index_path(&year), lied).unwrap();
        assert_eq!(indexed(&store), truth(&store));
        assert_eq!(store.find_archived(Kind::Priority, 999_999).unwrap(), None);
        let (found, file) = store
            .find_archived(Kind::Priority, first.id)
            .unwrap()
            .unwrap();
        assert!(found.priorities.contains(&first));
        assert!(file.starts_with("archive/"), "{file}");
        // Not TOML at all: made again too.
        fs::write(index_path(&year), "not [ an index").unwrap();
        assert_eq!(indexed(&store), truth(&store));
    }

    #[test]
    fn titles_and_uids_with_tabs_breaks_and_backslashes_read_back_whole() {
        let items = vec![Indexed {
            kind: "blocks".into(),
            id: 7,
            uid: "u\\1\t".into(),
            dates: vec![NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()],
            title: "a\tb\nc\\n\r d\\".into(),
        }];
        let text = render("1:2", &items);
        assert_eq!(text.lines().count(), 4, "{text}");
        assert_eq!(read_stored(&text), Some(("1:2", items)));
        assert_eq!(
            read_stored(&text.replace("a\\tb", "a\\tB")),
            None,
            "checked"
        );
    }

    #[test]
    fn a_past_day_reads_only_the_years_with_blocks_that_day() {
        let (_dir, store, _) = archived();
        let all =
            lane_core::model::archive::combine(&Data::default(), store.load_archive().unwrap());
        let day = all.blocks[0].date;
        let after = lane_core::model::limits::shift_days(day, 1);
        let years = store.load_archive_for_days(day, after).unwrap();
        assert_eq!(years.len(), 1, "one year holds the day");
        let on_day = |d: &Data| {
            d.blocks
                .iter()
                .filter(|b| b.date == day)
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(on_day(&years[0]), on_day(&all));
    }
}
