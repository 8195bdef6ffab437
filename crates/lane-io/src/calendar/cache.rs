//! What lane keeps of each calendar in the data dir, under `calendars/`: the
//! last good copy of its ICS text (lane works offline, and a failed fetch keeps
//! the meetings it had) and a small state file (when it was fetched, what the
//! server said, why it failed). Both are this machine's: sync never carries them.
//! File names come from a hash of the calendar's name, never the name itself:
//! names are user text.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use color_eyre::eyre::{Result, bail};
use lane_core::model::BlockKind;
use serde::{Deserialize, Serialize};

/// The folder in the data dir.
pub const DIR: &str = "calendars";

/// The largest copy lane keeps or reads back, as the largest body it fetches.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// How the last attempt went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    #[default]
    Never,
    Ok,
    NotModified,
    Failed,
}

/// What lane knows of one calendar's fetches (`calendars/<hash>.toml`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Which source the copy came from, as a hash (a URL may hold a secret):
    /// a copy of another source is never used nor revalidated.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub outcome: Outcome,
    pub last_attempt: Option<NaiveDateTime>,
    pub last_success: Option<NaiveDateTime>,
    pub error: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Events in the copy.
    #[serde(default)]
    pub events: usize,
}

impl State {
    /// Nothing known yet of `source`.
    pub fn new(source: &str) -> State {
        State {
            source: hash(source),
            ..State::default()
        }
    }

    /// Whether the copy kept belongs to `source` (as configured now).
    pub fn is_for(&self, source: &str) -> bool {
        self.source == hash(source)
    }

    /// A fetch or read that gave a good calendar (`fresh`), or a 304.
    pub fn succeeded(
        &mut self,
        source: &str,
        now: NaiveDateTime,
        outcome: Outcome,
        events: usize,
        validators: Validators,
    ) {
        self.source = hash(source);
        self.outcome = outcome;
        self.last_attempt = Some(now);
        self.last_success = Some(now);
        self.error = None;
        self.events = events;
        // A 304 may leave the validators out: the ones kept still hold.
        if outcome == Outcome::Ok || validators.etag.is_some() {
            self.etag = validators.etag;
        }
        if outcome == Outcome::Ok || validators.last_modified.is_some() {
            self.last_modified = validators.last_modified;
        }
    }

    /// A failed attempt: the copy, its validators and its time stay.
    pub fn failed(&mut self, now: NaiveDateTime, why: &str) {
        self.outcome = Outcome::Failed;
        self.last_attempt = Some(now);
        self.error = Some(why.to_string());
    }

    /// What to send a server so it can answer 304: only for a copy kept of
    /// this very source (a 304 with no copy would leave nothing to show).
    pub fn validators(&self, source: &str, have_copy: bool) -> Validators {
        if !have_copy || !self.is_for(source) {
            return Validators::default();
        }
        Validators {
            etag: self.etag.clone(),
            last_modified: self.last_modified.clone(),
        }
    }

    /// The state in a few words, for `lane calendar list`.
    pub fn describe(&self) -> String {
        match self.outcome {
            Outcome::Never => "never fetched".to_string(),
            Outcome::Ok => "ok".to_string(),
            Outcome::NotModified => "ok (not modified)".to_string(),
            Outcome::Failed => format!(
                "failed: {}",
                lane_core::model::text::visible(self.error.as_deref().unwrap_or("unknown"))
            ),
        }
    }
}

/// A server's ETag and Last-Modified, sent back as If-None-Match and
/// If-Modified-Since.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// FNV-1a, as hex: stable across versions and platforms, unlike std's hasher.
pub fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Where one calendar's copy and state are.
#[derive(Debug, Clone)]
pub struct Kept {
    dir: PathBuf,
    stem: String,
}

impl Kept {
    pub fn of(data_dir: &Path, name: &str) -> Kept {
        Kept {
            dir: data_dir.join(DIR),
            stem: hash(name),
        }
    }

    pub fn copy_path(&self) -> PathBuf {
        self.dir.join(format!("{}.ics", self.stem))
    }

    pub fn state_path(&self) -> PathBuf {
        self.dir.join(format!("{}.toml", self.stem))
    }

    /// The state, or a fresh one when there is none or it cannot be read: it
    /// is a cache, and the next attempt writes it whole again.
    pub fn state(&self) -> State {
        crate::store::read_capped(&self.state_path(), 64 * 1024)
            .ok()
            .flatten()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|t| toml::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// The last good copy, if one is kept.
    pub fn copy(&self) -> Result<Option<String>> {
        Ok(
            crate::store::read_capped(&self.copy_path(), MAX_BYTES)?
                .map(|b| super::ics::decode(&b)),
        )
    }

    /// Removes the copy (best effort: one left behind is never used, as the
    /// state says which source it was of).
    pub fn forget_copy(&self) {
        let _ = std::fs::remove_file(self.copy_path());
    }

    /// Keeps `text` as the last good copy (unless it already is) and `state`.
    pub fn keep(&self, text: &str, state: &State) -> Result<()> {
        self.make_dir()?;
        let same = self.copy().ok().flatten().is_some_and(|c| c == text);
        if !same {
            crate::store::write_private(&self.copy_path(), text.as_bytes())?;
        }
        self.save_state(state)
    }

    pub fn save_state(&self, state: &State) -> Result<()> {
        self.make_dir()?;
        let text = toml::to_string(state)?;
        crate::store::write_private(&self.state_path(), text.as_bytes())
    }

    /// `calendars/`, private; a symlink there is refused (it could send the
    /// copies anywhere).
    fn make_dir(&self) -> Result<()> {
        if std::fs::symlink_metadata(&self.dir).is_ok_and(|m| m.file_type().is_symlink()) {
            bail!(
                "{} is a symlink; lane does not write through symlinks — remove it \
                 (lane makes the folder again)",
                self.dir.display()
            );
        }
        crate::store::create_private_dir(&self.dir)
    }
}

/// What a copy is, beside it (`<hash>.about`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct About {
    pub name: String,
    #[serde(default)]
    pub kind: BlockKind,
    /// The source's hash: a machine with the same calendar configured uses the
    /// copy before its own first fetch.
    #[serde(default)]
    pub source: String,
}

