//! The app reads the archive aside: a search's first key draws at once, and
//! what the archive holds arrives as its own message, in the real binary.

use crate::common::{Session, lane};

#[test]
fn a_search_in_the_app_finds_an_archived_outcome_read_aside() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["demo", "--days", "400", "--seed", "2"])
        .assert()
        .success();
    // An outcome only the archive holds: its title carries its id.
    let live = std::fs::read_to_string(dir.path().join("lane.toml")).unwrap();
    let years: Vec<_> = std::fs::read_dir(dir.path().join("archive"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    let archived: lane::model::Data =
        toml::from_str(&std::fs::read_to_string(&years[0]).unwrap()).unwrap();
    let p = archived
        .priorities
        .iter()
        .find(|p| !live.contains(&p.title))
        .expect("an archived outcome");
    let mut s = Session::start(dir.path());
    // Taken once open: opening may file what closed long ago into the archive.
    let before = std::fs::read(dir.path().join("lane.toml")).unwrap();
    s.type_keys(&format!("/({})", p.id));
    s.wait_for_screen("In the archive");
    s.wait_for_screen(&format!("({})", p.id));
    // Enter leaves the filter (an escape right before `q` could read as alt-q).
    s.type_keys("\r");
    s.type_keys("q");
    assert!(s.wait_exit().success());
    // Looking wrote nothing.
    let after = std::fs::read(dir.path().join("lane.toml")).unwrap();
    assert!(after == before, "the search changed lane.toml");
}
