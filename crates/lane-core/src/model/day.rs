//! The rules of a planned day: how long blocks are, what overlaps, what falls
//! outside working hours or overbooks the day, the running timer, and copying a plan.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use super::{Block, BlockKind, BlockResult, Data, Stamp, WorkingHours};

/// Minutes as people read them: `45m`, `2h`, `1h30`.
pub fn hm(m: i64) -> String {
    if m < 60 {
        format!("{m}m")
    } else if m % 60 == 0 {
        format!("{}h", m / 60)
    } else {
        format!("{}h{:02}", m / 60, m % 60)
    }
}

/// A block's length in real minutes: 01:00-04:00 on the night clocks go
/// forward is two hours, the night they go back four. Where an end of it falls
/// in the repeated hour, the shortest span that lasts at all is meant (02:00-03:00
/// that night is an hour, not the zero minutes between the transition's two
/// readings of it); a span that cannot last (02:00-03:00 the night that hour is
/// skipped) is 0.
pub fn minutes(b: &Block) -> i64 {
    let (start, end) = (
        b.date.and_time(b.start),
        super::time_of_day::instant(b.date, b.end),
    );
    if end <= start {
        return 0;
    }
    let (wall, spans) = real_spans(start, end, local_offsets);
    spans
        .iter()
        .copied()
        .filter(|m| *m > 0)
        .min()
        .or_else(|| spans.iter().copied().find(|m| *m == 0))
        .unwrap_or(wall)
}

pub fn is_running(b: &Block) -> bool {
    b.actual_start.is_some() && b.actual_end.is_none()
}

/// An instant to the minute, as `lane.toml` keeps a timer's start and stop (and
/// every other instant lane stamps, so what is in memory is what a reload gives).
pub fn to_minute(t: NaiveDateTime) -> NaiveDateTime {
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t)
}

/// Minutes actually worked: start to stop, or start to now while it runs, in
/// whole clock minutes (the minutes' boundaries crossed). Every figure of worked
/// time comes from here, so the app, the list and the reports agree whether the
/// start was just set (seconds in memory) or read back from the file (none).
///
/// Each end is placed on the time line by the offset it was stamped with (a
/// timer started in UTC−12 and stopped in UTC+14 seconds later is seconds, not
/// a day); an end without one (older files, now) by the local zone's rules.
pub fn actual_minutes(b: &Block, now: NaiveDateTime) -> Option<i64> {
    let start = b.actual_start?;
    let end = b.actual_end.unwrap_or_else(|| Stamp::from(now));
    let wall = (to_minute(end.wall) - to_minute(start.wall)).num_minutes();
    let (from, to) = (start.offsets(local_offsets), end.offsets(local_offsets));
    Some(shortest_forward(wall, &from, &to))
}

/// The UTC offsets (in seconds) a wall-clock time can have in the local zone:
/// one, two in the hour repeated when clocks go back, none in the hour skipped.
/// Reads the zone's rules, not the clock.
fn local_offsets(t: NaiveDateTime) -> Vec<i32> {
    use chrono::{LocalResult, Offset, TimeZone};
    match chrono::Local.offset_from_local_datetime(&t) {
        LocalResult::Single(o) => vec![o.fix().local_minus_utc()],
        LocalResult::Ambiguous(a, b) => vec![a.fix().local_minus_utc(), b.fix().local_minus_utc()],
        LocalResult::None => Vec::new(),
    }
}

/// Real minutes from `start` to `end`, both wall-clock times as a timer records
/// them. Across a clock change the wall clock lies (a 20-minute timer over the
/// spring-forward hour reads 80); each end is placed on the real time line by
/// its offset, and where the hour repeats (autumn) the shortest span that does
/// not run backwards is the one that happened.
pub fn elapsed_minutes(
    start: NaiveDateTime,
    end: NaiveDateTime,
    offsets: impl Fn(NaiveDateTime) -> Vec<i32>,
) -> i64 {
    let wall = (end - start).num_minutes();
    shortest_forward(wall, &offsets(start), &offsets(end))
}

/// The real minutes of a wall-clock span whose ends had one of these offsets:
/// the shortest that does not run backwards.
fn shortest_forward(wall: i64, from: &[i32], to: &[i32]) -> i64 {
    from.iter()
        .flat_map(|a| to.iter().map(move |b| wall - i64::from(b - a) / 60))
        .filter(|m| *m >= 0)
        .min()
        .unwrap_or(wall.max(0))
}

