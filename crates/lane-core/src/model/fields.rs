//! The fields of each kind's add/edit form: their order, labels and hints, and
//! the values a form holds, addressed by key. The order lives here and only here;
//! everything else (the app, the command line, the tests) names fields by key.

use chrono::NaiveDate;

use super::time_of_day;
use super::{
    Block, BlockKind, Blocker, Data, Decision, Kind, Level, Priority, PriorityStatus, Review,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Free text that must not be empty.
    Title,
    Text,
    Date,
    OptionalDate,
    /// A time span; may be empty for blocks, which then go into the first free slot.
    Span,
    Level,
    BlockKind,
    YesNo,
    Energy,
    /// 0–100, may be empty.
    Percent,
    PriorityStatus,
    /// An amount of money, may be empty, never negative.
    Money,
    /// Items separated by this character.
    List(char),
    /// The id of an existing priority, may be empty.
    PriorityRef,
    /// How a block repeats (`series::parse_every`), may be empty.
    Repeat,
    /// Forge URLs (`links::parse_list`), separated by spaces, may be empty.
    Links,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub ty: FieldType,
    /// Shown dimmed in an empty field: what may be typed.
    pub hint: &'static str,
}

pub(super) const fn f(
    key: &'static str,
    label: &'static str,
    ty: FieldType,
    hint: &'static str,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        ty,
        hint,
    }
}

#[rustfmt::skip]
const PRIORITY: [FieldSpec; 11] = [
    f("title", "Title", FieldType::Title, "the outcome you own, in a few words"),
    f("outcome", "Outcome", FieldType::Text, "what done looks like"),
    f("measure", "Measure", FieldType::Text, "how success is measured"),
    f("due", "Due", FieldType::OptionalDate, "today, fri, +3d, 2026-12-01 or empty"),
    f("impact", "Impact", FieldType::Level, "high, medium or low"),
    f("urgency", "Urgency", FieldType::Level, "high, medium or low"),
    f("progress", "Progress %", FieldType::Percent, "0-100, or empty"),
    f("status", "Status", FieldType::PriorityStatus, "active, paused, done or dropped"),
    f("agreed_with", "Agreed with", FieldType::Text, "whom you agreed the outcome with (dated today), or empty"),
    f("boundaries", "Boundaries", FieldType::Text, "what was agreed: budget, scope, or empty"),
    f("private", "Private", FieldType::YesNo, "yes: never shared with the team (lane share), or no"),
];
#[rustfmt::skip]
const BLOCK: [FieldSpec; 6] = [
    f("title", "Title", FieldType::Title, "9-10:30 billing spec, or just a title"),
    f("time", "Time", FieldType::Span, "9-10:30, 14:00 +90m, now +45m; empty: first free hour"),
    f("date", "Date", FieldType::Date, "today, tomorrow, fri, +3d, 2026-12-01"),
    f("kind", "Kind", FieldType::BlockKind, "deep, shallow, meeting, break or admin"),
    f("priority", "Priority", FieldType::PriorityRef, "its priority: an id or words of its title, or empty"),
    f("every", "Every", FieldType::Repeat, "empty: once; weekday, mon,wed, 2 weeks on fri, month on 1"),
];
#[rustfmt::skip]
const BLOCKER: [FieldSpec; 4] = [
    f("title", "Title", FieldType::Title, "what is stuck"),
    f("waiting_on", "Waiting on", FieldType::Text, "a person, team or thing"),
    f("priority", "Priority", FieldType::PriorityRef, "the priority it blocks: an id or words of its title, or empty"),
    f("links", "Link", FieldType::Links, "issue or pull request URLs it waits on, separated by spaces, or empty"),
];
#[rustfmt::skip]
const DECISION: [FieldSpec; 9] = [
    f("situation", "Situation", FieldType::Title, "what needs deciding"),
    f("call", "Call", FieldType::Text, "what you decided (or propose)"),
    f("rationale", "Rationale", FieldType::Text, "why: the reasoning someone can check later"),
    f("reversible", "Reversible", FieldType::YesNo, "yes or no"),
    f("risk", "Risk", FieldType::Level, "low, medium or high"),
    f("cost", "Cost", FieldType::Money, "estimated cost, e.g. 1200, or empty"),
    f("topics", "Topics", FieldType::List(','), "comma-separated: hiring, budget, tooling"),
    f("options", "Options", FieldType::List(';'), "options considered, separated by ;"),
    f("review_on", "Review on", FieldType::OptionalDate, "empty: in 14 days if reversible"),
];
#[rustfmt::skip]
const REVIEW: [FieldSpec; 5] = [
    f("wins", "Wins", FieldType::Text, "what moved today"),
    f("carry_over", "Carry over", FieldType::Text, "what goes to tomorrow"),
    f("energy", "Energy", FieldType::Energy, "1 (drained) to 5 (great)"),
    f("notes", "Notes", FieldType::Text, "anything else"),
    f("date", "Date", FieldType::Date, "today, yesterday, 2026-11-20"),
];
pub fn fields(kind: Kind) -> &'static [FieldSpec] {
    match kind {
        Kind::Priority => &PRIORITY,
        Kind::Block => &BLOCK,
        Kind::Blocker => &BLOCKER,
        Kind::Decision => &DECISION,
        Kind::Review => &REVIEW,
    }
}

/// The text of each field of a form, by key, in the form's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Values(Vec<(&'static str, String)>);

impl Values {
    /// Empty values for these fields.
    pub fn empty(specs: &[FieldSpec]) -> Values {
        Values(specs.iter().map(|s| (s.key, String::new())).collect())
    }

