//! Text cut to the room it has. Whatever is cut ends in `…`, so a reader knows
//! there is more (and `e` or the detail shows it); nothing is cut mid-glyph.

use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` in at most `width` columns, ending in `…` when cut. Trailing spaces
/// that do not fit are dropped without a mark: nothing was lost.
pub fn clip(text: &str, width: usize) -> String {
    let trimmed = text.trim_end();
    if text.width() <= width {
        text.to_string()
    } else if trimmed.width() <= width {
        trimmed.to_string()
    } else {
        cut(trimmed, width)
    }
}

/// The start of `text` and `…`, in at most `width` columns.
fn cut(text: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    // A cut right after a space reads as a gap, not as "more".
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Exactly `width` columns: clipped as [`clip`], or padded with spaces.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = clip(text, width);
    let pad = width.saturating_sub(out.width());
    out.push_str(&" ".repeat(pad));
    out
}

/// A line in at most `width` columns: spans past the edge go, and the one at
/// the edge ends in `…` (in its own style) when anything was cut.
pub fn clip_line(line: Line<'static>, width: usize) -> Line<'static> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    if text.trim_end().width() <= width {
        return line;
    }
    let mut spans = Vec::new();
    let mut room = width;
    for span in line.spans {
        let w = span.content.width();
        if w < room {
            room -= w;
            spans.push(span);
        } else {
            spans.push(Span::styled(cut(&span.content, room), span.style));
            break;
        }
    }
    Line { spans, ..line }
}

/// `text` broken into lines of at most `width` columns, at spaces where it
/// can be, inside a word longer than a line where it cannot.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let sep = usize::from(!line.is_empty());
        if line.width() + sep + word.width() <= width {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if line.width() + c.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_text_ends_in_an_ellipsis_and_fits() {
        assert_eq!(clip("Hire a data engineer", 17), "Hire a data engi…");
        assert_eq!(clip("Hire a data engineer", 20), "Hire a data engineer");
        // A cut after a space keeps no dangling space before the mark.
        assert_eq!(clip("Hire a data engineer", 8), "Hire a…");
        assert_eq!(clip("overdue silent ", 14), "overdue silent");
        assert_eq!(clip("überall", 3), "üb…");
        // Wide glyphs are never split: the mark takes the odd column.
        assert_eq!(clip("日本語の題", 6), "日本…");
        assert_eq!(clip("abc", 0), "");
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 5), "abcd…");
    }

    #[test]
    fn words_wrap_at_spaces_and_long_words_break() {
        assert_eq!(
            wrap_words("Customers can pay by invoice", 16),
            ["Customers can", "pay by invoice"]
        );
        assert_eq!(wrap_words("abcdefghij xy", 4), ["abcd", "efgh", "ij", "xy"]);
        assert_eq!(wrap_words("", 5), [""]);
        for line in wrap_words("日本語のタイトル launch", 5) {
            assert!(line.width() <= 5, "{line}");
        }
    }

    #[test]
    fn a_cut_line_keeps_its_styles_and_ends_in_an_ellipsis() {
        use ratatui::style::Style;
        let warn = Style::new().bold();
        let line = Line::from(vec![
            Span::raw("Focus "),
            Span::styled("Ship billing v2", warn),
        ]);
        let cut = clip_line(line.clone(), 14);
        assert_eq!(cut.to_string(), "Focus Ship bi…");
        assert_eq!(cut.spans[1].style, warn);
        assert_eq!(clip_line(line.clone(), 21), line);
        // The edge falls right after a span: the mark goes on that span.
        let cut = clip_line(line, 7);
        assert_eq!(cut.to_string(), "Focus …");
        assert!(cut.width() <= 7);
    }
}
