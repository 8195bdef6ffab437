//! The app's side of the Team view: the team repository as `lane team`
//! reads it (what was pulled last: the app never waits on the network to
//! show it), and an answer sent as `lane team answer` sends it.

use std::path::Path;

use crate::update::{Msg, TeamAnswer};
use lane_core::model::rules::Rules;
use lane_io::clock::local_now;

/// `Msg::TeamRead`: the team, or why there is none to show.
pub fn read(data_dir: &Path, rules: &Rules) -> Msg {
    Msg::TeamRead(
        lane_io::team::look(data_dir, rules, local_now())
            .map(|(team, _passed_over)| team)
            .map_err(|e| format!("{e:#}")),
    )
}

/// `Msg::TeamAnswered`: the answer written to my folder and shared.
pub fn answer(data_dir: &Path, answer: &TeamAnswer) -> Msg {
    Msg::TeamAnswered(
        lane_io::team::send_answer(
            data_dir,
            (&answer.asker, &answer.uid),
            answer.verdict,
            &answer.text,
            local_now(),
        )
        .map_err(|e| format!("{e:#}")),
    )
}