impl About {
    /// The note at `path`, if it reads as one.
    pub fn read(path: &Path) -> Option<About> {
        let bytes = crate::store::read_capped(path, 64 * 1024).ok().flatten()?;
        toml::from_str(&String::from_utf8(bytes).ok()?).ok()
    }

    pub fn of(name: &str, kind: BlockKind, source: &str) -> About {
        About {
            name: name.to_string(),
            kind,
            source: hash(source),
        }
    }
}

impl Kept {
    pub fn about_path(&self) -> std::path::PathBuf {
        self.copy_path().with_extension("about")
    }

    /// What the copy is, if said (a copy from before copies travelled has no
    /// note, and one a hand edit broke counts as none).
    pub fn about(&self) -> Option<About> {
        About::read(&self.about_path())
    }

    /// Forgets the calendar: its copy, its note and its fetch state (best
    /// effort: a file left behind names a calendar no one has).
    pub fn forget_all(&self) {
        for path in [self.copy_path(), self.about_path(), self.state_path()] {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Notes what the copy is, unless the note already says so.
    pub fn keep_about(&self, about: &About) -> Result<()> {
        if self.about().as_ref() == Some(about) {
            return Ok(());
        }
        let text = toml::to_string(about)?;
        crate::store::write_private(&self.about_path(), text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn at(h: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn tags(etag: &str, modified: &str) -> Validators {
        Validators {
            etag: Some(etag.into()),
            last_modified: Some(modified.into()),
        }
    }

    #[test]
    fn a_failure_keeps_the_copy_and_its_validators_and_a_304_keeps_them_too() {
        let url = "https://example.com/a.ics";
        let mut s = State::default();
        assert_eq!(s.describe(), "never fetched");
        assert_eq!(s.validators(url, true), Validators::default());
        s.succeeded(url, at(8), Outcome::Ok, 3, tags("\"v1\"", "Mon"));
        assert_eq!(s.validators(url, true), tags("\"v1\"", "Mon"));
        assert_eq!(s.validators(url, false), Validators::default(), "no copy");
        assert_eq!(
            s.validators("https://example.com/b.ics", true),
            Validators::default(),
            "another source's validators are never sent"
        );
        s.failed(at(9), "HTTP 500 from https://example.com/…");
        assert_eq!(s.describe(), "failed: HTTP 500 from https://example.com/…");
        assert_eq!(s.last_success, Some(at(8)));
        assert_eq!(s.last_attempt, Some(at(9)));
        assert_eq!(
            (s.events, s.validators(url, true)),
            (3, tags("\"v1\"", "Mon"))
        );
        s.succeeded(url, at(10), Outcome::NotModified, 3, Validators::default());
        assert_eq!(s.describe(), "ok (not modified)");
        assert_eq!(s.error, None);
        assert_eq!(s.validators(url, true), tags("\"v1\"", "Mon"));
        // A fresh body without validators clears the old ones.
        s.succeeded(url, at(11), Outcome::Ok, 4, Validators::default());
        assert_eq!(s.validators(url, true), Validators::default());
    }

    #[test]
    fn control_characters_in_a_kept_error_are_escaped() {
        let mut s = State::default();
        s.failed(at(9), "bad\u{1b}]52;c;x\u{7}");
        assert_eq!(s.describe(), "failed: bad\\u{1b}]52;c;x\\u{7}");
    }

    #[test]
    fn names_become_stable_file_names_and_files_are_private() {
        assert_eq!(hash(""), "cbf29ce484222325");
        let dir = tempfile::tempdir().unwrap();
        let kept = Kept::of(dir.path(), "../../etc/passwd");
        assert!(kept.copy_path().starts_with(dir.path().join(DIR)));
        let name = kept
            .copy_path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert_eq!(name.len(), 16 + 4, "{name}");
        assert_eq!(kept.state(), State::default(), "nothing kept yet");
        assert_eq!(kept.copy().unwrap(), None);
        let mut s = State::default();
        s.succeeded("x.ics", at(8), Outcome::Ok, 1, tags("e", "m"));
        kept.keep("BEGIN:VCALENDAR\n", &s).unwrap();
        assert_eq!(kept.state(), s);
        assert_eq!(kept.copy().unwrap().as_deref(), Some("BEGIN:VCALENDAR\n"));
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join(DIR)), 0o700);
        assert_eq!(mode(&kept.copy_path()), 0o600);
        assert_eq!(mode(&kept.state_path()), 0o600);
        // A state file that does not parse is a fresh start, not an error.
        std::fs::write(kept.state_path(), "outcome = 7").unwrap();
        assert_eq!(kept.state(), State::default());
    }

    #[test]
    fn a_symlinked_folder_or_copy_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(DIR)).unwrap();
        let kept = Kept::of(dir.path(), "work");
        let err = format!("{:#}", kept.keep("x", &State::default()).unwrap_err());
        assert!(err.contains("symlink"), "{err}");
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);

        let dir = tempfile::tempdir().unwrap();
        let kept = Kept::of(dir.path(), "work");
        std::fs::create_dir(dir.path().join(DIR)).unwrap();
        let target = dir.path().join("precious");
        std::fs::write(&target, "precious").unwrap();
        std::os::unix::fs::symlink(&target, kept.copy_path()).unwrap();
        assert!(kept.keep("x", &State::default()).is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
    }
}
