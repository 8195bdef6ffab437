//! Conflicts left by a merge: what they say, and settling them — keep the value
//! lane kept, or take the other one. Until settled they stay in `[[conflicts]]`.

use toml::{Table, Value};

use super::merge::Conflict;
use super::text::visible;
use super::{Data, Kind};

/// The kind of item a conflict is about, when it is about one.
pub fn kind_of(c: &Conflict) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.table() == c.kind)
}

/// The conflicts about one item.
pub fn about<'a>(data: &'a Data, kind: Kind, uid: &'a str) -> impl Iterator<Item = &'a Conflict> {
    data.conflicts
        .iter()
        .filter(move |c| c.kind == kind.table() && c.item == uid && !uid.is_empty())
}

/// A value as a person reads it; an absent one says so.
pub fn shown(v: Option<&Value>) -> String {
    match v {
        None => "(removed)".into(),
        Some(Value::String(s)) => format!("“{}”", visible(s)),
        Some(other) => visible(&other.to_string()),
    }
}

/// `priority 3 “Ship billing” title: kept “mine”, the other side had “theirs”`.
pub fn describe(data: &Data, c: &Conflict) -> String {
    let item = item_of(data, c);
    if c.field == "*" {
        return format!("{item}: deleted on one side, edited on the other — kept with the edit");
    }
    // What the item holds now (it may have been edited since), else what was kept.
    let kept = current(data, c).or_else(|| c.kept.clone());
    if !c.kept_on.is_empty() && !c.other_on.is_empty() {
        return format!(
            "{item} {}: {} wrote {} (kept), {} wrote {} — met at the sync of {}",
            field_words(data, &c.field),
            visible(&c.kept_on),
            shown(kept.as_ref()),
            visible(&c.other_on),
            shown(c.other.as_ref()),
            c.when.format("%a %d %b %H:%M")
        );
    }
    format!(
        "{item} {}: kept {}, the other side had {}",
        field_words(data, &c.field),
        shown(kept.as_ref()),
        shown(c.other.as_ref())
    )
}

/// Names the machines of the conflicts a merge at `when` made: the one whose
/// value was kept and the other one.
pub fn name_machines(data: &mut Data, when: chrono::NaiveDateTime, kept_on: &str, other_on: &str) {
    for c in data
        .conflicts
        .iter_mut()
        .filter(|c| c.when == when && c.kept_on.is_empty() && c.other_on.is_empty())
    {
        c.kept_on = kept_on.to_string();
        c.other_on = other_on.to_string();
    }
}

/// The item a conflict is about, by its kind and id (`priority 3`).
fn item_of(data: &Data, c: &Conflict) -> String {
    kind_of(c)
        .and_then(|kind| {
            let list = data.list(kind);
            let i = (0..list.len()).find(|&i| list.uid_at(i) == Some(c.item.as_str()))?;
            Some(format!("{} {}", kind.noun(), list.id_at(i)?))
        })
        .unwrap_or_else(|| format!("{} {}", visible(&c.kind), visible(&c.item)))
}

/// The value the conflict's field has in the data now.
fn current(data: &Data, c: &Conflict) -> Option<Value> {
    macro_rules! item {
        ($list:ident) => {
            data.$list
                .iter()
                .find(|x| x.uid == c.item)
                .and_then(|x| Value::try_from(x).ok())
        };
    }
    let mut value = match kind_of(c)? {
        Kind::Priority => item!(priorities),
        Kind::Block => item!(blocks),
        Kind::Blocker => item!(blockers),
        Kind::Decision => item!(decisions),
        Kind::Review => item!(reviews),
    }?;
    for step in steps(&c.field) {
        value = value.get(step.key)?.clone();
        if let Some(select) = step.select {
            value = value
                .as_array()?
                .iter()
                .find(|entry| select.matches(entry))?
                .clone();
        }
    }
    Some(value)
}

