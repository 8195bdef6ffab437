//! The Blockers tab on screen: each blocker's age, ladder, next rung and flags,
//! escalating with rungs untried, and searches that find past examples (live
//! and in the archive).

use crate::harness::{Harness, now};
use lane::app::key_action;
use lane::model::BlockerStatus;
use lane::state::State;
use lane::update::{Effect, Msg, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

/// A blocker whose priority has moved to the archive says so instead of `“”`.
#[test]
fn a_blocker_of_an_archived_priority_says_archived() {
    let mut h = Harness::new(120, 35);
    h.keys("3astaging DB access<enter>");
    h.change_data(|d| d.blockers[0].priority = Some(9));
    let screen = h.screen();
    assert!(screen.contains("priority 9 (archived)"), "{screen}");
}

/// Space on an open blocker asks what unblocked it (as `lane resolve` does);
/// Esc leaves it open; on a resolved one it opens it again at once.
#[test]
fn closing_a_blocker_asks_what_unblocked_it() {
    let mut h = Harness::new(100, 30);
    h.keys("3astaging DB access<tab>ops<enter>");
    h.keys("<space>");
    let screen = h.screen();
    assert!(screen.contains("Resolution"), "{screen}");
    h.keys("<esc>");
    assert_eq!(h.state.data().blockers[0].status, BlockerStatus::Open);
    h.keys("<space>ops granted access<enter>");
    let b = &h.state.data().blockers[0];
    assert_eq!(b.status, BlockerStatus::Resolved);
    assert_eq!(b.resolution, "ops granted access");
    h.keys("c<space>");
    assert_eq!(h.state.data().blockers[0].status, BlockerStatus::Open);
}
