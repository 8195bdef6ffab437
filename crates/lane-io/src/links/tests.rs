use super::config::Forge;
use super::test_server::{Reply, Server};
use super::*;
use chrono::NaiveDate;
use lane_core::model::Kind;
use lane_core::model::links::{ForgeKind, ItemState};
use lane_core::model::test_util::add;

fn at(h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 7)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn forges(github: &str, gitea: &str) -> Forges {
    let forge = |kind, host: &str, api: &str| Forge {
        kind,
        host: host.into(),
        api: api.into(),
        token_env: None,
    };
    Forges {
        list: vec![
            forge(ForgeKind::Github, "github.com", github),
            forge(ForgeKind::Gitea, "git.example.net", gitea),
        ],
        auto_resolve: false,
    }
}

fn linked(links: &[&str]) -> Data {
    let mut data = Data::default();
    for (i, l) in links.iter().enumerate() {
        let title = format!("blocker {i}");
        add(&mut data, Kind::Blocker, &[("title", &title), ("links", l)]).unwrap();
    }
    data
}

const PR: &str = "https://github.com/acme/infra/pull/42";
const GITEA: &str = "https://git.example.net/o/r/issues/5";
const OPEN: &str = r#"{"state":"open","title":"t","updated_at":"2026-12-01T10:00:00Z"}"#;
const MERGED: &str =
    r#"{"state":"closed","merged":true,"title":"t","merged_at":"2026-12-07T07:00:00Z"}"#;

#[test]
fn a_forge_that_fails_keeps_the_last_known_state_and_never_stops_another() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start();
    s.route("/repos/acme/infra/pulls/42", Reply::ok(OPEN));
    s.route("/api/v1/repos/o/r/issues/5", Reply::ok(OPEN));
    let data = linked(&[PR, GITEA]);
    let f = forges(&s.base, &format!("{}/api/v1", s.base));
    let t = Duration::from_secs(1);
    let said = refresh(&f, &data, dir.path(), t, at(9));
    assert!(
        said.iter().all(|h| !h.failed() && h.fetched == 1),
        "{said:?}"
    );
    let known = cache::known(dir.path());
    assert_eq!(known[PR].state, ItemState::Open);
    // The forge of the PR now fails; the other answers, and the PR stays as it was.
    s.route("/repos/acme/infra/pulls/42", Reply::status(500));
    s.route("/api/v1/repos/o/r/issues/5", Reply::ok(MERGED));
    let said = refresh(&f, &data, dir.path(), t, at(10));
    assert_eq!(
        said[0].failures,
        [
            "github.com: HTTP 500 (a server error) from http://127.0.0.1:".to_string()
                + &s.base["http://127.0.0.1:".len()..]
                + " — the last known state is kept"
        ]
    );
    assert!(!said[1].failed());
    let known = cache::known(dir.path());
    assert_eq!(
        (known[PR].state, known[PR].fetched),
        (ItemState::Open, at(9))
    );
    assert_eq!(known[GITEA].state, ItemState::Merged);
}

#[test]
fn a_rate_limit_leaves_the_forge_alone_until_it_resets() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start();
    s.route(
        "/repos/acme/infra/pulls/42",
        Reply::Json(429, vec![("Retry-After", "600".into())], "{}".into()),
    );
    s.route("/repos/acme/infra/pulls/43", Reply::ok(OPEN));
    let data = linked(&[PR, "https://github.com/acme/infra/pull/43"]);
    let f = forges(&s.base, "http://127.0.0.1:1");
    let t = Duration::from_secs(1);
    let said = refresh(&f, &data, dir.path(), t, at(9));
    assert!(
        said[0].failures[0].contains("rate limiting lane (HTTP 429); lane asks again after 09:10"),
        "{said:?}"
    );
    // Stopped at the limit: the second pull was not asked.
    assert_eq!(s.requests().len(), 1);
    let said = refresh(
        &f,
        &data,
        dir.path(),
        t,
        at(9) + chrono::TimeDelta::minutes(5),
    );
    assert_eq!(
        said[0].failures,
        ["github.com: rate limited until 09:10 — the last known state is kept"]
    );
    assert_eq!(s.requests().len(), 1);
    s.route("/repos/acme/infra/pulls/42", Reply::ok(MERGED));
    let said = refresh(
        &f,
        &data,
        dir.path(),
        t,
        at(9) + chrono::TimeDelta::minutes(11),
    );
    assert_eq!(said[0].fetched, 2, "{said:?}");
    assert_eq!(s.requests().len(), 3);
}

#[test]
fn a_host_no_forge_serves_is_said_and_unlinked_items_leave_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start();
    s.route("/repos/acme/infra/pulls/42", Reply::ok(OPEN));
    let f = forges(&s.base, "http://127.0.0.1:1");
    let t = Duration::from_secs(1);
    let data = linked(&[PR, "https://unknown.example/a/b/issues/1"]);
    let said = refresh(&f, &data, dir.path(), t, at(9));
    assert!(said[1].failures[0].starts_with("unknown.example: no [[forges]] table serves it"));
    assert!(cache::known(dir.path()).contains_key(PR));
    refresh(&f, &Data::default(), dir.path(), t, at(10));
    assert!(cache::load(dir.path()).items.is_empty());
}
