//! How lane.toml is written, the lock held: a file in lane's own layout gets
//! lane's layout of the new data (the changed items' tables put in place of
//! the old ones where it can, `splice`); a file someone formatted by hand is
//! edited where the data changed, so their formatting survives. Either way
//! the result is checked against what the loader would refuse, written
//! atomically, and becomes the base of the next write.

use std::path::Path;

use color_eyre::eyre::{Result, WrapErr, bail};

use super::fsio::write_atomic;
use super::{Layout, Store, edit, gitmerge, hash, parse, snapshot, splice};
use lane_core::model::Data;

impl Store {
    /// Writes `data` atomically (the caller holds the lock). A file in lane's
    /// own (canonical) layout gets the canonical layout of `data`: nothing is
    /// parsed. A file someone formatted by hand is edited where the data
    /// changed, so their formatting survives; if that edit would not load back
    /// as exactly `data`, the canonical layout is written instead. The written
    /// data becomes the base.
    pub(super) fn write(&mut self, data: &Data) -> Result<()> {
        self.refuse_while_merging()?;
        refuse_problems(&self.path, data)?;
        let (text, doc, canonical) = if self.base_is_canonical() {
            (self.canonical_text(data)?, None, true)
        } else {
            self.edited(data)?
        };
        write_atomic(&self.path, text.as_bytes())?;
        let known = self.fingerprint_of(text.as_bytes());
        // Best effort: without the parsed copy the next lane parses the file.
        if snapshot::write(&self.dir, (known.hash, text.len()), canonical, data).is_err() {
            snapshot::forget(&self.dir);
        }
        self.known = Some(known);
        self.base = data.clone();
        self.base_text = Some(text);
        self.doc = doc;
        self.layout = Some(if canonical {
            Layout::Exact
        } else {
            Layout::Users
        });
        Ok(())
    }

    /// Lane's layout of `data`, the base's text being lane's layout of the
    /// base: made from that text where only items changed (`splice`), else
    /// serialised whole.
    fn canonical_text(&self, data: &Data) -> Result<String> {
        let spliced = self
            .base_text
            .as_deref()
            .filter(|_| self.layout == Some(Layout::Exact))
            .and_then(|text| splice::canonical_after(text, &self.base, data));
        match spliced {
            Some(text) => {
                // Every write in the tests proves the splice right.
                debug_assert_eq!(text, to_toml(data)?, "a spliced text differs");
                Ok(text)
            }
            None => to_toml(data),
        }
    }

    /// True when the text that holds the base is lane's layout of it (exactly,
    /// or with blank lines an older lane left out), so writing lane's layout
    /// over it loses nothing of the user's. Asked once per base, and only by
    /// a write (a read never pays for it): lane's own last write, untouched
    /// since, is known from the parsed copy or the status copy; anything else
    /// is found out by one serialisation, far cheaper than a parse.
    pub(super) fn base_is_canonical(&mut self) -> bool {
        let layout = match (self.layout, &self.base_text) {
            (Some(known), _) => known,
            // No text yet (a new file): nothing to keep.
            (None, None) => Layout::Lanes,
            (None, Some(text)) if self.layout_known(hash(text.as_bytes())) => Layout::Exact,
            (None, Some(text)) => match to_toml(&self.base) {
                Ok(c) if *text == c => Layout::Exact,
                Ok(c) if in_lanes_layout(text, &c) => Layout::Lanes,
                _ => Layout::Users,
            },
        };
        self.layout = Some(layout);
        layout != Layout::Users
    }

    /// The text of `data` made by editing the hand-formatted base text (with
    /// its parsed document, kept for the next write), or the canonical layout
    /// when the edit does not apply or would not load back as `data`.
    fn edited(&mut self, data: &Data) -> Result<(String, Option<toml_edit::DocumentMut>, bool)> {
        let mut doc = self
            .doc
            .take()
            .or_else(|| self.base_text.as_deref()?.parse().ok());
        let edited = doc
            .as_mut()
            .and_then(|d| edit::edit(d, &self.base, data).map(|()| d.to_string()))
            .filter(|text| parse(&self.path, text.as_bytes()).is_ok_and(|d| d == *data));
        Ok(match edited {
            Some(text) => (text, doc, false),
            // The next write parses the canonical text afresh.
            None => (to_toml(data)?, None, true),
        })
    }
}

impl Store {
    /// Nothing is written while git's own merge is stopped in the data dir:
    /// `lane sync` finishes it from the versions in git's index, which a write
    /// to the file would not be in. Asked under the lock, which a sync's own
    /// merge holds while it runs.
    pub(super) fn refuse_while_merging(&self) -> Result<()> {
        match gitmerge::merge_in_progress(&self.dir) {
            Some(why) => bail!("{why}, then try again; nothing was changed"),
            None => Ok(()),
        }
    }
}

/// True when `text` is `canonical` (lane's layout of the same data) with at
/// most some of lane's blank lines left out: nothing in it is the user's own
/// (a comment, a blank line, spacing or key order), so writing lane's layout
/// over it loses nothing. A lane before this one left such files (an edit put
/// a new table right below the last line).
pub(super) fn in_lanes_layout(text: &str, canonical: &str) -> bool {
    if text.len() > canonical.len() {
        return false;
    }
    let mut lines = text.lines();
    let mut next = lines.next();
    for line in canonical.lines() {
        match next {
            Some(l) if l == line => next = lines.next(),
            _ if line.is_empty() => {}
            _ => return false,
        }
    }
    next.is_none()
}

/// Never writes what the loader would refuse: the same `Data::problems` the
/// loader runs, before every write; the file at `path` stays as it was.
pub(super) fn refuse_problems(path: &Path, data: &Data) -> Result<()> {
    let problems = data.problems();
    if problems.is_empty() {
        return Ok(());
    }
    bail!(
        "{} was not written: lane would refuse to read it back — {}",
        path.display(),
        lane_core::model::problems::describe(&problems)
    )
}

/// Writes one of lane's own files beside the data (undo, reminders sent): atomic,
/// private, and through a temp file the next opening sweeps if a kill cuts it short.
pub fn write_beside(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic(path, bytes)
}

/// Serialises the data the way it is stored: stable key order, one item per table.
pub fn to_toml(data: &Data) -> Result<String> {
    toml::to_string(data).wrap_err("cannot serialise the data")
}
