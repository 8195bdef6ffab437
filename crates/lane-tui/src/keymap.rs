//! The keymap: `assets/keymap.toml` compiled in, overridden by the user's
//! `keymap.toml`. One table per context, so help, footer and lookups all read
//! the same bindings.

use std::collections::BTreeMap;
use std::path::Path;

use color_eyre::eyre::{Result, bail, eyre};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use strum::IntoEnumIterator;

use crate::action::Action;
use crate::context::Context;
use lane_io::located::located;

pub const DEFAULT_KEYMAP: &str = include_str!("../../../assets/keymap.toml");
pub const KEYMAP_FILE: &str = "keymap.toml";

/// A key with the modifiers that matter (ctrl, alt). Shift is part of the
/// character itself (`J`), so it is not compared separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Chord {
    pub fn from_event(ev: KeyEvent) -> Chord {
        Chord {
            code: ev.code,
            mods: ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT),
        }
    }

    pub fn parse(text: &str) -> Result<Chord, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            if let Some(r) = strip_modifier(rest, "ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = strip_modifier(rest, "alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdown" => KeyCode::PageDown,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => return Err(format!("`{text}` is not a key name")),
            },
        };
        Ok(Chord { code, mods })
    }
}

/// `ctrl-r` without `ctrl-`, in any case; `get` keeps the slicing on character
/// boundaries whatever the file holds.
fn strip_modifier<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    (head.eq_ignore_ascii_case(prefix) && s.len() > prefix.len()).then(|| &s[prefix.len()..])
}

#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub chord: Chord,
    /// The key as written in the keymap, shown in help and footer.
    pub key: String,
    pub action: Action,
    pub desc: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    contexts: Vec<(Context, Vec<Binding>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    action: String,
    #[serde(default)]
    desc: Option<String>,
}

impl Keymap {
    /// The compiled-in defaults.
    pub fn defaults() -> Result<Keymap> {
        let mut km = Keymap {
            contexts: Context::iter().map(|c| (c, Vec::new())).collect(),
        };
        km.merge(DEFAULT_KEYMAP, Path::new("assets/keymap.toml"))?;
        Ok(km)
    }

    /// Defaults, overridden by `keymap.toml` from `dir` if it exists.
    pub fn load(dir: &Path) -> Result<Keymap> {
        let mut km = Keymap::defaults()?;
        let path = dir.join(KEYMAP_FILE);
        if let Some(text) = lane_io::store::read_text(&path)? {
            km.merge(&text, &path)?;
        }
        Ok(km)
    }

    fn merge(&mut self, text: &str, path: &Path) -> Result<()> {
        let raw: BTreeMap<String, toml::Table> =
            toml::from_str(text).map_err(|e| located(path, text, &e))?;
        // Keep file order: BTreeMap sorts, so walk our context order instead.
        for name in raw.keys() {
            if Context::parse(name).is_none() {
                bail!(
                    "{}: unknown context [{name}]; contexts are {}",
                    path.display(),
                    Context::names()
                );
            }
        }
        for (context, bindings) in self.contexts.iter_mut() {
            let name = context.name();
            let Some(table) = raw.get(name) else { continue };
            for (key, value) in table {
                let at = || format!("{}: [{name}] \"{key}\"", path.display());
                let chord = Chord::parse(key).map_err(|e| eyre!("{}: {e}", at()))?;
                let rb: RawBinding = value
                    .clone()
                    .try_into()
                    .map_err(|e: toml::de::Error| eyre!("{}: {}", at(), e.message()))?;
                let action: Action = toml::Value::String(rb.action.clone())
                    .try_into()
                    .map_err(|_| eyre!("{}: unknown action `{}`", at(), rb.action))?;
                let desc = rb.desc.unwrap_or_else(|| rb.action.replace('_', " "));
                let binding = Binding {
                    chord,
                    key: key.clone(),
                    action,
                    desc,
                };
                match bindings.iter_mut().find(|b| b.chord == chord) {
                    Some(existing) => *existing = binding,
                    None => bindings.push(binding),
                }
            }
        }
        Ok(())
    }

    pub fn context(&self, context: Context) -> &[Binding] {
        self.contexts
            .iter()
            .find(|(c, _)| *c == context)
            .map(|(_, b)| b.as_slice())
            .unwrap_or_default()
    }

    /// The bindings in force for these contexts, earlier contexts winning, each key once.
    pub fn active(&self, contexts: &[Context]) -> Vec<(Context, &Binding)> {
        let mut out: Vec<(Context, &Binding)> = Vec::new();
        for &ctx in contexts {
            for b in self.context(ctx) {
                if !out.iter().any(|(_, o)| o.chord == b.chord) {
                    out.push((ctx, b));
                }
            }
        }
        out
    }

    pub fn lookup(&self, contexts: &[Context], ev: KeyEvent) -> Option<Action> {
        let chord = Chord::from_event(ev);
        contexts
            .iter()
            .flat_map(|&c| self.context(c))
            .find(|b| b.chord == chord)
            .map(|b| b.action)
    }

    /// The first key bound to `action` in these contexts, for hints.
    pub fn key_for(&self, contexts: &[Context], action: Action) -> Option<&str> {
        self.active(contexts)
            .into_iter()
            .find(|(_, b)| b.action == action)
            .map(|(_, b)| b.key.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_parse_and_junk_does_not() {
        assert_eq!(Chord::parse("ctrl-r").unwrap().mods, KeyModifiers::CONTROL);
        assert_eq!(
            Chord::parse("CTRL-ALT-x").unwrap().mods,
            KeyModifiers::CONTROL | KeyModifiers::ALT
        );
        assert_eq!(Chord::parse("-").unwrap().code, KeyCode::Char('-'));
        assert_eq!(Chord::parse("f12").unwrap().code, KeyCode::F(12));
        assert!(Chord::parse("ctrl-").is_err());
        assert!(Chord::parse("hyper-é").is_err());
        assert!(Chord::parse("f13").is_err());
    }
}
