//! lane's core: the data, the rules, every operation that changes the data, the
//! read models the screens and reports are drawn from, the merge of two
//! machines' files and the report text. No file, process, network, terminal or
//! clock: "now" is always an argument, so every function here is a function of
//! its inputs and tests pin it.

// Errors carry context instead; tests may unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// Core prints nothing: what reaches a terminal goes through lane-io's `say`.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod demo;
pub mod migrate;
pub mod model;
pub mod report;
pub mod team;
pub mod transfer;
