//! What a first real day showed (issue 17): the day's screens at 80×24 and
//! 200×50, deep work planned against worked, columns that leave titles readable,
//! and the marks an evening review leaves.

use crate::harness::{Harness, now};
use lane::model::Data;
use lane::model::rules::Rules;
use lane::report::{Period, ReportKind, Source};
use ratatui::style::Modifier;

fn harness(toml: &str, width: u16, height: u16) -> Harness {
    Harness::from_toml(toml, width, height, Rules::default())
}

/// Two blocks back to back after a long free morning, a 15-minute gap, a last one.
const AFTERNOON: &str = r#"version = 1

[[blocks]]
id = 1
date = "2026-11-23"
start = "13:15"
end = "14:45"
title = "billing spec"
kind = "deep"

[[blocks]]
id = 2
date = "2026-11-23"
start = "14:45"
end = "16:15"
title = "review PRs"
kind = "deep"

[[blocks]]
id = 3
date = "2026-11-23"
start = "16:30"
end = "17:00"
title = "inbox"
kind = "admin"
"#;

#[test]
fn every_block_is_labelled_and_free_time_comes_from_the_data() {
    for (w, hgt) in [(80, 24), (200, 50)] {
        let mut h = harness(AFTERNOON, w, hgt);
        h.keys("2");
        let screen = h.screen();
        for label in [
            "billing spec 13:15-14:45",
            "review PRs 14:45-16:15",
            "inbox 16:30-17:00",
        ] {
            assert!(screen.contains(label), "{label} at {w}x{hgt}:\n{screen}");
        }
        // 09:00 to 13:15 whatever the rows are, and the quarter hour before inbox.
        assert!(screen.contains("· free 4h15"), "{w}x{hgt}:\n{screen}");
        assert!(!screen.contains("free 3h45"), "{w}x{hgt}:\n{screen}");
        assert!(screen.contains("· free 15m"), "{w}x{hgt}:\n{screen}");
        assert!(screen.contains("· free 30m"), "17:00-17:30 at {w}x{hgt}");
        insta::assert_snapshot!(format!("afternoon_{w}x{hgt}"), screen);
        // The second block selected: its label is on screen, in the selection's style.
        h.keys("gj");
        assert_eq!(h.state.selected_id(), Some(2));
        assert!(h.screen().contains("review PRs 14:45-16:15"));
        let style = h.style_of("review PRs 14:45");
        assert!(style.add_modifier.contains(Modifier::REVERSED), "{style:?}");
    }
}

#[test]
fn a_label_too_long_for_its_lane_ends_in_an_ellipsis() {
    // Both start at 13:15: each has half the row.
    let overlapping = AFTERNOON.replace("start = \"14:45\"", "start = \"13:15\"");
    let mut h = harness(&overlapping, 80, 24);
    h.keys("2");
    let screen = h.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("billing spec"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        row.contains('…'),
        "two lanes at 80 columns cut with a mark: {row}"
    );
    assert!(screen.contains("review PRs"), "{screen}");
}

/// Mon 23: 1h32 worked of a 1h30 deep block, a 1h30 deep block skipped after a
/// 20-minute timer, a 1h30 one not begun. Fri 20: one deep block worked.
const DEEP: &str = r#"version = 1

[[blocks]]
id = 1
date = "2026-11-20"
start = "09:00"
end = "10:30"
title = "spec"
kind = "deep"
result = "worked"

[[blocks]]
id = 2
date = "2026-11-23"
start = "05:00"
end = "06:30"
title = "write-up"
kind = "deep"
actual_start = "2026-11-23T05:00"
actual_end = "2026-11-23T06:32"
result = "worked"

[[blocks]]
id = 3
date = "2026-11-23"
start = "06:30"
end = "08:00"
title = "prototype"
kind = "deep"
actual_start = "2026-11-23T06:30"
actual_end = "2026-11-23T06:50"
result = "skipped"

[[blocks]]
id = 4
date = "2026-11-23"
start = "09:00"
end = "10:30"
title = "design doc"
kind = "deep"
"#;

