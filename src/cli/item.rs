//! `lane modify`, `lane delete`, `lane show` and `lane undo`: change anything
//! from the command line, by the same rules as the app's forms — and take the
//! last such change back.

use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;
use color_eyre::eyre::{Result, WrapErr};

use super::forms::{ctx, one_line};
use super::{usage_error, write};
use lane_core::model::fields::fields;
use lane_core::model::form;
use lane_core::model::history::Step;
use lane_core::model::{Data, Kind, ops};
use lane_io::config::Config;
use lane_io::store::{Access, Store};

/// An item kind, singular, as `modify`, `delete` and `show` name it.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ItemKind {
    #[value(alias = "priorities")]
    Priority,
    #[value(alias = "blocks")]
    Block,
    #[value(alias = "blockers")]
    Blocker,
    #[value(alias = "decisions")]
    Decision,
    #[value(alias = "reviews")]
    Review,
}

impl ItemKind {
    pub fn kind(self) -> Kind {
        match self {
            ItemKind::Priority => Kind::Priority,
            ItemKind::Block => Kind::Block,
            ItemKind::Blocker => Kind::Blocker,
            ItemKind::Decision => Kind::Decision,
            ItemKind::Review => Kind::Review,
        }
    }
}

/// What `modify` and `delete` change: an item, or a milestone or key result
/// inside its priority.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    #[value(alias = "priorities")]
    Priority,
    #[value(alias = "blocks")]
    Block,
    #[value(alias = "blockers")]
    Blocker,
    #[value(alias = "decisions")]
    Decision,
    #[value(alias = "reviews")]
    Review,
    #[value(alias = "milestones")]
    Milestone,
    #[value(alias = "krs")]
    Kr,
}

impl ChangeKind {
    /// The item kind, or `None` for what lives inside a priority.
    pub fn item(self) -> Option<ItemKind> {
        match self {
            ChangeKind::Priority => Some(ItemKind::Priority),
            ChangeKind::Block => Some(ItemKind::Block),
            ChangeKind::Blocker => Some(ItemKind::Blocker),
            ChangeKind::Decision => Some(ItemKind::Decision),
            ChangeKind::Review => Some(ItemKind::Review),
            ChangeKind::Milestone | ChangeKind::Kr => None,
        }
    }
}

/// `lane modify KIND ID field=value…`: the edit form, typed on the command line.
pub(super) fn modify(
    data_dir: &Path,
    config_dir: &Path,
    kind: ItemKind,
    id: u32,
    changes: Vec<String>,
    series: bool,
) -> Result<ExitCode> {
    let kind = kind.kind();
    if let Some(why) = series.then(|| super::series::only_blocks(kind)).flatten() {
        return Ok(usage_error(why));
    }
    let specs = fields(kind);
    let keys = || specs.iter().map(|f| f.key).collect::<Vec<_>>().join(", ");
    let mut pairs = Vec::new();
    let mut link_edits = Vec::new();
    for change in &changes {
        let Some((key, value)) = change.split_once('=').or_else(|| change.split_once(':')) else {
            return Ok(usage_error(format!(
                "`{change}`: write field=value (fields of a {}: {})",
                kind.noun(),
                keys()
            )));
        };
        // One link added or taken away; `links=` sets them all.
        if kind == Kind::Blocker && matches!(key.trim(), "link" | "unlink") {
            link_edits.push((key.trim() == "link", value.to_string()));
            continue;
        }
        let Some(spec) = specs.iter().find(|f| f.key == key.trim()) else {
            // Focus and strategy have rules of their own (three at most), so
            // they have commands of their own.
            if kind == Kind::Priority && matches!(key.trim(), "focus" | "strategic") {
                let key = key.trim();
                return Ok(usage_error(format!(
                    "`{key}` is set with its own command: lane {key} priority ID [--off]"
                )));
            }
            return Ok(usage_error(format!(
                "a {} has no field `{key}` (its fields: {})",
                kind.noun(),
                keys()
            )));
        };
        pairs.push((spec.key, value.to_string()));
    }
    if pairs.is_empty() && link_edits.is_empty() {
        return Ok(usage_error(format!(
            "say what to change: lane modify {} {id} field=value (fields: {})",
            kind.noun(),
            keys()
        )));
    }
    if series {
        return super::series::modify(data_dir, config_dir, id, pairs);
    }
    let config = Config::load(config_dir)?;
    write(data_dir, config_dir, |data, now| {
        if data.list(kind).position(id).is_none() {
            return Err(format!("there is no {} {id}", kind.noun()));
        }
        let mut values = pairs.iter().fold(
            form::initial_values(data, kind, Some(id), now.date()),
            |v, (key, value)| v.with(key, value.clone()),
        );
        if !link_edits.is_empty() {
            let links = edited_links(values.get("links"), &link_edits)
                .map_err(|e| format!("{} {id}: {e}", kind.noun()))?;
            values.set("links", links);
        }
        form::save(data, kind, Some(id), &values, ctx(&config, now)).map_err(one_line)?;
        Ok(format!("{} {id} modified", kind.noun()))
    })
}

/// A blocker's links field with `link=URL` (added) and `unlink=URL` (taken
/// away) applied in order; each URL checked as the form checks it.
fn edited_links(field: &str, edits: &[(bool, String)]) -> Result<String, String> {
    let mut links: Vec<String> = field.split_whitespace().map(String::from).collect();
    for (add, url) in edits {
        let url = lane_core::model::links::parse(url)?.url;
        let has = links.contains(&url);
        match (add, has) {
            (true, false) => links.push(url),
            (true, true) => {}
            (false, true) => links.retain(|l| *l != url),
            (false, false) => return Err(format!("it has no link {url}")),
        }
    }
    Ok(links.join(" "))
}

