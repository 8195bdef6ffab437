//! The event loop: terminal event -> action -> update -> effects (save, quit) -> draw.
//! It only redraws when an event arrives, so an idle lane uses no CPU.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::EnterAlternateScreen;
use ratatui::layout::Rect;

use crate::action::Action;
use crate::draft::DRAFT_FILE;
use crate::keymap::Keymap;
use crate::pass::Ritual;
use crate::runner::{Io, dispatch};
use crate::state::State;
use crate::ui;
use crate::update::{Msg, TakenIn};
use chrono::NaiveDateTime;
use lane_core::model::Data;
use lane_core::model::history::Step;
use lane_io::calendar::sources::Reach;
use lane_io::clock::local_now;
use lane_io::config::Config;
use lane_io::store::{Access, Entry, Saved, Store};

mod clipboard;
mod events;
mod input;
mod rescue;

use events::{Events, Wake};

pub use clipboard::base64;
use clipboard::copy_out;
use input::Pointer;
pub use input::{key_action, mouse_action};
use rescue::{Rescue, Unsaved, on_signals, take_draft};

/// Opens the app on `data_dir` until the user quits.
/// `ritual` opens it on the guided plan or review (`lane plan`, `lane review`).
pub fn run(
    data_dir: &Path,
    config_dir: &Path,
    first_frame_exit: bool,
    ritual: Option<Ritual>,
) -> Result<()> {
    refuse_unfit_terminal()?;
    let config = Config::load(config_dir)?;
    let keymap = Keymap::load(config_dir)?;
    let (mut store, data) = Store::open(data_dir, Access::Session)?;
    store.guard_with(&config.hooks.clone().for_dir(data_dir));
    let mut state = open_state(&config, &mut store, data);
    if let Some(key) = keymap.key_for(&[crate::context::Context::Priorities], Action::ToggleClosed)
    {
        state.closed_key = key.to_string();
    }
    let rescue_dirs = lane_io::rescue::places(store.dir(), data_dir, config_dir);

    // On a panic, ratatui's hook restores the screen; this one also gives the mouse back.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let unsaved: Unsaved = Arc::new(Mutex::new(Rescue::default()));
    on_signals(
        unsaved.clone(),
        data_dir.join(DRAFT_FILE),
        rescue_dirs.clone(),
    )?;
    let mut terminal = ratatui::try_init().wrap_err("cannot set up the terminal")?;
    // Mouse support is a nicety; a terminal without it still works.
    if config.mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    let events = Events::start(store.path());
    let mut io = AppIo {
        events: &events,
        terminal: &mut terminal,
        store: &mut store,
        data_dir,
        mouse: config.mouse,
        rescue_dirs,
        hooks: config.hooks.clone().for_dir(data_dir),
        rules: config.rules.clone(),
        hooks_said: Arc::new(Mutex::new(Vec::new())),
        calendars: crate::app_calendars::Aside::new(
            config.calendars.clone(),
            config.forges.clone(),
            config_dir.to_path_buf(),
            data_dir.to_path_buf(),
        ),
        notify: config.notify,
        keymap: None,
        archive: None,
        step: None,
    };

    open_on(&mut state, &mut io, data_dir, ritual);
    // From the first key on, a change's frame is drawn before its save.
    io.keymap = Some(&keymap);
    let result = if first_frame_exit {
        io.terminal
            .draw(|f| ui::draw(f, &state, &keymap, local_now()))
            .map(|_| ())
            .wrap_err("cannot draw")
    } else {
        event_loop(&mut io, &mut state, &keymap, &unsaved)
    };
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// The app needs a real terminal that can move the cursor: without one, the
/// command line is named instead.
fn refuse_unfit_terminal() -> Result<()> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        bail!(
            "lane needs a terminal to open the app. Without one, use the command line: \
             `lane list`, `lane add …`, `lane check` (see `lane --help`)."
        );
    }
    // A dumb terminal (Emacs' shell, a serial line) cannot move the cursor or
    // colour: the app's escapes would arrive as garbage.
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        bail!(
            "this terminal (TERM=dumb) cannot show the full-screen app. Use the command line: \
             `lane list`, `lane status`, `lane add …` (see `lane --help`), or a terminal that can."
        );
    }
    Ok(())
}