#[test]
fn a_skipped_block_is_planned_but_worked_nowhere() {
    let mut h = harness(DEEP, 200, 50);
    let screen = h.screen();
    assert!(
        screen.contains("3 blocks today (deep 4h30 planned, 1h32 worked, goal 3h)"),
        "header: {screen}"
    );
    h.keys("2");
    let screen = h.screen();
    assert!(
        screen.contains("deep 4h30/3h goal (1h32 worked)"),
        "timeline footer: {screen}"
    );
    assert!(screen.contains("✗ prototype"), "{screen}");
    assert!(!screen.contains("worked 20m"), "a skipped timer: {screen}");
    h.keys("w");
    let screen = h.screen();
    assert!(screen.contains("deep 4h30"), "week grid, planned: {screen}");
    assert!(screen.contains("✓ 1h32"), "week grid, worked: {screen}");
    h.keys("[");
    assert!(h.screen().contains("✓ 1h30"), "Friday, worked: {screen}");

    let data: Data = h.state.data().clone();
    let rules = Rules::default();
    let report = |kind, since| {
        let src = Source {
            data: &data,
            rules: &rules,
            period: Period {
                since,
                until: now().date(),
            },
            now: now(),
        };
        (
            lane::report::markdown(kind, &src),
            lane::report::json(kind, &src),
        )
    };
    let friday = now().date() - chrono::Duration::days(3);
    let (week, json) = report(ReportKind::Week, friday);
    assert!(
        week.contains("deep work 6h planned, 3h02 worked."),
        "{week}"
    );
    assert_eq!(json["deep_planned_minutes"], 360);
    assert_eq!(json["deep_worked_minutes"], 182);
    let (day, _) = report(ReportKind::Review, now().date());
    assert!(
        day.contains("deep work 4h30 planned, 1h32 worked, against a 3h goal"),
        "{day}"
    );
    // And on the command line.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lane.toml"), DEEP).unwrap();
    let out = crate::common::lane(&dir)
        .args(["list", "blocks", "--date", "2026-11-23"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("write-up  90m (worked 92m)"), "{text}");
    assert!(text.contains("prototype  90m (skipped)"), "{text}");
    assert!(!text.contains("20m"), "{text}");
}

/// Long titles, waiting-ons and situations, as real ones are.
const LONG: &str = r#"version = 1

[[priorities]]
id = 1
title = "Hire a data engineer for the analytics team"
impact = "high"
urgency = "medium"
due = "2026-11-24"
created = "2026-11-20"

[[priorities]]
id = 2
title = "Migrate CI to the new runners before the freeze"
impact = "medium"
urgency = "low"
due = "2026-11-18"
created = "2026-11-02"

[[blockers]]
id = 1
title = "Staging database access for the migration dry run"
waiting_on = "platform team (Dana)"
opened = "2026-11-20T09:00"

[[blockers]]
id = 2
title = "Vendor API keys for the invoicing sandbox"
waiting_on = "vendor support"
opened = "2026-11-19T15:00"

[[decisions]]
id = 1
date = "2026-11-20"
situation = "Hire a contractor for the data migration work"
call = "contract 6 weeks"
reversible = true

[[decisions]]
id = 2
date = "2026-11-21"
situation = "Move the nightly exports to the new object store"
call = "move them"
reversible = true
"#;

/// Every title on screen, whole or cut with `…` after at least 23 of its characters.
fn titles_readable(screen: &str, titles: &[&str], at: &str) {
    for title in titles {
        let head: String = title.chars().take(12).collect();
        // The list's row (it starts with the id), not the detail's title.
        let row = screen
            .lines()
            .find(|l| l.contains(&head) && l[1..].starts_with(|c: char| c.is_ascii_digit()))
            .unwrap_or_else(|| panic!("{title} not on screen at {at}:\n{screen}"));
        let shown = &row[row.find(&head).unwrap()..];
        if !shown.contains(title) {
            let cut = shown.split('…').next().unwrap();
            assert!(
                shown.contains('…') && title.starts_with(cut) && cut.chars().count() >= 23,
                "{title} cut short or without … at {at}: {row}"
            );
        }
    }
}

#[test]
fn titles_keep_their_room_and_anything_cut_ends_in_an_ellipsis() {
    for (w, hgt) in [(80, 24), (100, 30), (120, 35), (200, 50)] {
        let mut h = harness(LONG, w, hgt);
        for (tab, titles) in [
            ("1", &LONG_PRIORITIES[..]),
            ("3", &LONG_BLOCKERS[..]),
            ("4", &LONG_CALLS[..]),
        ] {
            h.keys(tab);
            titles_readable(&h.screen(), titles, &format!("{w}x{hgt} tab {tab}"));
        }
    }
    // Columns give way before the title does: at 100 with the detail open the
    // blockers' next rung goes (the detail says it), at 200 it stays.
    let mut h = harness(LONG, 100, 30);
    h.keys("3");
    assert!(!h.screen().contains("Next"), "{}", h.screen());
    let mut h = harness(LONG, 200, 50);
    h.keys("3");
    assert!(h.screen().contains("Next"), "{}", h.screen());
    // Three long focus titles share the focus line, each cut with a mark.
    let mut h = harness(LONG, 80, 24);
    h.keys("1f");
    h.keys("jf");
    let focus = h.screen().lines().nth(1).unwrap().to_string();
    assert!(focus.contains("◆ Hire a data engineer"), "{focus}");
    assert!(focus.contains("◆ Migrate CI to the new"), "{focus}");
}

const LONG_PRIORITIES: [&str; 2] = [
    "Hire a data engineer for the analytics team",
    "Migrate CI to the new runners before the freeze",
];
const LONG_BLOCKERS: [&str; 2] = [
    "Staging database access for the migration dry run",
    "Vendor API keys for the invoicing sandbox",
];
const LONG_CALLS: [&str; 2] = [
    "Hire a contractor for the data migration work",
    "Move the nightly exports to the new object store",
];

#[test]
fn the_urgency_the_rank_counts_is_shown_and_explained() {
    let mut h = harness(LONG, 80, 24);
    let screen = h.screen();
    // Due tomorrow: medium raised to high; overdue: above high.
    assert!(screen.contains("H/H↑"), "{screen}");
    assert!(screen.contains("M/!↑"), "{screen}");
    h.keys("g<enter>");
    let detail = h.screen();
    assert!(
        detail.contains("due in 1 day · urgency medium, raised to high"),
        "{detail}"
    );
    // The help scrolls at 80×24; the marks come after the keys.
    h.keys("<esc>?");
    h.keys(&"j".repeat(40));
    let help = h.screen();
    assert!(help.contains("impact/urgency, ↑ due soon"), "{help}");
    assert!(help.contains("overdue: above high"), "{help}");
}

/// The message after `y` names the report's file at 80 columns, where the
/// directory before it would push it off the line.
#[test]
fn a_copied_report_names_its_file_on_a_narrow_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let pinned = [("LANE_NOW", crate::common::NOW)];
    let mut s = crate::common::Session::launch_with(dir.path(), false, &[], &pinned);
    s.wait_for_screen("Priorities");
    s.type_keys("y");
    s.wait_for_screen("copied week-2026-W48.md");
    s.type_keys("q");
    assert!(s.wait_exit().success());
}

