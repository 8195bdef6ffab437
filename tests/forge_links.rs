//! Blockers linked to issues and pull requests, against a loopback server
//! (127.0.0.1 only) that answers in GitHub's REST shape: a merged pull request
//! shows after `lane refresh` in the list, its JSON and the status line; a
//! quiet issue nudges the ladder; the token reaches the server and nothing
//! else; an unreachable forge fails the refresh and changes nothing.

use std::collections::HashMap;
use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::common::lane;

const TOKEN: &str = "ghp_t0ken-s3cret";
const PR: &str = "https://github.com/acme/infra/pull/42";
const ISSUE: &str = "https://github.com/acme/infra/issues/7";
const MERGED: &str = r#"{"number":42,"state":"closed","merged":true,"title":"Bump base image",
  "merged_at":"2026-11-23T06:10:00Z","closed_at":"2026-11-23T06:10:00Z","updated_at":"2026-11-23T06:10:00Z"}"#;
const OPEN: &str =
    r#"{"number":42,"state":"open","title":"Bump base image","updated_at":"2026-11-23T06:10:00Z"}"#;
/// A route that reads the request and never answers.
const HANG: &str = "(hang)";
const QUIET: &str =
    r#"{"number":7,"state":"open","title":"Quota","updated_at":"2026-11-04T08:00:00Z"}"#;

/// A server answering each path with its body (404 for any other), keeping
/// every request's head.
struct Server {
    base: String,
    routes: Arc<Mutex<HashMap<String, String>>>,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: Arc<Mutex<HashMap<String, String>>> = Arc::default();
        let heads: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, h) = (routes.clone(), heads.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, h) = (r.clone(), h.clone());
                std::thread::spawn(move || answer(stream, &r, &h));
            }
        });
        Server {
            base,
            routes,
            heads,
        }
    }

    fn route(&self, path: &str, body: &str) {
        self.routes.lock().unwrap().insert(path.into(), body.into());
    }
}

fn answer(
    mut stream: TcpStream,
    routes: &Mutex<HashMap<String, String>>,
    heads: &Mutex<Vec<String>>,
) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let path = head.split(' ').nth(1).unwrap_or_default().to_string();
    heads.lock().unwrap().push(head);
    let body = routes.lock().unwrap().get(&path).cloned();
    if body.as_deref() == Some(HANG) {
        std::thread::sleep(std::time::Duration::from_secs(30));
        return;
    }
    let response = match body {
        Some(body) => format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: \"e1\"\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
        None => {
            "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}".to_string()
        }
    };
    let _ = stream.write_all(response.as_bytes());
}

/// A data dir whose config serves github.com links from `api`.
fn with_forge(api: &str, extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), api, extra);
    dir
}

fn write_config(dir: &Path, api: &str, extra: &str) {
    fs::create_dir_all(dir.join("config")).unwrap();
    let config = format!(
        "calendar_timeout_seconds = 2\n{extra}\n[[forges]]\nkind = \"github\"\n\
         host = \"github.com\"\napi = \"{api}\"\ntoken_env = \"LANE_TEST_FORGE_TOKEN\"\n"
    );
    fs::write(dir.join("config/config.toml"), config).unwrap();
}

/// `lane ARGS` at `now`, in UTC, with the token in its variable and no proxy:
/// exit code, stdout, stderr.
fn run(dir: &Path, now: &str, args: &[&str]) -> (i32, String, String) {
    let mut cmd = lane(dir);
    cmd.env("TZ", "UTC")
        .env("LANE_NOW", now)
        .env("LANE_TEST_FORGE_TOKEN", TOKEN);
    for proxy in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        cmd.env_remove(proxy);
    }
    let out = cmd.args(args).output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(
        !stdout.contains(TOKEN) && !stderr.contains(TOKEN),
        "{stdout}{stderr}"
    );
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

