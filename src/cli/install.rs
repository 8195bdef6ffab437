//! `lane install`: the completion script for the user's shell and every man
//! page, into the user's data dir (`$XDG_DATA_HOME`, else `~/.local/share`),
//! where bash-completion, zsh (with the dir in `fpath`), fish and `man` look.
//! Directories are made as needed; a file already holding the same bytes is
//! left as it is, so running it again changes nothing. `--dry-run` says what
//! it would write and writes nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use color_eyre::eyre::{Result, WrapErr};

use super::{InstallShell, usage_error};
use lane_io::say;

/// Runs `lane install [--shell S] [--dry-run]`.
pub(super) fn run(shell: Option<InstallShell>, dry_run: bool) -> Result<ExitCode> {
    let Some(data) = data_home() else {
        return Ok(usage_error(
            "neither XDG_DATA_HOME nor HOME is set: there is no data dir to install into".into(),
        ));
    };
    let Some(shell) = shell.or_else(shell_of_env) else {
        let named = std::env::var("SHELL").unwrap_or_default();
        return Ok(usage_error(format!(
            "cannot tell your shell from $SHELL ({:?}): pass --shell bash, zsh or fish",
            named
        )));
    };
    let script = completion_path(&data, shell);
    let complete_as = match shell {
        InstallShell::Bash => clap_complete::Shell::Bash,
        InstallShell::Zsh => clap_complete::Shell::Zsh,
        InstallShell::Fish => clap_complete::Shell::Fish,
    };
    let done = put(
        &[(script.clone(), super::complete::script(complete_as))],
        dry_run,
    )?;
    say::line(&format!(
        "{} completion: {} ({done})",
        name(shell),
        script.display()
    ));
    let man = data.join("man").join("man1");
    let pages: Vec<(PathBuf, String)> = super::man::every_page()
        .into_iter()
        .map(|(file, text)| (man.join(file), text))
        .collect();
    let done = put(&pages, dry_run)?;
    say::line(&format!(
        "man pages: {} in {} ({done})",
        pages.len(),
        man.display()
    ));
    hints(shell, &script, &data.join("man"));
    Ok(ExitCode::SUCCESS)
}

/// `$XDG_DATA_HOME` when it is an absolute path (the spec ignores others),
/// else `~/.local/share`.
fn data_home() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from);
    if let Some(dir) = xdg.filter(|d| d.is_absolute()) {
        return Some(dir);
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
    Some(PathBuf::from(home).join(".local").join("share"))
}

/// The shell `$SHELL` names, when lane completes in it.
fn shell_of_env() -> Option<InstallShell> {
    let shell = std::env::var("SHELL").ok()?;
    match shell.rsplit('/').next()? {
        "bash" => Some(InstallShell::Bash),
        "zsh" => Some(InstallShell::Zsh),
        "fish" => Some(InstallShell::Fish),
        _ => None,
    }
}

/// Where each shell looks for a user's completions under the data dir.
fn completion_path(data: &Path, shell: InstallShell) -> PathBuf {
    match shell {
        InstallShell::Bash => data.join("bash-completion/completions/lane"),
        InstallShell::Zsh => data.join("zsh/site-functions/_lane"),
        InstallShell::Fish => data.join("fish/vendor_completions.d/lane.fish"),
    }
}

fn name(shell: InstallShell) -> &'static str {
    match shell {
        InstallShell::Bash => "bash",
        InstallShell::Zsh => "zsh",
        InstallShell::Fish => "fish",
    }
}

/// Writes each file whose bytes differ (making its directory); says what was
/// done: `written`, `unchanged`, `would be written`, or how many of each.
fn put(files: &[(PathBuf, String)], dry_run: bool) -> Result<String> {
    let mut unchanged = 0;
    for (path, text) in files {
        if std::fs::read(path).is_ok_and(|held| held == text.as_bytes()) {
            unchanged += 1;
            continue;
        }
        if dry_run {
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .wrap_err_with(|| format!("cannot make {}", dir.display()))?;
        }
        lane_io::store::write_private(path, text.as_bytes())?;
    }
    let verb = if dry_run {
        "would be written"
    } else {
        "written"
    };
    Ok(match (unchanged, files.len() - unchanged) {
        (_, 0) => "unchanged".to_string(),
        (0, _) => verb.to_string(),
        (same, other) => format!("{other} {verb}, {same} unchanged"),
    })
}

/// What the user still has to do for the shell and `man` to look there.
fn hints(shell: InstallShell, script: &Path, man_root: &Path) {
    if shell == InstallShell::Zsh
        && let Some(dir) = script.parent()
    {
        say::line(&format!(
            "zsh looks there once ~/.zshrc has `fpath+=({})` before `compinit`",
            dir.display()
        ));
    }
    if !man_finds(man_root) {
        say::line(&format!(
            "`man lane` finds the pages once ~/.local/bin is on your PATH (man looks in \
             ../share/man beside each PATH dir), or with MANPATH=\"{}:\"",
            man_root.display()
        ));
    }
}

/// Whether `man` looks in `root`: it is in `MANPATH`, or beside a dir on
/// `PATH` (man-db looks in `DIR/../share/man` for each `DIR` there).
fn man_finds(root: &Path) -> bool {
    let listed = |var: &str| {
        std::env::var_os(var)
            .map(|v| std::env::split_paths(&v).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    listed("MANPATH").iter().any(|p| p == root)
        || listed("PATH")
            .iter()
            .filter_map(|p| p.parent())
            .any(|up| up.join("share").join("man") == root)
}
