//! Integration tests of `motcua build` on the shipped catalogue and on modified copies.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_motcua"));
    c.env("SOURCE_DATE_EPOCH", "1796083200"); // 2026-12-01: stable staleness warnings
    c
}

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogue")
}

fn build(catalogue: &Path, out: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("build")
        .arg(catalogue)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .expect("run motcua")
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A temporary copy of the shipped catalogue (`catalogue/`), built once into `public/`.
fn built_copy() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("catalogue");
    copy_dir(&shipped(), &cat);
    let out = dir.path().join("public");
    assert!(build(&cat, &out, &[]).status.success());
    (dir, cat, out)
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("missing {path}"))
            .clone(),
    )
    .unwrap()
}

#[test]
fn builds_the_shipped_catalogue_with_every_page_type() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let o = build(&shipped(), &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("thủ tục") && stderr.contains("trang"),
        "summary line: {stderr}"
    );
    let files = tree(&out);
    for page in [
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "feed.xml",
        "du-lieu/procedures.json.gz",
        "thu-tuc/1.001193/index.html",
        "thu-tuc/1.001193/giay-to.html",
        "thu-tuc/1.001193/index.json",
        "linh-vuc/index.html",
        "linh-vuc/ho-tich/index.html",
        "cap/index.html",
        "cap/xa/index.html",
        "co-quan/index.html",
        "co-quan/cong-an-cap-xa/index.html",
        "van-ban/index.html",
        "van-ban/60-2014-qh13/index.html",
        "su-kien/index.html",
        "a-z/index.html",
        "tim-kiem/index.html",
        "huong-dan/index.html",
    ] {
        assert!(files.contains_key(page), "missing page {page}");
    }
    let procedures = files
        .keys()
        .filter(|k| k.starts_with("thu-tuc/") && k.ends_with("/index.json"))
        .count();
    assert!(procedures >= 40, "only {procedures} procedure records");
    let p = text(&files, "thu-tuc/1.004222/index.html");
    for needle in [
        "<html lang=\"vi\">",
        "Đăng ký thường trú",
        "20.000 đồng",
        "Giấy tờ cần mang",
        "GovernmentService",
        "Quyền của bạn",
        "name=\"viewport\"",
        "name=\"description\"",
    ] {
        assert!(p.contains(needle), "procedure page lacks {needle}");
    }
    // A missing amount is never shown as free.
    let lltp = text(&files, "thu-tuc/3.000333/index.html");
    assert!(
        lltp.contains("Chưa có thông tin"),
        "unknown fee must say so"
    );
    let sitemap = text(&files, "sitemap.xml");
    assert!(sitemap.contains("/thu-tuc/1.001193/</loc>"));
    assert!(
        !sitemap.contains("giay-to"),
        "checklists are not canonical pages"
    );
    let feed = text(&files, "feed.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    let mut json = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&files["du-lieu/procedures.json.gz"][..]),
        &mut json,
    )
    .unwrap();
    let data: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(data["procedures"].as_array().unwrap().len(), procedures);
    assert!(out.join(".motcua-output").exists());
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert!(build(&shipped(), &a, &[]).status.success());
    assert!(build(&shipped(), &b, &[]).status.success());
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{k} differs between builds");
    }
    assert!(
        ta.keys()
            .any(|k| k.starts_with("static/css/style.") && k.len() > "static/css/style.css".len()),
        "hashed css name"
    );
}

