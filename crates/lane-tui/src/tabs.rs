//! The app's tabs. Each tab is one entry of `Tab::spec`: its title, the action
//! (key) that selects it, the kind of item it lists (or none), and its keymap
//! context. A new tab is a new entry here plus its own files: how it draws
//! (ui/) and what its keys do (update/).

use strum::{EnumCount, EnumIter, IntoEnumIterator};

use crate::action::Action;
use crate::context::Context;
use lane_core::model::Kind;
use lane_core::report::ReportKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, EnumCount)]
pub enum Tab {
    Priorities,
    Blocks,
    Blockers,
    Decisions,
    Review,
}

/// What makes a tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TabSpec {
    pub title: &'static str,
    /// The action that jumps to it (its key lives in the keymap).
    pub select: Action,
    /// The kind of item it lists, if it lists stored items.
    pub kind: Option<Kind>,
    pub context: Context,
    /// The report `y` copies from it.
    pub report: ReportKind,
}

impl Tab {
    /// The registry.
    pub const fn spec(self) -> TabSpec {
        let (title, select, kind, context, report) = match self {
            Tab::Priorities => (
                "Priorities",
                Action::TabPriorities,
                Kind::Priority,
                Context::Priorities,
                ReportKind::Week,
            ),
            Tab::Blocks => (
                "Time blocks",
                Action::TabBlocks,
                Kind::Block,
                Context::Blocks,
                ReportKind::Standup,
            ),
            Tab::Blockers => (
                "Blockers",
                Action::TabBlockers,
                Kind::Blocker,
                Context::Blockers,
                ReportKind::Standup,
            ),
            Tab::Decisions => (
                "Decisions",
                Action::TabDecisions,
                Kind::Decision,
                Context::Decisions,
                ReportKind::Week,
            ),
            // The selected day's review.
            Tab::Review => (
                "Review",
                Action::TabReview,
                Kind::Review,
                Context::Review,
                ReportKind::Review,
            ),
        };
        TabSpec {
            title,
            select,
            kind: Some(kind),
            context,
            report,
        }
    }

    pub fn all() -> impl Iterator<Item = Tab> {
        Tab::iter()
    }

    /// Its place in the tab bar, from 0.
    pub fn index(self) -> usize {
        Tab::iter().position(|t| t == self).unwrap_or(0)
    }

    /// The tab at a place in the tab bar (the last one past the end).
    pub fn at(index: usize) -> Tab {
        Tab::iter()
            .nth(index.min(Tab::COUNT - 1))
            .unwrap_or(Tab::Priorities)
    }

    pub fn next(self) -> Tab {
        Tab::at((self.index() + 1) % Tab::COUNT)
    }

    pub fn prev(self) -> Tab {
        Tab::at((self.index() + Tab::COUNT - 1) % Tab::COUNT)
    }

    /// The tab an action jumps to, if it is a tab's key.
    pub fn selected_by(action: Action) -> Option<Tab> {
        Tab::iter().find(|t| t.spec().select == action)
    }

    /// The tab that lists this kind of item.
    pub fn of(kind: Kind) -> Tab {
        Tab::iter()
            .find(|t| t.kind() == Some(kind))
            .unwrap_or(Tab::Priorities)
    }

    pub fn title(self) -> &'static str {
        self.spec().title
    }

    pub fn kind(self) -> Option<Kind> {
        self.spec().kind
    }

    /// What one of its rows is called in messages: "no priority here yet".
    pub fn noun(self) -> &'static str {
        self.kind().map_or("item", Kind::noun)
    }

    /// Its items can be done (and reordered): every stored kind but reviews.
    pub fn has_done(self) -> bool {
        self.kind().is_some_and(Kind::has_done)
    }

    /// The keymap contexts in normal mode, most specific first.
    pub fn contexts(self) -> Vec<Context> {
        let own = self.spec().context;
        if self.has_done() {
            vec![own, Context::Items, Context::List, Context::Global]
        } else {
            vec![own, Context::List, Context::Global]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Keymap;

    #[test]
    fn the_registry_is_consistent() {
        let keymap = Keymap::defaults().unwrap();
        let global = keymap.context(Context::Global);
        for (i, tab) in Tab::all().enumerate() {
            assert_eq!(tab.index(), i);
            assert_eq!(Tab::at(i), tab);
            assert_eq!(tab.next().prev(), tab);
            assert_eq!(Tab::selected_by(tab.spec().select), Some(tab));
            if let Some(kind) = tab.kind() {
                assert_eq!(Tab::of(kind), tab);
            }
            // Every tab has a key, and its own keymap table exists.
            assert!(
                global.iter().any(|b| b.action == tab.spec().select),
                "{tab:?} has no key in [global]"
            );
            assert_eq!(tab.contexts().first(), Some(&tab.spec().context));
        }
        assert_eq!(Tab::at(99), Tab::Review, "past the end is the last tab");
        assert_eq!(Tab::Priorities.prev(), Tab::Review, "the tabs cycle");
    }
}
