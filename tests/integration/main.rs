//! Integration tests: run the real `motcua` binary on fixture catalogues.

mod support;

mod corpus;
mod exit_codes;
mod generator;
mod hostile;
mod positions;
mod schema;
mod snapshots;

/// The synthetic catalogue generator, shared with `cargo run --example gen_catalogue`.
#[path = "../../examples/gen_catalogue.rs"]
#[allow(dead_code)]
mod gen_catalogue;
