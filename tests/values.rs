//! Values under attack: typed, hand-edited, imported and configured values that
//! would make a file lane then refuses to open, or make its arithmetic panic.
//! Each gets a clear refusal where it comes from; the store never writes what it
//! would refuse to read; `lane check` refuses exactly what other commands fail on.

use std::fs;
use std::path::Path;
use std::time::Duration;

use lane::store::{Access, Store, parse};

use crate::common::{lane, now};

pub(crate) const SAMPLE: &str = include_str!("fixtures/realistic.toml");

/// Runs `lane ARGS` on `dir`; returns the exit code and stderr, after checking
/// it did not panic.
pub(crate) fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = lane(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("panicked") && out.status.code() != Some(101),
        "{args:?} panicked: {stderr}"
    );
    (out.status.code().unwrap_or(-1), stderr)
}

/// What `lane check` and every command rely on: the file, if any, loads.
pub(crate) fn loads(dir: &Path) -> Result<(), String> {
    match fs::read(dir.join("lane.toml")) {
        Ok(bytes) => parse(&dir.join("lane.toml"), &bytes)
            .map(|_| ())
            .map_err(|e| format!("{e:#}")),
        Err(_) => Ok(()),
    }
}

#[test]
fn typed_values_that_would_make_a_file_lane_cannot_open_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 10] = [
        (
            &["add", "block", "zero", "--time", "14:00 +0"],
            "lane: time: `+0`: a duration must be between 1m and 24h",
        ),
        (
            &["add", "block", "zero", "--time", "14:00 +-30"],
            "lane: time: `+-30`: a duration must be between 1m and 24h",
        ),
        (
            &["add", "block", "zero", "--time", "now +0"],
            "lane: time: `+0`: a duration must be between 1m and 24h",
        ),
        (
            &["add", "block", "14:00 +0 zero"],
            "lane: title: `+0`: a duration must be between 1m and 24h",
        ),
        (
            &["add", "block", "x", "--time", "14:00 +9223372036854775807"],
            "lane: time: `+9223372036854775807`: a duration must be between 1m and 24h",
        ),
        (
            &["add", "block", "x", "--date", "+1000000000000000d"],
            "lane: date: `+1000000000000000d` is out of range: dates go from 1900-01-01 to 9999-12-31",
        ),
        (
            &["add", "priority", "x", "--due", "+99999999999w"],
            "lane: due: `+99999999999w` is out of range: dates go from 1900-01-01 to 9999-12-31",
        ),
        (
            &["add", "decision", "x", "--review-on", "10000-01-01"],
            "lane: review-on: `10000-01-01` is not a date",
        ),
        (
            &["demo", "--days", "4294967295"],
            "lane: --days 4294967295: demo data covers 1 to 3650 days",
        ),
        (
            &["list", "blocks", "--date", "-99999999999w"],
            "lane: date: `-99999999999w` is out of range",
        ),
    ];
    for (args, said) in cases {
        let (code, stderr) = run(dir.path(), args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.starts_with(said), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(!dir.path().join("lane.toml").exists(), "{args:?} wrote");
    }
    // The same values, well formed, are taken; the file stays readable.
    for args in [
        &["add", "block", "one", "--time", "14:00 +1"][..],
        &["add", "block", "long", "--time", "00:00 +1439m"],
        &["add", "priority", "far", "--due", "9999-12-31"],
    ] {
        assert_eq!(run(dir.path(), args).0, 0, "{args:?}");
    }
    assert_eq!(run(dir.path(), &["check"]).0, 0);
}

