//! Bad files of every kind: each gives a clear error (with `path:line:col` where
//! there is a place to point at), never a panic, and the file stays byte-identical.

use std::fs;
use std::path::Path;

use lane::store::parse;

use crate::common::cases;

const SAMPLE: &str = include_str!("fixtures/realistic.toml");

fn check(dir: &Path) -> assert_cmd::assert::Assert {
    crate::common::lane(dir).arg("check").assert()
}

#[test]
fn truncated_at_every_byte_offset() {
    let path = Path::new("/data/lane.toml");
    let (mut refused, mut loaded) = (0, 0);
    for cut in 0..=SAMPLE.len() {
        match parse(path, &SAMPLE.as_bytes()[..cut]) {
            Ok(_) => loaded += 1,
            Err(e) => {
                refused += 1;
                let text = format!("{e:#}");
                assert!(text.starts_with("/data/lane.toml"), "cut {cut}: {text}");
            }
        }
    }
    // A cut at a line end can still be a valid, shorter file; most cuts are not.
    assert!(refused > loaded, "{refused} refused, {loaded} loaded");
    // The real binary over a sample of the cuts: non-zero exit or ok, never a change.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    for cut in (0..=SAMPLE.len()).step_by(97) {
        let bytes = &SAMPLE.as_bytes()[..cut];
        fs::write(&file, bytes).unwrap();
        let out = check(dir.path()).get_output().clone();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "cut {cut}: {stderr}");
        if !out.status.success() {
            assert!(stderr.starts_with("lane: "), "cut {cut}: {stderr}");
        }
        assert_eq!(
            fs::read(&file).unwrap(),
            bytes,
            "cut {cut} changed the file"
        );
    }
}

#[test]
fn random_byte_flips_never_panic_and_syntax_errors_say_where() {
    let mut seed = 0x00c0_ffeeu64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let path = Path::new("lane.toml");
    for _ in 0..cases(2_000, 1_000_000) {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        for _ in 0..1 + next() % 3 {
            let at = (next() as usize) % bytes.len();
            bytes[at] = (next() % 256) as u8;
        }
        if let Err(e) = parse(path, &bytes) {
            let text = format!("{e:#}");
            assert!(text.starts_with("lane.toml"), "{text}");
        }
    }
}

#[test]
fn wrong_values_say_where_and_why() {
    let cases = [
        ("energy = 4", "energy = \"lots\"", "invalid type"),
        (
            "date = \"2026-11-22\"",
            "date = \"2026-02-30\"",
            "input is out of range",
        ),
        (
            "due = \"2026-11-27\"",
            "due = \"99999-01-01\"",
            "lane.toml:",
        ),
        (
            "start = \"09:00\"",
            "start = \"9 o'clock\"",
            "is not a time of day",
        ),
        ("status = \"open\"", "status = \"stuck\"", "unknown variant"),
        (
            "reversible = true",
            "reversible = \"maybe\"",
            "invalid type",
        ),
        (
            "id = 1\nuid = \"01JDX0000000000000000000K1\"",
            "id = -1\nuid = \"x\"",
            "invalid value",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    for (from, to, reason) in cases {
        assert!(SAMPLE.contains(from), "fixture lacks {from}");
        let bad = SAMPLE.replacen(from, to, 1);
        fs::write(&file, &bad).unwrap();
        let out = check(dir.path()).failure().get_output().clone();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let place = format!("{}:", file.display());
        assert!(
            stderr.contains(&place) && stderr.contains(reason),
            "{to}: {stderr}"
        );
        let after = stderr.split(&place).nth(1).unwrap_or_default();
        let line = after.split(':').next().unwrap_or_default();
        assert!(
            line.parse::<u32>().is_ok(),
            "{to}: no line number in {stderr}"
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), bad);
    }
}

#[test]
fn files_that_are_not_lane_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    for (content, reason) in [
        (&b""[..], "missing `version = 1`"),
        (b"version = \"one\"", "`version` must be a number"),
        (b"version = -1", "not a lane data version"),
        (b"version = 2", "only knows up to version 1"),
        (b"\xff\xfe\x00v", "not valid UTF-8"),
        (b"version = 1\n[[priorities]]\nid = 1\ntitle = \"a\"\n[[priorities]]\nid = 1\ntitle = \"b\"\n", "id 1 is used twice"),
    ] {
        fs::write(&file, content).unwrap();
        check(dir.path()).failure().stderr(predicates::str::contains(reason));
        assert_eq!(fs::read(&file).unwrap(), content);
    }
}

/// Values a TOML parser takes but lane refuses (far dates, empty blocks, numbers
/// out of range): `lane check` and every other command say exactly where.
#[test]
fn values_lane_refuses_point_at_their_line() {
    let cases = [
        (
            "created = \"2026-11-20\"",
            "created = \"+262142-12-31\"",
            14,
            11,
            "`created` +262142-12-31 is not between 1900-01-01 and 9999-12-31",
        ),
        (
            "due = \"2026-11-27\"",
            "due = \"1899-12-31\"",
            10,
            7,
            "`due` 1899-12-31 is not between",
        ),
        (
            "id = 1\nuid = \"01JDX0000000000000000000B1\"",
            "id = 4294967295\nuid = \"01JDX0000000000000000000B1\"",
            21,
            6,
            "ids go up to 999999999",
        ),
        (
            "end = \"10:30\"",
            "end = \"09:00\"",
            25,
            7,
            "ends at 09:00 before it starts at 09:00",
        ),
        (
            "opened = \"2026-11-21\"",
            "opened = \"0001-01-01T09:00\"",
            34,
            10,
            "`opened` 0001-01-01 is not between",
        ),
        (
            "reversible = true",
            "reversible = true\ncost = nan",
            44,
            8,
            "`cost` is NaN",
        ),
        ("energy = 4", "energy = 9", 49, 10, "`energy` is 9"),
        (
            "energy = 4",
            "energy = 4\nworked_minutes = 9223372036854775807",
            50,
            18,
            "`worked_minutes` is 9223372036854775807",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.toml");
    for (from, to, line, col, reason) in cases {
        assert!(SAMPLE.contains(from), "fixture lacks {from}");
        let bad = SAMPLE.replacen(from, to, 1);
        fs::write(&file, &bad).unwrap();
        let place = format!("{}:{line}:{col}: ", file.display());
        for args in [&["check"][..], &["list"], &["add", "priority", "x"]] {
            let out = crate::common::lane(dir.path())
                .args(args)
                .assert()
                .failure()
                .get_output()
                .clone();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                stderr.starts_with(&format!("lane: {place}")) && stderr.contains(reason),
                "{args:?} {to}: {stderr}"
            );
        }
        assert_eq!(fs::read_to_string(&file).unwrap(), bad);
    }
}
