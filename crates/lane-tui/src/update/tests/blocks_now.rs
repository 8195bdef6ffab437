//! The Time blocks tab opens on the block that is on now, so `s` starts what
//! the user is doing, not the first block of the day.

use chrono::{NaiveDate, NaiveDateTime};

use crate::action::Action;
use crate::state::State;
use crate::update::{Msg, update};
use lane_core::model::rules::Rules;
use lane_core::model::test_util::block;
use lane_core::model::{BlockKind, Data};

fn at(hm: &str) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_time(chrono::NaiveTime::parse_from_str(hm, "%H:%M").unwrap())
}

fn day() -> Data {
    let mut data = Data::default();
    for (id, (start, end)) in [("09:30", "09:45"), ("09:45", "11:00"), ("13:00", "14:00")]
        .into_iter()
        .enumerate()
    {
        let mut b = block(id as u32 + 1, "2026-11-23", start, end, BlockKind::Deep);
        b.uid = format!("b{id}");
        data.blocks.push(b);
    }
    data
}

fn opened_at(hm: &str) -> State {
    let mut s = State::new(day(), Rules::default(), 7, at(hm));
    let _ = update(&mut s, Msg::Opened, at(hm));
    let _ = update(&mut s, Action::TabBlocks, at(hm));
    s
}

#[test]
fn the_cursor_is_on_the_block_under_way_then_the_next_one() {
    assert_eq!(opened_at("09:46").selected_id(), Some(2));
    assert_eq!(opened_at("11:30").selected_id(), Some(3));
    assert_eq!(opened_at("08:00").selected_id(), Some(1));
    assert_eq!(opened_at("18:00").selected_id(), Some(1));
}

#[test]
fn s_at_09_46_starts_the_work_block_not_the_standup() {
    let mut s = opened_at("09:46");
    let _ = update(&mut s, Action::StartStop, at("09:46"));
    let running: Vec<u32> = s
        .data()
        .blocks
        .iter()
        .filter(|b| b.actual_start.is_some())
        .map(|b| b.id)
        .collect();
    assert_eq!(running, [2]);
}

#[test]
fn back_on_today_lands_on_now_too() {
    let mut s = opened_at("09:46");
    for a in [Action::NextDay, Action::Today] {
        let _ = update(&mut s, a, at("09:46"));
    }
    assert_eq!(s.selected_id(), Some(2));
}
