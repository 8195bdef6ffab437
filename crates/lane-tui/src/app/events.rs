//! Everything that wakes the app, in one channel: keys, mouse and resizes from
//! the terminal (read on a thread of its own) and word that lane.toml changed
//! on disk (the file watch). The loop sleeps on the channel, so an idle app is
//! woken by nothing else, and another writer's change shows as it happens.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

use lane_io::watch::FileWatch;

pub enum Wake {
    Terminal(Event),
    FileChanged,
    /// A calendar's copy changed on disk: its meetings are read again.
    CopiesChanged,
    /// The terminal could not be read: the app ends with this reason.
    Failed(String),
}

/// Whether the reader may read the terminal (not while an editor owns it),
/// and whether it has stopped to let the editor have it.
#[derive(Default)]
struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Default)]
struct GateState {
    closed: bool,
    parked: bool,
}

pub struct Events {
    rx: Receiver<Wake>,
    gate: Arc<Gate>,
    _watch: Option<FileWatch>,
    _copies: Option<FileWatch>,
}

impl Events {
    /// Starts reading the terminal and watching `file`. Without a watch (the
    /// system gave none) outside changes are still taken in at the next key.
    pub fn start(file: &Path) -> Events {
        let (tx, rx) = mpsc::channel();
        let to_loop = tx.clone();
        let watch = FileWatch::start(file, move || {
            let _ = to_loop.send(Wake::FileChanged);
        });
        let to_loop = tx.clone();
        let copies = file.parent().and_then(|dir| {
            let dir = dir.join(lane_io::calendar::cache::DIR);
            FileWatch::start_copies(&dir, move || {
                let _ = to_loop.send(Wake::CopiesChanged);
            })
        });
        let gate = Arc::new(Gate::default());
        let reader_gate = gate.clone();
        std::thread::spawn(move || read_terminal(&tx, &reader_gate));
        Events {
            rx,
            gate,
            _watch: watch,
            _copies: copies,
        }
    }

    /// What comes next, waiting at most `wait` (forever when none): `Ok(None)`
    /// when the wait ran out.
    pub fn next(&self, wait: Option<Duration>) -> Result<Option<Wake>, String> {
        let gone = || "the terminal reader stopped".to_string();
        match wait {
            None => self.rx.recv().map(Some).map_err(|_| gone()),
            Some(wait) => match self.rx.recv_timeout(wait) {
                Ok(wake) => Ok(Some(wake)),
                Err(RecvTimeoutError::Timeout) => Ok(None),
                Err(RecvTimeoutError::Disconnected) => Err(gone()),
            },
        }
    }

    /// Stops reading the terminal before an editor takes it, and returns once
    /// the reader has stopped, so no key typed into the editor reaches lane.
    /// The reader sleeps in the terminal's wait; a resize signal (which the
    /// terminal library answers) wakes it to see the gate closed.
    pub fn pause(&self) {
        let mut state = self
            .gate
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        state.closed = true;
        while !state.parked {
            let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
            state = self
                .gate
                .changed
                .wait_timeout(state, Duration::from_millis(50))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Gives the terminal back to the reader after the editor.
    pub fn resume(&self) {
        let mut state = self
            .gate
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        state.closed = false;
        self.gate.changed.notify_all();
    }
}

/// The reader: one terminal event at a time into the channel, stopping at the
/// gate while an editor owns the terminal; ends when the app is gone.
fn read_terminal(tx: &Sender<Wake>, gate: &Gate) {
    loop {
        {
            let mut state = gate.state.lock().unwrap_or_else(PoisonError::into_inner);
            while state.closed {
                state.parked = true;
                gate.changed.notify_all();
                state = gate
                    .changed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            state.parked = false;
        }
        let wake = match event::read() {
            Ok(ev) => Wake::Terminal(ev),
            Err(e) => Wake::Failed(format!("cannot read terminal input: {e}")),
        };
        let failed = matches!(wake, Wake::Failed(_));
        if tx.send(wake).is_err() || failed {
            return;
        }
    }
}
