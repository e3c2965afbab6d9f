//! Load + validate throughput on a generated catalogue of 1,000 procedures.
//!
//! `cargo bench --bench check`. The catalogue is generated into a temporary directory when the
//! benchmark starts (examples/gen_catalogue.rs, fixed seed), so runs are comparable.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "../examples/gen_catalogue.rs"]
#[allow(dead_code)]
mod gen_catalogue;

const PROCEDURES: usize = 1_000;

fn options() -> motcua::catalogue::Options {
    motcua::catalogue::Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
    }
}

fn check(root: &Path) -> usize {
    let (catalogue, diags) = motcua::catalogue::load_and_validate(root, &options());
    assert!(!diags.has_errors(), "generated catalogue has errors");
    catalogue.procedures.len()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    gen_catalogue::generate(PROCEDURES, gen_catalogue::DEFAULT_SEED, dir.path()).expect("generate");
    assert_eq!(check(dir.path()), PROCEDURES);

    let mut g = c.benchmark_group("check");
    g.sample_size(10);
    g.measurement_time(std::time::Duration::from_secs(10));
    g.throughput(Throughput::Elements(PROCEDURES as u64));
    g.bench_function("load_validate_1000", |b| b.iter(|| check(dir.path())));
    g.bench_function("load_only_1000", |b| {
        b.iter(|| {
            let mut diags = motcua::diagnostics::Diagnostics::new();
            let loaded = motcua::catalogue::load::load(dir.path(), &mut diags);
            assert!(diags.is_empty());
            loaded.files.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
