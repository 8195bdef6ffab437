//! The user's own `git`, run as a child process: its transport, credentials and
//! hosting stay theirs. Every call names the data dir, never prompts (a sync
//! that waits for a password it cannot ask for would hang), and carries lane's
//! merge driver on the command line, so a fresh clone needs no setup.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use color_eyre::eyre::{Result, WrapErr, bail, eyre};

/// The name `.gitattributes` gives lane's merge.
pub const DRIVER: &str = "lane";

pub struct Git {
    dir: PathBuf,
    /// `'/path/to/lane' merge-driver %O %A %B`, quoted for git's shell.
    driver: String,
}

impl Git {
    /// Git on `dir`, or a clear message when git cannot be run at all.
    pub fn new(dir: &Path) -> Result<Git> {
        let exe = std::env::current_exe().wrap_err("cannot find lane's own path")?;
        let git = Git {
            dir: dir.to_path_buf(),
            driver: format!("{} merge-driver %O %A %B", shell_quote(&exe)),
        };
        match Command::new("git")
            .arg("--version")
            .stdin(Stdio::null())
            .output()
        {
            Ok(out) if out.status.success() => Ok(git),
            Ok(_) => bail!("`git --version` failed: lane sync needs a working git"),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
                "lane sync needs git, which is not installed (or not on PATH); \
                 install git and try again — nothing was changed"
            ),
            Err(e) => Err(e).wrap_err("cannot run git"),
        }
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new("git");
        cmd.arg("-C")
            .arg(&self.dir)
            .arg("-c")
            .arg(format!("merge.{DRIVER}.driver={}", self.driver))
            .arg("-c")
            .arg(format!("merge.{DRIVER}.name=lane's merge by uid"))
            // A calendar's copy both machines changed: ours stays (see `copies`).
            .arg("-c")
            .arg(format!("merge.{}.driver=true", super::copies::COPY_DRIVER))
            // Inherited from a hook or another repository, these would point git
            // elsewhere than the data dir.
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("LC_ALL", "C")
            .stdin(Stdio::null());
        // What git writes (lane.toml after a merge, the archive, its objects) is
        // as private as what lane writes itself.
        // SAFETY: umask is async-signal-safe; the closure touches nothing else.
        unsafe {
            cmd.pre_exec(|| {
                libc::umask(0o077);
                Ok(())
            });
        }
        cmd
    }

    fn output(&self, args: &[&str]) -> Result<Output> {
        self.output_with(self.command(), args)
    }

    fn output_with(&self, mut cmd: Command, args: &[&str]) -> Result<Output> {
        cmd.args(args)
            .output()
            .wrap_err_with(|| format!("cannot run git {}", args.join(" ")))
    }

    /// git's standard output when it succeeded, else its own words.
    fn checked(out: Output, args: &[&str]) -> Result<Vec<u8>> {
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(eyre!(said(&out)).wrap_err(format!("git {} failed", args.join(" "))))
        }
    }

    /// Runs git; its standard output on success, else its own words.
    pub fn run(&self, args: &[&str]) -> Result<String> {
        let out = self.bytes(args)?;
        Ok(String::from_utf8_lossy(&out).trim_end().to_string())
    }

    /// Like `run`, with one more variable in git's environment (for the merge
    /// driver git runs).
    pub fn run_with_env(&self, key: &str, value: &str, args: &[&str]) -> Result<String> {
        let mut cmd = self.command();
        cmd.env(key, value);
        let out = Self::checked(self.output_with(cmd, args)?, args)?;
        Ok(String::from_utf8_lossy(&out).trim_end().to_string())
    }

    /// Like `run`, the output as bytes (a file's content).
    pub fn bytes(&self, args: &[&str]) -> Result<Vec<u8>> {
        Self::checked(self.output(args)?, args)
    }

    /// Whether git succeeds (a question such as `rev-parse --verify`).
    /// Sets lane's merge driver in the repository's own config when it has none
    /// (a fresh `git clone`: git cannot carry a driver in the repository), so
    /// a later plain `git pull` merges with lane instead of writing conflict
    /// markers. `lane` must be on PATH for it, as for any git driver.
    pub fn keep_driver(&self) -> Result<()> {
        let key = format!("merge.{DRIVER}.driver");
        let copy = format!("merge.{}.driver", super::copies::COPY_DRIVER);
        // `--local`: the `-c` every call carries would answer otherwise.
        if !self.ok(&["config", "--local", "--get", &copy])? {
            self.run(&["config", "--local", &copy, "true"])?;
        }
        if self.ok(&["config", "--local", "--get", &key])? {
            return Ok(());
        }
        let name = format!("merge.{DRIVER}.name");
        self.run(&["config", "--local", &name, "lane's merge by uid"])?;
        self.run(&["config", "--local", &key, "lane merge-driver %O %A %B"])?;
        Ok(())
    }

    pub fn ok(&self, args: &[&str]) -> Result<bool> {
        Ok(self.output(args)?.status.success())
    }
}

/// What git said when it failed, in its own last words.
fn said(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
        .collect();
    // What the remote and git's errors say (a push's `! [rejected] … (fetch
    // first)` included); the rest is boilerplate.
    let telling: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| {
            ["fatal:", "error:", "remote:", "!", "lane"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .filter(|l| !l.starts_with("error: failed to push some refs"))
        .take(3)
        .collect();
    // git's hint on a left index lock is dropped with the others: lane says it.
    if telling
        .iter()
        .any(|l| l.contains("index.lock': File exists"))
    {
        return format!(
            "{}; another git may be working in the data dir — if none is, remove that \
             index.lock and run lane sync again",
            telling.join("; ")
        );
    }
    match (telling.is_empty(), lines.last()) {
        (false, _) => telling.join("; "),
        (true, Some(last)) => (*last).to_string(),
        (true, None) => format!("exit {}", out.status.code().unwrap_or(-1)),
    }
}

/// `path` in single quotes for the shell git runs a merge driver with.
fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.to_string_lossy().replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_with_quotes_and_spaces_reaches_the_shell_whole() {
        assert_eq!(shell_quote(Path::new("/a b/it's")), r"'/a b/it'\''s'");
    }
}
