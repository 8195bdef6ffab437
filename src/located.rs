//! Errors in TOML files that say where: `path:line:col`, the line, a caret, and
//! for a mistyped key the key that was probably meant.

use std::path::Path;

use color_eyre::eyre::eyre;

use crate::model::problems::{Problem, Step};

pub fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

pub fn located(path: &Path, text: &str, e: &toml::de::Error) -> color_eyre::Report {
    let mut reason = e.message().trim().to_string();
    if let Some(hint) = near_miss(&reason) {
        reason.push_str(&format!(" — did you mean `{hint}`?"));
    }
    match e.span() {
        Some(span) => located_at(path, text, span.start, &reason),
        None => eyre!("{}: {reason}", path.display()),
    }
}

/// `path:line:col: reason`, the line, and a caret under byte `offset` of `text`.
pub fn located_at(path: &Path, text: &str, offset: usize, reason: &str) -> color_eyre::Report {
    let (line, col) = line_col(text.as_bytes(), offset);
    let source = text.lines().nth(line - 1).unwrap_or_default();
    let gutter = line.to_string().len();
    eyre!(
        "{}:{line}:{col}: {reason}\n{:gutter$} |\n{line} | {source}\n{:gutter$} | {:>col$}",
        path.display(),
        "",
        "",
        "^"
    )
}

/// How many problems an error lists before it only counts the rest.
const SHOWN_PROBLEMS: usize = 10;

/// Data that parsed but that lane refuses (see `model::problems`): each problem
/// at its `path:line:col` in `text` when there is a text to point into, else
/// after the path.
pub fn problems_at(path: &Path, text: Option<&str>, problems: &[Problem]) -> color_eyre::Report {
    let doc = text.and_then(|t| toml_edit::Document::parse(t).ok());
    let mut out: Vec<String> = Vec::new();
    for p in problems.iter().take(SHOWN_PROBLEMS) {
        let offset = doc.as_ref().and_then(|d| offset_of(d.as_item(), &p.at));
        out.push(match (text, offset) {
            (Some(text), Some(at)) => format!("{:#}", located_at(path, text, at, &p.to_string())),
            _ => format!("{}: {p}", path.display()),
        });
    }
    if problems.len() > SHOWN_PROBLEMS {
        out.push(format!(
            "… and {} more problems",
            problems.len() - SHOWN_PROBLEMS
        ));
    }
    eyre!("{}", out.join("\n"))
}

/// The byte offset of the value at `at`, or of the nearest thing above it that has
/// a place in the file (an item whose key is missing points at the item).
fn offset_of(root: &toml_edit::Item, at: &[Step]) -> Option<usize> {
    let mut item = root;
    let mut found = None;
    for step in at {
        let next = match step {
            Step::Key(k) => item.get(*k),
            Step::Index(i) => item.get(*i),
        };
        let Some(next) = next else { break };
        item = next;
        found = item.span().map(|s| s.start).or(found);
    }
    found
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": the closest expected
/// name, if it is close enough to be a typo.
fn near_miss(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (typed, expected) = rest.split_once('`')?;
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|name| (distance(typed, name), name))
        .filter(|(d, name)| *d <= 2.max(name.len() / 4))
        .min()
        .map(|(_, name)| name.to_string())
}

/// Edit distance between two short names.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistyped_key_gets_a_suggestion() {
        let msg = "unknown field `silnce_days`, expected one of `working_hours`, `silence_days`, `boundaries`";
        assert_eq!(near_miss(msg).as_deref(), Some("silence_days"));
        let far = "unknown field `colour`, expected one of `working_hours`, `silence_days`";
        assert_eq!(near_miss(far), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
