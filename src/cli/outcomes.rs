//! Steering an outcome from the command line: milestones, key results and their
//! readings, agreement and the quarter's strategy.

use std::process::ExitCode;

use clap::Args;
use color_eyre::eyre::Result;

use super::item::ChangeKind;
use super::write;
use lane_core::model::outcomes::{self, parse_measure};
use lane_core::model::parse::parse_date;
use lane_core::model::steps;
use lane_core::model::{Data, Priority};
use lane_io::config::Config;

#[derive(Args, Debug)]
pub struct AddMilestone {
    /// The priority's id
    pub priority: u32,
    pub title: String,
    /// today, tomorrow, fri, +3d, 2026-12-01
    #[arg(long, allow_hyphen_values = true)]
    pub due: Option<String>,
}

#[derive(Args, Debug)]
pub struct AddKr {
    /// The priority's id
    pub priority: u32,
    /// The key result's name, as `lane update priority ID --kr NAME=VALUE` names it
    pub name: String,
    /// Where it starts
    #[arg(long, allow_hyphen_values = true)]
    pub baseline: String,
    /// Where it should get to (lower than the baseline when lower is better)
    #[arg(long, allow_hyphen_values = true)]
    pub target: String,
    /// ms, %, users…
    #[arg(long, default_value = "")]
    pub unit: String,
}

/// Whom an outcome was agreed with, given to `lane add priority` or `lane agree`.
#[derive(Args, Debug, Default)]
pub struct Agreement {
    /// Whom the outcome and its boundaries were agreed with
    #[arg(long, value_name = "WHO")]
    pub agreed_with: Option<String>,
    /// When (default today)
    #[arg(long, allow_hyphen_values = true, value_name = "DATE")]
    pub agreed_on: Option<String>,
    /// The boundaries agreed, in a line: budget, scope
    #[arg(long, value_name = "TEXT")]
    pub boundaries: Option<String>,
}

pub(super) fn add_milestone(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    m: AddMilestone,
) -> Result<ExitCode> {
    write(data_dir, config_dir, |data, now| {
        let due = match m.due.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(text) => Some(parse_date(text, now.date()).map_err(|e| format!("due: {e}"))?),
            None => None,
        };
        let uid = lane_io::clock::new_uid();
        let n = outcomes::add_milestone(data, m.priority, &m.title, due, uid)?;
        Ok(format!("added milestone {n} to priority {}", m.priority))
    })
}

pub(super) fn add_kr(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    k: AddKr,
) -> Result<ExitCode> {
    write(data_dir, config_dir, |data, _| {
        let baseline = parse_measure("baseline", &k.baseline)?;
        let target = parse_measure("target", &k.target)?;
        let uid = lane_io::clock::new_uid();
        let n =
            outcomes::add_key_result(data, k.priority, &k.name, &k.unit, baseline, target, uid)?;
        Ok(format!("added key result {n} to priority {}", k.priority))
    })
}

/// `lane done milestone PRIORITY MILESTONE`.
pub(super) fn done_milestone(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    priority: u32,
    which: Option<String>,
) -> Result<ExitCode> {
    let Some(which) = which else {
        return Ok(super::usage_error(format!(
            "which milestone of priority {priority}? lane done milestone {priority} MILESTONE (its number or title)"
        )));
    };
    write(data_dir, config_dir, |data, now| {
        outcomes::set_milestone_done(data, priority, &which, true, now.date())
    })
}

/// `lane update priority ID [NOTE] [--kr NAME=VALUE]…`.
pub(super) fn update(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    id: u32,
    note: Option<String>,
    readings: Vec<String>,
) -> Result<ExitCode> {
    write(data_dir, config_dir, |data, now| {
        outcomes::record_progress(data, id, &note.unwrap_or_default(), &readings, now.date())
    })
}

/// Applies what `lane add priority` was told about agreement and strategy to
/// the priority just added (`data` is the copy that is kept only when all is well).
pub(super) fn steer_new(
    data: &mut Data,
    id: u32,
    agreement: &Agreement,
    strategic: bool,
    limit: usize,
    today: chrono::NaiveDate,
) -> Result<(), String> {
    agree(data, id, agreement, today)?;
    if strategic {
        outcomes::set_strategic(data, id, true, limit, today)
            .map_err(|refused| format!("{} — nothing was added", refused.message(data, limit)))?;
    }
    Ok(())
}

