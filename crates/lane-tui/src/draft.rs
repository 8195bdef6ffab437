//! What was being typed into an add or edit form, kept across a stop by a signal
//! (a closed terminal, SIGTERM) and offered back at the next start — nothing
//! typed is lost. The text is a small TOML document beside the data.

use toml::{Table, Value};

use crate::state::{Form, Purpose};
use lane_core::model::Kind;

/// The file it is kept in, in the data directory.
pub const DRAFT_FILE: &str = "lane.draft.toml";

/// A form's text, to open the same form again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: Kind,
    /// The item being edited; `None` for a new one.
    pub editing: Option<u32>,
    /// Each field the user typed into, by key.
    pub values: Vec<(String, String)>,
}

/// The draft of an open add or edit form with something typed in it.
pub fn of(form: &Form) -> Option<Draft> {
    let editing = match form.purpose {
        Purpose::Add => None,
        Purpose::Edit(id) => Some(id),
        _ => return None,
    };
    let values: Vec<(String, String)> = form
        .fields
        .iter()
        .filter(|f| !f.pristine && !f.input.value().is_empty())
        .map(|f| (f.spec.key.to_string(), f.input.value().to_string()))
        .collect();
    (!values.is_empty()).then_some(Draft {
        kind: form.kind,
        editing,
        values,
    })
}

pub fn to_text(draft: &Draft) -> String {
    let mut t = Table::new();
    t.insert("kind".into(), Value::String(draft.kind.table().into()));
    if let Some(id) = draft.editing {
        t.insert("editing".into(), Value::Integer(i64::from(id)));
    }
    let values: Table = draft
        .values
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    t.insert("values".into(), Value::Table(values));
    toml::to_string(&t).unwrap_or_default()
}

/// The draft in `text`, if it is one lane wrote.
pub fn from_text(text: &str) -> Option<Draft> {
    let t: Table = toml::from_str(text).ok()?;
    let table = t.get("kind")?.as_str()?;
    let kind = Kind::ALL.into_iter().find(|k| k.table() == table)?;
    let editing = match t.get("editing") {
        Some(v) => Some(u32::try_from(v.as_integer()?).ok()?),
        None => None,
    };
    let values = t
        .get("values")?
        .as_table()?
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
        .collect();
    Some(Draft {
        kind,
        editing,
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_round_trips_and_junk_is_no_draft() {
        let d = Draft {
            kind: Kind::Decision,
            editing: Some(3),
            values: vec![("situation".into(), "half \"typed\"\nline".into())],
        };
        assert_eq!(from_text(&to_text(&d)), Some(d));
        assert_eq!(from_text("kind = \"nope\"\n[values]\n"), None);
        assert_eq!(from_text("not toml"), None);
    }
}
