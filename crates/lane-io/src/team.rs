//! The team repository: `lane share` and `lane team`, over the team's own git.
//!
//! It is a clone of its own in `DATA_DIR/team/`, apart from `lane sync`'s
//! repository (which ignores it). Each person writes only `people/NAME/`, so
//! a pull never conflicts; git runs as `lane sync` runs it (`sync::git`), a
//! push the remote rejected because it moved is pulled and pushed again, and
//! one share runs at a time (`sync::lock`).
//!
//! The share name lives in the clone's own git config (`lane.name`): it is
//! this machine's, like the clone, and never in `lane.toml` or the config.

mod read;

use std::path::{Path, PathBuf};

use color_eyre::eyre::{Result, WrapErr, bail, eyre};

use crate::store;
use crate::sync::git::Git;
use crate::sync::{ATTEMPTS, REMOTE, identity, rejected};

pub use read::{answers_to, read_team};

/// The team repository's folder in the data dir.
pub const TEAM_DIR: &str = "team";
/// Where people's folders are in the team repository.
pub const PEOPLE_DIR: &str = "people";
/// The branch a team repository lane starts works on.
const BRANCH: &str = "main";
/// The git config key that holds the share name.
const NAME_KEY: &str = "lane.name";

pub fn team_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(TEAM_DIR)
}

/// The share name `lane share init` stored, or why there is none.
pub fn share_name(data_dir: &Path) -> Result<String> {
    let dir = team_dir(data_dir);
    store::refuse_linked_dir(&dir)?;
    if !dir.join(".git").is_dir() {
        bail!(
            "no team repository yet: run `lane share init REMOTE --as NAME` first \
             (a URL, or a path to a bare repository)"
        );
    }
    let git = Git::new(&dir)?;
    let name = git
        .run(&["config", "--local", "--get", NAME_KEY])
        .map_err(|_| eyre!("the team repository has no share name: run `lane share init REMOTE --as NAME` again"))?;
    if let Some(why) = lane_core::team::name_problem(&name) {
        bail!("the team repository's share name: {why}");
    }
    Ok(name)
}

/// `lane share init REMOTE --as NAME`: clones the team repository into
/// `DATA_DIR/team/` (or, when it is there already, keeps it and renames) and
/// stores the share name. On failure, the folder it made is removed again.
pub fn init(data_dir: &Path, remote: &str, name: &str) -> Result<String> {
    if let Some(why) = lane_core::team::name_problem(name) {
        bail!("{why}; nothing was changed");
    }
    let dir = team_dir(data_dir);
    store::refuse_linked_dir(&dir)?;
    let had = dir.join(".git").is_dir();
    if !had {
        if dir.exists() {
            bail!(
                "{} is in the way: it is not a team repository; move it and try again",
                dir.display()
            );
        }
        store::create_private_dir(data_dir)?;
        let parent = Git::new(data_dir)?;
        let cloned = parent.run(&["clone", "-q", "--", remote, TEAM_DIR]);
        if let Err(e) = cloned {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(e.wrap_err(format!("cannot clone {remote}; nothing was changed")));
        }
    }
    let git = Git::new(&dir)?;
    let set_up = || -> Result<()> {
        if let Ok(url) = git.run(&["remote", "get-url", REMOTE])
            && url != remote
        {
            bail!("{} pulls from {url}, not {remote}", dir.display());
        }
        on_a_branch(&git)?;
        identity(&git)?;
        git.run(&["config", "--local", NAME_KEY, name])?;
        Ok(())
    };
    if let Err(e) = set_up() {
        if !had {
            let _ = std::fs::remove_dir_all(&dir);
        }
        return Err(e.wrap_err("lane share init did not finish"));
    }
    Ok(format!(
        "{} holds the team repository {remote}; you share as {name}",
        dir.display()
    ))
}

