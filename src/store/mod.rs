//! The only code that touches `lane.toml`: lock, load, migrate, merge, atomic save.
//!
//! Promises kept here: saves are atomic (temp file in the same dir, fsync, rename,
//! fsync the dir); `lane.lock` is held only for one read → merge → write (an app
//! never holds it for its session); a file that does not parse, or is newer than
//! this binary, is never written; a file someone else changed since we read it is
//! never overwritten — what they wrote is merged with ours (`model::merge`) from
//! the base we both started from.

use std::fs::{self, File, OpenOptions};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Read, Seek, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use serde::Deserialize;

mod edit;

use crate::located::{line_col, located, problems_at};
use crate::model::{DATA_VERSION, Data};

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
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

/// How long a save waits for another writer's save to finish.
pub const LOCK_WAIT: Duration = Duration::from_secs(2);

/// What a save did.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// Written as given: nobody else had written since.
    Written,
    /// Someone else had written: this is what both together came to (now on disk).
    Merged(Box<crate::model::merge::Merged>),
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
    /// …parsed for editing, once, and kept from write to write.
    doc: Option<toml_edit::DocumentMut>,
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

impl Store {
    /// Opens the data directory (creating it, mode 0700, if missing), takes the lock
    /// as asked, and loads `lane.toml` (an absent file is an empty plan).
    pub fn open(dir: &Path, access: Access) -> Result<(Store, Data)> {
        if access != Access::Read {
            create_private_dir(dir)?;
        }
        let mut path = dir.join(DATA_FILE);
        // Keep a symlinked lane.toml (dotfiles repos) a symlink: write to its target.
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            path = fs::canonicalize(&path)
                .wrap_err_with(|| format!("{}: cannot follow the symlink", path.display()))?;
        }
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

