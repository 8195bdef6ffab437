//! Moving data between lane and other tools: taskwarrior's `task export` in, and
//! lane's own JSON out and back in.

use serde_json::Value;

use crate::model::problems::item_problems;
use crate::model::{Data, Kind};

mod taskwarrior;
pub mod timewarrior;
pub use taskwarrior::{TASKWARRIOR_KEY, export_taskwarrior, import_taskwarrior};

/// What an import did, for the one line the command prints.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    /// Items here changed to match what changed in the other tool.
    pub updated: usize,
    pub already_there: usize,
    /// Items given a new id because theirs was taken here (live or archived).
    pub renumbered: usize,
    /// Texts that held control characters, kept with them shown as `\u{…}`.
    pub escaped: usize,
    /// Each item left out, and why: `“Old thing”: completed`.
    pub skipped: Vec<String>,
    /// Fields lane has no place for, kept with the item (and given back on
    /// export): their names, and where they are kept.
    pub kept: std::collections::BTreeSet<String>,
    pub kept_under: &'static str,
}

impl Imported {
    /// What the command prints: the counts, then one line per item skipped.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "imported {}, {} already here, {} skipped",
            self.added,
            self.already_there,
            self.skipped.len()
        );
        if self.updated > 0 {
            out.push_str(&format!("; {} updated", self.updated));
        }
        if !self.kept.is_empty() {
            out.push_str(&format!(
                "; kept {} under `{}` (lane has no field for them; exported back)",
                self.kept.iter().cloned().collect::<Vec<_>>().join(", "),
                self.kept_under
            ));
        }
        if self.renumbered > 0 {
            out.push_str(&format!(
                "; {} given a new id (theirs is taken here)",
                self.renumbered
            ));
        }
        if self.escaped > 0 {
            out.push_str(&format!(
                "; {} texts held control characters, kept shown as \\u{{…}}",
                self.escaped
            ));
        }
        for why in &self.skipped {
            out.push_str(&format!("\n  skipped {why}"));
        }
        out
    }
}

/// Every text in an import with its control characters (ESC, BEL, C1, bidi
/// overrides) written as visible `\u{…}`: an import is typed by another program,
/// and what it holds must never reach a terminal as itself. Returns how many
/// texts held some.
pub(crate) fn escape_controls(v: &mut Value) -> usize {
    match v {
        Value::String(s) if s.chars().any(crate::model::text::is_unsafe_printed) => {
            *s = crate::model::text::visible_lines(s);
            1
        }
        Value::Array(items) => items.iter_mut().map(escape_controls).sum(),
        Value::Object(fields) => fields.values_mut().map(escape_controls).sum(),
        _ => 0,
    }
}

