//! The README and the pages of docs/ are true of the code they describe:
//!
//! - **TOML**: every ```toml block starts with a comment naming the file it is
//!   (part of) — `# config.toml`, `# keymap.toml`, `# lane.toml`, or another
//!   program's file listed in [`OTHER_PROGRAMS`] — and loads as that file with
//!   lane's own loaders. A lane.toml sample must also hold no key lane does not
//!   know (lane keeps unknown keys, so a misspelt field would load silently).
//! - **Command lines**: in every ```sh, ```bash and ```shell block, each line
//!   whose command is `lane` (after a leading `$ `, up to a `# comment` or a shell
//!   operator such as `>` or `|`) is split into words as a shell would and parsed
//!   by lane's real command-line parser, [`lane::cli::Cli`], without running it
//!   (`readme_commands.rs`).
//! - **Keys**: see `every_key_of_the_keymap_is_in_docs_keys_md` in `readme_keys.rs`.
//! - **Links**: every relative link leads to a file, and its `#anchor` to a
//!   heading of that file.
//!
//! The TOML and command-line checks count what they checked, per file, against
//! a table (`TOML_BLOCKS` below, `LANE_LINES` in `readme_commands.rs`): a block that stops being recognised (a changed fence, a
//! renamed file) fails the count instead of passing unchecked. Change a sample,
//! change the count. Tests show the checks catch a mistake.
//!
//! This file holds the TOML and link checks, and what every check shares: the
//! pages and their fenced blocks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lane::config::Config;
use lane::keymap::Keymap;

/// ```toml blocks per file: [lane.toml, keymap.toml, config.toml, other programs].
const TOML_BLOCKS: &[(&str, [usize; 4])] = &[
    ("docs/calendars.md", [0, 0, 1, 0]),
    ("docs/config.md", [0, 0, 1, 0]),
    ("docs/files.md", [3, 0, 0, 0]),
    ("docs/guide.md", [1, 0, 0, 0]),
    ("docs/hooks.md", [0, 0, 1, 0]),
    ("docs/keys.md", [0, 2, 0, 0]),
    ("docs/links.md", [0, 0, 1, 0]),
    ("docs/reminders.md", [0, 0, 1, 0]),
    ("docs/status.md", [0, 0, 0, 1]),
];

