//! `lane sync`: two machines, one lane, over the user's own git.
//!
//! A sync commits what changed here, fetches, merges with lane's three-way merge
//! by uid (git calls `lane merge-driver` for `lane.toml` and the archive), and
//! pushes; a push the remote rejected because it moved is fetched and merged
//! again, a few times. It never leaves conflict markers and never a half-merged
//! repository: when a step fails, what it did is undone — the data files are as
//! they were — and git's own words say why.

mod copies;
pub(crate) mod git;
pub(crate) mod lock;
mod planted;

use std::path::Path;

use chrono::NaiveDateTime;
use color_eyre::eyre::{Result, WrapErr, bail, eyre};

use crate::store::{self, Access, DATA_FILE, Store};
use git::{DRIVER, Git};
use lane_core::model::{Data, Kind};

/// The branch a repository lane makes works on (an adopted one keeps its own).
const BRANCH: &str = "main";
pub(crate) const REMOTE: &str = "origin";
/// How often a push the remote rejected (it moved meanwhile) is merged again.
pub(crate) const ATTEMPTS: usize = 3;

/// Which files git merges with lane's merge.
const ATTRIBUTES: [&str; 6] = [
    "lane.toml merge=lane",
    "archive/*.toml merge=lane",
    // Two machines' lists of settings meet line by line, never as a conflict.
    ".gitattributes merge=union",
    ".gitignore merge=union",
    copies::ATTRIBUTES[0],
    copies::ATTRIBUTES[1],
];

/// What stays on this machine: the lock, the status bar's slim copy, the parsed copy, a killed
/// writer's temp files, rescue copies and drafts, written reports, migration
/// backups, the calendars' fetch state (their copies travel: see `copies`),
/// the team repository (`lane share`: a repository of its own), the archive's
/// indexes.
const IGNORED: [&str; 18] = [
    "lane.lock",
    "lane.cache.json",
    "lane.status.json",
    "lane.undo.log",
    "lane.undo.toml",
    "lane.status.toml",
    "lane.reminded.toml",
    "lane.reminded.lock",
    ".lane.toml.*.tmp",
    ".lane-out.*",
    "lane.unsaved-*",
    "lane.draft.toml",
    "reports/",
    "backups/",
    "team/",
    copies::IGNORED[0],
    copies::IGNORED[1],
    copies::ARCHIVE_INDEX,
];

/// The files a sync commits.
const TRACKED: [&str; 5] = [
    DATA_FILE,
    "archive",
    "calendars",
    ".gitattributes",
    ".gitignore",
];

/// `lane sync init REMOTE`: makes `dir` a git repository (or adopts the one it
/// is), sets the remote and syncs once; data already on the remote is merged
/// with the data here, never one over the other. On failure, what init made is
/// removed again.
pub fn init(dir: &Path, remote: &str, now: NaiveDateTime) -> Result<String> {
    refuse_symlink(dir)?;
    let git = Git::new(dir)?;
    let made_dir = !dir.exists();
    store::create_private_dir(dir)?;
    let made_repo = !dir.join(".git").exists();
    if made_repo {
        git.run(&["init", "-q", "-b", BRANCH])?;
    } else if let Ok(url) = git.run(&["remote", "get-url", REMOTE])
        && url != remote
    {
        // An adopted repository's origin is the user's: never repointed by lane.
        bail!(
            "this repository's {REMOTE} is {url}, not {remote}; nothing was changed. To sync \
             with {remote}, point {REMOTE} there yourself (git remote set-url {REMOTE} {remote})"
        );
    }
    // What init changes, to put back exactly if it fails.
    let files: Vec<(&str, Option<String>)> = [".gitattributes", ".gitignore"]
        .into_iter()
        .map(|f| store::read_text(&dir.join(f)).map(|t| (f, t)))
        .collect::<Result<_>>()?;
    let had_driver = git.ok(&["config", "--get", &format!("merge.{DRIVER}.driver")])?;
    let had_origin = git.ok(&["remote", "get-url", REMOTE])?;
    let undo = |e: color_eyre::Report| -> color_eyre::Report {
        if made_repo {
            let _ = std::fs::remove_dir_all(dir.join(".git"));
        } else {
            if !had_driver {
                let _ = git.run(&["config", "--remove-section", &format!("merge.{DRIVER}")]);
            }
            if !had_origin {
                let _ = git.run(&["remote", "remove", REMOTE]);
            }
        }
        for (f, text) in &files {
            let _ = match text {
                Some(t) => store::write_private(&dir.join(f), t.as_bytes()),
                None => std::fs::remove_file(dir.join(f)).map_err(Into::into),
            };
        }
        if made_dir {
            let _ = std::fs::remove_file(dir.join(store::LOCK_FILE));
            let _ = std::fs::remove_dir(dir);
        }
        e.wrap_err(format!(
            "lane sync init {remote} did not finish; {} was left as it was",
            dir.display()
        ))
    };
    let set_up = || -> Result<()> {
        add_lines(&dir.join(".gitattributes"), &ATTRIBUTES)?;
        add_lines(&dir.join(".gitignore"), &IGNORED)?;
        // A plain `git pull` in this repository merges with lane too when `lane`
        // is on PATH; where it is not, the driver fails and git records a
        // conflict rather than merging lines.
        git.keep_driver()?;
        if !had_origin {
            git.run(&["remote", "add", REMOTE, remote])?;
        }
        Ok(())
    };
    set_up().map_err(undo)?;
    match run(&git, dir, now) {
        Ok(said) => Ok(format!("{} now syncs with {remote}; {said}", dir.display())),
        Err(e) => Err(undo(e)),
    }
}

