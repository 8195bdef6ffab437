//! Trees a sync would take, looked at before it takes them: a remote (or a
//! plain `git pull`) that commits a symlink or a submodule where lane reads or
//! writes — `lane.toml`, the undo history, `archive/`, `reports/`, … — would
//! send lane's reads and writes anywhere the link points. One rule for every
//! such path: such a tree is refused whole, and nothing is changed.

use color_eyre::eyre::Result;

use super::git::Git;

/// Folders lane keeps in the data dir (everything in them is lane's too).
const DIRS: [&str; 4] = ["archive", "reports", "backups", "calendars"];

/// Files git reads for lane's merge (their links would point its settings elsewhere).
const GIT_FILES: [&str; 2] = [".gitattributes", ".gitignore"];

/// The top-level name of `path` when lane reads or writes there, and whether
/// that name is a folder of lane's.
fn lanes(path: &str) -> Option<(&str, bool)> {
    let top = path.split('/').next().unwrap_or(path);
    if DIRS.contains(&top) {
        return Some((top, true));
    }
    // `lane.toml`, `lane.undo.toml`, `lane.lock`, `lane.unsaved-…`, a save's
    // `.lane.toml.….tmp`, a report's `.lane-out.…`.
    let file = top.starts_with("lane.") || top.starts_with(".lane") || GIT_FILES.contains(&top);
    file.then_some((top, false))
}

/// Refuses `rev`'s tree when it has, at a path lane reads or writes, a
/// symlink, a submodule, or a folder where lane keeps a file. `whose` names
/// the tree in the message ("the remote", "the merge git started").
pub(super) fn refuse_planted(git: &Git, rev: &str, whose: &str) -> Result<()> {
    let listing = git.bytes(&["ls-tree", "-r", "-z", "--full-tree", rev])?;
    for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let Some((top, is_dir)) = lanes(path) else {
            continue;
        };
        let what = match meta.split(' ').next() {
            Some("120000") => "a symlink",
            Some("160000") => "a submodule",
            _ if !is_dir && path != top => {
                return Err(planted(whose, top, "a folder"));
            }
            _ => continue,
        };
        return Err(planted(whose, path, what));
    }
    Ok(())
}

fn planted(whose: &str, path: &str, what: &str) -> color_eyre::Report {
    color_eyre::eyre::eyre!(
        "{whose} commits {} as {what}, where lane reads and writes its own files; lane \
         does not take it (a link there could send your data anywhere). Fix it on the \
         machine that committed it (`git rm` the link and commit the real file)",
        path
    )
}

/// For a tree already taken (a plain `git pull`): the same refusal.
pub(super) fn refuse_taken(git: &Git) -> Result<()> {
    if !git.ok(&["rev-parse", "-q", "--verify", "HEAD"])? {
        return Ok(());
    }
    refuse_planted(
        git,
        "HEAD",
        "this repository's last commit (a plain `git pull`?)",
    )
    .map_err(|e| e.wrap_err("nothing was changed"))
}

#[cfg(test)]
mod tests {
    use super::lanes;

    #[test]
    fn lanes_paths_are_its_files_and_folders_and_nothing_else() {
        assert_eq!(lanes("lane.toml"), Some(("lane.toml", false)));
        assert_eq!(lanes("lane.undo.toml"), Some(("lane.undo.toml", false)));
        assert_eq!(
            lanes(".lane.toml.x1.tmp"),
            Some((".lane.toml.x1.tmp", false))
        );
        assert_eq!(lanes("archive/2025.toml"), Some(("archive", true)));
        assert_eq!(lanes("reports"), Some(("reports", true)));
        assert_eq!(lanes(".gitignore"), Some((".gitignore", false)));
        assert_eq!(lanes("notes/lane.toml"), None);
        assert_eq!(lanes("README.md"), None);
        assert_eq!(lanes("laneway.txt"), None);
    }
}
