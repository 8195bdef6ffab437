//! The README's samples are true: every ```toml block parses as what it shows —
//! a config.toml, a keymap.toml or part of lane.toml.

use std::path::Path;

use lane::config::Config;
use lane::keymap::Keymap;

/// The ```toml blocks of the README, in order.
fn toml_blocks() -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```toml") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn every_toml_block_in_the_readme_parses_as_what_it_claims() {
    let mut seen = [0; 3];
    for block in toml_blocks() {
        let dir = tempfile::tempdir().unwrap();
        if block.starts_with("# starship.toml") {
            // Another program's config: it must at least be TOML.
            toml::from_str::<toml::Table>(&block).unwrap_or_else(|e| panic!("{e}\n{block}"));
        } else if block.contains("[[") && !block.starts_with("# config.toml") {
            // Part of lane.toml: an item or a day of the journal.
            let whole = format!("version = 1\n{block}");
            lane::store::parse(Path::new("lane.toml"), whole.as_bytes())
                .unwrap_or_else(|e| panic!("{e:#}\n{block}"));
            seen[0] += 1;
        } else if block.contains("action =") {
            std::fs::write(dir.path().join(lane::keymap::KEYMAP_FILE), &block).unwrap();
            Keymap::load(dir.path()).unwrap_or_else(|e| panic!("{e:#}\n{block}"));
            seen[1] += 1;
        } else {
            std::fs::write(dir.path().join(lane::config::CONFIG_FILE), &block).unwrap();
            Config::load(dir.path()).unwrap_or_else(|e| panic!("{e:#}\n{block}"));
            seen[2] += 1;
        }
    }
    assert_eq!(seen, [3, 1, 4], "data, keymap and config samples");
}
