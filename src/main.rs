use std::process::ExitCode;

fn main() -> ExitCode {
    // color-eyre's panic hook; ratatui's own hook (installed when the app opens)
    // restores the terminal first and then calls this one.
    let _ = color_eyre::install();
    lane::cli::main()
}
