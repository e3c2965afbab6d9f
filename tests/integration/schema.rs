//! `motcua schema`: the shipped `schema/*.schema.json` must be what the code generates, and the
//! real catalogue must pass `check`.

use motcua::catalogue::schema::{json_schema_text, FileKind};

use crate::support::{repo_root, run_in, Fixture};

const KINDS: [(&str, FileKind); 7] = [
    ("procedure", FileKind::Procedure),
    ("agency", FileKind::Agency),
    ("legal", FileKind::Legal),
    ("journey", FileKind::Journey),
    ("sectors", FileKind::Sectors),
    ("site", FileKind::Site),
    ("decision", FileKind::Decision),
];

#[test]
fn shipped_schemas_match_the_generated_ones() {
    let dir = repo_root().join("schema");
    let mut stale = Vec::new();
    for kind in FileKind::ALL {
        let path = dir.join(kind.schema_file_name());
        let shipped = std::fs::read_to_string(&path).unwrap_or_default();
        if shipped != json_schema_text(kind) {
            stale.push(kind.schema_file_name());
        }
    }
    for (name, text) in motcua::export::schemas() {
        if std::fs::read_to_string(dir.join(name)).unwrap_or_default() != text {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "schema/ is out of date ({}): run `motcua schema --write schema` (cargo run -- schema --write schema) and commit the result",
        stale.join(", ")
    );
    // No stray files that the code no longer generates.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".schema.json"))
        .collect();
    names.sort();
    let mut want: Vec<String> = FileKind::ALL
        .iter()
        .map(|k| k.schema_file_name().to_string())
        .chain(motcua::export::schemas().map(|(name, _)| name.to_string()))
        .collect();
    want.sort();
    assert_eq!(
        names, want,
        "schema/ holds files the code does not generate"
    );
}

#[test]
fn schema_write_produces_the_same_files_as_the_library() {
    let fx = Fixture::empty();
    fx.run(&["schema", "--write", "out"]).assert_code(0);
    for kind in FileKind::ALL {
        let written =
            std::fs::read_to_string(fx.path("out").join(kind.schema_file_name())).unwrap();
        assert_eq!(
            written,
            json_schema_text(kind),
            "{}",
            kind.schema_file_name()
        );
    }
}

#[test]
fn schema_command_prints_draft_07_json_for_every_kind() {
    let cwd = repo_root();
    for (name, kind) in KINDS {
        let run = run_in(&cwd, &["schema", name]);
        run.assert_code(0);
        let v: serde_json::Value =
            serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
        assert_eq!(
            v["$schema"], "http://json-schema.org/draft-07/schema#",
            "{name}"
        );
        assert_eq!(v["type"], "object", "{name}");
        assert_eq!(
            v["additionalProperties"], false,
            "{name}: unknown keys must be rejected"
        );
        assert!(
            v["required"].as_array().is_some_and(|r| !r.is_empty()),
            "{name}: no required keys"
        );
        assert!(
            v["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{name}: no title"
        );
        assert_eq!(
            run.stdout,
            json_schema_text(kind),
            "{name}: CLI and library differ"
        );
    }
    // The default kind is `procedure`.
    let run = run_in(&cwd, &["schema"]);
    assert_eq!(run.stdout, json_schema_text(FileKind::Procedure));
}

#[test]
fn procedure_schema_describes_the_code_pattern_and_levels() {
    let v: serde_json::Value =
        serde_json::from_str(&json_schema_text(FileKind::Procedure)).unwrap();
    assert_eq!(v["properties"]["code"]["pattern"], r"^\d\.\d{6}$");
    let text = v.to_string();
    for level in ["ministry", "province", "district", "commune", "other"] {
        assert!(
            text.contains(&format!("\"{level}\"")),
            "level {level} missing"
        );
    }
    // Every property carries a description (shown as hover text to editors).
    for (key, prop) in v["properties"].as_object().unwrap() {
        assert!(
            prop.get("description").is_some(),
            "`{key}` has no description"
        );
    }
}

#[test]
fn schema_write_to_an_unwritable_place_is_a_usage_error() {
    let fx = Fixture::empty().write("a-file", "x");
    let run = fx.run(&["schema", "--write", "a-file/sub"]);
    run.assert_code(2).assert_no_panic();
    assert!(run.stderr.contains("không ghi được schema"), "{run}");
}

#[test]
fn real_catalogue_passes_check() {
    let run = run_in(&repo_root(), &["check", "catalogue", "--format", "short"]);
    run.assert_no_panic()
        .assert_no_errors("the shipped catalogue");
}