    /// The text of the field `key` (empty when there is no such field).
    pub fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Sets the field `key`; a key the form does not have is ignored, since the
    /// fields are fixed by the form's kind.
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        if let Some(slot) = self.0.iter_mut().find(|(k, _)| *k == key) {
            slot.1 = value.into();
        }
    }

    /// `set`, for building values in one expression.
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Values {
        self.set(key, value);
        self
    }

    /// Each key and its text, in the form's order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(k, v)| (*k, v.as_str()))
    }
}

impl FromIterator<(&'static str, String)> for Values {
    fn from_iter<I: IntoIterator<Item = (&'static str, String)>>(iter: I) -> Values {
        Values(iter.into_iter().collect())
    }
}

/// What the form shows when it opens: the item's values when editing, defaults when adding.
pub fn initial_values(data: &Data, kind: Kind, editing: Option<u32>, today: NaiveDate) -> Values {
    shown(item_values(data, kind, editing, today), fields(kind))
}

/// A form's values as it opens them. Text that holds control characters (a
/// hand edit, an import) is shown as `\u{1b}`: visible, and saved back as that
/// plain text instead of refused for a character nobody can see.
pub fn shown(values: Values, specs: &[FieldSpec]) -> Values {
    values
        .iter()
        .map(|(key, text)| {
            let multi_line = specs
                .iter()
                .any(|f| f.key == key && f.ty == FieldType::Text);
            let shown = if multi_line {
                super::text::visible_lines(text)
            } else {
                super::text::visible(text)
            };
            (key, shown)
        })
        .collect()
}

/// The values of the item `editing` of `kind`, or a new item's defaults.
fn item_values(data: &Data, kind: Kind, editing: Option<u32>, today: NaiveDate) -> Values {
    let found = editing.and_then(|id| data.list(kind).position(id));
    let v = Values::empty(fields(kind));
    match kind {
        Kind::Priority => priority_values(v, found.map(|i| &data.priorities[i])),
        Kind::Block => block_values(v, found.map(|i| &data.blocks[i]), today),
        Kind::Blocker => blocker_values(v, found.map(|i| &data.blockers[i])),
        Kind::Decision => decision_values(v, found.map(|i| &data.decisions[i])),
        Kind::Review => review_values(v, found.map(|i| &data.reviews[i]), today),
    }
}

/// A date as typed into a form; no date is an empty field.
fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A priority's form; a new one is of medium impact and urgency, and active.
fn priority_values(v: Values, p: Option<&Priority>) -> Values {
    match p {
        Some(p) => v
            .with("title", p.title.as_str())
            .with("outcome", p.outcome.as_str())
            .with("measure", p.measure.as_str())
            .with("due", date_text(p.due))
            .with("impact", p.impact.name())
            .with("urgency", p.urgency.name())
            .with(
                "progress",
                p.progress.map(|n| n.to_string()).unwrap_or_default(),
            )
            .with("status", p.status.name())
            .with("agreed_with", p.agreed_with.as_str())
            .with("boundaries", p.boundaries.as_str())
            .with("private", if p.private { "yes" } else { "no" }),
        None => v
            .with("impact", Level::Medium.name())
            .with("urgency", Level::Medium.name())
            .with("status", PriorityStatus::Active.name())
            .with("private", "no"),
    }
}

/// A block's form; a new one is deep work, today.
fn block_values(v: Values, b: Option<&Block>, today: NaiveDate) -> Values {
    match b {
        Some(b) => v
            .with("title", b.title.as_str())
            .with(
                "time",
                format!(
                    "{}-{}",
                    time_of_day::text(b.start),
                    time_of_day::text(b.end)
                ),
            )
            .with("date", b.date.to_string())
            .with("kind", b.kind.name())
            .with(
                "priority",
                b.priority.map(|p| p.to_string()).unwrap_or_default(),
            ),
        None => v
            .with("date", today.to_string())
            .with("kind", BlockKind::Deep.name()),
    }
}

/// A blocker's form; a new one starts empty.
fn blocker_values(v: Values, b: Option<&Blocker>) -> Values {
    match b {
        Some(b) => v
            .with("title", b.title.as_str())
            .with("waiting_on", b.waiting_on.as_str())
            .with(
                "priority",
                b.priority.map(|p| p.to_string()).unwrap_or_default(),
            )
            .with("links", b.links.join(" ")),
        None => v,
    }
}

/// A call's form; a new one is reversible and of low risk.
fn decision_values(v: Values, d: Option<&Decision>) -> Values {
    match d {
        Some(d) => v
            .with("situation", d.situation.as_str())
            .with("call", d.call.as_str())
            .with("rationale", d.rationale.as_str())
            .with("reversible", if d.reversible { "yes" } else { "no" })
            .with("risk", d.risk.name())
            .with(
                "cost",
                d.cost
                    .map(super::triage::money)
                    .unwrap_or_default()
                    .replace(' ', ""),
            )
            .with("topics", d.topics.join(", "))
            .with("options", d.options.join("; "))
            .with("review_on", date_text(d.review_on)),
        None => v.with("reversible", "yes").with("risk", Level::Low.name()),
    }
}

/// A journal entry's form; a new one is today's.
fn review_values(v: Values, r: Option<&Review>, today: NaiveDate) -> Values {
    match r {
        Some(r) => v
            .with("wins", r.wins.as_str())
            .with("carry_over", r.carry_over.as_str())
            .with(
                "energy",
                r.energy.map(|e| e.to_string()).unwrap_or_default(),
            )
            .with("notes", r.notes.as_str())
            .with("date", r.date.to_string()),
        None => v.with("date", today.to_string()),
    }
}
