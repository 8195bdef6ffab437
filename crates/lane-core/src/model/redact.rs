//! Credentials in URLs kept out of what lane says and hands on. A remote such as
//! `https://user:TOKEN@host/repo.git` or a calendar's `?token=…` is the user's
//! secret: messages (stderr), sync reports and the `on_sync` hook see
//! `https://user:***@host/repo.git` and `?***`. Data is never touched: an
//! export prints what was saved.

/// Where a URL ends in running text.
fn ends_url(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>' | '(' | ')' | '[' | ']')
}

/// `text` with the password (or the token given as a user name) of every URL's
/// `userinfo@`, and every URL's query, replaced by `***`.
pub fn redact(text: &str) -> String {
    if !text.contains("://") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        out.push_str(&rest[..at + 3]);
        rest = &rest[at + 3..];
        let end = rest.find(ends_url).unwrap_or(rest.len());
        out.push_str(&redact_url(&rest[..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One URL after its `scheme://`.
fn redact_url(url: &str) -> String {
    let (before_query, query) = match url.find(['?', '#']) {
        Some(q) if url[q..].starts_with('?') => {
            let fragment = url[q..].find('#').map_or("", |f| &url[q + f..]);
            (&url[..q], Some(fragment))
        }
        _ => (url, None),
    };
    let mut out = match before_query.rfind('@') {
        Some(at) if is_userinfo(&before_query[..at]) => {
            let info = &before_query[..at];
            let shown = match info.split_once(':') {
                Some((user, _)) => format!("{user}:***"),
                None => "***".to_string(),
            };
            format!("{shown}{}", &before_query[at..])
        }
        _ => before_query.to_string(),
    };
    if let Some(fragment) = query {
        out.push_str("?***");
        out.push_str(fragment);
    }
    out
}

/// Whether what stands before an `@` is a URL's user part: no path before it
/// (`TOKEN@host`), or a password that holds a `/` (`user:pa/ss@host`).
fn is_userinfo(info: &str) -> bool {
    match (info.find('/'), info.find(':')) {
        (None, _) => !info.is_empty(),
        (Some(slash), Some(colon)) => colon < slash,
        (Some(_), None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_tokens_and_queries_are_hidden_and_the_rest_is_kept() {
        for (text, shown) in [
            (
                "now syncs with file://user:S3CRET@/tmp/remote.git; synced",
                "now syncs with file://user:***@/tmp/remote.git; synced",
            ),
            (
                "fatal: 'https://ghp_TOKEN@github.com/me/plan.git' not found",
                "fatal: 'https://***@github.com/me/plan.git' not found",
            ),
            ("https://u:pa/ss@h/x.ics", "https://u:***@h/x.ics"),
            ("https://u:pa@ss@h/x.ics", "https://u:***@h/x.ics"),
            (
                "https://cal.example/x.ics?token=QT&b=1#f then",
                "https://cal.example/x.ics?***#f then",
            ),
            ("ssh://git@host:22/repo.git", "ssh://***@host:22/repo.git"),
            ("https://host/people/@ann", "https://host/people/@ann"),
            (
                "/plain/path and git@host:repo",
                "/plain/path and git@host:repo",
            ),
            ("a://", "a://"),
            ("x://@", "x://@"),
        ] {
            assert_eq!(redact(text), shown, "{text}");
        }
    }

    #[test]
    fn any_text_comes_back_whole_or_shorter_never_with_the_secret() {
        // Unicode and odd cuts around the markers never panic.
        for text in [
            "é://ü:ß@ø",
            "://:@?#",
            "::////@@??##",
            "https://u:p@",
            "https://@h",
        ] {
            let _ = redact(text);
        }
        assert!(!redact("git remote set-url origin https://a:SECRET@h/r").contains("SECRET"));
    }
}
