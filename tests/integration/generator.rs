//! The synthetic catalogue generator (examples/gen_catalogue.rs) must produce catalogues that
//! pass `check`, deterministically.

use std::path::Path;

use crate::gen_catalogue::{generate, procedure, to_yaml, DEFAULT_SEED};
use crate::support::Fixture;

fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn generated_catalogue_of_50_passes_check_cleanly() {
    let fx = Fixture::empty();
    generate(50, DEFAULT_SEED, fx.root()).unwrap();
    let files = tree(fx.root());
    let procedures = files
        .iter()
        .filter(|(p, _)| p.starts_with("procedures"))
        .count();
    assert_eq!(procedures, 50);
    assert!(
        files.iter().any(|(p, _)| p.starts_with("journeys/")),
        "no journeys"
    );
    assert!(
        files.iter().any(|(p, _)| p.starts_with("forms/")),
        "no forms"
    );
    let run = fx.check(&["--deny-warnings"]);
    run.assert_no_panic();
    assert_eq!(
        run.lines(),
        Vec::<String>::new(),
        "generated catalogue has diagnostics"
    );
    run.assert_code(0);
}

#[test]
fn several_seeds_pass_check() {
    for seed in [1, 2, 3, 0xFFFF_FFFF] {
        let fx = Fixture::empty();
        generate(40, seed, fx.root()).unwrap();
        fx.check(&[])
            .assert_no_errors(&format!("the catalogue of seed {seed}"));
    }
}

#[test]
fn generation_is_deterministic_by_seed() {
    let a = Fixture::empty();
    let b = Fixture::empty();
    let c = Fixture::empty();
    generate(30, 7, a.root()).unwrap();
    generate(30, 7, b.root()).unwrap();
    generate(30, 8, c.root()).unwrap();
    assert!(
        tree(a.root()) == tree(b.root()),
        "same seed, different output"
    );
    assert!(
        tree(a.root()) != tree(c.root()),
        "different seeds, same output"
    );
    // Procedure i does not depend on how many are generated.
    assert_eq!(to_yaml(&procedure(5, 7)), to_yaml(&procedure(5, 7)));
    let small = Fixture::empty();
    generate(10, 7, small.root()).unwrap();
    let p5 = procedure(5, 7);
    let rel = format!("procedures/{}/{}.yaml", p5.sector, p5.code);
    assert_eq!(small.read(&rel), a.read(&rel));
}

#[test]
fn generated_text_is_vietnamese_and_varied() {
    let names: std::collections::BTreeSet<String> = (0..200)
        .map(|i| procedure(i, DEFAULT_SEED).name.clone())
        .collect();
    assert!(
        names.len() > 100,
        "only {} distinct names in 200",
        names.len()
    );
    assert!(
        names.iter().all(|n| !n.is_ascii()),
        "names must be Vietnamese"
    );
    let codes: std::collections::BTreeSet<String> = (0..2000)
        .map(|i| procedure(i, DEFAULT_SEED).code.clone())
        .collect();
    assert_eq!(codes.len(), 2000, "procedure codes must be unique");
}
