//! The incremental update `serve` uses must produce exactly what a full build produces.

use std::collections::BTreeSet;
use std::path::Path;

use motcua::catalogue::{load_and_validate, Catalogue, Options};
use motcua::site::{
    plan_procedure_update, plan_procedure_update_part, render_site, BuildOptions, Part, Site,
};

fn load(root: &Path) -> Catalogue {
    let (c, diags) = load_and_validate(root, &Options::default());
    assert!(
        !diags.has_errors(),
        "{}",
        motcua::diagnostics::render(&diags, motcua::diagnostics::Format::Short)
    );
    c
}

fn opts() -> BuildOptions {
    BuildOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        inject_before_body_end: Some("<script>reload</script>".into()),
        ..BuildOptions::default()
    }
}

/// Applies the update as `serve` publishes it: the edited pages first, then the rest.
fn apply_in_two_parts(
    old: &Catalogue,
    new: &Catalogue,
    codes: &BTreeSet<String>,
    opts: &BuildOptions,
    site: &mut Site,
) {
    for part in [Part::Own, Part::Rest] {
        plan_procedure_update_part(old, new, codes, opts, part)
            .unwrap()
            .expect("incremental")
            .apply(site, new, opts);
    }
}

fn assert_same(incremental: &Site, full: &Site) {
    let a: BTreeSet<&String> = incremental.files.keys().collect();
    let b: BTreeSet<&String> = full.files.keys().collect();
    assert_eq!(
        a.difference(&b).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "files only in the incremental site"
    );
    assert_eq!(
        b.difference(&a).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "files only in the full site"
    );
    for (path, bytes) in &full.files {
        assert!(
            incremental.files[path] == *bytes,
            "{path} differs from a full build"
        );
    }
}

