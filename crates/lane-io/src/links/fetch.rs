//! Asking a forge about one linked item: GitHub's `GET /repos/{owner}/{repo}/
//! pulls/{n}` and `/issues/{n}`, GitLab's `/projects/{id}/merge_requests/{iid}`
//! and `/issues/{iid}`, Gitea's `/repos/{owner}/{repo}/pulls/{n}` and
//! `/issues/{n}`. Like a calendar's fetch: ureq on rustls (proxies from the
//! environment), one timeout for the whole request, the ETag sent back so an
//! unchanged item costs a 304 (which GitHub does not count against its rate
//! limit), a cap on the body. The token goes in a header and nowhere else: no
//! message holds it, nor a response's own words.

use std::time::Duration;

use chrono::{DateTime, Local, NaiveDateTime, TimeDelta};
use serde_json::Value;

use super::config::Forge;
use lane_core::model::links::{ForgeKind, ForgeLink, ItemState, LinkKind, Seen};

/// The largest answer read: an issue's JSON, body and all, is far smaller.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// What the forge said of the item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Its state now, and the ETag to ask with next time.
    Fresh(Seen, Option<String>),
    /// 304: what was kept still holds.
    NotModified,
}

/// Why nothing came, and how far it reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// This item only (not found, not readable): the forge's other items are asked.
    Item(String),
    /// The forge itself (unreachable, the token refused, a server error): its
    /// other items are not asked this time.
    Forge(String),
    /// Rate limited: the forge is left alone until then.
    Limited(NaiveDateTime, String),
}

/// Where the item is in the forge's API.
pub fn api_url(forge: &Forge, link: &ForgeLink) -> String {
    let api = forge.api.trim_end_matches('/');
    let n = link.number;
    match (forge.kind, link.kind) {
        (ForgeKind::Gitlab, kind) => {
            // A project is named by its whole path, encoded as one segment.
            let id = link.repo.replace('/', "%2F");
            let what = if kind == LinkKind::Issue {
                "issues"
            } else {
                "merge_requests"
            };
            format!("{api}/projects/{id}/{what}/{n}")
        }
        (_, LinkKind::Issue) => format!("{api}/repos/{}/issues/{n}", link.repo),
        (_, _) => format!("{api}/repos/{}/pulls/{n}", link.repo),
    }
}

/// Asks `forge` about `link`, conditionally when an ETag is kept.
pub fn get(
    forge: &Forge,
    link: &ForgeLink,
    etag: Option<&str>,
    timeout: Duration,
    now: NaiveDateTime,
) -> Result<Answer, Failure> {
    let url = api_url(forge, link);
    let host = super::host_of(&forge.api);
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(3)
        .http_status_as_error(false)
        .user_agent(concat!("lane/", env!("CARGO_PKG_VERSION")))
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let accept = match forge.kind {
        ForgeKind::Github => "application/vnd.github+json",
        _ => "application/json",
    };
    let mut request = agent.get(&url).header("Accept", accept);
    if let Some(token) = token(forge) {
        request = match forge.kind {
            ForgeKind::Github => request.header("Authorization", format!("Bearer {token}")),
            ForgeKind::Gitlab => request.header("PRIVATE-TOKEN", token),
            ForgeKind::Gitea => request.header("Authorization", format!("token {token}")),
        };
    }
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    let mut response = request
        .call()
        .map_err(|e| Failure::Forge(crate::calendar::fetch::describe(&e, &host, timeout)))?;
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().to_string())
    };
    if let Some(until) = rate_limited(status, &header, now) {
        return Err(Failure::Limited(
            until,
            format!("{host} is rate limiting lane (HTTP {status})"),
        ));
    }
    let etag = header("etag");
    match status {
        304 => return Ok(Answer::NotModified),
        200..=299 => {}
        _ => return Err(refused(status, &host, forge, link)),
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => Failure::Item(format!(
                "{host} sent more than {} KiB for {}",
                MAX_BYTES / 1024,
                link.label()
            )),
            e => Failure::Forge(crate::calendar::fetch::describe(&e, &host, timeout)),
        })?;
    let seen = understood(&bytes, now).ok_or_else(|| {
        Failure::Item(format!(
            "{host} did not answer for {} the way a {} API does",
            link.label(),
            forge.kind.name()
        ))
    })?;
    Ok(Answer::Fresh(seen, etag))
}

