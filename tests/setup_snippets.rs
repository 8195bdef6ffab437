//! The set-up lines of docs/cli.md (config, completions, man page) pasted into
//! bash on a clean HOME with lane in `~/.cargo/bin`, as `cargo install` puts
//! it: every line works, and `man` finds the page.

use std::fs;
use std::process::Command;

#[test]
fn the_setup_lines_work_on_a_clean_home_and_man_finds_the_page() {
    let doc = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md")).unwrap();
    let start = doc
        .find("```sh\nlane config --path\n")
        .expect("the set-up block in docs/cli.md");
    let block = &doc[start + "```sh\n".len()..];
    let block = &block[..block.find("```").unwrap()];
    let home = tempfile::tempdir().unwrap();
    let bin = home.path().join(".cargo/bin");
    fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_lane"), bin.join("lane")).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("set -e\n{block}"))
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", &path)
        .env("SHELL", "/bin/bash")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{block}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [
        ".config/lane/config.toml",
        ".local/share/bash-completion/completions/lane",
        ".local/share/man/man1/lane.1",
        ".cargo/share/man/man1/lane.1",
    ] {
        let len = fs::metadata(home.path().join(file)).map(|m| m.len());
        assert!(len.is_ok_and(|n| n > 0), "{file}");
    }
    if Command::new("man").arg("--version").output().is_err() {
        println!("skipped the man lookup: man is not installed here");
        return;
    }
    let found = Command::new("man")
        .args(["-w", "lane"])
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", &path)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&found.stdout).trim(),
        home.path()
            .join(".cargo/share/man/man1/lane.1")
            .display()
            .to_string()
    );
}
