//! Everything the app shows, in one value that `update` changes and `ui` reads.

use chrono::{NaiveDate, NaiveDateTime};
use tui_input::Input;

use crate::context::Context;
use crate::pass::{Pass, ReportView};
use crate::tabs::Tab;
use lane_core::model::Data;
use lane_core::model::rules::Rules;
use lane_core::model::view::{ViewOpts, visible};
use strum::EnumCount;

mod overlays;
pub use overlays::{FocusChoice, Place, Steps, TeamPanel};

mod calendar;
mod links;
pub use calendar::CalendarView;
pub use links::LinksView;

mod form;
pub use form::{Form, FormField, Purpose};

mod pointed;
mod step;
pub use pointed::Pointed;

/// Cursor and scroll position of one tab's list, counted in visible rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListPos {
    pub selected: usize,
    pub offset: usize,
}

/// Editing or deleting a recurring block: this one, or the whole series?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesChoice {
    /// The occurrence the key was pressed on.
    pub block: u32,
    /// Deleting (true) or editing.
    pub delete: bool,
    /// 0 this one, 1 the whole series.
    pub cursor: usize,
}

#[derive(Debug, Clone)]
pub enum Mode {
    Normal,
    /// Asks whether an edit or a delete is for one occurrence or its series.
    AskSeries(SeriesChoice),
    Help,
    Form(Form),
    /// The selected item's details as an overlay (narrow terminals).
    Detail,
    ChooseFocus(FocusChoice),
    /// Typing a filter for the current tab.
    Filter,
    /// A report in an overlay, ready to copy.
    Report(ReportView),
    /// The track record over the Decisions tab.
    Record,
    /// The last messages in full (`said`), newest first.
    Messages,
    /// The team, over the screen (W).
    Team(TeamPanel),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Rows the Review tab's charts take under the journal.
pub const CHART_ROWS: usize = 9;

/// Columns from which the detail pane shows beside the list.
pub const SPLIT_WIDTH: u16 = 100;

#[derive(Debug, Clone)]
pub struct State {
    /// Read with `data()`; changed only through `edit()`, so every change is seen.
    data: Data,
    pub tab: Tab,
    pub pos: [ListPos; Tab::COUNT],
    pub views: [ViewOpts; Tab::COUNT],
    /// Priorities in rank order (true) or the user's own order.
    pub rank_order: bool,
    /// Time blocks: the week grid instead of the day's timeline.
    pub week: bool,
    /// Priorities: the roadmap (weeks × outcomes) instead of the list.
    pub roadmap: bool,
    pub mode: Mode,
    pub message: Option<Message>,
    /// Why this session cannot write, when another lane holds the lock.
    pub read_only: Option<String>,
    /// Rows the list area shows; set by the app from the terminal size.
    pub rows: usize,
    /// Wide enough for the detail pane beside the list.
    pub wide: bool,
    pub rules: Rules,
    /// The date of the last update's `now`; ranking and flags depend on it.
    pub today: NaiveDate,
    /// The filter being typed.
    pub filter_input: Input,
    /// How far the help overlay is scrolled (it may not fit a small terminal).
    pub help_scroll: usize,
    /// How far the details overlay is scrolled (an outcome's may be long).
    pub detail_scroll: usize,
    /// True from a change until the app has saved it.
    pub dirty: bool,
    /// Word of a reload after an outside change, shown unless the next action says more.
    pub outside_notice: Option<Message>,
    /// The last messages shown, oldest first: the message line cuts a long one
    /// at the screen's edge, and the next key replaces it (`L` shows them all).
    pub said: std::collections::VecDeque<Message>,
    /// What an outside change taken in just before a key did to the item under
    /// the cursor: that key changes nothing (see `pointed`).
    pub pointed_moved: Option<String>,
    /// The yearly archive, read (once) when a filter first needs to reach back.
    pub archive: Option<Data>,
    pub archive_requested: bool,
    /// The guided plan or review under way; forms opened from it return to it.
    pub pass: Option<Pass>,
    /// An outcome's list of milestones and key results, open over the tab.
    pub steps: Option<Steps>,
    /// Minutes before a block's start its reminder comes (config).
    pub remind_before: i64,
    /// Reminders shown in this session, by key: each comes once.
    pub reminded: std::collections::BTreeSet<String>,
    /// All-day events and when calendars are fetched next.
    pub calendars: CalendarView,
    /// What blockers' linked issues and pull requests last said.
    pub links: LinksView,
    /// Changed aside during this update (`change_aside`): to save, not to undo.
    pub aside: bool,
    /// The key that shows closed items, as the keymap binds it (for the words
    /// of an empty list).
    pub closed_key: String,
    /// The data as it was before the first `edit()` of the update under way.
    before: Option<Data>,
    /// The user's change not saved yet: the data as the last save left it, and
    /// what the change was, in words. The save records it in the undo history.
    unsaved: Option<(Data, String)>,
    seed: u64,
}

/// What one update did to the data, learned from the data itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    None,
    /// Edited: the data as it was before.
    Edited(Box<Data>),
}

