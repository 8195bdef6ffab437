//! Writing by editing: the file as it is on disk is changed only where the data
//! changed, so comments, blank lines, spacing, key order and unknown keys of
//! everything else survive, and a one-field change is a one-line diff.
//!
//! `base` is the data the old text holds. An item equal to its base is left as
//! written; a changed item has only its changed keys replaced; a new item is
//! appended in the canonical layout; a deleted one is removed. The caller checks
//! that the result loads back as the new data, and otherwise writes the canonical
//! layout — so an edit can never change what is saved.

use std::collections::{HashMap, HashSet};

use toml::{Table, Value};
use toml_edit::{ArrayOfTables, DocumentMut, Item};

use lane_core::model::Data;

/// Edits `doc` (which holds `base`) to hold `new`. `None` where editing does not
/// apply (a layout this does not edit, such as inline arrays of items); `doc` may
/// then be half edited, and the caller drops it.
pub fn edit(doc: &mut DocumentMut, base: &Data, new: &Data) -> Option<()> {
    // Lists are compared as data first: only a list that changed is converted.
    macro_rules! list {
        ($field:ident) => {
            if base.$field != new.$field {
                let before = Value::try_from(&base.$field).ok()?;
                let after = Value::try_from(&new.$field).ok()?;
                edit_list(
                    doc,
                    stringify!($field),
                    before.as_array()?,
                    after.as_array()?,
                )?;
            }
        };
    }
    list!(priorities);
    list!(blocks);
    list!(blockers);
    list!(decisions);
    list!(reviews);
    list!(series);
    list!(conflicts);
    let rest = |d: &Data| Data {
        version: d.version,
        archived_ids: d.archived_ids,
        extra: d.extra.clone(),
        ..Data::default()
    };
    let (base, new) = (rest(base), rest(new));
    if base == new {
        return Some(());
    }
    let base = Table::try_from(&base).ok()?;
    let new = Table::try_from(&new).ok()?;
    let gone = base.keys().filter(|k| !new.contains_key(*k));
    for key in gone {
        doc.remove(key);
    }
    for (key, value) in &new {
        if base.get(key) != Some(value) {
            let mut item = canonical(key, value)?;
            if let (Item::Table(table), false) = (&mut item, doc.contains_key(key)) {
                // As in lane's layout: a new table a blank line below.
                table.decor_mut().set_prefix("\n");
            }
            doc.insert(key, item);
        }
    }
    Some(())
}

fn edit_list(doc: &mut DocumentMut, key: &str, base: &[Value], new: &[Value]) -> Option<()> {
    if new.is_empty() {
        // Empty lists are not written.
        doc.remove(key);
        return Some(());
    }
    if !doc.contains_key(key) || base.is_empty() {
        let mut item = canonical(key, &Value::Array(new.to_vec()))?;
        // A new table sits a blank line below what comes before it, as in the
        // canonical layout and as people keep their files.
        if let Some(first) = item.as_array_of_tables_mut().and_then(|a| a.get_mut(0)) {
            first.decor_mut().set_prefix("\n");
        }
        doc.insert(key, item);
        return Some(());
    }
    edit_items(doc, key, base, new)
}

/// The canonical rendering of `key = value`, as toml_edit's item. Its tables
/// carry no place of their own, so they are written where they are put.
fn canonical(key: &str, value: &Value) -> Option<Item> {
    let mut t = Table::new();
    t.insert(key.to_string(), value.clone());
    let text = toml::to_string(&t).ok()?;
    let doc: DocumentMut = text.parse().ok()?;
    let mut item = doc.get(key).cloned()?;
    match &mut item {
        Item::Table(t) => forget_positions(t),
        Item::ArrayOfTables(a) => a.iter_mut().for_each(forget_positions),
        _ => {}
    }
    Some(item)
}

/// One item of the list `key` in the canonical layout.
fn canonical_table(key: &str, item: &Value) -> Option<toml_edit::Table> {
    let list = canonical(key, &Value::Array(vec![item.clone()]))?;
    list.as_array_of_tables()?.get(0).cloned()
}

fn uid_of(v: &Value) -> Option<String> {
    v.get("uid")
        .and_then(Value::as_str)
        .filter(|u| !u.is_empty())
        .map(str::to_string)
        .or_else(|| v.get("id").map(|id| format!("id={id}")))
}

fn doc_uid(t: &toml_edit::Table) -> Option<String> {
    t.get("uid")
        .and_then(Item::as_str)
        .filter(|u| !u.is_empty())
        .map(str::to_string)
        .or_else(|| {
            t.get("id")
                .and_then(Item::as_integer)
                .map(|id| format!("id={id}"))
        })
}

