//! Hostile and odd input: each must give a clear diagnostic and exit 1 or 2, never panic or
//! hang, and finish quickly. Accepted oddities (BOM, CRLF, NFD) must not change the result.

use std::time::Duration;

use crate::support::{fixtures, Fixture, Run};

/// Target procedure of most cases: it is not referenced by the journey, so a broken copy does
/// not cascade into other files.
const CT: &str = "procedures/chung-thuc/2.000815.yaml";

/// Generous for a debug build on a shared 2-core machine; each of these runs takes
/// milliseconds when the defences work.
const QUICK: Duration = Duration::from_secs(10);

fn assert_rejected(run: &Run, code: &str) {
    run.assert_no_panic();
    assert!(
        matches!(run.code, Some(1) | Some(2)),
        "want exit 1 or 2\n{run}"
    );
    assert!(run.elapsed < QUICK, "took {:?}", run.elapsed);
    assert!(
        run.codes().iter().any(|c| c == code),
        "want a `{code}` diagnostic\n{run}"
    );
}

#[test]
fn alias_bomb_is_refused() {
    // "Billion laughs": 10 levels of 10 aliases each would expand to 10^10 nodes.
    let mut s = String::from("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    let mut prev = 'a';
    for c in 'b'..='j' {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        s.push_str(&format!("{c}: &{c} [{refs}]\n"));
        prev = c;
    }
    let run = Fixture::base().write(CT, s).check(&[]);
    assert_rejected(&run, "yaml-syntax");
    let line = run
        .lines()
        .into_iter()
        .find(|l| l.contains("yaml-syntax"))
        .unwrap();
    assert!(
        line.contains("alias"),
        "message should name the alias: {line}"
    );
}

#[test]
fn hundred_megabyte_file_is_refused_without_reading_it() {
    let fx = Fixture::base();
    let f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(fx.path(CT))
        .unwrap();
    // Sparse: no 100 MB actually written.
    f.set_len(100 * 1024 * 1024).unwrap();
    drop(f);
    let run = fx.check(&[]);
    assert_rejected(&run, "file-too-large");
    assert_eq!(
        run.lines(),
        vec![format!(
            "{CT}:1:1: error[file-too-large]: tệp quá lớn (100 MB, tối đa 4 MB) (mỗi tệp chỉ chứa một bản ghi; kiểm tra xem có dán nhầm nội dung khác vào không)"
        )]
    );
}

fn assert_nesting_refused(what: &str, text: String) {
    let run = Fixture::base().write(CT, text).check(&[]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(1), "{what}\n{run}");
    assert!(run.elapsed < QUICK, "{what} took {:?}", run.elapsed);
    assert_eq!(run.codes(), vec!["yaml-syntax"], "{what}\n{run}");
}

#[test]
fn deeply_nested_flow_yaml_is_refused_without_stack_overflow() {
    let depth = 10_000;
    assert_nesting_refused("flow sequences", "[".repeat(depth) + &"]".repeat(depth));
    assert_nesting_refused(
        "flow mappings",
        "a: ".to_string() + &"{a: ".repeat(depth) + "1" + &"}".repeat(depth),
    );
}

// Regression test: `yaml::parse` used yaml-rust2's recursive `Parser::load`, which has no
// depth limit for *block* collections, so ~3,000 levels (a 6 KB file of `- - - … x`)
// overflowed the stack of the rayon worker and aborted the process with no diagnostic.
#[test]
fn deeply_nested_block_yaml_is_refused_without_stack_overflow() {
    let depth = 10_000;
    assert_nesting_refused("block sequences", "- ".repeat(depth) + "x\n");
    // 1,000 nested block mappings (a 1 MB file, under the size limit) also overflow.
    let text: String = (0..1_000)
        .map(|i| format!("{}a:\n", "  ".repeat(i)))
        .collect();
    assert_nesting_refused("block mappings", text);
}

#[test]
fn invalid_utf8_is_reported_at_the_first_bad_byte() {
    // Windows-1258 / Latin-1 bytes on line 2, and a UTF-16 BOM at the very start.
    let cases: &[(&[u8], &str)] = &[
        (b"code: \"2.000815\"\nname: \"Ch\xf5ng th\xf1c\"\n", "2:10"),
        (b"\xff\xfec\x00o\x00", "1:1"),
    ];
    for (bytes, pos) in cases {
        let run = Fixture::base().write(CT, bytes).check(&[]);
        assert_rejected(&run, "not-utf8");
        assert!(
            run.lines()[0].starts_with(&format!("{CT}:{pos}: error[not-utf8]")),
            "{run}"
        );
    }
}

#[test]
fn byte_order_mark_is_accepted_everywhere() {
    let mut fx = Fixture::base();
    for rel in [
        "site.yaml",
        "sectors.yaml",
        CT,
        "agencies/ubnd-cap-xa.yaml",
        "legal/60-2014-QH13.yaml",
    ] {
        let text = fx.read(rel);
        fx = fx.write(rel, format!("\u{FEFF}{text}"));
    }
    let run = fx.check(&[]);
    run.assert_code(0);
    assert_eq!(run.lines(), Vec::<String>::new());
}

#[test]
fn crlf_line_endings_are_accepted_with_correct_positions() {
    let lf = Fixture::base()
        .patch(CT, "amount: 2000", "amount: -2000")
        .check(&[]);
    assert_eq!(lf.codes(), vec!["negative-amount"]);
    let fx = Fixture::base().patch(CT, "amount: 2000", "amount: -2000");
    let text = fx.read(CT).replace('\n', "\r\n");
    let crlf = fx.write(CT, text).check(&[]);
    assert_eq!(
        crlf.lines(),
        lf.lines(),
        "CRLF must not shift line or column numbers"
    );
    // And a clean CRLF catalogue stays clean.
    let mut fx = Fixture::base();
    for rel in [
        "site.yaml",
        "sectors.yaml",
        CT,
        "procedures/ho-tich/1.001193.yaml",
    ] {
        let text = fx.read(rel).replace('\n', "\r\n");
        fx = fx.write(rel, text);
    }
    fx.check(&[]).assert_code(0);
}

#[test]
fn nfd_vietnamese_is_normalized_before_matching() {
    use unicode_normalization::UnicodeNormalization;
    // `tỉnh` typed with combining marks (as some macOS and old Windows input methods do) must
    // still be recognised as the Vietnamese word for `province`.
    let nfd: String = "levels: [tỉnh]".nfd().collect();
    assert_ne!(
        nfd, "levels: [tỉnh]",
        "test input must really be decomposed"
    );
    let run = Fixture::base()
        .patch(CT, "levels: [commune]", &nfd)
        .check(&[]);
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{run}");
    assert!(
        lines[0].contains("giá trị `tỉnh`"),
        "message shows NFC text: {}",
        lines[0]
    );
    assert!(
        lines[0].contains("có phải ý bạn là `province`?"),
        "{}",
        lines[0]
    );
    // Column counts characters of the normalized text: `levels: [` is 9 characters.
    assert!(lines[0].starts_with(&format!("{CT}:5:10:")), "{}", lines[0]);
}

#[test]
fn nfd_text_reaches_the_model_as_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let name = "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản";
    let nfd: String = name.nfd().collect();
    let sector_nfd: String = "Chứng thực".nfd().collect();
    let fx = Fixture::base()
        .patch(CT, name, &nfd)
        .patch("sectors.yaml", "Chứng thực", &sector_nfd);
    let opts = motcua::catalogue::Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        ..Default::default()
    };
    let (cat, diags) = motcua::catalogue::load_and_validate(fx.root(), &opts);
    assert!(diags.is_empty(), "{:?}", diags.items());
    let p = cat
        .procedures
        .iter()
        .find(|p| p.code == "2.000815")
        .unwrap();
    assert_eq!(p.name, name);
    let s = cat.sectors.iter().find(|s| s.id == "chung-thuc").unwrap();
    assert_eq!(s.name, "Chứng thực");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_not_followed_forever() {
    let fx = Fixture::base();
    std::os::unix::fs::symlink("..", fx.path("procedures/chung-thuc/loop")).unwrap();
    let run = fx.check(&[]);
    assert_rejected(&run, "io");
    assert!(run.stderr.contains("vòng lặp"), "{run}");
}