    pub fn path(&self) -> &Path {
        &self.path
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
        let path = dir.join(LOCK_FILE);
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .wrap_err_with(|| format!("cannot open the lock file {}", path.display()))
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
                let _ = file.read_to_string(&mut pid);
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

    /// A writer killed mid-save leaves its temp file; holding the lock, nobody else
    /// is saving, so any left are debris. Best effort: debris is harmless.
    fn remove_stale_temp_files(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(".lane.toml.") && name.ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    fn fingerprint_of(&self, bytes: &[u8]) -> Fingerprint {
        let modified = fs::metadata(&self.path).and_then(|m| m.modified()).ok();
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            hash: hash(bytes),
        }
    }

    /// Reads the file; it becomes the base of the next merge. `locked`: we hold
    /// the lock, so an older layout may be migrated (backed up, then rewritten).
    fn load(&mut self, locked: bool) -> Result<Data> {
        let Some(bytes) = self.read_bytes()? else {
            self.known = None;
            self.base = Data::default();
            self.base_text = None;
            return Ok(Data::default());
        };
        let (data, version) = parse_versioned(&self.path, &bytes)?;
        self.known = Some(self.fingerprint_of(&bytes));
        self.base = data.clone();
        self.base_text = String::from_utf8(bytes.clone()).ok();
        self.doc = None;
        if version < i64::from(DATA_VERSION) && locked {
            // Older layout: keep the original, then write the new one.
            self.back_up(&bytes, version)?;
            self.base_text = None;
            self.write(&data)
                .wrap_err("cannot save the migrated data")?;
        }
        Ok(data)
    }

    fn read_bytes(&self) -> Result<Option<Vec<u8>>> {
        match fs::read(&self.path) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).wrap_err_with(|| format!("cannot read {}", self.path.display())),
        }
    }

    /// Copies the file as it was into `backups/` (0700 dir, 0600 file).
    fn back_up(&self, bytes: &[u8], version: i64) -> Result<PathBuf> {
        let dir = self.dir.join("backups");
        create_private_dir(&dir)?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let path = dir.join(format!("lane.v{version}.{stamp}.toml"));
        write_new(&path, bytes).wrap_err("cannot back up the file before migrating it")?;
        Ok(path)
    }

    /// Reads the file again, e.g. after someone else edited it.
    pub fn reload(&mut self) -> Result<Data> {
        self.load(false)
    }

    /// True when the file on disk is no longer what we last read or wrote.
    pub fn changed_on_disk(&self) -> bool {
        let meta = fs::metadata(&self.path).ok();
        match (&self.known, meta) {
            (None, None) => false,
            (None, Some(_)) | (Some(_), None) => true,
            (Some(known), Some(meta)) => {
                if meta.len() == known.len && meta.modified().ok() == known.modified {
                    return false;
                }
                // Metadata moved (a touch, a copy back): compare the content itself.
                match fs::read(&self.path) {
                    Ok(bytes) => hash(&bytes) != known.hash,
                    Err(_) => true,
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
        if self.read_only {
            bail!("this lane opened the data only to read it");
        }
        let _lock = self
            .lock_for_save()
            .wrap_err_with(|| format!("cannot save {}", self.path.display()))?;
        if !self.changed_on_disk() {
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
            self.write(data)?;
            return Ok(Saved::Written);
        };
        let theirs = parse(&self.path, &bytes).wrap_err_with(|| {
            format!(
                "{} was changed outside lane and does not load; it was not overwritten",
                self.path.display()
            )
        })?;
        let mut uid = || ulid::Ulid::new().to_string();
        let merged = crate::model::merge::merge(&self.base, data, &theirs, now, &mut uid)
            .map_err(|e| eyre!("cannot merge the changes made outside lane: {e}"))?;
        // What is on disk now is theirs: the write edits their text.
        self.base = theirs;
        self.base_text = String::from_utf8(bytes).ok();
        self.doc = None;
        self.write(&merged.data)?;
        Ok(Saved::Merged(Box::new(merged)))
    }

    /// Writes `data` atomically (the caller holds the lock) by editing the text
    /// that holds the base, so hand formatting survives; if the edit would not load
    /// back as exactly `data`, the canonical layout is written instead. The written
    /// data becomes the base.
    fn write(&mut self, data: &Data) -> Result<()> {
        refuse_problems(&self.path, data)?;
        let mut doc = self
            .doc
            .take()
            .or_else(|| self.base_text.as_deref()?.parse().ok());
        let edited = doc
            .as_mut()
            .and_then(|d| edit::edit(d, &self.base, data).map(|()| d.to_string()))
            .filter(|text| parse(&self.path, text.as_bytes()).is_ok_and(|d| d == *data));
        let text = match edited {
            Some(text) => text,
            None => {
                // The next write parses the canonical text afresh.
                doc = None;
                to_toml(data)?
            }
        };
        write_atomic(&self.path, text.as_bytes())?;
        self.known = Some(self.fingerprint_of(text.as_bytes()));
        self.base = data.clone();
        self.base_text = Some(text);
        self.doc = doc;
        Ok(())
    }

    /// Moves items closed before `cutoff` into `archive/YYYY.toml`. The archive is
    /// written first, then the live file: a crash in between leaves items in both
    /// (merged away next time), never in neither. Returns how many items moved.
    pub fn archive(&mut self, data: &mut Data, cutoff: chrono::NaiveDate) -> Result<usize> {
        if self.read_only {
            return Ok(0);
        }
        let mut live = data.clone();
        let years = crate::model::archive::split(&mut live, cutoff);
        if years.is_empty() {
            return Ok(0);
        }
        let _lock = self.lock_for_save()?;
        if self.changed_on_disk() {
            // Someone wrote since we read: archive another time rather than merge here.
            return Ok(0);
        }
        // Checked before the archive is touched, so a refusal leaves both as they were.
        refuse_problems(&self.path, &live)?;
        let dir = self.dir.join(ARCHIVE_DIR);
        create_private_dir(&dir)?;
        let mut moved = 0;
        for (year, items) in years {
            moved += items.priorities.len()
                + items.blocks.len()
                + items.blockers.len()
                + items.decisions.len()
                + items.reviews.len();
            let path = dir.join(format!("{year}.toml"));
            let mut kept = read_optional_data(&path)?.unwrap_or_default();
            crate::model::archive::merge(&mut kept, items);
            refuse_problems(&path, &kept)?;
            write_atomic(&path, to_toml(&kept)?.as_bytes())?;
        }
        self.write(&live)
            .wrap_err("cannot save the live file after archiving")?;
        *data = live;
        Ok(moved)
    }
}

pub const ARCHIVE_DIR: &str = "archive";

fn read_optional_data(path: &Path) -> Result<Option<Data>> {
    match fs::read(path) {
        Ok(bytes) => parse(path, &bytes).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).wrap_err_with(|| format!("cannot read {}", path.display())),
    }
}

/// Every year in `archive/`, oldest first; read only when a report or search reaches back.
pub fn load_archive(data_dir: &Path) -> Result<Vec<Data>> {
    load_archive_from(data_dir, i32::MIN)
}

/// The archive years from `first_year` on: an item is filed under the year it
/// closed, so a period starting in `first_year` finds nothing in earlier files.
pub fn load_archive_from(data_dir: &Path, first_year: i32) -> Result<Vec<Data>> {
    let dir = data_dir.join(ARCHIVE_DIR);
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
    paths
        .iter()
        .map(|p| read_optional_data(p).map(Option::unwrap_or_default))
        .collect()
}

/// Temp file in the same directory, fsync, rename over `path`, fsync the directory.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let ctx = || format!("cannot save {}", path.display());
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".lane.toml.")
        .suffix(".tmp")
        .permissions(fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)
        .wrap_err_with(ctx)?;
    tmp.write_all(bytes).wrap_err_with(ctx)?;
    tmp.as_file().sync_all().wrap_err_with(ctx)?;
    tmp.persist(path)
        .map_err(|e| eyre!(e.error))
        .wrap_err_with(ctx)?;
    File::open(dir)
        .and_then(|d| d.sync_all())
        .wrap_err_with(ctx)?;
    Ok(())
}

fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .wrap_err_with(|| format!("cannot create the data directory {}", dir.display()))
}

/// Never writes what the loader would refuse: the same `Data::problems` the
/// loader runs, before every write; the file at `path` stays as it was.
fn refuse_problems(path: &Path, data: &Data) -> Result<()> {
    let problems = data.problems();
    if problems.is_empty() {
        return Ok(());
    }
    bail!(
        "{} was not written: lane would refuse to read it back — {}",
        path.display(),
        crate::model::problems::describe(&problems)
    )
}

/// Serialises the data the way it is stored: stable key order, one item per table.
pub fn to_toml(data: &Data) -> Result<String> {
    toml::to_string(data).wrap_err("cannot serialise the data")
}

#[derive(Deserialize)]
struct VersionOnly {
    version: Option<toml::Value>,
}

/// Parses the bytes of a `lane.toml`, with errors that point at `path:line:col`.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Data> {
    parse_versioned(path, bytes).map(|(data, _)| data)
}

/// Parses and, for an older layout, migrates; also returns the version the bytes had.
pub fn parse_versioned(path: &Path, bytes: &[u8]) -> Result<(Data, i64)> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(&bytes[..e.valid_up_to()], e.valid_up_to());
        eyre!(
            "{}:{line}:{col}: the file is not valid UTF-8",
            path.display()
        )
    })?;
    let at = |e: &toml::de::Error| located(path, text, e);
    // The common case, a current file, is read in one pass; anything else is read
    // again for its version, to migrate it or to say exactly what is wrong.
    let first: Result<Data, _> = toml::from_str(text);
    if let Ok(data) = first
        && data.version == DATA_VERSION
    {
        let problems = data.problems();
        if !problems.is_empty() {
            return Err(problems_at(path, text, &problems));
        }
        return Ok((data, i64::from(DATA_VERSION)));
    }
    let head: VersionOnly = toml::from_str(text).map_err(|e| at(&e))?;
    match head.version {
        None => bail!(
            "{}:1:1: missing `version = {DATA_VERSION}` at the top of the file",
            path.display()
        ),
        Some(toml::Value::Integer(v)) if v > i64::from(DATA_VERSION) => bail!(
            "{} is version {v}, but this lane only knows up to version {DATA_VERSION}. \
             Upgrade lane to open it; the file was left untouched.",
            path.display()
        ),
        Some(toml::Value::Integer(v)) if v < 0 => {
            bail!("{}: version {v} is not a lane data version", path.display())
        }
        Some(toml::Value::Integer(v)) if v < i64::from(DATA_VERSION) => {
            let table: toml::Table = toml::from_str(text).map_err(|e| at(&e))?;
            let migrated = crate::migrate::migrate(table, v)
                .map_err(|e| eyre!("{}: cannot migrate from version {v}: {e}", path.display()))?;
            let text = toml::to_string(&migrated).wrap_err("cannot write the migrated data")?;
            let (data, _) = parse_versioned(path, text.as_bytes()).wrap_err_with(|| {
                format!("{}: after migrating from version {v}", path.display())
            })?;
            return Ok((data, v));
        }
        Some(toml::Value::Integer(_)) => {}
        Some(other) => bail!(
            "{}: `version` must be a number, found {}",
            path.display(),
            other.type_str()
        ),
    }
    let data: Data = toml::from_str(text).map_err(|e| at(&e))?;
    let problems = data.problems();
    if !problems.is_empty() {
        return Err(problems_at(path, text, &problems));
    }
    Ok((data, i64::from(DATA_VERSION)))
}

/// Writes a new private file (mode 0600) and syncs it; used for rescue copies.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .wrap_err_with(|| format!("cannot create {}", path.display()))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .wrap_err_with(|| format!("cannot write {}", path.display()))
}
