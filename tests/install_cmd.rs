//! `lane install`: the README's install lines on a clean HOME (lane put in
//! `~/.cargo/bin` as `cargo install` puts it), then the real bash
//! (bash-completion), zsh and fish complete `lane`, and `man` finds the page.
//! Again: nothing changes. `--dry-run` writes nothing; `$XDG_DATA_HOME` is
//! where it writes when set.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// A clean HOME with lane in `~/.cargo/bin`, and the PATH a login there has
/// (`~/.local/bin` too, as Debian's `~/.profile` adds it).
fn clean_home() -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().unwrap();
    let bin = home.path().join(".cargo/bin");
    fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_lane"), bin.join("lane")).unwrap();
    let path = format!(
        "{}:{}:/usr/bin:/bin",
        bin.display(),
        home.path().join(".local/bin").display()
    );
    (home, path)
}

fn in_shell(home: &Path, path: &str, program: &str, script: &str, env: &[(&str, &str)]) -> Output {
    Command::new(program)
        .arg("-c")
        .arg(script)
        .env_clear()
        .env("HOME", home)
        .env("PATH", path)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The README's install block, `cargo install` left out (lane is already in
/// `~/.cargo/bin`).
fn readme_install_lines() -> String {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```sh\ncargo install --locked --path .")
        .expect("the install block in README.md");
    let block = &readme[start + "```sh\n".len()..];
    let block = &block[..block.find("```").unwrap()];
    assert!(block.contains("\nlane install"), "{block}");
    block
        .lines()
        .filter(|l| !l.starts_with("cargo install"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_readme_install_lines_on_a_clean_home_give_bash_completion_and_man_pages() {
    let (home, path) = clean_home();
    let lines = readme_install_lines();
    let bash = [("SHELL", "/bin/bash")];
    let first = in_shell(
        home.path(),
        &path,
        "bash",
        &format!("set -e\n{lines}"),
        &bash,
    );
    assert!(first.status.success(), "{first:?}");
    let said = String::from_utf8_lossy(&first.stdout);
    assert!(
        said.contains("bash completion: ") && said.contains("(written)"),
        "{said}"
    );
    let data = home.path().join(".local/share");
    let script = data.join("bash-completion/completions/lane");
    assert!(fs::read_to_string(&script).unwrap().contains("complete"));
    assert!(data.join("man/man1/lane.1").exists());
    assert!(data.join("man/man1/lane-install.1").exists());
    // Again: every file unchanged, and it says so.
    let again = in_shell(
        home.path(),
        &path,
        "bash",
        &format!("set -e\n{lines}"),
        &bash,
    );
    let said = String::from_utf8_lossy(&again.stdout);
    assert_eq!(said.matches("(unchanged)").count(), 2, "{said}");
    if have("man") {
        let found = Command::new("man")
            .args(["-w", "lane"])
            .env_clear()
            .env("HOME", home.path())
            .env("PATH", &path)
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&found.stdout).trim(),
            data.join("man/man1/lane.1").display().to_string()
        );
    } else {
        println!("skipped the man lookup: man is not installed here");
    }
    let loader = "/usr/share/bash-completion/bash_completion";
    if !Path::new(loader).exists() {
        println!("skipped the bash check: bash-completion is not installed here");
        return;
    }
    // bash-completion finds the script by itself, and it completes.
    let complete = format!(
        "source {loader}; __load_completion lane; \
         f=$(complete -p lane | sed -E 's/.* -F ([^ ]+) .*/\\1/'); \
         COMP_WORDS=(lane expo); COMP_CWORD=1; COMP_LINE='lane expo'; COMP_POINT=9; \
         $f lane expo lane; printf '%s\\n' \"${{COMPREPLY[@]}}\""
    );
    let out = in_shell(home.path(), &path, "bash", &complete, &[]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "export",
        "{out:?}"
    );
}

#[test]
fn zsh_and_fish_find_what_it_installed_for_them() {
    let (home, path) = clean_home();
    for (shell, check) in [
        (
            "zsh",
            "fpath+=(~/.local/share/zsh/site-functions); autoload -U compinit; \
             compinit -u -d ~/.zcompdump; print -r -- ${_comps[lane]}",
        ),
        ("fish", "complete -C 'lane expo'"),
    ] {
        let shell_path = format!("/bin/{shell}");
        let out = in_shell(
            home.path(),
            &path,
            "sh",
            "lane install",
            &[("SHELL", &shell_path)],
        );
        assert!(out.status.success(), "{out:?}");
        if !have(shell) {
            println!("skipped the {shell} check: {shell} is not installed here");
            continue;
        }
        let flags = if shell == "zsh" { "-fc" } else { "-c" };
        let found = Command::new(shell)
            .arg(flags)
            .arg(check)
            .env_clear()
            .env("HOME", home.path())
            .env("PATH", &path)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&found.stdout);
        let expected = if shell == "zsh" {
            "_lane"
        } else {
            "export\tWrite data for other tools"
        };
        assert_eq!(text.trim(), expected, "{shell}: {found:?}");
    }
}

#[test]
fn a_dry_run_writes_nothing_and_xdg_data_home_is_where_it_writes() {
    let (home, path) = clean_home();
    let out = in_shell(
        home.path(),
        &path,
        "sh",
        "lane install --shell fish --dry-run",
        &[],
    );
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("fish/vendor_completions.d/lane.fish (would be written)"),
        "{said}"
    );
    assert!(!home.path().join(".local").exists(), "a dry run wrote");
    let xdg = home.path().join("xdg");
    let xdg_text = xdg.display().to_string();
    let out = in_shell(
        home.path(),
        &path,
        "sh",
        "lane install --shell bash",
        &[("XDG_DATA_HOME", &xdg_text)],
    );
    assert!(out.status.success(), "{out:?}");
    assert!(xdg.join("bash-completion/completions/lane").exists());
    assert!(xdg.join("man/man1/lane.1").exists());
    // man looks there only through MANPATH (no PATH dir is beside it): said.
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("MANPATH"),
        "{out:?}"
    );
}

#[test]
fn a_shell_lane_cannot_tell_is_a_usage_error_that_writes_nothing() {
    let (home, path) = clean_home();
    let out = in_shell(
        home.path(),
        &path,
        "sh",
        "lane install",
        &[("SHELL", "/bin/tcsh")],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("pass --shell bash, zsh or fish"));
    assert!(!home.path().join(".local").exists());
}
