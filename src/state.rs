//! Everything the app shows, in one value that `update` changes and `ui` reads.

use chrono::NaiveDateTime;
use tui_input::Input;

use crate::model::form::{FieldSpec, FieldType, fields, initial_values};
use crate::model::{Data, Kind, WorkingHours};

/// Cursor and scroll position of one tab's list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListPos {
    pub selected: usize,
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct FormField {
    pub spec: FieldSpec,
    pub input: Input,
    pub error: Option<String>,
    /// Holds a default nobody typed: the first character typed replaces it.
    pub pristine: bool,
}

/// An open add/edit form. Its text lives here until it is saved or cancelled.
#[derive(Debug, Clone)]
pub struct Form {
    pub kind: Kind,
    /// The id of the item being edited; `None` when adding.
    pub editing: Option<u32>,
    pub fields: Vec<FormField>,
    pub focus: usize,
}

impl Form {
    pub fn open(data: &Data, kind: Kind, editing: Option<u32>, now: NaiveDateTime) -> Form {
        let values = initial_values(data, kind, editing, now.date());
        let fields = fields(kind)
            .iter()
            .zip(values)
            .map(|(spec, value)| {
                let choice = matches!(
                    spec.ty,
                    FieldType::Level | FieldType::BlockKind | FieldType::YesNo
                );
                let pristine = !value.is_empty() && (editing.is_none() || choice);
                FormField {
                    spec: *spec,
                    input: Input::new(value),
                    error: None,
                    pristine,
                }
            })
            .collect();
        Form {
            kind,
            editing,
            fields,
            focus: 0,
        }
    }

    pub fn values(&self) -> Vec<String> {
        self.fields
            .iter()
            .map(|f| f.input.value().to_string())
            .collect()
    }
}

#[derive(Debug, Clone)]
pub enum Mode {
    Normal,
    Help,
    Form(Form),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// How many snapshots undo keeps.
const UNDO_DEPTH: usize = 200;

#[derive(Debug, Clone)]
pub struct State {
    pub data: Data,
    pub tab: Kind,
    pub pos: [ListPos; 5],
    pub mode: Mode,
    pub message: Option<Message>,
    /// Why this session cannot write, when another lane holds the lock.
    pub read_only: Option<String>,
    /// Rows the list area shows; set by the app from the terminal size.
    pub rows: usize,
    pub hours: WorkingHours,
    /// True from a change until the app has saved it.
    pub dirty: bool,
    undo: Vec<Data>,
    redo: Vec<Data>,
    seed: u64,
}

impl State {
    /// `seed` makes new uids unique; pass something random in the app, a constant in tests.
    pub fn new(data: Data, hours: WorkingHours, seed: u64, now: NaiveDateTime) -> State {
        let mut s = State {
            data,
            tab: Kind::Priority,
            pos: [ListPos::default(); 5],
            mode: Mode::Normal,
            message: None,
            read_only: None,
            rows: 10,
            hours,
            dirty: false,
            undo: Vec::new(),
            redo: Vec::new(),
            seed,
        };
        s.fill_missing_uids(now);
        s
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

    pub fn list_len(&self) -> usize {
        self.data.list(self.tab).len()
    }

    pub fn pos(&self) -> ListPos {
        self.pos[self.tab.index()]
    }

    pub fn selected_id(&self) -> Option<u32> {
        self.data.list(self.tab).id_at(self.pos().selected)
    }

    /// Moves the cursor of the current tab, keeping it inside the list and on screen.
    pub fn select(&mut self, index: usize) {
        let len = self.list_len();
        let rows = self.rows.max(1);
        let p = &mut self.pos[self.tab.index()];
        p.selected = index.min(len.saturating_sub(1));
        if p.selected < p.offset {
            p.offset = p.selected;
        } else if p.selected >= p.offset + rows {
            p.offset = p.selected + 1 - rows;
        }
        // Do not leave empty rows below the list when it could fill them.
        p.offset = p.offset.min(len.saturating_sub(rows));
    }

    /// Re-applies the bounds to every tab (after undo, reload, resize).
    pub fn clamp_all(&mut self) {
        let tab = self.tab;
        for kind in Kind::ALL {
            self.tab = kind;
            self.select(self.pos().selected);
        }
        self.tab = tab;
    }

    /// Records the data before a change so `u` can bring it back.
    pub fn checkpoint(&mut self) {
        self.undo_push(self.data.clone());
    }

    /// Records `before` as the state to return to on undo.
    pub fn undo_push(&mut self, before: Data) {
        self.undo.push(before);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some(previous) => {
                self.redo.push(std::mem::replace(&mut self.data, previous));
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.redo.pop() {
            Some(next) => {
                self.undo.push(std::mem::replace(&mut self.data, next));
                true
            }
            None => false,
        }
    }

    /// Replaces the data with what is on disk (someone else edited the file).
    /// Undo history refers to the old data, so it is dropped.
    pub fn replace_data(&mut self, data: Data) {
        self.data = data;
        self.undo.clear();
        self.redo.clear();
        self.dirty = false;
        self.clamp_all();
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
}

impl State {
    /// The keymap contexts in force, most specific first.
    pub fn contexts(&self) -> Vec<&'static str> {
        match self.mode {
            Mode::Form(_) => vec!["form"],
            Mode::Help => vec!["help"],
            Mode::Normal => normal_contexts(self.tab),
        }
    }
}

/// The keymap contexts of a tab in normal mode, most specific first.
pub fn normal_contexts(tab: Kind) -> Vec<&'static str> {
    let own = match tab {
        Kind::Priority => "priorities",
        Kind::Block => "blocks",
        Kind::Blocker => "blockers",
        Kind::Decision => "decisions",
        Kind::Review => "review",
    };
    if tab.has_done() {
        vec![own, "items", "list", "global"]
    } else {
        vec![own, "list", "global"]
    }
}
