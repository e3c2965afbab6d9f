//! motcua: turns a YAML catalogue of administrative procedures into a public website.
//!
//! The pipeline, one module per stage: `catalogue::load` → `catalogue::validate` →
//! `catalogue::model` → `site` (render, write) and `search` (index).

pub mod catalogue;
pub mod search;
