//! `lane conflicts`: what two writers changed differently, and settling it.

use std::process::ExitCode;

use clap::Subcommand;
use color_eyre::eyre::{Result, eyre};

use super::write;
use lane_core::model::Data;
use lane_core::model::conflicts::{describe, settle};
use lane_io::store::{Access, Store};

#[derive(Subcommand, Debug)]
pub enum Settle {
    /// Keep the value lane kept (the conflict goes)
    Keep { id: u32 },
    /// Take the other side's value instead
    Take { id: u32 },
}

/// One line per conflict: its id, what it is about, when.
pub(super) fn lines(data: &Data) -> Vec<String> {
    data.conflicts
        .iter()
        .map(|c| {
            format!(
                "{:>3}  {}  ({})",
                c.id,
                describe(data, c),
                c.when.format("%Y-%m-%d %H:%M")
            )
        })
        .collect()
}

pub(super) fn conflicts(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    settling: Option<Settle>,
    json: bool,
) -> Result<ExitCode> {
    if let Some(how) = settling {
        let (id, take) = match how {
            Settle::Keep { id } => (id, false),
            Settle::Take { id } => (id, true),
        };
        return write(data_dir, config_dir, |data, _| settle(data, id, take));
    }
    let (_, data) = Store::open(data_dir, Access::Read)?;
    if json {
        let list: Vec<serde_json::Value> = data
            .conflicts
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c).map_err(|e| eyre!(e))?;
                v["text"] = describe(&data, c).into();
                Ok(v)
            })
            .collect::<Result<_>>()?;
        lane_io::say::line(&lane_io::say::json(&list).map_err(|e| eyre!(e))?);
        return Ok(ExitCode::SUCCESS);
    }
    if data.conflicts.is_empty() {
        lane_io::say::line("no conflicts");
    }
    for line in lines(&data) {
        lane_io::say::line(&line);
    }
    if !data.conflicts.is_empty() {
        lane_io::say::line("settle one with `lane conflicts keep ID` or `lane conflicts take ID`");
    }
    Ok(ExitCode::SUCCESS)
}
