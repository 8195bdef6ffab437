//! Whole-app snapshots: real key sequences through the keymap and `update`,
//! drawn on ratatui's TestBackend.

use crate::harness::{Harness, now};
use chrono::NaiveDate;
use lane::app::key_action;
use lane::context::Context;
use lane::model::rules::Rules;
use lane::state::State;
use lane::update::{Effect, Msg, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// A day's worth of data, typed in as a user would.
fn populated(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    h.keys("1");
    h.keys("aShip billing v2<tab>Customers can pay by invoice<tab>errors < 0.1%<tab>fri<tab>high<tab>high<enter>");
    h.keys("aHire a data engineer<tab>Offer signed<tab><tab>2026-12-15<tab>high<tab>low<enter>");
    h.keys("aQuarterly roadmap draft<tab><tab><tab>+2w<tab>medium<tab>medium<enter>");
    h.keys("aClean up CI flakes<enter>k<space>");
    h.keys("2a9-10:30 billing spec<enter>a11:00 +30m standup<tab><tab><tab>meeting<enter>");
    h.keys("a14:00-16:00 review PRs<tab><tab><tab>shallow<enter>atomorrow plan<tab>9-10<tab>tomorrow<enter>");
    h.keys("3astaging DB access<tab>ops<enter>avendor API keys<tab>Dana (vendor)<enter>");
    h.keys("4aRetry policy for webhooks<tab>3 retries, backoff<tab>cheap to change<tab>yes<enter>");
    h.keys("aDrop the legacy export<tab>remove in v3<tab>nobody uses it<tab>no<enter>");
    h.keys("5aspec reviewed, invoices demoed<tab>CI flakes<tab>4<tab>good focus day<enter>");
    h
}

#[test]
fn every_tab_at_80x24_and_120x35() {
    for (w, hgt) in [(80, 24), (120, 35)] {
        let mut h = populated(w, hgt);
        for tab in ["1", "2", "3", "4", "5"] {
            h.keys(tab);
            let screen = h.screen();
            insta::assert_snapshot!(format!("tab{tab}_{w}x{hgt}"), screen);
        }
    }
}

#[test]
fn the_empty_app_explains_what_to_do() {
    let mut h = Harness::new(80, 24);
    insta::assert_snapshot!(h.screen());
}

#[test]
fn the_add_form_keeps_bad_input_and_shows_why() {
    let mut h = Harness::new(80, 24);
    h.keys("2aplanning<tab>25:00<enter>");
    insta::assert_snapshot!(h.screen());
    // Fixing the field saves it.
    h.keys("<c-u>13:00-14:00<enter>");
    assert_eq!(h.state.data().blocks[0].title, "planning");
    assert_eq!(h.io.saves, 1);
}

#[test]
fn the_help_overlay_lists_every_key_in_force() {
    let mut h = Harness::new(80, 24);
    h.keys("?");
    let screen = h.screen();
    insta::assert_snapshot!("help_80x24", screen);
    // Every default binding of the contexts in force is on screen.
    for b in h
        .keymap
        .context(Context::List)
        .iter()
        .chain(h.keymap.context(Context::Items))
    {
        assert!(screen.contains(&b.desc), "help lacks `{}`", b.desc);
    }
    h.keys("<esc>");
    let mut wide = Harness::new(200, 50);
    wide.keys("5?");
    insta::assert_snapshot!("help_review_200x50", wide.screen());
}

#[test]
fn delete_undo_redo_on_screen() {
    let mut h = populated(80, 24);
    h.keys("1gd");
    let after_delete = h.screen();
    assert!(after_delete.contains("deleted priority 1 “Ship billing v2” — u brings it back"));
    assert!(!after_delete.contains("Customers can pay"));
    h.keys("u");
    assert!(h.screen().contains("Ship billing v2"));
    h.keys("<c-r>");
    assert!(!h.screen().contains("Customers can pay"));
}

#[test]
fn reorder_with_shift_j_and_k() {
    let mut h = populated(120, 35);
    h.keys("1rgJ");
    let titles: Vec<&str> = h
        .state
        .data()
        .priorities
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(titles[..2], ["Hire a data engineer", "Ship billing v2"]);
    insta::assert_snapshot!(h.screen());
}

#[test]
fn a_read_only_session_says_so_in_the_header() {
    let mut h = populated(120, 35);
    h.state.read_only = Some("read-only: another lane (pid 4242) has this data open".into());
    h.keys("1d");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn the_list_scrolls_to_keep_the_cursor_visible() {
    let mut h = Harness::new(80, 24);
    for i in 1..=40 {
        h.keys(&format!("aoutcome number {i}<enter>"));
    }
    h.keys("g");
    for _ in 0..25 {
        h.keys("j");
    }
    let screen = h.screen();
    assert!(screen.contains("outcome number 26"));
    assert!(!screen.contains("outcome number 1 "));
    insta::assert_snapshot!(screen);
}

#[test]
fn clicks_select_tabs_and_rows_and_the_wheel_scrolls() {
    use lane::app::mouse_action;
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut h = populated(80, 24);
    let area = Rect::new(0, 0, 80, 24);
    let click = |column, row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // The tab bar is line 2: " 1 Priorities   2 Time blocks   3 Blockers …"
    let screen = h.screen();
    let tab_line = screen.lines().nth(2).unwrap();
    let col = tab_line.find("3 Blockers").unwrap() as u16 - 1; // minus the opening quote
    let action = mouse_action(&h.state, area, click(col, 2)).unwrap();
    h.send(action.into());
    assert_eq!(h.state.tab, lane::tabs::Tab::Blockers);
    // Line 3 is the column header; line 5 is the second row.
    let action = mouse_action(&h.state, area, click(10, 5)).unwrap();
    h.send(action.into());
    assert_eq!(h.state.pos().selected, 1);
    assert_eq!(
        mouse_action(&h.state, area, click(10, 3)),
        None,
        "header row"
    );
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollUp,
        ..click(0, 5)
    };
    assert_eq!(
        mouse_action(&h.state, area, wheel),
        Some(lane::action::Action::Up)
    );
    // While a form is open the mouse does nothing.
    h.keys("a");
    assert_eq!(mouse_action(&h.state, area, click(col, 2)), None);
}

/// Eight priorities as they would look after a few weeks: three in focus, one
/// silent, one overdue, one paused, one done, one dropped.
const EIGHT: &str = r#"version = 1

[[priorities]]
id = 1
title = "Ship billing v2"
outcome = "Customers can pay by invoice"
measure = "errors < 0.1% over a week"
due = "2026-11-25"
impact = "high"
urgency = "medium"
focus = true
progress = 60
created = "2026-11-02"

[[priorities.updates]]
date = "2026-11-16"
note = "invoice PDF done"

[[priorities.updates]]
date = "2026-11-20"
note = "spec reviewed with finance"

[[priorities]]
id = 2
title = "Hire a data engineer"
outcome = "Offer signed"
due = "2026-12-15"
impact = "high"
urgency = "low"
focus = true
created = "2026-11-03"

[[priorities]]
id = 3
title = "Migrate CI to the new runners"
outcome = "All pipelines on the new runners"
due = "2026-11-18"
impact = "medium"
urgency = "medium"
created = "2026-11-01"

[[priorities.updates]]
date = "2026-11-20"
note = "two pipelines left"

[[priorities]]
id = 4
title = "Quarterly roadmap draft"
due = "2026-12-07"
impact = "medium"
urgency = "medium"
focus = true
created = "2026-11-19"

[[priorities]]
id = 5
title = "Clean up flaky tests"
impact = "low"
urgency = "medium"
created = "2026-11-23"

[[priorities]]
id = 6
title = "Write the on-call runbook"
impact = "medium"
urgency = "low"
status = "paused"
created = "2026-10-01"

[[priorities]]
id = 7
title = "Launch status page"
impact = "high"
urgency = "high"
status = "done"
created = "2026-10-01"

[[priorities]]
id = 8
title = "Evaluate vendor X"
impact = "low"
urgency = "low"
status = "dropped"
created = "2026-10-10"
"#;

fn eight(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    let data = lane::store::parse(std::path::Path::new("lane.toml"), EIGHT.as_bytes()).unwrap();
    h.state = State::new(data, crate::harness::rules(), 1, now());
    h.resize(width, height);
    h
}

#[test]
fn priorities_ranked_with_focus_silent_and_overdue() {
    for (w, hgt) in [(80, 24), (120, 35), (200, 50)] {
        let mut h = eight(w, hgt);
        insta::assert_snapshot!(format!("priorities_{w}x{hgt}"), h.screen());
    }
    let mut h = eight(120, 35);
    h.keys("c");
    insta::assert_snapshot!("priorities_with_closed_120x35", h.screen());
}

#[test]
fn the_detail_opens_with_enter_on_a_narrow_terminal() {
    let mut h = eight(80, 24);
    h.keys("<enter>");
    let screen = h.screen();
    assert!(
        screen.contains("Rank      9 — high impact · due in 2 days"),
        "{screen}"
    );
    assert!(screen.contains("spec reviewed with finance"));
    insta::assert_snapshot!(screen);
    h.keys("<esc>");
    assert!(!h.screen().contains("Updates, newest first"));
}

#[test]
fn a_fourth_focus_asks_which_to_release() {
    let mut h = eight(80, 24);
    // Row 4 in rank order is "Clean up flaky tests" (not in focus).
    h.keys("gjjjj");
    assert_eq!(h.state.selected_id(), Some(5));
    h.keys("f");
    insta::assert_snapshot!(h.screen());
    h.keys("<esc>");
    assert_eq!(h.io.saves, 0, "esc keeps focus as it was");
    h.keys("f2");
    let focus: Vec<u32> = h
        .state
        .data()
        .priorities
        .iter()
        .filter(|p| p.focus)
        .map(|p| p.id)
        .collect();
    assert_eq!(focus, vec![1, 2, 5], "released the second in rank order");
    assert!(
        h.screen()
            .contains("released “Quarterly roadmap draft” from focus")
    );
}

#[test]
fn an_update_note_resets_silence() {
    let mut h = eight(120, 35);
    h.keys("/CI<enter>");
    assert_eq!(h.state.view().len(), 1);
    h.keys("Utwo pipelines migrated, one left<enter>");
    let screen = h.screen();
    assert!(screen.contains("update added to priority 3"), "{screen}");
    // The note wraps in the detail under itself, not under the date.
    assert!(
        screen.contains("2026-11-23 two pipelines migrated, one"),
        "{screen}"
    );
    assert!(!h.state.data().priorities[2].updates.is_empty());
    insta::assert_snapshot!(screen);
    // Hire has been silent for weeks; a word about it clears the flag.
    assert!(screen.contains("6 priorities (1 silent)"));
    h.keys("/<c-u>Hire<enter>Uagency briefed, first interviews Thursday<enter>/<esc>");
    let screen = h.screen();
    assert!(screen.contains("6 priorities ·"), "{screen}");
    assert!(!screen.contains("silent"), "{screen}");
}

#[test]
fn rank_toggle_and_own_order() {
    let mut h = eight(80, 24);
    let titles = |h: &Harness| -> Vec<u32> {
        h.state
            .view()
            .iter()
            .map(|&i| h.state.data().priorities[i].id)
            .collect()
    };
    assert_eq!(titles(&h), vec![1, 3, 4, 2, 5, 6]);
    h.keys("gJ");
    assert!(h.screen().contains("J/K only reorder equal ranks"));
    h.keys("r");
    assert_eq!(titles(&h), vec![1, 2, 3, 4, 5, 6]);
    h.keys("gJ");
    assert_eq!(titles(&h), vec![2, 1, 3, 4, 5, 6]);
}

/// Calls in every state: decided and reported, unreported, escalated, overridden,
/// answered, and one due for review.
const CALLS: &str = r#"version = 1

[[decisions]]
id = 1
date = "2026-11-09"
situation = "Retry policy for webhooks"
call = "3 retries with exponential backoff"
rationale = "cheap to change; matches the provider's guidance"
reversible = true
risk = "low"
topics = ["reliability"]
review_on = "2026-11-23"

[[decisions]]
id = 2
date = "2026-11-20"
situation = "Hire a contractor for the data migration"
options = ["contractor", "borrow from platform team", "wait for Q1"]
call = "contract 6 weeks"
rationale = "team is at capacity"
reversible = false
risk = "medium"
cost = 12000
topics = ["hiring", "budget"]
status = "escalated"
escalated_to = "Dana"
escalated_at = "2026-11-20"

[[decisions]]
id = 3
date = "2026-11-21"
situation = "Upgrade the staging database"
call = "upgrade this weekend"
reversible = true
risk = "low"
cost = 900
override = "decide"
rationale = "the cost is a one-off instance hour bill, agreed in planning"

[[decisions]]
id = 4
date = "2026-11-16"
situation = "Change the invoice number format"
call = "ask product"
reversible = false
risk = "high"
topics = ["customer commitment"]
status = "answered"
escalated_to = "Priya"
escalated_at = "2026-11-16"
answer = "keep the format until v3"

[[decisions]]
id = 5
date = "2026-11-23"
situation = "Rename the internal CLI flags"
call = "rename, keep aliases"
reversible = true
risk = "low"
reported = "2026-11-23"
review_on = "2026-12-07"
"#;

fn calls(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    let data = lane::store::parse(std::path::Path::new("lane.toml"), CALLS.as_bytes()).unwrap();
    h.state = State::new(data, crate::harness::rules(), 1, now());
    h.resize(width, height);
    h.keys("4");
    h
}

#[test]
fn decisions_show_lane_reasons_and_what_is_owed() {
    for (w, hgt) in [(80, 24), (120, 35), (200, 50)] {
        let mut h = calls(w, hgt);
        insta::assert_snapshot!(format!("decisions_{w}x{hgt}"), h.screen());
    }
    let mut h = calls(200, 50);
    h.keys("j");
    let screen = h.screen();
    for reason in [
        "escalate — cost 12 000 > spend limit 500",
        "topic: hiring",
        "topic: budget",
    ] {
        assert!(screen.contains(reason), "{reason} missing in {screen}");
    }
    assert!(screen.contains("to Dana on 2026-11-20"));
    insta::assert_snapshot!("decision_escalated_detail_200x50", screen);
}

#[test]
fn the_decision_form_shows_the_triage_live() {
    let mut h = calls(80, 24);
    h.keys("aBuy a team licence for the profiler<tab><tab><tab><tab><tab>2k");
    let screen = h.screen();
    assert!(
        screen.contains("escalate — cost 2 000 > spend limit 500"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
    h.keys("<c-u>300<enter>");
    let d = h.state.data().decisions.last().unwrap();
    assert_eq!(d.cost, Some(300.0));
    assert_eq!(d.review_on, NaiveDate::from_ymd_opt(2026, 12, 7));
    assert!(h.screen().contains("decide    unreported"));
}

#[test]
fn decide_escalate_answer_report_and_outcome_keys() {
    let mut h = calls(120, 35);
    let find = |h: &Harness, id: u32| {
        h.state
            .data()
            .decisions
            .iter()
            .find(|d| d.id == id)
            .cloned()
            .unwrap()
    };
    // Row 0: the retry policy, due for review today. O writes its outcome.
    h.keys("gOretries stayed under 1%<enter>");
    assert_eq!(find(&h, 1).outcome, "retries stayed under 1%");
    // P reports the low-risk call, and again takes it back.
    h.keys("P");
    assert_eq!(find(&h, 1).reported, Some(now().date()));
    h.keys("P");
    assert_eq!(find(&h, 1).reported, None);
    // Row 1 is escalated to Dana; A records her answer.
    h.keys("jAgo ahead, 6 weeks<enter>");
    let d2 = find(&h, 2);
    assert_eq!(
        (d2.answer.as_str(), d2.status),
        ("go ahead, 6 weeks", lane::model::DecisionStatus::Answered)
    );
    // E on the retry policy sends it up: to whom?
    h.keys("gE");
    assert!(h.screen().contains("Escalate to"));
    h.keys("<enter>");
    assert!(
        h.screen().contains("escalate to cannot be empty"),
        "nothing typed is refused"
    );
    h.keys("team lead<enter>");
    let d1 = find(&h, 1);
    assert_eq!(
        (d1.escalated_to.as_str(), d1.lane_override),
        ("team lead", Some(lane::model::Lane::Escalate))
    );
    assert!(h.screen().contains("escalate*"), "the override shows");
    // D takes it back: the triage said decide, so no override remains.
    h.keys("D");
    assert_eq!(find(&h, 1).lane_override, None);
    assert_eq!(find(&h, 1).status, lane::model::DecisionStatus::Decided);
    // D on the escalated hire overrides the triage and says so.
    h.keys("jD");
    assert!(h.screen().contains("against the triage"));
    assert_eq!(find(&h, 2).lane_override, Some(lane::model::Lane::Decide));
}

/// Blockers on every rung: fresh, stuck, escalated with a follow-up due, resolved.
const LADDERS: &str = r#"version = 1

[[priorities]]
id = 1
title = "Ship billing v2"
impact = "high"
urgency = "high"
created = "2026-11-20"

[[blockers]]
id = 1
title = "Staging DB access"
priority = 1
waiting_on = "ops"
opened = "2026-11-19T15:00"
status = "open"

[[blockers.tried]]
rung = "docs"
at = "2026-11-19T15:30"
note = "runbook is out of date"

[[blockers]]
id = 2
title = "Vendor API keys"
waiting_on = "Dana (vendor)"
opened = "2026-11-18T10:00"
status = "escalated"
escalated_to = "account manager"
escalated_at = "2026-11-19T11:00"
skipped = ["peer"]
follow_up = "2026-11-23"

[[blockers.tried]]
rung = "docs"
at = "2026-11-18T10:30"

[[blockers.tried]]
rung = "search"
at = "2026-11-18T14:00"
note = "same issue in OPS-112, fixed by a key rotation"

[[blockers]]
id = 3
title = "Flaky payment sandbox"
waiting_on = "payments team"
opened = "2026-11-23T08:00"
status = "open"

[[blockers]]
id = 4
title = "CI runners out of disk"
waiting_on = "platform"
opened = "2026-11-02T09:00"
status = "resolved"
resolution = "platform doubled the disk; cache cleanup job added"
"#;

fn ladders(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    let data = lane::store::parse(std::path::Path::new("lane.toml"), LADDERS.as_bytes()).unwrap();
    h.state = State::new(data, crate::harness::rules(), 1, now());
    h.resize(width, height);
    h.keys("3");
    h
}

#[test]
fn blockers_show_age_ladder_next_rung_and_flags() {
    for (w, hgt) in [(80, 24), (120, 35), (200, 50)] {
        let mut h = ladders(w, hgt);
        insta::assert_snapshot!(format!("blockers_{w}x{hgt}"), h.screen());
    }
    let mut h = ladders(80, 24);
    let screen = h.screen();
    // Docs tried Thursday 15:30: 2h that day and 8h30 on Friday are past the 4h box.
    assert!(screen.contains("1 stuck"), "{screen}");
    assert!(screen.contains("follow-up"), "{screen}");
    // The priority it blocks says so.
    h.keys("1<enter>");
    assert!(
        h.screen()
            .contains("blocker 1 “Staging DB access” (waiting on ops)")
    );
}

#[test]
fn a_search_finds_resolved_blockers_as_past_examples() {
    let mut h = ladders(120, 35);
    h.keys("/disk<enter>");
    let screen = h.screen();
    assert!(screen.contains("CI runners out of disk"), "{screen}");
    assert!(screen.contains("platform doubled the disk"), "{screen}");
}

#[test]
fn escalating_with_rungs_untried_warns_first() {
    let mut h = ladders(80, 24);
    h.keys("gE");
    let screen = h.screen();
    assert!(screen.contains("Not tried yet: search, peer."), "{screen}");
    insta::assert_snapshot!(screen);
}

/// A worked morning: one block done with its actual time, one running now, one
/// overlapping, one outside hours, and a meeting tomorrow.
const DAY: &str = r#"version = 1

[[priorities]]
id = 1
title = "Ship billing v2"
created = "2026-11-20"

[[blocks]]
id = 1
date = "2026-11-23"
start = "07:30"
end = "08:00"
title = "inbox"
kind = "admin"
actual_start = "2026-11-23T07:35"
actual_end = "2026-11-23T07:50"
done = true

[[blocks]]
id = 2
date = "2026-11-23"
start = "08:00"
end = "09:30"
title = "billing spec"
kind = "deep"
priority = 1
actual_start = "2026-11-23T08:02"

[[blocks]]
id = 3
date = "2026-11-23"
start = "09:00"
end = "10:00"
title = "vendor call"
kind = "meeting"

[[blocks]]
id = 4
date = "2026-11-23"
start = "13:00"
end = "15:00"
title = "review PRs"
kind = "shallow"

[[blocks]]
id = 5
date = "2026-11-24"
start = "10:00"
end = "11:00"
title = "planning"
kind = "meeting"
"#;

fn day_fixture(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    let data = lane::store::parse(std::path::Path::new("lane.toml"), DAY.as_bytes()).unwrap();
    h.state = State::new(data, crate::harness::rules(), 1, now());
    h.resize(width, height);
    h.keys("2");
    h
}

#[test]
fn the_day_timeline_shows_blocks_gaps_now_and_totals() {
    for (w, hgt) in [(80, 24), (120, 35), (200, 50)] {
        let mut h = day_fixture(w, hgt);
        let screen = h.screen();
        insta::assert_snapshot!(format!("day_{w}x{hgt}"), screen);
    }
    let mut h = day_fixture(120, 35);
    let screen = h.screen();
    assert!(screen.contains("08:10▸ "), "the now-line: {screen}");
    assert!(
        screen.contains("▶ billing spec 80m left"),
        "the running block counts down: {screen}"
    );
    assert!(screen.contains("outside hours"), "{screen}");
    assert!(screen.contains("overlap"), "{screen}");
    assert!(screen.contains("worked 15m"), "planned vs actual: {screen}");
}

#[test]
fn days_and_the_week_grid() {
    let mut h = day_fixture(120, 35);
    h.keys("]");
    assert!(h.screen().contains("Tuesday 24 November 2026"));
    assert!(h.screen().contains("planning 10:00-11:00"));
    h.keys("[[");
    assert!(h.screen().contains("Sunday 22 November 2026"));
    h.keys("t");
    assert!(h.screen().contains("Monday 23 November 2026  today"));
    h.keys("w");
    let screen = h.screen();
    assert!(screen.contains("Week of 23 November 2026"), "{screen}");
    assert!(screen.contains("deep 1h30"), "{screen}");
    insta::assert_snapshot!("week_120x35", screen);
    h.keys("]");
    assert!(h.screen().contains("Week of 30 November 2026"));
}

#[test]
fn s_starts_and_stops_and_c_copies_a_day() {
    let mut h = day_fixture(120, 35);
    // Rows in time order: inbox, billing spec (running), vendor call, review PRs.
    h.keys("gjj");
    assert_eq!(h.state.selected_id(), Some(3));
    h.keys("s");
    assert!(
        h.screen()
            .contains("started “vendor call” (stopped “billing spec”)")
    );
    h.keys("s");
    assert!(h.screen().contains("stopped “vendor call” after 0m"));
    h.keys("c");
    assert!(h.screen().contains("Copy the plan of Mon 23 Nov"));
    h.keys("<enter>");
    let screen = h.screen();
    assert!(screen.contains("copied 4 blocks to Tue 24 Nov"), "{screen}");
    assert!(
        screen.contains("Tuesday 24 November 2026"),
        "shows the day it copied to"
    );
    assert_eq!(
        h.state
            .data()
            .blocks_on(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
            .count(),
        5
    );
    h.keys("u");
    assert_eq!(h.state.data().blocks.len(), 5, "undo takes the copy back");
}

#[test]
fn a_search_reaches_into_the_archive_for_past_examples() {
    let mut h = ladders(120, 35);
    // The first key typed into a filter asks the app to read the archive, once.
    let action = key_action(
        &h.state,
        &h.keymap,
        KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE),
    )
    .unwrap();
    let _ = update(&mut h.state, action, now());
    let effects = update(
        &mut h.state,
        lane::action::Action::Input(tui_input::InputRequest::InsertChar('c')),
        now(),
    );
    assert_eq!(effects, vec![Effect::LoadArchive]);
    let archive = r#"version = 1
[[blockers]]
id = 40
title = "VPN drops every hour"
waiting_on = "it"
status = "resolved"
resolution = "rotate the client cert; the old one expired"
"#;
    let archive = lane::store::parse(std::path::Path::new("2025.toml"), archive.as_bytes());
    h.send(Msg::ArchiveLoaded(Ok(archive.unwrap())));
    h.keys("ert<enter>");
    let screen = h.screen();
    assert!(screen.contains("In the archive (1, read-only)"), "{screen}");
    assert!(screen.contains("VPN drops every"), "{screen}");
    assert!(
        screen.contains("rotate the client cert"),
        "the detail shows how it was resolved: {screen}"
    );
    insta::assert_snapshot!(screen);
    // Typing more does not read it again.
    let _ = update(&mut h.state, lane::action::Action::Filter, now());
    assert!(
        matches!(h.state.mode, lane::state::Mode::Filter),
        "/ opens the filter again"
    );
    assert_eq!(h.state.filter_input.value(), "cert", "with what was typed");
    let more = update(
        &mut h.state,
        lane::action::Action::Input(tui_input::InputRequest::InsertChar('x')),
        now(),
    );
    assert!(more.is_empty());
}

#[test]
fn no_color_still_marks_everything_with_bold_reverse_and_dim() {
    use lane::ui::theme;
    use ratatui::style::{Color, Modifier};
    let mut h = populated(120, 35);
    h.keys("1c"); // show the done one too
    theme::set(theme::MONO);
    h.screen();
    let buffer = h.term.backend().buffer().clone();
    let cells: Vec<_> = buffer.content().iter().collect();
    assert!(
        cells
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "no colour at all"
    );
    assert!(
        cells
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED)),
        "selection and header reverse"
    );
    assert!(
        cells
            .iter()
            .any(|c| c.modifier.contains(Modifier::CROSSED_OUT)),
        "done items struck"
    );
    for palette in [theme::DARK, theme::LIGHT, theme::HIGH_CONTRAST] {
        theme::set(palette);
        h.screen();
        let colored = h
            .term
            .backend()
            .buffer()
            .content()
            .iter()
            .filter(|c| c.fg != Color::Reset)
            .count();
        assert!(colored > 50, "{palette:?}");
    }
    theme::set(theme::DARK);
}

#[test]
fn every_tab_works_at_60x20() {
    let mut h = populated(60, 20);
    for tab in ["1", "2", "3", "4", "5"] {
        h.keys(tab);
        let screen = h.screen();
        insta::assert_snapshot!(format!("tab{tab}_60x20"), screen);
    }
    h.keys("1?");
    insta::assert_snapshot!("help_60x20", h.screen());
    h.keys("<esc>4a");
    insta::assert_snapshot!("decision_form_60x20", h.screen());
}

#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut h = Harness::new(60, 20);
    h.keys("?");
    let first = h.screen();
    assert!(first.contains("j/k scroll"), "{first}");
    assert!(!first.contains("previous field"), "the end is below");
    for _ in 0..40 {
        h.keys("j");
    }
    let last = h.screen();
    assert!(last.contains("previous field"), "{last}");
    h.keys("?");
    assert!(!h.screen().contains("Keys —"));
}