/// The state the app opens with: the data (what closed long ago archived
/// first), the rules, and what the config sets; the colours are set too.
fn open_state(config: &Config, store: &mut Store, mut data: Data) -> State {
    let now = local_now();
    let cutoff = lane_core::model::archive::cutoff(now.date(), config.rules.archive_after_days);
    // A full disk must not keep the app closed: archiving waits for a later start.
    let postponed = store.archive_or_postpone(&mut data, cutoff);
    let seed = now.and_utc().timestamp_nanos_opt().unwrap_or_default() as u64
        ^ (u64::from(std::process::id()) << 32);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    ui::theme::set(config.palette(no_color));
    let mut state =
        State::new(data, config.rules.clone(), seed, now).with_read_only(store.read_only_reason());
    state.remind_before = config.remind_before_minutes;
    state.calendars.every = config
        .calendars
        .sources
        .iter()
        .map(|c| i64::from(c.refresh_minutes))
        .min();
    state.calendars.count = config.calendars.sources.len();
    crate::app_calendars::set_up_links(&mut state, &config.forges);
    // A calendar file imported once keeps its all-day events in the data.
    for b in lane_core::model::calendar::banners::stored(state.data()) {
        let banner = lane_io::calendar::expand::Banner {
            date: b.date,
            title: b.title,
        };
        state
            .calendars
            .banners
            .entry(b.calendar)
            .or_default()
            .push(banner);
    }
    if let Some(why) = postponed {
        state.error(why);
    }
    state
}

/// What the app does as it opens, before the first frame: the calendars, a
/// draft a signal left, the ritual asked for.
fn open_on(state: &mut State, io: &mut AppIo, data_dir: &Path, ritual: Option<Ritual>) {
    // The calendars' last copies, then a fetch aside.
    dispatch(state, Msg::Opened, io, local_now);
    // A form that was being typed into when a signal stopped lane comes back.
    if let Some(draft) = take_draft(data_dir) {
        dispatch(state, Msg::DraftFound(draft), io, local_now);
    }
    if let Some(ritual) = ritual {
        let action = match ritual {
            Ritual::Plan => Action::Plan,
            Ritual::Review => Action::Review,
        };
        // Opening a ritual may already change the data (last night's picks): saved now.
        dispatch(state, action.into(), io, local_now);
    }
}

fn event_loop(io: &mut AppIo, state: &mut State, keymap: &Keymap, unsaved: &Unsaved) -> Result<()> {
    let size = io
        .terminal
        .size()
        .wrap_err("cannot read the terminal size")?;
    let mut pointer = Pointer::new(Rect::new(0, 0, size.width, size.height));
    dispatch(
        state,
        ui::layout::resize_action(pointer.area).into(),
        io,
        local_now,
    );
    loop {
        let now = local_now();
        io.terminal
            .draw(|f| ui::draw(f, state, keymap, now))
            .wrap_err("cannot draw")?;
        if let Ok(read) = io.calendars.received.try_recv() {
            dispatch(state, read, io, local_now);
            continue;
        }
        if let Some(read) = archive_arrived(io) {
            dispatch(state, read, io, local_now);
            continue;
        }
        // While the archive is read aside, its arrival is looked for often.
        let wait = match io.archive {
            Some(_) => Some(std::time::Duration::from_millis(20)),
            None => wait(state, now),
        };
        let ev = match io.events.next(wait).map_err(|e| eyre!(e))? {
            None => {
                dispatch(state, Msg::Tick, io, local_now);
                continue;
            }
            Some(Wake::Failed(why)) => bail!(why),
            Some(Wake::FileChanged) => {
                let _held = unsaved.lock().unwrap_or_else(PoisonError::into_inner);
                take_in_outside_change(state, io, TakenIn::AsItHappened);
                // A sync may have brought copies along: read aside, as at start.
                io.calendars.read(Reach::Copies);
                continue;
            }
            Some(Wake::CopiesChanged) => {
                io.calendars.read(Reach::Copies);
                continue;
            }
            Some(Wake::Terminal(ev)) => ev,
        };
        let action = pointer.action(ev, state, keymap);
        let failed: Vec<String> =
            std::mem::take(&mut *io.hooks_said.lock().unwrap_or_else(PoisonError::into_inner));
        for said in failed {
            dispatch(state, Msg::HookFailed(said), io, local_now);
        }
        let Some(action) = action else { continue };
        // Held while acting, so a signal never cuts a save in half.
        let mut pending = unsaved.lock().unwrap_or_else(PoisonError::into_inner);
        // A change the watch has not told of yet is taken in before the key.
        take_in_outside_change(state, io, TakenIn::BeforeKey);
        if dispatch(state, action.into(), io, local_now) {
            return quit(io, state);
        }
        pending.keep(state);
    }
}

