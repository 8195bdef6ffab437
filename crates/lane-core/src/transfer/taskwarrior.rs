//! Taskwarrior both ways: `task export` in (again and again: what changed in
//! taskwarrior since the last import changes here, what was deleted here stays
//! deleted), and `lane export taskwarrior` out, which `task import` takes.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde_json::{Map, Value};

use super::{Imported, escape_controls, refused};
use crate::model::{Data, Extra, Kind, Level, Priority, PriorityStatus, Update};

/// The key under which an imported priority remembers its taskwarrior task, so a
/// second import of the same export adds nothing.
pub const TASKWARRIOR_KEY: &str = "taskwarrior_uuid";

/// A priority's task fields that lane has no place for (tags, depends, wait,
/// scheduled, start…), kept as they came and given back on export.
const KEPT_KEY: &str = "taskwarrior";

/// A priority's title, due and status as last imported: a field whose task value
/// differs from this changed in taskwarrior since, and only that one changes here.
const SEEN_KEY: &str = "taskwarrior_seen";

/// In the data itself: every task uuid ever imported (uuid → the priority's uid),
/// so a priority deleted here is not brought back by the next import.
const IMPORTED_KEY: &str = "taskwarrior_imported";

/// Task fields lane maps (or that taskwarrior computes): not kept as extras.
const MAPPED: [&str; 12] = [
    "id",
    "uuid",
    "description",
    "status",
    "priority",
    "urgency",
    "due",
    "entry",
    "end",
    "modified",
    "annotations",
    "project",
];

/// The fields compared with what was seen at the last import.
const TRACKED: [&str; 3] = ["description", "due", "status"];

/// The date of a taskwarrior timestamp where its owner lives: taskwarrior
/// writes UTC (`due:2026-12-11` in Berlin is `20261210T230000Z`), so the UTC
/// date alone would be a day early east of UTC.
fn tw_date<Tz: TimeZone>(v: Option<&Value>, zone: &Tz) -> Option<NaiveDate> {
    let text = v?.as_str()?;
    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ")
        .ok()
        .map(|utc| zone.from_utc_datetime(&utc).date_naive())
}

/// A date as taskwarrior stores one typed as `due:DATE`: local midnight, in UTC.
fn tw_stamp<Tz: TimeZone>(date: NaiveDate, zone: &Tz) -> Option<String> {
    let local = zone
        .from_local_datetime(&date.and_time(NaiveTime::MIN))
        .earliest()?;
    Some(
        local
            .with_timezone(&Utc)
            .format("%Y%m%dT%H%M%SZ")
            .to_string(),
    )
}

/// The uuid a priority is known by in taskwarrior: the one it came with, or one
/// made from its own uid (a ULID is 128 bits, as a uuid is), so exporting twice
/// updates the same task.
pub fn task_uuid(p: &Priority) -> String {
    if let Some(uuid) = p.extra.get(TASKWARRIOR_KEY).and_then(toml::Value::as_str) {
        return uuid.to_string();
    }
    uuid_of_uid(&p.uid)
}

/// The uuid lane gives a priority born here (its uid's 128 bits).
fn uuid_of_uid(uid: &str) -> String {
    let bits = match ulid::Ulid::from_string(uid) {
        Ok(u) => u.0,
        // Not a ULID (written by hand): FNV-1a, 128 bits, is stable and enough.
        Err(_) => uid
            .bytes()
            .fold(0x6c62272e07bb014262b821756295c58d, |h, b| {
                (h ^ u128::from(b)).wrapping_mul(0x0000000001000000000000000000013b)
            }),
    };
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Pending tasks become priorities: description → title, priority H/M/L → impact,
/// taskwarrior's urgency → urgency, due → due, annotations → the update log,
/// the rest kept under `taskwarrior`. A task imported before updates its priority
/// with what changed in taskwarrior since (title, due, done, new annotations);
/// one whose priority was deleted here stays deleted. New completed, deleted and
/// recurring templates are skipped. Dates are taken in `zone`, the owner's
/// (taskwarrior writes UTC); `today` closes a task completed without an end.
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
        kept_under: KEPT_KEY,
        ..Imported::default()
    };
    for (n, task) in tasks.into_iter().enumerate() {
        let task = Incoming::read(&task, n, zone);
        import_task(data, archived, &task, uid, &mut out);
    }
    Ok(out)
}

