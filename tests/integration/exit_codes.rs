//! Exit codes and output streams of `motcua check`.

use crate::support::Fixture;

const TT: &str = "procedures/cu-tru/1.004222.yaml";

fn with_warning() -> Fixture {
    Fixture::base().patch(
        TT,
        "  - {document: \"68/2020/QH14\"}\n",
        "  - {document: \"68/2020/QH14\"}\n  - {document: \"81/2006/QH11\"}\n",
    )
}

#[test]
fn exit_codes_by_severity_and_flag() {
    // (what, fixture, extra args, exit code)
    let table: Vec<(&str, Fixture, Vec<&str>, i32)> = vec![
        ("clean", Fixture::base(), vec![], 0),
        ("clean, strict", Fixture::base(), vec!["--deny-warnings"], 0),
        ("warning only", with_warning(), vec![], 0),
        (
            "warning only, strict",
            with_warning(),
            vec!["--deny-warnings"],
            1,
        ),
        ("error", Fixture::base().remove("site.yaml"), vec![], 1),
        (
            "error, json",
            Fixture::base().remove("site.yaml"),
            vec!["--format", "json"],
            1,
        ),
        (
            "warning, json, strict",
            with_warning(),
            vec!["--format", "json", "--deny-warnings"],
            1,
        ),
    ];
    for (what, fx, extra, code) in table {
        let mut args = vec!["check", "."];
        args.extend(extra.iter().copied());
        let run = fx.run(&args);
        run.assert_no_panic();
        assert_eq!(run.code, Some(code), "{what}\n{run}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let fx = Fixture::base();
    for args in [
        vec!["check", ".", "--format", "xml"],
        vec!["check", "does-not-exist"],
        vec!["frobnicate"],
        vec!["schema", "nonsense"],
    ] {
        let run = fx.run(&args);
        run.assert_no_panic();
        assert_eq!(run.code, Some(2), "{args:?}\n{run}");
        assert!(!run.stderr.is_empty(), "{args:?}: no explanation printed");
    }
}

#[test]
fn streams_json_on_stdout_text_on_stderr() {
    let fx = with_warning();
    let human = fx.run(&["check", "."]);
    assert!(human.stdout.is_empty());
    assert!(human.stderr.ends_with("0 lỗi, 1 cảnh báo\n"), "{human}");
    let short = fx.check(&[]);
    assert!(short.stdout.is_empty());
    assert_eq!(short.lines().len(), 1);
    let json = fx.run(&["check", ".", "--format", "json"]);
    assert!(json.stderr.is_empty(), "{json}");
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["warnings"], 1);
    assert_eq!(v["errors"], 0);
    assert_eq!(v["diagnostics"][0]["code"], "cites-not-in-force");
    assert_eq!(v["diagnostics"][0]["line"], 44);
}

#[test]
fn clean_catalogue_says_so() {
    let run = Fixture::base().run(&["check", "."]);
    run.assert_code(0);
    assert_eq!(run.stderr, "không có lỗi\n");
    let json = Fixture::base().run(&["check", ".", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"errors": 0, "warnings": 0, "diagnostics": []})
    );
}
