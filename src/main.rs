#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::process::ExitCode;

fn main() -> ExitCode {
    // Like other Unix tools, end quietly when the reader of our output goes away
    // (`lane list | head`), instead of panicking on a broken pipe.
    // SAFETY: restoring the default action of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Past a file-size limit (ulimit -f) a write should fail with an error lane
    // reports and recovers from (EFBIG), not kill lane mid-save with the screen
    // still in the alternate buffer and the change lost.
    // SAFETY: as above.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    // color-eyre's panic hook; ratatui's own hook (installed when the app opens)
    // restores the terminal first and then calls this one.
    let _ = color_eyre::install();
    lane::cli::main()
}