/// git would commit a symlinked `lane.toml` as a link, never the data in it.
fn refuse_symlink(dir: &Path) -> Result<()> {
    let path = dir.join(DATA_FILE);
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        bail!(
            "{} is a symlink to {}: git would sync the link, not your data. Sync the \
             directory that holds the real file (lane --dir {} sync …); nothing was changed",
            path.display(),
            real.display(),
            real.parent().unwrap_or(&real).display()
        );
    }
    Ok(())
}

/// `lane sync`.
pub fn sync(dir: &Path, now: NaiveDateTime) -> Result<String> {
    let git = Git::new(dir)?;
    if !dir.join(".git").exists() {
        bail!(
            "{} is not synced yet: run `lane sync init REMOTE` first (a URL, or a path to a bare repository)",
            dir.display()
        );
    }
    refuse_symlink(dir)?;
    // A clone made by `git clone` gets the driver its later pulls need.
    git.keep_driver()?;
    copies::keep_current(dir)?;
    run(&git, dir, now)
}

fn run(git: &Git, dir: &Path, now: NaiveDateTime) -> Result<String> {
    let git_dir = std::path::PathBuf::from(git.run(&["rev-parse", "--absolute-git-dir"])?);
    // One sync at a time: a second one's undo must never take back the first's work.
    let one = lock::one_at_a_time(&git_dir, dir)?;
    if git_dir.join("rebase-merge").exists() || git_dir.join("rebase-apply").exists() {
        bail!(
            "a git rebase is in progress in the data dir: finish it or run `git rebase --abort`, \
             then lane sync (which merges rather than rebases); nothing was changed"
        );
    }
    identity(git)?;
    planted::refuse_taken(git)?;
    let finished = finish_merge(git, dir, now)?;
    let local = git.run(&["symbolic-ref", "-q", "--short", "HEAD"]).map_err(|_| {
        eyre!("HEAD is detached in the data dir: check out a branch, then lane sync; nothing was changed")
    })?;
    let before = head(git)?;
    let sent = commit_local(git, dir)?;
    let start = head(git)?;
    let undo = Undo {
        git,
        dir,
        before,
        sent: sent.is_some(),
        start,
    };
    let ((received, conflicts, renumbered), pushed) = exchange(git, dir, &local, &undo)?;
    // A merge (git's finished here, or ours) is sent too, with no change of ours.
    let sent = sent.or(pushed.then(|| "a merge".to_string()));
    let said = summary(sent.as_deref(), received, conflicts, finished);
    let cleaned = (!one.cleaned.is_empty()).then(|| {
        format!(
            "removed what a killed sync left: {}",
            one.cleaned.join(", ")
        )
    });
    Ok([vec![said], renumbered, cleaned.into_iter().collect()]
        .concat()
        .join("; "))
}

/// What a sync did before it talks to the remote, so a failure can take it back.
struct Undo<'a> {
    git: &'a Git,
    dir: &'a Path,
    /// HEAD before our commit, and whether we made one.
    before: Option<String>,
    sent: bool,
    /// HEAD after our commit, before any merge.
    start: Option<String>,
}

