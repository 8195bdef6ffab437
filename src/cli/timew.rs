//! `lane export timew`: worked time as timewarrior intervals — `timew
//! export`'s JSON on standard output (or `--out`), or added to a timewarrior
//! database (`--db`), whose `timew summary` then has it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use color_eyre::eyre::Result;

use lane_core::model::text::count;
use lane_core::transfer::timewarrior::{intervals, timew_json};
use lane_io::clock::local_now;
use lane_io::store::{Access, Store};

/// Live and archived blocks dated in `range` that were worked (started and
/// stopped), out as `out` or `db` say.
pub(super) fn export(
    data_dir: &Path,
    (from, to): (Option<String>, Option<String>),
    out: Option<PathBuf>,
    db: Option<PathBuf>,
) -> Result<ExitCode> {
    let today = local_now().date();
    let (from, to) =
        match lane_core::model::parse::parse_range(from.as_deref(), to.as_deref(), today) {
            Ok(range) => range,
            Err(e) => return Ok(super::usage_error(e)),
        };
    let (store, live) = Store::open(data_dir, Access::Read)?;
    let data = lane_core::model::archive::combine(&live, store.load_archive()?);
    let worked = intervals(&data, from, to, &chrono::Local);
    if let Some(db) = db {
        let written = lane_io::timew::write_db(&db, &worked)?;
        lane_io::say::line(&format!(
            "added {} to {} ({} already there)",
            count(written.added, "interval", "intervals"),
            db.display(),
            written.already
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let text = timew_json(&worked);
    match out {
        Some(path) => {
            lane_io::store::write_private(&path, text.as_bytes())?;
            lane_io::say::err(&format!(
                "wrote {} to {}",
                count(worked.len(), "interval", "intervals"),
                path.display()
            ));
        }
        None => lane_io::say::out(&text),
    }
    Ok(ExitCode::SUCCESS)
}
