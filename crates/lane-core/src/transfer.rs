//! Moving data between lane and other tools: taskwarrior's `task export` in, and
//! lane's own JSON out and back in.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use serde_json::Value;

use crate::model::problems::item_problems;
use crate::model::{Data, Extra, Kind, Level, Priority, PriorityStatus, Update};

/// What an import did, for the one line the command prints.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    pub already_there: usize,
    /// Items given a new id because theirs was taken here (live or archived).
    pub renumbered: usize,
    /// Texts that held control characters, kept with them shown as `\u{…}`.
    pub escaped: usize,
    /// Each item left out, and why: `“Old thing”: completed`.
    pub skipped: Vec<String>,
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
fn escape_controls(v: &mut Value) -> usize {
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

/// The key under which an imported priority remembers its taskwarrior task, so a
/// second import of the same export adds nothing.
pub const TASKWARRIOR_KEY: &str = "taskwarrior_uuid";

/// The date of a taskwarrior timestamp where its owner lives: taskwarrior
/// writes UTC (`due:2026-12-11` in Berlin is `20261210T230000Z`), so the UTC
/// date alone would be a day early east of UTC.
fn tw_date<Tz: TimeZone>(v: Option<&Value>, zone: &Tz) -> Option<NaiveDate> {
    let text = v?.as_str()?;
    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ")
        .ok()
        .map(|utc| zone.from_utc_datetime(&utc).date_naive())
}

/// Pending tasks become priorities: description → title, priority H/M/L → impact,
/// taskwarrior's urgency → urgency, due → due, annotations → the update log.
/// Completed, deleted and recurring templates are skipped. Dates are taken in
/// `zone`, the owner's (taskwarrior writes UTC).
pub fn import_taskwarrior<Tz: TimeZone>(
    data: &mut Data,
    json: &str,
    archived: &Data,
    uid: &mut dyn FnMut() -> String,
    zone: &Tz,
) -> Result<Imported, String> {
    let mut tasks: Value =
        serde_json::from_str(json).map_err(|e| format!("not a `task export` JSON array: {e}"))?;
    let escaped = escape_controls(&mut tasks);
    let Value::Array(tasks) = tasks else {
        return Err("not a `task export` JSON array: the export is a list of tasks".into());
    };
    let mut out = Imported {
        escaped,
        ..Imported::default()
    };
    for (n, task) in tasks.into_iter().enumerate() {
        import_task(data, archived, &task, n, uid, zone, &mut out);
    }
    Ok(out)
}

/// One task of the export (the `n`th): skipped with why, counted as already
/// here, or added as a priority — unless lane would refuse it.
fn import_task<Tz: TimeZone>(
    data: &mut Data,
    archived: &Data,
    task: &Value,
    n: usize,
    uid: &mut dyn FnMut() -> String,
    zone: &Tz,
    out: &mut Imported,
) {
    let text = |key: &str| task.get(key).and_then(Value::as_str);
    let uuid = text("uuid").unwrap_or_default().to_string();
    let status = text("status").unwrap_or("no status");
    let title = text("description").unwrap_or_default().trim().to_string();
    // Which task, as its owner would recognise it.
    let which = if !title.is_empty() {
        format!("“{title}”")
    } else if !uuid.is_empty() {
        format!("task {uuid}")
    } else {
        format!("task {} of the export", n + 1)
    };
    if let Some(why) = not_imported(status, &title) {
        out.skipped.push(format!("{which}: {why}"));
        return;
    }
    let known = data
        .priorities
        .iter()
        .chain(&archived.priorities)
        .any(|p| p.extra.get(TASKWARRIOR_KEY).and_then(|v| v.as_str()) == Some(uuid.as_str()));
    if known && !uuid.is_empty() {
        out.already_there += 1;
        return;
    }
    let priority = Priority {
        id: data.next_id(Kind::Priority),
        uid: uid(),
        ..task_priority(task, title, uuid, zone)
    };
    data.priorities.push(priority);
    match refused(data, Kind::Priority) {
        Some(why) => out.skipped.push(format!("{which}: {why}")),
        None => out.added += 1,
    }
}

/// Why a task is left out: only pending tasks with a description become
/// priorities (a recurring template's pending instances come on their own).
fn not_imported<'a>(status: &'a str, title: &str) -> Option<&'a str> {
    if status != "pending" {
        return Some(match status {
            "recurring" => "a recurring template (its pending instances are imported)",
            "completed" | "deleted" => status,
            _ => "not pending",
        });
    }
    if title.is_empty() {
        return Some("no description to use as a title");
    }
    None
}