#[test]
fn form_paths_outside_forms_are_refused() {
    let ks = "procedures/ho-tich/1.001193.yaml";
    for bad in [
        "../../etc/passwd",
        "/etc/passwd",
        "forms/../../etc/passwd",
        "C:\\\\Windows\\\\win.ini",
        "site.yaml",
    ] {
        let run = Fixture::base()
            .patch(
                ks,
                "\"forms/to-khai-khai-sinh.docx\"",
                &format!("\"{bad}\""),
            )
            .check(&[]);
        assert_rejected(&run, "form-path");
        assert_eq!(run.codes(), vec!["form-path"], "{bad}");
        assert!(
            !run.stderr.contains("root:"),
            "must never read the target file"
        );
    }
}

#[test]
fn empty_and_non_mapping_files_are_refused() {
    let cases = [
        ("empty", ""),
        ("only a comment", "# chưa viết\n"),
        ("a list", "- code: \"2.000815\"\n- name: x\n"),
        ("a scalar", "Thủ tục chứng thực\n"),
    ];
    for (what, text) in cases {
        let run = Fixture::base().write(CT, text).check(&[]);
        assert_rejected(&run, "wrong-type");
        assert_eq!(run.lines().len(), 1, "{what}: one clear problem\n{run}");
        assert!(
            run.lines()[0].starts_with(&format!("{CT}:1:1: error[wrong-type]")),
            "{what}\n{run}"
        );
    }
    for rel in ["site.yaml", "sectors.yaml"] {
        let run = Fixture::base().write(rel, "").check(&[]);
        run.assert_no_panic();
        assert_eq!(run.code, Some(1), "empty {rel}\n{run}");
    }
}