fn agree(data: &mut Data, id: u32, a: &Agreement, today: chrono::NaiveDate) -> Result<(), String> {
    let on = match a.agreed_on.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(text) => Some(parse_date(text, today).map_err(|e| format!("agreed-on: {e}"))?),
        None => None,
    };
    if a.agreed_with.is_none() && on.is_none() && a.boundaries.is_none() {
        return Ok(());
    }
    let with = match &a.agreed_with {
        Some(w) => w.clone(),
        None => current(data, id)
            .map(|p| p.agreed_with.clone())
            .unwrap_or_default(),
    };
    outcomes::set_agreement(
        data,
        id,
        &with,
        on,
        a.boundaries.as_deref().unwrap_or(""),
        today,
    )
}

fn current(data: &Data, id: u32) -> Option<&Priority> {
    data.priorities.iter().find(|p| p.id == id)
}

/// `lane agree priority ID --agreed-with WHO [--agreed-on DATE] [--boundaries TEXT]`.
pub(super) fn agree_cmd(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    id: u32,
    a: Agreement,
) -> Result<ExitCode> {
    if a.agreed_with.is_none() && a.agreed_on.is_none() && a.boundaries.is_none() {
        return Ok(super::usage_error(
            "say whom it was agreed with: --agreed-with WHO [--agreed-on DATE] [--boundaries TEXT]"
                .into(),
        ));
    }
    write(data_dir, config_dir, |data, now| {
        agree(data, id, &a, now.date())?;
        let p = current(data, id).ok_or_else(|| format!("there is no priority {id}"))?;
        Ok(match (&p.agreed_with, p.agreed_on) {
            (w, Some(on)) if !w.is_empty() => format!("priority {id} agreed with {w} on {on}"),
            _ => format!("priority {id} agreed with nobody yet"),
        })
    })
}

/// `lane strategic priority ID [--off]`.
pub(super) fn strategic_cmd(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    id: u32,
    off: bool,
) -> Result<ExitCode> {
    let limit = Config::load(config_dir)?.rules.strategic_per_quarter;
    write(data_dir, config_dir, |data, now| {
        let changed = outcomes::set_strategic(data, id, !off, limit, now.date())
            .map_err(|refused| refused.message(data, limit))?;
        let q = current(data, id)
            .and_then(outcomes::quarter)
            .unwrap_or_default();
        Ok(match (off, changed) {
            (false, true) => format!("priority {id} is strategic for {q}"),
            (false, false) => format!("priority {id} was strategic for {q} already"),
            (true, true) => format!("priority {id} is no longer strategic"),
            (true, false) => format!("priority {id} was not strategic"),
        })
    })
}

pub(super) fn focus_cmd(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    id: u32,
    off: bool,
) -> Result<ExitCode> {
    write(data_dir, config_dir, |data, now| {
        let changed = lane_core::model::ops::set_focus(data, id, !off, now.date())
            .map_err(|refused| refused.message(data))?;
        Ok(match (off, changed) {
            (false, true) => format!("priority {id} is in focus"),
            (false, false) => format!("priority {id} was in focus already"),
            (true, true) => format!("priority {id} is out of focus"),
            (true, false) => format!("priority {id} was not in focus"),
        })
    })
}

/// The number of the milestone or key result of `p` a user named: its number,
/// else its title or name (any case).
fn step_number(p: &Priority, milestone: bool, which: &str) -> Result<u32, String> {
    let which = which.trim();
    let same = |text: &str| text.to_lowercase() == which.to_lowercase();
    let found = if milestone {
        p.milestones
            .iter()
            .find(|m| which.parse() == Ok(m.id) || same(&m.title))
            .map(|m| m.id)
    } else {
        p.key_results
            .iter()
            .find(|k| which.parse() == Ok(k.id) || same(&k.name))
            .map(|k| k.id)
    };
    let noun = if milestone { "milestone" } else { "key result" };
    found.ok_or_else(|| {
        format!(
            "priority {} has no {noun} `{}`",
            p.id,
            lane_core::model::text::visible(which)
        )
    })
}