/// The priority a pending task becomes (its id and uid given by the caller):
/// priority H/M/L → impact, taskwarrior's urgency → urgency, due → due,
/// annotations → the update log; its uuid and project kept in `extra`.
fn task_priority<Tz: TimeZone>(task: &Value, title: String, uuid: String, zone: &Tz) -> Priority {
    let impact = match task.get("priority").and_then(Value::as_str) {
        Some("H") => Level::High,
        Some("L") => Level::Low,
        _ => Level::Medium,
    };
    let urgency = match task.get("urgency").and_then(Value::as_f64).unwrap_or(0.0) {
        u if u >= 10.0 => Level::High,
        u if u >= 5.0 => Level::Medium,
        _ => Level::Low,
    };
    let updates = task
        .get("annotations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| {
            Some(Update {
                date: tw_date(a.get("entry"), zone)?,
                note: a.get("description")?.as_str()?.to_string(),
                extra: Extra::new(),
            })
        })
        .collect();
    let mut extra = Extra::new();
    if !uuid.is_empty() {
        extra.insert(TASKWARRIOR_KEY.into(), toml::Value::String(uuid));
    }
    if let Some(project) = task.get("project").and_then(Value::as_str) {
        extra.insert("project".into(), toml::Value::String(project.to_string()));
    }
    Priority {
        title,
        outcome: String::new(),
        measure: String::new(),
        due: tw_date(task.get("due"), zone),
        impact,
        urgency,
        status: PriorityStatus::Active,
        focus: false,
        progress: None,
        created: tw_date(task.get("entry"), zone),
        closed: None,
        updates,
        extra,
        ..Priority::default()
    }
}

/// The last item of `kind` is taken out again when lane would refuse it (a date
/// outside its range, a block that ends before it starts): says why.
fn refused(data: &mut Data, kind: Kind) -> Option<String> {
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
        fn uid(&self) -> &str { &self.uid }
        fn id(&self) -> u32 { self.id }
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
            for mut item in incoming.$list {
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
                data.$list.push(item);
                match refused(data, $kind) {
                    Some(why) => out.skipped.push(format!("{which}: {why}")),
                    None => out.added += 1,
                }
            }
        };
    }
    take!(priorities, Kind::Priority);
    take!(blocks, Kind::Block);
    take!(blockers, Kind::Blocker);
    take!(decisions, Kind::Decision);
    take!(reviews, Kind::Review);
    // Recurring blocks come with their series (a series has no id to renumber).
    for series in incoming.series {
        if data.series.iter().any(|s| s.uid == series.uid) {
            out.already_there += 1;
        } else {
            data.series.push(series);
            out.added += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = include_str!("../../../tests/fixtures/task-export.json");

    #[test]
    fn pending_tasks_become_priorities_once() {
        let mut data = Data::default();
        let mut n = 0;
        let mut uid = || {
            n += 1;
            format!("U{n}")
        };
        let none = Data::default();
        let first = import_taskwarrior(&mut data, EXPORT, &none, &mut uid, &chrono::Utc).unwrap();
        assert_eq!(
            first,
            Imported {
                added: 4,
                already_there: 0,
                skipped: vec![
                    "“Recurring standup”: a recurring template (its pending instances are imported)"
                        .into(),
                    "“Old thing”: completed".into()
                ],
                ..Imported::default()
            }
        );
        let p = &data.priorities[0];
        assert_eq!(
            (p.title.as_str(), p.impact, p.urgency),
            ("Ship billing v2", Level::High, Level::High)
        );
        assert_eq!(p.due, NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(p.updates.len(), 2);
        assert_eq!(p.updates[0].note, "spec reviewed with finance");
        assert_eq!(data.priorities[1].urgency, Level::Low);
        let again = import_taskwarrior(&mut data, EXPORT, &none, &mut uid, &chrono::Utc).unwrap();
        assert_eq!((again.added, again.already_there), (0, 4));
        assert_eq!(again.skipped, first.skipped);
        let nameless = r#"[{"status": "pending", "uuid": "u-1"}, {"status": "waiting"}]"#;
        let odd = import_taskwarrior(&mut data, nameless, &none, &mut uid, &chrono::Utc).unwrap();
        assert_eq!(
            odd.skipped,
            [
                "task u-1: no description to use as a title",
                "task 2 of the export: not pending"
            ]
        );
        assert!(import_taskwarrior(&mut data, "{}", &none, &mut uid, &chrono::Utc).is_err());
    }
    #[test]
    fn taskwarrior_dates_are_taken_in_the_owners_zone() {
        // `due:2026-12-11` typed in Berlin (+1) and in Tokyo (+9), and in New York (-5).
        for (hours, due, entry) in [
            (1, "20261210T230000Z", "20261120T233000Z"),
            (9, "20261210T150000Z", "20261120T233000Z"),
            (-5, "20261211T050000Z", "20261121T123000Z"),
        ] {
            let zone = chrono::FixedOffset::east_opt(hours * 3600).unwrap();
            let json = format!(
                r#"[{{"status": "pending", "uuid": "u", "description": "Ship it", "due": "{due}",
                "entry": "{entry}", "annotations": [{{"entry": "{entry}", "description": "noted"}}]}}]"#
            );
            let mut data = Data::default();
            let mut uid = || "U".to_string();
            import_taskwarrior(&mut data, &json, &Data::default(), &mut uid, &zone).unwrap();
            let p = &data.priorities[0];
            let day = |d| NaiveDate::from_ymd_opt(2026, 12, d);
            assert_eq!(p.due, day(11), "UTC{hours:+}");
            assert_eq!(p.created, NaiveDate::from_ymd_opt(2026, 11, 21), "UTC{hours:+}");
            assert_eq!(p.updates[0].date, p.created.unwrap(), "UTC{hours:+}");
        }
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