impl State {
    /// `seed` makes new uids unique; pass something random in the app, a constant in tests.
    pub fn new(data: Data, rules: Rules, seed: u64, now: NaiveDateTime) -> State {
        let mut s = State {
            data,
            tab: Tab::Priorities,
            pos: [ListPos::default(); Tab::COUNT],
            views: Default::default(),
            rank_order: true,
            week: false,
            roadmap: false,
            mode: Mode::Normal,
            message: None,
            read_only: None,
            rows: 10,
            wide: false,
            rules,
            today: now.date(),
            filter_input: Input::default(),
            help_scroll: 0,
            detail_scroll: 0,
            dirty: false,
            outside_notice: None,
            pointed_moved: None,
            said: std::collections::VecDeque::new(),
            archive: None,
            archive_requested: false,
            pass: None,
            steps: None,
            remind_before: 2,
            reminded: std::collections::BTreeSet::new(),
            calendars: CalendarView::default(),
            links: LinksView::default(),
            aside: false,
            closed_key: "c".to_string(),
            before: None,
            unsaved: None,
            seed,
        };
        s.views[Tab::Blocks.index()].day = Some(now.date());
        s.fill_missing_uids(now);
        // The journal opens on its newest day, not its first.
        s.tab = Tab::Review;
        s.select(usize::MAX);
        s.tab = Tab::Priorities;
        s
    }

    /// A session that cannot write (another lane holds the lock) says so at once.
    pub fn with_read_only(mut self, reason: Option<String>) -> State {
        if let Some(reason) = &reason {
            self.error(format!("{reason} — you can look, not change"));
        }
        self.read_only = reason;
        self
    }

    /// The roadmap is on screen: it takes the whole width, so the outcome's
    /// details open over it rather than beside it.
    pub fn roadmap_shown(&self) -> bool {
        self.roadmap && self.tab == Tab::Priorities
    }

    /// The Priorities tab shows its sections by quarter.
    pub fn quarters_shown(&self) -> bool {
        self.tab == Tab::Priorities && !self.roadmap && self.views[Tab::Priorities.index()].quarters
    }

    /// The day the Time blocks tab shows.
    pub fn day(&self) -> NaiveDate {
        self.views[Tab::Blocks.index()].day.unwrap_or(self.today)
    }

    /// Changes the guided pass under way in place, if there is one.
    pub fn change_pass(&mut self, change: impl FnOnce(&mut Pass)) {
        if let Some(p) = self.pass.as_mut() {
            change(p);
        }
    }

    /// Hand-written items may lack a uid; give them one (saved with the next change).
    fn fill_missing_uids(&mut self, now: NaiveDateTime) {
        let mut data = std::mem::take(&mut self.data);
        macro_rules! fill {
            ($list:expr) => {
                for item in $list.iter_mut().filter(|i| i.uid.is_empty()) {
                    item.uid = self.new_uid(now);
                }
            };
        }
        fill!(data.priorities);
        fill!(data.blocks);
        fill!(data.blockers);
        fill!(data.decisions);
        fill!(data.reviews);
        self.data = data;
    }

