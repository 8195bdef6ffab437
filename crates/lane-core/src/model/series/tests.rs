use super::*;
use crate::model::test_util::{add as add_item, at, day, t};

/// Adds a series through the block form (uid "U") with these fields typed.
fn add_series(data: &mut Data, typed: &[(&str, &str)]) -> u32 {
    add_item(data, Kind::Block, typed).unwrap()
}

fn dates(data: &Data) -> Vec<String> {
    data.blocks.iter().map(|b| b.date.to_string()).collect()
}

fn falls(every: &str, first: &str, days: &[&str]) -> Vec<bool> {
    let rule = Rule::parse(every).unwrap();
    days.iter()
        .map(|d| rule.falls_on(day(first), day(d)))
        .collect()
}

#[test]
fn rules_parse_and_are_named_one_way() {
    let first = day("2026-11-23");
    for (typed, name) in [
        ("weekday", "weekday"),
        ("Weekdays", "weekday"),
        ("daily", "daily"),
        ("day", "daily"),
        ("3 days", "3 days"),
        ("mon,wed", "mon,wed"),
        ("Monday, Wednesday", "mon,wed"),
        ("2 weeks on fri", "2 weeks on fri"),
        ("week on tue,thu", "tue,thu"),
        ("weekly", "mon"),
        ("month on 1", "month on 1"),
        ("month on 31st", "month on 31"),
        ("3 months on 15", "3 months on 15"),
        ("monthly", "month on 23"),
        ("weekend", "sat,sun"),
    ] {
        let rule = Rule::parse(typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
        assert_eq!(rule.name(first), name, "{typed}");
        // The stored name reads back as the same rule.
        assert_eq!(Rule::parse(name).unwrap().name(first), name);
    }
}

#[test]
fn bad_rules_are_refused_with_what_to_say() {
    for bad in [
        "fortnightly",
        "",
        "0 days",
        "400 days",
        "month on 32",
        "month on 0",
        "2 weeks on",
        "2 weeks fri",
        "mon,funday",
        "2 mon",
        "\u{1b}[31m",
    ] {
        let e = Rule::parse(bad).unwrap_err();
        assert!(!e.is_empty() && !e.contains('\n'), "{bad}: {e}");
    }
    let today = day("2026-11-23");
    let e = parse_every("weekday until 2026-11-01", today, today).unwrap_err();
    assert!(e.contains("before the first day"), "{e}");
    let (_, name, until) = parse_every("weekday until fri", today, today).unwrap();
    assert_eq!((name.as_str(), until), ("weekday", Some(day("2026-11-27"))));
}

#[test]
fn weekly_rules_fall_on_their_days_and_weeks() {
    // Mon 23 Nov 2026 is the first day.
    let days = [
        "2026-11-23",
        "2026-11-25",
        "2026-11-27",
        "2026-11-28",
        "2026-12-04",
        "2026-12-11",
    ];
    assert_eq!(
        falls("weekday", "2026-11-23", &days),
        [true, true, true, false, true, true]
    );
    assert_eq!(
        falls("2 weeks on fri", "2026-11-23", &days),
        [false, false, true, false, false, true]
    );
    assert_eq!(
        falls("mon,wed", "2026-11-23", &days),
        [true, true, false, false, false, false]
    );
    // Added on a Sunday, a fortnightly Thursday starts that week's Thursday.
    assert_eq!(
        falls(
            "2 weeks on thu",
            "2026-11-29",
            &["2026-12-03", "2026-12-10", "2026-12-17"]
        ),
        [true, false, true]
    );
    // Nothing before the first day.
    assert!(
        !Rule::parse("daily")
            .unwrap()
            .falls_on(day("2026-11-23"), day("2026-11-22"))
    );
}

#[test]
fn a_month_day_past_the_months_end_falls_on_its_last_day() {
    let days = [
        "2026-11-30",
        "2026-12-30",
        "2026-12-31",
        "2027-01-31",
        "2027-02-28",
        "2028-02-28",
        "2028-02-29",
    ];
    assert_eq!(
        falls("month on 31", "2026-11-01", &days),
        [true, false, true, true, true, false, true]
    );
    assert_eq!(
        falls(
            "month on 1",
            "2026-11-01",
            &["2026-12-01", "2027-01-01", "2027-01-02"]
        ),
        [true, true, false]
    );
    assert_eq!(
        falls(
            "2 months on 15",
            "2026-11-15",
            &["2026-12-15", "2027-01-15"]
        ),
        [false, true]
    );
    // Added after the 1st, every other month starts with the next month's 1st.
    assert_eq!(
        falls(
            "2 months on 1",
            "2026-11-29",
            &["2026-12-01", "2027-01-01", "2027-02-01"]
        ),
        [true, false, true]
    );
}

#[test]
fn adding_a_series_makes_the_window_and_materialising_again_changes_nothing() {
    let mut data = Data::default();
    let id = add_series(
        &mut data,
        &[("title", "09:00-09:15 standup"), ("every", "weekday")],
    );
    assert_eq!(id, 1);
    assert_eq!(data.series.len(), 1);
    assert_eq!(data.series[0].every, "weekday");
    // Monday 23 Nov to Monday 7 Dec: eleven working days.
    assert_eq!(data.blocks.len(), 11, "{:?}", dates(&data));
    assert_eq!(data.blocks[0].uid, "U@2026-11-23");
    assert_eq!(data.blocks[0].series.as_deref(), Some("U"));
    let once = data.clone();
    let today = day("2026-11-23");
    assert!(!materialise(&mut data, today, today));
    assert_eq!(data, once);
    // A day later the window reaches one more working day, and only that.
    let tue = day("2026-11-24");
    assert!(materialise(&mut data, tue, tue));
    assert_eq!(data.blocks.len(), 12);
    assert!(!materialise(&mut data, tue, tue));
    assert!(data.problems().is_empty());
}

#[test]
fn a_series_keeps_its_wall_clock_time_across_a_dst_change() {
    // Europe's clocks go back on Sunday 25 October 2026; the dates and times are
    // local, so nothing depends on the zone: 09:00 on both sides.
    let mut data = Data::default();
    data.series.push(Series {
        uid: "S".into(),
        every: "daily".into(),
        first: day("2026-10-23"),
        until: Some(day("2026-10-27")),
        start: t("09:00"),
        end: t("09:30"),
        title: "walk".into(),
        kind: BlockKind::Break,
        priority: None,
        except: Vec::new(),
        extra: Extra::new(),
    });
    let today = day("2026-10-23");
    materialise(&mut data, today, today);
    assert_eq!(
        dates(&data),
        [
            "2026-10-23",
            "2026-10-24",
            "2026-10-25",
            "2026-10-26",
            "2026-10-27"
        ]
    );
    assert!(
        data.blocks
            .iter()
            .all(|b| b.start == t("09:00") && b.end == t("09:30"))
    );
}

#[test]
fn editing_one_occurrence_keeps_it_and_editing_the_series_changes_the_untouched_ones() {
    let mut data = Data::default();
    add_series(
        &mut data,
        &[("title", "09:00-09:15 standup"), ("every", "weekday")],
    );
    let today = day("2026-11-23");
    // The Wednesday alone moves to 10:00.
    let wed = data
        .blocks
        .iter()
        .find(|b| b.date == day("2026-11-25"))
        .unwrap()
        .id;
    let mut v = crate::model::form::initial_values(&data, Kind::Block, Some(wed), today);
    v.set("time", "10:00-10:15");
    let hours = crate::model::WorkingHours::default();
    let boundaries = crate::model::triage::Boundaries::default();
    let ctx = |uid: &str| crate::model::form::Ctx {
        now: at("2026-11-23", "08:10"),
        hours: &hours,
        boundaries: &boundaries,
        uid: uid.into(),
    };
    crate::model::form::save(&mut data, Kind::Block, Some(wed), &v, ctx("x")).unwrap();
    let b = data.blocks.iter().find(|b| b.id == wed).unwrap();
    assert!(b.detached && b.start == t("10:00"));
    // Materialising leaves the edited day as it is.
    assert!(!materialise(&mut data, today, today));
    // The whole series: a new title and 09:30; Monday was started, so it stays.
    data.blocks[0].actual_start = Some(at("2026-11-23", "09:00").into());
    let v = values(&data, wed, today).unwrap();
    assert_eq!(v.get("every"), "weekday");
    assert_eq!(v.get("time"), "09:00-09:15");
    let v = v.with("title", "daily sync").with("time", "09:30-09:45");
    crate::model::form::save_series(&mut data, wed, &v, ctx("y")).unwrap();
    assert_eq!(data.series[0].title, "daily sync");
    for b in &data.blocks {
        let expect = if b.date == day("2026-11-23") {
            ("standup", "09:00")
        } else if b.id == wed {
            ("standup", "10:00")
        } else {
            ("daily sync", "09:30")
        };
        assert_eq!(
            (b.title.as_str(), b.start),
            (expect.0, t(expect.1)),
            "{}",
            b.date
        );
    }
    // Every other day now: the untouched days off the rule go, the touched stay.
    let v = values(&data, wed, today).unwrap().with("every", "mon,wed");
    crate::model::form::save_series(&mut data, wed, &v, ctx("z")).unwrap();
    assert_eq!(
        dates(&data),
        [
            "2026-11-23",
            "2026-11-25",
            "2026-11-30",
            "2026-12-02",
            "2026-12-07"
        ]
    );
    // A bad rule is refused under `every` and changes nothing.
    let before = data.clone();
    let v = values(&data, wed, today)
        .unwrap()
        .with("every", "sometimes");
    let e = crate::model::form::save_series(&mut data, wed, &v, ctx("w")).unwrap_err();
    assert_eq!(e[0].0, "every");
    assert_eq!(data, before);
}

#[test]
fn a_deleted_occurrence_never_comes_back_and_a_deleted_series_takes_its_coming_days() {
    let mut data = Data::default();
    add_series(
        &mut data,
        &[("title", "09:00-09:15 standup"), ("every", "daily")],
    );
    let today = day("2026-11-23");
    let tue = data.blocks[1].id;
    crate::model::ops::delete(&mut data, Kind::Block, tue).unwrap();
    assert_eq!(data.series[0].except, [day("2026-11-24")]);
    // The days after it move up a place (their ids follow), once.
    assert!(materialise(&mut data, today, today));
    assert!(!materialise(&mut data, today, today));
    assert!(!dates(&data).contains(&"2026-11-24".to_string()));
    // Monday was worked: deleting the series keeps it as history.
    data.blocks[0].done = true;
    let third = data.blocks[2].id;
    let gone = delete(&mut data, third, today).unwrap();
    assert_eq!(gone, 13);
    assert!(data.series.is_empty());
    assert_eq!(dates(&data), ["2026-11-23"]);
    assert!(!materialise(&mut data, today, today));
}

#[test]
fn the_plan_does_not_carry_an_occurrence_over() {
    let mut data = Data::default();
    add_series(
        &mut data,
        &[("title", "09:00-09:15 standup"), ("every", "weekday")],
    );
    // Monday's standup was not worked; a plain block that day was not either.
    add_item(&mut data, Kind::Block, &[("title", "10-11 spec")]).unwrap();
    let hours = crate::model::WorkingHours::default();
    let carried = crate::model::ritual::carry_over(&data, &hours, day("2026-11-24"));
    let spec = data.blocks.iter().find(|b| b.title == "spec").unwrap().id;
    assert_eq!(carried, [(Kind::Block, spec)]);
}

#[test]
fn a_series_that_never_falls_is_refused() {
    let mut data = Data::default();
    let e = add_item(
        &mut data,
        Kind::Block,
        &[("title", "9-10 x"), ("every", "sat until 2026-11-27")],
    )
    .unwrap_err();
    assert_eq!(e[0].0, "every");
    assert!(data.series.is_empty() && data.blocks.is_empty());
}

#[test]
fn two_copies_that_each_materialised_merge_without_duplicates() {
    // The base holds the series and nothing made yet (written on a third day).
    let mut base = Data::default();
    add_series(
        &mut base,
        &[("title", "09:00-09:15 standup"), ("every", "weekday")],
    );
    base.blocks.clear();
    // One machine adds a block first, then makes the days from Monday; the other
    // makes them from Tuesday: the same days get different ids on each.
    let mut ours = base.clone();
    add_item(&mut ours, Kind::Block, &[("title", "10-11 spec")]).unwrap();
    ours.blocks[0].uid = "plain".into();
    let mon = day("2026-11-23");
    materialise(&mut ours, mon, horizon(mon));
    let mut theirs = base.clone();
    let tue = day("2026-11-24");
    materialise(&mut theirs, tue, horizon(tue));
    let shared = ours
        .blocks
        .iter()
        .find(|b| b.date == tue && b.series.is_some())
        .unwrap();
    let same = theirs.blocks.iter().find(|b| b.uid == shared.uid).unwrap();
    assert_ne!(shared.id, same.id, "the test needs different ids");
    let mut n = 0;
    let mut uid = || {
        n += 1;
        format!("c{n}")
    };
    for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
        let merged =
            crate::model::merge::merge(&base, a, b, at("2026-11-24", "08:00"), &mut uid).unwrap();
        assert_eq!(merged.conflicts, 0, "{:?}", merged.data.conflicts);
        // The merge keeps what was kept; the days are made again after it.
        let mut d = merged.data;
        assert_eq!(d.blocks.len(), 1);
        materialise(&mut d, tue, tue);
        let uids: HashSet<&str> = d.blocks.iter().map(|b| b.uid.as_str()).collect();
        assert_eq!(uids.len(), d.blocks.len(), "an occurrence twice");
        // Monday 23 to Tuesday 8 December: twelve working days, and the plain block.
        assert_eq!(d.blocks.len(), 13);
        assert!(d.problems().is_empty());
        // Making the days again after the sync adds nothing.
        let mut again = d.clone();
        assert!(!materialise(&mut again, tue, tue));
    }
}

