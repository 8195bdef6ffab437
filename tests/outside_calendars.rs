//! Calendars written by the programs people use, through `lane import ics`:
//! calcurse's default export (events without a UID), read by the real calcurse
//! where the machine has it (`.ci/run` installs it) and from a fixture it wrote.

use std::path::Path;
use std::process::Command;

use crate::common::{lane, shown_blocks};

const CALCURSE_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/calendars/calcurse.ics"
);

/// calcurse's appointments: a timed one, a weekly one, an all-day one.
const APPOINTMENTS: &str = "\
12/07/2026 @ 10:00 -> 12/07/2026 @ 11:00 |Design review
12/08/2026 @ 14:30 -> 12/08/2026 @ 15:00 |1:1 with Sam
12/09/2026 [1] Company holiday
12/10/2026 @ 09:00 -> 12/10/2026 @ 09:30 {1W} |Standup
";

/// `date start-end title` of every block lane shows in the weeks around the
/// import.
fn blocks(dir: &Path) -> Vec<String> {
    shown_blocks(dir, "UTC", "2026-12-07T09:00", "2026-11-30", 3)
}

fn import(dir: &Path, file: &Path) -> String {
    let out = lane(dir)
        .env("LANE_NOW", "2026-12-07T09:00")
        .args(["import", "ics", "--name", "calcurse"])
        .arg(file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// What calcurse's export of `appointments` gives, read the same way twice and
/// after an appointment moved: every event once, the moved one moved.
fn imports_without_uids(export: &dyn Fn(&str) -> std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let said = import(dir.path(), &export(APPOINTMENTS));
    assert!(!said.contains("without a UID"), "{said}");
    let first = blocks(dir.path());
    assert!(
        first.contains(&"2026-12-07 10:00-11:00 Design review".to_string()),
        "{first:?}"
    );
    assert!(first.contains(&"2026-12-08 14:30-15:00 1:1 with Sam".to_string()));
    assert!(first.contains(&"2026-12-10 09:00-09:30 Standup".to_string()));
    import(dir.path(), &export(APPOINTMENTS));
    assert_eq!(blocks(dir.path()), first, "read again: nothing new");
    let moved = APPOINTMENTS.replace(
        "@ 10:00 -> 12/07/2026 @ 11:00",
        "@ 10:30 -> 12/07/2026 @ 11:30",
    );
    import(dir.path(), &export(&moved));
    let after = blocks(dir.path());
    let reviews: Vec<&String> = after
        .iter()
        .filter(|b| b.ends_with("Design review"))
        .collect();
    assert_eq!(reviews, ["2026-12-07 10:30-11:30 Design review"]);
    assert_eq!(after.len(), first.len());
}

#[test]
fn calcurse_export_without_uids_is_imported_once_and_updated() {
    let found = Command::new("calcurse").arg("--version").output();
    if !found.is_ok_and(|o| o.status.success()) {
        println!("skipped: calcurse is not installed here");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    imports_without_uids(&|appointments| {
        std::fs::write(home.path().join("apts"), appointments).unwrap();
        std::fs::write(home.path().join("todo"), "").unwrap();
        let out = Command::new("calcurse")
            .arg("-D")
            .arg(home.path())
            .arg("--export")
            .output()
            .unwrap();
        assert!(out.status.success());
        let file = home.path().join("calcurse.ics");
        std::fs::write(&file, out.stdout).unwrap();
        file
    });
}

#[test]
fn calcurse_fixture_without_uids_is_imported_once_and_updated() {
    let scratch = tempfile::tempdir().unwrap();
    imports_without_uids(&|appointments| {
        // The fixture is calcurse 4.7.1's export of APPOINTMENTS.
        let mut text = std::fs::read_to_string(CALCURSE_FIXTURE).unwrap();
        if appointments != APPOINTMENTS {
            text = text.replace("DTSTART:20261207T100000", "DTSTART:20261207T103000");
        }
        let file = scratch.path().join("calcurse.ics");
        std::fs::write(&file, text).unwrap();
        file
    });
}

#[test]
fn all_day_events_of_an_imported_file_are_kept_as_banners() {
    let dir = tempfile::tempdir().unwrap();
    let said = import(dir.path(), Path::new(CALCURSE_FIXTURE));
    assert!(
        said.contains("1 all-day event shown as banners over their days"),
        "{said}"
    );
    let listed = |args: &[&str]| {
        let out = lane(dir.path())
            .env("LANE_NOW", "2026-12-07T09:00")
            .args(["list", "blocks"])
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    assert_eq!(
        listed(&["--date", "2026-12-09"]),
        "all day  Company holiday (calcurse)\nno blocks on 2026-12-09; the next is on 2026-12-10 \
         (lane list blocks --date 2026-12-10)\n"
    );
    assert!(
        listed(&["--week"]).contains("2026-12-09 all day  Company holiday (calcurse)\n"),
        "{}",
        listed(&["--week"])
    );
    // Read again: still one; gone from the file: gone here.
    import(dir.path(), Path::new(CALCURSE_FIXTURE));
    assert_eq!(
        listed(&["--date", "2026-12-09"]).matches("all day").count(),
        1
    );
    let without = dir.path().join("calcurse.ics");
    let text = std::fs::read_to_string(CALCURSE_FIXTURE).unwrap();
    std::fs::write(
        &without,
        text.replace("DTSTART;VALUE=DATE:20261209", "DTSTART;VALUE=DATE:20261211"),
    )
    .unwrap();
    import(dir.path(), &without);
    assert!(!listed(&["--date", "2026-12-09"]).contains("all day"));
    assert!(listed(&["--date", "2026-12-11"]).contains("all day  Company holiday (calcurse)"));
}
