//! Worked intervals written into a timewarrior database (timewarrior 1.4 has
//! no `timew import`): each interval's line added to `data/YYYY-MM.data` of its
//! start's month, beside what timewarrior keeps there, and its tags counted in
//! `data/tags.data`. A line already there is not added again, so writing the
//! same export twice changes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use color_eyre::eyre::{Result, WrapErr, bail};
use serde_json::{Map, Value, json};

use lane_core::transfer::timewarrior::Interval;

/// What a write did: intervals added, and those the database already held.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub added: usize,
    pub already: usize,
}

/// Adds `intervals` to the timewarrior database at `db` (the directory
/// holding `data/`).
pub fn write_db(db: &Path, intervals: &[Interval]) -> Result<Written> {
    let data = db.join("data");
    if !data.is_dir() {
        bail!(
            "{} is not a timewarrior database (it has no data/ directory; running `timew` once makes one)",
            db.display()
        );
    }
    let mut by_file: BTreeMap<String, Vec<&Interval>> = BTreeMap::new();
    for i in intervals {
        by_file.entry(i.data_file()).or_default().push(i);
    }
    let mut written = Written::default();
    let mut added_tags: Vec<&str> = Vec::new();
    for (name, intervals) in by_file {
        let path = data.join(&name);
        let text = crate::store::read_text(&path)?.unwrap_or_default();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for i in intervals {
            let line = i.data_line();
            if lines.contains(&line) {
                written.already += 1;
                continue;
            }
            lines.push(line);
            written.added += 1;
            added_tags.extend(i.tags.iter().map(String::as_str));
        }
        // timewarrior keeps a month's intervals in order of their start; the
        // lines begin `inc YYYYMMDDTHHMMSSZ`, so their order is that order.
        lines.sort();
        let text = lines.join("\n") + "\n";
        crate::store::write_private(&path, text.as_bytes())
            .wrap_err_with(|| format!("cannot write {}", path.display()))?;
    }
    count_tags(&data.join("tags.data"), &added_tags)?;
    Ok(written)
}

/// Counts the added intervals' tags in timewarrior's tag index. Without an
/// index, none is made: timewarrior makes it from every interval when it
/// next runs (one written here would hide the tags it already has).
fn count_tags(path: &Path, tags: &[&str]) -> Result<()> {
    let Some(text) = crate::store::read_text(path)? else {
        return Ok(());
    };
    if tags.is_empty() {
        return Ok(());
    }
    let mut index: Map<String, Value> = serde_json::from_str(&text)
        .wrap_err_with(|| format!("{}: not timewarrior's tag index", path.display()))?;
    for tag in tags {
        let count = index
            .get(*tag)
            .and_then(|t| t["count"].as_u64())
            .unwrap_or(0);
        index.insert((*tag).to_string(), json!({ "count": count + 1 }));
    }
    let text = serde_json::to_string_pretty(&Value::Object(index))
        .wrap_err("cannot write timewarrior's tag index")?;
    crate::store::write_private(path, (text + "\n").as_bytes())
        .wrap_err_with(|| format!("cannot write {}", path.display()))
}
