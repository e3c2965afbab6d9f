//! A checklist for my case (issue 14), as the built binary writes it without JavaScript: every
//! case its own section marked with its slug, the picker present but hidden, the links that
//! carry the choice, and the notice that the working calendar ends.

use std::path::{Path, PathBuf};

use crate::linkcheck::assert_site_ok;
use crate::support::{repo_root, Fixture};

/// Two more cases for 1.001193 in the base fixture: one whose slug collides with
/// "Trường hợp ủy quyền" (so it gets `-2`) and one with a longer text.
const MORE_CASES: &str = r#"  - case: "Trường hợp ủy quyền!"
    items:
      - name: "Giấy tờ thử của trường hợp trùng tên"
        originals: 1
        unverified: true
  - case: "Trẻ em sinh ra ở nước ngoài, chưa đăng ký khai sinh, về cư trú tại Việt Nam"
    items:
      - name: "Giấy chứng sinh do nước ngoài cấp"
        copies: 1
        unverified: true
dossier_sets: 1"#;

/// Builds `fixture` into a directory outside the repository; returns it and the output.
fn build(fixture: &Fixture) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("motcua-cases-")
        .tempdir()
        .expect("tempdir");
    assert!(!fixture.root().starts_with(repo_root()));
    assert!(!dir.path().starts_with(repo_root()));
    let out = dir.path().join("public");
    fixture
        .run(&["build", ".", "-o", out.to_str().expect("utf-8")])
        .assert_no_errors("build");
    (dir, out)
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text from `start` up to the next `end`, which must both be there.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` missing"));
    let rest = &html[from..];
    let to = rest.find(end).unwrap_or_else(|| panic!("`{end}` missing"));
    &rest[..to + end.len()]
}

#[test]
fn each_case_is_its_own_section_marked_with_its_slug() {
    let fixture = Fixture::base().patch(
        "procedures/ho-tich/1.001193.yaml",
        "dossier_sets: 1",
        MORE_CASES,
    );
    let (_dir, out) = build(&fixture);
    let page = read(&out, "thu-tuc/1.001193/index.html");
    let checklist = read(&out, "thu-tuc/1.001193/giay-to.html");
    let slugs = [
        (
            "uy-quyen",
            "Trường hợp ủy quyền",
            "Văn bản ủy quyền được chứng thực",
        ),
        (
            "uy-quyen-2",
            "Trường hợp ủy quyền!",
            "Giấy tờ thử của trường hợp trùng tên",
        ),
        (
            "tre-em-sinh-ra-o-nuoc-ngoai-chua",
            "Trẻ em sinh ra ở nước ngoài, chưa đăng ký khai sinh, về cư trú tại Việt Nam",
            "Giấy chứng sinh do nước ngoài cấp",
        ),
    ];
    for (html, heading) in [(&page, "h3"), (&checklist, "h2")] {
        // The picker is there for the script, hidden without it, and names the URL parameter.
        let picker = between(html, "<fieldset class=\"case-picker", "</fieldset>");
        assert!(picker.contains(" hidden>"), "{picker}");
        assert!(picker.contains("data-param=\"truong-hop\""), "{picker}");
        let values: Vec<&str> = picker
            .split("value=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert_eq!(values, slugs.map(|(s, _, _)| s));
        // The common papers first, then each case in its own section, heading and papers.
        let common = between(html, "<div class=\"paper-group\" data-common>", "</div>");
        assert!(common.contains("Tờ khai đăng ký khai sinh"), "{common}");
        assert!(!common.contains("Văn bản ủy quyền"), "{common}");
        for (slug, case, paper) in slugs {
            let group = between(
                html,
                &format!("<div class=\"paper-group\" data-case=\"{slug}\">"),
                "</div>",
            );
            assert!(
                group.contains(&format!("<{heading}>{case}</{heading}>")),
                "{group}"
            );
            assert!(group.contains(paper), "{group}");
        }
        assert_eq!(html.matches("class=\"paper-group\"").count(), 4);
        assert!(html.contains("data-case-link"));
    }
    // The checklist says which cases it lists: all of them, without JavaScript.
    assert!(
        checklist.contains("Trường hợp: tất cả (3 trường hợp"),
        "{checklist}"
    );
    // A procedure without cases has no picker and one common group.
    let plain = read(&out, "thu-tuc/1.004222/giay-to.html");
    assert!(!plain.contains("case-picker"));
    assert!(!plain.contains("data-case="));
    assert_site_ok(&out, "https://thutuc.example.gov.vn/");
}

#[test]
fn the_checklist_has_the_due_date_office_and_last_verified_date() {
    let (_dir, out) = build(&Fixture::base());
    let checklist = read(&out, "thu-tuc/1.004222/giay-to.html");
    // The build date is 2026-12-01 (SOURCE_DATE_EPOCH); the row is the procedure page's.
    let page = read(&out, "thu-tuc/1.004222/index.html");
    let due = between(&page, "<small class=\"due\"", "</small>");
    assert!(due.contains("Nộp ngày thứ Ba, 01/12/2026"), "{due}");
    assert!(checklist.contains(due), "the checklist repeats {due}");
    assert!(checklist.contains("Nơi nộp: <strong>"), "{checklist}");
    assert!(
        checklist.contains("Thông tin kiểm tra lần cuối ngày"),
        "{checklist}"
    );
    assert!(checklist.contains("class=\"due-try noprint\" hidden"));
    // The base calendar runs to the end of 2027: more than 12 months, so the notice waits for
    // the script.
    let notice = between(&checklist, "<p class=\"note calendar-end\"", "</p>");
    assert!(notice.contains("data-calendar-end hidden>"), "{notice}");
    assert!(notice.contains("31/12/2027"), "{notice}");
}

#[test]
fn a_calendar_ending_soon_is_said_plainly_and_nothing_is_counted_past_it() {
    // The base calendar without its 2027 test year: it ends on 31/12/2026, within a month of
    // the build date, and 30 working days from 01/12/2026 run into 2027.
    let base = Fixture::base();
    let calendar = base.read("calendar.yaml");
    let start = calendar.find("  # Năm 2027").expect("the 2027 block");
    let end = calendar.find("closures:").expect("closures");
    let short = format!("{}{}", &calendar[..start], &calendar[end..]);
    let fixture = base.write("calendar.yaml", short).patch(
        "procedures/cu-tru/1.004222.yaml",
        "value: 7",
        "value: 30",
    );
    let (_dir, out) = build(&fixture);
    for file in [
        "thu-tuc/1.004222/index.html",
        "thu-tuc/1.004222/giay-to.html",
    ] {
        let html = read(&out, file);
        let notice = between(&html, "<p class=\"note calendar-end\"", "</p>");
        assert!(notice.contains("data-calendar-end>"), "shown: {notice}");
        assert!(
            notice.contains("chỉ có đến hết ngày 31/12/2026"),
            "{notice}"
        );
        assert!(notice.contains("không tính"), "{notice}");
        let due = between(&html, "<small class=\"due\"", "</small>");
        assert!(
            due.contains("chưa tính được (lịch làm việc chưa có năm 2027"),
            "{due}"
        );
    }
}
