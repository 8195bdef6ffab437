//! The suite fits CI: every property test, fuzzer and random loop in the
//! workspace takes its count from `cases(default, long)`, the defaults add up to
//! at most [`BUDGET`] cases, and docs/testing.md lists each one with both counts.
//!
//! The counts are read from the source: each `cases(D, L)` call with two literal
//! numbers is one count. In a `proptest!` block it is the count of every test of
//! the block, and every block must take its count this way (proptest's own
//! default, 256 a test, would add to the budget unseen). Elsewhere it counts
//! for the test function it is written in (a random loop).

use std::path::{Path, PathBuf};

/// Generated cases a plain `cargo test` may run, across the workspace.
const BUDGET: u64 = 20_000;

/// One test's count: where, which test, and its cases by default and when long.
#[derive(Debug)]
struct Count {
    file: String,
    test: String,
    default: u64,
    long: u64,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every .rs file under `dir`, as (path from the root, text).
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.strip_prefix(root()).unwrap().display().to_string();
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// Every `cases(D, L)` call in `text` with two literal numbers: where, D and L.
fn calls(text: &str) -> Vec<(usize, u64, u64)> {
    let number = |s: &str| s.trim().replace('_', "").parse().ok();
    text.match_indices("cases(")
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .filter_map(|(at, _)| {
            let rest = &text[at + "cases(".len()..];
            let (d, l) = rest[..rest.find(')')?].split_once(',')?;
            Some((at, number(d)?, number(l)?))
        })
        .collect()
}

/// The name of the first `fn` in `text`.
fn first_fn(text: &str) -> Option<String> {
    let at = text.find("fn ")? + 3;
    let name: String = text[at..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    Some(name)
}

/// The counts in one file, and the `proptest!` blocks whose count is not
/// `cases(D, L)`.
fn counts_in(file: &str, text: &str) -> (Vec<Count>, Vec<String>) {
    let calls = calls(text);
    let (mut counts, mut unset) = (Vec::new(), Vec::new());
    let count = |test: String, default, long| Count {
        file: file.to_string(),
        test,
        default,
        long,
    };
    // `proptest!` blocks: from the macro to the first line that closes it.
    let mut blocks = Vec::new();
    for (start, _) in text.match_indices("proptest! {") {
        let end = text[start..]
            .find("\n}")
            .map_or(text.len(), |e| start + e + 2);
        let tests: Vec<String> = text[start..end]
            .split("#[test]")
            .skip(1)
            .filter_map(first_fn)
            .collect();
        match calls.iter().find(|(at, _, _)| (start..end).contains(at)) {
            Some(&(_, default, long)) => {
                counts.extend(tests.into_iter().map(|test| count(test, default, long)))
            }
            None => unset.push(format!("{file}: {tests:?}")),
        }
        blocks.push(start..end);
    }
    // Random loops: a call outside those blocks counts for the test it is in.
    for &(at, default, long) in &calls {
        if blocks.iter().any(|b| b.contains(&at)) {
            continue;
        }
        let test = text[..at].rfind("fn ").and_then(|f| first_fn(&text[f..]));
        counts.push(count(test.unwrap(), default, long));
    }
    (counts, unset)
}

fn counts() -> Vec<Count> {
    let mut files = Vec::new();
    for dir in ["src", "crates", "tests"] {
        sources(&root().join(dir), &mut files);
    }
    // This file's own example text is not a count.
    files.retain(|(name, _)| name != "tests/budget.rs");
    files.sort();
    let (mut all, mut unset) = (Vec::new(), Vec::new());
    for (file, text) in &files {
        let (counts, no_count) = counts_in(file, text);
        all.extend(counts);
        unset.extend(no_count);
    }
    assert!(
        unset.is_empty(),
        "proptest! blocks must take their count from cases(default, long): {unset:#?}"
    );
    all
}

/// 18170 as "18 170", as the docs write numbers.
fn spaced(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[test]
fn the_default_run_generates_at_most_the_budget() {
    let counts = counts();
    // Everything this file knows of: a rename that hides a count fails here.
    assert!(counts.len() >= 11, "{counts:#?}");
    let total: u64 = counts.iter().map(|c| c.default).sum();
    assert!(
        total <= BUDGET,
        "{total} cases by default, over {BUDGET}: {counts:#?}"
    );
    for c in &counts {
        assert!(
            c.long >= c.default,
            "{} {}: long {} < default {}",
            c.file,
            c.test,
            c.long,
            c.default
        );
    }
}

#[test]
fn docs_testing_md_lists_every_count() {
    let counts = counts();
    let doc = std::fs::read_to_string(root().join("docs/testing.md")).unwrap();
    let rows: Vec<Vec<String>> = doc
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| l.split('|').map(|c| c.trim().to_string()).collect())
        .collect();
    let number = |cell: &str| cell.replace([' ', '_'], "").parse::<u64>().ok();
    for c in &counts {
        let name = format!("`{}`", c.test);
        let row = rows
            .iter()
            .find(|r| r.iter().any(|cell| cell.contains(&name)));
        let row = row.unwrap_or_else(|| panic!("docs/testing.md has no row for {name}"));
        let n = row.len();
        assert_eq!(
            (number(&row[n - 3]), number(&row[n - 2])),
            (Some(c.default), Some(c.long)),
            "docs/testing.md, {name}: default and long counts"
        );
        assert!(
            row.iter().any(|cell| cell.contains(&c.file)),
            "docs/testing.md, {name}: not in {}",
            c.file
        );
    }
    // And no row for a test that is gone.
    for row in rows.iter().filter(|r| r.len() >= 4) {
        let n = row.len();
        if number(&row[n - 3]).is_none() || number(&row[n - 2]).is_none() {
            continue;
        }
        if row[1].starts_with("**") {
            continue; // the total
        }
        assert!(
            counts
                .iter()
                .any(|c| row[1].contains(&format!("`{}`", c.test))),
            "docs/testing.md lists a count no test has: {row:?}"
        );
    }
    let total: u64 = counts.iter().map(|c| c.default).sum();
    let long: u64 = counts.iter().map(|c| c.long).sum();
    let said = format!("| **{}** | **{}** |", spaced(total), spaced(long));
    assert!(
        doc.contains(&said),
        "docs/testing.md must give the totals: {said}"
    );
}

#[test]
fn the_counts_are_read_from_the_source() {
    let text = "proptest! {\n    #![proptest_config(ProptestConfig::with_cases(cases(3_000, 1_000_000)))]\n\n    #[test]\n    fn a(x in 0..1) {}\n\n    #[test]\n    fn b(x in 0..1) {}\n}\n\n#[test]\nfn c() {\n    for _ in 0..cases(20, 500) {}\n}\n\nproptest! {\n    #[test]\n    fn d(x in 0..1) {}\n}\n";
    let (counts, unset) = counts_in("x.rs", text);
    let got: Vec<(&str, u64, u64)> = counts
        .iter()
        .map(|c| (c.test.as_str(), c.default, c.long))
        .collect();
    assert_eq!(
        got,
        [
            ("a", 3_000, 1_000_000),
            ("b", 3_000, 1_000_000),
            ("c", 20, 500)
        ]
    );
    assert_eq!(unset, ["x.rs: [\"d\"]"]);
    assert_eq!(spaced(18_170), "18 170");
    assert_eq!(spaced(7_212_000), "7 212 000");
    assert_eq!(spaced(50), "50");
}
