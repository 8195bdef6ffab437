use super::*;
use crate::model::test_util::{add, at, block, day};
use crate::model::{BlockKind, Extra};

fn far() -> NaiveDate {
    NaiveDate::from_ymd_opt(262_142, 12, 31).unwrap()
}

#[test]
fn a_far_date_is_a_problem_and_says_where() {
    let mut data = Data::default();
    add(&mut data, Kind::Priority, &[("title", "x")]).unwrap();
    assert!(data.problems().is_empty());
    data.priorities[0].created = Some(far());
    let problems = data.problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].at,
        [Key("priorities"), Index(0), Key("created")]
    );
    assert_eq!(
        problems[0].to_string(),
        "[[priorities]] id 1: `created` +262142-12-31 is not between 1900-01-01 and 9999-12-31"
    );
    assert_eq!(problems[0].field(), Some("created"));
}

#[test]
fn every_date_and_instant_is_held_to_the_range() {
    let mut data = Data::default();
    for kind in Kind::ALL {
        add(
            &mut data,
            kind,
            &[(crate::model::form::fields(kind)[0].key, "x")],
        )
        .unwrap();
    }
    assert!(data.problems().is_empty(), "{:?}", data.problems());
    let early = NaiveDate::from_ymd_opt(1899, 12, 31).unwrap();
    let p = &mut data.priorities[0];
    (p.due, p.created, p.closed) = (Some(far()), Some(early), Some(far()));
    p.updates.push(crate::model::Update {
        date: far(),
        note: "n".into(),
        extra: Extra::new(),
    });
    let b = &mut data.blocks[0];
    b.date = far();
    b.actual_start = Some(far().and_hms_opt(9, 0, 0).unwrap().into());
    b.actual_end = b.actual_start;
    let k = &mut data.blockers[0];
    let when = Some(early.and_hms_opt(9, 0, 0).unwrap());
    (k.opened, k.escalated_at, k.resolved_at, k.follow_up) = (when, when, when, Some(early));
    crate::model::form::mark_rung(
        &mut data,
        1,
        crate::model::Rung::Docs,
        "",
        at("2026-11-23", "09:00"),
    )
    .unwrap();
    data.blockers[0].tried[0].at = far().and_hms_opt(0, 0, 0).unwrap();
    let d = &mut data.decisions[0];
    (d.date, d.escalated_at, d.reported, d.review_on) = (
        Some(far()),
        far().and_hms_opt(0, 0, 0),
        Some(far()),
        Some(early),
    );
    data.reviews[0].date = far();
    let fields: Vec<String> = data
        .problems()
        .iter()
        .map(|p| format!("{}.{}", p.at[0].table(), p.field().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            "priorities.due",
            "priorities.created",
            "priorities.closed",
            "priorities.date",
            "blocks.date",
            "blocks.actual_start",
            "blocks.actual_end",
            "blockers.opened",
            "blockers.at",
            "blockers.follow_up",
            "blockers.escalated_at",
            "blockers.resolved_at",
            "decisions.date",
            "decisions.escalated_at",
            "decisions.reported",
            "decisions.review_on",
            "reviews.date",
        ]
    );
}

impl Step {
    fn table(&self) -> &'static str {
        match self {
            Key(k) => k,
            Index(_) => "",
        }
    }
}

#[test]
fn numbers_out_of_their_range_are_problems() {
    let mut data = Data::default();
    for kind in [Kind::Priority, Kind::Decision, Kind::Review] {
        add(
            &mut data,
            kind,
            &[(crate::model::form::fields(kind)[0].key, "x")],
        )
        .unwrap();
    }
    data.priorities[0].progress = Some(101);
    data.reviews[0].energy = Some(0);
    data.reviews[0].planned_minutes = Some(-1);
    data.reviews[0].worked_minutes = Some(i64::MAX);
    data.reviews[0].deep_minutes = Some(MAX_DAY_MINUTES);
    data.archived_ids.blocks = u32::MAX;
    let mut problems = |cost: f64| {
        data.decisions[0].cost = Some(cost);
        data.problems()
            .iter()
            .map(Problem::to_string)
            .collect::<Vec<_>>()
    };
    let found = problems(f64::NAN);
    assert_eq!(
        found,
        [
            "[[priorities]] id 1: `progress` is 101; it must be from 0 to 100",
            "archived_ids.blocks: ids go up to 999999999",
            "[[decisions]] id 1: `cost` is NaN; a cost is a number, 0 or more",
            "[[reviews]] id 1: `energy` is 0; it must be from 1 to 5",
            "[[reviews]] id 1: `planned_minutes` is -1; it must be from 0 to 1000000",
            "[[reviews]] id 1: `worked_minutes` is 9223372036854775807; it must be from 0 to 1000000",
        ]
    );
    assert!(problems(f64::INFINITY)[2].contains("`cost` is inf"));
    assert!(problems(-1.0)[2].contains("`cost` is -1"));
    assert!(problems(0.0).iter().all(|p| !p.contains("cost")));
}

