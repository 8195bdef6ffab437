use super::*;
use crate::model::test_util::{add, at};
use crate::model::{Kind, Rung, Tried};

#[test]
fn the_three_forges_urls_parse_into_host_repo_kind_and_number() {
    let cases = [
        (
            "https://github.com/acme/infra/pull/42",
            (
                "github.com",
                "acme/infra",
                LinkKind::Pull,
                42,
                Some(ForgeKind::Github),
            ),
            "PR #42",
        ),
        (
            "https://GitHub.com/acme/infra/issues/7#issuecomment-1",
            ("github.com", "acme/infra", LinkKind::Issue, 7, None),
            "acme/infra#7",
        ),
        (
            "https://gitlab.com/group/sub/project/-/merge_requests/3/diffs?x=1",
            (
                "gitlab.com",
                "group/sub/project",
                LinkKind::MergeRequest,
                3,
                Some(ForgeKind::Gitlab),
            ),
            "MR !3",
        ),
        (
            "https://gitlab.example.org/team/app/-/issues/12",
            (
                "gitlab.example.org",
                "team/app",
                LinkKind::Issue,
                12,
                Some(ForgeKind::Gitlab),
            ),
            "team/app#12",
        ),
        (
            "https://codeberg.org/forgejo/forgejo/pulls/9/",
            (
                "codeberg.org",
                "forgejo/forgejo",
                LinkKind::Pull,
                9,
                Some(ForgeKind::Gitea),
            ),
            "PR #9",
        ),
        (
            "http://127.0.0.1:8080/acme/infra/issues/1",
            ("127.0.0.1:8080", "acme/infra", LinkKind::Issue, 1, None),
            "acme/infra#1",
        ),
    ];
    for (url, (host, repo, kind, number, shape), label) in cases {
        let l = parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(
            (l.host.as_str(), l.repo.as_str(), l.kind, l.number, l.shape),
            (host, repo, kind, number, shape),
            "{url}"
        );
        assert_eq!(l.label(), label);
        // The URL kept parses to itself.
        assert_eq!(parse(&l.url).unwrap(), l, "{url}");
    }
    assert_eq!(
        parse("https://gitlab.com/group/sub/project/-/merge_requests/3/diffs")
            .unwrap()
            .url,
        "https://gitlab.com/group/sub/project/-/merge_requests/3"
    );
}

#[test]
fn anything_else_is_refused_in_one_line_that_says_what_would_do() {
    for bad in [
        "github.com/acme/infra/pull/42",
        "ftp://github.com/acme/infra/pull/42",
        "https://github.com/acme/infra",
        "https://github.com/acme/infra/pull/x",
        "https://github.com/acme/infra/pull/0",
        "https://github.com/acme/infra/pull/+4",
        "https://github.com/acme/infra/commit/42",
        "https://github.com/a/b/c/pull/42",
        "https://gitlab.com/project/-/issues/4",
        "https://user:secret@github.com/acme/infra/pull/42",
        "https://github.com:99999/acme/infra/pull/42",
        "https:///acme/infra/pull/42",
        "https://github.com/../infra/pull/42",
        "https://github.com/acme/in fra/pull/42",
        "https://github.com/acme/infra/pull/42\u{1b}[2J",
    ] {
        let why = parse(bad).unwrap_err();
        assert!(!why.contains('\n'), "{why}");
        assert!(!why.contains('\u{1b}'), "{why}");
        assert!(!why.contains("secret"), "{why}");
    }
    let why = parse("https://github.com/acme/infra/commit/42").unwrap_err();
    assert!(
        why.contains("not an issue, pull request or merge request"),
        "{why}"
    );
}

#[test]
fn a_list_is_checked_whole_and_keeps_each_link_once() {
    let list = parse_list(
        "https://github.com/a/b/pull/1, https://github.com/a/b/pull/1?x https://github.com/a/b/issues/2",
    )
    .unwrap();
    assert_eq!(
        list,
        [
            "https://github.com/a/b/pull/1",
            "https://github.com/a/b/issues/2"
        ]
    );
    assert!(parse_list("https://github.com/a/b/pull/1 nonsense").is_err());
    assert_eq!(parse_list("  ").unwrap(), Vec::<String>::new());
}

