use chrono::{NaiveDateTime, NaiveTime};

use super::*;
use crate::model::test_util::{add, monday};
use crate::model::{BlockKind, Data, Kind, Level, WorkingHours};

fn now() -> NaiveDateTime {
    monday()
}

fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

#[test]
fn a_title_alone_adds_a_priority_with_defaults() {
    let mut data = Data::default();
    assert_eq!(
        add(&mut data, Kind::Priority, &[("title", "Ship billing v2")]),
        Ok(1)
    );
    let p = &data.priorities[0];
    assert_eq!(p.title, "Ship billing v2");
    assert_eq!(p.impact, Level::Medium);
    assert_eq!(p.created, Some(now().date()));
    assert_eq!(
        add(&mut data, Kind::Priority, &[("title", "Second")]),
        Ok(2)
    );
}

#[test]
fn every_bad_field_is_reported_and_nothing_changes() {
    let mut data = Data::default();
    let errors = add(
        &mut data,
        Kind::Priority,
        &[("due", "someday"), ("impact", "huge")],
    )
    .unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.0).collect();
    assert_eq!(fields, ["title", "due", "impact"]);
    assert!(errors[1].1.contains("`someday`"));
    assert!(data.priorities.is_empty());
}

#[test]
fn levels_and_kinds_accept_prefixes() {
    let mut data = Data::default();
    add(
        &mut data,
        Kind::Priority,
        &[
            ("title", "x"),
            ("due", "fri"),
            ("impact", "h"),
            ("urgency", "lo"),
        ],
    )
    .unwrap();
    assert_eq!(data.priorities[0].impact, Level::High);
    assert_eq!(data.priorities[0].urgency, Level::Low);
    assert_eq!(
        data.priorities[0].due,
        NaiveDate::from_ymd_opt(2026, 11, 27)
    );
    add(
        &mut data,
        Kind::Block,
        &[
            ("title", "call"),
            ("time", "14-15"),
            ("date", "today"),
            ("kind", "meet"),
        ],
    )
    .unwrap();
    assert_eq!(data.blocks[0].kind, BlockKind::Meeting);
}

#[test]
fn a_block_title_may_carry_its_time() {
    let mut data = Data::default();
    add(&mut data, Kind::Block, &[("title", "9-10:30 billing spec")]).unwrap();
    let b = &data.blocks[0];
    assert_eq!(
        (b.start, b.end, b.title.as_str()),
        (t("09:00"), t("10:30"), "billing spec")
    );
    add(
        &mut data,
        Kind::Block,
        &[("title", "14:00 +90m review PRs")],
    )
    .unwrap();
    assert_eq!(
        (data.blocks[1].start, data.blocks[1].end),
        (t("14:00"), t("15:30"))
    );
}

#[test]
fn a_block_without_time_takes_the_first_free_hour() {
    let mut data = Data::default();
    add(&mut data, Kind::Block, &[("title", "9-10:30 spec")]).unwrap();
    add(&mut data, Kind::Block, &[("title", "write tests")]).unwrap();
    let b = data
        .blocks
        .iter()
        .find(|b| b.title == "write tests")
        .unwrap();
    assert_eq!((b.start, b.end), (t("10:30"), t("11:30")));
    // Saturday is not a working day by default.
    let err = add(
        &mut data,
        Kind::Block,
        &[("title", "weekend"), ("date", "sat")],
    )
    .unwrap_err();
    assert_eq!(err[0].0, "time");
    assert!(err[0].1.contains("no free hour"));
}

#[test]
fn blocks_are_inserted_in_time_order() {
    let mut data = Data::default();
    add(
        &mut data,
        Kind::Block,
        &[("title", "late"), ("time", "15-16")],
    )
    .unwrap();
    add(
        &mut data,
        Kind::Block,
        &[("title", "early"), ("time", "9-10")],
    )
    .unwrap();
    add(
        &mut data,
        Kind::Block,
        &[("title", "tomorrow"), ("time", "8-9"), ("date", "tomorrow")],
    )
    .unwrap();
    let titles: Vec<&str> = data.blocks.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(titles, ["early", "late", "tomorrow"]);
}

#[test]
fn a_block_needs_a_title_after_its_time() {
    let mut data = Data::default();
    let err = add(&mut data, Kind::Block, &[("title", "9-10")]).unwrap_err();
    assert!(err[0].1.contains("title after the time"));
}

#[test]
fn editing_keeps_id_uid_and_unknown_keys() {
    let mut data = Data::default();
    add(
        &mut data,
        Kind::Blocker,
        &[("title", "staging DB"), ("waiting_on", "ops")],
    )
    .unwrap();
    data.blockers[0]
        .extra
        .insert("ticket".into(), toml::Value::String("OPS-1".into()));
    let values = initial_values(&data, Kind::Blocker, Some(1), now().date());
    let shown: Vec<(&str, &str)> = values.iter().collect();
    assert_eq!(
        shown,
        [
            ("title", "staging DB"),
            ("waiting_on", "ops"),
            ("priority", ""),
            ("links", "")
        ]
    );
    let values = values.with("waiting_on", "ops team");
    let hours = WorkingHours::default();
    let ctx = Ctx {
        now: now(),
        hours: &hours,
        boundaries: &crate::model::triage::Boundaries::default(),
        uid: "NEW".into(),
    };
    assert_eq!(save(&mut data, Kind::Blocker, Some(1), &values, ctx), Ok(1));
    let b = &data.blockers[0];
    assert_eq!((b.waiting_on.as_str(), b.uid.as_str()), ("ops team", "U"));
    assert_eq!(
        b.extra.get("ticket").and_then(|v| v.as_str()),
        Some("OPS-1")
    );
}