    /// A ULID from `now` and a splitmix64 stream, so `update` needs no clock or OS randomness.
    pub fn new_uid(&mut self, now: NaiveDateTime) -> String {
        let mut next = || {
            self.seed = self.seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let random = (u128::from(next()) << 64 | u128::from(next())) & ((1u128 << 80) - 1);
        let ms = now.and_utc().timestamp_millis().max(0) as u64;
        ulid::Ulid::from_parts(ms, random).to_string()
    }

    /// The indices of the current tab's items in display order.
    pub fn view(&self) -> Vec<usize> {
        self.view_of(self.tab)
    }

    /// The indices of a tab's items in display order (none for a tab without items).
    pub fn view_of(&self, tab: Tab) -> Vec<usize> {
        let Some(kind) = tab.kind() else {
            return Vec::new();
        };
        visible(
            &self.data,
            kind,
            &self.views[tab.index()],
            self.rank_order,
            self.today,
        )
    }

    pub fn pos(&self) -> ListPos {
        self.pos[self.tab.index()]
    }

    /// The index into the current tab's list of the selected item.
    pub fn selected_index(&self) -> Option<usize> {
        self.view().get(self.pos().selected).copied()
    }

    /// The first conflict (its id) about the item under the cursor: the one
    /// its details settle with space (keep lane's value) or o (take the other).
    pub fn selected_conflict(&self) -> Option<u32> {
        let kind = self.tab.kind()?;
        let index = self.selected_index()?;
        let uid = self.data.list(kind).uid_at(index)?;
        lane_core::model::conflicts::about(&self.data, kind, uid)
            .next()
            .map(|c| c.id)
    }

    pub fn selected_id(&self) -> Option<u32> {
        let kind = self.tab.kind()?;
        self.selected_index()
            .and_then(|i| self.data.list(kind).id_at(i))
    }

    /// Moves the cursor of the current tab to a row, keeping it inside the list and on screen.
    pub fn select(&mut self, row: usize) {
        let len = self.view().len();
        let rows = self.list_rows().max(1);
        let p = &mut self.pos[self.tab.index()];
        p.selected = row.min(len.saturating_sub(1));
        if p.selected < p.offset {
            p.offset = p.selected;
        } else if p.selected >= p.offset + rows {
            p.offset = p.selected + 1 - rows;
        }
        // Do not leave empty rows below the list when it could fill them.
        p.offset = p.offset.min(len.saturating_sub(rows));
    }

    /// Rows the current tab's list shows: the Review tab gives some to its charts
    /// when they sit under the journal (narrow and tall enough).
    pub fn list_rows(&self) -> usize {
        let body = self.rows + 1;
        if self.tab == Tab::Review && !self.wide && body >= 2 * CHART_ROWS {
            self.rows - CHART_ROWS
        } else {
            self.rows
        }
    }

    /// Puts the cursor on the item with this index in the list, if it is shown.
    /// Puts the Time blocks tab's cursor on the block that is on now, as the
    /// status line names it (running, else under way, else next; else the
    /// first) — so `s` starts what the user is doing.
    pub fn select_block_on_now(&mut self, now: NaiveDateTime) {
        let on_now = lane_core::model::status::block_on_now(&self.data, now).map(|b| b.id);
        let row = self
            .view_of(Tab::Blocks)
            .iter()
            .position(|&i| Some(self.data.blocks[i].id) == on_now)
            .unwrap_or(0);
        let tab = std::mem::replace(&mut self.tab, Tab::Blocks);
        self.select(row);
        self.tab = tab;
    }

    pub fn select_item(&mut self, index: usize) {
        if let Some(row) = self.view().iter().position(|&i| i == index) {
            self.select(row);
        } else {
            self.select(self.pos().selected);
        }
    }

    /// Re-applies the bounds to every tab (after undo, reload, resize).
    pub fn clamp_all(&mut self) {
        let tab = self.tab;
        for each in Tab::all() {
            self.tab = each;
            self.select(self.pos().selected);
        }
        self.tab = tab;
    }

    /// The uid of the item selected on each tab.
    pub(crate) fn selected_uids(&self) -> Vec<Option<String>> {
        Tab::all()
            .map(|tab| {
                let kind = tab.kind()?;
                let index = *self.view_of(tab).get(self.pos[tab.index()].selected)?;
                self.data.list(kind).uid_at(index).map(str::to_string)
            })
            .collect()
    }

    /// Puts each tab's cursor back on the item it was on (by uid) wherever that item
    /// now sits; where it is gone, the cursor stays in bounds.
    pub(crate) fn follow(&mut self, uids: Vec<Option<String>>) {
        self.clamp_all();
        let tab = self.tab;
        for (each, uid) in Tab::all().zip(uids) {
            let (Some(uid), Some(kind)) = (uid, each.kind()) else {
                continue;
            };
            let list = self.data.list(kind);
            let Some(index) = (0..list.len()).find(|&i| list.uid_at(i) == Some(uid.as_str()))
            else {
                continue;
            };
            self.tab = each;
            self.select_item(index);
        }
        self.tab = tab;
    }

    /// The data, to read.
    pub fn data(&self) -> &Data {
        &self.data
    }

    /// The data, to change. The first call in an update keeps a copy of the data
    /// as it was, so the update can tell afterwards whether (not where) it changed.
    pub fn edit(&mut self) -> &mut Data {
        if self.before.is_none() {
            self.before = Some(self.data.clone());
        }
        &mut self.data
    }

    /// A change that is not the user's (a calendar read, a series' days made):
    /// made to the data and to the snapshot of the change under way alike, so it
    /// is saved but never an undo step — `u` takes back the user's last change, not
    /// a refresh, and does not take the refresh with it. `changed` says from the
    /// change's result whether it changed anything (no copy of the data is made
    /// to compare: the days of a series are looked at on every key).
    pub fn change_aside<T>(
        &mut self,
        change: impl Fn(&mut Data) -> T,
        changed: impl Fn(&T) -> bool,
    ) -> T {
        // Made as what lane computes is, then saved.
        let out = self.compute(change, &changed);
        if changed(&out) {
            self.aside = true;
        }
        out
    }

    /// Makes what lane computes (the days of series, the calendars' meetings)
    /// in the data and in the snapshots a change is measured against, so it is
    /// neither a change of the user's nor saved.
    pub fn compute<T>(&mut self, make: impl Fn(&mut Data) -> T, changed: impl Fn(&T) -> bool) -> T {
        let out = make(&mut self.data);
        if changed(&out) {
            let snapshots = self
                .before
                .iter_mut()
                .chain(self.unsaved.iter_mut().map(|(data, _)| data));
            for snapshot in snapshots {
                make(snapshot);
            }
        }
        out
    }

    /// Makes every computed block again: the days of series (last week to
    /// the days ahead and the week looked at) and the meetings of each
    /// calendar as last read.
    pub fn compute_all(&mut self) {
        let (today, looked_at) = (self.today, self.day());
        // Moved out and back, not copied: a quarter of meetings each.
        let read: Vec<lane_io::calendar::sources::Refreshed> =
            std::mem::take(&mut self.calendars.read)
                .into_values()
                .collect();
        let now = today.and_time(chrono::NaiveTime::MIN);
        self.compute(
            |data| {
                let days = lane_core::model::series::materialise(data, today, looked_at);
                let meetings = lane_io::calendar::bring_in(data, &read, now);
                days || meetings.iter().any(|(_, a)| a.changed())
            },
            |changed| *changed,
        );
        self.calendars.read = read.into_iter().map(|r| (r.name.clone(), r)).collect();
    }

    /// Ends an update's bookkeeping: what changed since it began.
    pub fn take_change(&mut self) -> Change {
        match self.before.take() {
            Some(before) if before != self.data => Change::Edited(Box::new(before)),
            _ => Change::None,
        }
    }

    /// Takes back a refused change: the data as it was.
    pub fn revert(&mut self, change: Change) {
        if let Change::Edited(before) = change {
            self.data = *before;
        }
        self.clamp_all();
    }

    /// Notes the user's change from `before` for the next save, which records
    /// it in the undo history. Changes a failed save left are taken together.
    pub(crate) fn note_unsaved(&mut self, before: Data) {
        if self.unsaved.is_none() {
            let what = match &self.message {
                Some(m) if !m.error => m.text.clone(),
                _ => "a change in the app".to_string(),
            };
            self.unsaved = Some((before, what));
        }
    }

    /// The change the next save records: the data before it and its words.
    pub fn unsaved(&self) -> Option<(&Data, &str)> {
        self.unsaved.as_ref().map(|(d, w)| (d, w.as_str()))
    }

    /// The change waiting to be saved was refused (by the `before_change`
    /// hook, saying `why`): the data goes back to what it was before it,
    /// cursors on their items, and the message line says so.
    pub(crate) fn refused(&mut self, why: &str) {
        if let Some((before, _)) = self.unsaved.take() {
            let uids = self.selected_uids();
            self.data = before;
            self.follow(uids);
        }
        self.dirty = false;
        self.error(format!("{why} — nothing was saved"));
    }

    /// The data was saved: nothing is waiting for the history.
    pub(crate) fn saved(&mut self) {
        self.unsaved = None;
        self.dirty = false;
    }

    /// Replaces the data with what is on disk (someone else edited the file,
    /// what they wrote was merged with ours, or an undo or redo was saved). The
    /// undo history lives beside the
    /// data and undoes three-way, so it stays; each cursor stays on its item.
    pub fn replace_data(&mut self, data: Data) {
        let uids = self.selected_uids();
        self.data = data;
        self.compute_all();
        self.before = None;
        self.unsaved = None;
        self.dirty = false;
        self.follow(uids);
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// The keymap contexts in force, most specific first.
    /// Keys not bound in the context go into a text field.
    pub fn typing(&self) -> bool {
        match self.mode {
            Mode::Form(_) | Mode::Filter => true,
            Mode::Normal => self.pass.as_ref().is_some_and(Pass::typing),
            _ => false,
        }
    }

    pub fn contexts(&self) -> Vec<Context> {
        match self.mode {
            Mode::Form(_) => vec![Context::Form],
            Mode::Help => vec![Context::Help],
            Mode::Detail => vec![Context::Detail],
            Mode::ChooseFocus(_) | Mode::AskSeries(_) => vec![Context::Choose],
            Mode::Filter => vec![Context::Filter],
            Mode::Report(_) => vec![Context::Report],
            Mode::Record => vec![Context::Record],
            Mode::Messages => vec![Context::Messages],
            Mode::Team(_) => vec![Context::Team],
            Mode::Normal if self.steps.is_some() => vec![Context::Steps],
            Mode::Normal => match &self.pass {
                Some(p) => vec![p.context()],
                // An offered re-fit takes its keys first; the tab keeps the rest.
                None if self.calendars.refit.is_some() => {
                    let mut out = vec![Context::Refit];
                    out.extend(self.tab.contexts());
                    out
                }
                None => self.tab.contexts(),
            },
        }
    }
}
