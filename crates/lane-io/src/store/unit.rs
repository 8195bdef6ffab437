//! The one unit of work: every writer — a key in the app, a command, a ritual,
//! an importer, a calendar read, a sync — saves through `Store::commit`, which
//! writes the data and records the change in the data dir's undo history under
//! one lock. Undo and redo, from the app or `lane undo`/`lane redo`, step
//! through that one history (`Store::step`).

use chrono::NaiveDateTime;
use color_eyre::eyre::{Result, WrapErr};

use super::journal::{self, Event};
use super::{LOCK_WAIT, Saved, Store};
use lane_core::model::history::{Change, History, Step};
use lane_core::model::{Data, derived};

/// What a commit is, for the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// The user's change, said in these words: it can be undone, and the
    /// `before_change` hook is asked first (it may refuse it).
    Change(String),
    /// A change brought in from outside on its own (a calendar refresh), said
    /// in these words: it can be undone, and is not asked of `before_change`
    /// (refused, the same calendar would bring it back at the next refresh).
    Outside(String),
    /// Not the user's change (a calendar read, a series' days made): saved,
    /// never an undo step.
    Aside,
}

/// What an undo or redo did.
#[derive(Debug)]
pub struct Stepped {
    /// The change taken back (or made again), in its own words.
    pub what: String,
    /// The data after the step, as saved.
    pub data: Data,
    pub saved: Saved,
}

/// An undo or redo taken from the history and drawn, not saved yet
/// (`Store::take_step`).
#[derive(Debug)]
pub struct Taken {
    /// The change taken back (or made again), in its own words.
    pub what: String,
    /// The data after the step.
    pub data: Data,
    /// What `Store::save_step` needs to save it.
    pub held: Held,
}

/// A step waiting for its save, holding the data dir's lock meanwhile.
#[derive(Debug)]
pub struct Held {
    step: Step,
    lock: Option<std::fs::File>,
}

impl Store {
    /// Every change a person makes from now on is first asked of `hooks`'
    /// `before_change` (when it is set): keys, commands, rituals, importers,
    /// undo and redo alike.
    pub fn guard_with(&mut self, hooks: &crate::hooks::Hooks) {
        self.guard = hooks.before_change.is_some().then(|| hooks.clone());
    }

    /// Saves `data`, the result of a change from `before` made by `operation`,
    /// and records the change in the history — one lock for both, so two
    /// writers never lose each other's history. A change the `before_change`
    /// hook refuses is not written: the error is a `hooks::Refused`.
    pub fn commit(
        &mut self,
        before: &Data,
        data: &Data,
        entry: &Entry,
        operation: &str,
        now: NaiveDateTime,
    ) -> Result<Saved> {
        if let (Entry::Change(_), Some(hooks)) = (entry, &self.guard) {
            // Asked before the lock is taken: a slow hook holds up this
            // change only, not another lane saving meanwhile.
            hooks.before_change(operation, before, data)?;
        }
        self.under_lock(|store| {
            // The file and the undo step hold what was kept, made once.
            let after = derived::kept(data);
            let saved = store.save_kept(data, &after, now)?;
            let before = derived::kept(before);
            if let Entry::Change(what) | Entry::Outside(what) = entry
                && let Some(change) = Change::of(what.clone(), &before, &after)
            {
                // Best effort: the change is saved whatever happens to its undo
                // step. One line appended: the history is not read to add to it.
                let _ = Event::record(&change).and_then(|e| journal::append(store.dir(), e));
            }
            Ok(saved)
        })
    }

    /// Takes back the newest change (or makes the newest undone one again)
    /// from `data`, keeping whatever anyone saved since, and saves the result.
    /// `None`: nothing to take.
    pub fn step(
        &mut self,
        step: Step,
        data: &Data,
        now: NaiveDateTime,
    ) -> Result<Option<Result<Stepped, String>>> {
        let taken = match self.take_step(step, data, now)? {
            Some(Ok(taken)) => taken,
            Some(Err(why)) => return Ok(Some(Err(why))),
            None => return Ok(None),
        };
        match self.save_step(taken.held, data, &taken.data, now) {
            Ok(saved) => Ok(Some(Ok(Stepped {
                what: taken.what,
                data: taken.data,
                saved,
            }))),
            Err(e) => match crate::hooks::Refused::of(&e) {
                Some(refused) => Ok(Some(Err(refused.to_string()))),
                None => Err(e),
            },
        }
    }

    /// The first half of `step`: the data after one step through the undo
    /// history from `data`, not saved yet — the app draws it first. The lock
    /// is held (in `Taken::held`) until `save_step` writes it, so no other
    /// writer's change comes between the step and its record; dropped
    /// unsaved, nothing is written.
    pub fn take_step(
        &mut self,
        step: Step,
        data: &Data,
        now: NaiveDateTime,
    ) -> Result<Option<Result<Taken, String>>> {
        let lock = self.lock_for_step()?;
        // Only the change on top is read: the step costs one change, not the
        // hundred the history keeps.
        let Some(change) = journal::newest(self.dir(), step)? else {
            return Ok(None);
        };
        let mut uid = || crate::clock::new_uid();
        Ok(Some(change.apply(step, data, now, &mut uid).map(|data| {
            Taken {
                what: change.what.clone(),
                data,
                held: Held { step, lock },
            }
        })))
    }

    /// The second half of `step`: asks the `before_change` hook about the
    /// step from `before` to `after` (a refusal is a `hooks::Refused` error
    /// and writes nothing), saves `after` and records the step.
    pub fn save_step(
        &mut self,
        held: Held,
        before: &Data,
        after: &Data,
        now: NaiveDateTime,
    ) -> Result<Saved> {
        let Held { step, lock } = held;
        if let Some(hooks) = &self.guard {
            hooks.before_change(step.name(), before, after)?;
        }
        // The step's own lock, when it took one, for this write.
        let own = lock.is_some() && self.lock.is_none();
        if own {
            self.lock = lock;
        }
        let out = self.under_lock(|store| {
            let saved = store.save(after, now)?;
            let event = match step {
                Step::Undo => Event::Undo,
                Step::Redo => Event::Redo,
            };
            journal::append(store.dir(), event)?;
            Ok(saved)
        });
        if own {
            self.lock = None;
        }
        out
    }

    /// The lock a step holds from its taking to its saving: none when the
    /// command holds its own already.
    fn lock_for_step(&mut self) -> Result<Option<std::fs::File>> {
        if self.lock.is_some() {
            return Ok(None);
        }
        if self.read_only {
            color_eyre::eyre::bail!("this lane opened the data only to read it");
        }
        self.lock_waiting(LOCK_WAIT)
            .map(Some)
            .wrap_err_with(|| format!("cannot save {}", self.path.display()))
    }

    /// The undo history of this data dir (empty when there is none yet).
    pub fn history(&self) -> Result<History> {
        journal::read(self.dir())
    }

    /// Runs `work` holding the lock: the command's own when it holds one,
    /// else one taken for this unit of work alone.
    fn under_lock<T>(&mut self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if self.lock.is_some() {
            return work(self);
        }
        if self.read_only {
            color_eyre::eyre::bail!("this lane opened the data only to read it");
        }
        let lock = self
            .lock_waiting(LOCK_WAIT)
            .wrap_err_with(|| format!("cannot save {}", self.path.display()))?;
        self.lock = Some(lock);
        let out = work(self);
        self.lock = None;
        out
    }
}