impl Undo<'_> {
    /// Takes this sync back after `e`: merges first (`--keep` refuses if someone
    /// wrote a file since, and then nothing is touched), then our commit (mixed:
    /// the commit goes, the files stay as they are).
    fn after(&self, e: color_eyre::Report) -> color_eyre::Report {
        match self.take_back() {
            Ok(()) => e.wrap_err("nothing was changed"),
            Err(u) => e.wrap_err(format!(
                "undoing this sync failed too ({u:#}); your data is whole, see `git status`"
            )),
        }
    }

    fn take_back(&self) -> Result<()> {
        let git = self.git;
        if let Some(start) = &self.start
            && head(git)?.as_ref() != Some(start)
        {
            git.run(&["reset", "-q", "--keep", start])?;
        }
        if self.sent {
            // Only lane's files leave the index: what the user staged stays staged.
            let mut paths = vec!["--"];
            paths.extend(lane_paths(self.dir));
            match &self.before {
                Some(h) => {
                    git.run(&["reset", "-q", "--soft", h])?;
                    git.run(&[&["reset", "-q", h.as_str()][..], &paths].concat())?;
                }
                None => {
                    git.run(&["update-ref", "-d", "HEAD"])?;
                    git.run(&[&["rm", "-q", "-r", "--cached"][..], &paths].concat())?;
                }
            }
        }
        Ok(())
    }
}

/// Fetches, merges what the remote has and pushes, again while the remote
/// keeps moving (a few times); returns how many items came in and conflicted,
/// and which of ours changed id. Whatever fails, this sync is taken back (`undo`).
fn exchange(git: &Git, dir: &Path, local: &str, undo: &Undo) -> Result<(Merged, bool)> {
    let (mut received, mut conflicts, mut renumbered) = (0, 0, Vec::new());
    let mut branch = None;
    for attempt in 1..=ATTEMPTS {
        git.run(&["fetch", "-q", REMOTE])
            .wrap_err("cannot reach the remote")
            .map_err(|e| undo.after(e))?;
        let branch = branch.get_or_insert_with(|| remote_branch(git, local));
        let theirs = format!("refs/remotes/{REMOTE}/{branch}");
        if git.ok(&["rev-parse", "-q", "--verify", &theirs])? {
            planted::refuse_planted(git, &theirs, "the remote").map_err(|e| undo.after(e))?;
            let merged = merge_remote(git, dir, &theirs).map_err(|e| undo.after(e))?;
            received += merged.0;
            conflicts += merged.1;
            renumbered.extend(merged.2);
        }
        // Whether the push sends anything: commits the remote lacks.
        let ahead = git.run(&["rev-list", "-n", "1", "HEAD", "--not", &theirs]);
        let sends = ahead.is_ok_and(|a| !a.is_empty());
        let pushed = git.run(&["push", "-q", REMOTE, &format!("HEAD:refs/heads/{branch}")]);
        match pushed {
            Ok(_) => {
                let _ = git.run(&[
                    "branch",
                    "-q",
                    "--set-upstream-to",
                    &format!("{REMOTE}/{branch}"),
                ]);
                return Ok(((received, conflicts, renumbered), sends));
            }
            Err(e) if attempt < ATTEMPTS && rejected(&e) => continue,
            Err(e) if rejected(&e) => {
                return Err(undo.after(e.wrap_err(format!(
                    "the remote kept moving ({ATTEMPTS} tries); run lane sync again"
                ))));
            }
            Err(e) => return Err(undo.after(e.wrap_err("could not push"))),
        }
    }
    Err(eyre!("could not push after {ATTEMPTS} tries"))
}

/// A push refused because the remote has commits we lack, or moved while we
/// pushed (not one a hook or the host refused: trying again would not help).
pub(crate) fn rejected(e: &color_eyre::Report) -> bool {
    let text = format!("{e:#}");
    ["(non-fast-forward)", "(fetch first)", "cannot lock ref"]
        .iter()
        .any(|w| text.contains(w))
}

fn summary(sent: Option<&str>, received: usize, conflicts: usize, finished: bool) -> String {
    let mut parts = vec![match sent {
        Some(what) => format!("sent {what}"),
        None => "nothing new to send".to_string(),
    }];
    parts.push(match received {
        0 => "nothing new came in".to_string(),
        1 => "1 item came in".to_string(),
        n => format!("{n} items came in"),
    });
    if finished {
        parts.push("finished the merge git had started".to_string());
    }
    if conflicts > 0 {
        parts.push(format!(
            "{conflicts} conflict{} to settle (lane conflicts)",
            if conflicts == 1 { "" } else { "s" }
        ));
    }
    format!("synced: {}", parts.join("; "))
}

