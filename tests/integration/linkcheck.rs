//! Checks a built site as a browser reads it: every `href` and `src` of every HTML file is
//! parsed (not grepped), internal ones must resolve to a file of the output, and no attribute
//! may carry a scheme other than http, https, mailto or tel.

use std::collections::BTreeSet;
use std::path::Path;

use scraper::{Html, Selector};

/// The attributes that make a browser load or navigate to a URL.
const URL_ATTRIBUTES: &[(&str, &str)] = &[
    ("a", "href"),
    ("link", "href"),
    ("area", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("form", "action"),
    ("object", "data"),
];

/// Every problem found in the site under `out`, which is published at `base_url` (absolute,
/// ending in `/`). Empty when every link resolves and every scheme is allowed.
pub fn check_site(out: &Path, base_url: &str) -> Vec<String> {
    let base = url::Url::parse(base_url).expect("base_url is absolute");
    let mut problems = Vec::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.expect("walk output");
        if !entry.file_type().is_file()
            || entry.path().extension().and_then(|e| e.to_str()) != Some("html")
        {
            continue;
        }
        pages += 1;
        let rel = entry
            .path()
            .strip_prefix(out)
            .expect("under out")
            .to_string_lossy()
            .replace('\\', "/");
        let page_url = base.join(&rel).expect("page url");
        let html = std::fs::read_to_string(entry.path()).expect("read page");
        let doc = Html::parse_document(&html);
        for (tag, attr) in URL_ATTRIBUTES {
            let sel = Selector::parse(&format!("{tag}[{attr}]")).expect("selector");
            for el in doc.select(&sel) {
                let Some(value) = el.value().attr(attr) else {
                    continue;
                };
                // Pages link relative to themselves, so the output works at any path; only
                // the 404 page, served at whatever path was missing, links from the root.
                let root_absolute = value.starts_with('/') && !value.starts_with("//");
                if root_absolute && rel != "404.html" {
                    problems.push(format!(
                        "{rel}: <{tag} {attr}=\"{value}\">: root-absolute internal URL"
                    ));
                    continue;
                }
                if let Some(p) = check_one(out, &base, &page_url, value) {
                    problems.push(format!("{rel}: <{tag} {attr}=\"{value}\">: {p}"));
                }
            }
        }
    }
    assert!(pages > 0, "no HTML page under {}", out.display());
    problems
}

/// What is wrong with one URL found on the page at `page_url`, if anything.
fn check_one(out: &Path, base: &url::Url, page_url: &url::Url, value: &str) -> Option<String> {
    if value.trim().is_empty() {
        return Some("empty URL (the browser loads the page itself)".into());
    }
    let resolved = match page_url.join(value) {
        Ok(u) => u,
        Err(e) => return Some(format!("does not parse: {e}")),
    };
    if !matches!(resolved.scheme(), "http" | "https" | "mailto" | "tel") {
        return Some(format!("scheme `{}` is not allowed", resolved.scheme()));
    }
    if !matches!(resolved.scheme(), "http" | "https")
        || resolved.host_str() != base.host_str()
        || resolved.port_or_known_default() != base.port_or_known_default()
    {
        return None; // outside the site
    }
    let Some(rel) = resolved.path().strip_prefix(base.path()) else {
        return Some(format!("leaves the site's base path {}", base.path()));
    };
    let rel = percent_decode(rel);
    let file = if rel.is_empty() || rel.ends_with('/') {
        out.join(&rel).join("index.html")
    } else {
        out.join(&rel)
    };
    if !file.is_file() {
        return Some(format!("no such file in the output: {}", file.display()));
    }
    None
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Asserts the site under `out` has no problem, listing them all when it has.
pub fn assert_site_ok(out: &Path, base_url: &str) {
    let problems = check_site(out, base_url);
    let unique: BTreeSet<&String> = problems.iter().collect();
    assert!(
        problems.is_empty(),
        "{} link problems, e.g.:\n{}",
        problems.len(),
        unique
            .into_iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_checker_catches_broken_links_and_bad_schemes() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("a")).expect("mkdir");
    std::fs::write(dir.path().join("a/index.html"), "<p>ok</p>").expect("write");
    std::fs::write(
        dir.path().join("index.html"),
        r#"<a href="a/">ok</a><a href="./a/">ok</a><a href="/sub/a/">absolute</a><a href="b/">missing</a>
<script src=""></script><a href="JaVaScRiPt:alert(1)">x</a><a href="https://other.example/">out</a>
<a href="mailto:a@b.vn">mail</a><img src="data:image/png;base64,AAAA">"#,
    )
    .expect("write");
    let problems = check_site(dir.path(), "https://example.gov.vn/sub/");
    assert_eq!(problems.len(), 5, "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("root-absolute")));
    assert!(problems
        .iter()
        .any(|p| p.contains("b/") && p.contains("no such file")));
    assert!(problems.iter().any(|p| p.contains("empty URL")));
    assert!(problems.iter().any(|p| p.contains("`javascript`")));
    assert!(problems.iter().any(|p| p.contains("`data`")));
}
