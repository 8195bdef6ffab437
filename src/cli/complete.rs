//! Shell completion that offers item ids with their titles. clap writes the
//! static part (commands, options, values); lane adds a few lines per shell that
//! ask the hidden `lane complete ids KIND` for the ids where a command takes one
//! (`lane done priority <TAB>` offers `3  billing v2`).

use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;
use color_eyre::eyre::Result;

use super::Cli;
use lane_core::model::text::visible;
use lane_core::model::{Data, Entry, Kind};
use lane_io::store::{Access, Store};

/// Commands whose next words are `KIND ID`.
const VERBS: &str = "done modify delete show edit update agree strategic reported outcome decide answer escalate tried resolve start";
/// The words a kind is named by there.
const KINDS: &str = "priority block blocker decision review milestone kr";
/// The parts of a priority: `VERB milestone|kr PRIORITY N`, and `add milestone|kr PRIORITY`.
const PARTS: &str = "milestone kr";

/// How many characters of a title a completion shows.
const TITLE_CHARS: usize = 60;

/// Blocks offered: from this many days back (older ones are rarely meant).
const BLOCK_DAYS_BACK: i64 = 7;

/// The completion script for `shell`: clap's, with the ids added.
pub(super) fn script(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "lane", &mut out);
    let generated = String::from_utf8_lossy(&out).into_owned();
    match shell {
        Shell::Bash => format!("{generated}\n{}", bash()),
        // The file is autoloaded as `_lane`: clap's function is renamed and ours,
        // which falls back to it, takes the name.
        Shell::Zsh => {
            let renamed = generated.replacen("\n_lane() {", "\n_lane_clap() {", 1);
            match renamed.rfind("\nif [ \"$funcstack[1]\" = \"_lane\" ]") {
                Some(at) => format!("{}\n{}{}", &renamed[..at], zsh(), &renamed[at..]),
                None => format!("{renamed}\n{}", zsh()),
            }
        }
        Shell::Fish => format!("{generated}\n{}", fish()),
        _ => generated,
    }
}

