//! Publication: `motcua diff` between fixture catalogues and git revisions, and the `.docx`
//! annex read back from its zip package.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use crate::support::{copy_tree, fixtures, run_in, Fixture};

fn old_new() -> (Fixture, Fixture) {
    (
        Fixture::base().overlay(&fixtures("diff/old")),
        Fixture::base().overlay(&fixtures("diff/new")),
    )
}

#[test]
fn both_diff_fixtures_are_valid_catalogues() {
    let (old, new) = old_new();
    old.check(&[]).assert_no_errors("diff/old");
    new.check(&[]).assert_no_errors("diff/new");
}

#[test]
fn diff_reports_every_kind_of_change_in_json() {
    let (old, new) = old_new();
    let cwd = old.root().parent().expect("temp parent");
    let run = run_in(
        cwd,
        &[
            "diff",
            &old.root().to_string_lossy(),
            &new.root().to_string_lossy(),
            "--format",
            "json",
        ],
    );
    run.assert_code(1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let codes = |k: &str| -> Vec<String> {
        v[k].as_array()
            .expect(k)
            .iter()
            .map(|x| x["code"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(codes("added"), ["2.000927"]);
    assert_eq!(codes("removed"), ["2.000908"]);
    assert_eq!(codes("abolished"), ["2.000913"]);
    assert_eq!(v["abolished"][0]["replaced_by"], "2.000927");
    assert_eq!(codes("amended"), ["1.001193"]);
    assert_eq!(codes("other"), ["1.004222"]);
    let parts: Vec<&str> = v["amended"][0]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["part"].as_str().unwrap())
        .collect();
    assert_eq!(
        parts,
        [
            "name",
            "steps",
            "papers",
            "time_limit",
            "agencies",
            "fees",
            "legal_basis"
        ]
    );
    insta::assert_snapshot!("diff-json", run.stdout);
}

#[test]
fn diff_of_a_catalogue_with_itself_is_empty_and_exits_0() {
    let fx = Fixture::base();
    let run = fx.run(&["diff", ".", "."]);
    run.assert_code(0);
    assert_eq!(run.stdout, "Không có thay đổi.\n");
}

#[test]
fn diff_human_and_markdown_show_old_and_new_values() {
    let (old, new) = old_new();
    let (o, n) = (old.root().to_string_lossy(), new.root().to_string_lossy());
    let human = old.run(&["diff", &o, &n]);
    human.assert_code(1);
    assert!(
        human
            .stdout
            .contains("~ Trực tuyến, Hồ sơ nhận sau 15 giờ: 1 ngày làm việc → 2 ngày làm việc"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("Phí cấp bản sao Giấy khai sinh: 8.000 đồng / bản → Phí cấp bản sao Giấy khai sinh: 10.000 đồng / bản"), "{}", human.stdout);
    assert!(
        human
            .stdout
            .contains("+ Giấy tờ \"Giấy tờ chứng minh nơi cư trú\""),
        "{}",
        human.stdout
    );
    let md = old.run(&["diff", &o, &n, "--format", "markdown"]);
    md.assert_code(1);
    assert!(md.stdout.contains("| Thời hạn giải quyết | Trực tuyến, Hồ sơ nhận sau 15 giờ | 1 ngày làm việc | 2 ngày làm việc |"), "{}", md.stdout);
}

#[test]
fn diff_as_decision_proposes_items_with_kinds_and_parts() {
    let (old, new) = old_new();
    let (o, n) = (old.root().to_string_lossy(), new.root().to_string_lossy());
    let run = old.run(&["diff", &o, &n, "--as-decision"]);
    run.assert_code(1);
    let v: serde_yaml::Value = serde_yaml::from_str(&run.stdout).expect("yaml");
    let items = v["items"].as_sequence().expect("items");
    let kinds: BTreeMap<String, String> = items
        .iter()
        .map(|i| {
            (
                i["procedure"].as_str().unwrap().to_string(),
                i["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(kinds["2.000927"], "new");
    assert_eq!(kinds["1.001193"], "amended");
    assert_eq!(kinds["2.000913"], "abolished");
    assert_eq!(kinds["2.000908"], "abolished");
    let amended = items.iter().find(|i| i["procedure"] == "1.001193").unwrap();
    assert_eq!(
        serde_yaml::to_string(&amended["parts"]).unwrap(),
        "- name\n- steps\n- papers\n- time_limit\n- agencies\n- fees\n- legal_basis\n"
    );
    assert_eq!(amended["legal_basis"][0]["document"], "68/2020/QH14");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=motcua",
            "-c",
            "user.email=motcua@example.invalid",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn diff_against_the_previous_git_commit() {
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path();
    git(root, &["init", "-q"]);
    copy_tree(&fixtures("base"), &root.join("catalogue"), &[]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "first"]);
    let p = root.join("catalogue/procedures/chung-thuc/2.000815.yaml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("amount: 2000", "amount: 3000")).unwrap();
    git(root, &["commit", "-q", "-am", "second"]);
    // Working tree equals HEAD: HEAD~1 → catalogue shows the fee change.
    let run = run_in(
        root,
        &["diff", "git:HEAD~1", "catalogue", "--format", "json"],
    );
    run.assert_code(1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(v["amended"][0]["code"], "2.000815");
    let change = &v["amended"][0]["parts"][0];
    assert_eq!(change["part"], "fees");
    assert_eq!(
        change["changes"][0]["old"],
        "Phí chứng thực bản sao: 2.000 đồng / trang"
    );
    assert_eq!(
        change["changes"][0]["new"],
        "Phí chứng thực bản sao: 3.000 đồng / trang"
    );
    // Two revisions, with an explicit path.
    run_in(
        root,
        &["diff", "git:HEAD~1:catalogue", "git:HEAD:catalogue"],
    )
    .assert_code(1);
    run_in(root, &["diff", "git:HEAD", "catalogue"]).assert_code(0);
    // A revision that does not exist is an error (exit 2), not "different".
    let bad = run_in(root, &["diff", "git:HEAD~5", "catalogue"]);
    bad.assert_code(2);
    assert!(bad.stderr.contains("git"), "{}", bad.stderr);
}

/// The texts of every table in `word/document.xml`: table → row → cell text.
fn docx_tables(path: &Path) -> Vec<Vec<Vec<String>>> {
    let file = std::fs::File::open(path).expect("docx");
    let mut zip = zip::ZipArchive::new(file).expect("a .docx is a zip package");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    assert!(zip.by_name("[Content_Types].xml").is_ok());
    let tbl = regex::Regex::new(r"(?s)<w:tbl>.*?</w:tbl>").unwrap();
    let tr = regex::Regex::new(r"(?s)<w:tr[ >].*?</w:tr>").unwrap();
    let tc = regex::Regex::new(r"(?s)<w:tc>.*?</w:tc>").unwrap();
    let t = regex::Regex::new(r"(?s)<w:t(?: [^>]*)?>(.*?)</w:t>").unwrap();
    let unescape = |s: &str| {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    };
    tbl.find_iter(&xml)
        .map(|table| {
            tr.find_iter(table.as_str())
                .map(|row| {
                    tc.find_iter(row.as_str())
                        .map(|cell| {
                            t.captures_iter(cell.as_str())
                                .map(|c| unescape(&c[1]))
                                .collect::<Vec<_>>()
                                .join("")
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn list_tables(tables: &[Vec<Vec<String>>]) -> Vec<&Vec<Vec<String>>> {
    tables
        .iter()
        .filter(|t| {
            t.first()
                .is_some_and(|h| h.get(1).map(String::as_str) == Some("Mã TTHC"))
        })
        .collect()
}

#[test]
fn annex_of_the_whole_catalogue_is_a_docx_with_one_row_per_procedure() {
    let fx = Fixture::base();
    let run = fx.run(&["annex", "all", "-o", "phu-luc.docx", "--catalogue", "."]);
    run.assert_code(0);
    let tables = docx_tables(&fx.path("phu-luc.docx"));
    let lists = list_tables(&tables);
    assert!(!lists.is_empty(), "no Danh mục table");
    let mut codes = Vec::new();
    for t in &lists {
        assert_eq!(
            t[0],
            [
                "STT",
                "Mã TTHC",
                "Tên thủ tục hành chính",
                "Thời hạn giải quyết",
                "Địa điểm thực hiện",
                "Phí, lệ phí (nếu có)",
                "Căn cứ pháp lý"
            ]
        );
        for row in &t[1..] {
            assert_eq!(row.len(), 7);
            codes.push(row[1].clone());
        }
    }
    codes.sort();
    assert_eq!(codes, ["1.001193", "1.004222", "2.000815"]);
    // The time limit cell is the procedure page's sentence.
    let khai_sinh = lists
        .iter()
        .flat_map(|t| t.iter())
        .find(|r| r[1] == "1.001193")
        .unwrap();
    assert!(
        khai_sinh[3].starts_with("Trực tiếp: Giải quyết ngay"),
        "{:?}",
        khai_sinh[3]
    );
    assert!(
        khai_sinh[5].contains("Lệ phí đăng ký khai sinh: Miễn phí"),
        "{:?}",
        khai_sinh[5]
    );
    // Phần II: a papers table per paper group.
    assert!(tables
        .iter()
        .any(|t| t[0] == ["Tên giấy tờ", "Mẫu đơn, tờ khai", "Số lượng"]));
    // Same input, same bytes.
    fx.run(&["annex", "all", "-o", "again.docx", "--catalogue", "."])
        .assert_code(0);
    assert_eq!(
        std::fs::read(fx.path("phu-luc.docx")).unwrap(),
        std::fs::read(fx.path("again.docx")).unwrap()
    );
}

#[test]
fn annex_of_a_decision_lists_its_items_by_kind() {
    let fx = Fixture::base().overlay(&fixtures("diff/old")).write(
        "decisions/9-qd-ubnd-2026.yaml",
        "number: \"9/QĐ-UBND\"\nissuer: \"Chủ tịch UBND tỉnh Hà Tĩnh\"\nlevel: province\nsigned: \"2026-01-05\"\nitems:\n  - procedure: \"2.000908\"\n    kind: abolished\n    abolished_by: {document: \"23/2015/NĐ-CP\", article: \"Điều 5\"}\n",
    );
    // 2.000908 must be abolished in the catalogue for this decision to pass check.
    let fx = fx.patch(
        "procedures/chung-thuc/2.000908.yaml",
        "  decision: \"1234/QĐ-BTP\"\n  signed: \"2020-06-01\"\n  change: new\n",
        "  decision: \"9/QĐ-UBND\"\n  signed: \"2026-01-05\"\n  change: abolished\n  notes: \"Bộ thử.\"\n",
    );
    fx.check(&[]).assert_no_errors("decision fixture");
    fx.run(&["annex", "9/QĐ-UBND", "-o", "a.docx", "--catalogue", "."])
        .assert_code(0);
    let tables = docx_tables(&fx.path("a.docx"));
    let lists = list_tables(&tables);
    assert_eq!(lists.len(), 1);
    assert_eq!(
        lists[0][0],
        [
            "STT",
            "Mã TTHC",
            "Tên thủ tục hành chính bị bãi bỏ",
            "Tên VBQPPL quy định việc bãi bỏ",
            "Lĩnh vực",
            "Cơ quan thực hiện"
        ]
    );
    assert_eq!(lists[0].len(), 2);
    assert_eq!(lists[0][1][1], "2.000908");
    assert_eq!(
        lists[0][1][3],
        "Điều 5 Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ"
    );
    // By slug too; an unknown decision is a usage error.
    fx.run(&[
        "annex",
        "3059-qd-ubnd-2021",
        "-o",
        "b.docx",
        "--catalogue",
        ".",
    ])
    .assert_code(0);
    let b = docx_tables(&fx.path("b.docx"));
    let rows: Vec<&String> = list_tables(&b)
        .iter()
        .flat_map(|t| t[1..].iter().map(|r| &r[1]))
        .collect();
    assert_eq!(rows, ["1.001193"]);
    fx.run(&["annex", "1/QĐ-UBND", "-o", "c.docx", "--catalogue", "."])
        .assert_code(2);
}

#[test]
fn site_has_decision_pages_annex_print_pages_history_and_feed_entries() {
    let fx = Fixture::base();
    fx.run(&["build", ".", "-o", "out"]).assert_code(0);
    let read = |rel: &str| std::fs::read_to_string(fx.path("out").join(rel)).expect(rel);
    let recent = read("cong-bo/index.html");
    // Newest first.
    let (a, b) = (
        recent.find("Quyết định 3059/QĐ-UBND").expect("3059"),
        recent.find("Quyết định 1234/QĐ-BTP").expect("1234"),
    );
    assert!(a < b, "decisions newest first");
    let page = read("cong-bo/3059-qd-ubnd-2021/index.html");
    // Links are relative to the page (issue 15).
    assert!(page.contains("<a href=\"../../thu-tuc/1.001193/\">Thủ tục đăng ký khai sinh</a>"));
    assert!(page.contains("Danh mục thủ tục hành chính được sửa đổi, bổ sung, thay thế — Thủ tục hành chính cấp xã — Lĩnh vực Hộ tịch"));
    assert!(page.contains("Thành phần, số lượng hồ sơ"));
    let print = read("cong-bo/3059-qd-ubnd-2021/phu-luc/index.html");
    let doc = scraper::Html::parse_document(&print);
    let th = scraper::Selector::parse("article.annex table thead th").unwrap();
    let heads: Vec<String> = doc
        .select(&th)
        .map(|e| e.text().collect())
        .take(7)
        .collect();
    assert_eq!(heads[1], "Mã TTHC");
    assert_eq!(heads[6], "Căn cứ pháp lý");
    let rows = scraper::Selector::parse("article.annex > table tbody tr").unwrap();
    let codes: Vec<String> = doc
        .select(&rows)
        .filter_map(|r| r.text().nth(1).map(String::from))
        .collect();
    assert_eq!(codes, ["1.001193"]);
    assert!(print.contains("size: A4") && print.contains("Times New Roman"));
    let history = read("thu-tuc/1.001193/index.html");
    assert!(history.contains("Lịch sử công bố"));
    assert!(history.contains(
        "<a href=\"../../cong-bo/3059-qd-ubnd-2021/\">Quyết định 3059/QĐ-UBND</a> ngày 30/08/2021"
    ));
    let feed = read("feed.xml");
    assert!(
        feed.contains("<id>/cong-bo/3059-qd-ubnd-2021/#1.001193</id>")
            || feed.contains("cong-bo/3059-qd-ubnd-2021/#1.001193</id>"),
        "{feed}"
    );
    assert!(feed.contains(
        "Thủ tục đăng ký khai sinh – Sửa đổi, bổ sung, thay thế theo Quyết định 3059/QĐ-UBND"
    ));
}

#[test]
fn shipped_decision_2873_annex_lists_its_twelve_amended_procedures() {
    let out = tempfile::tempdir().unwrap();
    let docx = out.path().join("2873.docx");
    let catalogue = crate::support::repo_root().join("catalogue");
    run_in(
        out.path(),
        &[
            "annex",
            "2873-qd-ubnd-2025",
            "-o",
            &docx.to_string_lossy(),
            "--catalogue",
            &catalogue.to_string_lossy(),
        ],
    )
    .assert_code(0);
    let tables = docx_tables(&docx);
    let mut codes: Vec<String> = list_tables(&tables)
        .iter()
        .flat_map(|t| t[1..].iter().map(|r| r[1].clone()))
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "2.000815", "2.000884", "2.000908", "2.000913", "2.000927", "2.000942", "2.000992",
            "2.001008", "2.001016", "2.001019", "2.001035", "2.001406"
        ]
    );
}