#[test]
fn a_day_moved_to_another_date_is_not_made_again() {
    let mut data = Data::default();
    add_series(
        &mut data,
        &[("title", "09:00-09:15 standup"), ("every", "daily")],
    );
    let today = day("2026-11-23");
    // Wednesday's standup moved (on its own) to the Friday before.
    let wed = data
        .blocks
        .iter()
        .find(|b| b.date == day("2026-11-25"))
        .unwrap()
        .id;
    let b = data.blocks.iter_mut().find(|b| b.id == wed).unwrap();
    b.date = day("2026-11-20");
    detach(b);
    let count = data.blocks.len();
    assert!(!materialise(&mut data, today, today));
    assert_eq!(data.blocks.len(), count);
}

#[test]
fn a_week_looked_at_far_ahead_is_made_alone_not_every_day_up_to_it() {
    let mut data = Data::default();
    add_series(
        &mut data,
        &[("title", "09:00-09:15 standup"), ("every", "weekday")],
    );
    let today = day("2026-11-23");
    // A week in the year 9999: its five days, not the 4 000 000 before it.
    let sunday = day("9999-12-26") + chrono::Duration::days(6);
    assert!(materialise(&mut data, today, sunday));
    let far: Vec<String> = dates(&data)
        .into_iter()
        .filter(|d| d.starts_with("9999"))
        .collect();
    assert_eq!(far.len(), 5, "{far:?}");
    assert_eq!(data.blocks.len(), 11 + 5);
    assert!(!materialise(&mut data, today, sunday));
}

