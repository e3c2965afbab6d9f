//! Embeddable procedures as a portal's CMS would take them: the fragment has no document shell
//! and no script, every class is prefixed `mc-`, a sanitizer with a CMS-like allow-list keeps
//! it whole, and it names its source and last-verified date; the iframe page's links open in
//! the top window.

use std::collections::BTreeSet;

use scraper::{ElementRef, Html, Node, Selector};

use crate::support::Fixture;

const BASE: &str = "https://thutuc.example.gov.vn/";

/// The fragment's tree as (tag, sorted attributes) and text lines, for comparing two
/// serializations of the same HTML.
fn shape(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let mut out = Vec::new();
    for node in doc.root_element().descendants() {
        match node.value() {
            Node::Element(e) => {
                let mut attrs: Vec<String> = e.attrs().map(|(k, v)| format!("{k}={v}")).collect();
                attrs.sort();
                out.push(format!("<{} {}>", e.name(), attrs.join(" ")));
            }
            Node::Text(t) => {
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    out.push(t);
                }
            }
            _ => {}
        }
    }
    out
}

/// What a CMS's sanitizer would accept: ammonia's defaults plus the fragment's own
/// attributes (classes, `lang`, `data-mc-*`, link targets); no `rel` rewriting.
fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_tags(["section"])
        .add_generic_attributes(["class", "lang"])
        .add_generic_attribute_prefixes(["data-mc-"])
        .add_tag_attributes("a", ["target", "rel"])
        .add_tag_attributes("time", ["datetime"])
        .link_rel(None);
    b
}

#[test]
fn fragments_are_script_free_prefixed_sanitizer_safe_and_cite_their_source() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("public");
    Fixture::base()
        .run(&["build", ".", "-o", out.to_str().expect("utf-8")])
        .assert_no_errors("build");
    let css = std::fs::read_to_string(out.join("du-lieu/nhung.css")).expect("the stylesheet");
    let css = regex::Regex::new(r"(?s)/\*.*?\*/")
        .expect("regex")
        .replace_all(&css, "");
    let mut rules = 0;
    for block in css.split('}') {
        let parts: Vec<&str> = block.split('{').collect();
        if parts.len() < 2 {
            continue;
        }
        // The selector is just before the last `{` (after an `@media … {` when nested).
        for sel in parts[parts.len() - 2].split(',') {
            rules += 1;
            let sel = sel.trim();
            assert!(
                sel.starts_with(".mc-") || sel.starts_with("body.mc-"),
                "stylesheet rule not scoped: {sel}"
            );
        }
    }
    assert!(rules > 5, "{rules} rules read");
    let a_sel = Selector::parse("a[href]").expect("selector");
    let time_sel = Selector::parse("time[datetime]").expect("selector");
    let mut fragments = 0;
    for entry in std::fs::read_dir(out.join("thu-tuc")).expect("thu-tuc/") {
        let dir = entry.expect("entry").path();
        let Some(code) = dir.file_name().and_then(|f| f.to_str()).map(String::from) else {
            continue;
        };
        let Ok(html) = std::fs::read_to_string(dir.join("nhung.html")) else {
            continue;
        };
        fragments += 1;
        let lower = html.to_lowercase();
        for banned in [
            "<script", "<html", "<head", "<body", "<style", "<link", "<iframe",
        ] {
            assert!(!lower.contains(banned), "{code}: the fragment has {banned}");
        }
        let doc = Html::parse_fragment(&html);
        for node in doc
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            for (name, _) in node.value().attrs() {
                assert!(!name.starts_with("on"), "{code}: event handler {name}");
            }
            for class in node.value().classes() {
                assert!(
                    class.starts_with("mc-"),
                    "{code}: class {class} is not prefixed"
                );
            }
        }
        let links: BTreeSet<String> = doc
            .select(&a_sel)
            .filter_map(|a| a.value().attr("href").map(String::from))
            .collect();
        let page = format!("{BASE}thu-tuc/{code}/");
        assert!(
            links.contains(&page),
            "{code}: the fragment links to its source page"
        );
        assert!(
            links
                .iter()
                .all(|l| l.starts_with("https://") || l.starts_with("http://")),
            "{code}: every link is absolute: {links:?}"
        );
        assert!(
            doc.select(&time_sel).next().is_some(),
            "{code}: last-verified date"
        );
        assert!(html.contains("Kiểm tra lần cuối"), "{code}");
        let clean = sanitizer().clean(&html).to_string();
        assert_eq!(
            shape(&clean),
            shape(&html),
            "{code}: the sanitizer changed the fragment"
        );

        let frame = std::fs::read_to_string(dir.join("khung.html")).expect("iframe page");
        assert!(
            !frame.to_lowercase().contains("<script"),
            "{code}: no script in khung.html"
        );
        let frame = Html::parse_document(&frame);
        let frame_links: Vec<ElementRef> = frame.select(&a_sel).collect();
        assert!(!frame_links.is_empty());
        for a in frame_links {
            assert_eq!(
                a.value().attr("target"),
                Some("_top"),
                "{code}: {:?}",
                a.value()
            );
        }
        assert!(
            frame.select(&time_sel).next().is_some(),
            "{code}: date in khung.html"
        );
    }
    assert!(fragments > 0, "fragments were built");
    // The data page lists the new files.
    let data = std::fs::read_to_string(out.join("du-lieu/index.html")).expect("data page");
    for name in [
        "nhung.css",
        "cpsv-ap.jsonld.gz",
        "open-data.schema.json",
        "nhung.html",
        "khung.html",
    ] {
        assert!(data.contains(name), "the data page documents {name}");
    }
    crate::linkcheck::assert_site_ok(&out, BASE);
}

#[test]
fn the_sanitizer_check_catches_a_script() {
    let html =
        r#"<section class="mc-thu-tuc"><p class="mc-x">a</p><script>alert(1)</script></section>"#;
    assert_ne!(shape(&sanitizer().clean(html).to_string()), shape(html));
}