/// No file under `dir` holds the token.
fn token_in_no_file(dir: &Path) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            token_in_no_file(&path);
        } else {
            let bytes = fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(TOKEN), "{}", path.display());
        }
    }
}

const NOW: &str = "2026-11-23T08:10";

#[test]
fn a_merged_pull_request_shows_after_refresh_in_the_list_its_json_and_the_status_line() {
    let server = Server::start();
    server.route("/repos/acme/infra/pulls/42", MERGED);
    let dir = with_forge(&server.base, "");
    let d = dir.path();
    let (code, _, err) = run(d, NOW, &["add", "blocker", "base image", "--link", PR]);
    assert_eq!(code, 0, "{err}");
    let before = fs::read(d.join("lane.toml")).unwrap();

    let (code, out, err) = run(d, "2026-11-23T09:10", &["refresh", "links"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("github.com: 1 link read"), "{out}");
    assert!(
        out.contains("blocker 1 “base image”: PR #42 merged — unblocked? lane resolve blocker 1 \"PR #42 merged\""),
        "{out}"
    );
    // Looked at, never resolved: lane.toml is the same bytes.
    assert_eq!(fs::read(d.join("lane.toml")).unwrap(), before);
    let heads = server.heads.lock().unwrap().clone();
    assert!(
        heads[0].starts_with("GET /repos/acme/infra/pulls/42 "),
        "{}",
        heads[0]
    );
    assert!(
        heads[0].contains(&format!("Bearer {TOKEN}")),
        "the token reaches the server"
    );

    let (_, list, _) = run(d, "2026-11-23T09:10", &["list", "blockers"]);
    assert!(
        list.contains("[PR #42 merged 3h ago — unblocked?]"),
        "{list}"
    );
    let (_, json, _) = run(d, "2026-11-23T09:10", &["list", "blockers", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let link = &v[0]["links"][0];
    assert_eq!(link["url"], PR);
    assert_eq!(link["state"], "merged");
    assert_eq!(link["updated"], "2026-11-23T06:10:00");
    assert_eq!(link["fetched"], "2026-11-23T09:10:00");
    assert_eq!(v[0]["unblocked_by"], "PR #42 merged");
    assert!(
        v[0]["flags"]
            .as_array()
            .unwrap()
            .contains(&"unblocked".into())
    );
    let (_, status, _) = run(d, "2026-11-23T09:10", &["status"]);
    assert!(status.contains("1 unblocked?"), "{status}");
    token_in_no_file(d);
}

#[test]
fn an_unreachable_forge_fails_the_refresh_and_keeps_the_last_known_state() {
    let server = Server::start();
    server.route("/repos/acme/infra/pulls/42", OPEN);
    let dir = with_forge(&server.base, "");
    let d = dir.path();
    run(d, NOW, &["add", "blocker", "base image", "--link", PR]);
    let (code, out, err) = run(d, NOW, &["refresh"]);
    assert_eq!(code, 0, "{out}{err}");
    let before = fs::read(d.join("lane.toml")).unwrap();

    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    write_config(d, &format!("http://127.0.0.1:{port}"), "");
    let (code, out, err) = run(d, "2026-11-23T10:00", &["refresh", "links"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains(&format!(
            "lane: github.com: http://127.0.0.1:{port} refused the connection — the last known state is kept"
        )),
        "{err}"
    );
    assert_eq!(fs::read(d.join("lane.toml")).unwrap(), before);
    let (_, json, _) = run(d, "2026-11-23T10:00", &["list", "blockers", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["links"][0]["state"], "open");
    assert_eq!(v[0]["links"][0]["fetched"], "2026-11-23T08:10:00");
}

#[test]
fn a_forge_that_never_answers_fails_in_the_timeout_and_another_is_still_read() {
    let (hanging, fine) = (Server::start(), Server::start());
    hanging.route("/repos/acme/infra/pulls/42", HANG);
    fine.route("/api/v1/repos/o/r/issues/5", OPEN);
    let dir = with_forge(
        &hanging.base,
        &format!(
            "[[forges]]\nkind = \"gitea\"\nhost = \"git.example.net\"\napi = \"{}/api/v1\"\n",
            fine.base
        ),
    );
    let d = dir.path();
    run(d, NOW, &["add", "blocker", "a", "--link", PR]);
    run(
        d,
        NOW,
        &[
            "add",
            "blocker",
            "b",
            "--link",
            "https://git.example.net/o/r/issues/5",
        ],
    );
    let (code, out, err) = run(d, NOW, &["refresh", "links"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("lane: github.com: timed out after 2 s waiting for"),
        "{err}"
    );
    assert!(out.contains("git.example.net: 1 link read"), "{out}");
}

#[test]
fn a_linked_issue_quiet_for_twenty_days_nudges_the_next_rung() {
    let server = Server::start();
    server.route("/repos/acme/infra/issues/7", QUIET);
    let dir = with_forge(&server.base, "");
    let d = dir.path();
    run(
        d,
        NOW,
        &[
            "add",
            "blocker",
            "quota",
            "--link",
            ISSUE,
            "--tried",
            "docs,search",
        ],
    );
    let later = "2026-11-24T09:00";
    let (code, out, err) = run(d, later, &["refresh"]);
    assert_eq!(code, 0, "{out}{err}");
    let nudge = "no activity on acme/infra#7 for 20 days — ask a peer?";
    assert!(
        out.contains(&format!("blocker 1 “quota”: {nudge}")),
        "{out}"
    );
    let (_, list, _) = run(d, later, &["list", "blockers"]);
    assert!(list.contains(nudge), "{list}");
    let (_, json, _) = run(d, later, &["list", "blockers", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["nudge"], nudge);
}

#[test]
fn auto_resolve_resolves_the_blocker_with_what_unblocked_it() {
    let server = Server::start();
    server.route("/repos/acme/infra/pulls/42", MERGED);
    let dir = with_forge(&server.base, "auto_resolve = true");
    let d = dir.path();
    run(d, NOW, &["add", "blocker", "base image", "--link", PR]);
    let (code, out, err) = run(d, NOW, &["refresh", "links"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("blocker 1 resolved: PR #42 merged"), "{out}");
    let (_, shown, _) = run(d, NOW, &["show", "blocker", "1"]);
    assert!(shown.contains("resolution = \"PR #42 merged\""), "{shown}");
    // One change, taken back like any other.
    let (code, out, _) = run(d, NOW, &["undo"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_bad_link_is_refused_in_one_line_and_nothing_is_written() {
    let dir = with_forge("https://api.github.com", "");
    let d = dir.path();
    let (code, _, err) = run(
        d,
        NOW,
        &[
            "add",
            "blocker",
            "x",
            "--link",
            "https://github.com/acme/infra/commit/42",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("not an issue, pull request or merge request"),
        "{err}"
    );
    assert!(!d.join("lane.toml").exists());
    run(d, NOW, &["add", "blocker", "x", "--link", PR]);
    let before = fs::read(d.join("lane.toml")).unwrap();
    for change in [
        "link=ftp://x/y",
        "unlink=https://github.com/acme/infra/issues/8",
        "links=nonsense",
    ] {
        let (code, _, err) = run(d, NOW, &["modify", "blocker", "1", change]);
        assert_eq!((code, err.lines().count()), (2, 1), "{change}: {err}");
        assert_eq!(fs::read(d.join("lane.toml")).unwrap(), before, "{change}");
    }
    let (code, _, err) = run(
        d,
        NOW,
        &[
            "modify",
            "blocker",
            "1",
            &format!("link={ISSUE}"),
            &format!("unlink={PR}"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (_, shown, _) = run(d, NOW, &["show", "blocker", "1"]);
    assert!(shown.contains(&format!("links = [\"{ISSUE}\"]")), "{shown}");
}