/// A fresh clone of an empty repository (or of one whose HEAD names a branch
/// nobody pushed) has no branch yet: it takes the remote's `main`, else its
/// only branch, else starts `main`.
fn on_a_branch(git: &Git) -> Result<()> {
    if git.ok(&["rev-parse", "-q", "--verify", "HEAD"])? {
        return Ok(());
    }
    let heads = git.run(&["ls-remote", "--heads", REMOTE])?;
    let branches: Vec<&str> = heads
        .lines()
        .filter_map(|l| l.split('\t').nth(1)?.strip_prefix("refs/heads/"))
        .collect();
    let pick = branches
        .iter()
        .find(|b| **b == BRANCH)
        .or(branches.first())
        .copied();
    match pick {
        Some(b) => {
            git.run(&["fetch", "-q", REMOTE])?;
            git.run(&["checkout", "-q", "-B", b, &format!("{REMOTE}/{b}")])?;
        }
        None => {
            git.run(&["symbolic-ref", "HEAD", &format!("refs/heads/{BRANCH}")])?;
        }
    }
    Ok(())
}

/// A file lane writes in my folder: its path under `people/NAME/`, its bytes.
pub type Written = (String, Vec<u8>);

/// Writes `files` into `people/NAME/` of the team repository, commits them
/// with `message` and exchanges with the remote (pull, push, again while it
/// keeps moving). Says what it did.
pub fn publish(data_dir: &Path, name: &str, files: &[Written], message: &str) -> Result<String> {
    let dir = team_dir(data_dir);
    let git = Git::new(&dir)?;
    let git_dir = PathBuf::from(git.run(&["rev-parse", "--absolute-git-dir"])?);
    let _one = crate::sync::lock::one_at_a_time(&git_dir, &dir)?;
    identity(&git)?;
    let mine = my_folder(&dir, name)?;
    for (path, bytes) in files {
        write_inside(&mine, path, bytes)?;
    }
    let folder = format!("{PEOPLE_DIR}/{name}");
    git.run(&["add", "-A", "--", &folder])?;
    let staged = !git.ok(&["diff", "--cached", "--quiet", "--", &folder])?;
    if staged {
        git.run(&["commit", "-q", "--no-verify", "-m", message, "--", &folder])?;
    }
    exchange(&git)?;
    Ok(if staged {
        format!("shared as {name}")
    } else {
        format!("nothing new to share as {name}")
    })
}

/// Pulls what teammates pushed, without sending anything (for `lane team`).
pub fn pull(data_dir: &Path) -> Result<()> {
    let dir = team_dir(data_dir);
    let git = Git::new(&dir)?;
    let git_dir = PathBuf::from(git.run(&["rev-parse", "--absolute-git-dir"])?);
    let _one = crate::sync::lock::one_at_a_time(&git_dir, &dir)?;
    identity(&git)?;
    git.run(&["fetch", "-q", REMOTE])
        .wrap_err("cannot reach the team repository")?;
    merge_theirs(&git).map(|_| ())
}

/// `people/NAME/`, made when missing; refused when it (or `people/`) is a
/// symlink someone committed, which would send lane's writes elsewhere.
fn my_folder(dir: &Path, name: &str) -> Result<PathBuf> {
    let people = dir.join(PEOPLE_DIR);
    store::refuse_linked_dir(&people)?;
    let mine = people.join(name);
    store::refuse_linked_dir(&mine)?;
    store::create_private_dir(&mine)?;
    Ok(mine)
}

/// Writes `rel` (plain names, at most one folder deep, no `..`) under `mine`.
fn write_inside(mine: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let parts: Vec<&str> = rel.split('/').collect();
    let plain = |p: &&str| !p.is_empty() && *p != "." && *p != ".." && !p.starts_with('.');
    if parts.len() > 2 || !parts.iter().all(plain) {
        bail!("{rel} is not a file lane writes in the team repository");
    }
    let mut path = mine.to_path_buf();
    for folder in &parts[..parts.len() - 1] {
        path.push(folder);
        store::refuse_linked_dir(&path)?;
        store::create_private_dir(&path)?;
    }
    path.push(parts[parts.len() - 1]);
    store::write_private(&path, bytes)
}

