//! A fortnight on two machines, as a test: a seeded user plans, works, climbs
//! blocker ladders, makes and escalates calls, notes progress and reviews, for
//! ten working days on a laptop and a desktop synced through a bare repository
//! — through the app's own update path (keys, on the real data dir) and the
//! command line, at random, with a calendar whose meetings move and cancel.
//! After each day both machines are synced and the record is checked: one
//! review per date, no block twice, nothing the user did lost, every report
//! figure equal to the same figure computed from the data, and every id the
//! user saw either unchanged or its change said.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::harness::{Harness, rules};
use lane::calendar::sources::{Dirs, Reach};
use lane::model::Data;
use lane::model::history::Step;
use lane::runner::Io;
use lane::state::State;
use lane::store::{Access, Entry, Saved, Store};
use lane::update::{Msg, TakenIn};

mod checks;
use checks::check;

/// The app's effects on a real data dir, through the one unit of work, as the
/// app runs them (without a terminal, an editor or hooks).
pub struct DiskIo {
    store: Store,
    clock: NaiveDateTime,
    /// The machine's config dir: its calendars' copies are read as the app
    /// reads them (at once here, aside in the app).
    config: PathBuf,
    /// An undo or redo taken, until it is saved.
    held: Option<lane::store::Held>,
}

impl Io for DiskIo {
    fn save(&mut self, data: &Data, change: Option<(&Data, &str)>, op: &str) -> Msg {
        let (from, entry) = match change {
            Some((from, what)) => (from, Entry::Change(what.to_string())),
            None => (data, Entry::Aside),
        };
        match self.store.commit(from, data, &entry, op, self.clock) {
            Ok(Saved::Written) => Msg::Saved(None),
            Ok(Saved::Merged(merged)) => Msg::Saved(Some(merged)),
            Err(e) => Msg::SaveFailed(format!("{e:#}")),
        }
    }
    fn step(&mut self, step: Step, data: &Data) -> Msg {
        self.held = None;
        let result = match self.store.take_step(step, data, self.clock) {
            Ok(None) => Ok(None),
            Ok(Some(Ok(taken))) => {
                self.held = Some(taken.held);
                Ok(Some((taken.what, Box::new(taken.data))))
            }
            Ok(Some(Err(why))) => Err(why),
            Err(e) => Err(format!("{e:#}")),
        };
        Msg::Stepped(step, result)
    }
    fn save_step(&mut self, before: &Data, data: &Data) -> Msg {
        let Some(held) = self.held.take() else {
            return Msg::Refused("no step was taken".into());
        };
        match self.store.save_step(held, before, data, self.clock) {
            Ok(Saved::Written) => Msg::Saved(None),
            Ok(Saved::Merged(merged)) => Msg::Saved(Some(merged)),
            Err(e) => Msg::Refused(format!("{e:#}")),
        }
    }
    fn editor(&mut self, _initial: &str) -> Result<String, String> {
        Err("no editor in this test".into())
    }
    fn load_archive(&mut self) -> Result<Data, String> {
        Ok(Data::default())
    }
    fn copy(&mut self, _name: &str, text: &str) -> Result<String, String> {
        Ok(format!("copied {} lines", text.lines().count()))
    }
    fn notify(&mut self, _text: &str) {}
    fn read_calendars(&mut self, reach: Reach) -> Option<Msg> {
        // Fetching is the command line's here (`lane sync`); the app reads copies.
        if reach == Reach::Sources {
            return None;
        }
        let cals = lane::config::Config::load(&self.config).unwrap().calendars;
        let dirs = Dirs {
            config: &self.config,
            data: self.store.dir(),
        };
        let read = lane::calendar::refresh(&cals, &dirs, self.clock.date(), None, reach);
        Some(Msg::CalendarsRead(read, reach))
    }
}

/// A tiny seeded generator (xorshift): the same seed plays the same fortnight.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct Machine {
    name: &'static str,
    dir: PathBuf,
}

/// What the user did, to find again after every sync.
#[derive(Default)]
struct Ledger {
    priorities: BTreeSet<String>,
    blockers: BTreeSet<String>,
    decisions: BTreeSet<String>,
    /// (priority title, note)
    notes: BTreeSet<(String, String)>,
    /// (blocker title, resolution)
    resolutions: BTreeSet<(String, String)>,
    /// Blocks added by hand: (date, title).
    blocks: BTreeSet<(NaiveDate, String)>,
}

