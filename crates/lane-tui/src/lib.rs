//! lane's app: the state, the pure `update` (action → new state + effects), the
//! runner that performs effects through lane-io, the keymap as data, and the
//! screens, which only read the state.

// Errors carry context instead; tests may unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// The screen is drawn by ratatui; nothing else prints.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod action;
pub mod app;
pub mod app_calendars;
pub mod app_team;
pub mod context;
pub mod draft;
pub mod keymap;
pub mod pass;
pub mod runner;
pub mod state;
pub mod tabs;
pub mod ui;
pub mod update;