/// Config files of other programs a ```toml block may show (`# starship.toml`):
/// they must at least be TOML.
const OTHER_PROGRAMS: &[&str] = &["starship.toml"];

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md, then every docs/*.md by name: (path from the root, text).
pub(crate) fn pages() -> Vec<(String, String)> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 12,
        "docs/ holds the guide and reference: {names:?}"
    );
    std::iter::once("README.md".to_string())
        .chain(names)
        .map(|n| {
            let text = std::fs::read_to_string(root().join(&n)).unwrap();
            (n, text)
        })
        .collect()
}

/// A fenced code block: its language (what follows the opening ```), the line it
/// starts on, and its text.
pub(crate) struct Block {
    pub(crate) lang: String,
    pub(crate) line: usize,
    pub(crate) text: String,
}

pub(crate) fn blocks(page: &str, text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    for (n, line) in text.lines().enumerate() {
        let fence = line.trim();
        match &mut current {
            None if fence.starts_with("```") => {
                current = Some(Block {
                    lang: fence.trim_start_matches('`').trim().to_string(),
                    line: n + 1,
                    text: String::new(),
                })
            }
            Some(_) if fence == "```" => out.extend(current.take()),
            Some(block) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            None => {}
        }
    }
    if let Some(b) = current {
        panic!("{page}:{}: a ``` block that is never closed", b.line);
    }
    out
}

/// Pretty-printed so a changed count can be pasted back into the table.
pub(crate) fn counts_differ<T: std::fmt::Debug>(what: &str, actual: &[(String, T)]) -> String {
    let rows: Vec<String> = actual
        .iter()
        .map(|(f, c)| format!("    (\"{f}\", {c:?}),"))
        .collect();
    format!("{what} changed; the counts now are:\n{}", rows.join("\n"))
}

#[test]
fn every_toml_block_parses_as_the_file_it_names() {
    let mut seen: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    for (page, text) in pages() {
        for block in blocks(&page, &text)
            .into_iter()
            .filter(|b| b.lang == "toml")
        {
            let at = format!("{page}:{}", block.line);
            let body = &block.text;
            let named = body
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("# "))
                .and_then(|l| l.split_whitespace().next())
                .unwrap_or("");
            let dir = tempfile::tempdir().unwrap();
            let kind = match named {
                "lane.toml" => {
                    let whole = format!("version = 1\n{body}");
                    let data = lane::store::parse(Path::new("lane.toml"), whole.as_bytes())
                        .unwrap_or_else(|e| panic!("{at}: {e:#}\n{body}"));
                    let unknown = unknown_keys(&data);
                    assert!(
                        unknown.is_empty(),
                        "{at}: keys lane does not know: {unknown:?}"
                    );
                    0
                }
                "keymap.toml" => {
                    std::fs::write(dir.path().join(lane::keymap::KEYMAP_FILE), body).unwrap();
                    Keymap::load(dir.path()).unwrap_or_else(|e| panic!("{at}: {e:#}\n{body}"));
                    1
                }
                "config.toml" => {
                    std::fs::write(dir.path().join(lane::config::CONFIG_FILE), body).unwrap();
                    Config::load(dir.path()).unwrap_or_else(|e| panic!("{at}: {e:#}\n{body}"));
                    2
                }
                other if OTHER_PROGRAMS.contains(&other) => {
                    toml::from_str::<toml::Table>(body)
                        .unwrap_or_else(|e| panic!("{at}: {e}\n{body}"));
                    3
                }
                _ => panic!(
                    "{at}: a ```toml block starts with a comment naming its file \
                     (# config.toml, # keymap.toml, # lane.toml or one of {OTHER_PROGRAMS:?})"
                ),
            };
            seen.entry(page.clone()).or_default()[kind] += 1;
        }
    }
    let actual: Vec<(String, [usize; 4])> = seen.into_iter().collect();
    let expected: Vec<(String, [usize; 4])> = TOML_BLOCKS
        .iter()
        .map(|(f, c)| (f.to_string(), *c))
        .collect();
    assert_eq!(
        actual,
        expected,
        "{}",
        counts_differ("toml blocks", &actual)
    );
}

/// Keys a lane.toml sample holds that lane does not know: each item keeps them
/// in `extra`, at every level.
fn unknown_keys(data: &lane::model::Data) -> Vec<String> {
    let mut out = Vec::new();
    let mut note = |at: &str, extra: &toml::Table| {
        out.extend(extra.keys().map(|k| format!("{at}.{k}")));
    };
    note("top level", &data.extra);
    for p in &data.priorities {
        note("priorities", &p.extra);
        p.updates
            .iter()
            .for_each(|u| note("priorities.updates", &u.extra));
        p.milestones
            .iter()
            .for_each(|m| note("priorities.milestones", &m.extra));
        for k in &p.key_results {
            note("priorities.key_results", &k.extra);
            k.readings
                .iter()
                .for_each(|r| note("priorities.key_results.readings", &r.extra));
        }
    }
    data.blocks.iter().for_each(|b| note("blocks", &b.extra));
    for b in &data.blockers {
        note("blockers", &b.extra);
        b.tried
            .iter()
            .for_each(|t| note("blockers.tried", &t.extra));
    }
    data.decisions
        .iter()
        .for_each(|d| note("decisions", &d.extra));
    for r in &data.reviews {
        note("reviews", &r.extra);
        r.blocks
            .iter()
            .for_each(|b| note("reviews.blocks", &b.extra));
        r.progress
            .iter()
            .for_each(|p| note("reviews.progress", &p.extra));
        r.blockers
            .iter()
            .for_each(|b| note("reviews.blockers", &b.extra));
        r.plan.iter().for_each(|p| note("reviews.plan", &p.extra));
    }
    data.series.iter().for_each(|s| note("series", &s.extra));
    data.conflicts
        .iter()
        .for_each(|c| note("conflicts", &c.extra));
    out
}

#[test]
fn a_lane_toml_sample_with_a_misspelt_field_is_caught() {
    let whole = "version = 1\n[[priorities]]\nid = 1\ntitle = \"x\"\nimpcat = \"high\"\n";
    let data = lane::store::parse(Path::new("lane.toml"), whole.as_bytes()).unwrap();
    assert_eq!(unknown_keys(&data), ["priorities.impcat"]);
}

/// The prose of a page: its lines outside fenced code blocks, numbered from 1.
pub(crate) fn prose(text: &str) -> Vec<(usize, &str)> {
    let mut in_code = false;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if !in_code {
            out.push((n + 1, line));
        }
    }
    out
}

/// The anchors of a page's headings, as GitHub makes them: lower case, spaces
/// to hyphens, other punctuation dropped.
fn anchors(text: &str) -> Vec<String> {
    prose(text)
        .into_iter()
        .filter(|(_, l)| l.starts_with('#'))
        .map(|(_, l)| {
            l.trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// Every relative link of the README and docs/ leads to a file that is there,
/// and a link to `#a-heading` to a heading of that page.
#[test]
fn every_link_between_the_pages_leads_somewhere() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, text) in pages() {
        let dir = root().join(&page).parent().unwrap().to_path_buf();
        for (n, line) in prose(&text) {
            for target in line.split("](").skip(1).filter_map(|t| t.split(')').next()) {
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                checked += 1;
                let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
                let file = if path.is_empty() {
                    root().join(&page)
                } else {
                    dir.join(path)
                };
                if !file.exists() {
                    broken.push(format!("{page}:{n}: {target}"));
                } else if !anchor.is_empty() {
                    let there = std::fs::read_to_string(&file).unwrap();
                    if !anchors(&there).iter().any(|a| a == anchor) {
                        broken.push(format!("{page}:{n}: {target} (no such heading)"));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "links to nothing: {broken:#?}");
    assert!(checked > 50, "{checked} links");
}
