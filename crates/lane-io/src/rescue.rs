//! Where unsaved data goes when lane cannot save it (a full disk at quit, a
//! signal after a failed save). A rescue is claimed only once all its bytes are
//! on disk; several places are tried, each under a new name created exclusively
//! (a file someone planted in a shared /tmp is never taken for ours, nor written
//! through); when no place takes it, the data itself is printed, so it is still
//! in front of the user rather than nowhere.

use std::io;
use std::path::{Path, PathBuf};

/// The directories to try, in order: beside the real lane.toml (where people
/// look), the data dir as given, the config dir, the temp dir, home.
pub fn places(store_dir: &Path, data_dir: &Path, config_dir: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![
        store_dir.to_path_buf(),
        data_dir.to_path_buf(),
        config_dir.to_path_buf(),
        std::env::temp_dir(),
    ];
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        dirs.push(home.into());
    }
    let mut seen = Vec::new();
    dirs.retain(|d| {
        let new = !seen.contains(d);
        seen.push(d.clone());
        new
    });
    dirs
}

/// A fresh rescue file name: the time for people, a ULID so it is never a name
/// that exists already.
fn fresh_name() -> String {
    format!(
        "lane.unsaved-{}-{}.toml",
        crate::clock::local_now().format("%Y%m%d-%H%M%S"),
        crate::clock::new_uid()
    )
}

/// Writes `text` whole to a new file in the first of `dirs` that takes it; the
/// path, or why each place failed.
pub fn write(dirs: &[PathBuf], text: &str) -> Result<PathBuf, String> {
    write_named(dirs, text, fresh_name)
}

fn write_named(
    dirs: &[PathBuf],
    text: &str,
    mut name: impl FnMut() -> String,
) -> Result<PathBuf, String> {
    const TRIES_PER_PLACE: usize = 4;
    let mut why = Vec::new();
    for dir in dirs {
        let mut last = None;
        for _ in 0..TRIES_PER_PLACE {
            let path = dir.join(name());
            match crate::store::create_new(&path, text.as_bytes()) {
                Ok(()) => return Ok(path),
                // Someone has that name: another one.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => {
                    last = Some(e);
                    break;
                }
            }
        }
        if let Some(e) = last {
            why.push(format!("{}: {e}", dir.display()));
        }
    }
    Err(if why.is_empty() {
        "no place to write to".to_string()
    } else {
        why.join("; ")
    })
}

/// Keeps `text` (unsaved data as TOML) and says where: a rescue file, or — when
/// none could be written — the data itself, to copy from the terminal. `what`
/// starts the message ("could not save …").
pub fn keep(dirs: &[PathBuf], what: &str, text: &str) -> String {
    match write(dirs, text) {
        Ok(path) => format!(
            "{what}; your unsaved data was written to {}",
            path.display()
        ),
        Err(why) => printed(what, &why, text),
    }
}

/// The message that carries the data itself when no file could hold it.
pub fn printed(what: &str, why: &str, text: &str) -> String {
    format!(
        "{what}, and no rescue file could be written ({why}). Your unsaved data follows; \
         keep it as a lane.toml:\n\n{text}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_rescue_skips_places_that_fail_and_names_that_exist() {
        let root = tempfile::tempdir().unwrap();
        // A file where a directory should be: nothing can be written "in" it.
        let not_a_dir = root.path().join("file");
        fs::write(&not_a_dir, "x").unwrap();
        let good = root.path().join("good");
        fs::create_dir(&good).unwrap();
        // Someone planted a file under the first name tried (a shared /tmp).
        fs::write(good.join("taken.toml"), "planted").unwrap();
        let mut names = ["taken.toml", "taken.toml", "taken.toml", "mine.toml"].into_iter();
        let path = write_named(&[not_a_dir.clone(), good.clone()], "version = 1\n", || {
            names.next().unwrap_or("other.toml").to_string()
        })
        .unwrap();
        assert_eq!(path, good.join("mine.toml"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "version = 1\n");
        assert_eq!(
            fs::read_to_string(good.join("taken.toml")).unwrap(),
            "planted",
            "a name that exists is never written over"
        );
    }

    #[test]
    fn when_nowhere_takes_it_the_data_is_in_the_message() {
        let root = tempfile::tempdir().unwrap();
        let not_a_dir = root.path().join("file");
        fs::write(&not_a_dir, "x").unwrap();
        let said = keep(
            &[not_a_dir],
            "could not save lane.toml",
            "title = \"kept\"\n",
        );
        assert!(said.contains("no rescue file could be written"), "{said}");
        assert!(said.ends_with("title = \"kept\"\n"), "{said}");
        assert!(!said.contains("was written to"), "{said}");
    }

    #[test]
    fn places_are_tried_beside_the_data_first_and_once_each() {
        let p = places(Path::new("/real"), Path::new("/real"), Path::new("/cfg"));
        assert_eq!(p[0], Path::new("/real"));
        assert_eq!(p[1], Path::new("/cfg"));
        assert!(p.contains(&std::env::temp_dir()));
    }
}
