//! Which output files depend on a procedure, so `serve` can re-render only those after an edit.
//! Each page kind in [`super::pages`] says which of its pages show a procedure; this adds the
//! procedure's JSON record and the pages of procedures that name it.

use std::collections::BTreeSet;

use super::pages;
use super::urls;
use crate::catalogue::model::Catalogue;

/// Output files (site-relative, e.g. `linh-vuc/ho-tich/index.html`) whose contents depend on the
/// procedure `code` as it is in `c`. Empty when `c` has no such procedure, except for the pages
/// of other procedures that name it.
pub fn procedure_dependents(c: &Catalogue, code: &str) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = pages::naming(c, code).into_iter().collect();
    if let Some(p) = c.procedure(code) {
        out.extend(pages::showing(c, p));
        out.insert(urls::procedure_json(code));
    }
    out
}
