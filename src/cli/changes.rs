//! The commands that change items of any kind — add, modify, delete, edit,
//! done, a block's timer, undo and redo — routed to the files that do them.
//! A milestone or key result lives inside its priority: `outcomes.rs` changes those.

use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::Result;

use super::add::add_item;
use super::{Command, DoneKind, edit, item, not_routed_here, outcomes, usage_error, write};
use lane_core::model::history::Step;
use lane_core::model::{day, ops};

/// Runs `add`, `modify`, `delete`, `edit`, `done`, `start`, `stop`, `undo` and
/// `redo` (`cli::run` routes only these here).
pub(super) fn run(data_dir: &Path, config_dir: &Path, command: Command) -> Result<ExitCode> {
    match command {
        Command::Add(add) => add_item(data_dir, config_dir, add),
        Command::Modify {
            kind,
            id,
            changes,
            series,
        } => match kind.item() {
            Some(item) => item::modify(data_dir, config_dir, item, id, changes, series),
            None if series => Ok(not_for_steps()),
            None => outcomes::modify_step(data_dir, config_dir, kind, id, changes),
        },
        Command::Delete {
            kind,
            id,
            number,
            series,
        } => match (kind.item(), number) {
            (Some(item), None) => item::delete(data_dir, config_dir, item, id, series),
            (Some(_), Some(extra)) => Ok(usage_error(format!(
                "unexpected `{}`: only a milestone or key result takes a number after the priority",
                lane_core::model::text::visible(&extra)
            ))),
            (None, _) if series => Ok(not_for_steps()),
            (None, number) => outcomes::delete_step(data_dir, config_dir, kind, id, number),
        },
        Command::Edit { kind, id } => edit::edit(data_dir, config_dir, kind, id),
        Command::Done {
            kind,
            id,
            milestone,
        } => done(data_dir, config_dir, kind, id, milestone),
        Command::Start { id, .. } => write(data_dir, config_dir, |data, now| {
            day::start_stop_on(data, id, now)
        }),
        Command::Stop => write(data_dir, config_dir, |data, now| {
            day::stop_running(data, now).ok_or_else(|| "no block is running".to_string())
        }),
        Command::Undo => item::step(data_dir, config_dir, Step::Undo),
        Command::Redo => item::step(data_dir, config_dir, Step::Redo),
        other => not_routed_here(&other),
    }
}

/// `--series` asked of what is no block.
fn not_for_steps() -> ExitCode {
    usage_error("--series is for a repeating block, not a milestone or key result".into())
}

/// `lane done KIND ID`, or `lane done milestone PRIORITY MILESTONE`.
fn done(
    data_dir: &Path,
    config_dir: &Path,
    kind: DoneKind,
    id: u32,
    milestone: Option<String>,
) -> Result<ExitCode> {
    match (kind, milestone) {
        (DoneKind::Milestone, milestone) => {
            outcomes::done_milestone(data_dir, config_dir, id, milestone)
        }
        (_, Some(extra)) => Ok(usage_error(format!(
            "unexpected `{}`: only `lane done milestone PRIORITY MILESTONE` takes two",
            lane_core::model::text::visible(&extra)
        ))),
        (kind, None) => write(data_dir, config_dir, |data, now| {
            let kind = kind.kind();
            Ok(if ops::set_done(data, kind, id, true, now.date())? {
                format!("{} {id} done", kind.noun())
            } else {
                format!("{} {id} was already done", kind.noun())
            })
        }),
    }
}