/// Every year of the archive folder `dir`, as one set of items for the screens.
fn archive_in(dir: &Path) -> Result<Data, String> {
    lane_io::store::read_archive(dir)
        .map(|years| lane_core::model::archive::combine(&Data::default(), years))
        .map_err(|e| format!("{e:#}"))
}

/// The archive read aside, once it is read (or its reader stopped).
fn archive_arrived(io: &mut AppIo) -> Option<Msg> {
    let read = match io.archive.as_ref()?.try_recv() {
        Ok(read) => read,
        Err(std::sync::mpsc::TryRecvError::Empty) => return None,
        Err(std::sync::mpsc::TryRecvError::Disconnected) => {
            Msg::ArchiveLoaded(Err("its reader stopped".to_string()))
        }
    };
    io.archive = None;
    Some(read)
}

/// Someone else changed lane.toml since we read it: their version is taken in
/// (the app's own unsaved change is merged by its save instead).
fn take_in_outside_change(state: &mut State, io: &mut AppIo, taken_in: TakenIn) {
    if state.dirty || !io.store.changed_on_disk() {
        return;
    }
    let msg = if io.store.path().exists() {
        Msg::FileChanged(io.store.reload().map_err(|e| e.to_string()), taken_in)
    } else {
        // Moved away or deleted (a checkout, an editor's swap): not an
        // instruction to forget everything.
        Msg::FileGone
    };
    dispatch(state, msg, io, local_now);
}

/// How long to wait for an event before waking anyway. Idle means no wake-ups
/// but for a reminder's moment; a running block redraws its countdown each
/// second; a fetch under way is looked for often, and the next one is woken for.
fn wait(state: &State, now: NaiveDateTime) -> Option<std::time::Duration> {
    let wait = if lane_core::model::day::running(state.data()).is_some() {
        Some(std::time::Duration::from_secs(1))
    } else {
        lane_core::model::remind::next_at(state.data(), &state.rules, state.remind_before, now).map(
            |at| {
                (at - now)
                    .to_std()
                    .unwrap_or_default()
                    .max(std::time::Duration::from_millis(200))
            },
        )
    };
    match (wait, crate::app_calendars::wait(state, now)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The app's side of the effects: the store, the terminal (for $EDITOR and the
/// clipboard) and the data dir (for reports and the archive).
struct AppIo<'a> {
    /// Keys and word of outside changes; paused while an editor has the terminal.
    events: &'a Events,
    terminal: &'a mut DefaultTerminal,
    store: &'a mut Store,
    data_dir: &'a Path,
    mouse: bool,
    /// Where unsaved data goes when it cannot be saved, in order.
    rescue_dirs: Vec<PathBuf>,
    hooks: lane_io::hooks::Hooks,
    rules: lane_core::model::rules::Rules,
    /// What hooks running aside said when they failed, for the next event.
    hooks_said: Arc<Mutex<Vec<String>>>,
    /// Calendars read aside, and what they sent back.
    calendars: crate::app_calendars::Aside,
    notify: lane_io::notify::Notify,
    /// The keys, for drawing a change's frame before its save (set once the
    /// event loop runs: the opening's saves have no frame to show yet).
    keymap: Option<&'a Keymap>,
    /// The archive being read aside, until it arrives.
    archive: Option<std::sync::mpsc::Receiver<Msg>>,
    /// An undo or redo taken and drawn, until it is saved (it holds the lock).
    step: Option<(Step, lane_io::store::Held)>,
}

impl AppIo<'_> {
    /// Runs the hooks after a save, aside, so the screen never waits on one;
    /// what a failing one said is shown at the next event. Called only when a
    /// hook is set, so the data is copied for nobody otherwise.
    fn after_save(&self, operation: &str, before: Data, after: &Data, now: NaiveDateTime) {
        let after = after.clone();
        let (hooks, rules, said) = (
            self.hooks.clone(),
            self.rules.clone(),
            self.hooks_said.clone(),
        );
        let operation = operation.to_string();
        std::thread::spawn(move || {
            let failed =
                lane_io::hooks::after_save(&hooks, &operation, &before, &after, &rules, now);
            said.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .extend(failed);
        });
    }
}

