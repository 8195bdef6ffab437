//! What lane last learnt of each linked item, kept on this machine only:
//! `calendars/links.toml` in the data dir, beside the calendars' copies, so
//! sync never carries it and lane.toml never grows with it. A cache: one that
//! cannot be read is an empty one, and the next refresh writes it whole.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDateTime;
use color_eyre::eyre::{Result, bail};
use serde::{Deserialize, Serialize};

use lane_core::model::links::{Known, Seen};

/// The file, in the calendars' folder.
pub const FILE: &str = "links.toml";

/// The largest cache read back: thousands of links fit in far less.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// One forge's threads save in turn, so none loses another's results.
static SAVING: Mutex<()> = Mutex::new(());

/// What is kept of one linked item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// What the forge last said, kept through failures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<Seen>,
    /// The ETag of that answer, sent back as If-None-Match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// Why the last attempt failed, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What is kept of one forge: a rate limit's pause, the last failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Host {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused_until: Option<NaiveDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_attempt: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cache {
    /// By the link's URL as the blocker keeps it.
    #[serde(default)]
    pub items: BTreeMap<String, Item>,
    /// By the links' host.
    #[serde(default)]
    pub hosts: BTreeMap<String, Host>,
}

impl Cache {
    /// What is known of every item.
    pub fn known(&self) -> Known {
        self.items
            .iter()
            .filter_map(|(url, i)| Some((url.clone(), i.seen.clone()?)))
            .collect()
    }
}

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(crate::calendar::cache::DIR).join(FILE)
}

/// The cache, or an empty one when there is none or it cannot be read.
pub fn load(data_dir: &Path) -> Cache {
    crate::store::read_capped(&path(data_dir), MAX_BYTES)
        .ok()
        .flatten()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default()
}

/// What is known of every linked item (nothing when nothing was fetched).
pub fn known(data_dir: &Path) -> Known {
    load(data_dir).known()
}

/// Reads the cache as it is now, lets `change` update it, and writes it
/// whole, atomically; one writer at a time within this process.
pub fn update(data_dir: &Path, change: impl FnOnce(&mut Cache)) -> Result<()> {
    let _turn = SAVING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut cache = load(data_dir);
    change(&mut cache);
    let dir = data_dir.join(crate::calendar::cache::DIR);
    if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!(
            "{} is a symlink; lane does not write through symlinks — remove it \
             (lane makes the folder again)",
            dir.display()
        );
    }
    crate::store::create_private_dir(&dir)?;
    let text = toml::to_string(&cache)?;
    crate::store::write_private(&path(data_dir), text.as_bytes())
}
