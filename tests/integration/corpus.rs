//! The broken-fixture corpus: `tests/fixtures/broken/<case>/` holds only the files that differ
//! from `tests/fixtures/base` (plus `delete.txt` for files to remove) and `expected.txt`, the
//! exact `motcua check --format short` output. Each case has one defect (except
//! `multiple-problems-one-file`, which checks that every problem in a file is reported).
//!
//! To regenerate after an intended change in messages: `MOTCUA_BLESS=1 cargo test --test
//! integration corpus`, then review `git diff tests/fixtures/broken`.

use std::path::PathBuf;

use crate::support::{fixtures, Fixture};

/// Fewest cases the corpus must hold.
const MIN_CASES: usize = 35;

fn cases() -> Vec<(String, PathBuf)> {
    let dir = fixtures("broken");
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/broken")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

#[test]
fn base_fixture_is_clean() {
    let run = Fixture::base().check(&[]);
    run.assert_code(0).assert_no_panic();
    assert_eq!(
        run.lines(),
        Vec::<String>::new(),
        "base fixture must have no diagnostics"
    );
    let strict = Fixture::base().check(&["--deny-warnings"]);
    strict.assert_code(0);
}

#[test]
fn corpus_is_large_enough_and_complete() {
    let cases = cases();
    assert!(
        cases.len() >= MIN_CASES,
        "only {} broken fixtures",
        cases.len()
    );
    for (name, dir) in &cases {
        let expected = dir.join("expected.txt");
        assert!(expected.exists(), "{name}: no expected.txt");
        let text = std::fs::read_to_string(&expected).unwrap();
        assert!(!text.trim().is_empty(), "{name}: expected.txt is empty");
        let files = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count();
        assert!(files >= 2, "{name}: no overlay files besides expected.txt");
    }
}

#[test]
fn every_broken_fixture_reports_exactly_its_expected_lines() {
    let bless = std::env::var_os("MOTCUA_BLESS").is_some();
    let mut failures = Vec::new();
    for (name, dir) in cases() {
        let fx = Fixture::base().overlay(&dir);
        let run = fx.check(&[]);
        if run.code.is_none() || run.stderr.contains("panicked") {
            failures.push(format!("{name}: crashed\n{run}"));
            continue;
        }
        let got = run.lines();
        let expected_path = dir.join("expected.txt");
        if bless {
            let mut text = got.join("\n");
            text.push('\n');
            std::fs::write(&expected_path, text).unwrap();
        }
        let expected: Vec<String> = std::fs::read_to_string(&expected_path)
            .unwrap_or_default()
            .lines()
            .map(String::from)
            .collect();
        if got != expected {
            failures.push(format!(
                "{name}: output differs\n--- expected\n{}\n--- got\n{}",
                expected.join("\n"),
                got.join("\n")
            ));
            continue;
        }
        // Exit codes: 1 with any error; 0 with warnings only, but 1 with --deny-warnings.
        let has_error = expected.iter().any(|l| l.contains(": error["));
        let want = if has_error { 1 } else { 0 };
        if run.code != Some(want) {
            failures.push(format!("{name}: exit {:?}, want {want}", run.code));
        }
        if !has_error {
            let strict = fx.check(&["--deny-warnings"]);
            if strict.code != Some(1) {
                failures.push(format!(
                    "{name}: --deny-warnings exit {:?}, want 1",
                    strict.code
                ));
            }
            if strict.lines() != expected {
                failures.push(format!("{name}: --deny-warnings changed the output"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The codes each case is about: guards against a blessed `expected.txt` that no longer shows
/// the defect the case was written for.
#[test]
fn each_case_reports_the_defect_it_is_named_for() {
    let table: &[(&str, &[&str])] = &[
        ("yaml-syntax-unclosed-quote", &["yaml-syntax"]),
        ("yaml-tab-indentation", &["yaml-syntax"]),
        ("yaml-duplicate-key", &["yaml-syntax"]),
        ("yaml-multiple-documents", &["yaml-syntax"]),
        ("not-utf8", &["not-utf8"]),
        ("unknown-key-procedure", &["unknown-key"]),
        ("unknown-key-agency", &["unknown-key"]),
        ("unknown-key-legal", &["unknown-key"]),
        ("unknown-key-site", &["unknown-key"]),
        ("unknown-key-publish", &["unknown-key"]),
        ("wrong-type-publish", &["wrong-type"]),
        ("wrong-type-string-for-list", &["wrong-type"]),
        ("wrong-type-list-for-string", &["wrong-type"]),
        ("wrong-type-unquoted-code", &["wrong-type"]),
        ("missing-required-field", &["missing-key"]),
        ("bad-code-format", &["bad-format"]),
        ("code-file-mismatch", &["code-file-mismatch"]),
        ("sector-dir-mismatch", &["sector-dir-mismatch"]),
        ("duplicate-procedure-code", &["duplicate-code"]),
        ("dangling-agency", &["dangling-reference"]),
        ("dangling-sector", &["dangling-reference"]),
        ("dangling-legal", &["dangling-reference"]),
        ("dangling-journey-procedure", &["dangling-reference"]),
        ("dangling-form-file", &["missing-form"]),
        ("form-path-escape", &["form-path"]),
        ("invalid-date", &["bad-date"]),
        ("bad-date-format", &["bad-date"]),
        ("negative-amount", &["negative-amount"]),
        ("unknown-time-unit", &["bad-value"]),
        ("unknown-level-tinh", &["bad-value"]),
        ("fee-ungrounded", &["ungrounded"]),
        ("paper-ungrounded", &["ungrounded"]),
        ("condition-ungrounded", &["ungrounded"]),
        ("cites-not-in-force", &["cites-not-in-force"]),
        ("time-limit-ungrounded", &["ungrounded"]),
        ("unverified-free", &["unverified-free"]),
        ("source-without-url", &["source-without-url"]),
        ("missing-in-force-until", &["missing-in-force-until"]),
        ("missing-replaced-by", &["missing-replaced-by"]),
        ("dangling-replaced-by", &["dangling-reference"]),
        ("legal-date-order", &["date-order"]),
        ("district-level-after-2025", &["district-level"]),
        ("stale-last-verified", &["stale"]),
        ("missing-site", &["missing-file"]),
        (
            "missing-sectors",
            &[
                "missing-file",
                "dangling-reference",
                "dangling-reference",
                "dangling-reference",
            ],
        ),
        ("duplicate-sector-id", &["duplicate-sector"]),
        (
            "duplicate-legal-number",
            &["duplicate-legal", "legal-file-name"],
        ),
        ("time-limit-missing-value", &["missing-value"]),
        (
            "decision-unknown-procedure",
            &["decision-unknown-procedure"],
        ),
        (
            "decision-abolished-still-current",
            &["abolished-still-current"],
        ),
        ("decision-amended-without-parts", &["amended-without-parts"]),
        ("decision-version-mismatch", &["decision-version-mismatch"]),
        ("decision-date-order", &["date-order"]),
        ("decision-late", &["late-decision"]),
        ("decision-duplicate-number", &["duplicate-decision"]),
        ("decision-bad-file-name", &["bad-file-name"]),
        ("empty-channels", &["empty-list"]),
        ("cascade-invalid-cited-legal-document", &["unknown-key"]),
        (
            "multiple-problems-one-file",
            &["bad-value", "unknown-key", "wrong-type"],
        ),
        ("calendar-bad-date", &["bad-date"]),
        ("calendar-duplicate-date", &["duplicate-date"]),
        ("calendar-no-tet", &["no-tet"]),
        ("calendar-no-source", &["no-source"]),
        ("calendar-unknown-source", &["unknown-source"]),
        ("calendar-swap-not-rest-day", &["swap-not-rest-day"]),
        ("calendar-ends", &["calendar-ends"]),
        ("calendar-dangling-closure-agency", &["dangling-reference"]),
        ("calendar-date-outside-year", &["date-outside-year"]),
    ];
    let names: Vec<String> = cases().into_iter().map(|(n, _)| n).collect();
    for (name, _) in table {
        assert!(names.iter().any(|n| n == name), "no fixture named {name}");
    }
    for (name, dir) in cases() {
        let Some((_, codes)) = table.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        let run = Fixture::base().overlay(&dir).check(&[]);
        let mut got = run.codes();
        got.sort();
        let mut want: Vec<String> = codes.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{name}: codes differ\n{run}");
    }
}

// Regression test for a fixed bug (src/catalogue/validate.rs, `validate`): the same record written twice as `x.yaml` and
// `x.yml` is silently merged: for `site.yaml` + `site.yml` the later file wins (`site = Some`
// is overwritten), for `agencies/<id>.yaml` + `.yml` the later `agencies.insert` replaces the
// first, and two journeys get the same id (a URL collision once pages are rendered). No
// diagnostic, exit 0. (Procedures are fine: `duplicate-code` catches them.) Fix: report a
// duplicate-file / duplicate-id error for site, sectors, agencies and journeys, as is done for
// legal documents and procedures.
#[test]

fn yaml_and_yml_twins_are_reported() {
    let table = [
        (
            "site.yaml",
            "site.yml",
            "freshness_days: 365",
            "freshness_days: 1",
        ),
        (
            "agencies/ubnd-cap-xa.yaml",
            "agencies/ubnd-cap-xa.yml",
            "level: commune",
            "level: province",
        ),
        (
            "journeys/lien-thong-khai-sinh-thuong-tru.yaml",
            "journeys/lien-thong-khai-sinh-thuong-tru.yml",
            "kind: linked",
            "kind: life_event",
        ),
    ];
    for (first, twin, from, to) in table {
        let fx = Fixture::base();
        let text = fx.read(first).replacen(from, to, 1);
        let run = fx.write(twin, text).check(&[]);
        run.assert_no_panic();
        assert!(
            run.lines()
                .iter()
                .any(|l| l.starts_with(twin) && l.contains(": error[")),
            "{twin} next to {first} is not reported\n{run}"
        );
    }
}
