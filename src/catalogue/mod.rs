//! The catalogue: loading YAML with positions, validating it, and the typed model.

pub mod load;
pub mod model;
pub mod raw;
pub mod schema;
pub mod validate;
pub mod yaml;

use std::path::Path;

use crate::diagnostics::Diagnostics;

pub use model::Catalogue;
pub use validate::Options;

/// Runs the load and validate stages. The catalogue is partial when `diags` has errors.
pub fn load_and_validate(root: &Path, opts: &Options) -> (Catalogue, Diagnostics) {
    let mut diags = Diagnostics::new();
    let loaded = load::load(root, &mut diags);
    let catalogue = validate::validate(loaded, opts, &mut diags);
    (catalogue, diags)
}
