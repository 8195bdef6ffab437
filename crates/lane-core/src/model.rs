//! Plain data and the rules over it. Nothing here knows about terminals or files;
//! anything time-dependent takes `today`/`now` as an argument.

pub mod archive;
pub mod calendar;
pub mod checkpoints;
pub mod conflicts;
pub mod day;
pub mod derived;
// Days computed from series and calendars, together: above every part they use.
#[cfg(test)]
mod derived_tests;
pub mod fields;
pub mod form;
pub mod history;
pub mod items;
pub mod ladder;
pub mod limits;
pub mod links;
pub mod merge;
pub mod note;
pub mod ops;
pub mod outcomes;
pub mod overtime;
pub mod parse;
pub mod picks;
pub mod problems;
pub mod rank;
pub mod record;
pub mod redact;
pub mod refit;
pub mod remind;
pub mod response;
pub mod ritual;
pub mod roadmap;
pub mod rules;
pub mod series;
pub mod slots;
pub mod status;
pub mod steps;
/// Builders for tests, here and in the crates above (feature `test-util`).
#[cfg(any(test, feature = "test-util"))]
pub mod test_util;
pub mod text;
pub mod time_of_day;
pub mod trend;
pub mod triage;
pub mod view;
pub mod workdays;

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

pub use items::{
    Block, BlockKind, BlockResult, Blocker, BlockerCheck, BlockerStatus, Decision, DecisionStatus,
    Extra, Lane, Level, Plan, Priority, PriorityStatus, ProgressNote, Rating, Review,
    ReviewedBlock, Rung, Stamp, Tried, Update, Verdict,
};

/// The version of `lane.toml` this binary writes.
pub const DATA_VERSION: u32 = 1;

/// Everything in `lane.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Data {
    pub version: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<Priority>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blockers: Vec<Blocker>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// Recurring blocks, each stored once; their occurrences are in `blocks`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<series::Series>,
    /// The highest ids moved to `archive/`, so new items never reuse them.
    #[serde(default, skip_serializing_if = "archive::ArchivedIds::is_empty")]
    pub archived_ids: archive::ArchivedIds,
    /// Fields two writers changed differently: the other value, until settled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<merge::Conflict>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for Data {
    fn default() -> Self {
        Data {
            version: DATA_VERSION,
            priorities: Vec::new(),
            blocks: Vec::new(),
            blockers: Vec::new(),
            decisions: Vec::new(),
            reviews: Vec::new(),
            series: Vec::new(),
            archived_ids: archive::ArchivedIds::default(),
            conflicts: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// The five kinds of things lane keeps (each is listed by a tab: see `tabs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Priority,
    Block,
    Blocker,
    Decision,
    Review,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Priority,
        Kind::Block,
        Kind::Blocker,
        Kind::Decision,
        Kind::Review,
    ];

    /// Singular noun, as in "add priority".
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Priority => "priority",
            Kind::Block => "block",
            Kind::Blocker => "blocker",
            Kind::Decision => "decision",
            Kind::Review => "review",
        }
    }

    /// The name of the table in `lane.toml` and of the keymap context.
    pub fn table(self) -> &'static str {
        match self {
            Kind::Priority => "priorities",
            Kind::Block => "blocks",
            Kind::Blocker => "blockers",
            Kind::Decision => "decisions",
            Kind::Review => "reviews",
        }
    }

    /// Reviews are a journal: they have no done state and keep date order.
    pub fn has_done(self) -> bool {
        self != Kind::Review
    }
}

/// What every stored item can do, so lists can be handled without knowing the kind.
pub trait Entry {
    fn id(&self) -> u32;
    fn uid(&self) -> &str;
    fn title(&self) -> &str;
    fn is_done(&self) -> bool;
    fn set_done(&mut self, done: bool);
}

macro_rules! entry {
    ($t:ty, $title:ident, |$s:ident| $done:expr, |$m:ident, $d:ident| $set:expr) => {
        impl Entry for $t {
            fn id(&self) -> u32 {
                self.id
            }
            fn uid(&self) -> &str {
                &self.uid
            }
            fn title(&self) -> &str {
                &self.$title
            }
            fn is_done(&self) -> bool {
                let $s = self;
                $done
            }
            fn set_done(&mut self, $d: bool) {
                let $m = self;
                $set
            }
        }
    };
}

entry!(Priority, title, |s| s.status.is_closed(), |m, d| {
    m.status = if d {
        PriorityStatus::Done
    } else {
        PriorityStatus::Active
    }
});
entry!(Block, title, |s| s.done, |m, d| m.done = d);
entry!(
    Blocker,
    title,
    |s| s.status == BlockerStatus::Resolved,
    |m, d| {
        m.status = if d {
            BlockerStatus::Resolved
        } else {
            BlockerStatus::Open
        }
    }
);
entry!(Decision, situation, |s| s.done, |m, d| m.done = d);
entry!(Review, wins, |_s| false, |_m, _d| {});

/// The item with this id, or the message a user sees when there is none.
pub fn find_mut<T: Entry>(items: &mut [T], kind: Kind, id: u32) -> Result<&mut T, String> {
    items
        .iter_mut()
        .find(|x| x.id() == id)
        .ok_or_else(|| format!("there is no {} {id}", kind.noun()))
}

/// List operations over any kind's vector.
pub trait List {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn id_at(&self, index: usize) -> Option<u32>;
    fn uid_at(&self, index: usize) -> Option<&str>;
    fn title_at(&self, index: usize) -> Option<&str>;
    fn position(&self, id: u32) -> Option<usize>;
    fn swap(&mut self, a: usize, b: usize);
    fn remove(&mut self, index: usize);
    fn toggle_done(&mut self, index: usize) -> Option<bool>;
    fn done_at(&self, index: usize) -> Option<bool>;
    fn open_count(&self) -> usize;
}

