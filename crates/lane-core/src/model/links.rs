//! Blockers linked to what they wait on: an issue, a pull request or a merge
//! request on GitHub, GitLab or Gitea/Forgejo. Here a link's URL is parsed and
//! checked, named the way people say it (`acme/infra#7`, `PR #42`), and what
//! was last learnt of it (fetched by lane-io, kept on this machine only) is
//! turned into words: unblocked, or quiet for so long that the ladder's next
//! rung is due. Pure: what was fetched and "now" are arguments.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::ladder::{Next, last_move, next_rung, working_minutes};
use super::rules::Rules;
use super::{Blocker, BlockerStatus, Data};

/// The forges lane reads, as `[[forges]] kind` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ForgeKind {
    Github,
    Gitlab,
    Gitea,
}

impl ForgeKind {
    pub const ALL: [ForgeKind; 3] = [ForgeKind::Github, ForgeKind::Gitlab, ForgeKind::Gitea];

    pub fn name(self) -> &'static str {
        match self {
            ForgeKind::Github => "github",
            ForgeKind::Gitlab => "gitlab",
            ForgeKind::Gitea => "gitea",
        }
    }

    pub fn parse(s: &str) -> Option<ForgeKind> {
        let s = s.trim().to_ascii_lowercase();
        // Forgejo is Gitea's fork and speaks its API.
        let s = if s == "forgejo" { "gitea".into() } else { s };
        ForgeKind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// What a link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinkKind {
    Issue,
    /// A GitHub or Gitea pull request.
    Pull,
    /// A GitLab merge request.
    MergeRequest,
}

/// A link, parsed: the web host it is on, the repository (`owner/repo`, or
/// GitLab's `group/sub/project`), what it is and its number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ForgeLink {
    /// Lowercase, with the port when one was given.
    pub host: String,
    pub repo: String,
    pub kind: LinkKind,
    pub number: u64,
    /// The forge the URL's shape gives away (`/pull/` is GitHub's, `/pulls/`
    /// Gitea's, `/-/` GitLab's); `None` for `/issues/N`, which GitHub and
    /// Gitea share: the host decides.
    pub shape: Option<ForgeKind>,
    /// The URL as kept: scheme and host in lowercase, no query, no fragment.
    pub url: String,
}

impl ForgeLink {
    /// How people name it: `acme/infra#7`, `PR #42`, `MR !42`.
    pub fn label(&self) -> String {
        match self.kind {
            LinkKind::Issue => format!("{}#{}", self.repo, self.number),
            LinkKind::Pull => format!("PR #{}", self.number),
            LinkKind::MergeRequest => format!("MR !{}", self.number),
        }
    }

    /// The forge serving it: the URL's shape, else the host's.
    pub fn forge_kind(&self, host_kind: Option<ForgeKind>) -> Option<ForgeKind> {
        self.shape.or(host_kind)
    }
}

/// The longest link lane keeps (a forge URL is far shorter).
pub const MAX_URL: usize = 512;

const EXAMPLES: &str = "https://github.com/OWNER/REPO/pull/42, …/issues/7, \
                        https://gitlab.com/GROUP/PROJECT/-/merge_requests/3";

