//! Reading the teammates' folders: outside input. Only `people/NAME/` folders
//! whose name is a share name are read, never through a symlink and never
//! past a size cap; a file that does not parse is passed over with a word,
//! never a panic and never a stop for the rest of the team.

use std::fs;
use std::path::{Path, PathBuf};

use lane_core::team::{ANSWER_VERSION, Answer, SHARED_VERSION, Shared, is_addressed_to};

use super::{PEOPLE_DIR, team_dir};

/// The most a teammate's `share.json` may weigh.
pub const MAX_SHARE_BYTES: u64 = 1024 * 1024;
/// The most an answer file may weigh.
pub const MAX_ANSWER_BYTES: u64 = 64 * 1024;
/// The most people, and answers per person, read.
pub const MAX_ENTRIES: usize = 500;

/// The folders under `dir` that are real folders (not symlinks) named as a
/// share name may be, sorted, at most `MAX_ENTRIES`.
fn folders(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir() && !t.is_symlink()))
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            lane_core::team::name_problem(&name)
                .is_none()
                .then(|| (name, e.path()))
        })
        .collect();
    out.sort();
    out.truncate(MAX_ENTRIES);
    out
}

/// A regular file (never a symlink) of at most `cap` bytes, parsed as JSON.
fn read_json<T: serde::de::DeserializeOwned>(path: &Path, cap: u64) -> Result<Option<T>, String> {
    match fs::symlink_metadata(path) {
        Err(_) => return Ok(None),
        Ok(m) if !m.file_type().is_file() => {
            return Err(format!("{} is not a plain file", path.display()));
        }
        Ok(_) => {}
    }
    let bytes = crate::store::read_capped(path, cap)
        .map_err(|e| format!("{e:#}"))?
        .unwrap_or_default();
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| format!("{} does not read as lane's: {e}", path.display()))
}

/// Every teammate's shared week except `me`'s, the uids of the calls `me`
/// answered already, and a line for each file passed over.
pub fn read_team(data_dir: &Path, me: &str) -> (Vec<Shared>, Vec<String>, Vec<String>) {
    let people = team_dir(data_dir).join(PEOPLE_DIR);
    let (mut shared, mut problems) = (Vec::new(), Vec::new());
    if crate::store::refuse_linked_dir(&people).is_err() {
        return (
            shared,
            Vec::new(),
            vec![format!("{} is a symlink: not read", people.display())],
        );
    }
    let mut answered = Vec::new();
    for (name, folder) in folders(&people) {
        if is_addressed_to(&name, me) {
            answered = answers_in(&folder, &name, &mut problems)
                .into_iter()
                .map(|a| a.uid)
                .collect();
            continue;
        }
        match read_json::<Shared>(&folder.join("share.json"), MAX_SHARE_BYTES) {
            Ok(Some(s)) if s.version > SHARED_VERSION => problems.push(format!(
                "{name} shares with a newer lane (version {}): update lane to read it",
                s.version
            )),
            // The folder says who it is: a file cannot speak for someone else.
            Ok(Some(s)) => shared.push(Shared {
                name: name.clone(),
                ..s
            }),
            Ok(None) => {}
            Err(why) => problems.push(why),
        }
    }
    (shared, answered, problems)
}

/// The answers in one person's `answers/` folder, each as from that person.
fn answers_in(folder: &Path, name: &str, problems: &mut Vec<String>) -> Vec<Answer> {
    let dir = folder.join("answers");
    if fs::symlink_metadata(&dir).is_ok_and(|m| !m.file_type().is_dir()) {
        problems.push(format!("{} is not a folder: not read", dir.display()));
        return Vec::new();
    }
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths.truncate(MAX_ENTRIES);
    paths
        .iter()
        .filter_map(|p| match read_json::<Answer>(p, MAX_ANSWER_BYTES) {
            Ok(Some(a)) if a.version <= ANSWER_VERSION => Some(Answer {
                from: name.to_string(),
                ..a
            }),
            Ok(_) => None,
            Err(why) => {
                problems.push(why);
                None
            }
        })
        .collect()
}

/// Every answer a teammate wrote to `me`, and a line for each file passed over.
pub fn answers_to(data_dir: &Path, me: &str) -> (Vec<Answer>, Vec<String>) {
    let people = team_dir(data_dir).join(PEOPLE_DIR);
    let mut problems = Vec::new();
    if crate::store::refuse_linked_dir(&people).is_err() {
        return (Vec::new(), problems);
    }
    let answers = folders(&people)
        .into_iter()
        .filter(|(name, _)| !is_addressed_to(name, me))
        .flat_map(|(name, folder)| answers_in(&folder, &name, &mut problems))
        .filter(|a| is_addressed_to(&a.to, me))
        .collect();
    (answers, problems)
}
