//! One benchmark per pipeline stage on a generated catalogue of 1,000 procedures: load (walk +
//! parse), load + validate, the static search index, rendering the whole site into memory, and
//! the whole `build` command writing to disk.
//!
//! `cargo bench --bench stages`. The catalogue comes from examples/gen_catalogue.rs with its
//! fixed seed, so runs are comparable; whole-site figures against the peers are `bench/run.sh`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "../examples/gen_catalogue.rs"]
#[allow(dead_code)]
mod gen_catalogue;

const PROCEDURES: usize = 1_000;

fn options() -> motcua::catalogue::Options {
    motcua::catalogue::Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
        ..Default::default()
    }
}

fn catalogue(root: &Path) -> motcua::catalogue::Catalogue {
    let (catalogue, diags) = motcua::catalogue::load_and_validate(root, &options());
    assert!(!diags.has_errors(), "generated catalogue has errors");
    catalogue
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    gen_catalogue::generate(PROCEDURES, gen_catalogue::DEFAULT_SEED, dir.path()).expect("generate");
    let cat = catalogue(dir.path());
    assert_eq!(cat.procedures.len(), PROCEDURES);
    let build_opts = motcua::site::BuildOptions {
        today: options().today,
        ..Default::default()
    };

    let mut g = c.benchmark_group("stages");
    g.sample_size(10);
    g.measurement_time(std::time::Duration::from_secs(10));
    g.throughput(Throughput::Elements(PROCEDURES as u64));
    g.bench_function("load_1000", |b| {
        b.iter(|| {
            let mut diags = motcua::diagnostics::Diagnostics::new();
            let loaded = motcua::catalogue::load::load(dir.path(), &mut diags);
            assert!(diags.is_empty());
            loaded.files.len()
        })
    });
    g.bench_function("load_validate_1000", |b| {
        b.iter(|| catalogue(dir.path()).procedures.len())
    });
    g.bench_function("index_1000", |b| {
        let out = tempfile::tempdir().expect("tempdir");
        b.iter(|| {
            let docs = motcua::site::index::search_docs(&cat).expect("docs");
            motcua::search::write_static_index(&docs, out.path())
                .expect("index")
                .docs
        })
    });
    g.bench_function("render_site_in_memory_1000", |b| {
        b.iter(|| {
            motcua::site::render_site(&cat, &build_opts)
                .expect("render")
                .files
                .len()
        })
    });
    // The same build keeping summaries and reading each procedure again (`--memory low`, the
    // mode national catalogues get): its cost over the full build is the second parse.
    for (name, memory) in [
        (
            "build_to_disk_1000",
            motcua::catalogue::validate::Memory::Full,
        ),
        (
            "build_to_disk_1000_low_memory",
            motcua::catalogue::validate::Memory::Low,
        ),
    ] {
        g.bench_function(name, |b| {
            let out = tempfile::tempdir().expect("tempdir");
            let public = out.path().join("public");
            b.iter(|| {
                let code = motcua::cmd::build::run(&motcua::cmd::build::BuildArgs {
                    catalogue: dir.path(),
                    out: &public,
                    base_url: None,
                    force: false,
                    verbose: false,
                    portable: false,
                    format: motcua::diagnostics::Format::Short,
                    memory,
                });
                assert_eq!(code, 0);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
