//! criterion benches over a year of demo data: load, save, render, keypress→frame.
//! `cargo bench`; figures go in BENCHMARKS.md.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use lane::action::Action;
use lane::keymap::Keymap;
use lane::model::Data;
use lane::model::rules::Rules;
use lane::report::{Period, ReportKind, Source, markdown};
use lane::state::State;
use lane::store::{Access, Store, parse, to_toml};
use lane::ui;
use lane::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap())
}

/// A year of use, archived as lane would have it, in a scratch dir.
fn year(dir: &Path) -> lane::model::Data {
    let mut data = lane::demo::generate(365, 1, now().date());
    let (mut store, _) = Store::open(dir, Access::Session).unwrap();
    store.save(&data, now()).unwrap();
    store
        .archive(&mut data, now().date() - chrono::Duration::days(30))
        .unwrap();
    data
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let live = year(dir.path());
    let file = dir.path().join("lane.toml");
    let bytes = std::fs::read(&file).unwrap();
    let full = lane::demo::generate(365, 1, now().date());
    let full_text = to_toml(&full).unwrap();

    c.bench_function("load live file (1 year, archived)", |b| {
        b.iter(|| parse(&file, &bytes).unwrap())
    });
    let (store, _) = Store::open(dir.path(), Access::Read).unwrap();
    c.bench_function("load live + archive (1 year)", |b| {
        b.iter(|| {
            let live = parse(&file, &bytes).unwrap();
            lane::model::archive::combine(&live, store.load_archive().unwrap())
        })
    });
    // Twenty years split into their archive files, combined again as `export
    // json` and `list --all` do: this must grow linearly with the years.
    let mut decades = lane::demo::generate(7300, 2, now().date());
    let cutoff = now().date() - chrono::Duration::days(30);
    let years: Vec<_> = lane::model::archive::split(&mut decades, cutoff)
        .into_values()
        .collect();
    c.bench_function("combine live + 20 archive years (~44k items)", |b| {
        b.iter(|| lane::model::archive::combine(&decades, years.clone()))
    });
    c.bench_function("load unarchived year", |b| {
        b.iter(|| parse(Path::new("lane.toml"), full_text.as_bytes()).unwrap())
    });
    let save_dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(save_dir.path(), Access::Session).unwrap();
    c.bench_function("save live file (atomic, fsync)", |b| {
        b.iter(|| store.save(&live, now()).unwrap())
    });
    // One field changed: the file is edited in place and checked to load back.
    let mut changed = live.clone();
    let mut flip = false;
    c.bench_function("save one change (edit in place), 1-year live file", |b| {
        b.iter(|| {
            flip = !flip;
            changed.priorities[0].title = if flip { "a" } else { "b" }.into();
            store.save(&changed, now()).unwrap()
        })
    });
    c.bench_function("parse for editing (toml_edit), 1-year live file", |b| {
        b.iter(|| {
            std::str::from_utf8(&bytes)
                .unwrap()
                .parse::<toml_edit::DocumentMut>()
                .unwrap()
        })
    });
    merge_benches(c, &live, &mut store, save_dir.path(), &changed);
    report_and_screen_benches(c, &live, &full);
}

/// Merges in memory, and a save that finds someone else wrote meanwhile.
fn merge_benches(c: &mut Criterion, live: &Data, store: &mut Store, dir: &Path, changed: &Data) {
    let (mut mine, mut theirs) = (live.clone(), live.clone());
    mine.decisions[0].call = "mine".into();
    theirs.blocks[0].title = "theirs".into();
    c.bench_function(
        "merge (each side changed one item), 1-year live file",
        |b| {
            b.iter(|| {
                let mut uid = || "u".to_string();
                lane::model::merge::merge(live, &mine, &theirs, now(), &mut uid).unwrap()
            })
        },
    );
    // Someone else wrote meanwhile: read, merge, edit, check, write.
    let (mut other, _) = Store::open(dir, Access::Session).unwrap();
    let latest = std::cell::RefCell::new(changed.clone());
    let mut n = 0u32;
    c.bench_function("save with a merge, 1-year live file", |b| {
        b.iter_batched(
            || {
                n += 1;
                let mut theirs = latest.borrow().clone();
                theirs.blocks[0].title = format!("theirs {n}");
                other.save(&theirs, now()).unwrap();
                let mut ours = latest.borrow().clone();
                ours.decisions[0].call = format!("ours {n}");
                ours
            },
            |ours| {
                if let lane::store::Saved::Merged(m) = store.save(&ours, now()).unwrap() {
                    *latest.borrow_mut() = m.data;
                }
            },
            criterion::BatchSize::PerIteration,
        )
    });
}