struct World {
    rng: Rng,
    laptop: Machine,
    desktop: Machine,
    calendar: PathBuf,
    ledger: Ledger,
    /// Ids each machine last showed the user, by title (per kind).
    seen: BTreeMap<(&'static str, &'static str, String), u64>,
    n: u32,
    _root: tempfile::TempDir,
}

const DAYS: [&str; 10] = [
    "2026-11-30",
    "2026-12-01",
    "2026-12-02",
    "2026-12-03",
    "2026-12-04",
    "2026-12-07",
    "2026-12-08",
    "2026-12-09",
    "2026-12-10",
    "2026-12-11",
];

fn at(day: NaiveDate, hm: &str) -> NaiveDateTime {
    day.and_time(chrono::NaiveTime::parse_from_str(hm, "%H:%M").unwrap())
}

fn stamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

/// The calendar: a standup every weekday, a design review that moves from day
/// 3 to day 4 (the file changes on day 2), a 1:1 on day 5 cancelled on day 4.
fn calendar_text(moved: bool, cancelled: bool) -> String {
    let review_day = if moved { "20261203" } else { "20261202" };
    let one_on_one = if cancelled { "CANCELLED" } else { "CONFIRMED" };
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fortnight//EN\r\n\
         BEGIN:VEVENT\r\nUID:standup@team\r\nDTSTAMP:20261101T000000Z\r\n\
         DTSTART:20261130T093000\r\nDTEND:20261130T094500\r\n\
         RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nSUMMARY:standup\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:design-review@team\r\nDTSTAMP:20261101T000000Z\r\n\
         DTSTART:{review_day}T140000\r\nDTEND:{review_day}T150000\r\n\
         SUMMARY:design review\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:one-on-one@team\r\nDTSTAMP:20261101T000000Z\r\n\
         DTSTART:20261204T110000\r\nDTEND:20261204T113000\r\nSTATUS:{one_on_one}\r\n\
         SUMMARY:1:1 with Dana\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

impl World {
    fn new(seed: u64) -> World {
        let root = tempfile::tempdir().unwrap();
        let remote = root.path().join("remote.git");
        git(
            &["init", "-q", "--bare", remote.to_str().unwrap()],
            root.path(),
        );
        let calendar = root.path().join("work.ics");
        fs::write(&calendar, calendar_text(false, false)).unwrap();
        let machine = |name| {
            let dir = root.path().join(name);
            fs::create_dir_all(dir.join("config")).unwrap();
            fs::write(
                dir.join("config/config.toml"),
                format!(
                    "[[calendars]]\nname = \"work\"\nsource = \"{}\"\n",
                    calendar.display()
                ),
            )
            .unwrap();
            Machine { name, dir }
        };
        let mut w = World {
            rng: Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1),
            laptop: machine("laptop"),
            desktop: machine("desktop"),
            calendar,
            ledger: Ledger::default(),
            seen: BTreeMap::new(),
            n: 0,
            _root: root,
        };
        let first = at(day(0), "08:00");
        for (title, due) in [
            ("Ship billing v2", "2026-12-04"),
            ("Hire a data engineer", "2026-12-15"),
            ("Quarterly roadmap draft", "2026-12-11"),
            ("Clean up CI flakes", "2026-12-18"),
        ] {
            w.lane(true, first, &["add", "priority", title, "--due", due]);
            w.ledger.priorities.insert(title.into());
        }
        w.lane(true, first, &["focus", "priority", "1"]);
        w.lane(true, first, &["focus", "priority", "2"]);
        for laptop in [true, false] {
            w.lane(laptop, first, &["sync", "init", remote.to_str().unwrap()]);
        }
        w
    }

    fn machine(&self, laptop: bool) -> &Machine {
        if laptop { &self.laptop } else { &self.desktop }
    }

    /// Runs `lane ARGS` on a machine at `now`; its stdout. Every command the
    /// user types must work.
    fn lane(&mut self, laptop: bool, now: NaiveDateTime, args: &[&str]) -> String {
        let m = self.machine(laptop);
        let out = crate::common::lane(&m.dir)
            .env("LANE_NOW", stamp(now))
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{} `lane {}` failed: {}{text}",
            m.name,
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        text
    }

    fn json(&mut self, laptop: bool, now: NaiveDateTime, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.lane(laptop, now, args)).unwrap()
    }

    /// The id a machine shows for the item titled `title` right now (as a
    /// user reads it off `lane list`), remembered as seen.
    fn id_of(
        &mut self,
        laptop: bool,
        now: NaiveDateTime,
        kind: &'static str,
        title: &str,
    ) -> Option<String> {
        let list = self.json(laptop, now, &["list", kind, "--all", "--json"]);
        let key = if kind == "decisions" {
            "situation"
        } else {
            "title"
        };
        let id = list.as_array()?.iter().find(|x| x[key] == title)?["id"].as_u64()?;
        let name = self.machine(laptop).name;
        self.seen.insert((name, kind, title.to_string()), id);
        Some(id.to_string())
    }

    /// `lane sync` on a machine: any id it changed that this machine showed
    /// must be said in its output.
    fn sync(&mut self, laptop: bool, now: NaiveDateTime) {
        let said = self.lane(laptop, now, &["sync"]);
        let name = self.machine(laptop).name;
        let seen: Vec<_> = self
            .seen
            .iter()
            .filter(|((m, ..), _)| *m == name)
            .map(|((_, kind, title), id)| (*kind, title.clone(), *id))
            .collect();
        let mut lists: BTreeMap<&str, serde_json::Value> = BTreeMap::new();
        for (kind, title, id) in seen {
            let list = lists
                .entry(kind)
                .or_insert_with(|| self.json(laptop, now, &["list", kind, "--all", "--json"]));
            let key = if kind == "decisions" {
                "situation"
            } else {
                "title"
            };
            let now_id = list
                .as_array()
                .and_then(|l| l.iter().find(|x| x[key] == title.as_str()))
                .and_then(|x| x["id"].as_u64())
                .map(|n| n.to_string());
            if let Some(new) = now_id.filter(|new| *new != id.to_string()) {
                let noun = kind.trim_end_matches('s');
                let told = said.lines().any(|l| {
                    l.contains(&format!("your {noun} {id} is now"))
                        && l.split(|c: char| !c.is_ascii_digit()).any(|n| n == new)
                });
                assert!(
                    told,
                    "{name}: {noun} “{title}” went from {id} to {new} unsaid: {said}"
                );
                // Said: the user knows it by its new id from now on.
                if let Ok(new) = new.parse() {
                    self.seen.insert((name, kind, title.clone()), new);
                }
            }
        }
    }

    fn next(&mut self) -> u32 {
        self.n += 1;
        self.n
    }
}

