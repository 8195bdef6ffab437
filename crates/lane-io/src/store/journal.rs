//! The undo history on disk: `lane.undo.log`, one event a line, appended.
//!
//! A change is recorded by appending one line — the history is neither read
//! nor written whole on a save, which made every save pay for the last 100
//! changes. An undo or a redo appends one line too. Reading replays the lines
//! (`History::record` keeps the depth); the file is written whole, atomically,
//! only when it has grown well past what it holds (`COMPACT_AT`), or to take
//! in a history of the earlier layout (`lane.undo.toml`, then removed).
//!
//! Each event is a JSON line whose change is a TOML text, so every value an
//! item can hold (dates, unknown keys) round-trips as lane.toml holds it. A
//! line cut short by a crash is skipped, and the next append starts a line of
//! its own: at worst that one undo step is lost, never the data.

use std::fs::{self, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use color_eyre::eyre::{Result, WrapErr, eyre};
use serde::{Deserialize, Serialize};

use super::fsio::{read_file, read_text, write_atomic};
use lane_core::model::history::{Change, History};

/// The history as lane writes it now.
pub const JOURNAL_FILE: &str = "lane.undo.log";
/// The history as lanes before wrote it whole; read while no journal exists.
pub const HISTORY_FILE: &str = "lane.undo.toml";
/// Past this size the journal is written again holding just the history.
const COMPACT_AT: u64 = 256 * 1024;

/// One line of the journal.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Event {
    /// A new change (TOML): it can be undone, and nothing can be redone.
    Record(String),
    /// A change that can be redone (TOML), as a rewritten journal lists them.
    Redoable(String),
    /// The newest change was undone.
    Undo,
    /// The newest undone change was made again.
    Redo,
}

impl Event {
    pub fn record(change: &Change) -> Result<Event> {
        Ok(Event::Record(
            toml::to_string(change).wrap_err("cannot write the undo step")?,
        ))
    }

    /// `history` after this event.
    fn replay(self, history: &mut History) -> Option<()> {
        match self {
            Event::Record(text) => history.record(toml::from_str(&text).ok()?),
            Event::Redoable(text) => history.redo.push(toml::from_str(&text).ok()?),
            Event::Undo => {
                let change = history.undo.pop()?;
                history.redo.push(change);
            }
            Event::Redo => {
                let change = history.redo.pop()?;
                history.undo.push(change);
            }
        }
        Some(())
    }
}

/// The history with an earlier layout that held one change only.
#[derive(Deserialize)]
#[serde(untagged)]
enum Earlier {
    One(Box<Change>),
    Many(History),
}

/// The undo history of the data dir `dir` (empty when there is none yet).
pub fn read(dir: &Path) -> Result<History> {
    let path = dir.join(JOURNAL_FILE);
    let Some(bytes) = read_file(&path)? else {
        return read_earlier(dir);
    };
    let mut history = History::default();
    for line in bytes.split(|&b| b == b'\n') {
        // A line cut short, or one a later lane wrote: skipped, not fatal.
        let event = std::str::from_utf8(line)
            .ok()
            .and_then(|l| serde_json::from_str::<Event>(l).ok());
        if let Some(event) = event {
            let _ = event.replay(&mut history);
        }
    }
    Ok(history)
}

fn read_earlier(dir: &Path) -> Result<History> {
    let path = dir.join(HISTORY_FILE);
    let Some(text) = read_text(&path)? else {
        return Ok(History::default());
    };
    let earlier: Earlier = toml::from_str(&text)
        .map_err(|e| eyre!("{}: the undo history does not load: {e}", path.display()))?;
    Ok(match earlier {
        Earlier::One(change) => History {
            undo: vec![*change],
            redo: Vec::new(),
        },
        Earlier::Many(history) => history,
    })
}

/// Appends `event` (the caller holds the lock). The journal is written whole
/// instead when it is new beside an earlier history, or grew past `COMPACT_AT`.
pub fn append(dir: &Path, event: Event) -> Result<()> {
    let path = dir.join(JOURNAL_FILE);
    let meta = fs::symlink_metadata(&path);
    let size = match &meta {
        Ok(meta) if meta.is_file() => Some(meta.len()),
        _ => None,
    };
    // Something not a file in its place is replaced, never written through.
    let in_the_way = meta.as_ref().is_ok_and(|m| !m.is_file());
    let earlier = size.is_none() && dir.join(HISTORY_FILE).exists();
    if in_the_way || earlier || size.is_some_and(|s| s >= COMPACT_AT) {
        let mut history = read(dir).unwrap_or_default();
        let _ = event.replay(&mut history);
        return rewrite(dir, &history);
    }
    let mut line = serde_json::to_string(&event).wrap_err("cannot write the undo step")?;
    line.push('\n');
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&path)
        .wrap_err_with(|| format!("cannot write {}", path.display()))?;
    // A line a crash cut short is ended first, so this one stands alone.
    if size.is_some_and(|s| s > 0) && !ends_a_line(&mut file) {
        line.insert(0, '\n');
    }
    file.write_all(line.as_bytes())
        .wrap_err_with(|| format!("cannot write {}", path.display()))
}

fn ends_a_line(file: &mut fs::File) -> bool {
    let mut last = [0u8];
    file.seek(SeekFrom::End(-1)).is_ok() && file.read_exact(&mut last).is_ok() && last[0] == b'\n'
}

/// Writes the journal whole, holding just `history`, and removes the earlier
/// layout's file (its changes are in the journal now).
pub fn rewrite(dir: &Path, history: &History) -> Result<()> {
    let mut text = String::new();
    let lines = history
        .undo
        .iter()
        .map(|c| toml::to_string(c).map(Event::Record))
        .chain(
            history
                .redo
                .iter()
                .map(|c| toml::to_string(c).map(Event::Redoable)),
        );
    for event in lines {
        let event = event.wrap_err("cannot write the undo history")?;
        text.push_str(&serde_json::to_string(&event).wrap_err("cannot write the undo history")?);
        text.push('\n');
    }
    let path = dir.join(JOURNAL_FILE);
    write_atomic(&path, text.as_bytes())
        .wrap_err_with(|| format!("cannot write {}", path.display()))?;
    match fs::remove_file(dir.join(HISTORY_FILE)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).wrap_err("cannot remove the undo history's earlier file"),
    }
}

mod newest;
pub use newest::newest;

#[cfg(test)]
mod tests;
