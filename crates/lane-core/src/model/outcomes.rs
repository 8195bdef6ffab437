//! What makes an outcome steerable: milestones with due dates, key results
//! measured from a baseline towards a target, whom it was agreed with, and the
//! quarter's few strategic outcomes. The rules and the operations on them, once,
//! for the command line and the app alike.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::limits::MAX_MEASURE;
use super::text::one_line;
use super::{Data, Extra, Kind, Priority, Update, find_mut};

/// A dated step towards an outcome. One level: milestones hold no milestones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    /// Small and stable within its priority: what `lane done milestone` takes.
    pub id: u32,
    #[serde(default)]
    pub uid: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// When it was delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A measurable result: from `baseline` towards `target` (lower may be better).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyResult {
    pub id: u32,
    #[serde(default)]
    pub uid: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    /// Measurements, oldest first as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<Reading>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One measurement of a key result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub date: NaiveDate,
    pub value: f64,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `2026-Q4` for any day of October to December 2026.
pub fn quarter_of(date: NaiveDate) -> String {
    format!("{}-Q{}", date.year(), date.month0() / 3 + 1)
}

/// Why `text` is not a quarter like `2026-Q4`, or `None` when it is one.
pub fn quarter_problem(text: &str) -> Option<String> {
    let ok = text.split_once("-Q").is_some_and(|(year, q)| {
        year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit())
            && year >= "1900"
            && matches!(q, "1" | "2" | "3" | "4")
    });
    (!ok).then(|| format!("`{text}` is not a quarter like 2026-Q4"))
}

/// The quarter an outcome belongs to: its own, else its due date's.
pub fn quarter(p: &Priority) -> Option<String> {
    p.quarter.clone().or_else(|| p.due.map(quarter_of))
}

/// Milestones delivered, and all of them.
pub fn milestones_done(p: &Priority) -> (usize, usize) {
    let done = p.milestones.iter().filter(|m| m.done.is_some()).count();
    (done, p.milestones.len())
}

/// The open milestone due first, if any has a due date.
pub fn next_milestone(p: &Priority) -> Option<&Milestone> {
    p.milestones
        .iter()
        .filter(|m| m.done.is_none())
        .filter_map(|m| m.due.map(|d| (d, m)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, m)| m)
}

/// An open outcome with an open milestone past its due date.
pub fn milestone_overdue(p: &Priority, today: NaiveDate) -> bool {
    !p.status.is_closed()
        && next_milestone(p)
            .and_then(|m| m.due)
            .is_some_and(|d| d < today)
}

/// A focus or strategic outcome nobody agreed to: the way to solve the wrong problem.
pub fn is_unagreed(p: &Priority) -> bool {
    (p.focus || p.strategic) && !p.status.is_closed() && p.agreed_with.trim().is_empty()
}

impl KeyResult {
    /// The latest reading: the newest date, the last written on that day.
    pub fn current(&self) -> Option<f64> {
        self.readings
            .iter()
            .enumerate()
            .max_by_key(|(i, r)| (r.date, *i))
            .map(|(_, r)| r.value)
    }

    /// The latest reading on or before `day`.
    pub fn value_on(&self, day: NaiveDate) -> Option<f64> {
        self.readings
            .iter()
            .enumerate()
            .filter(|(_, r)| r.date <= day)
            .max_by_key(|(i, r)| (r.date, *i))
            .map(|(_, r)| r.value)
    }

    /// How far from baseline to target, 0–100 %: (current − baseline) / (target −
    /// baseline), clamped. No reading is 0 %; a target equal to the baseline is
    /// met (100 %) while the reading holds it.
    pub fn progress(&self) -> u8 {
        progress_of(self.baseline, self.target, self.current())
    }

    /// `180 ms`, the number as typed (no trailing `.0`) and the unit.
    pub fn show(&self, value: f64) -> String {
        if self.unit.is_empty() {
            number(value)
        } else {
            format!("{} {}", number(value), self.unit)
        }
    }
}