// Over 80 lines: one table of bad values, each run through check and the command it breaks.
/// Hand edits and config values lane refuses: `lane check` says where, and every
/// command that reads the same file fails the same way (none panics).
#[test]
fn check_refuses_exactly_what_the_other_commands_fail_on() {
    let commands: [&[&str]; 8] = [
        &["list"],
        &["list", "--all"],
        &["list", "blocks", "--week"],
        &["list", "blockers", "--json"],
        &["report", "week"],
        &["report", "brag", "--since", "2020-01-01"],
        &["add", "priority", "x"],
        &["done", "priority", "1"],
    ];
    let far = SAMPLE.replace("created = \"2026-11-20\"", "created = \"+262142-12-31\"");
    let empty = SAMPLE.replace("end = \"10:30\"", "end = \"09:00\"");
    let energy = SAMPLE.replace("energy = 4", "energy = 200");
    let cases: [(&str, &str, &str, &str); 6] = [
        (
            "data",
            &far,
            "lane.toml:14:11:",
            "+262142-12-31 is not between",
        ),
        (
            "data",
            &empty,
            "lane.toml:25:7:",
            "ends at 09:00 before it starts",
        ),
        ("data", &energy, "lane.toml:49:10:", "`energy` is 200"),
        (
            "config",
            "archive_after_days = 200000000000\n",
            "config.toml:1:22:",
            "archive_after_days is 200000000000",
        ),
        (
            "config",
            "silence_days = 4294967295\n",
            "config.toml:1:16:",
            "silence_days is 4294967295",
        ),
        (
            "config",
            "blocker_timebox_hours = inf\n",
            "config.toml:1:25:",
            "blocker_timebox_hours is inf",
        ),
    ];
    for (which, text, place, reason) in cases {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("config")).unwrap();
        let file = match which {
            "data" => dir.path().join("lane.toml"),
            _ => {
                fs::write(dir.path().join("lane.toml"), SAMPLE).unwrap();
                dir.path().join("config/config.toml")
            }
        };
        fs::write(&file, text).unwrap();
        for args in std::iter::once(&["check"][..]).chain(commands) {
            let (code, stderr) = run(dir.path(), args);
            assert_eq!(code, 1, "{which} {args:?}: {stderr}");
            assert!(
                stderr.contains(place) && stderr.contains(reason),
                "{which} {args:?}: {stderr}"
            );
        }
        assert_eq!(fs::read_to_string(&file).unwrap(), text, "{which} changed");
    }

    // An archive year lane refuses: check says so, as do the commands that read it.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("lane.toml"), SAMPLE).unwrap();
    fs::create_dir(dir.path().join("archive")).unwrap();
    let year = "version = 1\n[[priorities]]\nid = 9\ntitle = \"old\"\nstatus = \"done\"\nclosed = \"1899-12-31\"\n";
    fs::write(dir.path().join("archive/2025.toml"), year).unwrap();
    for args in [
        &["check"][..],
        &["list", "--all"],
        &["report", "brag", "--since", "2020-01-01"],
    ] {
        let (code, stderr) = run(dir.path(), args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(stderr.contains("2025.toml:6:10:"), "{args:?}: {stderr}");
    }

    // Values at the very edges of every range: check says ok, and so does
    // every command — ranking, ladders, reports and calendars included.
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("config")).unwrap();
    fs::write(
        dir.path().join("config/config.toml"),
        "silence_days = 365\nblocker_timebox_hours = 1000\narchive_after_days = 36500\n",
    )
    .unwrap();
    let edges = SAMPLE
        .replace(
            "due = \"2026-11-27\"",
            "due = \"1900-01-01\"\nprogress = 100",
        )
        .replace("created = \"2026-11-20\"", "created = \"9999-12-31\"")
        .replace("date = \"2026-11-23\"", "date = \"9999-12-31\"")
        .replace(
            "id = 1\nuid = \"01JDX0000000000000000000B1\"",
            "id = 999999999\nuid = \"01JDX0000000000000000000B1\"",
        )
        .replace(
            "opened = \"2026-11-21\"",
            "opened = \"1900-01-01T00:00\"\nfollow_up = \"9999-12-31\"",
        )
        .replace(
            "reversible = true",
            "reversible = true\ncost = 1e300\nreview_on = \"9999-12-31\"",
        )
        .replace(
            "energy = 4",
            "energy = 5\nworked_minutes = 1000000\nplanned_minutes = 0",
        );
    fs::write(dir.path().join("lane.toml"), &edges).unwrap();
    assert_eq!(run(dir.path(), &["check"]).0, 0);
    for args in commands.iter().copied().chain([
        &["list", "blocks", "--week", "--date", "9999-12-31"][..],
        &["list", "decisions", "--json"],
        &["list", "reviews", "--all"],
        &["report", "standup", "--until", "9999-12-31"],
        &[
            "report",
            "review",
            "--since",
            "1900-01-01",
            "--until",
            "1900-01-07",
        ],
        &["export", "ics"],
        &["export", "json"],
        &["update", "priority", "1", "still far"],
    ]) {
        let (code, stderr) = run(dir.path(), args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert_eq!(loads(dir.path()), Ok(()), "{args:?}");
    }
}

