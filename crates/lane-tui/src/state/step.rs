//! An undo or redo in the app: its data is shown before it is saved, with what
//! was there before kept, so a refused or failed save can take it back.

use super::State;
use lane_core::model::Data;

impl State {
    /// The data after an undo or redo, waiting for its save: each cursor stays
    /// on its item; the data before it is kept as the unsaved change's
    /// `before`, in `words`, which a refusal goes back to (`refused`).
    pub(crate) fn take_step(&mut self, data: Data, words: String) {
        let uids = self.selected_uids();
        let before = std::mem::replace(&mut self.data, data);
        self.compute_all();
        self.before = None;
        self.follow(uids);
        self.unsaved = Some((before, words));
        self.dirty = true;
    }
}
