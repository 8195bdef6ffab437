//! The roadmap on the Priorities tab: weeks across, outcomes down, drawn.

use crate::harness::Harness;
use lane::state::Mode;

/// The pinned clock is Monday 23 November 2026.
const PLANNED: &str = r#"version = 1

[[priorities]]
id = 1
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0PE"
title = "Ship billing v2"
due = "2026-12-18"
impact = "high"
urgency = "medium"
status = "active"
focus = true
agreed_with = "Dana (VP)"

[[priorities.milestones]]
id = 1
uid = "M1"
title = "Spec signed"
due = "2026-11-13"
done = "2026-11-12"

[[priorities.milestones]]
id = 2
uid = "M2"
title = "Invoice PDF"
due = "2026-11-20"

[[priorities.milestones]]
id = 3
uid = "M3"
title = "Beta to 3 customers"
due = "2026-12-04"

[[priorities.milestones]]
id = 4
uid = "M4"
title = "Dunning emails"
due = "2026-11-25"
done = "2026-11-23"

[[priorities]]
id = 2
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0P2"
title = "Migrate the reporting cluster to the new region"
due = "2026-11-19"
impact = "medium"
urgency = "medium"
status = "active"

[[priorities]]
id = 3
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0P3"
title = "Hire a data engineer"
due = "2027-02-12"
impact = "high"
urgency = "low"
status = "active"

[[priorities.milestones]]
id = 1
uid = "M5"
title = "Shortlist"
due = "2026-12-11"

[[priorities.milestones]]
id = 2
uid = "M6"
title = "Offer out"
due = "2027-01-22"

[[priorities]]
id = 4
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0P4"
title = "Write the on-call handbook"
impact = "low"
urgency = "low"
status = "active"

[[priorities]]
id = 5
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0P5"
title = "Old launch"
due = "2026-11-02"
impact = "low"
urgency = "low"
status = "done"
"#;

fn planned(width: u16, height: u16) -> Harness {
    Harness::from_toml(PLANNED, width, height, crate::harness::rules())
}

#[test]
fn the_roadmap_shows_weeks_milestones_and_due_dates() {
    for (w, hgt) in [(80, 24), (120, 35), (200, 50)] {
        let mut h = planned(w, hgt);
        h.keys("w");
        let screen = h.screen();
        assert!(screen.contains("23 Nov"), "{screen}");
        assert!(screen.contains("Ship billing v2"), "{screen}");
        assert!(
            !screen.contains("Old launch"),
            "closed ones stay hidden: {screen}"
        );
        if w >= 200 {
            // This week and the next 12.
            assert!(screen.contains("15 Feb"), "{screen}");
        }
        insta::assert_snapshot!(format!("roadmap_{w}x{hgt}"), screen);
    }
}

#[test]
fn overdue_is_in_the_error_colour_and_done_is_ticked() {
    let mut h = planned(120, 35);
    h.keys("w");
    let error = lane::ui::theme::error();
    // The migration was due last Thursday; Invoice PDF was due last Friday.
    assert_eq!(h.style_of("Thu 19 Nov").fg, error.fg);
    assert_eq!(h.style_of("!").fg, error.fg);
    assert_eq!(h.style_of("◀").fg, error.fg, "late: due before this week");
    assert!(h.screen().contains('✓'));
}

#[test]
fn enter_opens_the_outcome_and_w_goes_back_to_the_list() {
    let mut h = planned(200, 50);
    h.keys("wj<enter>");
    assert!(matches!(h.state.mode, Mode::Detail), "{:?}", h.state.mode);
    let screen = h.screen();
    assert!(screen.contains("Migrate the reporting cluster"), "{screen}");
    assert!(
        screen.contains("Last word"),
        "the outcome's detail: {screen}"
    );
    h.keys("<esc>w");
    assert!(!h.state.roadmap);
    assert!(h.screen().contains("I/U"), "the list again");
}

#[test]
fn help_lists_the_roadmap() {
    let mut h = planned(120, 35);
    h.keys("?");
    assert!(h.screen().contains("roadmap"));
}
