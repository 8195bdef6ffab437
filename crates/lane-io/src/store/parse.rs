//! Reading the bytes of a `lane.toml` into data: the current layout in one
//! pass, an older one migrated, and every error pointing at `path:line:col`.

use std::path::Path;

use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use serde::Deserialize;

use crate::located::{line_col, located, problems_at};
use lane_core::model::{DATA_VERSION, Data};

#[derive(Deserialize)]
struct VersionOnly {
    version: Option<toml::Value>,
}

/// Parses the bytes of a `lane.toml`, with errors that point at `path:line:col`.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Data> {
    parse_versioned(path, bytes).map(|(data, _)| data)
}

/// Parses and, for an older layout, migrates; also returns the version the bytes had.
pub fn parse_versioned(path: &Path, bytes: &[u8]) -> Result<(Data, i64)> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(&bytes[..e.valid_up_to()], e.valid_up_to());
        eyre!(
            "{}:{line}:{col}: the file is not valid UTF-8",
            path.display()
        )
    })?;
    let at = |e: &toml::de::Error| located(path, text, e);
    // The common case, a current file, is read in one pass; anything else is read
    // again for its version, to migrate it or to say exactly what is wrong.
    let first: Result<Data, _> = toml::from_str(text);
    if let Ok(data) = first
        && data.version == DATA_VERSION
    {
        let problems = data.problems();
        if !problems.is_empty() {
            return Err(problems_at(path, text, &problems));
        }
        return Ok((data, i64::from(DATA_VERSION)));
    }
    let head: VersionOnly = toml::from_str(text).map_err(|e| at(&e))?;
    match head.version {
        None => bail!(
            "{}:1:1: missing `version = {DATA_VERSION}` at the top of the file",
            path.display()
        ),
        Some(toml::Value::Integer(v)) if v > i64::from(DATA_VERSION) => bail!(
            "{} is version {v}, but this lane only knows up to version {DATA_VERSION}. \
             Upgrade lane to open it; the file was left untouched.",
            path.display()
        ),
        Some(toml::Value::Integer(v)) if v < 0 => {
            bail!("{}: version {v} is not a lane data version", path.display())
        }
        Some(toml::Value::Integer(v)) if v < i64::from(DATA_VERSION) => {
            let table: toml::Table = toml::from_str(text).map_err(|e| at(&e))?;
            let migrated = lane_core::migrate::migrate(table, v)
                .map_err(|e| eyre!("{}: cannot migrate from version {v}: {e}", path.display()))?;
            let text = toml::to_string(&migrated).wrap_err("cannot write the migrated data")?;
            let (data, _) = parse_versioned(path, text.as_bytes()).wrap_err_with(|| {
                format!("{}: after migrating from version {v}", path.display())
            })?;
            return Ok((data, v));
        }
        Some(toml::Value::Integer(_)) => {}
        Some(other) => bail!(
            "{}: `version` must be a number, found {}",
            path.display(),
            other.type_str()
        ),
    }
    let data: Data = toml::from_str(text).map_err(|e| at(&e))?;
    let problems = data.problems();
    if !problems.is_empty() {
        return Err(problems_at(path, text, &problems));
    }
    Ok((data, i64::from(DATA_VERSION)))
}
