//! `lane.cache.json`: what `lane.toml` parses to, written beside it by the lane
//! that wrote it, so the next lane to open the file — a command, the app, a
//! merge — reads the data without parsing TOML again (the parse of a year's
//! plan is most of a command's time; this read is a fifth of it).
//!
//! Never the record: it is trusted only for the exact text it was made from
//! (its content hash and length) and only by the very binary that made it (a
//! build whose data types differ would read it differently); anything else —
//! no copy, another text, another build, a copy that does not load — is read
//! as "no copy" and the file is parsed as before. It is not synced, and a read
//! never writes it.

use std::path::Path;
use std::sync::OnceLock;

use color_eyre::eyre::Result;

use super::fsio::{read_file, write_unsynced};
use lane_core::model::Data;

pub const CACHE_FILE: &str = "lane.cache.json";

/// What the copy holds besides the data: whether the text is exactly lane's
/// own layout of it (then a write need not parse or serialise it to know).
pub(super) struct Parsed {
    pub data: Data,
    pub canonical: bool,
}

/// The copy made from the text whose content hashes to `hash` (`len` bytes),
/// if there is one this binary made.
pub(super) fn read(dir: &Path, hash: u64, len: usize) -> Option<Parsed> {
    let bytes = read_file(&dir.join(CACHE_FILE)).ok()??;
    let text = std::str::from_utf8(&bytes).ok()?;
    let (head, json) = text.split_once('\n')?;
    let (key, canonical) = head.rsplit_once(' ')?;
    if key != key_of(hash, len)? {
        return None;
    }
    let data: Data = serde_json::from_str(json).ok()?;
    // What a parse would refuse or migrate, the copy never hands out.
    if data.version != lane_core::model::DATA_VERSION || !data.problems().is_empty() {
        return None;
    }
    Some(Parsed {
        data,
        canonical: canonical == "canonical",
    })
}

/// Writes the copy of `data`, held by the text hashing to `hash` (`len`
/// bytes). Best effort, by the caller: without it the next lane parses.
pub(super) fn write(
    dir: &Path,
    (hash, len): (u64, usize),
    canonical: bool,
    data: &Data,
) -> Result<()> {
    let Some(key) = key_of(hash, len) else {
        return Ok(());
    };
    let layout = if canonical { "canonical" } else { "edited" };
    let mut text = format!("{key} {layout}\n").into_bytes();
    serde_json::to_writer(&mut text, data)?;
    write_unsynced(&dir.join(CACHE_FILE), &text)
}

/// Forgets the copy (a text it was not made from is about to be written).
pub(super) fn forget(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(CACHE_FILE));
}

/// The text's hash and length, and this binary's own stamp: another build
/// (a newer lane, a rebuilt one) never reads this one's copy.
fn key_of(hash: u64, len: usize) -> Option<String> {
    Some(format!("{hash:016x}:{len}:{}", binary_stamp()?))
}

fn binary_stamp() -> Option<&'static str> {
    static STAMP: OnceLock<Option<String>> = OnceLock::new();
    STAMP
        .get_or_init(|| {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
            Some(format!(
                "{}.{}.{}.{}",
                meta.len(),
                meta.mtime(),
                meta.mtime_nsec(),
                meta.ino()
            ))
        })
        .as_deref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lane_core::model::items::Priority;

    fn data() -> Data {
        let mut data = Data::default();
        data.priorities.push(Priority {
            id: 1,
            title: "ship it".into(),
            ..Priority::default()
        });
        data
    }

    #[test]
    fn a_copy_is_read_back_for_its_own_text_only() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), (7, 100), true, &data()).unwrap();
        let read_back = read(dir.path(), 7, 100).unwrap();
        assert_eq!(read_back.data, data());
        assert!(read_back.canonical);
        assert!(read(dir.path(), 8, 100).is_none(), "another text");
        assert!(read(dir.path(), 7, 101).is_none(), "another length");
        forget(dir.path());
        assert!(read(dir.path(), 7, 100).is_none(), "forgotten");
    }

    #[test]
    fn a_torn_or_foreign_copy_reads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), (7, 100), false, &data()).unwrap();
        let path = dir.path().join(CACHE_FILE);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(&format!("{} edited\n", key_of(7, 100).unwrap())));
        std::fs::write(&path, &text[..text.len() / 2]).unwrap();
        assert!(read(dir.path(), 7, 100).is_none(), "torn by a crash");
        // Another build's copy of the same text.
        let foreign = text.replacen(binary_stamp().unwrap(), "1.2.3.4", 1);
        std::fs::write(&path, foreign).unwrap();
        assert!(read(dir.path(), 7, 100).is_none(), "another binary's");
    }

    #[test]
    fn a_copy_whose_data_a_parse_would_refuse_is_not_handed_out() {
        let dir = tempfile::tempdir().unwrap();
        let mut twice = data();
        twice.priorities.push(twice.priorities[0].clone());
        assert!(!twice.problems().is_empty());
        write(dir.path(), (7, 100), true, &twice).unwrap();
        assert!(read(dir.path(), 7, 100).is_none());
    }
}