fn day(i: usize) -> NaiveDate {
    NaiveDate::parse_from_str(DAYS[i], "%Y-%m-%d").unwrap()
}

fn git(args: &[&str], dir: &Path) {
    let ok = StdCommand::new("git")
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

/// The app opened on a machine's data dir at `now`, as `lane` opens it.
fn app(m: &Machine, now: NaiveDateTime) -> Harness<DiskIo> {
    let (store, data) = Store::open(&m.dir, Access::Session).unwrap();
    let state = State::new(data, rules(), 3, now);
    let io = DiskIo {
        store,
        clock: now,
        config: m.dir.join("config"),
        held: None,
    };
    let mut h = Harness::on(state, io, (120, 35), now);
    h.send(Msg::Opened);
    h
}

/// Keys into an open app, taking in what another writer saved before each
/// key as the app does.
fn keys(h: &mut Harness<DiskIo>, keys: &str) {
    if !h.state.dirty && h.io.store.changed_on_disk() {
        let theirs = h.io.store.reload().map_err(|e| e.to_string());
        h.send(Msg::FileChanged(theirs, TakenIn::BeforeKey));
    }
    h.keys(keys);
    assert!(
        !h.state.dirty,
        "a change was left unsaved: {:?}",
        h.state.message
    );
}

fn plan(w: &mut World, laptop: bool, now: NaiveDateTime) {
    let mut h = app(w.machine(laptop), now);
    keys(&mut h, "p<enter><enter>");
    for _ in 0..w.rng.below(3) {
        keys(&mut h, "<space>");
    }
    keys(&mut h, "<enter>");
    for _ in 0..6 {
        if h.state.pass.is_none() {
            break;
        }
        keys(&mut h, "<enter>");
    }
}

fn review(w: &mut World, laptop: bool, now: NaiveDateTime) {
    let mut h = app(w.machine(laptop), now);
    keys(&mut h, "v");
    for _ in 0..12 {
        if h.state.pass.is_none() {
            break;
        }
        if w.rng.chance(20) {
            keys(&mut h, "s");
        }
        keys(&mut h, "<enter>");
    }
    // The close form: energy, then save.
    if matches!(h.state.mode, lane::state::Mode::Form(_)) {
        keys(&mut h, "4<enter>");
    }
}

/// One thing the user does during the day, on one machine.
fn act(w: &mut World, laptop: bool, now: NaiveDateTime) {
    let n = w.next();
    let today = now.date();
    match w.rng.below(9) {
        0 | 1 => {
            let blocks = w.json(laptop, now, &["list", "blocks", "--json"]);
            let ids: Vec<String> = blocks
                .as_array()
                .unwrap()
                .iter()
                .filter(|b| b["date"] == today.to_string())
                .map(|b| b["id"].to_string())
                .collect();
            if let Some(id) = ids.get(w.rng.below(ids.len().max(1) as u64) as usize) {
                w.lane(laptop, now, &["start", "block", id]);
                let later = now + Duration::minutes(20 + w.rng.below(60) as i64);
                w.lane(laptop, later, &["stop"]);
            }
        }
        2 => {
            let titles: Vec<String> = w.ledger.priorities.iter().cloned().collect();
            let title = &titles[w.rng.below(titles.len() as u64) as usize];
            let note = format!("progress {n}");
            if let Some(id) = w.id_of(laptop, now, "priorities", title) {
                w.lane(laptop, now, &["update", "priority", &id, &note]);
                w.ledger.notes.insert((title.clone(), note));
            }
        }
        3 => {
            let title = format!("waiting on access {n}");
            w.lane(
                laptop,
                now,
                &["add", "blocker", &title, "--waiting-on", "ops"],
            );
            w.ledger.blockers.insert(title);
        }
        4 => ladder(w, laptop, now, n),
        5 => {
            let title = format!("call {n}");
            w.lane(
                laptop,
                now,
                &["add", "decision", &title, "--call", "go", "--risk", "low"],
            );
            w.ledger.decisions.insert(title);
        }
        6 => settle_call(w, laptop, now),
        7 => {
            let title = format!("focus time {n}");
            let start = 13 + w.rng.below(3);
            let span = format!("{start}:00-{start}:45");
            w.lane(laptop, now, &["add", "block", &title, "--time", &span]);
            w.ledger.blocks.insert((today, title));
        }
        _ => {
            // In the app: a timer from the Time blocks tab.
            let mut h = app(w.machine(laptop), now);
            keys(&mut h, "2s");
            h.clock += Duration::minutes(30);
            h.io.clock = h.clock;
            keys(&mut h, "s");
        }
    }
}

/// A blocker climbs its ladder: a rung tried, escalated, or resolved.
fn ladder(w: &mut World, laptop: bool, now: NaiveDateTime, n: u32) {
    let open: Vec<String> = w.ledger.blockers.iter().cloned().collect();
    if open.is_empty() {
        return;
    }
    let title = open[w.rng.below(open.len() as u64) as usize].clone();
    let Some(id) = w.id_of(laptop, now, "blockers", &title) else {
        return;
    };
    let list = w.json(laptop, now, &["list", "blockers", "--all", "--json"]);
    let status = list
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["title"] == title.as_str())
        .map(|b| b["status"].as_str().unwrap_or("").to_string())
        .unwrap_or_default();
    if status == "resolved" {
        return;
    }
    match w.rng.below(3) {
        0 => {
            w.lane(laptop, now, &["tried", "blocker", &id, "docs"]);
        }
        1 if status != "escalated" => {
            w.lane(
                laptop,
                now,
                &["escalate", "blocker", &id, "--to", "ops-lead"],
            );
        }
        _ => {
            let how = format!("granted {n}");
            w.lane(laptop, now, &["resolve", "blocker", &id, &how]);
            // Resolving again (a sync's conflict reopened it) says anew what
            // unblocked it: the earlier words are replaced, not lost.
            w.ledger.resolutions.retain(|(b, _)| *b != title);
            w.ledger.resolutions.insert((title, how));
        }
    }
}