/// Parses a forge URL: GitHub `/owner/repo/issues/N` and `/pull/N`, GitLab
/// `/group/sub/project/-/issues/N` and `/-/merge_requests/N`, Gitea or
/// Forgejo `/owner/repo/issues/N` and `/pulls/N`. Anything else is refused
/// in one line that says what would do.
pub fn parse(input: &str) -> Result<ForgeLink, String> {
    let url = input.trim();
    super::text::one_line("link", url)?;
    let shown = super::text::visible(url);
    let refuse = |why: &str| Err(format!("`{shown}`: {why} (like {EXAMPLES})"));
    if url.chars().count() > MAX_URL {
        return Err(format!("a link is longer than {MAX_URL} characters"));
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return refuse("not a web address");
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return refuse("lane reads http and https links only");
    }
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    if let Some((_, host)) = authority.rsplit_once('@') {
        // Never echoed: what comes before the `@` may be a password.
        return Err(format!(
            "`{scheme}://{}/…`: a link holds no user name or password",
            super::text::visible(host)
        ));
    }
    let host = authority.to_ascii_lowercase();
    if !valid_host(&host) {
        return refuse("no host lane can read");
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some((repo, kind, shape, number)) = shape_of(&segments) else {
        return refuse("not an issue, pull request or merge request");
    };
    if repo.iter().any(|s| !valid_segment(s)) {
        return refuse("its owner or repository has characters no forge allows");
    }
    let repo = repo.join("/");
    let tail = format!("{}/{number}", kind_word(kind, shape));
    let between = if shape == Some(ForgeKind::Gitlab) {
        "/-/"
    } else {
        "/"
    };
    Ok(ForgeLink {
        url: format!("{scheme}://{host}/{repo}{between}{tail}"),
        host,
        repo,
        kind,
        number,
        shape,
    })
}

/// The path's word for a kind on a forge.
fn kind_word(kind: LinkKind, shape: Option<ForgeKind>) -> &'static str {
    match (kind, shape) {
        (LinkKind::Issue, _) => "issues",
        (LinkKind::MergeRequest, _) => "merge_requests",
        (LinkKind::Pull, Some(ForgeKind::Gitea)) => "pulls",
        (LinkKind::Pull, _) => "pull",
    }
}

/// The repository's segments, the kind, the shape and the number of a path.
/// A page under the item (`/files`, `/-/merge_requests/3/diffs`) is the item.
fn shape_of<'a>(s: &[&'a str]) -> Option<(Vec<&'a str>, LinkKind, Option<ForgeKind>, u64)> {
    let words = ["issues", "pull", "pulls", "merge_requests"];
    let numeric = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    // The last such pair: an owner or a repository may be called `issues`.
    let at = (0..s.len().saturating_sub(1))
        .rev()
        .find(|&i| words.contains(&s[i]) && numeric(s[i + 1]))?;
    let (head, what, n) = (&s[..at], s[at], s[at + 1]);
    let number = n.parse::<u64>().ok().filter(|n| *n > 0)?;
    if let [repo @ .., dash] = head
        && *dash == "-"
    {
        let kind = match what {
            "issues" => LinkKind::Issue,
            "merge_requests" => LinkKind::MergeRequest,
            _ => return None,
        };
        return (repo.len() >= 2).then(|| (repo.to_vec(), kind, Some(ForgeKind::Gitlab), number));
    }
    if head.len() != 2 {
        return None;
    }
    let (kind, shape) = match what {
        "issues" => (LinkKind::Issue, None),
        "pull" => (LinkKind::Pull, Some(ForgeKind::Github)),
        "pulls" => (LinkKind::Pull, Some(ForgeKind::Gitea)),
        _ => return None,
    };
    Some((head.to_vec(), kind, shape, number))
}

/// A host name or address, with an optional port from 1 to 65535.
fn valid_host(host: &str) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((n, p)) if !host.starts_with('[') || n.ends_with(']') => (n, Some(p)),
        _ => (host, None),
    };
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0));
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    port_ok && name_ok
}

fn valid_segment(s: &str) -> bool {
    !s.starts_with('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The links typed into a form field: separated by spaces, commas or new
/// lines; each checked, each kept once, in their order.
pub fn parse_list(text: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split([' ', ',', '\n', '\t']).filter(|w| !w.is_empty()) {
        let url = parse(word)?.url;
        if !out.contains(&url) {
            out.push(url);
        }
    }
    Ok(out)
}

/// Where a linked item stands, as its forge says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemState {
    Open,
    Closed,
    Merged,
}

impl ItemState {
    pub fn name(self) -> &'static str {
        match self {
            ItemState::Open => "open",
            ItemState::Closed => "closed",
            ItemState::Merged => "merged",
        }
    }
}

/// What was last learnt of one linked item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub state: ItemState,
    #[serde(default)]
    pub title: String,
    /// Its last activity, in local time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<NaiveDateTime>,
    /// When it was closed or merged, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDateTime>,
    pub fetched: NaiveDateTime,
}

