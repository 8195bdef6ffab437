//! lane: keep the edges of your lane visible.

// Errors carry context instead; tests may unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// Output goes through `say`, which escapes what a terminal would obey.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod action;
pub mod app;
pub mod app_calendars;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod context;
pub mod demo;
pub mod draft;
pub mod hooks;
pub mod located;
pub mod migrate;
pub mod model;
pub mod notify;
pub mod palette;
pub mod pass;
pub mod report;
pub mod rescue;
pub mod runner;
pub mod say;
pub mod state;
pub mod store;
pub mod sync;
pub mod tabs;
pub mod transfer;
pub mod ui;
pub mod update;
