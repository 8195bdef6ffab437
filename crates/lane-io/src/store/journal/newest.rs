//! The change an undo or redo would take, read without parsing the whole
//! history: the journal's lines are replayed as text and only the change on
//! top is parsed, so a step costs one change however many are kept (the full
//! replay parsed all 100, most of an undo's time once the journal was full).

use std::path::Path;

use color_eyre::eyre::Result;

use super::{Event, JOURNAL_FILE, read, read_file};
use lane_core::model::history::{Change, DEPTH, History, Step};

/// The change `step` would take next — the newest that can be undone, or the
/// newest that can be redone — or `None` when there is none.
pub fn newest(dir: &Path, step: Step) -> Result<Option<Change>> {
    let Some(bytes) = read_file(&dir.join(JOURNAL_FILE))? else {
        // The earlier layout (or none): read whole, as before.
        return Ok(top(read(dir)?, step));
    };
    let (mut undo, mut redo): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for line in bytes.split(|&b| b == b'\n') {
        // As `read` replays them: a line cut short is skipped.
        let event = std::str::from_utf8(line)
            .ok()
            .and_then(|l| serde_json::from_str::<Event>(l).ok());
        match event {
            Some(Event::Record(text)) => {
                undo.push(text);
                if undo.len() > DEPTH {
                    undo.remove(0);
                }
                redo.clear();
            }
            Some(Event::Redoable(text)) => redo.push(text),
            Some(Event::Undo) => redo.extend(undo.pop()),
            Some(Event::Redo) => undo.extend(redo.pop()),
            None => {}
        }
    }
    let side = match step {
        Step::Undo => undo,
        Step::Redo => redo,
    };
    let Some(text) = side.last() else {
        return Ok(None);
    };
    match toml::from_str(text) {
        Ok(change) => Ok(Some(change)),
        // A change this lane cannot read (a later lane wrote it) is skipped by
        // the full replay: that one decides.
        Err(_) => Ok(top(read(dir)?, step)),
    }
}

fn top(mut history: History, step: Step) -> Option<Change> {
    match step {
        Step::Undo => history.undo.pop(),
        Step::Redo => history.redo.pop(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::append;
    use super::*;
    use lane_core::model::Data;

    fn change(n: u32) -> Change {
        let mut after = Data::default();
        let text =
            format!("version = 1\n\n[[priorities]]\nid = {n}\nuid = \"P{n}\"\ntitle = \"o {n}\"\n");
        after.priorities = toml::from_str::<Data>(&text).unwrap().priorities;
        Change::of(format!("added priority {n}"), &Data::default(), &after).unwrap()
    }

    /// What the full replay says each step would take.
    fn tops(dir: &Path) -> (Option<Change>, Option<Change>) {
        let history = read(dir).unwrap();
        (top(history.clone(), Step::Undo), top(history, Step::Redo))
    }

    #[test]
    fn the_change_on_top_is_the_one_the_full_replay_would_step() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(newest(dir.path(), Step::Undo).unwrap(), None);
        // Past the depth, with undos and redos between and a line cut short.
        let mut rng = 0x5eed_u64;
        for n in 1..=(2 * DEPTH as u32 + 40) {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let event = match rng % 5 {
                0 => Event::Undo,
                1 => Event::Redo,
                _ => Event::record(&change(n)).unwrap(),
            };
            append(dir.path(), event).unwrap();
            if n % 37 == 0 {
                let path = dir.path().join(JOURNAL_FILE);
                let mut text = std::fs::read(&path).unwrap();
                text.extend_from_slice(b"{\"record\":\"what = ");
                std::fs::write(&path, text).unwrap();
            }
            let (undo, redo) = tops(dir.path());
            assert_eq!(newest(dir.path(), Step::Undo).unwrap(), undo, "after {n}");
            assert_eq!(newest(dir.path(), Step::Redo).unwrap(), redo, "after {n}");
        }
    }
}
