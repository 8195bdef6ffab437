//! Blockers' links in the app: what a forge said shows on the blocker's row
//! and detail and in the header; the morning plan's follow-ups list the
//! unblocked one and `R` resolves it with what unblocked it; the forges are
//! asked aside on the calendars' rhythm, and a failure is said.

use chrono::TimeDelta;

use crate::harness::{Harness, now, rules};
use lane::links::HostRefreshed;
use lane::model::BlockerStatus;
use lane::model::links::{ItemState, Known, Seen};
use lane::update::{Effect, Msg, update};

const PR: &str = "https://github.com/acme/infra/pull/42";

const LINKED: &str = r#"version = 1

[[blockers]]
id = 1
title = "Base image"
waiting_on = "infra"
links = ["https://github.com/acme/infra/pull/42"]
opened = "2026-11-20T09:00"
status = "open"
"#;

fn known(state: ItemState) -> Known {
    let two_hours_ago = now() - TimeDelta::hours(2);
    Known::from([(
        PR.to_string(),
        Seen {
            state,
            title: "Bump base image".into(),
            updated: Some(two_hours_ago),
            closed: (state != ItemState::Open).then_some(two_hours_ago),
            fetched: now(),
        },
    )])
}

fn answered(failures: &[&str]) -> Option<HostRefreshed> {
    Some(HostRefreshed {
        host: "github.com".into(),
        fetched: 1,
        failures: failures.iter().map(|f| f.to_string()).collect(),
    })
}

#[test]
fn a_merged_pull_request_shows_on_the_blocker_and_the_plan_resolves_it_with_one_key() {
    let mut h = Harness::from_toml(LINKED, 200, 30, rules());
    h.send(Msg::LinksRead(answered(&[]), known(ItemState::Merged)));
    let screen = h.screen();
    assert!(
        screen.contains("blocker 1 “Base image”: PR #42 merged — unblocked?"),
        "{screen}"
    );
    assert!(screen.contains("1 unblocked?"), "the header: {screen}");
    h.keys("3");
    let screen = h.screen();
    assert!(screen.contains("unblocked?"), "{screen}");
    assert!(
        screen.contains("PR #42 merged 2h ago — unblocked?"),
        "the detail beside the list: {screen}"
    );
    assert!(screen.contains("“Bump base image”"), "{screen}");

    // The plan's last step lists it; R resolves it and acknowledges it.
    h.keys("p<enter><enter><enter>");
    let screen = h.screen();
    assert!(
        screen.contains("PR #42 merged — unblocked? R resolves it"),
        "{screen}"
    );
    h.keys("R");
    let b = &h.state.data().blockers[0];
    assert_eq!(b.status, BlockerStatus::Resolved);
    assert_eq!(b.resolution, "PR #42 merged");
    assert!(
        h.screen().contains("blocker 1 resolved: PR #42 merged"),
        "{}",
        h.screen()
    );
    // The user's change: one undo takes it back.
    h.keys("u");
    assert_eq!(h.state.data().blockers[0].status, BlockerStatus::Open);
}

#[test]
fn r_on_a_row_its_links_did_not_unblock_resolves_nothing() {
    let mut h = Harness::from_toml(LINKED, 120, 30, rules());
    h.send(Msg::LinksRead(answered(&[]), known(ItemState::Open)));
    h.keys("p<enter><enter><enter>R");
    assert_eq!(h.state.data().blockers[0].status, BlockerStatus::Open);
    assert!(h.screen().contains("R resolves a blocker whose linked"));
}

#[test]
fn a_forge_that_failed_is_said_and_what_it_last_said_is_kept() {
    let mut h = Harness::from_toml(LINKED, 200, 30, rules());
    h.send(Msg::LinksRead(None, known(ItemState::Open)));
    h.send(Msg::LinksRead(
        answered(&["github.com: HTTP 500 (a server error) from https://api.github.com — the last known state is kept"]),
        known(ItemState::Open),
    ));
    let screen = h.screen();
    assert!(
        screen.contains("links: github.com: HTTP 500 (a server error)"),
        "{screen}"
    );
    h.keys("3");
    assert!(h.screen().contains("PR #42 open, last activity 2h ago"));
}

#[test]
fn the_forges_are_asked_aside_after_the_cache_and_again_on_the_calendars_rhythm() {
    let mut h = Harness::from_toml(LINKED, 120, 30, rules());
    let s = &mut h.state;
    s.links.every = Some(30);
    // Opening reads the cache aside; when it is in, every forge is asked.
    assert!(update(s, Msg::Opened, now()).contains(&Effect::ReadLinks(false)));
    assert_eq!(
        update(s, Msg::LinksRead(None, Known::new()), now()),
        [Effect::ReadLinks(true)]
    );
    assert_eq!(s.links.pending, 1);
    // Under way: a tick asks nothing more; answered, the next one is due in 30 minutes.
    assert!(!update(s, Msg::Tick, now()).contains(&Effect::ReadLinks(true)));
    let _ = update(s, Msg::LinksRead(answered(&[]), Known::new()), now());
    assert_eq!(s.links.pending, 0);
    let soon = now() + TimeDelta::minutes(29);
    assert!(!update(s, Msg::Tick, soon).contains(&Effect::ReadLinks(true)));
    let due = now() + TimeDelta::minutes(30);
    assert!(update(s, Msg::Tick, due).contains(&Effect::ReadLinks(true)));
}

#[test]
fn auto_resolve_resolves_aside_and_says_so() {
    let mut h = Harness::from_toml(LINKED, 120, 30, rules());
    h.state.links.auto_resolve = true;
    h.send(Msg::LinksRead(answered(&[]), known(ItemState::Merged)));
    assert_eq!(h.state.data().blockers[0].resolution, "PR #42 merged");
    assert!(h.screen().contains("blocker 1 resolved: PR #42 merged"));
}

#[test]
fn the_blocker_form_takes_links_in_its_link_field_and_refuses_a_bad_one() {
    let mut h = Harness::new(120, 30);
    h.keys("3abase image<tab>infra<tab><tab>https://github.com/acme/infra/commit/42<enter>");
    assert!(h.state.data().blockers.is_empty(), "nothing saved");
    let screen = h.screen();
    assert!(
        screen.contains("not an issue, pull request or merge request"),
        "{screen}"
    );
    // The field as typed is still there: fixed, it saves.
    for _ in 0.."https://github.com/acme/infra/commit/42".len() {
        h.keys("<bs>");
    }
    h.keys(&format!(
        "{PR}#issuecomment-9 https://gitlab.com/g/p/-/issues/4<enter>"
    ));
    let b = &h.state.data().blockers[0];
    assert_eq!(b.links, [PR, "https://gitlab.com/g/p/-/issues/4"]);
    // Editing shows them in the field, one after the other.
    h.keys("e");
    assert!(
        h.screen()
            .contains("acme/infra/pull/42 https://gitlab.com/g/p/-/issues/4 │"),
        "{}",
        h.screen()
    );
}

#[test]
fn a_quiet_link_nudges_the_next_rung_in_the_detail_and_flags_the_row() {
    let mut h = Harness::from_toml(LINKED, 200, 30, rules());
    let mut quiet = known(ItemState::Open);
    if let Some(seen) = quiet.get_mut(PR) {
        seen.updated = Some(now() - TimeDelta::days(20));
    }
    h.send(Msg::LinksRead(answered(&[]), quiet));
    h.keys("3");
    let screen = h.screen();
    assert!(
        screen.contains("Now       no activity on PR #42 for 20 days — read the docs?"),
        "{screen}"
    );
    assert!(screen.contains("quiet"), "{screen}");
}