/// Edits the list `key` (`[[priorities]]`, …) item by item.
fn edit_items(doc: &mut DocumentMut, key: &str, base: &[Value], new: &[Value]) -> Option<()> {
    let old = doc.get(key)?.as_array_of_tables()?;
    let old_tables: HashMap<String, &toml_edit::Table> =
        old.iter().filter_map(|t| Some((doc_uid(t)?, t))).collect();
    let base_items: HashMap<String, &Value> =
        base.iter().filter_map(|v| Some((uid_of(v)?, v))).collect();
    let old_order: Vec<String> = old.iter().filter_map(doc_uid).collect();
    // Sets, not lists: each item looked up in a list of all the others made a
    // write of 100 000 items take minutes.
    let new_uids: HashSet<String> = new.iter().filter_map(uid_of).collect();
    // A comment above a deleted item that a blank line sets apart (a note on the
    // file or the section, not on that item) moves to the item after it.
    let mut carried = String::new();
    let mut carry_over: HashMap<String, String> = HashMap::new();
    for t in old.iter() {
        let Some(uid) = doc_uid(t) else { continue };
        if new_uids.contains(&uid) {
            if !carried.is_empty() {
                carry_over.insert(uid, std::mem::take(&mut carried));
            }
            continue;
        }
        let prefix = t.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
        if let Some(end) = prefix.rfind("\n\n") {
            carried.push_str(&prefix[..end + 1]);
        }
    }
    let mut kept_order = Vec::new();
    let mut out = ArrayOfTables::new();
    for value in new {
        let uid = uid_of(value)?;
        let table = match (old_tables.get(&uid), base_items.get(&uid)) {
            (Some(old_table), Some(&base_value)) => {
                let mut table = (*old_table).clone();
                if base_value != value {
                    let canonical = canonical_table(key, value)?;
                    edit_fields(&mut table, base_value, value, &canonical)?;
                }
                if let Some(note) = carry_over.get(&uid) {
                    let prefix = table
                        .decor()
                        .prefix()
                        .and_then(|p| p.as_str())
                        .unwrap_or("");
                    let joined = format!("{note}{prefix}");
                    table.decor_mut().set_prefix(joined);
                }
                kept_order.push(uid);
                table
            }
            _ => {
                let mut table = canonical_table(key, value)?;
                table.decor_mut().set_prefix("\n");
                table
            }
        };
        out.push(table);
    }
    // Items moved (J/K): their written positions would put them back in the old
    // order, so they take their places from the new one.
    let kept: HashSet<&String> = kept_order.iter().collect();
    let moved = old_order
        .iter()
        .filter(|u| kept.contains(u))
        .ne(kept_order.iter());
    if moved {
        for table in out.iter_mut() {
            forget_positions(table);
        }
    }
    doc.insert(key, Item::ArrayOfTables(out));
    Some(())
}

fn forget_positions(table: &mut toml_edit::Table) {
    table.set_position(None);
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => forget_positions(t),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(forget_positions),
            _ => {}
        }
    }
}

/// Replaces the keys of one item whose values changed, keeping the rest as written.
fn edit_fields(
    table: &mut toml_edit::Table,
    base: &Value,
    new: &Value,
    canonical: &toml_edit::Table,
) -> Option<()> {
    let (base, new) = (base.as_table()?, new.as_table()?);
    let in_lanes_order = in_order_of(table, canonical);
    let gone: Vec<String> = base
        .keys()
        .filter(|k| !new.contains_key(*k))
        .cloned()
        .collect();
    for key in gone {
        table.remove(&key);
    }
    for (key, value) in new {
        if base.get(key) == Some(value) {
            continue;
        }
        let item = canonical.get(key)?.clone();
        match table.get_mut(key) {
            // A plain value keeps its place and the comment after it.
            Some(Item::Value(old)) if item.is_value() => {
                let decor = old.decor().clone();
                *old = item.as_value()?.clone();
                *old.decor_mut() = decor;
            }
            _ => {
                table.insert(key, item);
            }
        }
    }
    if in_lanes_order {
        // A key new to the item goes where lane puts it, not last: a file in
        // lane's own layout stays in it (and is written without editing next time).
        let place = |key: &str| canonical.iter().position(|(k, _)| k == key);
        table.sort_values_by(|a, _, b, _| place(a.get()).cmp(&place(b.get())));
    }
    Some(())
}

