//! The CSV tables and the "Dữ liệu mở" page that documents them, read back as a re-user would.

use crate::linkcheck::assert_site_ok;
use crate::support::Fixture;

const TRICKY: &str = "Tờ khai, có \"ngoặc kép\"\nvà xuống dòng; đ Đ";

fn read_csv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).expect("csv file");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{} starts with a UTF-8 BOM for Excel",
        path.display()
    );
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|rec| {
            rec.expect("a valid CSV row")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_tables_read_back_with_vietnamese_quotes_commas_and_newlines_intact() {
    let name = TRICKY.replace('"', "\\\"").replace('\n', "\\n");
    let fixture = Fixture::base().patch(
        "procedures/ho-tich/1.001193.yaml",
        "      - name: \"Giấy chứng sinh\"",
        &format!("      - name: \"{name}\""),
    );
    let out_dir = tempfile::tempdir().expect("tempdir");
    let out = out_dir.path().join("public");
    fixture
        .run(&["build", ".", "-o", out.to_str().expect("utf-8")])
        .assert_no_errors("build");
    let data = out.join("du-lieu");
    let page = std::fs::read_to_string(data.join("index.html")).expect("the data page");
    let mut files = 0;
    for entry in std::fs::read_dir(&data).expect("du-lieu/") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("csv") {
            continue;
        }
        files += 1;
        let file = path.file_name().and_then(|f| f.to_str()).expect("name");
        let (header, rows) = read_csv(&path);
        assert!(!rows.is_empty(), "{file} has rows");
        for row in &rows {
            assert_eq!(row.len(), header.len(), "{file}: {row:?}");
        }
        // The page documents the file and every one of its columns.
        assert!(
            page.contains(&format!(">{file}</a>")),
            "{file} on the data page"
        );
        for col in &header {
            assert!(
                page.contains(&format!("<code>{col}</code>")),
                "{file}.{col} documented"
            );
        }
    }
    assert_eq!(files, 6, "six tables");
    let (header, papers) = read_csv(&data.join("giay-to.csv"));
    let name_col = header
        .iter()
        .position(|h| h == "name")
        .expect("name column");
    assert!(
        papers.iter().any(|r| r[name_col] == TRICKY),
        "the paper's name survives the round trip"
    );
    let (header, fees) = read_csv(&data.join("phi-le-phi.csv"));
    let amount = header
        .iter()
        .position(|h| h == "amount_vnd")
        .expect("amount");
    assert!(fees
        .iter()
        .all(|r| r[amount].is_empty() || r[amount].parse::<i64>().is_ok()));
    assert_site_ok(&out, "https://thutuc.example.gov.vn/");
}
