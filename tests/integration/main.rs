//! Integration tests: run the real `motcua` binary on fixture catalogues.

mod support;

mod corpus;
mod hostile;
mod positions;
mod schema;
mod snapshots;
