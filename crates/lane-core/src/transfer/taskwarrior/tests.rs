use super::*;
use crate::model::Data;
use crate::transfer::Imported;
use chrono::NaiveDate;

const EXPORT: &str = include_str!("../../../../../tests/fixtures/task-export.json");

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
            // The recurring instance's link to its template.
            kept: ["imask", "parent", "recur", "rtype"]
                .map(String::from)
                .into(),
            kept_under: "taskwarrior",
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
        assert_eq!(
            p.created,
            NaiveDate::from_ymd_opt(2026, 11, 21),
            "UTC{hours:+}"
        );
        assert_eq!(p.updates[0].date, p.created.unwrap(), "UTC{hours:+}");
    }
}

fn counter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("01KBZ0000000000000000000{n:02}")
    }
}

fn one(fields: &str) -> String {
    format!(
        r#"[{{"uuid": "aaaaaaaa-0000-4000-8000-000000000001", "entry": "20261101T000000Z", {fields}}}]"#
    )
}

#[test]
fn a_reimport_brings_what_changed_in_taskwarrior_and_keeps_what_changed_here() {
    let (mut data, none, mut uid) = (Data::default(), Data::default(), counter());
    let first = one(
        r#""description": "Ship it", "status": "pending", "due": "20261211T000000Z", "tags": ["work"], "depends": "x""#,
    );
    let done = import_taskwarrior(&mut data, &first, &none, &mut uid, &chrono::Utc).unwrap();
    assert_eq!(done.kept, ["depends", "tags"].map(String::from).into());
    assert!(
        done.summary()
            .contains("kept depends, tags under `taskwarrior`")
    );
    // Renamed here; nothing changed there: the next import keeps lane's title.
    data.priorities[0].title = "Ship it (lane)".into();
    let same = import_taskwarrior(&mut data, &first, &none, &mut uid, &chrono::Utc).unwrap();
    assert_eq!((same.added, same.updated, same.already_there), (0, 0, 1));
    assert_eq!(data.priorities[0].title, "Ship it (lane)");
    // Re-dated and completed there: both come here, the title stays lane's.
    let later = one(
        r#""description": "Ship it", "status": "completed", "end": "20261205T120000Z", "due": "20261218T000000Z", "tags": ["work"]"#,
    );
    let done = import_taskwarrior(&mut data, &later, &none, &mut uid, &chrono::Utc).unwrap();
    assert_eq!((done.added, done.updated), (0, 1));
    let p = &data.priorities[0];
    assert_eq!(p.title, "Ship it (lane)");
    assert_eq!(p.due, NaiveDate::from_ymd_opt(2026, 12, 18));
    assert_eq!(
        (p.status, p.closed),
        (PriorityStatus::Done, NaiveDate::from_ymd_opt(2026, 12, 5))
    );
    // Renamed and reopened there.
    let reopened =
        one(r#""description": "Ship it v2", "status": "pending", "due": "20261218T000000Z""#);
    import_taskwarrior(&mut data, &reopened, &none, &mut uid, &chrono::Utc).unwrap();
    let p = &data.priorities[0];
    assert_eq!(
        (p.title.as_str(), p.status, p.closed),
        ("Ship it v2", PriorityStatus::Active, None)
    );
    assert!(
        p.extra.get("taskwarrior").is_none(),
        "tags removed there are gone here"
    );
}

#[test]
fn a_priority_deleted_here_is_not_brought_back() {
    let (mut data, none, mut uid) = (Data::default(), Data::default(), counter());
    let task = one(r#""description": "Ship it", "status": "pending""#);
    import_taskwarrior(&mut data, &task, &none, &mut uid, &chrono::Utc).unwrap();
    data.priorities.clear();
    let again = import_taskwarrior(&mut data, &task, &none, &mut uid, &chrono::Utc).unwrap();
    assert_eq!(again.added, 0);
    assert_eq!(
        again.skipped,
        ["“Ship it”: deleted in lane since it was imported (it stays deleted)"]
    );
}

#[test]
fn an_export_carries_what_the_import_kept_in_the_owners_zone() {
    let (mut data, none, mut uid) = (Data::default(), Data::default(), counter());
    let berlin = chrono::FixedOffset::east_opt(3600).unwrap();
    let task = one(
        r#""description": "Ship it", "status": "pending", "due": "20261210T230000Z", "priority": "H", "project": "Home", "tags": ["work"], "annotations": [{"entry": "20261120T100000Z", "description": "noted"}]"#,
    );
    import_taskwarrior(&mut data, &task, &none, &mut uid, &berlin).unwrap();
    let mut born_here = data.priorities[0].clone();
    born_here.extra = Extra::new();
    born_here.id = 2;
    born_here.uid = "01KBZ00000000000000000000Z".into();
    born_here.status = PriorityStatus::Done;
    born_here.closed = NaiveDate::from_ymd_opt(2026, 12, 1);
    data.priorities.push(born_here);
    let text = export_taskwarrior(&data, &berlin).unwrap();
    let tasks: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        tasks[0],
        serde_json::json!({"uuid": "aaaaaaaa-0000-4000-8000-000000000001", "description": "Ship it",
            "status": "pending", "entry": "20261031T230000Z", "due": "20261210T230000Z", "priority": "H",
            "project": "Home", "tags": ["work"],
            "annotations": [{"entry": "20261119T230000Z", "description": "noted"}]})
    );
    assert_eq!(tasks[1]["status"], "completed");
    assert_eq!(tasks[1]["end"], "20261130T230000Z");
    assert_eq!(tasks[1]["uuid"], "019afe00-0000-0000-0000-00000000001f");
    // Read back, the export changes nothing and adds nothing.
    let before = data.clone();
    let back = import_taskwarrior(&mut data, &text, &none, &mut uid, &berlin).unwrap();
    assert_eq!((back.added, back.updated), (0, 0), "{back:?}");
    let seen = |d: &Data| {
        d.priorities
            .iter()
            .map(|p| {
                (
                    p.title.clone(),
                    p.due,
                    p.status,
                    p.closed,
                    p.updates.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(seen(&data), seen(&before));
}
