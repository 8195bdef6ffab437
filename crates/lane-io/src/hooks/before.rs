//! `before_change`: the user's command, asked before a change a person made is
//! saved, with the same JSON document `on_change` gets after. It lets the change
//! through by exiting 0; any other exit refuses it, and the first line it wrote
//! (stderr or stdout) is the reason shown. A hook that cannot be run, or that
//! runs past the timeout (its whole group ended), refuses too: a guard that
//! gives no answer lets nothing through.

use std::fmt;

use super::process::{Outcome, outcome};
use super::{Hooks, change_document, line_of};
use lane_core::model::Data;

/// A change the `before_change` hook refused: why, in its own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "refused by the before_change hook: {}", self.0)
    }
}

impl std::error::Error for Refused {}

impl Refused {
    /// The refusal `error` is (or wraps), if it is one.
    pub fn of(error: &color_eyre::Report) -> Option<&Refused> {
        error.chain().find_map(|e| e.downcast_ref::<Refused>())
    }
}

impl Hooks {
    /// Asks the `before_change` hook about the change from `before` to `after`
    /// (made by `operation`); `Err` when it refused. Without the hook, or
    /// without a change, it is not run.
    pub fn before_change(
        &self,
        operation: &str,
        before: &Data,
        after: &Data,
    ) -> Result<(), Refused> {
        let Some(cmd) = &self.before_change else {
            return Ok(());
        };
        let doc = change_document(operation, before, after);
        if doc["changes"].as_array().is_none_or(|c| c.is_empty()) {
            return Ok(());
        }
        // Its stdout joins its stderr, so either may say why (taskwarrior's
        // hooks say it on stdout).
        let script = format!("exec 1>&2\n{cmd}");
        let input = line_of(&doc);
        match outcome(&script, &input, self.timeout, &self.env("before_change")) {
            Outcome::Succeeded => Ok(()),
            Outcome::Failed { status, said } => Err(Refused(
                said.lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .map_or_else(|| format!("`{cmd}` exited with {status}"), str::to_string),
            )),
            Outcome::TimedOut => Err(Refused(format!(
                "`{cmd}` took over {} s and was stopped",
                self.timeout.as_secs()
            ))),
            Outcome::NotRun(why) => Err(Refused(why)),
        }
    }
}

#[cfg(test)]
mod tests;
