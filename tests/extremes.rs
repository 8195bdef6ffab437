//! Numbers at and past every limit — i64::MIN and MAX, u64::MAX, huge day and
//! week counts, far dates, NaN — into every parser (dates, times, durations, the
//! quick-entry grammar), every form field that takes one, and every command that
//! takes a number or a date: a value in range or a clear error, never a panic,
//! never a file lane then refuses to open. Cases: `cases(default, long)`;
//! LANE_LONG_TESTS=1 runs the long form.

use std::fs;
use std::path::Path;

use lane::model::Data;
use lane::model::form::{Ctx, fields, initial_values, save};
use lane::model::limits::{FIRST_DATE, LAST_DATE};
use lane::model::parse::*;
use lane::model::{Kind, WorkingHours};
use proptest::prelude::*;

use crate::common::{cases, now};
use crate::values::{SAMPLE, loads, run};

/// Numbers at and past every limit, as text, for the property tests below.
fn extreme() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(vec![
            i64::MIN.to_string(),
            i64::MAX.to_string(),
            (i64::MAX as u64 + 1).to_string(),
            u64::MAX.to_string(),
            u32::MAX.to_string(),
            (u64::from(u32::MAX) + 1).to_string(),
            i128::MAX.to_string(),
            "99999999999999999999999999999999999999999".to_string(),
            "1000000000000000".to_string(),
            "99999999999".to_string(),
            "2913000".to_string(),
            "262143".to_string(),
            "1441".to_string(),
            "1440".to_string(),
            "0".to_string(),
            "-0".to_string(),
            "-1".to_string(),
            "1e308".to_string(),
            "nan".to_string(),
            "inf".to_string(),
        ]),
        2 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => (0u32..100_000).prop_map(|n| n.to_string()),
    ]
}

/// Where a number goes in what a person types: dates, times, durations and the
/// quick-entry grammar of a block's title.
const TEMPLATES: [&str; 14] = [
    "+{}d",
    "-{}d",
    "+{}w",
    "-{}w",
    "+{}",
    "{}-01-01",
    "14:00 +{}",
    "now +{}m",
    "{}:00",
    "9-{}",
    "14:00 +{}h",
    "{}:00 +90m title",
    "{} retries",
    "{}k",
];

/// A clock anywhere in lane's range, the ends included.
fn clock() -> impl Strategy<Value = chrono::NaiveDateTime> {
    let days = (LAST_DATE - FIRST_DATE).num_days();
    prop_oneof![
        Just(0i64),
        Just(days),
        0..=days,
        Just((now().date() - FIRST_DATE).num_days()),
    ]
    .prop_flat_map(|d| (Just(d), 0u32..86_400))
    .prop_map(|(d, s)| {
        (FIRST_DATE + chrono::Duration::days(d))
            .and_time(chrono::NaiveTime::from_num_seconds_from_midnight_opt(s, 0).unwrap())
    })
}

/// An error a person can read: one line, saying something.
fn clear(e: &str) -> bool {
    !e.trim().is_empty() && !e.contains('\n')
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(cases(2_000, 1_000_000)) })]

    /// Every parser and every form, fed numbers at and past every limit:
    /// a value in range or a clear error, never a panic, never data lane refuses.
    #[test]
    fn extreme_numbers_get_a_value_in_range_or_a_clear_error(
        n in extreme(),
        template in proptest::sample::select(TEMPLATES.to_vec()),
        now in clock(),
    ) {
        let typed = template.replace("{}", &n);
        let today = now.date();
        match parse_date(&typed, today) {
            Ok(d) => prop_assert!((FIRST_DATE..=LAST_DATE).contains(&d), "{typed} gave {d}"),
            Err(e) => prop_assert!(clear(&e), "{typed}: {e}"),
        }
        match parse_duration(&typed) {
            Ok(m) => prop_assert!((1..=24 * 60).contains(&m), "{typed} gave {m}"),
            Err(e) => prop_assert!(clear(&e), "{typed}: {e}"),
        }
        match parse_span(&typed, now) {
            Ok(s) => prop_assert!(s.end.is_none_or(|end| end > s.start), "{typed} gave {s:?}"),
            Err(e) => prop_assert!(clear(&e), "{typed}: {e}"),
        }
        if let Some(split) = split_leading_span(&typed, now) {
            match split {
                Ok((s, _)) => prop_assert!(s.end.is_none_or(|end| end > s.start)),
                Err(e) => prop_assert!(clear(&e), "{typed}: {e}"),
            }
        }
        for result in [parse_time(&typed).map(|_| ()), parse_percent(&typed).map(|_| ()),
                       parse_energy(&typed).map(|_| ()), parse_money(&typed).map(|_| ())] {
            if let Err(e) = result {
                prop_assert!(clear(&e), "{typed}: {e}");
            }
        }
        // Through every form field that takes a date, a time or a number.
        let hours = WorkingHours::default();
        let boundaries = lane::model::triage::Boundaries::default();
        for (kind, key) in [
            (Kind::Block, "time"), (Kind::Block, "date"), (Kind::Block, "title"),
            (Kind::Block, "priority"), (Kind::Priority, "due"), (Kind::Priority, "progress"),
            (Kind::Decision, "review_on"), (Kind::Decision, "cost"),
            (Kind::Review, "date"), (Kind::Review, "energy"),
        ] {
            let mut data = Data::default();
            let first = fields(kind)[0].key;
            let values = initial_values(&data, kind, None, today)
                .with(first, "typed")
                .with(key, typed.clone());
            let ctx = Ctx { now, hours: &hours, boundaries: &boundaries, uid: "U".into() };
            match save(&mut data, kind, None, &values, ctx) {
                Ok(_) => prop_assert!(data.problems().is_empty(), "{key} {typed}: {:?}", data.problems()),
                Err(errors) => {
                    prop_assert_eq!(&data, &Data::default());
                    for (field, e) in errors {
                        prop_assert!(fields(kind).iter().any(|f| f.key == field), "{field}");
                        prop_assert!(clear(&e), "{key} {typed}: {e}");
                    }
                }
            }
        }
    }
}

