//! `lane.status.toml`: the slim copy of the data a status bar needs
//! (`model::status::slim`), written after every save and trusted only while
//! `lane.toml` is exactly the file it was made from — same size, times and
//! inode — and only for the days it covers. `lane status`, asked every second,
//! then reads a few kilobytes instead of the whole plan.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use color_eyre::eyre::Result;
use serde::{Deserialize, Serialize};

use super::fsio::read_text;
use super::{Access, DATA_FILE, Stamp, Store};
use lane_core::model::Data;
use lane_core::model::limits::shift_days;
use lane_core::model::status::{SLIM_DAYS, slim};

pub const STATUS_FILE: &str = "lane.status.toml";

#[derive(Serialize, Deserialize)]
struct Cached {
    /// The stamp of the `lane.toml` this was made from.
    stamp: String,
    /// The first day it covers.
    day: NaiveDate,
    data: Data,
}

impl Stamp {
    fn key(&self) -> String {
        let modified = self
            .modified
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        format!(
            "{}:{modified}:{}.{}:{}:{}",
            self.len, self.changed.0, self.changed.1, self.inode.0, self.inode.1
        )
    }
}

impl Store {
    /// Writes the slim copy of what was just written (best effort: on any error
    /// the status reads the whole file, as it would without a copy).
    pub(super) fn refresh_status(&self, today: NaiveDate) {
        if let Some(stamp) = self.known.and_then(|k| k.stamp) {
            let _ = write_cache(&self.dir, &stamp, &self.base, today);
        }
    }
}

fn write_cache(dir: &Path, stamp: &Stamp, data: &Data, today: NaiveDate) -> Result<()> {
    let cached = Cached {
        stamp: stamp.key(),
        day: today,
        data: slim(data, today),
    };
    let text = toml::to_string(&cached)?;
    // Renamed into place but not synced: a copy lost to a crash is only read
    // as "no copy" (the file is read instead), and a save need not wait for it.
    let mut tmp = tempfile::Builder::new()
        .prefix(super::TEMP_PREFIX)
        .suffix(super::TEMP_SUFFIX)
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .tempfile_in(dir)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())?;
    tmp.persist(dir.join(STATUS_FILE)).map_err(|e| e.error)?;
    Ok(())
}

/// The data a status needs on `today`: the slim copy when it still holds, else
/// the whole file (and the copy is made again for the next ask).
pub fn status_data(data_dir: &Path, today: NaiveDate) -> Result<Data> {
    let mut path = data_dir.join(DATA_FILE);
    if let Ok(real) = fs::canonicalize(&path) {
        path = real;
    }
    let dir = path.parent().unwrap_or(data_dir);
    if let (Ok(meta), Ok(Some(text))) = (fs::metadata(&path), read_text(&dir.join(STATUS_FILE)))
        && let Ok(cached) = toml::from_str::<Cached>(&text)
        && cached.stamp == Stamp::of(&meta).key()
        && cached.day <= today
        && today < shift_days(cached.day, SLIM_DAYS)
    {
        return Ok(cached.data);
    }
    let (store, data) = Store::open(data_dir, Access::Read)?;
    if let Some(stamp) = store.known.and_then(|k| k.stamp) {
        let _ = write_cache(&store.dir, &stamp, &data, today);
    }
    Ok(slim(&data, today))
}
