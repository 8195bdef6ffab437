//! lane's three-way merge for files git merges: `lane merge-driver %O %A %B`
//! (git's merge driver protocol) and `lane sync` finishing a merge git started.
//! Bytes in, bytes out: the merged text keeps the formatting of ours (the side
//! being merged into) wherever the data did not change.

use std::path::Path;

use color_eyre::eyre::{Result, eyre};

use super::{edit, fsio, parse, to_toml};
use lane_core::model::Data;
use lane_core::model::merge::{Merged, merge};

/// Merges the three versions of one lane file. `base` is absent when both sides
/// added the file (two machines that started apart). Any side that does not
/// load is an error: nothing is merged, and git records a conflict.
pub fn merge_texts(
    path: &Path,
    base: Option<&[u8]>,
    ours: &[u8],
    theirs: &[u8],
    now: chrono::NaiveDateTime,
    machines: Option<(&str, &str)>,
) -> Result<(String, Merged)> {
    let side = |name: &str, bytes: &[u8]| parse(path, bytes).map_err(|e| eyre!("{name}: {e:#}"));
    let base_data = match base {
        Some(bytes) if !bytes.is_empty() => side("the common version", bytes)?,
        _ => Data::default(),
    };
    let ours_data = side("this machine's version", ours)?;
    let theirs_data = side("the other machine's version", theirs)?;
    let mut uid = || crate::clock::new_uid();
    let mut merged = merge(&base_data, &ours_data, &theirs_data, now, &mut uid)
        .map_err(|e| eyre!("{}: cannot merge: {e}", path.display()))?;
    // A sync knows whose the values are: this machine's and the other's.
    if let Some((ours, theirs)) = machines {
        lane_core::model::conflicts::name_machines(
            &mut merged.data,
            lane_core::model::day::to_minute(now),
            ours,
            theirs,
        );
    }
    // Each side's text carries its formatting: comments, spacing, key order. When
    // ours differs from the base only by what lane itself would write for our
    // data, everything hand-made is in theirs: the merge is written onto theirs.
    let ours_only_lane = base.is_some_and(|b| {
        render(path, b, &base_data, &ours_data).is_ok_and(|t| t.as_bytes() == ours)
    });
    let text = if ours_only_lane {
        render(path, theirs, &theirs_data, &merged.data)?
    } else {
        render(path, ours, &ours_data, &merged.data)?
    };
    Ok((text, merged))
}

/// `data` written by editing `text` (which holds `was`), or canonically when
/// the edit would not load back as exactly `data`.
fn render(path: &Path, text: &[u8], was: &Data, data: &Data) -> Result<String> {
    let edited = std::str::from_utf8(text)
        .ok()
        .and_then(|t| t.parse::<toml_edit::DocumentMut>().ok())
        .and_then(|mut doc| edit::edit(&mut doc, was, data).map(|()| doc.to_string()))
        .filter(|t| parse(path, t.as_bytes()).is_ok_and(|d| d == *data));
    match edited {
        Some(t) => Ok(t),
        None => to_toml(data),
    }
}

/// git's merge driver: merges `%O %A %B` and leaves the result in `%A`. On any
/// error `%A` is left as it was (ours, whole, no conflict markers) and the error
/// returned, so git records a conflict for `lane sync` or the user to finish.
pub fn merge_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    now: chrono::NaiveDateTime,
) -> Result<Merged> {
    let read = |p: &Path| fsio::read_file(p)?.ok_or_else(|| eyre!("{} is missing", p.display()));
    let base_bytes = fsio::read_file(base)?;
    let (ours_bytes, theirs_bytes) = (read(ours)?, read(theirs)?);
    // git runs the driver at the top of the work tree, where `ours` is.
    let repo = ours
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let other = crate::host::merging_from(repo);
    let here = crate::host::name();
    let machines = other.as_deref().map(|o| (here.as_str(), o));
    let (text, merged) = merge_texts(
        ours,
        base_bytes.as_deref(),
        &ours_bytes,
        &theirs_bytes,
        now,
        machines,
    )?;
    fsio::write_atomic(ours, text.as_bytes())?;
    Ok(merged)
}

/// For `lane check` and every write: what to do about a git merge left in
/// progress. While one is, lane writes nothing: finishing the merge takes the
/// versions git keeps in its index, so a write to the file on disk would be lost.
pub fn merge_in_progress(dir: &Path) -> Option<String> {
    dir.join(".git/MERGE_HEAD").exists().then(|| {
        "a git merge is in progress in the data dir: run `lane sync` to finish it with lane's \
         merge, or `git merge --abort` to go back"
            .to_string()
    })
}

