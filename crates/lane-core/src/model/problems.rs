//! What lane refuses in data a TOML parser accepts: ids used twice, blocks that
//! end before they start, dates outside `limits`, numbers outside their range.
//!
//! One set of rules for every way in: the store runs it on every load (and
//! points at `path:line:col`) and before every write (so it never writes what it
//! would refuse to read); forms and importers run it on the item they make, so
//! the refusal comes where the value was typed.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::limits::{MAX_DAY_MINUTES, MAX_ID, date_problem};
use super::outcomes::{measure_problem, quarter_problem};
use super::series::Rule;
use super::text::visible;
use super::time_of_day::{is_end_of_day, text};
use super::{Block, Blocker, Data, Decision, Kind, Priority, Review};

/// One step on the way to a value in the file: a key, or an index in an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Key(&'static str),
    Index(usize),
}

/// One value lane refuses: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The way to the value from the top of the file, e.g. `blocks`, 0, `end`.
    pub at: Vec<Step>,
    /// Which item: `[[blocks]] id 1` (or the list, or the top-level key).
    pub item: String,
    /// Why it is refused, as said under a form's field.
    pub reason: String,
}

impl Problem {
    /// The field the value is in (the last key on the way), for a form to show it under.
    pub fn field(&self) -> Option<&'static str> {
        self.at.iter().rev().find_map(|s| match s {
            Step::Key(k) => Some(*k),
            Step::Index(_) => None,
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.item, self.reason)
    }
}

/// The problems as one line.
pub fn describe(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Collects the problems of one item.
struct Item<'a> {
    out: &'a mut Vec<Problem>,
    kind: Kind,
    index: usize,
    id: u32,
}

impl Item<'_> {
    fn push(&mut self, path: &[Step], reason: String) {
        let mut at = vec![Step::Key(self.kind.table()), Step::Index(self.index)];
        at.extend_from_slice(path);
        self.out.push(Problem {
            at,
            item: format!("[[{}]] id {}", self.kind.table(), self.id),
            reason,
        });
    }

    fn id(&mut self) {
        if self.id > MAX_ID {
            self.push(
                &[Step::Key("id")],
                format!("ids go up to {MAX_ID}; this one is too big"),
            );
        }
    }

    fn nested_id(&mut self, path: &[Step], id: u32) {
        if id > MAX_ID {
            self.push(path, format!("ids go up to {MAX_ID}; this one is too big"));
        }
    }

    fn measure(&mut self, path: &[Step], value: f64) {
        if let Some(why) = measure_problem(value) {
            self.push(path, format!("`{}` is {why}", name(path)));
        }
    }

    fn date(&mut self, path: &[Step], date: Option<NaiveDate>) {
        if let Some(why) = date.and_then(date_problem) {
            self.push(path, format!("`{}` {why}", name(path)));
        }
    }

    fn instant(&mut self, path: &[Step], at: Option<NaiveDateTime>) {
        self.date(path, at.map(|t| t.date()));
    }

    fn range(&mut self, path: &[Step], value: Option<i64>, range: std::ops::RangeInclusive<i64>) {
        if let Some(v) = value.filter(|v| !range.contains(v)) {
            self.push(
                path,
                format!(
                    "`{}` is {v}; it must be from {} to {}",
                    name(path),
                    range.start(),
                    range.end()
                ),
            );
        }
    }
}

