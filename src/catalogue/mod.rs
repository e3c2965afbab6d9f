//! The catalogue: loading YAML with positions, validating it, and the typed model.

pub mod calendar;
pub mod communes;
pub mod decision;
pub mod emit;
pub mod load;
pub mod model;
mod node_de;
mod one_file;
pub mod raw;
pub mod schema;
pub(crate) mod url;
pub mod validate;
pub(crate) mod yaml;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;

pub use model::Catalogue;
pub use validate::{Cache, Options};

/// Runs the load and validate stages. The catalogue is partial when `diags` has errors.
pub fn load_and_validate(root: &Path, opts: &Options) -> (Catalogue, Diagnostics) {
    let mut diags = Diagnostics::new();
    let catalogue = validate::load_and_check(root, opts, &mut diags, None, None);
    (catalogue, diags)
}

/// Like [`load_and_validate`], reusing from `cache` the results of files that have not
/// changed since the previous call (for `serve`, which validates after every save). `changed`
/// is what the file watcher reported; when it names only procedure files, the catalogue is
/// not walked again and only those files are read.
pub fn load_and_validate_cached(
    root: &Path,
    opts: &Options,
    cache: &mut Cache,
    changed: Option<&BTreeSet<PathBuf>>,
) -> (Catalogue, Diagnostics) {
    let mut diags = Diagnostics::new();
    let catalogue = validate::load_and_check(root, opts, &mut diags, Some(cache), changed);
    (catalogue, diags)
}