/// A call is decided in lane, escalated, or answered.
fn settle_call(w: &mut World, laptop: bool, now: NaiveDateTime) {
    let calls: Vec<String> = w.ledger.decisions.iter().cloned().collect();
    if calls.is_empty() {
        return;
    }
    let title = calls[w.rng.below(calls.len() as u64) as usize].clone();
    let Some(id) = w.id_of(laptop, now, "decisions", &title) else {
        return;
    };
    let list = w.json(laptop, now, &["list", "decisions", "--all", "--json"]);
    let status = list
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["situation"] == title.as_str())
        .map(|d| d["status"].as_str().unwrap_or("").to_string())
        .unwrap_or_default();
    match status.as_str() {
        "pending" if w.rng.chance(50) => {
            w.lane(laptop, now, &["decide", "decision", &id]);
        }
        "pending" => {
            w.lane(laptop, now, &["escalate", "decision", &id, "--to", "Dana"]);
        }
        "escalated" => {
            w.lane(laptop, now, &["answer", "decision", &id, "yes, go"]);
        }
        _ => {}
    }
}

/// The data a machine holds now: what its lane.toml keeps.
fn kept_of(m: &Machine) -> Data {
    let path = m.dir.join("lane.toml");
    lane::store::parse(&path, &fs::read(&path).unwrap()).unwrap()
}

