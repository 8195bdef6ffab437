//! The only code that touches `lane.toml`: lock, load, migrate, merge, atomic save.
//!
//! Promises kept here: saves are atomic (temp file in the same dir, fsync, rename,
//! fsync the dir); `lane.lock` is held only for one read → merge → write (an app
//! never holds it for its session); a file that does not parse, or is newer than
//! this binary, is never written; a file someone else changed since we read it is
//! never overwritten — what they wrote is merged with ours (`model::merge`) from
//! the base we both started from.

use std::fs::{self, File};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use color_eyre::eyre::{Result, WrapErr, bail, eyre};

mod archive;
mod backup;
mod edit;
mod fsio;
pub mod gitmerge;
mod journal;
#[cfg(test)]
mod layout_tests;
mod parse;
mod reminded;
mod snapshot;
mod splice;
mod status_cache;
mod unit;
mod write;

pub use snapshot::CACHE_FILE;
pub use status_cache::{STATUS_FILE, status_data};

pub use archive::{ARCHIVE_DIR, read_archive};
pub use fsio::{
    DEFAULT_MAX_FILE_MIB, MAX_FILE_ENV, create_new, create_private_dir, exposure, own_dir,
    read_capped, read_file, read_text, refuse_linked_dir, write_new, write_private,
};
use fsio::{TEMP_PREFIX, TEMP_SUFFIX};
pub use journal::{HISTORY_FILE, JOURNAL_FILE};
pub use parse::{parse, parse_versioned};
pub use reminded::{SENT_FILE, claim_reminders, release_reminders};
pub use unit::{Entry, Held, Stepped, Taken};
#[cfg(test)]
use write::in_lanes_layout;
use write::refuse_problems;
pub use write::{to_toml, write_beside};

use lane_core::model::{DATA_VERSION, Data};

pub const DATA_FILE: &str = "lane.toml";
pub const LOCK_FILE: &str = "lane.lock";

/// How to take the lock on the data directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// An app session: no lock between saves; each save takes it for a moment and
    /// merges what others wrote meanwhile.
    Session,
    /// A command-line write: wait up to this long for the lock, then fail.
    Write(Duration),
    /// Just read (`lane check`, `lane list`): no lock.
    Read,
}

/// Identifies the file's content as we last read or wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    stamp: Option<Stamp>,
    hash: u64,
}

/// What the file system says of the file. The inode change time is in it because
/// no one can set it back: an edit of the same length with its mtime restored
/// still moves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    changed: (i64, i64),
    inode: (u64, u64),
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            changed: (meta.ctime(), meta.ctime_nsec()),
            inode: (meta.dev(), meta.ino()),
        }
    }
}

/// How long a save waits for another writer's save to finish.
pub const LOCK_WAIT: Duration = Duration::from_secs(2);

/// What a save did.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// Written as given: nobody else had written since.
    Written,
    /// Someone else had written: this is what both together came to (now on disk).
    Merged(Box<lane_core::model::merge::Merged>),
}

pub struct Store {
    dir: PathBuf,
    path: PathBuf,
    /// Held for a whole command (`Access::Write`); a session locks per save.
    lock: Option<File>,
    /// Who holds the lock when we are read-only (their pid, as written in the lock file).
    holder: Option<String>,
    read_only: bool,
    /// `None` while the file does not exist yet.
    known: Option<Fingerprint>,
    /// The data as we last read or wrote it: the base of the next merge.
    base: Data,
    /// The text that holds `base`, which the next write edits…
    base_text: Option<String>,
    /// …parsed for editing, once, and kept from write to write…
    doc: Option<toml_edit::DocumentMut>,
    /// …unless it is lane's own layout: then the next write is lane's layout
    /// of the new data, with no parse at all. `None`: not known yet.
    layout: Option<Layout>,
    /// The hooks whose `before_change` every change a person makes must pass
    /// (`Store::guard_with`).
    guard: Option<crate::hooks::Hooks>,
}

/// What the text that holds the base is, as far as a write needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Someone formatted it: a write edits it in place.
    Users,
    /// Lane's, with some of its blank lines left out by an older lane: a
    /// write serialises the new data whole.
    Lanes,
    /// Exactly lane's layout of the base: a write splices it (`splice`).
    Exact,
}

