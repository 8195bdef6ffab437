//! Errors in TOML files that say where: `path:line:col`, the line, a caret, and
//! for a mistyped key the key that was probably meant.

use std::path::Path;

use color_eyre::eyre::eyre;

use lane_core::model::problems::{Problem, Step};

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
/// at its `path:line:col` in `text` (after the path alone if it has no place).
pub fn problems_at(path: &Path, text: &str, problems: &[Problem]) -> color_eyre::Report {
    let doc = toml_edit::Document::parse(text).ok();
    let mut out: Vec<String> = Vec::new();
    for p in problems.iter().take(SHOWN_PROBLEMS) {
        let offset = doc.as_ref().and_then(|d| offset_of(d.as_item(), &p.at));
        out.push(match offset {
            Some(at) => format!("{:#}", located_at(path, text, at, &p.to_string())),
            None => format!("{}: {p}", path.display()),
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
    #[test]
    fn each_refused_value_is_shown_at_its_place_the_first_ten_of_them() {
        let mut text = String::from("version = 1\n");
        for id in 1..=12 {
            text.push_str(&format!(
                "[[priorities]]\nid = {id}\ntitle = \"p\"\nprogress = 200\n"
            ));
        }
        let err = crate::store::parse(Path::new("lane.toml"), text.as_bytes()).unwrap_err();
        let err = format!("{err:#}");
        let places: Vec<&str> = err
            .lines()
            .filter(|l| l.starts_with("lane.toml:"))
            .collect();
        assert_eq!(places.len(), 10, "{err}");
        assert!(places[0].starts_with("lane.toml:5:12: [[priorities]] id 1: `progress` is 200"));
        assert!(
            places[9].starts_with("lane.toml:41:12: [[priorities]] id 10:"),
            "{err}"
        );
        assert!(err.ends_with("… and 2 more problems"), "{err}");
    }
}
