//! The fortnight's checks after each day: one review per date, no block twice,
//! nothing the user did lost, the calendar's meetings where the calendar says,
//! and every report figure equal to the same figure computed from the data.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::{World, data_of, day};
use lane::model::Data;

/// The checks after each day, on one machine.
pub(super) fn check(w: &mut World, laptop: bool, upto: usize, now: NaiveDateTime) {
    let name = w.machine(laptop).name;
    let data = data_of(w.machine(laptop), now);
    // One review per date.
    let mut dates = BTreeSet::new();
    for r in &data.reviews {
        assert!(dates.insert(r.date), "{name}: two reviews for {}", r.date);
    }
    // No block twice: by uid, by calendar occurrence, by what the user sees.
    let mut uids = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for b in &data.blocks {
        assert!(uids.insert(&b.uid), "{name}: block uid {} twice", b.uid);
        let what = match &b.calendar {
            Some(c) => format!("{}/{}/{}", c.source, c.event, c.instance),
            None => format!("{} {}-{} {}", b.date, b.start, b.end, b.title),
        };
        if !seen.insert(what.clone()) {
            let twins: Vec<String> = data
                .blocks
                .iter()
                .filter(|x| x.date == b.date && x.start == b.start && x.title == b.title)
                .map(|x| format!("{} #{} {:?} {:?}", x.uid, x.id, x.result, x.moved_to))
                .collect();
            panic!("{name}: block twice: {what}: {twins:?}");
        }
    }
    check_nothing_lost(w, &data, name);
    check_meetings(&data, name, upto);
    check_figures(w, laptop, &data, upto, now);
}

fn check_nothing_lost(w: &World, data: &Data, name: &str) {
    let l = &w.ledger;
    for t in &l.priorities {
        assert!(
            data.priorities.iter().any(|p| &p.title == t),
            "{name}: lost priority {t}"
        );
    }
    for t in &l.blockers {
        assert!(
            data.blockers.iter().any(|b| &b.title == t),
            "{name}: lost blocker {t}"
        );
    }
    for t in &l.decisions {
        assert!(
            data.decisions.iter().any(|d| &d.situation == t),
            "{name}: lost call {t}"
        );
    }
    for (p, note) in &l.notes {
        let kept = data
            .priorities
            .iter()
            .any(|x| &x.title == p && x.updates.iter().any(|u| &u.note == note));
        assert!(kept, "{name}: lost note “{note}” of {p}");
    }
    // Resolved on both machines before a sync: one is kept, the other is the
    // conflict's other value until the user settles it — never dropped.
    let in_conflict = |text: &str| {
        data.conflicts.iter().any(|c| {
            [&c.kept, &c.other]
                .iter()
                .any(|v| v.as_ref().is_some_and(|v| v.to_string().contains(text)))
        })
    };
    for (b, how) in &l.resolutions {
        let kept = data
            .blockers
            .iter()
            .any(|x| &x.title == b && &x.resolution == how);
        assert!(
            kept || in_conflict(how),
            "{name}: lost resolution “{how}” of {b}"
        );
    }
    for (date, t) in &l.blocks {
        let kept = data.blocks.iter().any(|b| &b.title == t && b.date == *date);
        assert!(kept, "{name}: lost block {t} on {date}");
    }
}

/// The calendar's meetings: one standup a working day; the design review on
/// its new day only once moved; the cancelled 1:1 gone unless worked.
fn check_meetings(data: &Data, name: &str, upto: usize) {
    let on = |title: &str, d: NaiveDate| {
        data.blocks
            .iter()
            .filter(|b| b.title == title && b.date == d && b.calendar.is_some())
            .count()
    };
    for i in 0..=upto {
        assert!(
            on("standup", day(i)) <= 1,
            "{name}: standup twice on {}",
            day(i)
        );
    }
    if upto >= 1 {
        assert_eq!(
            on("design review", day(1)),
            0,
            "{name}: the moved review stayed"
        );
    }
    if upto >= 2 {
        assert_eq!(
            on("design review", day(3)),
            1,
            "{name}: the moved review is missing"
        );
    }
}

/// Every figure of the review report of each day so far, and of the week,
/// equal to the same figure computed from the data.
fn check_figures(w: &mut World, laptop: bool, data: &Data, upto: usize, now: NaiveDateTime) {
    use lane::model::day::{deep_minutes, deep_worked_minutes, planned_minutes, worked_minutes};
    let name = w.machine(laptop).name;
    let (first, last) = (day(0).to_string(), day(upto).to_string());
    let report = w.json(
        laptop,
        now,
        &[
            "report", "review", "--since", &first, "--until", &last, "--json",
        ],
    );
    for i in 0..=upto {
        let d = day(i).to_string();
        let r = report["days"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["date"] == d.as_str())
            .unwrap_or_else(|| panic!("{name}: no day {d} in the review report"));
        let figure = |key: &str| r[key].as_i64().unwrap_or(0);
        let date = day(i);
        for (key, want) in [
            ("planned_minutes", planned_minutes(data, date)),
            ("worked_minutes", worked_minutes(data, date, now)),
            ("deep_planned_minutes", deep_minutes(data, date)),
            ("deep_worked_minutes", deep_worked_minutes(data, date, now)),
        ] {
            assert_eq!(
                figure(key),
                want,
                "{name}: {key} of {d} in the review report"
            );
        }
    }
    let week = w.json(laptop, now, &["report", "week", "--json"]);
    let monday = lane::model::day::week_start(now.date());
    let deep: i64 = (0..5)
        .map(|k| deep_worked_minutes(data, monday + Duration::days(k), now))
        .sum();
    assert_eq!(
        week["deep_worked_minutes"].as_i64().unwrap_or(0),
        deep,
        "{name}: the week's deep worked minutes"
    );
}
