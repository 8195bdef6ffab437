//! Copies of `lane.toml` as it was, kept in `backups/` before lane rewrites a
//! file an older lane wrote (a migration, or dropping the days of series and
//! the meetings an older lane kept in it).

use std::fs;
use std::path::PathBuf;

use color_eyre::eyre::{Result, WrapErr};

use super::Store;
use super::fsio::{own_dir, write_new};

impl Store {
    /// Copies the file as it was into `backups/` (0700 dir, 0600 file).
    pub(super) fn back_up(&self, bytes: &[u8], version: i64) -> Result<PathBuf> {
        let dir = self.dir.join("backups");
        own_dir(&dir)?;
        let stamp = crate::clock::local_now().format("%Y%m%d-%H%M%S");
        let path = dir.join(format!("lane.v{version}.{stamp}.toml"));
        write_new(&path, bytes).wrap_err("cannot back up the file before migrating it")?;
        Ok(path)
    }

    /// Copies the file as it was into `backups/`, unless a copy made for the
    /// same `reason` is there already (a machine still on an older lane can
    /// bring the same change back at every sync).
    pub(super) fn back_up_once(&self, bytes: &[u8], reason: &str) -> Result<()> {
        let prefix = format!("lane.{reason}.");
        let dir = self.dir.join("backups");
        let done = fs::read_dir(&dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        });
        if done {
            return Ok(());
        }
        own_dir(&dir)?;
        let stamp = crate::clock::local_now().format("%Y%m%d-%H%M%S");
        let path = dir.join(format!("{prefix}{stamp}.toml"));
        write_new(&path, bytes).wrap_err("cannot back up the file before rewriting it")?;
        Ok(())
    }
}