/// The last item of `kind` is taken out again when lane would refuse it (a date
/// outside its range, a block that ends before it starts): says why.
pub(crate) fn refused(data: &mut Data, kind: Kind) -> Option<String> {
    let last = data.list(kind).len().checked_sub(1)?;
    let problems = item_problems(data, kind, last);
    if problems.is_empty() {
        return None;
    }
    data.list_mut(kind).remove(last);
    Some(
        problems
            .iter()
            .map(|p| p.reason.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

fn same_uid<T: HasUid>(a: &T, b: &T) -> bool {
    a.uid() == b.uid()
}

fn same_id<T: HasUid>(a: &T, b: &T) -> bool {
    a.id() == b.id()
}

/// Items that carry a uid and an id.
trait HasUid {
    fn uid(&self) -> &str;
    fn id(&self) -> u32;
}

macro_rules! has_uid {
    ($($t:ty),*) => { $(impl HasUid for $t {
        fn uid(&self) -> &str {
            &self.uid
        }
        fn id(&self) -> u32 {
            self.id
        }
    })* };
}
has_uid!(
    crate::model::Priority,
    crate::model::Block,
    crate::model::Blocker,
    crate::model::Decision,
    crate::model::Review
);

/// Everything as one JSON document (`lane export json`).
pub fn to_json(data: &Data) -> Result<String, String> {
    serde_json::to_string_pretty(data)
        .map(|j| crate::model::text::json_safe(&j))
        .map_err(|e| e.to_string())
}

/// Reads `lane export json` back: items whose uid is already here (live or in
/// `archived`) are skipped, the rest are added (with a new id when theirs is taken).
pub fn import_json(data: &mut Data, json: &str, archived: &Data) -> Result<Imported, String> {
    let mut incoming: Value =
        serde_json::from_str(json).map_err(|e| format!("not a lane JSON export: {e}"))?;
    let escaped = escape_controls(&mut incoming);
    let incoming: Data =
        serde_json::from_value(incoming).map_err(|e| format!("not a lane JSON export: {e}"))?;
    let mut out = Imported {
        escaped,
        ..Imported::default()
    };
    let incoming_max = crate::model::archive::ArchivedIds {
        priorities: incoming.priorities.iter().map(|x| x.id).max().unwrap_or(0),
        blocks: incoming.blocks.iter().map(|x| x.id).max().unwrap_or(0),
        blockers: incoming.blockers.iter().map(|x| x.id).max().unwrap_or(0),
        decisions: incoming.decisions.iter().map(|x| x.id).max().unwrap_or(0),
        reviews: incoming.reviews.iter().map(|x| x.id).max().unwrap_or(0),
    };
    macro_rules! take {
        ($list:ident, $kind:expr) => {
            // The uids this file's items brought in, and as which item: a second
            // item of the file with one of them was never here before.
            let mut from_file: std::collections::HashMap<String, String> = Default::default();
            for mut item in incoming.$list {
                if let Some(first) = from_file.get(&item.uid) {
                    out.skipped.push(twice_in_file(
                        &format!("{} {}", $kind.noun(), item.id),
                        crate::model::Entry::title(&item),
                        &item.uid,
                        first,
                    ));
                    continue;
                }
                let here = |list: &[_]| list.iter().any(|x: &_| same_uid(x, &item));
                if !item.uid.is_empty() && (here(&data.$list) || here(&archived.$list)) {
                    out.already_there += 1;
                    continue;
                }
                // An id taken live or in the archive gets the next free one: two
                // items with one id would make a file lane cannot open.
                let taken = |list: &[_]| list.iter().any(|x: &_| same_id(x, &item));
                if taken(&data.$list) || taken(&archived.$list) {
                    // Above every id here and in the import, so a new id never
                    // takes one a later imported item still holds.
                    item.id = data
                        .next_id($kind)
                        .max(archived.next_id($kind))
                        .max(incoming_max.$list.saturating_add(1));
                    out.renumbered += 1;
                }
                let which = format!("{} {}", $kind.noun(), item.id);
                let uid = item.uid.clone();
                data.$list.push(item);
                match refused(data, $kind) {
                    Some(why) => out.skipped.push(format!("{which}: {why}")),
                    None => {
                        out.added += 1;
                        if !uid.is_empty() {
                            from_file.insert(uid, which);
                        }
                    }
                }
            }
        };
    }
    take!(priorities, Kind::Priority);
    take!(blocks, Kind::Block);
    take!(blockers, Kind::Blocker);
    take!(decisions, Kind::Decision);
    take!(reviews, Kind::Review);
    take_series(data, incoming.series, &mut out);
    Ok(out)
}

/// Repeating blocks come with their series (a series has no id to renumber);
/// one whose uid an earlier series of the file brought in is left out.
fn take_series(data: &mut Data, incoming: Vec<crate::model::series::Series>, out: &mut Imported) {
    let mut from_file = std::collections::HashSet::new();
    for series in incoming {
        if from_file.contains(&series.uid) {
            out.skipped.push(twice_in_file(
                "a repeating block",
                &series.title,
                &series.uid,
                "an earlier repeating block",
            ));
        } else if data.series.iter().any(|s| s.uid == series.uid) {
            out.already_there += 1;
        } else {
            from_file.insert(series.uid.clone());
            data.series.push(series);
            out.added += 1;
        }
    }
}

/// Why an item of an imported file was left out when an earlier item of the
/// same file had its uid (and was imported): two items with one uid make a
/// file lane refuses to open.
fn twice_in_file(which: &str, title: &str, uid: &str, first: &str) -> String {
    let title = crate::model::text::visible(title);
    let named = if title.is_empty() {
        which.to_string()
    } else {
        format!("{which} “{title}”")
    };
    format!(
        "{named}: its uid {} is also used by {first} in this file — that one was imported, this one left out",
        crate::model::text::visible(uid)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_twice_in_the_file_is_left_out_with_why() {
        let mut data = Data::default();
        let one = r#"{"uid": "S1", "every": "daily", "first": "2026-11-23",
            "start": "09:00", "end": "09:15", "title": "Standup"}"#;
        let json = format!(r#"{{"version": 1, "series": [{one}, {one}]}}"#);
        let done = import_json(&mut data, &json, &Data::default()).unwrap();
        assert_eq!((done.added, done.already_there), (1, 0));
        assert_eq!(
            done.skipped,
            [
                "a repeating block “Standup”: its uid S1 is also used by an earlier repeating block \
              in this file — that one was imported, this one left out"
            ]
        );
        assert_eq!(data.series.len(), 1);
    }

    #[test]
    fn items_lane_would_refuse_are_skipped_with_why() {
        let mut data = Data::default();
        let none = Data::default();
        let mut uid = || "U".to_string();
        let far = r#"[{"status": "pending", "uuid": "u-far", "description": "Far", "due": "99991231T230000Z"},
            {"status": "pending", "uuid": "u-old", "description": "Old", "entry": "18991231T000000Z"}]"#;
        let done = import_taskwarrior(&mut data, far, &none, &mut uid, &chrono::Utc).unwrap();
        assert_eq!(done.added, 1);
        assert_eq!(
            done.skipped,
            ["“Old”: `created` 1899-12-31 is not between 1900-01-01 and 9999-12-31"]
        );
        let json = r#"{"version": 1, "blocks": [
            {"id": 1, "uid": "B1", "date": "2026-11-23", "start": "14:00", "end": "14:00", "title": "zero"},
            {"id": 2, "uid": "B2", "date": "+262142-12-31", "start": "09:00", "end": "10:00", "title": "far"},
            {"id": 3, "uid": "B3", "date": "2026-11-23", "start": "09:00", "end": "10:00", "title": "fine"}]}"#;
        let done = import_json(&mut data, json, &none).unwrap();
        assert_eq!(done.added, 1);
        assert_eq!(
            done.skipped,
            [
                "block 1: ends at 14:00 before it starts at 14:00",
                "block 2: `date` +262142-12-31 is not between 1900-01-01 and 9999-12-31"
            ]
        );
        assert!(data.problems().is_empty());
        assert_eq!(data.blocks[0].title, "fine");
    }
}
