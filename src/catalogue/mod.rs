//! The catalogue: loading YAML with positions, validating it, and the typed model.

pub mod emit;
pub mod load;
pub mod model;
pub mod raw;
pub mod schema;
pub mod validate;
pub mod yaml;

use std::path::Path;

use crate::diagnostics::Diagnostics;

pub use model::Catalogue;
pub use validate::{Cache, Options};

/// Runs the load and validate stages. The catalogue is partial when `diags` has errors.
pub fn load_and_validate(root: &Path, opts: &Options) -> (Catalogue, Diagnostics) {
    let mut diags = Diagnostics::new();
    let loaded = load::load(root, &mut diags);
    let catalogue = validate::validate(loaded, opts, &mut diags);
    (catalogue, diags)
}

/// Like [`load_and_validate`], reusing from `cache` the results of procedure files that have
/// not changed since the previous call (for `serve`, which validates after every save).
pub fn load_and_validate_cached(
    root: &Path,
    opts: &Options,
    cache: &mut Cache,
) -> (Catalogue, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut loaded = load::load_skipping(root, &mut diags, &|p| cache.is_fresh(p));
    if !cache.covers(&loaded) {
        // The form files changed, so every cached result is suspect: read everything again.
        *cache = Cache::default();
        diags = Diagnostics::new();
        loaded = load::load(root, &mut diags);
    }
    let catalogue = validate::validate_cached(loaded, opts, &mut diags, cache);
    (catalogue, diags)
}
