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

/// The shipped catalogue for unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use std::path::{Path, PathBuf};

    use super::{Catalogue, Options};

    /// The directory of the shipped catalogue.
    pub(crate) fn shipped_root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogue")
    }

    /// The shipped catalogue, validated with `opts`; fails the test on any error.
    pub(crate) fn shipped(opts: &Options) -> Catalogue {
        validated(&shipped_root(), opts)
    }

    /// A copy of the shipped catalogue in `dir` (so a test may edit its files), validated.
    pub(crate) fn shipped_copy(dir: &Path, opts: &Options) -> Catalogue {
        let src = shipped_root();
        for e in walkdir::WalkDir::new(&src) {
            let e = e.expect("walk");
            let to = dir.join(e.path().strip_prefix(&src).expect("under the catalogue"));
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("mkdir");
            } else {
                std::fs::copy(e.path(), &to).expect("copy");
            }
        }
        validated(dir, opts)
    }

    fn validated(root: &Path, opts: &Options) -> Catalogue {
        let (c, d) = super::load_and_validate(root, opts);
        assert!(!d.has_errors(), "{:?}", d.items());
        c
    }
}
