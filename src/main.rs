#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::process::ExitCode;

fn main() -> ExitCode {
    // Like other Unix tools, end quietly when the reader of our output goes away
    // (`lane list | head`), instead of panicking on a broken pipe.
    // SAFETY: restoring the default action of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // color-eyre's panic hook; ratatui's own hook (installed when the app opens)
    // restores the terminal first and then calls this one.
    let _ = color_eyre::install();
    lane::cli::main()
}