/// Reports on a year, and a frame of each tab and of a keypress on the
/// biggest lists.
fn report_and_screen_benches(c: &mut Criterion, live: &Data, full: &Data) {
    let rules = Rules::default();
    for (name, kind, data) in [
        ("report week (1 year, live file)", ReportKind::Week, live),
        ("report brag (1 year, unarchived)", ReportKind::Brag, full),
    ] {
        let src = Source {
            data,
            rules: &rules,
            period: Period::of(kind, None, None, now().date(), &rules).unwrap(),
            now: now(),
        };
        c.bench_function(name, |b| b.iter(|| markdown(kind, &src)));
    }

    let keymap = Keymap::defaults().unwrap();
    let area = Rect::new(0, 0, 200, 50);
    for (tab, action) in [
        ("priorities", Action::TabPriorities),
        ("time blocks", Action::TabBlocks),
        ("blockers", Action::TabBlockers),
        ("decisions", Action::TabDecisions),
        ("review", Action::TabReview),
    ] {
        let mut state = State::new(live.clone(), Rules::default(), 1, now());
        update(&mut state, ui::layout::resize_action(area), now());
        update(&mut state, action, now());
        let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
        c.bench_function(&format!("render {tab} 200x50"), |b| {
            b.iter(|| {
                term.draw(|f| ui::draw(f, &state, &keymap, now())).unwrap();
            })
        });
    }

    // The worst case: nothing archived, a year in one list.
    let mut state = State::new(full.clone(), Rules::default(), 1, now());
    update(&mut state, ui::layout::resize_action(area), now());
    update(&mut state, Action::TabReview, now());
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    c.bench_function("keypress j -> frame, 1-year list 200x50", |b| {
        b.iter(|| {
            update(&mut state, Action::Down, now());
            term.draw(|f| ui::draw(f, &state, &keymap, now())).unwrap();
        })
    });
    let mut state = State::new(full.clone(), Rules::default(), 1, now());
    update(&mut state, ui::layout::resize_action(area), now());
    update(&mut state, Action::ToggleClosed, now());
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    c.bench_function("keypress j -> frame, a year of priorities 200x50", |b| {
        b.iter(|| {
            update(&mut state, Action::Down, now());
            term.draw(|f| ui::draw(f, &state, &keymap, now())).unwrap();
        })
    });
}

/// A change costs more than a move: `update` keeps the data as it was (for undo)
/// and compares it afterwards to learn that it changed. Measured on the live file
/// and on a whole unarchived year (space twice: done, then open again).
fn change_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let live = year(dir.path());
    let full = lane::demo::generate(365, 1, now().date());
    let keymap = Keymap::defaults().unwrap();
    let area = Rect::new(0, 0, 200, 50);
    for (name, data) in [("live file", live), ("unarchived year", full)] {
        let mut state = State::new(data, Rules::default(), 1, now());
        update(&mut state, ui::layout::resize_action(area), now());
        // Done ones stay listed, so space always has a row to act on.
        update(&mut state, Action::ToggleClosed, now());
        let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
        c.bench_function(
            &format!("keypress space (a change) -> frame, {name} 200x50"),
            |b| {
                b.iter(|| {
                    let effects = update(&mut state, Action::ToggleDone, now());
                    assert_eq!(effects.len(), 1, "one save asked for");
                    term.draw(|f| ui::draw(f, &state, &keymap, now())).unwrap();
                })
            },
        );
    }
}