/// One step of a conflict's field path: a key, and for an entry of a list
/// the identity that picks it (`progress[priority=1]`).
struct PathStep<'a> {
    key: &'a str,
    select: Option<Select<'a>>,
}

/// `priority=1`: the entry of a list whose `priority` is 1.
#[derive(Clone, Copy)]
struct Select<'a> {
    key: &'a str,
    value: &'a str,
}

impl Select<'_> {
    fn matches(&self, entry: &Value) -> bool {
        entry
            .get(self.key)
            .is_some_and(|v| v.to_string() == self.value)
    }
}

/// A field path split at its dots (never inside `[…]`).
fn steps(field: &str) -> Vec<PathStep<'_>> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, ch) in field
        .char_indices()
        .chain(std::iter::once((field.len(), '.')))
    {
        match ch {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '.' if depth == 0 => {
                out.push(path_step(&field[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    out
}

fn path_step(part: &str) -> PathStep<'_> {
    let select = part
        .split_once('[')
        .and_then(|(key, rest)| Some((key, rest.strip_suffix(']')?.split_once('=')?)));
    match select {
        Some((key, (k, v))) => PathStep {
            key,
            select: Some(Select { key: k, value: v }),
        },
        None => PathStep {
            key: part,
            select: None,
        },
    }
}

/// A field path as a person reads it: `progress note for priority 1 “Ship
/// billing v3”` for `progress[priority=1].note`.
fn field_words(data: &Data, field: &str) -> String {
    let steps = steps(field);
    let mut words: Vec<String> = steps.iter().map(|s| visible(s.key)).collect();
    for select in steps.iter().filter_map(|s| s.select) {
        let kind = match select.key {
            "priority" => Some(Kind::Priority),
            "block" => Some(Kind::Block),
            "blocker" => Some(Kind::Blocker),
            _ => None,
        };
        let id = select.value.parse::<u32>().ok();
        let named = kind.zip(id).map(|(kind, id)| {
            let list = data.list(kind);
            let title = list.position(id).and_then(|i| list.title_at(i));
            match title {
                Some(t) => format!("for {} {id} “{}”", kind.noun(), visible(t)),
                None => format!("for {} {id}", kind.noun()),
            }
        });
        words.push(named.unwrap_or_else(|| {
            format!(
                "for the one with {} {}",
                visible(select.key),
                visible(select.value)
            )
        }));
    }
    words.join(" ")
}

/// Settles conflict `id`: keeps what the data holds, or (`take_other`) puts the
/// other value in its place. Either way the conflict is gone. Returns what to say.
pub fn settle(data: &mut Data, id: u32, take_other: bool) -> Result<String, String> {
    let at = data
        .conflicts
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| format!("there is no conflict {id} (lane conflicts lists them)"))?;
    let c = data.conflicts[at].clone();
    let item = item_of(data, &c);
    if !take_other {
        let kept = current(data, &c).or_else(|| c.kept.clone());
        data.conflicts.remove(at);
        return Ok(match c.field.as_str() {
            "*" => format!("{item} stays, with its edit"),
            field => format!(
                "{item} {} stays {}",
                field_words(data, field),
                shown(kept.as_ref())
            ),
        });
    }
    // Worked out on a copy: a value that cannot be taken leaves everything as it was.
    let mut without = data.clone();
    without.conflicts.remove(at);
    let mut table = Table::try_from(&without).map_err(|e| e.to_string())?;
    let items = table
        .get_mut(&c.kind)
        .and_then(Value::as_array_mut)
        .ok_or_else(|| format!("conflict {id}: its {} are gone", c.kind))?;
    let index = items
        .iter()
        .position(|v| v.get("uid").and_then(Value::as_str) == Some(c.item.as_str()))
        .ok_or_else(|| {
            format!(
                "conflict {id}: the item is gone, so there is nothing to take (keep settles it)"
            )
        })?;
    if c.field == "*" {
        // The other side had deleted it.
        items.remove(index);
    } else {
        let here = items
            .get_mut(index)
            .and_then(Value::as_table_mut)
            .ok_or_else(|| format!("conflict {id}: the item is not a table"))?;
        put_other(here, &c)?;
    }
    let settled: Data = Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| {
            format!(
                "conflict {id}: the other value does not fit: {}",
                e.message()
            )
        })?;
    let problems = settled.problems();
    if !problems.is_empty() {
        return Err(format!(
            "conflict {id}: {}",
            super::problems::describe(&problems)
        ));
    }
    *data = settled;
    Ok(match c.field.as_str() {
        "*" => format!("{item} is deleted, as the other side had it"),
        field => format!(
            "{item} {} is now {} (the other side's)",
            field_words(data, field),
            shown(c.other.as_ref())
        ),
    })
}

/// Puts the other side's value at the conflict's field of `item` (its table).
fn put_other(item: &mut Table, c: &Conflict) -> Result<(), String> {
    let id = c.id;
    let path = steps(&c.field);
    let (last, parents) = path.split_last().ok_or("the conflict names no field")?;
    let mut here = item;
    for step in parents {
        let listed = step.select.is_none() && here.get(step.key).is_some_and(Value::is_array);
        here = descend(here, step).ok_or_else(|| match listed {
            // Written by a lane whose merge did not name the entry.
            true => format!(
                "conflict {id}: `{}` is a list and the conflict does not say which of its entries — \
                 `lane conflicts keep {id}` settles it; change the value by hand if the other one is right",
                step.key
            ),
            false => format!("conflict {id}: `{}` is not a table", step.key),
        })?;
    }
    match &c.other {
        Some(v) => here.insert(last.key.to_string(), v.clone()),
        None => here.remove(last.key),
    };
    Ok(())
}

/// The table a step of a path leads to (made when a plain key is missing; an
/// entry of a list must be there).
fn descend<'t>(here: &'t mut Table, step: &PathStep) -> Option<&'t mut Table> {
    let next = here
        .entry(step.key.to_string())
        .or_insert_with(|| Value::Table(Table::new()));
    match step.select {
        None => next.as_table_mut(),
        Some(select) => next
            .as_array_mut()?
            .iter_mut()
            .find(|entry| select.matches(entry))?
            .as_table_mut(),
    }
}

