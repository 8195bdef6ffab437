//! lane's integration tests, in one crate: the real binary on the command line
//! and in a pseudo-terminal, whole-app snapshots on TestBackend, the store's data
//! promises, and the fuzzers. `common` holds the one `lane()` and `now()` they share.

mod common;
mod harness;

mod badfiles;
mod blockers_tui;
mod blocks_tui;
mod boundaries;
mod brag_steering;
mod calendar_fetch;
mod calendar_import;
mod calendar_tui;
mod calls;
mod checkpoints;
mod cli;
mod completion;
mod crash;
mod decisions_tui;
mod extremes;
mod filesystem;
mod first_day;
mod forms;
mod fuzz;
mod hooks;
mod hostile;
mod hours_chart;
mod items;
mod listing;
mod milestones_tui;
mod one_path;
mod outcomes;
mod outcomes_tui;
mod priorities_tui;
mod pty;
mod race;
mod readme;
mod record_view;
mod reports;
mod rescue;
mod responses;
mod rituals;
mod roadmap_tui;
mod roundtrip;
mod series;
mod status;
mod steps_tui;
mod store;
mod sync;
mod tui;
mod values;