/// Monday's morning, worked: three blocks for the evening review to mark.
const MORNING: &str = r#"version = 1

[[blocks]]
id = 1
date = "2026-11-23"
start = "06:00"
end = "07:00"
title = "spec"
kind = "deep"

[[blocks]]
id = 2
date = "2026-11-23"
start = "07:00"
end = "07:30"
title = "triage"
kind = "shallow"

[[blocks]]
id = 3
date = "2026-11-23"
start = "07:30"
end = "08:00"
title = "design doc"
kind = "deep"
"#;

#[test]
fn the_reviewed_day_shows_what_was_worked_skipped_and_moved() {
    for (w, hgt) in [(80, 24), (200, 50)] {
        let mut h = harness(MORNING, w, hgt);
        // One key a block, then on: the move is made as the step is left.
        h.keys("vwsm<enter>q2");
        let screen = h.screen();
        assert!(screen.contains("✓ spec 06:00-07:00"), "{screen}");
        assert!(screen.contains("✗ triage 07:00-07:30"), "{screen}");
        assert!(
            screen.contains("→ Tue 24 design doc 07:30-08:00"),
            "{screen}"
        );
        assert!(
            screen.contains("deep 1h30/3h goal (1h worked)"),
            "worked as marked: {screen}"
        );
        insta::assert_snapshot!(format!("reviewed_{w}x{hgt}"), screen);
        h.keys("w");
        let week = h.screen();
        assert!(week.contains("✓ spec"), "{week}");
        assert!(week.contains("✗ triage"), "{week}");
        assert!(week.contains("→ design"), "{week}");
        assert_eq!(week.matches("design").count(), 2, "Tuesday's copy: {week}");
        if w == 200 {
            assert!(week.contains("07:30 → design doc"), "{week}");
        }
        h.keys("w]");
        let tuesday = h.screen();
        assert!(tuesday.contains("▌design doc 07:30-08:00"), "{tuesday}");
    }
    let d = harness(MORNING, 80, 24)
        .keys("vwsm<enter>")
        .state
        .data()
        .clone();
    let moved = d.blocks.iter().find(|b| b.id == 3).unwrap();
    assert_eq!(
        moved.moved_to,
        Some(now().date() + chrono::Duration::days(1))
    );
    let copy = d.blocks.iter().find(|b| b.id == 4).unwrap();
    assert_eq!((copy.moved_to, copy.result), (None, None));
}

/// A long outcome's details scroll at 80×24 (j/k), no further than their end.
#[test]
fn long_details_scroll_in_the_overlay() {
    let mut toml = String::from(
        "version = 1\n\n[[priorities]]\nid = 1\nuid = \"P1\"\ntitle = \"Ship billing\"\n",
    );
    for day in 1..=20 {
        toml.push_str(&format!(
            "\n[[priorities.updates]]\ndate = \"2026-11-{day:02}\"\nnote = \"note number {day}\"\n"
        ));
    }
    let mut h = harness(&toml, 80, 24);
    h.keys("<enter>");
    let top = h.screen();
    assert!(top.contains("│ Ship billing"), "{top}");
    assert!(
        !top.contains("note number 1 "),
        "the oldest is below: {top}"
    );
    h.keys(&"j".repeat(60));
    let end = h.screen();
    assert!(end.contains("2026-11-01 note number 1 "), "{end}");
    assert!(
        !end.contains("│ Ship billing"),
        "scrolled past the title: {end}"
    );
    // The last line sits at the bottom, not above empty space.
    assert!(end.contains("note number 1 ") && h.keys("k").screen().contains("note number 2 "));
    h.keys(&"k".repeat(60));
    assert_eq!(h.screen(), top, "back at the top");
}
