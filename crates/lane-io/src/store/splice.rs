//! Lane's own layout of new data, made from lane's own layout of the data it
//! changed: the items that changed are serialised and put in the place of the
//! old ones' text; everything else is copied. A change of one item costs the
//! serialisation of that item, not of the whole plan.
//!
//! It works because lane's layout is one `[[kind]]` table per item, each made
//! from that item alone, the items of a kind one after the other in their
//! order, a blank line between tables. Every place is found by the old items'
//! own text and must be found exactly once, and the old text must be exactly
//! what those items make; anything else — a change to what is not an item
//! (the version, the archived ids, conflicts, keys lane does not know), a kind
//! appearing or emptied, an item's text found twice (quoted in a note) — is
//! `None`, and the caller serialises the whole data as before. In tests every
//! result is compared with that whole serialisation (`Store::write`).

use std::collections::BTreeMap;

use serde::Serialize;

use lane_core::model::Data;
use lane_core::model::merge::common_ends;

/// Lane's layout of `new`, from `old_text`, lane's layout of `old`; `None`
/// when the change is not one this can make (see the module's comment).
pub(super) fn canonical_after(old_text: &str, old: &Data, new: &Data) -> Option<String> {
    let frame_same = old.version == new.version
        && old.archived_ids == new.archived_ids
        && old.conflicts == new.conflicts
        // In order: keys lane does not know are written as they come, and
        // a table's equality does not look at their order.
        && old.extra.iter().eq(new.extra.iter());
    if !frame_same {
        return None;
    }
    let edits = [
        edit(old_text, "priorities", &old.priorities, &new.priorities)?,
        edit(old_text, "blocks", &old.blocks, &new.blocks)?,
        edit(old_text, "blockers", &old.blockers, &new.blockers)?,
        edit(old_text, "decisions", &old.decisions, &new.decisions)?,
        edit(old_text, "reviews", &old.reviews, &new.reviews)?,
        edit(old_text, "series", &old.series, &new.series)?,
    ];
    let mut edits: Vec<Edit> = edits.into_iter().flatten().collect();
    edits.sort_by_key(|e| e.from);
    let mut text = String::with_capacity(old_text.len() + 1024);
    let mut at = 0;
    for e in edits {
        // Two kinds' places overlapping is no layout of lane's.
        if e.from < at {
            return None;
        }
        text.push_str(old_text.get(at..e.from)?);
        text.push_str(&e.with);
        at = e.to;
    }
    text.push_str(old_text.get(at..)?);
    Some(text)
}

/// The bytes `from..to` of the old text are to be `with`.
struct Edit {
    from: usize,
    to: usize,
    with: String,
}

/// The edit that turns the old items of `key` into the new ones: the run of
/// items between what both start and end with is replaced. `Some(None)`:
/// nothing changed; `None`: not an edit this can make.
fn edit<T: Serialize + PartialEq>(
    text: &str,
    key: &str,
    old: &[T],
    new: &[T],
) -> Option<Option<Edit>> {
    if old == new {
        return Some(None);
    }
    // A kind that appears or goes away moves the tables around it.
    if old.is_empty() || new.is_empty() {
        return None;
    }
    let (start, end) = common_ends(old, new);
    let (old_run, new_run) = (&old[start..old.len() - end], &new[start..new.len() - end]);
    let with = joined(key, new_run)?;
    match (old_run.first(), old_run.last()) {
        (Some(first), Some(last)) => {
            let from = found_once(text, &item_text(key, first)?)?;
            let last_text = item_text(key, last)?;
            let to = found_once(text, &last_text)? + last_text.len();
            // The place found must hold exactly the old run's text.
            if text.get(from..to)? != joined(key, old_run)? {
                return None;
            }
            if new_run.is_empty() {
                return Some(Some(removal(text, from, to)?));
            }
            Some(Some(Edit { from, to, with }))
        }
        // Only new items: after the one before them, or before the first.
        _ => Some(Some(match start.checked_sub(1) {
            Some(before) => {
                let anchor = item_text(key, &old[before])?;
                let at = found_once(text, &anchor)? + anchor.len();
                Edit {
                    from: at,
                    to: at,
                    with: format!("\n{with}"),
                }
            }
            None => {
                let at = found_once(text, &item_text(key, &old[0])?)?;
                Edit {
                    from: at,
                    to: at,
                    with: format!("{with}\n"),
                }
            }
        })),
    }
}

/// Taking out the tables at `from..to` and one of the blank lines beside
/// them: the one after, or the one before when they end the file.
fn removal(text: &str, from: usize, to: usize) -> Option<Edit> {
    let (from, to) = if text.get(to..)?.starts_with('\n') {
        (from, to + 1)
    } else if text.get(..from)?.ends_with("\n\n") {
        (from - 1, to)
    } else {
        return None;
    };
    Some(Edit {
        from,
        to,
        with: String::new(),
    })
}

/// The tables of `items`, as lane's layout has them: a blank line between.
fn joined<T: Serialize>(key: &str, items: &[T]) -> Option<String> {
    let texts: Option<Vec<String>> = items.iter().map(|i| item_text(key, i)).collect();
    Some(texts?.join("\n"))
}

/// One item's tables, exactly as they are in lane's layout of the whole data.
pub(super) fn item_text<T: Serialize>(key: &str, item: &T) -> Option<String> {
    toml::to_string(&BTreeMap::from([(key, [item])])).ok()
}

/// Where `needle` is in `text`, when it is there exactly once.
fn found_once(text: &str, needle: &str) -> Option<usize> {
    let at = text.find(needle)?;
    let again = text.get(at + 1..).is_some_and(|rest| rest.contains(needle));
    (!again).then_some(at)
}

#[cfg(test)]
#[path = "splice_tests.rs"]
mod tests;
