//! Forms filled in on the command line (`lane add`, `lane modify`, `lane modify
//! --series`): saved by the app's rules (`model::form`) in the context the
//! config gives, their refusals said in one line.

use lane_core::model::form::{Ctx, FieldError};
use lane_io::config::Config;

/// The form's context for a change made from the command line.
pub(super) fn ctx(config: &Config, now: chrono::NaiveDateTime) -> Ctx<'_> {
    Ctx {
        now,
        hours: &config.rules.hours,
        boundaries: &config.rules.boundaries,
        uid: lane_io::clock::new_uid(),
    }
}

/// A form's refusals as the one line a command prints: `field: why; …`.
pub(super) fn one_line(errors: Vec<FieldError>) -> String {
    errors
        .iter()
        .map(|(key, why)| format!("{key}: {why}"))
        .collect::<Vec<_>>()
        .join("; ")
}
