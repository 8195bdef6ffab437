//! Reports copied out: to the clipboard through the terminal, and to a file.

use std::io;
use std::path::Path;

use color_eyre::eyre::{Result, WrapErr};

/// Puts `text` on the clipboard through the terminal (OSC 52, which works over
/// ssh and in tmux with `set-clipboard on`) and, since no terminal says whether it
/// took it, also writes it to `reports/NAME.md` in the data dir.
pub(super) fn copy_out(data_dir: &Path, name: &str, text: &str) -> Result<String> {
    use std::io::Write;
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))
        .and_then(|()| out.flush())
        .wrap_err("cannot write to the terminal")?;
    // The file's name comes first: a narrow message line cuts the end, and the
    // directory is the part the user already knows.
    let file = format!("{name}.md");
    let copied = format!(
        "copied {file} ({} lines) to the clipboard",
        text.lines().count()
    );
    // Private like all lane writes, and never through a symlink planted at the name.
    let dir = data_dir.join("reports");
    let path = dir.join(&file);
    lane_io::store::own_dir(&dir)
        .and_then(|()| lane_io::store::write_private(&path, text.as_bytes()))
        .map_err(|e| color_eyre::eyre::eyre!("{copied}, but not to a file: {e:#}"))?;
    Ok(format!("{copied} — also in {}/", dir.display()))
}

/// Standard base64 with padding (RFC 4648), for OSC 52.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