#[test]
fn under_a_sub_path_only_the_404_page_links_from_the_root() {
    // Every other page links relative to itself (checked, with every link resolved, by the
    // integration tests' HTML link checker); the 404 page is served at any missing path, so
    // its links start from the site's root, which is the sub-path.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let o = build(
        &shipped(),
        &out,
        &["--base-url", "https://example.gov.vn/thu-tuc/"],
    );
    assert!(o.status.success());
    let files = tree(&out);
    let not_found = text(&files, "404.html");
    let re = regex::Regex::new(r#"(?:href|src|action)="(/[^"]*)""#).unwrap();
    let links: Vec<&str> = re
        .captures_iter(&not_found)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(links.len() > 5, "{links:?}");
    for link in links {
        assert!(link.starts_with("/thu-tuc/"), "404.html: {link} escapes");
    }
    let home = text(&files, "index.html");
    assert!(
        home.contains(r#"href="./a-z/""#),
        "relative links on the home page"
    );
    assert!(
        !re.is_match(&home),
        "no root-absolute link on the home page"
    );
    assert!(text(&files, "sitemap.xml")
        .contains("<loc>https://example.gov.vn/thu-tuc/thu-tuc/1.001193/</loc>"));
}

#[test]
fn hostile_catalogue_text_cannot_inject_html_or_script() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("catalogue");
    copy_dir(&shipped(), &cat);
    let file = cat.join("procedures/ho-tich/1.001193.yaml");
    let src = std::fs::read_to_string(&file).unwrap();
    let evil = r#"<script>alert('name')</script><img src=x onerror=alert(1)>"#;
    let mut patched = String::new();
    for line in src.lines() {
        if line.starts_with("name:") {
            patched.push_str(&format!("name: {:?}\n", format!("Khai sinh {evil}")));
        } else if line.starts_with("summary:") {
            patched.push_str("summary: \"Xem [đây](javascript:alert(2)) <iframe src='//evil'></iframe> <script>alert(3)</script> <a href='#' onclick='alert(4)'>x</a>\"\n");
            // Skip the original block scalar's lines.
            patched.push_str("x-skip: true\n");
        } else {
            patched.push_str(line);
            patched.push('\n');
        }
    }
    // Drop the original summary body (indented lines after `summary: |`) and the marker.
    let mut cleaned = String::new();
    let mut skipping = false;
    for line in patched.lines() {
        if line == "x-skip: true" {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with(' ') || line.is_empty()) {
            continue;
        }
        skipping = false;
        cleaned.push_str(line);
        cleaned.push('\n');
    }
    std::fs::write(&file, cleaned).unwrap();
    let out = dir.path().join("public");
    let o = build(&cat, &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Escaped text may mention the attack; no live tag, handler or URL may remain.
    let live =
        regex::Regex::new(r#"(?i)<script>alert|<iframe|(href|src)\s*=\s*["']?\s*javascript:"#)
            .unwrap();
    let tag = regex::Regex::new(r#"<[a-zA-Z][^>]*>"#).unwrap();
    let quoted = regex::Regex::new(r#""[^"]*"|'[^']*'"#).unwrap();
    let handler = regex::Regex::new(r#"(?i)\son[a-z]+\s*="#).unwrap();
    let mut pages = 0;
    for (path, bytes) in tree(&out)
        .iter()
        .filter(|(k, _)| k.ends_with(".html") || k.ends_with(".xml"))
    {
        let html = String::from_utf8_lossy(bytes);
        if let Some(m) = live.find(&html) {
            panic!("{path} contains live markup: {}", m.as_str());
        }
        for t in tag.find_iter(&html) {
            let bare = quoted.replace_all(t.as_str(), "\"\"");
            assert!(
                !handler.is_match(&bare),
                "{path}: event handler in {}",
                t.as_str()
            );
        }
        pages += 1;
    }
    assert!(pages > 100);
    let page = std::fs::read_to_string(out.join("thu-tuc/1.001193/index.html")).unwrap();
    assert!(page.contains("&lt;script&gt;"), "the name is shown escaped");
}

#[test]
fn a_broken_catalogue_leaves_the_previous_output_untouched() {
    let (dir, cat, out) = built_copy();
    let before = tree(&out);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(cat.join("procedures/ho-tich/1.001193.yaml"))
        .unwrap();
    writeln!(f, "nmae: lỗi đánh máy").unwrap();
    let o = build(&cat, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("1.001193.yaml") && stderr.contains("nmae"),
        "{stderr}"
    );
    assert_eq!(tree(&out), before, "output changed after a failed build");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "temporary directories left: {leftovers:?}"
    );
}

#[test]
fn refuses_to_replace_a_foreign_directory_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("thesis.docx"), "precious").unwrap();
    let o = build(&shipped(), &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert!(out.join("thesis.docx").exists());
    assert!(build(&shipped(), &out, &["--force"]).status.success());
    assert!(out.join("index.html").exists());
}

#[test]
fn a_procedure_page_is_under_60_kb_gzipped_with_its_css() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert!(build(&shipped(), &out, &[]).status.success());
    let files = tree(&out);
    let css: usize = files
        .iter()
        .filter(|(k, _)| k.ends_with(".css"))
        .map(|(_, v)| gzip_len(v))
        .sum();
    for (k, v) in files
        .iter()
        .filter(|(k, _)| k.starts_with("thu-tuc/") && k.ends_with("/index.html"))
    {
        let total = gzip_len(v) + css;
        assert!(total < 60 * 1024, "{k}: {total} bytes gzipped with CSS");
    }
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

#[test]
fn check_reports_a_broken_theme_template_with_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("catalogue");
    copy_dir(&shipped(), &cat);
    let tpl = dir.path().join("themes/default/templates");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("procedure.html"),
        "{% extends \"base.html\" %}{% block main %}{{ p.no_such_field }}{% endblock main %}",
    )
    .unwrap();
    let o = bin()
        .args(["check", "--format", "short"])
        .arg(&cat)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("themes/default/templates/procedure.html:1:1: error[template]"),
        "{err}"
    );
    assert!(err.contains("p.no_such_field"), "{err}");
    let out = dir.path().join("public");
    assert_eq!(build(&cat, &out, &[]).status.code(), Some(1));
    assert!(!out.exists());
}

