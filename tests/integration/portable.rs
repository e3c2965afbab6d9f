//! `build --portable`: the output is read from disk with no server, so every internal link
//! must name a file (a directory opens nothing on `file://`), and every data file the browser
//! reads has a script twin (browsers refuse `fetch()` on `file://`).

use scraper::{Html, Selector};

use crate::support::{output_files, repo_root, run_in, Fixture};

const URL_ATTRIBUTES: &[(&str, &str)] = &[
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("form", "action"),
];

#[test]
fn portable_links_name_existing_files_and_data_has_script_twins() {
    // The shipped catalogue: every kind of page (decisions, annexes, calendar) is there.
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("usb");
    let plain = tmp.path().join("plain");
    let arg = |p: &std::path::Path| p.to_str().expect("utf-8").to_string();
    let shipped = arg(&repo_root().join("catalogue"));
    run_in(
        tmp.path(),
        &["build", &shipped, "-o", &arg(&out), "--portable"],
    )
    .assert_code(0);
    run_in(tmp.path(), &["build", &shipped, "-o", &arg(&plain)]).assert_code(0);
    assert!(
        out.join("du-lieu/lich-lam-viec.js").is_file(),
        "the working calendar has its script twin"
    );
    let root = url::Url::from_directory_path(&out).expect("file URL of the output");
    let (mut pages, mut links) = (0, 0);
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(&out).sort_by_file_name() {
        let entry = entry.expect("walk");
        let path = entry.path();
        let rel = path
            .strip_prefix(&out)
            .expect("under out")
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("search/") && rel.ends_with(".json") {
            let twin = out.join(rel.replace(".json", ".js"));
            let js = std::fs::read_to_string(&twin).unwrap_or_default();
            assert!(
                js.starts_with(&format!(
                    "(self.MotcuaData=self.MotcuaData||{{}})[\"{rel}\"]="
                )),
                "{rel} has a script twin registering it: {}",
                twin.display()
            );
            assert!(
                !plain.join(rel.replace(".json", ".js")).exists(),
                "no twin without --portable"
            );
        }
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let page = root.join(&rel).expect("page URL");
        let doc = Html::parse_document(&std::fs::read_to_string(path).expect("read page"));
        for (tag, attr) in URL_ATTRIBUTES {
            let sel = Selector::parse(&format!("{tag}[{attr}]")).expect("selector");
            for el in doc.select(&sel) {
                let Some(value) = el.value().attr(attr) else {
                    continue;
                };
                let Ok(target) = page.join(value) else {
                    problems.push(format!("{rel}: {value}: does not parse"));
                    continue;
                };
                if target.scheme() != "file" {
                    continue;
                }
                links += 1;
                let file = target.to_file_path().expect("a file path");
                if !file.starts_with(&out) {
                    problems.push(format!("{rel}: {value}: leaves the output"));
                } else if !file.is_file() {
                    problems.push(format!("{rel}: {value}: not a file of the output"));
                }
            }
        }
    }
    assert!(pages > 10 && links > 100, "{pages} pages, {links} links");
    assert!(
        problems.is_empty(),
        "{}",
        problems[..problems.len().min(20)].join("\n")
    );
}

#[test]
fn portable_builds_are_byte_identical() {
    let fixture = Fixture::base();
    let tmp = tempfile::tempdir().expect("tempdir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for out in [&a, &b] {
        fixture
            .run(&[
                "build",
                ".",
                "-o",
                out.to_str().expect("utf-8"),
                "--portable",
            ])
            .assert_no_errors("build --portable");
    }
    let read = |dir: &std::path::Path| {
        let mut files = output_files(dir);
        files.retain(|rel, _| !rel.starts_with(".motcua"));
        files
    };
    assert!(read(&a) == read(&b), "two portable builds differ");
}
