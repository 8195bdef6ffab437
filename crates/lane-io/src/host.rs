//! This machine's name, as `lane sync` writes it in its commits ("(on HOST)")
//! and as a conflict names the machines whose values met. `LANE_HOST` sets it
//! (two data dirs on one machine, tests); else the host name.

use std::path::Path;
use std::process::Command;

pub fn name() -> String {
    if let Ok(set) = std::env::var("LANE_HOST")
        && !set.trim().is_empty()
    {
        return set.trim().to_string();
    }
    let mut buf = [0u8; 256];
    // SAFETY: the buffer and its length are ours; gethostname writes within them.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    match std::str::from_utf8(&buf[..end]) {
        Ok(h) if rc == 0 && !h.is_empty() => h.to_string(),
        _ => "this machine".to_string(),
    }
}

/// Set by `lane sync` for the merge driver it has git run: the machine whose
/// commit is being merged in.
pub const MERGING_FROM: &str = "LANE_MERGING_FROM";

/// The machine that made commit `rev`, read off lane's commit subject
/// "lane: … (on HOST)"; none for a commit lane did not make.
pub fn of_commit(repo: &Path, rev: &str) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["log", "-1", "--format=%s", rev])
        .output()
        .ok()?;
    let subject = String::from_utf8(out.stdout).ok()?;
    let host = subject.trim().strip_suffix(')')?.rsplit_once("(on ")?.1;
    (!host.is_empty() && subject.starts_with("lane: ")).then(|| host.to_string())
}

/// The machine whose version the merge driver is merging in: as `lane sync`
/// said, else (a plain `git pull` stopped and finished) `MERGE_HEAD`'s.
pub fn merging_from(repo: &Path) -> Option<String> {
    std::env::var(MERGING_FROM)
        .ok()
        .filter(|h| !h.trim().is_empty())
        .or_else(|| of_commit(repo, "MERGE_HEAD"))
}
