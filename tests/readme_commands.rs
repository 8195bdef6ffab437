//! The `lane` command lines of the README and docs/ parse with lane's own
//! parser: each shell block's `lane` lines split as a shell would, counted per
//! page against the table below (see `readme.rs` for the whole set of checks).

use clap::Parser;

use crate::readme::{blocks, counts_differ, pages};

/// `lane …` lines in shell blocks per file, each parsed.
const LANE_LINES: &[(&str, usize)] = &[
    ("README.md", 10),
    ("docs/calendars.md", 7),
    ("docs/cli.md", 98),
    ("docs/guide.md", 7),
    ("docs/links.md", 9),
    ("docs/reminders.md", 2),
    ("docs/replan.md", 7),
    ("docs/status.md", 2),
    ("docs/sync.md", 2),
    ("docs/team.md", 9),
];

/// Shell lines that show a form rather than a command, left unparsed. Keep it
/// short: a concrete example is checked, a placeholder is not.
const NOT_COMMANDS: &[&str] = &[];

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
