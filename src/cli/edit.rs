//! `lane edit KIND ID`: the item as TOML in $EDITOR, like `git commit`: checked
//! when the editor closes, and on a mistake opened again with the reason at the
//! top; closing it unchanged gives up and changes nothing.

use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::{Result, WrapErr, bail};
use serde::Serialize;
use serde::de::DeserializeOwned;

mod editor;

use super::item::ItemKind;
use super::{usage_error, write};
use lane_core::model::{Data, Kind};
use lane_io::store::{Access, Store};

const HELP: &str = "# Edit this item and close the editor to save it; `id` and `uid` stay as they are.\n\
                    # Lines starting with # are ignored. Close it unchanged to change nothing.\n";

pub(super) fn edit(
    data_dir: &Path,
    config_dir: &Path,
    kind: ItemKind,
    id: u32,
) -> Result<ExitCode> {
    let kind = kind.kind();
    let (_, data) = Store::open(data_dir, Access::Read)?;
    let Some(i) = data.list(kind).position(id) else {
        return Ok(usage_error(format!("there is no {} {id}", kind.noun())));
    };
    let Some(editor) = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
    else {
        return Ok(usage_error(
            "set $EDITOR (or $VISUAL) to edit an item".into(),
        ));
    };
    macro_rules! go {
        ($list:ident) => {
            edit_loop(
                data_dir,
                config_dir,
                &editor,
                kind,
                id,
                &data.$list[i],
                |d: &mut Data, item| {
                    let at = d.list(kind).position(id).ok_or_else(|| {
                        format!("{} {id} was deleted while you edited it", kind.noun())
                    })?;
                    d.$list[at] = item;
                    // A repeating block's day edited on its own: its series
                    // leaves it as edited from now on.
                    if kind == Kind::Block
                        && let Some(b) = d.blocks.get_mut(at)
                    {
                        lane_core::model::series::detach(b);
                    }
                    Ok(())
                },
            )
        };
    }
    match kind {
        Kind::Priority => go!(priorities),
        Kind::Block => go!(blocks),
        Kind::Blocker => go!(blockers),
        Kind::Decision => go!(decisions),
        Kind::Review => go!(reviews),
    }
}

fn edit_loop<T: Serialize + DeserializeOwned + PartialEq + Clone>(
    data_dir: &Path,
    config_dir: &Path,
    editor: &str,
    kind: Kind,
    id: u32,
    item: &T,
    put: impl Fn(&mut Data, T) -> Result<(), String>,
) -> Result<ExitCode> {
    let original = toml::to_string(item).wrap_err("cannot write the item as TOML")?;
    let file = tempfile::Builder::new()
        .prefix("lane-edit-")
        .suffix(".toml")
        .tempfile()
        .wrap_err("cannot make a file to edit")?;
    let mut text = format!("{HELP}{original}");
    let mut attempts = editor::Attempts::default();
    loop {
        let began = std::time::Instant::now();
        let edited = match editor::round(editor, file.path(), &text)? {
            editor::Edited::Text(edited) => edited,
            editor::Edited::Deleted => {
                bail!(
                    "the file being edited was deleted; {} {id} was not changed",
                    kind.noun()
                )
            }
        };
        if edited == text {
            lane_io::say::line(&format!("{} {id} unchanged", kind.noun()));
            return Ok(ExitCode::SUCCESS);
        }
        let body: String = edited
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        let checked = parse_item::<T>(&body, item, kind, id).and_then(|new| {
            // The same rules as every write: tried on a copy first.
            let (_, mut probe) =
                Store::open(data_dir, Access::Read).map_err(|e| format!("{e:#}"))?;
            put(&mut probe, new.clone())?;
            let problems = probe.problems();
            if problems.is_empty() {
                Ok(new)
            } else {
                Err(lane_core::model::problems::describe(&problems))
            }
        });
        match checked {
            Ok(new) => {
                return write(data_dir, config_dir, |data, _| {
                    put(data, new).map(|()| format!("{} {id} saved", kind.noun()))
                });
            }
            Err(why) => {
                if let Err(stop) = attempts.bad(&body, began) {
                    bail!("{stop}; {} {id} was not changed: {why}", kind.noun());
                }
                // Opened again with the reason on top, as git does.
                let reason: String = why.lines().map(|l| format!("# ERROR: {l}\n")).collect();
                text = format!("{reason}{HELP}{body}");
            }
        }
    }
}

/// The edited TOML as an item, with its id and uid unchanged and its text plain.
fn parse_item<T: Serialize + DeserializeOwned>(
    body: &str,
    was: &T,
    kind: Kind,
    id: u32,
) -> Result<T, String> {
    let new: T = toml::from_str(body).map_err(|e| e.to_string().trim().replace('\n', " "))?;
    let (old_v, new_v) = (
        serde_json::to_value(was).map_err(|e| e.to_string())?,
        serde_json::to_value(&new).map_err(|e| e.to_string())?,
    );
    if old_v["id"] != new_v["id"] || old_v["uid"] != new_v["uid"] {
        return Err(format!(
            "`id` and `uid` of {} {id} stay as they were",
            kind.noun()
        ));
    }
    check_text(&new_v)?;
    Ok(new)
}

/// Every text typed in the editor is plain: control characters are refused.
fn check_text(v: &serde_json::Value) -> Result<(), String> {
    match v {
        serde_json::Value::String(s) => lane_core::model::text::plain("a text", s),
        serde_json::Value::Array(items) => items.iter().try_for_each(check_text),
        serde_json::Value::Object(fields) => fields.values().try_for_each(check_text),
        _ => Ok(()),
    }
}
