//! Blockers' links read from their forges: each forge asked on its own thread
//! (one that hangs never holds back another), what it says kept in a small
//! cache on this machine (`cache`), a failure said and the last known state
//! kept. Looking never writes lane.toml: only resolving a blocker does, and
//! that is the caller's one unit of work.

pub mod cache;
pub mod config;
pub mod fetch;

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDateTime;

use config::Forges;
use fetch::{Answer, Failure};
use lane_core::model::links::{ForgeLink, links_of};
use lane_core::model::{BlockerStatus, Data};

/// How one forge's refresh went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostRefreshed {
    /// The host of its links.
    pub host: String,
    /// Items it answered for (a 304 counts).
    pub fetched: usize,
    /// What went wrong, one line each: the last known state is kept.
    pub failures: Vec<String>,
}

impl HostRefreshed {
    pub fn failed(&self) -> bool {
        !self.failures.is_empty()
    }
}

/// `scheme://host` of an address: what a message may name (the rest may not
/// belong in a message).
pub fn host_of(url: &str) -> String {
    crate::calendar::fetch::shorten(url)
        .trim_end_matches("/…")
        .to_string()
}

/// The links of blockers still open, by the host they are on, each once.
pub fn by_host(data: &Data) -> Vec<(String, Vec<ForgeLink>)> {
    let mut out: Vec<(String, Vec<ForgeLink>)> = Vec::new();
    let open = data
        .blockers
        .iter()
        .filter(|b| b.status != BlockerStatus::Resolved);
    for link in open.flat_map(links_of) {
        match out.iter_mut().find(|(h, _)| *h == link.host) {
            Some((_, list)) if list.contains(&link) => {}
            Some((_, list)) => list.push(link),
            None => out.push((link.host.clone(), vec![link])),
        }
    }
    out
}

/// Asks the forge serving `host` about each of `links` in turn, keeping what
/// it says; stops at a failure of the forge itself or a rate limit (and leaves
/// the forge alone until the limit resets).
pub fn refresh_host(
    forges: &Forges,
    host: &str,
    links: &[ForgeLink],
    data_dir: &Path,
    timeout: Duration,
    now: NaiveDateTime,
) -> HostRefreshed {
    let mut out = HostRefreshed {
        host: host.to_string(),
        ..HostRefreshed::default()
    };
    let Some(forge) = forges.for_host(host) else {
        out.failures.push(format!(
            "{host}: no [[forges]] table serves it — add one to config.toml \
             (kind, host, api, token_env)"
        ));
        return out;
    };
    let kept = cache::load(data_dir);
    if let Some(until) = kept
        .hosts
        .get(host)
        .and_then(|h| h.paused_until)
        .filter(|u| *u > now)
    {
        out.failures.push(format!(
            "{host}: rate limited until {} — the last known state is kept",
            until.format("%H:%M")
        ));
        return out;
    }
    let mut answers: Vec<(String, Result<Answer, String>)> = Vec::new();
    let mut paused = None;
    for link in links {
        let etag = kept
            .items
            .get(&link.url)
            .filter(|i| i.seen.is_some())
            .and_then(|i| i.etag.as_deref());
        match fetch::get(&forge, link, etag, timeout, now) {
            Ok(answer) => {
                out.fetched += 1;
                answers.push((link.url.clone(), Ok(answer)));
            }
            Err(Failure::Item(why)) => {
                out.failures.push(format!("{host}: {why}"));
                answers.push((link.url.clone(), Err(why)));
            }
            Err(Failure::Forge(why)) => {
                out.failures
                    .push(format!("{host}: {why} — the last known state is kept"));
                break;
            }
            Err(Failure::Limited(until, why)) => {
                out.failures.push(format!(
                    "{host}: {why}; lane asks again after {} — the last known state is kept",
                    until.format("%H:%M")
                ));
                paused = Some(until);
                break;
            }
        }
    }
    let saved = cache::update(data_dir, |c| {
        keep_answers(c, host, answers, paused, out.failures.first(), now);
    });
    if let Err(e) = saved {
        out.failures
            .push(format!("{host}: what it said could not be kept: {e:#}"));
    }
    out
}

/// One forge's answers into the cache: a fresh state replaces the old, a 304
/// marks it fetched now, a failure keeps it with the reason.
fn keep_answers(
    c: &mut cache::Cache,
    host: &str,
    answers: Vec<(String, Result<Answer, String>)>,
    paused: Option<NaiveDateTime>,
    failure: Option<&String>,
    now: NaiveDateTime,
) {
    for (url, answer) in answers {
        let item = c.items.entry(url).or_default();
        match answer {
            Ok(Answer::Fresh(seen, etag)) => {
                item.seen = Some(seen);
                item.etag = etag;
                item.error = None;
            }
            Ok(Answer::NotModified) => {
                if let Some(seen) = &mut item.seen {
                    seen.fetched = now;
                }
                item.error = None;
            }
            Err(why) => item.error = Some(why),
        }
    }
    let h = c.hosts.entry(host.to_string()).or_default();
    h.last_attempt = Some(now);
    h.paused_until = paused;
    h.error = failure.cloned();
}

/// Every forge with links on open blockers, each on its own thread; what each
/// said, in the order of their hosts. Items no open blocker links any more
/// are dropped from the cache.
pub fn refresh(
    forges: &Forges,
    data: &Data,
    data_dir: &Path,
    timeout: Duration,
    now: NaiveDateTime,
) -> Vec<HostRefreshed> {
    let hosts = by_host(data);
    let out = std::thread::scope(|scope| {
        let running: Vec<_> = hosts
            .iter()
            .map(|(host, links)| {
                scope.spawn(move || refresh_host(forges, host, links, data_dir, timeout, now))
            })
            .collect();
        running
            .into_iter()
            .zip(&hosts)
            .map(|(t, (host, _))| {
                t.join().unwrap_or_else(|_| HostRefreshed {
                    host: host.clone(),
                    fetched: 0,
                    failures: vec![format!("{host}: its refresh stopped unexpectedly")],
                })
            })
            .collect()
    });
    forget_unlinked(data, data_dir);
    out
}

/// Drops from the cache what no blocker links any more (best effort: it is a cache).
pub fn forget_unlinked(data: &Data, data_dir: &Path) {
    let linked: std::collections::BTreeSet<&str> = data
        .blockers
        .iter()
        .flat_map(|b| b.links.iter().map(String::as_str))
        .collect();
    let stale = cache::load(data_dir)
        .items
        .keys()
        .any(|u| !linked.contains(u.as_str()));
    if stale {
        let _ = cache::update(data_dir, |c| {
            c.items.retain(|u, _| linked.contains(u.as_str()));
        });
    }
}

#[cfg(test)]
pub(crate) mod test_server;
#[cfg(test)]
mod tests;