/// Sets an identity for this repository only, when git has none: a sync must
/// not fail on a machine where the user never ran `git config --global`.
pub(crate) fn identity(git: &Git) -> Result<()> {
    let host = crate::host::name();
    for (key, value) in [
        ("user.name", format!("lane on {host}")),
        ("user.email", format!("lane@{host}")),
    ] {
        if !git.ok(&["config", key])? {
            git.run(&["config", key, &value])?;
        }
    }
    Ok(())
}

/// The remote branch this one syncs with: its upstream; else the remote's
/// branch of the same name; else the remote's default branch (a repository the
/// other machine made on `master`); else a new one of this name.
fn remote_branch(git: &Git, local: &str) -> String {
    let exists = |b: &str| {
        git.ok(&[
            "rev-parse",
            "-q",
            "--verify",
            &format!("refs/remotes/{REMOTE}/{b}"),
        ])
        .unwrap_or(false)
    };
    let upstream = git
        .run(&[
            "rev-parse",
            "-q",
            "--abbrev-ref",
            "--symbolic-full-name",
            "@{u}",
        ])
        .ok()
        .and_then(|u| u.strip_prefix(&format!("{REMOTE}/")).map(str::to_string));
    if let Some(b) = upstream.filter(|b| exists(b)) {
        return b;
    }
    if exists(local) {
        return local.to_string();
    }
    let default = git
        .run(&["ls-remote", "--symref", REMOTE, "HEAD"])
        .ok()
        .and_then(|out| {
            let line = out.lines().find(|l| l.starts_with("ref: "))?;
            let name = line.strip_prefix("ref: refs/heads/")?.split('\t').next()?;
            Some(name.to_string())
        });
    match default.filter(|b| exists(b)) {
        Some(b) => b,
        None => local.to_string(),
    }
}

/// lane's files that exist in the data dir.
fn lane_paths(dir: &Path) -> Vec<&'static str> {
    TRACKED
        .into_iter()
        .filter(|p| dir.join(p).exists())
        .collect()
}

fn head(git: &Git) -> Result<Option<String>> {
    git.ok(&["rev-parse", "-q", "--verify", "HEAD"])?
        .then(|| git.run(&["rev-parse", "HEAD"]))
        .transpose()
}

/// Commits lane's files when they changed; says what (e.g. "2 priorities, 1 block").
fn commit_local(git: &Git, dir: &Path) -> Result<Option<String>> {
    let _lock = Store::open(dir, Access::Write(crate::store::LOCK_WAIT))?;
    let paths = lane_paths(dir);
    if paths.is_empty() {
        return Ok(None);
    }
    let with_paths = |args: &[&str]| -> Vec<String> {
        args.iter()
            .chain(["--"].iter())
            .chain(paths.iter())
            .map(|s| s.to_string())
            .collect()
    };
    let run = |args: Vec<String>| git.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let ok = |args: Vec<String>| git.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    run(with_paths(&["add", "-A"]))?;
    if ok(with_paths(&["diff", "--cached", "--quiet"]))? {
        return Ok(None);
    }
    let was = committed_data(git, "HEAD")?;
    let now = load(dir)?;
    let mut what = describe_changes(&was, &now);
    if what.is_empty() {
        let staged = run(with_paths(&["diff", "--cached", "--name-only"]))?;
        what = if staged.lines().any(|p| p == DATA_FILE) {
            "edits by hand".to_string()
        } else if staged.lines().any(|p| p.starts_with("archive/")) {
            "the archive".to_string()
        } else {
            "sync settings".to_string()
        };
    }
    // Only lane's files: whatever else the user staged stays staged, uncommitted.
    let message = format!("lane: {what} (on {})", crate::host::name());
    run(with_paths(&["commit", "-q", "--no-verify", "-m", &message]))?;
    Ok(Some(what))
}

fn load(dir: &Path) -> Result<Data> {
    Ok(Store::open(dir, Access::Read)?.1)
}

/// The data as committed at `rev` (empty when it has no lane.toml).
fn committed_data(git: &Git, rev: &str) -> Result<Data> {
    let spec = format!("{rev}:{DATA_FILE}");
    if !git.ok(&["cat-file", "-e", &spec])? {
        return Ok(Data::default());
    }
    let bytes = git.bytes(&["show", &spec])?;
    store::parse(Path::new(&spec), &bytes)
}