/// Applies `edit` to the sample catalogue, updates incrementally for `codes`, compares.
fn check_edit(codes: &[&str], edit: impl FnOnce(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    motcua::cmd::init::write(dir.path(), false).unwrap();
    let opts = opts();
    let old = load(dir.path());
    let mut site = render_site(&old, &opts).unwrap();
    edit(dir.path());
    let new = load(dir.path());
    let codes: BTreeSet<String> = codes.iter().map(|s| s.to_string()).collect();
    let update = plan_procedure_update(&old, &new, &codes, &opts)
        .unwrap()
        .expect("a procedure-only change is incremental");
    assert!(
        update.rendered() < site.files.len() / 2,
        "renders only part of the site"
    );
    let mut in_two_parts = site.clone();
    update.apply(&mut site, &new, &opts);
    let full = render_site(&new, &opts).unwrap();
    assert_same(&site, &full);
    // `serve` publishes the edited pages first, then the rest: together the same result.
    apply_in_two_parts(&old, &new, &codes, &opts, &mut in_two_parts);
    assert_same(&in_two_parts, &full);
}

fn rewrite(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn renaming_a_procedure_and_moving_it_between_agencies() {
    check_edit(&["1.001193"], |root| {
        let f = root.join("procedures/ho-tich/1.001193.yaml");
        rewrite(
            &f,
            "name: \"Thủ tục đăng ký khai sinh\"",
            "name: \"Đăng ký khai sinh (sửa)\"",
        );
        rewrite(
            &f,
            "offices: [bo-phan-mot-cua-cap-xa]",
            "offices: [cong-an-cap-xa]",
        );
        rewrite(&f, "  - {document: \"87/2020/NĐ-CP\"}\n", "");
    });
}

#[test]
fn deleting_a_procedure() {
    check_edit(&["2.000815"], |root| {
        std::fs::remove_file(root.join("procedures/chung-thuc/2.000815.yaml")).unwrap();
    });
}

#[test]
fn adding_a_procedure() {
    check_edit(&["1.999999"], |root| {
        let text =
            std::fs::read_to_string(root.join("procedures/chung-thuc/2.000815.yaml")).unwrap();
        let text = text.replacen("code: \"2.000815\"", "code: \"1.999999\"", 1);
        std::fs::write(root.join("procedures/chung-thuc/1.999999.yaml"), text).unwrap();
    });
}

#[test]
fn cached_validation_matches_a_fresh_one_after_edits() {
    use motcua::catalogue::{load_and_validate_cached, Cache};
    use motcua::diagnostics::{render, Format};
    let dir = tempfile::tempdir().unwrap();
    motcua::cmd::init::write(dir.path(), false).unwrap();
    let mut cache = Cache::default();
    let both = |cache: &mut Cache| {
        let (a, da) = load_and_validate_cached(dir.path(), &Options::default(), cache, None);
        let (b, db) = load_and_validate(dir.path(), &Options::default());
        assert_eq!(render(&da, Format::Short), render(&db, Format::Short));
        let names = |c: &Catalogue| {
            c.procedures
                .iter()
                .map(|p| (p.code.clone(), p.name.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        (a, da)
    };
    // The cache only trusts files modified more than two seconds before they were read.
    let age = |secs: u64| {
        for entry in walkdir::WalkDir::new(dir.path()) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let when = std::time::SystemTime::now() - std::time::Duration::from_secs(secs);
                let f = std::fs::File::options()
                    .write(true)
                    .open(entry.path())
                    .unwrap();
                f.set_modified(when).unwrap();
            }
        }
    };
    age(3600);
    both(&mut cache);
    let yaml_files = walkdir::WalkDir::new(dir.path())
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .and_then(|x| x.to_str())
                == Some("yaml")
                && !e
                    .as_ref()
                    .unwrap()
                    .path()
                    .starts_with(dir.path().join(".vscode"))
        })
        .count();
    assert_eq!(format!("{cache:?}"), format!("Cache({yaml_files} files)"));
    let (c, _) = both(&mut cache);
    assert_eq!(
        c.procedures.len(),
        3,
        "a warm cache gives the same catalogue"
    );
    let f = dir.path().join("procedures/ho-tich/1.001193.yaml");
    age(600);
    rewrite(
        &f,
        "name: \"Thủ tục đăng ký khai sinh\"",
        "name: \"Khai sinh (sửa)\"",
    );
    age(300);
    let (c, _) = both(&mut cache);
    assert_eq!(c.procedure("1.001193").unwrap().name, "Khai sinh (sửa)");
    rewrite(&f, "levels: [commune]", "levels: [nowhere]");
    age(30);
    let (_, d) = both(&mut cache);
    assert!(d.has_errors());
    std::fs::remove_file(dir.path().join("procedures/chung-thuc/2.000815.yaml")).unwrap();
    let (c, _) = both(&mut cache);
    assert!(c.procedure("2.000815").is_none());
    std::fs::remove_file(dir.path().join("forms/CT01.txt")).unwrap();
    let (_, d) = both(&mut cache);
    assert!(
        render(&d, Format::Short).contains("missing-form"),
        "a deleted form re-checks cached files"
    );
}

#[test]
fn watcher_paths_skip_the_walk_and_match_a_fresh_validation() {
    use motcua::catalogue::{load_and_validate_cached, Cache};
    use motcua::diagnostics::{render, Format};
    use std::collections::BTreeSet;
    let dir = tempfile::tempdir().unwrap();
    motcua::cmd::init::write(dir.path(), false).unwrap();
    let root = dir.path();
    let mut cache = Cache::default();
    let (first, d) = load_and_validate_cached(root, &Options::default(), &mut cache, None);
    assert!(!d.has_errors(), "{}", render(&d, Format::Short));
    let check = |cache: &mut Cache, changed: &[std::path::PathBuf]| {
        let set: BTreeSet<_> = changed.iter().cloned().collect();
        let (a, da) = load_and_validate_cached(root, &Options::default(), cache, Some(&set));
        let (b, db) = load_and_validate(root, &Options::default());
        assert_eq!(render(&da, Format::Short), render(&db, Format::Short));
        let codes = |c: &Catalogue| {
            c.procedures
                .iter()
                .map(|p| (p.code.clone(), p.name.clone(), p.file.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&a), codes(&b));
        a
    };
    // Edit.
    let f = root.join("procedures/ho-tich/1.001193.yaml");
    rewrite(
        &f,
        "name: \"Thủ tục đăng ký khai sinh\"",
        "name: \"Khai sinh (sửa)\"",
    );
    let c = check(&mut cache, std::slice::from_ref(&f));
    assert_eq!(c.procedure("1.001193").unwrap().name, "Khai sinh (sửa)");
    // A copy under a new name: reported as a duplicate code, exactly as a full walk does.
    let copy = root.join("procedures/ho-tich/1.999998.yaml");
    std::fs::copy(&f, &copy).unwrap();
    check(&mut cache, std::slice::from_ref(&copy));
    // Removed again, and a real procedure deleted.
    std::fs::remove_file(&copy).unwrap();
    let gone = root.join("procedures/chung-thuc/2.000815.yaml");
    std::fs::remove_file(&gone).unwrap();
    let c = check(&mut cache, &[copy, gone]);
    assert_eq!(c.procedures.len(), first.procedures.len() - 1);
    assert!(c.procedure("2.000815").is_none());
}

/// Copies the shipped catalogue (journeys, abolished procedures, every page kind) to a
/// temporary directory.
fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogue");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    dir
}

#[test]
fn an_edit_reaches_every_kind_of_page_that_shows_the_procedure_and_equals_a_full_build() {
    let dir = shipped_copy();
    let opts = opts();
    let old = load(dir.path());
    let mut site = render_site(&old, &opts).unwrap();
    // 1.001193 is on its own pages, a sector, a level, agencies, legal documents, a journey,
    // the home page and the A–Z list.
    let f = dir.path().join("procedures/ho-tich/1.001193.yaml");
    rewrite(
        &f,
        "name: \"Thủ tục đăng ký khai sinh\"",
        "name: \"Thủ tục đăng ký khai sinh (tên mới)\"",
    );
    let new = load(dir.path());
    let codes: BTreeSet<String> = ["1.001193".to_string()].into();
    let update = plan_procedure_update(&old, &new, &codes, &opts)
        .unwrap()
        .expect("incremental");
    for prefix in [
        "index.html",
        "thu-tuc/1.001193/index.html",
        "thu-tuc/1.001193/giay-to.html",
        "linh-vuc/",
        "cap/",
        "co-quan/",
        "van-ban/",
        "su-kien/",
        "a-z/",
    ] {
        assert!(
            update.changes.keys().any(|k| k.starts_with(prefix)),
            "the update re-renders no page under {prefix}"
        );
    }
    update.apply(&mut site, &new, &opts);
    assert_same(&site, &render_site(&new, &opts).unwrap());
}

/// Whether `path` is a per-procedure copy that `publish:` can turn off (or the embeds' sheet).
fn is_copy(path: &str) -> bool {
    (path.starts_with("thu-tuc/")
        && ["/giay-to.html", "/index.json", "/nhung.html", "/khung.html"]
            .iter()
            .any(|end| path.ends_with(end)))
        || path == "du-lieu/nhung.css"
}

#[test]
fn with_every_copy_off_an_edit_renders_none_of_them_and_equals_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    motcua::cmd::init::write(dir.path(), false).unwrap();
    let site_yaml = dir.path().join("site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap();
    let off = "\npublish:\n  checklists: false\n  records: false\n  embeds: false\n";
    std::fs::write(&site_yaml, format!("{text}{off}")).unwrap();
    let opts = opts();
    let old = load(dir.path());
    let mut site = render_site(&old, &opts).unwrap();
    let mut in_two_parts = site.clone();
    assert!(!site.files.keys().any(|k| is_copy(k)), "a full build");
    assert!(site.files.contains_key("thu-tuc/1.001193/index.html"));
    // A rename and a new procedure: its page appears, none of its copies.
    let f = dir.path().join("procedures/ho-tich/1.001193.yaml");
    rewrite(
        &f,
        "name: \"Thủ tục đăng ký khai sinh\"",
        "name: \"Đăng ký khai sinh (sửa)\"",
    );
    let chung_thuc = dir.path().join("procedures/chung-thuc");
    let text = std::fs::read_to_string(chung_thuc.join("2.000815.yaml")).unwrap();
    let text = text.replacen("code: \"2.000815\"", "code: \"1.999999\"", 1);
    std::fs::write(chung_thuc.join("1.999999.yaml"), text).unwrap();
    let new = load(dir.path());
    let codes: BTreeSet<String> = ["1.001193".to_string(), "1.999999".to_string()].into();
    let update = plan_procedure_update(&old, &new, &codes, &opts)
        .unwrap()
        .expect("a procedure-only change is incremental");
    assert!(
        !update.changes.keys().any(|k| is_copy(k)),
        "the update touches an unpublished copy: {:?}",
        update
            .changes
            .keys()
            .filter(|k| is_copy(k))
            .collect::<Vec<_>>()
    );
    assert!(update.changes.contains_key("thu-tuc/1.999999/index.html"));
    update.apply(&mut site, &new, &opts);
    let full = render_site(&new, &opts).unwrap();
    assert_same(&site, &full);
    apply_in_two_parts(&old, &new, &codes, &opts, &mut in_two_parts);
    assert_same(&in_two_parts, &full);
    // Switching a copy back on adds it for every procedure: a full build, not an update.
    std::fs::write(
        &site_yaml,
        format!(
            "{}publish:\n  records: true\n",
            std::fs::read_to_string(&site_yaml)
                .unwrap()
                .replace(off, "\n")
        ),
    )
    .unwrap();
    let on = load(dir.path());
    assert!(on.site.publish.records && on.site.publish.embeds);
    assert!(plan_procedure_update(&new, &on, &codes, &opts)
        .unwrap()
        .is_none());
}
