//! What a signal must not lose: a change a failed save left behind and what
//! is being typed into a form, kept ready for the signal handler, which
//! writes them out as it ends lane.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use color_eyre::eyre::{Result, WrapErr};
use ratatui::crossterm::event::DisableMouseCapture;
use ratatui::crossterm::execute;

use crate::draft::DRAFT_FILE;
use crate::state::{Mode, State};

/// What is not on disk yet, shared with the signal handler: data a failed save
/// left behind, and a form's text. Its lock is held while an event is handled,
/// so a signal waits for a save in progress.
#[derive(Default)]
pub(super) struct Rescue {
    data: Option<String>,
    draft: Option<String>,
}

impl Rescue {
    /// What a signal would have to rescue now: changes a failed save left
    /// behind, and what is being typed into a form.
    pub(super) fn keep(&mut self, state: &State) {
        self.data = if state.dirty {
            lane_io::store::to_toml(state.data()).ok()
        } else {
            None
        };
        self.draft = match &state.mode {
            Mode::Form(form) => crate::draft::of(form).map(|d| crate::draft::to_text(&d)),
            _ => None,
        };
    }
}

pub(super) type Unsaved = Arc<Mutex<Rescue>>;

/// The draft a signal left in the data dir, read once and removed.
pub(super) fn take_draft(data_dir: &Path) -> Option<crate::draft::Draft> {
    let path = data_dir.join(DRAFT_FILE);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    // Only a small regular file lane wrote; anything else is left alone.
    if !meta.is_file() {
        return None;
    }
    let bytes = lane_io::store::read_capped(&path, 64 * 1024).ok()??;
    let _ = std::fs::remove_file(&path);
    crate::draft::from_text(std::str::from_utf8(&bytes).ok()?)
}

/// SIGTERM and SIGHUP (a closed terminal) end lane cleanly: the terminal is
/// restored, and anything not yet saved goes to a rescue file. Every change is
/// saved as it is made, so normally there is nothing to rescue.
pub(super) fn on_signals(
    unsaved: Unsaved,
    draft_path: PathBuf,
    rescue_dirs: Vec<PathBuf>,
) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])
        .wrap_err("cannot watch for signals")?;
    std::thread::spawn(move || {
        let Some(signal) = signals.forever().next() else {
            return;
        };
        let (pending, draft) = {
            let rescue = unsaved.lock().unwrap_or_else(PoisonError::into_inner);
            (rescue.data.clone(), rescue.draft.clone())
        };
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui::restore();
        if let Some(text) = draft {
            let _ = std::fs::remove_file(&draft_path);
            match lane_io::store::write_new(&draft_path, text.as_bytes()) {
                Ok(()) => lane_io::say::err(
                    "lane: stopped by a signal; what you were typing comes back at the next start",
                ),
                // Not kept on disk: then at least on the screen.
                Err(e) => lane_io::say::err(&format!(
                    "lane: stopped by a signal; what you were typing could not be kept ({e:#}). \
                     It was:\n\n{text}"
                )),
            }
        }
        if let Some(text) = pending {
            let said = lane_io::rescue::keep(&rescue_dirs, "stopped by a signal", &text);
            lane_io::say::err(&format!("lane: {said}"));
        }
        std::process::exit(128 + signal);
    });
    Ok(())
}
