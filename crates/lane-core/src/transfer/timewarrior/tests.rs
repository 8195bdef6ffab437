//! Worked intervals as timewarrior keeps and prints them.

use super::*;
use crate::model::test_util::{at, block};
use crate::model::{BlockKind, Kind};

fn worked(
    data: &mut Data,
    title: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
    offset: Option<i32>,
) {
    let id = data.blocks.len() as u32 + 1;
    let mut b = block(
        id,
        &from.date().to_string(),
        "09:00",
        "10:00",
        BlockKind::Deep,
    );
    b.title = title.into();
    b.actual_start = Some(Stamp { wall: from, offset });
    b.actual_end = Some(Stamp { wall: to, offset });
    data.blocks.push(b);
}

#[test]
fn worked_blocks_become_utc_intervals_tagged_with_title_kind_and_priority() {
    let mut data = Data::default();
    crate::model::test_util::add(&mut data, Kind::Priority, &[("title", "Ship billing")]).unwrap();
    worked(
        &mut data,
        "spec \"v2\"",
        at("2026-12-07", "09:05"),
        at("2026-12-07", "10:40"),
        Some(3600),
    );
    data.blocks[0].priority = Some(1);
    // Planned only, or still running: nothing worked to send.
    data.blocks
        .push(block(2, "2026-12-07", "11:00", "12:00", BlockKind::Admin));
    let mut running = block(3, "2026-12-07", "13:00", "14:00", BlockKind::Shallow);
    running.actual_start = Some(Stamp {
        wall: at("2026-12-07", "13:00"),
        offset: Some(3600),
    });
    data.blocks.push(running);
    worked(
        &mut data,
        "inbox",
        at("2026-11-30", "16:00"),
        at("2026-11-30", "16:30"),
        None,
    );
    let list = intervals(&data, None, None, &chrono::Utc);
    assert_eq!(list.len(), 2, "{list:?}");
    assert_eq!(list[0].start, at("2026-11-30", "16:00"));
    assert_eq!(list[1].start, at("2026-12-07", "08:05"));
    assert_eq!(list[1].tags, ["Ship billing", "deep", "spec \"v2\""]);
    assert_eq!(
        list[1].data_line(),
        r#"inc 20261207T080500Z - 20261207T094000Z # "Ship billing" "deep" "spec \"v2\"""#
    );
    assert_eq!(list[1].data_file(), "2026-12.data");
    assert_eq!(list[0].data_file(), "2026-11.data");
    let json: serde_json::Value = serde_json::from_str(&timew_json(&list)).unwrap();
    assert_eq!(json[0]["id"], 2);
    assert_eq!(json[1]["id"], 1);
    assert_eq!(json[1]["start"], "20261207T080500Z");
    assert_eq!(json[1]["tags"][2], "spec \"v2\"");
    // A range: only the blocks dated in it.
    let december = intervals(
        &data,
        Some(at("2026-12-01", "00:00").date()),
        None,
        &chrono::Utc,
    );
    assert_eq!(december.len(), 1);
    assert_eq!(timew_json(&[]), "[\n]\n");
}
