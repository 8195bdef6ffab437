//! An idle app sleeps: with nothing to ask the forges (no open blocker has a
//! link), the loop's next wake-up is the links' rhythm away, not due at once —
//! a zero wait made the event loop redraw without sleeping, a core busy.

use chrono::TimeDelta;

use crate::harness::{Harness, now, rules};
use lane::app_calendars::wait;
use lane::calendar::sources::Reach;
use lane::model::links::Known;
use lane::update::{Msg, update};

const UNLINKED: &str = r#"version = 1

[[blockers]]
id = 1
title = "Base image"
waiting_on = "infra"
opened = "2026-11-20T09:00"
status = "open"
"#;

#[test]
fn with_no_links_to_ask_the_loop_sleeps_until_the_next_look() {
    let mut h = Harness::from_toml(UNLINKED, 120, 30, rules());
    let s = &mut h.state;
    s.links.every = Some(30);
    let _ = update(s, Msg::Opened, now());
    // The calendars' copies are in (there are none), then the links' cache;
    // no forge has anything to be asked.
    let _ = update(s, Msg::CalendarsRead(Vec::new(), Reach::Copies), now());
    assert!(update(s, Msg::LinksRead(None, Known::new()), now()).is_empty());
    let half_hour = std::time::Duration::from_secs(30 * 60);
    assert_eq!(wait(s, now()), Some(half_hour));
    // A tick meanwhile asks nothing and keeps the wait.
    let later = now() + TimeDelta::minutes(10);
    assert!(update(s, Msg::Tick, later).is_empty());
    assert_eq!(
        wait(s, later),
        Some(half_hour - std::time::Duration::from_secs(600))
    );
    // Looked again on the rhythm, still with nothing to ask: half an hour more.
    let due = now() + TimeDelta::minutes(30);
    assert!(update(s, Msg::Tick, due).is_empty());
    assert_eq!(wait(s, due), Some(half_hour));
}
