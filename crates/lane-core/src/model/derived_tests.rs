use crate::model::calendar::{Meeting, apply};
use crate::model::derived::*;
use crate::model::series::{Series, materialise};
use crate::model::test_util::{at, block, day, t};
use crate::model::{Block, Data};
use crate::model::{BlockKind, BlockResult, Extra};

fn weekday_standup(first: &str) -> Series {
    Series {
        uid: "S".into(),
        every: "weekday".into(),
        first: day(first),
        until: None,
        start: t("09:00"),
        end: t("09:15"),
        title: "standup".into(),
        kind: BlockKind::Meeting,
        priority: None,
        except: Vec::new(),
        extra: Extra::new(),
    }
}

fn meeting(event: &str, date: &str, start: &str, end: &str) -> Meeting {
    Meeting {
        event: event.into(),
        instance: String::new(),
        title: format!("{event} meeting"),
        date: day(date),
        start: t(start),
        end: t(end),
    }
}

#[test]
fn a_weekday_series_keeps_one_entry_and_its_days_are_computed_months_ahead() {
    let mut data = Data::default();
    data.series.push(weekday_standup("2026-12-07"));
    let today = day("2026-12-07");
    assert!(materialise(&mut data, today, today));
    // Two weeks ahead in memory; nothing of them kept.
    assert_eq!(data.blocks.len(), 11);
    assert!(kept(&data).blocks.is_empty());
    assert_eq!(kept(&data).series.len(), 1);
    // A week three months on is made when it is looked at.
    let march = day("2027-03-08");
    materialise(&mut data, today, march);
    let that_week = data.blocks.iter().filter(|b| b.date >= march).count();
    assert_eq!(that_week, 5);
    assert!(kept(&data).blocks.is_empty());
}

#[test]
fn a_day_the_user_touched_is_kept_and_the_rest_left_to_the_series() {
    let mut data = Data::default();
    data.series.push(weekday_standup("2026-12-07"));
    let today = day("2026-12-07");
    materialise(&mut data, today, today);
    let touch = |b: &mut Block, how: usize| match how {
        0 => b.actual_start = Some(at("2026-12-07", "09:01").into()),
        1 => b.result = Some(BlockResult::Skipped),
        2 => b.done = true,
        3 => b.detached = true,
        _ => b.moved_to = Some(day("2026-12-20")),
    };
    for how in 0..5 {
        let mut one = data.clone();
        touch(&mut one.blocks[how], how);
        let kept = kept(&one);
        assert_eq!(kept.blocks.len(), 1, "touch {how}");
        assert_eq!(kept.blocks[0].uid, one.blocks[how].uid);
    }
}

#[test]
fn a_meeting_is_kept_only_once_linked_worked_or_edited() {
    let mut data = Data::default();
    let now = at("2026-12-07", "08:00");
    let window = (day("2026-11-30"), day("2027-02-05"));
    let ms = [meeting("a", "2026-12-07", "10:00", "10:30")];
    apply(&mut data, "work", BlockKind::Meeting, &ms, window, now);
    assert_eq!(data.blocks.len(), 1);
    assert!(kept(&data).blocks.is_empty());
    data.blocks[0].priority = Some(3);
    let linked = kept(&data);
    assert_eq!(linked.blocks.len(), 1);
    // Moved in the calendar: the link follows the event, and the meeting is
    // not made a second time.
    let moved = [meeting("a", "2026-12-09", "14:00", "14:30")];
    apply(&mut data, "work", BlockKind::Meeting, &moved, window, now);
    assert_eq!(data.blocks.len(), 1);
    assert_eq!(
        (data.blocks[0].date, data.blocks[0].priority),
        (day("2026-12-09"), Some(3))
    );
}