#[test]
fn the_store_never_writes_what_it_would_refuse_to_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    fs::write(&file, SAMPLE).unwrap();
    let (mut store, data) = Store::open(dir.path(), Access::Write(Duration::from_secs(2))).unwrap();
    let far = chrono::NaiveDate::from_ymd_opt(262_142, 12, 31).unwrap();
    let mut bad = data.clone();
    bad.blocks[0].end = bad.blocks[0].start;
    bad.priorities[0].created = Some(far);
    let err = format!("{:#}", store.save(&bad, now()).unwrap_err());
    assert!(
        err.contains("was not written: lane would refuse to read it back"),
        "{err}"
    );
    assert!(
        err.contains("[[blocks]] id 1: ends at 09:00 before it starts at 09:00"),
        "{err}"
    );
    assert!(
        err.contains("`created` +262142-12-31 is not between"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE);

    // Archiving checks both files before touching either.
    let mut old = bad.clone();
    old.priorities[0].status = lane::model::PriorityStatus::Done;
    old.priorities[0].created = chrono::NaiveDate::from_ymd_opt(2025, 1, 6);
    let cutoff = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let before = old.clone();
    let err = format!("{:#}", store.archive(&mut old, cutoff).unwrap_err());
    assert!(err.contains("ends at 09:00"), "{err}");
    assert_eq!(old, before, "the data in memory is kept as it was");
    assert!(!dir.path().join("archive").exists());
    assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE);

    // The change stays in memory; once it is valid it saves.
    let mut fixed = bad;
    fixed.blocks[0].end = data.blocks[0].end;
    fixed.priorities[0].created = data.priorities[0].created;
    fixed.priorities[0].title = "Ship billing v3".into();
    store.save(&fixed, now()).unwrap();
    assert_eq!(parse(&file, &fs::read(&file).unwrap()).unwrap(), fixed);
}

#[test]
fn the_app_shows_the_reason_under_the_field_and_saves_nothing() {
    use crate::harness::Harness;
    use lane::state::Mode;
    for (typed, field, reason) in [
        (
            "zero<tab>14:00 +0",
            "time",
            "`+0`: a duration must be between 1m and 24h",
        ),
        (
            "zero<tab>now +-30",
            "time",
            "`+-30`: a duration must be between 1m and 24h",
        ),
        (
            "14:00 +0 zero",
            "title",
            "`+0`: a duration must be between 1m and 24h",
        ),
        (
            "zero<tab><tab>+99999999999w",
            "date",
            "`+99999999999w` is out of range: dates go from 1900-01-01 to 9999-12-31",
        ),
    ] {
        let mut h = Harness::new(120, 35);
        h.keys("2a").keys(typed).keys("<enter>");
        let Mode::Form(form) = &h.state.mode else {
            panic!("{typed}: the form closed");
        };
        let error = form
            .fields
            .iter()
            .find(|f| f.spec.key == field)
            .and_then(|f| f.error.clone());
        assert_eq!(error.as_deref(), Some(reason), "{typed}");
        // Under the field, as far as the form is wide.
        let shown: String = reason.chars().take(50).collect();
        assert!(h.screen().contains(&format!("↳ {shown}")), "{typed}");
        assert!(h.state.data().blocks.is_empty(), "{typed}");
        assert_eq!(h.io.saves, 0, "{typed}");
    }
}
