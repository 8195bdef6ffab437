//! `[hooks]` in config.toml: the user's commands run after lane did something
//! (and `before_change`, asked before a change is saved: see `before`).
//! `on_change` gets a JSON document of what changed on stdin after every saved
//! change (the app, the command line); `on_review` the day's review as Markdown
//! when an evening review is completed; `on_sync` what a sync did. A hook runs
//! after the change is on disk: failing or hanging (stopped after
//! `timeout_seconds`), it never blocks or loses one — what it said is shown.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use serde_json::{Value, json};

use lane_core::model::{Data, Kind};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hooks {
    /// Asked before every change a person makes is saved; may refuse it.
    pub before_change: Option<String>,
    pub on_change: Option<String>,
    pub on_review: Option<String>,
    pub on_sync: Option<String>,
    pub timeout: Duration,
    /// The data dir the hooks run for: `LANE_DIR` in their environment.
    pub data_dir: Option<PathBuf>,
}

/// The version of what a hook is given (its stdin and environment), in
/// `LANE_HOOK_API`: a hook can check it and refuse what it does not know.
pub const API_VERSION: u32 = 1;

impl Hooks {
    pub fn any_on_save(&self) -> bool {
        self.on_change.is_some() || self.on_review.is_some()
    }

    /// The same hooks, run for the data dir `dir`.
    pub fn for_dir(mut self, dir: &Path) -> Hooks {
        self.data_dir = Some(std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()));
        self
    }

    /// Runs hook `name` (`on_change`…): `cmd` with `input` on its stdin and
    /// `LANE_HOOK`, `LANE_HOOK_API` and `LANE_DIR` in its environment.
    pub fn run(&self, name: &str, cmd: &str, input: &str) -> Result<(), String> {
        run_with(cmd, input, self.timeout, &self.env(name))
    }

    /// What hook `name` finds in its environment besides lane's own.
    fn env(&self, name: &str) -> Vec<(String, OsString)> {
        let mut env = vec![
            ("LANE_HOOK".to_string(), OsString::from(name)),
            (
                "LANE_HOOK_API".to_string(),
                OsString::from(API_VERSION.to_string()),
            ),
        ];
        if let Some(dir) = &self.data_dir {
            env.push(("LANE_DIR".to_string(), dir.clone().into_os_string()));
        }
        env
    }
}

/// What changed from `before` to `after`, item by item (by uid): each with its
/// kind, id and both versions (`null` for an item added or removed).
pub fn change_document(operation: &str, before: &Data, after: &Data) -> Value {
    // Only the items that differ are turned into JSON and paired: a save of a
    // year's plan costs what it changed, not what it holds.
    let (was, now) = lane_core::model::merge::differing(before, after);
    let mut changes = Vec::new();
    for kind in Kind::ALL {
        let items = |d: &Data| -> Vec<Value> {
            let v = match kind {
                Kind::Priority => serde_json::to_value(&d.priorities),
                Kind::Block => serde_json::to_value(&d.blocks),
                Kind::Blocker => serde_json::to_value(&d.blockers),
                Kind::Decision => serde_json::to_value(&d.decisions),
                Kind::Review => serde_json::to_value(&d.reviews),
            };
            match v {
                Ok(Value::Array(items)) => items,
                _ => Vec::new(),
            }
        };
        let (was, now) = (items(&was), items(&now));
        let change = |old: Option<&Value>, new: Option<&Value>| {
            let item = new.or(old).cloned().unwrap_or(Value::Null);
            json!({
                "kind": kind.noun(), "id": item["id"], "uid": item["uid"],
                "before": old.cloned(), "after": new.cloned(),
            })
        };
        for new in &now {
            changes.push(change(
                was.iter().find(|o| o["uid"] == new["uid"]),
                Some(new),
            ));
        }
        for old in was
            .iter()
            .filter(|o| !now.iter().any(|n| n["uid"] == o["uid"]))
        {
            changes.push(change(Some(old), None));
        }
    }
    json!({ "operation": operation, "changes": changes })
}

/// The change document as hooks get it on stdin: one line ending in a newline,
/// so `cat >> changes.jsonl` makes valid JSON Lines.
fn change_line(operation: &str, before: &Data, after: &Data) -> String {
    line_of(&change_document(operation, before, after))
}

fn line_of(doc: &Value) -> String {
    lane_core::model::text::json_safe(&doc.to_string()) + "\n"
}

/// Runs the hooks a saved change calls for; returns what each failing hook said.
pub fn after_save(
    hooks: &Hooks,
    operation: &str,
    before: &Data,
    after: &Data,
    rules: &lane_core::model::rules::Rules,
    now: NaiveDateTime,
) -> Vec<String> {
    let mut said = Vec::new();
    if let Some(cmd) = &hooks.on_change {
        let doc = change_line(operation, before, after);
        if let Err(why) = hooks.run("on_change", cmd, &doc) {
            said.push(format!("on_change hook: {why}"));
        }
    }
    if let Some(cmd) = &hooks.on_review {
        // A review that was not complete before and is now.
        let done = after
            .reviews
            .iter()
            .filter(|r| r.reviewed)
            .find(|r| !before.reviews.iter().any(|b| b.uid == r.uid && b.reviewed));
        if let Some(review) = done {
            let src = lane_core::report::Source {
                data: after,
                rules,
                period: lane_core::report::Period {
                    since: review.date,
                    until: review.date,
                },
                now,
            };
            let text = lane_core::report::markdown(lane_core::report::ReportKind::Review, &src);
            if let Err(why) = hooks.run("on_review", cmd, &text) {
                said.push(format!("on_review hook: {why}"));
            }
        }
    }
    said
}

mod before;
mod process;
pub use before::Refused;
pub use process::run;
use process::run_with;

#[cfg(test)]
mod tests {
    use super::*;
    use lane_core::model::test_util::{add, at};

    #[test]
    fn on_review_gets_the_day_as_markdown_once_when_the_review_completes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("review.md");
        let hooks = Hooks {
            on_review: Some(format!("cat >> {}", out.display())),
            timeout: Duration::from_secs(5),
            ..Hooks::default()
        };
        let mut before = Data::default();
        add(&mut before, Kind::Review, &[("wins", "invoices shipped")]).unwrap();
        let mut after = before.clone();
        after.reviews[0].reviewed = true;
        let rules = lane_core::model::rules::Rules::default();
        let now = at("2026-11-23", "18:00");
        assert!(after_save(&hooks, "submit", &before, &after, &rules, now).is_empty());
        // Saved again, already complete: not sent twice.
        assert!(after_save(&hooks, "submit", &after, &after, &rules, now).is_empty());
        let text = std::fs::read_to_string(&out).unwrap();
        assert_eq!(text.matches("invoices shipped").count(), 1, "{text}");
    }
}