/// Merges the remote's branch when it has one; says whether it did.
fn merge_theirs(git: &Git) -> Result<bool> {
    let branch = git.run(&["symbolic-ref", "-q", "--short", "HEAD"])?;
    let theirs = format!("refs/remotes/{REMOTE}/{branch}");
    if !git.ok(&["rev-parse", "-q", "--verify", &theirs])? {
        return Ok(false);
    }
    let merged = git.run(&[
        "merge",
        "-q",
        "--no-edit",
        "--no-verify",
        "--allow-unrelated-histories",
        &theirs,
    ]);
    if let Err(e) = merged {
        let _ = git.run(&["merge", "--abort"]);
        return Err(e.wrap_err(
            "git could not merge the team repository (someone wrote outside their own folder); \
             the merge was undone",
        ));
    }
    Ok(true)
}

/// Fetch, merge, push; again while the remote keeps moving, as `lane sync` does.
fn exchange(git: &Git) -> Result<()> {
    let branch = git.run(&["symbolic-ref", "-q", "--short", "HEAD"])?;
    for attempt in 1..=ATTEMPTS {
        git.run(&["fetch", "-q", REMOTE])
            .wrap_err("cannot reach the team repository")?;
        merge_theirs(git)?;
        if !git.ok(&["rev-parse", "-q", "--verify", "HEAD"])? {
            return Ok(());
        }
        match git.run(&["push", "-q", REMOTE, &format!("HEAD:refs/heads/{branch}")]) {
            Ok(_) => return Ok(()),
            Err(e) if attempt < ATTEMPTS && rejected(&e) => continue,
            Err(e) if rejected(&e) => {
                return Err(e.wrap_err(format!(
                    "the team repository kept moving ({ATTEMPTS} tries); your week is committed \
                     and goes with the next lane share"
                )));
            }
            Err(e) => return Err(e.wrap_err("could not push to the team repository")),
        }
    }
    Err(eyre!("could not push after {ATTEMPTS} tries"))
}

/// The team as `lane team` and the app's Team view show it, from what was
/// pulled last, and a line for each teammate's file passed over.
pub fn look(
    data_dir: &Path,
    rules: &lane_core::model::rules::Rules,
    now: chrono::NaiveDateTime,
) -> Result<(lane_core::team::Team, Vec<String>)> {
    let me = share_name(data_dir)?;
    let (shared, answered, problems) = read_team(data_dir, &me);
    Ok((
        lane_core::team::view(&me, shared, &answered, rules, now),
        problems,
    ))
}

/// My answer to the escalation `uid` that `asker` sent me: written to
/// `people/ME/answers/REF.json` and shared. Says what it did.
pub fn send_answer(
    data_dir: &Path,
    (asker, uid): (&str, &str),
    verdict: lane_core::model::Verdict,
    text: &str,
    now: chrono::NaiveDateTime,
) -> Result<String> {
    let me = share_name(data_dir)?;
    let reference = lane_core::team::short_ref(uid);
    let answer = lane_core::team::Answer {
        version: lane_core::team::ANSWER_VERSION,
        from: me.clone(),
        to: asker.to_string(),
        reference: reference.clone(),
        uid: uid.to_string(),
        verdict,
        text: text.to_string(),
        at: now,
    };
    let json = crate::say::json(&answer).wrap_err("cannot write the answer as JSON")? + "\n";
    let files = vec![(format!("answers/{reference}.json"), json.into_bytes())];
    publish(
        data_dir,
        &me,
        &files,
        &format!("lane: {me} answers {asker}'s {reference}"),
    )?;
    Ok(format!(
        "answered {asker}'s {reference} — {}; it lands on their call at their next lane share",
        verdict.name()
    ))
}
