//! `publish:` in `site.yaml`: each per-procedure copy (checklist, JSON record, embeds) can be
//! turned off. Built with the real binary on catalogues copied outside the repository: the
//! copies that are off are not written, nothing in the output links to or names them (every
//! internal link resolves), and with the defaults all of them are there.

use std::io::Read;
use std::path::Path;

use crate::linkcheck::assert_site_ok;
use crate::support::{repo_root, Fixture};

const BASE: &str = "https://thutuc.example.gov.vn/";

/// Which copies are on.
#[derive(Debug, Clone, Copy)]
struct Switches {
    checklists: bool,
    records: bool,
    embeds: bool,
}

const ALL_ON: Switches = Switches {
    checklists: true,
    records: true,
    embeds: true,
};

const ALL_OFF: Switches = Switches {
    checklists: false,
    records: false,
    embeds: false,
};

impl Switches {
    /// The `publish:` section, each key written out.
    fn yaml(self) -> String {
        format!(
            "\npublish:\n  checklists: {}\n  records: {}\n  embeds: {}\n",
            self.checklists, self.records, self.embeds
        )
    }

    /// The files each switch governs, per procedure `code` (or site-wide), with its state.
    fn copies(self, code: &str) -> [(String, bool); 5] {
        [
            (format!("thu-tuc/{code}/giay-to.html"), self.checklists),
            (format!("thu-tuc/{code}/index.json"), self.records),
            (format!("thu-tuc/{code}/nhung.html"), self.embeds),
            (format!("thu-tuc/{code}/khung.html"), self.embeds),
            ("du-lieu/nhung.css".to_string(), self.embeds),
        ]
    }

    /// File names no output file may mention when their copy is off.
    fn unpublished_names(self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if !self.checklists {
            v.push("giay-to.html");
        }
        if !self.records {
            v.push("/index.json");
        }
        if !self.embeds {
            v.extend(["nhung.html", "khung.html", "nhung.css"]);
        }
        v
    }
}

/// The procedure codes of a built site: the directories under `thu-tuc/`.
fn codes(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(out.join("thu-tuc"))
        .expect("thu-tuc/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains('.'))
        .collect();
    v.sort();
    v
}

/// The text of an output file, gunzipped when compressed; `None` for binary files.
fn text_of(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).expect("read output file");
    if path.extension().and_then(|e| e.to_str()) == Some("gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .expect("gunzip");
        return Some(s);
    }
    String::from_utf8(bytes).ok()
}

/// Asserts the site under `out` publishes exactly the copies `on` asks for, names no copy that
/// is off in any file (HTML, feeds, sitemap, search index, open data; the open-data schema
/// describes the record format and stays), and that every internal link resolves.
fn assert_publishes(out: &Path, on: Switches) {
    let codes = codes(out);
    assert!(!codes.is_empty(), "no procedure under {}", out.display());
    for code in &codes {
        let page = out.join(format!("thu-tuc/{code}/index.html"));
        assert!(page.is_file(), "{code}: the page is always written");
        for (file, published) in on.copies(code) {
            assert_eq!(out.join(&file).is_file(), published, "{file} with {on:?}");
        }
    }
    for kept in [
        "du-lieu/procedures.json.gz",
        "du-lieu/cpsv-ap.jsonld.gz",
        "du-lieu/thu-tuc.csv",
        "du-lieu/open-data.schema.json",
        "du-lieu/open-data-procedure.schema.json",
        "du-lieu/index.html",
        "sitemap.xml",
    ] {
        assert!(
            out.join(kept).is_file(),
            "{kept} is written whatever `publish` says"
        );
    }
    let names = on.unpublished_names();
    let mut read = 0;
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(out).expect("under out");
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !entry.file_type().is_file() || rel.ends_with(".schema.json") {
            continue;
        }
        let Some(text) = text_of(entry.path()) else {
            continue;
        };
        read += 1;
        for name in &names {
            assert!(
                !text.contains(name),
                "{rel} names `{name}`, which is not published ({on:?})"
            );
        }
    }
    assert!(read > 20, "only {read} text files read");
    // The page offers the checklist exactly when there is one.
    let page = std::fs::read_to_string(out.join(format!("thu-tuc/{}/index.html", codes[0])))
        .expect("a procedure page");
    assert_eq!(
        page.contains("In danh sách giấy tờ cần mang"),
        on.checklists,
        "{on:?}"
    );
    assert_eq!(
        page.contains("Dữ liệu máy đọc (JSON)"),
        on.records,
        "{on:?}"
    );
    // So does the help page, which tells citizens to press that button.
    let help = std::fs::read_to_string(out.join("huong-dan/index.html")).expect("help page");
    assert_eq!(
        help.contains("In danh sách giấy tờ cần mang"),
        on.checklists,
        "{on:?}"
    );
    // The open-data page says plainly what this site does not publish.
    let data = std::fs::read_to_string(out.join("du-lieu/index.html")).expect("open-data page");
    assert_eq!(
        data.contains("không công bố tệp JSON riêng cho từng thủ tục"),
        !on.records,
        "{on:?}"
    );
    assert_eq!(
        data.contains("không công bố bản nhúng"),
        !on.embeds,
        "{on:?}"
    );
    assert_site_ok(out, BASE);
}