#[cfg(test)]
mod nested_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::merge::merge;
    use crate::model::test_util::{add, at};

    fn conflicted() -> Data {
        let mut base = Data::default();
        add(&mut base, Kind::Priority, &[("title", "Ship billing")]).unwrap();
        let (mut o, mut t) = (base.clone(), base.clone());
        o.priorities[0].title = "mine".into();
        t.priorities[0].title = "theirs".into();
        let mut n = 0;
        let mut uid = || {
            n += 1;
            format!("C{n}")
        };
        merge(&base, &o, &t, at("2026-11-24", "09:00"), &mut uid)
            .unwrap()
            .data
    }

    #[test]
    fn a_conflict_is_described_and_settled_either_way() {
        let data = conflicted();
        let c = &data.conflicts[0];
        assert_eq!(
            describe(&data, c),
            "priority 1 title: kept “mine”, the other side had “theirs”"
        );
        assert_eq!(about(&data, Kind::Priority, "U").count(), 1);

        let mut keep = data.clone();
        assert_eq!(
            settle(&mut keep, 1, false).unwrap(),
            "priority 1 title stays “mine”"
        );
        assert_eq!(
            (keep.priorities[0].title.as_str(), keep.conflicts.len()),
            ("mine", 0)
        );

        let mut take = data.clone();
        assert_eq!(
            settle(&mut take, 1, true).unwrap(),
            "priority 1 title is now “theirs” (the other side's)"
        );
        assert_eq!(
            (take.priorities[0].title.as_str(), take.conflicts.len()),
            ("theirs", 0)
        );

        let mut none = data;
        assert!(
            settle(&mut none, 9, true)
                .unwrap_err()
                .contains("no conflict 9")
        );
    }
}
