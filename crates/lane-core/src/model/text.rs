//! Text from the data made safe to print, and typed text kept plain.
//!
//! Control characters (C0, DEL, C1) and bidirectional overrides could move a
//! terminal's cursor, set its title, write its clipboard (OSC 52) or reorder what
//! is read. Typed text with them is refused where it comes in (forms, notes, the
//! command line); text that still holds them (a hand edit, an import) is shown
//! escaped wherever it goes out: the terminal, a report, an export.

/// A character that must never reach a terminal as itself.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Bidi embeddings, overrides, isolates and marks; line and
            // paragraph separators, which some terminals break lines on.
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// A character `visible_lines` would escape.
pub fn is_unsafe_printed(c: char) -> bool {
    is_unsafe(c) && c != '\n' && c != '\t'
}

fn escaped(s: &str, keep: impl Fn(char) -> bool) -> String {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if is_unsafe(c) && !keep(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `s` with every control or bidi-override character written as `\u{…}`.
pub fn visible(s: &str) -> String {
    escaped(s, |_| false)
}

/// Like `visible`, for many lines of output: line breaks (LF, and CRLF as
/// iCalendar ends its lines) and tabs stay as they are — they move nothing but
/// the cursor's line and column. A lone CR, which lets a line overwrite itself,
/// is escaped.
pub fn visible_lines(s: &str) -> String {
    if !s.chars().any(is_unsafe_printed) {
        return s.to_string();
    }
    s.split("\r\n")
        .map(|part| escaped(part, |c| c == '\n' || c == '\t'))
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// Text with every line break as `\n`: CRLF (as editors on Windows save) and a
/// lone CR (old Mac files) are line breaks, not control characters to refuse.
pub fn unix_lines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_string();
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// JSON text with the characters JSON allows raw but a terminal obeys (DEL, C1,
/// bidi overrides) written as `\uXXXX` escapes: the same JSON value, safe to
/// print. They can only stand inside strings, where the escape means the same.
pub fn json_safe(json: &str) -> String {
    if !json.chars().any(is_unsafe_in_json) {
        return json.to_string();
    }
    json.chars()
        .map(|c| {
            if is_unsafe_in_json(c) {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn is_unsafe_in_json(c: char) -> bool {
    // serde_json escapes the C0 range itself; newlines between tokens are layout.
    is_unsafe(c) && (c as u32) > 0x1f
}

/// Refuses typed text that holds a control character other than a line break or
/// a tab: lane keeps what is typed as plain text.
pub fn plain(label: &str, s: &str) -> Result<(), String> {
    refuse(label, s, |c| c == '\n' || c == '\t')
}

/// Refuses typed text that is not one plain line (a title, a name, a date).
pub fn one_line(label: &str, s: &str) -> Result<(), String> {
    refuse(label, s, |_| false)
}

fn refuse(label: &str, s: &str, keep: impl Fn(char) -> bool) -> Result<(), String> {
    match s.chars().find(|&c| is_unsafe(c) && !keep(c)) {
        None => Ok(()),
        Some('\n') => Err(format!("{label} must be one line")),
        Some(c) => Err(format!(
            "{label} holds a control character (U+{:04X}); type plain text",
            c as u32
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_overrides_are_shown_not_obeyed() {
        assert_eq!(visible("plain – text ✓"), "plain – text ✓");
        assert_eq!(
            visible("evil \u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}"),
            "evil \\u{1b}]0;pwned\\u{7}\\u{9b}2J\\u{202e}"
        );
        assert_eq!(visible("a\nb\tc"), "a\\u{a}b\\u{9}c");
        assert_eq!(visible_lines("a\nb\tc\r\u{1b}"), "a\nb\tc\\u{d}\\u{1b}");
        assert_eq!(visible_lines("BEGIN\r\nEND\r\n"), "BEGIN\r\nEND\r\n");
        assert_eq!(visible_lines("x\r\u{7}\r\n"), "x\\u{d}\\u{7}\r\n");
    }

    #[test]
    fn json_stays_the_same_value_but_prints_safely() {
        let value = serde_json::json!({"t": "x\u{1b}]52;c;cm0=\u{7}\u{9b}\u{7f}\u{202e}é"});
        let raw = serde_json::to_string_pretty(&value).unwrap();
        let safe = json_safe(&raw);
        assert!(!safe.chars().any(is_unsafe_in_json), "{safe}");
        assert!(!safe.chars().any(|c| is_unsafe(c) && c != '\n'), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn typed_text_with_controls_is_refused_with_the_code_point() {
        assert!(plain("Title", "Ship the billing spec – v2").is_ok());
        let e = plain("Title", "evil \u{1b}]0;pwned\u{7}").unwrap_err();
        assert_eq!(
            e,
            "Title holds a control character (U+001B); type plain text"
        );
        assert!(plain("Note", "two\nlines\tand a tab").is_ok());
        assert_eq!(
            one_line("Title", "two\nlines").unwrap_err(),
            "Title must be one line"
        );
        assert!(plain("Note", "rtl \u{202e}txt").is_err());
        assert!(plain("Note", "bell \u{7}").is_err());
    }
}

/// `n` and the noun in the number it takes: "1 block", "2 blocks", "0 blocks".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod count_tests {
    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(super::count(1, "block", "blocks"), "1 block");
        assert_eq!(super::count(0, "block", "blocks"), "0 blocks");
        assert_eq!(super::count(2, "call", "calls"), "2 calls");
    }
}
