//! schema.org JSON-LD on every procedure page, parsed as a crawler would: a GovernmentService
//! with typed channels, provider and area served, and absolute URLs under `base_url`.

use scraper::{Html, Selector};
use serde_json::Value;

use crate::support::Fixture;

const BASE: &str = "https://thutuc.example.gov.vn/";

fn assert_type(v: &Value, want: &str, what: &str) {
    assert_eq!(v["@type"].as_str(), Some(want), "{what}: {v}");
}

fn assert_absolute(v: &Value, what: &str) {
    let u = v
        .as_str()
        .unwrap_or_else(|| panic!("{what} is a string: {v}"));
    assert!(
        u.starts_with("https://") || u.starts_with("http://"),
        "{what} absolute: {u}"
    );
}

#[test]
fn every_procedure_page_has_a_government_service_with_channels_provider_and_area() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("public");
    Fixture::base()
        .run(&["build", ".", "-o", out.to_str().expect("utf-8")])
        .assert_no_errors("build");
    let script = Selector::parse(r#"script[type="application/ld+json"]"#).expect("selector");
    let (mut pages, mut locations, mut online_urls) = (0, 0, 0);
    for entry in std::fs::read_dir(out.join("thu-tuc")).expect("thu-tuc/") {
        let dir = entry.expect("entry").path();
        let page = dir.join("index.html");
        if !page.is_file() {
            continue;
        }
        pages += 1;
        let code = dir
            .file_name()
            .and_then(|f| f.to_str())
            .expect("code")
            .to_string();
        let html = Html::parse_document(&std::fs::read_to_string(&page).expect("page"));
        let blocks: Vec<Value> = html
            .select(&script)
            .map(|s| serde_json::from_str(&s.inner_html()).expect("JSON-LD parses"))
            .collect();
        assert_eq!(blocks.len(), 1, "{code}: one JSON-LD block");
        let og = Selector::parse(r#"meta[property="og:url"]"#).expect("selector");
        let og_url = html
            .select(&og)
            .next()
            .and_then(|m| m.value().attr("content"));
        assert_eq!(
            og_url,
            Some(format!("{BASE}thu-tuc/{code}/").as_str()),
            "{code}: og:url"
        );
        let v = &blocks[0];
        assert_eq!(v["@context"], "https://schema.org", "{code}");
        assert_type(v, "GovernmentService", &code);
        assert_eq!(v["identifier"], code.as_str());
        assert_eq!(
            v["url"].as_str(),
            Some(format!("{BASE}thu-tuc/{code}/").as_str())
        );
        assert_type(&v["provider"], "GovernmentOrganization", &code);
        assert_absolute(&v["provider"]["url"], "provider url");
        assert_type(&v["areaServed"], "AdministrativeArea", &code);
        assert!(v["areaServed"]["name"]
            .as_str()
            .is_some_and(|n| !n.is_empty()));
        let channels = v["availableChannel"].as_array().expect("channels");
        assert!(!channels.is_empty(), "{code}: channels");
        for ch in channels {
            assert_type(ch, "ServiceChannel", &code);
            if let Some(u) = ch.get("serviceUrl") {
                assert_absolute(u, "serviceUrl");
                online_urls += 1;
            }
            for place in ch["serviceLocation"].as_array().into_iter().flatten() {
                assert_type(place, "GovernmentOffice", &code);
                assert_absolute(&place["url"], "office url");
                locations += 1;
            }
        }
        for offer in v["offers"].as_array().into_iter().flatten() {
            assert_type(offer, "Offer", &code);
            assert_eq!(offer["priceCurrency"], "VND");
            assert!(offer["price"].as_i64().is_some_and(|p| p >= 0), "{offer}");
        }
    }
    assert!(pages > 0);
    assert!(locations > 0, "in-person channels name where to go");
    assert!(online_urls > 0, "online channels carry their URL");
}