/// "2 priorities, 1 block": what differs between two versions, by kind.
pub fn describe_changes(a: &Data, b: &Data) -> String {
    let parts: Vec<String> = Kind::ALL
        .into_iter()
        .filter_map(|kind| {
            let n = lane_core::model::merge::changed_of_kind(a, b, kind);
            match n {
                0 => None,
                1 => Some(format!("1 {}", kind.noun())),
                n => Some(format!("{n} {}", kind.table())),
            }
        })
        .collect();
    parts.join(", ")
}

/// Items that came in, conflicts recorded, and ours renumbered, in words.
type Merged = (usize, usize, Vec<String>);

/// Merges the fetched branch into ours under lane's lock. On failure the merge
/// is aborted: the files are as before.
fn merge_remote(git: &Git, dir: &Path, theirs: &str) -> Result<Merged> {
    let _lock = Store::open(dir, Access::Write(crate::store::LOCK_WAIT))?;
    let before = load(dir)?;
    // The driver git runs names the machines a conflict's values came from.
    let from = crate::host::of_commit(dir, theirs).unwrap_or_default();
    let merged = git.run_with_env(
        crate::host::MERGING_FROM,
        &from,
        &[
            "merge",
            "-q",
            "--no-edit",
            "--no-verify",
            "--allow-unrelated-histories",
            "-m",
            &format!("lane: merge from {REMOTE} (on {})", crate::host::name()),
            theirs,
        ],
    );
    if let Err(e) = merged {
        let unmerged = git
            .run(&["diff", "--name-only", "--diff-filter=U"])
            .unwrap_or_default();
        let _ = git.run(&["merge", "--abort"]);
        let which = if unmerged.is_empty() {
            String::new()
        } else {
            format!(" ({})", unmerged.lines().collect::<Vec<_>>().join(", "))
        };
        return Err(e.wrap_err(format!(
            "git could not merge{which}; the merge was undone and nothing changed"
        )));
    }
    let after = load(dir)?;
    Ok((
        lane_core::model::merge::changed_items(&before, &after),
        after.conflicts.len().saturating_sub(before.conflicts.len()),
        lane_core::model::merge::renumbered(&before, &after),
    ))
}

/// A merge git started without lane's driver (a plain `git pull`) is finished
/// with lane's merge, from the three versions git keeps in its index; the file
/// on disk (ours, or with conflict markers) is not read. Other files git could
/// not merge are the user's to finish first.
fn finish_merge(git: &Git, dir: &Path, now: NaiveDateTime) -> Result<bool> {
    if !git.ok(&["rev-parse", "-q", "--verify", "MERGE_HEAD"])? {
        return Ok(false);
    }
    planted::refuse_planted(git, "MERGE_HEAD", "the branch git started to merge")
        .map_err(|e| e.wrap_err("run `git merge --abort`; nothing was changed"))?;
    let unmerged = git.run(&["diff", "--name-only", "--diff-filter=U"])?;
    let (ours, other): (Vec<&str>, Vec<&str>) = unmerged.lines().partition(|p| is_lane_file(p));
    if !other.is_empty() {
        bail!(
            "a git merge is in progress and git could not merge {}: finish those with git (or \
             `git merge --abort`), then run lane sync",
            other.join(", ")
        );
    }
    for path in ours {
        let stage = |n: u8| git.bytes(&["show", &format!(":{n}:{path}")]);
        let base = stage(1).ok();
        let here = crate::host::name();
        let other = crate::host::of_commit(dir, "MERGE_HEAD");
        let (text, _) = store::gitmerge::merge_texts(
            Path::new(path),
            base.as_deref(),
            &stage(2)?,
            &stage(3)?,
            now,
            other.as_deref().map(|o| (here.as_str(), o)),
        )?;
        store::gitmerge::write_merged(&dir.join(path), &text)?;
        git.run(&["add", "--", path])?;
    }
    git.run(&["commit", "-q", "--no-edit", "--no-verify"])?;
    Ok(true)
}

fn is_lane_file(path: &str) -> bool {
    path == DATA_FILE || (path.starts_with("archive/") && path.ends_with(".toml"))
}

pub use crate::store::gitmerge::merge_in_progress;

/// Appends the lines a file lacks (creating it), keeping what the user wrote.
pub(crate) fn add_lines(path: &Path, lines: &[&str]) -> Result<()> {
    let had = store::read_text(path)?.unwrap_or_default();
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !had.lines().any(|h| h.trim() == *l))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut text = had;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for l in missing {
        text.push_str(l);
        text.push('\n');
    }
    store::write_private(path, text.as_bytes())
}