impl<T: Entry> List for Vec<T> {
    fn len(&self) -> usize {
        <[T]>::len(self)
    }
    fn id_at(&self, index: usize) -> Option<u32> {
        self.get(index).map(Entry::id)
    }
    fn uid_at(&self, index: usize) -> Option<&str> {
        self.get(index).map(Entry::uid)
    }
    fn title_at(&self, index: usize) -> Option<&str> {
        self.get(index).map(Entry::title)
    }
    fn position(&self, id: u32) -> Option<usize> {
        self.iter().position(|e| e.id() == id)
    }
    fn swap(&mut self, a: usize, b: usize) {
        if a < self.len() && b < self.len() {
            <[T]>::swap(self, a, b);
        }
    }
    fn remove(&mut self, index: usize) {
        if index < self.len() {
            Vec::remove(self, index);
        }
    }
    fn toggle_done(&mut self, index: usize) -> Option<bool> {
        let e = self.get_mut(index)?;
        let done = !e.is_done();
        e.set_done(done);
        Some(done)
    }
    fn done_at(&self, index: usize) -> Option<bool> {
        self.get(index).map(Entry::is_done)
    }
    fn open_count(&self) -> usize {
        self.iter().filter(|e| !e.is_done()).count()
    }
}

impl Data {
    pub fn list(&self, kind: Kind) -> &dyn List {
        match kind {
            Kind::Priority => &self.priorities,
            Kind::Block => &self.blocks,
            Kind::Blocker => &self.blockers,
            Kind::Decision => &self.decisions,
            Kind::Review => &self.reviews,
        }
    }

    pub fn list_mut(&mut self, kind: Kind) -> &mut dyn List {
        match kind {
            Kind::Priority => &mut self.priorities,
            Kind::Block => &mut self.blocks,
            Kind::Blocker => &mut self.blockers,
            Kind::Decision => &mut self.decisions,
            Kind::Review => &mut self.reviews,
        }
    }

    /// The next free id of a kind: ids are small, stable and never reused while
    /// a higher one exists. Live items that sit at the very top of the range
    /// (an import that gave one the highest id) are stepped over: the next id
    /// follows the highest one below them, which leaves every id between free.
    /// The archive's highest id is never stepped over: ids below it may be there.
    /// Blocks are counted without the days of series and the meetings, which
    /// are numbered after the others (`derived::renumber`); a new block steps
    /// over the ids those the user touched keep.
    pub fn next_id(&self, kind: Kind) -> u32 {
        if kind == Kind::Block {
            let taken: std::collections::HashSet<u32> = self
                .blocks
                .iter()
                .filter(|b| derived::is_occurrence(b) && !derived::is_computed(b))
                .map(|b| b.id)
                .collect();
            let mut id = self.first_occurrence_id();
            while taken.contains(&id) {
                id = id.saturating_add(1);
            }
            return id;
        }
        let list = self.list(kind);
        let ids = (0..list.len()).filter_map(|i| list.id_at(i)).collect();
        next_after(ids, self.archived_ids.get(kind))
    }

    /// An id after every id of the kind, live or archived: the first of a run
    /// of free ids (a block's next id may sit below a day of a series the
    /// user touched, which keeps its id).
    pub fn id_after_all(&self, kind: Kind) -> u32 {
        let list = self.list(kind);
        (0..list.len())
            .filter_map(|i| list.id_at(i))
            .max()
            .unwrap_or(0)
            .max(self.archived_ids.get(kind))
            .saturating_add(1)
    }

    /// Where the days of series and the meetings start being numbered: after
    /// every other block, live or archived.
    pub fn first_occurrence_id(&self) -> u32 {
        let plain = self
            .blocks
            .iter()
            .filter(|b| !derived::is_occurrence(b))
            .map(|b| b.id)
            .collect();
        next_after(plain, self.archived_ids.get(Kind::Block))
    }

    pub fn blocks_on(&self, date: NaiveDate) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(move |b| b.date == date)
    }
}

/// Working hours per weekday; `None` is a day off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingHours {
    days: [Option<(NaiveTime, NaiveTime)>; 7],
}

impl WorkingHours {
    pub fn new(days: [Option<(NaiveTime, NaiveTime)>; 7]) -> Self {
        WorkingHours { days }
    }

    pub fn on(&self, date: NaiveDate) -> Option<(NaiveTime, NaiveTime)> {
        self.days[date.weekday().num_days_from_monday() as usize]
    }
}

impl Default for WorkingHours {
    /// Monday to Friday, 09:00–17:30.
    fn default() -> Self {
        let day = NaiveTime::from_hms_opt(9, 0, 0).zip(NaiveTime::from_hms_opt(17, 30, 0));
        WorkingHours {
            days: [day, day, day, day, day, None, None],
        }
    }
}

/// The id after `ids` and an archive whose highest is `archived` (see
/// `Data::next_id`).
fn next_after(mut ids: Vec<u32>, archived: u32) -> u32 {
    let highest = ids.iter().copied().max().unwrap_or(0);
    if highest < limits::MAX_ID {
        return highest.max(archived).saturating_add(1);
    }
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids.dedup();
    // The run of taken ids that ends at the top (…, MAX_ID - 1, MAX_ID).
    let mut top = limits::MAX_ID.saturating_add(1);
    let below_top = ids.into_iter().find(|&id| {
        let in_run = id.saturating_add(1) == top;
        if in_run {
            top = id;
        }
        !in_run
    });
    below_top.unwrap_or(0).max(archived).saturating_add(1)
}
