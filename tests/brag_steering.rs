//! The brag record names milestones delivered and key results moved.

use crate::common::lane;

/// The pinned clock is Monday 23 November 2026.
const MOVED: &str = r#"version = 1

[[priorities]]
id = 1
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0PE"
title = "Ship billing v2"
impact = "high"
urgency = "medium"
status = "active"

[[priorities.milestones]]
id = 1
uid = "M1"
title = "Spec signed"
due = "2026-11-18"
done = "2026-11-17"

[[priorities.milestones]]
id = 2
uid = "M2"
title = "Invoice PDF"
due = "2026-11-10"
done = "2026-11-19"

[[priorities.milestones]]
id = 3
uid = "M3"
title = "Delivered long ago"
done = "2026-10-01"

[[priorities.key_results]]
id = 1
uid = "K1"
name = "p95 latency"
unit = "ms"
baseline = 400.0
target = 200.0

[[priorities.key_results.readings]]
date = "2026-11-09"
value = 380.0

[[priorities.key_results.readings]]
date = "2026-11-20"
value = 300.0

[[priorities.key_results]]
id = 2
uid = "K2"
name = "invoices paid"
baseline = 0.0
target = 50.0

[[priorities.key_results]]
id = 3
uid = "K3"
name = "churn"
baseline = 5.0
target = 3.0

[[priorities.key_results.readings]]
date = "2026-11-02"
value = 4.0
"#;

fn brag(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lane.toml"), MOVED).unwrap();
    let out = lane(&dir)
        .args(["report", "brag", "--since", "2026-11-16"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn brag_lists_milestones_delivered_and_key_results_moved() {
    let text = brag(&[]);
    for line in [
        "## Milestones delivered\n\n- **Ship billing v2** — Spec signed, done Tue 2026-11-17\n",
        "- **Ship billing v2** — Invoice PDF, done Thu 2026-11-19, due Tue 2026-11-10\n",
        "## Key results moved\n\n- **Ship billing v2** — p95 latency: 380 → 300 ms (target 200, 50%)\n",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    // Outside the period, or never read, or not moving in it: not evidence.
    for absent in ["long ago", "invoices paid", "churn"] {
        assert!(!text.contains(absent), "{absent}\n{text}");
    }
}

#[test]
fn brag_json_carries_them() {
    let value: serde_json::Value = serde_json::from_str(&brag(&["--json"])).unwrap();
    assert_eq!(value["milestones"].as_array().unwrap().len(), 2);
    assert_eq!(value["key_results"][0]["from"], 380.0);
    assert_eq!(value["key_results"][0]["to"], 300.0);
    assert_eq!(value["key_results"][0]["progress"], 50);
}