/// The progress maths, for a value that may be missing.
pub fn progress_of(baseline: f64, target: f64, current: Option<f64>) -> u8 {
    let Some(now) = current else { return 0 };
    let span = target - baseline;
    let share = if span == 0.0 {
        if now == target { 1.0 } else { 0.0 }
    } else {
        (now - baseline) / span
    };
    // Non-finite values are refused on the way in; a NaN here would clamp to 0.
    (share.clamp(0.0, 1.0) * 100.0).round() as u8
}

/// A number as people write it: `3`, `0.25`, `-12.5`.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A typed number for a key result: finite and within `MAX_MEASURE`.
pub fn parse_measure(label: &str, input: &str) -> Result<f64, String> {
    let text = input.trim().replace('_', "");
    let v: f64 = text
        .parse()
        .map_err(|_| format!("{label}: `{}` is not a number", input.trim()))?;
    match measure_problem(v) {
        Some(why) => Err(format!("{label}: {why}")),
        None => Ok(v),
    }
}

/// Why a key result's number is refused (not finite, or beyond `MAX_MEASURE`).
pub fn measure_problem(v: f64) -> Option<String> {
    (!(v.is_finite() && v.abs() <= MAX_MEASURE))
        .then(|| format!("{v:?} is out of range (at most ±{})", number(MAX_MEASURE)))
}

fn next_id(ids: impl Iterator<Item = u32>) -> u32 {
    ids.max().unwrap_or(0).saturating_add(1)
}

pub(super) fn title_of(label: &str, text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("{label} cannot be empty"));
    }
    one_line(label, text)?;
    Ok(text.to_string())
}

/// Adds a milestone to priority `id`; returns its number.
pub fn add_milestone(
    data: &mut Data,
    id: u32,
    title: &str,
    due: Option<NaiveDate>,
    uid: String,
) -> Result<u32, String> {
    let title = title_of("The milestone", title)?;
    let p = find_mut(&mut data.priorities, Kind::Priority, id)?;
    let n = next_id(p.milestones.iter().map(|m| m.id));
    p.milestones.push(Milestone {
        id: n,
        uid,
        title,
        due,
        done: None,
        note: String::new(),
        extra: Extra::new(),
    });
    Ok(n)
}

/// The milestone of `p` a user named: its number, else its title (any case).
pub fn find_milestone<'a>(p: &'a mut Priority, which: &str) -> Result<&'a mut Milestone, String> {
    let which = which.trim();
    let pid = p.id;
    let found = match which.parse::<u32>() {
        Ok(n) => p.milestones.iter().position(|m| m.id == n),
        Err(_) => p
            .milestones
            .iter()
            .position(|m| m.title.to_lowercase() == which.to_lowercase()),
    };
    match found {
        Some(i) => Ok(&mut p.milestones[i]),
        None => Err(format!("priority {pid} has no milestone `{which}`")),
    }
}

/// Marks a milestone delivered on `today` (`done`) or open again; says what happened.
pub fn set_milestone_done(
    data: &mut Data,
    id: u32,
    which: &str,
    done: bool,
    today: NaiveDate,
) -> Result<String, String> {
    let p = find_mut(&mut data.priorities, Kind::Priority, id)?;
    let m = find_milestone(p, which)?;
    let said = match (done, m.done) {
        (true, Some(day)) => format!("milestone “{}” was done on {day}", m.title),
        (false, None) => format!("milestone “{}” is open", m.title),
        (true, None) => {
            m.done = Some(today);
            format!("milestone “{}” done", m.title)
        }
        (false, Some(_)) => {
            m.done = None;
            format!("milestone “{}” open again", m.title)
        }
    };
    Ok(said)
}

/// Adds a key result to priority `id`; returns its number.
pub fn add_key_result(
    data: &mut Data,
    id: u32,
    name: &str,
    unit: &str,
    baseline: f64,
    target: f64,
    uid: String,
) -> Result<u32, String> {
    let p = find_mut(&mut data.priorities, Kind::Priority, id)?;
    let name = key_result_name(p, name, unit, [baseline, target], None)?;
    let n = next_id(p.key_results.iter().map(|k| k.id));
    p.key_results.push(KeyResult {
        id: n,
        uid,
        name,
        unit: unit.trim().to_string(),
        baseline,
        target,
        readings: Vec::new(),
        extra: Extra::new(),
    });
    Ok(n)
}

