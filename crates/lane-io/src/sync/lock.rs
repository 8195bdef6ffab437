//! One sync at a time, and what a killed one leaves behind.
//!
//! `.git/lane-sync.lock` (0600) is held while a sync runs and holds its pid
//! until the sync ends, cleanly or with an error. A pid still there when the
//! next sync takes the lock is a sync that was killed: git's `index.lock` and
//! a merge driver's `.merge_file_*` copies made since it started are its
//! leftovers, and are removed. Anything older, or any lock while that process
//! lives, is not lane's to remove.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use color_eyre::eyre::{Result, WrapErr, bail};

const LOCK: &str = "lane-sync.lock";

/// Held while a sync runs; a clean end (drop) clears the pid in it.
pub(crate) struct SyncLock {
    file: File,
    /// What a killed sync left and this one removed, in words.
    pub cleaned: Vec<String>,
}

impl Drop for SyncLock {
    fn drop(&mut self) {
        // Best effort: a pid left behind only makes the next sync look for debris.
        let _ = self.file.set_len(0);
    }
}

/// Takes the sync lock in `git_dir` (the work tree is `dir`), or says that
/// another sync runs; sweeps a killed sync's leftovers first.
pub(crate) fn one_at_a_time(git_dir: &Path, dir: &Path) -> Result<SyncLock> {
    let path = git_dir.join(LOCK);
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&path)
        .wrap_err_with(|| format!("cannot open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            bail!("another lane sync is running here; nothing was changed")
        }
        Err(fs::TryLockError::Error(e)) => {
            return Err(e).wrap_err_with(|| format!("cannot lock {}", path.display()));
        }
    }
    // An older lane made it 0644.
    file.set_permissions(fs::Permissions::from_mode(0o600))
        .wrap_err_with(|| format!("cannot make {} private", path.display()))?;
    let mut last = String::new();
    let _ = file.read_to_string(&mut last);
    let started = file.metadata().and_then(|m| m.modified()).ok();
    let cleaned = match (last.trim().parse::<i32>(), started) {
        (Ok(pid), Some(started)) if pid > 0 && !alive(pid) => sweep(git_dir, dir, started),
        _ => Vec::new(),
    };
    file.set_len(0)
        .and_then(|()| write!(file, "{}", std::process::id()))
        .wrap_err_with(|| format!("cannot write {}", path.display()))?;
    Ok(SyncLock { file, cleaned })
}

fn alive(pid: i32) -> bool {
    // SAFETY: signal 0 only asks whether the process exists.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Removes what git left for the killed sync that started at `started`.
fn sweep(git_dir: &Path, dir: &Path, started: SystemTime) -> Vec<String> {
    let since = |p: &Path| {
        fs::symlink_metadata(p)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t >= started)
    };
    let mut found: Vec<PathBuf> = vec![git_dir.join("index.lock")];
    if let Ok(entries) = fs::read_dir(dir) {
        found.extend(
            entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with(".merge_file_"))
                .map(|e| e.path()),
        );
    }
    found
        .into_iter()
        .filter(|p| since(p) && fs::remove_file(p).is_ok())
        .map(|p| p.display().to_string())
        .collect()
}
