//! The item under the cursor as the user last saw it. Another writer's change
//! taken in just before a key may have deleted, renumbered, closed or renamed
//! it — or put another item in its row — and a key must never land on an item
//! the user did not pick: the key that would change data is refused, once, with
//! what changed.

use lane_core::model::{Data, Kind};

use super::State;

#[derive(Debug, Clone, PartialEq)]
pub struct Pointed {
    kind: Kind,
    uid: String,
    id: u32,
    title: String,
    done: bool,
}

impl State {
    /// The item under the cursor of the current tab, if any.
    pub(crate) fn pointed(&self) -> Option<Pointed> {
        let kind = self.tab.kind()?;
        let index = self.selected_index()?;
        let list = self.data.list(kind);
        Some(Pointed {
            kind,
            uid: list.uid_at(index)?.to_string(),
            id: list.id_at(index)?,
            title: list.title_at(index)?.to_string(),
            done: list.done_at(index)?,
        })
    }
}

impl Pointed {
    /// Whether both point at one item (by its uid), whatever its id or title now.
    pub fn same_item(&self, other: &Pointed) -> bool {
        self.kind == other.kind && self.uid == other.uid
    }

    /// `priority 3 “Q1 roadmap draft”`.
    pub fn named(&self) -> String {
        format!("{} {} “{}”", self.kind.noun(), self.id, self.title)
    }

    /// What a change did to the item, in words; None when it is as it was.
    pub fn moved_in(&self, data: &Data) -> Option<String> {
        let list = data.list(self.kind);
        let (noun, id, title) = (self.kind.noun(), self.id, &self.title);
        let Some(i) = (0..list.len()).find(|&i| list.uid_at(i) == Some(self.uid.as_str())) else {
            return Some(format!("{noun} {id} “{title}” was deleted elsewhere"));
        };
        if let Some(now) = list.id_at(i).filter(|now| *now != id) {
            return Some(format!("{noun} {id} “{title}” is now {noun} {now}"));
        }
        if list.done_at(i) != Some(self.done) {
            let what = if self.done { "reopened" } else { "closed" };
            return Some(format!("{noun} {id} “{title}” was {what} elsewhere"));
        }
        match list.title_at(i) {
            Some(new) if new != title => Some(format!(
                "{noun} {id} “{title}” was renamed “{new}” elsewhere"
            )),
            _ => None,
        }
    }
}
