//! The open-data JSON as a re-user reads it: every file validates against the JSON Schema the
//! site publishes (which is the one shipped in `schema/`), and the format's key set is pinned,
//! so a renamed input key or field cannot change it unnoticed.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::{repo_root, Fixture};

fn validator(path: &std::path::Path) -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema file")).expect("JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn read_json(path: &std::path::Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("data file")).expect("valid JSON")
}

/// A gzip-compressed JSON file (the bulk export).
pub(crate) fn read_gz_json(path: &std::path::Path) -> Value {
    let mut json = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&std::fs::read(path).expect("data file")[..]),
        &mut json,
    )
    .expect("gzip");
    serde_json::from_slice(&json).expect("valid JSON")
}

#[test]
fn bulk_and_per_procedure_json_validate_against_the_published_schemas() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("public");
    Fixture::base()
        .run(&["build", ".", "-o", out.to_str().expect("utf-8")])
        .assert_no_errors("build");
    let data = out.join("du-lieu");
    for name in ["open-data.schema.json", "open-data-procedure.schema.json"] {
        assert_eq!(
            std::fs::read(data.join(name)).expect("published schema"),
            std::fs::read(repo_root().join("schema").join(name)).expect("shipped schema"),
            "{name}: the site publishes the shipped schema"
        );
    }
    let bulk_schema = validator(&data.join("open-data.schema.json"));
    let one_schema = validator(&data.join("open-data-procedure.schema.json"));
    let bulk = read_gz_json(&data.join("procedures.json.gz"));
    assert_eq!(errors(&bulk_schema, &bulk), Vec::<String>::new());
    assert_eq!(bulk["format_version"], "1.0");
    let procedures = bulk["procedures"].as_array().expect("procedures");
    assert!(!procedures.is_empty());
    for rec in procedures {
        let code = rec["code"].as_str().expect("code");
        let one = read_json(&out.join(format!("thu-tuc/{code}/index.json")));
        assert_eq!(errors(&one_schema, &one), Vec::<String>::new(), "{code}");
        assert_eq!(
            &one["procedure"], rec,
            "{code}: the same record in both files"
        );
    }
    // The schema is strict: a stray key or a wrong type is refused.
    let mut bad = bulk.clone();
    bad["procedures"][0]["extra"] = Value::Bool(true);
    bad["procedures"][0]["channels"][0]["kind"] = Value::from("fax");
    assert_eq!(
        errors(&bulk_schema, &bad).len(),
        2,
        "{:?}",
        errors(&bulk_schema, &bad)
    );
}

/// Every key path of a schema, following `$ref`s (`procedures[].channels[].kind` …).
fn key_paths(schema: &Value, node: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().expect("ref name");
        let defs = schema.get("definitions").or_else(|| schema.get("$defs"));
        let target = defs.and_then(|d| d.get(name)).expect("resolvable $ref");
        return key_paths(schema, target, prefix, out);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for sub in node
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            key_paths(schema, sub, prefix, out);
        }
    }
    if let Some(items) = node.get("items") {
        key_paths(schema, items, &format!("{prefix}[]"), out);
    }
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            let path = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            out.insert(path.clone());
            key_paths(schema, v, &path, out);
        }
    }
}

#[test]
fn the_format_key_set_is_pinned() {
    let text = std::fs::read_to_string(repo_root().join("schema/open-data.schema.json"))
        .expect("shipped schema");
    let schema: Value = serde_json::from_str(&text).expect("JSON");
    let mut keys = BTreeSet::new();
    key_paths(&schema, &schema, "", &mut keys);
    let got = keys.into_iter().collect::<Vec<_>>().join("\n") + "\n";
    let pinned = repo_root().join("tests/integration/snapshots/open_data_keys.txt");
    if std::env::var_os("MOTCUA_UPDATE_FIXTURES").is_some() {
        std::fs::write(&pinned, &got).expect("write pinned keys");
    }
    assert_eq!(
        got,
        std::fs::read_to_string(&pinned).unwrap_or_default(),
        "the open-data format changed: bump export::FORMAT_VERSION, document the change on the \
         data page and in the README, then run with MOTCUA_UPDATE_FIXTURES=1"
    );
}