#[test]
fn wide_characters_keep_columns_aligned() {
    let mut h = Harness::new(80, 24);
    h.keys("a日本語のタイトル 🚀 launch<tab>成果<enter>aplain title<enter>");
    h.keys("2a9-10 会議 📅 sync<enter>");
    h.keys("1");
    let screen = h.screen();
    insta::assert_snapshot!("wide_chars_priorities", screen);
    // The I/U column starts at the same cell on the wide row as on the plain one.
    let buffer = h.term.backend().buffer().clone();
    let header: String = (0..80)
        .map(|x| buffer[(x, 3)].symbol().to_string())
        .collect();
    let col = header.find("I/U").unwrap() as u16;
    assert_eq!(buffer[(col, 4)].symbol(), "M", "wide row");
    assert_eq!(buffer[(col, 5)].symbol(), "M", "plain row");
    h.keys("2");
    let screen = h.screen();
    assert!(screen.contains("会議 📅 sync"), "{screen}");
}

/// Closing a priority by editing its status is closing it: the day is stamped and
/// the weekly update reports it done (the edit form once skipped the stamp).
#[test]
fn a_priority_closed_in_its_edit_form_counts_as_completed_in_the_weekly_update() {
    use lane::report::{Period, ReportKind, Source, markdown};
    let mut h = Harness::new(120, 35);
    h.keys("aShip billing v2<enter>");
    h.keys("e<tab><tab><tab><tab><tab><tab><tab>done<enter>");
    let p = &h.state.data().priorities[0];
    assert_eq!(p.closed, Some(now().date()));
    let src = Source {
        data: h.state.data(),
        rules: &Rules::default(),
        period: Period {
            since: now().date(),
            until: now().date(),
        },
        now: now(),
    };
    let week = markdown(ReportKind::Week, &src);
    assert!(
        week.contains("Ship billing v2") && week.contains("**done**"),
        "{week}"
    );
}