#[test]
fn a_rebuild_reuses_unchanged_files_and_rewrites_changed_or_hand_edited_ones() {
    use std::os::unix::fs::MetadataExt;
    let (dir, catalogue, out) = built_copy();
    let ino = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
    let (unchanged, edited, by_hand) = (
        "thu-tuc/1.004222/index.html",
        "thu-tuc/1.001193/index.html",
        "thu-tuc/2.000200/index.html",
    );
    let before = (ino(unchanged), ino(edited), ino(by_hand));
    let first = tree(&out);

    // An edit to one procedure, and a published file changed by hand after the build.
    let file = catalogue.join("procedures/ho-tich/1.001193.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let renamed = yaml.replace(
        "Thủ tục đăng ký khai sinh",
        "Thủ tục đăng ký khai sinh (sửa)",
    );
    assert_ne!(yaml, renamed);
    std::fs::write(&file, renamed).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let tampered = first[by_hand].clone();
    let mut tampered_bytes = tampered.clone();
    tampered_bytes[0] = b'X';
    std::fs::write(out.join(by_hand), &tampered_bytes).unwrap();

    assert!(build(&catalogue, &out, &[]).status.success());
    assert_eq!(
        ino(unchanged),
        before.0,
        "an unchanged page is the same file"
    );
    assert_ne!(ino(edited), before.1, "an edited page is written anew");
    assert_ne!(ino(by_hand), before.2, "a hand-edited file is not reused");
    let second = tree(&out);
    assert_eq!(
        second[by_hand], tampered,
        "the hand edit is replaced by the real page"
    );
    assert!(text(&second, edited).contains("khai sinh (sửa)"));

    // Reuse never changes what a fresh build gives.
    let fresh = dir.path().join("fresh");
    assert!(build(&catalogue, &fresh, &[]).status.success());
    let fresh = tree(&fresh);
    assert_eq!(
        second.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    for (k, v) in &fresh {
        assert!(v == &second[k], "{k} differs from a fresh build");
    }
    assert_eq!(
        fresh[by_hand], first[by_hand],
        "that page did not change, so only the hand edit kept it from being reused"
    );
}
