//! `docs/keys.md` and `assets/keymap.toml` agree: every binding is listed in
//! its context's table, and every key listed is bound (see `readme.rs` for the
//! whole set of checks).

use crate::readme::{prose, root};

/// `assets/keymap.toml` as (context, key, action), in file order.
fn default_bindings() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(root().join("assets/keymap.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let mut out = Vec::new();
    for (context, keys) in &table {
        for (key, binding) in keys.as_table().unwrap() {
            let action = binding["action"].as_str().unwrap().to_string();
            out.push((context.clone(), key.clone(), action));
        }
    }
    out
}

/// The table rows of each context's section of keys.md: (context, keys, action,
/// line). A section starts at a heading holding `` `[context]` `` and runs to the
/// next heading; a row's first cell holds its keys in backticks, its second the
/// action's name in backticks.
fn documented(doc: &str) -> Vec<(String, Vec<String>, String, usize)> {
    let ticked = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let mut out = Vec::new();
    let mut context: Option<String> = None;
    for (n, line) in prose(doc) {
        if line.starts_with('#') {
            context = ticked(line)
                .into_iter()
                .find_map(|t| t.strip_prefix('[')?.strip_suffix(']').map(str::to_string));
            continue;
        }
        let (Some(ctx), Some(row)) = (&context, line.trim().strip_prefix('|')) else {
            continue;
        };
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        // The header row and the |---| line say nothing.
        if cells.len() < 2 || cells[0].starts_with('-') || !cells[0].contains('`') {
            continue;
        }
        let action = ticked(cells[1]).into_iter().next().unwrap_or_default();
        out.push((ctx.clone(), ticked(cells[0]), action, n));
    }
    out
}

/// What is wrong between the keymap and keys.md: bindings keys.md does not
/// list, and rows that name a key the context does not bind to that action.
fn key_mismatches(bindings: &[(String, String, String)], doc: &str) -> Vec<String> {
    let rows = documented(doc);
    let mut wrong = Vec::new();
    for (ctx, key, action) in bindings {
        let listed = rows
            .iter()
            .any(|(c, keys, a, _)| c == ctx && a == action && keys.contains(key));
        if !listed {
            wrong.push(format!("[{ctx}] `{key}` → `{action}` is not in keys.md"));
        }
    }
    for (ctx, keys, action, line) in &rows {
        for key in keys {
            if !bindings
                .iter()
                .any(|(c, k, a)| c == ctx && k == key && a == action)
            {
                wrong.push(format!(
                    "keys.md:{line}: [{ctx}] `{key}` is not bound to `{action}` in assets/keymap.toml"
                ));
            }
        }
    }
    wrong
}

/// `docs/keys.md` lists every binding of `assets/keymap.toml`, and nothing else
/// as one. The rule: for each context `[ctx]` of the keymap, keys.md has a
/// section whose heading holds `` `[ctx]` ``, with a table whose rows read
/// `` | `key`, `other key` | `action` | what it does | ``: keys written as the
/// keymap writes them (`ctrl-r`, `space`, `backtab`), the action by its name.
/// Every binding must be in such a row of its context's section, and every key
/// in such a row must be bound to that action in that context. Keys the keymap
/// does not hold (editing keys in a field, digits in a choice, the mouse) are
/// written outside these tables.
#[test]
fn every_key_of_the_keymap_is_in_docs_keys_md() {
    let bindings = default_bindings();
    let contexts: std::collections::BTreeSet<&str> =
        bindings.iter().map(|(c, _, _)| c.as_str()).collect();
    assert!(
        bindings.len() > 150 && contexts.len() > 15,
        "{} bindings",
        bindings.len()
    );
    let doc = std::fs::read_to_string(root().join("docs/keys.md")).unwrap();
    let wrong = key_mismatches(&bindings, &doc);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    println!(
        "keys.md: {} bindings in {} contexts checked",
        bindings.len(),
        contexts.len()
    );
}

#[test]
fn a_key_missing_from_keys_md_or_bound_to_nothing_is_caught() {
    let b = |c: &str, k: &str, a: &str| (c.to_string(), k.to_string(), a.to_string());
    let bindings = [b("global", "q", "quit"), b("global", "?", "help")];
    let doc = "## Everywhere `[global]`\n\n| key | action | |\n|---|---|---|\n\
               | `q`, `Q` | `quit` | save and quit |\n";
    assert_eq!(
        key_mismatches(&bindings, doc),
        [
            "[global] `?` → `help` is not in keys.md",
            "keys.md:5: [global] `Q` is not bound to `quit` in assets/keymap.toml",
        ]
    );
}
