//! A new user's first hour, with nothing but the built binary and directories outside this
//! repository: `init` → `cd` → `check` → `new procedure` → fill it → `build` with no
//! argument → every link and asset of the output resolves.

use std::path::Path;

use crate::linkcheck::assert_site_ok;
use crate::support::{repo_root, run_in};

/// The base URL `motcua init` writes into `site.yaml`.
const INIT_BASE_URL: &str = "https://thutuc.hatinh.example/";

fn outside_the_repository() -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("motcua-user-")
        .tempdir()
        .expect("tempdir");
    assert!(
        !dir.path().starts_with(repo_root()),
        "the temporary directory must not be inside the repository"
    );
    dir
}

#[test]
fn init_cd_check_new_fill_build_gives_a_site_whose_every_link_resolves() {
    let home = outside_the_repository();
    run_in(home.path(), &["init", "mysite"]).assert_no_errors("init");
    let site = home.path().join("mysite");
    let init = run_in(home.path(), &["init", "another"]);
    // The hints must be commands that work as printed from where `init` ran.
    assert!(init.stderr.contains("cd another\n"), "{}", init.stderr);
    for hint in [
        "motcua check",
        "motcua serve",
        "motcua build",
        "motcua new procedure",
    ] {
        assert!(
            init.stderr.contains(hint),
            "hint `{hint}` missing:\n{}",
            init.stderr
        );
    }

    // No argument: the current directory holds site.yaml.
    run_in(&site, &["check", "--deny-warnings"]).assert_no_errors("check in the new site");

    let new = run_in(
        &site,
        &[
            "new",
            "procedure",
            "--code",
            "1.000894",
            "--sector",
            "ho-tich",
            "--name",
            "Thủ tục đăng ký kết hôn",
        ],
    );
    new.assert_code(0);
    let scaffold = site.join("procedures/ho-tich/1.000894.yaml");
    assert!(scaffold.is_file(), "{}", new.stderr);
    // An unfilled scaffold is not publishable: check says what to fill.
    let unfilled = run_in(&site, &["check"]);
    unfilled.assert_code(1);
    assert!(
        unfilled.stderr.contains("1.000894.yaml"),
        "{}",
        unfilled.stderr
    );
    // Filled in with the real record (as legal staff would, from the national database).
    let real =
        std::fs::read_to_string(repo_root().join("catalogue/procedures/ho-tich/1.000894.yaml"))
            .expect("the shipped record");
    std::fs::write(
        &scaffold,
        real.replace("$schema=../../../schema/", "$schema=../../schema/"),
    )
    .expect("fill the scaffold");
    run_in(&site, &["check"]).assert_no_errors("check after filling");

    let build = run_in(&site, &["build"]);
    build.assert_no_errors("build with no argument");
    let out = site.join("public");
    assert!(out.join("thu-tuc/1.000894/index.html").is_file());
    assert!(out.join("thu-tuc/1.001193/index.html").is_file());
    assert_every_asset_is_linked(&out);
    assert_site_ok(&out, INIT_BASE_URL);

    // Building again from the same place reads the catalogue, not the site just written
    // inside it, and gives the same bytes.
    let first = std::fs::read(out.join("thu-tuc/1.000894/index.html")).expect("page");
    run_in(&site, &["build"]).assert_no_errors("second build");
    assert_eq!(
        first,
        std::fs::read(out.join("thu-tuc/1.000894/index.html")).expect("page")
    );
}

/// The stylesheets and scripts of every page are real files with content: the regression
/// where the built-in theme lacked two files and pages got `src=""`.
fn assert_every_asset_is_linked(out: &Path) {
    let home = std::fs::read_to_string(out.join("index.html")).expect("home page");
    for (what, prefix) in [
        ("stylesheet", "static/css/style."),
        ("search stylesheet", "static/css/search."),
        ("search script", "static/js/search."),
        ("site script", "static/js/site."),
        ("icon", "static/favicon.svg"),
    ] {
        // Links are relative to the page: `./static/…` from the home page.
        let at = home
            .find(&format!("\"./{prefix}"))
            .unwrap_or_else(|| panic!("{what} not linked from the home page"));
        let end = home[at + 1..]
            .find('"')
            .map(|e| at + 1 + e)
            .expect("attribute ends");
        let file = out.join(&home[at + 3..end]);
        let len = std::fs::metadata(&file)
            .unwrap_or_else(|e| panic!("{what} {}: {e}", file.display()))
            .len();
        assert!(len > 0, "{what} is empty");
    }
}

#[test]
fn with_no_argument_commands_say_both_places_they_looked() {
    let empty = outside_the_repository();
    for cmd in [&["check"][..], &["build"], &["serve", "--port", "0"]] {
        let run = run_in(empty.path(), cmd);
        run.assert_code(2);
        assert!(
            run.stderr.contains("./catalogue") && run.stderr.contains("site.yaml"),
            "{cmd:?}: {}",
            run.stderr
        );
    }
    // `./catalogue` wins over a site.yaml beside it, as in this repository.
    let both = outside_the_repository();
    run_in(both.path(), &["init", "catalogue"]).assert_no_errors("init");
    std::fs::write(both.path().join("site.yaml"), "not: a site\n").expect("write");
    run_in(both.path(), &["check"]).assert_no_errors("check picks ./catalogue");
}

#[test]
fn the_shipped_catalogue_builds_to_a_site_whose_every_link_resolves() {
    let tmp = outside_the_repository();
    let out = tmp.path().join("public");
    let base = "https://example.gov.vn/thu-tuc/";
    let catalogue = repo_root().join("catalogue");
    run_in(
        tmp.path(),
        &[
            "build",
            catalogue.to_str().expect("utf-8 path"),
            "-o",
            out.to_str().expect("utf-8 path"),
            "--base-url",
            base,
        ],
    )
    .assert_no_errors("build the shipped catalogue");
    assert_every_asset_is_linked(&out);
    assert_site_ok(&out, base);
}