/// `lane delete KIND ID`.
pub(super) fn delete(
    data_dir: &Path,
    config_dir: &Path,
    kind: ItemKind,
    id: u32,
    series: bool,
) -> Result<ExitCode> {
    let kind = kind.kind();
    if series {
        return match super::series::only_blocks(kind) {
            Some(why) => Ok(usage_error(why)),
            None => super::series::delete(data_dir, config_dir, id),
        };
    }
    write(data_dir, config_dir, |data, _| {
        ops::delete(data, kind, id)
            .map(|()| format!("{} {id} deleted (lane undo brings it back)", kind.noun()))
    })
}

/// `lane show KIND ID [--json]`: the item as lane.toml holds it, or as JSON;
/// an item no longer live is looked up in the archive's index and read from
/// the one year file that holds it, and says so.
pub(super) fn show(
    data_dir: &Path,
    config_dir: &Path,
    kind: ItemKind,
    id: u32,
    json: bool,
) -> Result<ExitCode> {
    let kind = kind.kind();
    let (store, live) = super::read_computed(data_dir, config_dir, None)?;
    let (data, archived) = match live.list(kind).position(id) {
        Some(_) => (live, None),
        None => match store.find_archived(kind, id)? {
            Some((year, file)) => (year, Some(file)),
            None => return Ok(usage_error(format!("there is no {} {id}", kind.noun()))),
        },
    };
    let Some(i) = data.list(kind).position(id) else {
        return Ok(usage_error(format!("there is no {} {id}", kind.noun())));
    };
    let text = match (json, &archived) {
        (true, None) => item_json(&data, kind, i).wrap_err("cannot write JSON")?,
        (true, Some(file)) => {
            // An archived item's JSON says which year file holds it.
            let mut value = item_value(&data, kind, i).wrap_err("cannot write JSON")?;
            if let serde_json::Value::Object(obj) = &mut value {
                obj.insert("archived".into(), serde_json::Value::String(file.clone()));
            }
            lane_io::say::json(&value).wrap_err("cannot write JSON")?
        }
        (false, None) => item_toml(&data, kind, i).wrap_err("cannot write TOML")?,
        (false, Some(file)) => {
            let toml = item_toml(&data, kind, i).wrap_err("cannot write TOML")?;
            format!("# archived, in {file}\n{toml}")
        }
    };
    lane_io::say::line(text.trim_end());
    Ok(ExitCode::SUCCESS)
}

fn item_value(data: &Data, kind: Kind, i: usize) -> serde_json::Result<serde_json::Value> {
    match kind {
        Kind::Priority => serde_json::to_value(&data.priorities[i]),
        Kind::Block => serde_json::to_value(&data.blocks[i]),
        Kind::Blocker => serde_json::to_value(&data.blockers[i]),
        Kind::Decision => serde_json::to_value(&data.decisions[i]),
        Kind::Review => serde_json::to_value(&data.reviews[i]),
    }
}

/// As lane.toml orders the fields.
fn item_json(data: &Data, kind: Kind, i: usize) -> serde_json::Result<String> {
    match kind {
        Kind::Priority => lane_io::say::json(&data.priorities[i]),
        Kind::Block => lane_io::say::json(&data.blocks[i]),
        Kind::Blocker => lane_io::say::json(&data.blockers[i]),
        Kind::Decision => lane_io::say::json(&data.decisions[i]),
        Kind::Review => lane_io::say::json(&data.reviews[i]),
    }
}

fn item_toml(data: &Data, kind: Kind, i: usize) -> Result<String, toml::ser::Error> {
    match kind {
        Kind::Priority => toml::to_string(&data.priorities[i]),
        Kind::Block => toml::to_string(&data.blocks[i]),
        Kind::Blocker => toml::to_string(&data.blockers[i]),
        Kind::Decision => toml::to_string(&data.decisions[i]),
        Kind::Review => toml::to_string(&data.reviews[i]),
    }
}

/// `lane undo` / `lane redo`: takes back the newest change made to this data
/// dir — from the command line or the app — or makes the newest undone one
/// again. Only that change: whatever anyone saved since stays, since its
/// reverse is merged onto the data as it is now.
pub(super) fn step(data_dir: &Path, config_dir: &Path, step: Step) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let (mut store, mut data) = Store::open(data_dir, Access::Write(super::LOCK_WAIT))?;
    store.guard_with(&config.hooks.clone().for_dir(data_dir));
    let now = lane_io::clock::local_now();
    // As every writer: the days of series and the meetings in it, so the hook
    // and the status bar see the day as the app shows it.
    super::series::compute(&mut data, &config, (data_dir, config_dir), now, None);
    let (verb, none) = match step {
        Step::Undo => ("undone", "nothing to undo"),
        Step::Redo => ("redone", "nothing to redo"),
    };
    match store.step(step, &data, now)? {
        None => Ok(super::usage_error(none.into())),
        Some(Err(why)) => Ok(super::usage_error(format!("cannot take it back: {why}"))),
        Some(Ok(stepped)) => {
            drop(store);
            lane_io::say::line(&format!("{verb}: {}", stepped.what));
            super::run_hooks(&config, data_dir, step.name(), &data, &stepped.data, now);
            Ok(ExitCode::SUCCESS)
        }
    }
}
