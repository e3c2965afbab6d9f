//! `communes.yaml` and the "Tìm xã, phường" page, with the built binary on a catalogue in a
//! temporary directory: the shipped list of Hà Tĩnh's units checks clean, the page lists every
//! unit with its former units and the not-verified note linking the official system, the home
//! page and commune-level agency pages link to it, every link resolves, and the page's filter
//! script (run under node over the page's own data) finds a unit by its old name with or
//! without diacritics. Without the file the site has no such page and no link to it.

use std::path::Path;

use scraper::{Html, Selector};

use crate::linkcheck::assert_site_ok;
use crate::support::{repo_root, Fixture};

/// The base URL of `tests/fixtures/base/site.yaml`.
fn base_url(fx: &Fixture) -> String {
    let site = fx.read("site.yaml");
    site.lines()
        .find_map(|l| l.strip_prefix("base_url:"))
        .map(|v| v.trim().trim_matches('"').to_string())
        .expect("base_url in site.yaml")
}

fn with_shipped_communes() -> Fixture {
    let text = std::fs::read_to_string(repo_root().join("catalogue/communes.yaml"))
        .expect("the shipped communes.yaml");
    Fixture::base().write("communes.yaml", text)
}

fn build(fx: &Fixture) -> tempfile::TempDir {
    let out = tempfile::Builder::new()
        .prefix("motcua-communes-out-")
        .tempdir()
        .expect("tempdir");
    let dest = out.path().to_string_lossy().into_owned();
    fx.run(&["build", ".", "--output", &dest])
        .assert_no_errors("build");
    out
}

fn page(out: &Path, rel: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(out.join(rel)).expect(rel))
}

fn hrefs(doc: &Html) -> Vec<String> {
    let a = Selector::parse("a[href]").unwrap();
    doc.select(&a)
        .filter_map(|e| e.value().attr("href").map(str::to_string))
        .collect()
}

