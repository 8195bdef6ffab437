//! `lane.status.json`: the slim copy of the data a status bar needs
//! (`model::status::slim`), kept current by every save and trusted only while
//! `lane.toml` holds exactly what it was made from — the same size, times and
//! inode, or else the same content (a checkout or a copy moves the times, not
//! the data) — and only for the day it covers. `lane status`, asked every
//! second, then reads a few kilobytes instead of parsing the whole plan. The
//! first `lane status` makes it; from then on every save keeps it current.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use color_eyre::eyre::Result;
use serde::{Deserialize, Serialize};

use super::fsio::{read_file, read_text, write_unsynced};
use super::{Access, DATA_FILE, Stamp, Store};
use lane_core::model::Data;
use lane_core::model::limits::shift_days;
use lane_core::model::status::{SLIM_DAYS, slim};

pub const STATUS_FILE: &str = "lane.status.json";
/// Where an older lane kept it (in TOML): removed when the new one is written.
const OLD_STATUS_FILE: &str = "lane.status.toml";

#[derive(Serialize, Deserialize)]
struct Cached {
    /// The stamp of the `lane.toml` this was made from…
    stamp: String,
    /// …and a hash of its content, asked when the stamp moved.
    content: String,
    /// The hash of that content when it is in lane's own layout (the store's
    /// next write then need not serialise the file to find out).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    layout: String,
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
    /// Writes the slim copy of what was just written, with what lane computed
    /// into it (the day's repeating blocks and meetings) — best effort: on any
    /// error the status reads the whole file, as it would without a copy.
    /// Only once a status bar asked (`lane status` made the first copy): a
    /// plan nobody shows in a bar is not copied at every save.
    pub(super) fn refresh_status(&self, data: &Data, today: NaiveDate) {
        if !self.dir.join(STATUS_FILE).exists() {
            let _ = fs::remove_file(self.dir.join(OLD_STATUS_FILE));
            return;
        }
        if let Some(known) = self.known
            && let Some(stamp) = known.stamp
        {
            let layout = (self.layout == Some(super::Layout::Exact)).then_some(known.hash);
            let _ = write_cache(&self.dir, (&stamp, known.hash), layout, data, today);
        }
    }

    /// True when the status copy says the file whose content hashes to
    /// `hash` is in lane's own layout (lane wrote it so, and it is unchanged).
    pub(super) fn layout_known(&self, hash: u64) -> bool {
        #[derive(Deserialize)]
        struct Layout {
            #[serde(default)]
            layout: String,
        }
        read_text(&self.dir.join(STATUS_FILE))
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str::<Layout>(&text).ok())
            .is_some_and(|l| l.layout == format!("{hash:016x}"))
    }
}

/// The stamp of `lane.toml` and of the calendars' copies a slim copy was made
/// from: a calendar fetched anew (a copy renamed into `calendars/`) makes the
/// status compute its meetings again.
fn key_of(dir: &Path, stamp: &Stamp) -> String {
    format!("{}|{}", stamp.key(), copies_key(dir))
}

fn copies_key(dir: &Path) -> String {
    fs::metadata(dir.join(crate::calendar::cache::DIR))
        .map(|m| Stamp::of(&m).key())
        .unwrap_or_default()
}

/// The cached copy, if it was made from the `lane.toml` at `path` as it is
/// now, for `today`.
fn cached(dir: &Path, path: &Path, today: NaiveDate) -> Option<Data> {
    let meta = fs::metadata(path).ok()?;
    let text = read_text(&dir.join(STATUS_FILE)).ok()??;
    let cached = serde_json::from_str::<Cached>(&text).ok()?;
    let for_today = cached.day <= today && today < shift_days(cached.day, SLIM_DAYS);
    let same = cached.stamp == key_of(dir, &Stamp::of(&meta))
        || read_file(path).ok()?.is_some_and(|bytes| {
            cached.content == format!("{:016x}|{}", super::hash(&bytes), copies_key(dir))
        });
    (for_today && same).then_some(cached.data)
}

fn write_cache(
    dir: &Path,
    (stamp, content): (&Stamp, u64),
    layout: Option<u64>,
    data: &Data,
    today: NaiveDate,
) -> Result<()> {
    let cached = Cached {
        stamp: key_of(dir, stamp),
        content: format!("{content:016x}|{}", copies_key(dir)),
        layout: layout.map(|h| format!("{h:016x}")).unwrap_or_default(),
        day: today,
        data: slim(data, today),
    };
    let text = serde_json::to_string(&cached)?;
    write_unsynced(&dir.join(STATUS_FILE), text.as_bytes())?;
    let _ = fs::remove_file(dir.join(OLD_STATUS_FILE));
    Ok(())
}

/// The data a status needs now: the slim copy when it still holds, else the
/// whole file with what lane computes into it (and the copy is made again for
/// the next ask).
pub fn status_data(
    data_dir: &Path,
    config_dir: &Path,
    calendars: &crate::calendar::config::Calendars,
    now: chrono::NaiveDateTime,
) -> Result<Data> {
    let today = now.date();
    let mut path = data_dir.join(DATA_FILE);
    if let Ok(real) = fs::canonicalize(&path) {
        path = real;
    }
    let dir = path.parent().unwrap_or(data_dir);
    if let Some(data) = cached(dir, &path, today) {
        return Ok(data);
    }
    let (store, mut data) = Store::open(data_dir, Access::Read)?;
    let dirs = crate::calendar::sources::Dirs {
        config: config_dir,
        data: data_dir,
    };
    crate::calendar::compute(&mut data, calendars, &dirs, now, today);
    if let Some(known) = store.known
        && let Some(stamp) = known.stamp
    {
        let _ = write_cache(&store.dir, (&stamp, known.hash), None, &data, today);
    }
    Ok(slim(&data, today))
}