/// Writes a merged text over a lane file in the data dir (atomically).
pub fn write_merged(path: &Path, text: &str) -> Result<()> {
    fsio::write_atomic(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|d| d.and_hms_opt(8, 10, 0))
            .unwrap()
    }

    /// Merges `ours` and `theirs` grown from `BASE`, as `lane.toml`.
    fn from_base(ours: &str, theirs: &str) -> (String, Merged) {
        merge_texts(
            Path::new("lane.toml"),
            Some(BASE.as_bytes()),
            ours.as_bytes(),
            theirs.as_bytes(),
            now(),
            None,
        )
        .unwrap()
    }

    const BASE: &str = "version = 1\n\n[[priorities]]\nid = 1\nuid = \"A\"\ntitle = \"Ship\"\n";

    #[test]
    fn both_sides_changes_meet_and_ours_keeps_its_comments() {
        let ours = format!("# my plan\n{BASE}progress = 40\n");
        let theirs = format!("{BASE}\n[[priorities]]\nid = 2\nuid = \"B\"\ntitle = \"Hire\"\n");
        let (text, merged) = from_base(&ours, &theirs);
        assert!(text.starts_with("# my plan\n"), "{text}");
        let data = parse(Path::new("x"), text.as_bytes()).unwrap();
        assert_eq!(data.priorities.len(), 2);
        assert_eq!(data.priorities[0].progress, Some(40));
        assert_eq!(merged.conflicts, 0);
    }

    #[test]
    fn comments_written_on_the_other_machine_survive_a_merge() {
        // Ours: a change lane made (its own edit of the base text).
        let ours = format!("{BASE}progress = 40\n");
        let theirs = format!(
            "# why this matters\n{}",
            BASE.replace("\"Ship\"", "\"Ship\"  # v2")
        );
        let (text, _) = from_base(&ours, &theirs);
        assert!(
            text.contains("# why this matters") && text.contains("# v2"),
            "{text}"
        );
        let data = parse(Path::new("x"), text.as_bytes()).unwrap();
        assert_eq!(data.priorities[0].progress, Some(40));
    }

    #[test]
    fn two_files_that_started_apart_are_joined_not_replaced() {
        let theirs = "version = 1\n\n[[priorities]]\nid = 1\nuid = \"B\"\ntitle = \"Hire\"\n";
        let (text, merged) = merge_texts(
            Path::new("lane.toml"),
            None,
            BASE.as_bytes(),
            theirs.as_bytes(),
            now(),
            None,
        )
        .unwrap();
        let data = parse(Path::new("x"), text.as_bytes()).unwrap();
        let titles: Vec<&str> = data.priorities.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles.len(), 2, "{text}");
        assert!(titles.contains(&"Ship") && titles.contains(&"Hire"));
        assert_eq!(merged.renumbered.len(), 1, "one of the two ids moved");
    }

    #[test]
    fn the_driver_leaves_ours_whole_when_a_side_does_not_load() {
        let dir = tempfile::tempdir().unwrap();
        let (o, a, b) = (
            dir.path().join("o"),
            dir.path().join("a"),
            dir.path().join("b"),
        );
        std::fs::write(&o, BASE).unwrap();
        std::fs::write(&a, BASE).unwrap();
        for theirs in ["version = 99\n", "<<<<<<< HEAD\nversion = 1\n"] {
            std::fs::write(&b, theirs).unwrap();
            let e = merge_driver(&o, &a, &b, now()).unwrap_err();
            assert!(
                format!("{e:#}").contains("other machine's version"),
                "{e:#}"
            );
            assert_eq!(std::fs::read_to_string(&a).unwrap(), BASE);
        }
    }
}

#[cfg(test)]
mod machines_tests {
    use super::*;

    /// A sync names the machines whose values met, as a conflict says them.
    #[test]
    fn a_conflict_from_a_sync_names_both_machines() {
        let base = "version = 1\n\n[[priorities]]\nid = 1\nuid = \"A\"\ntitle = \"Ship\"\n";
        let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .and_then(|d| d.and_hms_opt(18, 30, 0))
            .unwrap();
        let (_, merged) = merge_texts(
            Path::new("lane.toml"),
            Some(base.as_bytes()),
            base.replace("Ship", "Ship v2").as_bytes(),
            base.replace("Ship", "Ship v3").as_bytes(),
            now,
            Some(("laptop", "desktop")),
        )
        .unwrap();
        let said = lane_core::model::conflicts::describe(&merged.data, &merged.data.conflicts[0]);
        assert_eq!(
            said,
            "priority 1 title: laptop wrote “Ship v2” (kept), desktop wrote “Ship v3” — met at the sync of Mon 07 Dec 18:30"
        );
    }
}