/// One task of an export, read.
struct Incoming {
    uuid: String,
    status: String,
    title: String,
    /// Which task, as its owner would recognise it.
    which: String,
    /// The tracked fields as text, to compare with what was seen last time.
    tracked: toml::Table,
    /// Fields lane has no place for.
    kept: toml::Table,
    /// The priority it becomes (id and uid still to give).
    priority: Priority,
    /// When it was completed or deleted, where it has that.
    end: Option<NaiveDate>,
}

impl Incoming {
    fn read<Tz: TimeZone>(task: &Value, n: usize, zone: &Tz) -> Incoming {
        let text = |key: &str| task.get(key).and_then(Value::as_str);
        let uuid = text("uuid").unwrap_or_default().to_string();
        let title = text("description").unwrap_or_default().trim().to_string();
        let which = if !title.is_empty() {
            format!("“{title}”")
        } else if !uuid.is_empty() {
            format!("task {uuid}")
        } else {
            format!("task {} of the export", n + 1)
        };
        let tracked = TRACKED
            .iter()
            .map(|k| {
                (
                    k.to_string(),
                    toml::Value::from(text(k).unwrap_or_default()),
                )
            })
            .collect();
        let kept = task
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| !MAPPED.contains(&k.as_str()))
            // JSON's null has no TOML form; a null field is as good as none.
            .filter_map(|(k, v)| Some((k.clone(), serde_json::from_value(v.clone()).ok()?)))
            .collect();
        Incoming {
            priority: task_priority(task, title.clone(), &uuid, zone),
            status: text("status").unwrap_or("no status").to_string(),
            end: tw_date(task.get("end"), zone),
            uuid,
            title,
            which,
            tracked,
            kept,
        }
    }
}

/// One task: updates the priority it was imported as, skipped with why, or
/// added as a priority — unless lane would refuse it.
fn import_task(
    data: &mut Data,
    archived: &Data,
    task: &Incoming,
    uid: &mut dyn FnMut() -> String,
    out: &mut Imported,
) {
    let known = |p: &Priority| !task.uuid.is_empty() && task_uuid(p) == task.uuid;
    if let Some(index) = data.priorities.iter().position(known) {
        if update_priority(data, index, task, out) {
            out.updated += 1;
        } else {
            out.already_there += 1;
        }
        return;
    }
    if archived.priorities.iter().any(known) {
        out.already_there += 1;
        return;
    }
    if let Some(why) = not_imported(data, task) {
        out.skipped.push(format!("{}: {why}", task.which));
        return;
    }
    let mut priority = Priority {
        id: data.next_id(Kind::Priority),
        uid: uid(),
        ..task.priority.clone()
    };
    remember(&mut priority, task, out);
    let uid = priority.uid.clone();
    data.priorities.push(priority);
    match refused(data, Kind::Priority) {
        Some(why) => out.skipped.push(format!("{}: {why}", task.which)),
        None => {
            out.added += 1;
            if !task.uuid.is_empty() {
                note_imported(data, &task.uuid, uid);
            }
        }
    }
}

/// Notes in the data that task `uuid` was imported, as the priority `uid`.
fn note_imported(data: &mut Data, uuid: &str, uid: String) {
    if !data
        .extra
        .get(IMPORTED_KEY)
        .is_some_and(toml::Value::is_table)
    {
        data.extra
            .insert(IMPORTED_KEY.into(), toml::Table::new().into());
    }
    if let Some(toml::Value::Table(imported)) = data.extra.get_mut(IMPORTED_KEY) {
        imported.insert(uuid.to_string(), uid.into());
    }
}

