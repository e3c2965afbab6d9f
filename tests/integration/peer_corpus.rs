//! The converter from the neutral peer-benchmark corpus (examples/convert_bench_corpus.rs).

use std::path::Path;
use std::process::Command;

use crate::convert_bench_corpus::{convert, parse_citation, slugify, split_body};
use crate::support::Fixture;

/// The peer scripts live in `shared/` beside the repository (as on developers' machines and CI).
const GEN_CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/gen_corpus.py");

/// Runs gen_corpus.py, or returns false (test skipped) when python3 or the script is absent.
fn gen_corpus(n: usize, out: &Path) -> bool {
    if !Path::new(GEN_CORPUS).exists() {
        eprintln!("skipped: {GEN_CORPUS} not found");
        return false;
    }
    match Command::new("python3")
        .arg(GEN_CORPUS)
        .arg(n.to_string())
        .arg(out)
        .args(["--forms", "catalogue"])
        .output()
    {
        Ok(o) => {
            assert!(
                o.status.success(),
                "gen_corpus.py failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            true
        }
        Err(e) => {
            eprintln!("skipped: python3 not available ({e})");
            false
        }
    }
}

#[test]
fn converted_peer_corpus_passes_check() {
    let src = Fixture::empty();
    if !gen_corpus(5, src.root()) {
        return;
    }
    let out = Fixture::empty();
    let report = convert(src.root(), out.root()).unwrap();
    assert_eq!(report.procedures + report.uncitable.len(), 5);
    assert!(report.procedures >= 4, "{report:?}");
    out.check(&[])
        .assert_no_panic()
        .assert_no_errors("the converted corpus");
    // Same content: every neutral procedure name appears in the converted catalogue.
    for e in walkdir::WalkDir::new(src.root().join("catalogue"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let code = text
                .lines()
                .find_map(|l| l.strip_prefix("code: "))
                .unwrap()
                .trim_matches('"');
            if report.uncitable.iter().any(|c| c == code) {
                continue;
            }
            let found = walkdir::WalkDir::new(out.root().join("procedures"))
                .into_iter()
                .filter_map(Result::ok)
                .any(|f| f.file_name().to_string_lossy() == format!("{code}.yaml"));
            assert!(found, "procedure {code} not converted");
        }
    }
}

#[test]
fn slugs_are_ascii_ids() {
    for (name, slug) in [
        ("Sở Tư pháp tỉnh Hà Nội", "so-tu-phap-tinh-ha-noi"),
        (
            "Phòng Cảnh sát giao thông - Công an thành phố Cần Thơ",
            "phong-canh-sat-giao-thong-cong-an-thanh-pho-can-tho",
        ),
        ("Đất đai", "dat-dai"),
        ("Giáo dục và Đào tạo", "giao-duc-va-dao-tao"),
        (
            "Lao động, việc làm và an sinh xã hội",
            "lao-dong-viec-lam-va-an-sinh-xa-hoi",
        ),
    ] {
        assert_eq!(slugify(name), slug);
    }
}

#[test]
fn citations_are_parsed() {
    let c = parse_citation("Luật Cư trú số 68/2020/QH14 ngày 13/11/2020").unwrap();
    assert_eq!(
        (
            c.number.as_str(),
            c.kind.as_str(),
            c.title.as_str(),
            c.signed.as_str()
        ),
        ("68/2020/QH14", "Luật", "Luật Cư trú", "2020-11-13")
    );
    let c = parse_citation("Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc").unwrap();
    assert_eq!(
        (c.number.as_str(), c.kind.as_str(), c.signed.as_str()),
        ("23/2015/NĐ-CP", "Nghị định", "2015-01-01")
    );
    assert_eq!(c.title, "Nghị định về cấp bản sao từ sổ gốc");
    // An impossible date falls back to the year of the number.
    assert_eq!(
        parse_citation("Luật X số 1/2020/QH14 ngày 31/02/2020")
            .unwrap()
            .signed,
        "2020-01-01"
    );
    // A decision number without a year cannot be registered.
    assert!(parse_citation("Quyết định số 595/QĐ-BHXH ban hành quy trình thu").is_none());
}

#[test]
fn body_is_split_into_steps_conditions_and_notes() {
    let md = "## Trình tự thực hiện\n\n**Bước 1: Chuẩn bị hồ sơ**\n\nChuẩn bị.\n\n**Bước 2: Nộp hồ sơ**\n\n- Nộp.\n\n## Điều kiện và lưu ý\n\n**Yêu cầu, điều kiện thực hiện**\n\n- Điều kiện một.\n- Điều kiện hai.\n\n**Lưu ý**\n\nGhi chú.\n";
    let b = split_body(md);
    assert_eq!(
        b.steps,
        vec![
            ("Chuẩn bị hồ sơ".to_string(), "Chuẩn bị.".to_string()),
            ("Nộp hồ sơ".to_string(), "- Nộp.".to_string())
        ]
    );
    assert_eq!(b.conditions, vec!["Điều kiện một.", "Điều kiện hai."]);
    assert_eq!(b.notes, "Ghi chú.");
}