/// True when the plain values of `table` come in the order lane writes them
/// (`canonical`'s): the user has not ordered its keys their own way.
fn in_order_of(table: &toml_edit::Table, canonical: &toml_edit::Table) -> bool {
    let mut places = table
        .iter()
        .filter(|(_, item)| item.is_value())
        .map(|(key, _)| canonical.iter().position(|(k, _)| k == key));
    let mut last = None;
    places.all(|place| {
        let in_order = place.is_some() && place >= last;
        last = place;
        in_order
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HAND: &str = r#"version = 1
# my lane, kept in git

[[priorities]]
id = 1
uid = "P1"
title   = "Ship billing v2"   # aligned by hand
impact = "high"

# the hiring one
[[priorities]]
id = 2
uid = "P2"
title = "Hire a data engineer"
urgency = "low"
"#;

    fn load(text: &str) -> Data {
        toml::from_str(text).unwrap()
    }

    fn edited(old: &str, base: &Data, new: &Data) -> Option<String> {
        let mut doc: DocumentMut = old.parse().unwrap();
        edit(&mut doc, base, new).map(|()| doc.to_string())
    }

    #[test]
    fn one_changed_field_is_one_changed_line() {
        let base = load(HAND);
        let mut new = base.clone();
        new.priorities[1].title = "Hire two data engineers".into();
        let text = edited(HAND, &base, &new).unwrap();
        let changed: Vec<(&str, &str)> = HAND
            .lines()
            .zip(text.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(
            changed,
            [(
                "title = \"Hire a data engineer\"",
                "title = \"Hire two data engineers\""
            )]
        );
        assert_eq!(HAND.lines().count(), text.lines().count());
        assert_eq!(load(&text), new);
    }

    #[test]
    fn a_new_item_is_appended_and_a_deleted_one_removed_comments_stay() {
        let base = load(HAND);
        let mut new = base.clone();
        new.priorities.remove(0);
        let mut third = new.priorities[0].clone();
        third.id = 3;
        third.uid = "P3".into();
        third.title = "Quarterly roadmap".into();
        new.priorities.push(third);
        let text = edited(HAND, &base, &new).unwrap();
        assert!(text.contains("# my lane, kept in git"), "{text}");
        assert!(text.contains("# the hiring one"), "{text}");
        assert!(!text.contains("aligned by hand"), "{text}");
        let last = text.rsplit("[[priorities]]").next().unwrap();
        assert!(
            last.contains("title = \"Quarterly roadmap\""),
            "appended last: {text}"
        );
        assert!(
            text.contains("urgency = \"low\"\n\n[[priorities]]\nid = 3"),
            "{text}"
        );
        assert_eq!(load(&text), new);
    }

    #[test]
    fn a_new_kind_of_table_comes_after_a_blank_line() {
        let old = "version = 1\n\n[[priorities]]\nid = 1\nuid = \"p1\"\ntitle = \"One\"\n";
        let base = load(old);
        let mut new = base.clone();
        let mut b = lane_core::model::Block::planned(
            1,
            "b1".into(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            (
                chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            ),
            "spec".into(),
            lane_core::model::BlockKind::Deep,
        );
        b.priority = Some(1);
        new.blocks.push(b);
        let text = edited(old, &base, &new).unwrap();
        assert!(text.contains("title = \"One\"\n\n[[blocks]]\n"), "{text}");
    }

    #[test]
    fn a_key_new_to_an_item_in_lanes_order_goes_where_lane_puts_it() {
        let short = "version = 1\n\n[[priorities]]\nid = 1\nuid = \"p1\"\ntitle = \"One\"\nimpact = \"high\"\n";
        let old = &toml::to_string(&load(short)).unwrap();
        let base = load(old);
        let mut new = base.clone();
        new.priorities[0].due = chrono::NaiveDate::from_ymd_opt(2026, 12, 11);
        let text = edited(old, &base, &new).unwrap();
        assert_eq!(text, toml::to_string(&new).unwrap());
        // Keys in the user's own order stay in it; the new one goes last.
        let mine = old.replace(
            "title = \"One\"\nimpact = \"high\"",
            "impact = \"high\"\ntitle = \"One\"",
        );
        let text = edited(&mine, &base, &new).unwrap();
        assert!(
            text.contains("impact = \"high\"\ntitle = \"One\"\n"),
            "{text}"
        );
        assert!(text.ends_with("\ndue = \"2026-12-11\"\n"), "{text}");
    }

    #[test]
    fn reordered_items_are_written_in_their_new_order() {
        let base = load(HAND);
        let mut new = base.clone();
        new.priorities.swap(0, 1);
        let text = edited(HAND, &base, &new).unwrap();
        assert_eq!(load(&text), new, "{text}");
    }
}
