//! Older layouts of `lane.toml`, brought up to the current version. Pure table
//! transformations: the store backs up the original and saves the result.
//!
//! Version 0 (the first drafts) differed from version 1 in two places:
//! priorities had `done = true|false` instead of `status`, and blocks had one
//! `time = "09:00-10:30"` instead of `start` and `end`.

use toml::{Table, Value};

/// Migrates `table` from `version` to the current version, one step at a time.
pub fn migrate(mut table: Table, version: i64) -> Result<Table, String> {
    if version == 0 {
        table = v0_to_v1(table)?;
    }
    Ok(table)
}

fn items(table: &mut Table, key: &str) -> Vec<Table> {
    match table.remove(key) {
        Some(Value::Array(a)) => a
            .into_iter()
            .filter_map(|v| match v {
                Value::Table(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn put(table: &mut Table, key: &str, list: Vec<Table>) {
    if !list.is_empty() {
        table.insert(
            key.into(),
            Value::Array(list.into_iter().map(Value::Table).collect()),
        );
    }
}

fn v0_to_v1(mut table: Table) -> Result<Table, String> {
    table.insert("version".into(), Value::Integer(1));
    let mut priorities = items(&mut table, "priorities");
    for p in priorities.iter_mut() {
        if let Some(done) = p.remove("done") {
            let closed = done.as_bool().unwrap_or(false);
            p.insert(
                "status".into(),
                Value::String(if closed { "done" } else { "active" }.into()),
            );
        }
    }
    put(&mut table, "priorities", priorities);
    let mut blocks = items(&mut table, "blocks");
    for (n, b) in blocks.iter_mut().enumerate() {
        if let Some(time) = b.remove("time") {
            let text = time.as_str().unwrap_or_default().to_string();
            let (start, end) = text.split_once('-').ok_or_else(|| {
                format!("block {}: `time = \"{text}\"` is not HH:MM-HH:MM", n + 1)
            })?;
            b.insert("start".into(), Value::String(start.trim().into()));
            b.insert("end".into(), Value::String(end.trim().into()));
        }
    }
    put(&mut table, "blocks", blocks);
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_0_priorities_and_blocks_become_version_1() {
        let v0: Table = toml::from_str(
            "version = 0\nkeep = 1\n[[priorities]]\nid = 1\ntitle = \"a\"\ndone = true\n\
             [[blocks]]\nid = 1\ndate = \"2026-11-23\"\ntime = \"09:00-10:30\"\ntitle = \"b\"\n",
        )
        .unwrap();
        let v1 = migrate(v0, 0).unwrap();
        assert_eq!(v1["version"].as_integer(), Some(1));
        assert_eq!(v1["keep"].as_integer(), Some(1));
        let p = &v1["priorities"].as_array().unwrap()[0];
        assert_eq!(p["status"].as_str(), Some("done"));
        assert!(p.get("done").is_none());
        let b = &v1["blocks"].as_array().unwrap()[0];
        assert_eq!(
            (b["start"].as_str(), b["end"].as_str()),
            (Some("09:00"), Some("10:30"))
        );
        let bad: Table = toml::from_str("version = 0\n[[blocks]]\ntime = \"nine\"\n").unwrap();
        assert!(migrate(bad, 0).unwrap_err().contains("not HH:MM-HH:MM"));
    }
}