#[test]
fn computed_ids_follow_the_kept_ones_todays_first_and_never_change_on_their_own() {
    let mut data = Data::default();
    data.blocks
        .push(block(1, "2026-12-07", "10:00", "12:00", BlockKind::Deep));
    data.series.push(weekday_standup("2026-11-30"));
    let today = day("2026-12-07");
    materialise(&mut data, today, today);
    let id_on = |d: &Data, date: &str| {
        d.blocks
            .iter()
            .find(|b| b.series.is_some() && b.date == day(date))
            .map(|b| b.id)
    };
    // Today's day first after the kept block; last week's after the days ahead.
    assert_eq!(id_on(&data, "2026-12-07"), Some(2));
    assert!(id_on(&data, "2026-12-01") > id_on(&data, "2026-12-18"));
    // The same data gives the same ids.
    let mut again = kept(&data).into_owned();
    materialise(&mut again, today, today);
    assert_eq!(again, data);
    // Touching one renumbers nothing: it keeps its id.
    let before: Vec<u32> = data.blocks.iter().map(|b| b.id).collect();
    data.blocks[3].done = true;
    assert!(!renumber(&mut data, today));
    assert_eq!(data.blocks.iter().map(|b| b.id).collect::<Vec<_>>(), before);
    // A new block takes the first id after the other blocks (stepping over a
    // touched day's); the computed ones make room, then take their places.
    let new_id = data.next_id(crate::model::Kind::Block);
    assert_eq!(new_id, 2);
    crate::model::day::insert_block(
        &mut data,
        block(new_id, "2026-12-08", "13:00", "14:00", BlockKind::Deep),
    );
    let unique = |d: &Data| {
        let mut ids: Vec<u32> = d.blocks.iter().map(|b| b.id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len() == d.blocks.len()
    };
    assert!(unique(&data));
    renumber(&mut data, today);
    assert!(unique(&data));
    assert_eq!(id_on(&data, "2026-12-07"), Some(3));
}

#[test]
fn changing_a_series_keeps_what_its_past_days_were() {
    let mut data = Data::default();
    data.series.push(weekday_standup("2026-11-30"));
    let today = day("2026-12-07");
    materialise(&mut data, today, today);
    // Tomorrow's day moved alone to 11:00 (a fact), then the series to 09:30.
    let tomorrow = data
        .blocks
        .iter_mut()
        .find(|b| b.date == day("2026-12-08"))
        .unwrap();
    tomorrow.start = t("11:00");
    tomorrow.end = t("11:15");
    tomorrow.detached = true;
    let id = data.blocks.iter().find(|b| b.date == today).unwrap().id;
    crate::model::series::modify(&mut data, id, today, |s| {
        s.start = t("09:30");
        s.end = t("09:45");
    })
    .unwrap();
    let on = |date: &str| -> Vec<(String, chrono::NaiveTime)> {
        data.blocks
            .iter()
            .filter(|b| b.date == day(date))
            .map(|b| (b.uid.clone(), b.start))
            .collect()
    };
    assert_eq!(on("2026-12-04"), [("S@2026-12-04".into(), t("09:00"))]);
    assert_eq!(
        on("2026-12-07"),
        [("S~2026-12-07@2026-12-07".into(), t("09:30"))]
    );
    assert_eq!(
        on("2026-12-08"),
        [("S~2026-12-07@2026-12-08".into(), t("11:00"))]
    );
    assert_eq!(data.series.len(), 2);
    assert_eq!(data.series[0].until, Some(day("2026-12-06")));
    // Kept: the two series and the day moved alone.
    let kept = kept(&data);
    assert_eq!(kept.blocks.len(), 1);
    assert!(data.problems().is_empty());
}

#[test]
fn a_merge_moves_clashing_touched_days_to_ids_no_touched_day_holds() {
    // Touched days keep their place's id, so a side's next id can sit below
    // one of them: ours touched the days at 2, 3 and 5; theirs the other
    // machine's days at 2 and 3 (other uids). Ours' 2 and 3 must move past 5.
    let fact = |id: u32, uid: &str| {
        let mut b = block(id, "2026-12-07", "09:00", "09:15", BlockKind::Meeting);
        b.uid = uid.into();
        b.series = Some("S".into());
        b.detached = true;
        b
    };
    let mut base = Data::default();
    base.blocks
        .push(block(1, "2026-12-07", "08:00", "08:30", BlockKind::Deep));
    base.blocks[0].uid = "plain".into();
    let mut ours = base.clone();
    ours.blocks.extend([
        fact(2, "S@2026-12-08"),
        fact(3, "S@2026-12-09"),
        fact(5, "S@2026-12-11"),
    ]);
    let mut theirs = base.clone();
    theirs
        .blocks
        .extend([fact(2, "S@2026-12-14"), fact(3, "S@2026-12-15")]);
    let mut n = 0;
    let merged = crate::model::merge::merge(
        &base,
        &ours,
        &theirs,
        at("2026-12-07", "18:00"),
        &mut || {
            n += 1;
            format!("c{n}")
        },
    )
    .unwrap();
    let mut ids: Vec<u32> = merged.data.blocks.iter().map(|b| b.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 6, "{:?}", merged.data.blocks);
}
