//! `lane status` as the bars read it: waybar takes `text` and `tooltip` as Pango
//! markup (a raw `&` or `<` blanks the module), and tmux cuts `status-right` at
//! `status-right-length` (40 by default), so `--max-width` drops the least
//! important parts first instead of tmux cutting off the attention part.

use crate::common::lane;

fn status(dir: &tempfile::TempDir, args: &[&str]) -> String {
    let out = lane(dir)
        .env("LANE_NOW", "2026-11-23T08:10")
        .arg("status")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn with_block(title: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["add", "block", &format!("9-10:30 {title}")])
        .assert()
        .success();
    for call in ["Vendor contract", "Cloud budget"] {
        lane(&dir)
            .args(["add", "decision", call, "--cost", "900k"])
            .assert()
            .success();
    }
    dir
}

#[test]
fn waybar_gets_markup_escaped_text() {
    let dir = with_block("R&D <sync> \"Q4\"");
    let out = status(&dir, &["--format", "waybar"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["text"],
        "next 09:00 R&amp;D &lt;sync&gt; \"Q4\" (in 50m) · 2 to escalate"
    );
    assert_eq!(
        v["tooltip"],
        "next 09:00 R&amp;D &lt;sync&gt; \"Q4\" (in 50m)\n2 to escalate"
    );
    // The other formats are not markup: the title as it is.
    assert!(status(&dir, &[]).contains("R&D <sync>"));
}

#[test]
fn a_width_limit_shortens_the_title_before_it_drops_what_needs_attention() {
    let dir = with_block("quarterly billing reconciliation with finance");
    let full = status(&dir, &[]);
    assert_eq!(
        full,
        "next 09:00 quarterly billing reconciliation with finance (in 50m) · 2 to escalate\n"
    );
    let width = |s: &str| s.trim_end().chars().count();
    for max in [80, 60, 40, 30] {
        let line = status(&dir, &["--max-width", &max.to_string()]);
        assert!(width(&line) <= max, "{max}: {line}");
        assert!(line.contains("2 to escalate"), "{max}: {line}");
    }
    assert_eq!(
        status(&dir, &["--max-width", "50"]),
        "next 09:00 quarterly bil… (in 50m) · 2 to escalate\n"
    );
    // tmux's colour codes take no room on the bar.
    assert_eq!(
        status(&dir, &["--format", "tmux", "--max-width", "50"]),
        "next 09:00 quarterly bil… (in 50m) · #[fg=red]2 to escalate#[default]\n"
    );
    assert_eq!(
        status(&dir, &["--max-width", "40"]),
        "next 09:00 qua… (in 50m) · 2 to escalate\n"
    );
    // Narrower than that: the attention part stays, what is on goes to its time.
    assert_eq!(status(&dir, &["--max-width", "20"]), "2 to escalate\n");
    assert_eq!(status(&dir, &["--max-width", "8"]), "2 to es…\n");
    lane(&dir)
        .args(["status", "--max-width", "0"])
        .assert()
        .code(2);
}
