//! `lane man`: the man pages, roff. `lane man` is lane(1), with FILES,
//! ENVIRONMENT and EXAMPLES; `lane man COMMAND` is lane-COMMAND(1), which
//! lane(1) points to; `lane man --all DIR` writes every page (for packagers).

use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;
use color_eyre::eyre::{Result, WrapErr};

use super::{Cli, usage_error};

/// What lane(1) says besides clap's sections.
const MORE: &str = r#".SH ENVIRONMENT
.TP
LANE_DIR
The data directory (as \-\-dir).
.TP
LANE_CONFIG_DIR
The config directory (as \-\-config\-dir).
.TP
NO_COLOR
When set and not empty, the app draws without colour.
.TP
LANE_MAX_FILE_MIB
The largest file lane reads, in MiB (default 64).
.TP
LANE_HOST
This machine's name in sync commits and conflicts (default: the host name).
.TP
SHELL, XDG_DATA_HOME
The shell lane install installs completions for, and the data dir it writes
under (default ~/.local/share).
.SH FILES
.TP
~/.local/share/lane/lane.toml
The data (the data directory differs per platform: lane config \-\-path shows it).
.TP
~/.local/share/lane/archive/
What is old enough, by year.
.TP
~/.config/lane/config.toml
Settings (lane config \-\-default prints them, commented).
.TP
~/.config/lane/keymap.toml
Keys of the app.
.TP
~/.local/share/bash\-completion/completions/lane, ~/.local/share/zsh/site\-functions/_lane, ~/.local/share/fish/vendor_completions.d/lane.fish, ~/.local/share/man/man1/
What lane install writes (under $XDG_DATA_HOME when it is set).
.SH EXAMPLES
.TP
lane install
Install the completion script for your shell and these pages.
.TP
lane
Open the app.
.TP
lane add priority "Ship billing v2" \-\-due fri
Add a priority from the command line.
.TP
lane status \-\-format tmux \-\-max\-width 80
One line for a status bar.
.TP
lane sync init git@example.com:me/lane.git
Sync this machine over your own git.
"#;

/// Runs `lane man [COMMAND] [--all DIR]`.
pub(super) fn run(command: Option<&str>, all: Option<&Path>) -> Result<ExitCode> {
    if let Some(dir) = all {
        return write_all(dir);
    }
    match page(command) {
        Some(text) => {
            lane_io::say::out(&text);
            Ok(ExitCode::SUCCESS)
        }
        None => Ok(usage_error(format!(
            "there is no lane command {:?}: `lane --help` lists them",
            command.unwrap_or_default()
        ))),
    }
}

/// The page of `command` (lane-COMMAND(1)), or lane(1) for none.
fn page(command: Option<&str>) -> Option<String> {
    let mut cli = Cli::command();
    cli.build();
    let (cmd, more) = match command {
        None => (cli, MORE),
        Some(name) => {
            let sub = cli
                .get_subcommands()
                .find(|c| c.get_name() == name && !c.is_hide_set())?
                .clone();
            let sub = sub
                .display_name(format!("lane-{name}"))
                .bin_name(format!("lane {name}"));
            (sub, "")
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out).ok()?;
    Some(ascii(&String::from_utf8_lossy(&out)) + more)
}

/// The page in plain ASCII: troff warns about (and drops) `…`, `▶` and the
/// like where the locale is C, as on many servers.
fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_ascii() => out.push(c),
            '…' => out.push_str("..."),
            '→' => out.push_str(r"\->"),
            '—' | '–' => out.push_str(r"\-\-"),
            '▶' => out.push('>'),
            '·' | '•' => out.push('*'),
            '“' | '”' => out.push('"'),
            '‘' | '’' => out.push_str(r"\*(Aq"),
            _ => out.push('?'),
        }
    }
    out
}

/// Every page into `dir`: lane.1 and lane-COMMAND.1 per command.
fn write_all(dir: &Path) -> Result<ExitCode> {
    std::fs::create_dir_all(dir).wrap_err_with(|| format!("cannot make {}", dir.display()))?;
    let mut written = 0;
    for (file, text) in every_page() {
        lane_io::store::write_private(&dir.join(file), text.as_bytes())?;
        written += 1;
    }
    lane_io::say::err(&format!("wrote {written} pages to {}", dir.display()));
    Ok(ExitCode::SUCCESS)
}

/// Every page, by its file name: lane.1, then lane-COMMAND.1 per command.
pub(super) fn every_page() -> Vec<(String, String)> {
    let mut cli = Cli::command();
    cli.build();
    let names: Vec<String> = cli
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect();
    let pages = std::iter::once((None, "lane".to_string())).chain(
        names
            .iter()
            .map(|n| (Some(n.as_str()), format!("lane-{n}"))),
    );
    pages
        .filter_map(|(command, file)| Some((format!("{file}.1"), page(command)?)))
        .collect()
}
