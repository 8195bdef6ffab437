//! A form's typed text, parsed field by field by each field's type, and read
//! back by key. Kept apart from the item rules in `form` so those read typed
//! values, never text.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::fields::{FieldSpec, FieldType};
use crate::model::parse::{parse_date, parse_energy, parse_money, parse_percent, parse_yes_no};
use crate::model::{BlockKind, Data, Level, PriorityStatus};

/// One field's text, parsed by its type.
#[derive(Debug, Clone)]
pub(super) enum Parsed {
    Text(String),
    Date(Option<NaiveDate>),
    Level(Level),
    BlockKind(BlockKind),
    Flag(bool),
    Small(Option<u8>),
    Money(Option<f64>),
    List(Vec<String>),
    Ref(Option<u32>),
    Status(PriorityStatus),
}

/// A form's fields, parsed, by key.
pub(super) struct Form(pub(super) HashMap<&'static str, Parsed>);

impl Form {
    pub(super) fn text(&self, key: &str) -> String {
        match self.0.get(key) {
            Some(Parsed::Text(t)) => t.clone(),
            _ => String::new(),
        }
    }
    pub(super) fn date(&self, key: &str) -> Option<NaiveDate> {
        match self.0.get(key) {
            Some(Parsed::Date(d)) => *d,
            _ => None,
        }
    }
    pub(super) fn level(&self, key: &str) -> Level {
        match self.0.get(key) {
            Some(Parsed::Level(l)) => *l,
            _ => Level::default(),
        }
    }
    pub(super) fn block_kind(&self) -> BlockKind {
        match self.0.get("kind") {
            Some(Parsed::BlockKind(k)) => *k,
            _ => BlockKind::default(),
        }
    }
    pub(super) fn flag(&self, key: &str) -> bool {
        matches!(self.0.get(key), Some(Parsed::Flag(true)))
    }
    pub(super) fn small(&self, key: &str) -> Option<u8> {
        match self.0.get(key) {
            Some(Parsed::Small(n)) => *n,
            _ => None,
        }
    }
    pub(super) fn money(&self, key: &str) -> Option<f64> {
        match self.0.get(key) {
            Some(Parsed::Money(m)) => *m,
            _ => None,
        }
    }
    pub(super) fn list(&self, key: &str) -> Vec<String> {
        match self.0.get(key) {
            Some(Parsed::List(l)) => l.clone(),
            _ => Vec::new(),
        }
    }
    pub(super) fn priority_ref(&self) -> Option<u32> {
        match self.0.get("priority") {
            Some(Parsed::Ref(r)) => *r,
            _ => None,
        }
    }
    pub(super) fn status(&self) -> PriorityStatus {
        match self.0.get("status") {
            Some(Parsed::Status(s)) => *s,
            _ => PriorityStatus::default(),
        }
    }
}

/// Parses one field's text by its type.
pub(super) fn parse_field(
    spec: &FieldSpec,
    v: &str,
    data: &Data,
    today: NaiveDate,
) -> Result<Parsed, String> {
    match spec.ty {
        FieldType::Text => crate::model::text::plain(spec.label, v)?,
        _ => crate::model::text::one_line(spec.label, v)?,
    }
    Ok(match spec.ty {
        FieldType::Title if v.is_empty() => return Err(format!("{} cannot be empty", spec.label)),
        FieldType::Title | FieldType::Text | FieldType::Span => Parsed::Text(v.to_string()),
        FieldType::Date => Parsed::Date(Some(parse_date(v, today)?)),
        FieldType::OptionalDate if v.is_empty() => Parsed::Date(None),
        FieldType::OptionalDate => Parsed::Date(Some(parse_date(v, today)?)),
        FieldType::Level => Parsed::Level(Level::parse(v)?),
        FieldType::BlockKind => Parsed::BlockKind(BlockKind::parse(v)?),
        FieldType::YesNo => Parsed::Flag(parse_yes_no(v)?),
        FieldType::Energy => Parsed::Small(parse_energy(v)?),
        FieldType::Percent => Parsed::Small(parse_percent(v)?),
        FieldType::Money => Parsed::Money(parse_money(v)?),
        FieldType::List(sep) => Parsed::List(
            v.split(sep)
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(String::from)
                .collect(),
        ),
        FieldType::Links => Parsed::List(crate::model::links::parse_list(v)?),
        FieldType::PriorityRef if v.is_empty() => Parsed::Ref(None),
        FieldType::PriorityRef => Parsed::Ref(Some(priority_ref(data, v)?)),
        FieldType::PriorityStatus => Parsed::Status(PriorityStatus::parse(v)?),
        FieldType::Repeat if v.is_empty() => Parsed::Text(String::new()),
        // Checked here so a bad rule shows under its field; `apply` reads it again
        // with the block's first day.
        FieldType::Repeat => {
            crate::model::series::parse_every(v, today, today)?;
            Parsed::Text(v.to_string())
        }
    })
}

/// The priority a field points at: its id (`3`, `#3`), or words of its title
/// ("billing") when they name one open priority; more than one is a choice
/// for the user, listed with their ids.
fn priority_ref(data: &Data, v: &str) -> Result<u32, String> {
    if let Ok(id) = v.trim_start_matches('#').parse::<u32>() {
        return match data.priorities.iter().any(|p| p.id == id) {
            true => Ok(id),
            false => Err(format!("`{v}`: there is no priority with that id")),
        };
    }
    let words = v.to_lowercase();
    let found: Vec<&crate::model::Priority> = data
        .priorities
        .iter()
        .filter(|p| !p.status.is_closed() && p.title.to_lowercase().contains(&words))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(format!(
            "`{v}`: no open priority has that in its title — give its id or words of its title"
        )),
        many => Err(format!(
            "`{v}` is in {}: {} — type the id",
            crate::model::text::count(many.len(), "title", "titles"),
            many.iter()
                .take(5)
                .map(|p| format!("{} “{}”", p.id, p.title))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}
