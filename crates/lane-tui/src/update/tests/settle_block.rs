//! A block's conflict is settled on the timeline (the Time blocks tab has no
//! details pane): o takes the other side's value, O keeps lane's.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::action::Action;
use crate::state::State;
use crate::tabs::Tab;
use crate::update::update;
use lane_core::model::merge::Conflict;
use lane_core::model::rules::Rules;
use lane_core::model::{Block, BlockKind, Data};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 7)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap()
}

fn with_block_conflict() -> State {
    let mut data = Data::default();
    let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    data.blocks.push(Block::planned(
        1,
        "B1".into(),
        now().date(),
        (t(9), t(10)),
        "billing spec".into(),
        BlockKind::Deep,
    ));
    data.conflicts.push(Conflict {
        id: 1,
        uid: "C1".into(),
        kind: "blocks".into(),
        item: "B1".into(),
        field: "title".into(),
        kept: Some("billing spec".into()),
        other: Some("billing spec v2".into()),
        when: now(),
        kept_on: "desktop".into(),
        other_on: "laptop".into(),
        extra: Default::default(),
    });
    let mut s = State::new(data, Rules::default(), 7, now());
    s.tab = Tab::Blocks;
    s
}

#[test]
fn o_on_the_timeline_takes_the_other_sides_value_and_capital_o_keeps_lanes() {
    let mut s = with_block_conflict();
    update(&mut s, Action::TakeOther, now());
    assert_eq!(s.data().blocks[0].title, "billing spec v2");
    assert!(s.data().conflicts.is_empty());
    let said = &s.message.as_ref().unwrap().text;
    assert!(said.contains("billing spec v2"), "{said}");

    let mut s = with_block_conflict();
    update(&mut s, Action::KeepMine, now());
    assert_eq!(s.data().blocks[0].title, "billing spec");
    assert!(s.data().conflicts.is_empty());

    // Nothing to settle: said, nothing changed.
    let before = s.data().clone();
    update(&mut s, Action::TakeOther, now());
    assert_eq!(s.data(), &before);
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("no conflict here")
    );
}
