use chrono::{FixedOffset, NaiveDate, NaiveTime};

use super::*;
use crate::model::day::{minutes, overlaps};
use crate::model::limits::add_minutes;
use crate::model::parse::{parse_end_time, parse_span, parse_time};
use crate::model::rules::Rules;
use crate::model::slots::{first_free_slot, free_stretches};
use crate::model::test_util::{add, at, block, day, monday};
use crate::model::{BlockKind, Data, Kind, WorkingHours};

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn the_end_of_the_day_sorts_last_and_measures_the_last_minute() {
    assert!(END_OF_DAY > hm(23, 59));
    assert!(END_OF_DAY > NaiveTime::from_hms_opt(23, 59, 59).unwrap());
    assert_eq!((END_OF_DAY - hm(23, 0)).num_minutes(), 60);
    assert_eq!((END_OF_DAY - NaiveTime::MIN).num_minutes(), 1440);
    assert_eq!(minute_of_day(END_OF_DAY), 1440);
    assert_eq!(minute_of_day(hm(23, 59)), 1439);
}

#[test]
fn it_prints_as_24_00_and_is_the_next_days_first_instant() {
    assert_eq!(text(END_OF_DAY), "24:00");
    assert_eq!(text(hm(9, 5)), "09:05");
    let d = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    assert_eq!(
        instant(d, END_OF_DAY),
        NaiveDate::from_ymd_opt(2027, 1, 1)
            .unwrap()
            .and_time(NaiveTime::MIN)
    );
    assert_eq!(instant(d, hm(22, 0)), d.and_time(hm(22, 0)));
}

#[test]
fn twenty_four_is_typed_as_an_end_and_refused_as_a_start() {
    for end in ["24:00", "24", "2400"] {
        assert_eq!(parse_end_time(end), Ok(END_OF_DAY), "{end}");
    }
    let span = parse_span("22:00-24:00", monday()).unwrap();
    assert_eq!((span.start, span.end), (hm(22, 0), Some(END_OF_DAY)));
    let span = parse_span("23:00 +60m", monday()).unwrap();
    assert_eq!(
        span.end,
        Some(END_OF_DAY),
        "an hour from 23:00 ends the day"
    );
    assert_eq!(parse_span("23:00 +61m", monday()).map(|s| s.end).ok(), None);
    let refused = parse_span("24:00-24:00", monday()).unwrap_err();
    assert!(
        refused.contains("only a block's end can be 24:00"),
        "{refused}"
    );
    assert!(parse_time("24:00").is_err());
    for hostile in ["24:01", "25:00", "24:60", "24pm", "2401"] {
        let why = parse_span(&format!("22:00-{hostile}"), monday()).unwrap_err();
        assert!(why.contains("is not a time"), "{hostile}: {why}");
    }
}

#[test]
fn minutes_move_up_to_midnight_and_back() {
    assert_eq!(add_minutes(hm(22, 30), 90), Some(END_OF_DAY));
    assert_eq!(add_minutes(END_OF_DAY, -30), Some(hm(23, 30)));
    assert_eq!(add_minutes(END_OF_DAY, 1), None);
}

#[test]
fn a_block_to_midnight_is_its_length_and_overlaps_only_what_it_touches() {
    let mut data = Data::default();
    data.blocks
        .push(block(1, "2026-11-23", "22:00", "23:00", BlockKind::Deep));
    let mut late = block(2, "2026-11-23", "23:00", "23:30", BlockKind::Deep);
    late.end = END_OF_DAY;
    assert_eq!(minutes(&late), 60);
    assert!(!overlaps(&late, &data), "22:00–23:00 ends where it starts");
    data.blocks
        .push(block(3, "2026-11-24", "00:00", "01:00", BlockKind::Deep));
    assert!(
        !overlaps(&late, &data),
        "the next day's 00:00 is another day"
    );
    data.blocks
        .push(block(4, "2026-11-23", "23:59", "23:59", BlockKind::Deep));
    data.blocks[2].end = END_OF_DAY;
    assert!(overlaps(&late, &data), "the last minute is inside it");
}

#[test]
fn free_time_runs_up_to_midnight() {
    let hours = WorkingHours::new(std::array::from_fn(|_| Some((hm(20, 0), END_OF_DAY))));
    let mut data = Data::default();
    data.blocks
        .push(block(1, "2026-11-23", "20:00", "22:30", BlockKind::Deep));
    let free = free_stretches(&data, &hours, day("2026-11-23"));
    assert_eq!(free, [(hm(22, 30), END_OF_DAY)]);
    let slot = first_free_slot(&data, &hours, day("2026-11-23"), 90, monday());
    assert_eq!(slot, Some(hm(22, 30)), "90 minutes fit exactly to 24:00");
    let none = first_free_slot(&data, &hours, day("2026-11-23"), 91, monday());
    assert_eq!(none, None);
}