/// (id, data-q) of every unit on the page.
fn units(doc: &Html) -> Vec<(String, String)> {
    let li = Selector::parse("ul.units > li[data-q]").unwrap();
    doc.select(&li)
        .map(|e| {
            (
                e.value().attr("id").unwrap_or_default().to_string(),
                e.value().attr("data-q").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn shipped_units_check_clean_and_the_page_lists_them_all() {
    let fx = with_shipped_communes();
    let run = fx.check(&["--deny-warnings"]);
    run.assert_code(0).assert_no_panic();
    assert_eq!(run.lines(), Vec::<String>::new());

    let out = build(&fx);
    assert_site_ok(out.path(), &base_url(&fx));

    let doc = page(out.path(), "xa-phuong/index.html");
    let list = units(&doc);
    // Nghị quyết 1665/NQ-UBTVQH15, khoản 68 Điều 1: 69 units, 60 xã and 9 phường.
    assert_eq!(list.len(), 69);
    assert_eq!(
        list.iter().filter(|(id, _)| id.starts_with("xa-")).count(),
        60
    );
    assert_eq!(
        list.iter()
            .filter(|(id, _)| id.starts_with("phuong-"))
            .count(),
        9
    );
    let q = |id: &str| {
        list.iter()
            .find(|(i, _)| i == id)
            .map(|(_, q)| q.clone())
            .unwrap_or_else(|| panic!("no unit {id}"))
    };
    assert!(
        q("xa-ky-anh").contains("thi tran ky dong"),
        "{}",
        q("xa-ky-anh")
    );
    assert!(q("phuong-ha-huy-tap").contains("phuong dai nai"));
    // The part annotation is shown but not searched.
    assert!(!q("phuong-ha-huy-tap").contains("con lai"));
    let html = doc.html();
    assert!(html.contains("Sắp xếp từ: thị trấn Kỳ Đồng, xã Kỳ Giang, xã Kỳ Tiến, xã Kỳ Phú"));
    assert!(html.contains("Giữ nguyên, không sắp xếp (khoản 68 Điều 1)"));
    assert!(html.contains("1665/NQ-UBTVQH15"));
    // No office is verified yet: each unit says so and links the province's system.
    let note = Selector::parse("li p.unverified a[href='https://motcua.hatinh.gov.vn/']").unwrap();
    assert_eq!(doc.select(&note).count(), 69);

    // The same list as open data, linked from the page.
    assert!(hrefs(&doc).iter().any(|h| h == "../du-lieu/xa-phuong.json"));
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("du-lieu/xa-phuong.json")).expect("json"),
    )
    .expect("valid JSON");
    assert_eq!(json["resolution"]["number"], "1665/NQ-UBTVQH15");
    let all = json["units"].as_array().expect("units");
    assert_eq!(all.len(), 69);
    let ky_anh = all.iter().find(|u| u["name"] == "Kỳ Anh").expect("Kỳ Anh");
    assert_eq!(ky_anh["former"][0], "thị trấn Kỳ Đồng");

    let home = page(out.path(), "index.html");
    assert!(hrefs(&home).iter().any(|h| h == "./xa-phuong/"), "home");
    for agency in ["bo-phan-mot-cua-cap-xa", "ubnd-cap-xa"] {
        let doc = page(out.path(), &format!("co-quan/{agency}/index.html"));
        assert!(
            hrefs(&doc).iter().any(|h| h == "../../xa-phuong/"),
            "{agency} does not link the communes page"
        );
    }
    // The commune-level office on a procedure page leads to the list too.
    let proc = page(out.path(), "thu-tuc/1.001193/index.html");
    assert!(
        hrefs(&proc).iter().any(|h| h == "../../xa-phuong/"),
        "procedure page does not link the communes page"
    );
    // A provincial office without verified hours says so and links the official system.
    let ubnd = std::fs::read_to_string(out.path().join("co-quan/ubnd-tinh-ha-tinh/index.html"))
        .expect("agency page");
    assert!(ubnd.contains("Chưa xác minh"), "{ubnd}");
    assert!(
        !hrefs(&page(out.path(), "co-quan/ubnd-tinh-ha-tinh/index.html"))
            .iter()
            .any(|h| h.ends_with("xa-phuong/"))
    );
}

#[test]
fn without_the_file_there_is_no_page_and_no_link() {
    let fx = Fixture::base();
    let out = build(&fx);
    assert!(!out.path().join("xa-phuong").exists());
    assert!(!out.path().join("du-lieu/xa-phuong.json").exists());
    let home = page(out.path(), "index.html");
    assert!(!hrefs(&home).iter().any(|h| h.contains("xa-phuong")));
    let agency =
        std::fs::read_to_string(out.path().join("co-quan/bo-phan-mot-cua-cap-xa/index.html"))
            .expect("agency page");
    assert!(!agency.contains("xa-phuong"));
    assert!(!agency.contains("Chưa xác minh"));
    let proc = std::fs::read_to_string(out.path().join("thu-tuc/1.001193/index.html"))
        .expect("procedure page");
    assert!(!proc.contains("xa-phuong"));
}

/// The node script: loads search.js and communes.js over a stand-in DOM holding `units`, types
/// each query and prints the ids left visible, one line per query.
const DRIVER: &str = r#"
const fs = require("fs"), vm = require("vm");
const [searchJs, communesJs, unitsJson, queriesJson] = process.argv.slice(2);
const units = JSON.parse(fs.readFileSync(unitsJson, "utf8"));
const queries = JSON.parse(fs.readFileSync(queriesJson, "utf8"));
const mk = () => ({ hidden: false, listeners: {}, textContent: "",
  addEventListener(t, f) { (this.listeners[t] ||= []).push(f); } });
const input = mk(); input.value = "";
const status = mk(), none = mk();
const form = mk(); form.hidden = true;
form.querySelector = (s) => (s === "input" ? input : status);
const items = units.map(([id, q]) => { const li = mk(); li.id = id; li.getAttribute = (k) => (k === "data-q" ? q : null); return li; });
const document = {
  readyState: "complete",
  querySelector: (s) => (s === "form[data-unit-filter]" ? form : s === ".unit-none" ? none : null),
  querySelectorAll: (s) => (s === "ul.units > li[data-q]" ? items : []),
  addEventListener() {},
};
const ctx = { document, location: { search: "" }, URLSearchParams, console };
ctx.window = ctx;
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(searchJs, "utf8"), ctx);
vm.runInContext(fs.readFileSync(communesJs, "utf8"), ctx);
if (form.hidden) throw new Error("the filter form stayed hidden");
for (const q of queries) {
  input.value = q;
  for (const f of input.listeners.input) f({});
  console.log(items.filter((li) => !li.hidden).map((li) => li.id).join(" ") + "\t" + status.textContent + "\t" + (none.hidden ? "" : "none"));
}
"#;

#[test]
fn the_filter_finds_a_unit_by_its_old_name_with_or_without_diacritics() {
    let fx = with_shipped_communes();
    let out = build(&fx);
    let list = units(&page(out.path(), "xa-phuong/index.html"));
    let work = tempfile::tempdir().expect("tempdir");
    let units_json = work.path().join("units.json");
    std::fs::write(&units_json, serde_json::to_string(&list).unwrap()).unwrap();
    let cases: &[(&str, &str)] = &[
        ("ky dong", "xa-ky-anh"),
        ("Kỳ Đồng", "xa-ky-anh"),
        ("KỲ ĐỒNG", "xa-ky-anh"),
        ("kì đồng", "xa-ky-anh"),
        ("thi tran nghen", "xa-can-loc"),
        ("đại nài", "phuong-ha-huy-tap phuong-thanh-sen"),
        ("ky loi", "phuong-hoanh-son phuong-song-tri phuong-vung-ang"),
        ("son kim 1", "xa-son-kim-1"),
        ("Thạch Lạc", "xa-thach-lac"),
        ("không có xã này", ""),
    ];
    let queries: Vec<&str> = cases.iter().map(|c| c.0).chain([""]).collect();
    let queries_json = work.path().join("queries.json");
    std::fs::write(&queries_json, serde_json::to_string(&queries).unwrap()).unwrap();
    let driver = work.path().join("driver.js");
    std::fs::write(&driver, DRIVER).unwrap();
    let js = repo_root().join("themes/default/static/js");
    let run = std::process::Command::new("node")
        .arg(&driver)
        .arg(js.join("search.js"))
        .arg(js.join("communes.js"))
        .arg(&units_json)
        .arg(&queries_json)
        .output()
        .expect("node runs (the JS tests need it too)");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), queries.len(), "{stdout}");
    for ((query, want), line) in cases.iter().zip(&lines) {
        let mut cols = line.split('\t');
        let got = cols.next().unwrap_or_default();
        assert_eq!(got, *want, "query {query:?}");
        let status = cols.next().unwrap_or_default();
        let n = want.split_whitespace().count();
        assert_eq!(status, format!("{n} đơn vị phù hợp"), "query {query:?}");
        assert_eq!(cols.next() == Some("none"), n == 0, "query {query:?}");
    }
    // An empty query shows every unit again.
    let last = lines.last().copied().unwrap_or_default();
    assert_eq!(
        last.split('\t')
            .next()
            .unwrap_or_default()
            .split(' ')
            .count(),
        69
    );
}