fn noun_of(kind: ChangeKind) -> (&'static str, bool) {
    match kind {
        ChangeKind::Milestone => ("milestone", true),
        _ => ("kr", false),
    }
}

/// `lane delete milestone|kr PRIORITY N`: the app's `d` in the outcome's steps.
pub(super) fn delete_step(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    kind: ChangeKind,
    id: u32,
    which: Option<String>,
) -> Result<ExitCode> {
    let (noun, milestone) = noun_of(kind);
    let Some(which) = which else {
        return Ok(super::usage_error(format!(
            "which one? lane delete {noun} {id} NUMBER (its number or its name)"
        )));
    };
    write(data_dir, config_dir, |data, _| {
        let p = current(data, id).ok_or_else(|| format!("there is no priority {id}"))?;
        let n = step_number(p, milestone, &which)?;
        let said = if milestone {
            steps::delete_milestone(data, id, n)?
        } else {
            steps::delete_key_result(data, id, n)?
        };
        Ok(format!("{said} (lane undo brings it back)"))
    })
}

/// `lane modify milestone|kr PRIORITY N field=value…`: the app's `e` in the
/// outcome's steps. Fields not named keep their value; `due=` clears a due date.
pub(super) fn modify_step(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    kind: ChangeKind,
    id: u32,
    changes: Vec<String>,
) -> Result<ExitCode> {
    let (noun, milestone) = noun_of(kind);
    let keys: &[&str] = if milestone {
        &["title", "due", "note"]
    } else {
        &["name", "unit", "baseline", "target"]
    };
    let usage = format!(
        "lane modify {noun} {id} NUMBER field=value (fields: {})",
        keys.join(", ")
    );
    let Some((which, rest)) = changes.split_first().filter(|(w, _)| !w.contains('=')) else {
        return Ok(super::usage_error(format!("which one? {usage}")));
    };
    let mut pairs: Vec<(&str, String)> = Vec::new();
    for change in rest {
        let Some((key, value)) = change.split_once('=') else {
            return Ok(super::usage_error(format!("`{change}`: {usage}")));
        };
        let Some(key) = keys.iter().copied().find(|k| *k == key.trim()) else {
            return Ok(super::usage_error(format!(
                "a {noun} has no field `{}` ({usage})",
                lane_core::model::text::visible(key)
            )));
        };
        pairs.push((key, value.to_string()));
    }
    if pairs.is_empty() {
        return Ok(super::usage_error(format!("say what to change: {usage}")));
    }
    write(data_dir, config_dir, |data, now| {
        let p = current(data, id).ok_or_else(|| format!("there is no priority {id}"))?;
        let n = step_number(p, milestone, which)?;
        let given = |key: &str| pairs.iter().rev().find(|(k, _)| *k == key).map(|(_, v)| v);
        if milestone {
            let Some(m) = p.milestones.iter().find(|m| m.id == n) else {
                return Err(format!("priority {id} has no milestone {n}"));
            };
            let title = given("title").cloned().unwrap_or_else(|| m.title.clone());
            let note = given("note").cloned().unwrap_or_else(|| m.note.clone());
            let due = match given("due").map(|d| d.trim()) {
                None => m.due,
                Some("") => None,
                Some(text) => Some(parse_date(text, now.date()).map_err(|e| format!("due: {e}"))?),
            };
            steps::edit_milestone(data, id, n, &title, due, &note)
        } else {
            let Some(k) = p.key_results.iter().find(|k| k.id == n) else {
                return Err(format!("priority {id} has no key result {n}"));
            };
            let name = given("name").cloned().unwrap_or_else(|| k.name.clone());
            let unit = given("unit").cloned().unwrap_or_else(|| k.unit.clone());
            let baseline = match given("baseline") {
                Some(text) => parse_measure("baseline", text)?,
                None => k.baseline,
            };
            let target = match given("target") {
                Some(text) => parse_measure("target", text)?,
                None => k.target,
            };
            steps::edit_key_result(data, id, n, &name, &unit, baseline, target)
        }
    })
}
