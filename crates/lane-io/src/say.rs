//! Everything lane prints outside its full-screen window passes here, so no
//! control character from the data (a hand edit, an import, an echoed argument)
//! ever reaches the terminal as itself: it is shown as a visible `\u{…}` escape.
//! The crate denies `print!`/`eprintln!` elsewhere so no output can bypass this.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;

use lane_core::model::text::visible_lines;

/// Writes `text` to standard output as it is, escaped.
pub fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    // A reader that went away (`lane list | head`) is not an error worth a word.
    let _ = stdout.write_all(visible_lines(text).as_bytes());
    let _ = stdout.flush();
}

/// One line to standard output.
pub fn line(text: &str) {
    out(&format!("{text}\n"));
}

/// One row of a list or a status line: text from the data that must stay one
/// line, so a line break in a title (an import, a hand edit) is escaped too and
/// can never forge a row of its own.
pub fn row(text: &str) {
    out(&format!("{}\n", lane_core::model::text::visible(text)));
}

/// One line to standard error: what lane did besides its output, or why not.
/// A message is never data, so a URL's credentials in it (a git remote in git's
/// words, a calendar address in a config line) are hidden (`model::redact`).
pub fn err(text: &str) {
    let text = lane_core::model::redact::redact(text);
    let _ = writeln!(std::io::stderr().lock(), "{}", visible_lines(&text));
}

/// `value` as pretty JSON that prints safely (see `text::json_safe`).
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    serde_json::to_string_pretty(value).map(|j| lane_core::model::text::json_safe(&j))
}
