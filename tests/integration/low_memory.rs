//! `build --memory low`: the catalogue keeps a summary of each procedure and reads each file
//! again when it writes that procedure's own outputs. The site must not change by a byte.

use crate::support::{copy_tree, output_files, repo_root, Fixture};

#[test]
fn a_low_memory_build_writes_the_same_site_as_a_full_one() {
    // The shipped catalogue, copied outside the repository: it has every kind of page
    // (decisions and their annexes, journeys, the calendar, communes, embeds).
    let cat = Fixture::empty();
    copy_tree(&repo_root().join("catalogue"), cat.root(), &[]);
    let out = tempfile::tempdir().expect("tempdir");
    for extra in [&[][..], &["--portable"][..]] {
        let mut sites = Vec::new();
        for memory in ["full", "low"] {
            let dir = out.path().join(format!("{memory}{}", extra.len()));
            let dir_arg = dir.to_str().expect("utf-8").to_string();
            let mut args = vec!["build", ".", "-o", &dir_arg, "--memory", memory];
            args.extend_from_slice(extra);
            cat.run(&args).assert_code(0);
            sites.push(output_files(&dir));
        }
        let (full, low) = (&sites[0], &sites[1]);
        assert!(full.len() > 500, "{} files", full.len());
        assert_eq!(
            full.keys().collect::<Vec<_>>(),
            low.keys().collect::<Vec<_>>(),
            "same files {extra:?}"
        );
        let differing: Vec<&String> = full
            .iter()
            .filter(|(path, bytes)| low.get(*path) != Some(bytes))
            .map(|(path, _)| path)
            .collect();
        assert!(differing.is_empty(), "differ {extra:?}: {differing:?}");
    }
}

#[test]
fn memory_takes_only_its_three_values() {
    let cat = Fixture::base();
    let run = cat.run(&["build", ".", "-o", "out", "--memory", "tiny"]);
    run.assert_code(2);
    assert!(run.stderr.contains("auto"), "{}", run.stderr);
    assert!(!cat.path("out").exists());
}
