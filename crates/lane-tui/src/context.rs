//! Keymap contexts: one table of `keymap.toml` each. Typed, so a context a
//! screen asks for always exists; the order here is the order help shows them.

use strum::{EnumIter, IntoEnumIterator, IntoStaticStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Context {
    Global,
    List,
    Items,
    Priorities,
    Blocks,
    Blockers,
    Decisions,
    Review,
    Plan,
    Evening,
    Notes,
    Report,
    Record,
    Messages,
    Refit,
    Team,
    Form,
    Detail,
    Steps,
    Choose,
    Filter,
    Help,
}

impl Context {
    /// The table name in `keymap.toml`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(name: &str) -> Option<Context> {
        Context::iter().find(|c| c.name() == name)
    }

    /// Every table name, for error messages.
    pub fn names() -> String {
        Context::iter()
            .map(Context::name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The section title in the help overlay.
    pub fn heading(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Lists",
            Context::Items => "Items",
            Context::Form => "In a form",
            Context::Plan => "Plan the day",
            Context::Evening => "Review the day",
            Context::Notes => "Review: progress notes",
            Context::Record => "Track record",
            Context::Messages => "Messages",
            Context::Refit => "A re-fit offered",
            Context::Team => "Team (W)",
            Context::Steps => "Milestones & key results",
            Context::Detail => "Details (enter)",
            _ => "This tab",
        }
    }
}