#[test]
fn the_series_edited_on_one_machine_and_a_day_on_the_other_merge_without_conflicts_on_untouched_days()
 {
    let mut base = Data::default();
    add_series(
        &mut base,
        &[("title", "09:00-09:15 standup"), ("every", "weekday")],
    );
    let mon = day("2026-11-23");
    // Both machines made the same days from the same series (as a sync leaves them).
    let mut ours = base.clone();
    let mut theirs = base.clone();
    // Ours renames the series: its untouched days follow.
    ours.series[0].title = "renamed".into();
    materialise(&mut ours, mon, horizon(mon));
    assert!(ours.blocks.iter().all(|b| b.title == "renamed"));
    // Theirs edits one day on its own.
    let wed = theirs
        .blocks
        .iter_mut()
        .find(|b| b.date == day("2026-11-25"))
        .unwrap();
    wed.title = "bday".into();
    wed.detached = true;
    let mut n = 0;
    let merged = crate::model::merge::merge(
        &base,
        &ours,
        &theirs,
        at("2026-11-23", "08:00"),
        &mut || {
            n += 1;
            format!("c{n}")
        },
    )
    .unwrap();
    let d = &merged.data;
    assert_eq!(merged.conflicts, 0, "{:?}", d.conflicts);
    let titles: Vec<&str> = d.blocks.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(
        titles.iter().filter(|t| **t == "bday").count(),
        1,
        "{titles:?}"
    );
    assert_eq!(
        titles.iter().filter(|t| **t == "renamed").count(),
        titles.len() - 1
    );
}

#[test]
fn a_rule_with_letters_that_change_length_when_lowered_is_refused_not_panicked_on() {
    let first = day("2026-11-23");
    assert!(parse_every("İİİ until 2026-12-31", first, first).is_err());
    assert!(parse_every("weekday UNTIL 2026-12-31", first, first).is_ok());
    let err = parse_every("daily until 2026-02-30", first, first).unwrap_err();
    assert!(!err.contains("` 2026"), "{err}");
}