impl Io for AppIo<'_> {
    fn show(&mut self, state: &State) {
        // Best effort: a frame that cannot be drawn now is drawn after the save.
        if let Some(keymap) = self.keymap {
            let _ = self
                .terminal
                .draw(|f| ui::draw(f, state, keymap, local_now()));
        }
    }

    fn save(&mut self, data: &Data, change: Option<(&Data, &str)>, operation: &str) -> Msg {
        // Hooks see what the file held before (cloned only for them).
        let before = self.hooks.any_on_save().then(|| self.store.base().clone());
        let now = local_now();
        let (from, entry) = match change {
            Some((from, what)) => (from, Entry::Change(what.to_string())),
            None => (data, Entry::Aside),
        };
        let msg = match self.store.commit(from, data, &entry, operation, now) {
            Ok(Saved::Written) => Msg::Saved(None),
            Ok(Saved::Merged(merged)) => Msg::Saved(Some(merged)),
            Err(e) => {
                return lane_io::hooks::Refused::of(&e).map_or_else(
                    || Msg::SaveFailed(format!("{e:#}")),
                    |r| Msg::Refused(r.to_string()),
                );
            }
        };
        if let Some(before) = before {
            self.after_save(operation, before, data, now);
        }
        msg
    }

    fn step(&mut self, step: Step, data: &Data) -> Msg {
        // A step taken before and never saved lets its lock go.
        self.step = None;
        let result = match self.store.take_step(step, data, local_now()) {
            Ok(None) => Ok(None),
            Ok(Some(Ok(taken))) => {
                self.step = Some((step, taken.held));
                Ok(Some((taken.what, Box::new(taken.data))))
            }
            Ok(Some(Err(why))) => Err(why),
            Err(e) => Err(format!("{e:#}")),
        };
        Msg::Stepped(step, result)
    }

    fn save_step(&mut self, before: &Data, data: &Data) -> Msg {
        let Some((step, held)) = self.step.take() else {
            return Msg::Refused("could not take it back: no step was taken".into());
        };
        let now = local_now();
        match self.store.save_step(held, before, data, now) {
            Ok(saved) => {
                if self.hooks.any_on_save() {
                    self.after_save(step.name(), before.clone(), data, now);
                }
                match saved {
                    Saved::Written => Msg::Saved(None),
                    Saved::Merged(merged) => Msg::Saved(Some(merged)),
                }
            }
            Err(e) => Msg::Refused(lane_io::hooks::Refused::of(&e).map_or_else(
                || format!("could not take it back: {e:#}"),
                ToString::to_string,
            )),
        }
    }

    fn editor(&mut self, initial: &str) -> Result<String, String> {
        self.events.pause();
        let written = write_in_editor(self.terminal, self.mouse, initial);
        self.events.resume();
        written
    }

    fn load_archive(&mut self) -> Result<Data, String> {
        archive_in(&self.store.archive_dir())
    }

    fn load_archive_aside(&mut self) -> Option<Msg> {
        let dir = self.store.archive_dir();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(Msg::ArchiveLoaded(archive_in(&dir)));
        });
        self.archive = Some(rx);
        None
    }

    fn notify(&mut self, text: &str) {
        // OSC 9: a desktop notification in terminals that have them (iTerm2,
        // kitty, WezTerm, foot, Windows Terminal); others ignore it. Then the
        // bell, which every terminal has. The text is escaped like all output.
        // How is the config's `notify`; OSC 777 is the same idea in other terminals.
        let sequence = self.notify.sequence(&lane_core::model::text::visible(text));
        if !sequence.is_empty() {
            let mut out = io::stdout();
            let _ = write!(out, "{sequence}");
            let _ = out.flush();
        }
    }

    fn claim_reminders(&mut self, due: Vec<lane_core::model::remind::Reminder>) -> Msg {
        // A sent list that cannot be read or written must not cost the reminder:
        // then it is shown (maybe twice, which beats never).
        let fresh = lane_io::store::claim_reminders(self.store.dir(), due.clone(), local_now());
        Msg::Reminded(fresh.unwrap_or(due))
    }

    fn copy(&mut self, name: &str, text: &str) -> Result<String, String> {
        copy_out(self.data_dir, name, text).map_err(|e| format!("{e:#}"))
    }

    fn read_calendars(&mut self, reach: Reach) -> Option<Msg> {
        self.calendars.read(reach)
    }
    fn read_links(&mut self, fetch: bool, data: &Data) -> Option<Msg> {
        self.calendars.read_links(fetch, data)
    }
    fn read_team(&mut self) -> Msg {
        crate::app_team::read(self.data_dir, &self.rules)
    }
    fn answer_team(&mut self, answer: &crate::update::TeamAnswer) -> Msg {
        crate::app_team::answer(self.data_dir, answer)
    }
}