/// Each command that takes a number or a date, with extreme numbers.
const COMMANDS: [&[&str]; 24] = [
    &["add", "priority", "p", "--due", "{}"],
    &["add", "priority", "p", "--progress", "{}"],
    &["add", "block", "b", "--time", "{}"],
    &["add", "block", "b", "--date", "{}"],
    &["add", "block", "{}"],
    &["add", "block", "b", "--priority", "{}"],
    &["add", "blocker", "k", "--priority", "{}"],
    &["add", "decision", "d", "--cost", "{}"],
    &["add", "decision", "d", "--review-on", "{}"],
    &["list", "blocks", "--date", "{}"],
    &["list", "blocks", "--week", "--date", "{}"],
    &["report", "week", "--since", "{}"],
    &["report", "brag", "--until", "{}"],
    &["report", "standup", "--since", "{}"],
    &["export", "ics", "--from", "{}", "--to", "{}"],
    &["done", "priority", "{}"],
    &["update", "priority", "{}", "note"],
    &["start", "block", "{}"],
    &["tried", "blocker", "{}", "docs"],
    &["escalate", "decision", "{}", "--to", "x"],
    &["resolve", "blocker", "{}", "fixed"],
    &["conflicts", "keep", "{}"],
    &["demo", "--days", "{}"],
    &["outcome", "decision", "{}", "fine"],
];

/// One command with `typed` in place of `{}`, on a dir with data in it (or an
/// empty one for demo): exit 0, or exit 2 with a clear error; never a panic;
/// and the file, if written, loads.
fn command(dir: &Path, template: &[&str], typed: &str) -> Result<(), String> {
    let args: Vec<String> = template.iter().map(|a| a.replace("{}", typed)).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let demo_dir = tempfile::tempdir().unwrap();
    let dir = if template[0] == "demo" {
        demo_dir.path()
    } else {
        dir
    };
    let (code, stderr) = run(dir, &args);
    let lane_said = stderr.starts_with("lane: ") && stderr.lines().count() == 1;
    let clap_said = stderr.starts_with("error: ");
    match code {
        0 => {}
        2 if lane_said || clap_said => {}
        _ => return Err(format!("{args:?}: exit {code}: {stderr}")),
    }
    loads(dir).map_err(|e| format!("{args:?} wrote what lane refuses: {e}"))
}

fn with_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("lane.toml"), SAMPLE).unwrap();
    dir
}

/// Every command above with every number at a limit, and the date and time
/// forms around it: the deterministic sweep.
#[test]
fn every_command_that_takes_a_number_refuses_extremes_clearly() {
    let dir = with_data();
    let numbers = [
        i64::MIN.to_string(),
        i64::MAX.to_string(),
        u64::MAX.to_string(),
        u32::MAX.to_string(),
        "99999999999999999999999999".to_string(),
        "1000000000000000".to_string(),
        "0".to_string(),
        "-1".to_string(),
    ];
    let mut runs = 0;
    for template in COMMANDS {
        for n in &numbers {
            let forms: &[&str] = match template.last() {
                Some(&"{}") if template.len() > 3 => &["{}", "+{}d", "-{}w", "14:00 +{}"],
                _ => &["{}"],
            };
            for form in forms {
                let typed = form.replace("{}", n);
                command(dir.path(), template, &typed).unwrap();
                runs += 1;
            }
        }
    }
    assert!(runs > 300, "{runs} runs");
}

proptest! {
    // Each case runs the binary: few cases, the sweep above covers every command.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(cases(50, 10_000)) })]

    #[test]
    fn the_command_line_refuses_extremes_clearly(
        n in extreme(),
        form in proptest::sample::select(TEMPLATES.to_vec()),
        template in proptest::sample::select(COMMANDS.to_vec()),
    ) {
        let typed = form.replace("{}", &n);
        let days: Option<u32> = typed.parse().ok();
        // A valid demo length writes years of data: that is tested in cli.rs.
        prop_assume!(!(template[0] == "demo" && days.is_some_and(|d| (1..=3650).contains(&d))));
        let dir = with_data();
        let done = command(dir.path(), template, &typed);
        prop_assert!(done.is_ok(), "{}", done.unwrap_err());
    }
}