/// A conflict shows in the header and under the item's detail until it is settled.
#[test]
fn a_conflict_shows_in_the_header_and_the_detail() {
    let mut h = Harness::new(120, 30);
    h.keys("aShip billing v2<enter>");
    let base = h.state.data().clone();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.priorities[0].title = "Ship billing v2.1".into();
    theirs.priorities[0].title = "Ship billing v3".into();
    let mut uid = || "C1".to_string();
    let merged = lane::model::merge::merge(&base, &mine, &theirs, now(), &mut uid).unwrap();
    h.change_data(|d| *d = merged.data);
    let screen = h.screen();
    assert!(screen.contains("1 CONFLICT"), "{screen}");
    assert!(
        screen.contains("conflict 1: priority 1 title: kept"),
        "{screen}"
    );
    assert!(screen.contains("“Ship billing v2.1”"), "{screen}");
    insta::assert_snapshot!(screen);
}

/// A form open while someone else changes the item saves only what was typed in
/// it: a field changed outside keeps its new value, and the same field changed on
/// both sides is a conflict, not an overwrite.
#[test]
fn a_form_saved_after_an_outside_change_merges_instead_of_overwriting() {
    let mut h = Harness::new(120, 35);
    h.keys("aShip billing v2<enter>");
    // Edit: only Progress changes (the 7th field).
    h.keys("e<tab><tab><tab><tab><tab><tab>");
    h.change_data(|d| d.priorities[0].title = "Ship billing v3".into());
    h.keys("50<enter>");
    let p = &h.state.data().priorities[0];
    assert_eq!(
        (p.title.as_str(), p.progress),
        ("Ship billing v3", Some(50))
    );
    assert!(h.state.data().conflicts.is_empty());
    // Both change the title: ours is kept, theirs waits in a conflict.
    h.keys("e<c-u>mine");
    h.change_data(|d| d.priorities[0].title = "theirs".into());
    h.keys("<enter>");
    let d = h.state.data();
    assert_eq!(d.priorities[0].title, "mine");
    assert_eq!(d.conflicts.len(), 1);
    assert_eq!(
        d.conflicts[0].other.as_ref().and_then(|v| v.as_str()),
        Some("theirs")
    );
    assert!(
        h.screen()
            .contains("changed elsewhere too: both values kept")
    );
}

/// Text written over several lines in $EDITOR keeps its lines in the detail
/// (blank ones too), each under the first, instead of running together.
#[test]
fn a_rationale_of_several_lines_keeps_its_lines_in_the_detail() {
    let mut h = Harness::new(120, 35);
    h.keys("4aRetry policy<tab>3 retries<enter>");
    h.change_data(|d| d.decisions[0].rationale = "first reason\n\nsecond reason".into());
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Why       first reason"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(!lines[at].contains("second reason"), "{screen}");
    assert!(
        lines[at + 2].contains("          second reason"),
        "{screen}"
    );
}

/// A blocker whose priority has moved to the archive says so instead of `“”`.
#[test]
fn a_blocker_of_an_archived_priority_says_archived() {
    let mut h = Harness::new(120, 35);
    h.keys("3astaging DB access<enter>");
    h.change_data(|d| d.blockers[0].priority = Some(9));
    let screen = h.screen();
    assert!(screen.contains("priority 9 (archived)"), "{screen}");
}