/// Recurring blocks are made on every update: what that costs on a year with five
/// series, once nothing is left to make (the usual keypress), and a keypress with it.
fn series_benches(c: &mut Criterion) {
    let mut data = lane::demo::generate(365, 1, now().date());
    for (i, every) in [
        "weekday",
        "mon,wed",
        "2 weeks on fri",
        "month on 1",
        "daily",
    ]
    .iter()
    .enumerate()
    {
        let (_, every, until) =
            lane::model::series::parse_every(every, now().date(), now().date()).unwrap();
        let series = lane::model::series::Series {
            uid: format!("S{i}"),
            every,
            first: now().date() - chrono::Duration::days(300),
            until,
            start: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(8, 15, 0).unwrap(),
            title: format!("series {i}"),
            kind: lane::model::BlockKind::Meeting,
            priority: None,
            except: Vec::new(),
            extra: Default::default(),
        };
        data.series.push(series);
    }
    let today = now().date();
    let to = lane::model::series::horizon(today);
    lane::model::series::materialise(&mut data, today, to);
    c.bench_function(
        "materialise 5 series, nothing to make, unarchived year",
        |b| b.iter(|| assert!(!lane::model::series::materialise(&mut data, today, to))),
    );
    let keymap = Keymap::defaults().unwrap();
    let area = Rect::new(0, 0, 200, 50);
    let mut state = State::new(data, Rules::default(), 1, now());
    update(&mut state, ui::layout::resize_action(area), now());
    update(&mut state, Action::TabReview, now());
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    c.bench_function("keypress j -> frame, 1-year list + 5 series 200x50", |b| {
        b.iter(|| {
            update(&mut state, Action::Down, now());
            term.draw(|f| ui::draw(f, &state, &keymap, now())).unwrap();
        })
    });
}

/// A busy work calendar: eight repeating meetings a week (Berlin time, one
/// with moved and cancelled days) and 300 one-off events over a year, read and
/// brought into a year of data the way a refresh does.
fn calendar_benches(c: &mut Criterion) {
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    for (i, day) in ["MO", "TU", "WE", "TH", "FR", "MO,WE,FR", "TU,TH", "FR"]
        .iter()
        .enumerate()
    {
        ics.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:series-{i}\r\nDTSTART;TZID=Europe/Berlin:20260105T{:02}0000\r\n\
             DTEND;TZID=Europe/Berlin:20260105T{:02}3000\r\nRRULE:FREQ=WEEKLY;BYDAY={day}\r\n\
             EXDATE;TZID=Europe/Berlin:20261207T{:02}0000\r\nSUMMARY:series {i}\r\nEND:VEVENT\r\n",
            9 + i,
            9 + i,
            9 + i
        ));
    }
    for n in 0..300 {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(n + n / 5);
        ics.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:one-{n}\r\nDTSTART:{}T150000Z\r\nDTEND:{}T160000Z\r\n\
             SUMMARY:one-off {n}\r\nEND:VEVENT\r\n",
            day.format("%Y%m%d"),
            day.format("%Y%m%d")
        ));
    }
    ics.push_str("END:VCALENDAR\r\n");
    let today = now().date();
    let window = (
        today - chrono::Duration::days(7),
        today + chrono::Duration::days(60),
    );
    let zone = chrono_tz::Europe::Berlin;
    c.bench_function(
        "read + expand a busy calendar (8 series, 300 events), 67 days",
        |b| {
            b.iter(|| {
                let parsed = lane::calendar::ics::parse(&ics).unwrap();
                lane::calendar::expand::expand(&parsed, &zone, window)
            })
        },
    );
    let parsed = lane::calendar::ics::parse(&ics).unwrap();
    let expanded = lane::calendar::expand::expand(&parsed, &zone, window);
    let mut data = lane::demo::generate(365, 1, now().date());
    let meetings = expanded.meetings.clone();
    lane::model::calendar::apply(
        &mut data,
        "work",
        lane::model::BlockKind::Meeting,
        &meetings,
        window,
        now(),
    );
    c.bench_function(
        "bring the busy calendar in again, nothing changed, unarchived year",
        |b| {
            b.iter(|| {
                lane::model::calendar::apply(
                    &mut data,
                    "work",
                    lane::model::BlockKind::Meeting,
                    &meetings,
                    window,
                    now(),
                )
            })
        },
    );
}

criterion_group! {
    name = lane;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = benches, change_benches, series_benches, calendar_benches
}
criterion_main!(lane);
