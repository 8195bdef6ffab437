//! `lane replan [--date D] [--json] [--apply]`: the re-fit a meeting over the
//! plan calls for (`model::refit`). Printed, nothing changed; `--apply` makes
//! the moves as one change that `lane undo` takes back.

use std::path::Path;
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use color_eyre::eyre::{Result, WrapErr};

use super::{apply, read_computed, usage_error};
use lane_core::model::parse::parse_date;
use lane_core::model::refit::{self, Refit};
use lane_io::clock::local_now;
use lane_io::config::Config;
use lane_io::say;

pub(super) fn run(
    data_dir: &Path,
    config_dir: &Path,
    date: Option<String>,
    json: bool,
    take: bool,
) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let now = local_now();
    let date = match date.as_deref().map(|d| parse_date(d, now.date())) {
        None => now.date(),
        Some(Ok(d)) => d,
        Some(Err(e)) => return Ok(usage_error(format!("--date: {e}"))),
    };
    let (_, data) = read_computed(data_dir, config_dir, Some(date))?;
    let proposal = refit::refit(&data, &config.rules, date, now);
    if json {
        let value = serde_json::json!({
            "date": date,
            "meetings": proposal.meetings,
            "moves": proposal.moves,
            "stuck": proposal.stuck,
        });
        say::out(&(say::json(&value).wrap_err("cannot write JSON")? + "\n"));
    } else {
        say::out(&words(&proposal, date, take));
    }
    if !take || proposal.moves.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    // Worked out again under the lock, on the data as it is there: what is
    // applied is what the day holds now.
    let said = apply(
        data_dir,
        config_dir,
        false,
        |data, _, now: NaiveDateTime| {
            let fresh = refit::refit(data, &config.rules, date, now);
            if fresh.moves.is_empty() {
                return Err(format!(
                    "nothing to re-fit on {} any more: the day changed",
                    date.format("%a %d %b")
                ));
            }
            refit::apply(data, &fresh, lane_io::clock::new_uid)
        },
    )?;
    Ok(match said {
        Ok(done) => {
            say::err(&format!("{done} (lane undo takes it back)"));
            ExitCode::SUCCESS
        }
        Err(why) => usage_error(why),
    })
}

/// The proposal as lines: the meetings, then each move and why.
fn words(proposal: &Refit, date: NaiveDate, take: bool) -> String {
    let day = date.format("%a %d %b");
    if proposal.is_empty() {
        return format!("Nothing to re-fit on {day}: no meeting covers a block that can move.\n");
    }
    let covers: Vec<String> = proposal.meetings.iter().map(|m| m.times()).collect();
    let mut out = format!("A meeting now covers {} on {day}:\n", covers.join(", "));
    for m in &proposal.moves {
        out.push_str(&format!(
            "  block {}: {} ({})\n",
            m.block,
            refit::move_words(m),
            m.reason
        ));
    }
    for id in &proposal.stuck {
        out.push_str(&format!(
            "  block {id}: no room today or on the next working day; left where it is\n"
        ));
    }
    if !take && !proposal.moves.is_empty() {
        out.push_str("Nothing changed: `lane replan --apply` takes it.\n");
    }
    out
}
