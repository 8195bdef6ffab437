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
//!   by lane's real command-line parser, [`lane::cli::Cli`], without running it.
//! - **Keys**: see [`every_key_of_the_keymap_is_in_docs_keys_md`].
//! - **Links**: every relative link leads to a file, and its `#anchor` to a
//!   heading of that file.
//!
//! The TOML and command-line checks count what they checked, per file, against
//! the tables below: a block that stops being recognised (a changed fence, a
//! renamed file) fails the count instead of passing unchecked. Change a sample,
//! change the count. Tests below show the checks catch a mistake.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Parser;
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
    ("docs/reminders.md", [0, 0, 1, 0]),
    ("docs/status.md", [0, 0, 0, 1]),
];

/// `lane …` lines in shell blocks per file, each parsed.
const LANE_LINES: &[(&str, usize)] = &[
    ("README.md", 9),
    ("docs/calendars.md", 7),
    ("docs/cli.md", 82),
    ("docs/guide.md", 7),
    ("docs/reminders.md", 2),
    ("docs/status.md", 2),
    ("docs/sync.md", 2),
];

/// Config files of other programs a ```toml block may show (`# starship.toml`):
/// they must at least be TOML.
const OTHER_PROGRAMS: &[&str] = &["starship.toml"];

/// Shell lines that show a form rather than a command, left unparsed. Keep it
/// short: a concrete example is checked, a placeholder is not.
const NOT_COMMANDS: &[&str] = &[];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md, then every docs/*.md by name: (path from the root, text).
fn pages() -> Vec<(String, String)> {
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
struct Block {
    lang: String,
    line: usize,
    text: String,
}

fn blocks(page: &str, text: &str) -> Vec<Block> {
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
fn counts_differ<T: std::fmt::Debug>(what: &str, actual: &[(String, T)]) -> String {
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

/// A line as a shell splits it into words, up to a comment or an operator
/// (`>`, `<`, `|`, `;`, `&`): the command alone, quotes removed. Enough shell for
/// documentation: quotes, backslashes, comments; no expansion.
fn shell_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err(format!("an unclosed ' in {line}")),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err(format!("an unclosed \" in {line}")),
                        },
                        Some(c) => word.push(c),
                        None => return Err(format!("an unclosed \" in {line}")),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.extend(chars.next());
            }
            '#' if !in_word => break,
            '>' | '<' | '|' | ';' | '&' => break,
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

#[test]
fn shell_words_split_as_a_shell_does() {
    let split = |l: &str| shell_words(l).unwrap();
    assert_eq!(
        split(r#"lane add priority "Ship v2" --due fri"#),
        ["lane", "add", "priority", "Ship v2", "--due", "fri"]
    );
    assert_eq!(split("lane list   # a comment"), ["lane", "list"]);
    assert_eq!(split("lane man > ~/lane.1"), ["lane", "man"]);
    assert_eq!(split("lane status | cut -c1-20"), ["lane", "status"]);
    assert_eq!(
        split(r#"lane x 'it''s' "a \"b\"" c\ d a#b """#),
        ["lane", "x", "its", "a \"b\"", "c d", "a#b", ""]
    );
    assert!(shell_words("lane add priority \"unclosed").is_err());
}

/// The `lane` command lines of a page's shell blocks: (line number, words).
fn lane_lines(page: &str, text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for block in blocks(page, text) {
        if !matches!(block.lang.as_str(), "sh" | "bash" | "shell") {
            continue;
        }
        // A line ending in `\` goes on on the next one.
        let mut pending = String::new();
        for (n, line) in block.text.lines().enumerate() {
            let line = line.trim();
            if let Some(head) = line.strip_suffix('\\') {
                pending.push_str(head);
                continue;
            }
            let whole = std::mem::take(&mut pending) + line;
            let command = whole.strip_prefix("$ ").unwrap_or(&whole).trim();
            if !(command == "lane" || command.starts_with("lane ")) {
                continue;
            }
            let at = format!("{page}:{}", block.line + 1 + n);
            if NOT_COMMANDS.contains(&command) {
                continue;
            }
            let words = shell_words(command).unwrap_or_else(|e| panic!("{at}: {e}"));
            out.push((block.line + 1 + n, words));
        }
    }
    out
}

/// Parsed as the binary would parse it; `--help` and `--version` count as parsed.
fn parses(words: &[String]) -> Result<(), String> {
    match lane::cli::Cli::try_parse_from(words) {
        Ok(_) => Ok(()),
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            ) =>
        {
            Ok(())
        }
        Err(e) => Err(e.render().to_string()),
    }
}

#[test]
fn every_lane_command_line_in_the_docs_parses() {
    let mut seen: Vec<(String, usize)> = Vec::new();
    let mut wrong = Vec::new();
    for (page, text) in pages() {
        let lines = lane_lines(&page, &text);
        for (n, words) in &lines {
            if let Err(e) = parses(words) {
                wrong.push(format!("{page}:{n}: {}\n{e}", words.join(" ")));
            }
        }
        if !lines.is_empty() {
            seen.push((page, lines.len()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let expected: Vec<(String, usize)> = LANE_LINES
        .iter()
        .map(|(f, c)| (f.to_string(), *c))
        .collect();
    assert_eq!(
        seen,
        expected,
        "{}",
        counts_differ("lane command lines", &seen)
    );
}

#[test]
fn the_parser_refuses_what_lane_refuses() {
    let words = |l: &str| shell_words(l).unwrap();
    for bad in [
        "lane add priorty \"Ship v2\"",
        "lane done priority one",
        "lane list --jsn",
        "lane report monthly",
        "lane tried blocker 1 ask",
    ] {
        assert!(parses(&words(bad)).is_err(), "{bad} parsed");
    }
    assert!(parses(&words("lane --version")).is_ok());
}

/// `assets/keymap.toml` as (context, key, action), in file order.
fn default_bindings() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(root().join("assets/keymap.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let mut out = Vec::new();
    for (context, keys) in &table {
        for (key, binding) in keys.as_table().unwrap() {
            let action = binding["action"].as_str().unwrap().to_string();
            out.push((context.clone(), key.clone(), action));
        }
    }
    out
}

/// The table rows of each context's section of keys.md: (context, keys, action,
/// line). A section starts at a heading holding `` `[context]` `` and runs to the
/// next heading; a row's first cell holds its keys in backticks, its second the
/// action's name in backticks.
fn documented(doc: &str) -> Vec<(String, Vec<String>, String, usize)> {
    let ticked = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let mut out = Vec::new();
    let mut context: Option<String> = None;
    for (n, line) in prose(doc) {
        if line.starts_with('#') {
            context = ticked(line)
                .into_iter()
                .find_map(|t| t.strip_prefix('[')?.strip_suffix(']').map(str::to_string));
            continue;
        }
        let (Some(ctx), Some(row)) = (&context, line.trim().strip_prefix('|')) else {
            continue;
        };
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        // The header row and the |---| line say nothing.
        if cells.len() < 2 || cells[0].starts_with('-') || !cells[0].contains('`') {
            continue;
        }
        let action = ticked(cells[1]).into_iter().next().unwrap_or_default();
        out.push((ctx.clone(), ticked(cells[0]), action, n));
    }
    out
}

/// What is wrong between the keymap and keys.md: bindings keys.md does not
/// list, and rows that name a key the context does not bind to that action.
fn key_mismatches(bindings: &[(String, String, String)], doc: &str) -> Vec<String> {
    let rows = documented(doc);
    let mut wrong = Vec::new();
    for (ctx, key, action) in bindings {
        let listed = rows
            .iter()
            .any(|(c, keys, a, _)| c == ctx && a == action && keys.contains(key));
        if !listed {
            wrong.push(format!("[{ctx}] `{key}` → `{action}` is not in keys.md"));
        }
    }
    for (ctx, keys, action, line) in &rows {
        for key in keys {
            if !bindings
                .iter()
                .any(|(c, k, a)| c == ctx && k == key && a == action)
            {
                wrong.push(format!(
                    "keys.md:{line}: [{ctx}] `{key}` is not bound to `{action}` in assets/keymap.toml"
                ));
            }
        }
    }
    wrong
}

/// `docs/keys.md` lists every binding of `assets/keymap.toml`, and nothing else
/// as one. The rule: for each context `[ctx]` of the keymap, keys.md has a
/// section whose heading holds `` `[ctx]` ``, with a table whose rows read
/// `` | `key`, `other key` | `action` | what it does | ``: keys written as the
/// keymap writes them (`ctrl-r`, `space`, `backtab`), the action by its name.
/// Every binding must be in such a row of its context's section, and every key
/// in such a row must be bound to that action in that context. Keys the keymap
/// does not hold (editing keys in a field, digits in a choice, the mouse) are
/// written outside these tables.
#[test]
fn every_key_of_the_keymap_is_in_docs_keys_md() {
    let bindings = default_bindings();
    let contexts: std::collections::BTreeSet<&str> =
        bindings.iter().map(|(c, _, _)| c.as_str()).collect();
    assert!(
        bindings.len() > 150 && contexts.len() > 15,
        "{} bindings",
        bindings.len()
    );
    let doc = std::fs::read_to_string(root().join("docs/keys.md")).unwrap();
    let wrong = key_mismatches(&bindings, &doc);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    println!(
        "keys.md: {} bindings in {} contexts checked",
        bindings.len(),
        contexts.len()
    );
}

#[test]
fn a_key_missing_from_keys_md_or_bound_to_nothing_is_caught() {
    let b = |c: &str, k: &str, a: &str| (c.to_string(), k.to_string(), a.to_string());
    let bindings = [b("global", "q", "quit"), b("global", "?", "help")];
    let doc = "## Everywhere `[global]`\n\n| key | action | |\n|---|---|---|\n\
               | `q`, `Q` | `quit` | save and quit |\n";
    assert_eq!(
        key_mismatches(&bindings, doc),
        [
            "[global] `?` → `help` is not in keys.md",
            "keys.md:5: [global] `Q` is not bound to `quit` in assets/keymap.toml",
        ]
    );
}

/// The prose of a page: its lines outside fenced code blocks, numbered from 1.
fn prose(text: &str) -> Vec<(usize, &str)> {
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
