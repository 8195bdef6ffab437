//! `[[forges]]` in config.toml: the forges lane asks about linked issues and
//! pull requests — their kind, the web host their links are on, their API and
//! the environment variable holding a token. The public hosts need no table.
//! A token is read from its variable when a request is made: never stored,
//! never printed.

use serde::Deserialize;
use toml::Spanned;

use lane_core::model::links::ForgeKind;

/// One forge lane reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forge {
    pub kind: ForgeKind,
    /// The host of the links it serves, lowercase (with a port if given).
    pub host: String,
    /// Its API's base: `https://api.github.com`, `https://gitlab.com/api/v4`,
    /// `https://codeberg.org/api/v1`.
    pub api: String,
    /// The environment variable a token is read from, if any.
    pub token_env: Option<String>,
}

/// The forges configured, and whether a blocker resolves itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forges {
    pub list: Vec<Forge>,
    /// Resolve a blocker whose links all closed or merged without asking.
    pub auto_resolve: bool,
}

impl Forges {
    /// The forge serving links on `host`: its table, else a public host's defaults.
    pub fn for_host(&self, host: &str) -> Option<Forge> {
        self.list
            .iter()
            .find(|f| f.host == host)
            .cloned()
            .or_else(|| public(host))
    }
}

/// The public hosts, served with no table (a token only when a table names one).
pub fn public(host: &str) -> Option<Forge> {
    let (kind, api, token_env) = match host {
        "github.com" => (ForgeKind::Github, "https://api.github.com", "GITHUB_TOKEN"),
        "gitlab.com" => (
            ForgeKind::Gitlab,
            "https://gitlab.com/api/v4",
            "GITLAB_TOKEN",
        ),
        "codeberg.org" => (
            ForgeKind::Gitea,
            "https://codeberg.org/api/v1",
            "CODEBERG_TOKEN",
        ),
        _ => return None,
    };
    Some(Forge {
        kind,
        host: host.to_string(),
        api: api.to_string(),
        token_env: Some(token_env.to_string()),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawForge {
    kind: Spanned<String>,
    host: Spanned<String>,
    api: Option<Spanned<String>>,
    token_env: Option<Spanned<String>>,
}

/// Checks each `[[forges]]` table; a refusal names its place in the file.
pub fn forges(
    raw: Vec<RawForge>,
    at: &impl Fn(std::ops::Range<usize>, String) -> color_eyre::Report,
) -> color_eyre::Result<Vec<Forge>> {
    let mut out: Vec<Forge> = Vec::new();
    for r in raw {
        let kind = ForgeKind::parse(r.kind.get_ref()).ok_or_else(|| {
            at(
                r.kind.span(),
                format!(
                    "[[forges]] kind `{}` is not one of github, gitlab, gitea",
                    lane_core::model::text::visible(r.kind.get_ref())
                ),
            )
        })?;
        let host = r.host.get_ref().trim().to_ascii_lowercase();
        if host.is_empty()
            || host.contains(['/', '@', ' '])
            || lane_core::model::text::one_line("host", &host).is_err()
        {
            return Err(at(
                r.host.span(),
                "[[forges]] host is the host of its links alone, like `git.example.com`".into(),
            ));
        }
        if out.iter().any(|f| f.host == host) {
            return Err(at(
                r.host.span(),
                format!("two [[forges]] tables serve `{host}`: keep one"),
            ));
        }
        let api = match &r.api {
            Some(a) => checked_api(a.get_ref()).map_err(|e| at(a.span(), e))?,
            None => default_api(kind, &host),
        };
        let token_env = match &r.token_env {
            // Its place alone, not its line: a token pasted here is never echoed.
            Some(t) => Some(checked_env(t.get_ref()).map_err(|e| {
                let placed = at(t.span(), e).to_string();
                color_eyre::eyre::eyre!("{}", placed.lines().next().unwrap_or_default())
            })?),
            None => None,
        };
        out.push(Forge {
            kind,
            host,
            api,
            token_env,
        });
    }
    Ok(out)
}

/// A self-hosted forge's API where each kind keeps it.
fn default_api(kind: ForgeKind, host: &str) -> String {
    match (kind, public(host)) {
        (_, Some(p)) if p.kind == kind => p.api,
        (ForgeKind::Github, _) => format!("https://{host}/api/v3"),
        (ForgeKind::Gitlab, _) => format!("https://{host}/api/v4"),
        (ForgeKind::Gitea, _) => format!("https://{host}/api/v1"),
    }
}

fn checked_api(api: &str) -> Result<String, String> {
    let api = api.trim().trim_end_matches('/');
    lane_core::model::text::one_line("[[forges]] api", api)?;
    let lower = api.to_ascii_lowercase();
    let why = if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        Some("it must start with https:// (or http://)".to_string())
    } else {
        match ureq::http::Uri::try_from(api) {
            Err(e) => Some(e.to_string()),
            Ok(u) if u.host().is_none_or(str::is_empty) => Some("no host".into()),
            Ok(u) if u.authority().is_some_and(|a| a.as_str().contains('@')) => {
                Some("a token goes in token_env, never in the address".into())
            }
            Ok(_) => None,
        }
    };
    match why {
        Some(why) => Err(format!(
            "[[forges]] api is not a web address lane can fetch: {why}"
        )),
        None => Ok(api.to_string()),
    }
}

/// The name of an environment variable, never its value.
fn checked_env(name: &str) -> Result<String, String> {
    let name = name.trim();
    let ok = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if ok {
        Ok(name.to_string())
    } else {
        Err(
            "[[forges]] token_env is the name of an environment variable (like \
             GITHUB_TOKEN), never the token itself"
                .into(),
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::config::load_text as load;

    #[test]
    fn the_three_forges_are_read_and_public_hosts_need_no_table() {
        let c = load(
            "auto_resolve = true\n\
             [[forges]]\nkind = \"github\"\nhost = \"GitHub.example.com\"\ntoken_env = \"GHE_TOKEN\"\n\
             [[forges]]\nkind = \"gitlab\"\nhost = \"gitlab.example.org\"\napi = \"https://gitlab.example.org/api/v4/\"\n\
             [[forges]]\nkind = \"forgejo\"\nhost = \"git.example.net\"\n",
        )
        .unwrap();
        let f = &c.forges;
        assert!(f.auto_resolve);
        let apis: Vec<(&str, &str)> = f
            .list
            .iter()
            .map(|f| (f.host.as_str(), f.api.as_str()))
            .collect();
        assert_eq!(
            apis,
            [
                ("github.example.com", "https://github.example.com/api/v3"),
                ("gitlab.example.org", "https://gitlab.example.org/api/v4"),
                ("git.example.net", "https://git.example.net/api/v1"),
            ]
        );
        assert_eq!(f.list[0].token_env.as_deref(), Some("GHE_TOKEN"));
        assert_eq!(
            f.for_host("github.com").unwrap().api,
            "https://api.github.com"
        );
        assert_eq!(
            f.for_host("codeberg.org").unwrap().api,
            "https://codeberg.org/api/v1"
        );
        assert_eq!(f.for_host("git.unknown.org"), None);
        assert!(!load("").unwrap().forges.auto_resolve);
    }

    #[test]
    fn a_bad_forge_table_is_refused_at_its_place() {
        let cases = [
            (
                "[[forges]]\nkind = \"bitbucket\"\nhost = \"b.org\"\n",
                "config.toml:2:8: [[forges]] kind `bitbucket` is not one of github, gitlab, gitea",
            ),
            (
                "[[forges]]\nkind = \"gitea\"\nhost = \"https://g.org/x\"\n",
                "config.toml:3:8: [[forges]] host is the host of its links alone",
            ),
            (
                "[[forges]]\nkind = \"gitea\"\nhost = \"g.org\"\ntoken_env = \"ghp_abc-123\"\n",
                "config.toml:4:13: [[forges]] token_env is the name of an environment variable",
            ),
            (
                "[[forges]]\nkind = \"gitea\"\nhost = \"g.org\"\napi = \"ftp://g.org\"\n",
                "config.toml:4:7: [[forges]] api is not a web address",
            ),
            (
                "[[forges]]\nkind = \"gitea\"\nhost = \"g.org\"\n[[forges]]\nkind = \"gitea\"\nhost = \"G.org\"\n",
                "config.toml:6:8: two [[forges]] tables serve `g.org`",
            ),
            (
                "[[forges]]\nkind = \"gitea\"\nhost = \"g.org\"\ntoken = \"x\"\n",
                "config.toml:4:1",
            ),
        ];
        for (text, want) in cases {
            let e = load(text).unwrap_err();
            assert!(e.starts_with(want), "{text}\n{e}");
            assert!(!e.contains("ghp_abc"), "{e}");
        }
    }
}
