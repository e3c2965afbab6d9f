//! Integration tests: run the real `motcua` binary on fixture catalogues.

mod support;

mod cases;
mod check_sample;
mod communes;
mod corpus;
mod cpsv;
mod deadline;
mod embed;
mod exit_codes;
mod generator;
mod grounding;
mod hostile;
mod jsonld;
mod linkcheck;
mod low_memory;
mod open_data;
mod open_json;
mod peer_corpus;
mod portable;
mod positions;
mod publication;
mod publish;
mod schema;
mod snapshots;
mod urls;
mod user_journey;

/// The synthetic catalogue generator, shared with `cargo run --example gen_catalogue`.
#[path = "../../examples/gen_catalogue.rs"]
#[allow(dead_code)]
mod gen_catalogue;

/// The peer-corpus converter, shared with `cargo run --example convert_bench_corpus`.
#[path = "../../examples/convert_bench_corpus.rs"]
#[allow(dead_code)]
mod convert_bench_corpus;
