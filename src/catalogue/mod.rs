//! The catalogue: loading YAML with positions, validating it, and the typed model.

pub mod raw;