fn seen(state: ItemState, updated: &str) -> Seen {
    Seen {
        state,
        title: "Bump the base image".into(),
        updated: Some(at(updated, "10:00")),
        closed: None,
        fetched: at("2026-12-07", "08:00"),
    }
}

fn linked(links: &str) -> Data {
    let mut data = Data::default();
    add(
        &mut data,
        Kind::Blocker,
        &[("title", "base image"), ("links", links)],
    )
    .unwrap();
    data
}

#[test]
fn a_blocker_whose_links_all_closed_or_merged_is_unblocked_and_says_by_what() {
    let pr = "https://github.com/acme/infra/pull/42";
    let issue = "https://github.com/acme/infra/issues/7";
    let data = linked(&format!("{pr} {issue}"));
    let b = &data.blockers[0];
    assert_eq!(b.links, [pr, issue]);
    let mut known = Known::new();
    assert_eq!(unblocked(b, &known), None);
    known.insert(pr.into(), seen(ItemState::Merged, "2026-12-06"));
    // One link still not known: not yet.
    assert_eq!(unblocked(b, &known), None);
    known.insert(issue.into(), seen(ItemState::Open, "2026-12-06"));
    assert_eq!(unblocked(b, &known), None);
    known.insert(issue.into(), seen(ItemState::Closed, "2026-12-06"));
    assert_eq!(
        unblocked(b, &known).as_deref(),
        Some("PR #42 merged, acme/infra#7 closed")
    );
    assert_eq!(unblocked_ids(&data, &known), [b.id]);
    let line = link_line(&parse(pr).unwrap(), &known, at("2026-12-06", "12:00"));
    assert_eq!(line, "PR #42 merged 2h ago — unblocked?");
}

#[test]
fn a_quiet_link_nudges_the_next_rung_once_the_timebox_is_past() {
    let issue = "https://github.com/acme/infra/issues/7";
    let mut data = linked(issue);
    data.blockers[0].opened = Some(at("2026-11-16", "09:00"));
    data.blockers[0].tried.push(Tried {
        rung: Rung::Docs,
        note: String::new(),
        at: at("2026-11-16", "10:00"),
        extra: Default::default(),
    });
    data.blockers[0].tried.push(Tried {
        rung: Rung::Search,
        note: String::new(),
        at: at("2026-11-16", "11:00"),
        extra: Default::default(),
    });
    let rules = Rules::default();
    let now = at("2026-12-07", "10:00");
    let mut known = Known::new();
    known.insert(issue.into(), seen(ItemState::Open, "2026-11-17"));
    assert_eq!(
        quiet(&data.blockers[0], &known, &rules, now).as_deref(),
        Some("no activity on acme/infra#7 for 20 days — ask a peer?")
    );
    // Activity an hour ago: not quiet.
    known.insert(issue.into(), seen(ItemState::Open, "2026-12-07"));
    known.get_mut(issue).unwrap().updated = Some(at("2026-12-07", "09:00"));
    assert_eq!(quiet(&data.blockers[0], &known, &rules, now), None);
    // The user just moved on it: no nudge either, however quiet the link.
    known.insert(issue.into(), seen(ItemState::Open, "2026-11-17"));
    data.blockers[0].tried.push(Tried {
        rung: Rung::Peer,
        note: String::new(),
        at: at("2026-12-07", "09:30"),
        extra: Default::default(),
    });
    assert_eq!(quiet(&data.blockers[0], &known, &rules, now), None);
}

#[test]
fn forge_kinds_are_named_and_forgejo_is_gitea() {
    assert_eq!(ForgeKind::parse("GitLab"), Some(ForgeKind::Gitlab));
    assert_eq!(ForgeKind::parse("forgejo"), Some(ForgeKind::Gitea));
    assert_eq!(ForgeKind::parse("bitbucket"), None);
}
