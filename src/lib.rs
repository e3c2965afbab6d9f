//! motcua: turns a YAML catalogue of administrative procedures into a public website.
//!
//! The pipeline, one module per stage: `catalogue::load` → `catalogue::validate` →
//! `catalogue::model` → `site` (render, write) and `search` (index). `cli` and `cmd` are the
//! thin command-line edge.

pub mod catalogue;
pub mod cli;
pub mod cmd;
pub mod deadline;
pub mod diagnostics;
pub mod export;
pub mod publication;
pub mod search;
pub(crate) mod serve;
pub mod site;
pub(crate) mod text;
