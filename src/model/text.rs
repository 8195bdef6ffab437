//! Text from the data made safe to print: control characters (C0, DEL, C1) and
//! bidirectional overrides are shown as visible escapes, never sent to a terminal
//! where they could move the cursor, set the title or reorder what is read.

/// `s` with every control or bidi-override character written as `\u{…}`.
pub fn visible(s: &str) -> String {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(unsafe_char) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if unsafe_char(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn escapes_and_overrides_are_shown_not_obeyed() {
        assert_eq!(visible("plain – text ✓"), "plain – text ✓");
        assert_eq!(
            visible("evil \u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}"),
            "evil \\u{1b}]0;pwned\\u{7}\\u{9b}2J\\u{202e}"
        );
        assert_eq!(visible("a\nb\tc"), "a\\u{a}b\\u{9}c");
    }
}