/// The wall-clock minutes from `start` to `end`, and the real minutes each
/// reading of the two ends' offsets gives.
fn real_spans(
    start: NaiveDateTime,
    end: NaiveDateTime,
    offsets: impl Fn(NaiveDateTime) -> Vec<i32>,
) -> (i64, Vec<i64>) {
    let wall = (end - start).num_minutes();
    let (from, to) = (offsets(start), offsets(end));
    let spans = from
        .iter()
        .flat_map(|a| to.iter().map(move |b| wall - i64::from(b - a) / 60))
        .collect();
    (wall, spans)
}

/// Minutes of working hours on a date (0 on a day off).
pub fn working_minutes_on(hours: &WorkingHours, date: NaiveDate) -> i64 {
    hours.on(date).map_or(0, |(s, e)| (e - s).num_minutes())
}

pub fn overlaps(b: &Block, data: &Data) -> bool {
    data.blocks_on(b.date)
        .any(|o| o.id != b.id && o.start < b.end && b.start < o.end)
}

/// Outside working hours, or on a day without them.
pub fn outside_hours(b: &Block, hours: &WorkingHours) -> bool {
    match hours.on(b.date) {
        None => true,
        Some((s, e)) => b.start < s || b.end > e,
    }
}

pub fn planned_minutes(data: &Data, date: NaiveDate) -> i64 {
    data.blocks_on(date).map(minutes).sum()
}

/// More planned than the day's working hours hold.
pub fn overbooked(data: &Data, hours: &WorkingHours, date: NaiveDate) -> bool {
    planned_minutes(data, date) > working_minutes_on(hours, date)
}

pub fn deep_minutes(data: &Data, date: NaiveDate) -> i64 {
    data.blocks_on(date)
        .filter(|b| b.kind == BlockKind::Deep)
        .map(minutes)
        .sum()
}

/// The flags shown beside a block and in `lane list blocks --json`.
pub fn flags(b: &Block, data: &Data, hours: &WorkingHours) -> Vec<&'static str> {
    let mut out = Vec::new();
    if overlaps(b, data) {
        out.push("overlap");
    }
    if outside_hours(b, hours) {
        out.push("outside_hours");
    }
    if overbooked(data, hours, b.date) {
        out.push("overbooked");
    }
    if is_running(b) {
        out.push("running");
    }
    // Two machines wrote it differently: marked where the day is looked at,
    // until the conflict is settled (`lane conflicts`, or the review).
    if data
        .conflicts
        .iter()
        .any(|c| c.kind == super::Kind::Block.table() && c.item == b.uid)
    {
        out.push("conflict");
    }
    out
}

/// Planned and worked minutes per kind on a date, for the day's footer. Worked
/// is what the review counts ([`block_worked_minutes`]): a skipped block's
/// timer is not work done.
pub fn totals_by_kind(
    data: &Data,
    date: NaiveDate,
    now: NaiveDateTime,
) -> Vec<(BlockKind, i64, i64)> {
    BlockKind::ALL
        .iter()
        .filter_map(|&k| {
            let blocks: Vec<&Block> = data.blocks_on(date).filter(|b| b.kind == k).collect();
            let planned: i64 = blocks.iter().map(|b| minutes(b)).sum();
            let worked: i64 = blocks
                .iter()
                .filter_map(|b| block_worked_minutes(b, now))
                .sum();
            (!blocks.is_empty()).then_some((k, planned, worked))
        })
        .collect()
}

/// What the evening review assumes of a block until the user says otherwise:
/// worked once its timer ran or it was marked done; a meeting once it has
/// ended, because people attend the meetings in their calendar far more often
/// than they miss them, so the review asks about the missed ones only; skipped
/// otherwise (a meeting still ahead has not been attended yet).
pub fn assumed_result(b: &Block, now: NaiveDateTime) -> BlockResult {
    let meeting = b.kind == BlockKind::Meeting || b.calendar.is_some();
    let ended = super::time_of_day::instant(b.date, b.end) <= now;
    b.result.unwrap_or(
        if b.actual_start.is_some() || b.done || (meeting && ended) {
            BlockResult::Worked
        } else {
            BlockResult::Skipped
        },
    )
}