#[test]
fn decisions_record_reversibility() {
    let mut data = Data::default();
    add(
        &mut data,
        Kind::Decision,
        &[
            ("situation", "Retry policy"),
            ("call", "3 retries"),
            ("rationale", "cheap"),
            ("reversible", "no"),
        ],
    )
    .unwrap();
    assert!(!data.decisions[0].reversible);
    let err = add(
        &mut data,
        Kind::Decision,
        &[("situation", "x"), ("reversible", "maybe")],
    )
    .unwrap_err();
    assert_eq!(err[0].0, "reversible");
}

#[test]
fn one_review_per_day_in_date_order() {
    let mut data = Data::default();
    add(
        &mut data,
        Kind::Review,
        &[("wins", "shipped"), ("energy", "4"), ("date", "today")],
    )
    .unwrap();
    add(
        &mut data,
        Kind::Review,
        &[("wins", "older"), ("date", "yesterday")],
    )
    .unwrap();
    assert_eq!(data.reviews[0].wins, "older");
    assert_eq!(data.reviews[1].energy, Some(4));
    let err = add(
        &mut data,
        Kind::Review,
        &[("wins", "again"), ("date", "today")],
    )
    .unwrap_err();
    assert!(err[0].1.contains("already covers"));
    let err = add(&mut data, Kind::Review, &[("wins", "x"), ("energy", "9")]).unwrap_err();
    assert_eq!(err[0].0, "energy");
}

#[test]
fn a_value_the_store_would_refuse_is_refused_under_its_field() {
    let mut data = Data::default();
    for (field, typed) in [
        ("time", "14:00 +0"),
        ("time", "14:00 +-30"),
        ("time", "now +0"),
        ("time", "14:00 +9223372036854775807"),
        ("title", "14:00 +0 zero"),
        ("date", "+1000000000000000d"),
        ("date", "+99999999999w"),
        ("date", "10000-01-01"),
    ] {
        // Typed alone in its field, with a plain title beside a time or date.
        let values = match field {
            "title" => vec![("title", typed)],
            _ => vec![("title", "zero"), (field, typed)],
        };
        let errors = add(&mut data, Kind::Block, &values).unwrap_err();
        assert_eq!(errors.len(), 1, "{typed}: {errors:?}");
        assert_eq!(errors[0].0, field, "{typed}: {errors:?}");
        assert_eq!(data, Data::default(), "{typed} changed the data");
    }
    let errors = add(
        &mut data,
        Kind::Priority,
        &[("title", "x"), ("due", "+99999999999w")],
    )
    .unwrap_err();
    assert_eq!(errors[0].0, "due");
    assert!(errors[0].1.contains("out of range"), "{errors:?}");
}

#[test]
fn the_rules_of_the_store_back_up_every_form() {
    // An id past the range can only come from a file full of items; the form
    // says so under its first field and changes nothing.
    let mut data = Data::default();
    data.archived_ids.priorities = crate::model::limits::MAX_ID;
    let before = data.clone();
    let errors = add(&mut data, Kind::Priority, &[("title", "one too many")]).unwrap_err();
    assert_eq!(errors[0].0, "title");
    assert!(errors[0].1.contains("ids go up to"), "{errors:?}");
    assert_eq!(data, before);
}

#[test]
fn a_title_holding_control_characters_opens_visible_and_saves_as_plain_text() {
    let mut data = Data::default();
    add(&mut data, Kind::Priority, &[("title", "plain")]).unwrap();
    // As a hand edit or an import left it.
    data.priorities[0].title = "evil \u{1b}]0;x\u{7}".into();
    data.priorities[0].outcome = "line one\nline \u{9b}two".into();
    let v = initial_values(&data, Kind::Priority, Some(1), monday().date());
    assert_eq!(v.get("title"), "evil \\u{1b}]0;x\\u{7}");
    assert_eq!(v.get("outcome"), "line one\nline \\u{9b}two");
    let hours = WorkingHours::default();
    let ctx = Ctx {
        now: monday(),
        hours: &hours,
        boundaries: &crate::model::triage::Boundaries::default(),
        uid: "U".into(),
    };
    // Another field edited: the item saves, its text now plain.
    save(
        &mut data,
        Kind::Priority,
        Some(1),
        &v.with("measure", "ok"),
        ctx,
    )
    .unwrap();
    assert_eq!(data.priorities[0].title, "evil \\u{1b}]0;x\\u{7}");
    assert_eq!(data.priorities[0].measure, "ok");
}