/// The rules of a key result's fields, for adding one and for changing one
/// (`except`: its own number, so it may keep its name). Returns the name to keep.
pub(super) fn key_result_name(
    p: &Priority,
    name: &str,
    unit: &str,
    [baseline, target]: [f64; 2],
    except: Option<u32>,
) -> Result<String, String> {
    let name = title_of("The key result", name)?;
    if name.contains('=') {
        return Err("a key result's name cannot hold `=` (`--kr NAME=VALUE` splits on it)".into());
    }
    one_line("The unit", unit)?;
    for (label, v) in [("baseline", baseline), ("target", target)] {
        if let Some(why) = measure_problem(v) {
            return Err(format!("{label}: {why}"));
        }
    }
    if p.key_results
        .iter()
        .any(|k| Some(k.id) != except && k.name.to_lowercase() == name.to_lowercase())
    {
        return Err(format!(
            "priority {} has a key result named “{name}” already",
            p.id
        ));
    }
    Ok(name)
}

/// Records `NAME=VALUE` readings and an optional note as one progress update
/// (a reading is word of progress: it clears "silent"). Nothing changes unless
/// every reading names a key result of the priority.
pub fn record_progress(
    data: &mut Data,
    id: u32,
    note: &str,
    readings: &[String],
    today: NaiveDate,
) -> Result<String, String> {
    let note = note.trim();
    super::text::plain("The update", note)?;
    if note.is_empty() && readings.is_empty() {
        return Err("an update cannot be empty".into());
    }
    let p = find_mut(&mut data.priorities, Kind::Priority, id)?;
    let mut parts: Vec<String> = Vec::new();
    if !note.is_empty() {
        parts.push(note.to_string());
    }
    let mut changed = p.key_results.clone();
    for given in readings {
        let (name, value) = given
            .split_once('=')
            .ok_or_else(|| format!("--kr `{given}`: write NAME=VALUE"))?;
        let name = name.trim();
        let value = parse_measure(name, value)?;
        let matching: Vec<usize> = (0..changed.len())
            .filter(|&i| changed[i].name.to_lowercase() == name.to_lowercase())
            .collect();
        let kr = match matching.as_slice() {
            [i] => &mut changed[*i],
            [] => {
                let names: Vec<&str> = p.key_results.iter().map(|k| k.name.as_str()).collect();
                return Err(if names.is_empty() {
                    format!("priority {id} has no key results (lane add kr {id} NAME …)")
                } else {
                    format!(
                        "priority {id} has no key result `{}`; it has {}",
                        super::text::visible(name),
                        names.join(", ")
                    )
                });
            }
            _ => return Err(format!("priority {id} has two key results named `{name}`")),
        };
        kr.readings.push(Reading {
            date: today,
            value,
            extra: Extra::new(),
        });
        parts.push(format!(
            "{} {} ({}%)",
            kr.name,
            kr.show(value),
            kr.progress()
        ));
    }
    p.key_results = changed;
    p.updates.push(Update {
        date: today,
        note: parts.join("; "),
        extra: Extra::new(),
    });
    Ok(format!("update added to priority {id}"))
}

/// Why an outcome cannot become strategic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StrategicRefused {
    Other(String),
    /// The quarter is full: these are strategic in it (release one first).
    Full {
        quarter: String,
        ids: Vec<u32>,
    },
}

impl StrategicRefused {
    pub fn message(&self, data: &Data, limit: usize) -> String {
        match self {
            StrategicRefused::Other(why) => why.clone(),
            StrategicRefused::Full { quarter, ids } => {
                let names: Vec<String> = ids
                    .iter()
                    .filter_map(|id| data.priorities.iter().find(|p| p.id == *id))
                    .map(|p| format!("{} “{}”", p.id, p.title))
                    .collect();
                format!(
                    "{quarter} has {limit} strategic outcomes already ({}); release one first",
                    names.join(", ")
                )
            }
        }
    }
}

