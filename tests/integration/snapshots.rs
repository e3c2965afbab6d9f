//! Snapshots of the human and JSON renderings (insta). Missing or changed snapshots fail when
//! run with `INSTA_UPDATE=no` (as `scripts/test-all` does); to accept a change, run
//! `INSTA_UPDATE=always cargo test --test integration snapshots` and review the `.snap` diff.

use crate::support::{fixtures, Fixture};

/// Cases rendered in every format: several errors in one file, a warning only, and problems
/// about files that do not exist (no source excerpt).
const CASES: [&str; 3] = [
    "multiple-problems-one-file",
    "cites-not-in-force",
    "missing-sectors",
];

fn fixture(case: &str) -> Fixture {
    Fixture::base().overlay(&fixtures(&format!("broken/{case}")))
}

#[test]
fn human_format() {
    for case in CASES {
        let run = fixture(case).run(&["check", "."]);
        assert!(run.stdout.is_empty(), "human output goes to stderr");
        insta::assert_snapshot!(format!("human-{case}"), run.stderr);
    }
    let clean = Fixture::base().run(&["check", "."]);
    insta::assert_snapshot!("human-clean", clean.stderr);
}

#[test]
fn json_format() {
    for case in CASES {
        let run = fixture(case).run(&["check", ".", "--format", "json"]);
        assert!(
            run.stderr.is_empty(),
            "JSON output goes to stdout only: {}",
            run.stderr
        );
        let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
        // The counts agree with the list.
        let items = v["diagnostics"].as_array().unwrap();
        let count = |sev: &str| items.iter().filter(|d| d["severity"] == sev).count();
        assert_eq!(v["errors"], count("error"));
        assert_eq!(v["warnings"], count("warning"));
        insta::assert_json_snapshot!(format!("json-{case}"), v);
    }
}
