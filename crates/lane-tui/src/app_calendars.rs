//! Calendars for the open app: their copies and their sources read
//! aside (one thread each, so a calendar that hangs never holds back another
//! or the screen), and when the event loop should wake for them.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use chrono::NaiveDateTime;

use crate::state::CalendarView;
use crate::update::Msg;
use lane_io::calendar::config::Calendars;
use lane_io::calendar::sources::{Dirs, Reach};
use lane_io::clock::local_now;

pub struct Aside {
    calendars: Calendars,
    config: PathBuf,
    data: PathBuf,
    /// Fetches running aside send what they read here.
    sender: Sender<Msg>,
    pub received: Receiver<Msg>,
}

impl Aside {
    pub fn new(calendars: Calendars, config: PathBuf, data: PathBuf) -> Aside {
        let (sender, received) = channel();
        Aside {
            calendars,
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
            let list = lane_io::calendar::refresh(&cals, &dirs, local_now().date(), only, reach);
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

/// How long the event loop may sleep for the calendars' sake: a fetch under
/// way is looked for often; the next one is woken for.
pub fn wait(view: &CalendarView, now: NaiveDateTime) -> Option<Duration> {
    if view.pending > 0 {
        return Some(Duration::from_millis(200));
    }
    view.next_at()
        .map(|at| (at - now).to_std().unwrap_or_default())
}