/// `updates[2].date` for the way `updates`, 2, `date` inside an item.
fn name(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

use Step::{Index, Key};

fn priority(c: &mut Item, p: &Priority) {
    c.id();
    c.date(&[Key("due")], p.due);
    c.date(&[Key("created")], p.created);
    c.date(&[Key("closed")], p.closed);
    for (i, u) in p.updates.iter().enumerate() {
        c.date(&[Key("updates"), Index(i), Key("date")], Some(u.date));
    }
    c.range(&[Key("progress")], p.progress.map(i64::from), 0..=100);
    c.date(&[Key("agreed_on")], p.agreed_on);
    if let Some(why) = p.quarter.as_deref().and_then(quarter_problem) {
        c.push(&[Key("quarter")], format!("`quarter`: {why}"));
    }
    let mut ids = std::collections::HashSet::new();
    for (i, m) in p.milestones.iter().enumerate() {
        let at = |key| [Key("milestones"), Index(i), Key(key)];
        if !ids.insert(m.id) {
            c.push(&at("id"), format!("milestone id {} is used twice", m.id));
        }
        c.nested_id(&at("id"), m.id);
        c.date(&at("due"), m.due);
        c.date(&at("done"), m.done);
    }
    let mut ids = std::collections::HashSet::new();
    for (i, k) in p.key_results.iter().enumerate() {
        let at = |key| [Key("key_results"), Index(i), Key(key)];
        if !ids.insert(k.id) {
            c.push(&at("id"), format!("key result id {} is used twice", k.id));
        }
        c.nested_id(&at("id"), k.id);
        c.measure(&at("baseline"), k.baseline);
        c.measure(&at("target"), k.target);
        for (j, r) in k.readings.iter().enumerate() {
            let at = |key| {
                [
                    Key("key_results"),
                    Index(i),
                    Key("readings"),
                    Index(j),
                    Key(key),
                ]
            };
            c.date(&at("date"), Some(r.date));
            c.measure(&at("value"), r.value);
        }
    }
}

fn block(c: &mut Item, b: &Block) {
    c.id();
    c.date(&[Key("date")], Some(b.date));
    c.date(&[Key("moved_to")], b.moved_to);
    if let Some((key, why)) = span_problem(b.start, b.end) {
        c.push(&[Key(key)], why);
    }
    c.instant(&[Key("actual_start")], b.actual_start.map(|s| s.wall));
    c.instant(&[Key("actual_end")], b.actual_end.map(|s| s.wall));
}

/// What is wrong with a block's times, if anything: 24:00 ends a day and
/// starts none, and the end comes after the start.
fn span_problem(start: NaiveTime, end: NaiveTime) -> Option<(&'static str, String)> {
    if is_end_of_day(start) {
        let why = "starts at 24:00, the end of its day (a start is 00:00 the next day)";
        return Some(("start", why.into()));
    }
    (end <= start).then(|| {
        let why = format!("ends at {} before it starts at {}", text(end), text(start));
        ("end", why)
    })
}

fn blocker(c: &mut Item, b: &Blocker) {
    c.id();
    c.instant(&[Key("opened")], b.opened);
    for (i, t) in b.tried.iter().enumerate() {
        c.instant(&[Key("tried"), Index(i), Key("at")], Some(t.at));
    }
    c.date(&[Key("follow_up")], b.follow_up);
    c.instant(&[Key("escalated_at")], b.escalated_at);
    c.instant(&[Key("resolved_at")], b.resolved_at);
}

fn decision(c: &mut Item, d: &Decision) {
    c.id();
    c.date(&[Key("date")], d.date);
    c.instant(&[Key("escalated_at")], d.escalated_at);
    c.instant(&[Key("answered_at")], d.answered_at);
    c.date(&[Key("reported")], d.reported);
    c.date(&[Key("review_on")], d.review_on);
    if let Some(cost) = d.cost.filter(|c| !(c.is_finite() && *c >= 0.0)) {
        c.push(
            &[Key("cost")],
            format!("`cost` is {cost}; a cost is a number, 0 or more"),
        );
    }
}

fn review(c: &mut Item, r: &Review) {
    c.id();
    c.date(&[Key("date")], Some(r.date));
    c.range(&[Key("energy")], r.energy.map(i64::from), 1..=5);
    for (key, minutes) in [
        ("planned_minutes", r.planned_minutes),
        ("worked_minutes", r.worked_minutes),
        ("deep_minutes", r.deep_minutes),
        ("deep_worked_minutes", r.deep_worked_minutes),
    ] {
        c.range(&[Key(key)], minutes, 0..=MAX_DAY_MINUTES);
    }
}

/// The problems of the item at `index` of `kind`: everything but ids used twice,
/// which only the whole list can tell.
pub fn item_problems(data: &Data, kind: Kind, index: usize) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(id) = data.list(kind).id_at(index) else {
        return out;
    };
    let mut c = Item {
        out: &mut out,
        kind,
        index,
        id,
    };
    match kind {
        Kind::Priority => priority(&mut c, &data.priorities[index]),
        Kind::Block => block(&mut c, &data.blocks[index]),
        Kind::Blocker => blocker(&mut c, &data.blockers[index]),
        Kind::Decision => decision(&mut c, &data.decisions[index]),
        Kind::Review => review(&mut c, &data.reviews[index]),
    }
    out
}