/// What is known of every linked item, by its URL as kept.
pub type Known = BTreeMap<String, Seen>;

/// A blocker's links that parse (a hand edit may have left one that does not).
pub fn links_of(b: &Blocker) -> Vec<ForgeLink> {
    b.links.iter().filter_map(|u| parse(u).ok()).collect()
}

/// The resolution an open blocker's links suggest, when every one of them
/// is closed or merged: `PR #42 merged`.
pub fn unblocked(b: &Blocker, known: &Known) -> Option<String> {
    if b.status == BlockerStatus::Resolved || b.links.is_empty() {
        return None;
    }
    let said: Option<Vec<String>> = links_of(b)
        .iter()
        .map(|l| {
            let seen = known.get(&l.url)?;
            (seen.state != ItemState::Open).then(|| format!("{} {}", l.label(), seen.state.name()))
        })
        .collect();
    said.filter(|s| !s.is_empty()).map(|s| s.join(", "))
}

/// Blockers whose links all moved to closed or merged: the status line's
/// "unblocked?", the morning plan's follow-ups.
pub fn unblocked_ids(data: &Data, known: &Known) -> Vec<u32> {
    data.blockers
        .iter()
        .filter(|b| unblocked(b, known).is_some())
        .map(|b| b.id)
        .collect()
}

/// An open link with no activity for the blocker's time-box, while nobody
/// moved on the blocker either: the nudge up the ladder, in words —
/// `no activity on acme/infra#7 for 20 days — ask a peer?`.
pub fn quiet(b: &Blocker, known: &Known, rules: &Rules, now: NaiveDateTime) -> Option<String> {
    if b.status != BlockerStatus::Open {
        return None;
    }
    let timebox = rules.blocker_timebox_hours * 60.0;
    let past = |from: NaiveDateTime| working_minutes(&rules.hours, from, now) as f64 >= timebox;
    if !last_move(b).is_some_and(past) {
        return None;
    }
    let (link, since) = links_of(b)
        .into_iter()
        .filter_map(|l| {
            let seen = known.get(&l.url)?;
            let since = seen.updated.filter(|_| seen.state == ItemState::Open)?;
            past(since).then_some((l, since))
        })
        .min_by_key(|(_, since)| *since)?;
    let ask = match next_rung(b) {
        Next::Try(r) => Next::Try(r).advice().to_string(),
        _ => "escalate".to_string(),
    };
    Some(format!(
        "no activity on {} for {} — {ask}?",
        link.label(),
        span_words(now - since)
    ))
}

/// A span in the words the nudges use: `3h`, `2 days`.
fn span_words(d: chrono::TimeDelta) -> String {
    match d.num_days() {
        0 => format!("{}h", d.num_hours().max(1)),
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

/// `2h ago`, `3d ago`, `just now`.
pub fn ago(then: NaiveDateTime, now: NaiveDateTime) -> String {
    let d = now - then;
    if d.num_minutes() < 1 {
        "just now".to_string()
    } else if d.num_hours() < 1 {
        format!("{}m ago", d.num_minutes())
    } else if d.num_days() < 1 {
        format!("{}h ago", d.num_hours())
    } else {
        format!("{}d ago", d.num_days())
    }
}

/// One link as a blocker's row and detail show it: `PR #42 merged 2h ago —
/// unblocked?`, `acme/infra#7 open, last activity 3d ago`, or that nothing
/// was fetched yet.
pub fn link_line(link: &ForgeLink, known: &Known, now: NaiveDateTime) -> String {
    let label = link.label();
    let Some(seen) = known.get(&link.url) else {
        return format!("{label} not fetched yet");
    };
    match seen.state {
        ItemState::Open => match seen.updated {
            Some(u) => format!("{label} open, last activity {}", ago(u, now)),
            None => format!("{label} open"),
        },
        state => {
            let when = seen
                .closed
                .or(seen.updated)
                .map(|t| format!(" {}", ago(t, now)))
                .unwrap_or_default();
            format!("{label} {}{when} — unblocked?", state.name())
        }
    }
}

#[cfg(test)]
mod tests;
