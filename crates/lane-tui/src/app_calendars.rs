//! Calendars and blockers' links for the open app: calendars' copies and
//! sources, the links' cache and their forges, all read aside (one thread
//! per calendar and per forge, so one that hangs never holds back another
//! or the screen), and when the event loop should wake for them.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use chrono::NaiveDateTime;

use crate::state::State;
use crate::update::Msg;
use lane_core::model::Data;
use lane_io::calendar::config::Calendars;
use lane_io::calendar::sources::{Dirs, Reach};
use lane_io::clock::local_now;
use lane_io::links::config::Forges;

/// How far back the open app computes the calendars' meetings.
const LOOK_BACK_DAYS: i64 = 91;

pub struct Aside {
    calendars: Calendars,
    forges: Forges,
    config: PathBuf,
    data: PathBuf,
    /// Fetches running aside send what they read here.
    sender: Sender<Msg>,
    pub received: Receiver<Msg>,
}

impl Aside {
    pub fn new(calendars: Calendars, forges: Forges, config: PathBuf, data: PathBuf) -> Aside {
        let (sender, received) = channel();
        Aside {
            calendars,
            forges,
            config,
            data,
            sender,
            received,
        }
    }

    /// Reads the copies or the sources aside: their `CalendarsRead` comes later
    /// on `received`.
    pub fn read(&self, reach: Reach) -> Option<Msg> {
        let (cals, config, data) = (
            self.calendars.clone(),
            self.config.clone(),
            self.data.clone(),
        );
        let read = move |only: Option<&str>| {
            let dirs = Dirs {
                config: &config,
                data: &data,
            };
            // A quarter back: the weeks paged back to and the reports of the
            // app show their meetings, computed from the copy as lane.toml
            // no longer keeps them.
            let today = local_now().date();
            let back = lane_core::model::limits::shift_days(today, -LOOK_BACK_DAYS);
            let cals = cals.reaching(today, back);
            let list = lane_io::calendar::refresh(&cals, &dirs, today, only, reach);
            Msg::CalendarsRead(list, reach)
        };
        match reach {
            // Copies are on this disk, but a big or hostile one can take long to
            // parse: read aside too, so the first frame never waits on one.
            Reach::Copies => {
                let tx = self.sender.clone();
                std::thread::spawn(move || {
                    let _ = tx.send(read(None));
                });
                None
            }
            Reach::Sources => {
                for source in &self.calendars.sources {
                    let (tx, read, name) = (self.sender.clone(), read.clone(), source.name.clone());
                    std::thread::spawn(move || {
                        let _ = tx.send(read(Some(&name)));
                    });
                }
                None
            }
        }
    }
}

impl Aside {
    /// Reads the links' cache (`fetch` false) or asks every forge with links
    /// on open blockers, each on its own thread: one `LinksRead` each, later.
    pub fn read_links(&self, fetch: bool, data: &Data) -> Option<Msg> {
        let dir = self.data.clone();
        if !fetch {
            let tx = self.sender.clone();
            std::thread::spawn(move || {
                let known = lane_io::links::cache::known(&dir);
                let _ = tx.send(Msg::LinksRead(None, known));
            });
            return None;
        }
        let timeout = Duration::from_secs(self.calendars.timeout_seconds);
        for (host, links) in lane_io::links::by_host(data) {
            let (tx, forges, dir) = (self.sender.clone(), self.forges.clone(), dir.clone());
            std::thread::spawn(move || {
                let said = lane_io::links::refresh_host(
                    &forges,
                    &host,
                    &links,
                    &dir,
                    timeout,
                    local_now(),
                );
                let known = lane_io::links::cache::known(&dir);
                let _ = tx.send(Msg::LinksRead(Some(said), known));
            });
        }
        None
    }
}

/// The links follow the calendars' rhythm (every 30 minutes without calendars).
pub fn set_up_links(state: &mut State, forges: &Forges) {
    state.links.every = Some(state.calendars.every.unwrap_or(30));
    state.links.auto_resolve = forges.auto_resolve;
}

/// How long the event loop may sleep for the calendars' and links' sake: a
/// fetch under way is looked for often; the next one is woken for.
pub fn wait(state: &State, now: NaiveDateTime) -> Option<Duration> {
    let (cals, links) = (&state.calendars, &state.links);
    if cals.pending > 0 || links.pending > 0 {
        return Some(Duration::from_millis(200));
    }
    [cals.next_at(), links.next_at()]
        .into_iter()
        .flatten()
        .min()
        .map(|at| (at - now).to_std().unwrap_or_default())
}