/// Minutes worked on a block: its timer (to `now` while it runs), or its planned
/// length when it was marked worked (or done) without one; none when it was
/// skipped, moved, or never touched.
pub fn block_worked_minutes(b: &Block, now: NaiveDateTime) -> Option<i64> {
    (assumed_result(b, now) == BlockResult::Worked)
        .then(|| actual_minutes(b, now).unwrap_or_else(|| minutes(b)))
}

/// Minutes worked on `date`, block by block.
pub fn worked_minutes(data: &Data, date: NaiveDate, now: NaiveDateTime) -> i64 {
    data.blocks_on(date)
        .filter_map(|b| block_worked_minutes(b, now))
        .sum()
}

/// Minutes of deep work worked on `date`: the deep blocks' share of
/// [`worked_minutes`]. Planned deep work is [`deep_minutes`]; the two are
/// always shown apart, so a skipped block never reads as deep work done.
pub fn deep_worked_minutes(data: &Data, date: NaiveDate, now: NaiveDateTime) -> i64 {
    data.blocks_on(date)
        .filter(|b| b.kind == BlockKind::Deep)
        .filter_map(|b| block_worked_minutes(b, now))
        .sum()
}

pub fn running(data: &Data) -> Option<&Block> {
    data.blocks.iter().find(|b| is_running(b))
}

/// Starts the block `id` (stopping any other that runs) or stops it if it runs.
/// Returns a line saying what happened.
pub fn start_stop(data: &mut Data, id: u32, now: NaiveDateTime) -> Result<String, String> {
    let index = data
        .blocks
        .iter()
        .position(|b| b.id == id)
        .ok_or_else(|| format!("there is no block {id}"))?;
    if is_running(&data.blocks[index]) {
        let b = &mut data.blocks[index];
        b.actual_end = Some(Stamp::local(to_minute(now)));
        let worked = actual_minutes(b, now).unwrap_or(0);
        return Ok(format!("stopped “{}” after {worked}m", b.title));
    }
    let mut stopped = String::new();
    for other in data.blocks.iter_mut().filter(|b| is_running(b)) {
        other.actual_end = Some(Stamp::local(to_minute(now)));
        stopped = format!(" (stopped “{}”)", other.title);
    }
    let b = &mut data.blocks[index];
    b.actual_start = Some(Stamp::local(to_minute(now)));
    b.actual_end = None;
    Ok(format!("started “{}”{stopped}", b.title))
}

/// `lane start block ID`: starts it; a running block is left running, not stopped.
pub fn start_stop_on(data: &mut Data, id: u32, now: NaiveDateTime) -> Result<String, String> {
    match data.blocks.iter().find(|b| b.id == id) {
        Some(b) if is_running(b) => Ok(format!("“{}” is running already", b.title)),
        _ => start_stop(data, id, now),
    }
}

/// Stops whatever runs. Returns what was stopped.
pub fn stop_running(data: &mut Data, now: NaiveDateTime) -> Option<String> {
    let id = running(data)?.id;
    start_stop(data, id, now).ok()
}

/// Copies the plan of `from` onto `to` (titles, times, kinds, links; not what was
/// worked). `uid` gives each copy its identity. Returns how many were copied.
pub fn copy_day(
    data: &mut Data,
    from: NaiveDate,
    to: NaiveDate,
    mut uid: impl FnMut() -> String,
) -> usize {
    let plan: Vec<Block> = data.blocks_on(from).cloned().collect();
    for b in &plan {
        // One at a time: the next id may step over a touched day's.
        let id = data.next_id(super::Kind::Block);
        let copy = b.replanned(id, uid(), to, (b.start, b.end));
        insert_block(data, copy);
    }
    plan.len()
}

/// Monday of the week holding `date`.
/// Adds a block where the file keeps it: in date and start-time order.
pub fn insert_block(data: &mut Data, block: Block) {
    let at = data
        .blocks
        .iter()
        .position(|x| (x.date, x.start) > (block.date, block.start))
        .unwrap_or(data.blocks.len());
    data.blocks.insert(at, block);
    super::derived::make_room(data);
}

pub fn week_start(date: NaiveDate) -> NaiveDate {
    super::limits::shift_days(date, -i64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests;