fn bash() -> String {
    format!(
        r#"# Ids with their titles where a command takes one (lane done priority <TAB>),
# and a priority's milestones or key results (lane done milestone 3 <TAB>).
_lane_ids() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" dir=() ask=() i w1="" w2="" w3=""
    (( COMP_CWORD >= 3 )) && w1="${{COMP_WORDS[COMP_CWORD-1]}}" w2="${{COMP_WORDS[COMP_CWORD-2]}}"
    (( COMP_CWORD >= 4 )) && w3="${{COMP_WORDS[COMP_CWORD-3]}}"
    if [[ " {VERBS} " == *" $w2 "* && " {KINDS} " == *" $w1 "* ]] \
        || [[ $w2 == add && " {PARTS} " == *" $w1 "* ]]; then
        ask=("$w1")
    elif [[ " {VERBS} " == *" $w3 "* && " {PARTS} " == *" $w2 "* && $w1 =~ ^[0-9]+$ ]]; then
        ask=("$w2" "$w1")
    fi
    if (( ${{#ask[@]}} )); then
        for (( i = 1; i < COMP_CWORD; i++ )); do
            [[ "${{COMP_WORDS[i]}}" == --dir ]] && dir=(--dir "${{COMP_WORDS[i+1]}}")
        done
        # Read line by line, never split and globbed: a title may be `*`.
        local line matches=()
        while IFS= read -r line; do
            [[ "${{line%%$'\t'*}}" == "$cur"* ]] && matches+=("$line")
        done < <(lane "${{dir[@]}}" complete ids "${{ask[@]}}" 2>/dev/null)
        if (( ${{#matches[@]}} == 1 )); then
            COMPREPLY=("${{matches[0]%%$'\t'*}}")
        else
            # Shown as a list: the id, then its title.
            COMPREPLY=("${{matches[@]/$'\t'/  }}")
        fi
        return 0
    fi
    _lane "$@"
}}
complete -F _lane_ids -o nosort -o bashdefault -o default lane
"#
    )
}

fn zsh() -> String {
    format!(
        r#"# Ids with their titles where a command takes one (lane done priority <TAB>),
# and a priority's milestones or key results (lane done milestone 3 <TAB>).
_lane() {{
    local -a ids dir ask
    local i w1="" w2="" w3=""
    (( CURRENT >= 4 )) && w1=${{words[CURRENT-1]}} w2=${{words[CURRENT-2]}}
    (( CURRENT >= 5 )) && w3=${{words[CURRENT-3]}}
    if [[ " {VERBS} " == *" $w2 "* && " {KINDS} " == *" $w1 "* ]] \
        || [[ $w2 == add && " {PARTS} " == *" $w1 "* ]]; then
        ask=($w1)
    elif [[ " {VERBS} " == *" $w3 "* && " {PARTS} " == *" $w2 "* && $w1 == <-> ]]; then
        ask=($w2 $w1)
    fi
    if (( $#ask )); then
        for (( i = 2; i < CURRENT; i++ )); do
            [[ "${{words[i]}}" == --dir ]] && dir=(--dir "${{words[i+1]}}")
        done
        ids=("${{(@f)$(lane $dir complete ids $ask 2>/dev/null | sed -e 's/:/\\:/g' -e 's/	/:/')}}")
        _describe -V 'id' ids
        return
    fi
    _lane_clap "$@"
}}
"#
    )
}

fn fish() -> String {
    format!(
        r#"# Ids with their titles where a command takes one (lane done priority <TAB>),
# and a priority's milestones or key results (lane done milestone 3 <TAB>).
function __lane_ask
    set -l tokens (commandline -opc)
    set -l n (count $tokens)
    if test $n -ge 3
        if contains -- $tokens[-2] {VERBS}; and contains -- $tokens[-1] {KINDS}
            echo $tokens[-1]
            return 0
        end
        if test $tokens[-2] = add; and contains -- $tokens[-1] {PARTS}
            echo $tokens[-1]
            return 0
        end
    end
    if test $n -ge 4; and contains -- $tokens[-3] {VERBS}; and contains -- $tokens[-2] {PARTS}
        and string match -qr '^[0-9]+$' -- $tokens[-1]
        echo $tokens[-2]
        echo $tokens[-1]
        return 0
    end
    return 1
end
function __lane_ids
    set -l tokens (commandline -opc)
    set -l dir
    set -l i (contains -i -- --dir $tokens)
    and set dir --dir $tokens[(math $i + 1)]
    lane $dir complete ids (__lane_ask) 2>/dev/null
end
complete -c lane -n __lane_ask -f -k -a '(__lane_ids)'
"#
    )
}

/// `lane complete ids KIND`: `ID<TAB>TITLE` per item a command would take —
/// open ones (a block from a week ago on), titles escaped and cut to one line.
pub(super) fn ids(
    data_dir: &Path,
    config_dir: &Path,
    kind: &str,
    of: Option<u32>,
) -> Result<ExitCode> {
    let part = kind.trim_end_matches('s');
    if matches!(part, "milestone" | "kr") {
        let (_, data) = Store::open(data_dir, Access::Read)?;
        let mut text = String::new();
        for (id, title) in parts(&data, part == "kr", of) {
            text.push_str(&format!("{id}\t{}\n", short(&title)));
        }
        lane_io::say::out(&text);
        return Ok(ExitCode::SUCCESS);
    }
    let kind = match part {
        "priority" | "prioritie" => Kind::Priority,
        "block" => Kind::Block,
        "blocker" => Kind::Blocker,
        "decision" => Kind::Decision,
        "review" => Kind::Review,
        // Nothing to offer is not an error a shell should show.
        _ => return Ok(ExitCode::SUCCESS),
    };
    let (_, data) = super::read_computed(data_dir, config_dir, None)?;
    let today = lane_io::clock::local_now().date();
    let mut text = String::new();
    for (id, title) in entries(&data, kind, today) {
        text.push_str(&format!("{id}\t{}\n", short(&title)));
    }
    lane_io::say::out(&text);
    Ok(ExitCode::SUCCESS)
}

/// The ids and titles offered for `kind`.
pub fn entries(data: &Data, kind: Kind, today: chrono::NaiveDate) -> Vec<(u32, String)> {
    fn open<T: Entry>(items: &[T]) -> Vec<(u32, String)> {
        items
            .iter()
            .filter(|x| !x.is_done())
            .map(|x| (x.id(), x.title().to_string()))
            .collect()
    }
    match kind {
        Kind::Priority => open(&data.priorities),
        Kind::Blocker => open(&data.blockers),
        Kind::Decision => open(&data.decisions),
        Kind::Block => {
            let from = lane_core::model::limits::shift_days(today, -BLOCK_DAYS_BACK);
            data.blocks
                .iter()
                .filter(|b| b.date >= from)
                .map(|b| {
                    let when = format!("{} {}", b.date.format("%a %d %b"), b.start.format("%H:%M"));
                    (b.id, format!("{} · {when}", b.title))
                })
                .collect()
        }
        Kind::Review => data
            .reviews
            .iter()
            .rev()
            .take(14)
            .map(|r| (r.id, r.date.to_string()))
            .collect(),
    }
}

/// For `milestone`/`kr`: without a priority, the open priorities (for key
/// results, those that have some); with one, its milestones or its key
/// results, by number.
fn parts(data: &Data, key_results: bool, of: Option<u32>) -> Vec<(u32, String)> {
    let open = data.priorities.iter().filter(|p| !p.is_done());
    match of {
        None => open
            .filter(|p| !key_results || !p.key_results.is_empty())
            .map(|p| (p.id, p.title.clone()))
            .collect(),
        Some(id) => {
            let Some(p) = data.priorities.iter().find(|p| p.id == id) else {
                return Vec::new();
            };
            if key_results {
                p.key_results
                    .iter()
                    .map(|k| (k.id, k.name.clone()))
                    .collect()
            } else {
                // Delivered ones too (modify and delete take them), said so.
                p.milestones
                    .iter()
                    .map(|m| match m.done {
                        Some(_) => (m.id, format!("{} (delivered)", m.title)),
                        None => (m.id, m.title.clone()),
                    })
                    .collect()
            }
        }
    }
}

/// A title as one safe line: control characters (a tab would split the
/// columns) shown escaped, cut with … when long.
fn short(title: &str) -> String {
    let one = visible(title);
    if one.chars().count() <= TITLE_CHARS {
        return one;
    }
    let cut: String = one.chars().take(TITLE_CHARS - 1).collect();
    format!("{cut}…")
}
