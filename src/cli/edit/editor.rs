//! One round of `lane edit` in the user's editor, and when to stop asking.
//! The file is lane's own: written afresh each round (never through a link the
//! editor or anyone left in its place) and read only when it is still a plain
//! file. An editor that gives back the same mistake again, deletes the file, or
//! is a script that returns at once with a new mistake each time is not asked
//! forever.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use color_eyre::eyre::{Result, WrapErr, bail};

/// What the editor gave back.
pub(super) enum Edited {
    /// The text it left in the file.
    Text(String),
    /// The file is gone: the user gave up.
    Deleted,
}

/// Writes `text` to `path` as a new file (whatever stood there, a link
/// included, is removed, never followed), runs the editor on it and reads it back.
pub(super) fn round(editor: &str, path: &Path, text: &str) -> Result<Edited> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).wrap_err("cannot write the file to edit"),
    }
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .wrap_err("cannot write the file to edit")?;
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("lane")
        .arg(path)
        .status()
        .wrap_err_with(|| format!("cannot run {editor}"))?;
    if !status.success() {
        bail!("{editor} failed ({status}); nothing was changed");
    }
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Edited::Deleted),
        Ok(meta) if meta.file_type().is_symlink() => {
            bail!("the file being edited was replaced by a link; nothing was changed")
        }
        _ => {}
    }
    Ok(match lane_io::store::read_text(path)? {
        Some(text) => Edited::Text(text),
        None => Edited::Deleted,
    })
}

/// How many rounds in a row may end in a mistake before lane stops asking.
const MAX_BAD_ROUNDS: usize = 20;

/// An editor that returns faster than this is no person reading the reason.
const QUICK: Duration = Duration::from_secs(1);

/// Tells a person fixing a mistake from an editor that never will.
#[derive(Default)]
pub(super) struct Attempts {
    last_bad: Option<String>,
    bad_rounds: usize,
    quick_in_a_row: usize,
}

impl Attempts {
    /// Notes a round that gave back `body` with a mistake, started at `began`;
    /// `Err` says why lane stops asking.
    pub(super) fn bad(&mut self, body: &str, began: Instant) -> Result<(), String> {
        self.bad_rounds += 1;
        let quick = began.elapsed() < QUICK;
        self.quick_in_a_row = if quick { self.quick_in_a_row + 1 } else { 0 };
        let same = self.last_bad.as_deref() == Some(body);
        self.last_bad = Some(body.to_string());
        if same {
            Err("the editor gave back the same mistake again".into())
        } else if self.quick_in_a_row >= 2 {
            Err("the editor returned at once with a mistake twice in a row".into())
        } else if self.bad_rounds >= MAX_BAD_ROUNDS {
            Err(format!("{MAX_BAD_ROUNDS} tries in a row had a mistake"))
        } else {
            Ok(())
        }
    }
}
