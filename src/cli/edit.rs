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
use lane_io::clock::local_now;

const HELP: &str = "# Edit this item and close the editor to save it; `id` and `uid` stay as they are.\n\
                    # Comments (# outside a text) are ignored. Close it unchanged to change nothing.\n";
/// How a reopened edit's reasons start, so they are taken off again.
const ERROR: &str = "# ERROR: ";

pub(super) fn edit(
    data_dir: &Path,
    config_dir: &Path,
    kind: ItemKind,
    id: u32,
) -> Result<ExitCode> {
    let kind = kind.kind();
    let (_, data) = super::read_computed(data_dir, config_dir, None)?;
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
        ($list:ident) => {{
            let uid = data.$list[i].uid.clone();
            edit_loop(
                data_dir,
                config_dir,
                &editor,
                kind,
                id,
                &data.$list[i],
                |d: &mut Data, mut item, edited| {
                    // Found by uid: a sync may have renumbered it meanwhile.
                    let at = d.$list.iter().position(|x| x.uid == uid).ok_or_else(|| {
                        format!("{} {id} was deleted while you edited it", kind.noun())
                    })?;
                    item.id = d.$list[at].id;
                    d.$list[at] = item;
                    // A repeating block's day edited on its own: its series
                    // leaves it as edited from now on.
                    if edited
                        && kind == Kind::Block
                        && let Some(b) = d.blocks.get_mut(at)
                    {
                        lane_core::model::series::detach(b);
                    }
                    Ok(())
                },
            )
        }};
    }
    match kind {
        Kind::Priority => go!(priorities),
        Kind::Block => go!(blocks),
        Kind::Blocker => go!(blockers),
        Kind::Decision => go!(decisions),
        Kind::Review => go!(reviews),
    }
}

/// Puts an item into the data in place of the one with its uid; `true` when
/// it is the edited one (not the one the editor was opened on).
type Put<'a, T> = dyn Fn(&mut Data, T, bool) -> Result<(), String> + 'a;

fn edit_loop<T: Serialize + DeserializeOwned + PartialEq + Clone>(
    data_dir: &Path,
    config_dir: &Path,
    editor: &str,
    kind: Kind,
    id: u32,
    item: &T,
    put: impl Fn(&mut Data, T, bool) -> Result<(), String>,
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
        // Only lane's own lines on top go; the rest is the user's, `#` lines in
        // a multi-line text included (TOML itself skips the user's comments).
        let body = without_lanes_lines(&edited);
        // The same rules as every write: tried on a copy first. An item someone
        // deleted meanwhile is no mistake to correct: the edit stops there.
        let (_, mut probe) = super::read_computed(data_dir, config_dir, None)?;
        if let Err(gone) = put(&mut probe.clone(), item.clone(), false) {
            bail!("{gone}; nothing was changed");
        }
        let checked = parse_item::<T>(body, item, kind, id).and_then(|new| {
            merge_onto(&mut probe, &put, item, new.clone(), local_now())?;
            Ok(new)
        });
        match checked {
            Ok(new) => {
                return write(data_dir, config_dir, |data, now| {
                    let conflicts = merge_onto(data, &put, item, new, now)?;
                    Ok(saved(kind, id, conflicts))
                });
            }
            Err(why) => {
                if let Err(stop) = attempts.bad(body, began) {
                    bail!("{stop}; {} {id} was not changed: {why}", kind.noun());
                }
                // Opened again with the reason on top, as git does.
                let reason: String = why.lines().map(|l| format!("{ERROR}{l}\n")).collect();
                text = format!("{reason}{HELP}{body}");
            }
        }
    }
}

/// The edited item merged onto the data as it is now, field by field, as a
/// save from the app is: what others saved while the editor was open (a note,
/// progress, a milestone) stays, and a field both changed keeps the edit and
/// becomes a conflict to settle. Returns how many conflicts it made.
fn merge_onto<T: Clone>(
    data: &mut Data,
    put: &Put<'_, T>,
    was: &T,
    edited: T,
    now: chrono::NaiveDateTime,
) -> Result<usize, String> {
    let mut base = data.clone();
    put(&mut base, was.clone(), false)?;
    let mut ours = data.clone();
    put(&mut ours, edited, true)?;
    let problems = ours.problems();
    if !problems.is_empty() {
        return Err(lane_core::model::problems::describe(&problems));
    }
    let mut uid = lane_io::clock::new_uid;
    let merged = lane_core::model::merge::merge(&base, &ours, data, now, &mut uid)?;
    *data = merged.data;
    Ok(merged.conflicts)
}

fn saved(kind: Kind, id: u32, conflicts: usize) -> String {
    match conflicts {
        0 => format!("{} {id} saved", kind.noun()),
        1 => format!(
            "{} {id} saved; 1 conflict with a change saved meanwhile to settle (lane conflicts)",
            kind.noun()
        ),
        n => format!(
            "{} {id} saved; {n} conflicts with changes saved meanwhile to settle (lane conflicts)",
            kind.noun()
        ),
    }
}

/// The text after lane's own lines on top (its help and the reasons of a
/// reopened edit); nothing below them is filtered.
fn without_lanes_lines(edited: &str) -> &str {
    let mut rest = edited;
    while let Some((line, after)) = rest.split_once('\n') {
        let ours = line.starts_with(ERROR) || HELP.lines().any(|h| h == line.trim_end());
        if !ours {
            break;
        }
        rest = after;
    }
    rest
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