/// Keeps on the priority what comes back on export: the task's uuid, what lane
/// has no field for (said when new), and the tracked fields as seen now.
fn remember(p: &mut Priority, task: &Incoming, out: &mut Imported) {
    if task.uuid.is_empty() {
        return;
    }
    let kept_before = p.extra.get(KEPT_KEY).and_then(toml::Value::as_table);
    if kept_before != Some(&task.kept) && !task.kept.is_empty() {
        out.kept.extend(task.kept.keys().cloned());
    }
    p.extra
        .insert(TASKWARRIOR_KEY.into(), task.uuid.clone().into());
    if task.kept.is_empty() {
        p.extra.remove(KEPT_KEY);
    } else {
        p.extra.insert(KEPT_KEY.into(), task.kept.clone().into());
    }
    p.extra.insert(SEEN_KEY.into(), task.tracked.clone().into());
}

/// Brings into priority `index` what changed in taskwarrior since it was last
/// imported (a field lane changed and taskwarrior did not stays lane's).
/// Returns whether the priority changed.
fn update_priority(data: &mut Data, index: usize, task: &Incoming, out: &mut Imported) -> bool {
    let before = data.priorities[index].clone();
    let seen = before.extra.get(SEEN_KEY).and_then(toml::Value::as_table);
    let changed = |key: &str| seen.is_none_or(|s| s.get(key) != task.tracked.get(key));
    let p = &mut data.priorities[index];
    if changed("description") && !task.title.is_empty() {
        p.title = task.title.clone();
    }
    if changed("due") {
        p.due = task.priority.due;
    }
    if changed("status") {
        let closed = task.end.or(p.closed).or(task.priority.created);
        match task.status.as_str() {
            "completed" => set_closed(p, PriorityStatus::Done, closed),
            "deleted" => set_closed(p, PriorityStatus::Dropped, closed),
            "pending" | "waiting" if p.status.is_closed() => {
                p.status = PriorityStatus::Active;
                p.closed = None;
            }
            _ => {}
        }
    }
    for update in &task.priority.updates {
        if !p.updates.iter().any(|u| u.note == update.note) {
            p.updates.push(update.clone());
        }
    }
    remember(p, task, out);
    let mut compared = data.priorities[index].clone();
    compared.extra = before.extra.clone();
    if let Some(why) = problems_of(data, index) {
        data.priorities[index] = before;
        out.skipped.push(format!("{}: {why}", task.which));
        return false;
    }
    compared != before
}

/// Done or dropped on `closed` (a task always has an entry date; without any
/// date the priority stays as it is).
fn set_closed(p: &mut Priority, status: PriorityStatus, closed: Option<NaiveDate>) {
    if let Some(day) = closed
        && p.status != status
    {
        crate::model::ops::set_status(p, status, day);
    }
}