impl Layout {
    /// The layout the parsed copy says the text is in (`true`: exactly lane's).
    fn of_copy(exact: bool) -> Layout {
        if exact { Layout::Exact } else { Layout::Users }
    }
}

/// A hash of `bytes` for telling that a file changed, not for keeping
/// secrets: a write hashes lane.toml three times, every look into the
/// archive hashes each year's index and the year it reads (~2 MB at 5
/// years), and this runs several times faster than the standard hasher.
/// Four lanes of 8-byte words; each step is one-to-one in the word for a
/// given state and in the state for a given word, so two texts of one length
/// that differ in a single word never hash alike.
pub(crate) fn hash(bytes: &[u8]) -> u64 {
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

impl Store {
    /// Opens the data directory (creating it, mode 0700, if missing), takes the lock
    /// as asked, and loads `lane.toml` (an absent file is an empty plan).
    pub fn open(dir: &Path, access: Access) -> Result<(Store, Data)> {
        if access != Access::Read {
            create_private_dir(dir)?;
        }
        let mut path = dir.join(DATA_FILE);
        // Keep a symlinked lane.toml (dotfiles repos) a symlink: write to its target —
        // but not in a data dir synced with git, where lane never makes one and
        // only a remote's tree (taken by a plain `git pull`) could have put it.
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            if dir.join(".git").exists() {
                bail!(
                    "{} is a symlink in a data dir synced with git, where lane never makes one \
                     (a remote's tree may have brought it); lane does not follow it. Put your \
                     data back as a real file (git checkout of an earlier lane.toml) and try again",
                    path.display()
                );
            }
            path = fs::canonicalize(&path)
                .wrap_err_with(|| format!("{}: cannot follow the symlink", path.display()))?;
        }
        // Before any lock: a lane.toml that is a device or a FIFO (or links to
        // one) has no directory of ours to put a lock in.
        fsio::refuse_irregular(&path)?;
        let mut store = Store {
            dir: path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dir.to_path_buf()),
            path,
            lock: None,
            holder: None,
            read_only: access == Access::Read,
            known: None,
            base: Data::default(),
            base_text: None,
            doc: None,
            layout: None,
            guard: None,
        };
        let data = match access {
            Access::Session => {
                // Locked only while opening: debris of a killed save is swept and an
                // older layout migrated, with no other writer halfway through.
                let lock = store.lock_waiting(LOCK_WAIT)?;
                store.remove_stale_temp_files();
                let data = store.load(true)?;
                drop(lock);
                data
            }
            Access::Write(wait) => {
                store.lock = Some(store.lock_waiting(wait)?);
                store.remove_stale_temp_files();
                store.load(true)?
            }
            Access::Read => store.load(false)?,
        };
        Ok((store, data))
    }

    /// The data as last read or written.
    pub fn base(&self) -> &Data {
        &self.base
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The directory that really holds lane.toml (a symlinked one's target's):
    /// its lock, archive, backups and temp files live here.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Why this session cannot write, for the header.
    pub fn read_only_reason(&self) -> Option<String> {
        if !self.read_only {
            return None;
        }
        Some(match &self.holder {
            Some(pid) => format!("read-only: another lane (pid {pid}) has this data open"),
            None => "read-only: another lane has this data open".to_string(),
        })
    }

    fn lock_file(dir: &Path) -> Result<File> {
        create_private_dir(dir)?;
        fsio::open_lock(&dir.join(LOCK_FILE))
    }

    fn try_lock(&mut self) -> Result<Option<File>> {
        let dir = self.dir.clone();
        let mut file = Self::lock_file(&dir)?;
        match file.try_lock() {
            Ok(()) => {
                // Best effort: the pid only makes the waiting message friendlier.
                let _ = file.set_len(0);
                let _ = write!(file, "{}", std::process::id());
                Ok(Some(file))
            }
            Err(fs::TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.rewind();
                let _ = Read::by_ref(&mut file).take(64).read_to_string(&mut pid);
                self.holder = Some(pid.trim().to_string()).filter(|p| !p.is_empty());
                Ok(None)
            }
            Err(fs::TryLockError::Error(e)) => {
                Err(e).wrap_err_with(|| format!("cannot lock {}", dir.join(LOCK_FILE).display()))
            }
        }
    }

    /// Takes the lock, waiting up to `wait` for another writer to finish; released
    /// when the returned file is dropped.
    fn lock_waiting(&mut self, wait: Duration) -> Result<File> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(lock) = self.try_lock()? {
                return Ok(lock);
            }
            if Instant::now() >= deadline {
                let who = self
                    .holder
                    .as_deref()
                    .map(|p| format!(" (pid {p})"))
                    .unwrap_or_default();
                bail!(
                    "another lane{who} kept {} locked for over {} s; nothing was changed. \
                     Try again in a moment.",
                    self.dir.display(),
                    wait.as_secs()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The lock for one save: the command's own when it holds one, else a brief one.
    fn lock_for_save(&mut self) -> Result<Option<File>> {
        if self.lock.is_some() {
            return Ok(None);
        }
        self.lock_waiting(LOCK_WAIT).map(Some)
    }

    /// A writer killed mid-save leaves its temp file (beside lane.toml or an
    /// archive year); holding the lock, nobody else is saving, so any left are
    /// debris. Best effort: debris is harmless.
    fn remove_stale_temp_files(&self) {
        for dir in [self.dir.clone(), self.archive_dir()] {
            // Nothing is removed through a linked archive/: it is not lane's.
            if dir != self.dir && refuse_linked_dir(&dir).is_err() {
                continue;
            }
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }

    fn fingerprint_of(&self, bytes: &[u8]) -> Fingerprint {
        self.fingerprint_hashed(bytes, hash(bytes))
    }

    /// `fingerprint_of` with the content's hash already made.
    fn fingerprint_hashed(&self, bytes: &[u8], content: u64) -> Fingerprint {
        // Someone may write between our write and this look: a stamp that does not
        // fit our bytes is not ours, and the next check compares content.
        let stamp = fs::metadata(&self.path)
            .ok()
            .map(|m| Stamp::of(&m))
            .filter(|s| s.len == bytes.len() as u64);
        Fingerprint {
            stamp,
            hash: content,
        }
    }

    /// Reads the file; it becomes the base of the next merge. `locked`: we hold
    /// the lock, so an older layout may be migrated (backed up, then rewritten).
    fn load(&mut self, locked: bool) -> Result<Data> {
        let Some(bytes) = self.read_bytes()? else {
            self.known = None;
            self.base = Data::default();
            self.base_text = None;
            self.layout = None;
            return Ok(Data::default());
        };
        let content = hash(&bytes);
        let (data, version, layout) = self.parsed(&bytes, content)?;
        self.known = Some(self.fingerprint_hashed(&bytes, content));
        self.base = data.clone();
        self.base_text = String::from_utf8(bytes.clone()).ok();
        self.doc = None;
        self.layout = layout;
        if version < i64::from(DATA_VERSION) && locked {
            // Older layout: keep the original, then write the new one.
            self.back_up(&bytes, version)?;
            self.base_text = None;
            self.write(&data)
                .wrap_err("cannot save the migrated data")?;
        } else if locked
            && data
                .blocks
                .iter()
                .any(lane_core::model::derived::is_computed)
        {
            // Written by a lane that kept the days of series and the calendars'
            // meetings: keep the original, then leave them to be computed.
            let kept = lane_core::model::derived::kept(&self.without_copies(data)).into_owned();
            self.back_up_once(&bytes, "computed")?;
            self.write(&kept)
                .wrap_err("cannot save the data without its computed days")?;
            return Ok(kept);
        }
        Ok(data)
    }

    /// The data the bytes of `lane.toml` hold, with the version they had and,
    /// when known, whether they are lane's own layout of it: from the parsed
    /// copy lane left beside the file when it still holds (no parse), else
    /// parsed.
    fn parsed(&self, bytes: &[u8], content: u64) -> Result<(Data, i64, Option<Layout>)> {
        if let Some(copy) = snapshot::read(&self.dir, content, bytes.len()) {
            let layout = Layout::of_copy(copy.canonical);
            return Ok((copy.data, i64::from(DATA_VERSION), Some(layout)));
        }
        let (data, version) = parse_versioned(&self.path, bytes)?;
        Ok((data, version, None))
    }

    fn read_bytes(&self) -> Result<Option<Vec<u8>>> {
        read_file(&self.path)
    }

    /// Reads the file again, e.g. after someone else edited it.
    pub fn reload(&mut self) -> Result<Data> {
        self.load(false)
    }

    /// True when the file on disk is no longer what we last read or wrote: cheap
    /// enough to ask on every event, it reads the content only when the file
    /// system says something moved.
    pub fn changed_on_disk(&self) -> bool {
        self.differs(false)
    }

    /// Like `changed_on_disk`, but always by content: what a save asks, under the
    /// lock, before it writes over the file.
    fn content_changed(&self) -> bool {
        self.differs(true)
    }

    fn differs(&self, by_content: bool) -> bool {
        let meta = fs::metadata(&self.path).ok();
        match (&self.known, meta) {
            (None, None) => false,
            (None, Some(_)) | (Some(_), None) => true,
            (Some(known), Some(meta)) => {
                if !by_content && known.stamp == Some(Stamp::of(&meta)) {
                    return false;
                }
                // Metadata moved (a touch, a copy back): compare the content itself.
                match read_file(&self.path) {
                    Ok(Some(bytes)) => hash(&bytes) != known.hash,
                    _ => true,
                }
            }
        }
    }

    /// Saves `data`: under the lock, if someone else wrote the file since we read
    /// it, their data and ours are merged from our common base and the merge is
    /// written (and returned, so the caller shows what came in). A file that no
    /// longer loads is never written over; in every failure the previous file stays
    /// as it was. `now` dates any conflict.
    pub fn save(&mut self, data: &Data, now: chrono::NaiveDateTime) -> Result<Saved> {
        // The days of series and the calendars' meetings nobody touched are
        // computed, never kept: the file holds what the user made or said.
        self.save_kept(data, &lane_core::model::derived::kept(data), now)
    }

    /// `save`, with `kept` (`derived::kept` of `data`) made by the caller,
    /// which needs it too.
    pub(super) fn save_kept(
        &mut self,
        data: &Data,
        kept: &Data,
        now: chrono::NaiveDateTime,
    ) -> Result<Saved> {
        let saved = self.save_merging(kept, now)?;
        // Best effort: a status bar without its slim copy reads the whole file.
        // What was merged in has no computed days in it yet: no copy then.
        match &saved {
            Saved::Written => self.refresh_status(data, now.date()),
            Saved::Merged(_) => {
                let _ = std::fs::remove_file(self.dir.join(status_cache::STATUS_FILE));
            }
        }
        Ok(saved)
    }

    fn save_merging(&mut self, data: &Data, now: chrono::NaiveDateTime) -> Result<Saved> {
        if self.read_only {
            bail!("this lane opened the data only to read it");
        }
        let _lock = self
            .lock_for_save()
            .wrap_err_with(|| format!("cannot save {}", self.path.display()))?;
        if !self.content_changed() {
            // Nothing new to write is nothing to do.
            if *data != self.base || self.known.is_none() {
                self.write(data)?;
            }
            return Ok(Saved::Written);
        }
        let Some(bytes) = self.read_bytes()? else {
            // Gone (moved away, a checkout under way): that is no reason to drop
            // everything; what we hold is written back.
            self.base_text = None;
            self.doc = None;
            self.layout = None;
            self.write(data)?;
            return Ok(Saved::Written);
        };
        let (theirs, _, layout) = self.parsed(&bytes, hash(&bytes)).wrap_err_with(|| {
            format!(
                "{} was changed outside lane and does not load; it was not overwritten",
                self.path.display()
            )
        })?;
        let mut uid = || crate::clock::new_uid();
        let merged = lane_core::model::merge::merge(&self.base, data, &theirs, now, &mut uid)
            .map_err(|e| eyre!("cannot merge the changes made outside lane: {e}"))?;
        // What is on disk now is theirs: the write edits their text.
        self.base = theirs;
        self.base_text = String::from_utf8(bytes.clone()).ok();
        self.doc = None;
        self.layout = layout;
        self.write(&merged.data)?;
        Ok(Saved::Merged(Box::new(merged)))
    }
}
