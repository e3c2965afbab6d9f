//! `motcua init`, `motcua new procedure` and `motcua completions`.

mod common_http;

use std::ffi::OsStr;

use common_http::{init_catalogue, motcua};

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

#[test]
fn init_makes_a_catalogue_that_checks_and_builds() {
    let dir = init_catalogue();
    let cat = dir.path().join("catalogue");
    let (code, err) = motcua(&[os("check"), os("--deny-warnings"), cat.as_os_str()]);
    assert_eq!(code, 0, "check: {err}");
    let out = dir.path().join("public");
    let (code, err) = motcua(&[os("build"), cat.as_os_str(), os("-o"), out.as_os_str()]);
    assert_eq!(code, 0, "build: {err}");
    assert!(out.join("thu-tuc/1.004222/index.html").is_file());
    assert!(out.join("forms/CT01.txt").is_file());
    for schema in ["procedure", "agency", "legal", "journey", "sectors", "site"] {
        assert!(
            cat.join(format!("schema/{schema}.schema.json")).is_file(),
            "{schema} schema"
        );
    }
    let settings = std::fs::read_to_string(cat.join(".vscode/settings.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&settings).expect("settings.json is JSON");
    assert_eq!(
        v["yaml.schemas"]["schema/procedure.schema.json"][0],
        "procedures/**/*.yaml"
    );
    for p in ["ho-tich/1.001193", "cu-tru/1.004222", "chung-thuc/2.000815"] {
        let text = std::fs::read_to_string(cat.join(format!("procedures/{p}.yaml"))).unwrap();
        assert!(
            text.starts_with(
                "# yaml-language-server: $schema=../../schema/procedure.schema.json\n"
            ),
            "{p} modeline"
        );
    }
}

#[test]
fn init_refuses_a_non_empty_directory_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "giữ lại").unwrap();
    let (code, err) = motcua(&[os("init"), dir.path().as_os_str()]);
    assert_ne!(code, 0);
    assert!(err.contains("--force"), "{err}");
    assert!(!dir.path().join("site.yaml").exists());
    let (code, _) = motcua(&[os("init"), os("--force"), dir.path().as_os_str()]);
    assert_eq!(code, 0);
    assert!(dir.path().join("site.yaml").is_file());
    assert!(dir.path().join("notes.txt").is_file());
}

#[test]
fn new_procedure_validates_input_and_never_overwrites() {
    let dir = init_catalogue();
    let cat = dir.path().join("catalogue");
    let new = |code: &str, sector: &str| {
        motcua(&[
            os("new"),
            os("procedure"),
            os("--code"),
            os(code),
            os("--sector"),
            os(sector),
            cat.as_os_str(),
        ])
    };
    let (code, err) = new("1-001193", "ho-tich");
    assert_ne!(code, 0);
    assert!(err.contains("d.dddddd"), "{err}");
    let (code, err) = new("1.999999", "khong-co");
    assert_ne!(code, 0);
    assert!(err.contains("ho-tich"), "lists the known sectors: {err}");
    let existing = cat.join("procedures/ho-tich/1.001193.yaml");
    let before = std::fs::read(&existing).unwrap();
    let (code, err) = new("1.001193", "ho-tich");
    assert_ne!(code, 0);
    assert!(err.contains("không ghi đè"), "{err}");
    assert_eq!(std::fs::read(&existing).unwrap(), before);
}

#[test]
fn a_filled_in_scaffold_passes_check() {
    let dir = init_catalogue();
    let cat = dir.path().join("catalogue");
    let (code, err) = motcua(&[
        os("new"),
        os("procedure"),
        os("--code"),
        os("1.999999"),
        os("--sector"),
        os("ho-tich"),
        os("--name"),
        os("Thủ tục thử \"mẫu\""),
        cat.as_os_str(),
    ]);
    assert_eq!(code, 0, "{err}");
    let path = cat.join("procedures/ho-tich/1.999999.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema="));
    assert!(text.contains("CẦN ĐIỀN"));
    // Unfilled, the scaffold must not pass: the blanks are errors.
    let (code, _) = motcua(&[os("check"), cat.as_os_str()]);
    assert_eq!(code, 1, "an unfilled scaffold fails check");

    let mut v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(v["name"], "Thủ tục thử \"mẫu\"");
    let y = |s: &str| -> serde_yaml::Value { serde_yaml::from_str(s).unwrap() };
    let basis = y("[{document: \"60/2014/QH13\", article: \"Điều 16\"}]");
    v["summary"] = y("\"Thủ tục dùng để thử khung thủ tục mới.\"");
    v["levels"] = y("[commune]");
    v["applicants"] = y("[\"Công dân Việt Nam\"]");
    v["agencies"]["competent"] = y("ubnd-cap-xa");
    v["agencies"]["executing"] = y("[ubnd-cap-xa]");
    v["offices"] = y("[bo-phan-mot-cua-cap-xa]");
    v["steps"][0]["title"] = y("\"Nộp hồ sơ\"");
    v["channels"][0]["time_limits"][0]["value"] = y("3");
    v["channels"][0]["time_limits"][0]["legal_basis"] = basis.clone();
    v["papers"][0]["items"][0]["name"] = y("\"Tờ khai\"");
    v["papers"][0]["items"][0]["legal_basis"] = basis.clone();
    v["result"]["name"] = y("\"Giấy xác nhận\"");
    v["legal_basis"] = basis;
    v["version"]["decision"] = y("\"3059/QĐ-UBND\"");
    v["version"]["signed"] = y("\"2021-08-30\"");
    v["sources"][0]["title"] = y("\"Nguồn dùng để thử\"");
    v["sources"][0]["kind"] = y("national_database");
    v["sources"][0]["url"] = y("\"https://dichvucong.gov.vn/\"");
    std::fs::write(&path, serde_yaml::to_string(&v).unwrap()).unwrap();
    let (code, err) = motcua(&[os("check"), cat.as_os_str()]);
    assert_eq!(code, 0, "filled scaffold: {err}");
}

#[test]
fn completions_for_bash() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("motcua") && text.contains("serve"));
}