/// The data a machine shows at `now`: what it keeps, with the meetings lane
/// computes from the calendar's copy (and the days of series).
fn data_of(m: &Machine, now: NaiveDateTime) -> Data {
    let mut data = kept_of(m);
    let config = m.dir.join("config");
    let cals = lane::config::Config::load(&config).unwrap().calendars;
    let dirs = Dirs {
        config: &config,
        data: &m.dir,
    };
    lane::calendar::compute(&mut data, &cals, &dirs, now, day(0));
    data
}

fn fortnight(seed: u64) {
    let mut w = World::new(seed);
    for i in 0..DAYS.len() {
        let today = day(i);
        // The calendar changes: the review moves on day 2, the 1:1 is cancelled on day 4.
        if i == 1 || i == 3 {
            fs::write(&w.calendar, calendar_text(true, i >= 3)).unwrap();
        }
        let first = w.rng.chance(50);
        plan(&mut w, first, at(today, "08:50"));
        if w.rng.chance(30) {
            // The other machine plans too, before or without a sync.
            if w.rng.chance(50) {
                w.sync(first, at(today, "08:55"));
            }
            plan(&mut w, !first, at(today, "09:00"));
        }
        let mut minute = 10 * 60;
        for _ in 0..3 + w.rng.below(5) {
            minute += 20 + w.rng.below(50) as u32;
            let now = today.and_hms_opt(minute / 60, minute % 60, 0).unwrap();
            let laptop = w.rng.chance(50);
            if w.rng.chance(20) {
                w.sync(laptop, now);
            }
            act(&mut w, laptop, now);
        }
        let evening = at(today, "17:40");
        let reviewer = w.rng.chance(50);
        if w.rng.chance(60) {
            w.sync(reviewer, evening);
        }
        review(&mut w, reviewer, evening);
        if w.rng.chance(20) {
            review(&mut w, !reviewer, at(today, "17:50"));
        }
        let night = at(today, "18:30");
        for laptop in [reviewer, !reviewer, reviewer] {
            w.sync(laptop, night);
        }
        for laptop in [true, false] {
            check(&mut w, laptop, i, night);
        }
        let (a, b) = (kept_of(&w.laptop), kept_of(&w.desktop));
        if a != b {
            let (a, b) = (toml::to_string(&a).unwrap(), toml::to_string(&b).unwrap());
            let at = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            let around = |t: &str| {
                t.lines()
                    .skip(at.saturating_sub(8))
                    .take(16)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "the machines differ after syncing day {i} (seed {seed}):\nlaptop:\n{}\ndesktop:\n{}",
                around(&a),
                around(&b)
            );
        }
    }
}

/// Two seeds in a plain `cargo test`, 40 with `LANE_LONG_TESTS=1`;
/// `LANE_FORTNIGHT_SEEDS=100..200` plays those instead (docs/testing.md).
#[test]
fn a_fortnight_on_two_machines_keeps_one_true_record() {
    let seeds = std::env::var("LANE_FORTNIGHT_SEEDS")
        .ok()
        .and_then(|r| {
            let (a, b) = r.split_once("..")?;
            Some(a.parse::<u64>().ok()?..b.parse::<u64>().ok()?)
        })
        .unwrap_or(0..u64::from(crate::common::cases(2, 40)));
    for seed in seeds {
        println!("seed {seed}");
        fortnight(seed);
    }
}