/// After `q`: `update` has asked for a last save if anything was unsaved; if it
/// still is, the data goes to a rescue file — or, when none can be written, into
/// the message itself (printed once the screen is restored) — and lane says where.
fn quit(io: &AppIo, state: &State) -> Result<()> {
    if !state.dirty || state.read_only.is_some() {
        return Ok(());
    }
    let what = format!("could not save {}", io.store.path().display());
    match lane_io::store::to_toml(state.data()) {
        Ok(text) => bail!("{}", lane_io::rescue::keep(&io.rescue_dirs, &what, &text)),
        Err(e) => bail!("{what}, nor write out the unsaved data: {e:#}"),
    }
}

/// Suspends the screen, lets the user write in $VISUAL or $EDITOR, and returns the
/// text, or why there is none. The screen is restored either way.
fn write_in_editor(
    terminal: &mut DefaultTerminal,
    mouse: bool,
    initial: &str,
) -> Result<String, String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .ok_or("set $EDITOR (or $VISUAL) to write longer text; the text was kept as it was")?;
    let mut file = tempfile::Builder::new()
        .prefix("lane-note-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| format!("cannot create a file for the editor: {e}"))?;
    std::io::Write::write_all(&mut file, initial.as_bytes())
        .map_err(|e| format!("cannot create a file for the editor: {e}"))?;
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    // Through the shell, so EDITOR="code -w" works as it does in git.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status();
    let resumed = ratatui::crossterm::terminal::enable_raw_mode()
        .and_then(|()| execute!(io::stdout(), EnterAlternateScreen))
        .and_then(|()| {
            if mouse {
                execute!(io::stdout(), EnableMouseCapture)
            } else {
                Ok(())
            }
        })
        .and_then(|()| terminal.clear());
    if let Err(e) = resumed {
        return Err(format!(
            "could not restore the screen after the editor: {e}"
        ));
    }
    match status {
        Err(e) => Err(format!("could not start `{editor}`: {e}")),
        Ok(st) if !st.success() => Err(format!(
            "`{editor}` exited with {st}; the note was not added"
        )),
        Ok(_) => match lane_io::store::read_text(file.path()) {
            Ok(Some(text)) => Ok(text),
            Ok(None) => Err("the note's file is gone; the text was kept as it was".into()),
            Err(e) => Err(format!("{e:#}")),
        },
    }
}