#[test]
fn missing_catalogue_directory_is_a_usage_error() {
    let fx = Fixture::empty();
    let run = fx.run(&["check", "khong-co-thu-muc-nay"]);
    run.assert_code(2).assert_no_panic();
    assert!(
        run.stderr.contains("không tìm thấy thư mục danh mục"),
        "{run}"
    );
    let empty = fx.check(&[]);
    empty.assert_code(1);
    assert_eq!(empty.codes(), vec!["missing-file", "missing-file"]);
}

#[test]
fn base_fixture_files_are_all_plain_utf8_nfc() {
    // Guards the fixtures themselves: a BOM or NFD in base would hide the tests above.
    use unicode_normalization::is_nfc;
    for e in walkdir::WalkDir::new(fixtures("base")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let text = std::fs::read_to_string(e.path()).unwrap();
            assert!(
                is_nfc(&text) && !text.starts_with('\u{FEFF}') && !text.contains('\r'),
                "{}",
                e.path().display()
            );
        }
    }
}

// Regression test for a fixed risk (src/catalogue/load.rs, `load`): the walk uses `follow_links(true)` and does not check
// where a symlink leads, so `forms/mau.docx -> /etc/passwd` is accepted as a form file (no
// diagnostic, exit 0) and will be copied into the public site once the build stage publishes
// forms; a symlinked directory outside the catalogue is read the same way. `form-path` only
// checks the text of the path. Fix: canonicalize each entry and refuse (error `form-path` /
// `io`) anything that resolves outside the catalogue root.
#[cfg(unix)]
#[test]

fn symlinks_leading_outside_the_catalogue_are_refused() {
    let fx = Fixture::base().remove("forms/to-khai-khai-sinh.docx");
    std::os::unix::fs::symlink("/etc/passwd", fx.path("forms/to-khai-khai-sinh.docx")).unwrap();
    let run = fx.check(&[]);
    run.assert_no_panic();
    assert_eq!(
        run.code,
        Some(1),
        "a form outside the catalogue must be refused\n{run}"
    );
}
