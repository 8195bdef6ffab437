//! lane: keep the edges of your lane visible. This package is the binary and
//! its command line; the layers below are crates of their own (ARCHITECTURE.md).
//! Their modules are re-exported here so integration tests and benchmarks
//! reach the whole of lane under one name.

// Errors carry context instead; tests may unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// Output goes through `say`, which escapes what a terminal would obey.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;

pub use lane_core::{demo, migrate, model, report, team, transfer};
pub use lane_io::{
    calendar, clock, config, hooks, links, located, notify, palette, rescue, say, store, sync,
};
pub use lane_tui::{
    action, app, app_calendars, context, draft, keymap, pass, runner, state, tabs, ui, update,
};
