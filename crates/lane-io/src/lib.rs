//! lane's edges with the world: the one clock, the store (lane.toml, archive,
//! locks, backups, the status cache), config.toml, calendars (fetch and parse),
//! sync over git, hooks, notifications, rescue files and everything printed
//! outside the app (`say`). It uses lane-core and never knows the app.

// Errors carry context instead; tests may unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// Output goes through `say`, which escapes what a terminal would obey.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod calendar;
pub mod clock;
pub mod config;
pub mod home_zone;
pub mod hooks;
pub mod host;
pub mod links;
pub mod located;
pub mod notify;
pub mod palette;
pub mod rescue;
pub mod say;
pub mod store;
pub mod sync;
pub mod team;
pub mod timew;
pub mod watch;
