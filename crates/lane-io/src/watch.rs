//! Word when lane.toml changes on disk, from the file system's own change
//! notification (inotify, FSEvents, kqueue): an open app takes another
//! writer's change in as it happens, and an idle one is never woken to look.

use std::path::{Path, PathBuf};

use ::notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};

/// Watches the directory holding the file (an atomic save replaces the file,
/// so a watch on the file itself would end with the first save) and calls
/// `changed` when an event names the file. Dropping it stops the watch.
pub struct FileWatch {
    _watcher: RecommendedWatcher,
}

impl FileWatch {
    /// None when the system has no watch to give (too many watches, a file
    /// system without notifications): the app then sees changes at the next key,
    /// as before.
    pub fn start(file: &Path, changed: impl Fn() + Send + 'static) -> Option<FileWatch> {
        let name: PathBuf = file.file_name()?.into();
        Self::start_on(
            file.parent()?,
            move |p| p.file_name() == Some(name.as_os_str()),
            changed,
        )
    }

    /// Watches the calendars' copies in `dir` (`*.ics`): a copy another
    /// process fetched (`lane calendar refresh`, a sync) changes the meetings.
    pub fn start_copies(dir: &Path, changed: impl Fn() + Send + 'static) -> Option<FileWatch> {
        Self::start_on(dir, |p| p.extension().is_some_and(|e| e == "ics"), changed)
    }

    fn start_on(
        dir: &Path,
        wanted: impl Fn(&Path) -> bool + Send + 'static,
        changed: impl Fn() + Send + 'static,
    ) -> Option<FileWatch> {
        let dir = dir.to_path_buf();
        let mut watcher = ::notify::recommended_watcher(move |event: ::notify::Result<Event>| {
            let Ok(event) = event else { return };
            if event.kind.is_access() {
                return;
            }
            if event.paths.iter().any(|p| wanted(p)) {
                changed();
            }
        })
        .ok()?;
        watcher.watch(&dir, RecursiveMode::NonRecursive).ok()?;
        Some(FileWatch { _watcher: watcher })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::FileWatch;

    #[test]
    fn a_write_by_another_program_is_said_and_a_neighbour_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("lane.toml");
        std::fs::write(&file, "version = 1\n").unwrap();
        let (tx, rx) = mpsc::channel();
        let _watch = FileWatch::start(&file, move || {
            let _ = tx.send(());
        })
        .expect("this system gives watches");
        std::fs::write(dir.path().join("lane.undo.log"), "x").unwrap();
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
        // An atomic replace, as lane and editors save.
        let tmp = dir.path().join(".lane.toml.tmp");
        std::fs::write(&tmp, "version = 1\n# changed\n").unwrap();
        std::fs::rename(&tmp, &file).unwrap();
        rx.recv_timeout(Duration::from_secs(10))
            .expect("the replace is said");
    }

    #[test]
    fn a_copy_fetched_by_another_process_is_said_and_its_state_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, rx) = mpsc::channel();
        let _watch = FileWatch::start_copies(dir.path(), move || {
            let _ = tx.send(());
        })
        .expect("this system gives watches");
        std::fs::write(dir.path().join("abc.toml"), "x").unwrap();
        std::fs::write(dir.path().join("abc.expanded.json"), "{}").unwrap();
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
        std::fs::write(dir.path().join("abc.ics"), "BEGIN:VCALENDAR").unwrap();
        rx.recv_timeout(Duration::from_secs(10))
            .expect("the copy is said");
    }
}
