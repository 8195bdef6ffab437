//! The calls and the blockers from the command line: what the app's P, D, O, A
//! and E do to a decision, and t, E and R to a blocker. Each is one change
//! through `write`, by the same rules as the app's notes.

use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::Result;

use super::{Command, EscalateKind, not_routed_here, write};
use lane_core::model::form::{self, Note};
use lane_core::model::ops;
use lane_io::config::Config;

/// Runs `reported`, `decide`, `outcome`, `answer`, `escalate`, `tried` and
/// `resolve` (`cli::run` routes only these here).
pub(super) fn run(data_dir: &Path, config_dir: &Path, command: Command) -> Result<ExitCode> {
    match command {
        Command::Reported { id, .. } => {
            let config = Config::load(config_dir)?;
            write(data_dir, config_dir, |data, now| {
                ops::set_reported(data, id, true, now.date(), &config.rules.boundaries)
            })
        }
        Command::Decide { id, .. } => {
            let config = Config::load(config_dir)?;
            write(data_dir, config_dir, |data, _| {
                ops::decide(data, id, &config.rules.boundaries)
                    .map(|said| format!("decision {id} decided — {said}"))
            })
        }
        Command::Outcome {
            id, text, rating, ..
        } => write(data_dir, config_dir, |data, now| {
            let judged = rating.map(|r| form::Judgement::Rating(Some(r.rating())));
            form::apply_note_judged(data, Note::Outcome, id, &text, judged, now)
        }),
        Command::Answer {
            id, text, verdict, ..
        } => write(data_dir, config_dir, |data, now| {
            let judged = verdict.map(|v| form::Judgement::Verdict(Some(v.verdict())));
            form::apply_note_judged(data, Note::Answer, id, &text, judged, now)
        }),
        Command::Escalate { kind, id, to } => write(data_dir, config_dir, |data, now| {
            let note = match kind {
                EscalateKind::Decision => Note::EscalateTo,
                EscalateKind::Blocker => Note::EscalateBlocker,
            };
            form::apply_note(data, note, id, &to, now)
        }),
        Command::Tried { id, rung, note, .. } => write(data_dir, config_dir, |data, now| {
            form::mark_rung(data, id, rung.rung(), &note.unwrap_or_default(), now)
        }),
        Command::Resolve { id, resolution, .. } => write(data_dir, config_dir, |data, now| {
            form::apply_note(data, Note::Resolve, id, &resolution, now)
        }),
        other => not_routed_here(&other),
    }
}
