//! `archive/YYYY.toml`: where closed items go after `archive_after_days`, beside
//! the real `lane.toml` (a symlinked one's target), and where every reader finds
//! them — the store's resolved dir, never the `--dir` it was opened with, so
//! two data dirs sharing one file share one archive.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use color_eyre::eyre::{Result, WrapErr};

use super::fsio::{own_dir, read_file, refuse_linked_dir, write_atomic};
use super::{Store, parse, refuse_problems, to_toml};
use lane_core::model::Data;

// A sibling file, a child module: the store's module list is left as it is.
#[path = "archive_index.rs"]
pub mod archive_index;

pub const ARCHIVE_DIR: &str = "archive";

impl Store {
    /// Where this store's archive lives.
    pub fn archive_dir(&self) -> PathBuf {
        self.dir.join(ARCHIVE_DIR)
    }

    /// Every year in the archive, oldest first; read only when a report or search
    /// reaches back.
    pub fn load_archive(&self) -> Result<Vec<Data>> {
        self.load_archive_from(i32::MIN)
    }

    /// The archive years from `first_year` on: an item is filed under the year it
    /// closed, so a period starting in `first_year` finds nothing in earlier files.
    pub fn load_archive_from(&self, first_year: i32) -> Result<Vec<Data>> {
        read_years(&self.archive_dir(), first_year)
    }

    /// Every archive year with its file's name, for `lane check`.
    pub fn load_archive_named(&self) -> Result<Vec<(String, Data)>> {
        self.archive_paths(i32::MIN)?
            .iter()
            .map(|p| {
                let name = format!(
                    "{ARCHIVE_DIR}/{}",
                    p.file_name().unwrap_or_default().to_string_lossy()
                );
                read_optional_data(p).map(|d| (name, d.unwrap_or_default()))
            })
            .collect()
    }

    pub(super) fn archive_paths(&self, first_year: i32) -> Result<Vec<PathBuf>> {
        archive_paths_in(&self.archive_dir(), first_year)
    }

    /// `archive`, for opening: a failure (a full disk, say) is no reason not to
    /// open — the items stay live and move another time. Says why when it failed.
    pub fn archive_or_postpone(
        &mut self,
        data: &mut Data,
        cutoff: chrono::NaiveDate,
    ) -> Option<String> {
        self.archive(data, cutoff).err().map(|e| {
            format!(
                "closed items were not moved to the archive this time ({e:#}); \
                 they stay in lane.toml and move at a later start"
            )
        })
    }

    /// Moves items closed before `cutoff` into `archive/YYYY.toml`. The archive is
    /// written first, then the live file: a crash in between leaves items in both
    /// (merged away next time), never in neither. Returns how many items moved.
    pub fn archive(&mut self, data: &mut Data, cutoff: chrono::NaiveDate) -> Result<usize> {
        if self.read_only || !lane_core::model::archive::any_due(data, cutoff) {
            return Ok(0);
        }
        let mut live = data.clone();
        let years = lane_core::model::archive::split(&mut live, cutoff);
        if years.is_empty() {
            return Ok(0);
        }
        let _lock = self.lock_for_save()?;
        if self.content_changed() {
            // Someone wrote since we read: archive another time rather than merge here.
            return Ok(0);
        }
        // Checked before the archive is touched, so a refusal leaves both as they were.
        self.refuse_while_merging()?;
        refuse_problems(&self.path, &live)?;
        let dir = self.archive_dir();
        own_dir(&dir)?;
        let mut moved = 0;
        for (year, items) in years {
            moved += items.priorities.len()
                + items.blocks.len()
                + items.blockers.len()
                + items.decisions.len()
                + items.reviews.len();
            let path = dir.join(format!("{year}.toml"));
            let mut kept = read_optional_data(&path)?.unwrap_or_default();
            lane_core::model::archive::merge(&mut kept, items);
            refuse_problems(&path, &kept)?;
            let text = to_toml(&kept)?;
            write_atomic(&path, text.as_bytes())?;
            // Best effort, as every cache: a reader makes a missing index again.
            let _ = archive_index::write_index(&path, &text, &kept);
        }
        self.write(&live)
            .wrap_err("cannot save the live file after archiving")?;
        *data = live;
        Ok(moved)
    }
}

/// Every year in the archive folder `dir`, oldest first, read without a store:
/// the app reads it aside, off the key that asked for it.
pub fn read_archive(dir: &Path) -> Result<Vec<Data>> {
    read_years(dir, i32::MIN)
}

/// The years in the archive folder `dir` from `first_year` on, oldest first.
fn read_years(dir: &Path, first_year: i32) -> Result<Vec<Data>> {
    archive_paths_in(dir, first_year)?
        .iter()
        .map(|p| read_optional_data(p).map(Option::unwrap_or_default))
        .collect()
}

fn archive_paths_in(dir: &Path, first_year: i32) -> Result<Vec<PathBuf>> {
    let dir = dir.to_path_buf();
    refuse_linked_dir(&dir)?;
    let mut paths: Vec<PathBuf> = match fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .filter(|p| {
                // `0.toml` and anything not named by a year is always read.
                let year = p.file_stem().and_then(|s| s.to_str()?.parse::<i32>().ok());
                year.is_none_or(|y| y == 0 || y >= first_year)
            })
            .collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).wrap_err_with(|| format!("cannot read {}", dir.display())),
    };
    paths.sort();
    Ok(paths)
}

pub(super) fn read_optional_data(path: &Path) -> Result<Option<Data>> {
    read_file(path)?
        .map(|bytes| parse(path, &bytes))
        .transpose()
}