/// What lane refuses in `[[series]]`: a rule it cannot read, an end before the
/// start, dates out of range.
pub fn series_problems(data: &Data) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (index, s) in data.series.iter().enumerate() {
        if !seen.insert(s.uid.as_str()) {
            out.push(Problem {
                at: vec![Key("series"), Index(index), Key("uid")],
                item: format!("[[series]] {}", visible(&s.uid)),
                reason: format!("uid {} is used twice", visible(&s.uid)),
            });
        }
        let mut push = |key: &'static str, reason: String| {
            out.push(Problem {
                at: vec![Key("series"), Index(index), Key(key)],
                item: format!("[[series]] {}", visible(&s.uid)),
                reason,
            });
        };
        if let Err(why) = Rule::parse(&s.every) {
            push("every", why);
        }
        if let Some((key, why)) = span_problem(s.start, s.end) {
            push(key, why);
        }
        for (key, date) in [("first", Some(s.first)), ("until", s.until)]
            .into_iter()
            .chain(s.except.iter().map(|d| ("except", Some(*d))))
        {
            if let Some(why) = date.and_then(date_problem) {
                push(key, format!("`{key}` {why}"));
            }
        }
    }
    out
}

impl Data {
    /// Everything lane refuses in this data; empty when it may be written and read.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        for kind in Kind::ALL {
            let list = self.list(kind);
            let mut seen = std::collections::HashSet::new();
            // Items are matched by uid (merge, undo): two with one uid would be
            // folded into one, so a uid is as much an item's own as its id.
            let mut seen_uids = std::collections::HashSet::new();
            for index in 0..list.len() {
                let Some(id) = list.id_at(index) else {
                    continue;
                };
                if !seen.insert(id) {
                    out.push(Problem {
                        at: vec![Key(kind.table()), Index(index), Key("id")],
                        item: format!("[[{}]]", kind.table()),
                        reason: format!("id {id} is used twice"),
                    });
                }
                if let Some(uid) = list.uid_at(index).filter(|u| !u.is_empty())
                    && !seen_uids.insert(uid)
                {
                    out.push(Problem {
                        at: vec![Key(kind.table()), Index(index), Key("uid")],
                        item: format!("[[{}]] id {id}", kind.table()),
                        reason: format!("uid {} is used twice", visible(uid)),
                    });
                }
                out.extend(item_problems(self, kind, index));
            }
            if self.archived_ids.get(kind) > MAX_ID {
                out.push(Problem {
                    at: vec![Key("archived_ids"), Key(kind.table())],
                    item: format!("archived_ids.{}", kind.table()),
                    reason: format!("ids go up to {MAX_ID}"),
                });
            }
        }
        for (index, c) in self.conflicts.iter().enumerate() {
            let mut push = |key, reason| {
                out.push(Problem {
                    at: vec![Key("conflicts"), Index(index), Key(key)],
                    item: format!("[[conflicts]] id {}", c.id),
                    reason,
                });
            };
            if c.id > MAX_ID {
                push("id", format!("ids go up to {MAX_ID}"));
            }
            if let Some(why) = date_problem(c.when.date()) {
                push("when", format!("`when` {why}"));
            }
        }
        out.extend(series_problems(self));
        out
    }
}

#[cfg(test)]
mod tests;