/// Builds `fx` into a fresh directory beside it with `extra` arguments; returns the output.
fn build(fx: &Fixture, tmp: &Path, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let out = tmp.join(name);
    let mut args = vec!["build", ".", "-o", out.to_str().expect("utf-8")];
    args.extend_from_slice(extra);
    fx.run(&args).assert_no_errors("build");
    out
}

#[test]
fn each_copy_can_be_turned_off_alone_or_all_together_and_every_link_still_resolves() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cases = [
        ALL_ON,
        Switches {
            checklists: false,
            ..ALL_ON
        },
        Switches {
            records: false,
            ..ALL_ON
        },
        Switches {
            embeds: false,
            ..ALL_ON
        },
        ALL_OFF,
    ];
    for (i, on) in cases.into_iter().enumerate() {
        let fx = Fixture::base();
        let fx = fx.patch(
            "site.yaml",
            "freshness_days: 365\n",
            &format!("freshness_days: 365\n{}", on.yaml()),
        );
        let out = build(&fx, tmp.path(), &format!("out-{i}"), &[]);
        assert_publishes(&out, on);
    }
}

#[test]
fn the_defaults_publish_every_copy() {
    // No `publish:` section at all, and an empty one: both mean every copy.
    let tmp = tempfile::tempdir().expect("tempdir");
    let fx = Fixture::base();
    assert!(!fx.read("site.yaml").contains("publish"));
    let out = build(&fx, tmp.path(), "none", &[]);
    assert_publishes(&out, ALL_ON);
    let fx = fx.patch(
        "site.yaml",
        "freshness_days: 365\n",
        "freshness_days: 365\npublish: {}\n",
    );
    let out = build(&fx, tmp.path(), "empty", &[]);
    assert_publishes(&out, ALL_ON);
    // One key given: the others keep their default.
    let fx = Fixture::base().patch(
        "site.yaml",
        "freshness_days: 365\n",
        "freshness_days: 365\npublish:\n  records: false\n",
    );
    let out = build(&fx, tmp.path(), "one", &[]);
    assert_publishes(
        &out,
        Switches {
            records: false,
            ..ALL_ON
        },
    );
}

#[test]
fn the_shipped_catalogue_with_every_copy_off_builds_plain_and_portable() {
    // The shipped catalogue has every kind of page (cases, decisions, annexes, calendar).
    let fx = Fixture::empty().overlay(&repo_root().join("catalogue"));
    assert!(
        !fx.root().starts_with(repo_root()),
        "the catalogue is copied outside the repository"
    );
    let site = format!("{}{}", fx.read("site.yaml"), ALL_OFF.yaml());
    let fx = fx.write("site.yaml", site);
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = build(&fx, tmp.path(), "plain", &[]);
    assert_publishes(&out, ALL_OFF);
    let out = build(&fx, tmp.path(), "portable", &["--portable"]);
    assert_publishes(&out, ALL_OFF);
    // `check` renders its sample of pages with the same switches and finds nothing wrong.
    fx.check(&[]).assert_no_errors("check");
}

#[test]
fn turning_copies_off_removes_them_from_an_earlier_output() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let fx = Fixture::base();
    let out = build(&fx, tmp.path(), "site", &[]);
    assert_publishes(&out, ALL_ON);
    let fx = fx.patch(
        "site.yaml",
        "freshness_days: 365\n",
        &format!("freshness_days: 365\n{}", ALL_OFF.yaml()),
    );
    let again = build(&fx, tmp.path(), "site", &[]);
    assert_eq!(again, out);
    assert_publishes(&out, ALL_OFF);
}