#[test]
fn ids_used_twice_too_big_and_empty_blocks() {
    let mut data = Data::default();
    data.blocks
        .push(block(7, "2026-11-23", "14:00", "14:00", BlockKind::Deep));
    data.blocks
        .push(block(7, "2026-11-23", "09:00", "10:00", BlockKind::Deep));
    data.blocks.push(block(
        MAX_ID + 1,
        "2026-11-23",
        "11:00",
        "12:00",
        BlockKind::Deep,
    ));
    let problems = data.problems();
    let found: Vec<(String, Option<&str>)> = problems
        .iter()
        .map(|p| (p.to_string(), p.field()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "[[blocks]] id 7: ends at 14:00 before it starts at 14:00".into(),
                Some("end")
            ),
            ("[[blocks]]: id 7 is used twice".into(), Some("id")),
            (
                "[[blocks]] id 1000000000: ids go up to 999999999; this one is too big".into(),
                Some("id")
            ),
        ]
    );
    assert_eq!(problems[1].at, [Key("blocks"), Index(1), Key("id")]);
    assert_eq!(day("2026-11-23"), data.blocks[0].date);
}

#[test]
fn the_demo_year_has_no_problems() {
    let year = crate::demo::generate(365, 1, day("2026-11-23"));
    assert_eq!(describe(&year.problems()), "");
}

#[test]
fn instants_and_times_load_back_exactly_to_the_second_or_its_fraction() {
    use chrono::NaiveTime;
    let mut data = Data::default();
    let mut b = block(1, "2026-11-23", "09:00", "10:00", BlockKind::Deep);
    // Half a minute apart: written as minutes this block would end where it starts.
    b.start = NaiveTime::from_hms_opt(9, 0, 15).unwrap();
    b.end = NaiveTime::from_hms_milli_opt(9, 0, 45, 250).unwrap();
    b.actual_start = Some((at("2026-11-23", "09:00") + chrono::Duration::nanoseconds(1)).into());
    b.actual_end = Some((at("2026-11-23", "09:30") + chrono::Duration::seconds(59)).into());
    data.blocks.push(b);
    let text = toml::to_string(&data).unwrap();
    assert!(text.contains("start = \"09:00:15\""), "{text}");
    assert!(text.contains("end = \"09:00:45.250\""), "{text}");
    assert!(
        text.contains("actual_start = \"2026-11-23T09:00:00.000000001\""),
        "{text}"
    );
    assert_eq!(toml::from_str::<Data>(&text).unwrap(), data);
    // Stamped instants stay to the minute, as lane has always written them.
    data.blocks[0].actual_start = Some(at("2026-11-23", "09:00").into());
    let text = toml::to_string(&data).unwrap();
    assert!(
        text.contains("actual_start = \"2026-11-23T09:00\""),
        "{text}"
    );
}

#[test]
fn a_uid_used_twice_in_one_kind_is_a_problem_across_kinds_it_is_not() {
    let mut data = Data::default();
    add(&mut data, Kind::Priority, &[("title", "a")]).unwrap();
    add(&mut data, Kind::Priority, &[("title", "b")]).unwrap();
    add(&mut data, Kind::Decision, &[("situation", "c")]).unwrap();
    data.decisions[0].uid = data.priorities[0].uid.clone();
    assert!(data.problems().is_empty(), "{:?}", data.problems());
    data.priorities[1].uid = data.priorities[0].uid.clone();
    let problems = data.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].at, [Key("priorities"), Index(1), Key("uid")]);
    assert!(
        problems[0]
            .to_string()
            .starts_with("[[priorities]] id 2: uid "),
        "{}",
        problems[0]
    );
    assert!(problems[0].reason.ends_with("is used twice"));
}
