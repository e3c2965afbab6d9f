//! The CPSV-AP 3.2 export parsed as a harvester would: official namespaces, every required
//! class present, and every link from a public service landing on a node of the right class.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::Fixture;

fn ids(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().flat_map(ids).collect(),
        Value::Object(o) => o
            .get("@id")
            .and_then(Value::as_str)
            .map(String::from)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn cpsv_ap_export_has_the_required_classes_and_links() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("public");
    Fixture::base()
        .run(&["build", ".", "-o", out.to_str().expect("utf-8")])
        .assert_no_errors("build");
    let doc: Value = super::open_json::read_gz_json(&out.join("du-lieu/cpsv-ap.jsonld.gz"));
    let ctx = &doc["@context"];
    assert_eq!(ctx["cpsv"], "http://purl.org/vocab/cpsv#");
    assert_eq!(ctx["cv"], "http://data.europa.eu/m8g/");
    assert_eq!(ctx["dct"], "http://purl.org/dc/terms/");
    assert_eq!(ctx["eli"], "http://data.europa.eu/eli/ontology#");
    let graph = doc["@graph"].as_array().expect("@graph");
    let mut by_id: BTreeMap<String, &Value> = BTreeMap::new();
    for node in graph {
        let id = node["@id"].as_str().expect("every node has an @id");
        assert!(
            id.starts_with("https://thutuc.example.gov.vn/"),
            "absolute IRI: {id}"
        );
        assert!(
            by_id.insert(id.to_string(), node).is_none(),
            "duplicate node {id}"
        );
    }
    let type_of = |id: &str| -> String {
        by_id
            .get(id)
            .unwrap_or_else(|| panic!("dangling link to {id}"))["@type"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let bulk: Value = super::open_json::read_gz_json(&out.join("du-lieu/procedures.json.gz"));
    let services: Vec<&Value> = graph
        .iter()
        .filter(|n| n["@type"] == "cpsv:PublicService")
        .collect();
    assert_eq!(
        services.len(),
        bulk["procedures"].as_array().expect("procedures").len()
    );
    let mut seen = BTreeMap::new();
    for s in &services {
        let code = s["dct:identifier"].as_str().expect("identifier");
        for (prop, want) in [
            ("cv:hasChannel", "cv:Channel"),
            ("cv:hasCost", "cv:Cost"),
            ("cpsv:hasInput", "cv:Evidence"),
            ("cpsv:produces", "cv:Output"),
            ("cv:hasCompetentAuthority", "cv:PublicOrganisation"),
            ("cpsv:follows", "cpsv:Rule"),
            ("cv:hasLegalResource", "eli:LegalResource"),
        ] {
            for target in ids(&s[prop]) {
                assert_eq!(type_of(&target), want, "{code}: {prop} → {target}");
                *seen.entry(want).or_insert(0) += 1;
            }
        }
        assert!(!ids(&s["cv:hasChannel"]).is_empty(), "{code} has channels");
        assert_eq!(ids(&s["cpsv:produces"]).len(), 1, "{code} has one output");
        assert_eq!(s["dct:title"]["@language"], "vi");
    }
    for want in [
        "cv:Channel",
        "cv:Cost",
        "cv:Evidence",
        "cv:Output",
        "cv:PublicOrganisation",
        "cpsv:Rule",
        "eli:LegalResource",
    ] {
        assert!(
            seen.get(want).is_some_and(|n| *n > 0),
            "no {want} linked: {seen:?}"
        );
    }
    for node in graph {
        match node["@type"].as_str() {
            Some("cv:Cost") => {
                for ch in ids(&node["cv:ifAccessedThrough"]) {
                    assert_eq!(type_of(&ch), "cv:Channel");
                }
            }
            Some("cpsv:Rule") => {
                let implemented = ids(&node["cv:implements"]);
                assert_eq!(implemented.len(), 1);
                assert_eq!(type_of(&implemented[0]), "eli:LegalResource");
            }
            _ => {}
        }
    }
}