/// What lane would refuse in priority `index`, said in a line.
fn problems_of(data: &Data, index: usize) -> Option<String> {
    let problems = crate::model::problems::item_problems(data, Kind::Priority, index);
    (!problems.is_empty()).then(|| {
        problems
            .iter()
            .map(|p| p.reason.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// Why a new task is left out: only pending tasks with a description become
/// priorities (a recurring template's pending instances come on their own), and
/// none whose priority was deleted here.
fn not_imported(data: &Data, task: &Incoming) -> Option<String> {
    let imported_before = data
        .extra
        .get(IMPORTED_KEY)
        .and_then(toml::Value::as_table)
        .is_some_and(|t| t.contains_key(&task.uuid));
    if imported_before {
        return Some("deleted in lane since it was imported (it stays deleted)".into());
    }
    // One lane exported (its uuid made from its uid), deleted here since.
    let deleted_here = data
        .extra
        .get(crate::model::ops::DELETED_PRIORITIES_KEY)
        .and_then(toml::Value::as_table)
        .is_some_and(|t| t.keys().any(|uid| uuid_of_uid(uid) == task.uuid));
    if deleted_here {
        return Some("deleted in lane since it was exported (it stays deleted)".into());
    }
    if task.status != "pending" {
        return Some(
            match task.status.as_str() {
                "recurring" => "a recurring template (its pending instances are imported)",
                "completed" | "deleted" => task.status.as_str(),
                _ => "not pending",
            }
            .to_string(),
        );
    }
    if task.title.is_empty() {
        return Some("no description to use as a title".into());
    }
    None
}

/// The priority a pending task becomes (its id and uid given by the caller):
/// priority H/M/L → impact, taskwarrior's urgency → urgency, due → due,
/// annotations → the update log; its project kept in `extra`.
fn task_priority<Tz: TimeZone>(task: &Value, title: String, uuid: &str, zone: &Tz) -> Priority {
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
        extra.insert(TASKWARRIOR_KEY.into(), uuid.into());
    }
    if let Some(project) = task.get("project").and_then(Value::as_str) {
        extra.insert("project".into(), project.into());
    }
    Priority {
        title,
        due: tw_date(task.get("due"), zone),
        impact,
        urgency,
        status: PriorityStatus::Active,
        created: tw_date(task.get("entry"), zone),
        updates,
        extra,
        ..Priority::default()
    }
}

/// Every priority as a task `task import` takes (`lane export taskwarrior`):
/// its uuid, title, status, dates as taskwarrior writes them (local midnight in
/// UTC), impact as priority, updates as annotations, and what an import kept.
pub fn export_taskwarrior<Tz: TimeZone>(data: &Data, zone: &Tz) -> Result<String, String> {
    let tasks: Vec<Value> = data.priorities.iter().map(|p| task_of(p, zone)).collect();
    let mut text = String::from("[\n");
    for (n, task) in tasks.iter().enumerate() {
        let line = serde_json::to_string(task).map_err(|e| e.to_string())?;
        text.push_str(&crate::model::text::json_safe(&line));
        text.push_str(if n + 1 < tasks.len() { ",\n" } else { "\n" });
    }
    text.push_str("]\n");
    Ok(text)
}

/// One priority as a taskwarrior task.
fn task_of<Tz: TimeZone>(p: &Priority, zone: &Tz) -> Value {
    let mut task: Map<String, Value> = p
        .extra
        .get(KEPT_KEY)
        .and_then(|kept| serde_json::to_value(kept).ok())
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    let mut put = |key: &str, value: Value| {
        task.insert(key.into(), value);
    };
    put("uuid", task_uuid(p).into());
    put("description", p.title.clone().into());
    let status = match p.status {
        PriorityStatus::Done => "completed",
        PriorityStatus::Dropped => "deleted",
        _ => "pending",
    };
    put("status", status.into());
    let stamp = |d: Option<NaiveDate>| d.and_then(|d| tw_stamp(d, zone));
    for (key, date) in [("entry", p.created), ("due", p.due), ("end", p.closed)] {
        if let Some(s) = stamp(date) {
            put(key, s.into());
        }
    }
    let priority = match p.impact {
        Level::High => "H",
        Level::Medium => "M",
        Level::Low => "L",
    };
    put("priority", priority.into());
    if let Some(project) = p.extra.get("project").and_then(toml::Value::as_str) {
        put("project", project.into());
    }
    let annotations: Vec<Value> = p
        .updates
        .iter()
        .filter_map(|u| {
            let entry = tw_stamp(u.date, zone)?;
            Some(serde_json::json!({"entry": entry, "description": u.note}))
        })
        .collect();
    if !annotations.is_empty() {
        put("annotations", annotations.into());
    }
    Value::Object(task)
}

#[cfg(test)]
mod tests;
