use super::*;
use crate::links::test_server::{Reply, Server};
use chrono::{NaiveDate, TimeZone};
use lane_core::model::links::parse;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 7)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn forge(kind: ForgeKind, base: &str, api: &str, token_env: Option<&str>) -> Forge {
    Forge {
        kind,
        host: "forge.test".into(),
        api: format!("{base}{api}"),
        token_env: token_env.map(String::from),
    }
}

fn ask(f: &Forge, url: &str, etag: Option<&str>) -> Result<Answer, Failure> {
    get(f, &parse(url).unwrap(), etag, Duration::from_secs(2), now())
}

fn fresh(a: Result<Answer, Failure>) -> Seen {
    match a {
        Ok(Answer::Fresh(seen, _)) => seen,
        other => panic!("{other:?}"),
    }
}

const MERGED_PR: &str = r#"{"number":42,"state":"closed","title":"Bump base image","merged":true,
    "merged_at":"2026-12-07T07:00:00Z","closed_at":"2026-12-07T07:00:00Z","updated_at":"2026-12-07T07:00:00Z"}"#;

#[test]
fn github_pulls_and_issues_are_read_with_the_token_in_a_header_only() {
    let s = Server::start();
    s.route("/repos/acme/infra/pulls/42", Reply::ok(MERGED_PR));
    s.route(
        "/repos/acme/infra/issues/7",
        Reply::ok(r#"{"state":"open","title":"Quota","updated_at":"2026-11-17T10:00:00Z"}"#),
    );
    // SAFETY: the variable is this test's alone.
    unsafe { std::env::set_var("LANE_TEST_GH_TOKEN", "s3cret-gh") };
    let f = forge(ForgeKind::Github, &s.base, "", Some("LANE_TEST_GH_TOKEN"));
    let pr = fresh(ask(&f, "https://github.com/acme/infra/pull/42", None));
    assert_eq!(
        (pr.state, pr.title.as_str()),
        (ItemState::Merged, "Bump base image")
    );
    assert!(pr.closed.is_some());
    let issue = fresh(ask(&f, "https://github.com/acme/infra/issues/7", None));
    assert_eq!(issue.state, ItemState::Open);
    // A pull request linked as an issue: merged, as its `pull_request` says.
    s.route(
        "/repos/acme/infra/issues/42",
        Reply::ok(
            r#"{"state":"closed","title":"t","pull_request":{"merged_at":"2026-12-07T07:00:00Z"}}"#,
        ),
    );
    let as_issue = fresh(ask(&f, "https://github.com/acme/infra/issues/42", None));
    assert_eq!(as_issue.state, ItemState::Merged);
    assert!(issue.updated.is_some());
    let heads = s.requests();
    assert!(
        heads[0].starts_with("get /repos/acme/infra/pulls/42 "),
        "{}",
        heads[0]
    );
    assert!(
        heads[0].contains("authorization: bearer s3cret-gh"),
        "{}",
        heads[0]
    );
}

#[test]
fn gitlab_merge_requests_and_issues_go_by_the_project_path_with_a_private_token() {
    let s = Server::start();
    s.route(
        "/api/v4/projects/group%2Fsub%2Fproject/merge_requests/3",
        Reply::ok(r#"{"iid":3,"state":"merged","title":"MR","merged_at":"2026-12-06T10:00:00.000Z","updated_at":"2026-12-06T10:00:00.000Z"}"#),
    );
    s.route(
        "/api/v4/projects/group%2Fsub%2Fproject/issues/4",
        Reply::ok(
            r#"{"iid":4,"state":"opened","title":"Issue","updated_at":"2026-12-06T10:00:00Z"}"#,
        ),
    );
    unsafe { std::env::set_var("LANE_TEST_GL_TOKEN", "s3cret-gl") };
    let f = forge(
        ForgeKind::Gitlab,
        &s.base,
        "/api/v4",
        Some("LANE_TEST_GL_TOKEN"),
    );
    let mr = fresh(ask(
        &f,
        "https://gitlab.com/group/sub/project/-/merge_requests/3",
        None,
    ));
    assert_eq!(mr.state, ItemState::Merged);
    let issue = fresh(ask(
        &f,
        "https://gitlab.com/group/sub/project/-/issues/4",
        None,
    ));
    assert_eq!(issue.state, ItemState::Open);
    assert!(s.requests()[0].contains("private-token: s3cret-gl"));
}

#[test]
fn gitea_pulls_closed_unmerged_are_closed_and_merged_ones_merged() {
    let s = Server::start();
    s.route(
        "/api/v1/repos/o/r/pulls/9",
        Reply::ok(r#"{"state":"closed","merged":false,"merged_at":null,"title":"t","closed_at":"2026-12-01T10:00:00+01:00"}"#),
    );
    s.route(
        "/api/v1/repos/o/r/pulls/10",
        Reply::ok(r#"{"state":"closed","merged":true,"title":"t"}"#),
    );
    unsafe { std::env::set_var("LANE_TEST_GT_TOKEN", "s3cret-gt") };
    let f = forge(
        ForgeKind::Gitea,
        &s.base,
        "/api/v1",
        Some("LANE_TEST_GT_TOKEN"),
    );
    assert_eq!(
        fresh(ask(&f, "https://codeberg.org/o/r/pulls/9", None)).state,
        ItemState::Closed
    );
    assert_eq!(
        fresh(ask(&f, "https://codeberg.org/o/r/pulls/10", None)).state,
        ItemState::Merged
    );
    assert!(s.requests()[0].contains("authorization: token s3cret-gt"));
}

#[test]
fn an_etag_is_sent_back_and_a_304_keeps_what_was_known() {
    let s = Server::start();
    let f = forge(ForgeKind::Github, &s.base, "", None);
    s.route(
        "/repos/a/b/pulls/1",
        Reply::Json(200, vec![("ETag", "\"v1\"".into())], MERGED_PR.into()),
    );
    let Ok(Answer::Fresh(_, etag)) = ask(&f, "https://github.com/a/b/pull/1", None) else {
        panic!()
    };
    assert_eq!(etag.as_deref(), Some("\"v1\""));
    s.route(
        "/repos/a/b/pulls/1",
        Reply::Json(304, Vec::new(), String::new()),
    );
    assert_eq!(
        ask(&f, "https://github.com/a/b/pull/1", etag.as_deref()),
        Ok(Answer::NotModified)
    );
    assert!(s.requests()[1].contains("if-none-match: \"v1\""));
}

#[test]
fn failures_say_how_far_they_reach_and_never_hold_the_token() {
    let s = Server::start();
    unsafe { std::env::set_var("LANE_TEST_BAD_TOKEN", "s3cret-bad") };
    let f = forge(ForgeKind::Github, &s.base, "", Some("LANE_TEST_BAD_TOKEN"));
    s.route("/repos/a/b/pulls/401", Reply::status(401));
    s.route("/repos/a/b/pulls/500", Reply::status(500));
    s.route(
        "/repos/a/b/pulls/2",
        Reply::ok("<html>garbage\u{1b}</html>"),
    );
    s.route("/repos/a/b/pulls/3", Reply::ok(r#"{"state":"weird"}"#));
    // (number, whether the whole forge stops, words)
    let cases = [
        ("404", false, "PR #404: HTTP 404 from "),
        (
            "401",
            true,
            "refused the token (HTTP 401): check the one in $LANE_TEST_BAD_TOKEN",
        ),
        ("500", true, "HTTP 500 (a server error)"),
        (
            "2",
            false,
            "did not answer for PR #2 the way a github API does",
        ),
        ("3", false, "did not answer for PR #3"),
    ];
    for (n, whole_forge, words) in cases {
        let e = ask(&f, &format!("https://github.com/a/b/pull/{n}"), None).unwrap_err();
        assert_eq!(matches!(e, Failure::Forge(_)), whole_forge, "{n}: {e:?}");
        assert_eq!(matches!(e, Failure::Item(_)), !whole_forge, "{n}: {e:?}");
        let text = format!("{e:?}");
        assert!(text.contains(words), "{n}: {text}");
        assert!(!text.contains("s3cret"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
    }
}

#[test]
fn a_hanging_or_absent_forge_fails_the_forge_in_its_timeout() {
    let s = Server::start();
    s.route("/repos/a/b/pulls/1", Reply::Hang);
    let f = forge(ForgeKind::Github, &s.base, "", None);
    let e = get(
        &f,
        &parse("https://github.com/a/b/pull/1").unwrap(),
        None,
        Duration::from_secs(1),
        now(),
    );
    assert!(
        matches!(&e, Err(Failure::Forge(w)) if w.contains("timed out after 1 s")),
        "{e:?}"
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let gone = forge(
        ForgeKind::Github,
        &format!("http://127.0.0.1:{port}"),
        "",
        None,
    );
    let e = ask(&gone, "https://github.com/a/b/pull/1", None);
    assert!(
        matches!(&e, Err(Failure::Forge(w)) if w.contains("refused the connection")),
        "{e:?}"
    );
}

#[test]
fn rate_limits_pause_the_forge_until_retry_after_or_the_reset() {
    let s = Server::start();
    let f = forge(ForgeKind::Github, &s.base, "", None);
    s.route(
        "/repos/a/b/pulls/1",
        Reply::Json(429, vec![("Retry-After", "120".into())], "{}".into()),
    );
    let reset = chrono::Local
        .from_local_datetime(&(now() + TimeDelta::minutes(30)))
        .unwrap()
        .timestamp();
    s.route(
        "/repos/a/b/pulls/2",
        Reply::Json(
            403,
            vec![
                ("X-RateLimit-Remaining", "0".into()),
                ("X-RateLimit-Reset", reset.to_string()),
            ],
            "{}".into(),
        ),
    );
    // A 403 that is no rate limit is the item's.
    s.route("/repos/a/b/pulls/3", Reply::status(403));
    let until = |n: u32| match ask(&f, &format!("https://github.com/a/b/pull/{n}"), None) {
        Err(Failure::Limited(until, _)) => Some(until),
        _ => None,
    };
    assert_eq!(until(1), Some(now() + TimeDelta::minutes(2)));
    assert_eq!(until(2), Some(now() + TimeDelta::minutes(30)));
    assert_eq!(until(3), None);
}