#[test]
fn a_block_ending_at_midnight_saves_and_loads_as_24_00() {
    let mut data = Data::default();
    let id = add(
        &mut data,
        Kind::Block,
        &[("title", "late release"), ("time", "22:00-24:00")],
    )
    .unwrap();
    let b = data.blocks.iter().find(|b| b.id == id).unwrap();
    assert_eq!(b.end, END_OF_DAY);
    let toml = toml::to_string(&data).unwrap();
    assert!(toml.contains("end = \"24:00\""), "{toml}");
    let back: Data = toml::from_str(&toml).unwrap();
    assert_eq!(back.blocks, data.blocks);
    assert!(back.problems().is_empty(), "{:?}", back.problems());
    // The leap second lane keeps it as is read only as 24:00.
    let leap = toml.replace("\"24:00\"", "\"23:59:60\"");
    assert!(toml::from_str::<Data>(&leap).is_err());
}

#[test]
fn a_start_at_24_00_in_the_file_is_a_problem_said_plainly() {
    let mut data = Data::default();
    let mut b = block(1, "2026-11-23", "22:00", "23:00", BlockKind::Deep);
    b.start = END_OF_DAY;
    b.end = END_OF_DAY;
    data.blocks.push(b);
    let problems = data.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].reason.contains("starts at 24:00"),
        "{problems:?}"
    );
}

#[test]
fn a_reminder_for_00_00_is_the_next_days_and_24_00_ends_at_midnight() {
    let mut data = Data::default();
    add(
        &mut data,
        Kind::Block,
        &[
            ("title", "night"),
            ("time", "00:00-01:00"),
            ("date", "2026-11-24"),
        ],
    )
    .unwrap();
    let rules = Rules::default();
    let due = crate::model::remind::due(&data, &rules, 5, at("2026-11-23", "23:55"));
    let starts: Vec<_> = due.iter().filter(|r| r.key.starts_with("start:")).collect();
    assert_eq!(starts.len(), 1, "{due:?}");
    assert!(starts[0].key.ends_with(":2026-11-24"), "{}", starts[0].key);
    assert_eq!(starts[0].text, "night starts at 00:00 (in 5m)");
    let next = crate::model::remind::next_at(&data, &rules, 5, at("2026-11-23", "23:00"));
    assert_eq!(next, Some(at("2026-11-23", "23:55")));

    let mut data = Data::default();
    let id = add(
        &mut data,
        Kind::Block,
        &[
            ("title", "late"),
            ("time", "23:00-24:00"),
            ("date", "2026-11-23"),
        ],
    )
    .unwrap();
    crate::model::day::start_stop(&mut data, id, at("2026-11-23", "23:00")).unwrap();
    let texts = |now| -> Vec<String> {
        crate::model::remind::due(&data, &rules, 5, now)
            .into_iter()
            .filter(|r| r.key.starts_with("end:"))
            .map(|r| r.text)
            .collect()
    };
    assert!(texts(at("2026-11-23", "23:59")).is_empty());
    assert_eq!(
        texts(at("2026-11-24", "00:00")),
        ["late reached its planned end (24:00): stop it or keep going"]
    );
    let s = crate::model::status::status(&data, &rules, at("2026-11-23", "23:30"));
    let running = s.running.unwrap();
    assert_eq!(
        (running.end.as_str(), running.minutes, running.percent),
        ("24:00", 30, 50)
    );
}

#[test]
fn ics_export_ends_a_block_at_24_00_at_the_next_days_00_00() {
    let mut b = block(1, "2026-12-31", "22:00", "23:00", BlockKind::Deep);
    b.end = END_OF_DAY;
    let data = Data::default();
    let utc = FixedOffset::east_opt(0).unwrap();
    let zone = crate::report::IcsZone {
        local: &utc,
        named: Some(("Etc/UTC", &[])),
    };
    let text = crate::report::ics(&data, &[&b], at("2026-12-01", "09:00"), &zone);
    assert!(
        text.contains("DTSTART;TZID=Etc/UTC:20261231T220000\r\n"),
        "{text}"
    );
    assert!(
        text.contains("DTEND;TZID=Etc/UTC:20270101T000000\r\n"),
        "{text}"
    );
    let one_hour_east = FixedOffset::east_opt(3600).unwrap();
    let zone = crate::report::IcsZone {
        local: &one_hour_east,
        named: None,
    };
    let text = crate::report::ics(&data, &[&b], at("2026-12-01", "09:00"), &zone);
    assert!(text.contains("DTEND:20261231T230000Z\r\n"), "{text}");
}