/// The open strategic outcomes of `quarter`, in file order.
pub fn strategic_in(data: &Data, quarter: &str) -> Vec<u32> {
    data.priorities
        .iter()
        .filter(|p| p.strategic && !p.status.is_closed())
        .filter(|p| self::quarter(p).as_deref() == Some(quarter))
        .map(|p| p.id)
        .collect()
}

/// Makes priority `id` strategic for its quarter (`on`) or not. Without a due
/// date or a quarter of its own it takes today's quarter. At most `limit` open
/// outcomes are strategic in one quarter. Returns whether anything changed.
pub fn set_strategic(
    data: &mut Data,
    id: u32,
    on: bool,
    limit: usize,
    today: NaiveDate,
) -> Result<bool, StrategicRefused> {
    let p = find_mut(&mut data.priorities, Kind::Priority, id).map_err(StrategicRefused::Other)?;
    if p.strategic == on {
        return Ok(false);
    }
    if on && p.status.is_closed() {
        return Err(StrategicRefused::Other(format!(
            "“{}” is {} — reopen it to make it strategic",
            p.title,
            p.status.name()
        )));
    }
    let q = quarter(p).unwrap_or_else(|| quarter_of(today));
    if on && strategic_in(data, &q).len() >= limit {
        return Err(StrategicRefused::Full {
            ids: strategic_in(data, &q),
            quarter: q,
        });
    }
    if let Some(p) = data.priorities.iter_mut().find(|p| p.id == id) {
        if on && quarter(p).is_none() {
            p.quarter = Some(q);
        }
        p.strategic = on;
    }
    Ok(true)
}

/// Releases `release` from its quarter's strategy and makes `candidate`
/// strategic in its place — the focus limit's swap, for the quarter's limit.
/// Both or neither: a refused candidate leaves the released one strategic.
pub fn swap_strategic(
    data: &mut Data,
    release: u32,
    candidate: u32,
    limit: usize,
    today: NaiveDate,
) -> Result<(), StrategicRefused> {
    let mut changed = data.clone();
    set_strategic(&mut changed, release, false, limit, today)?;
    set_strategic(&mut changed, candidate, true, limit, today)?;
    *data = changed;
    Ok(())
}

/// Records whom the outcome was agreed with, when (default today), and its
/// boundaries in a line (empty keeps them).
pub fn set_agreement(
    data: &mut Data,
    id: u32,
    with: &str,
    on: Option<NaiveDate>,
    boundaries: &str,
    today: NaiveDate,
) -> Result<(), String> {
    one_line("Agreed with", with)?;
    one_line("The boundaries", boundaries)?;
    let p = find_mut(&mut data.priorities, Kind::Priority, id)?;
    p.agreed_with = with.trim().to_string();
    p.agreed_on = if p.agreed_with.is_empty() {
        on
    } else {
        Some(on.unwrap_or(today))
    };
    if !boundaries.trim().is_empty() {
        p.boundaries = boundaries.trim().to_string();
    }
    Ok(())
}

/// Two writers who each added a milestone (or key result) to one outcome may
/// have given both the same number: the later one in the list moves to a free
/// number. Returns what was renumbered, in words.
pub fn renumber_nested(data: &mut Data) -> Vec<String> {
    let mut said = Vec::new();
    for p in &mut data.priorities {
        let pid = p.id;
        let mut fix = |ids: Vec<&mut u32>, noun: &str| {
            let mut free = ids.iter().map(|id| **id).max().unwrap_or(0);
            let mut seen = std::collections::HashSet::new();
            for id in ids {
                if !seen.insert(*id) {
                    free = free.saturating_add(1);
                    said.push(format!(
                        "a {noun} {id} of priority {pid} is now {free}: both sides added one",
                        id = *id
                    ));
                    *id = free;
                }
            }
        };
        fix(
            p.milestones.iter_mut().map(|m| &mut m.id).collect(),
            "milestone",
        );
        fix(
            p.key_results.iter_mut().map(|k| &mut k.id).collect(),
            "key result",
        );
    }
    said
}

#[cfg(test)]
mod tests;