/// The token from the variable the forge names, when it is set.
fn token(forge: &Forge) -> Option<String> {
    let name = forge.token_env.as_deref()?;
    std::env::var(name).ok().filter(|t| !t.trim().is_empty())
}

/// When a forge that said 429, or 403 with its limit spent, may be asked
/// again: Retry-After, else the reset its rate-limit headers give, else a minute.
fn rate_limited(
    status: u16,
    header: &impl Fn(&str) -> Option<String>,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let retry_after = header("retry-after").and_then(|s| s.parse::<i64>().ok());
    let spent = header("x-ratelimit-remaining").or_else(|| header("ratelimit-remaining"))
        == Some("0".to_string());
    let limited = status == 429 || (status == 403 && (spent || retry_after.is_some()));
    if !limited {
        return None;
    }
    // Never more than a day: a wrong clock or header must not silence a forge for good.
    let cap = now + TimeDelta::days(1);
    if let Some(s) = retry_after {
        return Some((now + TimeDelta::seconds(s.clamp(1, 86_400))).min(cap));
    }
    let reset = header("x-ratelimit-reset")
        .or_else(|| header("ratelimit-reset"))
        .and_then(|s| s.parse::<i64>().ok())
        .and_then(|t| DateTime::from_timestamp(t, 0))
        .map(|t| t.with_timezone(&Local).naive_local());
    Some(
        reset
            .filter(|r| *r > now)
            .unwrap_or(now + TimeDelta::minutes(1))
            .min(cap),
    )
}

/// An answer other than success, in a few words; how far it reaches.
fn refused(status: u16, host: &str, forge: &Forge, link: &ForgeLink) -> Failure {
    let label = link.label();
    match status {
        401 => Failure::Forge(match &forge.token_env {
            Some(var) => format!("{host} refused the token (HTTP 401): check the one in ${var}"),
            None => format!("{host} asks for a token (HTTP 401): name its variable in token_env"),
        }),
        403 | 404 => Failure::Item(format!(
            "{label}: HTTP {status} from {host} — gone, or private (a token in token_env reads private ones)"
        )),
        500..=599 => Failure::Forge(format!("HTTP {status} (a server error) from {host}")),
        _ => Failure::Item(format!("{label}: HTTP {status} from {host}")),
    }
}

/// The item's state, title and times from a forge's JSON; `None` when the
/// answer is not such an item.
fn understood(bytes: &[u8], fetched: NaiveDateTime) -> Option<Seen> {
    let v: Value = serde_json::from_slice(bytes).ok()?;
    let time = |key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Local).naive_local())
    };
    // An issue link to a pull request: GitHub and Gitea say whether it
    // merged under `pull_request`.
    let pull = v.get("pull_request");
    let merged = v.get("merged").and_then(Value::as_bool) == Some(true)
        || time("merged_at").is_some()
        || pull.and_then(|p| p.get("merged")).and_then(Value::as_bool) == Some(true)
        || pull
            .and_then(|p| p.get("merged_at"))
            .is_some_and(Value::is_string);
    let state = match v.get("state")?.as_str()? {
        "merged" => ItemState::Merged,
        "closed" if merged => ItemState::Merged,
        "closed" => ItemState::Closed,
        "open" | "opened" | "locked" | "reopened" => ItemState::Open,
        _ => return None,
    };
    // Someone else's text: kept short, and never a control character.
    let title: String = v
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    let title = lane_core::model::text::visible(&title);
    let closed = match state {
        ItemState::Merged => time("merged_at").or_else(|| time("closed_at")),
        ItemState::Closed => time("closed_at"),
        ItemState::Open => None,
    };
    Some(Seen {
        state,
        title,
        updated: time("updated_at"),
        closed,
        fetched,
    })
}

#[cfg(test)]
mod tests;
