//! Every URL field refuses what a browser could run or resolve somewhere unexpected:
//! `check` reports one `bad-url` at the value, `build` refuses and keeps the previous output.

use crate::linkcheck::assert_site_ok;
use crate::support::Fixture;

/// One URL field of the base fixture: the file, and a patch that puts `{}` in the field.
struct Field {
    name: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
}

/// The line of the patched file the value of `field` is on.
fn line_of(fixture: &Fixture, field: &Field, value: &str) -> usize {
    let text = fixture.read(field.file);
    let to = field.to.replace("{}", value);
    let at = text.find(&to).expect("the patch is in the file");
    let value_at = at + to.find(value).expect("the value is in the patch");
    text[..value_at].matches('\n').count() + 1
}

const FIELDS: &[Field] = &[
    Field {
        name: "site base_url",
        file: "site.yaml",
        from: r#"base_url: "https://thutuc.example.gov.vn/""#,
        to: r#"base_url: "{}""#,
    },
    Field {
        name: "feedback url",
        file: "site.yaml",
        from: r#"  url: "https://dichvucong.gov.vn/""#,
        to: r#"  url: "{}""#,
    },
    Field {
        name: "feedback tracking_url",
        file: "site.yaml",
        from: "  phone: \"18001096\"\n",
        to: "  phone: \"18001096\"\n  tracking_url: \"{}\"\n",
    },
    Field {
        name: "channel url",
        file: "procedures/ho-tich/1.001193.yaml",
        from: "    url: \"https://dichvucong.gov.vn/\"\n    online_level: full",
        to: "    url: \"{}\"\n    online_level: full",
    },
    Field {
        name: "form url",
        file: "procedures/ho-tich/1.001193.yaml",
        from: r#"file: "forms/to-khai-khai-sinh.docx"}"#,
        to: r#"file: "forms/to-khai-khai-sinh.docx", url: "{}"}"#,
    },
    Field {
        name: "decision url",
        file: "procedures/ho-tich/1.001193.yaml",
        from: r#"decision_url: "https://hatinh.gov.vn/""#,
        to: r#"decision_url: "{}""#,
    },
    Field {
        name: "procedure source url",
        file: "procedures/ho-tich/1.001193.yaml",
        from: "    url: \"https://dichvucong.gov.vn/\"\n    accessed",
        to: "    url: \"{}\"\n    accessed",
    },
    Field {
        name: "legal document url",
        file: "legal/60-2014-QH13.yaml",
        from: r#"url: "https://vbpl.vn/""#,
        to: r#"url: "{}""#,
    },
    Field {
        name: "agency website",
        file: "agencies/bo-phan-mot-cua-cap-xa.yaml",
        from: "phone: \"0239 3855 555\"\n",
        to: "phone: \"0239 3855 555\"\nwebsite: \"{}\"\n",
    },
    Field {
        name: "agency source url",
        file: "agencies/bo-phan-mot-cua-cap-xa.yaml",
        from: r#"    url: "https://hatinh.gov.vn/""#,
        to: r#"    url: "{}""#,
    },
];

/// Hostile values, as written inside a YAML double-quoted string.
const HOSTILE: &[&str] = &[
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "java&#x09;script:alert(1)",
    "java\\tscript:alert(1)",
    " javascript:alert(1)",
    "javascript\\u0000:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "thu-tuc/1.001193/",
    "https://",
];

fn with_value(field: &Field, value: &str) -> Fixture {
    let fixture = Fixture::base();
    let before = fixture.read(field.file);
    assert!(
        before.contains(field.from),
        "{}: patch target not found in {}",
        field.name,
        field.file
    );
    fixture.patch(field.file, field.from, &field.to.replace("{}", value))
}

#[test]
fn check_reports_each_hostile_url_once_at_its_line() {
    for field in FIELDS {
        for value in HOSTILE {
            let fixture = with_value(field, value);
            let line = line_of(&fixture, field, value);
            let run = fixture.check(&[]);
            let lines = run.lines();
            let bad: Vec<&String> = lines.iter().filter(|l| l.contains("bad-url")).collect();
            assert_eq!(
                bad.len(),
                1,
                "{} = {value:?}: expected one bad-url, got:\n{}",
                field.name,
                lines.join("\n")
            );
            assert!(
                bad[0].starts_with(&format!("{}:{line}:", field.file)),
                "{} = {value:?}: wrong place: {}",
                field.name,
                bad[0]
            );
            let errors = lines.iter().filter(|l| l.contains(": error[")).count();
            assert_eq!(
                errors,
                1,
                "{} = {value:?}:\n{}",
                field.name,
                lines.join("\n")
            );
            run.assert_code(1);
        }
    }
}

#[test]
fn plain_web_addresses_still_pass_in_every_field() {
    for field in FIELDS {
        // The base URL names a folder the site's paths are appended to.
        let value = if field.name == "site base_url" {
            "https://thutuc.hatinh.gov.vn/thu-tuc/"
        } else {
            "https://dichvucong.gov.vn/dich-vu-cong/tiep-nhan?ma=1.001193#nop"
        };
        with_value(field, value)
            .check(&[])
            .assert_no_errors(field.name);
    }
    let contact = FIELDS
        .iter()
        .find(|f| f.name == "feedback url")
        .expect("field");
    for value in ["mailto:motcua@hatinh.gov.vn", "tel:18001096"] {
        with_value(contact, value)
            .check(&[])
            .assert_no_errors(value);
    }
}

#[test]
fn build_refuses_a_hostile_url_and_keeps_the_previous_site() {
    let good = Fixture::base();
    let out_dir = tempfile::tempdir().expect("tempdir");
    let out = out_dir.path().join("public");
    let out_s = out.to_str().expect("utf-8");
    good.run(&["build", ".", "-o", out_s])
        .assert_no_errors("first build");
    let before = std::fs::read(out.join("thu-tuc/1.001193/index.html")).expect("page");
    for field in FIELDS {
        let run = with_value(field, "javascript:alert(document.domain)")
            .run(&["build", ".", "-o", out_s, "--format", "short"]);
        run.assert_code(1);
        assert!(
            run.stderr.contains("bad-url"),
            "{}: {}",
            field.name,
            run.stderr
        );
        assert_eq!(
            std::fs::read(out.join("thu-tuc/1.001193/index.html")).expect("page"),
            before,
            "{}: the previous output changed",
            field.name
        );
    }
    assert_site_ok(&out, "https://thutuc.example.gov.vn/");
}

#[test]
fn markdown_links_with_other_schemes_are_not_published() {
    let fixture = Fixture::base().patch(
        "procedures/ho-tich/1.001193.yaml",
        r#"alert: "Từ ngày 01/7/2025, Ủy ban nhân dân xã, phường thực hiện đăng ký hộ tịch.""#,
        r#"alert: "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](ftp://x.vn/) [e](vbscript:x) <a href='javascript:alert(1)'>f</a> [g](https://hatinh.gov.vn/)""#,
    );
    let out_dir = tempfile::tempdir().expect("tempdir");
    let out = out_dir.path().join("public");
    fixture
        .run(&["build", ".", "-o", out.to_str().expect("utf-8")])
        .assert_no_errors("build");
    assert_site_ok(&out, "https://thutuc.example.gov.vn/");
    let page = std::fs::read_to_string(out.join("thu-tuc/1.001193/index.html")).expect("page");
    assert!(
        page.contains("https://hatinh.gov.vn/"),
        "the plain link stays"
    );
}
